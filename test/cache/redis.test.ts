// The redis backend against a real redis-server on loopback: the shared backend contract (backend-contract.ts), then what is Redis's own.

import { createClient } from 'redis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { RedisBackend, createRedisBackend } from '../../src/runtime/cache/redis.js'
import { UNLOCKED_TOKEN_PREFIX } from '../../src/runtime/cache/remote.js'
import { describeWithService, startRedis, type Service } from '../services.js'
import { Template } from '../../src/index.js'
import { closeCacheBackends, configureCache, resetCacheConfig } from '../../src/runtime/cache/index.js'
import { coldStartContract, remoteContract, type ContractTarget } from './backend-contract.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

let rawClient: ReturnType<typeof createClient> | undefined
let rawUrl = ''
async function raw(url: string): Promise<ReturnType<typeof createClient>> {
  if (!rawClient || rawUrl !== url || !rawClient.isOpen) {
    rawClient = createClient({ url })
    rawClient.on('error', () => {})
    rawUrl = url
    await rawClient.connect()
  }
  return rawClient
}

const target: ContractTarget = {
  type: 'redis',
  start: startRedis,
  make: (options) => new RedisBackend(options),
  factory: (args) => createRedisBackend(args),
  async rawSetValue(b, key, text) {
    const r = b as RedisBackend
    await (await raw(r.url)).set(r.valueKey(key), text)
  },
  ttl: 0.3,
  lockLife: (ttlMs) => ttlMs,
}

coldStartContract('redis', 'redis')

it('tells a slow server from a hung one: a lock call that timed out is unknown while replies still come, fail-open once the server is silent', async () => {
  let delay = 300
  const client = {
    isOpen: true, isReady: true, connect: async () => {}, on: () => client, removeListener: () => client,
    sendCommand: (args: string[]) => new Promise((resolve) => setTimeout(() => resolve(args[0] === 'EVAL' ? 1 : null), delay)),
  }
  const b = new RedisBackend({ client, callTimeout: 100, onError: () => {} })
  // slow: the reply comes at 300 ms, after the 100 ms timeout; the lock may be ours
  await expect(b.acquireLock('k', 1000)).rejects.toMatchObject({ lockUnknown: true })
  await sleep(250)
  await expect(b.acquireLock('k', 1000)).rejects.toMatchObject({ lockUnknown: true })
  await sleep(250)
  // hung: nothing comes back any more; after two call timeouts of silence the circuit
  // opens, the lock call fails open and the next calls fail at once
  delay = 3000
  expect(await b.get('k')).toBeUndefined()
  expect((await b.acquireLock('k', 1000))!.startsWith(UNLOCKED_TOKEN_PREFIX)).toBe(true)
  const t = Date.now()
  expect(await b.get('k')).toBeUndefined()
  // at once, not after another 100 ms timeout
  expect(Date.now() - t).toBeLessThan(90)
})


describeWithService('redis-server', 'redis backend contract', () => {
  remoteContract(target)
  afterAll(async () => {
    await rawClient?.close().catch(() => {})
    rawClient = undefined
  })
})

