// A TemplateLookup reads only what is inside its directories (docs/security.md): symbolic
// links that lead out (files, folders, chains, a sibling folder sharing a name prefix) are
// refused through getTemplate, <%include>, <%inherit> and <%namespace>, and moduleDirectory
// is not written or read through such links; allowExternalSymlinks turns this off. Error
// messages quote uris capped and escaped.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Template, TemplateLookup, TemplateLookupException } from '../src/index.js'
import { quoteUri } from '../src/contain.js'

const base = mkdtempSync(join(tmpdir(), 'mako-contain-'))
afterAll(() => rmSync(base, { recursive: true, force: true }))

const tpl = join(base, 'tpl')
const write = (path: string, text: string) => {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, text)
}
write(join(tpl, 'real.mako'), 'REAL')
write(join(tpl, 'sub/inner.mako'), 'INNER')
write(join(base, 'outside/evil.mako'), 'SECRET-OUTSIDE')
// a sibling whose name starts with the template directory's: /x/tpl vs /x/tpl-secret
write(join(base, 'tpl-secret/secret.mako'), 'SECRET-SIBLING')
const link = (target: string, path: string) => symlinkSync(target, join(tpl, path))
link('../outside/evil.mako', 'file-rel.mako') // relative link to a file outside
link(join(base, 'outside/evil.mako'), 'file-abs.mako') // absolute link
link('/etc/passwd', 'passwd')
link('../outside', 'dir-out') // a folder link: dir-out/evil.mako
link('../tpl-secret', 'sibling') // the common-prefix sibling folder
link('../tpl-secret/secret.mako', 'sibling-file.mako')
link('..', 'up') // up/outside/evil.mako
link('chain2.mako', 'chain1.mako') // chain1 -> chain2 -> chain3 -> outside
link('sub/chain3.mako', 'chain2.mako')
symlinkSync('../../outside/evil.mako', join(tpl, 'sub/chain3.mako'))
link('../nowhere.mako', 'dangling.mako')
link('loop.mako', 'loop.mako')
// links that stay inside are followed
link('real.mako', 'alias.mako')
link('sub', 'subalias')
link('alias.mako', 'inchain1.mako') // inchain1 -> alias -> real
symlinkSync('../real.mako', join(tpl, 'sub/up-inside.mako'))
// the template directory itself may be a link
symlinkSync('tpl', join(base, 'tpl-link'))

const ESCAPES = [
  '/file-rel.mako', '/file-abs.mako', '/passwd', '/dir-out/evil.mako', '/sibling/secret.mako', '/sibling-file.mako',
  '/up/outside/evil.mako', '/up/tpl-secret/secret.mako', '/chain1.mako', '/chain2.mako', '/sub/chain3.mako', '/subalias/chain3.mako',
]
const INSIDE: [string, string][] = [['/alias.mako', 'REAL'], ['/subalias/inner.mako', 'INNER'], ['/inchain1.mako', 'REAL'], ['/sub/up-inside.mako', 'REAL']]

const SECRET = /SECRET|root:/
const thrown = (f: () => unknown): Error => {
  try {
    f()
  } catch (err) {
    return err as Error
  }
  throw new Error('expected an error')
}

/** Each way a template reaches another by uri (the uri comes from the data, as a user-chosen one would). */
function ways(lookup: TemplateLookup): [string, (uri: string) => unknown][] {
  lookup.putString('/way/include.mako', '<%include file="${u}"/>')
  lookup.putString('/way/inherit.mako', '<%inherit file="${u}"/>')
  lookup.putString('/way/namespace.mako', '<%namespace name="ns" file="${u}"/>${ns.body()}')
  return [
    ['getTemplate', (u) => lookup.getTemplate(u).render()],
    ['include', (u) => lookup.getTemplate('/way/include.mako').render({ u })],
    ['inherit', (u) => lookup.getTemplate('/way/inherit.mako').render({ u })],
    ['namespace', (u) => lookup.getTemplate('/way/namespace.mako').render({ u })],
  ]
}

