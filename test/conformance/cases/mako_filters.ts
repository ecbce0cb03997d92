// Port of Mako's test/test_filters.py and test/test_loop.py (sqlalchemy/mako).
// Mako's tests run with Mako's default filters (['str']): the cases set
// defaultFilters: ['str'] where the default `h` would change the output.
// Not ported: decode.utf8 / `# coding` (SPEC 10: no encodings), `from mako import filters`
// (Python module), LoopStack/LoopContext unit tests (Mako internals), code inspection.
import type { Case } from '../types.js'
import { t, err } from './util.js'

const c = (name: string, main: string, expect: Case['expect'], extra: Partial<Case> = {}): Case =>
  t(name, main, expect, { ws: 'collapse', ...extra })
const str = { defaultFilters: ['str'] }
const py = (main: string, more: Record<string, unknown> = {}) => ({ templates: { 'main.mako': main }, ...more })
const myfilter = (s: string) => 'MYFILTER->' + s + '<-MYFILTER'
const mytext = (s: string) => 'MYTEXT' + s

export const makoFilters: Case[] = [
  c('a filter from the data (test_basic)', '\n        ${x | myfilter}\n', 'MYFILTER->this is x<-MYFILTER', { options: str, data: { x: 'this is x', myfilter } }),
  c('a filter that is an expression (test_expr)', '\n        ${x | myfilter(y)}\n', 'MYFILTER->this is x<-this is y', { options: str,
    data: { x: 'this is x', y: 'this is y', myfilter: (y: string) => (x: string) => 'MYFILTER->' + x + '<-' + y } }),
  c('values become strings before the filters (test_convert_str)', '\n            ${x | trim}\n        ', '5', { data: { x: 5 }, mako: py('\n            ${x | trim}\n        ', { data: { x: 5 } }) }),
  c('h escapes quotes (test_quoting)', '\n            foo ${bar | h}\n        ', 'foo &lt;&#39;some bar&#39;&gt;', { data: { bar: "<'some bar'>" }, mako: py('\n            foo ${bar | h}\n        ', { data: { bar: "<'some bar'>" } }) }),
  c('u quotes UTF-8 (test_url_escaping)', '\n            http://example.com/?bar=${bar | u}&v=1\n        ', 'http://example.com/?bar=%E9%85%92%E5%90%A7bar&v=1', { data: { bar: '酒吧bar' }, mako: py('\n            http://example.com/?bar=${bar | u}&v=1\n        ', { data: { bar: '酒吧bar' } }) }),
  c('entity leaves the apostrophe (test_entity)', 'foo ${bar | entity}', "foo &lt;'some bar'&gt;", { options: str, data: { bar: "<'some bar'>" }, mako: py('foo ${bar | entity}', { data: { bar: "<'some bar'>" }, options: { default_filters: ['str'] } }) }),
  c('def filter= (test_def)', `
            <%def name="foo()" filter="myfilter">
                this is foo
            </%def>
            \${foo()}
`, 'MYFILTER-> this is foo <-MYFILTER', { data: { x: 'this is x', myfilter } }),
  c('defaultFilters naming a <%! %> function (test_custom_default)', `
        <%!
            function myfilter(x) {
                return "->" + x + "<-"
            }
        %>
            hi \${'there'}
        `, 'hi ->there<-', { options: { defaultFilters: ['myfilter'] }, mako: py(`
        <%!
            def myfilter(x):
                return "->" + x + "<-"
        %>
            hi \${'there'}
        `, { options: { default_filters: ['myfilter'] } }) }),
  c('<%page expression_filter="h"> (test_global)', '\n            <%page expression_filter="h"/>\n            ${"<tag>this is html</tag>"}\n        ', '&lt;tag&gt;this is html&lt;/tag&gt;', { options: str, mako: py('\n            <%page expression_filter="h"/>\n            ${"<tag>this is html</tag>"}\n        ', { options: { default_filters: ['str'] } }) }),
  c('block filter from the data (test_block_via_context)', '\n            <%block name="foo" filter="myfilter">\n                some text\n            </%block>\n        ', 'MYTEXT some text', { data: { myfilter: mytext } }),
  c('def filter from the data (test_def_via_context)', '\n            <%def name="foo()" filter="myfilter">\n                some text\n            </%def>\n            ${foo()}\n        ', 'MYTEXT some text', { data: { myfilter: mytext } }),
  c('<%text> filter from the data (test_text_via_context)', '\n            <%text filter="myfilter">\n                some text\n            </%text>\n        ', 'MYTEXT some text', { data: { myfilter: mytext } }),
  c('n turns off the default filters (test_nflag, 1)', '\n            ${"<tag>this is html</tag>" | n}\n        ', '<tag>this is html</tag>', { options: { defaultFilters: ['h', 'str'] }, mako: py('\n            ${"<tag>this is html</tag>" | n}\n        ', { options: { default_filters: ['h', 'str'] } }) }),
  c('n turns off the page expression_filter (test_nflag, 2)', '\n            <%page expression_filter="h"/>\n            ${"<tag>this is html</tag>" | n}\n        ', '<tag>this is html</tag>', { options: str, mako: py('\n            <%page expression_filter="h"/>\n            ${"<tag>this is html</tag>" | n}\n        ', { options: { default_filters: ['str'] } }) }),
  c('n, h (test_nflag, 3)', '\n            <%page expression_filter="h"/>\n            ${"<tag>this is html</tag>" | n, h}\n        ', '&lt;tag&gt;this is html&lt;/tag&gt;', { options: str, mako: py('\n            <%page expression_filter="h"/>\n            ${"<tag>this is html</tag>" | n, h}\n        ', { options: { default_filters: ['str'] } }) }),
  c('expression_filter="n, JSON.stringify" (test_global_json)', `
<%page expression_filter="n, JSON.stringify"/>
data = {a: \${123}, b: \${"123"}};
        `, 'data = {a: 123, b: "123"};', { mako: py(`
<%!
import json
%><%page expression_filter="n, json.dumps"/>
data = {a: \${123}, b: \${"123"}};
        `) }),
  c('bufferFilters apply to a buffered def (test_non_expression, 1)', `
        <%!
            function a(text) {
                return "this is a"
            }
            function b(text) {
                return "this is b"
            }
        %>
        \${foo()}
        <%def name="foo()" buffered="True">
            this is text
        </%def>
        `, 'this is a', { options: { bufferFilters: ['a'], defaultFilters: ['str'] } }),
  c('bufferFilters, then the default filters (test_non_expression, 2)', `
        <%!
            function a(text) {
                return "this is a"
            }
            function b(text) {
                return "this is b"
            }
        %>
        \${'hi'}
        \${foo()}
        <%def name="foo()" buffered="True">
            this is text
        </%def>
        `, 'this is b this is b', { options: { bufferFilters: ['a'], defaultFilters: ['b'] } }),
  c('a buffer filter may return a non-string (test_non_expression, 3)', `
        <%!
            class Foo {
                foo = true
                toString() {
                    return "this is a"
                }
            }
            function a(text) {
                return new Foo()
            }
            function b(text) {
                if (text && typeof text === 'object' && 'foo' in text)
                    return String(text)
                else
                    return "this is b"
            }
        %>
        \${'hi'}
        \${foo()}
        <%def name="foo()" buffered="True">
            this is text
        </%def>
        `, 'this is b this is a', { options: { bufferFilters: ['a'], defaultFilters: ['b'] } }),
  c('def filter vs bufferFilters (test_non_expression, 4)', `
        <%!
            function a(text) {
                return "this is a"
            }
            function b(text) {
                return "this is b"
            }
        %>
        \${foo()}
        \${bar()}
        <%def name="foo()" filter="b">
            this is text
        </%def>
        <%def name="bar()" filter="b" buffered="True">
            this is text
        </%def>
        `, 'this is b this is a', { options: { bufferFilters: ['a'], defaultFilters: ['str'] } }),
  c('h and u built-ins (test_builtins, h)', '\n            ${"this is <text>" | h}\n', 'this is &lt;text&gt;', { mako: true }),
  c('h and u built-ins (test_builtins, u)', '\n            http://foo.com/arg1=${"hi! this is a string." | u}\n', 'http://foo.com/arg1=hi%21+this+is+a+string.', { mako: true }),

  // BufferTest
  c('buffered def returns its output (test_buffered_def)', '\n            <%def name="foo()" buffered="True">\n                this is foo\n            </%def>\n            ${"hi->" + foo() + "<-hi"}\n', 'hi-> this is foo <-hi', { options: str, mako: py('\n            <%def name="foo()" buffered="True">\n                this is foo\n            </%def>\n            ${"hi->" + foo() + "<-hi"}\n', { options: { default_filters: ['str'] } }) }),
  c('unbuffered def writes and returns empty (test_unbuffered_def)', '\n            <%def name="foo()" buffered="False">\n                this is foo\n            </%def>\n            ${"hi->" + foo() + "<-hi"}\n', 'this is foo hi-><-hi', { options: str, mako: py('\n            <%def name="foo()" buffered="False">\n                this is foo\n            </%def>\n            ${"hi->" + foo() + "<-hi"}\n', { options: { default_filters: ['str'] } }) }),
  c('capture (test_capture)', '\n            <%def name="foo()" buffered="False">\n                this is foo\n            </%def>\n            ${"hi->" + capture(foo) + "<-hi"}\n', 'hi-> this is foo <-hi', { options: str, mako: py('\n            <%def name="foo()" buffered="False">\n                this is foo\n            </%def>\n            ${"hi->" + capture(foo) + "<-hi"}\n', { options: { default_filters: ['str'] } }) }),
  c('an error inside capture propagates (test_capture_exception)', `
            <%def name="a()">
                this is a
                <%
                    throw new TypeError("hi")
                %>
            </%def>
            <%
                const c = capture(a)
            %>
            a->\${c}<-a
        `, err('TypeError')),
  c('an error inside a buffered def propagates (test_buffered_exception)', `
            <%def name="a()" buffered="True">
                <%
                    throw new TypeError("hi")
                %>
            </%def>
            \${a()}
`, err('TypeError')),
  c('capture(caller.body) (test_capture_ccall)', `
            <%def name="foo()">
                <%
                    const x = capture(caller.body)
                %>
                this is foo.  body: \${x}
            </%def>
            <%call expr="foo()">
                ccall body
            </%call>
`, 'this is foo. body: ccall body', { mako: py(`
            <%def name="foo()">
                <%
                    x = capture(caller.body)
                %>
                this is foo.  body: \${x}
            </%def>
            <%call expr="foo()">
                ccall body
            </%call>
`) }),
]

