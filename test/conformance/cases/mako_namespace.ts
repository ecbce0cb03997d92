// Port of Mako's test/test_namespace.py (sqlalchemy/mako), one case per test that makes
// sense with JavaScript as the embedded language. Mako compares with flatten_result /
// result_lines, so these compare with ws: 'collapse'. `mako` gives the Python spelling
// (oracle.sh renders it with Python Mako).
import type { Case } from '../types.js'
import { t, err } from './util.js'

const c = (name: string, main: string, expect: Case['expect'], extra: Partial<Case> = {}): Case =>
  t(name, main, expect, { ws: 'collapse', ...extra })

const defsHtml = `
        <%def name="def1(s)">
            def1: \${s}
        </%def>

        <%def name="def2(x)">
            def2: \${x}
        </%def>
`
const nsBar = `
            <%def name="bar()">
                this is ns.html->bar
            </%def>
        `
const nsBarCaller = `
            <%def name="bar()">
                this is ns.html->bar
                caller body: \${caller.body()}
            </%def>
        `
const baseInheritableFoo = (file: string) => `
            <%namespace name="foo" file="${file}" inheritable="True"/>

            \${next.body()}
    `
const modJs = `export function foo1(context) {
  context.write('this is foo1.')
  return ''
}
export function foo2(context, x) {
  context.write('this is foo2, x is ' + x)
  return ''
}
`
const modPy = { 'mod.mjs': modJs }

