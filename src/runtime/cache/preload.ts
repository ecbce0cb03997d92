// Starting the client libraries of the network backends early. Node only: registered by the
// main entry (src/template.ts), so browser bundles carry none of it.
import { register } from '../registry.js'
import { state } from './state.js'

/**
 * Starts loading the client library of every backend type `options` name (`cacheImpl`,
 * `cacheArgs.type`, the regions' types, configureCache's per-type entries): importing
 * node-redis or memjs takes most of a second, which the first cached render would otherwise
 * wait for, while a process that only compiles templates (a `vite build`) never loads them.
 * Called when a run-time template (Template, TemplateLookup) is defined and by configureCache();
 * modules the plugin builds import the backend's entry (`vite-plugin-mako/cache/redis`), which
 * starts it; a backend also loads its client at its first call.
 */
export function preloadBackends(options: unknown): void {
  if (!options || typeof options !== 'object') return
  const o = options as { cacheImpl?: unknown; cacheArgs?: { type?: unknown }; cacheRegions?: Record<string, { type?: unknown } | undefined>; regions?: Record<string, { type?: unknown } | undefined>; type?: unknown }
  const types = [o.cacheImpl, o.cacheArgs?.type, o.type]
  for (const regions of [o.cacheRegions, o.regions]) if (regions && typeof regions === 'object') for (const r of Object.values(regions)) types.push(r?.type)
  for (const k of Object.keys(o)) if (state.backends.has(k)) types.push(k)
  for (const t of types) if (typeof t === 'string') state.backends.get(t.replace(/^ext:/, ''))?.preload?.()
}

register('preloadBackends', preloadBackends)
