// The Cache facade and CacheImpl plugins against fake template owners: the seed chapter's API in JS spelling.

import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import {
  Cache, CacheImpl, MemoryBackend, StorageCacheImpl, configureCache, findCacheImpl, registerBackend, registerCacheImpl,
  resetCacheConfig, type CacheArgs,
} from '../../src/runtime/cache/index.js'
import { counter, fakeOwner, manualClock } from './helpers.js'

afterEach(() => resetCacheConfig())

// The seed chapter's SimpleCacheImpl, in JS.
class SimpleCacheImpl extends CacheImpl {
  _cache = new Map<string, unknown>()
  static made = 0

  constructor(cache: Cache) {
    super(cache)
    SimpleCacheImpl.made++
  }

  override getOrCreate(key: string, createFn: () => unknown): unknown {
    if (this._cache.has(key)) return this._cache.get(key)
    const value = createFn()
    this._cache.set(key, value)
    return value
  }

  override set(key: string, value: unknown): void {
    this._cache.set(key, value)
  }

  override get(key: string): unknown {
    return this._cache.get(key)
  }

  override invalidate(key: string): void {
    this._cache.delete(key)
  }
}
registerCacheImpl('simple', SimpleCacheImpl)

/** Records every call with the exact options it received. */
class RecordingImpl extends CacheImpl {
  calls: { op: string, key: string, opts: CacheArgs }[] = []
  store = new Map<string, unknown>()

  override getOrCreate(key: string, createFn: () => unknown, opts: CacheArgs): unknown {
    this.calls.push({ op: 'getOrCreate', key, opts })
    if (!this.store.has(key)) this.store.set(key, createFn())
    return this.store.get(key)
  }

  override set(key: string, value: unknown, opts: CacheArgs): void {
    this.calls.push({ op: 'set', key, opts })
    this.store.set(key, value)
  }

  override get(key: string, opts: CacheArgs): unknown {
    this.calls.push({ op: 'get', key, opts })
    return this.store.get(key)
  }

  override invalidate(key: string, opts: CacheArgs): void {
    this.calls.push({ op: 'invalidate', key, opts })
    this.store.delete(key)
  }
}
registerCacheImpl('recording', RecordingImpl)

