// Escaping that holds, and what it does not cover (docs/security.md): XSS vectors in text,
// attribute and URL contexts for h, x, u and entity; strictUndefined; reserved names passed
// as data; cache keys built from user input stay inside their own template.
import { describe, expect, it } from 'vitest'
import { NameConflictError, Template, TemplateLookup, UndefinedError } from '../src/index.js'

let n = 0
const render = (src: string, data: Record<string, unknown> = {}, options: Record<string, unknown> = {}) =>
  new Template(src, { uri: `sec-${++n}.mako`, ...options }).render(data) as string

/** decode the HTML character references h/x/entity produce (what a browser does to an attribute value) */
function decodeHtml(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
  return s.replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (m, ref: string) =>
    ref[0] === '#' ? String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : +ref.slice(1)) : named[ref] ?? m)
}

const VECTORS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><svg onload=alert(1)>",
  '" onmouseover="alert(1)',
  '"onmouseover=alert(1) x="',
  "' onfocus='alert(1)' autofocus '",
  '</textarea><script>alert(1)</script>',
  '<!--<script>-->',
  ']]><x>',
  '&lt;script&gt;',
  '<<SCRIPT>alert("XSS");//<</SCRIPT>',
  '\u003cscript\u003e',
  '<scr\0ipt>',
]

describe('h (the default filter) in text and quoted attributes', () => {
  for (const v of VECTORS) {
    it(`text: ${JSON.stringify(v)}`, () => {
      const out = render('<p>${v}</p>', { v })
      const inner = out.slice(3, -4)
      expect(inner).not.toMatch(/[<>"']/)
      expect(decodeHtml(inner)).toBe(v)
    })
    it(`double-quoted attribute: ${JSON.stringify(v)}`, () => {
      const out = render('<a title="${v}">x</a>', { v })
      const value = /^<a title="([^"]*)">x<\/a>$/.exec(out)
      expect(value, out).not.toBeNull()
      expect(decodeHtml(value![1])).toBe(v)
    })
    it(`single-quoted attribute: ${JSON.stringify(v)}`, () => {
      const out = render("<a title='${v}'>x</a>", { v })
      const value = /^<a title='([^']*)'>x<\/a>$/.exec(out)
      expect(value, out).not.toBeNull()
      expect(decodeHtml(value![1])).toBe(v)
    })
  }

  it('spells the five characters as markupsafe does', () => {
    expect(render('${v}', { v: `&<>"'` })).toBe('&amp;&lt;&gt;&#34;&#39;')
  })

  it('escapes already-escaped text again (no entity pass-through)', () => {
    expect(render('${v}', { v: '&lt;b&gt;' })).toBe('&amp;lt;b&amp;gt;')
  })

  it('an explicit | h after the default h does not escape twice', () => {
    expect(render('${v | h}', { v: '<b>' })).toBe('&lt;b&gt;')
  })

  it('escapes the String() of non-strings', () => {
    const v = { toString: () => '<script>' }
    expect(render('${v}', { v })).toBe('&lt;script&gt;')
    expect(render('${v}', { v: ['<a>', '"b"'] })).toBe('&lt;a&gt;,&#34;b&#34;')
  })

  it('__html__ from JSON data is not trusted (it is a string, not a method)', () => {
    const v = JSON.parse('{"__html__": "<script>alert(1)</script>"}')
    expect(render('${v}', { v })).toBe('[object Object]')
    const w = JSON.parse('{"toString": "<b>"}')
    expect(() => render('${w}', { w })).toThrow(TypeError)
  })

  it('an object with an __html__() method IS trusted by h: never build one from user input', () => {
    const v = { __html__: () => '<script>alert(1)</script>' }
    expect(render('${v}', { v })).toBe('<script>alert(1)</script>')
  })

  it('| n turns escaping off: the value is written raw', () => {
    expect(render('${v | n}', { v: '<script>' })).toBe('<script>')
    expect(render('<%page expression_filter="n"/>${v}', { v: '<script>' })).toBe('<script>')
  })

  it('a JSON __proto__ key does not pollute prototypes or define names', () => {
    const data = JSON.parse('{"__proto__": {"polluted": "<x>"}, "v": "<y>"}')
    expect(render('${v}', data)).toBe('&lt;y&gt;')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(() => render('${polluted}', data)).toThrow(UndefinedError)
  })
})