export const makoNamespace: Case[] = [
  c('inline crossreference (test_inline_crossreference)', `
            <%namespace name="x">
                <%def name="a()">
                    this is x a
                </%def>
                <%def name="b()">
                    this is x b, and heres \${a()}
                </%def>
            </%namespace>

            \${x.a()}

            \${x.b()}
    `, 'this is x a this is x b, and heres this is x a', { mako: true }),
  c('inline def assigns a local (test_inline_assignment)', `
            <%namespace name="x">
                <%def name="a()">
                    <%
                        let x = 5
                    %>
                    this is x: \${x}
                </%def>
            </%namespace>

            \${x.a()}
    `, 'this is x: 5', { mako: { templates: { 'main.mako': `
            <%namespace name="x">
                <%def name="a()">
                    <%
                        x = 5
                    %>
                    this is x: \${x}
                </%def>
            </%namespace>

            \${x.a()}
    ` } } }),
  c('inline def with arguments (test_inline_arguments)', `
            <%namespace name="x">
                <%def name="a(x, y)">
                    <%
                        const result = x * y
                    %>
                    result: \${result}
                </%def>
            </%namespace>

            \${x.a(5, 10)}
    `, 'result: 50', { mako: { templates: { 'main.mako': `
            <%namespace name="x">
                <%def name="a(x, y)">
                    <%
                        result = x * y
                    %>
                    result: \${result}
                </%def>
            </%namespace>

            \${x.a(5, 10)}
    ` } } }),
  c('inline namespace defs are not body locals (test_inline_not_duped)', `
            <%namespace name="x">
                <%def name="a()">
                    foo
                </%def>
            </%namespace>

            <%
                if (x.a === UNDEFINED) throw new Error("namespace x.a wasn't defined")
                if (a !== UNDEFINED) throw new Error("name 'a' is in the body locals")
            %>
    `, '', { mako: { templates: { 'main.mako': `
            <%namespace name="x">
                <%def name="a()">
                    foo
                </%def>
            </%namespace>

            <%
                assert x.a is not UNDEFINED, "namespace x.a wasn't defined"
                assert a is UNDEFINED, "name 'a' is in the body locals"
            %>
    ` } } }),
  c('namespace file from a ${} expression (test_dynamic)', `
        <%namespace name="b" file="\${context.get('b_def')}"/>

        a.  b: \${b.body()}
`, 'a. b: b.', { data: { b_def: 'b' }, templates: { b: '\n        b.\n' },
    mako: { templates: { 'main.mako': "\n        <%namespace name=\"b\" file=\"${context['b_def']}\"/>\n\n        a.  b: ${b.body()}\n", b: '\n        b.\n' } } }),
  c('file namespace (test_template)', `
        <%namespace name="comp" file="defs.html"/>

        this is main.  \${comp.def1("hi")}
        \${comp.def2("there")}
`, 'this is main. def1: hi def2: there', { templates: { 'defs.html': defsHtml }, mako: true }),
  c('module= namespace (test_module)', `
        <%namespace name="comp" module="@TMP@/mod.mjs"/>

        this is main.  \${comp.foo1()}
        \${comp.foo2("hi")}
`, 'this is main. this is foo1. this is foo2, x is hi', { files: modPy }),
  c('module= namespace with import="*" (test_module_imports)', `
        <%namespace import="*" module="@TMP@/mod.mjs"/>

        this is main.  \${foo1()}
        \${foo2("hi")}
`, 'this is main. this is foo1. this is foo2, x is hi', { files: modPy }),
  c('module= namespace with import="foo1, foo2" (test_module_imports_2)', `
        <%namespace import="foo1, foo2" module="@TMP@/mod.mjs"/>

        this is main.  \${foo1()}
        \${foo2("hi")}
`, 'this is main. this is foo1. this is foo2, x is hi', { files: modPy }),
  c('namespace callables see the current context (test_context)', `
        <%namespace name="comp" file="defs.html"/>

        this is main.  \${comp.def1()}
        \${comp.def2("there")}
`, 'this is main. def1: x is context x def2: x is there', { data: { x: 'context x' }, templates: { 'defs.html': `
        <%def name="def1()">
            def1: x is \${x}
        </%def>

        <%def name="def2(x)">
            def2: x is \${x}
        </%def>
` }, mako: true }),
  c('defs in a file namespace body override the file (test_overload)', `
        <%namespace name="comp" file="defs.html">
            <%def name="def1(x, y)">
                overridden def1 \${x}, \${y}
            </%def>
        </%namespace>

        this is main.  \${comp.def1("hi", "there")}
        \${comp.def2("there")}
    `, 'this is main. overridden def1 hi, there def2: there', { templates: { 'defs.html': defsHtml }, mako: true }),
  c('probing a namespace for defs (test_getattr)', `
            <%namespace name="foo" file="ns.html"/>
            <%
                 if ('lala' in foo)
                     foo.lala()
                 if (!('hoho' in foo))
                     context.write('foo has no hoho.')
            %>
         `, 'this is lala.foo has no hoho.', { templates: { 'ns.html': '\n          <%def name="lala()">this is lala.</%def>\n        ' },
    mako: { templates: { 'main.mako': `
            <%namespace name="foo" file="ns.html"/>
            <%
                 if hasattr(foo, 'lala'):
                     foo.lala()
                 if not hasattr(foo, 'hoho'):
                     context.write('foo has no hoho.')
            %>
         `, 'ns.html': '\n          <%def name="lala()">this is lala.</%def>\n        ' } } }),
  c('namespace used inside a def (test_in_def)', `
            <%namespace name="foo" file="ns.html"/>

            this is main.  \${bar()}
            <%def name="bar()">
                this is bar, foo is \${foo.bar()}
            </%def>
        `, 'this is main. this is bar, foo is this is ns.html->bar', { templates: { 'ns.html': nsBar }, mako: true }),
  c('namespace used inside a def called from another template (test_in_remote_def)', `
            <%namespace name="main" file="main.html"/>

            this is index
            \${main.bar()}
        `, 'this is index this is bar, foo is this is ns.html->bar', { templates: { 'ns.html': nsBar, 'main.html': `
            <%namespace name="foo" file="ns.html"/>

            this is main.  \${bar()}
            <%def name="bar()">
                this is bar, foo is \${foo.bar()}
            </%def>
        ` }, mako: true }),
  c('getNamespace does not pollute self (test_dont_pollute_self)', '', 'name: self:page.html name via bar: self:page.html hello world name: self:page.html name via bar: self:page.html', {
    entry: 'page.html', templates: { 'base.html': `

        <%def name="foo()">
        <%
            const foo = local.getNamespace("foo.html")
        %>
        </%def>

        name: \${self.name}
        name via bar: \${bar()}

        \${next.body()}

        name: \${self.name}
        name via bar: \${bar()}
        <%def name="bar()">
            \${self.name}
        </%def>


        `, 'page.html': `
        <%inherit file="base.html"/>

        \${self.foo()}

        hello world

        `, 'foo.html': '<%inherit file="base.html"/>' },
    mako: { templates: { 'base.html': `

        <%def name="foo()">
        <%
            foo = local.get_namespace("foo.html")
        %>
        </%def>

        name: \${self.name}
        name via bar: \${bar()}

        \${next.body()}

        name: \${self.name}
        name via bar: \${bar()}
        <%def name="bar()">
            \${self.name}
        </%def>


        `, 'page.html': `
        <%inherit file="base.html"/>

        \${self.foo()}

        hello world

        `, 'foo.html': '<%inherit file="base.html"/>' } } }),
  c('inheritable namespace of a base reached through self (test_inheritance)', '', 'this is index this is ns.html->bar', {
    entry: 'index.html', templates: { 'base.html': baseInheritableFoo('ns.html'), 'ns.html': nsBar, 'index.html': `
            <%inherit file="base.html"/>

            this is index
            \${self.foo.bar()}
        ` }, mako: true }),
  c('a namespace template that inherits: parent and self (test_inheritance_two)', '', 'lib.bar base.foo lib.foo base.bat base.bat', {
    entry: 'front.html', templates: { 'base.html': `
            <%def name="foo()">
                base.foo
            </%def>

            <%def name="bat()">
                base.bat
            </%def>
`, 'lib.html': `
            <%inherit file="base.html"/>
            <%def name="bar()">
                lib.bar
                \${parent.foo()}
                \${self.foo()}
                \${parent.bat()}
                \${self.bat()}
            </%def>

            <%def name="foo()">
                lib.foo
            </%def>

        `, 'front.html': `
            <%namespace name="lib" file="lib.html"/>
            \${lib.bar()}
        ` }, mako: true }),
  c('self.attr across inheritance, set in code and in a def (test_attr)', '', 'base foo 1 foo foo only foo base lala foo lala body base foo 1 foo foo only foo base lala foo lala', {
    entry: 'foo.html', templates: { 'foo.html': `
        <%!
            const foofoo = "foo foo"
            const onlyfoo = "only foo"
        %>
        <%inherit file="base.html"/>
        <%def name="setup()">
            <%
            self.attr.foolala = "foo lala"
            %>
        </%def>
        \${self.attr.basefoo}
        \${self.attr.foofoo}
        \${self.attr.onlyfoo}
        \${self.attr.lala}
        \${self.attr.foolala}
        `, 'base.html': `
        <%!
            const basefoo = "base foo 1"
            const foofoo = "base foo 2"
        %>
        <%
            self.attr.lala = "base lala"
        %>

        \${self.attr.basefoo}
        \${self.attr.foofoo}
        \${self.attr.onlyfoo}
        \${self.attr.lala}
        \${self.setup()}
        \${self.attr.foolala}
        body
        \${self.body()}
        ` },
    mako: { templates: { 'foo.html': `
        <%!
            foofoo = "foo foo"
            onlyfoo = "only foo"
        %>
        <%inherit file="base.html"/>
        <%def name="setup()">
            <%
            self.attr.foolala = "foo lala"
            %>
        </%def>
        \${self.attr.basefoo}
        \${self.attr.foofoo}
        \${self.attr.onlyfoo}
        \${self.attr.lala}
        \${self.attr.foolala}
        `, 'base.html': `
        <%!
            basefoo = "base foo 1"
            foofoo = "base foo 2"
        %>
        <%
            self.attr.lala = "base lala"
        %>

        \${self.attr.basefoo}
        \${self.attr.foofoo}
        \${self.attr.onlyfoo}
        \${self.attr.lala}
        \${self.setup()}
        \${self.attr.foolala}
        body
        \${self.body()}
        ` } } }),
  c('calling a def a namespace does not have is an error (test_attr_raise)', `
        <%namespace name="foo" file="foo.html"/>

        \${foo.notfoo()}
        `, err('*'), { templates: { 'foo.html': '\n            <%def name="foo()">\n            </%def>\n        ' }, mako: true }),
  c('custom tag from self with ${} attribute (test_custom_tag_1)', `

            <%def name="foo(x, y)">
                foo: \${x} \${y}
            </%def>

            <%self:foo x="5" y="\${7+8}"/>
        `, 'foo: 5 15', { mako: true }),
  c('custom tags from a file namespace, with body args (test_custom_tag_2)', '', 'foo: some x some y record: the bat! 10', {
    entry: 'index.html', templates: { 'base.html': `
            <%def name="foo(x, y)">
                foo: \${x} \${y}
            </%def>

            <%def name="bat(g)"><%
                return "the bat! " + g
            %></%def>

            <%def name="bar(x)">
                \${caller.body(x)}
            </%def>
        `, 'index.html': `
            <%namespace name="myns" file="base.html"/>

            <%myns:foo x="\${'some x'}" y="some y"/>

            <%myns:bar x="\${myns.bat(10)}" args="z">
                record: \${z}
            </%myns:bar>

        ` },
    mako: { templates: { 'base.html': `
            <%def name="foo(x, y)">
                foo: \${x} \${y}
            </%def>

            <%def name="bat(g)"><%
                return "the bat! %s" % g
            %></%def>

            <%def name="bar(x)">
                \${caller.body(z=x)}
            </%def>
        `, 'index.html': `
            <%namespace name="myns" file="base.html"/>

            <%myns:foo x="\${'some x'}" y="some y"/>

            <%myns:bar x="\${myns.bat(10)}" args="z">
                record: \${z}
            </%myns:bar>

        ` } } }),
  c('custom tag through an inheritable namespace, <%self.foo:bar> (test_custom_tag_3)', '', 'this is index this is ns.html->bar caller body: call body', {
    entry: 'index.html', templates: { 'base.html': baseInheritableFoo('ns.html'), 'ns.html': nsBarCaller, 'index.html': `
            <%inherit file="base.html"/>

            this is index
            <%self.foo:bar>
                call body
            </%self.foo:bar>
        ` }, mako: true }),
  c('custom tag names are case sensitive (test_custom_tag_case_sensitive)', `
        <%def name="renderPanel()">
            panel \${caller.body()}
        </%def>

        <%def name="renderTablePanel()">
            <%self:renderPanel>
                hi
            </%self:renderPanel>
        </%def>

        <%self:renderTablePanel/>
        `, 'panel hi', { mako: true }),
  c('string-embedded expressions in attributes are grouped (test_expr_grouping)', `
            <%def name="bar(x, y)">
                \${x}
                \${y}
            </%def>

            <%self:bar x=" \${foo} " y="x\${g && '1' || '2'}y"/>
        `, 'this is foo x2y', { data: { foo: 'this is foo', g: false },
    mako: { templates: { 'main.mako': `
            <%def name="bar(x, y)">
                \${x}
                \${y}
            </%def>

            <%self:bar x=" \${foo} " y="x\${g and '1' or '2'}y"/>
        ` }, data: { foo: 'this is foo', g: false } } }),
  c('<%call> of a def of an inheritable namespace (test_ccall)', '', 'this is index this is ns.html->bar caller body: call body', {
    entry: 'index.html', templates: { 'base.html': baseInheritableFoo('ns.html'), 'ns.html': nsBarCaller, 'index.html': `
            <%inherit file="base.html"/>

            this is index
            <%call expr="self.foo.bar()">
                call body
            </%call>
        ` }, mako: true }),
  c('<%call> nested across two namespaces (test_ccall_2)', '', 'this is index this is ns2.html->bar caller body: this is ns1.html->bar caller body: call body', {
    entry: 'index.html', templates: { 'base.html': baseInheritableFoo('ns1.html'), 'ns1.html': `
            <%namespace name="foo2" file="ns2.html"/>
            <%def name="bar()">
                <%call expr="foo2.ns2_bar()">
                this is ns1.html->bar
                caller body: \${caller.body()}
                </%call>
            </%def>
        `, 'ns2.html': `
            <%def name="ns2_bar()">
                this is ns2.html->bar
                caller body: \${caller.body()}
            </%def>
        `, 'index.html': `
            <%inherit file="base.html"/>

            this is index
            <%call expr="self.foo.bar()">
                call body
            </%call>
        ` }, mako: true }),
  c('import="*" and import="a, b", imported names win over data (test_import)', '', 'this is foo this is bar this is lala this is a this is b this is x', {
    entry: 'index.html', data: { bar: 'this is bar', x: 'this is x' }, templates: { 'functions.html': `
            <%def name="foo()">
                this is foo
            </%def>

            <%def name="bar()">
                this is bar
            </%def>

            <%def name="lala()">
                this is lala
            </%def>
        `, 'func2.html': `
            <%def name="a()">
                this is a
            </%def>
            <%def name="b()">
                this is b
            </%def>
        `, 'index.html': `
            <%namespace file="functions.html" import="*"/>
            <%namespace file="func2.html" import="a, b"/>
            \${foo()}
            \${bar()}
            \${lala()}
            \${a()}
            \${b()}
            \${x}
        ` }, mako: true }),
  c('imported def called from a function in code (test_import_calledfromdef)', '', 'im table', {
    entry: 'b', templates: { a: '\n        <%def name="table()">\n            im table\n        </%def>\n        ', b: `
        <%namespace file="a" import="table"/>

        <%
            function table2() {
                table()
                return ""
            }
        %>

        \${table2()}
        ` },
    mako: { templates: { a: '\n        <%def name="table()">\n            im table\n        </%def>\n        ', b: `
        <%namespace file="a" import="table"/>

        <%
            def table2():
                table()
                return ""
        %>

        \${table2()}
        ` } } }),
  c('imported names seen inside defs (test_closure_import)', '', 'this is foo this is bar', {
    entry: 'index.html', data: { bar: 'this is bar', x: 'this is x' }, templates: { 'functions.html': `
            <%def name="foo()">
                this is foo
            </%def>

            <%def name="bar()">
                this is bar
            </%def>
        `, 'index.html': `
            <%namespace file="functions.html" import="*"/>
            <%def name="cl1()">
                \${foo()}
            </%def>

            <%def name="cl2()">
                \${bar()}
            </%def>

            \${cl1()}
            \${cl2()}
        ` }, mako: true }),
  c('import="*" from an inline namespace (test_import_local)', `
            <%namespace import="*">
                <%def name="foo()">
                    this is foo
                </%def>
            </%namespace>

            \${foo()}

        `, 'this is foo', { mako: true }),
  c('<%call> of an imported def with caller defs (test_ccall_import)', '', 'this is bar. this is index embedded foo is this is foo this is lala this is foo', {
    entry: 'index.html', templates: { 'functions.html': `
            <%def name="foo()">
                this is foo
            </%def>

            <%def name="bar()">
                this is bar.
                \${caller.body()}
                \${caller.lala()}
            </%def>
        `, 'index.html': `
            <%namespace name="func" file="functions.html" import="*"/>
            <%call expr="bar()">
                this is index embedded
                foo is \${foo()}
                <%def name="lala()">
                     this is lala \${foo()}
                </%def>
            </%call>
        ` }, mako: true }),
  c('missing namespace file is TemplateLookupException naming the uri (test_nonexistent_namespace_uri)', `
            <%namespace name="defs" file="eefs.html"/>

            this is main.  \${defs.def1("hi")}
            \${defs.def2("there")}
`, err('TemplateLookupException', /eefs\.html/), { templates: { 'defs.html': defsHtml }, mako: true }),
]
