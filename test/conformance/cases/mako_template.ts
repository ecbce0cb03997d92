// Port of Mako's test/test_template.py (sqlalchemy/mako): page args, includes, undefined
// names, STOP_RENDERING, reserved names, control lines, %% escapes, unicode text.
// Not ported: encodings and BOMs (SPEC 10), module_directory/code/source introspection,
// RichTraceback, custom lexer classes, future imports, error_handler/include_error_handler
// (no counterpart in SPEC), `% with` (SPEC 10). Cases of behaviour newer than Debian's
// Mako 1.2.4 (`%%` escapes, empty control blocks: Mako 1.3) have no `mako` oracle field.
import type { Case } from '../types.js'
import { t, err } from './util.js'

const c = (name: string, main: string, expect: Case['expect'], extra: Partial<Case> = {}): Case =>
  t(name, main, expect, { ws: 'collapse', ...extra })
const py = (main: string, more: Record<string, unknown> = {}) => ({ templates: { 'main.mako': main }, ...more })
const collapse = (s: unknown) => String(s).replace(/\s+/g, ' ').trim()

const french = 'Alors vous imaginez ma surprise, au lever du jour, quand une drôle de petite voix m’a réveillé. Elle disait: « S’il vous plaît… dessine-moi un mouton! »'
const pageXYZ = '\n            <%page args="x, y, z = 7"/>\n\n            this is page, ${x}, ${y}, ${z}\n'
const includeB = '\n            <%page args="a,b,c"/>\n            this is b.  ${a}, ${b}, ${c}\n        '
const blank = (name: string, body: string, pybody?: string) =>
  t(name, body, '', { ws: 'collapse', mako: pybody ? py(pybody) : undefined })

