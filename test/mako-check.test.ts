// mako-check (SPEC 13): type errors in templates, reported at the template's file, line and column.
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { check } from '../src/check/cli.js'
import { checkModule, toTemplate } from '../src/check/generate.js'
import { makeProject, repoRoot } from './e2e/harness.js'

const run = promisify(execFile)

function project(name: string): ReturnType<typeof makeProject> {
  const p = makeProject(join(repoRoot, 'test/typed', name), 'mako-check-')
  symlinkSync(join(repoRoot, 'node_modules/typescript'), join(p.dir, 'node_modules/typescript'), 'dir')
  return p
}

describe('the TypeScript of a template', () => {
  it('copies every fragment as written, and maps each copy back to its template offset', () => {
    const src = '<%page args="n: number"/>\n% if n > 1:\n${n.toFixed(2) | h}\n% endif\n<% const s: string = `x` %>'
    const m = checkModule(src)
    expect(m.typed).toBe(true)
    for (const s of m.segments) expect(m.code.slice(s.generated, s.generated + s.length)).toBe(src.slice(s.template, s.template + s.length))
    const at = m.code.indexOf('toFixed')
    expect(toTemplate(m.segments, at)).toBe(src.indexOf('toFixed'))
    expect(m.code).toContain('function __mako_body(n: number')
  })

  it('templates without typed page args read their context names as any', () => {
    expect(checkModule('<%page args="a"/>${a.b}').typed).toBe(false)
    const m = checkModule('${a.b}<% const c = d %>${c}')
    expect(m.typed).toBe(false)
    expect(m.code).toContain('declare const a: any, d: any;')
  })
})

