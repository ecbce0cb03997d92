// The cache backend types a template's options name: what the plugin imports into a server
// build (src/plugin/transform.ts) and what the Node API starts loading early
// (src/runtime/cache/preload.ts).

/** Options that may name backend types (a template's; configureCache's `regions` as `cacheRegions`). */
export interface BackendNaming {
  cacheImpl?: unknown
  cacheArgs?: { type?: unknown }
  cacheRegions?: Record<string, { type?: unknown } | undefined>
}

/** The type named by `cacheImpl`, `cacheArgs.type` and each region's `type`, Beaker's `ext:` prefix dropped. */
export function namedBackendTypes(options: BackendNaming): string[] {
  const types: string[] = []
  const add = (v: unknown) => {
    if (typeof v === 'string' && v !== '') types.push(v.replace(/^ext:/, ''))
  }
  add(options.cacheImpl)
  add(options.cacheArgs?.type)
  for (const region of Object.values(options.cacheRegions ?? {})) add(region?.type)
  return types
}
