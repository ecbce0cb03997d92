// Edge cases across areas: lexer corners, JS-aware scanning, caller stack, scoping.
import type { Case } from '../types.js'
import { t, err } from './util.js'

const later = <T>(v: T, ms = 5) => new Promise<T>((r) => setTimeout(() => r(v), ms))

export const edge: Case[] = [
  // expressions: JS-aware scanning for } and |
  t('regex literal with | in an expression', "${/a|b/.test('b')}", 'true'),
  t('regex literal with } in an expression', "${/}/.test('}')}", 'true'),
  t('template literal containing }', '${`}`}', '}'),
  t('string containing ${', "${'${x}'}", '${x}'),
  t('block comment containing a pipe', '${1 /* | h */ + 1}', '2'),
  t('filter without spaces around the pipe', '${x|n,trim}', '<b>', { data: { x: ' <b> ' } }),
  t('spaces inside ${ }', '${   x   }', 'X', { data: { x: 'X' } }),
  t('bitwise or inside an arrow body in brackets', '${[1, 2].map((v) => v | 1).join()}', '1,3'),
  t('string with a pipe in a ternary', "${x ? 'a|b' : \"c|d\"}", 'a|b', { data: { x: 1 } }),
  t('top-level pipe to a data function is a filter', '${a | b}', '[5]', { data: { a: 5, b: (s: unknown) => `[${s}]` } }),
  t('optional call', '[${f?.()}]', '[]', { data: { f: null } }),
  t('new expression', '${new Date(0).getUTCFullYear()}', '1970'),
  t('await in a sync template is a syntax error', '${await x}', err('TemplateSyntaxError')),
  // control lines
  t('colon inside a string in a condition', "% if x == 'a:b':\nyes\n% endif\n", 'yes\n', { data: { x: 'a:b' } }),
  t('object literals in a for iterable', '% for o in [{a: 1}, {a: 2}]:\n${o.a}\\\n% endfor\n', '12'),
  t('arrow function in a for iterable', '% for x in items.filter((i) => i > 1):\n${x}\\\n% endfor\n', '23', { data: { items: [1, 2, 3] } }),
  t('control line indented with tabs', 'a\n\t\t% if 1:\nb\n\t% endif\nc', 'a\nb\nc', { mako: true }),
  t('control line with trailing spaces', '% if 1:   \nb\n% endif   \n', 'b\n', { mako: true }),
  t('percent after an expression on a line is text', '${x}% if\n', '1% if\n', { data: { x: 1 }, mako: true }),
  t('blank lines between control lines are kept', '% if 1:\n\nb\n\n% endif\n', '\nb\n\n', { mako: true }),
  t('a control line closing across a tag is an error', '% if x:\n<%def name="f()">\n% endif\n</%def>', err(['TemplateSyntaxError', 'CompileError']), { data: { x: 1 } }),
  t('continue inside while', '<% let i = 0 %>\\\n% while i < 4:\n<% i++ %>\\\n% if i == 2:\n% continue\n% endif\n${i}\\\n% endwhile\n', '134'),
  t('break out of the inner loop only', '% for a in [1, 2]:\n% for b in [1, 2, 3]:\n% if b == 2:\n% break\n% endif\n${a}${b} \\\n% endfor\n% endfor\n', '11 21 '),
  t('loop.index after break in an inner loop', '% for a in ["x", "y"]:\n% for b in [1, 2]:\n% break\n% endfor\n${loop.index}${a}\\\n% endfor\n', '0x1y'),
  // text
  t('backslash at the very end of the template stays', 'a\\', 'a\\', { mako: true }),
  t('## inside an expression string is not a comment', "${'## x'}", '## x', { mako: true }),
  t('<%doc> followed by a control line', '<%doc>c</%doc>\n% if 1:\nx\n% endif\n', '\nx\n', { mako: true }),
  t('expression at line start then a control line', '${x}\n% if 1:\ny\n% endif\n', '1\ny\n', { data: { x: 1 }, mako: true }),
  t('control lines inside a def body', '<%def name="f(n)">\\\n% for i in [1, 2]:\n${n}${i}\n% endfor\n</%def>${f("a")}', 'a1\na2\n', { mako: true }),
  // defs and callers
  t('a def called inside a caller body has no caller', '<%def name="a()">${caller.body()}</%def><%def name="b()">${caller ? "has" : "none"}</%def><%self:a>${b()}</%self:a>', 'none',
    { mako: { templates: { 'main.mako': '<%def name="a()">${caller.body()}</%def><%def name="b()">${"has" if caller else "none"}</%def><%self:a>${b()}</%self:a>' } } }),
  t('a def called from <% %> writes in place', '<%def name="f()">F</%def>a<% f() %>b', 'aFb', { mako: true }),
  t('def name shadows data of the same name', '<%def name="v()">def</%def>${v()}', 'def', { data: { v: () => 'data' } }),
  t('unknown attribute on <%def> is an error', '<%def name="f()" bogus="1">x</%def>', err(['CompileError', 'TemplateSyntaxError'], /bogus/), { mako: true }),
  t('unknown attribute on <%include> is an error', '<%include file="t.mako" bogus="1"/>', err(['CompileError', 'TemplateSyntaxError'], /bogus/), { templates: { 't.mako': '' }, mako: true }),
  t('closing </%text> without opening', 'a</%text>', err('TemplateSyntaxError'), { mako: true }),
  t('block name with a signature is an error', '<%block name="b(x)">x</%block>', err(['CompileError', 'TemplateSyntaxError']), { mako: true }),
  t('named block does not see body locals (Mako)', '<% const x = 1 %><%block name="b">${x}</%block>', err('UndefinedError', /x/), { mako: { templates: { 'main.mako': '<% x = 1 %><%block name="b">${x}</%block>' } } }),
  t('anonymous block nested in a named block sees the named block args', '<%page args="p"/><%block name="outer" args="p">(<%block>${p}</%block>)</%block>', '(P)', { data: { p: 'P' }, mako: true }),
  // context
  t('context.kwargs holds exactly the data', "${Object.keys(context.kwargs).sort().join(',')}", 'a,b', { data: { a: 1, b: 2 } }),
  t('context.kwargs is a new copy each time', '${context.kwargs === context.kwargs}', 'false'),
  t('context.get inside an included template sees include args? no: the data', '<%include file="t.mako" args="x=2"/>', '1/2', { data: { x: 1 }, templates: { 't.mako': '<%page args="x"/>${context.get("x")}/${x}' }, mako: { templates: { 'main.mako': '<%include file="t.mako" args="x=2"/>', 't.mako': '<%page args="x"/>${context.get("x")}/${x}' } } }),
  // namespaces
  t('namespace declared after its use', '${n.f()}<%namespace name="n" file="n.mako"/>', 'F', { templates: { 'n.mako': '<%def name="f()">F</%def>' }, mako: true }),
  t('inline defs override the namespace file defs (namespaces.rst)', '<%namespace name="n" file="n.mako"><%def name="a()">inline</%def></%namespace>${n.a()}/${n.b()}', 'inline/remote-b',
    { templates: { 'n.mako': '<%def name="a()">remote-a</%def><%def name="b()">remote-b</%def>' } }),
  t('inline namespace defs call each other through the namespace', '<%namespace name="n"><%def name="a()">a${n.b()}</%def><%def name="b()">b</%def></%namespace>${n.a()}', 'ab', { mako: true }),
  t('import="*" of a template with a block', '<%namespace file="n.mako" import="*"/>${blk()}', 'B', { templates: { 'n.mako': '<%block name="blk">B</%block>' } }),
  // inheritance
  t('four-level chain with next.body()', '<%inherit file="c.mako"/>d', 'a(b(c(d)))', { templates: { 'a.mako': 'a(${next.body()})', 'b.mako': '<%inherit file="a.mako"/>b(${next.body()})', 'c.mako': '<%inherit file="b.mako"/>c(${next.body()})' }, mako: true }),
  t('self.attr in a three-level chain: the middle overrides', '<%inherit file="mid.mako"/>', 'mid', { templates: { 'base.mako': '<%! const v = "base" %>${self.attr.v}', 'mid.mako': '<%! const v = "mid" %><%inherit file="base.mako"/>' },
    mako: { templates: { 'main.mako': '<%inherit file="mid.mako"/>', 'base.mako': '<%! v = "base" %>${self.attr.v}', 'mid.mako': '<%! v = "mid" %><%inherit file="base.mako"/>' } } }),
  t('local.name in a base is self:<uri>', '<%inherit file="base.mako"/>', 'self:base.mako', { templates: { 'base.mako': '${local.name}' } }),
  t('text before <%inherit> belongs to the child body', 'pre<%inherit file="base.mako"/>post', '[prepost]', { templates: { 'base.mako': '[${next.body()}]' }, mako: true }),
  t('a child block calls a child def', '<%inherit file="base.mako"/><%block name="b">${helper()}</%block><%def name="helper()">H</%def>', '<H>', { templates: { 'base.mako': '<<%block name="b"/>>' }, mako: true }),
  t('a child block with a filter', '<%inherit file="base.mako"/><%block name="b" filter="trim">   x   </%block>', '<x>', { templates: { 'base.mako': '<<%block name="b"/>>' }, mako: true }),
  t('render data reaches child blocks', '<%inherit file="base.mako"/><%block name="b">${v}</%block>', '<V>', { data: { v: 'V' }, templates: { 'base.mako': '<<%block name="b"/>>' }, mako: true }),
  t('child body locals are not seen by child blocks (Mako)', '<%inherit file="base.mako"/><% const y = 1 %><%block name="b">${y}</%block>', err('UndefinedError', /y/), { templates: { 'base.mako': '<<%block name="b"/>>${next.body()}' },
    mako: { templates: { 'main.mako': '<%inherit file="base.mako"/><% y = 1 %><%block name="b">${y}</%block>', 'base.mako': '<<%block name="b"/>>${next.body()}' } } }),
  t('import="*" namespace used inside a child block', '<%inherit file="base.mako"/><%namespace file="n.mako" import="*"/><%block name="b">${f()}</%block>', '<F>', { templates: { 'base.mako': '<<%block name="b"/>>', 'n.mako': '<%def name="f()">F</%def>' }, mako: true }),
  // async
  t('concurrent async renders keep separate buffers', '${a}-${b}', 'A1-B1|A2-B2', {
    async: true,
    run: async (l) => {
      const tp = l.getTemplate('main.mako')
      const [x, y] = await Promise.all([tp.render({ a: later('A1', 15), b: later('B1', 1) }), tp.render({ a: later('A2', 1), b: later('B2', 15) })])
      return x + '|' + y
    },
  }),
  t('async: error thrown inside a def propagates', '<%def name="f()"><% await null; throw new TypeError("inner") %></%def>${f()}', err('TypeError', /inner/), { async: true }),
  t('async: module= function returning a Promise is awaited', '<%namespace name="m" module="@TMP@/m.mjs"/>${m.slow("z")}', 'slow z', { async: true, files: { 'm.mjs': 'export async function slow(context, v) { await null; return "slow " + v }\n' } }),
  t('async: def filter applies to awaited content', '<%def name="f()" filter="trim">  ${p}  </%def>[${f()}]', '[P]', { async: true, data: { p: later('P') } }),
  t('async: child body awaits inside inheritance', '<%inherit file="base.mako"/>${p}', '<P>', { async: true, data: { p: later('P') }, templates: { 'base.mako': '<${next.body()}>' } }),
  t('%> inside a string in <% %>', "<% const s = '%>' %>${s}", '%&gt;', { mako: { templates: { 'main.mako': "<% s = '%>' %>${s}" } } }),
  t('escaped quote and brace inside a string in ${}', '${"a\\"}b"}', 'a&#34;}b', { mako: true }),
  t('colon inside a string in a for iterable', '% for x in "a:b":\n${x}\\\n% endfor\n', 'a:b', { mako: true }),
  t('namespace custom tag inside an overriding block', '<%inherit file="base.mako"/><%namespace name="ui" file="ui.mako"/><%block name="b"><%ui:box t="T">in ${v}</%ui:box></%block>', '<[T:in V]>',
    { data: { v: 'V' }, templates: { 'base.mako': '<<%block name="b"/>>', 'ui.mako': '<%def name="box(t)">[${t}:${caller.body()}]</%def>' }, mako: true }),
  t('nested custom tags from another template', '<%namespace name="ui" file="ui.mako"/><%ui:outer><%ui:inner>x</%ui:inner></%ui:outer>', 'O(I(x))',
    { templates: { 'ui.mako': '<%def name="outer()">O(${caller.body()})</%def><%def name="inner()">I(${caller.body()})</%def>' }, mako: true }),
  t('custom tag from another template with body args in a loop', '<%namespace name="ui" file="ui.mako"/><%ui:list items="${[1,2]}" args="it">${it}</%ui:list>', '\n<li>1</li>\n<li>2</li>\n',
    { templates: { 'ui.mako': '<%def name="list(items)">\n% for i in items:\n<li>${caller.body(i)}</li>\n% endfor\n</%def>' },
      mako: { templates: { 'main.mako': '<%namespace name="ui" file="ui.mako"/><%ui:list items="${[1,2]}" args="it">${it}</%ui:list>', 'ui.mako': '<%def name="list(items)">\n% for i in items:\n<li>${caller.body(it=i)}</li>\n% endfor\n</%def>' } } }),
  t('a namespace def using a custom tag of its own namespace', '<%namespace name="ui" file="ui.mako"/>${ui.a()}', '{B}',
    { templates: { 'ui.mako': '<%namespace name="deep" file="deep.mako"/><%def name="a()"><%deep:w>${b()}</%deep:w></%def><%def name="b()">B</%def>', 'deep.mako': '<%def name="w()">{${caller.body()}}</%def>' }, mako: true }),
  t('a def named like a global shadows it', '<%def name="Math()">M</%def>${Math()}', 'M'),
  t('a def named constructor', '<%def name="constructor()">C</%def>${constructor()}', 'C'),
  t('a def named toString', '<%def name="toString()">T</%def>${toString()}', 'T'),
  t('a block named hasOwnProperty', '<%block name="hasOwnProperty">H</%block>', 'H'),
  t('a data key named constructor', '${constructor}', 'data', { data: { constructor: 'data' } }),
  t('a data key named __proto__ does not break rendering', "${context.get('x')}", 'X', { data: JSON.parse('{"__proto__": {"polluted": 1}, "x": "X"}') }),
  // the buffer stack is restored when an error leaves a captured/buffered/filtered section
  t('error inside capture: later output still reaches the page', '<%def name="bad()">x<% throw new Error("b") %></%def>\n% try:\n${capture(bad)}\n% except e:\ncaught\n% endtry\nafter\n', '\ncaught\nafter\n',
    { mako: { templates: { 'main.mako': '<%def name="bad()">x<% raise ValueError("b") %></%def>\n% try:\n${capture(bad)}\n% except Exception as e:\ncaught\n% endtry\nafter\n' } } }),
  t('error inside a buffered def: later output still reaches the page', '<%def name="bad()" buffered="True">x<% throw new Error("b") %></%def>\n% try:\n${bad()}\n% except e:\ncaught\n% endtry\nafter\n', '\ncaught\nafter\n',
    { mako: { templates: { 'main.mako': '<%def name="bad()" buffered="True">x<% raise ValueError("b") %></%def>\n% try:\n${bad()}\n% except Exception as e:\ncaught\n% endtry\nafter\n' } } }),
  t('error inside a filtered def: later output still reaches the page', '<%def name="bad()" filter="trim">x<% throw new Error("b") %></%def>\n% try:\n${bad()}\n% except e:\ncaught\n% endtry\nafter\n', '\ncaught\nafter\n',
    { mako: { templates: { 'main.mako': '<%def name="bad()" filter="trim">x<% raise ValueError("b") %></%def>\n% try:\n${bad()}\n% except Exception as e:\ncaught\n% endtry\nafter\n' } } }),
  t('error inside a plain def keeps what it wrote', '<%def name="bad()">x<% throw new Error("b") %></%def>\n% try:\n${bad()}\n% except e:\ncaught\n% endtry\nafter\n', '\nxcaught\nafter\n',
    { mako: { templates: { 'main.mako': '<%def name="bad()">x<% raise ValueError("b") %></%def>\n% try:\n${bad()}\n% except Exception as e:\ncaught\n% endtry\nafter\n' } } }),
  t('error inside a filtered block: later output still reaches the page', '% try:\n<%block filter="trim">x<% throw new Error("b") %></%block>\n% except e:\ncaught\n% endtry\nafter\n', 'caught\nafter\n'),
  t('error inside a caller body captured by the def: later output still reaches the page', '<%def name="w()">${capture(caller.body)}</%def>\n% try:\n<%self:w>x<% throw new Error("b") %></%self:w>\n% except e:\ncaught\n% endtry\nafter\n', '\ncaught\nafter\n'),
  t('async: error inside capture restores the buffer', '<%def name="bad()">x<% await null; throw new Error("b") %></%def>\n% try:\n${await capture(bad)}\n% except e:\ncaught\n% endtry\nafter\n', '\ncaught\nafter\n', { async: true }),
  t('a template rendering itself recursively through the lookup', '<%page args="n = 2"/>${n}${n > 0 ? context.lookup.getTemplate("main.mako").render({ n: n - 1 }) : ""}', '210'),
  t('a failed render leaves no state behind', '<%def name="f()" buffered="True">${boom ? null.x : "ok"}</%def>a${f()}', 'err|aok|err|aok', {
    run: (l) => {
      const tp = l.getTemplate('main.mako')
      const r = (boom: boolean) => { try { return tp.render({ boom }) } catch { return 'err' } }
      return [r(true), r(false), r(true), r(false)].join('|')
    },
  }),
  t('async: concurrent renders where one fails', '<%def name="f()">${p}</%def>[${f()}]', 'err|[ok]', {
    async: true,
    run: async (l) => {
      const tp = l.getTemplate('main.mako')
      const bad = tp.render({ p: new Promise((_, rej) => setTimeout(() => rej(new Error('x')), 5)) }).catch(() => 'err')
      const good = tp.render({ p: new Promise((res) => setTimeout(() => res('ok'), 10)) })
      return (await bad) + '|' + (await good)
    },
  }),
  t('a closing-tag string inside an expression in a def', "<%def name=\"f()\">${'</%def>'}</%def>${f()}", '&lt;/%def&gt;', { mako: true }),
  t('a ${ string inside an expression', "${'${'}", '${', { mako: true }),
  t('<% inside an expression string', "${'<%'}", '&lt;%', { mako: true }),
  t('%> inside an expression string', "${'%>'}", '%&gt;', { mako: true }),
]
