// The must-show of issue 18, as a user meets it: a fresh Vite 8 + TypeScript app (create-vite's
// vanilla-ts tsconfig, with the one-time set-up docs/plugin.md "TypeScript" gives) installs the
// packed package from the registry. `vite build` and `mako-check --emit` write the template's
// declaration, `tsc --noEmit` passes for the README's own `page.render({ items })` and fails
// for data that does not fit the page args, and `mako-check` reports a misspelt field at the
// template's line and column. On the registry's TypeScript 7 (the native port) and 5.9.
//
// Needs the npm registry (npm's cache makes reruns fast). `npm run test:matrix` runs it.
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../e2e/harness.js'
import { node, npm, pack } from './pack.js'

const typescripts = [
  { name: 'typescript 7', range: '^7' },
  { name: 'typescript 5.9', range: '~5.9' },
]

/** exit code and stdout of a command that may fail */
const outcome = (p: Promise<{ stdout: string }>) => p.then(
  (r) => ({ code: 0, out: r.stdout }),
  (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
)

describe('a fresh Vite + TypeScript app from the packed package', () => {
  let work: string
  let tarball: string

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'mako-tsapp-'))
    tarball = await pack(work)
  }, 120_000)
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true })
  })

  it.concurrent.each(typescripts.map((ts, index) => ({ ...ts, index })))('$name', async ({ name, range, index }) => {
    const dir = join(work, `app-${index}`)
    cpSync(join(repoRoot, 'test/matrix/ts-app'), dir, { recursive: true })
    writeFileSync(join(dir, 'package.json'), JSON.stringify({
      name: `mako-tsapp-${index}`, private: true, type: 'module',
      devDependencies: { 'vite-plugin-mako': `file:${tarball}`, vite: '^8', typescript: range },
    }, null, 2))
    const times: string[] = []
    const step = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
      const t = Date.now()
      const value = await fn()
      times.push(`${what} ${((Date.now() - t) / 1000).toFixed(1)} s`)
      return value
    }
    await step('npm install', () => npm(['install'], dir))
    const tsc = (...args: string[]) => outcome(node(dir, [join(dir, 'node_modules/typescript/bin/tsc'), ...args]))
    const makoCheck = (...args: string[]) => outcome(node(dir, [join(dir, 'node_modules/.bin/mako-check'), ...args]))
    const declaration = join(dir, 'src/templates/index.d.mako.ts')

    // vite build compiles the template and writes its declaration next to it
    await step('vite build', () => node(dir, [join(dir, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']))
    expect(existsSync(join(dir, 'dist/index.html'))).toBe(true)
    const written = readFileSync(declaration, 'utf8')
    expect(written).toContain("import type { Item } from '../types'")
    expect(written).toContain('VitePluginMako.Template<{ items: Item[]; title?: string }, string, { row: [item: Item]; summary: [count: number] }>')

    // right data, the README's `document.body.innerHTML = page.render({ items })` included
    expect(await step('tsc', () => tsc('--noEmit', '--pretty', 'false'))).toEqual({ code: 0, out: '' })

    // data that does not fit the page args: tsc fails at that file, line and column
    copyFileSync(join(dir, 'src/wrong.ts.txt'), join(dir, 'src/wrong.ts'))
    const wrong = await step('tsc (wrong data)', () => tsc('--noEmit', '--pretty', 'false'))
    expect(wrong.code).not.toBe(0)
    expect(wrong.out.split('\n').filter((l) => /error TS/.test(l))).toEqual([
      "src/wrong.ts(4,64): error TS2322: Type 'string' is not assignable to type 'number'.",
    ])
    rmSync(join(dir, 'src/wrong.ts'))

    // mako-check --emit writes the same declaration without Vite, and finds nothing to report
    // (with create-vite's noUnusedLocals and noUnusedParameters on: `summary` is rendered only
    // through getDef in main.ts)
    rmSync(declaration)
    expect(await step('mako-check --emit', () => makoCheck('--emit'))).toEqual({ code: 0, out: 'no errors\n' })
    expect(readFileSync(declaration, 'utf8')).toBe(written)

    // a misspelt field in the template: reported at the template's line and column
    const template = join(dir, 'src/templates/index.mako')
    writeFileSync(template, readFileSync(template, 'utf8').replace('${item.name}', '${item.nmae}'))
    const bad = await step('mako-check (misspelt)', () => makoCheck())
    expect(bad.code).toBe(1)
    expect(bad.out).toContain("src/templates/index.mako:6:14 - error TS2339: Property 'nmae' does not exist on type 'Item'.")
    expect(bad.out).toContain('6 |   <li>${item.nmae}: ${item.price.toFixed(2)}</li>\n  |              ^')
    expect(bad.out).toMatch(/\n1 error\n$/)
    const json = JSON.parse((await makoCheck('--format', 'json')).out) as { file: string; line: number; column: number; code: string }[]
    expect(json.map(({ file, line, column, code }) => ({ file, line, column, code }))).toEqual([
      { file: 'src/templates/index.mako', line: 6, column: 13, code: 'TS2339' },
    ])
    console.log(`[matrix] ${name}: ${times.join(', ')}`)
  }, 300_000)
})
