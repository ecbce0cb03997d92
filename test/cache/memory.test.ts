// The memory backend: lru-cache bounded by entries and by characters, TTLs, configuration through cacheArgs and regions.

import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import {
  Cache, MemoryBackend, createMemoryBackend, configureCache, resetCacheConfig, type StorageCacheImpl,
} from '../../src/runtime/cache/index.js'
import { fakeOwner, manualClock } from './helpers.js'
import { storageContract, type ContractTarget } from './backend-contract.js'

afterEach(() => resetCacheConfig())

const env = (value: unknown) => ({ value, createdAt: Date.now() })

describe('MemoryBackend', () => {
  it('is synchronous and round-trips envelopes', () => {
    const b = new MemoryBackend()
    expect(b.async).toBe(false)
    const e = env('<p>x</p>')
    expect(b.set('k', e)).toBeUndefined()
    expect(b.get('k')).toBe(e)
    b.delete('k')
    expect(b.get('k')).toBeUndefined()
  })

  it('is bounded by entries (max), evicting the least recently used', () => {
    const b = new MemoryBackend({ max: 3 })
    b.set('a', env(1))
    b.set('b', env(2))
    b.set('c', env(3))
    b.get('a')
    b.set('d', env(4))
    expect(b.lru.size).toBe(3)
    expect(b.get('b')).toBeUndefined()
    expect(b.get('a')?.value).toBe(1)
    expect(b.get('d')?.value).toBe(4)
  })

  it('is bounded by characters (maxSize), and does not store an entry larger than the bound', () => {
    const b = new MemoryBackend({ maxSize: 100 })
    b.set('a', env('x'.repeat(40)))
    b.set('b', env('y'.repeat(40)))
    b.set('c', env('z'.repeat(40)))
    expect(b.lru.calculatedSize).toBeLessThanOrEqual(100)
    expect(b.get('a')).toBeUndefined()
    expect(b.get('c')?.value).toBe('z'.repeat(40))
    b.set('huge', env('h'.repeat(500)))
    expect(b.get('huge')).toBeUndefined()
    expect(b.get('c')).toBeDefined()
  })

  it('sizes non-string values by their JSON', () => {
    const b = new MemoryBackend({ maxSize: 50 })
    b.set('obj', env({ list: Array.from({ length: 30 }, (_, i) => i) }))
    expect(b.get('obj')).toBeUndefined()
    b.set('small', env({ a: 1 }))
    expect(b.get('small')?.value).toEqual({ a: 1 })
  })

  it('expires entries after their ttl (seconds) on its clock', () => {
    const clock = manualClock()
    const b = new MemoryBackend({ now: clock.now })
    b.set('k', env('v'), 2)
    b.set('forever', env('v'))
    clock.advance(1.5)
    expect(b.get('k')?.value).toBe('v')
    clock.advance(1)
    expect(b.get('k')).toBeUndefined()
    clock.advance(10_000)
    expect(b.get('forever')?.value).toBe('v')
  })

  it('applies a default ttl and a key prefix', () => {
    const clock = manualClock()
    const b = createMemoryBackend({ ttl: 1, prefix: 'app:', now: clock.now })
    b.set('k', env('v'))
    expect(b.lru.has('app:k')).toBe(true)
    clock.advance(2)
    expect(b.get('k')).toBeUndefined()
  })
})

describe('memory through the Cache', () => {
  it('takes max / maxSize from cacheArgs, a region, or configureCache({ memory })', () => {
    const viaArgs = new Cache(fakeOwner({ cacheArgs: { max: 7 } }))
    expect(((viaArgs.impl as StorageCacheImpl).backendFor({}) as MemoryBackend).lru.max).toBe(7)
    const viaRegion = new Cache(fakeOwner({ cacheRegions: { small: { type: 'memory', max: 5, maxSize: 1000 } } }))
    const small = (viaRegion.impl as StorageCacheImpl).backendFor({ region: 'small' }) as MemoryBackend
    expect(small.lru.max).toBe(5)
    expect(small.lru.maxSize).toBe(1000)
    configureCache({ memory: { max: 9 } })
    const viaConfig = new Cache(fakeOwner())
    expect(((viaConfig.impl as StorageCacheImpl).backendFor({}) as MemoryBackend).lru.max).toBe(9)
  })

  it('stores with ttl = timeout + grace, so the value outlives its freshness', () => {
    const clock = manualClock()
    const cache = new Cache(fakeOwner({ cacheArgs: { now: clock.now, grace: 30 } }))
    const backend = (cache.impl as StorageCacheImpl).backendFor({}) as MemoryBackend
    cache._ctxGetOrCreate('render_f', () => 'v', null, { timeout: 10 })
    const key = [...backend.lru.keys()].find((k) => k.endsWith(':render_f'))!
    expect(backend.lru.getRemainingTTL(key)).toBe(40_000)
  })

  it('keeps memory bounded when cache_* values change on every render (a prefix or a custom arg per tenant)', async () => {
    // a child process on dist with --expose-gc: heap after GC, after a warm-up and after
    // each batch of 3,000 distinct tenants (each was once a new LRU of its own, ~40 KB)
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--expose-gc', fileURLToPath(new URL('../fixtures/heap-worker.mjs', import.meta.url)),
    ], { env: { ...process.env, VALUES: '3000', BATCHES: '2' } })
    const { heap, entries } = JSON.parse(stdout.trim().split('\n').pop()!) as { heap: number[], entries: number }
    // the store is the template's (max 1000): full, shared by every prefix
    expect(entries).toBe(1000)
    expect(heap[1]! - heap[0]!).toBeLessThan(6)
    expect(heap[2]! - heap[1]!).toBeLessThan(2)
  })

  it('shares one store between every prefix and custom argument, and one backend per prefix', () => {
    const a = createMemoryBackend({ prefix: 'a:', max: 77 })
    const b = createMemoryBackend({ prefix: 'b:', max: 77 })
    expect(a.lru).toBe(b.lru)
    expect(createMemoryBackend({ prefix: 'a:', max: 77 })).toBe(a)
    const cache = new Cache(fakeOwner({ cacheArgs: { max: 77 } }))
    const impl = cache.impl as StorageCacheImpl
    expect(impl.backendFor({ shard: 'one' })).toBe(impl.backendFor({ shard: 'two' }))
    expect((impl.backendFor({ prefix: 't1:' }) as MemoryBackend).lru).toBe(a.lru)
  })

  it('evicts across templates sharing a bounded backend', () => {
    const owners = Array.from({ length: 4 }, () => new Cache(fakeOwner({ cacheArgs: { max: 2 } })))
    for (const c of owners) c.set('k', c.id)
    expect(owners.map((c) => c.get('k'))).toEqual([undefined, undefined, owners[2].id, owners[3].id])
  })
})

describe('memory backend contract', () => {
  const target: ContractTarget = {
    type: 'memory',
    make: (options) => Object.assign(new MemoryBackend(options), { close() {} }),
    factory: (args) => Object.assign(createMemoryBackend(args), { close() {} }),
    ttl: 0.3,
    lockLife: (ttlMs) => ttlMs,
  }
  storageContract(target, () => undefined)
})
