// Fakes for the cache unit tests: template owners, a manual clock, an async storage backend with locks and injectable failures.

import type { CacheOwner, Envelope, StorageBackend } from '../../src/runtime/cache/types.js'

let seq = 0

export type FakeOwner = {
  id: string
  starttime: number
  digest: string
  async?: boolean
  options: NonNullable<CacheOwner['options']>
}

/** A template stand-in: unique id, starttime 0 unless given, digest 'd1'. */
export function fakeOwner(options: FakeOwner['options'] = {}, extra: Partial<FakeOwner> = {}): FakeOwner {
  return { id: `test-${++seq}.mako`, starttime: 0, digest: 'd1', options, ...extra }
}

/** A clock the tests move by hand (epoch ms). */
export function manualClock(start = 1_000_000) {
  const clock = {
    t: start,
    now: () => clock.t,
    advance(seconds: number) {
      clock.t += seconds * 1000
    },
  }
  return clock
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** A counter-backed creation function: `create.calls` counts the runs. */
export function counter(make: (n: number) => unknown = (n) => `v${n}`) {
  const fn = Object.assign(() => {
    fn.calls++
    return make(fn.calls)
  }, { calls: 0 })
  return fn
}

/** An async StorageBackend (like redis) over a Map, with locks, recorded ttls and switchable failures. */
export class FakeAsyncBackend implements StorageBackend {
  readonly async = true
  readonly data = new Map<string, Envelope>()
  readonly ttls = new Map<string, number | undefined>()
  readonly locks = new Map<string, string>()
  readonly lockExpiry = new Map<string, number>()
  readonly calls = { get: 0, set: 0, delete: 0, lock: 0, unlock: 0, locked: 0, extend: 0 }
  failGet = false
  failSet = false
  failLock = false
  latency = 1
  private tokens = 0

  private async pause(): Promise<void> {
    await sleep(this.latency)
  }

  async get(key: string): Promise<Envelope | undefined> {
    this.calls.get++
    await this.pause()
    if (this.failGet) throw new Error('get failed (fake)')
    return this.data.get(key)
  }

  async set(key: string, value: Envelope, ttlSeconds?: number): Promise<void> {
    this.calls.set++
    await this.pause()
    if (this.failSet) throw new Error('set failed (fake)')
    this.data.set(key, value)
    this.ttls.set(key, ttlSeconds)
  }

  async delete(key: string): Promise<void> {
    this.calls.delete++
    await this.pause()
    this.data.delete(key)
  }

  async acquireLock(key: string, ttlMs: number, token?: string): Promise<string | null> {
    this.calls.lock++
    await this.pause()
    if (this.failLock) throw new Error('lock failed (fake)')
    this.expireLock(key)
    const held = this.locks.get(key)
    if (held !== undefined && held !== token) return null
    const mine = token ?? `tok${++this.tokens}`
    this.locks.set(key, mine)
    this.lockExpiry.set(key, Date.now() + ttlMs)
    if (held === undefined) this.calls.locked++
    return mine
  }

  async extendLock(key: string, token: string, ttlMs: number): Promise<boolean> {
    this.calls.extend++
    await this.pause()
    this.expireLock(key)
    if (this.locks.get(key) !== token) return false
    this.lockExpiry.set(key, Date.now() + ttlMs)
    return true
  }

  async releaseLock(key: string, token: string): Promise<void> {
    this.calls.unlock++
    await this.pause()
    if (this.locks.get(key) === token) this.locks.delete(key)
  }

  /** A lock set by hand (`locks.set`) has no expiry; one taken through acquireLock lapses after its ttl. */
  private expireLock(key: string): void {
    const at = this.lockExpiry.get(key)
    if (at !== undefined && Date.now() >= at) {
      this.locks.delete(key)
      this.lockExpiry.delete(key)
    }
  }
}

/** A synchronous backend whose every call throws (a broken custom backend). */
export class ThrowingSyncBackend implements StorageBackend {
  readonly async = false
  get(): Envelope | undefined {
    throw new Error('get exploded')
  }
  set(): void {
    throw new Error('set exploded')
  }
  delete(): void {
    throw new Error('delete exploded')
  }
}
