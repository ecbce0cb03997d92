// compile(source, options) -> { code, map, meta }: lexer -> analysis -> codegen.
import * as crypto from 'node:crypto'
import { CompileError, MakoError, TemplateSyntaxError } from '../shared/errors.js'
import { analyze, isStackOverflow } from './analyze.js'
import { generate, type Dependency } from './codegen.js'
import { parse } from './lexer.js'
import { Locator } from './locate.js'
import type { AssetUrlOptions } from './assets.js'

export interface TemplateOptions {
  /** filters applied to every `${}` (default `['h']`) */
  defaultFilters?: string[]
  /** import statements added to every module */
  imports?: string[]
  strictUndefined?: boolean
  enableLoop?: boolean
  async?: boolean
  /** filters applied to the result of `buffered="True"` defs */
  bufferFilters?: string[]
  /** source -> source, before lexing (one function or a list) */
  preprocessor?: ((source: string) => string) | ((source: string) => string)[]
  cacheEnabled?: boolean
  cacheImpl?: string
  cacheArgs?: Record<string, unknown>
  cacheRegions?: Record<string, Record<string, unknown>>
}

export interface CompileOptions extends TemplateOptions {
  /** the template's uri (default: filename, else a generated one) */
  uri?: string
  filename?: string
  /** 'module' (an ES module) or 'function' (a `new Function('__M', '__M_require', code)` body) */
  format?: 'module' | 'function'
  runtimeImport?: string
  /** emit `import` for static file= targets (the plugin) */
  staticImports?: boolean
  /** module whose default export is a lookup, imported when a `${}` file= target exists */
  lookupImport?: string
  /** identity kept across hot updates (the plugin) */
  hmrId?: string
  /** epoch ms; default now */
  starttime?: number
  /** module format: relative URLs in static asset attributes of the HTML become imports (the plugin's `assetUrls`) */
  assetUrls?: AssetUrlOptions
  /** false: no source map (`map` is null; the code is the same): the plugin's builds without source maps */
  sourceMap?: boolean
}

export interface CompileResult {
  code: string
  map: ReturnType<typeof generate>['map']
  meta: {
    uri: string
    digest: string
    dependencies: Dependency[]
    /** top-level names of `<%! %>` blocks */
    names: string[]
    async: boolean
    /** the template's starttime (epoch ms), written into the module */
    starttime: number
    /** where in `code` the starttime's digits are ([start, end)): swapped there, the map stays valid */
    starttimeAt: [number, number]
    /** the static `cache_type` / `cache_impl` values of the template's tags (which backends it names) */
    cacheTypes: string[]
  }
}

let anonymous = 0

/** crypto.hash (one call, no Hash object) where the runtime has it (Node >= 20.12) */
const sha256Hex: (data: string) => string = typeof crypto.hash === 'function'
  ? (data) => crypto.hash('sha256', data, 'hex')
  : (data) => crypto.createHash('sha256').update(data).digest('hex')

/** the digest's options JSON for the default filter and import lists, by the flags that vary it */
const DEFAULT_OPTIONS_JSON = new Map<string, string>()

export function compile(source: string, options: CompileOptions = {}): CompileResult {
  if (typeof source !== 'string') throw new TypeError('compile(source): source must be a string')
  let text = source
  const pre = options.preprocessor
  for (const fn of pre ? (Array.isArray(pre) ? pre : [pre]) : []) text = fn(text)
  const uri = options.uri ?? options.filename ?? `memory:${++anonymous}`
  const locator = new Locator(text)
  const site = { locator, uri }
  const async = !!options.async
  try {
    const tree = parse(text, site)
    const analysis = analyze(tree, site, { imports: options.imports ?? [], enableLoop: options.enableLoop !== false, strictUndefined: !!options.strictUndefined, async })
    const outputOptions = {
      defaultFilters: options.defaultFilters ?? ['h'],
      bufferFilters: options.bufferFilters ?? [],
      imports: options.imports ?? [],
      strictUndefined: !!options.strictUndefined,
      async,
    }
    const templateOptions = {
      cacheEnabled: options.cacheEnabled,
      cacheImpl: options.cacheImpl,
      cacheArgs: options.cacheArgs,
      cacheRegions: options.cacheRegions,
    }
    // (the options spelled out: an object spread costs more than the hash; with the default
    // lists, the JSON depends on four flags only and is kept)
    const key = options.defaultFilters === undefined && options.bufferFilters === undefined && options.imports === undefined &&
      (options.enableLoop === undefined || typeof options.enableLoop === 'boolean') &&
      (options.format === undefined || options.format === 'module' || options.format === 'function')
      ? `${outputOptions.strictUndefined}|${async}|${options.enableLoop}|${options.format}` : undefined
    let optionsJson = key === undefined ? undefined : DEFAULT_OPTIONS_JSON.get(key)
    if (optionsJson === undefined) {
      optionsJson = JSON.stringify({
        defaultFilters: outputOptions.defaultFilters, bufferFilters: outputOptions.bufferFilters, imports: outputOptions.imports,
        strictUndefined: outputOptions.strictUndefined, async, enableLoop: options.enableLoop, format: options.format,
      })
      if (key !== undefined) DEFAULT_OPTIONS_JSON.set(key, optionsJson)
    }
    const digest = sha256Hex(text + '\0' + optionsJson).slice(0, 16)
    const starttime = options.starttime ?? Date.now()
    const gen = generate(tree, analysis, site, {
      uri,
      filename: options.filename,
      format: options.format ?? 'module',
      runtimeImport: options.runtimeImport ?? 'vite-plugin-mako/runtime',
      staticImports: !!options.staticImports,
      lookupImport: options.lookupImport,
      hmrId: options.hmrId,
      assetUrls: options.assetUrls,
      sourceMap: options.sourceMap !== false,
      starttime,
      digest,
      templateOptions,
      defaultFilters: outputOptions.defaultFilters,
      bufferFilters: outputOptions.bufferFilters,
      imports: outputOptions.imports,
      strictUndefined: outputOptions.strictUndefined,
      async,
    })
    return {
      code: gen.code,
      map: gen.map,
      meta: {
        uri, digest, dependencies: gen.dependencies, names: [...analysis.moduleNames], async,
        starttime, starttimeAt: gen.starttimeAt, cacheTypes: analysis.cacheTypes,
      },
    }
  } catch (err) {
    if (err instanceof MakoError) throw err
    // nesting past MAX_NESTING is stopped by the lexer, and JavaScript nested past the walkers'
    // stack where analysis finds it: this is for what slips through elsewhere
    if (isStackOverflow(err)) {
      throw new TemplateSyntaxError(`Template nested too deeply to compile in '${uri}'`, { uri, line: 1, column: 0, start: 0, end: 0, frame: locator.frame(0), code: 'nesting_too_deep' })
    }
    // the compiler must never fail with anything but its own errors
    const e = new CompileError(`Internal compiler error in '${uri}': ${(err as Error)?.message ?? err}`, { uri, line: 1, column: 0, start: 0, end: 0, frame: locator.frame(0), code: 'internal' })
    ;(e as Error & { cause?: unknown }).cause = err
    throw e
  }
}

export { TemplateSyntaxError, CompileError } from '../shared/errors.js'
export type { Dependency } from './codegen.js'
export { declarationAsync, templateDeclaration, type DeclarationOptions } from './declarations.js'
