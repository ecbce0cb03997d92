// Defs with content: <%call>, <%self:def>/<%local:def> custom tags, caller, caller.body(args).
import type { Case } from '../types.js'
import { t } from './util.js'

const buildtable = `<%def name="buildtable()">
    <table>
        <tr><td>
            \${caller.body()}
        </td></tr>
    </table>
</%def>
`
const tableOut = '\n\n\n    <table>\n        <tr><td>\n            \n    I am the table body.\n\n        </td></tr>\n    </table>\n'

const layoutdataJs = `<%def name="layoutdata(somedata)">
    <table>
    % for item in somedata:
        <tr>
        % for col in item:
            <td>\${caller.body(col)}</td>
        % endfor
        </tr>
    % endfor
    </table>
</%def>

<%self:layoutdata somedata="\${[[1,2,3],[4,5,6],[7,8,9]]}" args="col">\\
Body data: \${col}\\
</%self:layoutdata>`
const layoutdataOut = `


    <table>
        <tr>
            <td>Body data: 1</td>
            <td>Body data: 2</td>
            <td>Body data: 3</td>
        </tr>
        <tr>
            <td>Body data: 4</td>
            <td>Body data: 5</td>
            <td>Body data: 6</td>
        </tr>
        <tr>
            <td>Body data: 7</td>
            <td>Body data: 8</td>
            <td>Body data: 9</td>
        </tr>
    </table>
`

const layout = `<%def name="layout()">
    ## a layout def
    <div class="mainlayout">
        <div class="header">
            \${caller.header()}
        </div>

        <div class="sidebar">
            \${caller.sidebar()}
        </div>

        <div class="content">
            \${caller.body()}
        </div>
    </div>
</%def>

## calls the layout def
<%self:layout>
    <%def name="header()">
        I am the header
    </%def>
    <%def name="sidebar()">
        <ul>
            <li>sidebar 1</li>
            <li>sidebar 2</li>
        </ul>
    </%def>

        this is the body
</%self:layout>`

