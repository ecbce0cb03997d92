// Async mode (SPEC 6): render() returns a Promise, thenables are awaited.
import type { Case } from '../types.js'
import { t, err } from './util.js'

const later = <T>(v: T, ms = 5): Promise<T> => new Promise<T>((r) => setTimeout(() => r(v), ms))

export const asyncCases: Case[] = [
  t('plain template renders to a Promise', 'hello ${name}', 'hello ed', { async: true, data: { name: 'ed' } }),
  t('a Promise value is awaited', '${p}', 'resolved', { async: true, data: { p: Promise.resolve('resolved') } }),
  t('an awaited value is escaped', '${p}', '&lt;b&gt;', { async: true, data: { p: Promise.resolve('<b>') } }),
  t('a custom thenable is awaited', '${th}', 'then-value', { async: true, data: { th: { then(res: (v: string) => void) { res('then-value') } } } }),
  t('non-thenables are rendered as they are', '${n} ${s} ${o.a}', '1 s A', { async: true, data: { n: 1, s: 's', o: { a: 'A' } } }),
  t('filters see the awaited value', '${p | trim}', 'x', { async: true, data: { p: Promise.resolve('  x  ') } }),
  t('explicit await in an expression', '${await p}', 'v', { async: true, data: { p: Promise.resolve('v') } }),
  t('await in <% %>', '<% const v = await p %>${v.toUpperCase()}', 'V', { async: true, data: { p: later('v') } }),
  t('for over an awaited array', '% for x in await p:\n${x}\\\n% endfor\n', '123', { async: true, data: { p: Promise.resolve([1, 2, 3]) } }),
  t('output order is kept across slow values', '${a}-${b}-${c}', '1-2-3', { async: true, data: { a: later(1, 20), b: later(2, 1), c: 3 } }),
  t('async def output lands in place', 'a${f()}c<%def name="f()">${p}</%def>', 'abc', { async: true, data: { p: later('b') } }),
  t('def with await inside', '<%def name="f(q)"><% const v = await q %>[${v}]</%def>${f(p)}', '[x]', { async: true, data: { p: later('x') } }),
  t('buffered def in async mode', '<%def name="f()" buffered="True">${p}</%def>${"(" + (await f()) + ")"}', '(B)', { async: true, data: { p: later('B') } }),
  t('capture in async mode', '<%def name="f()">${p}</%def><% const s = await capture(f) %>[${s}]', '[C]', { async: true, data: { p: later('C') } }),
  t('capture result is awaited when rendered', '<%def name="f()">${p}</%def>[${capture(f)}]', '[C]', { async: true, data: { p: later('C') } }),
  t('custom tag with caller.body in async mode', '<%def name="wrap()">(${caller.body()})</%def><%self:wrap>${p}</%self:wrap>', '(in)', { async: true, data: { p: later('in') } }),
  t('<%call> in async mode', '<%def name="rows()">\\\n% for i in [1, 2]:\n${caller.body(i)}\\\n% endfor\n</%def><%call expr="rows()" args="i">${i}${p}</%call>', '1x2x', { async: true, data: { p: later('x') } }),
  t('named and anonymous blocks in async mode', '<%block name="b">${p}</%block>|<%block>${p}</%block>', 'B|B', { async: true, data: { p: later('B') } }),
  t('loop context in async mode', '% for x in ["a", "b"]:\n${loop.index}${x}\\\n% endfor\n', '0a1b', { async: true }),
  t('STOP_RENDERING in async mode', 'a${p}<% return STOP_RENDERING %>b', 'aP', { async: true, data: { p: later('P') } }),
  t('a rejected Promise rejects the render with its error', '${p}', err('RangeError', /bad/), { async: true, data: { p: { then(_res: unknown, rej: (e: unknown) => void) { rej(new RangeError('bad')) } } } }),
  t('UndefinedError in async mode', '${nope}', err('UndefinedError', /nope/), { async: true }),
  t('getDef(...).render() returns a Promise in async mode', '<%def name="f(x)">${x}${await Promise.resolve("P")}</%def>', '1P', { async: true,
    run: (l) => l.getTemplate('main.mako').getDef('f').render(1) }),
  t('inheritance in async mode', '<%inherit file="base.mako"/>\\\n<%block name="title">${p}</%block>body', '<title>T</title>|body', {
    async: true, data: { p: later('T') },
    templates: { 'base.mako': '<title><%block name="title"/></title>|${next.body()}' },
  }),
  t('include in async mode', '[<%include file="inc.mako"/>]', '[inc:I]', { async: true, data: { p: later('I') }, templates: { 'inc.mako': 'inc:${p}' } }),
  t('namespace def in async mode', '<%namespace name="ns" file="ns.mako"/>${ns.f()}', 'f:N', { async: true, data: { p: later('N') }, templates: { 'ns.mako': '<%def name="f()">f:${p}</%def>' } }),
  t('awaiting a def call inside a larger expression (filtering.rst, async spelling)', '<%def name="somedef()">somedef results</%def>${" results " + (await somedef()) + " more results "}', 'somedef results results  more results ', { async: true }),
  t('awaiting capture inside a larger expression', '<%def name="f(a)">${a}${p}</%def>${"[" + (await capture(f, 1)) + "]"}', '[1P]', { async: true, data: { p: later('P') } }),
  t('a filtered def in async mode writes its filtered output', '<%def name="f()" filter="trim">  ${p}  </%def>${"[" + (await f()) + "]"}', 'P[]', { async: true, data: { p: later('P') } }),
  t('decorator awaiting the def in async mode', "<%! const bar = (fn) => async (context, ...a) => { context.write('<'); await fn(...a); context.write('>'); return '' } %><%def name=\"f()\" decorator=\"bar\">${p}</%def>${f()}", '<D>', { async: true, data: { p: later('D') } }),
  t('async render of many rows keeps order', '% for r in rows:\n${r}\\\n% endfor\n', '0123456789', { async: true, data: { rows: Array.from({ length: 10 }, (_, i) => later(i, 10 - i)) } }),
  t('include args with awaited values', '<%include file="t.mako" args="v=p"/>', 'v=A', { async: true, data: { p: later('A') }, templates: { 't.mako': '<%page args="v"/>v=${v}' } }),
  t('custom tag attribute with an awaited value', '<%def name="f(a)">${a}</%def><%self:f a="${p}"/>', 'AT', { async: true, data: { p: later('AT') } }),
  t('an object whose then is not a function is not awaited', '${o}', 'T', { async: true, data: { o: { then: 5, toString() { return 'T' } } } }),
]