describe('Cache facade (memory, the default)', () => {
  it('sets, gets, puts and invalidates arbitrary keys', () => {
    const cache = new Cache(fakeOwner())
    expect(cache.get('somekey')).toBeUndefined()
    cache.set('somekey', 'somevalue', { type: 'memory' })
    expect(cache.get('somekey')).toBe('somevalue')
    cache.put('other', { a: 1 })
    expect(cache.get('other')).toEqual({ a: 1 })
    cache.invalidate('somekey')
    expect(cache.get('somekey')).toBeUndefined()
    expect(cache.get('other')).toEqual({ a: 1 })
  })

  it('exposes id, starttime (read live from the owner) and a lazily made impl', () => {
    const owner = fakeOwner({}, { starttime: 1234 })
    const cache = new Cache(owner)
    expect(cache.id).toBe(owner.id)
    expect(cache.starttime).toBe(1234)
    owner.starttime = 5678
    expect(cache.starttime).toBe(5678)
    expect(cache.impl).toBeInstanceOf(StorageCacheImpl)
    expect(cache.impl).toBe(cache.impl)
  })

  it('getOrCreate runs the creation once, synchronously, and never hands a sync caller a Promise', () => {
    const cache = new Cache(fakeOwner())
    const create = counter()
    const a = cache.getOrCreate('k', create)
    const b = cache.get_or_create('k', create)
    expect(a).toBe('v1')
    expect(b).toBe('v1')
    expect(create.calls).toBe(1)
    const c = cache._ctxGetOrCreate('render_f', create, {}, {})
    expect(typeof c).toBe('string')
    expect(create.calls).toBe(2)
  })

  it('expires values after timeout (seconds), judged from createdAt with the injected clock', () => {
    const clock = manualClock()
    const cache = new Cache(fakeOwner({ cacheArgs: { now: clock.now } }))
    const create = counter()
    expect(cache._ctxGetOrCreate('render_f', create, null, { timeout: 60 })).toBe('v1')
    clock.advance(59)
    expect(cache._ctxGetOrCreate('render_f', create, null, { timeout: 60 })).toBe('v1')
    clock.advance(2)
    expect(cache._ctxGetOrCreate('render_f', create, null, { timeout: 60 })).toBe('v2')
    expect(create.calls).toBe(2)
    // get judges with the timeout it is given
    clock.advance(30)
    expect(cache.get('render_f', { timeout: 10 })).toBeUndefined()
    expect(cache.get('render_f', { timeout: 60 })).toBe('v2')
  })

  it('takes the template-level cacheArgs timeout, overridden by the tag value', () => {
    const clock = manualClock()
    const cache = new Cache(fakeOwner({ cacheArgs: { now: clock.now, timeout: 10 } }))
    const a = counter()
    const b = counter()
    cache._ctxGetOrCreate('render_a', a, null, {})
    cache._ctxGetOrCreate('render_b', b, null, { timeout: 100 })
    clock.advance(11)
    cache._ctxGetOrCreate('render_a', a, null, {})
    cache._ctxGetOrCreate('render_b', b, null, { timeout: 100 })
    expect(a.calls).toBe(2)
    expect(b.calls).toBe(1)
  })

  it('treats entries created before the owner starttime as misses (Mako starttime rule)', () => {
    const clock = manualClock()
    const owner = fakeOwner({ cacheArgs: { now: clock.now } }, { starttime: clock.t })
    const cache = new Cache(owner)
    const create = counter()
    cache._ctxGetOrCreate('render_body', create, null, {})
    cache._ctxGetOrCreate('render_body', create, null, {})
    expect(create.calls).toBe(1)
    // a hot update: the template was recompiled after the entry was made
    clock.advance(5)
    owner.starttime = clock.t
    expect(cache.get('render_body')).toBeUndefined()
    expect(cache._ctxGetOrCreate('render_body', create, null, {})).toBe('v2')
    expect(cache._ctxGetOrCreate('render_body', create, null, {})).toBe('v2')
    expect(create.calls).toBe(2)
  })

  it('namespaces keys by template id and digest: another digest starts clean, the old one stays warm', () => {
    const owner = fakeOwner()
    const cache = new Cache(owner)
    cache.set('k', 'old build')
    owner.digest = 'd2'
    expect(cache.get('k')).toBeUndefined()
    cache.set('k', 'new build')
    owner.digest = 'd1'
    expect(cache.get('k')).toBe('old build')
    // another template with the same key does not see it
    const other = new Cache(fakeOwner())
    expect(other.get('k')).toBeUndefined()
  })

  it('gives a second template object of the same id and digest a clean namespace, even with the same starttime', () => {
    const first = fakeOwner({}, { starttime: 1000 })
    const a = new Cache(first)
    a.set('render_body', 'from the first object')
    const b = new Cache({ ...first, options: {} })
    expect(b.get('render_body')).toBeUndefined()
    b.set('render_body', 'from the second')
    // another Cache over the first object is the same template: it sees its entries
    expect(new Cache(first).get('render_body')).toBe('from the first object')
    expect(a.get('render_body')).toBe('from the first object')
  })

  it('shares one default memory backend between templates, keyed apart', () => {
    const a = new Cache(fakeOwner())
    const b = new Cache(fakeOwner())
    const ia = a.impl as StorageCacheImpl
    const ib = b.impl as StorageCacheImpl
    expect(ia.backendFor({})).toBe(ib.backendFor({}))
    expect(ia.backendFor({})).toBeInstanceOf(MemoryBackend)
  })

  it('cacheEnabled: false calls the creation function every time (and configureCache({ enabled: false }) too)', () => {
    const cache = new Cache(fakeOwner({ cacheEnabled: false }))
    const create = counter()
    expect(cache._ctxGetOrCreate('render_body', create, null, {})).toBe('v1')
    expect(cache._ctxGetOrCreate('render_body', create, null, {})).toBe('v2')
    expect(cache.getOrCreate('x', create)).toBe('v3')

    const on = new Cache(fakeOwner())
    const c2 = counter()
    on._ctxGetOrCreate('render_body', c2, null, {})
    configureCache({ enabled: false })
    on._ctxGetOrCreate('render_body', c2, null, {})
    resetCacheConfig()
    on._ctxGetOrCreate('render_body', c2, null, {})
    expect(c2.calls).toBe(2)
  })

  it('follows a hot update that replaces the options (regions, cacheImpl)', () => {
    const owner = fakeOwner({ cacheRegions: { r: { type: 'memory', max: 11 } } })
    const cache = new Cache(owner)
    expect(((cache.impl as StorageCacheImpl).backendFor({ region: 'r' }) as MemoryBackend).lru.max).toBe(11)
    owner.options = { cacheRegions: { r: { type: 'memory', max: 12 } } }
    expect(((cache.impl as StorageCacheImpl).backendFor({ region: 'r' }) as MemoryBackend).lru.max).toBe(12)
    owner.options = { cacheImpl: 'simple' }
    expect(cache.impl).toBeInstanceOf(SimpleCacheImpl)
  })

  it("uses a StorageCacheImpl subclass's own getOrCreate in sync renders too", () => {
    class Wrapped extends StorageCacheImpl {
      override getOrCreate(key: string, createFn: () => unknown, opts: CacheArgs) {
        return `[${super.getOrCreate(key, createFn, opts) as string}]`
      }
    }
    registerCacheImpl('wrapped', Wrapped)
    const cache = new Cache(fakeOwner({ cacheImpl: 'wrapped' }))
    expect(cache._ctxGetOrCreate('k', () => 'v', null, {})).toBe('[v]')
  })

  it('an unknown region is an error naming it', () => {
    const cache = new Cache(fakeOwner())
    expect(() => cache._ctxGetOrCreate('render_f', counter(), null, { region: 'nowhere' })).toThrow(/region 'nowhere' is not configured/)
  })
})

