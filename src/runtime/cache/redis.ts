// The `redis` storage backend (entry `vite-plugin-mako/cache/redis`): node-redis, envelopes as JSON, SET NX PX locks, fail open.

import type { Envelope, StorageBackend } from './types.js'
import { registerBackend } from './impl.js'
import {
  BackendOfflineError, BackendTimeoutError, LockUnknownError, Warner, decodeEnvelope, encodeEnvelope, lockToken, pooledFactory,
  prefixView, remoteOptions, silentServer, toError, unlockedToken, withTimeout, UNLOCKED_TOKEN_PREFIX, type RemoteBackendOptions,
} from './remote.js'

export interface RedisBackendOptions extends RemoteBackendOptions {
  /** `redis://[user:pass@]host:port/db` or `rediss://...` (default `redis://127.0.0.1:6379`) */
  url?: string
  /**
   * A node-redis client (`createClient()` of `redis` >= 5) to use instead of `url`, e.g.
   * handed over by `configureCache()`. Connected here if it is not open yet; never closed here.
   */
  client?: unknown
  /** more `createClient()` options for the client made from `url` */
  clientOptions?: Record<string, unknown>
}

/** The part of a node-redis client this backend uses. */
interface RedisClientLike {
  readonly isOpen: boolean
  readonly isReady: boolean
  sendCommand(args: string[]): Promise<unknown>
  connect(): Promise<unknown>
  on(event: string, listener: (...args: any[]) => void): unknown
  removeListener(event: string, listener: (...args: any[]) => void): unknown
  close?(): Promise<unknown>
  quit?(): Promise<unknown>
  destroy?(): unknown
}

// Deletes the lock only while it still holds our token: after an expiry another
// process may own it, and a plain DEL would break that process's lock.
const RELEASE_SCRIPT =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"

// Takes a free lock, or renews one that already holds our token: asking again after a
// reply that timed out (the SET may have run) must not lock us out by our own lock.
const ACQUIRE_SCRIPT =
  "local v = redis.call('get', KEYS[1]) " +
  "if v == false then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end " +
  "if v == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end " +
  'return 0'

// Keeps a lock alive while its holder works, only while it still holds the holder's token.
const EXTEND_SCRIPT =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end"

type RedisModule = { createClient(options: Record<string, unknown>): unknown }
let redisModule: Promise<RedisModule> | undefined

/**
 * node-redis, imported once per process. Started when options name the backend (a template
 * defined with them, configureCache: `preload` below), not at the first cache miss: the
 * import takes most of a second, which the first render would otherwise wait for.
 */
export function loadRedisClient(): Promise<RedisModule> {
  redisModule ??= import('redis') as unknown as Promise<RedisModule>
  return redisModule
}

function isRedisClient(value: unknown): value is RedisClientLike {
  const c = value as Partial<RedisClientLike> | null
  return !!c && typeof c.sendCommand === 'function' && typeof c.connect === 'function' &&
    typeof c.on === 'function' && 'isReady' in c
}

/** Exponential backoff capped at 2 s, with jitter so a fleet does not reconnect in step. */
export function reconnectDelay(retries: number): number {
  return Math.min(50 * 2 ** Math.min(retries, 10), 2000) + Math.floor(Math.random() * 100)
}

export class RedisBackend implements StorageBackend {
  readonly async = true
  readonly prefix: string
  readonly callTimeout: number
  readonly url: string
  readonly retryInterval: number
  readonly connectTimeout: number
  private readonly warner: Warner
  private readonly clientOptions: Record<string, unknown>
  private readonly owned: boolean
  private client: RedisClientLike | undefined
  private starting: Promise<RedisClientLike> | undefined
  // true from a connection error until the next 'ready': calls then fail at once instead
  // of each waiting out the timeout
  private down = false
  // until the first 'ready', calls may wait connectTimeout: loading node-redis and the
  // first handshake take longer than a command
  private everReady = false
  // after a timeout the socket may be up but the server hung: fail at once until then
  private downUntil = 0
  // when the server last answered anything (a late reply to a call that timed out too):
  // a timeout while replies keep coming is a slow server or a busy CPU, not a hung server
  private lastReplyAt = 0
  private readyWaiter: Promise<void> | undefined
  private closed = false
  private readonly listeners: Record<string, (...args: any[]) => void>

