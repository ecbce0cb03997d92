// The `memcached` storage backend (entry `vite-plugin-mako/cache/memcached`): memjs, hashed long keys, `add` locks, fail open.

import { createHash } from 'node:crypto'
import type { Envelope, StorageBackend } from './types.js'
import { registerBackend } from './impl.js'
import {
  BackendOfflineError, BackendTimeoutError, LockUnknownError, Warner, decodeEnvelope, encodeEnvelope, lockToken, pooledFactory,
  prefixView, remoteOptions, silentServer, toError, unlockedToken, withTimeout, UNLOCKED_TOKEN_PREFIX, type RemoteBackendOptions,
} from './remote.js'

export interface MemcachedBackendOptions extends RemoteBackendOptions {
  /**
   * `memcached://[user:pass@]host:port[,host:port...]`, or the same without the scheme
   * as Beaker wrote it (`127.0.0.1:11211`). Default `memcached://127.0.0.1:11211`.
   */
  url?: string
  /** a memjs `Client` to use instead of `url`, e.g. handed over by `configureCache()`; never closed here */
  client?: unknown
  /** more `memjs.Client.create()` options for the client made from `url` */
  clientOptions?: Record<string, unknown>
}

/** Memcached's own limit on key length, in bytes. */
export const MAX_KEY_BYTES = 250

// Memcached reads a relative expiry above 30 days as a Unix time.
const MAX_RELATIVE_EXPIRY = 60 * 60 * 24 * 30

/** The part of a memjs `Client` this backend uses. */
interface MemjsClientLike {
  get(key: string): Promise<{ value: Buffer | string | null }>
  set(key: string, value: string, options?: { expires?: number }): Promise<boolean | null>
  add(key: string, value: string, options?: { expires?: number }): Promise<boolean | null>
  delete(key: string): Promise<boolean | null>
  touch?(key: string, expires: number): Promise<boolean | null>
  close?(): void
  quit?(): void
  // low-level path for the compare-and-delete of a lock (memjs has no CAS API)
  perform?(key: string, request: Buffer, seq: number, callback: (error: Error | null, response: RawResponse | null) => void, retries?: number): void
  incrSeq?(): void
  seq?: number
}

interface RawResponse {
  header: { status: number, cas: Buffer }
  val: Buffer
}

function isMemjsClient(value: unknown): value is MemjsClientLike {
  const c = value as Partial<MemjsClientLike> | null
  return !!c && typeof c.get === 'function' && typeof c.set === 'function' && typeof c.add === 'function' &&
    typeof c.delete === 'function'
}

/** Binary protocol request (memjs's makeRequestBuffer, plus the CAS field it leaves out). */
function rawRequest(opcode: number, key: string, opaque: number, cas?: Buffer, extras: Buffer = Buffer.alloc(0), value: Buffer = Buffer.alloc(0)): Buffer {
  const keyBytes = Buffer.from(key)
  const buf = Buffer.alloc(24 + extras.length + keyBytes.length + value.length)
  buf.writeUInt8(0x80, 0)
  buf.writeUInt8(opcode, 1)
  buf.writeUInt16BE(keyBytes.length, 2)
  buf.writeUInt8(extras.length, 4)
  buf.writeUInt32BE(extras.length + keyBytes.length + value.length, 8)
  buf.writeUInt32BE(opaque >>> 0, 12)
  if (cas) cas.copy(buf, 16, 0, 8)
  extras.copy(buf, 24)
  keyBytes.copy(buf, 24 + extras.length)
  value.copy(buf, 24 + extras.length + keyBytes.length)
  return buf
}

/** SET's extras: flags 0, then the expiry. */
function setExtras(expires: number): Buffer {
  const extras = Buffer.alloc(8)
  extras.writeUInt32BE(expires >>> 0, 4)
  return extras
}

/** Lock expiry in memcached's whole seconds: rounded up plus one, as a lock that lapses early lets a second process in. */
function lockSeconds(ttlMs: number): number {
  return Math.ceil((Number.isFinite(ttlMs) && ttlMs > 0 ? ttlMs : 30_000) / 1000) + 1
}

