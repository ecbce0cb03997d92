// Template: a template compiled at run time (Mako's mako.template.Template).
import { createRequire } from 'node:module'
import { closeSync, constants, mkdirSync, openSync, readFileSync, realpathSync, writeFileSync, renameSync, rmSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { dirname, join, resolve } from 'node:path'
import { compile, type CompileOptions, type TemplateOptions } from './compiler/index.js'
import * as runtime from './runtime/index.js'
import { MakoTemplate, isThenable, type DefRenderable, type TemplateDefinition } from './runtime/template.js'
import './runtime/stream.js'
import { annotateError, htmlErrorTemplate } from './exceptions.js'
import { CODE_LINE_OFFSET, templatesByUri } from './live.js'
import { services } from './runtime/registry.js'
import type { Lookup } from './runtime/context.js'
import { TemplateLookupException } from './shared/errors.js'
import { isInside, quoteUri } from './contain.js'
// the distributed backends, registered: `cacheImpl: 'redis'` / `'memcached'` (and `cache_type`,
// regions) work without importing their entry points first; their client libraries (`redis`,
// `memjs`) start loading when options name the backend (a template defined with them,
// configureCache) or when the entry point is imported, never on this import alone
import './runtime/cache/redis.js'
import './runtime/cache/memcached.js'
import './runtime/cache/preload.js'

export interface TemplateConstructorOptions extends TemplateOptions {
  uri?: string
  filename?: string
  lookup?: Lookup
  /** keep the compiled code on disk and reuse it while the source is unchanged */
  moduleDirectory?: string
  /** epoch ms the template counts as compiled at (default: now); cached entries made before it are misses */
  starttime?: number
  /**
   * Mako's format_exceptions: an error while rendering (`render`, `getDef(name).render`)
   * gives `htmlErrorTemplate(err)` as the output instead of being thrown. Errors before
   * rendering (syntax, lookup of this template) are still thrown. For development only: the
   * page shows template source.
   */
  formatExceptions?: boolean
  /** write and reuse modules through symbolic links that lead out of moduleDirectory (default false: an error) */
  allowExternalSymlinks?: boolean
}

const RUNTIME: Record<string, unknown> = { ...runtime }

const PLACEHOLDER: TemplateDefinition = {
  uri: '', starttime: 0, digest: '', async: false, body: () => '', defs: {}, params: {}, blocks: [], reserved: [],
}

function requireFor(filename: string | undefined): (spec: string) => unknown {
  const base = filename ? resolve(filename) : join(process.cwd(), 'noop.js')
  const req = createRequire(base)
  return (spec: string) => {
    if (spec === 'vite-plugin-mako/runtime') return runtime
    // (the main entry registers itself: src/index.ts)
    if (spec === 'vite-plugin-mako') return services.mainEntry ?? runtime
    return req(spec)
  }
}

function moduleFile(dir: string, uri: string): string {
  const safe = uri.replace(/^\/+/, '').replace(/\.\.(\/|\\)/g, '__/').replace(/[^\w./-]/g, '_')
  return join(dir, safe + '.js')
}

/**
 * Refuse a module file whose folder is reached through a symbolic link that leads out of
 * the real moduleDirectory (mkdir and write would follow it). Checked on the longest part
 * of the path that exists, before anything is made; once per template load.
 */
function checkModuleFile(moduleDirectory: string, file: string, uri: string): void {
  mkdirSync(moduleDirectory, { recursive: true })
  const root = realpathSync.native(moduleDirectory)
  for (let p = dirname(file); ; p = dirname(p)) {
    let real: string
    try {
      real = realpathSync.native(p)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && dirname(p) !== p) continue
      throw err
    }
    if (!isInside(root, real)) {
      throw new TemplateLookupException(
        `moduleDirectory: the module of template '${quoteUri(uri)}' would be written through a symbolic link that leads out of ${moduleDirectory} (the option allowExternalSymlinks allows it)`,
        { uri },
      )
    }
    return
  }
}