describe('x (XML escaping)', () => {
  for (const v of VECTORS) {
    it(`${JSON.stringify(v)}`, () => {
      const out = render('<e a="${v | x}">${v | x}</e>', { v }, { defaultFilters: [] })
      expect(out.slice(6, out.indexOf('">'))).not.toMatch(/[<>"']/)
      const [attr, text] = /^<e a="([^"]*)">([^<]*)<\/e>$/.exec(out)!.slice(1)
      expect(decodeHtml(attr)).toBe(v)
      expect(decodeHtml(text)).toBe(v)
    })
  }

  it('does not trust __html__ (unlike h)', () => {
    const v = { __html__: () => '<b>', toString: () => '<b>' }
    expect(render('${v | x}', { v }, { defaultFilters: [] })).toBe('&lt;b&gt;')
  })
})

describe('entity', () => {
  it('names & < > " and non-ASCII characters', () => {
    expect(render('${v | n, entity}', { v: '<a href="x">&é</a>' })).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&eacute;&lt;/a&gt;')
    expect(render('${v | n, entity}', { v: '😀' })).toBe('&#128512;')
  })

  for (const v of VECTORS.filter((x) => !x.includes("'"))) {
    it(`text and double-quoted attribute: ${JSON.stringify(v)}`, () => {
      const out = render('<a title="${v | n, entity}">${v | n, entity}</a>', { v })
      const [attr, text] = /^<a title="([^"]*)">([^<]*)<\/a>$/.exec(out)!.slice(1)
      expect(decodeHtml(attr)).toBe(v)
      expect(decodeHtml(text)).toBe(v)
    })
  }

  it("does NOT escape ' (as Mako's entity): unsafe in single-quoted attributes", () => {
    const v = "' onmouseover='alert(1)"
    const out = render("<a title='${v | n, entity}'>x</a>", { v })
    expect(out).toBe("<a title='' onmouseover='alert(1)'>x</a>")
  })
})

describe('u (URL quoting, quote_plus)', () => {
  it('quotes everything but A-Z a-z 0-9 _ . - ~; spaces become +', () => {
    expect(render('${v | n, u}', { v: `a b&c=d/e?f#g"h'i<j>k:l;m%n+o` })).toBe('a+b%26c%3Dd%2Fe%3Ff%23g%22h%27i%3Cj%3Ek%3Al%3Bm%25n%2Bo')
    expect(render('${v | n, u}', { v: 'é😀' })).toBe('%C3%A9%F0%9F%98%80')
  })

  for (const v of VECTORS) {
    it(`query value in a quoted href: ${JSON.stringify(v)}`, () => {
      const out = render('<a href="/search?q=${v | n, u}">s</a>', { v })
      const value = /^<a href="\/search\?q=([A-Za-z0-9_.~%+-]*)">s<\/a>$/.exec(out)
      expect(value, out).not.toBeNull()
      expect(decodeURIComponent(value![1].replace(/\+/g, ' '))).toBe(v)
    })
  }

  it('u output is only [A-Za-z0-9_.~%+-]: the characters of HTML, CSS and JS syntax never pass', () => {
    const all = Array.from({ length: 0x250 }, (_, i) => String.fromCharCode(i)).filter((c) => c < '\uD800' || c > '\uDFFF').join('')
    expect(render('${v | n, u}', { v: all })).toMatch(/^[A-Za-z0-9_.~%+-]*$/)
  })

  it('a whole javascript: URL through u loses its scheme (the colon is quoted)', () => {
    expect(render('${v | n, u}', { v: 'javascript:alert(1)' })).toBe('javascript%3Aalert%281%29')
  })

  it('u does NOT protect against dot segments: `..` passes, so a path segment can climb', () => {
    expect(render('/files/${v | n, u}/raw', { v: '..' })).toBe('/files/../raw')
  })

  it('u does NOT validate or fix a URL; used on a whole URL it breaks it (quote the parts, not the URL)', () => {
    expect(render('${v | n, u}', { v: 'https://example.com/a b' })).toBe('https%3A%2F%2Fexample.com%2Fa+b')
  })

  it('a lone surrogate in user input does not make rendering throw', () => {
    // encodeURIComponent throws URIError on lone surrogates; user input must not crash a page
    expect(() => render('${v | n, u}', { v: 'a\uD800b' })).not.toThrow()
  })

  it('a lone surrogate becomes U+FFFD (as UTF-8 encoding writes it), either half, anywhere', () => {
    expect(render('${v | n, u}', { v: 'a\uD800b' })).toBe('a%EF%BF%BDb')
    expect(render('${v | n, u}', { v: '\uDC00' })).toBe('%EF%BF%BD')
    expect(render('${v | n, u}', { v: '\uD83D\uDE00\uD83D' })).toBe('%F0%9F%98%80%EF%BF%BD')
  })
})

