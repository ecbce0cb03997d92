// Caching through real templates (compiled at run time): the seed chapter's examples in this project's JS spelling.

import { afterEach, describe, expect, it } from 'vitest'
import { Template } from '../../src/index.js'
import {
  CacheImpl, configureCache, registerBackend, registerCacheImpl, resetCacheConfig, type CacheArgs, type StorageBackend,
} from '../../src/runtime/cache/index.js'
import { manualClock, sleep } from './helpers.js'

afterEach(() => resetCacheConfig())

/** Render data with a counter: `${next()}` shows how often a fragment was really rendered. */
function counting() {
  let n = 0
  return { next: () => ++n, get count() { return n } }
}

describe('cached callables', () => {
  it('caches the page body (<%page cached="True"/>) until invalidateBody()', () => {
    const t = new Template('<%page cached="True"/>hello ${name} ${next()}')
    const c = counting()
    expect(t.render({ name: 'ed', next: c.next })).toBe('hello ed 1')
    expect(t.render({ name: 'jack', next: c.next })).toBe('hello ed 1')
    t.cache.invalidateBody()
    expect(t.render({ name: 'jack', next: c.next })).toBe('hello jack 2')
    t.cache.invalidate_body()
    expect(t.render({ name: 'jill', next: c.next })).toBe('hello jill 3')
  })

  it('caches a def (<%def name="mycomp" cached="True" cache_timeout="60">) until invalidateDef()', () => {
    const t = new Template('<%def name="mycomp()" cached="True" cache_timeout="60">other text ${next()}</%def>${mycomp()}|${mycomp()}')
    const c = counting()
    expect(t.render({ next: c.next })).toBe('other text 1|other text 1')
    expect(t.render({ next: c.next })).toBe('other text 1|other text 1')
    t.cache.invalidateDef('mycomp')
    expect(t.render({ next: c.next })).toBe('other text 2|other text 2')
    expect(c.count).toBe(2)
  })

  it('a hit served from the remembered entries still sees invalidate, set, a cleared store and an eviction', () => {
    const t = new Template('<%def name="row(r)" cached="True" cache_key="row-${r}">${r}:${next()}</%def>${row(1)}${row(2)}')
    const c = counting()
    expect(t.render({ next: c.next })).toBe('1:12:2')
    for (let i = 0; i < 5; i++) expect(t.render({ next: c.next })).toBe('1:12:2')
    t.cache.invalidate('row-1')
    expect(t.render({ next: c.next })).toBe('1:32:2')
    t.cache.set('row-2', 'two')
    expect(t.render({ next: c.next })).toBe('1:3two')
    ;(t.cache.impl as any).backendFor({}).clear()
    expect(t.render({ next: c.next })).toBe('1:42:5')
    // a store of two entries: a third key evicts the least recently used
    const small = new Template('<%def name="row(r)" cached="True" cache_key="row-${r}">${r}:${next()}</%def>${row(a)}${row(b)}', { cacheArgs: { max: 2 } })
    const d = counting()
    expect(small.render({ a: 1, b: 2, next: d.next })).toBe('1:12:2')
    expect(small.render({ a: 1, b: 2, next: d.next })).toBe('1:12:2')
    expect(small.render({ a: 3, b: 3, next: d.next })).toBe('3:33:3')
    expect(small.render({ a: 1, b: 2, next: d.next })).not.toBe('1:12:2')
  })

  it('expires a def after cache_timeout seconds', () => {
    // ahead of the template's starttime (its compile time): entries made on this clock count as newer
    const clock = manualClock(Date.now() + 60_000)
    configureCache({ now: clock.now })
    const t = new Template('<%def name="f()" cached="True" cache_timeout="60">${next()}</%def>${f()}')
    const c = counting()
    expect(t.render({ next: c.next })).toBe('1')
    clock.advance(59)
    expect(t.render({ next: c.next })).toBe('1')
    clock.advance(2)
    expect(t.render({ next: c.next })).toBe('2')
  })

  it('caches named and anonymous blocks (<%block cached="True" cache_timeout="60">)', () => {
    const t = new Template('<%block name="header" cached="True">H${next()}</%block>|<%block cached="True" cache_timeout="60">A${next()}</%block>|${next()}')
    const c = counting()
    expect(t.render({ next: c.next })).toBe('H1|A2|3')
    expect(t.render({ next: c.next })).toBe('H1|A2|4')
    t.cache.invalidateDef('header')
    expect(t.render({ next: c.next })).toBe('H5|A2|6')
  })

  it('caches a nested def under its own name (invalidateClosure)', () => {
    const t = new Template('<%def name="outer()"><%def name="inner()" cached="True">in${next()}</%def>[${inner()}]</%def>${outer()}')
    const c = counting()
    expect(t.render({ next: c.next })).toBe('[in1]')
    expect(t.render({ next: c.next })).toBe('[in1]')
    t.cache.invalidateClosure('inner')
    expect(t.render({ next: c.next })).toBe('[in2]')
  })

  it('keys by cache_key with ${} (default: the name, so arguments are not part of the key)', () => {
    const byName = new Template('<%def name="g(a)" cached="True">g${a}</%def>${g(1)} ${g(2)}')
    expect(byName.render()).toBe('g1 g1')
    const byKey = new Template('<%def name="g(a)" cached="True" cache_key="${prefix}_${a}">g${a}:${next()}</%def>${g(1)} ${g(2)} ${g(1)}')
    const c = counting()
    expect(byKey.render({ prefix: 'p', next: c.next })).toBe('g1:1 g2:2 g1:1')
    expect(byKey.cache.get('p_2')).toBe('g2:2')
  })

  // KNOWN COMPILER BUG (codegen pullForCacheKey returns before re-binding the def's
  // parameters when the key reads only parameters): remove `.fails` once fixed.
  it('keys by a cache_key that reads only the def arguments', () => {
    const t = new Template('<%def name="g(a)" cached="True" cache_key="g_${a}">g${a}</%def>${g(1)} ${g(2)} ${g(1)}')
    expect(t.render()).toBe('g1 g2 g1')
  })

  it('caches per inheriting page with cache_key="${self.filename}" (the seed example)', () => {
    const lookup = {
      templates: new Map<string, Template>(),
      getTemplate(uri: string) {
        return this.templates.get(uri)!
      },
    }
    const base = new Template('<%page cached="True" cache_key="${self.filename}"/>[${next.body()}]', { uri: '/base.mako', lookup })
    lookup.templates.set('/base.mako', base)
    const a = new Template('<%inherit file="/base.mako"/>A${count()}', { uri: '/a.mako', filename: '/a.mako', lookup })
    const b = new Template('<%inherit file="/base.mako"/>B${count()}', { uri: '/b.mako', filename: '/b.mako', lookup })
    const c = counting()
    expect(a.render({ count: c.next })).toBe('[A1]')
    expect(b.render({ count: c.next })).toBe('[B2]')
    expect(a.render({ count: c.next })).toBe('[A1]')
    expect(b.render({ count: c.next })).toBe('[B2]')
  })

  // KNOWN COMPILER BUG: the cached wrapper does not pull the names a `${}` cached="..."
  // reads (ReferenceError: useCache is not defined). Remove `.fails` once fixed.
  it('lets a ${} cached="..." turn caching on and off per render', () => {
    const t = new Template('<%def name="f()" cached="${useCache}">${next()}</%def>${f()}')
    const c = counting()
    expect(t.render({ useCache: true, next: c.next })).toBe('1')
    expect(t.render({ useCache: true, next: c.next })).toBe('1')
    expect(t.render({ useCache: false, next: c.next })).toBe('2')
  })

  // KNOWN RUNTIME BUG (runtime/template.ts cached()): the value is captured from what the
  // callable writes, but a buffered def returns its output instead, so '' is cached. Remove `.fails` once fixed.
  it('returns the cached value of a buffered def', () => {
    const t = new Template('<%def name="f()" cached="True" buffered="True">b${next()}</%def>${f()}${f()}')
    const c = counting()
    expect(t.render({ next: c.next })).toBe('b1b1')
  })

  it('cacheEnabled: false renders every time', () => {
    const t = new Template('<%page cached="True"/>${next()}', { cacheEnabled: false })
    const c = counting()
    expect(t.render({ next: c.next })).toBe('1')
    expect(t.render({ next: c.next })).toBe('2')
  })
})

