// Cache: a template's cache facade (Mako's mako.cache.Cache), `template.cache` and `local.cache`, over the CacheImpl its `cacheImpl` option selects.

import { RuntimeException } from '../../shared/errors.js'
import { createCacheImpl, findCacheImpl, loadCacheImpl, StorageCacheImpl, type CacheImpl } from './impl.js'
import { hitValue, MISS, type Policy } from './dogpile.js'
import { isThenable, state } from './state.js'
import type { CacheArgs, CacheOwner, Envelope } from './types.js'

type Args = Record<string, unknown>

/** cached callables whose args a Cache remembers for invalidateBody/Def/Closure */
const MAX_RECORDED = 1000

/** `async` may sit on the owner itself (MakoTemplate) or in its options. */
function isAsyncOwner(owner: CacheOwner): boolean {
  return !!(owner.options?.async ?? (owner as { async?: boolean }).async)
}

/**
 * What a hit of a cached callable without `cache_*` arguments needs, resolved once: valid
 * while the configuration (state.version), the template's options and its impl stay.
 */
interface HitPlan {
  version: number
  options: unknown
  impl: CacheImpl | undefined
  /** null: no fast path (a custom impl, an async backend, caching off): the full getOrCreate */
  storage: StorageCacheImpl | null
  backend?: { get(key: string): unknown }
  policy?: Policy
  /**
   * entries read from a memory backend, by cache key (a Map lookup of the short key instead
   * of building the namespaced key and an LRU read); valid while the store's change count
   * is `seen` and the namespace is `ns` (see MemoryBackend.changes)
   */
  memo?: Map<string, Envelope>
  changes?: { n: number }
  seen?: number
  ns?: string
}

/** entries a HitPlan remembers at most */
const MEMO_MAX = 2000

const SP = StorageCacheImpl.prototype

export class Cache {
  readonly owner: CacheOwner
  private _impl?: CacheImpl
  private _implName?: string
  /** cache key of each cached callable -> the `cache_*` args it was last cached with (Mako's _def_regions) */
  private readonly _callables = new Map<string, Args>()
  private _plan: HitPlan | undefined

  constructor(owner: CacheOwner) {
    this.owner = owner
  }

  /** The owning template (Mako's `cache.template`). */
  get template(): CacheOwner {
    return this.owner
  }

  /** Unique to the owning template: its uri, or a generated id for a string template. */
  get id(): string {
    return this.owner.id
  }

  /** Epoch ms when the owning template was compiled (or hot-updated): older entries are misses. */
  get starttime(): number {
    return this.owner.starttime
  }

  /** The name in `cacheImpl` (default 'memory'). */
  get implName(): string {
    const name = this.owner.options?.cacheImpl
    return typeof name === 'string' && name !== '' ? name : 'memory'
  }

  /** The CacheImpl in use, made on first access (`template.cache.impl.doSomethingSpecial()`). */
  get impl(): CacheImpl {
    const name = this.implName
    // a hot update may change the option: the impl follows it
    if (!this._impl || this._implName !== name) {
      this._impl = createCacheImpl(this, name)
      this._implName = name
    }
    return this._impl
  }

  get enabled(): boolean {
    return this.owner.options?.cacheEnabled !== false && state.config.enabled !== false
  }

  /** Template-level `cacheArgs` under `args` (tag/call values win), plus the context for an impl with `passContext`. */
  private _kw(args: Args | undefined, context: unknown): CacheArgs {
    const kw: CacheArgs = { ...this.owner.options?.cacheArgs, ...args }
    if (context != null && !('context' in kw)) {
      const impl = this.impl as CacheImpl & { pass_context?: boolean }
      if (impl.passContext === true || impl.pass_context === true) kw.context = context
    }
    return kw
  }

  /** The cached value of `key`, or undefined (a Promise of it with an async backend). */
  get(key: string, opts?: Args): any {
    return this.impl.get(key, this._kw(opts, undefined))
  }

