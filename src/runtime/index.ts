// What generated modules import (`import * as __M from 'vite-plugin-mako/runtime'`): small,
// free of Node built-ins and of the compiler, so it ships to browsers.
export { h, x, u, trim, entity, str, s, decode, Markup } from './filters.js'
export { UNDEFINED, undef, chk, get, getStrict, restOf, argMissing } from './undefined.js'
export { LoopContext, AsyncLoopContext, iter, noLoop, aiter, NEXT, DONE } from './loop.js'
export { Context, RenderState, chunk, type Lookup, type StreamHook } from './context.js'
export { Namespace, TemplateNamespace, makeCaller, callTag } from './namespace.js'
export {
  MakoTemplate, defineTemplate, STOP_RENDERING, populateSelf, lookupTemplate, include, renderBlock, namespace, getStar,
  capture, park, run, decorateToplevel, decorateInline, importDefault, isThenable,
  type TemplateDefinition, type NamespaceDecl, type DefRenderable,
} from './template.js'
export { checkCacheBackends } from './load-checks.js'
export {
  MakoError, TemplateSyntaxError, CompileError, UndefinedError, NameConflictError, TemplateLookupException, RuntimeException,
} from '../shared/errors.js'
export { cached, cacheHit, cacheOf } from './cache/glue.js'
export { RenderCancelled, streamRender, enableStreaming } from './stream.js'
export * from './cache/index.js'
