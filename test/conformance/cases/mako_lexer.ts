// Port of Mako's test/test_lexer.py (sqlalchemy/mako). Mako's lexer tests compare parse
// trees; here each template is rendered instead and compared exactly with what Python Mako
// renders (the expectations were filled by test/conformance/fill.py from oracle.sh), or
// checked to be the same class of error. Not ported: `<%def name="lala">` (SPEC 10 accepts
// it), old-style `#*` comments (nothing to render), parse-tree positions. Cases marked
// 'Mako 1.3' test fixes newer than Debian's Mako 1.2.4 and have no `mako` oracle field.
import type { Case } from '../types.js'
import { t, err } from './util.js'

const py = (main: string, more: Record<string, unknown> = {}) => ({ templates: { 'main.mako': main }, ...more })
const dtest = (jsFor: string) => `
        <%def name="dtest(d)">
            % for ${jsFor}:
            \${k} = \${v}
            % endfor
        </%def>

        <%self:dtest d="\${
                            {
                                'id':'4',
                                'foo':'barr'
                            }
                        }" />
        `

// Mako's test_tricky_expression template, as raw text
const tricky2 = String.raw`

            \${hello + '''heres '{|}' text | | }''' | escape1}
            \${'Tricky string: ' + '\\\"\\\'|\\'}
        `.replaceAll('\\${', '${')

