// The redis backend against a real redis-server on loopback: storage, locks, outages, several processes.

import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createClient } from 'redis'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { RedisBackend, createRedisBackend } from '../../src/runtime/cache/redis.js'
import { UNLOCKED_TOKEN_PREFIX } from '../../src/runtime/cache/remote.js'
import type { Envelope } from '../../src/runtime/cache/types.js'
import { describeWithService, freePort, startRedis, type Service } from '../services.js'
import { Template } from '../../src/index.js'
import {
  closeCacheBackends, configureCache, resetCacheConfig, storageGetOrCreate,
} from '../../src/runtime/cache/index.js'

const fixtures = new URL('../fixtures/', import.meta.url)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describeWithService('redis-server', 'redis backend', () => {
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

  async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms
    while (Date.now() < deadline) {
      if (await check()) return
      await sleep(50)
    }
    throw new Error('condition not met in time')
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

  it('round-trips envelopes through get, set and delete', async () => {
    const b = backend()
    expect(b.async).toBe(true)
    expect(await b.get('page')).toBeUndefined()
    const env: Envelope = { value: '<h1>hi</h1>', createdAt: 1_700_000_000_000 }
    await b.set('page', env)
    expect(await b.get('page')).toEqual(env)
    await b.set('obj', { value: { n: 1, list: ['a'] }, createdAt: 5 })
    expect(await b.get('obj')).toEqual({ value: { n: 1, list: ['a'] }, createdAt: 5 })
    await b.delete('page')
    expect(await b.get('page')).toBeUndefined()
    await b.delete('never-set')
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

  it('keeps prefixes apart and reads a foreign value as a miss', async () => {
    const a = backend({ prefix: 'a:' })
    const c = backend({ prefix: 'c:' })
    await a.set('same', { value: 'from a', createdAt: 1 })
    expect(await c.get('same')).toBeUndefined()
    await raw.set('c:v:same', 'not json {')
    expect(await c.get('same')).toBeUndefined()
    await raw.set('c:v:same', JSON.stringify({ value: 'no createdAt' }))
    expect(await c.get('same')).toBeUndefined()
    expect(await a.get('same')).toEqual({ value: 'from a', createdAt: 1 })
  })

  it('keeps entries across an app restart (a new client reads what the old one wrote)', async () => {
    const before = new RedisBackend({ url: server.url, prefix: 'restart:' })
    await before.set('page', { value: '<p>kept</p>', createdAt: 123 }, 60)
    await before.close()
    const after = backend({ prefix: 'restart:' })
    expect(await after.get('page')).toEqual({ value: '<p>kept</p>', createdAt: 123 })
  })

  it('expires entries after their ttl', async () => {
    const b = backend()
    await b.set('short', { value: 'x', createdAt: Date.now() }, 0.3)
    expect(await b.get('short')).toBeDefined()
    await sleep(450)
    expect(await b.get('short')).toBeUndefined()
  })

  it('takes long and unusual keys', async () => {
    const b = backend()
    const long = 'k'.repeat(2000) + ' ünïcode\n'
    await b.set(long, { value: 'long', createdAt: 1 })
    expect(await b.get(long)).toEqual({ value: 'long', createdAt: 1 })
    expect(await b.get('k'.repeat(2000))).toBeUndefined()
  })

  it('grants a lock to one owner at a time and lets only the owner release it', async () => {
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

  it('lets a lock lapse after its ttl (a crashed owner does not strand it)', async () => {
    const b = backend()
    expect(await b.acquireLock('crash', 200)).not.toBeNull()
    expect(await b.acquireLock('crash', 200)).toBeNull()
    await sleep(300)
    expect(await b.acquireLock('crash', 200)).not.toBeNull()
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

  it('shares one backend per configuration through the factory', async () => {
    const a = createRedisBackend({ url: server.url, prefix: 'f:' })
    const b = createRedisBackend({ url: server.url, prefix: 'f:', timeout: 60, region: 'long_term' })
    const c = createRedisBackend({ url: server.url, prefix: 'g:' })
    expect(a).toBe(b)
    expect(a).not.toBe(c)
    await a.set('k', { value: 'v', createdAt: 1 })
    expect(await b.get('k')).toEqual({ value: 'v', createdAt: 1 })
    await a.close()
    await c.close()
    expect(createRedisBackend({ url: server.url, prefix: 'f:' })).not.toBe(a)
    await createRedisBackend({ url: server.url, prefix: 'f:' }).close()
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
      // fail open: the caller creates the value itself
      expect(token!.startsWith(UNLOCKED_TOKEN_PREFIX)).toBe(true)
      await b.releaseLock('k', token!)
      await b.set('k2', { value: 'v', createdAt: 1 })
      await b.delete('k')
      expect(Date.now() - t).toBeLessThan(1500)
      // after a timeout, calls fail at once for retryInterval instead of each waiting
      t = Date.now()
      expect(await b.get('k2')).toBeUndefined()
      expect(Date.now() - t).toBeLessThan(50)
    } finally {
      server.resume()
    }
    // calls that timed out may still run once the server answers (here: the delete)
    await until(async () => {
      await b.set('k3', { value: 'back', createdAt: 1 })
      return (await b.get('k3')) !== undefined
    })
  }, 20_000)

  it('survives a killed server with fast misses, warns once per interval, reconnects after restart', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const b = new RedisBackend({ url: server.url, prefix: 'out:', callTimeout: 200, warnInterval: 60_000 })
      open.push(b)
      await b.set('k', { value: 'before', createdAt: 1 })
      expect(warn).not.toHaveBeenCalled()
      await server.stop('SIGKILL')
      await sleep(50)
      const t = Date.now()
      for (let i = 0; i < 20; i++) {
        expect(await b.get('k')).toBeUndefined()
        await b.set('k', { value: 'during', createdAt: 2 })
        expect((await b.acquireLock('k', 1000))!.startsWith(UNLOCKED_TOKEN_PREFIX)).toBe(true)
      }
      // not 60 timeouts: once the connection is known down, calls fail at once
      expect(Date.now() - t).toBeLessThan(2000)
      expect(warn).toHaveBeenCalledTimes(1)
      expect(String(warn.mock.calls[0]![0])).toMatch(/\[vite-plugin-mako\] redis cache .* failed, rendering uncached/)
      await server.start()
      await until(async () => {
        await b.set('k', { value: 'after', createdAt: 3 })
        return (await b.get('k'))?.value === 'after'
      })
    } finally {
      warn.mockRestore()
    }
  }, 30_000)

  it('starts while the server is down and connects once it is up', async () => {
    const port = await freePort()
    const b = backend({ url: `redis://127.0.0.1:${port}`, callTimeout: 200 })
    const t = Date.now()
    expect(await b.get('k')).toBeUndefined()
    expect(await b.get('k')).toBeUndefined()
    expect(Date.now() - t).toBeLessThan(1000)
    // the same backend against the live server recovers on its own once it can connect
    const live = backend({ callTimeout: 200 })
    await until(async () => {
      await live.set('k', { value: 'v', createdAt: 1 })
      return (await live.get('k')) !== undefined
    })
  }, 20_000)

  type Reply = { type: string, pid: number, value?: string, created?: boolean, message?: string }

  /** Forks `count` workers (fixtures/redis-worker.mjs), starts them at once, returns their answers. */
  async function race(mode: 'template' | 'storage', key: string, counterKey: string, count = 4): Promise<Reply[]> {
    const spawnWorker = () => fork(fileURLToPath(new URL('redis-worker.mjs', fixtures)), [], {
      execArgv: ['--import', fileURLToPath(new URL('ts-register.mjs', fixtures))],
      env: { ...process.env, MODE: mode, REDIS_URL: server.url, CACHE_KEY: key, COUNTER_KEY: counterKey, CREATE_MS: '300' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const workers = [spawnWorker()]
    // the first worker fills the transpile cache (fixtures/ts-hooks.mjs); the others then
    // start without TypeScript. The race itself begins only when all are ready.
    await new Promise<void>((resolve, reject) => {
      workers[0]!.on('message', (m: Reply) => { if (m.type === 'ready') resolve() })
      workers[0]!.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)))
    })
    for (let i = 1; i < count; i++) workers.push(spawnWorker())
    const replies = workers.map((w, i) => {
      const ready = i === 0 ? Promise.resolve() : new Promise<void>((resolve, reject) => {
        w.on('message', (m: Reply) => { if (m.type === 'ready') resolve() })
        w.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)))
      })
      const done = new Promise<Reply>((resolve, reject) => {
        w.on('message', (m: Reply) => { if (m.type === 'done' || m.type === 'error') resolve(m) })
        w.once('exit', (code) => reject(new Error(`worker exited with ${code} without an answer`)))
      })
      ready.catch(() => {})
      done.catch(() => {})
      return { ready, done }
    })
    try {
      await Promise.all(replies.map((r) => r.ready))
      for (const w of workers) w.send('go')
      return await Promise.all(replies.map((r) => r.done))
    } finally {
      for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL')
    }
  }

  it('renders a cold cached page once when several worker processes request it at the same moment', async () => {
    const key = `page-${Date.now()}`
    const results = await race('template', key, `counter:${key}`)
    for (const r of results) expect(r.type, r.message).toBe('done')
    expect(await raw.get(`counter:${key}`)).toBe('1')
    expect(results.filter((r) => r.created)).toHaveLength(1)
    expect(new Set(results.map((r) => r.value)).size).toBe(1)
    expect(results[0]!.value).toMatch(/^<main>rendered by \d+<\/main>$/)
    expect(await raw.keys('mp:lock:*')).toEqual([])
    expect(await raw.keys(`mp:v:${key}.mako:*`)).toHaveLength(1)
  }, 120_000)

  it('runs the creation once when several processes call storageGetOrCreate on the same cold key', async () => {
    const key = `cold-${Date.now()}`
    const results = await race('storage', key, `counter:${key}`)
    for (const r of results) expect(r.type, r.message).toBe('done')
    expect(await raw.get(`counter:${key}`)).toBe('1')
    expect(results.filter((r) => r.created)).toHaveLength(1)
    expect(new Set(results.map((r) => r.value)).size).toBe(1)
    expect(await raw.exists(`mp:lock:${key}`)).toBe(0)
  }, 120_000)

  it('loses no render when redis-server is killed and restarted mid-run', async () => {
    const b = backend({ callTimeout: 200, prefix: 'loop:' })
    const created: number[] = []
    const results: string[] = []
    const errors: unknown[] = []
    const N = 150
    for (let i = 0; i < N; i++) {
      if (i === 30) await server.stop('SIGKILL')
      if (i === 60) await server.start()
      const key = `page-${i % 5}`
      try {
        results.push(await storageGetOrCreate(b, key, async () => {
          created.push(i)
          return `<main>${key}</main>`
        }, { timeout: 60, lockTtl: 2000 }) as string)
      } catch (error) {
        errors.push(error)
      }
      await sleep(15)
    }
    expect(errors).toEqual([])
    expect(results).toHaveLength(N)
    results.forEach((value, i) => expect(value).toBe(`<main>page-${i % 5}</main>`))
    // before the outage: one creation per key; during it: every call renders uncached
    expect(created.filter((i) => i < 30)).toEqual([0, 1, 2, 3, 4])
    expect(created.filter((i) => i >= 30 && i < 60)).toHaveLength(30)
    // after the restart (and the client's reconnect) the cache fills again
    expect(created.filter((i) => i >= 60).length).toBeLessThan(N - 60)
    expect(created.filter((i) => i >= N - 10)).toEqual([])
  }, 60_000)

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

    it('renders every page when redis-server is killed and restarted mid-run', async () => {
      let n = 0
      const make = () => { n++; return 'x' }
      const t = new Template(source, { uri: 'outage.mako', async: true, cacheImpl: 'redis', cacheArgs: { url: server.url, prefix: 'tplout:' } })
      const made: number[] = []
      const N = 150
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
