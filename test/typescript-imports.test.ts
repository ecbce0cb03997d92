// Typed imports (SPEC 13): the plugin writes `page.d.mako.ts` next to each template it compiles,
// and tsc checks the data a .ts file passes to a template import against the page args.
import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { templateDeclaration } from '../src/compiler/index.js'
import { makeProject, repoRoot } from './e2e/harness.js'

const run = promisify(execFile)

describe('templateDeclaration', () => {
  it('types render data from typed page args (a default makes one optional) and getDef from def parameters', () => {
    const d = templateDeclaration("<%!\nimport type { Item } from './types'\ntype Mode = 'a' | 'b'\n%><%page args=\"title: string, items: Item[] = [], mode: Mode = 'a'\"/><%def name=\"row(item: Item, i?: number)\">x</%def>")
    expect(d).toContain("import type { Item } from './types'")
    expect(d).toContain("type Mode = 'a' | 'b'")
    expect(d).toContain('VitePluginMako.Template<{ title: string; items?: Item[]; mode?: Mode }, string, { row: [item: Item, i?: number] }>')
  })

  it('untyped page args take any object; async templates return Promise<string>', () => {
    expect(templateDeclaration('<%page args="a, b"/>${a}', { async: true })).toContain('VitePluginMako.Template<object, Promise<string>, { }>')
    expect(templateDeclaration('${a}', { async: 'both' })).toContain('Template<object, string | Promise<string>, { }>')
  })

  it('rest and destructured page args leave the other keys open', () => {
    expect(templateDeclaration('<%page args="n: number, ...rest"/>')).toContain('Template<{ n: number } & Record<string, unknown>, string')
  })
})

describe('a TypeScript project importing templates', () => {
  let project: ReturnType<typeof makeProject>
  const tsc = (...args: string[]) => run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), ...args], { cwd: project.dir }).then(
    () => ({ code: 0, out: '' }),
    (err: { code: number; stdout: string }) => ({ code: err.code, out: err.stdout }),
  )

  beforeAll(async () => {
    project = makeProject(join(repoRoot, 'test/typed/project'), 'mako-typed-')
    await run(process.execPath, [join(project.dir, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: project.dir })
  }, 120_000)
  afterAll(() => project?.dispose())

  it('vite build writes page.d.mako.ts next to each template', () => {
    const d = readFileSync(join(project.dir, 'page.d.mako.ts'), 'utf8')
    expect(d).toContain('{ title: string; items?: Item[]; mode?: Mode }')
    expect(existsSync(join(project.dir, 'plain.d.mako.ts'))).toBe(true)
  })

  it('tsc passes for right data (the README\'s `innerHTML = page.render(...)` included)', async () => {
    expect(await tsc('-p', '.', '--pretty', 'false')).toEqual({ code: 0, out: '' })
  }, 60_000)

  it('tsc fails for data that does not match the page args or def parameters, at each line', async () => {
    copyFileSync(join(project.dir, 'bad.ts.txt'), join(project.dir, 'bad.ts'))
    const { code, out } = await tsc('--noEmit', '--pretty', 'false', '--strict', '--target', 'es2022', '--module', 'preserve', '--moduleResolution', 'bundler',
      '--lib', 'es2022,dom', '--allowArbitraryExtensions', '--types', 'vite-plugin-mako/client', 'bad.ts')
    expect(code).not.toBe(0)
    const errors = out.split('\n').filter((l) => l.startsWith('bad.ts(')).map((l) => /^bad\.ts\((\d+),\d+\): error (TS\d+)/.exec(l)!.slice(1).join(' '))
    expect(errors).toEqual(['3 TS2561', '4 TS2322', '5 TS2554', '6 TS2322', '7 TS2345', '8 TS2345', '9 TS2345', '10 TS2322'])
  }, 60_000)
})
