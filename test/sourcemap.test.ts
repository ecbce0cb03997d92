// Source maps lead from generated code back to the template: lines, and the column of each
// copied fragment, so a runtime error in the n-th `${}` of a line points at that `${}`.
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping'
import { describe, expect, it } from 'vitest'
import { compile, Template, TemplateLookup } from '../src/index.js'
import { templateFrames } from '../src/exceptions.js'

describe('source maps', () => {
  it('maps each generated statement of user code to its template line', () => {
    const src = 'line one\n<% const a = 1 %>\n% if a:\n  ${a + 1}\n% endif\n<%def name="f()">${b}</%def>'
    const { code, map } = compile(src, { filename: 'x.mako' })
    expect(map).toBeTruthy()
    const tm = new TraceMap(map as never)
    const lines = code.split('\n')
    const origin = (needle: string) => {
      const i = lines.findIndex((l) => l.includes(needle))
      expect(i, needle).toBeGreaterThanOrEqual(0)
      const col = lines[i].length - lines[i].trimStart().length
      return originalPositionFor(tm, { line: i + 1, column: col })
    }
    expect(origin('const a = 1')).toMatchObject({ source: 'x.mako', line: 2 })
    expect(origin('if (a)')).toMatchObject({ line: 3 })
    expect(origin('function __M_def_f')).toMatchObject({ line: 6 })
    expect(map!.sourcesContent?.[0]).toBe(src)
  })

  it('maps the column of every copied fragment: each `${}` of a line to its own column', () => {
    const src = 'a ${x} b ${y.z} c ${f(1)} d\n'
    const { code, map } = compile(src, { filename: 'c.mako' })
    const tm = new TraceMap(map as never)
    const lines = code.split('\n')
    for (const [needle, frag] of [['__M.chk(y', '${y.z}'], ['f(1)', '${f(1)}'], ['(x === undefined', '${x}']] as const) {
      const i = lines.findIndex((l) => l.includes(needle))
      expect(originalPositionFor(tm, { line: i + 1, column: lines[i].indexOf(needle) }), needle).toMatchObject({ line: 1, column: src.indexOf(frag) })
    }
  })
})

/** Where the first template frame of what rendering throws points: 1-based line, 0-based column. */
async function errorAt(src: string, options: { async?: boolean; data?: Record<string, unknown>; lookup?: TemplateLookup } = {}) {
  const t = options.lookup ? options.lookup.getTemplate('/main.mako') : new Template(src, { uri: `sm-${Math.random().toString(36).slice(2)}.mako`, async: options.async })
  let err: unknown
  try {
    await t.render({ o: {}, ok: 'k', fn: () => 'f', boom: () => { throw new Error('boom') }, pend: Promise.resolve('p'), ...options.data })
  } catch (e) {
    err = e
  }
  expect(err, src).toBeInstanceOf(Error)
  const f = templateFrames(err)[0]
  return { line: f.line, column: f.column }
}

/** The 1-based line and 0-based column of `needle`'s last occurrence in `src`. */
function posOf(src: string, needle: string) {
  const at = src.lastIndexOf(needle)
  const before = src.slice(0, at)
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') - 1 }
}

describe('sourceMap: false', () => {
  it('gives no map and the same code and metadata', () => {
    const src = '<%page args="items"/>\n<%def name="f(x)">${x.a | h}</%def>\n% for i in items:\n${f(i)} ${i.b}\n% endfor\n<% const n = 1 %>${n}'
    // (a template holding the markers' character too: its text must stay as it is)
    for (const [text, async] of [[src, false], [src, true], [src + ' \x01${1}\x02', false]] as const) {
      const on = compile(text, { filename: 'x.mako', starttime: 1, async })
      const off = compile(text, { filename: 'x.mako', starttime: 1, async, sourceMap: false })
      expect(on.map).toBeTruthy()
      expect(off.map).toBeNull()
      expect(off.code).toBe(on.code)
      expect(off.meta).toEqual(on.meta)
    }
  })
})

