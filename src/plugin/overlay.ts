// Runtime errors of templates rendered in the dev server, shown in Vite's overlay at the
// template's file, line and column, with a code frame (compile errors get there through
// hot updates: hmr.ts).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Plugin, ViteDevServer } from 'vite'
import { PLUGIN_NAME, toOverlayPayload, toRollupError } from './errors.js'

/** What the plugin object offers `reportRenderError` (as `plugin.api`). */
export interface OverlayApi {
  isTemplate(file: string): boolean
  /** sends the payload to the browser; a save of `file` that compiles clears it */
  show(server: ViteDevServer, payload: ReturnType<typeof toOverlayPayload>, file: string | undefined): void
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** `at fn (/abs/file.mako:3:19)` or `at /abs/file.mako:3:19`: file, line, 1-based column. */
const FRAME = /^\s*at (?:.*?\()?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?\s*$/

/** The first frame of a (source-mapped) stack that is in a template. */
export function templateFrame(stack: string | undefined, isTemplate: (file: string) => boolean): { file: string; line: number; column: number } | undefined {
  for (const text of (stack ?? '').split('\n')) {
    const m = FRAME.exec(text)
    if (!m) continue
    const file = m[1].startsWith('file://') ? fileURLToPath(m[1]) : m[1]
    if (isTemplate(file)) return { file, line: Number(m[2]), column: Number(m[3]) - 1 }
  }
  return undefined
}

/**
 * For the dev server's request handler, when rendering a template throws: rewrites the
 * error's stack to template positions (`ssrFixStacktrace`), sends the error to Vite's
 * overlay in the open tabs at the template's `file:line:column` (0-based column, as for
 * compile errors) with a code frame, and returns an HTML page for the failed response that
 * loads Vite's client, so that page shows the overlay too (Vite keeps an error sent while
 * no tab is connected for the next one). A later save of that template that compiles
 * clears the overlay. Errors outside templates are shown at their own first frame.
 */
export function reportRenderError(server: ViteDevServer, err: unknown): string {
  const error = err instanceof Error ? err : new Error(String(err))
  server.ssrFixStacktrace(error)
  const plugin = server.config.plugins.find((p: Plugin) => p.name === PLUGIN_NAME) as (Plugin & { api?: OverlayApi }) | undefined
  const api = plugin?.api
  const at = templateFrame(error.stack, api ? (f) => api.isTemplate(f) : (f) => f.endsWith('.mako'))
  let source: string | undefined
  try {
    if (at) source = readFileSync(at.file, 'utf8')
  } catch {}
  // (toRollupError: the position and frame when there is a template frame, else the error on no file)
  const converted = at ? toRollupError({ name: error.name, message: error.message, line: at.line, column: at.column }, at.file, source) : toRollupError(error, '')
  const payload = { ...toOverlayPayload(converted), stack: error.stack ?? '' }
  if (api) api.show(server, payload, at?.file)
  else server.environments.client.hot.send({ type: 'error', err: payload })
  const base = server.config.base ?? '/'
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>500: ${escapeHtml(error.name)}</title>
<script type="module" src="${escapeHtml(base)}@vite/client"></script></head>
<body><pre>${escapeHtml(error.stack ?? String(error))}</pre></body></html>
`
}
