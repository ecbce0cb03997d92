// The memcached backend against a real memcached on loopback: storage, hashed keys, locks, outages.

import memjs from 'memjs'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  MAX_KEY_BYTES, MemcachedBackend, createMemcachedBackend, memcachedExpiry, memjsServers,
} from '../../src/runtime/cache/memcached.js'
import { UNLOCKED_TOKEN_PREFIX } from '../../src/runtime/cache/remote.js'
import type { Envelope } from '../../src/runtime/cache/types.js'
import { describeWithService, freePort, startMemcached, type Service } from '../services.js'
import { Template } from '../../src/index.js'
import { closeCacheBackends, resetCacheConfig, storageGetOrCreate } from '../../src/runtime/cache/index.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

it('maps urls and expiries to what memjs and memcached expect', () => {
  expect(memjsServers('memcached://127.0.0.1:11211')).toBe('127.0.0.1:11211')
  expect(memjsServers('memcached://u:p@a:1,b:2/')).toBe('u:p@a:1,b:2')
  expect(memjsServers('127.0.0.1:11211')).toBe('127.0.0.1:11211')
  expect(memcachedExpiry(undefined)).toBe(0)
  expect(memcachedExpiry(0)).toBe(0)
  expect(memcachedExpiry(0.2)).toBe(1)
  expect(memcachedExpiry(300)).toBe(300)
  // beyond 30 days memcached reads the number as a Unix time
  expect(memcachedExpiry(40 * 86400, 1_000_000_000_000)).toBe(1_000_000_000 + 40 * 86400)
})

