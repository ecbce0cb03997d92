// The error catalogue (src/shared/catalog.ts) agrees with the code that raises errors and with
// docs/errors.md: every example fails with its code and class, every code the sources set is
// catalogued (and every catalogued code is set somewhere), the doc's section is the generated one.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { compile } from '../src/compiler/index.js'
import { CATALOG, ERROR_CLASSES, makeError, raise, type CatalogEntry, type ErrorCode } from '../src/shared/catalog.js'
import { MakoError } from '../src/shared/errors.js'
// @ts-expect-error plain JS script
import { BEGIN, END, renderCatalog } from '../scripts/errors-doc.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const entries = Object.entries(CATALOG) as [ErrorCode, CatalogEntry][]

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : []
  })
}

describe('every catalogued compile error is raised by its example', () => {
  for (const [code, e] of entries.filter(([, e]) => e.example !== undefined)) {
    it(code, () => {
      let err: unknown
      try {
        compile(e.example!, { uri: 'catalog.mako', ...e.options })
      } catch (x) {
        err = x
      }
      expect(err).toBeInstanceOf(ERROR_CLASSES[e.class])
      expect((err as MakoError).code).toBe(code)
      expect((err as MakoError).uri).toBe('catalog.mako')
      expect((err as MakoError).line).toBeGreaterThanOrEqual(1)
    })
  }
})

it('lists every code the sources set, and sets every code it lists', () => {
  const used = new Set<string>()
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    if (file.endsWith(path.join('shared', 'catalog.ts'))) continue
    const text = fs.readFileSync(file, 'utf8')
    // syntaxError(site, 'code', ...), compileError(...), raise.code(...), { code: 'code' }
    for (const m of text.matchAll(/(?:syntaxError|compileError)\(\s*(?:this\.)?site,\s*'([a-z_]+)'/g)) used.add(m[1])
    for (const m of text.matchAll(/\braise\.([a-z_]+)\(/g)) used.add(m[1])
    for (const m of text.matchAll(/\bcode: '([a-z_]+)'/g)) used.add(m[1])
  }
  expect([...used].filter((c) => !(c in CATALOG))).toEqual([])
  expect(entries.map(([c]) => c).filter((c) => !used.has(c))).toEqual([])
})

it('raises each code through its own function, with the class the catalogue names and the position', () => {
  const site = { uri: 'p.mako', locator: { locate: (o: number) => ({ line: 2, column: o - 4 }), frame: () => 'FRAME' } }
  for (const [code, e] of entries) {
    expect(() => raise[code](site, 'Bad thing', 6)).toThrow(ERROR_CLASSES[e.class])
    const err = makeError(code, site, 'Bad thing', 6, 9)
    expect(err).toMatchObject({ code, uri: 'p.mako', line: 2, column: 2, start: 6, end: 9, frame: 'FRAME', message: "Bad thing in file 'p.mako' at line: 2 char: 3" })
  }
})

it("docs/errors.md's error codes section is the one generated from the catalogue", () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'errors.md'), 'utf8')
  const section = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END) + END.length)
  expect(section).toBe(renderCatalog(CATALOG))
  for (const [code] of entries) expect(section).toContain(`| \`${code}\` |`)
})
