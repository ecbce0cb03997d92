// <%namespace>: file=, import=, inline defs, module=, inheritable, ns.attr/uri/name/body (namespaces.rst).
import type { Case } from '../types.js'
import { t, err } from './util.js'

const components = `## components.html
<%def name="comp1()">
    this is comp1
</%def>

<%def name="comp2(x)">
    this is comp2, x is \${x}
</%def>
`
const modJs = `export function my_tag(context) {
  context.write('hello world')
  return ''
}
export function greet(context, name) {
  return 'hi ' + name + ' from ' + context.get('who')
}
export function wrap(context, text) {
  context.write('<div>' + text + '</div>')
  return ''
}
export const version = '1.0'
`

export const namespaces: Case[] = [
  t('namespace name= file= (namespaces.rst)', "## index.html\n<%namespace name=\"comp\" file=\"components.mako\"/>\n\nHere's comp1:  ${comp.comp1()}\nHere's comp2:  ${comp.comp2(5)}\n",
    "\n\nHere's comp1:  \n    this is comp1\n\nHere's comp2:  \n    this is comp2, x is 5\n\n",
    { templates: { 'components.mako': components }, mako: { templates: { 'main.mako': "## index.html\n<%namespace name=\"comp\" file=\"components.mako\"/>\n\nHere's comp1:  ${comp.comp1()}\nHere's comp2:  ${comp.comp2(x=5)}\n", 'components.mako': components } } }),
  t('namespace import="comp1, comp2" (namespaces.rst)', '<%namespace file="components.mako" import="comp1, comp2"/>\nHeres comp1:  ${comp1()}\nHeres comp2:  ${comp2(5)}',
    '\nHeres comp1:  \n    this is comp1\n\nHeres comp2:  \n    this is comp2, x is 5\n', { templates: { 'components.mako': components }, mako: true }),
  t('namespace import="*" (namespaces.rst)', '<%namespace file="components.mako" import="*"/>\nHeres comp1:  ${comp1()}\nHeres comp2:  ${comp2(5)}',
    '\nHeres comp1:  \n    this is comp1\n\nHeres comp2:  \n    this is comp2, x is 5\n', { templates: { 'components.mako': components }, mako: true }),
  t('name and import together', '<%namespace name="c" file="c.mako" import="a"/>${a()}${c.b()}', 'AB', { templates: { 'c.mako': '<%def name="a()">A</%def><%def name="b()">B</%def>' }, mako: true }),
  t('imported names take precedence over context names (namespaces.rst)', '<%namespace file="c.mako" import="a"/>${a()}', 'def', { data: { a: () => 'data' }, templates: { 'c.mako': '<%def name="a()">def</%def>' } }),
  t('namespace file with a ${} expression (namespaces.rst)', "<%namespace name=\"dyn\" file=\"${context.get('namespace_name')}\"/>${dyn.f()}", 'F2',
    { data: { namespace_name: 'two.mako' }, templates: { 'one.mako': '<%def name="f()">F1</%def>', 'two.mako': '<%def name="f()">F2</%def>' },
      mako: { templates: { 'main.mako': "<%namespace name=\"dyn\" file=\"${context['namespace_name']}\"/>${dyn.f()}", 'two.mako': '<%def name="f()">F2</%def>' } } }),
  t('inline namespace with defs (namespaces.rst)', '## define a namespace\n<%namespace name="stuff">\n    <%def name="comp1()">\n        comp1\n    </%def>\n</%namespace>\n\n## then call it\n${stuff.comp1()}',
    '\n\n\n        comp1\n    ', { mako: true }),
  t('an anonymous block in an inline namespace is a CompileError (SPEC 11)', '<%namespace name="s"><%block>x</%block></%namespace>', err('CompileError'), { mako: true }),
  t('namespace defs see the render data', '<%namespace name="n" file="n.mako"/>${n.f()}', 'user=ed', { data: { user: 'ed' }, templates: { 'n.mako': '<%def name="f()">user=${user}</%def>' }, mako: true }),
  t('namespace def calling a sibling def of its template', '<%namespace name="n" file="n.mako"/>${n.a()}', 'a(b)', { templates: { 'n.mako': '<%def name="a()">a(${b()})</%def><%def name="b()">b</%def>' }, mako: true }),
  t('namespace def reads its template <%! %> names', '<%namespace name="n" file="n.mako"/>${n.f()}', 'K', { templates: { 'n.mako': '<%! const K = "K" %><%def name="f()">${K}</%def>' } }),
  t('ns.attr reads <%! %> names (namespaces.rst)', '<%namespace name="lib" file="lib.mako"/>\\\n% for incl in lib.attr.includes:\n${incl | n}\n% endfor\n', '<link rel="stylesheet" href="mystyle.css"/>\n<script src="functions.js"></script>\n',
    { templates: { 'lib.mako': '<%!\n    const includes = [\n        \'<link rel="stylesheet" href="mystyle.css"/>\',\n        \'<script src="functions.js"></script>\'\n    ]\n%>' } }),
  t('ns.uri', '<%namespace name="n" file="n.mako"/>${n.uri}', 'n.mako', { templates: { 'n.mako': '' }, mako: true }),
  t('ns.name is the declared name (SPEC 11)', '<%namespace name="comp" file="n.mako"/>${comp.name}', 'comp', { templates: { 'n.mako': '' }, mako: true }),
  t('ns.body() renders the namespace template body', '<%namespace name="n" file="n.mako"/>[${n.body()}]', '[body of n]', { templates: { 'n.mako': 'body of n<%def name="f()">F</%def>' }, mako: true }),
  t('ns.body() with page args', '<%namespace name="n" file="n.mako"/>[${n.body({ v: 2 })}]', '[v=2]', { templates: { 'n.mako': '<%page args="v = 1"/>v=${v}' } }),
  t('custom tag from a namespace with a body (namespaces.rst)', '<%namespace name="foo" file="library.mako"/>\n\n<%foo:mytag>\n    a form\n</%foo:mytag>', '\n\n\n    <form>\n        \n    a form\n\n    </form>\n',
    { templates: { 'library.mako': '<%def name="mytag()">\n    <form>\n        ${caller.body()}\n    </form>\n</%def>' }, mako: true }),
  t('custom tag from a namespace with attributes', '<%namespace name="ui" file="ui.mako"/><%ui:button label="${x}" kind="primary"/>', '<button class="primary">&lt;go&gt;</button>',
    { data: { x: '<go>' }, templates: { 'ui.mako': '<%def name="button(kind, label)"><button class="${kind}">${label}</button></%def>' }, mako: true }),
  t('<%call expr> on a namespace def with args (namespaces.rst)', "<%namespace name=\"mynamespace\" file=\"ns.mako\"/><%call expr=\"mynamespace.somefunction('some argument')\" args=\"x, y\">Some record: ${x}, ${y}</%call>",
    '[some argument:Some record: 1, 2]', { templates: { 'ns.mako': '<%def name="somefunction(arg1)">[${arg1}:${caller.body(1, 2)}]</%def>' } }),
  t('custom namespace tag with args= (namespaces.rst)', '<%namespace name="mynamespace" file="ns.mako"/><%mynamespace:somefunction arg1="some argument" args="x, y">Some record: ${x}, ${y}</%mynamespace:somefunction>',
    '[some argument:Some record: 1, 2]', { templates: { 'ns.mako': '<%def name="somefunction(arg1)">[${arg1}:${caller.body(1, 2)}]</%def>' } }),
  t('caller defs across files', '<%namespace name="l" file="l.mako"/><%l:layout><%def name="header()">H</%def>B</%l:layout>', '<h>H</h><b>B</b>',
    { templates: { 'l.mako': '<%def name="layout()"><h>${caller.header()}</h><b>${caller.body()}</b></%def>' }, mako: true }),
  t('module= namespace: functions receive context first (namespaces.rst)', '<%namespace name="hw" module="@TMP@/mod.mjs"/>\n${hw.my_tag()}', '\nhello world', { files: { 'mod.mjs': modJs } }),
  t('module= function with arguments and context.get', '<%namespace name="m" module="@TMP@/mod.mjs"/>${m.greet("ed")}', 'hi ed from W', { data: { who: 'W' }, files: { 'mod.mjs': modJs } }),
  t('module= function writing markup', '<%namespace name="m" module="@TMP@/mod.mjs"/>${m.wrap("x")}', '<div>x</div>', { files: { 'mod.mjs': modJs } }),
  t('module= with import', '<%namespace module="@TMP@/mod.mjs" import="greet"/>${greet("bo")}', 'hi bo from W', { data: { who: 'W' }, files: { 'mod.mjs': modJs } }),
  t('inheritable namespace via self (namespaces.rst)', '<%inherit file="base.mako"/>\n${self.foo.bar()}', '\nbar!', {
    templates: { 'base.mako': '<%namespace name="foo" file="foo.mako" inheritable="True"/>\\\n${next.body()}', 'foo.mako': '<%def name="bar()">bar!</%def>' }, mako: true }),
  t('getNamespace(uri) from local', '${local.getNamespace("n.mako").f()}', 'F', { templates: { 'n.mako': '<%def name="f()">F</%def>' } }),
  t('namespace inside a namespace template', '<%namespace name="a" file="a.mako"/>${a.f()}', 'a[b]', { templates: { 'a.mako': '<%namespace name="b" file="b.mako"/><%def name="f()">a[${b.g()}]</%def>', 'b.mako': '<%def name="g()">b</%def>' }, mako: true }),
  t('namespace def in a subdirectory resolves relative uris', '<%namespace name="n" file="lib/n.mako"/>${n.f()}', 'n+h', { templates: { 'lib/n.mako': '<%namespace name="h" file="h.mako"/><%def name="f()">n+${h.g()}</%def>', 'lib/h.mako': '<%def name="g()">h</%def>' }, mako: true }),
  t('missing namespace file is TemplateLookupException', '<%namespace name="n" file="nope.mako"/>${n.f()}', err('TemplateLookupException', /nope\.mako/), { mako: true }),
  t('calling an undefined def of a namespace is an error', '<%namespace name="n" file="n.mako"/>${n.nothere()}', err('*'), { templates: { 'n.mako': '' }, mako: true }),
  t('self and local inside a namespace def are the namespace template', '<%namespace name="n" file="n.mako"/>${n.f()}', 'n.mako|n.mako', { templates: { 'n.mako': '<%def name="f()">${self.uri}|${local.uri}</%def>' }, mako: true }),
  t('a namespace template that inherits exposes the inherited defs', '<%namespace name="n" file="n.mako"/>${n.g()}', 'G', { templates: { 'n.mako': '<%inherit file="nb.mako"/>', 'nb.mako': '<%def name="g()">G</%def>' }, mako: true }),
  t('include inside a custom tag body', '<%def name="w()">(${caller.body()})</%def><%self:w><%include file="i.mako"/></%self:w>', '(I)', { templates: { 'i.mako': 'I' }, mako: true }),
  t('Namespace API members exist (SPEC 4)', "${['name', 'uri', 'module', 'template', 'attr', 'cache', 'context'].map((k) => k in local || local[k] !== undefined).join(',')}", 'true,true,true,true,true,true,true'),
  t('local.context is the render context', '${local.context.get("x")}', 'X', { data: { x: 'X' } }),
  t('ns.context of a namespace sees the data', '<%namespace name="n" file="n.mako"/>${n.context.get("x")}', 'X', { data: { x: 'X' }, templates: { 'n.mako': '' } }),
  t('ns.template is the namespace template', '<%namespace name="n" file="n.mako"/>${n.template.uri}', 'n.mako', { templates: { 'n.mako': '' } }),
  t('local.filename of a file template is its path', '', 'ok', { entry: '/f.mako', files: { 'f.mako': '${local.filename.endsWith("f.mako") ? "ok" : local.filename}' }, options: { directories: ['@TMP@'] } }),
  t('ns.getNamespace resolves relative to the namespace template', '<%namespace name="n" file="lib/n.mako"/>${n.getNamespace("m.mako").g()}', 'G', { templates: { 'lib/n.mako': '', 'lib/m.mako': '<%def name="g()">G</%def>' } }),
  t('ns.includeFile writes the included template', '<%namespace name="n" file="n.mako"/><% n.includeFile("t.mako") %>', 'T', { templates: { 'n.mako': '', 't.mako': 'T' } }),
  t('module= with import="*"', '<%namespace module="@TMP@/mod.mjs" import="*"/>${greet("al")}|${my_tag()}', 'hi al from W|hello world', { data: { who: 'W' }, files: { 'mod.mjs': modJs } }),
  t('module= ns.attr reads the module exports', '<%namespace name="m" module="@TMP@/mod.mjs"/>${m.attr.version}', '1.0', { files: { 'mod.mjs': modJs } }),
  t('module= function called from a def', '<%namespace name="m" module="@TMP@/mod.mjs"/><%def name="f()">${m.wrap("d")}</%def>${f()}', '<div>d</div>', { files: { 'mod.mjs': modJs } }),
  t('module= function as a closed custom tag with attributes by name', '<%namespace name="m" module="@TMP@/mod.mjs"/><%m:wrap text="t"/>', '<div>t</div>', { files: { 'mod.mjs': modJs } }),
  t('module= functions keep their context across inheritance', '<%inherit file="base.mako"/>${m2.greet("c")}', 'hi b from W|hi c from W', { data: { who: 'W' }, files: { 'mod.mjs': modJs },
    templates: { 'base.mako': '<%namespace name="m1" module="@TMP@/mod.mjs"/>${m1.greet("b")}|${next.body()}', 'main.mako': '<%inherit file="base.mako"/><%namespace name="m2" module="@TMP@/mod.mjs"/>${m2.greet("c")}' } }),
  t('four ways to call: expression (namespaces.rst)', "<%namespace name=\"mynamespace\" file=\"ns.mako\"/>${mynamespace.somefunction('some arg1', 'some arg2', 'some arg3', 'some arg4')}", '[some arg1|some arg2|some arg3|some arg4]',
    { templates: { 'ns.mako': '<%def name="somefunction(arg1, arg2, arg3, arg4)">[${arg1}|${arg2}|${arg3}|${arg4}]</%def>' } }),
  t('four ways to call: closed custom tag, attributes by name (namespaces.rst)', '<%namespace name="mynamespace" file="ns.mako"/><%mynamespace:somefunction arg4="some arg4" arg1="some arg1" arg3="some arg3" arg2="some arg2"/>', '[some arg1|some arg2|some arg3|some arg4]',
    { templates: { 'ns.mako': '<%def name="somefunction(arg1, arg2, arg3, arg4)">[${arg1}|${arg2}|${arg3}|${arg4}]</%def>' }, mako: true }),
  t('custom tag attributes with embedded expressions (namespaces.rst)', '<%namespace name="mynamespace" file="ns.mako"/><%def name="somedef(a, b)">${a * b}</%def><%mynamespace:somefunction arg1="${someobject.format()}" arg2="${capture(somedef, 5, 12)}"/>', '[F|60]',
    { data: { someobject: { format: () => 'F' } }, templates: { 'ns.mako': '<%def name="somefunction(arg1, arg2)">[${arg1}|${arg2}]</%def>' } }),
  t('body() arguments with page args, defaults and rest (namespaces.rst)', '<%namespace name="n" file="n.mako"/>${n.body({ x: 5, y: 10, someval: 15, delta: 7 })}', '5 10 15 foo {&#34;delta&#34;:7}',
    { templates: { 'n.mako': "<%page args=\"x, y, someval = 8, scope = 'foo', ...kwargs\"/>${x} ${y} ${someval} ${scope} ${JSON.stringify(kwargs)}" } }),
  // ported from Mako's test_namespace.py (ws collapsed, as its flatten_result/result_lines)
  t('defs of an inline namespace call each other (test_namespace.py test_inline_crossreference)',
    '<%namespace name="x">\n    <%def name="a()">\n        this is x a\n    </%def>\n    <%def name="b()">\n        this is x b, and heres ${a()}\n    </%def>\n</%namespace>\n${x.a()}\n${x.b()}\n',
    'this is x a this is x b, and heres this is x a', { ws: 'collapse', mako: true }),
  t('a def of an inline namespace calls itself recursively', '<%namespace name="x"><%def name="down(n)">${n}\n% if n > 0:\n${down(n - 1)}\n% endif\n</%def></%namespace>${x.down(2)}', '2 1 0',
    { ws: 'collapse', mako: true }),
  t('an inline namespace def parameter shadows a sibling def name', '<%namespace name="x"><%def name="a()">A</%def><%def name="b(a)">${a}</%def></%namespace>${x.b(1)}', '1', { mako: true }),
  t('an inline namespace def assigns a local (test_namespace.py test_inline_assignment)',
    '<%namespace name="x">\n<%def name="a()">\n<% const x = 5 %>\nthis is x: ${x}\n</%def>\n</%namespace>\n${x.a()}', 'this is x: 5',
    { ws: 'collapse', mako: { templates: { 'main.mako': '<%namespace name="x">\n<%def name="a()">\n<% x = 5 %>\nthis is x: ${x}\n</%def>\n</%namespace>\n${x.a()}' } } }),
  t('an inline namespace def takes arguments (test_namespace.py test_inline_arguments)',
    '<%namespace name="x">\n<%def name="a(x, y)">\n<% const result = x * y %>\nresult: ${result}\n</%def>\n</%namespace>\n${x.a(5, 10)}', 'result: 50',
    { ws: 'collapse', mako: { templates: { 'main.mako': '<%namespace name="x">\n<%def name="a(x, y)">\n<% result = x * y %>\nresult: ${result}\n</%def>\n</%namespace>\n${x.a(5, 10)}' } } }),
  t('defs of a named inline namespace are not names of the template (test_namespace.py test_inline_not_duped)',
    '<%namespace name="x"><%def name="a()">foo</%def></%namespace>\n% if x.a !== UNDEFINED && a === UNDEFINED:\nok\n% endif\n', 'ok',
    { ws: 'collapse', mako: { templates: { 'main.mako': '<%namespace name="x"><%def name="a()">foo</%def></%namespace>\n% if x.a is not UNDEFINED and a is UNDEFINED:\nok\n% endif\n' } } }),
  t('an anonymous inline namespace with import="*": its defs are names of the template (test_namespace.py test_import_local)',
    '<%namespace import="*">\n    <%def name="foo()">\n        this is foo\n    </%def>\n</%namespace>\n\n${foo()}\n', 'this is foo', { ws: 'collapse', mako: true }),
  t('an anonymous inline namespace: its defs call each other and a top-level def calls them',
    '<%namespace import="*"><%def name="a()">A${b()}</%def><%def name="b()">B</%def></%namespace><%def name="top()">[${a()}]</%def>${a()} ${b()} ${top()}', 'AB B [AB]', { mako: true }),
  t('two anonymous inline namespaces with import="*"',
    '<%namespace import="*"><%def name="a()">A</%def></%namespace><%namespace import="*"><%def name="b()">B${a()}</%def></%namespace>${a()}${b()}', 'ABA'),  // Mako 1.2.4: NameError '_import_ns'
  t('an anonymous inline namespace imports named defs', '<%namespace import="a"><%def name="a()">A</%def><%def name="b()">B</%def></%namespace>${a()}', 'A', { mako: true }),
  t('a custom tag through an inheritable namespace reached from self (test_namespace.py test_custom_tag_3)',
    '<%inherit file="base.mako"/>\nthis is index\n<%self.foo:bar>\n    call body\n</%self.foo:bar>\n', 'this is index this is ns.mako->bar caller body: call body', {
      ws: 'collapse', mako: true,
      templates: { 'base.mako': '<%namespace name="foo" file="ns.mako" inheritable="True"/>\n${next.body()}\n', 'ns.mako': '<%def name="bar()">\n    this is ns.mako->bar\n    caller body: ${caller.body()}\n</%def>\n' } }),
  t('a self-closing custom tag through self.ns with attributes', '<%inherit file="base.mako"/><%self.foo:bar x="${1 + 1}"/>', 'x=2', {
    mako: true, templates: { 'base.mako': '<%namespace name="foo" file="ns.mako" inheritable="True"/>${next.body()}', 'ns.mako': '<%def name="bar(x)">x=${x}</%def>' } }),
  t('a custom tag through self.ns with body args', '<%inherit file="base.mako"/><%self.foo:bar args="v">[${v}]</%self.foo:bar>', '[7]', {
    mako: true, templates: { 'base.mako': '<%namespace name="foo" file="ns.mako" inheritable="True"/>${next.body()}', 'ns.mako': '<%def name="bar()">${caller.body(7)}</%def>' },
  }),
  t('<%call expr="self.foo.bar()"> through an inheritable namespace (test_namespace.py test_ccall)',
    '<%inherit file="base.mako"/>\nthis is index\n<%call expr="self.foo.bar()">\n    call body\n</%call>\n', 'this is index this is ns.mako->bar caller body: call body', {
      ws: 'collapse', mako: true,
      templates: { 'base.mako': '<%namespace name="foo" file="ns.mako" inheritable="True"/>\n${next.body()}\n', 'ns.mako': '<%def name="bar()">\n    this is ns.mako->bar\n    caller body: ${caller.body()}\n</%def>\n' } }),
  t('a call inside a namespace def calling another namespace (test_namespace.py test_ccall_2)',
    '<%inherit file="base.mako"/>\nthis is index\n<%call expr="self.foo.bar()">\n    call body\n</%call>\n', 'this is index this is ns2->bar caller body: this is ns1->bar caller body: call body', {
      ws: 'collapse', mako: true,
      templates: {
        'base.mako': '<%namespace name="foo" file="ns1.mako" inheritable="True"/>\n${next.body()}\n',
        'ns1.mako': '<%namespace name="foo2" file="ns2.mako"/>\n<%def name="bar()">\n<%call expr="foo2.ns2_bar()">\nthis is ns1->bar\ncaller body: ${caller.body()}\n</%call>\n</%def>\n',
        'ns2.mako': '<%def name="ns2_bar()">\nthis is ns2->bar\ncaller body: ${caller.body()}\n</%def>\n',
      } }),
  t('caller.body(x) inside a file namespace def used as a custom tag with args (test_namespace.py test_custom_tag_2)',
    '<%namespace name="myns" file="base.mako"/>\n<%myns:foo x="${\'some x\'}" y="some y"/>\n<%myns:bar x="${myns.bat(10)}" args="z">\n    record: ${z}\n</%myns:bar>\n', 'foo: some x some y record: the bat! 10', {
      ws: 'collapse',
      templates: { 'base.mako': '<%def name="foo(x, y)">\n    foo: ${x} ${y}\n</%def>\n<%def name="bat(g)"><% return "the bat! " + g %></%def>\n<%def name="bar(x)">\n    ${caller.body(x)}\n</%def>\n' },
      mako: { templates: {
        'main.mako': '<%namespace name="myns" file="base.mako"/>\n<%myns:foo x="${\'some x\'}" y="some y"/>\n<%myns:bar x="${myns.bat(10)}" args="z">\n    record: ${z}\n</%myns:bar>\n',
        'base.mako': '<%def name="foo(x, y)">\n    foo: ${x} ${y}\n</%def>\n<%def name="bat(g)"><% return "the bat! %s" % g %></%def>\n<%def name="bar(x)">\n    ${caller.body(z=x)}\n</%def>\n' } } }),
  t('caller.body(x) of a file namespace def used as a custom tag inside a def', '<%namespace name="t" file="t.mako"/><%def name="f()"><%t:foo args="z">z=${z} </%t:foo></%def>${f()}', 'z=1 z=2 ', {
    templates: { 't.mako': '<%def name="foo()">${caller.body(1)}${caller.body(2)}</%def>' },
    mako: { templates: { 'main.mako': '<%namespace name="t" file="t.mako"/><%def name="f()"><%t:foo args="z">z=${z} </%t:foo></%def>${f()}', 't.mako': '<%def name="foo()">${caller.body(z=1)}${caller.body(z=2)}</%def>' } } }),
  t('a custom tag of a file namespace: the def sees the body args of the caller, the data too', '<%namespace name="t" file="t.mako"/><%t:foo n="${2}" args="a, b">${a}+${b}=${a + b}|${v}</%t:foo>', '2+3=5|V', {
    data: { v: 'V' }, templates: { 't.mako': '<%def name="foo(n)">${caller.body(n, n + 1)}</%def>' },
    mako: { templates: { 'main.mako': '<%namespace name="t" file="t.mako"/><%t:foo n="${2}" args="a, b">${a}+${b}=${a + b}|${v}</%t:foo>', 't.mako': '<%def name="foo(n)">${caller.body(a=n, b=n + 1)}</%def>' } } }),
  t('ccall with a def of the call from an imported namespace (test_namespace.py test_ccall_import)',
    '<%namespace name="func" file="functions.mako" import="*"/>\n<%call expr="bar()">\nthis is index embedded\nfoo is ${foo()}\n<%def name="lala()">\nthis is lala ${foo()}\n</%def>\n</%call>\n',
    'this is bar. this is index embedded foo is this is foo this is lala this is foo', {
      ws: 'collapse', mako: true,
      templates: { 'functions.mako': '<%def name="foo()">\nthis is foo\n</%def>\n<%def name="bar()">\nthis is bar.\n${caller.body()}\n${caller.lala()}\n</%def>\n' } }),
]
