// mako(options): the Vite/Rollup plugin. Wires hooks; the work lives in the files beside this one.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, extname, join, posix } from 'node:path'
import type { Plugin, ResolvedConfig, Rollup } from 'vite'
import { PLUGIN_NAME, toRollupError } from './errors.js'
import { HotUpdates } from './hmr.js'
import { LOOKUP_ID, RESOLVED_LOOKUP_ID, lookupModuleCode, scanDirectories } from './lookup.js'
import {
  DEFAULT_RUNTIME_IMPORT, adjustUri, cleanId, findInDirectories, resolveOptions, templateId, uriInDirectories, uriOfId, type MakoPluginOptions, type ResolvedOptions,
} from './options.js'
import { BACKEND_IMPORT_PREFIX, OutputMemo, PendingCompiles, compileTemplate } from './transform.js'
import { writeDeclaration } from './dts.js'
import type { OverlayApi } from './overlay.js'

type ResolvedIdResult = Rollup.ResolvedId | string

export type { MakoPluginOptions, FilterPattern } from './options.js'
export { LOOKUP_ID } from './lookup.js'
export { reportRenderError } from './overlay.js'

export default function mako(userOptions: MakoPluginOptions = {}): Plugin {
  let resolved: ResolvedOptions | undefined
  // plain Rollup has no configResolved: resolve against the working directory on first use
  const options = () => (resolved ??= resolveOptions(userOptions, { projectRoot: process.cwd(), command: 'build', hmr: false }))
  const memo = new OutputMemo()
  const pending = new PendingCompiles()
  const hot = new HotUpdates(options, memo, pending)
  // the runtime import resolved per importing directory: every generated module imports it,
  // and the bundler's resolution (a node_modules walk) is the same for a whole directory
  const runtimeIds = new Map<string, Promise<ResolvedIdResult>>()

  return {
    name: PLUGIN_NAME,
    // before vite:resolve, so `/`-rooted template ids mean the template root, not Vite's root
    enforce: 'pre',

    config(_config, env) {
      // an SSR build bundles the runtime (and the backends its templates import): the output runs
      // with the app's production dependencies only, this package being a devDependency. In dev,
      // Node loads the package itself, so the app's own imports of it share the templates' classes.
      // (lru-cache: the runtime's memory backend; it is this package's dependency, not the app's)
      if (env.command === 'build') return { ssr: { noExternal: ['vite-plugin-mako', 'lru-cache'] } }
    },

    configResolved(config: ResolvedConfig) {
      resolved = resolveOptions(userOptions, {
        projectRoot: config.root,
        command: config.command,
        hmr: !config.isProduction && config.server.hmr !== false,
        vite: true,
      })
      allowServing(config, dirname(dirname(resolved.runtimeFile)))
    },

    buildStart() {
      runtimeIds.clear()
    },

    resolveId: {
      // `/`-rooted ids (and the lookup module's absolute paths), `./` ids, the lookup, the runtime
      filter: { id: new RegExp(`^(?:/|\\./|[A-Za-z]:/|${escapeRegExp(LOOKUP_ID)}$|${escapeRegExp(userOptions.runtimeImport ?? DEFAULT_RUNTIME_IMPORT)}$|${escapeRegExp(BACKEND_IMPORT_PREFIX)}(?:redis|memcached)$)`) },
      async handler(id, importer, opts) {
        if (id === LOOKUP_ID) return RESOLVED_LOOKUP_ID
        const o = options()
        // the lookup module imports absolute paths it found itself (and the runtime, below)
        if (importer === RESOLVED_LOOKUP_ID && id !== o.runtimeImport) return id
        if (id.startsWith(BACKEND_IMPORT_PREFIX)) {
          // a backend the server side of a template imports: the package's own entry, or this
          // package's file (as for the runtime)
          const found = await this.resolve(id, importer, { ...opts, skipSelf: true })
          return found ?? join(dirname(o.runtimeFile), 'cache', id.slice(BACKEND_IMPORT_PREFIX.length) + extname(o.runtimeFile))
        }
        if (id === o.runtimeImport) {
          // the lookup module resolves the runtime as a template at the root does
          if (importer === RESOLVED_LOOKUP_ID) importer = join(o.root, 'index.mako')
          const env = (this as { environment?: { name: string } }).environment?.name ?? (opts?.ssr ? 'ssr' : 'client')
          const key = `${env}\0${importer ? dirname(cleanId(importer).file) : ''}`
          let found = runtimeIds.get(key)
          if (!found) {
            // null: e.g. a project inside this repository, or a test copy that links only the plugin
            found = this.resolve(id, importer, { ...opts, skipSelf: true }).then((r) => r ?? o.runtimeFile)
            runtimeIds.set(key, found)
          }
          return found
        }
        if (!importer || !o.isTemplate(importer) || !o.isTemplate(id)) return null
        const found = resolveTemplateId(id, importer, o.directories)
        if (found) return found
        if (id.startsWith('./') && !existsSync(join(dirname(cleanId(importer).file), cleanId(id).file))) {
          // the compiler writes a bare `file="x/y.mako"` as `./x/y.mako` (Mako: relative to the
          // template); when no such file exists, let the bundler try the bare name: an alias
          // (`@layouts/base.mako`) or a package's template
          return this.resolve(id.slice(2), importer, { ...opts, skipSelf: true })
        }
        return null
      },
    },

    load: {
      filter: { id: /^\0virtual:mako-lookup$|\?mako-uri=/ },
      handler(id) {
        // a template under a second uri: the file itself (plain Rollup reads ids as paths, query and all)
        if (uriOfId(id) !== undefined) {
          const file = cleanId(id).file
          this.addWatchFile(file)
          return readFileSync(file, 'utf8')
        }
        if (id !== RESOLVED_LOOKUP_ID) return null
        const o = options()
        return { code: lookupModuleCode(scanDirectories(o.directories, o.isTemplate), o.directories, o.runtimeImport), moduleType: 'js' }
      },
    },

    transform: {
      filter: userOptions.include === undefined ? { id: /\.mako(?:\?mako-uri=[^?]*)?$/ } : undefined,
      handler(code, id, opts) {
        const o = options()
        if (!o.isTemplate(id)) return null
        const file = cleanId(id).file
        const uri = uriOfId(id)
        const env = (this as { environment?: { name: string; config: { consumer: string; build?: { sourcemap?: unknown } } } }).environment
        const ssr = env ? env.config.consumer === 'server' : !!opts?.ssr
        const envName = env?.name ?? (ssr ? 'ssr' : 'client')
        // a Vite build whose output has no source map needs none from us: the map costs the
        // compile and the bundler time (plain Rollup: its output options are not known here)
        const sourceMap = !env || o.serve || !!env.config.build?.sourcemap
        try {
          const result = (uri === undefined ? pending.take(envName, file, code) : undefined) ?? compileTemplate(code, file, o, { ssr, hmr: o.hmr, uri, sourceMap })
          // (not for templates of installed packages)
          if (o.dts && uri === undefined && !file.includes('/node_modules/')) {
            try {
              writeDeclaration(file, code, o)
            } catch (err) {
              this.warn(`could not write the TypeScript declaration of ${file}: ${(err as Error).message}`)
            }
          }
          // same line count and columns: the starttime swap leaves the source map valid
          // (a build compiles each template once: nothing to keep for hot updates)
          const served = o.serve ? memo.serve(envName, id, result) : result.code
          return { code: served, map: result.map as never, moduleType: 'js' }
        } catch (err) {
          return this.error(toRollupError(err, file, code))
        }
      },
    },

    hotUpdate(ctx) {
      return hot.update(this.environment, ctx)
    },

    api: {
      // for reportRenderError (overlay.ts), which finds this plugin in the dev server's config
      ...({
        isTemplate: (file: string) => options().isTemplate(file),
        show: (server, payload, file) => hot.showRuntimeError(server, payload, file),
      } satisfies OverlayApi),
      // the options as given: mako-check reads them from the Vite config, for the types they change
      options: userOptions,
    },
  }
}

/**
 * A static `file=` target as Mako's TemplateLookup finds it: `/`-rooted, or relative to the
 * including template's uri (adjust_uri), then looked up through the directories in order.
 * Undefined when no directory holds it, or when the importer is outside every directory
 * (then the target is relative to the importer's file, or goes to the bundler's resolver).
 */
function resolveTemplateId(id: string, importer: string, directories: readonly string[]): string | undefined {
  const target = cleanId(id).file
  let uri = target
  if (!target.startsWith('/')) {
    const importerUri = uriOfId(importer) ?? uriInDirectories(cleanId(importer).file, directories)
    if (importerUri === undefined) return undefined
    uri = adjustUri(target, importerUri)
  }
  const file = findInDirectories(uri, directories)
  return file && templateId(file, posix.normalize(uri), directories)
}

/** The runtime may live outside the project (a linked install): let the dev server serve it. */
function allowServing(config: ResolvedConfig, dir: string): void {
  const allow = config.server?.fs?.allow as string[] | undefined
  if (!allow || allow.some((a) => dir === a || dir.startsWith(a.endsWith('/') ? a : a + '/'))) return
  allow.push(dir)
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
