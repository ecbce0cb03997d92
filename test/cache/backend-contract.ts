// The contract every storage backend keeps (memory, redis, memcached): one suite, run by memory.test.ts, redis.test.ts and memcached.test.ts.
//
// Network backends run against a real server on loopback (test/services.ts): storage,
// locks (owner checks, idempotent retry, keep-alive), outages (hung, killed, not started),
// and several worker processes racing for one key (test/fixtures/lock-worker.mjs, on dist).

import { execFile, fork, type ChildProcess } from 'node:child_process'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { UNLOCKED_TOKEN_PREFIX } from '../../src/runtime/cache/remote.js'
import type { Envelope, StorageBackend } from '../../src/runtime/cache/types.js'
import { Template } from '../../src/index.js'
import { closeCacheBackends, resetCacheConfig, storageGetOrCreate } from '../../src/runtime/cache/index.js'
import { freePort, type Service } from '../services.js'
import { soak } from '../../bench/soak.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

type Backend = StorageBackend & { close(): Promise<void> | void }

export interface ContractTarget {
  type: 'memory' | 'redis' | 'memcached'
  /** starts the server of a network backend */
  start?: () => Promise<Service>
  /** a new backend (not pooled) with these options; `url` is the server's unless given */
  make(options: Record<string, unknown>): Backend
  /** the type's pooling factory (`createRedisBackend`...) */
  factory(args: Record<string, unknown>): Backend
  /** the store itself, past the backend (network backends): where `backend` keeps the value or lock of `key` */
  raw?: {
    set(backend: Backend, kind: 'v' | 'lock', key: string, text: string): Promise<void>
    get(backend: Backend, kind: 'v' | 'lock', key: string): Promise<string | undefined>
    /** ms the entry has left (-1: no expiry), where the store tells (Redis's PTTL; memcached does not) */
    ttlMs?(backend: Backend, kind: 'v' | 'lock', key: string): Promise<number>
    close(): Promise<void> | void
  }
  /** a connected client of the type's library for `url`, to hand over as `client` (network backends) */
  liveClient?(url: string): Promise<{ client: unknown; isOpen(): boolean; close(): Promise<void> | void }>
  /** values `client` rejects, each with the message that names what it wants */
  badClients?: [unknown, RegExp][]
  /** the shortest expiry, in seconds, the store honours to within 150 ms */
  ttl: number
  /** ms a lock lives at least; memcached rounds up to seconds, plus one */
  lockLife(ttlMs: number): number
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check()) return
    await sleep(50)
  }
  throw new Error('condition not met in time')
}