/** The text of a module file, not through a symbolic link (O_NOFOLLOW): a link there is ignored and replaced. */
function readModuleFile(file: string, follow: boolean): string {
  if (follow) return readFileSync(file, 'utf8')
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0))
  try {
    return readFileSync(fd, 'utf8')
  } finally {
    closeSync(fd)
  }
}

/** The code of `text` compiled in function format, from moduleDirectory when still current. */
/** The options the compiler takes, of a Template's options. */
function compilerOptions(options: TemplateConstructorOptions): CompileOptions {
  const { moduleDirectory: _d, lookup: _l, formatExceptions: _f, allowExternalSymlinks: _s, ...rest } = options
  void _d, void _l, void _f, void _s
  return rest
}

function compiledCode(text: string, options: TemplateConstructorOptions & { uri: string }, starttime: number): { code: string; map: unknown; reused: boolean } {
  // (an explicit options.starttime is part of the stamp; the default, now, is not: a reused
  // module keeps the starttime it was compiled with)
  const moduleDirectory = options.moduleDirectory
  const compileOptions = compilerOptions(options)
  const stamp = moduleDirectory
    ? createHash('sha256').update(text).update('\0' + JSON.stringify(compileOptions, (_k, v) => (typeof v === 'function' ? String(v) : v))).digest('hex').slice(0, 24)
    : ''
  const file = moduleDirectory ? moduleFile(moduleDirectory, options.uri) : ''
  const follow = !!options.allowExternalSymlinks
  if (moduleDirectory && !follow) checkModuleFile(moduleDirectory, file, options.uri)
  if (moduleDirectory) {
    try {
      const existing = readModuleFile(file, follow)
      const nl = existing.indexOf('\n')
      if (existing.slice(0, nl) === `// mako:${stamp}`) {
        const body = existing.slice(nl + 1)
        const mapAt = body.lastIndexOf('\n//# mako-map:')
        return { code: mapAt < 0 ? body : body.slice(0, mapAt + 1), map: mapAt < 0 ? null : JSON.parse(body.slice(mapAt + '\n//# mako-map:'.length)), reused: true }
      }
    } catch {
      /* not there yet */
    }
  }
  const { code, map } = compile(text, { ...compileOptions, starttime, format: 'function' })
  if (moduleDirectory) {
    mkdirSync(dirname(file), { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    // 'wx': never write through a link planted under the temporary name (a stale file of a crashed process is removed first)
    rmSync(tmp, { force: true })
    writeFileSync(tmp, `// mako:${stamp}\n${code}//# mako-map:${JSON.stringify(map)}\n`, { flag: 'wx' })
    renameSync(tmp, file)
  }
  return { code, map, reused: false }
}

let counter = 0

const rethrowAnnotated = (err: unknown): never => {
  throw annotateError(err)
}

/** `render()`'s value, its error (thrown, or the Promise's rejection) through annotateError. */
function annotated(render: () => unknown): any {
  let out: unknown
  try {
    out = render()
  } catch (err) {
    throw annotateError(err)
  }
  return isThenable(out) ? out.then(undefined, rethrowAnnotated) : out
}

/** Render calls of `t` that give the HTML error page instead of throwing (own properties: no cost to other templates). */
function formatExceptions(t: Template): void {
  const formatted = (render: (...args: any[]) => unknown) => (...args: any[]): any => {
    let out: unknown
    try {
      out = render(...args)
    } catch (err) {
      return t.async ? Promise.resolve(htmlErrorTemplate(err)) : htmlErrorTemplate(err)
    }
    return isThenable(out) ? Promise.resolve(out).catch((err: unknown) => htmlErrorTemplate(err)) : out
  }
  const render = t.render.bind(t)
  const getDef = t.getDef.bind(t)
  t.render = formatted(render)
  // (a missing def is not a render-stage error: getDef itself still throws)
  t.getDef = (name: string) => {
    const def = getDef(name)
    return { render: formatted(def.render), stream: def.stream }
  }
}

/** `new Function`'s source is `function anonymous(<params>\n) {\n<body>\n}` in V8; the code is read back from it. */
function codeOf(factory: Function, uri: string): string {
  const src = Function.prototype.toString.call(factory)
  return src.slice(src.indexOf(') {\n') + 4, src.length - `\n//# sourceURL=mako:${uri}\n}`.length)
}

/** Whether codeOf gives back exactly the code a function was made from (checked once, at load). */
const CODE_FROM_SOURCE = (() => {
  try {
    const code = 'const a = "x) {\\n";\nreturn a;\n'
    return codeOf(new Function('__M', '__M_require', `${code}\n//# sourceURL=mako:/probe`), '/probe') === code
  } catch {
    return false
  }
})()

export class Template extends MakoTemplate {
  /** the source text */
  readonly source: string
  /** true when the compiled code came from moduleDirectory instead of the compiler */
  readonly fromModuleDirectory: boolean
  /** stack frames of this template's code are named `mako:<uri>`; their line numbers are
   * the generated code's plus this offset (the `new Function` header) */
  static readonly CODE_LINE_OFFSET = CODE_LINE_OFFSET
  /** the generated code (function format) */
  readonly code: string
  // The generated code and its map are for error reports only. V8 keeps the function's
  // source anyway: `code` is read back from it (a slice of V8's string, not a second copy);
  // the map is made again by compiling the source once more (same options, same starttime:
  // the same code, which is checked) the first time an error needs it. Together ~1 KB less
  // per live template (bench/memory.js).
  private _map: unknown
  private readonly _options: TemplateConstructorOptions
  private readonly _starttime: number

  constructor(text: string, options: TemplateConstructorOptions = {}) {
    super(PLACEHOLDER)
    const uri = options.uri ?? options.filename ?? `memory:${++counter}`
    this.source = text
    this._options = options
    this._starttime = options.starttime ?? Date.now()
    const { code, map, reused } = compiledCode(text, { ...options, uri }, this._starttime)
    this.fromModuleDirectory = reused
    // from moduleDirectory the map came with the code (a recompile could differ from it)
    this._map = reused || !CODE_FROM_SOURCE ? map : undefined
    templatesByUri.set(uri, new WeakRef(this))
    // the runtime with this template's defineTemplate: one own property over the shared
    // object (a copy of every export cost ~1 KB per template)
    const rt = Object.create(RUNTIME) as Record<string, unknown>
    rt.defineTemplate = (def: TemplateDefinition) => (def.checkCache?.(def), def.options && services.preloadBackends?.(def.options), this._assignDefinition(def), this)
    const factory = new Function('__M', '__M_require', `${code}\n//# sourceURL=mako:${uri}`)
    this.code = CODE_FROM_SOURCE ? codeOf(factory, uri) : code
    factory(rt, requireFor(options.filename))
    if (options.lookup) this.lookup = options.lookup
    if (options.formatExceptions) formatExceptions(this)
  }

  // Errors leaving a run-time template's render point at the template: `err.stack` frames of
  // `mako:<uri>` code read `<uri>:<template line>` (the stack as V8 wrote it stays available
  // to the reports). Here rather than in the runtime, which ships to browsers; module-compiled
  // templates (the plugin) are mapped by their source maps.
  override render(data?: Record<string, unknown>): any {
    // (annotated()'s work written out: no closure made per render)
    let out: unknown
    try {
      out = super.render(data)
    } catch (err) {
      throw annotateError(err)
    }
    return isThenable(out) ? (out as Promise<unknown>).then(undefined, rethrowAnnotated) : out
  }

  override getDef(name: string): DefRenderable {
    const def = super.getDef(name)
    return { render: (...args: unknown[]) => annotated(() => def.render(...args)), stream: def.stream }
  }

  override _streamError = annotateError

  /** the source map of `code` back to the template (null if it can't be made again) */
  get sourceMap(): unknown {
    if (this._map === undefined) {
      let map: unknown = null
      try {
        const again = compile(this.source, { ...compilerOptions(this._options), uri: this.uri, starttime: this._starttime, format: 'function' })
        if (again.code === this.code) map = again.map
      } catch {
        /* compiled once already; nothing to map with if it no longer does */
      }
      this._map = map
    }
    return this._map
  }
}