describe('the cache object in templates', () => {
  it('local.cache.set / get / invalidate in a template, seen through template.cache', () => {
    const t = new Template(
      '<% local.cache.set("somekey", "somevalue", { type: "memory" }) %>${local.cache.get("somekey")}' +
      '|${local.cache.id === self.uri}|${typeof local.cache.starttime}')
    expect(t.render()).toBe('somevalue|true|number')
    expect(t.cache.get('somekey', { type: 'memory' })).toBe('somevalue')
    t.cache.invalidate('somekey')
    expect(t.cache.get('somekey')).toBeUndefined()
    expect(t.cache.starttime).toBeGreaterThan(0)
  })

  it('uses regions from the cacheRegions option (page short_term, block long_term) and invalidates in them', () => {
    // ahead of the template's starttime (its compile time): entries made on this clock count as newer
    const clock = manualClock(Date.now() + 60_000)
    configureCache({ now: clock.now })
    const t = new Template(
      '<%page cached="True" cache_region="short_term"/>' +
      'page${next()}|<%block name="header" cached="True" cache_region="long_term">header${next()}</%block>',
      { cacheRegions: { short_term: { type: 'memory', expire: 60 }, long_term: { type: 'memory', expire: 300, max: 1000 } } },
    )
    const c = counting()
    expect(t.render({ next: c.next })).toBe('page1|header2')
    clock.advance(61)
    // the page is rendered again; the block inside it still comes from long_term
    expect(t.render({ next: c.next })).toBe('page3|header2')
    t.cache.invalidateDef('header')
    t.cache.invalidateBody()
    expect(t.render({ next: c.next })).toBe('page4|header5')
    expect(t.cache.get('render_header', { region: 'long_term' })).toBe('header5')
    expect(t.cache.get('render_header')).toBeUndefined()
  })

  it('passes page-level cache_* to every cached callable, tag values override, template cacheArgs under both', () => {
    const seen: CacheArgs[] = []
    class Recorder extends CacheImpl {
      m = new Map<string, unknown>()
      override getOrCreate(key: string, createFn: () => unknown, opts: CacheArgs) {
        seen.push({ key, ...opts })
        if (!this.m.has(key)) this.m.set(key, createFn())
        return this.m.get(key)
      }
    }
    registerCacheImpl('tpl-recorder', Recorder)
    const t = new Template(
      '<%page cache_timeout="30" cache_region="r"/><%def name="f()" cached="True" cache_timeout="5" cache_foo="${bar}">f</%def>${f()}',
      { cacheImpl: 'tpl-recorder', cacheArgs: { url: 'x', timeout: 99 } },
    )
    expect(t.render({ bar: 'B' })).toBe('f')
    expect(seen).toEqual([{ key: 'render_f', url: 'x', timeout: 5, region: 'r', foo: 'B' }])
  })

  it('selects the seed SimpleCacheImpl with cacheImpl: "simple"', () => {
    class SimpleCacheImpl extends CacheImpl {
      _cache = new Map<string, unknown>()
      override getOrCreate(key: string, createFn: () => unknown) {
        if (this._cache.has(key)) return this._cache.get(key)
        const value = createFn()
        this._cache.set(key, value)
        return value
      }
      override set(key: string, value: unknown) {
        this._cache.set(key, value)
      }
      override get(key: string) {
        return this._cache.get(key)
      }
      override invalidate(key: string) {
        this._cache.delete(key)
      }
    }
    registerCacheImpl('simple', SimpleCacheImpl)
    const t = new Template('<%page cached="True"/>${next()}', { cacheImpl: 'simple' })
    const c = counting()
    expect(t.render({ next: c.next })).toBe('1')
    expect(t.render({ next: c.next })).toBe('1')
    expect(t.cache.impl).toBeInstanceOf(SimpleCacheImpl)
    expect((t.cache.impl as SimpleCacheImpl)._cache.get('render_body')).toBe('1')
  })

  it('hands the render context to an impl with passContext', () => {
    const contexts: unknown[] = []
    class CtxImpl extends CacheImpl {
      override passContext = true
      override getOrCreate(_key: string, createFn: () => unknown, opts: CacheArgs) {
        contexts.push((opts.context as { get(k: string): unknown }).get('who'))
        return createFn()
      }
    }
    registerCacheImpl('tpl-ctx', CtxImpl)
    const t = new Template('<%def name="f()" cached="True">x</%def>${f()}', { cacheImpl: 'tpl-ctx' })
    t.render({ who: 'ed' })
    expect(contexts).toEqual(['ed'])
  })
})