/** The storage half of the contract: every backend, memory included. */
export function storageContract(target: ContractTarget, url: () => string | undefined): void {
  let open: Backend[] = []
  let seq = 0
  const backend = (options: Record<string, unknown> = {}): Backend => {
    const b = target.make({ url: url(), prefix: `c${++seq}:`, onError: () => {}, ...options })
    open.push(b)
    return b
  }
  afterEach(async () => {
    await Promise.all(open.map((b) => b.close()))
    open = []
  })

  it('round-trips envelopes through get, set and delete', async () => {
    const b = backend()
    expect(b.async).toBe(target.type !== 'memory')
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

  it('keeps prefixes apart', async () => {
    const a = backend({ prefix: 'a:' })
    const c = backend({ prefix: 'c:' })
    await a.set('same', { value: 'from a', createdAt: 1 })
    expect(await c.get('same')).toBeUndefined()
    expect(await a.get('same')).toEqual({ value: 'from a', createdAt: 1 })
  })

  it('expires entries after their ttl', async () => {
    const b = backend()
    await b.set('short', { value: 'x', createdAt: Date.now() }, target.ttl)
    expect(await b.get('short')).toBeDefined()
    // memcached's clock ticks once a second: an expiry of n seconds ends within n + 1
    await sleep(target.ttl * 1000 + (target.type === 'memcached' ? 1100 : 150))
    expect(await b.get('short')).toBeUndefined()
  }, 10_000)

  it('takes long and unusual keys, without collisions', async () => {
    const b = backend()
    const base = 'k'.repeat(2000)
    await b.set(base + 'a', { value: 'a', createdAt: 1 })
    await b.set(base + 'b', { value: 'b', createdAt: 1 })
    await b.set('with space ünïcode\n', { value: 'space', createdAt: 1 })
    expect(await b.get(base + 'a')).toEqual({ value: 'a', createdAt: 1 })
    expect(await b.get(base + 'b')).toEqual({ value: 'b', createdAt: 1 })
    expect(await b.get(base)).toBeUndefined()
    expect(await b.get('with space ünïcode\n')).toEqual({ value: 'space', createdAt: 1 })
    await b.delete(base + 'a')
    expect(await b.get(base + 'a')).toBeUndefined()
    expect(await b.get(base + 'b')).toBeDefined()
  })

  it('shares one backend per configuration through the factory', async () => {
    const a = target.factory({ url: url(), prefix: 'f:' })
    // cache_timeout and region are not part of a backend's identity
    const b = target.factory({ url: url(), prefix: 'f:', timeout: 60, region: 'long_term' })
    const c = target.factory({ url: url(), prefix: 'g:' })
    open.push(a, c)
    expect(a).toBe(b)
    expect(a).not.toBe(c)
    await a.set('k', { value: 'v', createdAt: 1 })
    expect(await b.get('k')).toEqual({ value: 'v', createdAt: 1 })
    expect(await c.get('k')).toBeUndefined()
  })

  it('runs one creation for concurrent misses of one key, and none for a hit', async () => {
    const b = backend()
    let n = 0
    const create = async () => { n++; await sleep(30); return `made ${n}` }
    const values = await Promise.all(Array.from({ length: 20 }, () => storageGetOrCreate(b, 'hot', create, { timeout: 60 })))
    expect(new Set(values)).toEqual(new Set(['made 1']))
    expect(await storageGetOrCreate(b, 'hot', create, { timeout: 60 })).toBe('made 1')
    expect(n).toBe(1)
  })
}

/** The network half: a real server, locks, outages, several processes. */
export function remoteContract(target: ContractTarget): void {
  let server: Service
  let open: Backend[] = []
  let seq = 0
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => { unhandled.push(reason) }
  const backend = (options: Record<string, unknown> = {}): Backend => {
    const b = target.make({ url: server.url, prefix: `t${++seq}:`, onError: () => {}, ...options })
    open.push(b)
    return b
  }

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled)
    server = await target.start!()
  }, 30_000)

  afterEach(async () => {
    await Promise.all(open.map((b) => b.close()))
    open = []
    if (!server.running) await server.start()
    expect(unhandled).toEqual([])
  })

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled)
    await target.raw?.close()
    await server?.dispose()
  })

  describe('through templates', () => {
    afterEach(async () => {
      resetCacheConfig()
      await closeCacheBackends()
    })

    it(`serves fragments from ${target.type} across reconnections, and invalidates them there`, async () => {
      let n = 0
      const make = () => `#${++n}`
      const source = '<%def name="frag()" cached="True" cache_timeout="60">frag ${make()}</%def><main>${frag()}</main>'
      const t = new Template(source, { uri: 'shared.mako', async: true, cacheImpl: target.type, cacheArgs: { url: server.url, prefix: 'tpl1:' } })
      expect(await t.render({ make })).toBe('<main>frag #1</main>')
      expect(await t.render({ make })).toBe('<main>frag #1</main>')
      // a new connection (as after an app restart) still reads the stored fragment
      await closeCacheBackends()
      expect(await t.render({ make })).toBe('<main>frag #1</main>')
      expect(n).toBe(1)
      await t.cache.invalidateDef('frag')
      expect(await t.render({ make })).toBe('<main>frag #2</main>')
      expect(await t.render({ make })).toBe('<main>frag #2</main>')
    })

    it(`refuses a sync template that caches in ${target.type}, naming the async option`, () => {
      // at load, before any render (issue 6)
      expect(() => new Template('<%def name="f()" cached="True">x</%def>${f()}', {
        uri: 'sync.mako', cacheImpl: target.type, cacheArgs: { url: server.url },
      })).toThrow(/async: true/)
    })
  })

  describe('storage', () => {
    storageContract(target, () => server.url)

    it('reads a foreign value as a miss', async () => {
      const b = backend()
      await target.raw!.set(b, 'v', 'x', 'not json {')
      expect(await b.get('x')).toBeUndefined()
      await target.raw!.set(b, 'v', 'x', JSON.stringify({ value: 'no createdAt' }))
      expect(await b.get('x')).toBeUndefined()
    })

    it('stores a JSON envelope under <prefix>v:<key>, with the ttl as the expiry', async () => {
      const b = backend({ prefix: 'app1:' })
      await b.set('k', { value: 'v', createdAt: 42 }, 90)
      expect(JSON.parse((await target.raw!.get(b, 'v', 'k'))!)).toEqual({ value: 'v', createdAt: 42 })
      expect(await target.raw!.get(backend({ prefix: 'app2:' }), 'v', 'k')).toBeUndefined()
      await b.set('forever', { value: 'v', createdAt: 42 })
      if (target.raw!.ttlMs) {
        const left = await target.raw!.ttlMs(b, 'v', 'k')
        expect(left).toBeGreaterThan(89_000)
        expect(left).toBeLessThanOrEqual(90_000)
        expect(await target.raw!.ttlMs(b, 'v', 'forever')).toBe(-1)
      }
    })

    it('uses a live client handed over (connecting it if needed) and leaves it open on close', async () => {
      const live = await target.liveClient!(server.url)
      try {
        const b = target.make({ client: live.client, prefix: 'live:' })
        await b.set('x', { value: 1, createdAt: 2 })
        expect(await b.get('x')).toEqual({ value: 1, createdAt: 2 })
        await b.close()
        expect(live.isOpen()).toBe(true)
        expect(await target.raw!.get(backend({ prefix: 'live:' }), 'v', 'x')).toBe(JSON.stringify({ value: 1, createdAt: 2 }))
      } finally {
        await live.close()
      }
      for (const [client, message] of target.badClients ?? []) expect(() => target.make({ client })).toThrow(message)
    })

    it('serves every prefix over one connection (a prefix per tenant opens no sockets)', async () => {
      const made = Array.from({ length: 50 }, (_, i) => target.factory({ url: server.url, prefix: `tenant${i}:`, shard: `custom-${i}` }))
      open.push(made[0]!)
      for (const [i, b] of made.entries()) await b.set('k', { value: i, createdAt: 1 })
      for (const [i, b] of made.entries()) expect(await b.get('k')).toEqual({ value: i, createdAt: 1 })
      expect(new Set(made.map((b) => (b as unknown as { client: unknown }).client)).size).toBe(1)
      expect(target.factory({ url: server.url, prefix: 'tenant7:' })).toBe(made[7])
    })

    it('keeps entries across an app restart (a new client reads what the old one wrote)', async () => {
      const before = target.make({ url: server.url, prefix: 'restart:' })
      await before.set('page', { value: '<p>kept</p>', createdAt: 123 }, 60)
      await before.close()
      const after = backend({ prefix: 'restart:' })
      expect(await after.get('page')).toEqual({ value: '<p>kept</p>', createdAt: 123 })
    })
  })

  describe('locks', () => {
    it('grants a lock to one owner at a time and lets only the owner release it', async () => {
      const b = backend({ prefix: 'lk:' })
      const other = backend({ prefix: 'lk:' })
      const token = await b.acquireLock!('page', 5000)
      expect(typeof token).toBe('string')
      expect(token!.startsWith(UNLOCKED_TOKEN_PREFIX)).toBe(false)
      // the lock is <prefix>lock:<key> holding the owner's token, with the ttl as its expiry
      expect(await target.raw!.get(b, 'lock', 'page')).toBe(token)
      if (target.raw!.ttlMs) expect(await target.raw!.ttlMs(b, 'lock', 'page')).toBeGreaterThan(4000)
      expect(await other.acquireLock!('page', 5000)).toBeNull()
      // a new attempt is another owner, even from the same backend
      expect(await b.acquireLock!('page', 5000)).toBeNull()
      // a lock on another key is independent
      expect(await other.acquireLock!('other', 5000)).not.toBeNull()
      // not the owner: nothing happens
      await other.releaseLock!('page', 'f'.repeat(32))
      expect(await target.raw!.get(b, 'lock', 'page')).toBe(token)
      expect(await other.acquireLock!('page', 5000)).toBeNull()
      await b.releaseLock!('page', token!)
      expect(await target.raw!.get(b, 'lock', 'page')).toBeUndefined()
      const next = await other.acquireLock!('page', 5000)
      expect(next).not.toBeNull()
      expect(next).not.toBe(token)
      // the first owner's late release must not free the new owner's lock
      await b.releaseLock!('page', token!)
      expect(await target.raw!.get(b, 'lock', 'page')).toBe(next)
      expect(await b.acquireLock!('page', 5000)).toBeNull()
    })

    it('recognizes its own token when asked again (a first attempt whose reply was lost)', async () => {
      const b = backend({ prefix: 'idem:' })
      const other = backend({ prefix: 'idem:' })
      expect(await b.acquireLock!('page', 5000, 'mine-1')).toBe('mine-1')
      expect(await other.acquireLock!('page', 5000, 'mine-1')).toBe('mine-1')
      expect(await other.acquireLock!('page', 5000, 'theirs')).toBeNull()
      await b.releaseLock!('page', 'mine-1')
      expect(await other.acquireLock!('page', 5000, 'theirs')).toBe('theirs')
    })

    it('lets a lock lapse after its ttl (a crashed owner does not strand it)', async () => {
      const b = backend()
      expect(await b.acquireLock!('crash', 300)).not.toBeNull()
      expect(await b.acquireLock!('crash', 300)).toBeNull()
      await sleep(target.lockLife(300) + 150)
      expect(await b.acquireLock!('crash', 300)).not.toBeNull()
    }, 10_000)

    it('keeps a lock alive past its ttl with extendLock, for its owner only', async () => {
      const ttl = 300
      const b = backend({ prefix: 'ext:' })
      const other = backend({ prefix: 'ext:' })
      const token = (await b.acquireLock!('page', ttl))!
      const started = Date.now()
      while (Date.now() - started < target.lockLife(ttl) + 400) {
        await sleep(ttl / 3)
        expect(await b.extendLock!('page', token, ttl)).toBe(true)
      }
      expect(await other.acquireLock!('page', ttl)).toBeNull()
      expect(await other.extendLock!('page', 'not-the-owner', ttl)).toBe(false)
      await b.releaseLock!('page', token)
      expect(await b.extendLock!('page', token, ttl)).toBe(false)
      expect(await other.acquireLock!('page', ttl)).not.toBeNull()
    }, 15_000)
  })

  describe('outages (fail open)', () => {
    it('answers a hung server with misses within the call timeout, then fails at once', async () => {
      const b = backend({ callTimeout: 150 })
      await b.set('k', { value: 'v', createdAt: 1 })
      await server.pause()
      try {
        let t = Date.now()
        expect(await b.get('k')).toBeUndefined()
        expect(Date.now() - t).toBeLessThan(600)
        // one slow call is not a hung server; the second timeout in a row (this lock
        // call) is: the caller creates the value itself
        t = Date.now()
        const token = await b.acquireLock!('k', 1000)
        expect(token!.startsWith(UNLOCKED_TOKEN_PREFIX)).toBe(true)
        await b.releaseLock!('k', token!)
        expect(Date.now() - t).toBeLessThan(600)
        // from then on calls fail at once for retryInterval instead of each waiting
        t = Date.now()
        await b.set('k2', { value: 'v', createdAt: 1 })
        expect(await b.get('k2')).toBeUndefined()
        expect(Date.now() - t).toBeLessThan(50)
      } finally {
        server.resume()
      }
      await until(async () => {
        await b.set('k3', { value: 'back', createdAt: 1 })
        return (await b.get('k3')) !== undefined
      })
    }, 20_000)

    it('survives a killed server with fast misses, warns once per interval, reconnects after restart', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      try {
        const b = target.make({ url: server.url, prefix: 'out:', callTimeout: 200, retryInterval: 300, warnInterval: 60_000 })
        open.push(b)
        await b.set('k', { value: 'before', createdAt: 1 })
        expect(warn).not.toHaveBeenCalled()
        await server.stop('SIGKILL')
        await sleep(50)
        const t = Date.now()
        for (let i = 0; i < 20; i++) {
          expect(await b.get('k')).toBeUndefined()
          await b.set('k', { value: 'during', createdAt: 2 })
          expect((await b.acquireLock!('k', 1000))!.startsWith(UNLOCKED_TOKEN_PREFIX)).toBe(true)
        }
        // not 60 timeouts: once the connection is known down, calls fail at once
        expect(Date.now() - t).toBeLessThan(2000)
        expect(warn).toHaveBeenCalledTimes(1)
        expect(String(warn.mock.calls[0]![0])).toMatch(new RegExp(`\\[vite-plugin-mako\\] ${target.type} cache .* failed, rendering uncached`))
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
      const down = target.type === 'redis' ? `redis://127.0.0.1:${port}` : `memcached://127.0.0.1:${port}`
      // a refused connection fails at once: no call waits out the (long) connect timeout
      const b = backend({ url: down, callTimeout: 200, connectTimeout: 5000 })
      const t = Date.now()
      expect(await b.get('k')).toBeUndefined()
      expect(await b.get('k')).toBeUndefined()
      expect(await b.acquireLock!('k', 1000)).toMatch(new RegExp(`^${UNLOCKED_TOKEN_PREFIX}`))
      expect(Date.now() - t).toBeLessThan(2500)
    })

    it('loses no render when the server is killed and restarted mid-run', async () => {
      const b = backend({ callTimeout: 200, prefix: 'loop:', retryInterval: 200 })
      const created: number[] = []
      const results: string[] = []
      const errors: unknown[] = []
      const N = 120
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
      results.forEach((value, i) => expect(value).toBe(`<main>page-${i % 5}</main>`))
      // before the outage: one creation per key; during it: every call renders uncached
      expect(created.filter((i) => i < 30)).toEqual([0, 1, 2, 3, 4])
      expect(created.filter((i) => i >= 30 && i < 60)).toHaveLength(30)
      // after the restart (and the client's reconnect) the cache fills again
      expect(created.filter((i) => i >= N - 10)).toEqual([])
    }, 60_000)

    it('renders every page of a template when the server is killed and restarted mid-run', async () => {
      let n = 0
      const make = () => { n++; return 'x' }
      const t = new Template('<%def name="frag()" cached="True" cache_timeout="60">frag ${make()}</%def><main>${frag()}</main>', {
        uri: `outage-${target.type}.mako`, async: true, cacheImpl: target.type,
        cacheArgs: { url: server.url, prefix: 'tplout:', retryInterval: 200 },
      })
      try {
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
      } finally {
        resetCacheConfig()
        await closeCacheBackends()
      }
    }, 60_000)
  })

  it('creates about once per key per expiry while 8 processes render under load (cache_timeout 0.5 s)', async () => {
    // bench/soak.js, short: its own server, 8 worker processes on dist, 8 renders in flight each
    const r = await soak({ backend: target.type, processes: 8, seconds: 2, timeout: 0.5, createMs: 10, log: () => {} })
    expect(r.errors).toBe(0)
    expect(r.wrong).toBe(0)
    expect(r.renders).toBeGreaterThan(50)
    // 1 is ideal; a CPU so saturated that the server falls silent for two call timeouts
    // opens the circuit, and those renders go uncached (fail open). Without the lock
    // (or with every slow call taken for an outage) each process creates: up to 8.
    expect(r.creationsPerKeyWindow.mean).toBeLessThanOrEqual(1.5)
    expect(r.creationsPerKeyWindow.max).toBeLessThanOrEqual(4)
  }, 180_000)

  describe('several processes', () => {
    type Reply = { type: string, key?: string, value?: string, created?: boolean, message?: string, pid?: number }
    let workers: ChildProcess[] = []
    const messages: Array<Reply & { from: ChildProcess }> = []
    let prefix = ''

    beforeAll(async () => {
      prefix = `mp${Date.now()}:`
      const ready: Promise<void>[] = []
      for (let i = 0; i < 4; i++) {
        const w = fork(fileURLToPath(new URL('../fixtures/lock-worker.mjs', import.meta.url)), [], {
          env: { ...process.env, BACKEND: target.type, URL: server.url, PREFIX: prefix },
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        })
        w.on('message', (m: Reply) => messages.push({ ...m, from: w }))
        ready.push(new Promise((resolve, reject) => {
          w.on('message', (m: Reply) => { if (m.type === 'ready') resolve() })
          w.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)))
        }))
        workers.push(w)
      }
      await Promise.all(ready)
    }, 60_000)

    afterAll(() => {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL')
      workers = []
    })

    /** Waits for one 'done' (or 'error') reply per worker for `key`. */
    async function answers(key: string, from: ChildProcess[], ms = 20_000): Promise<Reply[]> {
      const deadline = Date.now() + ms
      for (;;) {
        const got = messages.filter((m) => m.key === key && (m.type === 'done' || m.type === 'error') && from.includes(m.from))
        if (got.length >= from.length) {
          for (const r of got) expect(r.type, r.message).toBe('done')
          return got
        }
        if (Date.now() > deadline) throw new Error(`only ${got.length} of ${from.length} answers for ${key}`)
        await sleep(20)
      }
    }
    const creations = (key: string) => messages.filter((m) => m.key === key && m.type === 'creating')

    for (const mode of ['storage', 'template'] as const) {
      it(`creates a cold key once when four processes ask at the same moment (${mode})`, async () => {
        const key = `cold-${mode}`
        for (const w of workers) w.send({ cmd: 'get', key, createMs: 300, lockTtl: 2000, mode })
        const replies = await answers(key, workers)
        expect(creations(key)).toHaveLength(1)
        expect(replies.filter((r) => r.created)).toHaveLength(1)
        expect(new Set(replies.map((r) => r.value)).size).toBe(1)
      })
    }

    it('creates once when the creation takes three lock ttls (the holder keeps its lock alive)', async () => {
      const key = 'slow'
      const lockTtl = 300
      const createMs = Math.max(3 * lockTtl, target.lockLife(lockTtl) + 600)
      for (const w of workers) w.send({ cmd: 'get', key, createMs, lockTtl, mode: 'storage' })
      const replies = await answers(key, workers)
      expect(creations(key)).toHaveLength(1)
      expect(new Set(replies.map((r) => r.value)).size).toBe(1)
    })

    it('creates once more, in one survivor, when the lock holder is killed mid-creation', async () => {
      const key = 'killed'
      const lockTtl = 300
      const [holder, ...survivors] = workers as [ChildProcess, ...ChildProcess[]]
      holder.send({ cmd: 'get', key, createMs: 30_000, lockTtl, mode: 'storage' })
      await until(async () => creations(key).length === 1, 10_000)
      for (const w of survivors) w.send({ cmd: 'get', key, createMs: 200, lockTtl, mode: 'storage' })
      await sleep(100)
      holder.kill('SIGKILL')
      const replies = await answers(key, survivors)
      const made = creations(key).filter((m) => m.from !== holder)
      expect(made).toHaveLength(1)
      expect(new Set(replies.map((r) => r.value))).toEqual(new Set([`made by ${made[0]!.from.pid}`]))
    }, 30_000)
  })
}

