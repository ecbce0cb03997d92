// mako(options): the Vite/Rollup plugin. Wires hooks; the work lives in the files beside this one.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Plugin, ResolvedConfig, Rollup } from 'vite'
import { PLUGIN_NAME, toRollupError } from './errors.js'
import { HotUpdates } from './hmr.js'
import { LOOKUP_ID, RESOLVED_LOOKUP_ID, lookupModuleCode, scanTemplates } from './lookup.js'
import { DEFAULT_RUNTIME_IMPORT, cleanId, resolveOptions, type MakoPluginOptions, type ResolvedOptions } from './options.js'
import { OutputMemo, PendingCompiles, compileTemplate } from './transform.js'

type ResolvedIdResult = Rollup.ResolvedId | string

export type { MakoPluginOptions, FilterPattern } from './options.js'
export { LOOKUP_ID } from './lookup.js'

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

    configResolved(config: ResolvedConfig) {
      resolved = resolveOptions(userOptions, {
        projectRoot: config.root,
        command: config.command,
        hmr: !config.isProduction && config.server.hmr !== false,
      })
      allowServing(config, dirname(dirname(resolved.runtimeFile)))
    },

    buildStart() {
      runtimeIds.clear()
    },

    resolveId: {
      // `/`-rooted ids (and the lookup module's absolute paths), `./` ids, the lookup, the runtime
      filter: { id: new RegExp(`^(?:/|\\./|[A-Za-z]:/|${escapeRegExp(LOOKUP_ID)}$|${escapeRegExp(userOptions.runtimeImport ?? DEFAULT_RUNTIME_IMPORT)}$)`) },
      async handler(id, importer, opts) {
        if (id === LOOKUP_ID) return RESOLVED_LOOKUP_ID
        const o = options()
        // the lookup module imports absolute paths it found itself (and the runtime, below)
        if (importer === RESOLVED_LOOKUP_ID && id !== o.runtimeImport) return id
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
        if (!importer || !o.isTemplate(cleanId(importer).file) || !o.isTemplate(id)) return null
        if (id.startsWith('/')) {
          const inRoot = join(o.root, cleanId(id).file)
          if (existsSync(inRoot)) return inRoot
        } else if (id.startsWith('./') && !existsSync(join(dirname(cleanId(importer).file), cleanId(id).file))) {
          // the compiler writes a bare `file="x/y.mako"` as `./x/y.mako` (Mako: relative to the
          // template); when no such file exists, let the bundler try the bare name: an alias
          // (`@layouts/base.mako`) or a package's template
          return this.resolve(id.slice(2), importer, { ...opts, skipSelf: true })
        }
        return null
      },
    },

    load: {
      filter: { id: /^\0virtual:mako-lookup$/ },
      handler(id) {
        if (id !== RESOLVED_LOOKUP_ID) return null
        const o = options()
        return { code: lookupModuleCode(scanTemplates(o.root, o.isTemplate), o.root, o.runtimeImport), moduleType: 'js' }
      },
    },

    transform: {
      filter: userOptions.include === undefined ? { id: /\.mako$/ } : undefined,
      handler(code, id, opts) {
        const o = options()
        if (!o.isTemplate(id)) return null
        const file = cleanId(id).file
        const env = (this as { environment?: { name: string; config: { consumer: string } } }).environment
        const ssr = env ? env.config.consumer === 'server' : !!opts?.ssr
        const envName = env?.name ?? (ssr ? 'ssr' : 'client')
        try {
          const result = pending.take(envName, file, code) ?? compileTemplate(code, file, o, { ssr, hmr: o.hmr })
          // same line count and columns: the starttime swap leaves the source map valid
          // (a build compiles each template once: nothing to keep for hot updates)
          const served = o.serve ? memo.serve(envName, file, result.code) : result.code
          return { code: served, map: result.map as never, moduleType: 'js' }
        } catch (err) {
          return this.error(toRollupError(err, file, code))
        }
      },
    },

    hotUpdate(ctx) {
      return hot.update(this.environment, ctx)
    },
  }
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
