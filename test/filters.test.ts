// The runtime's built-in filters, unit by unit (SPEC section 5).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { entity, h, Markup, s, trim, u, x, UNDEFINED } from '../src/runtime/index.js'

describe('filters', () => {
  it('h escapes & < > " \' as markupsafe spells them', () => {
    expect(h(`<a href="x">'&'</a>`)).toBe('&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })
  it('h escapes every string as the plain replace does: short ones (a charCode scan or a regexp scan and a loop) and long ones (a native replace chain) alike', () => {
    const reference = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;')
    const char = fc.constantFrom('a', 'Z', '0', ' ', '&', '<', '>', '"', "'", ';', '=', '?', '\u00e9', '\u{1F600}')
    fc.assert(fc.property(fc.array(char, { maxLength: 24 }).map((a) => a.join('')), (v) => {
      const out = h(v)
      expect(out).toBe(reference(v))
      // nothing to escape: the very same string comes back
      if (out === v) expect(/[&<>"']/.test(v)).toBe(false)
    }), { numRuns: 2000 })
    for (const v of ['', 'a', '&', 'abcdefg<', 'abcdefgh<', 'abcdefghi<', '<abcdefgh', '\'12345678', 'abcdefghijklmnop', 'abcdefghijklmnop&', '&abcdefghijklmnop', '&&&&&&&&&&&&&&&&&<<<<']) expect(h(v)).toBe(reference(v))
    // long text at every density, from clean prose to every character escaped
    const word = fc.constantFrom('lorem ', 'ipsum ', 'caf\u00e9 ', '\u{1F600} ', '&', '<', '>', '"', "'", 'x')
    fc.assert(fc.property(fc.array(word, { minLength: 20, maxLength: 2000 }).map((a) => a.join('')), (v) => {
      expect(h(v)).toBe(reference(v))
      expect(x(v)).toBe(reference(v))
    }), { numRuns: 300 })
  })

  it('h escapes at the length thresholds, any UTF-16 (lone surrogates too) and a megabyte, as the reference does', () => {
    const reference = (v: string) => v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c]!)
    // every length around 8 (charCode scan) and 128 (the replace chain from 129 on), with the hit first, last or absent
    for (let n = 1; n <= 140; n++) {
      const body = 'a\u00e9'.repeat(n).slice(0, n - 1)
      for (const v of ['&' + body, body + "'", body + 'b']) {
        expect(h(v)).toBe(reference(v))
        expect(x(v)).toBe(reference(v))
      }
      const clean = 'q'.repeat(n)
      expect(h(clean)).toBe(clean)
    }
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (v) => {
      expect(h(v)).toBe(reference(v))
    }), { numRuns: 300 })
    fc.assert(fc.property(fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('&', '<', '>', '"', "'", '\uD800', '\uDFFF')), { maxLength: 100 }).map((a) => a.join('')), (v) => {
      expect(h(v)).toBe(reference(v))
    }), { numRuns: 200 })
    const big = ('the <b>quick</b> & "brown" fox\'s \u{1F600} '.repeat(25000) + '\uD83D').slice(0, 1 << 20)
    expect(h(big)).toBe(reference(big))
    // a megabyte at 0.1% (chunked) and at 20% (one chain past the first chunk)
    const sparse = ('plain prose '.repeat(80) + "it's").repeat(1100)
    expect(h(sparse)).toBe(reference(sparse))
    const bigClean = 'plain prose '.repeat(90000)
    expect(h(bigClean)).toBe(bigClean)
    expect(h('')).toBe('')
  })
  it('h does not look up the String.prototype methods it scans and replaces with (a library may replace them)', () => {
    const proto = String.prototype as unknown as Record<string, unknown>
    const saved = ['replace', 'charCodeAt'].map((k) => [k, proto[k]] as const)
    const inputs = ['<', "it's <b>", '<p>' + 'a & b '.repeat(100) + '</p>']
    const expected = inputs.map(h)
    let got: string[]
    try {
      for (const [k] of saved) Object.defineProperty(String.prototype, k, { value: () => 'broken', writable: true, configurable: true })
      got = inputs.map(h)
    } finally {
      for (const [k, v] of saved) Object.defineProperty(String.prototype, k, { value: v, writable: true, configurable: true })
    }
    expect(got).toEqual(expected)
  })
  it('h returns clean strings unchanged and converts other values', () => {
    const clean = 'plain text'
    expect(h(clean)).toBe(clean)
    expect(h(42)).toBe('42')
    expect(h(null)).toBe('')
    expect(h(undefined)).toBe('')
    expect(h(true)).toBe('true')
    expect(h({ toString: () => '<o>' })).toBe('&lt;o&gt;')
  })
  it('h trusts __html__', () => {
    expect(h(new Markup('<b>ok</b>'))).toBe('<b>ok</b>')
    expect(h({ __html__: () => '<i>' })).toBe('<i>')
  })
  it('x escapes like h but ignores __html__', () => {
    expect(x(new Markup('<b>'))).toBe('&lt;b&gt;')
  })
  it('u quotes like Python quote_plus', () => {
    expect(u("a b&c=d/é!'()*~_.-")).toBe('a+b%26c%3Dd%2F%C3%A9%21%27%28%29%2A~_.-')
  })
  it('trim strips white space', () => {
    expect(trim('  \n x \t')).toBe('x')
  })
  it('entity names characters HTML names, numbers other non-ASCII, keeps quote', () => {
    expect(entity(`<é & "x" '©' ☃>`)).toBe('&lt;&eacute; &amp; &quot;x&quot; \'&copy;\' &#9731;&gt;')
  })
  it('s renders null/undefined (UNDEFINED is undefined) as empty: the compiler names a missing name it renders', () => {
    expect(s(null)).toBe('')
    expect(s(0)).toBe('0')
    expect(UNDEFINED).toBeUndefined()
    expect(s(UNDEFINED)).toBe('')
    expect(h(UNDEFINED)).toBe('')
  })
})
