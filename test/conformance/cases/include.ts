// <%include file args>: runtime includes, args reaching page args (syntax.rst, inheritance.rst).
import type { Case } from '../types.js'
import { t, err } from './util.js'

export const include: Case[] = [
  t('include a template (syntax.rst)', '<%include file="header.mako"/>\n\n    hello world\n\n<%include file="footer.mako"/>', '[header]\n\n    hello world\n\n[footer]',
    { templates: { 'header.mako': '[header]', 'footer.mako': '[footer]' }, mako: true }),
  t('include args reach page args (syntax.rst)', '<%include file="toolbar.mako" args="current_section=\'members\', username=\'ed\'"/>', 'members/ed',
    { templates: { 'toolbar.mako': '<%page args="current_section, username"/>${current_section}/${username}' }, mako: true }),
  t('include args with expressions', '<%include file="t.mako" args="a=1 + 1, b=x"/>', '2-X', { data: { x: 'X' }, templates: { 't.mako': '<%page args="a, b"/>${a}-${b}' }, mako: true }),
  t('include args spread with ...obj (SPEC 3)', '<%include file="t.mako" args="...opts, c=3"/>', '1 2 3', { data: { opts: { a: 1, b: 2 } }, templates: { 't.mako': '<%page args="a, b, c"/>${a} ${b} ${c}' } }),
  t('included page arg default', '<%include file="t.mako"/>', 'dflt', { templates: { 't.mako': '<%page args="v = \'dflt\'"/>${v}' }, mako: true }),
  t('included template sees the render data', '<%include file="t.mako"/>', 'hi ed', { data: { name: 'ed' }, templates: { 't.mako': 'hi ${name}' }, mako: true }),
  t('included template page args are pulled from the context', '<%include file="t.mako"/>', 'ed', { data: { name: 'ed' }, templates: { 't.mako': '<%page args="name"/>${name}' }, mako: true }),
  t('include args override data of the same name', '<%include file="t.mako" args="name=\'arg\'"/>', 'arg', { data: { name: 'data' }, templates: { 't.mako': '<%page args="name"/>${name}' }, mako: true }),
  t('pageargs of an included template', '<%include file="t.mako" args="q=\'Q\'"/>', 'Q', { templates: { 't.mako': '${pageargs.q}' } }),
  t('include with a ${} file', '<%include file="${which}.mako"/>', 'B', { data: { which: 'b' }, templates: { 'a.mako': 'A', 'b.mako': 'B' }, mako: { templates: { 'main.mako': '<%include file="${context[\'which\']}.mako"/>', 'b.mako': 'B' } } }),
  t('include twice', '<%include file="t.mako"/>|<%include file="t.mako"/>', 'T|T', { templates: { 't.mako': 'T' }, mako: true }),
  t('include in a loop with args from the loop variable', '% for i in [1, 2]:\n<%include file="row.mako" args="n=i"/>\n% endfor\n', '<r1>\n<r2>\n', { templates: { 'row.mako': '<%page args="n"/><r${n}>' }, mako: true }),
  t('include inside a def', '<%def name="f()">(<%include file="t.mako"/>)</%def>${f()}', '(T)', { templates: { 't.mako': 'T' }, mako: true }),
  t('include keeps the text around it', 'a\n<%include file="t.mako"/>\nb', 'a\nT\nb', { templates: { 't.mako': 'T' }, mako: true }),
  t('included template output is not escaped again', '<%include file="t.mako"/>', '<b>&lt;</b>', { templates: { 't.mako': '<b>${"<"}</b>' }, mako: true }),
  t('defs of an included template are not visible to the includer', '<%include file="t.mako"/>${context.has("helper")}', 'false', { templates: { 't.mako': '<%def name="helper()">h</%def>' } }),
  t('included template with its own inheritance', '<%include file="page.mako"/>', '[layout:page]', { templates: { 'page.mako': '<%inherit file="layout.mako"/>page', 'layout.mako': '[layout:${next.body()}]' }, mako: true }),
  t('include from a block of an inheriting template', '<%inherit file="base.mako"/><%block name="b"><%include file="t.mako"/></%block>', '{T}', { templates: { 'base.mako': '{<%block name="b"/>}', 't.mako': 'T' }, mako: true }),
  t('nested includes', '<%include file="a.mako"/>', 'a(b)', { templates: { 'a.mako': 'a(<%include file="b.mako"/>)', 'b.mako': 'b' }, mako: true }),
  t('include relative to a template in a subdirectory', '<%include file="sub/a.mako"/>', 'a:b', { templates: { 'sub/a.mako': 'a:<%include file="b.mako"/>', 'sub/b.mako': 'b', 'b.mako': 'WRONG' }, mako: true }),
  t('included template uses STOP_RENDERING: only its own output stops', '[<%include file="t.mako"/>]', '[x]', { templates: { 't.mako': 'x<% return STOP_RENDERING %>y' } }),
  t('missing include is TemplateLookupException naming the uri', 'a\n<%include file="nope.mako"/>', err('TemplateLookupException', /nope\.mako/), { mako: true }),
  t('missing include names the template that asked for it', 'a\n<%include file="nope.mako"/>', err('TemplateLookupException', /main\.mako/)),
  t('include cycle is reported, not a stack overflow', '<%include file="a.mako"/>', err('*', /cycl|circular|recurs/i), { templates: { 'a.mako': '<%include file="main.mako"/>' } }),
  t('include with the includeFile namespace method', '<% local.includeFile("t.mako") %>!', 'T!', { templates: { 't.mako': 'T' } }),
  t('includeFile with args', '<% local.includeFile("t.mako", { v: 5 }) %>', 'v=5', { templates: { 't.mako': '<%page args="v"/>v=${v}' } }),
]