type MemjsModule = { Client: { create(servers: string, options: Record<string, unknown>): unknown } }
let memjsModule: Promise<MemjsModule> | undefined

/** memjs, imported once per process, from when this entry is imported (not at the first cache miss). */
export function loadMemjsClient(): Promise<MemjsModule> {
  memjsModule ??= (import('memjs') as Promise<unknown>).then((imported) => {
    const m = imported as { default?: MemjsModule } & MemjsModule
    return m.Client ? m : m.default!
  })
  return memjsModule
}

/** `memcached://a:1,b:2` -> `a:1,b:2` (memjs's server list). */
export function memjsServers(url: string): string {
  return url.replace(/^memcached:\/\//i, '').replace(/\/+$/, '')
}

/** Memcached expiry for a ttl in seconds: 0 = none, above 30 days an absolute Unix time. */
export function memcachedExpiry(ttlSeconds: number | undefined, now = Date.now()): number {
  if (ttlSeconds === undefined || !(ttlSeconds > 0) || !Number.isFinite(ttlSeconds)) return 0
  const seconds = Math.ceil(ttlSeconds)
  return seconds > MAX_RELATIVE_EXPIRY ? Math.floor(now / 1000) + seconds : seconds
}

export class MemcachedBackend implements StorageBackend {
  readonly async = true
  readonly prefix: string
  readonly callTimeout: number
  readonly url: string
  readonly retryInterval: number
  readonly connectTimeout: number
  private readonly warner: Warner
  private readonly clientOptions: Record<string, unknown>
  private readonly owned: boolean
  private client: MemjsClientLike | undefined
  private starting: Promise<MemjsClientLike> | undefined
  private downUntil = 0
  // when the server last answered anything (a late reply to a call that timed out too):
  // a timeout while replies keep coming is a slow server or a busy CPU, not a hung server
  private lastReplyAt = 0
  // until a call succeeds, calls may wait connectTimeout (loading memjs, first connection)
  private everAnswered = false
  private closed = false

  constructor(options: MemcachedBackendOptions = {}) {
    const common = remoteOptions(options as MemcachedBackendOptions & Record<string, unknown>)
    this.prefix = common.prefix
    checkPrefix(this.prefix)
    this.callTimeout = common.callTimeout
    this.retryInterval = common.retryInterval
    this.connectTimeout = common.connectTimeout
    this.warner = new Warner('memcached', common.warnInterval, common.onError)
    this.url = typeof options.url === 'string' && options.url !== '' ? options.url : 'memcached://127.0.0.1:11211'
    this.clientOptions = options.clientOptions ?? {}
    if (options.client !== undefined) {
      if (!isMemjsClient(options.client)) {
        throw new TypeError('memcached cache backend: `client` must be a memjs Client (memjs.Client.create())')
      }
      this.client = options.client
      this.owned = false
    } else {
      this.owned = true
    }
  }

  /**
   * The stored key: prefixed, and hashed (SHA-256, base64url) when it would pass
   * memcached's 250-byte limit or holds whitespace or control characters, which its
   * text protocol (and every tool reading the cache) cannot carry.
   */
  storageKey(kind: 'v' | 'lock', key: string): string {
    const full = `${this.prefix}${kind}:${key}`
    // eslint-disable-next-line no-control-regex
    if (Buffer.byteLength(full) <= MAX_KEY_BYTES && !/[\x00-\x20\x7f]/.test(full)) return full
    return `${this.prefix}${kind}#${createHash('sha256').update(full).digest('base64url')}`
  }

  async get(key: string): Promise<Envelope | undefined> {
    try {
      const { value } = await this.call((c) => c.get(this.storageKey('v', key)), 'get')
      if (value == null) return undefined
      return decodeEnvelope(typeof value === 'string' ? value : value.toString('utf8'))
    } catch (error) {
      this.failed(error, 'get')
      return undefined
    }
  }

  async set(key: string, value: Envelope, ttlSeconds?: number): Promise<void> {
    try {
      const data = encodeEnvelope(value)
      await this.call((c) => c.set(this.storageKey('v', key), data, { expires: memcachedExpiry(ttlSeconds) }), 'set')
    } catch (error) {
      this.failed(error, 'set')
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.call((c) => c.delete(this.storageKey('v', key)), 'delete')
    } catch (error) {
      this.failed(error, 'delete')
    }
  }

  /**
   * `add` succeeds only for a missing key, so it is the lock. Memcached counts expiry in
   * whole seconds on a clock that ticks once a second: round up and add one, since a lock
   * that lapses early lets a second process create the value.
   */
  async acquireLock(key: string, ttlMs: number, token: string = lockToken()): Promise<string | null> {
    const lockKey = this.storageKey('lock', key)
    const seconds = lockSeconds(ttlMs)
    try {
      return await this.call(async (c) => {
        if (await c.add(lockKey, token, { expires: seconds })) return token
        // asking again after a reply that timed out: the add may have run, and the lock be ours
        const { value } = await c.get(lockKey)
        if (value == null || value.toString() !== token) return null
        return (await this.renew(c, lockKey, token, seconds)) ? token : null
      }, 'lock')
    } catch (error) {
      this.failed(error, 'lock')
      // a timeout from a server that still answers (slowly): the add may have run, or
      // another process may hold the lock; the caller waits and asks again instead of
      // creating unlocked. A silent (hung) server opened the circuit instead: fail open.
      if (error instanceof BackendTimeoutError && this.everAnswered && Date.now() >= this.downUntil) throw new LockUnknownError(error)
      return unlockedToken()
    }
  }

  /** Pushes the lock's expiry if it still holds `token` (a holder whose creation outlasts the lock ttl keeps it). */
  async extendLock(key: string, token: string, ttlMs: number): Promise<boolean> {
    if (token.startsWith(UNLOCKED_TOKEN_PREFIX)) return false
    try {
      return await this.call((c) => this.renew(c, this.storageKey('lock', key), token, lockSeconds(ttlMs)), 'extend')
    } catch (error) {
      // unknown: try again at the next beat
      this.failed(error, 'extend')
      return true
    }
  }

  /**
   * Sets the lock's expiry again if it holds `token`: read it with its CAS value and write
   * it back with that CAS, so a lock that changed hands in between is left alone. Clients
   * without memjs's `perform` get read-then-touch.
   */
  private async renew(c: MemjsClientLike, lockKey: string, token: string, seconds: number): Promise<boolean> {
    if (typeof c.perform !== 'function' || typeof c.incrSeq !== 'function') {
      const { value } = await c.get(lockKey)
      if (value == null || value.toString() !== token) return false
      return !!(typeof c.touch === 'function' ? await c.touch(lockKey, seconds) : await c.set(lockKey, token, { expires: seconds }))
    }
    const current = await raw(c, 0x00, lockKey)
    if (current.header.status !== 0 || current.val.toString() !== token) return false
    const written = await raw(c, 0x01, lockKey, current.header.cas, setExtras(seconds), Buffer.from(token))
    return written.header.status === 0
  }

  /**
   * Deletes the lock only if it still holds `token`: read it with its CAS value and
   * delete with that CAS, so a lock that expired and was taken by another process in
   * between is left alone. Clients without memjs's `perform` get a plain read-then-delete.
   */
  async releaseLock(key: string, token: string): Promise<void> {
    if (token.startsWith(UNLOCKED_TOKEN_PREFIX)) return
    const lockKey = this.storageKey('lock', key)
    try {
      await this.call(async (c) => {
        if (typeof c.perform !== 'function' || typeof c.incrSeq !== 'function') {
          const { value } = await c.get(lockKey)
          if (value != null && value.toString() === token) await c.delete(lockKey)
          return
        }
        const current = await raw(c, 0x00, lockKey)
        if (current.header.status !== 0 || current.val.toString() !== token) return
        // status 2 (exists, CAS differs) or 1 (gone) both mean: not ours any more
        await raw(c, 0x04, lockKey, current.header.cas)
      }, 'unlock')
    } catch (error) {
      // the lock's ttl frees it anyway
      this.failed(error, 'unlock')
    }
  }

  /** Closes the client this backend made (a client passed in stays open). */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    if (!this.owned) return
    const client = this.client ?? (this.starting ? await this.starting.catch(() => undefined) : undefined)
    try {
      client?.close?.()
    } catch {
      // already closed
    }
  }

  private failed(error: unknown, operation: string): void {
    // memjs reconnects on the next request by itself; until then, fail at once. A timeout
    // opens the circuit only when the server is silent, not for a slow one or a busy CPU.
    const timeout = error instanceof BackendTimeoutError
    const silent = this.everAnswered && silentServer(error, this.lastReplyAt, this.callTimeout)
    if (!(error instanceof BackendOfflineError) && !(timeout && !silent)) {
      this.downUntil = Date.now() + this.retryInterval
    }
    this.warner.warn(error, operation)
  }

  private async call<T>(fn: (client: MemjsClientLike) => Promise<T>, operation: string): Promise<T> {
    const timeout = this.everAnswered ? this.callTimeout : Math.max(this.callTimeout, this.connectTimeout)
    const running = this.run(fn)
    running.then(() => { this.lastReplyAt = Date.now() }, () => {})
    const result = await withTimeout(running, timeout, operation)
    this.everAnswered = true
    return result
  }

  private async run<T>(fn: (client: MemjsClientLike) => Promise<T>): Promise<T> {
    if (this.closed) throw new BackendOfflineError('memcached cache backend (closed)')
    if (Date.now() < this.downUntil) throw new BackendOfflineError(`memcached at ${this.url}`)
    const client = this.client ?? await this.start()
    return fn(client)
  }

  private start(): Promise<MemjsClientLike> {
    this.starting ??= (async () => {
      let mod: MemjsModule
      try {
        mod = await loadMemjsClient()
      } catch (error) {
        throw new Error(`the memcached cache backend needs the "memjs" package (npm install memjs): ${toError(error).message}`)
      }
      const seconds = Math.max(this.callTimeout, 100) / 1000
      const created = mod.Client.create(memjsServers(this.url), {
        // memjs retries a failed request itself; keep its retries inside our call timeout
        retries: 2,
        retry_delay: 0.05,
        timeout: seconds,
        conntimeout: Math.max(this.connectTimeout, 100) / 1000,
        expires: 0,
        keepAlive: true,
        // memjs logs every failure to the console; route it through the rate-limited warning
        logger: { log: () => {} },
        ...this.clientOptions,
      })
      if (!isMemjsClient(created)) throw new Error('memjs.Client.create() returned something unexpected')
      this.client = created
      return created
    })()
    this.starting.catch(() => {})
    return this.starting
  }
}

