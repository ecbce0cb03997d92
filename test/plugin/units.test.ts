// The plugin's pure parts: include/exclude globs, template uris, the lookup module's code, error shapes, output memo.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createFilter, globToRegExp, resolveOptions, templateUri } from '../../src/plugin/options.js'
import { lookupModuleCode, scanTemplates } from '../../src/plugin/lookup.js'
import { toOverlayPayload, toRollupError } from '../../src/plugin/errors.js'
import { OutputMemo, climbsAboveRoot, compileTemplate, hmrId, normalizeOutput } from '../../src/plugin/transform.js'
import { compile } from '../../src/compiler/index.js'
import { TemplateLookup, TemplateLookupException } from 'vite-plugin-mako'
import { repoRoot } from '../e2e/harness.js'
import { TemplateLookupException as SrcLookupException } from '../../src/shared/errors.js'

describe('options', () => {
  it('globs', () => {
    expect(globToRegExp('**/*.mako').test('a/b/c.mako')).toBe(true)
    expect(globToRegExp('**/*.mako').test('c.mako')).toBe(true)
    expect(globToRegExp('**/*.mako').test('/abs/c.mako')).toBe(true)
    expect(globToRegExp('**/*.mako').test('c.makox')).toBe(false)
    expect(globToRegExp('src/*.{mako,tmpl}').test('src/a.tmpl')).toBe(true)
    expect(globToRegExp('src/*.{mako,tmpl}').test('src/x/a.tmpl')).toBe(false)
  })

  it('include/exclude; queries and virtual ids are never templates', () => {
    const f = createFilter('**/*.mako', ['**/legacy/**', /skip\.mako$/], '/p')
    expect(f('/p/templates/a.mako')).toBe(true)
    expect(f('/p/templates/a.mako?raw')).toBe(false)
    expect(f('\0virtual:x.mako')).toBe(false)
    expect(f('/p/legacy/a.mako')).toBe(false)
    expect(f('/p/skip.mako')).toBe(false)
    expect(f('/p/a.js')).toBe(false)
  })

  it('resolves roots, splits plugin options from template options, turns HMR off in builds', () => {
    const o = resolveOptions({ root: 'templates', defaultFilters: ['str'], ssr: { async: true }, include: '**/*.mk' }, { projectRoot: '/p', command: 'serve', hmr: true })
    expect(o.root).toBe('/p/templates')
    expect(o.client).toEqual({ defaultFilters: ['str'] })
    expect(o.server).toEqual({ defaultFilters: ['str'], async: true })
    expect(o.hmr).toBe(true)
    expect(o.isTemplate('/p/x.mk')).toBe(true)
    expect(o.isTemplate('/p/x.mako')).toBe(false)
    expect(resolveOptions({}, { projectRoot: '/p', command: 'build', hmr: true }).hmr).toBe(false)
    expect(resolveOptions({ hmr: false }, { projectRoot: '/p', command: 'serve', hmr: true }).hmr).toBe(false)
  })

  it('directories: searched in order after root; a file\'s uri is from the first directory holding it', () => {
    expect(resolveOptions({ directories: ['theme', 'base'] }, { projectRoot: '/p', command: 'build', hmr: false }).directories).toEqual(['/p/theme', '/p/base'])
    const both = resolveOptions({ root: 't', directories: ['theme', 't'] }, { projectRoot: '/p', command: 'build', hmr: false })
    expect(both.directories).toEqual(['/p/t', '/p/theme'])
    expect(both.root).toBe('/p/t')
    expect(resolveOptions({}, { projectRoot: '/p', command: 'build', hmr: false }).directories).toEqual(['/p'])
    expect(templateUri('/p/t/base/a.mako', ['/p/t/base', '/p/t'])).toBe('/a.mako')
    expect(templateUri('/p/t/base/a.mako', ['/p/t', '/p/t/base'])).toBe('/base/a.mako')
  })

  it('template uris are /-rooted relative to the template root', () => {
    expect(templateUri('/p/t/pages/a.mako', '/p/t')).toBe('/pages/a.mako')
    expect(templateUri('/elsewhere/a.mako', '/p/t')).toBe('/elsewhere/a.mako')
  })
})

