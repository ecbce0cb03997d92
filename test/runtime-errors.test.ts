// Runtime errors point at template files and lines (SPEC 9): RichTraceback, textErrorTemplate,
// htmlErrorTemplate, templateFrames, over run-time templates (`mako:<uri>` frames mapped
// through each Template's source map), frames already naming a .mako file (Vite's SSR stack
// fixing, --enable-source-maps), and compiled modules with their own source maps.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { compile, htmlErrorTemplate, RichTraceback, Template, TemplateLookup, TemplateSyntaxError, textErrorTemplate, UndefinedError } from '../src/index.js'
import { annotateError, templateFrames, templateStack } from '../src/exceptions.js'

it('templateFrames and templateStack are reachable from the main entry through RichTraceback', () => {
  expect(RichTraceback.templateFrames).toBeTypeOf('function')
  expect(RichTraceback.templateStack).toBeTypeOf('function')
})

function thrown(fn: () => unknown): any {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('nothing was thrown')
}

async function rejected(p: Promise<unknown>): Promise<any> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('nothing was thrown')
}

/** page -> (inherits) layout; page -> (namespace) widgets.panel -> (include) rows -> (namespace) fmt.money, which throws */
function deepLookup(options: Record<string, unknown> = {}): TemplateLookup {
  return new TemplateLookup(options)
    .putString('/page.mako', [
      '<%inherit file="/layout.mako"/>',
      '<%namespace name="widgets" file="/widgets.mako"/>',
      '<h1>${title}</h1>',
      '${widgets.panel(items)}',
      '',
    ].join('\n'))
    .putString('/layout.mako', ['<html>', '<body>', '${next.body()}', '</body>', '</html>', ''].join('\n'))
    .putString('/widgets.mako', [
      '<%def name="panel(items)">',
      '<div class="panel">',
      '<%include file="/rows.mako" args="items=items"/>',
      '</div>',
      '</%def>',
      '',
    ].join('\n'))
    .putString('/rows.mako', [
      '<%page args="items"/>',
      '<%namespace name="fmt" file="/fmt.mako"/>',
      '<table>',
      '% for item in items:',
      '<tr><td>${item.name}</td><td>${fmt.money(item)}</td></tr>',
      '% endfor',
      '</table>',
      '',
    ].join('\n'))
    .putString('/fmt.mako', [
      '<%def name="money(item)">',
      '<%',
      '  const cents = item.price.cents',
      '%>',
      '$${cents / 100}',
      '</%def>',
      '',
    ].join('\n'))
}

const DATA = { title: 'Prices', items: [{ name: 'a', price: { cents: 100 } }, { name: 'b' }] }

const EXPECTED_FRAMES = [
  { uri: '/fmt.mako', line: 3, function: 'money' },
  { uri: '/rows.mako', line: 5, function: 'render_body' },
  { uri: '/widgets.mako', line: 3, function: 'panel' },
  { uri: '/page.mako', line: 4, function: 'render_body' },
  { uri: '/layout.mako', line: 3, function: 'render_body' },
]