export const call: Case[] = [
  t('<%self:def> custom tag with caller.body() (defs.rst)', buildtable + '\n<%self:buildtable>\n    I am the table body.\n</%self:buildtable>', tableOut, { mako: true }),
  t('<%call expr> with caller.body() (defs.rst)', buildtable + '\n<%call expr="buildtable()">\n    I am the table body.\n</%call>', tableOut, { mako: true }),
  t('body called several times: lister (defs.rst)', '<%def name="lister(count)">\n    % for x in Array(count).fill(0):\n        ${caller.body()}\n    % endfor\n</%def>\n\n<%self:lister count="${3}">\n    hi\n</%self:lister>',
    '\n\n\n        \n    hi\n\n        \n    hi\n\n        \n    hi\n\n',
    { mako: { templates: { 'main.mako': '<%def name="lister(count)">\n    % for x in range(count):\n        ${caller.body()}\n    % endfor\n</%def>\n\n<%self:lister count="${3}">\n    hi\n</%self:lister>' } } }),
  t('custom conditional tag (defs.rst)', '<%def name="conditional(expression)">\n    % if expression:\n        ${caller.body()}\n    % endif\n</%def>\n\n<%self:conditional expression="${4==4}">\n    i\'m the result\n</%self:conditional>',
    "\n\n\n        \n    i'm the result\n\n", { mako: true }),
  t('custom conditional tag, false', '<%def name="conditional(expression)">\n% if expression:\n${caller.body()}\n% endif\n</%def>\\\n<%self:conditional expression="${4==5}">\nnever\n</%self:conditional>', '\n', { mako: true }),
  t('caller.body(col) with args="col" (defs.rst layoutdata)', layoutdataJs, layoutdataOut,
    { mako: { templates: { 'main.mako': layoutdataJs.replace('caller.body(col)', 'caller.body(col=col)') } } }),
  t('caller defs: header, sidebar, body (defs.rst layout)', layout,
    '\n\n\n    <div class="mainlayout">\n        <div class="header">\n            \n        I am the header\n    \n        </div>\n\n        <div class="sidebar">\n            \n        <ul>\n            <li>sidebar 1</li>\n            <li>sidebar 2</li>\n        </ul>\n    \n        </div>\n\n        <div class="content">\n            \n    \n    \n\n        this is the body\n\n        </div>\n    </div>\n',
    { mako: true }),
  t('attributes bind to parameters by name', '<%def name="pair(a, b)">${a}-${b}</%def><%self:pair b="B" a="A"/>', 'A-B', { mako: true }),
  t('literal attribute values are strings', '<%def name="f(v)">${typeof v}:${v}</%def><%self:f v="3"/>', 'string:3'),
  t('${} attribute values keep their type', '<%def name="f(v)">${typeof v}:${v + 1}</%def><%self:f v="${3}"/>', 'number:4'),
  t('attribute mixing text and ${}', '<%def name="f(title)">${title}</%def><%self:f title="Hello ${name}!"/>', 'Hello ed!', { data: { name: 'ed' }, mako: true }),
  t('omitted attribute takes the parameter default', '<%def name="f(a, b = \'dflt\')">${a}/${b}</%def><%self:f a="x"/>', 'x/dflt', { mako: true }),
  t('closed custom tag equals the inline expression', '<%def name="f(x)">[${x}]</%def><%self:f x="1"/>${f("1")}', '[1][1]', { mako: true }),
  t('<%local:def> custom tag', '<%def name="wrap()">(${caller.body()})</%def><%local:wrap>in</%local:wrap>', '(in)', { mako: true }),
  t('body sees the enclosing locals', '<% const who = "W" %><%def name="wrap()">[${caller.body()}]</%def><%self:wrap>${who}</%self:wrap>', '[W]',
    { mako: { templates: { 'main.mako': '<% who = "W" %><%def name="wrap()">[${caller.body()}]</%def><%self:wrap>${who}</%self:wrap>' } } }),
  t('body sees render data', '<%def name="wrap()">[${caller.body()}]</%def><%self:wrap>${v}</%self:wrap>', '[data]', { data: { v: 'data' }, mako: true }),
  t('body sees the loop variable', '<%def name="w()">(${caller.body()})</%def>\\\n% for i in [1, 2]:\n<%self:w>${i}</%self:w>\n% endfor\n', '(1)\n(2)\n', { mako: true }),
  t('body not called at all', '<%def name="skip()">none</%def><%self:skip>body</%self:skip>', 'none', { mako: true }),
  t('nested custom tags', '<%def name="outer()">(${caller.body()})</%def><%def name="inner()">[${caller.body()}]</%def><%self:outer><%self:inner>x</%self:inner></%self:outer>', '([x])', { mako: true }),
  t('caller is defined inside a def called with a body', '<%def name="f()">\\\n% if caller:\nhas caller:${caller.body()}\n% endif\n</%def><%self:f>B</%self:f>', 'has caller:B\n', { mako: true }),
  t('<%call expr args>', '<%def name="rows(n)">\\\n% for i in [1, 2]:\n<td>${caller.body(i * n)}</td>\n% endfor\n</%def>\\\n<%call expr="rows(10)" args="v">${v}</%call>', '<td>10</td>\n<td>20</td>\n',
    { mako: { templates: { 'main.mako': '<%def name="rows(n)">\\\n% for i in [1, 2]:\n<td>${caller.body(v=i * n)}</td>\n% endfor\n</%def>\\\n<%call expr="rows(10)" args="v">${v}</%call>' } } }),
  t('body args with a default', '<%def name="f()">${caller.body(1)}</%def><%self:f args="a, b = 2">${a}-${b}</%self:f>', '1-2'),
  t('two body arguments', '<%def name="f()">${caller.body("x", "y")}</%def><%self:f args="a, b">${a}${b}</%self:f>', 'xy'),
  t('<%call> writes its expression value through default filters (SPEC 11)', '<%call expr="\'<x>\'">body</%call>', '&lt;x&gt;', { mako: true }),
  t('capture(caller.body) inside a def', '<%def name="f()"><% const s = capture(caller.body) %>${s.toUpperCase()}</%def><%self:f>abc</%self:f>', 'ABC'),
  t('caller.body output is escaped only where expressions are', '<%def name="f()">${caller.body()}</%def><%self:f><b>${"<i>"}</b></%self:f>', '<b>&lt;i&gt;</b>', { mako: true }),
  t('caller def with arguments', '<%def name="f()">${caller.item(1)}${caller.item(2)}</%def><%self:f><%def name="item(n)">#${n}</%def></%self:f>', '#1#2', { mako: true }),
  t('caller restored after a nested call', '<%def name="outer()">${caller.body()}|${caller.tag()}</%def><%def name="inner()">${caller.body()}</%def><%self:outer><%def name="tag()">T</%def><%self:inner>i</%self:inner></%self:outer>', 'i|T', { mako: true }),
  t('custom tag with both attributes and a body', '<%def name="box(title)"><h1>${title}</h1>${caller.body()}</%def><%self:box title="${t}">content</%self:box>', '<h1>&lt;T&gt;</h1>content', { data: { t: '<T>' }, mako: true }),
  t('caller.body() yields empty and writes in place', '<%def name="f()"><% const r = caller.body() %>[${r}]</%def><%self:f>B</%self:f>', 'B[]',
    { mako: { templates: { 'main.mako': '<%def name="f()"><% r = caller.body() %>[${r}]</%def><%self:f>B</%self:f>' } } }),
  t('custom tag to a def defined later in the template', '<%self:f>B</%self:f><%def name="f()">(${caller.body()})</%def>', '(B)', { mako: true }),
  t('<%call> expr using a render variable', '<%call expr="f(x)">b</%call><%def name="f(v)">${v}:${caller.body()}</%def>', '1:b', { data: { x: 1 }, mako: true }),
  t('<%call> expr with a loop variable', '% for i in [1, 2]:\n<%call expr="f(i)">b</%call>\n% endfor\n<%def name="f(v)">${v}${caller.body()}</%def>', '1b\n2b\n', { mako: true }),
  t('caller body runs with the caller scope, not the def scope', '<%def name="f(x)">${caller.body()}</%def><% const x = "outer" %><%self:f x="inner">${x}</%self:f>', 'outer',
    { mako: { templates: { 'main.mako': '<%def name="f(x)">${caller.body()}</%def><% x = "outer" %><%self:f x="inner">${x}</%self:f>' } } }),
  t('caller.body args shadow outer names', '<%def name="f()">${caller.body("arg")}</%def><% const v = "outer" %><%self:f args="v">${v}</%self:f>', 'arg'),
  t('caller def and body share the caller scope', '<%def name="f()">${caller.head()}|${caller.body()}</%def><% const n = "N" %><%self:f><%def name="head()">h${n}</%def>b${n}</%self:f>', 'hN|bN',
    { mako: { templates: { 'main.mako': '<%def name="f()">${caller.head()}|${caller.body()}</%def><% n = "N" %><%self:f><%def name="head()">h${n}</%def>b${n}</%self:f>' } } }),
  t('three levels of nested custom tags', '<%def name="w(t)">${t}(${caller.body()})</%def><%self:w t="a"><%self:w t="b"><%self:w t="c">x</%self:w></%self:w></%self:w>', 'a(b(c(x)))', { mako: true }),
  t('custom tag in a def body', '<%def name="w()">[${caller.body()}]</%def><%def name="page()"><%self:w>in page</%self:w></%def>${page()}', '[in page]', { mako: true }),
  t('custom tag body using loop', '<%def name="w()">${caller.body()}</%def>\\\n% for x in ["a", "b"]:\n<%self:w>${loop.index}${x}</%self:w>\\\n% endfor\n', '0a1b'),
  t('attribute with text and ${} is a string', '<%def name="f(a)">${typeof a}</%def><%self:f a=" ${x}"/>', 'string', { data: { x: 1 } }),
  t('single-quoted attributes', "<%def name='f(a)'>${a}</%def><%self:f a='q'/>", 'q', { mako: true }),
  t('attribute value containing >', '<%def name="f(a)">${a}</%def><%self:f a="a>b"/>', 'a&gt;b', { mako: true }),
  t('spaces before > and in closing tags', '<%def name="f()" >x</%def >${f()}', 'x', { mako: true }),
  t('spaces around = in attributes', '<%def  name = "f()" >x</%def>${f()}', 'x', { mako: true }),
  t('literal attribute values with backticks, backslashes and quotes', '<%def name="f(a)">${a | n}</%def><%self:f a="x`y\\z\'w"/>', "x`y\\z'w", { mako: true }),
  t('a literal cache_key with quotes', '<%def name="f()" cached="True" cache_key="k\'ey`">F</%def>${f()}${f()}', 'FF'),
  // ported from Mako's test_call.py (ws collapsed, as its result_lines)
  t('the caller is restored after a buffered def evaluated as an argument of the call (test_call.py test_stack_pop)',
    '<%def name="links()" buffered="True">\n   Some links\n</%def>\n<%def name="wrapper(links)">\n   <h1>${caller.body()}</h1>\n   ${links}\n</%def>\n<%call expr="wrapper(links())">\n   Some title\n</%call>\n',
    '<h1> Some title </h1> Some links', { ws: 'collapse', mako: true }),
  t('the caller is restored after a def with its own call is evaluated as an argument of the call',
    '<%def name="links()" buffered="True"><%call expr="inner()">L</%call></%def><%def name="inner()">(${caller.body()})</%def><%def name="wrapper(x)">[${x}|${caller.body()}]</%def><%call expr="wrapper(links())">BODY</%call>',
    '[(L)|BODY]', { mako: true }),
  t('the caller is restored after a plain def called in an argument of the call', '<%def name="n()">${1}</%def><%def name="wrapper(x)">[${caller.body()}]</%def><%call expr="wrapper(n())">B</%call>', '1[B]', { mako: true }),
  t('the caller is restored after a def evaluated in an attribute of a custom tag', '<%def name="links()" buffered="True"><%self:inner>L</%self:inner></%def><%def name="inner()">(${caller.body()})</%def><%def name="wrapper(x)">[${x}|${caller.body()}]</%def><%self:wrapper x="${links()}">BODY</%self:wrapper>',
    '[(L)|BODY]', { mako: true }),
  t('the caller is restored after a cached buffered def evaluated as an argument of the call', '<%def name="links()" buffered="True" cached="True">L</%def><%def name="wrapper(x)">[${x}|${caller.body()}]</%def><%call expr="wrapper(links())">B</%call>', '[L|B]'),
  t('a nested def evaluated as an argument of the call restores the caller', '<%def name="o()"><%def name="links()" buffered="True">L</%def><%def name="wrapper(x)">[${x}|${caller.body()}]</%def><%call expr="wrapper(links())">B</%call></%def>${o()}', '[L|B]', { mako: true }),
  t('caller is undefined in a def called without a body inside a called def (test_call.py test_conditional_call)',
    '<%def name="a()">\n% if caller:\n${ caller.body() } \\\n% endif\nAAA\n${ b() }\n</%def>\n<%def name="b()">\n% if caller:\n${ caller.body() } \\\n% endif\nBBB\n${ c() }\n</%def>\n<%def name="c()">\n% if caller:\n${ caller.body() } \\\n% endif\nCCC\n</%def>\n<%call expr="a()">\nCALL\n</%call>\n',
    'CALL AAA BBB CCC', { ws: 'collapse', mako: true }),
  t('a call inside the def of a call body through caller (test_call.py test_ccall_caller)',
    '<%def name="outer_func()">\nOUTER BEGIN\n<%call expr="caller.inner_func()">\nINNER CALL\n</%call>\nOUTER END\n</%def>\n<%call expr="outer_func()">\n<%def name="inner_func()">\nINNER BEGIN\n${caller.body()}\nINNER END\n</%def>\n</%call>\n',
    'OUTER BEGIN INNER BEGIN INNER CALL INNER END OUTER END', { ws: 'collapse', mako: true }),
  t('custom tags nested in a def used as a custom tag (test_call.py test_nested_call_4)',
    '<%def name="A()">\nA_def\n${caller.body()}\n</%def>\n<%def name="B()">\nB_def\n${caller.body()}\n</%def>\n<%def name="C()">\nC_def\n<%self:B>\n<%self:A>\nA_body\n</%self:A>\nB_body\n${caller.body()}\n</%self:B>\n</%def>\n<%self:C>\nC_body\n</%self:C>\n',
    'C_def B_def A_def A_body B_body C_body', { ws: 'collapse', mako: true }),
  t('composed custom tags (test_call.py test_composed_def)',
    '<%def name="f()"><f>${caller.body()}</f></%def>\n<%def name="g()"><g>${caller.body()}</g></%def>\n<%def name="fg()">\n<%self:f><%self:g>${caller.body()}</%self:g></%self:f>\n</%def>\n<%self:fg>fgbody</%self:fg>\n',
    '<f><g>fgbody</g></f>', { ws: 'collapse', mako: true }),
  t('a call in a nested def picks the caller def of its own call (test_call.py test_call_in_nested_2)',
    '<%def name="a()">\n<%def name="d()">\nnot this d\n</%def>\nthis is a ${b()}\n<%def name="b()">\n<%def name="d()">\nnot this d either\n</%def>\nthis is b\n<%call expr="c()">\n<%def name="d()">\nthis is d\n</%def>\nthis is the body in b\'s call\n</%call>\n</%def>\n<%def name="c()">\nthis is c: ${caller.body()}\nthe embedded "d" is: ${caller.d()}\n</%def>\n</%def>\n${a()}\n',
    'this is a this is b this is c: this is the body in b\'s call the embedded "d" is: this is d', { ws: 'collapse', mako: true }),
  t('a plain function called by <%call> sees the body as context.get("caller") (Mako: supports_caller)',
    '<%! function wrap(context) { context.write("["); context.get("caller").body(); context.write("]"); return "" } %><%call expr="wrap(context)">B</%call>', '[B]'),
  t('context.has("caller") is true only while a <%call> body is pending', '<%! function f(context) { return context.has("caller") ? "yes" : "no" } %>${f(context)}<%call expr="f(context)">B</%call>', 'noyes'),
]
