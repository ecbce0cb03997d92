// The playground is a TypeScript project (SPEC 13): its templates pass mako-check and its
// server and entries pass `tsc --noEmit`, against the declarations mako-check writes.
import { execFile } from 'node:child_process'
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { check } from '../src/check/cli.js'
import { makeProject, repoRoot } from './e2e/harness.js'

const run = promisify(execFile)
const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc')

describe('the playground type-checks', () => {
  let project: ReturnType<typeof makeProject>
  beforeAll(() => {
    // a copy, as a user's project: the package, typescript and @types/node in its node_modules
    project = makeProject(join(repoRoot, 'playground'), 'mako-playground-')
    for (const dep of ['typescript', '@types']) symlinkSync(join(repoRoot, 'node_modules', dep), join(project.dir, 'node_modules', dep), 'dir')
  })
  afterAll(() => project?.dispose())

  it('mako-check finds no errors in its templates, and tsc --noEmit none in its TypeScript', async () => {
    // --emit writes each template's .d.mako.ts, which tsc then checks the entries' data against
    const diagnostics = await check({ dir: project.dir, format: 'json', emit: true })
    expect(diagnostics).toEqual([])
    const { stdout } = await run(process.execPath, [tsc, '-p', join(project.dir, 'tsconfig.json'), '--pretty', 'false']).catch((err: { stdout: string; code: number }) => ({ stdout: `exit ${err.code}\n${err.stdout}` }))
    expect(stdout).toBe('')
  }, 120_000)

  it('a template reading a misspelt page arg, and data that does not match a page, fail the check', async () => {
    const index = join(project.dir, 'src/templates/pages/index.mako')
    const original = readFileSync(index, 'utf8')
    try {
      writeFileSync(index, original.replace('${title}</h1>', '${titel}</h1>').replace('title: string', 'title: number'))
      const diagnostics = await check({ dir: project.dir, format: 'json', emit: true })
      expect(diagnostics.map(({ file, code }) => ({ file, code }))).toEqual([{ file: 'src/templates/pages/index.mako', code: 'TS2552' }])
      // the page now wants a number for title: the server's PageData (a string) no longer fits
      const failed = await run(process.execPath, [tsc, '-p', join(project.dir, 'tsconfig.json'), '--pretty', 'false']).then(() => '', (err: { stdout: string }) => err.stdout)
      expect(failed).toMatch(/src\/entry-server\.ts\(\d+,\d+\): error TS2322/)
    } finally {
      writeFileSync(index, original)
    }
  }, 120_000)
})
