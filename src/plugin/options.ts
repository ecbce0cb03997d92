// The plugin's options: what users pass to mako(), and the form the hooks read once resolved.
import { existsSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TemplateOptions } from '../compiler/index.js'
import { DEFAULT_ASSET_URLS, type AssetUrlOptions } from '../compiler/assets.js'

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
  /**
   * Template directories searched in order, as Mako's `TemplateLookup(directories=...)`:
   * `/`-rooted uris, static `file=` targets (relative ones adjusted against the including
   * template's uri first) and `${}` targets resolve to the first directory holding the file,
   * so a theme listed before its base theme overrides the base's templates. With `root`
   * too, `root` is searched first. Relative to the project root.
   */
  directories?: string[]
  /**
   * Relative asset URLs in static attributes of the templates' HTML (`<img src="./logo.png">`)
   * become imports, so Vite hashes and copies them: `false` turns it off, a map of tag names
   * to attribute names (`{ img: ['src', 'srcset'] }`) picks the attributes (it replaces the
   * default map). Default: on under Vite, with `img`/`source` `src`+`srcset`, `video` `src`+`poster`,
   * `audio`/`track` `src`, `image`/`use` `href`+`xlink:href`, `link` `href`; off under plain
   * Rollup (which has no asset pipeline of its own).
   */
  assetUrls?: false | Record<string, string[]>
  /** the module generated code imports the runtime from (default `vite-plugin-mako/runtime`) */
  runtimeImport?: string
  /**
   * Template options for the server side only (SSR, `vite build --ssr`), merged over the others:
   * e.g. `{ async: true, cacheImpl: 'redis' }`, so a backend's settings never reach a browser bundle.
   */
  ssr?: TemplateOptions
  /** hot updates in `vite dev` (default true; off anyway in builds and with `server.hmr: false`) */
  hmr?: boolean
  /**
   * Write each template's TypeScript declaration next to it (`page.d.mako.ts` for `page.mako`,
   * read by TypeScript under `allowArbitraryExtensions`; SPEC 13) when the template is
   * compiled, in dev and build. Default true; `false` turns it off.
   */
  dts?: boolean
}

export interface ResolvedOptions {
  /** the project root (Vite's root): hmr ids and glob patterns are relative to it */
  projectRoot: string
  /** the template root, absolute: the first of `directories` */
  root: string
  /** the template directories in search order, absolute (just `root` when none are given) */
  directories: string[]
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
  /** asset URLs to import, or undefined (off) */
  assetUrls?: AssetUrlOptions
  /** running under Vite (false: plain Rollup, where there is no client/server split) */
  vite: boolean
  /** write `page.d.mako.ts` declarations next to the templates */
  dts: boolean
}

export const DEFAULT_RUNTIME_IMPORT = 'vite-plugin-mako/runtime'

const PLUGIN_KEYS = new Set(['include', 'exclude', 'root', 'directories', 'assetUrls', 'runtimeImport', 'ssr', 'hmr', 'dts'])

export function resolveOptions(
  user: MakoPluginOptions,
  env: { projectRoot: string; command: 'serve' | 'build'; hmr: boolean; vite?: boolean },
): ResolvedOptions {
  const projectRoot = resolve(env.projectRoot)
  const directories = [...new Set([
    ...(user.root || !user.directories?.length ? [user.root ? resolve(projectRoot, user.root) : projectRoot] : []),
    ...(user.directories ?? []).map((d) => resolve(projectRoot, d)),
  ])]
  const root = directories[0]
  const client: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(user)) if (!PLUGIN_KEYS.has(k) && v !== undefined) client[k] = v
  return {
    projectRoot,
    root,
    directories,
    isTemplate: createFilter(user.include ?? '**/*.mako', user.exclude, projectRoot),
    client: client as TemplateOptions,
    server: { ...client, ...user.ssr } as TemplateOptions,
    runtimeImport: user.runtimeImport ?? DEFAULT_RUNTIME_IMPORT,
    runtimeFile: ownRuntimeFile(),
    hmr: env.command === 'serve' && env.hmr && user.hmr !== false,
    serve: env.command === 'serve',
    defaultInclude: user.include === undefined,
    assetUrls: assetUrlOptions(user.assetUrls, !!env.vite),
    vite: !!env.vite,
    dts: user.dts !== false,
  }
}

