// Port of Mako's test/test_inheritance.py and test/test_block.py (sqlalchemy/mako).
// `context['parent']` is `context.get('parent')`; `**kw` calls are objects.
import type { Case } from '../types.js'
import { t, err } from './util.js'

const c = (name: string, entry: string, templates: Record<string, string>, expect: Case['expect'], extra: Partial<Case> = {}): Case =>
  t(name, '', expect, { ws: 'collapse', entry, ...extra, templates: { ...templates, ...(extra.templates ?? {}) } })
const m = (name: string, main: string, expect: Case['expect'], extra: Partial<Case> = {}): Case =>
  t(name, main, expect, { ws: 'collapse', ...extra })
const pyc = (s: string) => s.replace(/context\.get\('(\w+)'\)/g, "context['$1']")

const multilevel: Record<string, string> = {
  main: `
<%inherit file="layout"/>
<%def name="d()">main_d</%def>
main_body \${parent.d()}
full stack from the top:
    \${self.name} \${parent.name} \${parent.context.get('parent').name} \${parent.context.get('parent').context.get('parent').name}
`,
  layout: `
<%inherit file="general"/>
<%def name="d()">layout_d</%def>
layout_body
parent name: \${parent.name}
\${parent.d()}
\${parent.context.get('parent').d()}
\${next.body()}
`,
  general: `
<%inherit file="base"/>
<%def name="d()">general_d</%def>
general_body
\${next.d()}
\${next.context.get('next').d()}
\${next.body()}
`,
  base: `
base_body
full stack from the base:
    \${self.name} \${self.context.get('parent').name} \${self.context.get('parent').context.get('parent').name} \${self.context.get('parent').context.get('parent').context.get('parent').name}
\${next.body()}
<%def name="d()">base_d</%def>
`,
}
const pyTemplates = (ts: Record<string, string>) => ({ templates: Object.fromEntries(Object.entries(ts).map(([k, v]) => [k, pyc(v)])) })

const pageargsIndex = `
            <%inherit file="base"/>
            <%page args="x, y, z = 7"/>
            pageargs: \${x}, \${y}, \${z}
        `

