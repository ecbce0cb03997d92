// Port of Mako's test/test_call.py and test/test_decorators.py (sqlalchemy/mako).
// Mako's keyword arguments become positional ones; `mako` gives the Python spelling.
// Not ported: test_chained_call* (context.caller_stack is Mako-internal), SelfCacheTest
// (Mako-internal writer API).
import type { Case } from '../types.js'
import { t } from './util.js'

const c = (name: string, main: string, expect: Case['expect'], extra: Partial<Case> = {}): Case =>
  t(name, main, expect, { ws: 'collapse', ...extra })
const py = (main: string) => ({ templates: { 'main.mako': main } })

const nested4Base = `
        <%def name="A()">
        A_def
        \${caller.body()}
        </%def>

        <%def name="B()">
        B_def
        \${caller.body()}
        </%def>
        `

export const makoCall: Case[] = [
  c('caller.body with an argument (test_call)', `
        <%def name="foo()">
            hi im foo \${caller.body(5)}
        </%def>

        <%call expr="foo()" args="y, ...kwargs">
            this is the body, y is \${y}
        </%call>
`, 'hi im foo this is the body, y is 5', { mako: py(`
        <%def name="foo()">
            hi im foo \${caller.body(y=5)}
        </%def>

        <%call expr="foo()" args="y, **kwargs">
            this is the body, y is \${y}
        </%call>
`) }),
  c('caller defs and body (test_compound_call)', `

        <%def name="bar()">
            this is bar
        </%def>

        <%def name="comp1()">
            this comp1 should not be called
        </%def>

        <%def name="foo()">
            foo calling comp1: \${caller.comp1(5)}
            foo calling body: \${caller.body()}
        </%def>

        <%call expr="foo()">
            <%def name="comp1(x)">
                this is comp1, \${x}
            </%def>
            this is the body, \${comp1(6)}
        </%call>
        \${bar()}

`, 'foo calling comp1: this is comp1, 5 foo calling body: this is the body, this is comp1, 6 this is bar', { mako: py(`

        <%def name="bar()">
            this is bar
        </%def>

        <%def name="comp1()">
            this comp1 should not be called
        </%def>

        <%def name="foo()">
            foo calling comp1: \${caller.comp1(x=5)}
            foo calling body: \${caller.body()}
        </%def>

        <%call expr="foo()">
            <%def name="comp1(x)">
                this is comp1, \${x}
            </%def>
            this is the body, \${comp1(6)}
        </%call>
        \${bar()}

`) }),
  c('custom tag with multiline attributes and expressions (test_new_syntax)', `
            <%def name="foo(x, y, q, z)">
                \${x}
                \${y}
                \${q}
                \${z.map(([a, b]) => a + "->" + b).join(",")}
            </%def>

            <%self:foo x="this is x" y="\${'some ' + 'y'}" q="
                this
                is
                q"

                z="\${[
                [1, 2],
                [3, 4],
                [5, 6]
            ]

            }"/>
        `, 'this is x some y this is q 1->2,3->4,5->6', { options: { defaultFilters: ['str'] }, mako: py(`
            <%def name="foo(x, y, q, z)">
                \${x}
                \${y}
                \${q}
                \${",".join("%s->%s" % (a, b) for a, b in z)}
            </%def>

            <%self:foo x="this is x" y="\${'some ' + 'y'}" q="
                this
                is
                q"

                z="\${[
                (1, 2),
                (3, 4),
                (5, 6)
            ]

            }"/>
        `) }),
  c('<%call expr="caller.inner_func()"> inside a called def (test_ccall_caller)', `
        <%def name="outer_func()">
        OUTER BEGIN
            <%call expr="caller.inner_func()">
                INNER CALL
            </%call>
        OUTER END
        </%def>

        <%call expr="outer_func()">
            <%def name="inner_func()">
                INNER BEGIN
                \${caller.body()}
                INNER END
            </%def>
        </%call>

        `, 'OUTER BEGIN INNER BEGIN INNER CALL INNER END OUTER END', { mako: true }),
  c('buffered def call in a <%call> expression restores the caller (test_stack_pop)', `
        <%def name="links()" buffered="True">
           Some links
        </%def>

        <%def name="wrapper(links)">
           <h1>\${caller.body()}</h1>
           \${links}
        </%def>

        ## links() pushes a stack frame on.  when complete,
        ## 'nextcaller' must be restored
        <%call expr="wrapper(links())">
           Some title
        </%call>

        `, '<h1> Some title </h1> Some links', { options: { defaultFilters: ['str'] }, mako: true }),
  c('caller is set only for the def called by <%call> (test_conditional_call)', `
        <%def name="a()">
        % if caller:
        \${ caller.body() } \\
        % endif
        AAA
        \${ b() }
        </%def>

        <%def name="b()">
        % if caller:
        \${ caller.body() } \\
        % endif
        BBB
        \${ c() }
        </%def>

        <%def name="c()">
        % if caller:
        \${ caller.body() } \\
        % endif
        CCC
        </%def>

        <%call expr="a()">
        CALL
        </%call>

        `, 'CALL AAA BBB CCC', { mako: true }),
  c('nested <%call>s share the outer body arguments (test_nested_call)', `
            <%def name="foo()">
                \${caller.body(10)}
            </%def>

            x is \${x}
            <%def name="bar()">
                bar: \${caller.body()}
            </%def>

            <%call expr="foo()" args="x">
                this is foo body: \${x}

                <%call expr="bar()">
                    this is bar body: \${x}
                </%call>
            </%call>
`, 'x is 5 this is foo body: 10 bar: this is bar body: 10', { data: { x: 5 }, mako: { templates: { 'main.mako': `
            <%def name="foo()">
                \${caller.body(x=10)}
            </%def>

            x is \${x}
            <%def name="bar()">
                bar: \${caller.body()}
            </%def>

            <%call expr="foo()" args="x">
                this is foo body: \${x}

                <%call expr="bar()">
                    this is bar body: \${x}
                </%call>
            </%call>
` }, data: { x: 5 } } }),
  c('nested <%call>s with caller defs (test_nested_call_2)', `
            x is \${x}
            <%def name="foo()">
                \${caller.foosub(10)}
            </%def>

            <%def name="bar()">
                bar: \${caller.barsub()}
            </%def>

            <%call expr="foo()">
                <%def name="foosub(x)">
                this is foo body: \${x}

                <%call expr="bar()">
                    <%def name="barsub()">
                    this is bar body: \${x}
                    </%def>
                </%call>

                </%def>

            </%call>
`, 'x is 5 this is foo body: 10 bar: this is bar body: 10', { data: { x: 5 }, mako: { templates: { 'main.mako': `
            x is \${x}
            <%def name="foo()">
                \${caller.foosub(x=10)}
            </%def>

            <%def name="bar()">
                bar: \${caller.barsub()}
            </%def>

            <%call expr="foo()">
                <%def name="foosub(x)">
                this is foo body: \${x}

                <%call expr="bar()">
                    <%def name="barsub()">
                    this is bar body: \${x}
                    </%def>
                </%call>

                </%def>

            </%call>
` }, data: { x: 5 } } }),
  c('a <%call> inside a <%call> body calls a caller def (test_nested_call_3)', `\
        <%def name="A()">
          \${caller.body()}
        </%def>

        <%def name="B()">
          \${caller.foo()}
        </%def>

        <%call expr="A()">
          <%call expr="B()">
            <%def name="foo()">
              foo
            </%def>
          </%call>
        </%call>

        `, 'foo', { mako: true }),
  c('custom tags nested in a def called as a custom tag (test_nested_call_4, 1)', nested4Base + `
        <%def name="C()">
         C_def
         <%self:B>
           <%self:A>
              A_body
           </%self:A>
            B_body
           \${caller.body()}
         </%self:B>
        </%def>

        <%self:C>
        C_body
        </%self:C>
        `, 'C_def B_def A_def A_body B_body C_body', { mako: true }),
  c('custom tags nested in a def called as a custom tag (test_nested_call_4, 2)', nested4Base + `
        <%def name="C()">
         C_def
         <%self:B>
            B_body
           \${caller.body()}
           <%self:A>
              A_body
           </%self:A>
         </%self:B>
        </%def>

        <%self:C>
        C_body
        </%self:C>
        `, 'C_def B_def B_body C_body A_def A_body', { mako: true }),
  c('<%call> inside nested defs (test_call_in_nested)', `
            <%def name="a()">
                this is a \${b()}
                <%def name="b()">
                    this is b
                    <%call expr="c()">
                        this is the body in b's call
                    </%call>
                </%def>
                <%def name="c()">
                    this is c: \${caller.body()}
                </%def>
            </%def>
        \${a()}
`, "this is a this is b this is c: this is the body in b's call", { mako: true }),
  c('custom tags composed inside a def (test_composed_def)', `
            <%def name="f()"><f>\${caller.body()}</f></%def>
            <%def name="g()"><g>\${caller.body()}</g></%def>
            <%def name="fg()">
                <%self:f><%self:g>\${caller.body()}</%self:g></%self:f>
            </%def>
            <%self:fg>fgbody</%self:fg>
            `, '<f><g>fgbody</g></f>', { mako: true }),
  c('a plain function from <%! %> as a <%call> target reads caller from the context (test_regular_defs)', `
        <%!
            function a(context) {
                context.write("this is a")
                if (context.get('caller'))
                    context.get('caller').body()
                context.write("a is done")
                return ''
            }
        %>

        <%def name="b()">
            this is b
            our body: \${caller.body()}
            \${a(context)}
        </%def>
        test 1
        <%call expr="a(context)">
            this is the body
        </%call>
        test 2
        <%call expr="b()">
            this is the body
        </%call>
        test 3
        <%call expr="b()">
            this is the body
            <%call expr="b()">
                this is the nested body
            </%call>
        </%call>


        `, 'test 1 this is a this is the body a is done test 2 this is b our body: this is the body this is aa is done test 3 this is b our body: this is the body this is b our body: this is the nested body this is aa is done this is aa is done',
    { mako: py(`
        <%!
            @runtime.supports_caller
            def a(context):
                context.write("this is a")
                if context['caller']:
                    context['caller'].body()
                context.write("a is done")
                return ''
        %>

        <%def name="b()">
            this is b
            our body: \${caller.body()}
            \${a(context)}
        </%def>
        test 1
        <%call expr="a(context)">
            this is the body
        </%call>
        test 2
        <%call expr="b()">
            this is the body
        </%call>
        test 3
        <%call expr="b()">
            this is the body
            <%call expr="b()">
                this is the nested body
            </%call>
        </%call>


        `) }),
  c('caller.d() is the <%call> body def, not the enclosing ones (test_call_in_nested_2)', `
            <%def name="a()">
                <%def name="d()">
                    not this d
                </%def>
                this is a \${b()}
                <%def name="b()">
                    <%def name="d()">
                        not this d either
                    </%def>
                    this is b
                    <%call expr="c()">
                        <%def name="d()">
                            this is d
                        </%def>
                        this is the body in b's call
                    </%call>
                </%def>
                <%def name="c()">
                    this is c: \${caller.body()}
                    the embedded "d" is: \${caller.d()}
                </%def>
            </%def>
        \${a()}
`, 'this is a this is b this is c: this is the body in b\'s call the embedded "d" is: this is d', { options: { defaultFilters: ['str'] }, mako: true }),
]