export const makoLexer: Case[] = [
  t('text and a def tag (test_text_and_tag)', '\n<b>Hello world</b>\n        <%def name="foo()">\n                this is a def.\n        </%def>\n\n        and some more text.\n', '\n<b>Hello world</b>\n        \n\n        and some more text.\n', { mako: true }),
  t('unclosed tag (test_unclosed_tag)', '\n\n            <%def name="foo()">\n             other text\n        ', err('TemplateSyntaxError', /Unclosed tag: <%def>/), { mako: true }),
  t('closing tag that was never opened (test_onlyclosed_tag)', '\n            <%def name="foo()">\n                foo\n            </%def>\n\n            </%namespace>\n\n            hi.\n        ', err('TemplateSyntaxError'), { mako: true }),
  t('${} in a namespace name is a CompileError (test_noexpr_allowed)', '\n            <%namespace name="${foo}"/>\n        ', err('CompileError'), { mako: true }),
  t('closing tag with 10000 spaces does not hang (test_closing_tag_many_spaces)', '<%def name="foo()"> this is a def. </%' + ' '.repeat(10000), err('TemplateSyntaxError'), { mako: true }),
  t('opening tag with 3000 quotes does not hang (test_opening_tag_many_quotes)', '<%0' + '"'.repeat(3000), err('TemplateSyntaxError'), { mako: true }),
  t('mismatched closing tag (test_unmatched_tag)', '\n        <%namespace name="bar">\n        <%def name="foo()">\n            foo\n            </%namespace>\n        </%def>\n\n\n        hi.\n', err('TemplateSyntaxError'), { mako: true }),
  t('unknown tag is a CompileError (test_nonexistent_tag)', '\n            <%lala x="5"/>\n        ', err(['CompileError', 'TemplateSyntaxError']), { mako: true }),
  t('tag names are case sensitive (test_wrongcase_tag)', '\n            <%DEF name="foo()">\n            </%def>\n\n        ', err(['CompileError', 'TemplateSyntaxError']), { mako: true }),
  t('%% escapes and an empty if (test_percent_escape, Mako 1.3)', '\n\n%% some whatever.\n\n    %% more some whatever\n    % if foo:\n    % endif\n        ', '\n\n% some whatever.\n\n    % more some whatever\n        ', { data: { foo: 1 } }),
  t('%% escapes inside a for (test_percent_escape_with_control_block, Mako 1.3)', '\n% for i in [1, 2, 3]:\n    %% do something ${i}\n% endfor\n', '\n    % do something 1\n    % do something 2\n    % do something 3\n'),
  t('<%text> keeps everything raw (test_text_tag)', `
        ## comment
        % if foo:
            hi
        % endif
        <%text>
            # more code

            % more code
            <%illegal compionent>/></>
            <%def name="laal()">def</%def>


        </%text>

        <%def name="foo()">this is foo</%def>

        % if bar:
            code
        % endif
        `, "\n            hi\n        \n            # more code\n\n            % more code\n            <%illegal compionent>/></>\n            <%def name=\"laal()\">def</%def>\n\n\n        \n\n        \n\n            code\n        ", { data: { foo: 1, bar: 1 }, mako: true }),
  t('spaces around = in attributes (test_whitespace_equals)', '\n            <%def name = "adef()" >\n              adef\n            </%def>\n            ${adef()}\n        ', "\n            \n            \n              adef\n            \n        ", { mako: true }),
  t('closed custom tag with a ${} attribute (test_ns_tag_closed)', '\n\n            <%self:go x="1" y="2" z="${\'hi\' + \' \' + \'there\'}"/>\n        <%def name="go(x, y, z)">${x}|${y}|${z}</%def>', "\n\n            1|2|hi there\n        ", { mako: true }),
  t('empty custom tag with an empty attribute (test_ns_tag_empty)', '\n            <%self:option value=""></%self:option>\n        <%def name="option(value)">[${value}]</%def>', "\n            []\n        ", { mako: true }),
  t('open custom tag with a body (test_ns_tag_open)', '\n\n            <%self:go x="1" y="${process()}">\n                this is the body\n            </%self:go>\n        <%def name="go(x, y)">${x}/${y}/${caller.body()}</%def>', "\n\n            1/P/\n                this is the body\n            \n        ", { data: { process: () => 'P' }, mako: { data: { process: 'P' }, templates: { 'main.mako': '\n\n            <%self:go x="1" y="${process}">\n                this is the body\n            </%self:go>\n        <%def name="go(x, y)">${x}/${y}/${caller.body()}</%def>' } } }),
  t('quotes and > < in <%call expr> (test_expr_in_attribute)', `
            <%def name="foo()">[\${caller.body()}]</%def>
            <%call expr="foo() + (bar > 1 && 'lala' || 'hoho')">a</%call>
            <%call expr='foo() + (bar < 1 && hoho > 2 && "x" + "y" || "no")'>b</%call>
        `, "\n            \n            [a]lala\n            [b]no\n        ", { data: { bar: 2, hoho: 3 }, mako: py(`
            <%def name="foo()">[\${caller.body()}]</%def>
            <%call expr="foo() + (bar > 1 and 'lala' or 'hoho')">a</%call>
            <%call expr='foo() + (bar < 1 and hoho > 2 and "x" + "y" or "no")'>b</%call>
        `, { data: { bar: 2, hoho: 3 } }) }),
  t('<%page cached args> (test_pagetag)', '\n            <%page cached="True" args="a, b"/>\n\n            some template\n        ', '\n            \n\n            some template\n        ', { data: { a: 1, b: 2 } }),
  t('a namespace, a def and <%call> nested (test_nesting)', '\n\n        <%namespace name="ns">\n            <%def name="lala(hi, there)">\n                <%call expr="something()"/>\n            </%def>\n        </%namespace>\n\n        ', "\n\n        \n\n        ", { mako: true }),
  t('code blocks and module blocks (test_code)', 'text\n    <%\n        context.write("hi")\n        for (const x of [1, 2, 3, 4])\n            context.write(String(x))\n    %>\nmore text\n    <%!\n        const foo = 1\n    %>\n', "text\n    hi1234\nmore text\n    \n",
    { mako: py('text\n    <%\n        context.write("hi")\n        for x in range(1,5):\n            context.write(str(x))\n    %>\nmore text\n    <%!\n        import os\n    %>\n') }),
  t('inline namespace and defs among text and tags (test_code_and_tags)', `
<%namespace name="foo">
    <%def name="x()">
        this is x
    </%def>
    <%def name="y()">
        this is y
    </%def>
</%namespace>

<%
    const result = []
    const data = [1, 2]
    for (const x of data)
        result.push(x + 7)
%>

    result: <%call expr="foo.x(result)"/>
`, "\n\n\n\n\n    result: \n        this is x\n    \n", { mako: py(`
<%namespace name="foo">
    <%def name="x()">
        this is x
    </%def>
    <%def name="y()">
        this is y
    </%def>
</%namespace>

<%
    result = []
    data = [1, 2]
    for x in data:
        result.append(x+7)
%>

    result: <%call expr="foo.x()"/>
`) }),
  t('expressions with filters and defs (test_expression)', `
        this is some \${text} and this is \${textwith | escapes, moreescapes}
        <%def name="hi()">
            give me \${foo()} and \${bar()}
        </%def>
        \${hi()}
`, '\n        this is some T and this is <W>!!\n        \n        \n            give me F and B\n        \n', {
    data: { text: 'T', textwith: 'w', escapes: (s: string) => '<' + s.toUpperCase() + '>', moreescapes: (s: string) => s + '!!', foo: () => 'F', bar: () => 'B' } }),
  t('a | inside a string is not a filter (test_tricky_expression, 1)', '\n\n            ${x && "|" || "hi"}\n        ', '\n\n            |\n        ', { data: { x: 1 }, mako: py('\n\n            ${x and "|" or "hi"}\n        ', { data: { x: 1 } }) }),
  t('| and quotes inside strings before a filter (test_tricky_expression, 2)', tricky2.replace("'''heres '{|}' text | | }'''", "`heres '{|}' text | | }`"), "\n\n            [H:heres &#39;{|}&#39; text | | }]\n            Tricky string: \\&#34;\\&#39;|\\\n        ", { data: { hello: 'H:', escape1: (s: string) => '[' + s + ']' },
    mako: { templates: { 'main.mako': tricky2 }, data: { hello: 'H:' }, options: { imports: ['escape1 = lambda s: "[" + s + "]"'] } } }),
  ...['${foo}${bar}', 'file_${foo}_bat_${bar}.py', '${foo}_bat_${bar}', '${foo}${bar}.py'].map((expr) =>
    t(`include file="${expr}" (test_dict_expression_issue_400_regression)`, `<%include file="${expr}"/>`, 'included', {
      data: { foo: 'a', bar: 'b' }, templates: { ab: 'included', 'file_a_bat_b.py': 'included', a_bat_b: 'included', 'ab.py': 'included' }, mako: true })),
  t('<& in text (test_ampersand_issue_412, Mako 1.3)', '\nproperty = <&node>;\n\n', '\nproperty = <&node>;\n\n'),
  t('a multi-line object literal in a custom tag attribute (test_dict_expression_issue_400, Mako 1.3)', dtest('k, v in Object.entries(d)'), '\n        \n\n        \n            id = 4\n            foo = barr\n        \n        '),
  t('custom tag attributes with object and array literals (test_dict_expression_2)', `
        <%def name="thing(thing)">
            \${typeof thing}
        </%def>
        <%self:thing thing="foo" />
        <%self:thing thing="\${5}" />
        <%self:thing thing="\${[1,2,3]}" />
        <%self:thing thing="\${{'id':'4'}}" />
        <%
            foo="this is foo"
            g=false
        %>
        <%def name="bar(x, y)">
            \${x.id} \${y}
        </%def>
        <%self:bar x="\${{'id':4}}" y="x\${g && '1' || '2'}y"/>
`, '\n        \n        \n            string\n        \n        \n            number\n        \n        \n            object\n        \n        \n            object\n        \n        \n        \n        \n            4 x2y\n        \n', { data: { foo: '', g: '' } }),
  t('"%>" inside a string in a code block (test_tricky_code)', "<% context.write('hi %>') %>", 'hi %>', { mako: true }),
  t("an apostrophe in a code comment (test_tricky_code_2)", "<%\n        // someone's comment\n%>\n        ", '\n        ', { mako: py("<%\n        # someone's comment\n%>\n        ") }),
  t('comments and multi-line strings in a code block (test_tricky_code_3)', `<%
        context.write('hi')
        // this is a comment
        // another comment
        let x = 7 // someone's '''comment
        context.write(\`
    there
    \`)
        // someone else's comment
%> '''and now some text '''`, "hi\n    there\n     '''and now some text '''", {}),
  t('escaped quotes in a code block (test_tricky_code_4)', '<% let foo = "\\"\\\\" %>${foo}', '"\\', { options: { defaultFilters: ['str'] }, mako: py('<% foo = "\\"\\\\" %>${foo}', { options: { default_filters: ['str'] } }) }),
  t('an object literal in ${} (test_tricky_code_5)', "before ${ {'key': 'value'}['key'] } after", 'before value after', { mako: true }),
  t('a bitwise | in parentheses is not a filter (test_tricky_code_6)', 'before ${ (0x5302 | 0x0400) } after', 'before 22274 after', { mako: true }),
  t('control lines among text (test_control_lines)', `
text text la la
% if foo:
 mroe text la la blah blah
% endif

        and osme more stuff
        % for l in [1, 2, 3, 4]:
    tex tesl asdl l is \${l} kfmas d
      % endfor
    tetx text

`, "\ntext text la la\n mroe text la la blah blah\n\n        and osme more stuff\n    tex tesl asdl l is 1 kfmas d\n    tex tesl asdl l is 2 kfmas d\n    tex tesl asdl l is 3 kfmas d\n    tex tesl asdl l is 4 kfmas d\n    tetx text\n\n", { data: { foo: 1 }, mako: py(`
text text la la
% if foo:
 mroe text la la blah blah
% endif

        and osme more stuff
        % for l in range(1,5):
    tex tesl asdl l is \${l} kfmas d
      % endfor
    tetx text

`, { data: { foo: 1 } }) }),
  t('a control line continued with a backslash (test_long_control_lines)', "\n    % for file in \\\n        requestattr['toc'].filenames:\n        x\n    % endfor\n        ", '\n        x\n        x\n        ', { data: { requestattr: { toc: { filenames: ['a', 'b'] } } } }),
  t('endif closing a for (test_unmatched_control)', '\n\n        % if foo:\n            % for x in [1, 2]:\n        % endif\n', err('TemplateSyntaxError', /endif/), { mako: true }),
  t('unterminated if (test_unmatched_control_2)', '\n\n        % if foo:\n            % for x in [1, 2]:\n            % endfor\n', err('TemplateSyntaxError', /if/), { mako: true }),
  t('unknown end keyword (test_unmatched_control_3)', '\n\n        % if foo:\n            % for x in [1, 2]:\n            % endlala\n        % endif\n', err('TemplateSyntaxError', /endlala/), { mako: true }),
  t('if/elif/elif/else (test_ternary_control)', '\n        % if x:\n            hi\n        % elif y+7==10:\n            there\n        % elif lala:\n            lala\n        % else:\n            hi\n        % endif\n', "\n            there\n", { data: { x: 0, y: 3, lala: 0 }, mako: true }),
  t('a whole page: namespace, inherit, defs, loops (test_integration)', `<%namespace name="foo" file="somefile.html"/>
 ## inherit from foobar.html
<%inherit file="foobar.html"/>

<%def name="header()">
     <div>header</div>
</%def>
<%def name="footer()">
    <div> footer</div>
</%def>

<table>
    % for j in data():
    <tr>
        % for x in j:
            <td>Hello \${x| h}</td>
        % endfor
    </tr>
    % endfor
</table>
`, "\n     <div>header</div>\n\n\n\n\n\n\n<table>\n    <tr>\n            <td>Hello 1</td>\n            <td>Hello &lt;2&gt;</td>\n    </tr>\n    <tr>\n            <td>Hello 3</td>\n    </tr>\n</table>\n\n    <div> footer</div>\n", { data: { data: () => [[1, '<2>'], [3]] }, templates: { 'somefile.html': '', 'foobar.html': '${self.header()}${next.body()}${self.footer()}' },
    mako: { templates: { 'main.mako': `<%namespace name="foo" file="somefile.html"/>
 ## inherit from foobar.html
<%inherit file="foobar.html"/>

<%def name="header()">
     <div>header</div>
</%def>
<%def name="footer()">
    <div> footer</div>
</%def>

<table>
    % for j in data:
    <tr>
        % for x in j:
            <td>Hello \${x| h}</td>
        % endfor
    </tr>
    % endfor
</table>
`, 'somefile.html': '', 'foobar.html': '${self.header()}${next.body()}${self.footer()}' }, data: { data: [[1, '<2>'], [3]] } } }),
  t('comments after a control line (test_comment_after_statement)', '\n        % if x: //comment\n            hi\n        % else: //next\n            hi\n        % endif //end\n', '\n            hi\n', { data: { x: 1 },
    mako: py('\n        % if x: #comment\n            hi\n        % else: #next\n            hi\n        % endif #end\n', { data: { x: 1 } }) }),
  t('CRLF file with a multi-line page arg and a continued expression (test_crlf)', [
    '<html>', '', "<%page args=\"a=['foo',", "                'bar']\"/>", '', 'like the name says.', '', '    % for x in [1,2,3]:', '        ${x}\\', '    % endfor', '',
    "${trumpeter == 'Miles' && trumpeter ||", "      'Dizzy'}", '', '<%def name="hi()">', '    hi!', '</%def>', '', '</html>', ''].join('\r\n'), "<html>\r\n\r\n\r\n\r\nlike the name says.\r\n\r\n        1        2        3\r\nDizzy\r\n\r\n\r\n\r\n</html>\r\n", { data: { trumpeter: 'X' },
    mako: py([
      '<html>', '', "<%page args=\"a=['foo',", "                'bar']\"/>", '', 'like the name says.', '', '    % for x in [1,2,3]:', '        ${x}\\', '    % endfor', '',
      "${trumpeter == 'Miles' and trumpeter or \\", "      'Dizzy'}", '', '<%def name="hi()">', '    hi!', '</%def>', '', '</html>', ''].join('\r\n'), { data: { trumpeter: 'X' } }) }),
  t('## comments, # text, <%doc> (test_comments)', `
<style>
 #someselector
 # other non comment stuff
</style>
## a comment

# also not a comment

   ## this is a comment

this is ## not a comment

<%doc> multiline
comment
</%doc>

hi
`, "\n<style>\n #someselector\n # other non comment stuff\n</style>\n\n# also not a comment\n\n\nthis is ## not a comment\n\n\n\nhi\n", { mako: true }),
  t('<%doc> at top level and in a def (test_docs)', `
        <%doc>
            this is a comment
        </%doc>
        <%def name="foo()">
            <%doc>
                this is the foo func
            </%doc>
        </%def>
        \${foo()}`, "\n        \n        \n        \n            \n        ", { mako: true }),
  t('preprocessor (test_preprocess)', '\n    hi\n    # old style comment\n# another comment\n', '\n    hi\n', { options: { preprocessor: (text: string) => text.replace(/(?<=\n)\s*#[^#]/g, '##') } }),
]