it('hashes keys over 250 bytes or with whitespace, and only those', () => {
  const b = new MemcachedBackend({ prefix: 'app:' })
  expect(b.storageKey('v', 'page')).toBe('app:v:page')
  const short = 'x'.repeat(MAX_KEY_BYTES - 'app:v:'.length)
  expect(b.storageKey('v', short)).toBe(`app:v:${short}`)
  const long = b.storageKey('v', short + 'y')
  expect(long).toMatch(/^app:v#[A-Za-z0-9_-]{43}$/)
  expect(b.storageKey('v', short + 'z')).not.toBe(long)
  expect(b.storageKey('lock', short + 'y')).not.toBe(long)
  // bytes, not characters: 126 two-byte characters are 252 bytes
  expect(Buffer.byteLength(b.storageKey('v', 'é'.repeat(126)))).toBeLessThanOrEqual(MAX_KEY_BYTES)
  expect(b.storageKey('v', 'é'.repeat(126))).toMatch(/#/)
  expect(b.storageKey('v', 'a b')).toMatch(/^app:v#/)
  expect(b.storageKey('v', 'a\nb')).toMatch(/^app:v#/)
  expect(() => new MemcachedBackend({ prefix: 'p'.repeat(151) })).toThrow(RangeError)
})

describeWithService('memcached', 'memcached backend', () => {
  let server: Service
  let raw: memjs.Client
  let open: MemcachedBackend[] = []
  let seq = 0
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => { unhandled.push(reason) }

  function backend(options: Record<string, unknown> = {}): MemcachedBackend {
    const b = new MemcachedBackend({ url: server.url, prefix: `t${++seq}:`, onError: () => {}, ...options })
    open.push(b)
    return b
  }

  async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms
    while (Date.now() < deadline) {
      if (await check()) return
      await sleep(50)
    }
    throw new Error('condition not met in time')
  }

  async function rawGet(key: string): Promise<string | undefined> {
    const { value } = await raw.get(key)
    return value == null ? undefined : value.toString()
  }

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled)
    server = await startMemcached()
    raw = memjs.Client.create(memjsServers(server.url), { logger: { log: () => {} } })
  }, 30_000)

  afterEach(async () => {
    await Promise.all(open.map((b) => b.close()))
    open = []
    if (!server.running) await server.start()
    expect(unhandled).toEqual([])
  })

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled)
    raw?.close()
    await server?.dispose()
  })

  it('round-trips envelopes through get, set and delete', async () => {
    const b = backend()
    expect(b.async).toBe(true)
    expect(await b.get('page')).toBeUndefined()
    const env: Envelope = { value: '<h1>hi</h1>', createdAt: 1_700_000_000_000 }
    await b.set('page', env)
    expect(await b.get('page')).toEqual(env)
    await b.set('obj', { value: { n: 1, list: ['ü'] }, createdAt: 5 }, 60)
    expect(await b.get('obj')).toEqual({ value: { n: 1, list: ['ü'] }, createdAt: 5 })
    await b.delete('page')
    expect(await b.get('page')).toBeUndefined()
    await b.delete('never-set')
  })

  it('stores a JSON envelope under the prefix and reads a foreign value as a miss', async () => {
    const b = backend({ prefix: 'app1:' })
    await b.set('k', { value: 'v', createdAt: 42 }, 90)
    expect(JSON.parse((await rawGet('app1:v:k'))!)).toEqual({ value: 'v', createdAt: 42 })
    expect(await backend({ prefix: 'app2:' }).get('k')).toBeUndefined()
    await raw.set('app1:v:bad', 'not json {')
    expect(await b.get('bad')).toBeUndefined()
  })

  it('expires entries after their ttl (whole seconds)', async () => {
    const b = backend()
    await b.set('short', { value: 'x', createdAt: Date.now() }, 1)
    expect(await b.get('short')).toBeDefined()
    await sleep(2100)
    expect(await b.get('short')).toBeUndefined()
  }, 10_000)

  it('stores long keys under their hash, without collisions', async () => {
    const b = backend({ prefix: 'long:' })
    const base = 'k'.repeat(300)
    await b.set(base + 'a', { value: 'a', createdAt: 1 })
    await b.set(base + 'b', { value: 'b', createdAt: 1 })
    await b.set('with space', { value: 'space', createdAt: 1 })
    expect(await b.get(base + 'a')).toEqual({ value: 'a', createdAt: 1 })
    expect(await b.get(base + 'b')).toEqual({ value: 'b', createdAt: 1 })
    expect(await b.get('with space')).toEqual({ value: 'space', createdAt: 1 })
    expect(JSON.parse((await rawGet(b.storageKey('v', base + 'a')))!).value).toBe('a')
    await b.delete(base + 'a')
    expect(await b.get(base + 'a')).toBeUndefined()
    expect(await b.get(base + 'b')).toBeDefined()
  })

  it('grants a lock to one owner at a time and lets only the owner release it', async () => {
    const b = backend({ prefix: 'lk:' })
    const other = backend({ prefix: 'lk:' })
    const token = await b.acquireLock('page', 5000)
    expect(typeof token).toBe('string')
    expect(token!.startsWith(UNLOCKED_TOKEN_PREFIX)).toBe(false)
    expect(await rawGet('lk:lock:page')).toBe(token)
    expect(await other.acquireLock('page', 5000)).toBeNull()
    expect(await other.acquireLock('other', 5000)).not.toBeNull()
    await other.releaseLock('page', 'f'.repeat(32))
    expect(await rawGet('lk:lock:page')).toBe(token)
    await b.releaseLock('page', token!)
    expect(await rawGet('lk:lock:page')).toBeUndefined()
    const next = await other.acquireLock('page', 5000)
    expect(next).not.toBeNull()
    await b.releaseLock('page', token!)
    expect(await rawGet('lk:lock:page')).toBe(next)
  })

  it('leaves a lock alone that changed hands between the owner check and the delete (CAS)', async () => {
    const client = memjs.Client.create(memjsServers(server.url), { logger: { log: () => {} } })
    const lockKey = 'cas:lock:page'
    // another process takes the expired lock right after our GET, before our DELETE
    const perform = client.perform.bind(client)
    client.perform = (key, request, seq, callback, retries) => {
      if (request[1] !== 0x04) return perform(key, request, seq, callback, retries)
      raw.set(lockKey, 'someone-else').then(() => perform(key, request, seq, callback, retries), callback)
    }
    try {
      const b = new MemcachedBackend({ client, prefix: 'cas:' })
      const token = (await b.acquireLock('page', 5000))!
      await b.releaseLock('page', token)
      expect(await rawGet(lockKey)).toBe('someone-else')
      // without the interference the same path deletes
      client.perform = perform
      await raw.delete(lockKey)
      const mine = (await b.acquireLock('page', 5000))!
      await b.releaseLock('page', mine)
      expect(await rawGet(lockKey)).toBeUndefined()
    } finally {
      client.close()
    }
  })

  it('releases by owner only through a client without the low-level API too', async () => {
    const client = memjs.Client.create(memjsServers(server.url), { logger: { log: () => {} } })
    // only the documented commands: the release falls back to read-then-delete
    const plain = {
      get: (k: string) => client.get(k),
      set: (k: string, v: string, o?: { expires?: number }) => client.set(k, v, o ?? {}),
      add: (k: string, v: string, o?: { expires?: number }) => client.add(k, v, o ?? {}),
      delete: (k: string) => client.delete(k),
    }
    try {
      const b = new MemcachedBackend({ client: plain, prefix: 'plain:' })
      const token = (await b.acquireLock('x', 5000))!
      await b.releaseLock('x', 'nope')
      expect(await rawGet('plain:lock:x')).toBe(token)
      await b.releaseLock('x', token)
      expect(await rawGet('plain:lock:x')).toBeUndefined()
      await b.close()
    } finally {
      client.close()
    }
  })

  it('lets a lock lapse after its ttl (rounded up to seconds, plus one)', async () => {
    const b = backend()
    expect(await b.acquireLock('crash', 500)).not.toBeNull()
    await sleep(1000)
    expect(await b.acquireLock('crash', 500)).toBeNull()
    await sleep(2100)
    expect(await b.acquireLock('crash', 500)).not.toBeNull()
  }, 10_000)

  it('uses a live client handed over and leaves it open on close', async () => {
    const client = memjs.Client.create(memjsServers(server.url), { logger: { log: () => {} } })
    const b = new MemcachedBackend({ client, prefix: 'live:' })
    await b.set('x', { value: 1, createdAt: 2 })
    expect(await b.get('x')).toEqual({ value: 1, createdAt: 2 })
    await b.close()
    expect((await client.get('live:v:x')).value?.toString()).toBe(JSON.stringify({ value: 1, createdAt: 2 }))
    client.close()
    expect(() => new MemcachedBackend({ client: {} })).toThrow(/memjs Client/)
  })

  it('shares one backend per configuration through the factory', async () => {
    const a = createMemcachedBackend({ url: server.url, prefix: 'f:' })
    expect(createMemcachedBackend({ url: server.url, prefix: 'f:', timeout: 60 })).toBe(a)
    expect(createMemcachedBackend({ url: server.url, prefix: 'g:' })).not.toBe(a)
    await createMemcachedBackend({ url: server.url, prefix: 'g:' }).close()
    await a.close()
  })

  it('answers a hung server with misses within the call timeout', async () => {
    const b = backend({ callTimeout: 150 })
    await b.set('k', { value: 'v', createdAt: 1 })
    await server.pause()
    try {
      let t = Date.now()
      expect(await b.get('k')).toBeUndefined()
      expect(Date.now() - t).toBeLessThan(600)
      t = Date.now()
      const token = await b.acquireLock('k', 1000)
      expect(token!.startsWith(UNLOCKED_TOKEN_PREFIX)).toBe(true)
      await b.releaseLock('k', token!)
      await b.set('k2', { value: 'v', createdAt: 1 })
      expect(Date.now() - t).toBeLessThan(100)
    } finally {
      server.resume()
    }
    await until(async () => (await b.get('k')) !== undefined)
  }, 20_000)

  it('survives a killed server with fast misses, warns once per interval, reconnects after restart', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const b = new MemcachedBackend({ url: server.url, prefix: 'out:', callTimeout: 200, retryInterval: 300, warnInterval: 60_000 })
      open.push(b)
      await b.set('k', { value: 'before', createdAt: 1 })
      await server.stop('SIGKILL')
      const t = Date.now()
      for (let i = 0; i < 20; i++) {
        expect(await b.get('k')).toBeUndefined()
        await b.set('k', { value: 'during', createdAt: 2 })
        expect((await b.acquireLock('k', 1000))!.startsWith(UNLOCKED_TOKEN_PREFIX)).toBe(true)
      }
      expect(Date.now() - t).toBeLessThan(2000)
      expect(warn).toHaveBeenCalledTimes(1)
      expect(String(warn.mock.calls[0]![0])).toMatch(/\[vite-plugin-mako\] memcached cache .* failed, rendering uncached/)
      await server.start()
      await until(async () => {
        await b.set('k', { value: 'after', createdAt: 3 })
        return (await b.get('k'))?.value === 'after'
      })
    } finally {
      warn.mockRestore()
    }
  }, 30_000)

  it('starts while the server is down without waiting on it', async () => {
    const port = await freePort()
    const b = backend({ url: `memcached://127.0.0.1:${port}`, callTimeout: 200 })
    const t = Date.now()
    expect(await b.get('k')).toBeUndefined()
    expect(await b.acquireLock('k', 1000)).toMatch(new RegExp(`^${UNLOCKED_TOKEN_PREFIX}`))
    expect(Date.now() - t).toBeLessThan(600)
  })

  it('loses no render when memcached is killed and restarted mid-run', async () => {
    const b = backend({ callTimeout: 200, prefix: 'loop:', retryInterval: 200 })
    const created: number[] = []
    const results: string[] = []
    const N = 120
    for (let i = 0; i < N; i++) {
      if (i === 30) await server.stop('SIGKILL')
      if (i === 60) await server.start()
      const key = `page-${i % 5}`
      results.push(await storageGetOrCreate(b, key, async () => {
        created.push(i)
        return `<main>${key}</main>`
      }, { timeout: 60, lockTtl: 2000 }) as string)
      await sleep(15)
    }
    results.forEach((value, i) => expect(value).toBe(`<main>page-${i % 5}</main>`))
    expect(created.filter((i) => i < 30)).toEqual([0, 1, 2, 3, 4])
    expect(created.filter((i) => i >= 30 && i < 60)).toHaveLength(30)
    expect(created.filter((i) => i >= N - 10)).toEqual([])
  }, 60_000)

  describe('through templates', () => {
    afterEach(async () => {
      resetCacheConfig()
      await closeCacheBackends()
    })

    it("serves the seed's long_term region from memcached (Beaker's 'ext:memcached' spelling, url without scheme)", async () => {
      let n = 0
      const make = () => ++n
      const url = server.url.replace('memcached://', '')
      const t = new Template(
        '<%page cached="True" cache_region="short_term"/><%block name="header" cached="True" cache_region="long_term">H${make()}</%block>|${make()}',
        {
          uri: '/sometemplate.html', async: true,
          cacheRegions: { short_term: { type: 'memory', expire: 60 }, long_term: { type: 'ext:memcached', url, expire: 300, prefix: 'seed:' } },
        },
      )
      expect(await t.render({ make })).toBe('H1|2')
      expect(await t.render({ make })).toBe('H1|2')
      // the page body came from memory; drop it and the header still comes from memcached
      await t.cache.invalidateBody()
      expect(await t.render({ make })).toBe('H1|3')
      await t.cache.invalidateDef('header', { region: 'long_term' })
      await t.cache.invalidateBody()
      expect(await t.render({ make })).toBe('H4|5')
    })

    it('renders every page when memcached is killed and restarted mid-run', async () => {
      let n = 0
      const make = () => { n++; return 'x' }
      const t = new Template('<%def name="frag()" cached="True" cache_timeout="60">frag ${make()}</%def><main>${frag()}</main>', {
        uri: 'outage.mako', async: true, cacheImpl: 'memcached', cacheArgs: { url: server.url, prefix: 'tplout:', retryInterval: 200 },
      })
      const made: number[] = []
      const N = 120
      for (let i = 0; i < N; i++) {
        if (i === 30) await server.stop('SIGKILL')
        if (i === 60) await server.start()
        const before = n
        expect(await t.render({ make })).toBe('<main>frag x</main>')
        if (n > before) made.push(i)
        await sleep(15)
      }
      expect(made.filter((i) => i < 30)).toEqual([0])
      expect(made.filter((i) => i >= 30 && i < 60)).toHaveLength(30)
      expect(made.filter((i) => i >= N - 10)).toEqual([])
    }, 60_000)
  })
})