describe('regions', () => {
  const regions = () => ({
    short_term: { type: 'memory', expire: 60 },
    // a memory stand-in for the seed's memcached/redis long_term region, configured apart
    long_term: { type: 'memory', expire: 300, max: 500 },
  })

  it('chooses the backend and expiry by region', () => {
    const clock = manualClock()
    const cache = new Cache(fakeOwner({ cacheArgs: { now: clock.now }, cacheRegions: regions() }))
    const impl = cache.impl as StorageCacheImpl
    const shortB = impl.backendFor({ region: 'short_term' })
    const longB = impl.backendFor({ region: 'long_term' })
    expect(longB).not.toBe(shortB)
    expect((longB as MemoryBackend).lru.max).toBe(500)

    const page = counter()
    const header = counter()
    const render = () => [
      cache._ctxGetOrCreate('render_body', page, null, { region: 'short_term' }),
      cache._ctxGetOrCreate('render_header', header, null, { region: 'long_term' }),
    ]
    expect(render()).toEqual(['v1', 'v1'])
    clock.advance(61)
    expect(render()).toEqual(['v2', 'v1'])
    clock.advance(240)
    expect(render()).toEqual(['v3', 'v2'])
    // the value lives in the long_term backend only
    expect(cache.get('render_header', { region: 'long_term' })).toBe('v2')
    expect(cache.get('render_header')).toBeUndefined()
  })

  it('lets a tag timeout override the region expire, and the region override template cacheArgs', () => {
    const clock = manualClock()
    const cache = new Cache(fakeOwner({ cacheArgs: { now: clock.now, timeout: 5 }, cacheRegions: regions() }))
    const inRegion = counter()
    const tagged = counter()
    cache._ctxGetOrCreate('a', inRegion, null, { region: 'short_term' })
    cache._ctxGetOrCreate('b', tagged, null, { region: 'short_term', timeout: 2 })
    clock.advance(3)
    cache._ctxGetOrCreate('a', inRegion, null, { region: 'short_term' })
    cache._ctxGetOrCreate('b', tagged, null, { region: 'short_term', timeout: 2 })
    expect(inRegion.calls).toBe(1) // region expire 60 beats cacheArgs timeout 5
    expect(tagged.calls).toBe(2) // tag timeout 2 beats region expire 60
  })

  it('ignores undefined tag values (cache_timeout="${t}" with t unset) instead of erasing the region expire', () => {
    const clock = manualClock()
    const cache = new Cache(fakeOwner({ cacheArgs: { now: clock.now }, cacheRegions: regions() }))
    const create = counter()
    cache._ctxGetOrCreate('a', create, null, { region: 'short_term', timeout: undefined })
    cache._ctxGetOrCreate('b', create, null, { region: 'short_term', timeout: Number(undefined) })
    clock.advance(61)
    cache._ctxGetOrCreate('a', create, null, { region: 'short_term', timeout: undefined })
    cache._ctxGetOrCreate('b', create, null, { region: 'short_term', timeout: Number(undefined) })
    expect(create.calls).toBe(4)
  })

  it('invalidateBody / invalidateDef / invalidateClosure use the region the callable was cached with', () => {
    const cache = new Cache(fakeOwner({ cacheRegions: regions() }))
    const body = counter()
    const def = counter()
    const closure = counter()
    const run = () => [
      cache._ctxGetOrCreate('render_body', body, null, { region: 'short_term' }),
      cache._ctxGetOrCreate('render_header', def, null, { region: 'long_term' }),
      cache._ctxGetOrCreate('inner', closure, null, { region: 'long_term' }),
    ]
    run()
    run()
    expect([body.calls, def.calls, closure.calls]).toEqual([1, 1, 1])
    cache.invalidateDef('header')
    run()
    expect([body.calls, def.calls, closure.calls]).toEqual([1, 2, 1])
    cache.invalidate_closure('inner')
    run()
    expect([body.calls, def.calls, closure.calls]).toEqual([1, 2, 2])
    cache.invalidateBody()
    run()
    expect([body.calls, def.calls, closure.calls]).toEqual([2, 2, 2])
    // a plain invalidate without the region misses the long_term entry
    cache.invalidate('render_header')
    run()
    expect(def.calls).toBe(2)
    cache.invalidate_def('header')
    cache.invalidate_body()
    run()
    expect([body.calls, def.calls]).toEqual([3, 3])
  })

  it('takes regions (and live objects) from configureCache, merged over the template ones', () => {
    const live = { some: 'client' }
    const seen: Record<string, unknown>[] = []
    registerBackend('probe', (args) => {
      seen.push(args)
      return new MemoryBackend()
    })
    configureCache({ regions: { long_term: { type: 'probe', expire: 300 } }, probe: { client: live } })
    const cache = new Cache(fakeOwner({ cacheRegions: { long_term: { type: 'memory', url: 'x://y' } } }))
    cache.set('k', 1, { region: 'long_term' })
    expect(cache.get('k', { region: 'long_term' })).toBe(1)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toEqual({ client: live, url: 'x://y' })
    expect(seen[0].client).toBe(live)
  })

  it('accepts Beaker spelling ext:memcached as a type name', () => {
    registerBackend('beakerish', () => new MemoryBackend())
    const cache = new Cache(fakeOwner({ cacheRegions: { r: { type: 'ext:beakerish' } } }))
    cache.set('k', 'v', { region: 'r' })
    expect(cache.get('k', { region: 'r' })).toBe('v')
  })
})

