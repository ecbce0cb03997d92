// The generic getOrCreate over StorageBackends: single flight, errors, locks across "processes", stale serving, fail open.

import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  Cache, MemoryBackend, configureCache, registerBackend, resetCacheConfig, storageGet, storageGetOrCreate, storageSet,
  type StorageCacheImpl,
} from '../../src/runtime/cache/index.js'
import { FakeAsyncBackend, ThrowingSyncBackend, counter, fakeOwner, manualClock, sleep } from './helpers.js'

afterEach(() => {
  resetCacheConfig()
  vi.restoreAllMocks()
})

/** An async creation that takes `ms` and counts its runs. */
function slowCreate(ms = 20, value = (n: number) => `made ${n}`) {
  const fn = Object.assign(async () => {
    fn.calls++
    const n = fn.calls
    await sleep(ms)
    return value(n)
  }, { calls: 0 })
  return fn
}

describe('single flight in the process', () => {
  it('runs the creation once for 100 concurrent misses of an async template on memory', async () => {
    const cache = new Cache(fakeOwner({}, { async: true }))
    const create = slowCreate()
    const results = await Promise.all(Array.from({ length: 100 }, () => cache._ctxGetOrCreate('render_body', create, null, {})))
    expect(create.calls).toBe(1)
    expect(new Set(results)).toEqual(new Set(['made 1']))
    // stored: a later call is a hit
    expect(await cache._ctxGetOrCreate('render_body', create, null, {})).toBe('made 1')
    expect(create.calls).toBe(1)
  })

  it('runs the creation once for 100 concurrent misses on an async backend, with one lock taken', async () => {
    const backend = new FakeAsyncBackend()
    const create = slowCreate()
    const results = await Promise.all(Array.from({ length: 100 }, () => storageGetOrCreate(backend, 'k', create, { timeout: 60 })))
    expect(create.calls).toBe(1)
    expect(new Set(results)).toEqual(new Set(['made 1']))
    expect(backend.calls.locked).toBe(1)
    expect(backend.calls.set).toBe(1)
    expect(backend.locks.size).toBe(0)
  })

  it('caches nothing when the creation throws, and every waiter sees the error', async () => {
    const cache = new Cache(fakeOwner({}, { async: true }))
    let calls = 0
    const failing = async () => {
      calls++
      await sleep(10)
      throw new Error('render failed')
    }
    const settled = await Promise.allSettled(Array.from({ length: 100 }, () => cache._ctxGetOrCreate('render_f', failing, null, {})))
    expect(calls).toBe(1)
    expect(settled.every((s) => s.status === 'rejected' && (s.reason as Error).message === 'render failed')).toBe(true)
    // no rejection was kept: the next call creates afresh and succeeds
    const ok = slowCreate(1)
    expect(await cache._ctxGetOrCreate('render_f', ok, null, {})).toBe('made 1')
    expect(ok.calls).toBe(1)
    expect(cache.get('render_f')).toBe('made 1')
  })

  it('releases the lock and stores nothing when the creation throws on an async backend', async () => {
    const backend = new FakeAsyncBackend()
    let calls = 0
    const failing = async () => {
      calls++
      await sleep(5)
      throw new Error('boom')
    }
    const settled = await Promise.allSettled(Array.from({ length: 20 }, () => storageGetOrCreate(backend, 'k', failing)))
    expect(calls).toBe(1)
    expect(settled.every((s) => s.status === 'rejected')).toBe(true)
    expect(backend.data.size).toBe(0)
    expect(backend.locks.size).toBe(0)
  })

  it('a sync creation error propagates synchronously and caches nothing', () => {
    const cache = new Cache(fakeOwner())
    expect(() => cache._ctxGetOrCreate('render_f', () => {
      throw new TypeError('bad')
    }, null, {})).toThrow(TypeError)
    expect(cache._ctxGetOrCreate('render_f', () => 'fine', null, {})).toBe('fine')
  })

  it('lets a sync creation re-enter the same key (a recursive cached def) without Promises', () => {
    const cache = new Cache(fakeOwner())
    let depth = 0
    const create = (): string => {
      depth++
      return depth < 3 ? `(${cache._ctxGetOrCreate('render_tree', create, null, {})})` : 'leaf'
    }
    expect(cache._ctxGetOrCreate('render_tree', create, null, {})).toBe('((leaf))')
  })
})

