// Plumbing shared by the network backends (redis, memcached): call timeouts, rate-limited warnings, envelopes, lock tokens.

import { randomBytes } from 'node:crypto'
import type { Envelope } from './types.js'
import { identity } from './state.js'

/** Options every network backend understands, besides its own `url` / `client`. */
export interface RemoteBackendOptions {
  /** namespace in front of every key (default `'mako:'`) */
  prefix?: string
  /**
   * ms a single backend call may take before it counts as failed (default 200). Not
   * named `timeout`: that name is `cache_timeout`, which reaches backends through the same args.
   */
  callTimeout?: number
  /** ms between two warnings about backend errors (default 30000) */
  warnInterval?: number
  /** called for every backend error instead of the rate-limited `console.warn` */
  onError?: (error: Error, operation: string) => void
  /**
   * ms during which calls fail at once after one timed out or failed (default 1000), so
   * a hung or unreachable server costs a render nothing instead of a timeout per cached
   * fragment; the first call after it tries the server again.
   */
  retryInterval?: number
  /**
   * ms the first calls may wait while the backend starts (loading the client library,
   * first connection; default 1000). Later calls get `callTimeout`.
   */
  connectTimeout?: number
}

export const DEFAULT_PREFIX = 'mako:'
export const DEFAULT_CALL_TIMEOUT = 200
export const DEFAULT_WARN_INTERVAL = 30_000
export const DEFAULT_RETRY_INTERVAL = 1000
export const DEFAULT_CONNECT_TIMEOUT = 1000

/**
 * Tokens starting with this were handed out without a backend lock (the backend failed):
 * the caller creates the value itself, guarded only by the in-process single flight,
 * and releasing such a token is a no-op.
 */
export const UNLOCKED_TOKEN_PREFIX = 'unlocked:'

export class BackendTimeoutError extends Error {
  /**
   * @param lag ms the timeout was declared late: how long this process's event loop was
   *   too busy to look. A large lag says the CPU, not the server, was slow.
   */
  constructor(operation: string, ms: number, readonly lag = 0) {
    super(`${operation} took longer than ${ms} ms`)
    this.name = 'BackendTimeoutError'
  }
}

/**
 * Whether a call that failed shows the server silent (hung): a timeout declared on time
 * (this process was not starved for a whole call timeout) with no reply of any kind for
 * two call timeouts. A slow server or a saturated CPU still answers, late: its timeouts
 * are slow calls, not an outage.
 */
export function silentServer(error: unknown, lastReplyAt: number, callTimeout: number): boolean {
  return error instanceof BackendTimeoutError && error.lag < callTimeout && Date.now() - lastReplyAt >= 2 * callTimeout
}

export class BackendOfflineError extends Error {
  constructor(what: string) {
    super(`${what} is not connected`)
    this.name = 'BackendOfflineError'
  }
}

/**
 * A lock call whose answer did not come in time: the lock may have been taken (by us, the
 * command may have run) or be held by someone else, so it is not a free lock. `lockUnknown`
 * tells the dogpile getOrCreate to wait and ask again (with the same token) instead of
 * creating the value unlocked.
 */
export class LockUnknownError extends Error {
  readonly lockUnknown = true
  constructor(cause: unknown) {
    super(`lock state unknown: ${toError(cause).message}`)
    this.name = 'LockUnknownError'
  }
}

export function lockToken(): string {
  return randomBytes(16).toString('hex')
}

export function unlockedToken(): string {
  return UNLOCKED_TOKEN_PREFIX + lockToken()
}

export function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value))
}

/**
 * Settles with `promise` or rejects with a BackendTimeoutError after `ms`. The losing
 * promise always has a handler attached, so a reply or failure arriving after the
 * timeout is never an unhandled rejection.
 *
 * The timeout is declared only after one more turn of the event loop: when the loop was
 * blocked (a saturated CPU), the timer and a reply that already arrived are both due at
 * once, and timers run before I/O callbacks; without the extra turn the reply would lose.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, operation: string): Promise<T> {
  if (!(ms > 0) || !Number.isFinite(ms)) return promise
  return new Promise<T>((resolve, reject) => {
    const due = Date.now() + ms
    const timer = setTimeout(() => {
      setImmediate(() => reject(new BackendTimeoutError(operation, ms, Math.max(0, Date.now() - due))))
    }, ms)
    // an idle timer must not keep a finished process alive
    timer.unref?.()
    promise.then(
      (value) => { clearTimeout(timer); resolve(value) },
      (error: unknown) => { clearTimeout(timer); reject(toError(error)) },
    )
  })
}

/** Reports backend errors through `onError`, or `console.warn` at most once per interval. */
export class Warner {
  private last = -Infinity
  private suppressed = 0

  constructor(
    private readonly label: string,
    private readonly interval: number,
    private readonly onError?: (error: Error, operation: string) => void,
  ) {}

  warn(error: unknown, operation: string): void {
    const err = toError(error)
    if (this.onError) {
      try {
        this.onError(err, operation)
      } catch {
        // a throwing reporter must not turn a cache miss into a failed render
      }
      return
    }
    const now = Date.now()
    if (now - this.last < this.interval) {
      this.suppressed++
      return
    }
    const more = this.suppressed > 0 ? ` (${this.suppressed} similar warnings suppressed)` : ''
    this.last = now
    this.suppressed = 0
    console.warn(`[vite-plugin-mako] ${this.label} cache ${operation} failed, rendering uncached: ${err.message}${more}`)
  }
}

