// CacheImpl (the plugin base, Mako's mako.cache.CacheImpl), the impl and backend registries, configureCache, and the built-in StorageCacheImpl over regions and backends.

import { RuntimeException } from '../../shared/errors.js'
import type { Cache } from './cache.js'
import type { CacheArgs, StorageBackend } from './types.js'
import {
  Policy, drive, storageDelete, storageGet, storageGetOrCreate, storageSet, type DogpileOptions,
} from './dogpile.js'
import { createMemoryBackend } from './memory.js'
import { services } from '../registry.js'
import { identity, state, type BackendFactory, type CacheConfig } from './state.js'

export { storageGetOrCreate, storageGet, storageSet, storageDelete, type DogpileOptions } from './dogpile.js'
export type { BackendFactory, CacheConfig, CacheErrorHandler } from './state.js'

/**
 * The plugin base (Mako's CacheImpl). Subclasses implement `getOrCreate`, `set`, `get`,
 * `invalidate` (Mako's snake_case `get_or_create` works too); each receives the merged
 * `cacheArgs` and `cache_*` values as `opts`, plus `opts.context` when `passContext` is true.
 */
export class CacheImpl {
  /** when true, `opts.context` is the render Context (read on every call) */
  declare passContext: boolean

  constructor(readonly cache: Cache) {}

  /**
   * The value of `key`, or `createFn()`'s, stored. This default goes through `get` and
   * `set` (`undefined` from `get` is a miss); override it for locking or freshness of your own.
   */
  getOrCreate(key: string, createFn: () => unknown, opts: CacheArgs = {}): unknown {
    if (this.get_or_create !== CacheImpl.prototype.get_or_create) return this.get_or_create(key, createFn, opts)
    const impl = this
    return drive((function* () {
      const found: unknown = yield impl.get(key, opts)
      if (found !== undefined) return found
      const value: unknown = yield createFn()
      yield impl.set(key, value, opts)
      return value
    })())
  }

  get_or_create(key: string, createFn: () => unknown, opts: CacheArgs = {}): unknown {
    return this.getOrCreate(key, createFn, opts)
  }

  set(_key: string, _value: unknown, _opts: CacheArgs = {}): unknown {
    throw new Error(`${this.constructor.name}.set() is not implemented`)
  }

  get(_key: string, _opts: CacheArgs = {}): unknown {
    throw new Error(`${this.constructor.name}.get() is not implemented`)
  }

  invalidate(_key: string, _opts: CacheArgs = {}): unknown {
    throw new Error(`${this.constructor.name}.invalidate() is not implemented`)
  }
}
// on the prototype, so that a subclass may declare it as a field or as a getter
CacheImpl.prototype.passContext = false

export type CacheImplClass = new (cache: Cache) => CacheImpl

// ---------------------------------------------------------------- registries and configuration

/**
 * Mako's register_plugin: `cacheImpl: name` then selects `ImplClass`, constructed as
 * `new ImplClass(cache)` once per template Cache. Registering a name again replaces it
 * for Caches made afterwards.
 */
export function registerCacheImpl(name: string, ImplClass: CacheImplClass): void {
  if (typeof name !== 'string' || name === '') throw new TypeError('registerCacheImpl(name, ImplClass): name must be a non-empty string')
  if (typeof ImplClass !== 'function') throw new TypeError(`registerCacheImpl('${name}', ImplClass): ImplClass must be a class`)
  state.impls.set(name, ImplClass)
}

/** Makes `type: name` (in cacheArgs, a region, `cache_type`, or `cacheImpl: name`) a storage backend made by `factory(args)`. */
export function registerBackend(type: string, factory: BackendFactory): void {
  if (typeof type !== 'string' || type === '') throw new TypeError('registerBackend(type, factory): type must be a non-empty string')
  if (typeof factory !== 'function') throw new TypeError(`registerBackend('${type}', factory): factory must be a function`)
  state.backends.set(type, factory)
}

/**
 * Hands the runtime live objects and process-wide defaults (see CacheConfig). Merges into
 * the current configuration (`regions` per region name; a key set to `undefined` is
 * removed) and returns it. Takes effect for the next cache call of every template.
 */
export function configureCache(config: CacheConfig): CacheConfig {
  const next: CacheConfig = { ...state.config }
  for (const [k, v] of Object.entries(config ?? {})) {
    if (v === undefined) delete next[k]
    else if (k === 'regions') next.regions = { ...state.config.regions, ...(v as CacheConfig['regions']) }
    else next[k] = v
  }
  state.config = next
  state.version++
  services.preloadBackends?.(config)
  return next
}

/** Forgets every `configureCache()` setting and the warning rate limit (the registries stay). */
export function resetCacheConfig(): void {
  state.config = {}
  state.version++
  state.warn = { last: -Infinity, suppressed: 0 }
}