/** A network backend's client library loads when its entry is imported, not at the first cache miss (no server needed). */
export function coldStartContract(type: 'redis' | 'memcached', pkg: string): void {
  it(`starts loading ${pkg} when vite-plugin-mako/cache/${type} is imported, before any cache call`, async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      fileURLToPath(new URL('../fixtures/cold-start.mjs', import.meta.url)), `vite-plugin-mako/cache/${type}`, pkg,
    ])
    const report = JSON.parse(stdout.trim().split('\n').pop()!) as { before: boolean, loaded: boolean, ms: number }
    expect(report.before).toBe(false)
    expect(report.loaded).toBe(true)
  }, 20_000)

  it(`does not load ${pkg} when only the main entry is imported (a vite build never needs it), and starts when a template's options name '${type}'`, async () => {
    const run = async (entry: string) => {
      const { stdout } = await promisify(execFile)(process.execPath, [
        fileURLToPath(new URL('../fixtures/cold-start.mjs', import.meta.url)), entry, pkg, '1000',
      ])
      return JSON.parse(stdout.trim().split('\n').pop()!) as { before: boolean, loaded: boolean }
    }
    expect((await run('vite-plugin-mako')).loaded).toBe(false)
    // a template defined with cacheImpl: type (no render, no cache call)
    const defined = `data:text/javascript,${encodeURIComponent(`import { Template } from '${new URL('../../dist/index.js', import.meta.url).href}'; new Template('x', { cacheImpl: '${type}', async: true })`)}`
    expect((await run(defined)).loaded).toBe(true)
  }, 20_000)
}