describe('lookup module', () => {
  it('maps uris to templates, adjusts relative uris, refuses uris above the root with the Node API\'s TemplateLookupException', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mako-lookup-'))
    try {
      mkdirSync(join(dir, 'pages'))
      writeFileSync(join(dir, 'pages/a.mjs'), 'export default { name: "a" }\n')
      writeFileSync(join(dir, 'b.mjs'), 'export default { name: "b" }\n')
      const files = scanTemplates(dir, (f) => f.endsWith('.mjs'))
      expect(files).toEqual([join(dir, 'b.mjs'), join(dir, 'pages/a.mjs')])
      // the built runtime, whose class the Node API (vite-plugin-mako) exports
      writeFileSync(join(dir, 'lookup.js.mjs'), lookupModuleCode(files, dir, pathToFileURL(join(repoRoot, 'dist/runtime/index.js')).href))
      const { default: lookup } = await import(pathToFileURL(join(dir, 'lookup.js.mjs')).href)
      expect(lookup.uris()).toEqual(['/b.mjs', '/pages/a.mjs'])
      expect(lookup.getTemplate('/pages/a.mjs').name).toBe('a')
      expect(lookup.getTemplate('pages/./a.mjs').name).toBe('a')
      expect(lookup.adjustUri('a.mjs', '/pages/x.mako')).toBe('/pages/a.mjs')
      expect(lookup.adjustUri('../b.mjs', '/pages/x.mako')).toBe('/b.mjs')
      expect(lookup.adjustUri('/b.mjs', '/pages/x.mako')).toBe('/b.mjs')
      expect(lookup.hasTemplate('/nope.mako')).toBe(false)
      const thrown = (fn: () => unknown): any => {
        try {
          fn()
        } catch (err) {
          return err
        }
        expect.unreachable()
      }
      // the Node API's class and message, for a missing template and for a uri above the root
      const missing = thrown(() => lookup.getTemplate('/nope.mako'))
      expect(missing).toBeInstanceOf(TemplateLookupException)
      const nodeMissing = thrown(() => new TemplateLookup().getTemplate('/nope.mako'))
      expect(missing.message).toBe(nodeMissing.message)
      expect(missing.uri).toBe('/nope.mako')
      const above = thrown(() => lookup.adjustUri('../../x.mako', '/pages/a.mako'))
      expect(above).toBeInstanceOf(TemplateLookupException)
      expect(above.message).toBe("Template uri '../../x.mako' resolves above the root of the lookup")
      const nodeAbove = thrown(() => new TemplateLookup().adjustUri('../../x.mako', '/pages/a.mako'))
      expect(above.message).toBe(nodeAbove.message)
      expect(thrown(() => lookup.getTemplate('/../x.mako'))).toBeInstanceOf(TemplateLookupException)
      expect(typeof lookup).toBe('function') // hoisted: importers inside an import cycle see it
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('static targets above the root', () => {
  const o = resolveOptions({ root: 'templates' }, { projectRoot: '/p', command: 'build', hmr: false })
  it('a relative file= that climbs above the root is the Node API\'s TemplateLookupException, at the tag', () => {
    let thrown: any
    try {
      compileTemplate('a\n  <%include file="../../x.mako"/>', '/p/templates/pages/a.mako', o, { ssr: true, hmr: false })
    } catch (err) {
      thrown = err
    }
    // (the plugin's sources here: the class of src/runtime, as the built plugin throws dist/runtime's)
    expect(thrown).toBeInstanceOf(SrcLookupException)
    expect(thrown.message).toBe("Template uri '../../x.mako' resolves above the root of the lookup (asked for by template '/pages/a.mako', line 2)")
    expect(toRollupError(thrown, '/p/templates/pages/a.mako').loc).toEqual({ file: '/p/templates/pages/a.mako', line: 2, column: 18 })
  })
  it('one that stays inside compiles', () => {
    expect(() => compileTemplate('<%inherit file="../base.mako"/><%namespace name="n" file="./lib/x.mako"/>', '/p/templates/pages/a.mako', o, { ssr: true, hmr: false })).not.toThrow()
    expect(climbsAboveRoot('/pages/a.mako', '../x.mako')).toBe(false)
    expect(climbsAboveRoot('/pages/a.mako', 'lib/../../x.mako')).toBe(false)
    expect(climbsAboveRoot('/pages/a.mako', 'lib/../../../x.mako')).toBe(true)
    expect(climbsAboveRoot('/a.mako', '../x.mako')).toBe(true)
  })
})

describe('errors', () => {
  it('a compile error becomes a Rollup error with loc and a frame', () => {
    let thrown: unknown
    try {
      compile('a\n<%def name="x()">\n', { uri: '/x.mako' })
    } catch (e) {
      thrown = e
    }
    const err = toRollupError(thrown, '/p/x.mako')
    expect(err.name).toBe('TemplateSyntaxError')
    expect(err.plugin).toBe('vite-plugin-mako')
    expect(err.id).toBe('/p/x.mako')
    expect(err.loc).toEqual({ file: '/p/x.mako', line: 2, column: 0 })
    expect(err.frame).toContain('2 | <%def name="x()">')
    expect(toOverlayPayload(err)).toMatchObject({ id: '/p/x.mako', loc: err.loc, plugin: 'vite-plugin-mako' })
  })

  it('the overlay shows one column: Vite\'s 0-based loc (file line, frame), the message without Mako\'s 1-based `char:`', () => {
    let thrown: any
    try {
      compile('a\n  ${x +}\n', { uri: '/x.mako' })
    } catch (e) {
      thrown = e
    }
    expect(thrown.message).toMatch(/at line: 2 char: 8$/)
    const err = toRollupError(thrown, '/p/x.mako')
    expect(err.loc).toEqual({ file: '/p/x.mako', line: 2, column: 7 })
    expect(err.message).toBe('Invalid JavaScript in expression: Unexpected token')
    // the caret of the frame stands under the column of loc
    const caret = err.frame!.split('\n').find((l) => l.includes('^'))!
    const code = err.frame!.split('\n').find((l) => l.startsWith('2 |'))!
    expect(caret.indexOf('^') - caret.indexOf('|')).toBe(code.indexOf('+') - code.indexOf('|') + 1)
  })

  it('an error without a position names the file', () => {
    const err = toRollupError(new Error('boom'), '/p/x.mako')
    expect(err.loc).toBeUndefined()
    expect(err.message).toBe('boom')
  })
})

describe('output memo', () => {
  const out = (body: string, t: number) => compile(body, { starttime: t, uri: '/a.mako' })
  it('keeps the starttime while the output is the same, moves it on a change or a bump', () => {
    const memo = new OutputMemo()
    expect(memo.serve('ssr', '/a', out('one', 1000))).toContain('starttime: 1000,')
    expect(memo.serve('ssr', '/a', out('one', 2000))).toContain('starttime: 1000,')
    expect(memo.unchanged('ssr', '/a', out('one', 3000))).toBe(true)
    expect(memo.serve('ssr', '/a', out('two', 3000))).toContain('starttime: 3000,')
    memo.bump('ssr', '/a')
    expect(memo.serve('ssr', '/a', out('two', 4000))).toContain('starttime: 4000,')
    expect(memo.serve('client', '/a', out('two', 5000))).toContain('starttime: 5000,')
  })

  it('compile() says where the starttime is; normalizing takes out only that; hmr ids are stable', () => {
    const a = out('b', 1765000000000)
    expect(a.meta.starttime).toBe(1765000000000)
    expect(a.code.slice(...a.meta.starttimeAt)).toBe('1765000000000')
    expect(normalizeOutput(a)).toBe(normalizeOutput(out('b', 1765000000001)))
    expect(normalizeOutput(a)).not.toBe(normalizeOutput(out('c', 1765000000000)))
    // text that looks like the starttime's line is output, not the starttime
    const lookalike = out('\n  starttime: 5,\n', 1765000000000)
    expect(normalizeOutput(lookalike)).toContain('starttime: 5,')
    expect(hmrId('/p/a.mako', '/p')).toBe(hmrId('/p/a.mako', '/p'))
    expect(hmrId('/p/a.mako', '/p')).not.toBe(hmrId('/p/b.mako', '/p'))
  })
})

describe('runtime import resolution', () => {
  it('asks the bundler once per environment and importing directory, and falls back to our runtime', async () => {
    const { default: mako } = await import('../../src/plugin/index.js')
    const plugin = mako() as any
    const handler = plugin.resolveId.handler
    const asked: string[] = []
    const ctx = (env: string, answer: unknown) => ({
      environment: { name: env },
      resolve: async (id: string, importer: string) => (asked.push(`${env} ${importer}`), answer),
    })
    const found = { id: '/nm/vite-plugin-mako/dist/runtime/index.js', external: true }
    const ssr = ctx('ssr', found)
    expect(await handler.call(ssr, 'vite-plugin-mako/runtime', '/p/t/a.mako', {})).toBe(found)
    expect(await handler.call(ssr, 'vite-plugin-mako/runtime', '/p/t/b.mako', {})).toBe(found)
    expect(await handler.call(ssr, 'vite-plugin-mako/runtime', '/p/u/c.mako', {})).toBe(found)
    expect(asked).toEqual(['ssr /p/t/a.mako', 'ssr /p/u/c.mako'])
    // another environment asks again; a bundler that can't resolve it gets our own runtime file
    const own = await handler.call(ctx('client', null), 'vite-plugin-mako/runtime', '/p/t/a.mako', {})
    expect(own).toMatch(/runtime[\\/]index\.(js|ts)$/)
    expect(asked).toHaveLength(3)
    // a new build (watch mode) asks again
    plugin.buildStart()
    await handler.call(ssr, 'vite-plugin-mako/runtime', '/p/t/a.mako', {})
    expect(asked).toHaveLength(4)
  })
})

describe('source maps in builds', () => {
  it('a Vite build without source maps gets none from the transform (same code); with them, and in dev, the map', async () => {
    const { default: mako } = await import('../../src/plugin/index.js')
    const dir = mkdtempSync(join(tmpdir(), 'mako-map-'))
    try {
      const file = join(dir, 'a.mako')
      const source = 'Hello ${name}\n% for x in items:\n<li>${x | h}</li>\n% endfor\n'
      const run = (command: 'build' | 'serve', sourcemap: unknown, environment = true) => {
        const plugin = mako({ dts: false }) as any
        plugin.configResolved({ root: dir, command, isProduction: command === 'build', server: { hmr: false, fs: {} } })
        const ctx = environment ? { environment: { name: 'ssr', config: { consumer: 'server', build: { sourcemap } } } } : {}
        return plugin.transform.handler.call(ctx, source, file, { ssr: true })
      }
      const none = run('build', false)
      expect(none.map).toBeNull()
      for (const withMap of [run('build', true), run('build', 'hidden'), run('serve', false), run('build', false, false)]) {
        expect(withMap.map.mappings).toBeTruthy()
        expect(withMap.code.replace(/starttime: \d+/, '')).toBe(none.code.replace(/starttime: \d+/, ''))
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