describe('runtime errors point at the column of the failing fragment', () => {
  // one case per node kind; the failing fragment is the last `${o.a.b}` / `${boom()}` of its line
  const cases: [string, string, string][] = [
    ['the third `${}` of a line of text', 'x\na ${ok} b ${ok} c ${o.a.b} d\n', '${o.a.b}'],
    ['a value that calls (its own statement)', 'a ${fn()} b ${boom()} c\n', '${boom()}'],
    ['a filtered value', 'a ${ok | h} b ${o.a.b | trim} c\n', '${o.a.b | trim}'],
    ['a value after a def call on the line', '<%def name="d()">D</%def>\na ${d()} b ${o.a.b}\n', '${o.a.b}'],
    ['inside a def', '<%def name="d(p)">\n  ${p} and ${p.a.b}\n</%def>\n${d({})}\n', '${p.a.b}'],
    ['inside a buffered def', '<%def name="d()" buffered="True">\n ${ok} ${o.a.b}\n</%def>\n${d()}\n', '${o.a.b}'],
    ['inside a filtered def', '<%def name="d()" filter="trim">\n ${ok} ${o.a.b}\n</%def>\n${d()}\n', '${o.a.b}'],
    ['inside a nested def', '<%def name="outer()">\n<%def name="inner()">${ok}${o.a.b}</%def>\n${inner()}\n</%def>\n${outer()}\n', '${o.a.b}'],
    ['inside a named block', '<%block name="b">\n${ok} - ${o.a.b}\n</%block>\n', '${o.a.b}'],
    ['inside an anonymous block', '<%block>\n${ok} - ${o.a.b}\n</%block>\n', '${o.a.b}'],
    ['inside a call body', '<%def name="c()">${caller.body()}</%def>\n<%call expr="c()">\n${ok} ${o.a.b}\n</%call>\n', '${o.a.b}'],
    ['inside a for loop', '% for i in [1]:\n  ${i} ${o.a.b}\n% endfor\n', '${o.a.b}'],
    ['inside a loop with loop.index', '% for i in [1]:\n  ${loop.index} ${o.a.b}\n% endfor\n', '${o.a.b}'],
    ['a control line condition', 'a\n% if ok && o.a.b:\nx\n% endif\n', 'ok && o.a.b:'],
    ['a for iterable', 'a\n% for x in o.a.b:\nx\n% endfor\n', 'o.a.b:'],
    ['a code block line', '<%\n  const q = 1\n  const r = o.a.b\n%>\n', 'const r = o.a.b'],
    ['a `${}` in an attribute', '<%def name="d()" cached="${o.a.b}">x</%def>\n${d()}\n', '${o.a.b}'],
  ]
  for (const [name, src, needle] of cases) {
    it(`${name} (sync and async)`, async () => {
      const expected = posOf(src, needle)
      expect(await errorAt(src)).toEqual(expected)
      expect(await errorAt(src, { async: true })).toEqual(expected)
    })
  }

  it('a template holding the marker character \\x01 (and private-use ones) still maps each `${}` to its column', async () => {
    for (const src of [
      "<% const sep = '\x01' %>\na ${sep} b ${ok} c ${o.a.b} d\n",
      "<% const sep = '\x01\ue000\ue001' %>\na ${sep} b ${ok} c ${o.a.b} d\n",
    ]) {
      const expected = posOf(src, '${o.a.b}')
      expect(await errorAt(src)).toEqual(expected)
      expect(await errorAt(src, { async: true })).toEqual(expected)
    }
    // and the output keeps the characters
    const t = new Template("<% const sep = '\x01\ue000' %>[${sep}]${'\x01'}")
    expect(t.render()).toBe('[\x01\ue000]\x01')
  })

  it('async: after a value that waited', async () => {
    const src = 'w ${pend} x ${pend} y ${o.a.b}\n'
    expect(await errorAt(src, { async: true })).toEqual(posOf(src, '${o.a.b}'))
  })

  it('an include with args: the failing argument', async () => {
    const lookup = new TemplateLookup()
    lookup.putString('/inc.mako', '<%page args="v"/>${v}')
    const src = '<%include file="/inc.mako" args="v=ok"/> <%include file="/inc.mako" args="v=o.a.b"/>\n'
    lookup.putString('/main.mako', src)
    const at = await errorAt(src, { lookup })
    expect(at.line).toBe(1)
    expect(at.column).toBe(src.lastIndexOf('o.a.b'))
  })
})
