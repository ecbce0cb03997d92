// <%inherit>: self/parent/next/local, blocks overridden down the chain (inheritance.rst).
import type { Case } from '../types.js'
import { t, err } from './util.js'

const base1 = `## base.html
<html>
    <body>
        <div class="header">
            <%block name="header"/>
        </div>

        \${self.body()}

        <div class="footer">
            <%block name="footer">
                this is the footer
            </%block>
        </div>
    </body>
</html>
`
const index1 = `## index.html
<%inherit file="base.mako"/>

<%block name="header">
    this is some header content
</%block>

this is the body content.
`
const baseNested = `<html>
    <body>
        <div class="header">
            <%block name="header">
                <h2>
                    <%block name="title"/>
                </h2>
            </%block>
        </div>

        \${self.body()}

        <div class="footer">
            <%block name="footer">
                this is the footer
            </%block>
        </div>
    </body>
</html>
`
const indexNested = `<%inherit file="base.mako"/>

<%block name="header">
    this is some header content
    \${parent.header()}
</%block>

<%block name="title">
    this is the title
</%block>

this is the body content.
`
const baseTwice = `<html>
    <head>
        <title>\${self.title()}</title>
    </head>
    <body>
    <%block name="header">
        <h2><%block name="title"/></h2>
    </%block>
    \${self.body()}
    </body>
</html>
`
const indexDefs = `<%inherit file="base.mako"/>

<%def name="header()">
    this is some header content
</%def>

this is the body content.
`
const baseDefs = `<html>
    <body>
        <div class="header">
            \${self.header()}
        </div>

        \${self.body()}

        <div class="footer">
            \${self.footer()}
        </div>
    </body>
</html>

<%def name="header()"/>
<%def name="footer()">
    this is the footer
</%def>
`
const baseNext = `<html>
    <body>
        <div class="header">
            <%block name="header"/>
        </div>

        \${next.body()}

        <div class="footer">
            <%block name="footer">
                this is the footer
            </%block>
        </div>
    </body>
</html>
`
const layoutNext = `<%inherit file="base.mako"/>
<ul>
    <%block name="toolbar">
        <li>selection 1</li>
        <li>selection 2</li>
        <li>selection 3</li>
    </%block>
</ul>
<div class="mainlayout">
    \${next.body()}
</div>
`
const indexNext = `<%inherit file="layout.mako"/>

<%block name="header">
    this is some header content
</%block>

this is the body content.
`
const indexParent = `<%inherit file="layout.mako"/>

<%block name="header">
    this is some header content
</%block>

<%block name="toolbar">
    ## call the parent's toolbar first
    \${parent.toolbar()}
    <li>selection 4</li>
    <li>selection 5</li>
</%block>

this is the body content.
`
const attrParentJs = `<%!
    const class_ = "grey"
%>

<div class="\${self.attr.class_}">
    \${self.body()}
</div>
`
const attrChildJs = `<%!
    const class_ = "white"
%>
<%inherit file="parent.mako"/>

This is the body
`

