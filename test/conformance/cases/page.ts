// <%page args>, pageargs, body() arguments.
import type { Case } from '../types.js'
import { t, err } from './util.js'

export const page: Case[] = [
  t('page args pulled from render data', '<%page args="x, y"/>${x}-${y}', '1-2', { data: { x: 1, y: 2 }, mako: true }),
  t('page arg default', '<%page args="x, y = 2"/>${x}-${y}', '1-2', { data: { x: 1 }, mako: true }),
  t('page arg default overridden by data', '<%page args="x, y = 2"/>${x}-${y}', '1-3', { data: { x: 1, y: 3 }, mako: true }),
  t("page arg default with a string (syntax.rst)", "<%page args=\"x, y, z='default'\"/>${z}", 'default', { data: { x: 1, y: 2 }, mako: true }),
  t('page arg default expression', '<%page args="n = 2 * 21"/>${n}', '42'),
  t('pageargs holds the render data', '${pageargs.who}', 'W', { data: { who: 'W' } }),
  t('pageargs bracket access', "${pageargs['who']}", 'W', { data: { who: 'W' }, mako: true }),
  t('pageargs in a <% %> block', '<% const keys = Object.keys(pageargs).sort().join(",") %>${keys}', 'a,b', { data: { a: 1, b: 2 } }),
  t('page args with data of other names too', '<%page args="a"/>${a}${b}', '12', { data: { a: 1, b: 2 }, mako: true }),
  t('a def reads a page arg name from the context', '<%page args="x"/>${x}${f()}<%def name="f()">|${x}</%def>', '1|1', { data: { x: 1 }, mako: true }),
  t('page args rest collects the other render data', '<%page args="a, ...rest"/>${a} ${Object.keys(rest).sort().join(",")}', '1 b,c', { data: { a: 1, b: 2, c: 3 } }),
  t('page args rest through include args', '<%include file="t.mako" args="a=1, b=2"/>', '1 {&#34;b&#34;:2}', { templates: { 't.mako': '<%page args="a, ...rest"/>${a} ${JSON.stringify(rest)}' } }),
  t('a destructuring pattern as a page arg is a compile error, not a raw JS SyntaxError', '<%page args="{ title, tags = [] }"/>${title}', err(['TemplateSyntaxError', 'CompileError']), { data: { title: 'T' } }),
  t('a page arg without a default, missing from the data, is a TypeError naming it (as Mako)', '<%page args="title"/>[${title}]', err('TypeError', /required page argument 'title'/), { mako: true }),
  t('a missing required page arg is a TypeError even where it is not rendered', '<%page args="title"/>x', err('TypeError', /'title'/)),
  t('a page arg given as undefined renders empty', '<%page args="title"/>[${title}]', '[]', { data: { title: undefined } }),
  t('a page arg given as undefined in include args renders empty', '<%include file="i.mako" args="title=undefined"/>', '[]', { templates: { 'i.mako': '<%page args="title"/>[${title}]' } }),
  t('a missing page arg with an undefined default is falsy', '<%page args="title=undefined"/>${title || "untitled"}', 'untitled'),
  t('a block arg without a default, missing, is an UndefinedError naming it when rendered', '<%block name="b" args="x">[${x}]</%block>', err('UndefinedError', /'x'/)),
  t('a def parameter of the name of a page arg is not checked', '<%page args="title"/><%def name="f(title)">[${title}]</%def>${f()}', '[]', { data: { title: 'T' } }),
]