describe('what escaping does NOT cover (docs/security.md)', () => {
  it('URL scheme: h leaves javascript: and data: URLs intact in href/src', () => {
    expect(render('<a href="${v}">x</a>', { v: 'javascript:alert(1)' })).toBe('<a href="javascript:alert(1)">x</a>')
    expect(render('<a href="${v}">x</a>', { v: 'data:text/html,<script>alert(1)</script>' }))
      .toBe('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>')
    expect(render('<a href="${v}">x</a>', { v: ' JaVaScRiPt:alert(1)' })).toBe('<a href=" JaVaScRiPt:alert(1)">x</a>')
  })

  it('JavaScript context: inside an event handler the browser decodes &#39; back to a quote before running it', () => {
    const out = render(`<button onclick="greet('\${v}')">x</button>`, { v: "');alert(1);//" })
    const handler = decodeHtml(/onclick="([^"]*)"/.exec(out)![1])
    expect(handler).toBe("greet('');alert(1);//')")
  })

  it('JavaScript context: a value outside quotes in <script> is code', () => {
    expect(render('<script>var n = ${v};</script>', { v: 'alert(1)' })).toBe('<script>var n = alert(1);</script>')
  })

  it('JavaScript context: h does not escape backslashes or line terminators inside JS strings', () => {
    const out = render('<script>var s = "${v}";</script>', { v: '\\\u2028x' })
    expect(out).toBe('<script>var s = "\\\u2028x";</script>')
  })

  it('unquoted attributes: a space starts a new attribute', () => {
    expect(render('<a title=${v}>x</a>', { v: 'x onmouseover=alert(1)' })).toBe('<a title=x onmouseover=alert(1)>x</a>')
  })

  it('attribute and tag names are not protected', () => {
    expect(render('<div ${name}="1">', { name: 'onmouseover' })).toBe('<div onmouseover="1">')
    expect(render('<${tag}>', { tag: 'script' })).toBe('<script>')
  })

  it('CSS context: ; : ( ) pass through h', () => {
    expect(render('<p style="color: ${v}">', { v: 'red; background: url(https://evil.example/x)' }))
      .toBe('<p style="color: red; background: url(https://evil.example/x)">')
  })
})

describe('strictUndefined', () => {
  it('default: rendering a missing name is an UndefinedError naming it and the line', () => {
    expect(() => render('a\n${secret}', {})).toThrow(/'secret'.*line 2/)
  })

  it('default: a missing name is falsy in a condition (as Mako): the admin branch does not run', () => {
    expect(render('% if is_admin:\nADMIN\n% else:\nuser\n% endif\n', {})).toBe('user\n')
    expect(render('${!is_admin}', {})).toBe('true')
  })

  it('Object.prototype members are not template variables: a template cannot reach them through a free name', () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__']) {
      expect(() => render(`\${${name}}`, {}), name).toThrow(UndefinedError)
      expect(render(`\${${name} === UNDEFINED}`, {}), name).toBe('true')
    }
    expect(() => render('${constructor.constructor("return 1")()}', {})).toThrow(/'constructor'/)
  })

  it('default: member access on a missing name is an UndefinedError naming it (as Mako)', () => {
    expect(() => render('[${user.name}]', {})).toThrow(UndefinedError)
    expect(() => render('[${user.name}]', {})).toThrow(/'user'/)
  })

  it('strictUndefined: reading a missing name throws at once, naming it', () => {
    const opts = { strictUndefined: true }
    expect(() => render('% if is_admin:\nADMIN\n% endif\n', {}, opts)).toThrow(UndefinedError)
    expect(() => render('% if is_admin:\nADMIN\n% endif\n', {}, opts)).toThrow(/is_admin/)
    expect(() => render('[${user.name}]', {}, opts)).toThrow(/'user'/)
    expect(render('% if is_admin:\nADMIN\n% endif\n', { is_admin: false }, opts)).toBe('')
  })

  it('strictUndefined: a name given as undefined in the data is defined', () => {
    expect(render('[${v}]', { v: undefined }, { strictUndefined: true })).toBe('[]')
  })
})

