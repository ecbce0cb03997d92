// What `vite-plugin-mako` exports: the plugin (default export), the compiler and the Node API
// (src/index.ts, the entry, re-exports it and registers it for run-time templates).
export { default, reportRenderError, type MakoPluginOptions } from './plugin/index.js'
export { compile, type CompileOptions, type CompileResult, type TemplateOptions } from './compiler/index.js'
export { Template, type TemplateConstructorOptions } from './template.js'
export { TemplateLookup, type TemplateLookupOptions } from './lookup.js'
export {
  MakoError, TemplateSyntaxError, CompileError, UndefinedError, NameConflictError, TemplateLookupException, RuntimeException,
  UNDEFINED, STOP_RENDERING, Markup, capture, RenderCancelled,
} from './runtime/index.js'
export * from './runtime/cache/index.js'
export { textErrorTemplate, htmlErrorTemplate, RichTraceback } from './exceptions.js'