export const makoTemplate: Case[] = [
  t('CRLF line endings with a continued control line (test_crlf_linebreaks)', `
<%
    let foo = true
    let bar = true
%>
% if foo && \\
     bar:
     foo and bar
%endif
`.replace(/\n/g, '\r\n'), '\r\n\r\n     foo and bar\r\n', { mako: py(`
<%
    foo = True
    bar = True
%>
% if foo and \\
     bar:
     foo and bar
%endif
`.replace(/\n/g, '\r\n')) }),
  t('unicode in <%text> (test_unicode_text)', `<%text>${french}</%text>`, french, { mako: true }),
  c('unicode <%text> captured from caller.body (test_unicode_text_ccall)', `
        <%def name="foo()">
            \${capture(caller.body)}
        </%def>
        <%call expr="foo()">
        <%text>Alors vous imaginez ma surprise, au lever du jour,
quand une drôle de petite voix m’a réveillé. Elle disait:
« S’il vous plaît… dessine-moi un mouton! »</%text>
        </%call>`, french, { options: { defaultFilters: ['str'] }, mako: true }),
  t('unicode string literal in an expression (test_unicode_literal_in_expr)', `\${"${french}"}\n`, french, { ws: 'collapse', mako: true }),
  t('unicode literal written from code (test_unicode_literal_in_code)', `
            <%
                context.write("${french}")
            %>
            `, french, { ws: 'collapse', mako: true }),
  t('unicode literal in a control line (test_unicode_literal_in_controlline)', `
            <%
                const x = "drôle de petite voix m’a réveillé."
            %>
            % if x=="drôle de petite voix m’a réveillé.":
                hi, \${x}
            % endif
            `, 'hi, drôle de petite voix m’a réveillé.', { ws: 'collapse' }),
  c('unicode literals in <%call> and def defaults (test_unicode_literal_in_def, 1)', `
            <%def name="bello(foo, bar)">
            Foo: \${ foo }
            Bar: \${ bar }
            </%def>
            <%call expr="bello('árvíztűrő tükörfúrógép', 'ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP')">
            </%call>`, 'Foo: árvíztűrő tükörfúrógép Bar: ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP', { mako: py(`
            <%def name="bello(foo, bar)">
            Foo: \${ foo }
            Bar: \${ bar }
            </%def>
            <%call expr="bello(foo='árvíztűrő tükörfúrógép', bar='ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP')">
            </%call>`) }),
  c('unicode literals in <%call> and def defaults (test_unicode_literal_in_def, 2)', `<%def name="hello(foo='árvíztűrő tükörfúrógép', bar='ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP')">
Foo: \${ foo }
Bar: \${ bar }
</%def>
\${ hello() }`, 'Foo: árvíztűrő tükörfúrógép Bar: ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP', { mako: true }),

  // PageArgsTest
  c('page args with a default (test_basic, 1)', pageXYZ, 'this is page, 5, 10, 7', { data: { x: 5, y: 10 }, mako: py('\n            <%page args="x, y, z=7"/>\n\n            this is page, ${x}, ${y}, ${z}\n', { data: { x: 5, y: 10 } }) }),
  c('page args, default overridden (test_basic, 2)', pageXYZ, 'this is page, 5, 10, 32', { data: { x: 5, y: 10, z: 32 }, mako: py('\n            <%page args="x, y, z=7"/>\n\n            this is page, ${x}, ${y}, ${z}\n', { data: { x: 5, y: 10, z: 32 } }) }),
  c('a missing required page arg is a TypeError (test_basic, 3)', pageXYZ, err('TypeError'), { data: { y: 10 }, mako: py('\n            <%page args="x, y, z=7"/>\n\n            this is page, ${x}, ${y}, ${z}\n', { data: { y: 10 } }) }),
  c('page args of a base, self.body(pageargs) (test_inherits)', '', 'bar foo var', { entry: 'index.tmpl', data: { variable: 'var', bar: 'bar', foo: 'foo' }, templates: {
    'base.tmpl': "\n        <%page args=\"bar\" />\n        ${bar}\n        ${pageargs['foo']}\n        ${self.body(pageargs)}\n        ",
    'index.tmpl': '\n        <%inherit file="base.tmpl" />\n        <%page args="variable" />\n        ${variable}\n        ' },
    mako: { templates: {
      'base.tmpl': "\n        <%page args=\"bar\" />\n        ${bar}\n        ${pageargs['foo']}\n        ${self.body(**pageargs)}\n        ",
      'index.tmpl': '\n        <%inherit file="base.tmpl" />\n        <%page args="variable" />\n        ${variable}\n        ' }, data: { variable: 'var', bar: 'bar', foo: 'foo' } } }),
  c('include args="...pageargs"; an include without args gets empty pageargs (test_includes)', '', 'bar foo var {}', { entry: 'index.tmpl', data: { variable: 'var', bar: 'bar', foo: 'foo' }, templates: {
    'incl1.tmpl': "\n        <%page args=\"bar\" />\n        ${bar}\n        ${pageargs['foo']}\n        ",
    'incl2.tmpl': '\n        ${JSON.stringify(pageargs)}\n        ',
    'index.tmpl': '\n        <%include file="incl1.tmpl" args="...pageargs"/>\n        <%page args="variable" />\n        ${variable}\n        <%include file="incl2.tmpl" />\n        ' },
    mako: { templates: {
      'incl1.tmpl': "\n        <%page args=\"bar\" />\n        ${bar}\n        ${pageargs['foo']}\n        ",
      'incl2.tmpl': '\n        ${pageargs}\n        ',
      'index.tmpl': '\n        <%include file="incl1.tmpl" args="**pageargs"/>\n        <%page args="variable" />\n        ${variable}\n        <%include file="incl2.tmpl" />\n        ' }, data: { variable: 'var', bar: 'bar', foo: 'foo' } } }),
  c('page args and other data (test_with_context)', '\n            <%page args="x, y, z = 7"/>\n\n            this is page, ${x}, ${y}, ${z}, ${w}\n', 'this is page, 5, 10, 7, 17', { data: { x: 5, y: 10, w: 17 } }),
  c('a page arg named like a global (test_overrides_builtins)', '\n            <%page args="id"/>\n\n            this is page, id is ${id}\n        ', 'this is page, id is im the id', { data: { id: 'im the id' }, mako: py('\n            <%page args="id"/>\n\n            this is page, id is ${id}\n        ', { data: { id: 'im the id' } }) }),
  c('data named like globals wins over them (test_canuse_builtin_names)', '\n            exception: ${Error}\n            id: ${parseInt}\n        ', 'exception: some exception id: some id', { data: { parseInt: 'some id', Error: 'some exception' } }),
  c('global names do not clobber page arg defaults in includes (test_builtin_names_dont_clobber_defaults_in_includes)', '', 'foo|5|foo|5', {
    templates: { 'test.mako': '\n        <%include file="test1.mako"/>\n\n        ', 'test1.mako': "\n        <%page args=\"name = 'foo'\"/>\n\n        ${name}\n        " },
    run: (l) => [l.getTemplate('test.mako').render({}), l.getTemplate('test.mako').render({ name: 5 }), l.getTemplate('test1.mako').render({}), l.getTemplate('test1.mako').render({ name: 5 })].map(collapse).join('|') }),
  c('assigning names of globals (test_dict_locals)', `
            <%
                const Object = "this is dict"
                const JSON = "this is locals"
            %>
            dict: \${Object}
            locals: \${JSON}
        `, 'dict: this is dict locals: this is locals'),

  // IncludeTest
  c('include with literal args (test_basic)', '', 'this is a this is b. 3, 4, 5', { entry: 'a', templates: { a: '\n            this is a\n            <%include file="b" args="a=3,b=4,c=5"/>\n        ', b: includeB }, mako: true }),
  c('include args from the data (test_localargs)', '', 'this is a this is b. 7, 8, 5', { entry: 'a', data: { a: 7, b: 8 }, templates: { a: '\n            this is a\n            <%include file="b" args="a=a,b=b,c=5"/>\n        ', b: includeB }, mako: true }),
  c('include args spreading context.kwargs (test_viakwargs)', '', 'this is a this is b. 7, 8, 5', { entry: 'a', data: { a: 7, b: 8 }, templates: { a: '\n            this is a\n            <%include file="b" args="c=5, ...context.kwargs"/>\n        ', b: includeB },
    mako: { templates: { a: '\n            this is a\n            <%include file="b" args="c=5, **context.kwargs"/>\n        ', b: includeB }, data: { a: 7, b: 8 } } }),
  c('${} include file with args (test_include_withargs)', '', 'this is a this is b. 7, 8, 5', { entry: 'a', data: { a: 7, b: 8, i: 'b' }, templates: { a: '\n            this is a\n            <%include file="${i}" args="c=5, ...context.kwargs"/>\n        ', b: includeB },
    mako: { templates: { a: '\n            this is a\n            <%include file="${i}" args="c=5, **context.kwargs"/>\n        ', b: includeB }, data: { a: 7, b: 8, i: 'b' } } }),
  c('include inside a def called as a custom tag (test_within_ccall)', '', 'bar: calling bar this is a', { entry: 'c', templates: {
    a: 'this is a', b: '\n        <%def name="bar()">\n            bar: ${caller.body()}\n            <%include file="a"/>\n        </%def>\n        ',
    c: '\n        <%namespace name="b" file="b"/>\n        <%b:bar>\n            calling bar\n        </%b:bar>\n        ' }, mako: true }),

  // UndefinedVarsTest
  ...([['str', 'n'], ['n'], ['str', 'h'], ['h'], []] as string[][]).map((f) =>
    t(`strictUndefined with defaultFilters ${JSON.stringify(f)} (test_140_regression)`, 'hello world ${x}', 'hello world hi', { data: { x: 'hi' }, options: { strictUndefined: true, defaultFilters: f },
      mako: py('hello world ${x}', { data: { x: 'hi' }, options: { default_filters: f, strict_undefined: true } }) })),
  c('x === UNDEFINED (test_undefined, 1)', '\n            % if x === UNDEFINED:\n                undefined\n            % else:\n                x: ${x}\n            % endif\n        ', 'x: 12', { data: { x: 12 } }),
  c('x === UNDEFINED (test_undefined, 2)', '\n            % if x === UNDEFINED:\n                undefined\n            % else:\n                x: ${x}\n            % endif\n        ', 'undefined', { data: { y: 12 } }),
  c('strictUndefined: a defined name renders (test_strict, 1)', '\n            % if x === UNDEFINED:\n                undefined\n            % else:\n                x: ${x}\n            % endif\n        ', 'x: 12', { data: { x: 12 }, options: { strictUndefined: true } }),
  c('strictUndefined: reading a missing name throws (test_strict, 2)', '\n            % if x === UNDEFINED:\n                undefined\n            % else:\n                x: ${x}\n            % endif\n        ', err(['UndefinedError', 'ReferenceError']), { data: { y: 12 }, options: { strictUndefined: true },
    mako: py('\n            % if x is UNDEFINED:\n                undefined\n            % else:\n                x: ${x}\n            % endif\n        ', { data: { y: 12 }, options: { strict_undefined: true } }) }),
  c('strictUndefined with an import="*" namespace (test_strict, 3)', '', 'x: 12', { entry: 'b', data: { x: 12 }, options: { strictUndefined: true }, templates: { a: 'some template',
    b: "\n            <%namespace name='a' file='a' import='*'/>\n            % if x === UNDEFINED:\n                undefined\n            % else:\n                x: ${x}\n            % endif\n        " } }),
  c('strictUndefined: callback parameters are declared (test_expression_declared, 1)', '\n            ${["a", "b", "c"].map((t) => t).join(",")}\n        ', 'a,b,c', { options: { strictUndefined: true } }),
  c('strictUndefined: parameters inside a custom tag attribute (test_expression_declared, 2)', `
            <%self:foo value="\${[[1, 2]].map(([val, n]) => [val, n])}"/>

            <%def name="foo(value)">
                \${JSON.stringify(value)}
            </%def>

        `, '[[1,2]]', { options: { strictUndefined: true, defaultFilters: ['str'] } }),
  c('strictUndefined: parameters inside a <%call> expression (test_expression_declared, 3)', `
            <%call expr="foo([[1, 2]].map(([val, n]) => [val, n]))" />

            <%def name="foo(value)">
                \${JSON.stringify(value)}
            </%def>

        `, '[[1,2]]', { options: { strictUndefined: true, defaultFilters: ['str'] } }),
  c('strictUndefined: parameters inside include args (test_expression_declared, 4)', '', 'hi, 0,1,2', { entry: 't', options: { strictUndefined: true },
    templates: { i: "hi, ${pageargs['y']}", t: '\n            <%include file="i" args="y=[0, 1, 2].map((x) => x)" />\n        ' } }),
  c('strictUndefined: parameters inside a namespace file expression (test_expression_declared, 5)', '', 'hi, x', { entry: 'q', options: { strictUndefined: true },
    templates: { i: "hi, ${pageargs['y']}", q: '\n            <%namespace name="i" file="${(String([0, 1, 2].map((x) => x)[2]) + \'i\').slice(-1)}" />\n            ${i.body({ y: \'x\' })}\n        ' } }),
  c('strictUndefined: a function assigned in code (test_expression_declared, 6)', "\n            <%\n                const y = (q) => String(q)\n            %>\n            ${y('hi')}\n        ", 'hi', { options: { strictUndefined: true } }),
  c('a callback parameter shadows a data name (test_list_comprehensions_plus_undeclared_nonstrict)', '\n            t is: ${t}\n\n            ${["a", "b", "c"].map((t) => t).join(",")}\n        ', 't is: T a,b,c', { data: { t: 'T' } }),
  c('reading a name before the body declares it is a ReferenceError (test_traditional_assignment_plus_undeclared)', '\n            t is: ${t}\n\n            <%\n                let t = 12\n            %>\n        ', err('ReferenceError'), { data: { t: 'T' },
    mako: py('\n            t is: ${t}\n\n            <%\n                t = 12\n            %>\n        ', { data: { t: 'T' } }) }),
  c('strictUndefined: a callback parameter shadows a data name (test_list_comprehensions_plus_undeclared_strict)', '\n            t is: ${t}\n\n            ${["a", "b", "c"].map((t) => t).join(",")}\n        ', 't is: T a,b,c', { data: { t: 'T' }, options: { strictUndefined: true } }),
  c('strictUndefined: names local to a function in code (test_dict_comprehensions_in_function_plus_undeclared_strict)', "\n<%\n    function foo() {\n        return Object.fromEntries(['foo'].map((s) => [s[0], s]))\n    }\n%>\n\n${ foo()['f'] }\n", 'foo', { options: { strictUndefined: true } }),
  c('strictUndefined: nested callbacks in an arrow in code (test_nested_list_comprehensions_in_function_plus_undeclared_strict)', '<% const foo = (b) => b.flatMap((s) => s).reduce((a, f) => a + f, 0) %>\\\n${ foo([[1,2],[3,4]])}\n', '10', { options: { strictUndefined: true } }),
  c('strictUndefined: locals of a function with a loop (test_listcomp_in_func_strict)', "\n<%\n    const mydict = { 'foo': 1 }\n    function getkeys(x) {\n        return Object.keys(x).map((k) => k)\n    }\n%>\n\n${ getkeys(mydict).join(',') }\n", 'foo', { options: { strictUndefined: true } }),
  c('strictUndefined: a generator in a function (test_generator_in_func_strict)', "\n<%\n    const mydict = { 'foo': 1 }\n    function* getkeys(x) {\n        for (const k of Object.keys(x)) yield k\n    }\n%>\n\n${ [...getkeys(mydict)].join(',') }\n", 'foo', { options: { strictUndefined: true } }),

  c('return STOP_RENDERING (test_return_in_template)', '\n           Line one\n           <% return STOP_RENDERING %>\n           Line Three\n        ', 'Line one', { options: { strictUndefined: true }, mako: py('\n           Line one\n           <% return STOP_RENDERING %>\n           Line Three\n        ', { options: { strict_undefined: true } }) }),

  // ReservedNameTest
  ...['context', 'loop', 'UNDEFINED', 'STOP_RENDERING'].map((name) =>
    t(`reserved name ${name} passed to render (test_names_on_context)`, 'x', err('NameConflictError', new RegExp(name)), { data: { [name]: 'foo' }, mako: true })),
  ...['context', 'loop', 'UNDEFINED', 'STOP_RENDERING'].map((name) =>
    t(`reserved name ${name} declared in the template (test_names_in_template)`, `<% let ${name} = 5 %>`, err('NameConflictError', new RegExp(name)), { mako: py(`<% ${name} = 5 %>`) })),

  // ControlTest
  c('nested control lines with comments (test_control)', `
    ## this is a template.
    % for x in y:
    %   if ('test' in x):
        yes x has test
    %   else:
        no x does not have test
    %endif
    %endfor
`, 'yes x has test no x does not have test yes x has test', { mako: true, data: { y: [{ test: 'one' }, { foo: 'bar' }, { foo: 'bar', test: 'two' }] } }),
  blank('empty if (test_blank_control_1)', '\n            % if true:\n            % endif\n            ', '\n            % if True:\n            % endif\n            '),
  blank('empty if/elif (test_blank_control_2)', '\n            % if true:\n            % elif true:\n            % endif\n            ', '\n            % if True:\n            % elif True:\n            % endif\n            '),
  blank('empty if/else (test_blank_control_3)', '\n            % if true:\n            % else:\n            % endif\n            ', '\n            % if True:\n            % else:\n            % endif\n            '),
  blank('empty if/elif/else (test_blank_control_4)', '\n            % if true:\n            % elif true:\n            % else:\n            % endif\n            ', '\n            % if True:\n            % elif True:\n            % else:\n            % endif\n            '),
  blank('empty for (test_blank_control_5)', '\n            % for x in [0, 1, 2]:\n            % endfor\n            ', '\n            % for x in [0, 1, 2]:\n            % endfor\n            '),
  blank('empty while (test_blank_control_6)', '\n            % while false:\n            % endwhile\n            ', '\n            % while False:\n            % endwhile\n            '),
  blank('empty try/except (test_blank_control_7)', '\n            % try:\n            % except:\n            % endtry\n            ', '\n            % try:\n            % except:\n            % endtry\n            '),
  blank('empty if with a false elif (test_blank_control_9)', '\n            % if true:\n            % elif false:\n            false\n            % else:\n            broken\n            % endif\n            '),
  blank('empty if, else with text (test_blank_control_10)', '\n            % if true:\n            % else:\n            test\n            % endif\n            '),
  blank('empty try, except with text (test_blank_control_11)', '\n            % try:\n            % except:\n            error\n            % endtry\n            '),
  blank('if with only a comment (test_commented_blank_control_1)', '\n            % if true:\n            ## comment\n            % endif\n            ', '\n            % if True:\n            ## comment\n            % endif\n            '),
  blank('if/elif with only comments (test_commented_blank_control_2)', '\n            % if true:\n            ## comment\n            % elif true:\n            ## comment\n            % endif\n            ', '\n            % if True:\n            ## comment\n            % elif True:\n            ## comment\n            % endif\n            '),
  blank('if/else with only comments (test_commented_blank_control_3)', '\n            % if true:\n            ## comment\n            % else:\n            ## comment\n            % endif\n            ', '\n            % if True:\n            ## comment\n            % else:\n            ## comment\n            % endif\n            '),
  blank('if/elif/else with only comments (test_commented_blank_control_4)', '\n            % if true:\n            ## comment\n            % elif true:\n            ## comment\n            % else:\n            ## comment\n            % endif\n            ', '\n            % if True:\n            ## comment\n            % elif True:\n            ## comment\n            % else:\n            ## comment\n            % endif\n            '),
  blank('for with only a comment (test_commented_blank_control_5)', '\n            % for x in [0, 1, 2]:\n            ## comment\n            % endfor\n            ', '\n            % for x in [0, 1, 2]:\n            ## comment\n            % endfor\n            '),
  blank('while with only a comment (test_commented_blank_control_6)', '\n            % while false:\n            ## comment\n            % endwhile\n            ', '\n            % while False:\n            ## comment\n            % endwhile\n            '),
  blank('try/except with only comments (test_commented_blank_control_7)', '\n            % try:\n            ## comment\n            % except:\n            ## comment\n            % endtry\n            ', '\n            % try:\n            ## comment\n            % except:\n            ## comment\n            % endtry\n            '),
  blank('if with a comment, false elif (test_commented_blank_control_9)', '\n            % if true:\n            ## comment\n            % elif false:\n            false\n            % else:\n            broken\n            % endif\n            '),
  blank('try with a comment, except with text (test_commented_blank_control_10)', '\n            % try:\n            ## comment\n            % except:\n            error\n            % endtry\n            '),
  c('a for line continued with a backslash (test_multiline_control)', '\n    % for x in \\\n        [1,2,3].map((y) => y):\n        ${x}\n    % endfor\n', '1 2 3', { mako: py('\n    % for x in \\\n        [y for y in [1,2,3]]:\n        ${x}\n    % endfor\n') }),

  t('<%! %> names in the body (GlobalsTest.test_globals)', '\n                <%!\n                    const y = "hi"\n                %>\n            y is ${y}\n            ', 'y is hi', { ws: 'collapse', mako: py('\n                <%!\n                    y = "hi"\n                %>\n            y is ${y}\n            ') }),
  c('preprocessor turning # lines into ## comments (PreprocessTest.test_old_comments)', `
        im a template
# old style comment
    # more old style comment

    ## new style comment
    - # not a comment
    - ## not a comment
`, 'im a template - # not a comment - ## not a comment', { options: { preprocessor: (text: string) => text.replace(/(?<=\n)\s*#[^#]/g, '##') } }),

  // EscapeTest (exact lines: result_raw_lines drops only blank lines)
  t('%% escapes at line start (test_percent_escape)', '%% do something\n%%% do something\nif <some condition>:\n    %%%% do something\n', '% do something\n%% do something\nif <some condition>:\n    %%% do something\n'),
  t('%% inside a for (test_percent_escape2)', '\n% for i in [1, 2, 3]:\n    %% do something ${i}\n% endfor\n', '\n    % do something 1\n    % do something 2\n    % do something 3\n'),
  t('%% only at line start is an escape (test_inline_percent)', '\n% for i in [1, 2, 3]:\n%% foo\nbar %% baz\n% endfor\n', '\n% foo\nbar %% baz\n% foo\nbar %% baz\n% foo\nbar %% baz\n'),
]
