// vite-plugin-mako's main entry: everything src/public.ts exports. Templates compiled at run
// time (Template, TemplateLookup) that import 'vite-plugin-mako' get this same module, through
// the runtime's registry (src/runtime/registry.ts: no module imports itself).
import * as main from './public.js'
import { register } from './runtime/registry.js'

export * from './public.js'
export { default } from './public.js'

register('mainEntry', main as unknown as Record<string, unknown>)
