// Types shared by the Cache facade, CacheImpl plugins and the storage backends.

/** Options a cache call receives: merged `cacheArgs` and `cache_*` tag values without the prefix. */
export interface CacheArgs {
  [name: string]: unknown
  /** seconds (from `cache_timeout`) */
  timeout?: number
  region?: string
  type?: string
  /** the render Context, present only when the impl's `passContext` is true */
  context?: unknown
}

/** What the Cache facade needs to know about its template. */
export interface CacheOwner {
  /** unique per template (its uri, or a generated id for string templates) */
  readonly id: string
  /** epoch ms when the template module was compiled / last hot-updated */
  readonly starttime: number
  /** content digest covering the template and its static dependencies */
  readonly digest: string
  readonly options: {
    cacheEnabled?: boolean
    cacheImpl?: string
    cacheArgs?: Record<string, unknown>
    cacheRegions?: Record<string, Record<string, unknown>>
    async?: boolean
  }
}

/** A stored value with its creation time, so the caller judges freshness (dogpile's envelope). */
export interface Envelope<T = unknown> {
  value: T
  /** epoch ms */
  createdAt: number
}

type MaybePromise<T> = T | Promise<T>

/**
 * What a built-in storage backend (memory, redis, memcached) supplies; the generic
 * dogpile-style getOrCreate is written once over it.
 */
export interface StorageBackend {
  /** true when the methods return Promises (redis, memcached); such backends need async templates */
  readonly async: boolean
  get(key: string): MaybePromise<Envelope | undefined>
  /** ttlSeconds: backend expiry (cache timeout plus grace), undefined = no expiry */
  set(key: string, value: Envelope, ttlSeconds?: number): MaybePromise<void>
  delete(key: string): MaybePromise<void>
  /**
   * Cross-process lock; returns an owner token or null when somebody else holds it. With
   * `token`, asking again is idempotent: a lock that already holds this token is ours (a
   * first attempt whose reply timed out may have taken it). An error with
   * `lockUnknown: true` means the answer is unknown (a timeout): not a free lock.
   */
  acquireLock?(key: string, ttlMs: number, token?: string): MaybePromise<string | null>
  /** Pushes the lock's expiry to `ttlMs` from now if it still holds `token`; false when it does not (lost or expired). */
  extendLock?(key: string, token: string, ttlMs: number): MaybePromise<boolean>
  releaseLock?(key: string, token: string): MaybePromise<void>
  close?(): MaybePromise<void>
}