/**
 * Closes and forgets every pooled backend (connections of redis/memcached backends made
 * from a url; clients handed over stay open). For graceful shutdown and tests.
 */
export async function closeCacheBackends(): Promise<void> {
  const backends = [...new Set(state.pool.values())]
  state.pool.clear()
  state.version++
  await Promise.all(backends.map(async (b) => {
    try {
      await b.close?.()
    } catch {
      // closing is best effort
    }
  }))
}

/** `ext:memcached` (Beaker's spelling) -> `memcached`. */
function normType(type: unknown): string {
  return String(type).replace(/^ext:/, '')
}

/** The class `cacheImpl: name` selects, if it is registered (as an impl, or as a backend type). */
export function findCacheImpl(name: string): CacheImplClass | undefined {
  return state.impls.get(name) ?? (state.backends.has(normType(name)) ? StorageCacheImpl : undefined)
}

const REMOTE = new Set(['redis', 'memcached'])

function missingBackendMessage(type: string): string {
  return REMOTE.has(type)
    ? `the '${type}' cache backend is not loaded: import 'vite-plugin-mako/cache/${type}' once (server side) before rendering; that import registers it`
    : `cache type '${type}' is not registered: registerBackend('${type}', factory) before rendering`
}

function missingImplMessage(name: string): string {
  if (REMOTE.has(normType(name))) return `cacheImpl '${name}': ${missingBackendMessage(normType(name))}`
  return `cacheImpl '${name}' is not registered: call registerCacheImpl('${name}', ImplClass) before rendering, or import the ` +
    `module that does (templates compiled with async: true load a module specifier themselves)`
}

/** `new ImplClass(cache)` for the cache's `cacheImpl` (default 'memory'); throws when it is not registered. */
export function createCacheImpl(cache: Cache, name: string): CacheImpl {
  const ImplClass = findCacheImpl(name)
  if (!ImplClass) throw new Error(missingImplMessage(name))
  return new ImplClass(cache)
}

/**
 * Imports the module `specifier` names (for `cacheImpl: specifier`) unless it is registered
 * already. The module either registers itself under that name or default-exports the class.
 */
export async function loadCacheImpl(specifier: string): Promise<void> {
  if (findCacheImpl(specifier)) return
  // 'redis' names the backend, not the npm client of that name (which is no CacheImpl module)
  if (REMOTE.has(normType(specifier))) throw new Error(missingImplMessage(specifier))
  let mod: { default?: unknown }
  try {
    mod = await import(/* @vite-ignore */ specifier)
  } catch (error) {
    throw new Error(`${missingImplMessage(specifier)}; importing it failed: ${(error as Error)?.message ?? error}`)
  }
  if (findCacheImpl(specifier)) return
  if (typeof mod?.default !== 'function') {
    throw new Error(`cacheImpl '${specifier}': the module neither registered itself (registerCacheImpl) nor default-exports a CacheImpl class`)
  }
  registerCacheImpl(specifier, mod.default as CacheImplClass)
}

// ---------------------------------------------------------------- the built-in impl

/** Options that steer the algorithm, not the backend: not part of a backend's identity. */
const POLICY_KEYS = new Set(['timeout', 'expire', 'region', 'type', 'context', 'grace', 'lockTtl', 'starttime'])

/** `expire` (Beaker's region spelling) means `timeout`. */
function normalize(layer: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!layer) return {}
  if (layer.expire === undefined || layer.timeout !== undefined) return layer
  return { ...layer, timeout: layer.expire }
}

/** A pool key: JSON with objects that aren't plain data (clients) and functions by identity. */
function signature(value: Record<string, unknown>): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'function') return `#fn${identity(v)}`
      if (typeof v === 'bigint' || typeof v === 'symbol') return `#${String(v)}`
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const proto = Object.getPrototypeOf(v)
        if (proto !== Object.prototype && proto !== null) return `#obj${identity(v)}`
      }
      return v
    })
  } catch {
    // circular plain data: this very object is the identity
    return `#args${identity(value)}`
  }
}

/** id + digest pairs whose owners are counted; past it the oldest is forgotten (see ownerNamespace). */
const OWNERS_MAX = 10_000

function ownerNamespace(owner: object, base: string): string {
  let slots = state.slots.get(owner)
  if (!slots) state.slots.set(owner, (slots = new Map()))
  let ns = slots.get(base)
  if (ns === undefined) {
    const seen = state.owners.get(base) ?? 0
    // templates made at run time (a generated id each) would grow this for ever; a pair
    // forgotten here and seen again starts over at its plain namespace, where the
    // starttime rule still hides entries older than the new template
    if (seen === 0 && state.owners.size >= OWNERS_MAX) state.owners.delete(state.owners.keys().next().value!)
    state.owners.set(base, seen + 1)
    ns = seen === 0 ? base : `${base}#${seen + 1}`
    slots.set(base, ns)
  }
  return ns
}

