// Process-wide cache state (impl and backend registries, run-time configuration, backend pool, error reporting), shared by every copy of the runtime.

import type { StorageBackend } from './types.js'

/** What `registerBackend(type, factory)` takes: backend args in, a StorageBackend out. */
export type BackendFactory = ((args: Record<string, unknown>) => StorageBackend) & {
  /** starts loading what the backend needs (a client library) before its first use; called when options name the type */
  preload?: () => void
}

/** `(error, operation)`: operation is `'get'`, `'set'`, `'delete'`, `'lock'`, `'unlock'`. */
export type CacheErrorHandler = (error: Error, operation: string) => void

/**
 * Run-time configuration, handed over with `configureCache()`: live objects and process-wide
 * defaults that can't (or shouldn't) go through build-time template options.
 */
export interface CacheConfig {
  /**
   * Region configurations merged over the templates' `cacheRegions` of the same name,
   * e.g. `{ long_term: { type: 'redis', client } }`. A region may be defined here only.
   */
  regions?: Record<string, Record<string, unknown>>
  /** every backend error (fail-open) goes here instead of the rate-limited console warning */
  onError?: CacheErrorHandler
  /** key namespace for every backend (memory, redis, memcached) */
  prefix?: string
  /** seconds a value outlives its `timeout` in the backend, so a stale copy can be served while one caller regenerates (default 60) */
  grace?: number
  /** ms a cross-process creation lock lives, and the longest a waiter polls for the creator's value (default 10000) */
  lockTtl?: number
  /** ms between two console warnings about backend errors (default 30000) */
  warnInterval?: number
  /** the clock for `createdAt` and freshness, epoch ms (default `Date.now`); for tests */
  now?: () => number
  /** `false` turns caching off in every template (a kill switch for debugging) */
  enabled?: boolean
  /** per backend type options, e.g. `redis: { client }`, `memcached: { client }`, `memory: { max: 50_000 }` */
  [type: string]: unknown
}

export interface CacheState {
  impls: Map<string, new (cache: any) => any>
  backends: Map<string, BackendFactory>
  config: CacheConfig
  /** bumped by every configureCache(), so memoized backend resolutions are redone */
  version: number
  /** backends by type + configuration: one LRU / one connection per distinct configuration */
  pool: Map<string, StorageBackend>
  /** in-process single flight: per backend, full key -> the running creation */
  flights: WeakMap<StorageBackend, Map<string, Promise<unknown>>>
  /** ids for objects and functions inside backend args (clients, callbacks) */
  ids: WeakMap<object, number>
  nextId: number
  warn: { last: number, suppressed: number }
  /** template id + digest -> how many distinct template objects of this process have used it */
  owners: Map<string, number>
  /** template object -> its key namespace per id + digest */
  slots: WeakMap<object, Map<string, string>>
  /** the memory backend's stores (one per sizing) and the backends over them (memory.ts) */
  memory?: unknown
}

const STATE_KEY = Symbol.for('vite-plugin-mako.cache')

// One registry per process: a plugin registered through `vite-plugin-mako/runtime` (dist)
// must be seen by templates whose runtime came from another copy (src under a test runner).
export const state: CacheState = ((globalThis as any)[STATE_KEY] ??= {
  impls: new Map(),
  backends: new Map(),
  config: {},
  version: 0,
  pool: new Map(),
  flights: new WeakMap(),
  ids: new WeakMap(),
  nextId: 0,
  warn: { last: -Infinity, suppressed: 0 },
  owners: new Map(),
  slots: new WeakMap(),
} satisfies CacheState)
// a state made by an older copy of the runtime may lack the newer fields
state.owners ??= new Map()
state.slots ??= new WeakMap()

export const DEFAULT_GRACE = 60
export const DEFAULT_LOCK_TTL = 10_000
export const DEFAULT_WARN_INTERVAL = 30_000

export function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value))
}

/**
 * Reports a swallowed backend error: to `onError` when one is given (every error), else
 * as a console warning at most once per `warnInterval`, counting the ones suppressed.
 */
export function reportError(error: unknown, operation: string, onError?: unknown, warnInterval?: unknown): void {
  const err = toError(error)
  const handler = typeof onError === 'function' ? onError : state.config.onError
  if (typeof handler === 'function') {
    try {
      handler(err, operation)
    } catch {
      // a throwing reporter must not turn a cache miss into a failed render
    }
    return
  }
  const interval = numberOr(warnInterval, numberOr(state.config.warnInterval, DEFAULT_WARN_INTERVAL))
  const now = Date.now()
  const w = state.warn
  if (now - w.last < interval) {
    w.suppressed++
    return
  }
  const more = w.suppressed > 0 ? ` (${w.suppressed} similar warnings suppressed)` : ''
  w.last = now
  w.suppressed = 0
  console.warn(`[vite-plugin-mako] cache ${operation} failed, rendering uncached: ${err.message}${more}`)
}

/** A finite number >= 0 from a number or numeric string, else `fallback`. */
export function numberOr(value: unknown, fallback: number): number
export function numberOr(value: unknown, fallback: undefined): number | undefined
export function numberOr(value: unknown, fallback: number | undefined): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : fallback
}

/** A stable id for an object or function (a live client, a callback) inside a pool key. */
export function identity(value: object): number {
  let id = state.ids.get(value)
  if (id === undefined) {
    id = ++state.nextId
    state.ids.set(value, id)
  }
  return id
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value != null && typeof (value as PromiseLike<unknown>).then === 'function'
}