export const makoInheritance: Case[] = [
  c('self, next and the body (test_basic)', 'main', {
    main: `
<%inherit file="base"/>

<%def name="header()">
    main header.
</%def>

this is the content.
`,
    base: `
This is base.

header: \${self.header()}

body: \${self.body()}

footer: \${self.footer()}

<%def name="footer()">
    this is the footer. header again \${next.header()}
</%def>
`,
  }, 'This is base. header: main header. body: this is the content. footer: this is the footer. header again main header.', { mako: true }),
  c('four levels: parent, next, names and contexts (test_multilevel_nesting)', 'main', multilevel,
    'base_body full stack from the base: self:main self:layout self:general self:base general_body layout_d main_d layout_body parent name: self:general general_d base_d main_body layout_d full stack from the top: self:main self:layout self:general self:base',
    { mako: pyTemplates(multilevel) }),
  c('an included template renders its own inheritance chain (test_includes)', 'index', {
    base: `
        <%def name="a()">base_a</%def>
        This is the base.
        \${next.body()}
        End base.
`,
    index: `
        <%inherit file="base"/>
        this is index.
        a is: \${self.a()}
        <%include file="secondary"/>
`,
    secondary: `
        <%inherit file="base"/>
        this is secondary.
        a is: \${self.a()}
`,
  }, 'This is the base. this is index. a is: base_a This is the base. this is secondary. a is: base_a End base. End base.', { mako: true }),
  c('a namespace template keeps its own inheriting self (test_namespaces)', 'index', {
    base: `
        <%def name="a()">base_a</%def>
        <%def name="b()">base_b</%def>
        This is the base.
        \${next.body()}
`,
    layout: `
        <%inherit file="base"/>
        <%def name="a()">layout_a</%def>
        This is the layout..
        \${next.body()}
`,
    index: `
        <%inherit file="base"/>
        <%namespace name="sc" file="secondary"/>
        this is index.
        a is: \${self.a()}
        sc.a is: \${sc.a()}
        sc.b is: \${sc.b()}
        sc.c is: \${sc.c()}
        sc.body is: \${sc.body()}
`,
    secondary: `
        <%inherit file="layout"/>
        <%def name="c()">secondary_c.  a is \${self.a()} b is \${self.b()} d is \${self.d()}</%def>
        <%def name="d()">secondary_d.</%def>
        this is secondary.
        a is: \${self.a()}
        c is: \${self.c()}
`,
  }, 'This is the base. this is index. a is: base_a sc.a is: layout_a sc.b is: base_b sc.c is: secondary_c. a is layout_a b is base_b d is secondary_d. sc.body is: this is secondary. a is: layout_a c is: secondary_c. a is layout_a b is base_b d is secondary_d.', { mako: true }),
  c('pageargs in the base holds the render data (test_pageargs)', 'index', {
    base: `
            this is the base.

            <%
            const sorted_ = Object.entries(pageargs).sort()
            %>
            pageargs: \${JSON.stringify(sorted_)}
            <%def name="foo()">
                \${next.body(context.kwargs)}
            </%def>

            \${foo()}
        `,
    index: `
            <%inherit file="base"/>
            <%page args="x, y, z = 7"/>
            print \${x}, \${y}, \${z}
        `,
  }, 'this is the base. pageargs: [["x",5],["y",10]] print 5, 10, 7', { data: { x: 5, y: 10 }, options: { defaultFilters: ['str'] } }),
  c('next.body with kwargs from the context, a def, and both (test_pageargs_2)', 'index', {
    base: `
            this is the base.

            \${next.body(context.kwargs)}

            <%def name="foo(kwargs)">
                \${next.body(kwargs)}
            </%def>

            <%def name="bar(otherargs)">
                \${next.body({ z: 16, ...context.kwargs })}
            </%def>

            \${foo({ x: 12, y: 15, z: 8 })}
            \${bar({ x: 19, y: 17 })}
        `,
    index: pageargsIndex,
  }, 'this is the base. pageargs: 5, 10, 7 pageargs: 12, 15, 8 pageargs: 5, 10, 16', { data: { x: 5, y: 10 },
    mako: { templates: { base: `
            this is the base.

            \${next.body(**context.kwargs)}

            <%def name="foo(**kwargs)">
                \${next.body(**kwargs)}
            </%def>

            <%def name="bar(**otherargs)">
                \${next.body(z=16, **context.kwargs)}
            </%def>

            \${foo(x=12, y=15, z=8)}
            \${bar(x=19, y=17)}
        `, index: pageargsIndex }, data: { x: 5, y: 10 } } }),
  c('next.body() without the required page args is a TypeError (test_pageargs_err)', 'index', {
    base: '\n            this is the base.\n            ${next.body()}\n        ',
    index: '\n            <%inherit file="base"/>\n            <%page args="x, y, z = 7"/>\n            print ${x}, ${y}, ${z}\n        ',
  }, err('TypeError'), { data: { x: 5, y: 10 }, mako: { templates: {
    base: '\n            this is the base.\n            ${next.body()}\n        ',
    index: '\n            <%inherit file="base"/>\n            <%page args="x, y, z=7"/>\n            print ${x}, ${y}, ${z}\n        ' }, data: { x: 5, y: 10 } } }),
  c('render, and getDef("body") without inheritance (test_toplevel)', 'index', {
    base: '\n            this is the base.\n            ${next.body()}\n        ',
    index: '\n            <%inherit file="base"/>\n            this is the body\n        ',
  }, 'this is the base. this is the body|this is the body', {
    run: (l) => { const tp = l.getTemplate('index'); return tp.render({}).replace(/\s+/g, ' ').trim() + '|' + tp.getDef('body').render().replace(/\s+/g, ' ').trim() } }),
  c('dynamic inherit from a <%! %> function, null means none (test_dynamic)', 'index', {
    base: '\n            this is the base.\n            ${next.body()}\n        ',
    index: `
            <%!
                function dyn(context) {
                    if (context.get('base', null) != null)
                        return 'base'
                    else
                        return null
                }
            %>
            <%inherit file="\${dyn(context)}"/>
            this is index.
        `,
  }, 'this is index.|this is the base. this is index.', {
    run: (l) => { const tp = l.getTemplate('index'); return tp.render({}).replace(/\s+/g, ' ').trim() + '|' + tp.render({ base: true }).replace(/\s+/g, ' ').trim() } }),
  c('<%call> of self.grid() resolves to the overriding def (test_in_call)', '/subdir/renderedtemplate.html', {
    '/layout.html': `
        Super layout!
        <%call expr="self.grid()">
            \${next.body()}
        </%call>
        Oh yea!

        <%def name="grid()">
            Parent grid
                \${caller.body()}
            End Parent
        </%def>
        `,
    '/subdir/layout.html': `
        \${next.body()}
        <%def name="grid()">
           Subdir grid
               \${caller.body()}
           End subdir
        </%def>
        <%inherit file="/layout.html"/>
        `,
    '/subdir/renderedtemplate.html': `
        Holy smokes!
        <%inherit file="/subdir/layout.html"/>
        `,
  }, 'Super layout! Subdir grid Holy smokes! End subdir Oh yea!', { mako: true }),
]