/** A cheap memo key for one call's options (this runs on every cache hit): primitives by value, the rest by identity. */
function callSignature(opts: CacheArgs): string {
  let sig = ''
  for (const k in opts) {
    if (k === 'context') continue
    const v = opts[k]
    sig += v !== null && (typeof v === 'object' || typeof v === 'function')
      ? `\0${k}\0#${identity(v)}`
      : `\0${k}\0${typeof v}:${String(v)}`
  }
  return sig
}

/** Pooled backends without a connection of their own (nothing to leak when dropped) beyond which the oldest are dropped. */
const POOL_SOFT_MAX = 1000

/**
 * The pooled backend of a type and configuration. A factory that lists the arguments it
 * reads (`factory.options`) is pooled by those only, so custom `cache_*` values don't
 * make backends; and the pool drops its oldest close-less entries past POOL_SOFT_MAX, so
 * per-render values (`cache_prefix="${tenant}"`) can't grow it without bound.
 */
function pooledBackend(type: string, args: Record<string, unknown>): StorageBackend {
  const factory = state.backends.get(type)
  if (!factory) throw new Error(missingBackendMessage(type))
  const names = (factory as { options?: readonly string[] }).options
  let own = args
  if (Array.isArray(names)) {
    own = {}
    for (const k of names) if (args[k] !== undefined) own[k] = args[k]
  }
  const key = `${type}\0${signature(own)}`
  let backend = state.pool.get(key)
  if (!backend) {
    backend = factory(own)
    if (state.pool.size >= POOL_SOFT_MAX) {
      for (const [k, b] of state.pool) {
        // a view over a shared connection closes nothing of its own when forgotten
        if (typeof b.close === 'function' && (b as { view?: boolean }).view !== true) continue
        state.pool.delete(k)
        if (state.pool.size < POOL_SOFT_MAX) break
      }
    }
    state.pool.set(key, backend)
  }
  return backend
}

interface Resolved {
  backend: StorageBackend
  type: string
  region: string | undefined
  /** freshness and locking, with starttime 0 (`policy.at(starttime)` per call) */
  policy: Policy
}

/**
 * The default impl: Mako's cache API over a StorageBackend chosen by `type` (memory, redis,
 * memcached, or any registered backend), with Beaker-style regions and the dogpile
 * getOrCreate. Keys are namespaced by template id and digest.
 *
 * Options, lowest precedence first: configureCache() defaults (`prefix`, `onError`, ...,
 * then its per-type entry such as `redis: { client }`), the template's `cacheArgs`, the
 * region (`cacheRegions[region]`, then configureCache's `regions[region]`), and the tag's
 * or call's own values. `expire` is a synonym of `timeout`.
 */
export class StorageCacheImpl extends CacheImpl {
  private memo = new Map<string, Resolved>()
  // what the memo was made under: a configureCache() call or a hot update that replaced
  // the template's options invalidates it
  private memoVersion = -1
  private memoOptions: unknown

  /** The backend type when nothing names one: the template's `cacheImpl` if it is a backend type, else 'memory'. */
  get defaultType(): string {
    const name = this.cache.owner.options?.cacheImpl
    return name && state.backends.has(normType(name)) ? normType(name) : 'memory'
  }

  /** The backend `opts` select (exposed for `cache.impl.backendFor({ region: 'long_term' })`). */
  backendFor(opts: CacheArgs = {}): StorageBackend {
    return this.resolve(opts).backend
  }