/**
 * Under Vite, on by default with `?url` imports (a URL whatever the file's type: a stylesheet
 * in `<link href>` too); under plain Rollup, off unless asked for, then plain imports (for an
 * asset plugin such as @rollup/plugin-url).
 */
function assetUrlOptions(option: MakoPluginOptions['assetUrls'], vite: boolean): AssetUrlOptions | undefined {
  if (option === false || (option === undefined && !vite)) return undefined
  return { tags: option ?? DEFAULT_ASSET_URLS, query: vite ? 'url' : undefined }
}

/** This package's runtime entry, beside the plugin's own directory (dist/ or src/ alike). */
function ownRuntimeFile(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const js = resolve(here, '../runtime/index.js')
  return existsSync(js) ? js : resolve(here, '../runtime/index.ts')
}

/**
 * One file reached under two uris (`/layout.mako` through a theme's directory, `/base/layout.mako`
 * through their parent) is two templates in Mako, each adjusting its relative targets against its
 * own uri: the module of the uri that is not the file's own (templateUri) gets this query.
 */
const URI_QUERY = 'mako-uri='

/** The module id of `file` as the template of `uri`. */
export function templateId(file: string, uri: string, directories: readonly string[]): string {
  return uri === templateUri(file, directories) ? file : `${file}?${URI_QUERY}${encodeURIComponent(uri)}`
}

/** The uri a module id names with its query, if any. */
export function uriOfId(id: string): string | undefined {
  const { query } = cleanId(id)
  return query.startsWith(URI_QUERY) ? decodeURIComponent(query.slice(URI_QUERY.length)) : undefined
}

/** Strips Vite/Rollup query strings; ids with a query (`?raw`, `?url`) are not templates, but for `?mako-uri=`. */
export function cleanId(id: string): { file: string; query: string } {
  const q = id.indexOf('?')
  return q < 0 ? { file: id, query: '' } : { file: id.slice(0, q), query: id.slice(q + 1) }
}

export function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/')
}

/**
 * The template's uri: `/`-rooted relative to the first template directory holding it (Mako's
 * lookup uris, its filename_to_uri), else its absolute path.
 */
export function templateUri(file: string, directories: string | readonly string[]): string {
  return uriInDirectories(file, directories) ?? toPosix(file)
}

/** The uri of a file inside one of the directories (the first holding it), else undefined. */
export function uriInDirectories(file: string, directories: string | readonly string[]): string | undefined {
  for (const dir of typeof directories === 'string' ? [directories] : directories) {
    const rel = relative(dir, file)
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return '/' + toPosix(rel)
  }
  return undefined
}

/**
 * Mako's lookup of a uri (TemplateLookup.get_template): the first directory holding it,
 * else undefined. A uri that climbs above the directories finds nothing.
 */
export function findInDirectories(uri: string, directories: readonly string[]): string | undefined {
  const normalized = posix.normalize('/' + uri)
  if (normalized.startsWith('/..')) return undefined
  for (const dir of directories) {
    const file = join(dir, ...normalized.split('/').filter(Boolean))
    if (statSync(file, { throwIfNoEntry: false })?.isFile()) return file
  }
  return undefined
}

/**
 * Mako's adjust_uri: a relative `file=` target is relative to the including template's uri
 * (not its file: a template found in a base theme's directory looks its relative targets
 * up through every directory, the theme's first). `/`-rooted targets stay.
 */
export function adjustUri(uri: string, relativeTo: string): string {
  if (uri.startsWith('/')) return uri
  return posix.join(posix.dirname(relativeTo), uri)
}

/** include/exclude as in @rollup/pluginutils: globs match the path relative to the project root, or the absolute path. */
export function createFilter(include: FilterPattern, exclude: FilterPattern | undefined, base: string): (id: string) => boolean {
  const inc = toMatchers(include)
  const exc = exclude === undefined ? [] : toMatchers(exclude)
  return (id) => {
    const { file, query } = cleanId(id)
    if ((query && !query.startsWith(URI_QUERY)) || file.startsWith('\0')) return false
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
