// What generated code calls for caching: cached callables and the template's Cache. Kept apart
// from template.ts so a browser bundle carries the cache code only when a template caches.
import { Cache } from './cache.js'
import { _setCacheHook, capture, isThenable, type MakoTemplate } from '../template.js'
import type { Context } from '../context.js'

const caches = new WeakMap<MakoTemplate, Cache>()

/** The Cache of a template (one per template object, made on first use). */
export function cacheOf(template: MakoTemplate): Cache {
  let c = caches.get(template)
  if (!c) caches.set(template, (c = new Cache(template)))
  return c
}

_setCacheHook(cacheOf as (t: MakoTemplate) => unknown)

/** A cached callable: its output comes from the template's cache, or is rendered and stored. */
export function cached(ctx: Context, template: MakoTemplate, key: unknown, args: Record<string, unknown>, render: () => unknown, buffered: boolean): any {
  // a buffered callable returns its output; any other writes it
  const create = buffered ? render : () => capture(ctx, render)
  const target = ctx._r.buf
  const value = cacheOf(template)._ctxGetOrCreate(String(key), create, ctx, args)
  if (buffered) return value
  if (isThenable(value)) {
    return Promise.resolve(value).then((v) => {
      target.s += v
      return ''
    })
  }
  ctx._r.buf.s += value as string
  return ''
}