describe('freshness and stale serving', () => {
  it('serves the stale value while another caller in the process regenerates it', async () => {
    const clock = manualClock()
    const cache = new Cache(fakeOwner({ cacheArgs: { now: clock.now, timeout: 10 } }, { async: true }))
    expect(await cache._ctxGetOrCreate('render_f', async () => 'old', null, {})).toBe('old')
    clock.advance(11)
    const regen = slowCreate(30, () => 'new')
    const first = cache._ctxGetOrCreate('render_f', regen, null, {})
    await sleep(5)
    // the regeneration is running: others get the stale copy at once
    const second = await cache._ctxGetOrCreate('render_f', regen, null, {})
    expect(second).toBe('old')
    expect(await first).toBe('new')
    expect(await cache._ctxGetOrCreate('render_f', regen, null, {})).toBe('new')
    expect(regen.calls).toBe(1)
  })

  it('never serves an entry from before starttime, even as stale', async () => {
    const clock = manualClock()
    const owner = fakeOwner({ cacheArgs: { now: clock.now, timeout: 10 } }, { async: true, starttime: clock.t })
    const cache = new Cache(owner)
    await cache._ctxGetOrCreate('render_f', async () => 'before edit', null, {})
    clock.advance(1)
    owner.starttime = clock.t
    const regen = slowCreate(30, () => 'after edit')
    const results = await Promise.all([1, 2, 3].map(() => cache._ctxGetOrCreate('render_f', regen, null, {})))
    expect(results).toEqual(['after edit', 'after edit', 'after edit'])
    expect(regen.calls).toBe(1)
  })

  it('stores with backend expiry = timeout + grace (configurable), none without a timeout', async () => {
    const backend = new FakeAsyncBackend()
    await storageGetOrCreate(backend, 'a', async () => 1, { timeout: 60 })
    await storageGetOrCreate(backend, 'b', async () => 1, { timeout: 60, grace: 5 })
    await storageGetOrCreate(backend, 'c', async () => 1)
    configureCache({ grace: 1 })
    await storageSet(backend, 'd', 1, { timeout: 10 })
    expect(backend.ttls.get('a')).toBe(120)
    expect(backend.ttls.get('b')).toBe(65)
    expect(backend.ttls.get('c')).toBeUndefined()
    expect(backend.ttls.get('d')).toBe(11)
  })
})

describe('locks across processes', () => {
  it('serves the stale value when another process holds the lock', async () => {
    const clock = manualClock()
    const backend = new FakeAsyncBackend()
    backend.data.set('k', { value: 'stale', createdAt: clock.t })
    clock.advance(100)
    backend.locks.set('k', 'other-process')
    const create = slowCreate()
    expect(await storageGetOrCreate(backend, 'k', create, { timeout: 10, now: clock.now })).toBe('stale')
    expect(create.calls).toBe(0)
  })

  it('waits for the lock holder and reads its value instead of creating', async () => {
    const backend = new FakeAsyncBackend()
    backend.locks.set('k', 'other-process')
    setTimeout(() => {
      backend.data.set('k', { value: 'from the other process', createdAt: Date.now() })
      backend.locks.delete('k')
    }, 80)
    const create = slowCreate()
    const started = Date.now()
    expect(await storageGetOrCreate(backend, 'k', create, { lockTtl: 2000 })).toBe('from the other process')
    expect(create.calls).toBe(0)
    expect(Date.now() - started).toBeGreaterThanOrEqual(70)
  })

  it('creates itself once the lock ttl has passed without a value (a crashed holder)', async () => {
    const backend = new FakeAsyncBackend()
    // the crashed holder's lock lapses after its ttl, and this waiter takes it over
    await backend.acquireLock('k', 150, 'crashed-process')
    const create = slowCreate(1)
    const started = Date.now()
    expect(await storageGetOrCreate(backend, 'k', create, { lockTtl: 150 })).toBe('made 1')
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(create.calls).toBe(1)
    expect(backend.data.get('k')?.value).toBe('made 1')
  })

  it('keeps its lock alive while a creation outlasts the lock ttl', async () => {
    const backend = new FakeAsyncBackend()
    const create = slowCreate(400)
    const done = storageGetOrCreate(backend, 'k', create, { lockTtl: 120 })
    await sleep(300)
    // another process asking at 2.5 lock ttls finds it held
    expect(await backend.acquireLock('k', 120, 'other-process')).toBeNull()
    expect(await done).toBe('made 1')
    expect(backend.calls.extend).toBeGreaterThanOrEqual(2)
    expect(backend.locks.size).toBe(0)
    // the beat stops with the creation
    const extends_ = backend.calls.extend
    await sleep(150)
    expect(backend.calls.extend).toBe(extends_)
  })

  it('treats a lock call whose reply timed out as held, and finds it was its own when asking again', async () => {
    const backend = new FakeAsyncBackend()
    const real = backend.acquireLock.bind(backend)
    let lost = 1
    backend.acquireLock = async (key, ttl, token) => {
      // the command runs, but its reply comes too late
      const got = await real(key, ttl, token)
      if (lost-- > 0) throw Object.assign(new Error('lock took longer than 200 ms'), { lockUnknown: true })
      return got
    }
    const create = slowCreate()
    expect(await storageGetOrCreate(backend, 'k', create, { lockTtl: 5000 })).toBe('made 1')
    expect(create.calls).toBe(1)
    expect(backend.calls.locked).toBe(1)
    expect(backend.locks.size).toBe(0)
  })

  it('does not create when the lock state is unknown and another process holds it: waits for its value', async () => {
    const backend = new FakeAsyncBackend()
    backend.locks.set('k', 'other-process')
    const real = backend.acquireLock.bind(backend)
    backend.acquireLock = async (key, ttl, token) => {
      await real(key, ttl, token)
      throw Object.assign(new Error('lock took longer than 200 ms'), { lockUnknown: true })
    }
    setTimeout(() => {
      backend.data.set('k', { value: 'from the other process', createdAt: Date.now() })
      backend.locks.delete('k')
    }, 120)
    const create = slowCreate()
    expect(await storageGetOrCreate(backend, 'k', create, { lockTtl: 2000 })).toBe('from the other process')
    expect(create.calls).toBe(0)
  })

  it('reads again after winning the lock (double-checked) and does not create when the value just arrived', async () => {
    const backend = new FakeAsyncBackend()
    const realLock = backend.acquireLock.bind(backend)
    backend.acquireLock = async (key, ttl) => {
      // the previous holder stores its value right before we get the lock
      backend.data.set(key, { value: 'just stored', createdAt: Date.now() })
      return realLock(key, ttl)
    }
    const create = slowCreate()
    expect(await storageGetOrCreate(backend, 'k', create)).toBe('just stored')
    expect(create.calls).toBe(0)
    expect(backend.locks.size).toBe(0)
  })
})