describe('a def three templates deep throws', () => {
  it('textErrorTemplate prints the template files and lines, outermost first, then the error', () => {
    const err = thrown(() => deepLookup().getTemplate('/page.mako').render(DATA))
    expect(err).toBeInstanceOf(TypeError)
    const text = textErrorTemplate(err)
    expect(text.startsWith('Traceback (most recent call last):\n')).toBe(true)
    const files = [...text.matchAll(/^ {2}File "([^"]+)", line (\d+)(?:, in (\S+))?$/gm)].map((m) => ({ uri: m[1], line: +m[2], function: m[3] }))
    const templates = files.filter((f) => f.uri.endsWith('.mako'))
    expect(templates).toEqual([...EXPECTED_FRAMES].reverse())
    // no frame of generated code or of the runtime
    expect(text).not.toMatch(/mako:\//)
    expect(text).not.toMatch(/__M_/)
    expect(text).not.toMatch(/src\/runtime|dist\/runtime/)
    // each template frame shows its lines, the failing one marked
    expect(text).toContain('  > 3 |   const cents = item.price.cents')
    expect(text).toContain('  > 5 | <tr><td>${item.name}</td><td>${fmt.money(item)}</td></tr>')
    expect(text).toContain('  > 3 | <%include file="/rows.mako" args="items=items"/>')
    expect(text).toContain('  > 4 | ${widgets.panel(items)}')
    expect(text).toContain('  > 3 | ${next.body()}')
    expect(text).toContain('    2 | <%')
    expect(text.trimEnd().split('\n').pop()).toBe(`TypeError: ${err.message}`)
  })

  it('templateFrames gives uri and line, innermost first', () => {
    const err = thrown(() => deepLookup().getTemplate('/page.mako').render(DATA))
    expect(templateFrames(err).map(({ uri, line, function: f }) => ({ uri, line, function: f }))).toEqual(EXPECTED_FRAMES)
  })

  it('RichTraceback: errorname, message, the innermost template and its line', () => {
    const err = thrown(() => deepLookup().getTemplate('/page.mako').render(DATA))
    const tb = new RichTraceback(err)
    expect(tb.errorname).toBe('TypeError')
    expect(tb.message).toMatch(/cents/)
    expect(tb.uri).toBe('/fmt.mako')
    expect(tb.lineno).toBe(3)
    expect(tb.source).toContain('item.price.cents')
    expect(tb.reverseTraceback.filter((f) => f.isTemplate).map((f) => f.uri)).toEqual(EXPECTED_FRAMES.map((f) => f.uri))
  })

  it('the same in async mode', async () => {
    const err = await rejected(deepLookup({ async: true }).getTemplate('/page.mako').render(DATA))
    expect(err).toBeInstanceOf(TypeError)
    const frames = templateFrames(err).map(({ uri, line }) => ({ uri, line }))
    expect(frames).toEqual(EXPECTED_FRAMES.map(({ uri, line }) => ({ uri, line })))
  })

  it('async mode: a def run as a generator fails after waiting; its line, then the calling line', async () => {
    const t = new Template(['% for r in rows:', '${row(r)}', '% endfor', '<%def name="row(r)">', '<td>${r.slow}</td>', '<td>${r.x.y}</td>', '</%def>', ''].join('\n'), { uri: 'gen.mako', async: true })
    const err = await rejected(t.render({ rows: [{ slow: Promise.resolve('s'), x: { y: 1 } }, { slow: new Promise((r) => setTimeout(() => r('t'), 2)) }] }))
    expect(err).toBeInstanceOf(TypeError)
    expect(templateFrames(err).map(({ uri, line, function: f }) => ({ uri, line, function: f }))).toEqual([
      { uri: 'gen.mako', line: 6, function: 'row' },
      { uri: 'gen.mako', line: 2, function: 'render_body' },
    ])
  })

  it('templateStack rewrites the stack to template positions', () => {
    const err = thrown(() => deepLookup().getTemplate('/page.mako').render(DATA))
    const stack = templateStack(err)
    expect(stack).toMatch(/at money \(\/fmt\.mako:3:\d+\)/)
    expect(stack).toMatch(/at render_body \(\/rows\.mako:5:\d+\)/)
    expect(stack).not.toMatch(/mako:\/fmt\.mako/)
  })

  it('htmlErrorTemplate: escaped message, the marked template lines, the stack of template frames', () => {
    const err = thrown(() => deepLookup().getTemplate('/page.mako').render(DATA))
    const html = htmlErrorTemplate(err)
    expect(html).toMatch(/^<!DOCTYPE html>/)
    expect(html).toContain('<span class="line error"><span class="lineno">3</span>   const cents = item.price.cents</span>')
    expect(html).toContain('&lt;tr&gt;&lt;td&gt;${item.name}')
    for (const f of EXPECTED_FRAMES) expect(html).toContain(`${f.uri}, line ${f.line}`)
    const fragment = htmlErrorTemplate(err, { full: false, css: false })
    expect(fragment).not.toMatch(/<html|<body|<style/)
    expect(fragment).toMatch(/^<div class="mako-error">/)
  })

  it('deeper stacks keep every template frame when Error.stackTraceLimit allows', () => {
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 100
    try {
      const lookup = new TemplateLookup()
      const depth = 8
      for (let i = 0; i < depth; i++) lookup.putString(`/l${i}.mako`, `<%namespace name="n" file="/l${i + 1}.mako"/>\nlevel ${i}\n\${n.f()}\n<%def name="f()">\n\${n.f()}\n</%def>\n`)
      lookup.putString(`/l${depth}.mako`, '<%def name="f()">\n\n${null.x}\n</%def>\n')
      const err = thrown(() => lookup.getTemplate('/l0.mako').render({}))
      const frames = templateFrames(err)
      expect(frames[0]).toMatchObject({ uri: `/l${depth}.mako`, line: 3, function: 'f' })
      expect(frames.at(-1)).toMatchObject({ uri: '/l0.mako', line: 3, function: 'render_body' })
      expect(frames.length).toBe(depth + 1)
    } finally {
      Error.stackTraceLimit = limit
    }
  })
})

describe('template lines of runtime errors', () => {
  const at = (src: string, data: Record<string, unknown> = {}, options: Record<string, unknown> = {}) => {
    const t = new Template(src, { uri: `rt-${Math.random().toString(36).slice(2)}.mako`, ...options })
    const err = thrown(() => t.render(data))
    return templateFrames(err)[0]
  }

  it('an expression after several lines of text', () => {
    expect(at('a\nb\nc\n${o.a.b}\nd', { o: {} })).toMatchObject({ line: 4 })
  })

  it('the second expression on a line after text with expressions', () => {
    expect(at('x ${1}\ny ${2} ${o.a.b}', { o: {} })).toMatchObject({ line: 2 })
  })

  it('after a ## comment and a <%doc>', () => {
    expect(at('a\n## c\n<%doc>\nx\n</%doc>\n${o.a.b}', { o: {} })).toMatchObject({ line: 6 })
  })

  it('a control line condition', () => {
    expect(at('a\n\n% if o.a.b:\nx\n% endif\n', { o: {} })).toMatchObject({ line: 3 })
  })

  it('the third line of a <% %> block', () => {
    expect(at('a\n<%\n  let x = 1\n  x = o.a.b\n%>\n', { o: {} })).toMatchObject({ line: 4 })
  })

  it('a def called from the body', () => {
    expect(at('<%def name="f(v)">\nok\n${v.a.b}\n</%def>\n\n${f({})}')).toMatchObject({ line: 3, function: 'f' })
  })

  it('a thrown Error inside a loop', () => {
    expect(at('% for x in [1, 2]:\n${x}\n% if x === 2:\n<% throw new Error("two") %>\n% endif\n% endfor\n')).toMatchObject({ line: 4 })
  })

  it('an UndefinedError carries uri and line, and the traceback shows them', () => {
    const t = new Template('a\nb\n${missing}\n', { uri: 'undef.mako' })
    const err = thrown(() => t.render({}))
    expect(err).toBeInstanceOf(UndefinedError)
    expect(templateFrames(err)[0]).toMatchObject({ uri: 'undef.mako', line: 3 })
    expect(textErrorTemplate(err)).toContain('  > 3 | ${missing}')
  })

  it('with moduleDirectory, code reused from disk maps the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mako-rt-'))
    try {
      const src = 'a\nb\n${o.a.b}\n'
      const first = new Template(src, { uri: 'md.mako', moduleDirectory: dir })
      const second = new Template(src, { uri: 'md.mako', moduleDirectory: dir })
      expect(second.fromModuleDirectory).toBe(true)
      void first
      expect(templateFrames(thrown(() => second.render({ o: {} })))[0]).toMatchObject({ uri: 'md.mako', line: 3 })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('annotateError', () => {
  it('rewrites the mako: frames of the stack to template positions and keeps the reports working', () => {
    const err = thrown(() => deepLookup().getTemplate('/page.mako').render(DATA))
    const before = templateFrames(err)
    expect(annotateError(err)).toBe(err)
    expect(err.stack).toMatch(/at money \(\/fmt\.mako:3:\d+\)/)
    expect(err.stack).toMatch(/at render_body \(\/layout\.mako:3:\d+\)/)
    expect(err.stack).not.toMatch(/\(mako:/)
    expect(err.stack.split('\n')[0]).toBe(`TypeError: ${err.message}`)
    // idempotent, and the reports still see the original frames
    const once = err.stack
    annotateError(err)
    expect(err.stack).toBe(once)
    expect(templateFrames(err)).toEqual(before)
    expect(textErrorTemplate(err)).toContain('  > 3 |   const cents = item.price.cents')
  })

  it('errors leaving a run-time template\'s render are annotated already (render, getDef, async)', async () => {
    const err = thrown(() => deepLookup().getTemplate('/page.mako').render(DATA))
    expect(err.stack).toMatch(/at money \(\/fmt\.mako:3:\d+\)/)
    expect(err.stack).not.toMatch(/\(mako:/)
    expect(templateFrames(err).map((f: any) => f.uri)).toContain('/fmt.mako')
    const t = new Template('<%def name="f(o)">\n${o.a.b}</%def>', { uri: '/def.mako' })
    expect(thrown(() => t.getDef('f').render({})).stack).toMatch(/at f \(\/def\.mako:2:\d+\)/)
    const a = new Template('x\n${await o.a.b}', { uri: '/async.mako', async: true })
    const rejected = await a.render({ o: null }).then(() => null, (e: any) => e)
    expect(rejected.stack).toMatch(/\(\/async\.mako:2:\d+\)/)
    expect(rejected.stack).not.toMatch(/\(mako:/)
  })

  it('leaves other errors and values alone', () => {
    const e = new Error('plain')
    const stack = e.stack
    expect(annotateError(e).stack).toBe(stack)
    expect(annotateError('x')).toBe('x')
    expect(annotateError(null)).toBe(null)
    const frozen = Object.freeze(thrown(() => new Template('${o.a}', { uri: 'frozen.mako' }).render({ o: null })))
    expect(() => annotateError(frozen)).not.toThrow()
  })
})

describe('template lines of runtime errors (property)', () => {
  // random templates around one failing `${o.a.b}`: the first template frame is its line
  const piece = fc.constantFrom(
    'text line', 'a ${ok} b', '${ok}${ok}', '## comment', '<%doc>\nx\n</%doc>', 'tail \\', '<% q = 1 %>', '<%\n  r = 2\n%>',
    '${fn()}', '${ok | trim}', '<%text>${not}</%text>', '${\n  ok\n}', '', 'x${ok}y${fn()}z', '%% percent', '<%call expr="c()">in call</%call>',
    // a thenable: async mode waits for it (a def run as a generator yields, then resumes)
    'w ${pend}',
  )
  const failing = fc.constantFrom('${o.a.b}', 'pre ${o.a.b} post', '${ok}${o.a.b}', 'x ${fn()} y ${o.a.b}', '<% const z = o.a.b %>', '% if o.a.b:\n% endif')
  const wrapper = fc.constantFrom('none', 'def', 'block', 'for', 'if', 'filtered-def', 'buffered-def')
  let counter = 0
  it('maps to the failing line for any surrounding text, sync and async', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 8 }), fc.nat(), failing, wrapper, fc.boolean(), fc.boolean(), async (pieces, at, bad, wrap, crlf, async) => {
        const lines = [...pieces]
        lines.splice(at % (lines.length + 1), 0, bad)
        if (wrap === 'def') lines.unshift('<%def name="d(p)">'), lines.push('</%def>', 'before ${d(1)} after')
        if (wrap === 'filtered-def') lines.unshift('<%def name="d()" filter="trim">'), lines.push('</%def>', '${d()}')
        if (wrap === 'buffered-def') lines.unshift('<%def name="d()" buffered="True">'), lines.push('</%def>', '${d()}')
        if (wrap === 'block') lines.unshift('<%block name="blk">'), lines.push('</%block>')
        if (wrap === 'for') lines.unshift('% for i in [1, 2]:'), lines.push('% endfor')
        if (wrap === 'if') lines.unshift('% if true:'), lines.push('% endif')
        const src = '<%def name="c()">${caller.body()}</%def>' + (crlf ? '\r\n' : '\n') + lines.join(crlf ? '\r\n' : '\n') + '\n'
        const expected = src.split(/\r?\n/).findIndex((l) => l.includes('o.a.b')) + 1
        const t = new Template(src, { uri: `prop-${++counter}.mako`, async })
        let err: any
        try {
          await t.render({ o: {}, ok: 'k', fn: () => 'f', pend: Promise.resolve('p') })
        } catch (e) {
          err = e
        }
        expect(err, src).toBeInstanceOf(TypeError)
        expect(templateFrames(err)[0], JSON.stringify(src)).toMatchObject({ uri: t.uri, line: expected })
      }),
      { numRuns: 500 },
    )
  })
})

describe('syntax errors in the traceback', () => {
  it('a syntax error in an included template shows its own file, line and frame', () => {
    const lookup = new TemplateLookup().putString('/main.mako', 'x\n<%include file="/inc.mako"/>').putString('/inc.mako', 'one\ntwo ${1 +}\n')
    const err = thrown(() => lookup.getTemplate('/main.mako').render({}))
    expect(err.name).toBe('TemplateSyntaxError')
    const text = textErrorTemplate(err)
    expect(text).toMatch(/File "\/inc\.mako", line 2/)
    expect(text).toContain('2 | two ${1 +}')
    expect(text).toMatch(/\^/)
    expect(text.trimEnd().split('\n').pop()).toMatch(/^TemplateSyntaxError: /)
    expect(templateFrames(err)).toEqual([{ uri: '/inc.mako', line: 2, column: err.column, function: undefined }])
    expect(htmlErrorTemplate(err)).toContain('two ${1 +}')
  })

  it('compile() errors render too', () => {
    const err = thrown(() => compile('<%def name="f(">x</%def>', { uri: 'c.mako' }))
    expect(textErrorTemplate(err)).toMatch(/File "c\.mako", line 1/)
  })
})

describe('frames that are not run-time templates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mako-frames-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('a frame that already names a .mako file (Vite ssrFixStacktrace, --enable-source-maps) shows its lines from disk', () => {
    const file = join(dir, 'page.mako')
    writeFileSync(file, 'one\ntwo\n${boom()}\nfour\n')
    const err = new TypeError('boom is not a function')
    err.stack = `TypeError: boom is not a function\n    at __M_render_body (${file}:3:3)\n    at Object.render (${join(dir, 'app.js')}:10:5)`
    const text = textErrorTemplate(err)
    expect(text).toContain(`File "${file}", line 3, in render_body`)
    expect(text).toContain('  > 3 | ${boom()}')
    expect(templateFrames(err)).toEqual([{ uri: file, line: 3, column: 2, function: 'render_body' }])
  })

  it('a compiled module with a source map (a build run by plain Node) maps to its template', () => {
    const source = 'first\nsecond\n<% const v = o.a.b %>\n'
    const { code, map } = compile(source, { filename: join(dir, 'built.mako'), uri: '/built.mako' })
    const js = join(dir, 'built.mako.js')
    writeFileSync(js, `${code}//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`)
    const lines = code.split('\n')
    // (`o` gets the missing-name check: `__M.chk(o, ...).a.b`)
    const i = lines.findIndex((l) => l.includes('const v = '))
    const err = new TypeError("Cannot read properties of undefined (reading 'b')")
    err.stack = `TypeError: x\n    at __M_render_body (${pathToFileURL(js).href}:${i + 1}:${lines[i].indexOf('.a.b') + 1})`
    const frames = templateFrames(err)
    expect(frames).toHaveLength(1)
    expect(frames[0]).toMatchObject({ line: 3, function: 'render_body' })
    expect(frames[0].uri).toMatch(/built\.mako$/)
    expect(textErrorTemplate(err)).toContain('  > 3 | <% const v = o.a.b %>')
  })

  it('a compiled module: a value in the middle of text maps to its line too', () => {
    const source = 'first\nsecond ${ok}\nthird ${o.a.b} end\n'
    const { code, map } = compile(source, { filename: join(dir, 'text.mako'), uri: '/text.mako' })
    const js = join(dir, 'text.mako.js')
    writeFileSync(js, `${code}//# sourceMappingURL=text.mako.js.map\n`)
    writeFileSync(`${js}.map`, JSON.stringify(map))
    const lines = code.split('\n')
    const i = lines.findIndex((l) => l.includes('.a.b'))
    const col = lines[i].lastIndexOf('.b') + 2
    const err = new TypeError("Cannot read properties of undefined (reading 'b')")
    err.stack = `TypeError: x\n    at __M_render_body (${pathToFileURL(js).href}:${i + 1}:${col})`
    expect(templateFrames(err)[0]).toMatchObject({ line: 3, function: 'render_body' })
  })

  it('a thrown non-Error value', () => {
    expect(textErrorTemplate('plain string')).toBe('Traceback (most recent call last):\nstring: plain string\n')
    expect(textErrorTemplate(undefined)).toMatch(/undefined/)
  })

  it('htmlErrorTemplate escapes message and source', () => {
    const t = new Template('<b>\n${o["<i>"].x}\n', { uri: 'esc<&>.mako' })
    const err = thrown(() => t.render({ o: {} }))
    const html = htmlErrorTemplate(err, { full: false })
    expect(html).toContain('esc&lt;&amp;&gt;.mako')
    expect(html).toContain('${o[&#34;&lt;i&gt;&#34;].x}')
    expect(html).not.toContain('<i>')
    expect(html).not.toContain('esc<&>')
  })
})

