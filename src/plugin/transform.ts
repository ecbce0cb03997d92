// .mako source -> ES module: the compile options the plugin adds, and what it remembers per module for HMR.
import { createHash } from 'node:crypto'
import { isAbsolute, relative } from 'node:path'
import { compile, type CompileResult, type TemplateOptions } from '../compiler/index.js'
import { TemplateLookupException } from '../shared/errors.js'
import { LOOKUP_ID } from './lookup.js'
import { templateUri, toPosix, type ResolvedOptions } from './options.js'
import { namedBackendTypes } from '../shared/backends.js'

export interface CompileTarget {
  /** compile for the server (SSR) rather than a browser bundle */
  ssr: boolean
  /** emit the HMR glue (dev server only) */
  hmr: boolean
  /** the template's uri when it is not the file's own (a `?mako-uri=` module) */
  uri?: string
  /** false: no source map (a build whose output has none) */
  sourceMap?: boolean
}

/** Stable across restarts and hot updates: the identity the runtime swaps implementations under. */
export function hmrId(file: string, projectRoot: string): string {
  return createHash('sha256').update(toPosix(relative(projectRoot, file))).digest('hex').slice(0, 12)
}

export function compileTemplate(source: string, file: string, options: ResolvedOptions, target: CompileTarget): CompileResult {
  const uri = target.uri ?? templateUri(file, options.directories)
  const result = compile(source, {
    ...(target.ssr ? options.server : options.client),
    uri,
    filename: file,
    runtimeImport: options.runtimeImport,
    staticImports: true,
    lookupImport: LOOKUP_ID,
    assetUrls: options.assetUrls,
    sourceMap: target.sourceMap,
    hmrId: target.hmr ? hmrId(file, options.projectRoot) + (target.uri === undefined ? '' : ':' + target.uri) : undefined,
  })
  // a static relative target is imported by the bundler, which would go above the root without
  // a word: the error the Node API's lookup gives (SPEC 11), at the tag, when compiling
  if (options.directories.some((dir) => isUnderRoot(file, dir))) {
    for (const dep of result.meta.dependencies) {
      if (!dep.uri.startsWith('/') && climbsAboveRoot(uri, dep.uri)) {
        throw new TemplateLookupException(`Template uri '${dep.uri}' resolves above the root of the lookup (asked for by template '${uri}', line ${dep.line})`, {
          uri, line: dep.line, column: dep.column, code: 'uri_above_root',
        })
      }
    }
  }
  if (!target.ssr && options.vite) return result
  // server side (or plain Rollup, which has no client/server split: options naming a backend
  // there are meant for it): the backends the options or the template name, imported (after the
  // code: imports are hoisted, and the source map's lines stay as they are), so they are
  // registered before anything renders and a server build bundles them; Vite's browser bundles
  // never get them
  const backends = remoteBackends(options.server, result.meta.cacheTypes)
  if (backends.length) result.code += backends.map((b) => `import ${JSON.stringify(`${BACKEND_IMPORT_PREFIX}${b}`)};\n`).join('')
  return result
}

function isUnderRoot(file: string, root: string): boolean {
  const rel = relative(root, file)
  return !!rel && !rel.startsWith('..') && !isAbsolute(rel)
}

/** Whether `uri`, relative to the template at `from` (a `/`-rooted uri), climbs above the root. */
export function climbsAboveRoot(from: string, uri: string): boolean {
  let depth = from.split('/').filter(Boolean).length - 1
  for (const part of uri.split('/')) {
    if (part === '..') depth--
    else if (part && part !== '.') depth++
    if (depth < 0) return true
  }
  return false
}

/** What a generated module imports a distributed backend from (resolved by the plugin like the runtime). */
export const BACKEND_IMPORT_PREFIX = 'vite-plugin-mako/cache/'
const REMOTE_BACKENDS = ['redis', 'memcached'] as const

/**
 * The distributed backends a template may use on the server: named by `cacheImpl`, a
 * `type` in `cacheArgs` or in a region of `cacheRegions`, or a tag's `cache_type`/`cache_impl`.
 * (A region configured only at run time, with `configureCache`, needs its backend imported by
 * the application.) `cacheTypes`: the template's, from compile()'s meta.
 */
export function remoteBackends(options: TemplateOptions, cacheTypes: readonly string[]): string[] {
  const named = new Set([...namedBackendTypes(options), ...cacheTypes.map((t) => t.replace(/^ext:/, ''))])
  return REMOTE_BACKENDS.filter((b) => named.has(b))
}

/** What `serve` and `unchanged` read of a compile: the code and where its starttime is. */
type Output = { code: string; meta: Pick<CompileResult['meta'], 'starttimeAt'> }

/**
 * Generated code with what changes on every compile taken out (the starttime), so a
 * save that changes nothing (or only what the compiler drops) is not an update.
 */
export function normalizeOutput(out: Output): string {
  const [start, end] = out.meta.starttimeAt
  return out.code.slice(0, start) + out.code.slice(end)
}

/**
 * Per environment and file: the last output served and its starttime. A template's
 * starttime retires its cached fragments, so it moves only when the template changed or
 * something it depends on did (a "bump"); Vite re-transforms whole importer chains after
 * any save, and a recompile with the same output keeps the old starttime.
 */
export class OutputMemo {
  private readonly outputs = new Map<string, { code: string; starttime: string }>()
  private readonly bumps = new Set<string>()

  private key(env: string, file: string) {
    return `${env}\0${file}`
  }

  /**
   * Records the output as served and returns its code, with the previous starttime when
   * nothing changed (the same number of digits in the same place: the source map stays valid).
   */
  serve(env: string, file: string, out: Output): string {
    const key = this.key(env, file)
    const normalized = normalizeOutput(out)
    const prev = this.outputs.get(key)
    const bumped = this.bumps.delete(key)
    const [start, end] = out.meta.starttimeAt
    if (prev && !bumped && prev.code === normalized) return out.code.slice(0, start) + prev.starttime + out.code.slice(end)
    this.outputs.set(key, { code: normalized, starttime: out.code.slice(start, end) })
    return out.code
  }

  /** the next compile of `file` in `env` takes a new starttime even if its output is the same */
  bump(env: string, file: string): void {
    this.bumps.add(this.key(env, file))
  }

  /** true when `code` is what the environment already runs for `file` */
  unchanged(env: string, file: string, out: Output): boolean {
    return this.outputs.get(this.key(env, file))?.code === normalizeOutput(out)
  }

  forget(file: string): void {
    // (and the file's `?mako-uri=` modules)
    for (const k of [...this.outputs.keys()]) if (k.endsWith('\0' + file) || k.includes('\0' + file + '?')) this.outputs.delete(k)
  }
}

/**
 * Compiles made by the hotUpdate hook, handed to the transform that follows for the same
 * source (the hook compiles first to decide whether to update at all): one compile per save.
 */
export class PendingCompiles {
  private readonly pending = new Map<string, { source: string; result: CompileResult }>()

  set(env: string, file: string, source: string, result: CompileResult): void {
    this.pending.set(`${env}\0${file}`, { source, result })
  }

  take(env: string, file: string, source: string): CompileResult | undefined {
    const key = `${env}\0${file}`
    const entry = this.pending.get(key)
    if (!entry) return undefined
    this.pending.delete(key)
    return entry.source === source ? entry.result : undefined
  }
}