  /** Type, region, backend and freshness policy of a call. */
  resolve(opts: CacheArgs = {}): Resolved {
    const owner = this.cache.owner
    if (this.memoVersion !== state.version || this.memoOptions !== owner.options) {
      this.memo.clear()
      this.memoVersion = state.version
      this.memoOptions = owner.options
    }
    const memoKey = callSignature(opts)
    const hit = this.memo.get(memoKey)
    if (hit) return hit

    const template = normalize(owner.options?.cacheArgs)
    // the call's own values are what differs from the template's cacheArgs
    const call: Record<string, unknown> = {}
    // (an unset value, e.g. cache_timeout="${t}" with t undefined, which arrives as NaN, sets nothing)
    for (const [k, v] of Object.entries(opts)) {
      if (k === 'context' || v === undefined || Number.isNaN(v) || (k in template && template[k] === v)) continue
      call[k] = v
    }
    const region = opts.region == null || opts.region === '' ? undefined : String(opts.region)
    let regionConfig: Record<string, unknown> = {}
    if (region !== undefined) {
      const fromTemplate = owner.options?.cacheRegions?.[region]
      const fromRuntime = state.config.regions?.[region]
      if (!fromTemplate && !fromRuntime) {
        throw new Error(`cache region '${region}' is not configured: define it in the cacheRegions option or with configureCache({ regions })`)
      }
      regionConfig = normalize({ ...normalize(fromTemplate), ...normalize(fromRuntime) })
    }
    const type = normType(call.type ?? regionConfig.type ?? template.type ?? this.defaultType)
    if (!state.backends.has(type)) throw new Error(missingBackendMessage(type))

    const cfg = state.config
    const common: Record<string, unknown> = {}
    for (const k of ['prefix', 'onError', 'warnInterval', 'now', 'grace', 'lockTtl'] as const) if (cfg[k] !== undefined) common[k] = cfg[k]
    const perType = cfg[type] !== null && typeof cfg[type] === 'object' ? cfg[type] as Record<string, unknown> : {}
    const effective = { ...common, ...perType, ...template, ...regionConfig, ...normalize(call) }

    const backendArgs: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(effective)) if (!POLICY_KEYS.has(k) && v !== undefined) backendArgs[k] = v
    const resolved: Resolved = {
      backend: pooledBackend(type, backendArgs),
      type,
      region,
      policy: new Policy({
        timeout: effective.timeout as number | undefined,
        grace: effective.grace as number | undefined,
        lockTtl: effective.lockTtl as number | undefined,
        now: effective.now as (() => number) | undefined,
        onError: effective.onError as DogpileOptions['onError'],
        warnInterval: effective.warnInterval as number | undefined,
      }),
    }
    if (this.memo.size >= 256) this.memo.clear()
    this.memo.set(memoKey, resolved)
    return resolved
  }

  /**
   * The backend key of a cache key: template id and content digest first, so an edited
   * template never reads old entries, while the same build in another process shares them.
   * A second template object of the same id and digest in this process (a Template
   * compiled again from the same text) gets a namespace of its own: a recompiled template
   * starts clean as in Mako, even within the millisecond its starttime cannot tell apart.
   */
  storageKey(key: string): string {
    return `${this.namespace()}:${key}`
  }

  /** The namespace of this template's keys (see storageKey). */
  namespace(): string {
    const owner = this.cache.owner
    const id = owner.id
    const digest = owner.digest
    // the namespace is looked up again only when the owner, its id or its digest changed
    // (a WeakMap and a Map lookup per hit were a quarter of a cached def's hit)
    if (owner !== this.nsOwner || id !== this.nsId || digest !== this.nsDigest) {
      this.ns = ownerNamespace(owner, `${id}:${digest}`)
      this.nsOwner = owner
      this.nsId = id
      this.nsDigest = digest
    }
    return this.ns
  }

  private ns = ''
  private nsOwner: object | undefined
  private nsId: string | undefined
  private nsDigest: string | undefined

  private policy(r: Resolved): Policy {
    return r.policy.at(this.cache.owner.starttime)
  }

  override getOrCreate(key: string, createFn: () => unknown, opts: CacheArgs = {}): unknown {
    const r = this.resolve(opts)
    return storageGetOrCreate(r.backend, this.storageKey(key), createFn, this.policy(r))
  }

  /** getOrCreate for a sync template's render: an async backend is an error, before any I/O starts. */
  _getOrCreateSync(key: string, createFn: () => unknown, opts: CacheArgs): unknown {
    const r = this.resolve(opts)
    if (r.backend.async) {
      const where = r.region !== undefined ? `region '${r.region}'` : `type '${r.type}'`
      throw new RuntimeException(
        `Template '${this.cache.id}' caches '${key}' in an async cache backend (${where}) but is compiled synchronously: ` +
        `compile it with the option async: true (async backends such as redis and memcached need async templates)`,
        { uri: this.cache.id, code: 'cache_needs_async' },
      )
    }
    // a subclass's own getOrCreate wins
    if (this.getOrCreate !== StorageCacheImpl.prototype.getOrCreate) return this.getOrCreate(key, createFn, opts)
    return storageGetOrCreate(r.backend, this.storageKey(key), createFn, this.policy(r))
  }

  override get(key: string, opts: CacheArgs = {}): unknown {
    const r = this.resolve(opts)
    return storageGet(r.backend, this.storageKey(key), this.policy(r))
  }

  override set(key: string, value: unknown, opts: CacheArgs = {}): void | Promise<void> {
    const r = this.resolve(opts)
    return storageSet(r.backend, this.storageKey(key), value, this.policy(r))
  }

  override invalidate(key: string, opts: CacheArgs = {}): void | Promise<void> {
    const r = this.resolve(opts)
    return storageDelete(r.backend, this.storageKey(key), this.policy(r))
  }
}

if (!state.backends.has('memory')) state.backends.set('memory', createMemoryBackend)
