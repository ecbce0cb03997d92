// The plugin's options: what users pass to mako(), and the form the hooks read once resolved.
import { existsSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TemplateOptions } from '../compiler/index.js'

export type FilterPattern = string | RegExp | readonly (string | RegExp)[]

export interface MakoPluginOptions extends TemplateOptions {
  /** files compiled as templates (default `**\/*.mako`): globs (relative to the project root) or RegExps */
  include?: FilterPattern
  exclude?: FilterPattern
  /**
   * The template root: `/`-rooted URIs (`<%inherit file="/layouts/base.mako"/>`) and the
   * `${}` lookup resolve against it. Default: Vite's `root` (plain Rollup: the working directory).
   */
  root?: string
  /** the module generated code imports the runtime from (default `vite-plugin-mako/runtime`) */
  runtimeImport?: string
  /**
   * Template options for the server side only (SSR, `vite build --ssr`), merged over the others:
   * e.g. `{ async: true, cacheImpl: 'redis' }`, so a backend's settings never reach a browser bundle.
   */
  ssr?: TemplateOptions
  /** hot updates in `vite dev` (default true; off anyway in builds and with `server.hmr: false`) */
  hmr?: boolean
}

export interface ResolvedOptions {
  /** the project root (Vite's root): hmr ids and glob patterns are relative to it */
  projectRoot: string
  /** the template root, absolute */
  root: string
  isTemplate(id: string): boolean
  /** template options for browser bundles and for the server */
  client: TemplateOptions
  server: TemplateOptions
  runtimeImport: string
  /** where this package's own runtime lives: the fallback when the bundler can't resolve runtimeImport */
  runtimeFile: string
  hmr: boolean
  /** a dev server (vite serve), not a build */
  serve: boolean
  /** the user kept the default include: the transform hook can filter on `.mako` by itself */
  defaultInclude: boolean
}

export const DEFAULT_RUNTIME_IMPORT = 'vite-plugin-mako/runtime'

const PLUGIN_KEYS = new Set(['include', 'exclude', 'root', 'runtimeImport', 'ssr', 'hmr'])

export function resolveOptions(
  user: MakoPluginOptions,
  env: { projectRoot: string; command: 'serve' | 'build'; hmr: boolean },
): ResolvedOptions {
  const projectRoot = resolve(env.projectRoot)
  const root = user.root ? resolve(projectRoot, user.root) : projectRoot
  const client: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(user)) if (!PLUGIN_KEYS.has(k) && v !== undefined) client[k] = v
  return {
    projectRoot,
    root,
    isTemplate: createFilter(user.include ?? '**/*.mako', user.exclude, projectRoot),
    client: client as TemplateOptions,
    server: { ...client, ...user.ssr } as TemplateOptions,
    runtimeImport: user.runtimeImport ?? DEFAULT_RUNTIME_IMPORT,
    runtimeFile: ownRuntimeFile(),
    hmr: env.command === 'serve' && env.hmr && user.hmr !== false,
    serve: env.command === 'serve',
    defaultInclude: user.include === undefined,
  }
}

/** This package's runtime entry, beside the plugin's own directory (dist/ or src/ alike). */
function ownRuntimeFile(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const js = resolve(here, '../runtime/index.js')
  return existsSync(js) ? js : resolve(here, '../runtime/index.ts')
}

/** Strips Vite/Rollup query strings; ids with a query (`?raw`, `?url`) are not templates. */
export function cleanId(id: string): { file: string; query: string } {
  const q = id.indexOf('?')
  return q < 0 ? { file: id, query: '' } : { file: id.slice(0, q), query: id.slice(q + 1) }
}

export function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/')
}

/** The template's uri: `/`-rooted relative to the template root (Mako's lookup uris), else its absolute path. */
export function templateUri(file: string, root: string): string {
  const rel = relative(root, file)
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return '/' + toPosix(rel)
  return toPosix(file)
}

/** include/exclude as in @rollup/pluginutils: globs match the path relative to the project root, or the absolute path. */
export function createFilter(include: FilterPattern, exclude: FilterPattern | undefined, base: string): (id: string) => boolean {
  const inc = toMatchers(include)
  const exc = exclude === undefined ? [] : toMatchers(exclude)
  return (id) => {
    const { file, query } = cleanId(id)
    if (query || file.startsWith('\0')) return false
    const abs = toPosix(file)
    // the path relative to the project only when the absolute one does not match (path.relative
    // was the plugin's largest own cost in a 500-template build)
    let rel: string | undefined
    const test = (re: RegExp) => re.test(abs) || re.test((rel ??= toPosix(relative(base, file))))
    return !exc.some(test) && inc.some(test)
  }
}

function toMatchers(pattern: FilterPattern): RegExp[] {
  const list = (Array.isArray(pattern) ? pattern : [pattern]) as (string | RegExp)[]
  return list.map((p) => (typeof p === 'string' ? globToRegExp(p) : p))
}

/** `**`, `*`, `?` and `{a,b}`: the glob forms include/exclude need. */
export function globToRegExp(glob: string): RegExp {
  let re = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++
        if (glob[i + 1] === '/') { i++; re += '(?:.*/)?' } else re += '.*'
      } else re += '[^/]*'
    } else if (c === '?') re += '[^/]'
    else if (c === '{') re += '(?:'
    else if (c === '}') re += ')'
    else if (c === ',' && re.lastIndexOf('(?:') > re.lastIndexOf(')')) re += '|'
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}
