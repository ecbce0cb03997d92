// Cache: a template's cache facade (Mako's mako.cache.Cache), `template.cache` and `local.cache`, over the CacheImpl its `cacheImpl` option selects.

import { RuntimeException } from '../../shared/errors.js'
import { createCacheImpl, findCacheImpl, loadCacheImpl, type CacheImpl } from './impl.js'
import { isThenable, state } from './state.js'
import type { CacheArgs, CacheOwner } from './types.js'

type Args = Record<string, unknown>

/** cached callables whose args a Cache remembers for invalidateBody/Def/Closure */
const MAX_RECORDED = 1000

/** `async` may sit on the owner itself (MakoTemplate) or in its options. */
function isAsyncOwner(owner: CacheOwner): boolean {
  return !!(owner.options?.async ?? (owner as { async?: boolean }).async)
}

export class Cache {
  readonly owner: CacheOwner
  private _impl?: CacheImpl
  private _implName?: string
  /** cache key of each cached callable -> the `cache_*` args it was last cached with (Mako's _def_regions) */
  private readonly _callables = new Map<string, Args>()

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
    if (!this._callables.has(key) && this._callables.size >= MAX_RECORDED) {
      // `${}` cache keys can be unbounded; invalidateDef & co only need the default keys
      this._callables.delete(this._callables.keys().next().value!)
    }
    this._callables.set(key, args ?? {})
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
}
