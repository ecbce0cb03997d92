// The `memory` storage backend (the default): a bounded in-process LRU on lru-cache, synchronous, with TTL, shared by every configuration of the process.

import { LRUCache } from 'lru-cache'
import type { Envelope, StorageBackend } from './types.js'
import { identity, numberOr, state } from './state.js'

export interface MemoryBackendOptions {
  /** most entries kept (default 10000) */
  max?: number
  /** most characters of cached text kept, over all entries (default 32 Mi characters, about 64 MB) */
  maxSize?: number
  /** namespace in front of every key (default '') */
  prefix?: string
  /** default expiry in seconds for entries stored without one (default: none; LRU eviction only) */
  ttl?: number
  /** the clock lru-cache measures TTLs with (default performance.now); for tests */
  now?: () => number
}

export const DEFAULT_MAX = 10_000
export const DEFAULT_MAX_SIZE = 32 * 1024 * 1024

/** Size of an entry in characters: strings by length, anything else by its JSON, at least 1. */
export function entrySize(value: Envelope, key: string): number {
  const v = value.value
  let n: number
  if (typeof v === 'string') n = v.length
  else {
    try {
      n = JSON.stringify(v)?.length ?? 1
    } catch {
      n = 1
    }
  }
  return Math.max(1, n + key.length)
}

/**
 * Stores made here count every removal or replacement of an entry (eviction, delete,
 * overwrite, expiry found, clear): a reader that remembers entries (Cache._hit's memo) is
 * valid while the count stays.
 */
const changeCounts = new WeakMap<LRUCache<string, Envelope>, { n: number }>()

/** The lru-cache of one sizing (max, maxSize, clock). */
function makeStore(options: MemoryBackendOptions): LRUCache<string, Envelope> {
  const changes = { n: 0 }
  const max = numberOr(options.max, DEFAULT_MAX) || DEFAULT_MAX
  const maxSize = numberOr(options.maxSize, DEFAULT_MAX_SIZE) || DEFAULT_MAX_SIZE
  const now = options.now
  const store = new LRUCache<string, Envelope>({
    max,
    maxSize,
    dispose: () => {
      changes.n++
    },
    sizeCalculation: entrySize,
    // expired entries are never returned; freshness proper is judged from createdAt
    allowStale: false,
    // lru-cache caches its clock for ttlResolution ms of real time: read an injected clock every time
    ...(typeof now === 'function' ? { perf: { now }, ttlResolution: 0 } : {}),
  })
  changeCounts.set(store, changes)
  return store
}

export class MemoryBackend implements StorageBackend {
  readonly async = false
  readonly prefix: string
  /** the lru-cache underneath, for stats and tests (`.size`, `.calculatedSize`); shared by the backends createMemoryBackend makes */
  readonly lru: LRUCache<string, Envelope>
  /** ms, for entries stored without an expiry (0: none) */
  readonly ttlMs: number
  /** removals and replacements in the store so far (undefined: a store from elsewhere, not counted) */
  readonly changes: { n: number } | undefined

  /** A backend with a store of its own (`createMemoryBackend`, what the runtime uses, shares one per sizing). */
  constructor(options: MemoryBackendOptions = {}, store?: LRUCache<string, Envelope>) {
    this.prefix = typeof options.prefix === 'string' ? options.prefix : ''
    const ttl = numberOr(options.ttl, 0)
    this.ttlMs = ttl > 0 ? Math.ceil(ttl * 1000) : 0
    this.lru = store ?? makeStore(options)
    this.changes = changeCounts.get(this.lru)
  }

  get(key: string): Envelope | undefined {
    return this.lru.get(this.prefix + key)
  }

  set(key: string, value: Envelope, ttlSeconds?: number): void {
    const ttl = ttlSeconds !== undefined && ttlSeconds > 0 && Number.isFinite(ttlSeconds) ? Math.ceil(ttlSeconds * 1000) : this.ttlMs
    this.lru.set(this.prefix + key, value, ttl > 0 ? { ttl } : undefined)
  }

  delete(key: string): void {
    this.lru.delete(this.prefix + key)
  }

  /** Drops every entry of this backend. */
  clear(): void {
    this.lru.clear()
    if (this.changes) this.changes.n++
  }
}

/** Distinct sizings kept (each its own bounded LRU); a further one replaces the least recently used. */
export const MAX_STORES = 4
/** Backends (prefix and default ttl over a store) kept for reuse; they are small and made again at will. */
const MAX_VIEWS = 256

function memoryState() {
  state.memory ??= { stores: new Map(), views: new Map() }
  return state.memory as { stores: Map<string, LRUCache<string, Envelope>>, views: Map<string, MemoryBackend> }
}

function touch<V>(map: Map<string, V>, key: string, make: () => V, max: number): V {
  let value = map.get(key)
  if (value !== undefined) {
    map.delete(key)
  } else {
    value = make()
    if (map.size >= max) map.delete(map.keys().next().value!)
  }
  map.set(key, value)
  return value
}

/**
 * The factory behind `type: 'memory'`. One store per process for each sizing (`max`,
 * `maxSize`, clock), whatever else the arguments say: a `cache_prefix="${tenant}"` or any
 * custom `cache_*` with a new value per render gets a backend that is only a prefix over
 * that store, so memory stays within the store's bounds (at most MAX_STORES sizings).
 */
export function createMemoryBackend(args: Record<string, unknown> = {}): MemoryBackend {
  const options = args as MemoryBackendOptions
  const now = typeof options.now === 'function' ? identity(options.now) : 0
  const sizing = `${numberOr(options.max, DEFAULT_MAX) || DEFAULT_MAX}:${numberOr(options.maxSize, DEFAULT_MAX_SIZE) || DEFAULT_MAX_SIZE}:${now}`
  const { stores, views } = memoryState()
  const store = touch(stores, sizing, () => makeStore(options), MAX_STORES)
  const prefix = typeof options.prefix === 'string' ? options.prefix : ''
  const view = `${sizing}\0${numberOr(options.ttl, 0)}\0${prefix}`
  const cached = views.get(view)
  // a sizing pushed out of `stores` made a new store: its old views go with it
  if (cached && cached.lru !== store) views.delete(view)
  return touch(views, view, () => new MemoryBackend(options, store), MAX_VIEWS)
}

/** The arguments a memory backend reads: the runtime pools it by these only. */
createMemoryBackend.options = ['max', 'maxSize', 'ttl', 'now', 'prefix'] as readonly string[]
