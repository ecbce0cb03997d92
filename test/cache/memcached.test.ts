// The memcached backend against a real memcached on loopback: the shared backend contract (backend-contract.ts), then what is memcached's own.

import memjs from 'memjs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  MAX_KEY_BYTES, MemcachedBackend, createMemcachedBackend, memcachedExpiry, memjsServers,
} from '../../src/runtime/cache/memcached.js'
import { describeWithService, startMemcached, type Service } from '../services.js'
import { Template } from '../../src/index.js'
import { closeCacheBackends, resetCacheConfig } from '../../src/runtime/cache/index.js'
import { coldStartContract, remoteContract, type ContractTarget } from './backend-contract.js'

const rawClients = new Map<string, memjs.Client>()
function rawClient(url: string): memjs.Client {
  let client = rawClients.get(url)
  if (!client) rawClients.set(url, (client = memjs.Client.create(memjsServers(url), { logger: { log: () => {} } })))
  return client
}
const target: ContractTarget = {
  type: 'memcached',
  start: startMemcached,
  make: (options) => new MemcachedBackend(options),
  factory: (args) => createMemcachedBackend(args),
  raw: {
    async set(b, kind, key, text) {
      const m = b as MemcachedBackend
      await rawClient(m.url).set(m.storageKey(kind, key), text, {})
    },
    async get(b, kind, key) {
      const m = b as MemcachedBackend
      const { value } = await rawClient(m.url).get(m.storageKey(kind, key))
      return value == null ? undefined : value.toString()
    },
    close() {
      for (const c of rawClients.values()) c.close()
      rawClients.clear()
    },
  },
  async liveClient(url) {
    const client = memjs.Client.create(memjsServers(url), { logger: { log: () => {} } })
    // memjs connects per request and has no open/closed state of its own: open until closed here
    let open = true
    return { client, isOpen: () => open, close: () => { open = false; client.close() } }
  },
  badClients: [[{}, /memjs Client/]],
  // memcached counts whole seconds on a clock that ticks once a second
  ttl: 1,
  lockLife: (ttlMs) => (Math.ceil(ttlMs / 1000) + 2) * 1000,
}

coldStartContract('memcached', 'memjs')

describeWithService('memcached', 'memcached backend contract', () => {
  remoteContract(target)
})

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

describeWithService('memcached', 'memcached backend specifics', () => {
  // (storage layout, locks, live clients and templates: the contract, backend-contract.ts)
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

  it('does not extend a lock that changed hands between the owner check and the write (CAS)', async () => {
    const client = memjs.Client.create(memjsServers(server.url), { logger: { log: () => {} } })
    const lockKey = 'casx:lock:page'
    const perform = client.perform.bind(client)
    client.perform = (key, request, seq, callback, retries) => {
      if (request[1] !== 0x01) return perform(key, request, seq, callback, retries)
      raw.set(lockKey, 'someone-else', { expires: 5 }).then(() => perform(key, request, seq, callback, retries), callback)
    }
    try {
      const b = new MemcachedBackend({ client, prefix: 'casx:' })
      const token = (await b.acquireLock('page', 5000))!
      expect(await b.extendLock('page', token, 5000)).toBe(false)
      expect(await rawGet(lockKey)).toBe('someone-else')
      client.perform = perform
      await raw.delete(lockKey)
      const mine = (await b.acquireLock('page', 5000))!
      expect(await b.extendLock('page', mine, 5000)).toBe(true)
      expect(await rawGet(lockKey)).toBe(mine)
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
      expect(await b.extendLock('x', 'nope', 5000)).toBe(false)
      expect(await b.extendLock('x', token, 5000)).toBe(true)
      expect(await b.acquireLock('x', 5000, token)).toBe(token)
      await b.releaseLock('x', token)
      expect(await rawGet('plain:lock:x')).toBeUndefined()
      await b.close()
    } finally {
      client.close()
    }
  })

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
  })
})
