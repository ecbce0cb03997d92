// What mako-check learns from the project's Vite config: the options given to mako() that change
// a template's types (`async`, `ssr: { async }`: `render` returns Promise<string>, and the
// template body may await). The config is loaded the way Vite loads it (`loadConfigFromFile` of
// the project's own vite), and the plugin found among its plugins by name; it hands its options
// over as `api.options` (Vite's convention for what a plugin shows other code).
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { TemplateOptions } from '../compiler/index.js'

/** the names Vite looks for, in its order */
const CONFIG_FILES = ['vite.config.js', 'vite.config.mjs', 'vite.config.ts', 'vite.config.cjs', 'vite.config.mts', 'vite.config.cts']

export interface PluginConfig {
  /** the config file read, if any */
  file?: string
  /** the options given to mako() there; undefined without a config or without the plugin in it */
  options?: TemplateOptions & { ssr?: TemplateOptions }
}

interface ViteModule {
  loadConfigFromFile(env: { command: 'build' | 'serve'; mode: string; isSsrBuild?: boolean }, file?: string, root?: string, logLevel?: string): Promise<{ config: { plugins?: unknown[] } } | null>
}

/**
 * The mako() options of the Vite config `explicit` (`--config`), or of the first `vite.config.*`
 * in `root`. Without one: nothing (the defaults). A config that is there but cannot be loaded is
 * an error (its types would be guessed otherwise).
 */
export async function loadPluginConfig(root: string, explicit?: string): Promise<PluginConfig> {
  const file = explicit ? resolve(root, explicit) : CONFIG_FILES.map((f) => join(root, f)).find((f) => existsSync(f))
  if (!file) return {}
  if (!existsSync(file)) throw new Error(`--config ${explicit}: no such file`)
  let vite: ViteModule
  try {
    const require = createRequire(pathToFileURL(join(root, 'package.json')).href)
    vite = (await import(pathToFileURL(require.resolve('vite')).href)) as ViteModule
  } catch {
    throw new Error(`${file} needs vite to be read, and vite is not installed in ${root}`)
  }
  const loaded = await vite.loadConfigFromFile({ command: 'build', mode: 'production', isSsrBuild: false }, file, root, 'silent')
  for (const plugin of await flatten(loaded?.config.plugins ?? [])) {
    const p = plugin as { name?: unknown; api?: { options?: PluginConfig['options'] } }
    if (p.name === 'vite-plugin-mako' && p.api?.options) return { file, options: p.api.options }
  }
  return { file }
}

/** Vite's plugin list: nested arrays, promises, and falsy entries (a plugin turned off) */
async function flatten(list: unknown[]): Promise<unknown[]> {
  const out: unknown[] = []
  for (const item of list) {
    const value = await item
    if (Array.isArray(value)) out.push(...(await flatten(value)))
    else if (value) out.push(value)
  }
  return out
}