describe('CacheImpl plugins', () => {
  it('registers the seed SimpleCacheImpl and selects it with cacheImpl: "simple", once per Cache', () => {
    const before = SimpleCacheImpl.made
    const cache = new Cache(fakeOwner({ cacheImpl: 'simple' }))
    expect(cache.impl).toBeInstanceOf(SimpleCacheImpl)
    const create = counter()
    expect(cache._ctxGetOrCreate('render_body', create, null, {})).toBe('v1')
    expect(cache._ctxGetOrCreate('render_body', create, null, {})).toBe('v1')
    expect(create.calls).toBe(1)
    cache.set('somekey', 'somevalue')
    expect(cache.get('somekey')).toBe('somevalue')
    cache.invalidateBody()
    expect(cache._ctxGetOrCreate('render_body', create, null, {})).toBe('v2')
    expect(SimpleCacheImpl.made - before).toBe(1)
    expect((cache.impl as SimpleCacheImpl)._cache.get('render_body')).toBe('v2')
  })

  it('passes exactly the merged cacheArgs and tag values, region as an ordinary option', () => {
    const cache = new Cache(fakeOwner({ cacheImpl: 'recording', cacheArgs: { a: 1, timeout: 10, region: 'r1' } }))
    const impl = cache.impl as RecordingImpl
    cache._ctxGetOrCreate('render_f', () => 'x', { ctx: true }, { timeout: 5, region: 'r2', extra: 'e' })
    expect(impl.calls[0]).toEqual({ op: 'getOrCreate', key: 'render_f', opts: { a: 1, timeout: 5, region: 'r2', extra: 'e' } })
    cache.set('k', 1, { type: 'memory' })
    expect(impl.calls[1].opts).toEqual({ a: 1, timeout: 10, region: 'r1', type: 'memory' })
    cache.invalidateDef('f')
    expect(impl.calls[2]).toEqual({ op: 'invalidate', key: 'render_f', opts: { a: 1, timeout: 5, region: 'r2', extra: 'e' } })
    cache.invalidateClosure('never_ran')
    expect(impl.calls[3]).toEqual({ op: 'invalidate', key: 'never_ran', opts: { a: 1, timeout: 10, region: 'r1' } })
  })

  it('adds the render context when passContext is true, read on every call', () => {
    const cache = new Cache(fakeOwner({ cacheImpl: 'recording' }))
    const impl = cache.impl as RecordingImpl
    const ctx = { i: 'am the context' }
    cache._ctxGetOrCreate('a', () => 1, ctx, {})
    impl.passContext = true
    cache._ctxGetOrCreate('b', () => 1, ctx, {})
    impl.passContext = false
    cache._ctxGetOrCreate('c', () => 1, ctx, {})
    expect('context' in impl.calls[0].opts).toBe(false)
    expect(impl.calls[1].opts.context).toBe(ctx)
    expect('context' in impl.calls[2].opts).toBe(false)
  })

  it('honours passContext declared as a subclass field or getter', () => {
    class FieldImpl extends RecordingImpl {
      override passContext = true
    }
    class GetterImpl extends RecordingImpl {
      // @ts-expect-error TypeScript forbids an accessor over a property; plain JS plugins may do it
      override get passContext() {
        return true
      }
    }
    registerCacheImpl('field-ctx', FieldImpl)
    registerCacheImpl('getter-ctx', GetterImpl)
    for (const name of ['field-ctx', 'getter-ctx']) {
      const cache = new Cache(fakeOwner({ cacheImpl: name }))
      cache._ctxGetOrCreate('a', () => 1, 'CTX', {})
      expect((cache.impl as RecordingImpl).calls[0].opts.context).toBe('CTX')
    }
  })

  it("accepts Mako's snake_case get_or_create, and a default getOrCreate over get/set", () => {
    class SnakeImpl extends CacheImpl {
      m = new Map<string, unknown>()
      get_or_create(key: string, createFn: () => unknown): unknown {
        if (!this.m.has(key)) this.m.set(key, `snake:${createFn()}`)
        return this.m.get(key)
      }
    }
    class GetSetImpl extends CacheImpl {
      m = new Map<string, unknown>()
      override get(key: string) {
        return this.m.get(key)
      }
      override set(key: string, value: unknown) {
        this.m.set(key, value)
      }
    }
    registerCacheImpl('snake', SnakeImpl)
    registerCacheImpl('getset', GetSetImpl)
    const snake = new Cache(fakeOwner({ cacheImpl: 'snake' }))
    const create = counter()
    expect(snake._ctxGetOrCreate('k', create, null, {})).toBe('snake:v1')
    expect(snake.getOrCreate('k', create)).toBe('snake:v1')
    const getset = new Cache(fakeOwner({ cacheImpl: 'getset' }))
    const c2 = counter()
    expect(getset._ctxGetOrCreate('k', c2, null, {})).toBe('v1')
    expect(getset._ctxGetOrCreate('k', c2, null, {})).toBe('v1')
    expect(c2.calls).toBe(1)
  })

  it('gives access to impl-specific methods through cache.impl', () => {
    class SpecialImpl extends SimpleCacheImpl {
      doSomethingSpecial() {
        return `special:${this.cache.id}`
      }
    }
    registerCacheImpl('special', SpecialImpl)
    const cache = new Cache(fakeOwner({ cacheImpl: 'special' }))
    expect((cache.impl as SpecialImpl).doSomethingSpecial()).toBe(`special:${cache.id}`)
  })

  it('an unregistered cacheImpl is an error that says how to register it', () => {
    const cache = new Cache(fakeOwner({ cacheImpl: 'nope' }))
    expect(() => cache._ctxGetOrCreate('k', counter(), null, {})).toThrow(/registerCacheImpl\('nope', ImplClass\)/)
    expect(() => cache.impl).toThrow(/not registered/)
  })

  it.skipIf(findCacheImpl('redis') !== undefined)('names the import for redis when its backend is not loaded', () => {
    const cache = new Cache(fakeOwner({ cacheImpl: 'redis' }))
    expect(() => cache.get('k')).toThrow(/import 'vite-plugin-mako\/cache\/redis'/)
  })

  it('an async backend in a sync template is an error naming the async option; async templates get a Promise', async () => {
    registerBackend('fakeasync', () => ({
      async: true,
      get: async () => undefined,
      set: async () => {},
      delete: async () => {},
    }))
    const sync = new Cache(fakeOwner({ cacheRegions: { far: { type: 'fakeasync' } } }))
    expect(() => sync._ctxGetOrCreate('render_f', counter(), null, { region: 'far' })).toThrow(/async: true/)
    // memory regions of the same template stay usable
    expect(sync._ctxGetOrCreate('render_g', counter(), null, {})).toBe('v1')
    const asyncOwner = new Cache(fakeOwner({ cacheImpl: 'fakeasync' }, { async: true }))
    const out = asyncOwner._ctxGetOrCreate('render_f', async () => 'made', null, {})
    expect(out).toBeInstanceOf(Promise)
    await expect(out).resolves.toBe('made')
  })

  it('a custom impl returning a Promise in a sync template is an error naming the async option', () => {
    class PromiseImpl extends CacheImpl {
      override getOrCreate() {
        return Promise.resolve('later')
      }
    }
    registerCacheImpl('promising', PromiseImpl)
    const cache = new Cache(fakeOwner({ cacheImpl: 'promising' }))
    expect(() => cache._ctxGetOrCreate('k', counter(), null, {})).toThrow(/async: true/)
  })

  it('loads a cacheImpl module specifier itself in an async template (default-exported class)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mako-impl-'))
    const file = join(dir, 'impl.mjs')
    writeFileSync(file, `
      export let made = 0
      export default class DictImpl {
        constructor(cache) { this.cache = cache; this.m = new Map(); made++ }
        getOrCreate(key, createFn) {
          if (!this.m.has(key)) this.m.set(key, Promise.resolve(createFn()).then((v) => 'mod:' + v))
          return this.m.get(key)
        }
        get(key) { return this.m.get(key) }
        set(key, value) { this.m.set(key, value) }
        invalidate(key) { this.m.delete(key) }
      }
    `)
    const spec = pathToFileURL(file).href
    const syncCache = new Cache(fakeOwner({ cacheImpl: spec }))
    expect(() => syncCache._ctxGetOrCreate('k', counter(), null, {})).toThrow(/registerCacheImpl/)

    const cache = new Cache(fakeOwner({ cacheImpl: spec }, { async: true }))
    const create = counter()
    await expect(cache._ctxGetOrCreate('k', create, null, {})).resolves.toBe('mod:v1')
    await expect(cache._ctxGetOrCreate('k', create, null, {})).resolves.toBe('mod:v1')
    expect(create.calls).toBe(1)
    // registered now: sync templates may use it from here on
    expect(findCacheImpl(spec)).toBeDefined()
    expect(syncCache.impl.constructor.name).toBe('DictImpl')
  })
})