const py3 = (b: boolean) => (b ? 'True' : 'False')
// test/test_loop.py
export const makoLoop: Case[] = [
  t('a loop that never reads loop (test_no_loop)', "% for x in 'spam':\n${x}\n% endfor", 's\np\na\nm\n', { mako: true }),
  t('loop members (test_loop_demo)', `x|index|reverse_index|first|last|cycle|even|odd
% for x in 'ham':
\${x}|\${loop.index}|\${loop.reverse_index}|\${py3(loop.first)}|\${py3(loop.last)}|\${loop.cycle('even', 'odd')}|\${py3(loop.even)}|\${py3(loop.odd)}
% endfor`, 'x|index|reverse_index|first|last|cycle|even|odd\nh|0|2|True|False|even|True|False\na|1|1|False|False|odd|False|True\nm|2|0|False|True|even|True|False\n', { data: { py3 },
    mako: py(`x|index|reverse_index|first|last|cycle|even|odd
% for x in 'ham':
\${x}|\${loop.index}|\${loop.reverse_index}|\${loop.first}|\${loop.last}|\${loop.cycle('even', 'odd')}|\${loop.even}|\${loop.odd}
% endfor`) }),
  t('nested loops each have their own loop (test_nested_loops)', `% for x in 'ab':
\${x} \${loop.index} <- start in outer loop
% for y in [0, 1]:
\${y} \${loop.index} <- go to inner loop
% endfor
\${x} \${loop.index} <- back to outer loop
% endfor`, 'a 0 <- start in outer loop\n0 0 <- go to inner loop\n1 1 <- go to inner loop\na 0 <- back to outer loop\nb 1 <- start in outer loop\n0 0 <- go to inner loop\n1 1 <- go to inner loop\nb 1 <- back to outer loop\n', { mako: true }),
  t('loop.parent (test_parent_loops)', `% for x in 'ab':
\${x} \${loop.index} <- outer loop
% for y in [0, 1]:
\${y} \${loop.index} <- inner loop
\${x} \${loop.parent.index} <- parent loop
% endfor
\${x} \${loop.index} <- outer loop
% endfor`, 'a 0 <- outer loop\n0 0 <- inner loop\na 0 <- parent loop\n1 1 <- inner loop\na 0 <- parent loop\na 0 <- outer loop\nb 1 <- outer loop\n0 0 <- inner loop\nb 1 <- parent loop\n1 1 <- inner loop\nb 1 <- parent loop\nb 1 <- outer loop\n', { mako: true }),
  t('loop outside a for is an error naming loop (test_out_of_context_access)', '${loop.index}', err('*', /loop/i), { mako: true }),
  c('enableLoop false: loop is an ordinary name (test_loop_disabled_template)', '\n            the loop: ${loop}\n        ', 'the loop: hi', { data: { loop: 'hi' }, options: { enableLoop: false }, mako: py('\n            the loop: ${loop}\n        ', { data: { loop: 'hi' } }) }),
  c('enableLoop false on the lookup (test_loop_disabled_lookup)', '\n            the loop: ${loop}\n        ', 'the loop: hi', { data: { loop: 'hi' }, options: { enableLoop: false } }),
  c('<%page enable_loop="True"> overrides enableLoop false (test_loop_disabled_override_template)', `
            <%page enable_loop="True" />
            % for i in [1, 2, 3]:
                \${i} \${loop.index}
            % endfor
        `, '1 0 2 1 3 2', { options: { enableLoop: false }, mako: py(`
            <%page enable_loop="True" />
            % for i in (1, 2, 3):
                \${i} \${loop.index}
            % endfor
        `) }),
  c('<%page enable_loop="True"> with the loop on (test_loop_enabled_override_template)', `
            <%page enable_loop="True" />
            % for i in [1, 2, 3]:
                \${i} \${loop.index}
            % endfor
        `, '1 0 2 1 3 2', { mako: true }),
  c('reserved loop passed as data with enableLoop false (test_exclude_loop_context)', 'loop is ${loop}', 'loop is 5', { data: { loop: 5 }, options: { enableLoop: false }, mako: py('loop is ${loop}', { data: { loop: 5 } }) }),
  c('assigning loop in a template with enableLoop false (test_exclude_loop_template)', '<% let loop = 12 %>loop is ${loop}', 'loop is 12', { options: { enableLoop: false }, mako: py('<% loop = 12 %>loop is ${loop}') }),
]
