// Port of Mako's test/test_def.py (sqlalchemy/mako): defs, scoping rules, nested defs.
// Python's UnboundLocalError is JavaScript's ReferenceError (SPEC 11); `x = 5` in a
// Python block is `let x = 5` here (or a plain assignment to a name declared earlier).
// Not ported: test_def_py3k_args_quirk (bare `*`), code-object introspection,
// ExceptionTest (format_exceptions/error_handler have no counterpart in SPEC).
import type { Case } from '../types.js'
import { t, err } from './util.js'

const c = (name: string, main: string, expect: Case['expect'], extra: Partial<Case> = {}): Case =>
  t(name, main, expect, { ws: 'collapse', ...extra })
const py = (main: string, more: Record<string, unknown> = {}) => ({ templates: { 'main.mako': main }, ...more })

const toplevel = `

            this is the body

            <%def name="a()">
                this is a
            </%def>

            <%def name="b(x, y)">
                this is b, \${x} \${y}
            </%def>

        `
const collapse = (s: unknown) => String(s).replace(/\s+/g, ' ').trim()

export const makoDef: Case[] = [
  c('def called before its definition (test_def_noargs)', `

        \${mycomp()}

        <%def name="mycomp()">
            hello mycomp \${variable}
        </%def>

        `, 'hello mycomp hi', { data: { variable: 'hi' }, mako: true }),
  c('def with blank args (test_def_blankargs)', `
        <%def name="mycomp()">
            hello mycomp \${variable}
        </%def>

        \${mycomp()}`, 'hello mycomp hi', { data: { variable: 'hi' }, mako: true }),
  c('def arguments shadow the data (test_def_args)', `
        <%def name="mycomp(a, b)">
            hello mycomp \${variable}, \${a}, \${b}
        </%def>

        \${mycomp(5, 6)}`, 'hello mycomp hi, 5, 6', { data: { variable: 'hi', a: 5, b: 6 }, mako: true }),
  c('def with rest and default parameters (test_def_py3k_args)', `
        <%def name="kwonly(one, two, three, four, five = 5, six = {})">
            look at all these args: \${one} \${two} \${three[0]} \${four} \${five} \${six['seven']}
        </%def>

        \${kwonly('one', 'two', ['three'], 'four', undefined, { seven: 'seven' })}`, 'look at all these args: one two three four 5 seven',
    { data: { one: 1, two: 2, three: [3], six: 6 }, mako: py(`
        <%def name="kwonly(one, two, *three, four, five=5, **six)">
            look at all these args: \${one} \${two} \${three[0]} \${four} \${five} \${six['seven']}
        </%def>

        \${kwonly('one', 'two', 'three', four='four', seven='seven')}`, { data: { one: 1, two: 2, three: [3], six: 6 } }) }),
  c('defs calling each other (test_inter_def)', `
        \${b()}

        <%def name="a()">\\
        im a
        </%def>

        <%def name="b()">
        im b
        and heres a:  \${a()}
        </%def>

        <%def name="c()">
        im c
        </%def>
`, 'im b and heres a: im a', { mako: true }),
  c('getDef renders top-level defs and the body (test_toplevel)', toplevel, 'this is a|this is b, 10 15|this is the body|this is a', {
    run: (l) => { const tp = l.getTemplate('main.mako'); return [tp.getDef('a').render(), tp.getDef('b').render(10, 15), tp.getDef('body').render(), tp.getDef('a').render()].map(collapse).join('|') } }),
  c('getDef of a missing def throws; hasDef (test_def_operations)', toplevel, 'true true false threw', {
    run: (l) => {
      const tp = l.getTemplate('main.mako')
      let threw = 'no throw'
      try { tp.getDef('c') } catch { threw = 'threw' }
      return [tp.hasDef('a'), tp.hasDef('b'), tp.hasDef('c'), threw].join(' ')
    } }),

  // ScopeTest: enclosing scope takes precedence over the context
  c('a def sees a body variable assigned before the call (test_scope_one)', `
        <%def name="a()">
            this is a, and y is \${y}
        </%def>

        \${a()}

        <%
            y = 7
        %>

        \${a()}

`, 'this is a, and y is this is a, and y is 7', { data: { y: null },
    mako: py(`
        <%def name="a()">
            this is a, and y is \${y}
        </%def>

        \${a()}

        <%
            y = 7
        %>

        \${a()}

`, { data: { y: '' } }) }),
  c('reading a name before the body assigns it is an error (test_scope_two)', `
        y is \${y}

        <%
            let y = 7
        %>

        y is \${y}
`, err('ReferenceError'), { data: { y: null }, mako: py(`
        y is \${y}

        <%
            y = 7
        %>

        y is \${y}
`, { data: { y: null } }) }),
  c('enclosing scope before the context (test_scope_four)', `
            <%
                let x = 5
            %>
            <%def name="a()">
                this is a. x is \${x}.
            </%def>

            <%def name="b()">
                <%
                    let x = 9
                %>
                this is b. x is \${x}.
                calling a. \${a()}
            </%def>

            \${b()}
`, 'this is b. x is 9. calling a. this is a. x is 5.', { mako: py(`
            <%
                x = 5
            %>
            <%def name="a()">
                this is a. x is \${x}.
            </%def>

            <%def name="b()">
                <%
                    x = 9
                %>
                this is b. x is \${x}.
                calling a. \${a()}
            </%def>

            \${b()}
`) }),
  c('enclosing scope inside an enclosing def (test_scope_five)', `
            <%def name="enclosing()">
            <%
                let x = 5
            %>
            <%def name="a()">
                this is a. x is \${x}.
            </%def>

            <%def name="b()">
                <%
                    let x = 9
                %>
                this is b. x is \${x}.
                calling a. \${a()}
            </%def>

            \${b()}
            </%def>
            \${enclosing()}
`, 'this is b. x is 9. calling a. this is a. x is 5.', { mako: py(`
            <%def name="enclosing()">
            <%
                x = 5
            %>
            <%def name="a()">
                this is a. x is \${x}.
            </%def>

            <%def name="b()">
                <%
                    x = 9
                %>
                this is b. x is \${x}.
                calling a. \${a()}
            </%def>

            \${b()}
            </%def>
            \${enclosing()}
`) }),
  c('the initial context is the enclosing scope of plain defs (test_scope_six)', `

        <%def name="a()">
            a: x is \${x}
        </%def>

        <%def name="b()">
            <%
                let x = 10
            %>
            b. x is \${x}.  \${a()}
        </%def>

        \${b()}
    `, 'b. x is 10. a: x is 5', { data: { x: 5 }, mako: py(`

        <%def name="a()">
            a: x is \${x}
        </%def>

        <%def name="b()">
            <%
                x = 10
            %>
            b. x is \${x}.  \${a()}
        </%def>

        \${b()}
    `, { data: { x: 5 } }) }),
  c('the initial context is the enclosing scope of nested defs (test_scope_seven)', `
        <%def name="enclosing()">
            <%def name="a()">
                a: x is \${x}
            </%def>

            <%def name="b()">
                <%
                    let x = 10
                %>
                b. x is \${x}.  \${a()}
            </%def>

            \${b()}
        </%def>
        \${enclosing()}
    `, 'b. x is 10. a: x is 5', { data: { x: 5 }, mako: py(`
        <%def name="enclosing()">
            <%def name="a()">
                a: x is \${x}
            </%def>

            <%def name="b()">
                <%
                    x = 10
                %>
                b. x is \${x}.  \${a()}
            </%def>

            \${b()}
        </%def>
        \${enclosing()}
    `, { data: { x: 5 } }) }),
  c('enclosing scope is not exported to included templates (test_scope_nine)', '', 'this is main. this is secondary. x is 2', {
    entry: 'main', data: { x: 2 }, templates: { main: `
        <%
            let x = 5
        %>
        this is main.  <%include file="secondary"/>
`, secondary: '\n        this is secondary.  x is ${x}\n' },
    mako: { templates: { main: `
        <%
            x = 5
        %>
        this is main.  <%include file="secondary"/>
`, secondary: '\n        this is secondary.  x is ${x}\n' }, data: { x: 2 } } }),
  c('nested defs see the enclosing def variable at call time (test_scope_ten)', `
            <%def name="a()">
                <%def name="b()">
                    <%
                        let y = 19
                    %>
                    b/c: \${c()}
                    b/y: \${y}
                </%def>
                <%def name="c()">
                    c/y: \${y}
                </%def>

                <%
                    // we assign to "y".  but the 'enclosing
                    // scope' of "b" and "c" is from
                    // the "y" on the outside
                    let y = 10
                %>
                a/y: \${y}
                a/b: \${b()}
            </%def>

            <%
                let y = 7
            %>
            main/a: \${a()}
            main/y: \${y}
    `, 'main/a: a/y: 10 a/b: b/c: c/y: 10 b/y: 19 main/y: 7', { mako: py(`
            <%def name="a()">
                <%def name="b()">
                    <%
                        y = 19
                    %>
                    b/c: \${c()}
                    b/y: \${y}
                </%def>
                <%def name="c()">
                    c/y: \${y}
                </%def>

                <%
                    # we assign to "y".  but the 'enclosing
                    # scope' of "b" and "c" is from
                    # the "y" on the outside
                    y = 10
                %>
                a/y: \${y}
                a/b: \${b()}
            </%def>

            <%
                y = 7
            %>
            main/a: \${a()}
            main/y: \${y}
    `) }),
  c('a nested def sees the enclosing def parameter (test_scope_eleven)', `
            x is \${x}
            <%def name="a(x)">
                this is a, \${b()}
                <%def name="b()">
                    this is b, x is \${x}
                </%def>
            </%def>

            \${a(5)}
`, 'x is 10 this is a, this is b, x is 5', { data: { x: 10 }, mako: py(`
            x is \${x}
            <%def name="a(x)">
                this is a, \${b()}
                <%def name="b()">
                    this is b, x is \${x}
                </%def>
            </%def>

            \${a(x=5)}
`, { data: { x: 10 } }) }),
  c('a def reading a name it assigns later is an error (test_unbound_scope)', `
            <%
                let y = 10
            %>
            <%def name="a()">
                y is: \${y}
                <%
                    // should raise error ?
                    let y = 15
                %>
                y is \${y}
            </%def>
            \${a()}
`, err('ReferenceError'), { mako: py(`
            <%
                y = 10
            %>
            <%def name="a()">
                y is: \${y}
                <%
                    # should raise error ?
                    y = 15
                %>
                y is \${y}
            </%def>
            \${a()}
`) }),
  c('same, inside an enclosing def (test_unbound_scope_two)', `
            <%def name="enclosing()">
            <%
                let y = 10
            %>
            <%def name="a()">
                y is: \${y}
                <%
                    // should raise error ?
                    let y = 15
                %>
                y is \${y}
            </%def>
            \${a()}
            </%def>
            \${enclosing()}
`, err('ReferenceError'), { mako: py(`
            <%def name="enclosing()">
            <%
                y = 10
            %>
            <%def name="a()">
                y is: \${y}
                <%
                    # should raise error ?
                    y = 15
                %>
                y is \${y}
            </%def>
            \${a()}
            </%def>
            \${enclosing()}
`) }),
  c('page args passed to body() are seen by top-level defs, via inheritance (test_canget_kwargs)', '', 'this is main. x is 12 this is a, x is 12', {
    entry: 'main', templates: { base: '\n\n        ${next.body({ x: 12 })}\n\n        ', main: `
            <%inherit file="base"/>
            <%page args="x"/>
            this is main.  x is \${x}

            \${a()}

            <%def name="a(...args)">
                this is a, x is \${x}
            </%def>
        ` },
    mako: { templates: { base: '\n\n        ${next.body(x=12)}\n\n        ', main: `
            <%inherit file="base"/>
            <%page args="x"/>
            this is main.  x is \${x}

            \${a()}

            <%def name="a(**args)">
                this is a, x is \${x}
            </%def>
        ` } } }),
  c('page args passed to body() are seen by top-level defs, via a namespace (test_canget_kwargs)', '', 'this is main. x is 15 this is a, x is 15', {
    entry: 'another', templates: { base: '\n\n        ${next.body({ x: 12 })}\n\n        ', main: `
            <%inherit file="base"/>
            <%page args="x"/>
            this is main.  x is \${x}

            \${a()}

            <%def name="a(...args)">
                this is a, x is \${x}
            </%def>
        `, another: '\n            <%namespace name="ns" file="main"/>\n\n            ${ns.body({ x: 15 })}\n        ' },
    mako: { templates: { base: '\n\n        ${next.body(x=12)}\n\n        ', main: `
            <%inherit file="base"/>
            <%page args="x"/>
            this is main.  x is \${x}

            \${a()}

            <%def name="a(**args)">
                this is a, x is \${x}
            </%def>
        `, another: '\n            <%namespace name="ns" file="main"/>\n\n            ${ns.body(x=15)}\n        ' } } }),
  c('cache_key="${foo}" reads the def argument under strictUndefined (test_inline_expression_from_arg_one)', `
        <%def name="layout(foo)" cached="True" cache_key="\${foo}">
        foo: \${foo}
        </%def>

        \${layout(3)}
        `, 'foo: 3', { options: { strictUndefined: true } }),
  c('cache_key="${foo}" reads the argument, not the data (test_interpret_expression_from_arg_two)', `
        <%def name="layout(foo)" cached="True" cache_key="\${foo}">
        foo: \${value}
        </%def>

        \${layout(3)}
        `, 'foo: 1|foo: 1', { run: (l) => { const tp = l.getTemplate('main.mako'); return collapse(tp.render({ foo: 'foo', value: 1 })) + '|' + collapse(tp.render({ foo: 'bar', value: 2 })) } }),

  // NestedDefTest
  c('nested defs (test_nested_def)', `

        \${hi()}

        <%def name="hi()">
            hey, im hi.
            and heres \${foo()}, \${bar()}

            <%def name="foo()">
                this is foo
            </%def>

            <%def name="bar()">
                this is bar
            </%def>
        </%def>
`, 'hey, im hi. and heres this is foo , this is bar', { mako: true }),
  c('nested def reads the data (test_nested_2)', `
            x is \${x}
            <%def name="a()">
                this is a, x is \${x}
                \${b()}
                <%def name="b()">
                    this is b: \${x}
                </%def>
            </%def>
            \${a()}
`, 'x is 10 this is a, x is 10 this is b: 10', { data: { x: 10 }, mako: true }),
  c('nested def with a default argument (test_nested_with_args)', `
        \${a()}
        <%def name="a()">
            <%def name="b(x, y = 2)">
                b x is \${x} y is \${y}
            </%def>
            a \${b(5)}
        </%def>
`, 'a b x is 5 y is 2', { mako: true }),
  c('three levels of nested defs (test_nested_def_2)', `
        \${a()}
        <%def name="a()">
            <%def name="b()">
                <%def name="c()">
                    comp c
                </%def>
                \${c()}
            </%def>
            \${b()}
        </%def>
`, 'comp c', { mako: true }),
  c('nested nested defs with shadowing (test_nested_nested_def)', `

        \${a()}
        <%def name="a()">
            a
            <%def name="b1()">
                a_b1
            </%def>
            <%def name="b2()">
                a_b2 \${c1()}
                <%def name="c1()">
                    a_b2_c1
                </%def>
            </%def>
            <%def name="b3()">
                a_b3 \${c1()}
                <%def name="c1()">
                    a_b3_c1 heres x: \${x}
                    <%
                        let y = 7
                    %>
                    y is \${y}
                </%def>
                <%def name="c2()">
                    a_b3_c2
                    y is \${y}
                    c1 is \${c1()}
                </%def>
                \${c2()}
            </%def>

            \${b1()} \${b2()}  \${b3()}
        </%def>
`, 'a a_b1 a_b2 a_b2_c1 a_b3 a_b3_c1 heres x: 5 y is 7 a_b3_c2 y is None c1 is a_b3_c1 heres x: 5 y is 7', { data: { x: 5, y: 'None' }, mako: py(`

        \${a()}
        <%def name="a()">
            a
            <%def name="b1()">
                a_b1
            </%def>
            <%def name="b2()">
                a_b2 \${c1()}
                <%def name="c1()">
                    a_b2_c1
                </%def>
            </%def>
            <%def name="b3()">
                a_b3 \${c1()}
                <%def name="c1()">
                    a_b3_c1 heres x: \${x}
                    <%
                        y = 7
                    %>
                    y is \${y}
                </%def>
                <%def name="c2()">
                    a_b3_c2
                    y is \${y}
                    c1 is \${c1()}
                </%def>
                \${c2()}
            </%def>

            \${b1()} \${b2()}  \${b3()}
        </%def>
`, { data: { x: 5, y: None() } }) }),
  c('nested defs calling siblings (test_nested_nested_def_2)', `
        <%def name="a()">
            this is a \${b()}
            <%def name="b()">
                this is b
                \${c()}
            </%def>

            <%def name="c()">
                this is c
            </%def>
        </%def>
        \${a()}
`, 'this is a this is b this is c', { mako: true }),
  c('a top-level def called from a nested def sees the data, not the caller locals (test_outer_scope)', `
        <%def name="a()">
            a: x is \${x}
        </%def>

        <%def name="b()">
            <%def name="c()">
            <%
                let x = 10
            %>
            c. x is \${x}.  \${a()}
            </%def>

            b. \${c()}
        </%def>

        \${b()}

        x is \${x}
`, 'b. c. x is 10. a: x is 5 x is 5', { data: { x: 5 }, mako: py(`
        <%def name="a()">
            a: x is \${x}
        </%def>

        <%def name="b()">
            <%def name="c()">
            <%
                x = 10
            %>
            c. x is \${x}.  \${a()}
            </%def>

            b. \${c()}
        </%def>

        \${b()}

        x is \${x}
`, { data: { x: 5 } }) }),
]

/** Python's None in the data of an oracle spelling: the string 'None' renders the same. */
function None(): string {
  return 'None'
}