describe('formatExceptions (Mako format_exceptions)', () => {
  const page = '<h1>${title}</h1>\n<%def name="row(x)">${x.name.toUpperCase()}</%def>\n${user.name}\n'

  it('a render error gives the HTML error page as the output, naming the template line', () => {
    const t = new Template(page, { uri: '/fe.mako', formatExceptions: true })
    const out = t.render({ title: 'T' })
    expect(out).toMatch(/^<!DOCTYPE html>/)
    expect(out).toContain('class="mako-error"')
    expect(out).toContain('/fe.mako')
    expect(out).toContain('UndefinedError')
    expect(out).not.toContain('<h1>T</h1>') // the page replaces what was written before the error
    // without the option the same render throws
    expect(() => new Template(page, { uri: '/fe2.mako' }).render({ title: 'T' })).toThrow(UndefinedError)
  })

  it('applies to getDef(name).render; a missing def and a syntax error are still thrown', () => {
    const t = new Template(page, { uri: '/fe3.mako', formatExceptions: true })
    expect(t.getDef('row').render({ name: 'ok' })).toBe('OK')
    expect(t.getDef('row').render({})).toContain('TypeError')
    expect(() => t.getDef('nope')).toThrow(/no def 'nope'/)
    expect(() => new Template('${x', { formatExceptions: true })).toThrow(TemplateSyntaxError)
  })

  it('async: a rejected render resolves to the error page', async () => {
    const t = new Template('a${await boom()}b', { uri: '/fe4.mako', async: true, formatExceptions: true })
    const out = await t.render({ boom: async () => { throw new RangeError('kaboom') } })
    expect(out).toContain('RangeError: kaboom')
    expect(await t.render({ boom: async () => 1 })).toBe('a1b')
  })

  it('a lookup passes it to its templates; an included template\'s error is formatted by the page', () => {
    const lookup = new TemplateLookup({ formatExceptions: true })
    lookup.putString('/outer.mako', 'before <%include file="/inner.mako"/> after')
    lookup.putString('/inner.mako', '\n${missing.x}')
    const out = lookup.getTemplate('/outer.mako').render()
    expect(out).toContain('class="mako-error"')
    expect(out).toContain('/inner.mako')
    expect(out).toMatch(/^<!DOCTYPE html>/) // the page alone: the outer template's 'before ' is not written
  })
})
