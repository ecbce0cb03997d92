// What generated code calls for caching: cached callables and the template's Cache. Kept apart
// from template.ts so a browser bundle carries the cache code only when a template caches.
import { Cache } from './cache.js'
import { MISS } from './dogpile.js'
import { capture, isThenable, type MakoTemplate } from '../template.js'
import { register } from '../registry.js'
import type { Context } from '../context.js'
import { Markup } from '../filters.js'

const caches = new WeakMap<MakoTemplate, Cache>()

/** The Cache of a template (one per template object, made on first use). */
export function cacheOf(template: MakoTemplate): Cache {
  const own = template._cacheObj
  if (own !== undefined) return own as Cache
  let c = caches.get(template)
  if (!c) caches.set(template, (c = new Cache(template)))
  template._cacheObj = c
  return c
}

export function combinedDigest(t: MakoTemplate, visiting: Set<MakoTemplate>): string {
  if (!t.staticDeps?.length || visiting.has(t)) return t.ownDigest
  visiting.add(t)
  let h = t.ownDigest
  for (const uri of t.staticDeps) {
    let dep: MakoTemplate | undefined = t.deps?.[uri]
    if (!dep && t.lookup) {
      try {
        dep = t.lookup.getTemplate(t.lookup.adjustUri ? t.lookup.adjustUri(uri, t.uri) : uri) as MakoTemplate
      } catch {
        dep = undefined
      }
    }
    h = fnv1a(h + '\0' + (dep ? combinedDigest(dep, visiting) : `missing:${uri}`))
  }
  visiting.delete(t)
  return h
}

/** 64-bit FNV-1a (two 32-bit halves) as hex: small, and fine for keys. */
function fnv1a(str: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0xcbf29ce4
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 7)
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0')
}


register('cacheOf', cacheOf)
register('digestOf', (t) => combinedDigest(t, new Set()))

// a buffered def's escaped output (Markup) is stored as a marked object, so that it comes
// back as Markup from every backend (a remote one stores JSON, where it would be a plain string)
const MARKUP = '__mako_markup__'
const toStored = (v: unknown): unknown => (v instanceof Markup ? { [MARKUP]: v.valueOf() } : v)
const fromStored = (v: unknown): unknown =>
  v !== null && typeof v === 'object' && typeof (v as Record<string, unknown>)[MARKUP] === 'string' ? new Markup((v as Record<string, string>)[MARKUP]) : v
const mapValue = (v: unknown, f: (v: unknown) => unknown): unknown => (isThenable(v) ? Promise.resolve(v).then(f) : f(v))

/**
 * The hit of a cached callable without `cache_*` arguments (its output, written or returned
 * as `cached` would), or undefined: then the wrapper calls `cached` with args null.
 */
export function cacheHit(ctx: Context, template: MakoTemplate, key: unknown, buffered: boolean): unknown {
  const hit = ((template._cacheObj ?? cacheOf(template)) as Cache)._hit(typeof key === 'string' ? key : String(key))
  if (hit === MISS) return undefined
  if (buffered) return fromStored(hit)
  ctx._r.buf.s += hit as string
  return ''
}

/**
 * A cached callable: its output comes from the template's cache, or is rendered and stored.
 * `args` null: no `cache_*` arguments, and cacheHit already found no hit.
 */
export function cached(ctx: Context, template: MakoTemplate, key: unknown, args: Record<string, unknown> | undefined | null, render: () => unknown, buffered: boolean): any {
  const cache = (template._cacheObj ?? cacheOf(template)) as Cache
  const k = typeof key === 'string' ? key : String(key)
  if (args === null) args = undefined
  else if (args === undefined) {
    // no cache_* arguments (the usual case): a hit is a backend read
    const hit = cache._hit(k)
    if (hit !== MISS) {
      if (buffered) return fromStored(hit)
      ctx._r.buf.s += hit as string
      return ''
    }
  }
  // a buffered callable returns its output; any other writes it
  const create = buffered ? () => mapValue(render(), toStored) : () => capture(ctx, render)
  const target = ctx._r.buf
  const value = cache._ctxGetOrCreate(k, create, ctx, args)
  if (buffered) return mapValue(value, fromStored)
  if (isThenable(value)) {
    // a streamed render counts the wait (see codegen's pendingAwait): the value lands in
    // `target` when it comes, as another chain's held output would
    const st = ctx._r.stream
    if (st !== undefined) st.waits++
    return Promise.resolve(value).then((v) => {
      target.s += v
      if (st !== undefined) st.waits--
      return ''
    })
  }
  ctx._r.buf.s += value as string
  return ''
}

