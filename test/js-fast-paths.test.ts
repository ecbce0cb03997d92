// Fragments read without acorn (a name or `.name` chain, with plain filter names) give the
// same result as acorn's parse: the same AST (node class, keys, offsets), code and filters.
import * as acorn from 'acorn'
import { describe, expect, it } from 'vitest'
import { parseExpression, simpleChain } from '../src/compiler/js.js'
import { scanExpression } from '../src/compiler/js-scan.js'
import { BASE } from '../src/compiler/js-parser.js'
import { Locator } from '../src/compiler/locate.js'

const site = (src: string) => ({ uri: 't.mako', locator: new Locator(src) })
const same = (a: unknown, b: unknown) => {
  expect(JSON.stringify(a)).toBe(JSON.stringify(b))
  expect(Object.getPrototypeOf(a)).toBe(Object.getPrototypeOf(b))
}

describe('simple fragments without a parse', () => {
  it('a name or member chain is the AST acorn gives', () => {
    for (const code of ['x', 'item', '$', '_a1', 'a.b', 'item.title.length', 'a.class.default', 'async', 'of.get']) {
      const ast = simpleChain(code, 0, code.length, 0)
      expect(ast, code).toBeDefined()
      same(ast, acorn.parseExpressionAt(code, 0, BASE))
      same(parseExpression(site(code), code, 0), acorn.parseExpressionAt(code, 0, BASE))
    }
  })

  it('anything else is left to acorn', () => {
    for (const code of ['this', 'true', 'null', 'new', 'await', 'a.', '.a', 'a..b', 'a .b', 'a[0]', 'a()', 'é', 'a\\u0062', '1a', '']) {
      expect(simpleChain(code, 0, code.length, 0), code).toBeUndefined()
    }
  })

  it('`${}` with a chain, with and without filters, reads as the parse does', () => {
    const cases: [string, string, string[]][] = [
      ['${x}', 'x', []],
      ['${ item.title }', 'item.title', []],
      ['${\n  a.b\n}', 'a.b', []],
      ['${item.title | h}', 'item.title', ['h']],
      ['${ a|h ,  trim }', 'a', ['h', 'trim']],
      ['${ a || b }', 'a || b', []],
      ['${ a |= b }', 'a |= b', []],
      ['${ a | h.x }', 'a', ['h.x']],
      ['${ a | f(1) }', 'a', ['f(1)']],
    ]
    for (const [src, code, filters] of cases) {
      const e = scanExpression(site(src), src, 2)
      expect(e.code, src).toBe(code)
      expect(e.filters.map((f) => f.code), src).toEqual(filters)
      expect(e.end).toBe(src.length)
      const expected = e.astBase === 0 ? acorn.parseExpressionAt(code, 0, BASE) : acorn.parseExpressionAt(src, e.codeStart, BASE)
      same(e.ast, expected)
      for (const f of e.filters) expect(src.slice(f.start, f.end)).toBe(f.code)
    }
  })

  it('errors are the parse errors', () => {
    expect(() => scanExpression(site('${ this. }'), '${ this. }', 2)).toThrow(/Invalid JavaScript/)
    expect(() => scanExpression(site('${ a | }'), '${ a | }', 2)).toThrow(/Invalid JavaScript/)
    expect(() => scanExpression(site('${ }'), '${ }', 2)).toThrow(/Empty expression/)
  })
})
