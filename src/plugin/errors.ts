// Compile errors in the shape Rollup and Vite's overlay read: { message, id, plugin, loc, frame }.
import { readFileSync } from 'node:fs'

export const PLUGIN_NAME = 'vite-plugin-mako'

export interface RollupStyleError extends Error {
  id: string
  plugin: string
  code?: string
  pluginCode?: string
  loc?: { file: string; line: number; column: number }
  frame?: string
  /** the compiler's own error, kept for callers that want its fields */
  cause?: unknown
}

interface PositionedError {
  message?: string
  name?: string
  code?: string
  line?: number
  column?: number
  frame?: string
  stack?: string
}

/**
 * One conversion for the transform hook (Rollup's `this.error`), the terminal and the
 * overlay. Compile errors carry `line`/`column`/`frame` as fields (TemplateSyntaxError);
 * anything else becomes an error on the file without a position.
 */
export function toRollupError(err: unknown, file: string, source?: string): RollupStyleError {
  const e = (err ?? {}) as PositionedError
  const raw = typeof e.message === 'string' ? e.message : String(err)
  const out = new Error(raw) as RollupStyleError
  out.name = e.name ?? 'Error'
  out.id = file
  out.plugin = PLUGIN_NAME
  if (e.code) out.pluginCode = e.code
  if (typeof e.line === 'number') {
    // Vite's `loc.column` is 0-based, as Rollup's (Vite turns postcss' and lightningcss' 1-based
    // columns into it with `column - 1`), and the overlay and terminal print it as file:line:column.
    // The compiler's message ends with Mako's 1-based `at line: N char: M`: dropped here, so the
    // overlay shows one position, the one in its file line and code frame.
    out.message = raw.replace(/(?: in file '.*?')? at line: \d+ char: \d+$/, '')
    out.loc = { file, line: e.line, column: e.column ?? 0 }
    out.frame = e.frame ?? frameAt(source ?? safeRead(file), e.line, e.column ?? 0)
  }
  if (e.stack) out.stack = e.stack
  out.cause = err
  return out
}

/** The payload Vite's client turns into the overlay (Vite's own prepareError, minus the ANSI). */
export function toOverlayPayload(err: RollupStyleError) {
  return {
    message: err.message,
    stack: '',
    id: err.id,
    frame: err.frame ?? '',
    plugin: err.plugin,
    pluginCode: err.pluginCode,
    loc: err.loc,
  }
}

/** A one-line-per-field report for the terminal: file:line:column, message, frame. */
export function formatForTerminal(err: RollupStyleError): string {
  const where = err.loc ? `${err.loc.file}:${err.loc.line}:${err.loc.column}` : err.id
  return `[${PLUGIN_NAME}] ${err.name}: ${err.message}\n  File: ${where}${err.frame ? `\n${err.frame}` : ''}`
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

/** Vite's ` N | code` frame, for errors that arrive with a position but without a frame. */
function frameAt(source: string | undefined, line: number, column: number): string | undefined {
  if (source === undefined) return undefined
  const lines = source.split(/\r?\n/)
  const first = Math.max(1, line - 2)
  const last = Math.min(lines.length, line + 2)
  const width = String(last).length
  const out: string[] = []
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1] ?? ''
    out.push(`${String(n).padStart(width)} | ${text}`)
    if (n === line) out.push(`${' '.repeat(width)} | ${' '.repeat(Math.min(column, text.length))}^`)
  }
  return out.join('\n')
}