export const inheritance: Case[] = [
  t('basic inheritance with blocks (inheritance.rst)', index1, "<html>\n    <body>\n        <div class=\"header\">\n            \n    this is some header content\n\n        </div>\n\n        \n\n\n\nthis is the body content.\n\n\n        <div class=\"footer\">\n            \n                this is the footer\n            \n        </div>\n    </body>\n</html>\n", { templates: { 'base.mako': base1 }, mako: true }),
  t('nested blocks, parent.header() (inheritance.rst)', indexNested, "<html>\n    <body>\n        <div class=\"header\">\n            \n    this is some header content\n    \n                <h2>\n                    \n    this is the title\n\n                </h2>\n            \n\n        </div>\n\n        \n\n\n\n\n\nthis is the body content.\n\n\n        <div class=\"footer\">\n            \n                this is the footer\n            \n        </div>\n    </body>\n</html>\n", { templates: { 'base.mako': baseNested }, mako: true }),
  t('a named block rendered twice (inheritance.rst)', '<%inherit file="base.mako"/>\n<%block name="title">My Title</%block>\nbody\n', "<html>\n    <head>\n        <title>My Title</title>\n    </head>\n    <body>\n    \n        <h2>My Title</h2>\n    \n    \n\nbody\n\n    </body>\n</html>\n", { templates: { 'base.mako': baseTwice }, mako: true }),
  t('defs instead of blocks (inheritance.rst)', indexDefs, "<html>\n    <body>\n        <div class=\"header\">\n            \n    this is some header content\n\n        </div>\n\n        \n\n\n\nthis is the body content.\n\n\n        <div class=\"footer\">\n            \n    this is the footer\n\n        </div>\n    </body>\n</html>\n\n\n\n", { templates: { 'base.mako': baseDefs }, mako: true }),
  t('next.body() through three levels (inheritance.rst)', indexNext, "<html>\n    <body>\n        <div class=\"header\">\n            \n    this is some header content\n\n        </div>\n\n        \n<ul>\n    \n        <li>selection 1</li>\n        <li>selection 2</li>\n        <li>selection 3</li>\n    \n</ul>\n<div class=\"mainlayout\">\n    \n\n\n\nthis is the body content.\n\n</div>\n\n\n        <div class=\"footer\">\n            \n                this is the footer\n            \n        </div>\n    </body>\n</html>\n", { templates: { 'base.mako': baseNext, 'layout.mako': layoutNext }, mako: true }),
  t('parent.toolbar() augments the parent block (inheritance.rst)', indexParent, "<html>\n    <body>\n        <div class=\"header\">\n            \n    this is some header content\n\n        </div>\n\n        \n<ul>\n    \n    \n        <li>selection 1</li>\n        <li>selection 2</li>\n        <li>selection 3</li>\n    \n    <li>selection 4</li>\n    <li>selection 5</li>\n\n</ul>\n<div class=\"mainlayout\">\n    \n\n\n\n\n\nthis is the body content.\n\n</div>\n\n\n        <div class=\"footer\">\n            \n                this is the footer\n            \n        </div>\n    </body>\n</html>\n", { templates: { 'base.mako': baseNext, 'layout.mako': layoutNext }, mako: true }),
  t('include inside inheritance does not take part in it (inheritance.rst)', '<%inherit file="parent.mako" />\n<%block name="header">\n    Custom Header\n</%block>\n', "\n    Global Header\n\n\n",
    { templates: { 'partials.mako': '<%block name="header">\n    Global Header\n</%block>\n', 'parent.mako': '<%include file="partials.mako" />\n' }, mako: true }),
  t('namespace instead of include (inheritance.rst)', '<%inherit file="parent.mako" />\n<%block name="header">\n    Custom Header\n</%block>\n', "\n\n    Custom Header\n\n",
    { templates: { 'partials.mako': '<%block name="header">\n    Global Header\n</%block>\n', 'parent.mako': '<%namespace name="partials" file="partials.mako"/>\n<%block name="header">\n    ${partials.header()}\n</%block>\n' }, mako: true }),
  t('an included template renders its own blocks (inheritance.rst SectionA)', '<%inherit file="base.mako" />\n<%include file="child.mako" />\n', "\n\n    child.mako\n\n\n\n\n    base.mako\n\n",
    { templates: { 'base.mako': '${self.body()}\n<%block name="SectionA">\n    base.mako\n</%block>\n', 'child.mako': '<%block name="SectionA">\n    child.mako\n</%block>\n' }, mako: true }),
  t('calling another template block through a namespace (inheritance.rst SectionA)', '<%inherit file="base.mako" />\n<%namespace name="child" file="child.mako" />\n\n<%block name="SectionA">\n    ${child.SectionA()}\n</%block>\n', "\n\n\n\n\n\n    \n    child.mako\n\n\n",
    { templates: { 'base.mako': '${self.body()}\n<%block name="SectionA">\n    base.mako\n</%block>\n', 'child.mako': '<%block name="SectionA">\n    child.mako\n</%block>\n' }, mako: true }),
  t('inheritable attributes through self.attr (inheritance.rst)', attrChildJs, '\n\n<div class="white">\n    \n\n\nThis is the body\n\n</div>\n',
    { templates: { 'parent.mako': attrParentJs }, mako: { templates: { 'main.mako': attrChildJs.replace('const ', ''), 'parent.mako': attrParentJs.replace('const ', '') } } }),
  t('self.attr falls back to the parent', '<%inherit file="base.mako"/>', 'base-only', { templates: { 'base.mako': '<%! const x = "base-only" %>${self.attr.x}' } }),
  t('local.attr in the base is the base value', '<%! const c = "child" %><%inherit file="base.mako"/>', 'base/child', { templates: { 'base.mako': '<%! const c = "base" %>${local.attr.c}/${self.attr.c}' }, mako: { templates: { 'main.mako': '<%! c = "child" %><%inherit file="base.mako"/>', 'base.mako': '<%! c = "base" %>${local.attr.c}/${self.attr.c}' } } }),
  t('dynamic inherit with ${}', '<%inherit file="${context.get(\'layout\')}"/>body', '[B2:body]', { data: { layout: 'b2.mako' }, templates: { 'b1.mako': '[B1:${next.body()}]', 'b2.mako': '[B2:${next.body()}]' }, mako: { templates: { 'main.mako': '<%inherit file="${context[\'layout\']}"/>body', 'b2.mako': '[B2:${next.body()}]' } } }),
  t('dynamic inherit giving null means no inheritance (SPEC 11)', '<%inherit file="${context.get(\'layout\')}"/>body', 'body', { data: { layout: null } }),
  t('render data visible in base and child', '<%inherit file="base.mako"/>child:${v}', 'base:V|child:V', { data: { v: 'V' }, templates: { 'base.mako': 'base:${v}|${next.body()}' }, mako: true }),
  t('child-only block renders in the child body', '<%inherit file="base.mako"/><%block name="extra">E</%block>', '[E]', { templates: { 'base.mako': '[${next.body()}]' }, mako: true }),
  t('block overridden through three levels with parent chaining', '<%inherit file="layout.mako"/><%block name="b">I(${parent.b()})</%block>', 'I(L(B))',
    { templates: { 'base.mako': '<%block name="b">B</%block>', 'layout.mako': '<%inherit file="base.mako"/><%block name="b">L(${parent.b()})</%block>' }, mako: true }),
  t('self calls the topmost def from the base', '<%inherit file="base.mako"/><%def name="who()">child</%def>', 'child', { templates: { 'base.mako': '${self.who()}<%def name="who()">base</%def>' }, mako: true }),
  t('local calls the base own def', '<%inherit file="base.mako"/><%def name="who()">child</%def>', 'base', { templates: { 'base.mako': '${local.who()}<%def name="who()">base</%def>' }, mako: true }),
  t('parent.defname() from an overriding def', '<%inherit file="base.mako"/><%def name="who()">child+${parent.who()}</%def>', 'child+base', { templates: { 'base.mako': '${self.who()}<%def name="who()">base</%def>' }, mako: true }),
  t('base def not overridden is used through self', '<%inherit file="base.mako"/>', 'foot', { templates: { 'base.mako': '${self.footer()}<%def name="footer()">foot</%def>' }, mako: true }),
  t('a def of the base called from the child body via self', '<%inherit file="base.mako"/>${self.helper()}', '[h]', { templates: { 'base.mako': '[${next.body()}]<%def name="helper()">h</%def>' }, mako: true }),
  t('self.body() in a 3-level chain is the topmost body only', '<%inherit file="layout.mako"/>top', '<top>', { templates: { 'base.mako': '<${self.body()}>', 'layout.mako': '<%inherit file="base.mako"/>layout(${next.body()})' }, mako: true }),
  t('body rendered twice', '<%inherit file="base.mako"/>b', 'b|b', { templates: { 'base.mako': '${next.body()}|${next.body()}' }, mako: true }),
  t('base that never calls body', '<%inherit file="base.mako"/>never', 'only base', { templates: { 'base.mako': 'only base' }, mako: true }),
  t('next.body() with page arguments', '<%inherit file="base.mako"/><%page args="x = 0"/>x=${x}', 'x=5', { templates: { 'base.mako': '${next.body({ x: 5 })}' } }),
  t('next.body() without arguments takes page arg defaults', '<%inherit file="base.mako"/><%page args="x = 7"/>x=${x}', 'x=7', { templates: { 'base.mako': '${next.body()}' }, mako: true }),
  t('next.body(context.kwargs) (namespaces.rst)', '<%inherit file="base.mako"/><%page args="a"/>a=${a}', 'a=A', { data: { a: 'A' }, templates: { 'base.mako': '${next.body(context.kwargs)}' } }),
  t('block args receive the page arguments in a child', '<%inherit file="base.mako"/><%block name="content" args="post">[${post}]</%block>', '<[P]>', { data: { post: 'P' }, templates: { 'base.mako': '<<%block name="content"/>>' }, mako: true }),
  t('self.name is self:<uri> of the topmost template (SPEC 11)', '<%inherit file="base.mako"/>', 'self:main.mako|self:main.mako', { templates: { 'base.mako': '${self.name}|${next.name}' } }),
  t('parent.name in the child', '<%inherit file="base.mako"/>${parent.name}', 'self:base.mako', { templates: { 'base.mako': '${next.body()}' } }),
  t('local.uri and self.uri in the base', '<%inherit file="base.mako"/>', 'base.mako/main.mako', { templates: { 'base.mako': '${local.uri}/${self.uri}' }, mako: true }),
  t('inheritable namespace via self (namespaces.rst)', '<%inherit file="base.mako"/>\n${self.foo.bar()}', '\nBAR', {
    templates: { 'base.mako': '<%namespace name="foo" file="foo.mako" inheritable="True"/>${next.body()}', 'foo.mako': '<%def name="bar()">BAR</%def>' }, mako: true }),
  t('block of the base overridden only at the nested level', '<%inherit file="base.mako"/><%block name="title">T</%block>', '<h>[T]</h>', { templates: { 'base.mako': '<h><%block name="header">[<%block name="title">dflt</%block>]</%block></h>' }, mako: true }),
  t('getDef("body") renders the child body alone (SPEC 11)', '<%inherit file="base.mako"/>child body', 'child body', { templates: { 'base.mako': 'BASE ${next.body()}' }, run: (l) => l.getTemplate('main.mako').getDef('body').render() }),
  t('missing base template is TemplateLookupException naming it', '<%inherit file="nope.mako"/>x', err('TemplateLookupException', /nope\.mako/), { mako: true }),
  t('inheritance cycle is reported, not a stack overflow', '<%inherit file="a.mako"/>m', err('*', /cycl|circular|recurs/i), { templates: { 'a.mako': '<%inherit file="main.mako"/>${next.body()}' } }),
  t('dynamic inherit from an expression without context', '<%inherit file="${\'b\' + \'2.mako\'}"/>c', '[2:c]', { templates: { 'b2.mako': '[2:${next.body()}]' }, mako: true }),
  t('base with page args receives the render data', '<%inherit file="base.mako"/>c', 'T|c', { data: { title: 'T' }, templates: { 'base.mako': '<%page args="title"/>${title}|${next.body()}' }, mako: true }),
  t('parent.def through three levels', '<%inherit file="mid.mako"/><%def name="f()">top>${parent.f()}</%def>', 'top>mid>base',
    { templates: { 'base.mako': '${self.f()}<%def name="f()">base</%def>', 'mid.mako': '<%inherit file="base.mako"/><%def name="f()">mid>${parent.f()}</%def>' }, mako: true }),
  t('next in the middle template', '<%inherit file="mid.mako"/>top', 'b[m{top}]', { templates: { 'base.mako': 'b[${next.body()}]', 'mid.mako': '<%inherit file="base.mako"/>m{${next.body()}}' }, mako: true }),
  t('base block calls self.def overridden by child', '<%inherit file="base.mako"/><%def name="label()">child</%def>', '<child>', { templates: { 'base.mako': '<%block name="b"><${self.label()}></%block><%def name="label()">base</%def>' }, mako: true }),
  t('child overriding a block nested in the base header also renders the header', '<%inherit file="base.mako"/><%block name="inner">I</%block>', '(h:I)', { templates: { 'base.mako': '(<%block name="header">h:<%block name="inner">dflt</%block></%block>)' }, mako: true }),
  t('child overriding the outer block drops the nested base block', '<%inherit file="base.mako"/><%block name="header">H</%block>', '(H)', { templates: { 'base.mako': '(<%block name="header">h:<%block name="inner">dflt</%block></%block>)' }, mako: true }),
  t('UndefinedError in a base names the base template', '<%inherit file="base.mako"/>c', err('UndefinedError', /nope/), { templates: { 'base.mako': '${nope}' }, mako: true }),
  t('child defines a block the base does not have and the base calls it via self', '<%inherit file="base.mako"/><%block name="extra">E</%block>', '[E][E]', { templates: { 'base.mako': '[${next.body()}][${self.extra()}]' }, mako: true }),
  t('inline def next to its self call, overridden by the child (inheritance.rst)', '<%inherit file="base.mako"/>\n<%def name="header()">\n    child header\n</%def>\nbody\n', "<div class=\"header\">\n    \n    child header\n\n</div>\n\n\nbody\n",
    { templates: { 'base.mako': '<div class="header">\n    <%def name="header()"></%def>${self.header()}\n</div>\n${self.body()}' }, mako: true }),
  t('a top-level title def reached from inside a def via self (inheritance.rst)', '<%inherit file="base.mako"/>\n<%def name="title()">child title</%def>\n', "<head>\n    \n        <title>\n        child title\n        </title>\n    \n\n    \n</head>\n",
    { templates: { 'base.mako': '<head>\n    <%def name="header()">\n        <title>\n        ${self.title()}\n        </title>\n    </%def>${self.header()}\n\n    <%def name="title()"/>\n</head>\n' }, mako: true }),
  t('nested blocks overridden in any configuration (inheritance.rst)', '<%inherit file="base.mako"/>\n<%block name="title">\n    the title\n</%block>\n<%block name="header">\n    the header\n</%block>\n', "<head>\n    \n    the header\n\n</head>\n",
    { templates: { 'base.mako': '<head>\n    <%block name="header">\n        <title>\n        <%block name="title"/>\n        </title>\n    </%block>\n</head>\n' }, mako: true }),
  t('a nested def is not part of self (inheritance.rst "this won\'t work")', '<%inherit file="base.mako"/>', err('*'),
    { templates: { 'base.mako': '<%def name="header()"><%def name="title()">default title</%def>${self.title()}</%def>${self.header()}' }, mako: true }),
  t('next.body() called from inside a base block', '<%inherit file="base.mako"/>child', '<main>child</main>', { templates: { 'base.mako': '<%block name="main"><main>${next.body()}</main></%block>' }, mako: true }),
  t('self.body() called from a base def', '<%inherit file="base.mako"/>child', '{child}', { templates: { 'base.mako': '${wrap()}<%def name="wrap()">{${self.body()}}</%def>' }, mako: true }),
  t('next.uri in the base and parent.uri in the child', '<%inherit file="base.mako"/>${parent.uri}', 'main.mako|base.mako', { templates: { 'base.mako': '${next.uri}|${next.body()}' }, mako: true }),
  t('blocks named like Object.prototype members render through the chain', '<%inherit file="base.mako"/><%block name="valueOf">V</%block>', '[C][V]', { templates: { 'base.mako': '[<%block name="constructor">C</%block>][<%block name="valueOf">v</%block>]' } }),
  t('two children of one layout rendered in turn keep their own blocks', '${a}|${b}|${a2}', 'L(A)|L(B)|L(A)', {
    templates: { 'base.mako': 'L(<%block name="x">dflt</%block>)', 'ca.mako': '<%inherit file="base.mako"/><%block name="x">A</%block>', 'cb.mako': '<%inherit file="base.mako"/><%block name="x">B</%block>' },
    run: (l) => { const a = l.getTemplate('ca.mako'), b = l.getTemplate('cb.mako'); return `${a.render()}|${b.render()}|${a.render()}` } }),
  t('a def of the top template reached through self from three levels, render after render', '<%inherit file="mid.mako"/>', '<t><t>', {
    templates: { 'base.mako': '<${self.tag()}>', 'mid.mako': '<%inherit file="base.mako"/><%def name="tag()">t</%def>' },
    run: (l) => { const m = l.getTemplate('main.mako'); return m.render() + m.render() } }),
  t('a function assigned on self replaces the block it names', '<%inherit file="base.mako"/>', '[X]', { templates: { 'base.mako': "<% self.hdr = () => { context.write('X'); return '' } %>[<%block name=\"hdr\">dflt</%block>]" } }),
]