  constructor(options: RedisBackendOptions = {}) {
    const common = remoteOptions(options as RedisBackendOptions & Record<string, unknown>)
    this.prefix = common.prefix
    this.callTimeout = common.callTimeout
    this.retryInterval = common.retryInterval
    this.connectTimeout = common.connectTimeout
    this.warner = new Warner('redis', common.warnInterval, common.onError)
    this.url = typeof options.url === 'string' && options.url !== '' ? options.url : 'redis://127.0.0.1:6379'
    this.clientOptions = options.clientOptions ?? {}
    this.listeners = {
      error: (error: unknown) => { this.down = true; this.warner.warn(error, 'connection') },
      ready: () => { this.down = false; this.everReady = true; this.lastReplyAt = Date.now() },
      end: () => { this.down = true },
    }
    if (options.client !== undefined) {
      if (options.client && typeof (options.client as { getSlotRandomNode?: unknown }).getSlotRandomNode === 'function') {
        throw new TypeError('redis cache backend: Redis Cluster clients (createCluster()) are not supported; pass a createClient() client')
      }
      if (!isRedisClient(options.client)) {
        throw new TypeError('redis cache backend: `client` must be a node-redis client (createClient() from the redis package)')
      }
      this.owned = false
      this.attach(options.client)
    } else {
      this.owned = true
    }
  }

  /** The value key for a cache key. */
  valueKey(key: string): string {
    return `${this.prefix}v:${key}`
  }

  /** The lock key for a cache key. */
  lockKey(key: string): string {
    return `${this.prefix}lock:${key}`
  }

  async get(key: string): Promise<Envelope | undefined> {
    try {
      const raw = await this.command(['GET', this.valueKey(key)], 'get')
      return decodeEnvelope(typeof raw === 'string' ? raw : raw == null ? null : String(raw))
    } catch (error) {
      this.warner.warn(error, 'get')
      return undefined
    }
  }

  async set(key: string, value: Envelope, ttlSeconds?: number): Promise<void> {
    try {
      const args = ['SET', this.valueKey(key), encodeEnvelope(value)]
      if (ttlSeconds !== undefined && ttlSeconds > 0 && Number.isFinite(ttlSeconds)) {
        args.push('PX', String(Math.max(1, Math.ceil(ttlSeconds * 1000))))
      }
      await this.command(args, 'set')
    } catch (error) {
      this.warner.warn(error, 'set')
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.command(['DEL', this.valueKey(key)], 'delete')
    } catch (error) {
      this.warner.warn(error, 'delete')
    }
  }

  /**
   * `SET lock:<key> <token> NX PX ttl`. When Redis cannot answer, hands out an
   * "unlocked" token so the caller creates the value itself instead of waiting on a
   * lock nobody can grant (fail open: the in-process single flight still holds).
   */
  async acquireLock(key: string, ttlMs: number, token: string = lockToken()): Promise<string | null> {
    try {
      const reply = await this.command(['EVAL', ACQUIRE_SCRIPT, '1', this.lockKey(key), token, lockPx(ttlMs)], 'lock')
      return Number(reply) === 1 ? token : null
    } catch (error) {
      this.warner.warn(error, 'lock')
      // a timeout from a server that still answers (slowly): the lock may have been taken,
      // by us or by another process; the caller waits and asks again instead of creating
      // unlocked. A silent (hung) server opened the circuit instead: fail open.
      if (error instanceof BackendTimeoutError && this.everReady && Date.now() >= this.downUntil) throw new LockUnknownError(error)
      return unlockedToken()
    }
  }

  /** Pushes the lock's expiry if it still holds `token` (a holder whose creation outlasts the lock ttl keeps it). */
  async extendLock(key: string, token: string, ttlMs: number): Promise<boolean> {
    if (token.startsWith(UNLOCKED_TOKEN_PREFIX)) return false
    try {
      return Number(await this.command(['EVAL', EXTEND_SCRIPT, '1', this.lockKey(key), token, lockPx(ttlMs)], 'extend')) === 1
    } catch (error) {
      // unknown: try again at the next beat
      this.warner.warn(error, 'extend')
      return true
    }
  }

  async releaseLock(key: string, token: string): Promise<void> {
    if (token.startsWith(UNLOCKED_TOKEN_PREFIX)) return
    try {
      await this.command(['EVAL', RELEASE_SCRIPT, '1', this.lockKey(key), token], 'unlock')
    } catch (error) {
      // the lock's ttl frees it anyway
      this.warner.warn(error, 'unlock')
    }
  }