describe('async templates', () => {
  it('renders a cached def once for concurrent renders', async () => {
    let renders = 0
    const slow = async () => {
      renders++
      await sleep(20)
      return 'slow'
    }
    const t = new Template('<%def name="f()" cached="True">${await slow()}</%def>${f()}', { async: true })
    const out = await Promise.all(Array.from({ length: 50 }, () => t.render({ slow })))
    expect(new Set(out)).toEqual(new Set(['slow']))
    expect(renders).toBe(1)
  })

  it('uses an async backend from an async template, and refuses it in a sync one naming the option', async () => {
    const data = new Map<string, unknown>()
    const backend: StorageBackend = {
      async: true,
      get: async (k) => data.get(k) as never,
      set: async (k, v) => { data.set(k, v) },
      delete: async (k) => { data.delete(k) },
    }
    registerBackend('tpl-async', () => backend)
    const src = '<%def name="f()" cached="True" cache_type="tpl-async">${next()}</%def>${f()}'
    const c = counting()
    const t = new Template(src, { async: true })
    expect(await t.render({ next: c.next })).toBe('1')
    expect(await t.render({ next: c.next })).toBe('1')
    expect(data.size).toBe(1)
    expect(() => new Template(src).render({ next: c.next })).toThrow(/async: true/)
  })
})
