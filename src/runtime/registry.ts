// The runtime's registry of late-bound services: functions a module calls but must not import,
// because the import would close a cycle (namespace.ts -> template.ts -> namespace.ts, the
// runtime -> the cache glue -> the runtime, src/template.ts -> src/index.ts) or would put
// optional code into every bundle (the cache). The module that defines a service registers it
// once, when it loads (`register('include', include)`); callers read `services.<name>`, which
// is undefined until then. Every service the package has is named in `Services`: no
// setter hooks of its own in any module.
import type { Context } from './context.js'
import type { Namespace } from './namespace.js'
import type { MakoTemplate } from './template.js'

export interface Services {
  /** A template's Cache (src/runtime/cache/glue.ts: loads with the runtime's cache exports). */
  cacheOf: (t: MakoTemplate) => unknown
  /** Starts loading the client libraries of the cache backends a template's options name (cache/impl.ts). */
  preloadBackends: (options: unknown) => void
  /** A template's digest over its own and its static dependencies' sources (glue.ts): cache keys change when any of them does. */
  digestOf: (t: MakoTemplate) => string
  /** The namespace of another template, by uri (src/runtime/template.ts, for namespace.ts). */
  namespaceForUri: (ctx: Context, template: MakoTemplate, uri: string) => Namespace
  /** `<%include>` of a uri (src/runtime/template.ts, for namespace.ts). */
  include: (ctx: Context, template: MakoTemplate, uri: string, args: Record<string, unknown>) => unknown
  /** A render as a ReadableStream (src/runtime/stream.ts: kept out of bundles that never stream). */
  stream: (t: MakoTemplate, def: string | undefined, args: unknown[]) => ReadableStream<string>
  /** The `vite-plugin-mako` module, for templates compiled at run time that import it (src/index.ts, for src/template.ts). */
  mainEntry: Record<string, unknown>
}

/** The registered services (a name not registered yet reads as undefined). */
export const services: Partial<Services> = {}

/** Registers `name`; a module registers its services once, at load (a later registration replaces the earlier one). */
export function register<K extends keyof Services>(name: K, impl: Services[K]): void {
  services[name] = impl
}
