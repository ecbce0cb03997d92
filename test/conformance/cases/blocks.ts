// <%block>: anonymous and named, filter, args, rendered several times, restrictions.
import type { Case } from '../types.js'
import { t, err } from './util.js'

export const blocks: Case[] = [
  t('anonymous block renders in place (defs.rst)', '<html>\n    <body>\n        <%block>\n            this is a block.\n        </%block>\n    </body>\n</html>',
    '<html>\n    <body>\n        \n            this is a block.\n        \n    </body>\n</html>', { mako: true }),
  t('anonymous block with filter="h" (defs.rst)', '<html>\n    <body>\n        <%block filter="h">\n            <html>this is some escaped html.</html>\n        </%block>\n    </body>\n</html>',
    '<html>\n    <body>\n        \n            &lt;html&gt;this is some escaped html.&lt;/html&gt;\n        \n    </body>\n</html>', { mako: true }),
  t('block inside a conditional (defs.rst)', '% if some_condition:\n    <%block>condition is met</%block>\n% endif\n', '    condition is met\n', { data: { some_condition: true }, mako: { data: { some_condition: true } } }),
  t('anonymous block in a loop sees the loop variable (defs.rst)', '% for i of [1, 2, 3]:\n    <%block>i is ${i}</%block>\n% endfor\n'.replace('i of', 'i in'), '    i is 1\n    i is 2\n    i is 3\n',
    { mako: { templates: { 'main.mako': '% for i in range(1, 4):\n    <%block>i is ${i}</%block>\n% endfor\n' } } }),
  t('anonymous block sees <% %> locals', '<% const v = "local" %><%block>${v}</%block>', 'local', { mako: { templates: { 'main.mako': '<% v = "local" %><%block>${v}</%block>' } } }),
  t('anonymous block with trim filter', '[<%block filter="trim">\n   x   \n</%block>]', '[x]', { mako: true }),
  t('named blocks render in place (defs.rst header/title)', '<html>\n<%block name="header">\n    <head>\n        <title>\n            <%block name="title">Title</%block>\n        </title>\n    </head>\n</%block>\n</html>',
    '<html>\n\n    <head>\n        <title>\n            Title\n        </title>\n    </head>\n\n</html>', { mako: true }),
  t('named block rendered twice (defs.rst pagecontrol)', '<div name="page">\n    <%block name="pagecontrol">\n        <a href="">previous page</a> |\n        <a href="">next page</a>\n    </%block>\n\n    <table>\n        ## some content\n    </table>\n\n    ${pagecontrol()}\n</div>',
    '<div name="page">\n    \n        <a href="">previous page</a> |\n        <a href="">next page</a>\n    \n\n    <table>\n    </table>\n\n    \n        <a href="">previous page</a> |\n        <a href="">next page</a>\n    \n</div>', { mako: true }),
  t('named block through self', '<%block name="b">B</%block>|${self.b()}', 'B|B', { mako: true }),
  t('nested named blocks', '<%block name="outer">[<%block name="inner">i</%block>]</%block>|${inner()}', '[i]|i', { mako: true }),
  t('named block with a filter', '<%block name="b" filter="h"><i></%block>', '&lt;i&gt;', { mako: true }),
  t('named block sees render data', '<%block name="b">${v}</%block>', 'V', { data: { v: 'V' }, mako: true }),
  t('named block args receive page args (defs.rst)', '<%page args="post"/>\n\n<a name="${post.title}" />\n\n<span class="post_prose">\n    <%block name="post_prose" args="post">\n        ${post.content}\n    </%block>\n</span>',
    '\n\n<a name="T" />\n\n<span class="post_prose">\n    \n        C\n    \n</span>', { data: { post: { title: 'T', content: 'C' } } }),
  t('pageargs in a named block (defs.rst)', "<%block name=\"post_prose\">\n    ${pageargs['post'].content}\n</%block>", '\n    C\n', { data: { post: { content: 'C' } } }),
  t('decorator on a block', "<%! const wrap = (fn) => (context, ...a) => { context.write('<'); fn(...a); context.write('>'); return '' } %><%block name=\"b\" decorator=\"wrap\">x</%block>", '<x>'),
  t('two blocks with the same name are a CompileError (SPEC 11)', '<%block name="a">a</%block><%block name="a">b</%block>', err('CompileError', /a/), { mako: true }),
  t('a block and a top-level def of one name are an error', '<%block name="a">a</%block><%def name="a()">b</%def>', err('CompileError'), { mako: true }),
  t('a named block inside a def is an error', '<%def name="f()"><%block name="b">a</%block></%def>', err('CompileError'), { mako: true }),
  t('a named block inside a <%call> body is an error', '<%def name="f()">${caller.body()}</%def><%call expr="f()"><%block name="b">x</%block></%call>', err('CompileError'), { mako: true }),
  t('an anonymous block inside a def is fine', '<%def name="f()">[<%block>in</%block>]</%def>${f()}', '[in]', { mako: true }),
  t('args on an anonymous block is an error', '<%block args="x">a</%block>', err('CompileError'), { mako: true }),
]