describe('reserved names passed as data', () => {
  for (const name of ['context', 'loop', 'UNDEFINED']) {
    it(`${name} is a NameConflictError naming it`, () => {
      const t = new Template('hello', { uri: `reserved-${name}.mako` })
      let err: unknown
      try {
        t.render({ [name]: 'x' })
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(NameConflictError)
      expect((err as Error).message).toContain(name)
    })

    it(`${name} from JSON (user-controlled keys) is rejected too`, () => {
      const data = JSON.parse(`{"ok": 1, "${name}": {"index": 0}}`)
      expect(() => render('${ok}', data)).toThrow(NameConflictError)
    })

    it(`${name} through a lookup template and getDef('body')`, () => {
      const lookup = new TemplateLookup().putString('/r.mako', 'x')
      expect(() => lookup.getTemplate('/r.mako').render({ [name]: 1 })).toThrow(NameConflictError)
      expect(() => lookup.getTemplate('/r.mako').getDef('body').render({ [name]: 1 })).toThrow(NameConflictError)
    })
  }
})

describe('cache keys from user input stay inside their template', () => {
  const CACHED = (label: string) => `<%block name="b" cached="True" cache_key="\${k}">${label}:\${k | n}</%block>`
  const KEYS = ['x', '', 'b', 'body', '__proto__', 'constructor', 'toString', '../A.mako', 'A.mako:x', 'A.mako::x', '\0', '\0x', 'x\0', '*', '%', '${k}', 'a'.repeat(300)]

  it('the same user key on two templates gives each its own entry', () => {
    const A = new Template(CACHED('A'), { uri: 'iso/A.mako' })
    const B = new Template(CACHED('B'), { uri: 'iso/B.mako' })
    for (const k of KEYS) {
      expect(A.render({ k })).toBe(`A:${k}`)
      expect(B.render({ k })).toBe(`B:${k}`)
      // both are cached now: each template still reads its own
      expect(A.render({ k })).toBe(`A:${k}`)
      expect(B.render({ k })).toBe(`B:${k}`)
      expect(A.cache.get(k)).toBe(`A:${k}`)
      expect(B.cache.get(k)).toBe(`B:${k}`)
    }
  })

  it("keys made to look like another template's storage key do not reach it", () => {
    const A = new Template(CACHED('A'), { uri: 'iso2/A.mako' })
    const B = new Template(CACHED('B'), { uri: 'iso2/B.mako' })
    A.render({ k: 'secret' })
    const a = A as unknown as { uri: string; digest: string }
    const forged = [`${a.uri}:${a.digest}:secret`, `${a.uri}:${a.digest}`, `:${a.uri}:${a.digest}:secret`, `../${a.uri}:${a.digest}:secret`, a.digest + ':secret']
    for (const k of forged) {
      expect(B.cache.get(k)).toBeUndefined()
      expect(B.render({ k })).toBe(`B:${k}`)
    }
    expect(A.cache.get('secret')).toBe('A:secret')
  })

  it("one template's set/put/invalidate with a user key does not touch another's entry", () => {
    const A = new Template(CACHED('A'), { uri: 'iso3/A.mako' })
    const B = new Template(CACHED('B'), { uri: 'iso3/B.mako' })
    expect(A.render({ k: 'k1' })).toBe('A:k1')
    B.cache.set('k1', '<script>evil</script>')
    B.cache.put('k1', '<script>evil</script>')
    expect(A.render({ k: 'k1' })).toBe('A:k1')
    expect(A.cache.get('k1')).toBe('A:k1')
    B.cache.invalidate('k1')
    expect(A.cache.get('k1')).toBe('A:k1')
    // and the other way round
    expect(B.render({ k: 'k2' })).toBe('B:k2')
    A.cache.invalidate('k2')
    A.cache.set('k2', 'from A')
    expect(B.render({ k: 'k2' })).toBe('B:k2')
  })

  it('two templates of the same uri but different text (an edit) do not share entries', () => {
    const A1 = new Template(CACHED('A1'), { uri: 'iso4/A.mako' })
    expect(A1.render({ k: 'z' })).toBe('A1:z')
    const A2 = new Template(CACHED('A2'), { uri: 'iso4/A.mako' })
    expect(A2.render({ k: 'z' })).toBe('A2:z')
    expect(A1.render({ k: 'z' })).toBe('A1:z')
  })

  it("cache_key may use the def's own arguments (SPEC 7)", () => {
    const t = new Template('<%def name="f(k)" cached="True" cache_key="${k}">v${k}</%def>${f(\'a\')}${f(\'b\')}', { uri: 'iso5/f.mako' })
    expect(t.render({})).toBe('vavb')
  })

  it('a cached def keyed by its argument keeps templates apart through a lookup', () => {
    const lookup = new TemplateLookup()
      .putString('/p.mako', '<%def name="card(id)" cached="True" cache_key="card-${id}">P${id}</%def>${card(id)}')
      .putString('/q.mako', '<%def name="card(id)" cached="True" cache_key="card-${id}">Q${id}</%def>${card(id)}')
    expect(lookup.getTemplate('/p.mako').render({ id: '7' })).toBe('P7')
    expect(lookup.getTemplate('/q.mako').render({ id: '7' })).toBe('Q7')
    expect(lookup.getTemplate('/p.mako').render({ id: '7' })).toBe('P7')
  })
})
