// TemplateLookup on disk: uri rules, filesystem checks, collection size, moduleDirectory across processes.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TemplateLookup, TemplateLookupException } from '../src/index.js'

const fixture = join(__dirname, 'fixtures/layout')
const tmp = mkdtempSync(join(tmpdir(), 'mako-lookup-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim()
const EXPECTED = collapse(`<!doctype html> <html><head><title>Home</title></head> <body> <h1>Welcome</h1> <main class="section"> <ul>
  <li class="even">a</li> <li class="odd">&lt;b&gt;</li> </ul> <div class="card"><h2>Note</h2>n&amp;m</div> </main>
  <footer>section footer / base footer</footer> </body></html>`)

describe('TemplateLookup on disk', () => {
  it('renders a 3-level layout chain with blocks and a namespace of defs from files', () => {
    const lookup = new TemplateLookup({ directories: [fixture] })
    const out = lookup.getTemplate('/pages/index.mako').render({ items: ['a', '<b>'], note: 'n&m' })
    expect(collapse(out)).toBe(EXPECTED)
  })

  it('reuses compiled modules from moduleDirectory in a new process without recompiling', () => {
    const moduleDirectory = join(tmp, 'modules')
    const script = `
      import { TemplateLookup } from ${JSON.stringify(join(__dirname, '../dist/index.js'))}
      const lookup = new TemplateLookup({ directories: [${JSON.stringify(fixture)}], moduleDirectory: ${JSON.stringify(moduleDirectory)} })
      const t = lookup.getTemplate('/pages/index.mako')
      const out = t.render({ items: ['a', '<b>'], note: 'n&m' })
      const reused = ['/pages/index.mako', '/layouts/section.mako', '/layouts/base.mako', '/lib/ui.mako'].map((u) => lookup.getTemplate(u).fromModuleDirectory)
      console.log(JSON.stringify({ out, reused }))`
    const run = () => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }))
    const first = run()
    expect(collapse(first.out)).toBe(EXPECTED)
    expect(first.reused).toEqual([false, false, false, false])
    expect(readdirSync(join(moduleDirectory, 'pages'))).toContain('index.mako.js')
    const second = run()
    expect(collapse(second.out)).toBe(EXPECTED)
    expect(second.reused).toEqual([true, true, true, true])
  })

  it('recompiles an edited file on the next getTemplate (filesystemChecks, filesystemCheckInterval 0)', () => {
    const dir = join(tmp, 'fs')
    cpSync(fixture, dir, { recursive: true })
    const lookup = new TemplateLookup({ directories: [dir], filesystemCheckInterval: 0 })
    const t1 = lookup.getTemplate('/lib/ui.mako')
    expect(lookup.getTemplate('/lib/ui.mako')).toBe(t1)
    writeFileSync(join(dir, 'lib/ui.mako'), '<%def name="item(it, i)">[${it}]</%def><%def name="card(title)">${caller.body()}</%def>')
    const later = new Date(Date.now() + 5000)
    utimesSync(join(dir, 'lib/ui.mako'), later, later)
    const t2 = lookup.getTemplate('/lib/ui.mako')
    expect(t2).not.toBe(t1)
    expect(lookup.getTemplate('/pages/index.mako').render({ items: ['x'], note: '' })).toContain('[x]')
  })

  it('keeps at most collectionSize compiled templates', () => {
    const lookup = new TemplateLookup({ collectionSize: 2 })
    for (const n of ['a', 'b', 'c']) lookup.putString(`${n}.mako`, n)
    const a = lookup.getTemplate('a.mako')
    lookup.getTemplate('b.mako')
    lookup.getTemplate('c.mako')
    // 'a' was evicted: a new compile gives a new object with the same output
    const a2 = lookup.getTemplate('a.mako')
    expect(a2).not.toBe(a)
    expect(a2.render()).toBe('a')
  })

  it('resolves relative uris against the calling template and /-rooted ones against the root', () => {
    const lookup = new TemplateLookup()
    expect(lookup.adjustUri('b.mako', '/dir/a.mako')).toBe('/dir/b.mako')
    expect(lookup.adjustUri('../b.mako', '/dir/sub/a.mako')).toBe('/dir/b.mako')
    expect(lookup.adjustUri('/x/b.mako', '/dir/a.mako')).toBe('/x/b.mako')
    lookup.putString('/dir/a.mako', '<%include file="b.mako"/>|<%include file="../top.mako"/>')
    lookup.putString('/dir/b.mako', 'B')
    lookup.putString('/top.mako', 'T')
    expect(lookup.getTemplate('/dir/a.mako').render()).toBe('B|T')
    expect(lookup.hasTemplate('/dir/b.mako')).toBe(true)
    expect(lookup.hasTemplate('/nope.mako')).toBe(false)
  })

  it('rejects a uri that climbs above the root, naming it', () => {
    const lookup = new TemplateLookup({ directories: [fixture] })
    expect(() => lookup.getTemplate('/../secret.mako')).toThrow(/\/\.\.\/secret\.mako/)
    lookup.putString('a.mako', '<%include file="../../etc/passwd"/>')
    expect(() => lookup.getTemplate('a.mako').render()).toThrow(TemplateLookupException)
  })

  it('names the uri and the template and line that asked for a missing template', () => {
    const lookup = new TemplateLookup()
    lookup.putString('main.mako', 'line one\n<%include file="missing.mako"/>')
    let err: any
    try {
      lookup.getTemplate('main.mako').render()
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(TemplateLookupException)
    expect(err.message).toMatch(/missing\.mako/)
    expect(err.message).toMatch(/main\.mako/)
    expect(err.line).toBe(2)
  })

  it('reports inheritance and include cycles as such', () => {
    const lookup = new TemplateLookup()
    lookup.putString('a.mako', '<%inherit file="b.mako"/>')
    lookup.putString('b.mako', '<%inherit file="a.mako"/>')
    expect(() => lookup.getTemplate('a.mako').render()).toThrow(/Inheritance cycle/)
    lookup.putString('i.mako', 'x<%include file="j.mako"/>')
    lookup.putString('j.mako', 'y<%include file="i.mako"/>')
    expect(() => lookup.getTemplate('i.mako').render()).toThrow(/Include cycle/)
  })
})