describe('fail open', () => {
  it('renders uncached when a sync backend throws on get and set, reporting through onError', () => {
    registerBackend('broken', () => new ThrowingSyncBackend())
    const errors: string[] = []
    configureCache({ onError: (error, op) => errors.push(`${op}: ${error.message}`) })
    const cache = new Cache(fakeOwner({ cacheImpl: 'broken' }))
    const create = counter()
    expect(cache._ctxGetOrCreate('render_f', create, null, {})).toBe('v1')
    expect(cache._ctxGetOrCreate('render_f', create, null, {})).toBe('v2')
    expect(cache.get('k')).toBeUndefined()
    expect(() => cache.set('k', 1)).not.toThrow()
    expect(() => cache.invalidate('k')).not.toThrow()
    expect(errors).toEqual([
      'get: get exploded', 'set: set exploded', 'get: get exploded', 'set: set exploded',
      'get: get exploded', 'set: set exploded', 'delete: delete exploded',
    ])
  })

  it('renders uncached when an async backend rejects on get and set, with one rate-limited warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const backend = new FakeAsyncBackend()
    backend.failGet = true
    backend.failSet = true
    const create = slowCreate(1)
    expect(await storageGetOrCreate(backend, 'k', create, { warnInterval: 60_000 })).toBe('made 1')
    expect(await storageGetOrCreate(backend, 'k', create, { warnInterval: 60_000 })).toBe('made 2')
    expect(await storageGet(backend, 'k', { warnInterval: 60_000 })).toBeUndefined()
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0][0])).toMatch(/cache get failed, rendering uncached/)
  })

  it('falls back to the in-process single flight when taking the lock fails', async () => {
    const backend = new FakeAsyncBackend()
    backend.failLock = true
    const onError = vi.fn()
    const create = slowCreate()
    const results = await Promise.all(Array.from({ length: 50 }, () => storageGetOrCreate(backend, 'k', create, { onError })))
    expect(create.calls).toBe(1)
    expect(new Set(results)).toEqual(new Set(['made 1']))
    expect(onError).toHaveBeenCalledWith(expect.any(Error), 'lock')
    expect(backend.data.get('k')?.value).toBe('made 1')
  })

  it('a throwing onError does not break the render', () => {
    registerBackend('broken2', () => new ThrowingSyncBackend())
    configureCache({ onError: () => { throw new Error('reporter down') } })
    const cache = new Cache(fakeOwner({ cacheImpl: 'broken2' }))
    expect(cache._ctxGetOrCreate('render_f', () => 'ok', null, {})).toBe('ok')
  })

  it('reads a foreign (non-envelope) value as a miss', () => {
    const backend = new MemoryBackend()
    backend.lru.set('k', 'not an envelope' as never)
    expect(storageGetOrCreate(backend, 'k', () => 'created')).toBe('created')
  })
})

describe('sync path', () => {
  it('returns plain values from memory with a sync creation (no Promise anywhere)', () => {
    const cache = new Cache(fakeOwner())
    const impl = cache.impl as StorageCacheImpl
    const backend = impl.backendFor({})
    expect(backend.async).toBe(false)
    const out = storageGetOrCreate(backend, 'sync-k', () => 'v')
    expect(out).toBe('v')
    expect(storageGet(backend, 'sync-k')).toBe('v')
  })
})