describeWithService('redis-server', 'redis backend specifics', () => {
  let server: Service
  let raw: ReturnType<typeof createClient>
  let open: RedisBackend[] = []
  let seq = 0
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => { unhandled.push(reason) }

  function backend(options: Record<string, unknown> = {}): RedisBackend {
    const b = new RedisBackend({ url: server.url, prefix: `t${++seq}:`, onError: () => {}, ...options })
    open.push(b)
    return b
  }

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled)
    server = await startRedis()
    raw = createClient({ url: server.url })
    raw.on('error', () => {})
    await raw.connect()
  }, 30_000)

  afterEach(async () => {
    await Promise.all(open.map((b) => b.close()))
    open = []
    if (!server.running) await server.start()
    expect(unhandled).toEqual([])
  })

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled)
    await raw?.close().catch(() => {})
    await server?.dispose()
  })

  it('stores a JSON envelope under the prefix, with the ttl as the key expiry', async () => {
    const b = backend({ prefix: 'app1:' })
    await b.set('k', { value: 'v', createdAt: 42 }, 90)
    expect(JSON.parse((await raw.get('app1:v:k'))!)).toEqual({ value: 'v', createdAt: 42 })
    const pttl = await raw.pTTL('app1:v:k')
    expect(pttl).toBeGreaterThan(89_000)
    expect(pttl).toBeLessThanOrEqual(90_000)
    await b.set('forever', { value: 'v', createdAt: 42 })
    expect(await raw.pTTL('app1:v:forever')).toBe(-1)
  })

  it('keeps the lock under <prefix>lock:<key> holding the owner token, with the ttl as its expiry', async () => {
    const b = backend({ prefix: 'lk:' })
    const other = backend({ prefix: 'lk:' })
    const token = await b.acquireLock('page', 5000)
    expect(typeof token).toBe('string')
    expect(token!.startsWith(UNLOCKED_TOKEN_PREFIX)).toBe(false)
    expect(await raw.get('lk:lock:page')).toBe(token)
    const pttl = await raw.pTTL('lk:lock:page')
    expect(pttl).toBeGreaterThan(4000)
    expect(await other.acquireLock('page', 5000)).toBeNull()
    expect(await b.acquireLock('page', 5000)).toBeNull()
    // a lock on another key is independent
    expect(await other.acquireLock('other', 5000)).not.toBeNull()
    // not the owner: nothing happens
    await other.releaseLock('page', 'f'.repeat(32))
    expect(await raw.get('lk:lock:page')).toBe(token)
    await b.releaseLock('page', token!)
    expect(await raw.get('lk:lock:page')).toBeNull()
    const next = await other.acquireLock('page', 5000)
    expect(next).not.toBeNull()
    expect(next).not.toBe(token)
    // the first owner's late release must not free the new owner's lock
    await b.releaseLock('page', token!)
    expect(await raw.get('lk:lock:page')).toBe(next)
  })

  it('uses a live client handed over (connecting it if needed) and leaves it open on close', async () => {
    const client = createClient({ url: server.url })
    const b = new RedisBackend({ client, prefix: 'live:' })
    await b.set('x', { value: 1, createdAt: 2 })
    expect(await b.get('x')).toEqual({ value: 1, createdAt: 2 })
    await b.close()
    expect(client.isOpen).toBe(true)
    expect(await client.get('live:v:x')).toBe(JSON.stringify({ value: 1, createdAt: 2 }))
    await client.close()
    expect(() => new RedisBackend({ client: {} })).toThrow(/node-redis client/)
    expect(() => new RedisBackend({ client: { getSlotRandomNode() {} } })).toThrow(/Cluster/)
  })

  describe('through templates', () => {
    afterEach(async () => {
      resetCacheConfig()
      await closeCacheBackends()
    })

    const source = '<%def name="frag()" cached="True" cache_timeout="60">frag ${make()}</%def><main>${frag()}</main>'

    it('serves fragments from redis across reconnections, and invalidates them there', async () => {
      let n = 0
      const make = () => `#${++n}`
      const t = new Template(source, { uri: 'shared.mako', async: true, cacheImpl: 'redis', cacheArgs: { url: server.url, prefix: 'tpl1:' } })
      expect(await t.render({ make })).toBe('<main>frag #1</main>')
      expect(await t.render({ make })).toBe('<main>frag #1</main>')
      const keys = await raw.keys('tpl1:v:shared.mako:*')
      expect(keys).toHaveLength(1)
      expect(JSON.parse((await raw.get(keys[0]!))!).value).toBe('frag #1')
      // a new connection (as after an app restart) still reads the stored fragment
      await closeCacheBackends()
      expect(await t.render({ make })).toBe('<main>frag #1</main>')
      expect(n).toBe(1)
      await t.cache.invalidateDef('frag')
      expect(await raw.keys('tpl1:v:shared.mako:*')).toEqual([])
      expect(await t.render({ make })).toBe('<main>frag #2</main>')
    })

    it('mixes a memory region and a redis region, with a live client from configureCache', async () => {
      const client = createClient({ url: server.url })
      client.on('error', () => {})
      await client.connect()
      try {
        configureCache({ regions: { long_term: { type: 'redis', client, prefix: 'region:' } } })
        let n = 0
        const make = () => ++n
        const t = new Template(
          '<%block name="short" cached="True" cache_region="short_term">S${make()}</%block>|' +
          '<%block name="long" cached="True" cache_region="long_term">L${make()}</%block>',
          { uri: 'regions.mako', async: true, cacheRegions: { short_term: { type: 'memory', expire: 60 }, long_term: { expire: 300 } } },
        )
        expect(await t.render({ make })).toBe('S1|L2')
        expect(await t.render({ make })).toBe('S1|L2')
        const keys = await raw.keys('region:v:regions.mako:*')
        expect(keys).toHaveLength(1)
        // the region's expire (300 s) plus the grace period became the key's expiry
        expect(await raw.pTTL(keys[0]!)).toBeGreaterThan(300_000)
        await closeCacheBackends()
        expect(client.isOpen).toBe(true)
      } finally {
        await client.close()
      }
    })

    it('refuses a sync template that caches in redis, naming the async option', () => {
      // at load, before any render (issue 6)
      expect(() => new Template('<%def name="f()" cached="True">x</%def>${f()}', {
        uri: 'sync.mako', cacheImpl: 'redis', cacheArgs: { url: server.url },
      })).toThrow(/async: true/)
    })
  })
})
