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
  raw: {
    async set(b, kind, key, text) {
      const r = b as RedisBackend
      await (await raw(r.url)).set(kind === 'v' ? r.valueKey(key) : r.lockKey(key), text)
    },
    async get(b, kind, key) {
      const r = b as RedisBackend
      return (await (await raw(r.url)).get(kind === 'v' ? r.valueKey(key) : r.lockKey(key))) ?? undefined
    },
    async ttlMs(b, kind, key) {
      const r = b as RedisBackend
      return (await raw(r.url)).pTTL(kind === 'v' ? r.valueKey(key) : r.lockKey(key))
    },
    async close() {
      await rawClient?.close().catch(() => {})
      rawClient = undefined
    },
  },
  async liveClient(url) {
    // not connected: the backend connects a client handed over as it is
    const client = createClient({ url })
    return { client, isOpen: () => client.isOpen, close: () => client.close() }
  },
  badClients: [[{}, /node-redis client/], [{ getSlotRandomNode() {} }, /Cluster/]],
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
})

describeWithService('redis-server', 'redis backend specifics', () => {
  // (storage layout, locks, live clients and templates: the contract, backend-contract.ts)
  let server: Service
  let raw: ReturnType<typeof createClient>
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => { unhandled.push(reason) }

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled)
    server = await startRedis()
    raw = createClient({ url: server.url })
    raw.on('error', () => {})
    await raw.connect()
  }, 30_000)

  afterEach(() => {
    expect(unhandled).toEqual([])
  })

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled)
    await raw?.close().catch(() => {})
    await server?.dispose()
  })

  describe('through templates', () => {
    afterEach(async () => {
      resetCacheConfig()
      await closeCacheBackends()
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
  })
})
