// The compiler terminates on any input with output or an error (SPEC 9): never a hang, and never a
// raw JS SyntaxError from generated code (compile errors are TemplateSyntaxError or CompileError,
// SPEC 11). Runtime errors of valid JavaScript keep their class (SPEC 11) and are accepted.
import type { Case } from '../types.js'
import { t } from './util.js'

const MAKO_ERRORS = ['TemplateSyntaxError', 'CompileError', 'TemplateLookupException', 'UndefinedError', 'NameConflictError', 'RuntimeException']

const attrJunk = ['{ a }', '[a]', 'a;b', 'a) { (', '}', '`', '/*', '...', 'a = )', 'a, , b', '"', "'", 'a b', '1a', 'a=1;', '=>']
const attrTemplates = (j: string) => [
  `<%page args="${j}"/>x`, `<%def name="f(${j})">x</%def>\${f()}`, `<%block name="b" args="${j}">x</%block>`,
  `<%def name="f()">\${caller.body()}</%def><%self:f args="${j}">x</%self:f>`, `<%include file="t.mako" args="${j}"/>`,
  `<%def name="f()" filter="${j}">x</%def>\${f()}`, `<%page expression_filter="${j}"/>\${1}`, `<%def name="f()" decorator="${j}">x</%def>\${f()}`,
  `<%def name="f()" cached="True" cache_key="\${${j}}">x</%def>\${f()}`, `<%call expr="${j}">x</%call>`, `<%text filter="${j}">x</%text>`,
  `\${x | ${j}}`,
  `<%include file="\${${j}}"/>`, `<%inherit file="\${${j}}"/>x`, `<%namespace name="n" file="\${${j}}"/>x`,
  `<%def name="f()" buffered="${j}">x</%def>\${f()}`, `<%def name="f()" cached="True" cache_timeout="${j}">x</%def>\${f()}`,
  `<%page enable_loop="${j}"/>x`, `<%namespace name="n" file="t.mako" inheritable="${j}"/>x`, `<%namespace name="n" file="t.mako" import="${j}"/>x`,
]

const inputs = [
  ...attrJunk.flatMap(attrTemplates),
  '<%', '<%!', '${', '}', '%', '%%', '##', '<%doc>', '</%', '<%def', '<%def name="', '<%def name="f()"', '<%def name="f()">',
  '${"', "${'", '${`', '${`${', '% if', '% if x', '% for', '%for x in', '<%text>', '<%call expr="', '<%self:', '<%self:f', '<%self:f>',
  '\\', '${x | }', '${| h}', '<%inherit file="${"/>', '<%namespace name="a" file="b"', '\u0000${\u0000}', '${/}', '${/* }', '<% /* %>', "<% ' %>",
  '% if ${x}:\n% endif', '<%block name="">x</%block>', '<%def name="f(">x</%def>', '% endfor\n% endfor', '<%%>', '<%!%>', '${}}', '${{}', '<%page args=")"/>',
  '% try:\n% except', '<%call expr="x"', '</%call>', '<%include file=""/>', '<%def name="f()"><%def name="f()"></%def></%def>${f()}',
  '% while', '% elif x:', '<%text></%text></%text>', '<% } %>', '<% { %>', '${)}', '<%def name="f()">${caller.body(}</%def>',
  '% for [a, b in x:\n% endfor', '% if x:\n<%def name="g()">\n% endif\n</%def>', '<%block name="b" args="(">x</%block>', '<%self:f a=">x</%self:f>',
  '${"\\u{110000}"}', '<%! export default 1 %>', '<%! import x from %>', '% if x:: \n% endif', '${x ? : y}', '<% return %>', '<% yield 1 %>',
]

export const robustness: Case[] = inputs.map((src, i) =>
  t(`input #${i}: ${JSON.stringify(src).slice(0, 40)}`, src, 'ok', {
    run: (l) => {
      try {
        l.getTemplate('main.mako').render({ x: 1, y: 2 })
        return 'ok'
      } catch (e: any) {
        return MAKO_ERRORS.includes(e?.name) || (e?.name !== 'SyntaxError' && e instanceof Error) ? 'ok' : `${e?.name}: ${e?.message}`
      }
    },
  }),
)

export const robustnessAsync: Case[] = inputs.map((src, i) =>
  t(`async input #${i}: ${JSON.stringify(src).slice(0, 40)}`, src, 'ok', {
    async: true,
    run: async (l) => {
      try {
        await l.getTemplate('main.mako').render({ x: 1, y: 2 })
        return 'ok'
      } catch (e: any) {
        return MAKO_ERRORS.includes(e?.name) || (e?.name !== 'SyntaxError' && e instanceof Error) ? 'ok' : `${e?.name}: ${e?.message}`
      }
    },
  }),
)

const deepIf = Array.from({ length: 200 }, () => '% if x:\n').join('') + 'deep\n' + Array.from({ length: 200 }, () => '% endif\n').join('')
const bigTemplate = Array.from({ length: 5000 }, (_, i) => (i % 5 === 0 ? '% if x:\n' + `line ${i} \${x}\n` + '% endif\n' : `line ${i} \${x} <%doc>d</%doc>\n`)).join('')
const bigExpected = Array.from({ length: 5000 }, (_, i) => (i % 5 === 0 ? `line ${i} 1\n` : `line ${i} 1 \n`)).join('')
const timed = (src: string, budgetMs: number) => (l: any) => {
  l.putString('big.mako', src)
  const t0 = Date.now()
  const out = l.getTemplate('big.mako').render({ x: 1 })
  const ms = Date.now() - t0
  return ms < budgetMs ? out : `too slow: ${ms} ms`
}

export const scale: Case[] = [
  t('200 nested control blocks', deepIf, 'deep\n', { data: { x: 1 } }),
  t('a 5000-line template compiles and renders within 5 s', '', bigExpected, { run: timed(bigTemplate, 5000) }),
  t('a 200 KB single line of text', '', 'ab'.repeat(100_000), { run: timed('ab'.repeat(100_000), 5000) }),
  t('10000 expressions on one line', '', '1'.repeat(10_000), { run: timed('${x}'.repeat(10_000), 5000) }),
  t('a 100 KB <%text> block', '', '${x}'.repeat(25_000), { run: timed('<%text>' + '${x}'.repeat(25_000) + '</%text>', 5000) }),
]
