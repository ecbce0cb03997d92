// TemplateLookup: putString/getTemplate/hasTemplate/adjustUri, URI resolution, lookup errors (usage.rst, SPEC 2, 11).
import type { Case } from '../types.js'
import { t, err } from './util.js'

export const lookup: Case[] = [
  t('getTemplate of a missing uri is TemplateLookupException naming it', 'x', err('TemplateLookupException', /missing\.mako/), { entry: 'missing.mako', mako: true }),
  t('hasTemplate', 'x', 'true/false', { run: (l) => `${l.hasTemplate('main.mako')}/${l.hasTemplate('nope.mako')}` }),
  t('putString replaces a template', 'old', 'new', { run: (l) => { l.putString('main.mako', 'new'); return l.getTemplate('main.mako').render({}) } }),
  t('a template is rendered several times with different data', 'hi ${n}', 'hi 1|hi 2', { run: (l) => { const tp = l.getTemplate('main.mako'); return tp.render({ n: 1 }) + '|' + tp.render({ n: 2 }) } }),
  t('getTemplate returns the same template object for one uri', 'x', 'true', { run: (l) => String(l.getTemplate('main.mako') === l.getTemplate('main.mako')) }),
  t('adjustUri: relative to the calling template', 'x', '/sub/b.mako', { run: (l) => l.adjustUri('b.mako', '/sub/a.mako') }),
  t('adjustUri: a /-rooted uri stays', 'x', '/x.mako', { run: (l) => l.adjustUri('/x.mako', '/sub/a.mako') }),
  t('adjustUri: ../ is resolved', 'x', '/b.mako', { run: (l) => l.adjustUri('../b.mako', '/sub/a.mako') }),
  t('/-rooted uris: inherit an absolute uri', '<%inherit file="/layouts/base.mako"/>page', '[page]', { entry: '/pages/index.mako', templates: { '/pages/index.mako': '<%inherit file="/layouts/base.mako"/>page', '/layouts/base.mako': '[${next.body()}]' }, mako: true }),
  t('/-rooted uris: relative include from a subdirectory', 'x', 'index+side', { entry: '/pages/index.mako', templates: { '/pages/index.mako': 'index+<%include file="side.mako"/>', '/pages/side.mako': 'side', '/side.mako': 'WRONG' }, mako: true }),
  t('/-rooted uris: ../ from a subdirectory', 'x', '[page]', { entry: '/pages/index.mako', templates: { '/pages/index.mako': '<%inherit file="../base.mako"/>page', '/base.mako': '[${next.body()}]' } }),
  t('/-rooted uris: namespace relative to a subdirectory', 'x', 'F', { entry: '/pages/index.mako', templates: { '/pages/index.mako': '<%namespace name="n" file="lib.mako"/>${n.f()}', '/pages/lib.mako': '<%def name="f()">F</%def>' }, mako: true }),
  t('relative uri above the root is an error naming it (SPEC 11)', '<%include file="../../outside.mako"/>', err(['TemplateLookupException', 'RuntimeException'], /outside\.mako/), { entry: '/a/main.mako', templates: { '/a/main.mako': '<%include file="../../outside.mako"/>' } }),
  // not clamped to the root (Mako's normpath would find /outside.mako)
  t('an include above the root is an error even when the clamped uri exists', 'x', err('TemplateLookupException', /^Template uri '\.\.\/\.\.\/outside\.mako' resolves above the root of the lookup \(asked for by template '\/a\/main\.mako', line 1\)/), { entry: '/a/main.mako', templates: { '/a/main.mako': '<%include file="../../outside.mako"/>', '/outside.mako': 'WRONG' } }),
  t('an include above the root from a uri without a leading slash', 'x', err('TemplateLookupException', /'\.\.\/\.\.\/outside\.mako' resolves above the root/), { entry: 'a/main.mako', templates: { 'a/main.mako': '<%include file="../../outside.mako"/>', 'outside.mako': 'WRONG' } }),
  t('an inherit above the root is an error naming the uri', '<%inherit file="../base.mako"/>x', err('TemplateLookupException', /'\.\.\/base\.mako' resolves above the root/), { templates: { '/base.mako': 'WRONG ${next.body()}', 'base.mako': 'WRONG ${next.body()}' } }),
  t('a namespace above the root is an error naming the uri', '<%namespace name="n" file="../../lib.mako"/>${n.f()}', err('TemplateLookupException', /'\.\.\/\.\.\/lib\.mako' resolves above the root/), { entry: '/a/main.mako', templates: { '/a/main.mako': '<%namespace name="n" file="../../lib.mako"/>${n.f()}', '/lib.mako': '<%def name="f()">WRONG</%def>' } }),
  t('adjustUri above the root throws naming the uri', 'x', "TemplateLookupException: Template uri '../../x.mako' resolves above the root of the lookup", { run: (l) => { try { return l.adjustUri('../../x.mako', '/a/b.mako') } catch (e: any) { return `${e.name}: ${e.message}` } } }),
  t('a ${} include target above the root is an error naming the uri', '<%include file="${f}"/>', err('TemplateLookupException', /'\.\.\/\.\.\/x\.mako' resolves above the root/), { data: { f: '../../x.mako' }, entry: '/a/main.mako', templates: { '/a/main.mako': '<%include file="${f}"/>', '/x.mako': 'WRONG' } }),
  t('template.uri is the uri it was looked up by', '${local.uri}', '/pages/x.mako', { entry: '/pages/x.mako', templates: { '/pages/x.mako': '${local.uri}' }, mako: true }),
  t('lookup options reach every template (defaultFilters)', '<%include file="t.mako"/>|${v}', '<b>|<b>', { data: { v: '<b>' }, options: { defaultFilters: ['str'] }, templates: { 't.mako': '${v}' }, mako: true }),
  t('lookup options reach every template (strictUndefined)', '<%include file="t.mako"/>', err('UndefinedError', /nope/), { options: { strictUndefined: true }, templates: { 't.mako': '${nope}' }, mako: true }),
  t('missing template named with the calling template and line', 'line1\nline2 <%namespace name="n" file="gone.mako"/>${n.f()}', err('TemplateLookupException', /gone\.mako[\s\S]*main\.mako|main\.mako[\s\S]*gone\.mako/)),
  t('context.lookup.getTemplate inside a template', '${context.lookup.getTemplate("t.mako").render({ v: 1 })}', 'v1', { templates: { 't.mako': 'v${v}' } }),
  // TemplateLookup({ directories }) on disk (usage.rst)
  t('directories: getTemplate of a /-rooted uri from disk', '', 'hello ed', { entry: '/index.mako', files: { 'index.mako': 'hello ${name}' }, data: { name: 'ed' }, options: { directories: ['@TMP@'] } }),
  t('directories: a uri without the leading slash', '', 'plain', { entry: 'plain.mako', files: { 'plain.mako': 'plain' }, options: { directories: ['@TMP@'] } }),
  t('directories: include and inheritance between files in subdirectories', '', '<html>[nav]page</html>', {
    entry: '/pages/index.mako', options: { directories: ['@TMP@'] },
    files: { 'pages/index.mako': '<%inherit file="/layouts/base.mako"/>page', 'layouts/base.mako': '<html><%include file="nav.mako"/>${next.body()}</html>', 'layouts/nav.mako': '[nav]' } }),
  t('directories: the first directory that has the file wins', '', 'one|two-only', {
    entry: '/a.mako', options: { directories: ['@TMP@/one', '@TMP@/two'] },
    files: { 'one/a.mako': 'one|<%include file="b.mako"/>', 'two/a.mako': 'two', 'two/b.mako': 'two-only' } }),
  t('directories: a missing file is TemplateLookupException naming the uri', '', { error: 'TemplateLookupException', message: /nothere\.mako/ }, { entry: '/nothere.mako', files: { 'x.mako': '' }, options: { directories: ['@TMP@'] } }),
  t('directories: a relative uri above the root is an error naming it', '', { error: ['TemplateLookupException', 'RuntimeException'], message: /secret\.mako/ }, {
    entry: '/a.mako', options: { directories: ['@TMP@/root'] }, files: { 'root/a.mako': '<%include file="../secret.mako"/>', 'secret.mako': 'SECRET' } }),
  t('filesystemChecks: an edited file is recompiled on the next getTemplate (usage.rst)', '', 'v1|v2', {
    files: { 'e.mako': 'v1' }, options: { directories: ['@TMP@'], filesystemChecks: true, filesystemCheckInterval: 0 },
    run: async (l, d) => {
      const fs = await import('node:fs')
      const a = l.getTemplate('/e.mako').render({})
      const p = `${d.__tmp}/e.mako`
      fs.writeFileSync(p, 'v2')
      const later = new Date(Date.now() + 5000)
      fs.utimesSync(p, later, later)
      return a + '|' + l.getTemplate('/e.mako').render({})
    },
  }),
  t('filesystemChecks false keeps the compiled template', '', 'v1|v1', {
    files: { 'e.mako': 'v1' }, options: { directories: ['@TMP@'], filesystemChecks: false },
    run: async (l, d) => {
      const fs = await import('node:fs')
      const a = l.getTemplate('/e.mako').render({})
      const p = `${d.__tmp}/e.mako`
      fs.writeFileSync(p, 'v2')
      const later = new Date(Date.now() + 5000)
      fs.utimesSync(p, later, later)
      return a + '|' + l.getTemplate('/e.mako').render({})
    },
  }),
  t('hasTemplate sees files on disk', '', 'true/false', { files: { 'h.mako': '' }, options: { directories: ['@TMP@'] }, run: (l) => `${l.hasTemplate('/h.mako')}/${l.hasTemplate('/nope.mako')}` }),
  t('preprocessor option rewrites the source before compiling', 'Hello NAME', 'Hello ed', { data: { name: 'ed' }, options: { preprocessor: (src: string) => src.replace('NAME', '${name}') } }),
  t('preprocessor list applies in order', 'A', 'C', { options: { preprocessor: [(s: string) => s.replace('A', 'B'), (s: string) => s.replace('B', 'C')] } }),
  t('preprocessor applies to every template of the lookup', '<%include file="t.mako"/>', '[inc]', { templates: { 't.mako': '((inc))' }, options: { preprocessor: (s: string) => s.replace('((', '[').replace('))', ']') } }),
  t('collectionSize: evicted file templates load again', '', 'A|B|A|B|C', {
    files: { 'a.mako': 'A', 'b.mako': 'B', 'c.mako': 'C' }, options: { directories: ['@TMP@'], collectionSize: 1 },
    run: (l) => ['/a.mako', '/b.mako', '/a.mako', '/b.mako', '/c.mako'].map((u) => l.getTemplate(u).render({})).join('|'),
  }),
  t('moduleDirectory: a second lookup reuses compiled modules and renders the same', '', 'hi 1|hi 2', {
    files: { 't/x.mako': 'hi ${n}' },
    options: { directories: ['@TMP@/t'], moduleDirectory: '@TMP@/modules' },
    run: async (l, d) => {
      const { TemplateLookup } = (await import('../../../src/index.js' as string)) as any
      const a = l.getTemplate('/x.mako').render({ n: 1 })
      const l2 = new TemplateLookup({ directories: [`${d.__tmp}/t`], moduleDirectory: `${d.__tmp}/modules` })
      return a + '|' + l2.getTemplate('/x.mako').render({ n: 2 })
    },
  }),
  t('moduleDirectory: an edited source is recompiled by a new lookup', '', 'v1|v2', {
    files: { 't/y.mako': 'v1' },
    options: { directories: ['@TMP@/t'], moduleDirectory: '@TMP@/modules' },
    run: async (l, d) => {
      const { TemplateLookup } = (await import('../../../src/index.js' as string)) as any
      const fs = await import('node:fs')
      const a = l.getTemplate('/y.mako').render({})
      const p = `${d.__tmp}/t/y.mako`
      fs.writeFileSync(p, 'v2')
      const later = new Date(Date.now() + 5000)
      fs.utimesSync(p, later, later)
      const l2 = new TemplateLookup({ directories: [`${d.__tmp}/t`], moduleDirectory: `${d.__tmp}/modules` })
      return a + '|' + l2.getTemplate('/y.mako').render({})
    },
  }),
  t('Template: the SPEC 2 example', '', 'hello ed!', { run: async () => { const { Template } = (await import('../../../src/index.js' as string)) as any; return new Template('hello ${name}!', { uri: 'greet.mako' }).render({ name: 'ed' }) } }),
  t('Template: getDef(name).render(args)', '', 'hi al', { run: async () => { const { Template } = (await import('../../../src/index.js' as string)) as any; return new Template('<%def name="hi(n)">hi ${n}</%def>').getDef('hi').render('al') } }),
  t('Template: options as for the lookup', '', '<b>', { run: async () => { const { Template } = (await import('../../../src/index.js' as string)) as any; return new Template('${v}', { defaultFilters: ['str'] }).render({ v: '<b>' }) } }),
  t('Template with a lookup option includes from it (usage.rst)', '', '[header] hello world!', { templates: { 'header.txt': '[header]' },
    run: async (l) => { const { Template } = (await import('../../../src/index.js' as string)) as any; return new Template('<%include file="header.txt"/> hello world!', { lookup: l }).render({}) } }),
]
