// vite-plugin-mako: the plugin (default export), the compiler and the Node API.
import * as self from './index.js'
import { _setMainEntry } from './template.js'

export { default, type MakoPluginOptions } from './plugin/index.js'
export { compile, type CompileOptions, type CompileResult, type TemplateOptions } from './compiler/index.js'
export { Template, type TemplateConstructorOptions } from './template.js'
export { TemplateLookup, type TemplateLookupOptions } from './lookup.js'
export {
  MakoError, TemplateSyntaxError, CompileError, UndefinedError, NameConflictError, TemplateLookupException, RuntimeException,
  UNDEFINED, STOP_RENDERING, Markup, capture,
} from './runtime/index.js'
export * from './runtime/cache/index.js'

_setMainEntry(self as unknown as Record<string, unknown>)
export { textErrorTemplate, htmlErrorTemplate, RichTraceback } from './exceptions.js'