/** What a prefix view shares with its base: the connection and its health. */
const MEMCACHED_STATE = ['client', 'starting', 'downUntil', 'lastReplyAt', 'everAnswered', 'closed']

function checkPrefix(prefix: string): void {
  if (Buffer.byteLength(prefix) > 150) {
    throw new RangeError('memcached cache backend: `prefix` must stay under 150 bytes (keys are limited to 250)')
  }
}

/** One binary-protocol round trip through memjs's `perform` (same retries and timeouts as its own commands). */
function raw(client: MemjsClientLike, opcode: number, key: string, cas?: Buffer, extras?: Buffer, value?: Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    client.incrSeq!()
    const seq = client.seq ?? 0
    client.perform!(key, rawRequest(opcode, key, seq, cas, extras, value), seq, (error, response) => {
      if (error || !response) reject(toError(error ?? new Error('no response')))
      else resolve(response)
    })
  })
}

/** The factory behind `type: 'memcached'`: one backend (one connection) per distinct configuration. */
export const createMemcachedBackend: ((args?: Record<string, unknown>) => MemcachedBackend) & { options: readonly string[]; preload?: () => void } = pooledFactory(
  (options: MemcachedBackendOptions) => new MemcachedBackend(options),
  remoteOptions,
  (base, prefix) => {
    checkPrefix(prefix)
    return prefixView(base, prefix, MEMCACHED_STATE)
  },
)

// as redis.ts: memjs starts loading when options name 'memcached', not on import
createMemcachedBackend.preload = () => void loadMemjsClient().catch(() => {})
registerBackend('memcached', createMemcachedBackend)