  /** The value of `key`, or `createFn()`'s, stored. `createFn` runs directly when caching is off. */
  getOrCreate(key: string, createFn: () => unknown, opts?: Args): any {
    if (!this.enabled) return createFn()
    return this.impl.getOrCreate(key, createFn, this._kw(opts, undefined))
  }

  /** Stores `value` under `key`. */
  set(key: string, value: unknown, opts?: Args): any {
    return this.impl.set(key, value, this._kw(opts, undefined))
  }

  /** Mako's synonym of `set`. */
  put(key: string, value: unknown, opts?: Args): any {
    return this.set(key, value, opts)
  }

  /** Removes `key`. */
  invalidate(key: string, opts?: Args): any {
    return this.impl.invalidate(key, this._kw(opts, undefined))
  }

  /** Invalidates the cached output of the template's body (`<%page cached="True">`). */
  invalidateBody(): any {
    return this._invalidateCallable('render_body')
  }

  /** Invalidates the cached output of a top-level `<%def>` or named `<%block>`. */
  invalidateDef(name: string): any {
    return this._invalidateCallable(`render_${name}`)
  }

  /** Invalidates the cached output of a nested `<%def>` (closure names must be unique in the template). */
  invalidateClosure(name: string): any {
    return this._invalidateCallable(name)
  }

  // Mako's spelling
  get_or_create(key: string, createFn: () => unknown, opts?: Args): any {
    return this.getOrCreate(key, createFn, opts)
  }

  invalidate_body(): any {
    return this.invalidateBody()
  }

  invalidate_def(name: string): any {
    return this.invalidateDef(name)
  }

  invalidate_closure(name: string): any {
    return this.invalidateClosure(name)
  }

  /** With the region/type/other args the callable was cached with (template-level ones if it has not run here yet). */
  private _invalidateCallable(key: string): any {
    return this.invalidate(key, this._callables.get(key))
  }

  /**
   * What a cached page, def or block calls (through the runtime's `cached()`): `args` are
   * the tag's `cache_*` values without the prefix. Returns the value, or a Promise in an
   * async template; a sync template never gets a Promise (an async backend there is an error).
   */
  _ctxGetOrCreate(key: string, createFn: () => unknown, context: unknown, args?: Args): any {
    if (!this.enabled) return createFn()
    if (args === undefined) {
      // no `cache_*` values: invalidation uses the template's cacheArgs, as for `{}`
      if (this._callables.size !== 0) this._callables.delete(key)
    } else {
      if (!this._callables.has(key) && this._callables.size >= MAX_RECORDED) {
        // `${}` cache keys can be unbounded; invalidateDef & co only need the default keys
        this._callables.delete(this._callables.keys().next().value!)
      }
      this._callables.set(key, args)
    }
    const async = isAsyncOwner(this.owner)
    if (!this._impl && async && !findCacheImpl(this.implName)) {
      // a module specifier: load it once, then go on (sync templates need it registered beforehand)
      return loadCacheImpl(this.implName).then(() => this._ctxGetOrCreate(key, createFn, context, args))
    }
    const impl = this.impl
    const kw = this._kw(args, context)
    if (async) return impl.getOrCreate(key, createFn, kw)

    const storage = impl as CacheImpl & { _getOrCreateSync?: (k: string, f: () => unknown, o: CacheArgs) => unknown }
    if (typeof storage._getOrCreateSync === 'function') return storage._getOrCreateSync(key, createFn, kw)
    const value = impl.getOrCreate(key, createFn, kw)
    if (isThenable(value)) {
      Promise.resolve(value).catch(() => {})
      throw new RuntimeException(
        `Template '${this.owner.id}': cacheImpl '${this.implName}' returned a Promise for '${key}', but the template is compiled ` +
        `synchronously: compile it with the option async: true`,
        { uri: this.owner.id, code: 'cache_needs_async' },
      )
    }
    return value
  }

