// Malformed templates: TemplateSyntaxError (or CompileError) with uri, line and column (SPEC 9, 11).
import type { Case } from '../types.js'
import { t, err } from './util.js'

const SE = 'TemplateSyntaxError'
const SE_OR_CE = ['TemplateSyntaxError', 'CompileError']

export const syntax: Case[] = [
  t('unclosed <%def>', 'a\n<%def name="f()">\nbody\n', err(SE, /def/, { line: 2 }), { mako: true }),
  t('unknown tag <%foo> (SPEC 11)', '<%foo>x</%foo>', err(SE, /foo/, { line: 1, column: 0 })),
  t('unknown tag on a later line', 'a\nb\n  <%bogus/>', err(SE, /bogus/, { line: 3, column: 2 })),
  t('stray % endfor', 'a\n% endfor\n', err(SE, /for/, { line: 2 }), { mako: true }),
  t('% if closed by % endfor', '% if x:\na\n% endfor\n', err(SE, undefined, { line: 3 }), { mako: true }),
  t('unclosed % if', 'a\n% if x:\nb\n', err(SE, /if/), { mako: true }),
  t('unclosed % for', '% for x in y:\nb\n', err(SE, /for/), { mako: true }),
  t('% elif without % if', 'a\n% elif x:\nb\n', err(SE, undefined, { line: 2 })),
  t('% else outside a control block', '% else:\nb\n', err(SE, undefined, { line: 1 })),
  t('% except outside % try', '% except e:\n', err(SE)),
  t('unknown control keyword', '% frobnicate x:\n% endfrobnicate\n', err(SE_OR_CE, /frobnicate/)),
  t('closing tag without opening tag', 'a\n</%def>', err(SE, /def/, { line: 2 }), { mako: true }),
  t('closing tag that does not match', '<%def name="f()">x</%block>', err(SE, /block|def/), { mako: true }),
  t('<%def> without name', '<%def>x</%def>', err(SE, /name/)),
  t('<%include> without file', '<%include/>', err(SE, /file/)),
  t('<%inherit> without file', '<%inherit/>', err(SE, /file/)),
  t('<%call> without expr', '<%call>x</%call>', err(SE, /expr/)),
  t('<%namespace> with neither name nor import', '<%namespace file="x.mako"/>', err(SE_OR_CE)),
  t('attribute value without quotes', '<%def name=f()>x</%def>', err(SE)),
  t('invalid JS in ${}', 'a\nb ${1 +}', err(SE, undefined, { line: 2, uri: 'main.mako' }), { mako: true }),
  t('empty ${}', '${}', err(SE)),
  t('unclosed ${', 'a ${x', err(SE, undefined, { line: 1 }), { mako: true }),
  t('unterminated string in ${}', "${'abc}", err(SE)),
  t('invalid JS in <% %>', 'x\n<% let = %>', err(SE, undefined, { line: 2 })),
  t('invalid JS on the third line of a <% %> block', 'a\n<%\n  let x = ;\n%>', err(SE, undefined, { line: 3 })),
  t('unclosed <%', 'a <% let x = 1', err(SE), { mako: true }),
  t('invalid JS in <%! %>', '<%! function ( %>', err(SE)),
  t('invalid JS in a control line', 'a\n% if (:\nb\n% endif\n', err(SE, undefined, { line: 2 })),
  t('for without in', '% for x y:\n% endfor\n', err(SE)),
  t('invalid def signature', '<%def name="f(a b)">x</%def>', err(SE)),
  t('invalid def name', '<%def name="1f()">x</%def>', err(SE_OR_CE)),
  t('invalid page args', '<%page args="a b"/>', err(SE)),
  t('invalid call expr', '<%call expr="f(">x</%call>', err(SE)),
  t('invalid block args', '<%block name="b" args="x y">z</%block>', err(SE)),
  t('invalid include args', '<%include file="x.mako" args="a=,"/>', err(SE), { templates: { 'x.mako': '' } }),
  t('unclosed <%text>', '<%text>abc', err(SE, /text/)),
  t('unclosed <%doc>', 'a\n<%doc>abc', err(SE, /doc/)),
  t('unclosed custom tag', '<%def name="f()">${caller.body()}</%def><%self:f>x', err(SE, /self:f|f/)),
  t('garbage terminates with an error', '<%<%<%${${', err(SE)),
  t('lone <% followed by a non-tag name', '<%  >', err(SE)),
  t('error reports the uri of a nested template', '<%include file="bad.mako"/>', err(SE, /bad\.mako/, { uri: 'bad.mako', line: 2 }), { templates: { 'bad.mako': 'ok\n${1 +}' } }),
  t('error carries a code frame with the template line', 'first\nsecond ${1 +} line\nthird', err(SE, undefined, { line: 2, frame: /second \$\{1 \+\} line/ })),
  // runtime errors point at the template (SPEC 9)
  t('textErrorTemplate names the template, line and source line of a runtime error', 'a\nb\n${o.a.b}\nc', 'ok', {
    data: { o: {} },
    run: async (l, d) => {
      const { textErrorTemplate } = (await import('../../../src/index.js' as string)) as any
      try {
        l.getTemplate('main.mako').render(d)
        return 'no error'
      } catch (e) {
        const s = String(textErrorTemplate(e))
        return /main\.mako/.test(s) && /\b3\b/.test(s) && s.includes('${o.a.b}') ? 'ok' : s
      }
    },
  }),
  t('htmlErrorTemplate escapes and shows the template source line', 'a\n${o.a.b} <i>\nc', 'ok', {
    data: { o: {} },
    run: async (l, d) => {
      const { htmlErrorTemplate } = (await import('../../../src/index.js' as string)) as any
      try {
        l.getTemplate('main.mako').render(d)
        return 'no error'
      } catch (e) {
        const s = String(htmlErrorTemplate(e))
        return /main\.mako/.test(s) && s.includes('&lt;i&gt;') ? 'ok' : s
      }
    },
  }),
  t('textErrorTemplate of a syntax error shows its frame', 'ok\n${1 +}', 'ok', {
    run: async (l) => {
      const { textErrorTemplate } = (await import('../../../src/index.js' as string)) as any
      try {
        l.getTemplate('main.mako').render({})
        return 'no error'
      } catch (e) {
        const s = String(textErrorTemplate(e))
        return /main\.mako/.test(s) && s.includes('${1 +}') ? 'ok' : s
      }
    },
  }),
  // line precision
  t('error line inside a def body', '<%def name="f()">\n  a\n  b\n% if (:\n% endif\n</%def>', err(SE, undefined, { line: 4 })),
  t('error line inside a multi-line <%! %>', 'a\n<%!\n  const ok = 1\n  const bad = ;\n%>', err(SE, undefined, { line: 4 })),
  t('error line of a ${} inside a tag attribute', 'a\n<%def name="f(x)">${x}</%def>\n<%self:f x="${1 +}"/>', err(SE, undefined, { line: 3 })),
  t('error line of a multi-line expression', 'a\n${\n  1 +\n  )\n}', err(SE, undefined, { line: 4 })),
  t('an unterminated ${ is reported where it begins, not where the JS parse fails', 'a\nb\n${ d["x"\n' + 'text\n'.repeat(5), err(SE, /Unterminated expression/, { line: 3, column: 0 })),
  t('an unterminated ${ with a filter is reported where it begins', 'a\n${ x | trim\nmore text\n', err(SE, /Unterminated expression/, { line: 2 })),
  t('a ${ closed by } with a ( left open is not unterminated: the error is at the }', "<p>${ui.button('+1', 'bump'}</p>\n<p>${x}</p>", err(SE, /Invalid JavaScript/, { line: 1, column: 27 })),
  t('an unclosed ( in <% %> is reported at the line of the (', 'a\n<%\n  let a = 1\n  let c = (\n%>\n', err(SE, /'\(' is never closed/, { line: 4, column: 10 })),
  t('an unclosed [ in <%! %> is reported at the line of the [', '<%!\n  const a = [1,\n  2\n%>\n', err(SE, /'\[' is never closed/, { line: 2 })),
  t('an unclosed { in <% %> is reported at the {', 'a\n<% if (x) {\n  y()\n%>', err(SE, /'\{' is never closed/, { line: 2 })),
  t('an error inside closed brackets of a code block stays where it is', 'a\n<% foo(\n  a b\n) %>', err(SE, /Unexpected token/, { line: 3 })),
  t('error line after CRLF lines', 'a\r\nb\r\n${1 +}', err(SE, undefined, { line: 3 })),
  t('error line after a <%doc> block', '<%doc>\n1\n2\n</%doc>\n${1 +}', err(SE, undefined, { line: 5 })),
  t('error line after <%text>', '<%text>\n${\n</%text>\n${1 +}', err(SE, undefined, { line: 4 })),
  t('error line in an included template after a backslash continuation', '<%include file="inc.mako"/>', err(SE, undefined, { line: 3, uri: 'inc.mako' }), { templates: { 'inc.mako': 'a \\\nb\n${1 +}' } }),
  t('column of an invalid expression points into the template', 'ab ${1 +}', err(SE, undefined, { line: 1 })),
  t('UndefinedError line in a later line of a def', '<%def name="f()">\na\n${nope}\n</%def>${f()}', err('UndefinedError', /nope[\s\S]*3|3[\s\S]*nope/)),
]
