// Hot updates: which modules a .mako save updates, errors to the overlay, the last good module kept live.
import type { DevEnvironment, EnvironmentModuleNode, HotUpdateOptions, ViteDevServer } from 'vite'
import { formatForTerminal, toOverlayPayload, toRollupError } from './errors.js'
import { RESOLVED_LOOKUP_ID } from './lookup.js'
import { join } from 'node:path'
import { uriInDirectories, type ResolvedOptions } from './options.js'
import { compileTemplate, type OutputMemo, type PendingCompiles } from './transform.js'

export class HotUpdates {
  /** files whose last save did not compile, per environment: their last good module stays live */
  private readonly broken = new Set<string>()
  /** files whose error the overlay shows now */
  private readonly overlay = new Set<string>()
  /** the save (file@timestamp) last reported, so two environments don't report one error twice */
  private readonly reported = new Map<string, number>()

  constructor(
    private readonly options: () => ResolvedOptions,
    private readonly memo: OutputMemo,
    private readonly pending: PendingCompiles,
  ) {}

  /**
   * Vite's `hotUpdate` hook, once per environment (client first). Returns the modules to
   * update: the edited template's and every template that depends on it, so each of them
   * re-runs, swaps its implementation into its existing object and moves its starttime
   * forward (a parent that inherits or includes the template has cached output that holds
   * the old text). `[]` skips the update: when nothing changed, or when the save does not
   * compile (the browser keeps running the last good version meanwhile).
   */
  async update(env: DevEnvironment, ctx: HotUpdateOptions): Promise<EnvironmentModuleNode[] | void> {
    const options = this.options()
    if (!options.isTemplate(ctx.file)) return
    const file = ctx.file
    if (ctx.type !== 'update') {
      // a template appeared or went away: the lookup module lists the files
      if (ctx.type === 'delete') this.memo.forget(file)
      const lookup = env.moduleGraph.getModuleById(RESOLVED_LOOKUP_ID)
      // with several directories, static targets of that uri may now resolve to another
      // directory's file (a theme's new override, or the base's file again): their importers
      // are transformed again, which resolves their imports again
      const rebound = importersOfUri(env, file, options, ctx.type === 'delete' ? ctx.modules : [])
      const updated = [...ctx.modules, ...rebound, ...(lookup ? [lookup] : [])]
      return updated.length ? updated : undefined
    }
    const ssr = env.config.consumer === 'server'
    const client = ctx.server.environments.client
    const key = `${env.name}\0${file}`
    const source = await ctx.read()
    let result: ReturnType<typeof compileTemplate>
    try {
      result = compileTemplate(source, file, options, { ssr, hmr: options.hmr })
      this.pending.set(env.name, file, source, result)
    } catch (err) {
      this.broken.add(key)
      this.report(env, ctx, toRollupError(err, file, source))
      return []
    }
    const wasBroken = this.broken.delete(key)
    if (this.overlay.delete(file)) {
      // the fix: an (empty) update clears the overlay, without a reload
      client.hot.send({ type: 'update', updates: [] })
    }
    if (!wasBroken && this.memo.unchanged(env.name, file, result)) return []
    const updated = [...ctx.modules, ...dependents(ctx.modules, options)]
    for (const mod of updated) if (mod.id) this.memo.bump(env.name, mod.id)
    return updated
  }

  /**
   * A render's runtime error (overlay.ts): to the overlay of the open tabs; a save of `file`
   * that compiles clears it, as it clears a compile error.
   */
  showRuntimeError(server: ViteDevServer, payload: ReturnType<typeof toOverlayPayload>, file: string | undefined): void {
    const client = server.environments.client
    client.hot.send({ type: 'update', updates: [] })
    client.hot.send({ type: 'error', err: payload })
    if (file) this.overlay.add(file)
  }

  private report(env: DevEnvironment, ctx: HotUpdateOptions, err: ReturnType<typeof toRollupError>): void {
    if (this.reported.get(ctx.file) === ctx.timestamp) return
    this.reported.set(ctx.file, ctx.timestamp)
    env.logger.error(formatForTerminal(err), { timestamp: true, clear: false })
    const client = ctx.server.environments.client
    // Vite's client reloads the page on the first update after an overlay appeared
    // (it assumes the page loaded broken); an empty update first marks this page as live
    client.hot.send({ type: 'update', updates: [] })
    client.hot.send({ type: 'error', err: toOverlayPayload(err) })
    this.overlay.add(ctx.file)
  }
}

/**
 * Templates that depend on `modules`, transitively: importers that are templates (static
 * inherit/include/namespace targets are real imports), and through the lookup module
 * every template with a `${}` target, since any template may be what it looks up.
 * Non-template importers end the walk: app code re-renders through `onUpdate`.
 */
export function dependents(modules: readonly EnvironmentModuleNode[], options: ResolvedOptions): EnvironmentModuleNode[] {
  const seen = new Set<EnvironmentModuleNode>(modules)
  const found: EnvironmentModuleNode[] = []
  const queue = [...modules]
  while (queue.length) {
    const mod = queue.shift()!
    for (const importer of mod.importers) {
      if (seen.has(importer)) continue
      seen.add(importer)
      if (importer.id === RESOLVED_LOOKUP_ID) queue.push(importer)
      else if (importer.file && options.isTemplate(importer.file)) {
        found.push(importer)
        queue.push(importer)
      }
    }
  }
  return found
}

/**
 * The template modules that import the template of `file`'s uri from another directory (or,
 * for a deleted file, `file` itself): with several directories, those imports resolve anew.
 */
function importersOfUri(env: DevEnvironment, file: string, options: ResolvedOptions, own: readonly EnvironmentModuleNode[]): EnvironmentModuleNode[] {
  if (options.directories.length < 2) return []
  const uri = uriInDirectories(file, options.directories)
  if (uri === undefined) return []
  const found = new Set<EnvironmentModuleNode>()
  const targets = [...own]
  for (const dir of options.directories) {
    const other = join(dir, ...uri.split('/').filter(Boolean))
    if (other !== file) for (const mod of env.moduleGraph.getModulesByFile(other) ?? []) targets.push(mod)
  }
  for (const mod of targets) {
    for (const importer of mod.importers) if (importer.file && options.isTemplate(importer.file)) found.add(importer)
  }
  return [...found]
}