const headerBase = `
            above
            <%block name="header">
                the header
            </%block>
            \${next.body()}
            below
        `
const nestedBase = `
            above
            <%block name="header">
                base header
                <%block name="title">
                    the title
                </%block>
            </%block>
            \${next.body()}
            below
        `
const blockInBlock = 'outer above inner outer below'

// test/test_block.py
export const makoBlock: Case[] = [
  m('anonymous block inside an inline namespace is a CompileError (test_anonymous_block_namespace_raises)', `
                <%namespace name="foo">
                    <%block>
                        block
                    </%block>
                </%namespace>
            `, err('CompileError', /namespace/i), { mako: true }),
  m('anonymous block in a custom tag body (test_anonymous_block_in_call)', `
            <%self:foo x="5">
                <%block>
                    this is the block x
                </%block>
            </%self:foo>
            <%def name="foo(x)">
                foo:
                \${caller.body()}
            </%def>
        `, 'foo: this is the block x', { mako: true }),
  m('named block in a custom tag body is a CompileError (test_named_block_in_call)', `
            <%self:foo x="5">
                <%block name="y">
                    this is the block
                </%block>
            </%self:foo>
            <%def name="foo(x)">
                foo:
                \${caller.body()}
                \${caller.y()}
            </%def>
        `, err('CompileError', /Named block 'y' not allowed/), { mako: true }),
  m('two top-level blocks of one name (test_name_collision_blocks_toplevel)', `
                <%block name="x">
                    block
                </%block>
                foob
                <%block name="x">
                    block
                </%block>
            `, err('CompileError', /'x'/), { mako: true }),
  m('two named blocks of one name in an anonymous block (test_name_collision_blocks_nested_block)', `
                <%block>
                <%block name="x">
                    block
                </%block>
                foob
                <%block name="x">
                    block
                </%block>
                </%block>
            `, err('CompileError', /'x'/), { mako: true }),
  m('named blocks inside a def (test_name_collision_blocks_nested_def)', `
                <%def name="foo()">
                <%block name="x">
                    block
                </%block>
                foob
                <%block name="x">
                    block
                </%block>
                </%def>
            `, err('CompileError', /'x'/), { mako: true }),
  m('a block and a def of one name (test_name_collision_block_def_toplevel)', `
                <%block name="x">
                    block
                </%block>
                foob
                <%def name="x()">
                    block
                </%def>
            `, err('CompileError', /'x'/), { mako: true }),
  m('a def and a block of one name (test_name_collision_def_block_toplevel)', `
                <%def name="x()">
                    block
                </%def>
                foob
                <%block name="x">
                    block
                </%block>
            `, err('CompileError', /'x'/), { mako: true }),
  m('a named block renders in place (test_named_block_renders)', `
            above
            <%block name="header">
                the header
            </%block>
            below
        `, 'above the header below', { mako: true }),
  c('an overriding block does not render in the child body (test_inherited_block_no_render)', 'index', {
    index: '\n                <%inherit file="base"/>\n                <%block name="header">\n                    index header\n                </%block>\n            ',
    base: headerBase,
  }, 'above index header below', { mako: true }),
  m('named block inside a def is a CompileError (test_no_named_in_def)', `
            <%def name="q()">
                <%block name="y">
                </%block>
            </%def>
        `, err('CompileError', /Named block 'y' not allowed inside of def 'q'/), { mako: true }),
  c('nested blocks both overridden, parent.header() (test_inherited_block_nested_both)', 'index', {
    index: `
                <%inherit file="base"/>
                <%block name="title">
                    index title
                </%block>
                <%block name="header">
                    index header
                    \${parent.header()}
                </%block>
            `,
    base: nestedBase,
  }, 'above index header base header index title below', { mako: true }),
  c('only the inner nested block overridden (test_inherited_block_nested_inner_only)', 'index', {
    index: '\n                <%inherit file="base"/>\n                <%block name="title">\n                    index title\n                </%block>\n            ',
    base: nestedBase,
  }, 'above base header index title below', { mako: true }),
  c('a block the base does not have renders in the child body (test_noninherited_block_no_render)', 'index', {
    index: '\n                <%inherit file="base"/>\n                <%block name="some_thing">\n                    some thing\n                </%block>\n            ',
    base: headerBase,
  }, 'above the header some thing below', { mako: true }),
  c('a named block inside an anonymous block overrides (test_no_conflict_nested_one)', 'index', {
    index: `
                <%inherit file="base"/>
                <%block>
                    <%block name="header">
                        inner header
                    </%block>
                </%block>
            `,
    base: headerBase,
  }, 'above inner header below', { mako: true }),
  m('a block nested in a block of the same name (test_nested_dupe_names_raise)', `
                <%inherit file="base"/>
                <%block name="header">
                    <%block name="header">
                        inner header
                    </%block>
                </%block>
            `, err('CompileError', /'header'/), { mako: true }),
  c('three levels with anonymous blocks (test_two_levels_one)', 'index', {
    index: `
                <%inherit file="middle"/>
                <%block name="header">
                    index header
                </%block>
                <%block>
                    index anon
                </%block>
            `,
    middle: `
            <%inherit file="base"/>
            <%block>
                middle anon
            </%block>
            \${next.body()}
        `,
    base: headerBase,
  }, 'above index header middle anon index anon below', { mako: true }),
  m('block filter="h" (test_filter)', `
            <%block filter="h">
                <html>
            </%block>
        `, '&lt;html&gt;', { mako: true }),
  m('anonymous in named (test_anon_in_named)', `
            <%block name="x">
                outer above
                <%block>
                    inner
                </%block>
                outer below
            </%block>
        `, blockInBlock, { mako: true }),
  m('named in anonymous (test_named_in_anon)', `
            <%block>
                outer above
                <%block name="x">
                    inner
                </%block>
                outer below
            </%block>
        `, blockInBlock, { mako: true }),
  m('anonymous in anonymous (test_anon_in_anon)', `
            <%block>
                outer above
                <%block>
                    inner
                </%block>
                outer below
            </%block>
        `, blockInBlock, { mako: true }),
  m('named in named (test_named_in_named)', `
            <%block name="x">
                outer above
                <%block name="y">
                    inner
                </%block>
                outer below
            </%block>
        `, blockInBlock, { mako: true }),
  m('anonymous block in a loop sees the loop variable (test_iteration)', `
            % for i in [1, 2, 3]:
                <%block>\${i}</%block>
            % endfor
        `, '1 2 3', { mako: true }),
  m('anonymous blocks under conditions (test_conditional)', `
            % if true:
                <%block>true</%block>
            % endif
            % if false:
                <%block>false</%block>
            % endif
        `, 'true', { mako: { templates: { 'main.mako': `
            % if True:
                <%block>true</%block>
            % endif
            % if False:
                <%block>false</%block>
            % endif
        ` } } }),
  c('a block overridden by a def (test_block_overridden_by_def)', 'index', {
    index: '\n                <%inherit file="base"/>\n                <%def name="header()">\n                    inner header\n                </%def>\n            ',
    base: headerBase,
  }, 'above inner header below', { mako: true }),
  c('a def overridden by a block (test_def_overridden_by_block)', 'index', {
    index: '\n                <%inherit file="base"/>\n                <%block name="header">\n                    inner header\n                </%block>\n            ',
    base: `
            above
            \${self.header()}
            <%def name="header()">
                the header
            </%def>
            \${next.body()}
            below
        `,
  }, 'above inner header below', { mako: true }),
  c('block args from page args of an include (test_block_args)', 'caller', {
    caller: '\n            <%include file="callee" args="val1=\'3\', val2=\'4\'"/>\n        ',
    callee: '\n            <%page args="val1, val2"/>\n            <%block name="foob" args="val1, val2">\n                foob, ${val1}, ${val2}\n            </%block>\n        ',
  }, 'foob, 3, 4', { mako: true }),
  m('block reads the data (test_block_variables_contextual)', `
            <%block name="foob" >
                foob, \${val1}, \${val2}
            </%block>
        `, 'foob, 3, 4', { data: { val1: 3, val2: 4 }, mako: true }),
  m('block args and data (test_block_args_contextual)', `
            <%page args="val1"/>
            <%block name="foob" args="val1">
                foob, \${val1}, \${val2}
            </%block>
        `, 'foob, 3, 4', { data: { val1: 3, val2: 4 }, mako: true }),
  m('block reads pageargs (test_block_pageargs_contextual)', `
            <%block name="foob">
                foob, \${pageargs['val1']}, \${pageargs['val2']}
            </%block>
        `, 'foob, 3, 4', { data: { val1: 3, val2: 4 }, mako: true }),
  c('block reads the pageargs of an include (test_block_pageargs)', 'caller', {
    caller: '\n            <%include file="callee" args="val1=\'3\', val2=\'4\'"/>\n        ',
    callee: "\n            <%block name=\"foob\">\n                foob, ${pageargs['val1']}, ${pageargs['val2']}\n            </%block>\n        ",
  }, 'foob, 3, 4', { mako: true }),
]
