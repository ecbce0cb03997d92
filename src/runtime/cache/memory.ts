// The `memory` storage backend (the default): a bounded in-process LRU on lru-cache, synchronous, with TTL.

import { LRUCache } from 'lru-cache'
import type { Envelope, StorageBackend } from './types.js'
import { numberOr } from './state.js'

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

export class MemoryBackend implements StorageBackend {
  readonly async = false
  readonly prefix: string
  /** the lru-cache underneath, for stats and tests (`.size`, `.calculatedSize`) */
  readonly lru: LRUCache<string, Envelope>

  constructor(options: MemoryBackendOptions = {}) {
    this.prefix = typeof options.prefix === 'string' ? options.prefix : ''
    const max = numberOr(options.max, DEFAULT_MAX) || DEFAULT_MAX
    const maxSize = numberOr(options.maxSize, DEFAULT_MAX_SIZE) || DEFAULT_MAX_SIZE
    const ttl = numberOr(options.ttl, 0)
    const now = options.now
    this.lru = new LRUCache<string, Envelope>({
      max,
      maxSize,
      sizeCalculation: entrySize,
      ...(ttl > 0 ? { ttl: Math.ceil(ttl * 1000) } : {}),
      // expired entries are never returned; freshness proper is judged from createdAt
      allowStale: false,
      // lru-cache caches its clock for ttlResolution ms of real time: read an injected clock every time
      ...(typeof now === 'function' ? { perf: { now }, ttlResolution: 0 } : {}),
    })
  }

  get(key: string): Envelope | undefined {
    return this.lru.get(this.prefix + key)
  }

  set(key: string, value: Envelope, ttlSeconds?: number): void {
    const ttl = ttlSeconds !== undefined && ttlSeconds > 0 && Number.isFinite(ttlSeconds) ? Math.ceil(ttlSeconds * 1000) : undefined
    this.lru.set(this.prefix + key, value, ttl === undefined ? undefined : { ttl })
  }

  delete(key: string): void {
    this.lru.delete(this.prefix + key)
  }

  /** Drops every entry of this backend. */
  clear(): void {
    this.lru.clear()
  }
}

/** The factory behind `type: 'memory'`. */
export function createMemoryBackend(args: Record<string, unknown> = {}): MemoryBackend {
  return new MemoryBackend(args as MemoryBackendOptions)
}