describe('mako-check on fixture projects', () => {
  const projects: ReturnType<typeof makeProject>[] = []
  let errors: ReturnType<typeof makeProject>
  let clean: ReturnType<typeof makeProject>
  beforeAll(() => {
    projects.push((errors = project('errors')), (clean = project('project')))
  })
  afterAll(() => projects.forEach((p) => p.dispose()))

  it('reports exactly the deliberate errors, at their template positions', async () => {
    const d = await check({ dir: errors.dir, format: 'json', emit: false })
    expect(d.map(({ file, line, column, code }) => ({ file, line, column, code }))).toEqual([
      // ${item.nmae}: a misspelt field
      { file: 'list.mako', line: 11, column: 9, code: 'TS2339' },
      // ${row(items[0])}: row takes two arguments
      { file: 'list.mako', line: 13, column: 2, code: 'TS2554' },
      // <% const shown: number = title %>: a string where a number is declared
      { file: 'list.mako', line: 14, column: 9, code: 'TS2322' },
      // <%include file="./row.mako" args="n='x'"/>: row.mako's page arg n is a number
      { file: 'list.mako', line: 18, column: 34, code: 'TS2322' },
      // <%include ... args="n=1, lable='a'"/>: a misspelt include arg
      { file: 'list.mako', line: 19, column: 39, code: 'TS2561' },
    ])
    expect(d[0].message).toMatch(/Property 'nmae' does not exist on type 'Item'/)
    expect(d[0].frame).toContain('11 |   ${item.nmae}')
  }, 60_000)

  it('reports nothing for a clean project', async () => {
    expect(await check({ dir: clean.dir, format: 'text', emit: false })).toEqual([])
  }, 60_000)

  it('an error of no file (a types entry that does not resolve) is reported at the tsconfig, not dropped as "no errors"', async () => {
    const p = project('project')
    projects.push(p)
    const config = join(p.dir, 'tsconfig.json')
    writeFileSync(config, readFileSync(config, 'utf8').replace('"types": ["vite-plugin-mako/client"]', '"types": ["vite-plugin-mako/client", "no-such-types"]'))
    const d = await check({ dir: p.dir, format: 'json', emit: false })
    expect(d.map(({ file, line, code }) => ({ file, line, code }))).toEqual([{ file: 'tsconfig.json', line: 1, code: 'TS2688' }])
    expect(d[0].message).toContain("Cannot find type definition file for 'no-such-types'")
  }, 60_000)

  it("the project's unused-name checks (create-vite's tsconfig has them) do not flag defs, page args or <%! %> names the template itself does not read", async () => {
    const p = project('project')
    projects.push(p)
    const config = join(p.dir, 'tsconfig.json')
    writeFileSync(config, readFileSync(config, 'utf8').replace('"strict": true,', '"strict": true, "noUnusedLocals": true, "noUnusedParameters": true,'))
    // page.mako: its page arg `mode`, its def `row` (read only by its loop) and `total` of <%! %> are not all read
    writeFileSync(join(p.dir, 'only-defs.mako'), '<%def name="summary(count: number)">x</%def>\n<%page args="n: number, unread: string"/>${n}\n')
    expect(await check({ dir: p.dir, format: 'json', emit: false })).toEqual([])
  }, 60_000)

  it('<%call expr> and <%self:def> tags are checked against the def, caller.body(...) against the args of the calls', async () => {
    const p = project('calls')
    projects.push(p)
    const d = await check({ dir: p.dir, format: 'json', emit: false })
    expect(d.map(({ file, line, column, code }) => ({ file, line, column, code }))).toEqual([
      // pair's caller.body(a): one <%call> body takes a number, the other a string: nothing fits both
      { file: 'calls.mako', line: 5, column: 58, code: 'TS2345' },
      // <%call expr="box(items.length)">: box takes a string
      { file: 'calls.mako', line: 9, column: 17, code: 'TS2345' },
      // <%self:box title="${items.length}">: the attribute binds to title, a string
      { file: 'calls.mako', line: 13, column: 11, code: 'TS2322' },
      // <%self:box titel=...>: a misspelt parameter
      { file: 'calls.mako', line: 14, column: 11, code: 'TS2561' },
      // <%self:box> without title: at the tag
      { file: 'calls.mako', line: 15, column: 0, code: 'TS2345' },
      // <%call expr="box('a', 'b')">: one argument too many
      { file: 'calls.mako', line: 16, column: 22, code: 'TS2554' },
    ])
    expect(d[0].message).toContain("parameter of type 'never'")
    expect(d[3].message).toContain("'titel' does not exist in type '{ title: string; }'. Did you mean to write 'title'?")
    expect(d[4].message).toContain("Property 'title' is missing")
  }, 60_000)

  it('`loop` in a `% for` body is Mako\'s loop context: its fields and loop.parent are typed', async () => {
    const p = project('loops')
    projects.push(p)
    const d = await check({ dir: p.dir, format: 'json', emit: false })
    // (cycle, index, length and loop.parent.index are fine)
    expect(d.map(({ file, line, column, code }) => ({ file, line, column, code }))).toEqual([
      // % if loop.frist:
      { file: 'list.mako', line: 4, column: 10, code: 'TS2551' },
      // ${loop.index.toUpperCase()}: index is a number
      { file: 'list.mako', line: 7, column: 13, code: 'TS2339' },
      // ${loop.parent.idx}
      { file: 'list.mako', line: 9, column: 35, code: 'TS2339' },
    ])
  }, 60_000)

  it('<%namespace file="x.mako"> calls and <%ns:def> tags are checked against that template\'s defs; a ${} file or module= namespace is any', async () => {
    const p = project('namespaces')
    projects.push(p)
    const d = await check({ dir: p.dir, format: 'json', emit: false })
    // (clean.mako: the same calls, correct, plus dyn (file="${which}") and mod (module=): nothing)
    expect(d.map(({ file, line, column, code }) => ({ file, line, column, code }))).toEqual([
      // ${ui.button(title)}: button takes two arguments
      { file: 'page.mako', line: 4, column: 5, code: 'TS2554' },
      // ${ui.button(title, 'x', 3)}: one too many
      { file: 'page.mako', line: 5, column: 24, code: 'TS2554' },
      // ${ui.buton(...)}: lib/ui.mako has no def buton
      { file: 'page.mako', line: 6, column: 5, code: 'TS2551' },
      // <%ui:button ... id="${42}"/>: id is a string
      { file: 'page.mako', line: 7, column: 29, code: 'TS2322' },
      // <%ui:row item="${title}"/>: item is an Item (a type of lib/ui.mako's own imports)
      { file: 'page.mako', line: 8, column: 9, code: 'TS2322' },
      // <%ui:row itme=...>: a misspelt parameter
      { file: 'page.mako', line: 9, column: 9, code: 'TS2353' },
      // ${ui.row(item, 'two')}: n is a number
      { file: 'page.mako', line: 10, column: 15, code: 'TS2345' },
    ])
    expect(d[2].message).toContain("Did you mean 'button'?")
    expect(d[5].message).toContain("'itme' does not exist")
  }, 60_000)

  it('async templates loop over Promises of iterables and async iterables, with the element type; sync ones do not', async () => {
    const p = project('async')
    projects.push(p)
    const at = (d: Awaited<ReturnType<typeof check>>) => d.map(({ line, column, code }) => `${line}:${column} ${code}`)
    // the one deliberate error: item of an AsyncIterable<Item> is an Item, and it has no nmae
    expect(at(await check({ dir: p.dir, format: 'json', emit: false, async: true }))).toEqual(['9:32 TS2339'])
    // compiled sync, the Promise and the async iterable are errors (TypeScript's own: not an array type / no iterator)
    const sync = at(await check({ dir: p.dir, format: 'json', emit: false }))
    expect(sync.filter((x) => !/TS2339$/.test(x)).map((x) => x.split(' ')[0])).toEqual(['5:14', '8:14', '15:17'])
  }, 60_000)

  it('templates without typed page args: def calls and include args are still checked, context names are any', async () => {
    const p = project('loose')
    projects.push(p)
    const d = await check({ dir: p.dir, format: 'json', emit: false })
    expect(d.map(({ file, line, column, code }) => ({ file, line, column, code }))).toEqual([
      // ${row(item)}: row takes two arguments
      { file: 'list.mako', line: 4, column: 2, code: 'TS2554' },
      // ${row(items[0], 1, 2)}: one too many
      { file: 'list.mako', line: 6, column: 19, code: 'TS2554' },
      // count.mako's typed page arg n is a number
      { file: 'list.mako', line: 7, column: 36, code: 'TS2322' },
    ])
  }, 60_000)

  const built = join(repoRoot, 'dist/check/cli.js')
  it.skipIf(!existsSync(built))('the command prints file:line:col with a code frame and exits 1 on errors, 0 without', async () => {
    const node = (dir: string, ...args: string[]) => run(process.execPath, [built, ...args], { cwd: dir }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    )
    const bad = await node(errors.dir)
    expect(bad.code).toBe(1)
    expect(bad.out).toContain("list.mako:11:10 - error TS2339: Property 'nmae' does not exist on type 'Item'.")
    expect(bad.out).toContain('   |          ^')
    expect(bad.out).toContain('5 errors')
    const good = await node(clean.dir)
    expect(good).toEqual({ code: 0, out: 'no errors\n' })
  }, 60_000)

  it.skipIf(!existsSync(built))('--watch checks again when a template changes', async () => {
    const child = spawn(process.execPath, [built, '--watch'], { cwd: errors.dir })
    let out = ''
    child.stdout.on('data', (d) => (out += String(d)))
    const until = async (text: string) => {
      for (let i = 0; i < 1200 && !out.includes(text); i++) await new Promise((r) => setTimeout(r, 50))
      expect(out).toContain(text)
    }
    try {
      await until('5 errors')
      const file = join(errors.dir, 'list.mako')
      writeFileSync(file, readFileSync(file, 'utf8').replace('item.nmae', 'item.name'))
      await until('4 errors')
    } finally {
      child.kill()
    }
  }, 120_000)
})

