// <%def>: parameters, nesting, closures, buffering, filter, decorator, capture, getDef.
import type { Case } from '../types.js'
import { t, err } from './util.js'

const account = `Hello there \${username}, how are ya.  Lets see what your account says:

\${account()}

<%def name="account()">
    Account for \${username}:<br/>

    % for row in accountdata:
        Value: \${row}<br/>
    % endfor
</%def>
`

export const defs: Case[] = [
  t('def called as an expression (defs.rst)', '<%def name="hello()">\n    hello world\n</%def>\nthe def:  ${hello()}', '\nthe def:  \n    hello world\n', { mako: true }),
  t('def sees context variables (defs.rst account)', account,
    'Hello there ed, how are ya.  Lets see what your account says:\n\n\n    Account for ed:<br/>\n\n        Value: 1<br/>\n        Value: 2<br/>\n\n\n\n',
    { data: { username: 'ed', accountdata: [1, 2] }, mako: true }),
  t("def arguments with a default (defs.rst)", "${account('john')}\n<%def name=\"account(accountname, type='regular')\">\n    account name: ${accountname}, type: ${type}\n</%def>",
    '\n    account name: john, type: regular\n\n', { mako: true }),
  t('top-level def callable above its definition', '${f()}<%def name="f()">F</%def>', 'F', { mako: true }),
  t('positional arguments in declared order', '<%def name="f(a, b)">${a}-${b}</%def>${f(1, 2)}', '1-2', { mako: true }),
  t('default parameter', '<%def name="f(a, b = 10)">${a + b}</%def>${f(1)} ${f(1, 2)}', '11 3', { mako: true }),
  t('default referring to an earlier parameter', '<%def name="f(a, b = a * 2)">${b}</%def>${f(4)}', '8'),
  t('rest parameter', '<%def name="f(first, ...rest)">${first}:${rest.join("+")}</%def>${f(1, 2, 3)}', '1:2+3'),
  t('destructuring parameter', '<%def name="f({a, b}, [c])">${a}${b}${c}</%def>${f({a: 1, b: 2}, [3])}', '123'),
  t('def name without parentheses (SPEC 10)', '<%def name="f">plain</%def>${f()}', 'plain'),
  t('param shadows data of the same name', '<%def name="f(x)">${x}</%def>${f("param")}', 'param', { data: { x: 'data' }, mako: true }),
  t('def output goes to the buffer and the call yields empty (filtering.rst)',
    '<%def name="somedef()">somedef\'s results</%def>${" results " + somedef() + " more results "}',
    "somedef's results results  more results ", { mako: true }),
  t('def output lands in place', 'a${f()}b<%def name="f()">F</%def>', 'aFb', { mako: true }),
  t('def calling a def', '<%def name="a()">A${b()}</%def><%def name="b()">B</%def>${a()}', 'AB', { mako: true }),
  t('recursive def', '<%def name="down(n)">${n}<% if (n > 0) down(n - 1) %></%def>${down(3)}', '3210'),
  t('def returning a value renders it', "<%def name=\"f()\"><% return 'R' %></%def>${f()}", 'R'),
  t('def called in a loop', '<%def name="li(x)"><li>${x}</li></%def>\\\n% for i in [1, 2]:\n${li(i)}\n% endfor\n', '<li>1</li>\n<li>2</li>\n', { mako: true }),
  t('def called several times', '<%def name="f()">x</%def>${f()}${f()}${f()}', 'xxx', { mako: true }),
  t('def via local', '<%def name="f()">L</%def>${local.f()}', 'L', { mako: true }),
  t('def via self', '<%def name="f()">S</%def>${self.f()}', 'S', { mako: true }),
  t('def function keeps its name (SPEC 4)', '<%def name="myfn()"></%def>${myfn.name}', 'myfn'),
  t('nested def (defs.rst)', '<%def name="mydef()">\n    <%def name="subdef()">\n        a sub def\n    </%def>\n\n    i\'m the def, and the subcomponent is ${subdef()}\n</%def>${mydef()}',
    "\n    \n\n    i'm the def, and the subcomponent is \n        a sub def\n    \n", { mako: true }),
  t('nested def closes over the outer def locals (defs.rst)',
    '<%\n    const x = 12\n%>\n<%def name="outer()">\n    <%\n        const y = 15\n    %>\n    <%def name="inner()">\n        inner, x is ${x}, y is ${y}\n    </%def>\n\n    outer, x is ${x}, y is ${y}\n    ${inner()}\n</%def>${outer()}',
    '\n\n    \n    \n\n    outer, x is 12, y is 15\n    \n        inner, x is 12, y is 15\n    \n',
    { mako: { templates: { 'main.mako': '<%\n    x = 12\n%>\n<%def name="outer()">\n    <%\n        y = 15\n    %>\n    <%def name="inner()">\n        inner, x is ${x}, y is ${y}\n    </%def>\n\n    outer, x is ${x}, y is ${y}\n    ${inner()}\n</%def>${outer()}' } } }),
  t('nested def sees the outer def parameters', '<%def name="outer(p)"><%def name="inner()">[${p}]</%def>${inner()}</%def>${outer("P")}', '[P]', { mako: true }),
  t('nested def is not on local', '<%def name="outer()"><%def name="inner()"></%def></%def>${typeof local.inner}', 'undefined'),
  t('top-level def sees a variable the body assigned before the call (SPEC 4)', '<% const x = 12 %>${f()}<%def name="f()">x=${x}</%def>', 'x=12',
    { mako: { templates: { 'main.mako': '<% x = 12 %>${f()}<%def name="f()">x=${x}</%def>' } } }),
  t('assignment inside a def makes the name local: TDZ (defs.rst)',
    '<%\n    const x = 10\n%>\n<%def name="somedef()">\n    ## error !\n    somedef, x is ${x}\n    <%\n        let x = 27\n    %>\n</%def>${somedef()}', err('ReferenceError')),
  t('buffered def returns its output', '<%def name="somedef()" buffered="True">somedef results</%def>${" results " + somedef() + " more results "}',
    ' results somedef results more results ', { mako: true }),
  t('buffered def output is not written when unused', '<%def name="f()" buffered="True">hidden</%def><% f() %>x', 'x', { mako: true }),
  t('buffered def value goes through the expression default filters', '<%def name="f()" buffered="True"><b></%def>${f()}', '&lt;b&gt;', { mako: true }),
  t('buffered def value with n', '<%def name="f()" buffered="True"><b></%def>${f() | n}', '<b>', { mako: true }),
  t('bufferFilters apply to buffered defs', '<%def name="f()" buffered="True">  x  </%def>[${f()}]', '[x]', { options: { bufferFilters: ['trim'] }, mako: { options: { buffer_filters: ['trim'] } } }),
  t('def filter="h, trim" (filtering.rst)', '<%def name="foo()" filter="h, trim">\n    <b>this is bold</b>\n</%def>[${foo()}]', '[&lt;b&gt;this is bold&lt;/b&gt;]', { mako: true }),
  t('filtered def writes, the call yields empty', '<%def name="f()" filter="trim">  x  </%def>${"[" + f() + "]"}', 'x[]', { mako: true }),
  t('def filter with a custom function', '<%! const up = (s) => s.toUpperCase() %><%def name="f()" filter="up">shout</%def>${f()}', 'SHOUT'),
  t('capture returns the def output (filtering.rst)', '<%def name="somedef()">somedef results</%def>${" results " + capture(somedef) + " more results "}',
    ' results somedef results more results ', { mako: true }),
  t('capture passes arguments', '<%def name="f(a, b)">${a}/${b}</%def>${capture(f, 17, "hi")}', '17/hi'),
  t('capture output goes through default filters', '<%def name="f()"><i></%def>${capture(f)}', '&lt;i&gt;', { mako: true }),
  t('capture into a variable', '<%def name="f()">inner</%def><% const s = capture(f) %>[${s.length}]', '[5]'),
  t('decorator writing to the context (filtering.rst)',
    "<%!\n    function bar(fn) {\n        return function decorate(context, ...args) {\n            context.write('BAR')\n            fn(...args)\n            context.write('BAR')\n            return ''\n        }\n    }\n%>\\\n<%def name=\"foo()\" decorator=\"bar\">this is foo</%def>\\\n${foo()}",
    'BARthis is fooBAR'),
  t('decorator using runtime capture (filtering.rst)',
    "<%!\n    import { capture } from 'vite-plugin-mako/runtime'\n    function bar(fn) {\n        return (context, ...args) => 'BAR' + capture(context, fn, ...args) + 'BAR'\n    }\n%>\\\n<%def name=\"foo()\" decorator=\"bar\">this is foo</%def>\\\n${foo()}",
    'BARthis is fooBAR'),
  t('decorator receives arguments', "<%! const twice = (fn) => (context, ...a) => { fn(...a); fn(...a); return '' } %><%def name=\"f(x)\" decorator=\"twice\">${x}</%def>${f(7)}", '77'),
  t('decorated def function keeps the def name', "<%! const named = (fn) => (context) => { context.write(fn.name); return '' } %><%def name=\"foo()\" decorator=\"named\"></%def>${foo()}", 'foo'),
  t('decorator can skip the def', "<%! const never = (fn) => (context) => '' %><%def name=\"f()\" decorator=\"never\">body</%def>[${f()}]", '[]'),
  t('decorator on a nested def', "<%! const wrap = (fn) => (context, ...a) => { context.write('('); fn(...a); context.write(')'); return '' } %><%def name=\"o()\"><%def name=\"i()\" decorator=\"wrap\">i</%def>${i()}</%def>${o()}", '(i)'),
  t('caller is undefined in a def called without a body (SPEC 11)', '<%def name="f()">\\\n% if caller:\nhas caller\n% else:\nno caller\n% endif\n</%def>${f()}', 'no caller\n'),
  t('getDef(name).render(args) (defs.rst)', '\n<%def name="hi(name)">\n    hi ${name}!\n</%def>\n\n<%def name="bye(name)">\n    bye ${name}!\n</%def>\n', '\n    hi ed!\n',
    { run: (l) => l.getTemplate('main.mako').getDef('hi').render('ed') }),
  t('getDef renders a def with defaults', '<%def name="f(a = 1)">${a}</%def>', '1', { run: (l) => l.getTemplate('main.mako').getDef('f').render() }),
  t('getDef def reads <%! %> names', '<%! const K = "k" %><%def name="f()">${K}</%def>', 'k', { run: (l) => l.getTemplate('main.mako').getDef('f').render() }),
  t('getDef of a decorated def writes through the decorator', "<%! const bar = (fn) => (context) => { context.write('['); fn(); context.write(']'); return '' } %><%def name=\"f()\" decorator=\"bar\">x</%def>", '[x]',
    { run: (l) => l.getTemplate('main.mako').getDef('f').render() }),
  t('getDef("body") renders the body (SPEC 11)', 'body ${x}<%def name="f()">F</%def>', 'body 1', { run: (l) => l.getTemplate('main.mako').getDef('body').render({ x: 1 }) }),
  t('getDef of a named block', '<%block name="b">B${1 + 1}</%block>', 'B2', { run: (l) => l.getTemplate('main.mako').getDef('b').render() }),
  t('getDef def writing the <%! %> attr through local', '<%! const v = "V" %><%def name="f()">${local.attr.v}</%def>', 'V', { run: (l) => l.getTemplate('main.mako').getDef('f').render() }),
  t('buffered def with filter returns filtered output', '<%def name="f()" buffered="True" filter="trim">  x  </%def>${"[" + f() + "]"}', '[x]', { mako: true }),
  t('def with a default depending on context data', '<%def name="f(a = dflt)">${a}</%def>${f()}', 'D', { data: { dflt: 'D' } }),
  t('nested def called twice with different closures', '<%def name="o(p)"><%def name="i()">${p}</%def>${i()}${i()}</%def>${o("x")}${o("y")}', 'xxyy', { mako: true }),
  t('def inside a for loop body of another def uses the loop variable', '<%def name="o()">\\\n% for v in [1, 2]:\n${show(v)}\\\n% endfor\n</%def><%def name="show(n)">[${n}]</%def>${o()}', '[1][2]', { mako: true }),
  t('capture of a def with filter', '<%def name="f()" filter="trim">  y  </%def>${"[" + capture(f) + "]"}', '[y]', { mako: true }),
  t('<%def name="foo" buffered="True"> (syntax.rst)', '<%def name="foo" buffered="True">\n    this is a def\n</%def>[${foo()}]', '[\n    this is a def\n]'),
]
