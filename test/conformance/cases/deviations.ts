// SPEC section 10: deliberate deviations from Mako, and JavaScript spellings of Mako's Python.
import type { Case } from '../types.js'
import { t, err } from './util.js'

export const deviations: Case[] = [
  t('escaping is on by default', '${"<script>alert(1)</script>"}', '&lt;script&gt;alert(1)&lt;/script&gt;'),
  t('null renders as empty, not "None"', 'a${null}b${v}c', 'abc', { data: { v: null } }),
  t('undefined property renders as empty', '[${o.missing}]', '[]', { data: { o: {} } }),
  t('% with is rejected with a clear error', 'a\n% with open(f) as g:\n${g}\n% endwith\n', err(['TemplateSyntaxError', 'CompileError'], /with/)),
  t('for ... else is rejected', '% for x in xs:\n${x}\n% else:\nempty\n% endfor\n', err(['TemplateSyntaxError', 'CompileError']), { data: { xs: [] } }),
  t('<%def name="f"> without parentheses', '<%def name="greet">hello</%def>${greet()}', 'hello'),
  t('defs take positional arguments', '<%def name="f(a, b = 2, c = 3)">${a}${b}${c}</%def>${f(1, undefined, 9)}', '129'),
  t('body() takes one object of page args', '<%namespace name="n" file="n.mako"/>${n.body({ a: 1, b: 2 })}', '1+2', { templates: { 'n.mako': '<%page args="a, b"/>${a}+${b}' } }),
  t('JS truthiness in conditions: an empty array is true', '% if items:\nyes\n% endif\n', 'yes\n', { data: { items: [] } }),
  t('JS truthiness in conditions: 0 and "" are false', '% if n || s:\nyes\n% else:\nno\n% endif\n', 'no\n', { data: { n: 0, s: '' } }),
  t('a plain object iterates its keys like a dict', '% for k in o:\n${k}\\\n% endfor\n', 'xyz', { data: { o: { x: 1, y: 2, z: 3 } } }),
  t('Boolean attributes accept true/false spellings', '<%def name="f()" buffered="true">b</%def>${"[" + f() + "]"}', '[b]'),
  t('Boolean attribute False', '<%def name="f()" buffered="False">b</%def>${"[" + f() + "]"}', 'b[]'),
  t('decode.* filters do nothing', '${x | n, decode.utf8}', '<é>', { data: { x: '<é>' } }),
  t('sync rendering does not await Promises', '${p}', '[object Promise]', { data: { p: Promise.resolve(1) } }),
  t("defaultFilters ['str'] gives Mako's unescaped default", '${"<b>"}', '<b>', { options: { defaultFilters: ['str'] } }),
  t('inheritable="true" lowercase', '<%inherit file="base.mako"/>${self.foo.bar()}', 'B', { templates: { 'base.mako': '<%namespace name="foo" file="foo.mako" inheritable="true"/>${next.body()}', 'foo.mako': '<%def name="bar()">B</%def>' } }),
  t('enable_loop="false" lowercase', '<%page enable_loop="false"/>${loop}', 'L', { data: { loop: 'L' } }),
  t('bufferFilters whatever they return: a trusted value', '<%! const safe = (s) => ({ __html__: () => s }) %><%def name="f()" buffered="True"><b></%def>${f()}', '<b>', { options: { bufferFilters: ['safe'] } }),
  t('import from the main entry gets the loaded instance (SPEC 11)', "<%! import { Markup } from 'vite-plugin-mako' %>${new Markup('<b>')}", '<b>'),
  t('pageargs of a body() call', '<%namespace name="n" file="n.mako"/>${n.body({ q: "Q" })}', 'Q', { templates: { 'n.mako': '${pageargs.q}' } }),
  t('attr set through another namespace is seen through it', '<%namespace name="n" file="n.mako"/><% n.attr.z = 5 %>${n.attr.z}', '5', { templates: { 'n.mako': '<%! const z = 1 %>' } }),
]