// test/test_decorators.py
const capture = "import { capture } from 'vite-plugin-mako/runtime'"
export const makoDecorators: Case[] = [
  c('decorator returning captured output (test_toplevel)', `
            <%!
                ${capture}
                function bar(fn) {
                    return function decorate(context, ...args) {
                        return "BAR" + capture(context, fn, ...args) + "BAR"
                    }
                }
            %>

            <%def name="foo(y, x)" decorator="bar">
                this is foo \${y} \${x}
            </%def>

            \${foo(1, 5)}
        `, 'BAR this is foo 1 5 BAR', { mako: py(`
            <%!
                def bar(fn):
                    def decorate(context, *args, **kw):
                        return "BAR" + runtime.capture(context, fn, *args, **kw) + "BAR"
                    return decorate
            %>

            <%def name="foo(y, x)" decorator="bar">
                this is foo \${y} \${x}
            </%def>

            \${foo(1, x=5)}
        `) }),
  c('decorator writing to the context, also through getDef (test_toplevel_contextual)', `
            <%!
                function bar(fn) {
                    return function decorate(context) {
                        context.write("BAR")
                        fn()
                        context.write("BAR")
                        return ''
                    }
                }
            %>

            <%def name="foo()" decorator="bar">
                this is foo
            </%def>

            \${foo()}
        `, 'BAR this is foo BAR|BAR this is foo BAR', {
    run: (l) => { const tp = l.getTemplate('main.mako'); return tp.render({}).replace(/\s+/g, ' ').trim() + '|' + tp.getDef('foo').render() } }),
  c('decorator on a nested def (test_nested)', `
            <%!
                ${capture}
                function bat(fn) {
                    return function decorate(context) {
                        return "BAT" + capture(context, fn) + "BAT"
                    }
                }
            %>

            <%def name="foo()">

                <%def name="bar()" decorator="bat">
                    this is bar
                </%def>
                \${bar()}
            </%def>

            \${foo()}
        `, 'BAT this is bar BAT', { mako: py(`
            <%!
                def bat(fn):
                    def decorate(context):
                        return "BAT" + runtime.capture(context, fn) + "BAT"
                    return decorate
            %>

            <%def name="foo()">

                <%def name="bar()" decorator="bat">
                    this is bar
                </%def>
                \${bar()}
            </%def>

            \${foo()}
        `) }),
  c('decorated top-level def keeps its name (test_toplevel_decorated_name)', `
            <%!
                ${capture}
                function bar(fn) {
                    return function decorate(context, ...args) {
                        return "function " + fn.name + " " + capture(context, fn, ...args)
                    }
                }
            %>

            <%def name="foo(y, x)" decorator="bar">
                this is foo \${y} \${x}
            </%def>

            \${foo(1, 5)}
        `, 'function foo this is foo 1 5', { mako: py(`
            <%!
                def bar(fn):
                    def decorate(context, *args, **kw):
                        return "function " + fn.__name__ + " " + runtime.capture(context, fn, *args, **kw)
                    return decorate
            %>

            <%def name="foo(y, x)" decorator="bar">
                this is foo \${y} \${x}
            </%def>

            \${foo(1, x=5)}
        `) }),
  c('decorated nested def keeps its name (test_nested_decorated_name)', `
            <%!
                ${capture}
                function bat(fn) {
                    return function decorate(context) {
                        return "function " + fn.name + " " + capture(context, fn)
                    }
                }
            %>

            <%def name="foo()">

                <%def name="bar()" decorator="bat">
                    this is bar
                </%def>
                \${bar()}
            </%def>

            \${foo()}
        `, 'function bar this is bar', { mako: py(`
            <%!
                def bat(fn):
                    def decorate(context):
                        return "function " + fn.__name__ + " " + runtime.capture(context, fn)
                    return decorate
            %>

            <%def name="foo()">

                <%def name="bar()" decorator="bat">
                    this is bar
                </%def>
                \${bar()}
            </%def>

            \${foo()}
        `) }),
]