describe("mako-check reads the plugin's options from the Vite config", () => {
  const projects: ReturnType<typeof makeProject>[] = []
  afterAll(() => projects.forEach((p) => p.dispose()))
  /** the fixture project with `config` as its Vite config (none: undefined); the type of page.mako's render after `--emit` */
  const emitted = async (config: { file: string; text: string } | undefined, options: { async?: boolean; config?: string } = {}) => {
    const p = project('project')
    projects.push(p)
    rmSync(join(p.dir, 'vite.config.js'))
    if (config) {
      mkdirSync(dirname(join(p.dir, config.file)), { recursive: true })
      writeFileSync(join(p.dir, config.file), config.text)
    }
    expect(await check({ dir: p.dir, format: 'json', emit: true, ...options })).toEqual([])
    return /VitePluginMako\.Template<\{.*?\}, (.*?), \{/.exec(readFileSync(join(p.dir, 'page.d.mako.ts'), 'utf8'))![1]
  }

  it('async: true in mako() makes --emit type render as Promise<string>', async () => {
    expect(await emitted({ file: 'vite.config.js', text: "import mako from 'vite-plugin-mako'\nexport default { plugins: [mako({ async: true })] }\n" })).toBe('Promise<string>')
  }, 60_000)

  it('a vite.config.ts of a function, the plugin in a nested array, async for the server only: string | Promise<string>', async () => {
    const text = "import { defineConfig } from 'vite'\nimport mako from 'vite-plugin-mako'\nconst n: number = 1\nexport default defineConfig(({ command }) => ({ plugins: [[command === 'build' && n === 1 ? mako({ ssr: { async: true } }) : null]] }))\n"
    expect(await emitted({ file: 'vite.config.ts', text })).toBe('string | Promise<string>')
  }, 60_000)

  it('without async in the config, or without a config, render returns string; --async says async without one; --config names the file', async () => {
    expect(await emitted({ file: 'vite.config.js', text: "import mako from 'vite-plugin-mako'\nexport default { plugins: [mako({ root: '.' })] }\n" })).toBe('string')
    expect(await emitted(undefined)).toBe('string')
    expect(await emitted(undefined, { async: true })).toBe('Promise<string>')
    expect(await emitted({ file: 'config/vite.app.mjs', text: "import mako from 'vite-plugin-mako'\nexport default { plugins: [mako({ async: true })] }\n" }, { config: 'config/vite.app.mjs' })).toBe('Promise<string>')
  }, 120_000)
})