  /** Closes the client this backend made (a client passed in stays open) and stops listening. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const client = this.client ?? (this.starting ? await this.starting.catch(() => undefined) : undefined)
    if (!client) return
    this.detach(client)
    // keep a late socket error from crashing the process once our listener is gone
    client.on('error', () => {})
    if (!this.owned) return
    try {
      const closing = client.close ? client.close() : client.quit ? client.quit() : undefined
      if (closing) await withTimeout(closing, Math.max(this.callTimeout, 500), 'close')
    } catch {
      try { client.destroy?.() } catch { /* already gone */ }
    }
  }

  /** Sends one command through the client, bounded by the call timeout. */
  private async command(args: string[], operation: string): Promise<unknown> {
    const starting = !this.everReady
    const sent = this.send(args)
    sent.then(() => { this.lastReplyAt = Date.now() }, () => {})
    try {
      return await withTimeout(sent, starting ? Math.max(this.callTimeout, this.connectTimeout) : this.callTimeout, operation)
    } catch (error) {
      // the circuit opens only for a silent server, not for a slow one or a busy CPU
      if (!starting && silentServer(error, this.lastReplyAt, this.callTimeout)) {
        this.downUntil = Date.now() + this.retryInterval
      }
      throw error
    }
  }

  private async send(args: string[]): Promise<unknown> {
    if (this.closed) throw new BackendOfflineError('redis cache backend (closed)')
    if (Date.now() < this.downUntil) throw new BackendOfflineError(`redis at ${this.url} (timed out recently)`)
    const client = this.client ?? await this.start()
    if (!client.isReady) {
      if (this.down || !client.isOpen) throw new BackendOfflineError(`redis at ${this.url}`)
      await this.waitReady(client)
    }
    return client.sendCommand(args)
  }

  private start(): Promise<RedisClientLike> {
    this.starting ??= (async () => {
      let mod: RedisModule
      try {
        mod = await loadRedisClient()
      } catch (error) {
        throw new Error(`the redis cache backend needs the "redis" package (npm install redis): ${toError(error).message}`)
      }
      const socket = { connectTimeout: 2000, reconnectStrategy: reconnectDelay, ...(this.clientOptions.socket as object | undefined) }
      const created = mod.createClient({
        url: this.url,
        // commands sent while disconnected fail at once (a miss) instead of piling up
        // and running, stale, after the reconnect
        disableOfflineQueue: true,
        ...this.clientOptions,
        socket,
      })
      if (!isRedisClient(created)) throw new Error('redis.createClient() returned something unexpected')
      this.attach(created)
      return created
    })()
    // a failed import is reported per call; keep this promise from being an unhandled rejection
    this.starting.catch(() => {})
    return this.starting
  }

  private attach(client: RedisClientLike): void {
    this.client = client
    if (client.isReady) {
      this.everReady = true
      this.lastReplyAt = Date.now()
    }
    for (const [event, listener] of Object.entries(this.listeners)) client.on(event, listener)
    if (!client.isOpen) {
      client.connect().catch((error: unknown) => {
        this.down = true
        this.warner.warn(error, 'connect')
      })
    }
  }

  private detach(client: RedisClientLike): void {
    for (const [event, listener] of Object.entries(this.listeners)) client.removeListener(event, listener)
  }

  /** Resolves at the client's next 'ready', rejects at its next 'error' (one waiter shared by all calls). */
  private waitReady(client: RedisClientLike): Promise<void> {
    this.readyWaiter ??= new Promise<void>((resolve, reject) => {
      const done = (error?: unknown) => {
        client.removeListener('ready', onReady)
        client.removeListener('error', onError)
        this.readyWaiter = undefined
        if (error === undefined) resolve()
        else reject(toError(error))
      }
      const onReady = () => done()
      const onError = (error: unknown) => done(error ?? new Error('connection failed'))
      client.on('ready', onReady)
      client.on('error', onError)
    })
    this.readyWaiter.catch(() => {})
    return this.readyWaiter
  }
}

/** What a prefix view shares with its base: the connection and its health. */
const REDIS_STATE = ['client', 'starting', 'down', 'everReady', 'downUntil', 'lastReplyAt', 'readyWaiter', 'closed']

function lockPx(ttlMs: number): string {
  return String(Math.max(1, Math.ceil(Number.isFinite(ttlMs) && ttlMs > 0 ? ttlMs : 30_000)))
}

/** The factory behind `type: 'redis'`: one backend (one connection) per distinct configuration. */
export const createRedisBackend: ((args?: Record<string, unknown>) => RedisBackend) & { options: readonly string[]; preload?: () => void } = pooledFactory(
  (options: RedisBackendOptions) => new RedisBackend(options),
  remoteOptions,
  (base, prefix) => prefixView(base, prefix, REDIS_STATE),
)

// when options name 'redis' (a template is defined with them, or configureCache): start
// loading node-redis then, not when this entry is imported (importing the package must not
// load it: a `vite build` never needs it); a missing package is reported at the first call
createRedisBackend.preload = () => void loadRedisClient().catch(() => {})
registerBackend('redis', createRedisBackend)