describe('symbolic links leading out of a template directory', () => {
  for (const dir of [tpl, join(base, 'tpl-link')]) {
    const label = dir === tpl ? '' : ' (the directory itself is a link)'
    const lookup = new TemplateLookup({ directories: [dir] })
    for (const [way, get] of ways(lookup)) {
      for (const uri of ESCAPES) {
        it(`${way} ${uri} is refused${label}`, () => {
          const err = thrown(() => get(uri))
          expect(err).toBeInstanceOf(TemplateLookupException)
          expect(err.message).toMatch(/symbolic link that leads out of its template directory/)
          expect(err.message).not.toMatch(SECRET)
        })
      }
      for (const [uri, text] of INSIDE) {
        it(`${way} ${uri} (a link that stays inside) is followed${label}`, () => {
          expect(get(uri)).toBe(text)
        })
      }
    }
    it(`hasTemplate is false for an escaping link${label}`, () => {
      expect(lookup.hasTemplate('/file-rel.mako')).toBe(false)
      expect(lookup.hasTemplate('/alias.mako')).toBe(true)
    })
  }

  it('allowExternalSymlinks: true follows them (the links above do lead to the secrets)', () => {
    const lookup = new TemplateLookup({ directories: [tpl], allowExternalSymlinks: true })
    for (const [, get] of ways(lookup)) {
      for (const uri of ESCAPES) expect(get(uri)).toMatch(SECRET)
    }
  })

  it('a dangling link and a link loop are not found (no error other than the lookup one)', () => {
    const lookup = new TemplateLookup({ directories: [tpl] })
    for (const [, get] of ways(lookup)) {
      for (const uri of ['/dangling.mako', '/loop.mako']) expect(thrown(() => get(uri)).message).toMatch(/Can't locate template for uri/)
    }
  })

  it('a link changed to point outside after the template was loaded is refused on the next load (filesystemChecks)', () => {
    const dir = join(base, 'swap')
    write(join(dir, 'a.mako'), 'A')
    write(join(dir, 'b.mako'), 'B')
    const later = new Date(Date.now() + 5000)
    utimesSync(join(dir, 'b.mako'), later, later)
    symlinkSync('a.mako', join(dir, 'cur.mako'))
    const lookup = new TemplateLookup({ directories: [dir], filesystemCheckInterval: 0 })
    expect(lookup.getTemplate('/cur.mako').render()).toBe('A')
    rmSync(join(dir, 'cur.mako'))
    symlinkSync('../outside/evil.mako', join(dir, 'cur.mako'))
    expect(() => lookup.getTemplate('/cur.mako')).toThrow(/leads out of its template directory/)
    rmSync(join(dir, 'cur.mako'))
    symlinkSync('b.mako', join(dir, 'cur.mako'))
    expect(lookup.getTemplate('/cur.mako').render()).toBe('B')
  })
})

describe('lexical escapes, in every spelling, through every way', () => {
  const lookup = new TemplateLookup({ directories: [join(tpl, 'sub')] })
  const CLIMBS = [
    '/../real.mako', '../real.mako', '/../../outside/evil.mako', '/inner.mako/../../real.mako', '..\\real.mako', '\\..\\..\\outside\\evil.mako',
    '/./../real.mako', '//../real.mako', '/sub/../../real.mako',
    // encodings a lookup must not decode: these are names of files that do not exist
    '%2e%2e/real.mako', '%2e%2e%2freal.mako', '..%2freal.mako', '..%5creal.mako', '%252e%252e/real.mako', '....//real.mako', '.../real.mako',
    '\uff0e\uff0e/real.mako', '..\u2215real.mako', '..;/real.mako', '..\0/real.mako', '/real.mako\0.txt', '\0', 'x'.repeat(5000),
  ]
  for (const [way, get] of ways(lookup)) {
    for (const uri of CLIMBS) {
      it(`${way} ${JSON.stringify(uri.length > 40 ? uri.slice(0, 20) + '...' : uri)} is a lookup error that reads nothing`, () => {
        const err = thrown(() => get(uri))
        expect(err).toBeInstanceOf(TemplateLookupException)
        expect(err.message).not.toMatch(/REAL|SECRET/)
        expect(err.message).not.toContain('\0')
        expect(err.message.length).toBeLessThan(600)
      })
    }
  }
})

describe('error messages quote uris capped and escaped', () => {
  it('a very long uri is cut at 200 characters and its length given', () => {
    const lookup = new TemplateLookup({ directories: [tpl] })
    const err = thrown(() => lookup.getTemplate('/' + 'a'.repeat(100_000)))
    expect(err.message).toBe(`Can't locate template for uri '/${'a'.repeat(199)}... (100001 characters)'`)
    expect((err as TemplateLookupException).uri).toHaveLength(100_001)
  })

  it('NUL, control, line separator, bidi override and lone surrogate characters are escaped', () => {
    expect(quoteUri('a\0b\nc\x1b[31md\u2028e\u202ef\ud800g\u{1f600}')).toBe('a\\0b\\u000ac\\u001b[31md\\u2028e\\u202ef\\ud800g\u{1f600}')
    const lookup = new TemplateLookup({ directories: [tpl] })
    const err = thrown(() => lookup.getTemplate('/a\0b\n.mako'))
    expect(err.message).toBe("Can't locate template for uri '/a\\0b\\u000a.mako'")
  })

  it('the above-the-root error and the include error quote the same way', () => {
    const lookup = new TemplateLookup({ directories: [tpl] })
    expect(thrown(() => lookup.getTemplate('/../\0' + 'x'.repeat(300))).message).toMatch(/^Template uri '\/\.\.\/\\0x{195}\.\.\. \(305 characters\)' resolves above/)
    lookup.putString('/i.mako', '<%include file="${u}"/>')
    const err = thrown(() => lookup.getTemplate('/i.mako').render({ u: '\0'.repeat(1000) }))
    expect(err.message).toMatch(/^Can't locate template for uri '\/(\\0){199}\.\.\. \(1001 characters\)' \(asked for by template '\/i\.mako', line 1\)$/)
  })

  it('a uri that is not a string is described, not printed', () => {
    const lookup = new TemplateLookup()
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(thrown(() => lookup.getTemplate(cyclic as never)).message).toBe('Invalid template uri: a object (expected a non-empty string)')
    expect(thrown(() => lookup.getTemplate(null as never)).message).toBe('Invalid template uri: null (expected a non-empty string)')
    expect(thrown(() => lookup.getTemplate(10n as never))).toBeInstanceOf(TemplateLookupException)
  })
})

describe('moduleDirectory stays inside its real directory', () => {
  const page = '<%include file="/real.mako"/>:${1 + 1}'

  it('a folder link inside moduleDirectory leading out is refused, and nothing is written outside', () => {
    const modules = join(base, 'modules-a')
    const target = join(base, 'modules-a-target')
    mkdirSync(modules, { recursive: true })
    mkdirSync(target, { recursive: true })
    symlinkSync(target, join(modules, 'pages'))
    write(join(tpl, 'pages/p.mako'), page)
    const lookup = new TemplateLookup({ directories: [tpl], moduleDirectory: modules })
    expect(() => lookup.getTemplate('/pages/p.mako')).toThrow(/moduleDirectory: .*symbolic link that leads out/)
    expect(readdirSync(target)).toEqual([])
    // a deeper folder that does not exist yet is not made through the link either
    write(join(tpl, 'pages/deep/q.mako'), 'Q')
    expect(() => lookup.getTemplate('/pages/deep/q.mako')).toThrow(/moduleDirectory/)
    expect(readdirSync(target)).toEqual([])
    // with the option, the link is used
    const allowed = new TemplateLookup({ directories: [tpl], moduleDirectory: modules, allowExternalSymlinks: true })
    expect(allowed.getTemplate('/pages/p.mako').render()).toBe('REAL:2')
    expect(readdirSync(target)).toContain('p.mako.js')
  })

  it('a module file replaced by a link to planted code is not run: it is compiled again and the link replaced', () => {
    const modules = join(base, 'modules-b')
    const first = new TemplateLookup({ directories: [tpl], moduleDirectory: modules })
    expect(first.getTemplate('/real.mako').fromModuleDirectory).toBe(false)
    const file = join(modules, 'real.mako.js')
    const planted = join(base, 'planted.js')
    writeFileSync(planted, readFileSync(file, 'utf8').replace('"REAL"', '"PLANTED"'))
    expect(readFileSync(planted, 'utf8')).toContain('PLANTED')
    rmSync(file)
    symlinkSync(planted, file)
    // the planted module carries the right stamp: with the option it would be run
    const allowed = new TemplateLookup({ directories: [tpl], moduleDirectory: modules, allowExternalSymlinks: true })
    expect(allowed.getTemplate('/real.mako').render()).toBe('PLANTED')
    const lookup = new TemplateLookup({ directories: [tpl], moduleDirectory: modules })
    const t = lookup.getTemplate('/real.mako')
    expect(t.fromModuleDirectory).toBe(false)
    expect(t.render()).toBe('REAL')
    expect(lstatSync(file).isSymbolicLink()).toBe(false)
    expect(readFileSync(planted, 'utf8')).toContain('PLANTED')
  })

  it('a link planted under the temporary file name is not written through', () => {
    const modules = join(base, 'modules-c')
    mkdirSync(modules, { recursive: true })
    const victim = join(base, 'victim.txt')
    writeFileSync(victim, 'VICTIM')
    symlinkSync(victim, join(modules, `real.mako.js.${process.pid}.tmp`))
    const lookup = new TemplateLookup({ directories: [tpl], moduleDirectory: modules })
    expect(lookup.getTemplate('/real.mako').render()).toBe('REAL')
    expect(readFileSync(victim, 'utf8')).toBe('VICTIM')
    expect(existsSync(join(modules, 'real.mako.js'))).toBe(true)
  })

  it('uris with .. , backslashes or NUL make module files inside moduleDirectory', () => {
    const modules = join(base, 'modules-d')
    const lookup = new TemplateLookup({ moduleDirectory: modules })
    lookup.putString('/a/b.mako', 'AB')
    expect(lookup.getTemplate('/a/x/../b.mako').render()).toBe('AB')
    for (const uri of ['../../escape.mako', '..\\..\\escape2.mako', '/../x\0.mako']) {
      expect(new Template('T', { uri, moduleDirectory: modules }).render()).toBe('T')
    }
    expect(readdirSync(base).filter((f) => f.startsWith('escape'))).toEqual([])
    expect(readdirSync(join(modules, '__', '__')).sort()).toEqual(['escape.mako.js', 'escape2.mako.js'])
    expect(readdirSync(join(modules, '__')).sort()).toEqual(['__', 'x_.mako.js'])
  })
})
