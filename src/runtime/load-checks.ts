// What loading a template definition checks (generated code passes it as `checkCache` when a
// sync template caches): a sync template caching in an async-only backend fails, naming the option.
import { RuntimeException } from '../shared/errors.js'
import type { TemplateDefinition } from './template.js'

/** Backends whose calls return Promises: a sync template cannot use them. */
const ASYNC_BACKENDS = new Set(['redis', 'memcached', 'ext:memcached', 'ext:redis'])

/** A sync template whose cached callables use an async backend fails when it loads, naming the option. */
export function checkCacheBackends(def: TemplateDefinition): void {
  if (def.async || !def.cacheUses?.length) return
  const o = (def.options ?? {}) as { cacheImpl?: string; cacheArgs?: Record<string, unknown>; cacheRegions?: Record<string, Record<string, unknown>> }
  for (const use of def.cacheUses) {
    const region = use.region ?? (o.cacheArgs?.region as string | undefined)
    const type = use.type ?? (region ? (o.cacheRegions?.[region]?.type as string | undefined) : undefined) ?? (o.cacheArgs?.type as string | undefined) ?? o.cacheImpl
    if (type && ASYNC_BACKENDS.has(type)) {
      throw new RuntimeException(
        `Template '${def.uri}' caches in the '${type}' backend${region ? ` (region '${region}')` : ''}, which needs async templates: compile it with the option async: true`,
        { uri: def.uri, code: 'cache_needs_async' },
      )
    }
  }
}