  /**
   * The fresh cached value of a callable without `cache_*` arguments, or MISS (then the
   * caller goes through _ctxGetOrCreate, which also reports backend errors). A hit does a
   * backend read and nothing else: the region, backend and policy are resolved once.
   */
  _hit(key: string): unknown {
    // a memo hit (memory backend, nothing changed): one lookup and the freshness check
    const plan0 = this._plan
    const owner = this.owner
    if (
      plan0 !== undefined && plan0.memo !== undefined && plan0.changes!.n === plan0.seen && plan0.version === state.version &&
      plan0.options === owner.options && plan0.impl === this._impl && this._callables.size === 0 && owner.options?.cacheEnabled !== false
    ) {
      const env = plan0.memo.get(key)
      if (env !== undefined && plan0.storage!.namespace() === plan0.ns) {
        // memo entries are envelopes (only those hitValue accepted are remembered)
        const p = plan0.policy!.at(owner.starttime)
        if (env.createdAt >= p.starttime && (p.timeoutMs === undefined || p.now() - env.createdAt < p.timeoutMs)) return env.value
      }
    }
    return this._hitFull(key)
  }

  private _hitFull(key: string): unknown {
    let plan = this._plan
    if (plan === undefined || plan.version !== state.version || plan.options !== this.owner.options || plan.impl !== this._impl) plan = this._makePlan()
    const storage = plan.storage
    if (storage === null || this.owner.options?.cacheEnabled === false) return MISS
    if (this._callables.size !== 0) this._callables.delete(key)
    const policy = plan.policy!.at(this.owner.starttime)
    const memo = plan.memo
    if (memo !== undefined) {
      const ns = storage.namespace()
      if (plan.changes!.n !== plan.seen || ns !== plan.ns) {
        memo.clear()
        plan.seen = plan.changes!.n
        plan.ns = ns
      } else {
        const env = memo.get(key)
        if (env !== undefined) {
          const value = hitValue(env, policy)
          if (value !== MISS) return value
          memo.delete(key)
        }
      }
    }
    let env: unknown
    try {
      env = plan.backend!.get(storage.storageKey(key))
    } catch {
      return MISS
    }
    const value = hitValue(env, policy)
    if (memo !== undefined && value !== MISS) {
      if (memo.size >= MEMO_MAX) memo.clear()
      memo.set(key, env as Envelope)
    }
    return value
  }

  private _makePlan(): HitPlan {
    const options = this.owner.options
    const plan: HitPlan = { version: state.version, options, impl: this._impl, storage: null }
    this._plan = plan
    if (!this.enabled || !findCacheImpl(this.implName)) return plan
    let impl: CacheImpl
    let r: ReturnType<StorageCacheImpl['resolve']>
    try {
      impl = this.impl
      plan.impl = impl
      if (!(impl instanceof StorageCacheImpl) || impl.passContext || (impl as { pass_context?: boolean }).pass_context) return plan
      // a subclass that changes how values are found takes the full path
      if (impl.getOrCreate !== SP.getOrCreate || impl._getOrCreateSync !== SP._getOrCreateSync || impl.resolve !== SP.resolve || impl.storageKey !== SP.storageKey) return plan
      r = impl.resolve(this._kw(undefined, undefined))
    } catch {
      // an unknown region or backend: the full path raises it
      return plan
    }
    if (r.backend.async) return plan
    plan.storage = impl
    plan.backend = r.backend
    plan.policy = r.policy
    // a memory store that counts its changes, whose entries expire only by the policy's
    // timeout (which a hit checks): entries may be remembered between hits
    const mem = r.backend as { changes?: { n: number }, ttlMs?: number }
    if (mem.changes !== undefined && (mem.ttlMs === 0 || r.policy.ttl !== undefined)) {
      plan.memo = new Map()
      plan.changes = mem.changes
      plan.seen = mem.changes.n
      plan.ns = impl.namespace()
    }
    return plan
  }
}
