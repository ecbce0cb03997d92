// Starting the client libraries of the network backends early. Node only: registered by the
// main entry (src/template.ts), so browser bundles carry none of it.
import { namedBackendTypes } from '../../shared/backends.js'
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
  const o = options as Parameters<typeof namedBackendTypes>[0] & { regions?: Record<string, { type?: unknown } | undefined> }
  // a template's options, then configureCache's regions and per-type entries (`redis: { client }`)
  const types = [...namedBackendTypes(o), ...namedBackendTypes({ cacheRegions: o.regions }), ...Object.keys(o)]
  for (const t of types) state.backends.get(t)?.preload?.()
}

register('preloadBackends', preloadBackends)