export function encodeEnvelope(envelope: Envelope): string {
  return JSON.stringify({ value: envelope.value, createdAt: envelope.createdAt })
}

/** The stored envelope, or undefined for anything that is not one (treated as a miss). */
export function decodeEnvelope(raw: string | null | undefined): Envelope | undefined {
  if (raw == null || raw === '') return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return undefined
  }
  if (parsed === null || typeof parsed !== 'object') return undefined
  const { value, createdAt } = parsed as { value?: unknown, createdAt?: unknown }
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt)) return undefined
  return { value, createdAt }
}

export function numberOption(value: unknown, fallback: number): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : fallback
}

export function stringOption(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback
}

export function remoteOptions(args: RemoteBackendOptions & Record<string, unknown>) {
  return {
    prefix: stringOption(args.prefix, DEFAULT_PREFIX),
    callTimeout: numberOption(args.callTimeout, DEFAULT_CALL_TIMEOUT),
    warnInterval: numberOption(args.warnInterval, DEFAULT_WARN_INTERVAL),
    retryInterval: numberOption(args.retryInterval, DEFAULT_RETRY_INTERVAL),
    connectTimeout: numberOption(args.connectTimeout, DEFAULT_CONNECT_TIMEOUT),
    onError: typeof args.onError === 'function' ? args.onError : undefined,
  }
}

/** The arguments a network backend reads: the runtime pools it by these only (custom `cache_*` values make no connections). */
export const REMOTE_OPTIONS: readonly string[] = [
  'url', 'client', 'clientOptions', 'prefix', 'callTimeout', 'warnInterval', 'onError', 'retryInterval', 'connectTimeout',
]

/** Backends over one connection with other prefixes kept for reuse, per connection. */
const MAX_VIEWS = 256

/**
 * `base` under another key prefix: an object that inherits its methods and reads and
 * writes its connection state (`stateFields`) on `base`, so every prefix shares one
 * connection. Closing it closes that connection.
 */
export function prefixView<B extends { prefix: string }>(base: B, prefix: string, stateFields: readonly string[]): B {
  const view = Object.create(base) as B
  for (const name of stateFields) {
    Object.defineProperty(view, name, {
      get: () => (base as Record<string, unknown>)[name],
      set: (value: unknown) => { (base as Record<string, unknown>)[name] = value },
    })
  }
  Object.defineProperty(view, 'prefix', { value: prefix, enumerable: true })
  Object.defineProperty(view, 'view', { value: true })
  return view
}

function connectionId(value: unknown): string {
  if (value === undefined) return ''
  if (typeof value === 'function' || (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) !== Object.prototype)) {
    return `#${identity(value as object)}`
  }
  try {
    return JSON.stringify(value) ?? ''
  } catch {
    return `#${identity(value as object)}`
  }
}

/**
 * A backend factory that keeps one backend (one connection) per distinct connection
 * configuration (url or client, timings, onError, clientOptions), so every template and
 * region with the same server shares it. Another `prefix` gets a view over that
 * connection (`view(base, prefix)`), not a connection of its own: a per-tenant
 * `cache_prefix="${tenant}"` costs no sockets.
 */
export function pooledFactory<B extends { close(): unknown; prefix: string }, O extends RemoteBackendOptions & { client?: unknown; url?: string; clientOptions?: unknown }>(
  make: (options: O) => B,
  common: (args: Record<string, unknown>) => { prefix: string; callTimeout: number; warnInterval: number; retryInterval: number; connectTimeout: number },
  view: (base: B, prefix: string) => B,
): ((args?: Record<string, unknown>) => B) & { options: readonly string[] } {
  const shared = new Map<string, { base: B, views: Map<string, B> }>()
  const sharedByClient = new WeakMap<object, Map<string, { base: B, views: Map<string, B> }>>()
  const factory = (args: Record<string, unknown> = {}) => {
    const options = args as O
    const c = common(args)
    const id = JSON.stringify([
      options.client === undefined ? options.url ?? '' : '', c.callTimeout, c.warnInterval, c.retryInterval, c.connectTimeout,
      connectionId(options.onError), connectionId(options.clientOptions),
    ])
    let pool = shared
    if (options.client !== undefined && options.client !== null && typeof options.client === 'object') {
      pool = sharedByClient.get(options.client) ?? new Map()
      sharedByClient.set(options.client, pool)
    }
    let entry = pool.get(id)
    if (!entry) {
      const base = make(options)
      entry = { base, views: new Map() }
      pool.set(id, entry)
      const close = base.close.bind(base)
      base.close = () => { pool.delete(id); return close() }
    }
    if (c.prefix === entry.base.prefix) return entry.base
    let backend = entry.views.get(c.prefix)
    if (backend) {
      entry.views.delete(c.prefix)
    } else {
      backend = view(entry.base, c.prefix)
      if (entry.views.size >= MAX_VIEWS) entry.views.delete(entry.views.keys().next().value!)
    }
    entry.views.set(c.prefix, backend)
    return backend
  }
  return Object.assign(factory, { options: REMOTE_OPTIONS })
}
