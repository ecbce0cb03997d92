// Types for `import page from './page.mako'`: add "vite-plugin-mako/client" to compilerOptions.types
// (or `/// <reference types="vite-plugin-mako/client" />`).

declare namespace VitePluginMako {
  /**
   * The compiled template (SPEC section 2): what a `.mako` module default-exports. A template's
   * own declaration (`page.d.mako.ts`, written by the plugin, SPEC 13) fills in `Data` (its page
   * args), `Result` (`Promise<string>` when compiled with `async: true`) and `Defs` (its defs'
   * parameters); without one, any object and `string` (templates are sync unless the plugin's
   * `async` option says otherwise: such projects use the generated declarations).
   */
  interface Template<Data extends object = object, Result extends string | Promise<string> = string, Defs extends Record<string, unknown[]> = Record<string, unknown[]>> {
    /** renders the template; a Promise when it was compiled with `async: true` */
    render(...data: {} extends Data ? [data?: Data] : [data: Data]): Result
    /** the output as a stream of text whose chunks join to render()'s (SPEC section 12) */
    stream(...data: {} extends Data ? [data?: Data] : [data: Data]): ReadableStream<string>
    /** one def (or `'body'`) as a renderable: `getDef('row').render(a, b)`, `getDef('row').stream(a, b)` */
    getDef<K extends keyof Defs & string>(name: K): { render(...args: Defs[K]): Result; stream(...args: Defs[K]): ReadableStream<string> }
    /** the template's Cache (SPEC section 7) */
    readonly cache: TemplateCache
    readonly uri: string
    readonly filename?: string
    /** epoch ms of the compile; every hot update moves it forward */
    readonly starttime: number
    readonly digest: string
    /** the top-level names of the template's `<%! %>` blocks (also its named exports) */
    readonly module?: Record<string, unknown>
    /** dev server: `cb` runs after a hot update swapped the new implementation in; returns an unsubscribe */
    onUpdate(cb: (template: Template) => void): () => void
  }

  interface TemplateCache {
    get(key: string, opts?: Record<string, unknown>): unknown
    getOrCreate(key: string, createFn: () => unknown, opts?: Record<string, unknown>): unknown
    set(key: string, value: unknown, opts?: Record<string, unknown>): unknown
    put(key: string, value: unknown, opts?: Record<string, unknown>): unknown
    invalidate(key: string, opts?: Record<string, unknown>): unknown
    invalidateBody(): unknown
    invalidateDef(name: string): unknown
    invalidateClosure(name: string): unknown
    readonly id: string
    readonly starttime: number
  }

  /** The default export of `virtual:mako-lookup`: every template under the plugin's `root`. */
  interface Lookup {
    /** `uri` is `/`-rooted relative to the template root; throws TemplateLookupException when missing */
    getTemplate(uri: string): Template
    hasTemplate(uri: string): boolean
    /** Mako's adjust_uri: a relative uri against the calling template's uri */
    adjustUri(uri: string, relativeTo?: string): string
    uris(): string[]
    readonly root: string
  }
}

declare module '*.mako' {
  const template: VitePluginMako.Template
  export default template
}

declare module 'virtual:mako-lookup' {
  const lookup: VitePluginMako.Lookup
  export default lookup
}
