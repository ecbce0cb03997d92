// Error reports that point at templates: Mako's mako.exceptions (RichTraceback,
// text_error_template, html_error_template) for JavaScript stacks.
//
// A stack frame of a template compiled at run time is named `mako:<uri>` (Template's
// sourceURL): its line is mapped through that Template's source map. A frame that already
// names a template file (Vite's ssrFixStacktrace, Node's --enable-source-maps) is taken as
// it is. Any other file frame is mapped through the file's own `sourceMappingURL` when it
// has one (a compiled .mako module run directly by Node).
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { TraceMap, decodedMappings, originalPositionFor, sourceContentFor } from '@jridgewell/trace-mapping'
import { MakoError, TemplateSyntaxError } from './shared/errors.js'
import type { Template } from './template.js'
import { CODE_LINE_OFFSET, templatesByUri } from './live.js'

/** One frame of a parsed stack, mapped to the template when it is template code. */
export interface TracebackFrame {
  /** template uri (template frames), else the file path or URL of the frame */
  filename: string
  /** 1-based line in `filename` */
  line: number
  /** 0-based column when known */
  column?: number
  /** the function's name, without the generated `__M_` spelling (`render_body`, the def's name) */
  function?: string
  /** true when `filename`/`line` are a template's (not generated code, not a JS file) */
  isTemplate: boolean
  /** the template uri (template frames only) */
  uri?: string
  /** the text of `line` when the source is known */
  sourceLine?: string
  /** the whole source of `filename` when known (templates: the template text) */
  source?: string
  /** a frame of this package's own runtime, of Node or of the engine */
  internal: boolean
  /** the raw stack line */
  raw?: string
}

/** A template position: what `templateFrames(err)` returns. */
export interface TemplateFrame {
  uri: string
  line: number
  column?: number
  function?: string
}

export interface ErrorTemplateOptions {
  /** lines of template shown before and after the marked line (default 2; html: 4) */
  context?: number
  /** also show frames of this package's runtime and of Node internals (default false) */
  internalFrames?: boolean
}

export interface HtmlErrorTemplateOptions extends ErrorTemplateOptions {
  /** a whole HTML document (default true), else a fragment to put in a page (Mako's `full`) */
  full?: boolean
  /** include the default <style> (default true; Mako's `css`) */
  css?: boolean
}

// ---------------------------------------------------------------------------------------
// stack parsing

interface RawFrame {
  fn?: string
  file: string
  line: number
  column: number
  raw: string
}

const FRAME_RE = /^\s*at (?:async )?(?:(.*?) \((.*):(\d+):(\d+)\)|(.*):(\d+):(\d+))\s*$/

function parseStack(stack: string): RawFrame[] {
  const out: RawFrame[] = []
  for (const raw of stack.split('\n')) {
    const m = FRAME_RE.exec(raw)
    if (!m) continue
    if (m[2] !== undefined) out.push({ fn: m[1], file: m[2], line: +m[3], column: +m[4] - 1, raw: raw.trim() })
    else out.push({ file: m[5], line: +m[6], column: +m[7] - 1, raw: raw.trim() })
  }
  return out
}

/**
 * A def can run as `__M_def_f__g` (async mode's generator) or `__M_def_f__s` (sync mode's
 * string-passing form) under the def itself (`__M_def_f`): one template call, so the outer
 * of the two frames goes.
 */
function withoutGeneratorWrappers<T extends { fn?: string }>(records: T[]): T[] {
  return records.filter((r, i) => {
    const m = r.fn && /(__M_def_[\w$]+)/.exec(r.fn)
    if (!m || /__[gs]$/.test(m[1])) return true
    return !records.slice(Math.max(0, i - 4), i).some((q) => q.fn !== undefined && (q.fn.includes(`${m[1]}__g`) || q.fn.includes(`${m[1]}__s`)))
  })
}

/** `Template.__M_render_body [as body]` -> `render_body`, `__M_def_row__impl` -> `row`. */
function cleanFunction(fn: string | undefined): string | undefined {
  if (!fn) return undefined
  let f = fn.replace(/ \[as [^\]]*\]$/, '')
  const m = /__M_(render_body|def_[\w$]+|block_[\w$]+)/.exec(f)
  if (m) {
    f = m[1] === 'render_body' ? 'render_body' : m[1].replace(/^(def|block)_/, '').replace(/__(impl|cached|g|s)$/, '')
    return f
  }
  return f
}

function isGeneratedFunction(fn: string | undefined): boolean {
  return !!fn && /__M_(render_body|def_|block_)/.test(fn)
}

const PACKAGE_DIR = (() => {
  try {
    // dist/exceptions.js or src/exceptions.ts -> the package root
    return resolve(dirname(fileURLToPath(import.meta.url)), '..')
  } catch {
    return undefined
  }
})()

function toPath(file: string): string | undefined {
  if (file.startsWith('file://')) {
    try {
      return fileURLToPath(file)
    } catch {
      return undefined
    }
  }
  if (file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file)) return file.replace(/[?#].*$/, '')
  return undefined
}

function isInternalFile(file: string): boolean {
  if (file.startsWith('node:') || file.startsWith('internal/') || file === 'native' || file.startsWith('<anonymous>')) return true
  const p = toPath(file)
  if (!p || !PACKAGE_DIR) return false
  const rel = p.startsWith(PACKAGE_DIR + '/') ? p.slice(PACKAGE_DIR.length + 1) : undefined
  return rel !== undefined && /^(dist|src)\//.test(rel)
}

// ---------------------------------------------------------------------------------------
// source maps

interface Mapped {
  source: string
  line: number
  column: number
  content?: string
}

const traceMaps = new WeakMap<object, TraceMap>()

function traceMapOf(key: object, map: unknown): TraceMap | undefined {
  let tm = traceMaps.get(key)
  if (!tm) {
    try {
      tm = new TraceMap(map as never)
    } catch {
      return undefined
    }
    traceMaps.set(key, tm)
  }
  return tm
}

/**
 * Map a position of a template's generated code (1-based line, 0-based column) to the
 * template, from the source map alone: codegen maps the column of every copied fragment
 * and every generated value, so the mapping at or before the column is the construct the
 * position belongs to (the n-th `${}` of a line). A position before the line's first mapping
 * (or on a line without one) belongs to the last mapping above it.
 */
export function mapGeneratedPosition(map: unknown, line: number, column: number): { line: number; column: number } | undefined {
  const key = map && typeof map === 'object' ? (map as object) : undefined
  const tm = key ? traceMapOf(key, map) : undefined
  if (!tm) return undefined
  const decoded = decodedMappings(tm)
  let best: readonly number[] | undefined
  for (const s of decoded[line - 1] ?? []) if (s[0] <= column && s.length >= 4) best = s
  for (let l = line - 2; !best && l >= 0; l--) {
    const segs = decoded[l]
    for (let k = (segs?.length ?? 0) - 1; k >= 0 && !best; k--) if (segs![k].length >= 4) best = segs![k]
  }
  return best ? { line: best[2] + 1, column: best[3] } : undefined
}

/** Read a JS file's source map (inline data: URL or a file next to it). */
interface FileMap {
  tm: TraceMap
  sources: string[]
}

const fileMaps = new Map<string, FileMap | null>()

function fileSourceMap(path: string): FileMap | null {
  if (fileMaps.has(path)) return fileMaps.get(path)!
  let result: FileMap | null = null
  try {
    const text = readFileSync(path, 'utf8')
    const m = /\/\/[#@] sourceMappingURL=([^\s'"]+)\s*$/m.exec(text.slice(-200_000))
    if (m) {
      const url = m[1]
      let json: string | undefined
      if (url.startsWith('data:')) {
        const comma = url.indexOf(',')
        const body = url.slice(comma + 1)
        json = /;base64/.test(url.slice(0, comma)) ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body)
      } else {
        json = readFileSync(resolve(dirname(path), decodeURIComponent(url)), 'utf8')
      }
      const raw = JSON.parse(json) as { sources?: string[] }
      const tm = new TraceMap(raw as never, pathToFileURL(path).href)
      result = { tm, sources: raw.sources ?? [] }
    }
  } catch {
    result = null
  }
  if (fileMaps.size > 500) fileMaps.clear()
  fileMaps.set(path, result)
  return result
}

function mapThroughFile(path: string, line: number, column: number, fn?: string): Mapped | undefined {
  const fm = fileSourceMap(path)
  if (!fm) return undefined
  // a compiled template module (one source, the template, with its text): its output
  // statements are mapped as run-time templates' are
  const content0 = fm.tm.sourcesContent?.[0]
  if (isGeneratedFunction(fn) && fm.sources.length === 1 && typeof content0 === 'string') {
    const pos = mapGeneratedPosition(fm.tm, line, column)
    if (pos) {
      let source = fm.tm.resolvedSources[0] ?? fm.sources[0]
      if (source.startsWith('file://')) source = toPath(source) ?? source
      return { source, line: pos.line, column: pos.column, content: content0 }
    }
  }
  const p = originalPositionFor(fm.tm, { line, column })
  if (p.source == null || p.line == null) return undefined
  const content = sourceContentFor(fm.tm, p.source) ?? undefined
  let source = p.source
  if (source.startsWith('file://')) source = toPath(source) ?? source
  return { source, line: p.line, column: p.column ?? 0, content }
}

const fileTexts = new Map<string, string | null>()

function readText(path: string): string | undefined {
  if (fileTexts.has(path)) return fileTexts.get(path) ?? undefined
  let text: string | null = null
  try {
    text = readFileSync(path, 'utf8')
    if (text.length > 2_000_000) text = null
  } catch {
    text = null
  }
  if (fileTexts.size > 500) fileTexts.clear()
  fileTexts.set(path, text)
  return text ?? undefined
}

function runtimeTemplate(uri: string): Template | undefined {
  return templatesByUri.get(uri)?.deref()
}

const JS_EXT = /\.(?:[cm]?[jt]sx?)$/

/** One parsed stack line to a traceback frame (template frames mapped). */
function toFrame(r: RawFrame): TracebackFrame {
  const fn = cleanFunction(r.fn)
  if (r.file.startsWith('mako:')) {
    const uri = r.file.slice('mako:'.length)
    const tpl = runtimeTemplate(uri)
    const genLine = r.line - CODE_LINE_OFFSET
    if (tpl) {
      const pos = mapGeneratedPosition(tpl.sourceMap, genLine, r.column)
      if (pos) {
        return {
          filename: uri, uri, line: pos.line, column: pos.column, function: fn, isTemplate: true,
          source: tpl.source, sourceLine: tpl.source.split(/\r?\n/)[pos.line - 1], internal: false, raw: r.raw,
        }
      }
      return {
        filename: `${uri} (generated code)`, line: genLine, column: r.column, function: fn, isTemplate: false,
        source: tpl.code, sourceLine: tpl.code.split('\n')[genLine - 1], internal: false, raw: r.raw,
      }
    }
    return { filename: `${uri} (generated code)`, line: genLine, column: r.column, function: fn, isTemplate: false, internal: false, raw: r.raw }
  }
  const path = toPath(r.file)
  // a frame that names a template file already (Vite's ssrFixStacktrace, --enable-source-maps)
  if (path && !JS_EXT.test(path)) {
    const source = readText(path)
    return {
      filename: path, uri: path, line: r.line, column: r.column, function: fn, isTemplate: true,
      source, sourceLine: source?.split(/\r?\n/)[r.line - 1], internal: false, raw: r.raw,
    }
  }
  if (path && !isInternalFile(r.file)) {
    const mapped = mapThroughFile(path, r.line, r.column, r.fn)
    if (mapped) {
      const isTemplate = !JS_EXT.test(mapped.source) || isGeneratedFunction(r.fn)
      const source = mapped.content ?? readText(mapped.source)
      return {
        filename: mapped.source, uri: isTemplate ? mapped.source : undefined, line: mapped.line, column: mapped.column, function: fn,
        isTemplate, source, sourceLine: source?.split(/\r?\n/)[mapped.line - 1], internal: false, raw: r.raw,
      }
    }
    const source = readText(path)
    return {
      filename: path, line: r.line, column: r.column, function: fn, isTemplate: false,
      sourceLine: source?.split(/\r?\n/)[r.line - 1], internal: false, raw: r.raw,
    }
  }
  return { filename: path ?? r.file, line: r.line, column: r.column, function: fn, isTemplate: false, internal: isInternalFile(r.file), raw: r.raw }
}

// ---------------------------------------------------------------------------------------
// RichTraceback

/**
 * Mako's RichTraceback: the error's stack as frames, template frames mapped to template
 * uri and line. `traceback` is in Python's order (most recent call last), as Mako's.
 */
export class RichTraceback {
  readonly error: unknown
  /** the error's class name (`TypeError`, `UndefinedError`, ...) */
  readonly errorname: string
  readonly message: string
  /** every parsed stack frame, most recent call last */
  readonly records: TracebackFrame[]
  /** the frames shown: template frames and user JS frames (internals too with `internalFrames`) */
  readonly traceback: TracebackFrame[]
  /** the source of the template where the error happened (innermost template frame), if known */
  readonly source: string | undefined
  /** the line of that template */
  readonly lineno: number | undefined
  /** the uri of that template */
  readonly uri: string | undefined

  constructor(error: unknown, options: ErrorTemplateOptions = {}) {
    this.error = error
    const e = error as Partial<Error & MakoError> | null | undefined
    const isObj = e !== null && (typeof e === 'object' || typeof e === 'function')
    this.errorname = isObj ? String(e!.name ?? (e!.constructor as { name?: string } | undefined)?.name ?? 'Error') : typeof error
    this.message = isObj ? String(e!.message ?? '') : String(error)
    const raw = isObj ? (e as Record<symbol, unknown>)[RAW_STACK] : undefined
    const stack = typeof raw === 'string' ? raw : isObj && typeof e!.stack === 'string' ? e!.stack : ''
    this.records = withoutGeneratorWrappers(parseStack(stack)).map(toFrame).reverse()
    const frames = this.records.filter((f) => options.internalFrames || !f.internal)
    // an error that carries its own template position (syntax errors, UndefinedError)
    if (isObj && typeof e!.uri === 'string' && typeof e!.line === 'number') {
      const last = [...frames].reverse().find((f) => f.isTemplate)
      const syntax = error instanceof TemplateSyntaxError
      if (syntax || !last || last.uri !== e!.uri || last.line !== e!.line) {
        // a template that failed to compile has no Template (one of the same uri may be an older one):
        // a syntax error shows its own frame
        const source = syntax ? undefined : runtimeTemplate(e!.uri)?.source
        const own: TracebackFrame = {
          filename: e!.uri, uri: e!.uri, line: e!.line, column: e!.column, isTemplate: true, internal: false,
          source, sourceLine: source?.split(/\r?\n/)[e!.line - 1],
        }
        if (syntax) {
          // the compiler's own frames say nothing about the template: show the template position
          frames.length = 0
          frames.push(own)
        } else if (!last || last.uri !== e!.uri) frames.push(own)
      }
    }
    // `const f = (...a) => __M_def_f(ctx, ...a)` and the def itself can show as one template line twice
    this.traceback = frames.filter((f, i) => {
      const p = frames[i - 1]
      return !(p && f.isTemplate && p.isTemplate && p.filename === f.filename && p.line === f.line && p.function === f.function)
    })
    const inner = [...this.traceback].reverse().find((f) => f.isTemplate)
    this.source = inner?.source
    this.lineno = inner?.line
    this.uri = inner?.uri
  }

  /** `templateFrames(err)`, reachable from the main entry */
  static templateFrames(err: unknown): TemplateFrame[] {
    return templateFrames(err)
  }

  /** `templateStack(err)`, reachable from the main entry */
  static templateStack(err: unknown): string {
    return templateStack(err)
  }

  /** the template frames of this traceback, innermost first */
  get templateFrames(): TemplateFrame[] {
    return this.reverseTraceback.filter((f) => f.isTemplate).map((f) => ({ uri: f.uri ?? f.filename, line: f.line, column: f.column, function: f.function }))
  }

  /** most recent call first */
  get reverseTraceback(): TracebackFrame[] {
    return [...this.traceback].reverse()
  }

  get reverse_traceback(): TracebackFrame[] {
    return this.reverseTraceback
  }

  get reverseRecords(): TracebackFrame[] {
    return [...this.records].reverse()
  }

  get reverse_records(): TracebackFrame[] {
    return this.reverseRecords
  }
}

/**
 * The template positions of an error's stack, innermost (most recent call) first: for
 * `mako:<uri>` frames of run-time templates, frames already naming a template file, and
 * compiled template modules with a source map. Errors that carry their own position
 * (TemplateSyntaxError, UndefinedError) come first when the stack does not show it.
 */
export function templateFrames(err: unknown): TemplateFrame[] {
  return new RichTraceback(err).templateFrames
}

/**
 * `err.stack` with every template frame shown at its template uri and line
 * (`at render_body (mako:/x.mako:8:35)` -> `at render_body (/x.mako:3:5)`).
 */
export function templateStack(err: unknown): string {
  const e = err as { stack?: unknown } | null
  const stack = e && typeof e.stack === 'string' ? e.stack : String(err)
  return stack
    .split('\n')
    .map((l) => {
      const m = FRAME_RE.exec(l)
      if (!m) return l
      const f = toFrame(m[2] !== undefined ? { fn: m[1], file: m[2], line: +m[3], column: +m[4] - 1, raw: l } : { file: m[5], line: +m[6], column: +m[7] - 1, raw: l })
      if (!f.isTemplate) return l
      const indent = /^\s*/.exec(l)![0]
      return `${indent}at ${f.function ? `${f.function} (${f.filename}:${f.line}:${(f.column ?? 0) + 1})` : `${f.filename}:${f.line}:${(f.column ?? 0) + 1}`}`
    })
    .join('\n')
}

/** where annotateError keeps the stack as V8 wrote it */
const RAW_STACK = Symbol.for('vite-plugin-mako.rawStack')

/**
 * Make an error thrown while rendering point at the template: its `stack` gets the template
 * uri and line for every frame of a run-time template (`mako:<uri>` frames), and the stack
 * as V8 wrote it is kept for the reports. Idempotent; returns the error. For the Node API's
 * render paths (`catch (e) { throw annotateError(e) }`).
 */
export function annotateError<T>(err: T): T {
  const e = err as Record<PropertyKey, unknown> | null
  if (!e || typeof e !== 'object' || typeof e.stack !== 'string' || e[RAW_STACK] !== undefined) return err
  if (!e.stack.includes('(mako:') && !/\bat mako:/.test(e.stack)) return err
  const raw = e.stack
  try {
    const mapped = raw
      .split('\n')
      .map((l) => {
        const m = FRAME_RE.exec(l)
        const file = m ? (m[2] ?? m[5]) : undefined
        if (!m || !file?.startsWith('mako:')) return l
        const f = toFrame(m[2] !== undefined ? { fn: m[1], file: m[2], line: +m[3], column: +m[4] - 1, raw: l } : { file: m[5], line: +m[6], column: +m[7] - 1, raw: l })
        if (!f.isTemplate) return l
        const indent = /^\s*/.exec(l)![0]
        const where = `${f.filename}:${f.line}:${(f.column ?? 0) + 1}`
        return `${indent}at ${f.function ? `${f.function} (${where})` : where}`
      })
      .join('\n')
    Object.defineProperty(e, RAW_STACK, { value: raw, enumerable: false, configurable: true })
    Object.defineProperty(e, 'stack', { value: mapped, writable: true, enumerable: false, configurable: true })
  } catch {
    /* a frozen error, an odd stack: leave it as it is */
  }
  return err
}

// ---------------------------------------------------------------------------------------
// text and HTML reports

function contextLines(source: string, line: number, context: number): { n: number; text: string; mark: boolean }[] {
  const lines = source.split(/\r?\n/)
  const first = Math.max(1, line - context)
  const last = Math.min(lines.length, line + context)
  const out: { n: number; text: string; mark: boolean }[] = []
  for (let n = first; n <= last; n++) out.push({ n, text: lines[n - 1], mark: n === line })
  return out
}

/**
 * Mako's text_error_template for an error: `Traceback (most recent call last):`, each
 * template frame with its uri, line and the surrounding template lines (the line marked
 * with `>`), user JS frames with their line, then `ErrorName: message`.
 */
export function textErrorTemplate(err: unknown, options: ErrorTemplateOptions = {}): string {
  const tb = err instanceof RichTraceback ? err : new RichTraceback(err, options)
  const context = options.context ?? 2
  const out: string[] = ['Traceback (most recent call last):']
  for (const f of tb.traceback) {
    out.push(`  File "${f.filename}", line ${f.line}${f.function ? `, in ${f.function}` : ''}`)
    if (f.isTemplate && f.source !== undefined) {
      const lines = contextLines(f.source, f.line, context)
      const width = String(lines.length ? lines[lines.length - 1].n : f.line).length
      for (const l of lines) out.push(`  ${l.mark ? '>' : ' '} ${String(l.n).padStart(width)} | ${l.text}`)
    } else if (f.sourceLine !== undefined) out.push(`    ${f.sourceLine.trim()}`)
    else if (f.isTemplate && (tb.error as MakoError)?.frame && (tb.error as MakoError).uri === f.uri) {
      for (const l of String((tb.error as MakoError).frame).split('\n')) out.push(`    ${l}`)
    }
  }
  out.push(`${tb.errorname}: ${tb.message}`)
  return out.join('\n') + '\n'
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' }
const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => ESC[c])

const CSS = `
.mako-error { font-family: sans-serif; }
.mako-error h2 { font-size: 1.2em; }
.mako-error h3 { font-size: 1em; margin: 1em 0 0.3em; }
.mako-error .message { font-weight: bold; white-space: pre-wrap; }
.mako-error .sample, .mako-error .stacktrace .location + .source { font-family: monospace; white-space: pre; background: #f5f5f5; border: 1px solid #ddd; padding: 0.4em; overflow: auto; }
.mako-error .sample .line { display: block; }
.mako-error .sample .error { background: #fdd; font-weight: bold; }
.mako-error .sample .lineno { color: #888; user-select: none; }
.mako-error .location { font-size: 0.9em; margin-top: 0.6em; }
.mako-error .js { color: #666; }
`

/**
 * Mako's html_error_template: the error, the template lines around where it happened, and
 * the traceback (most recent call first, as Mako's). Everything is HTML-escaped.
 * `full: false` gives a fragment without <html>/<head>/<body>.
 */
export function htmlErrorTemplate(err: unknown, options: HtmlErrorTemplateOptions = {}): string {
  const tb = err instanceof RichTraceback ? err : new RichTraceback(err, options)
  const full = options.full !== false
  const css = options.css !== false
  const context = options.context ?? 4
  const title = `${tb.errorname}: ${tb.message}`
  const out: string[] = []
  if (full) {
    out.push('<!DOCTYPE html>', '<html>', '<head>', '<meta charset="utf-8">', `<title>${esc(title)}</title>`)
    if (css) out.push(`<style>${CSS}</style>`)
    out.push('</head>', '<body>')
  } else if (css) out.push(`<style>${CSS}</style>`)
  out.push('<div class="mako-error">', '<h2>Error !</h2>', `<h3 class="message">${esc(tb.errorname)}: ${esc(tb.message)}</h3>`)
  const sample = (f: TracebackFrame, n: number) => {
    const lines = contextLines(f.source!, f.line, n)
    const width = String(lines.length ? lines[lines.length - 1].n : f.line).length
    return lines
      .map((l) => `<span class="line${l.mark ? ' error' : ''}"><span class="lineno">${String(l.n).padStart(width)}</span> ${esc(l.text)}</span>`)
      .join('')
  }
  if (tb.source !== undefined && tb.lineno !== undefined) {
    const inner = tb.reverseTraceback.find((f) => f.isTemplate)!
    out.push(`<div class="location">${esc(inner.filename)}, line ${inner.line}:</div>`, `<div class="sample">${sample(inner, context)}</div>`)
  } else {
    const frame = (tb.error as MakoError | null)?.frame
    if (typeof frame === 'string') out.push(`<div class="sample">${esc(frame)}</div>`)
  }
  out.push('<div class="stacktrace">')
  for (const f of tb.reverseTraceback) {
    out.push(
      `<div class="location${f.isTemplate ? '' : ' js'}">${esc(f.filename)}, line ${f.line}${f.function ? `, in ${esc(f.function)}` : ''}:</div>`,
    )
    if (f.sourceLine !== undefined) out.push(`<div class="source">${esc(f.sourceLine.trim())}</div>`)
  }
  out.push('</div>', '</div>')
  if (full) out.push('</body>', '</html>')
  return out.join('\n') + '\n'
}

/** Mako's snake_case spellings. */
export const text_error_template = textErrorTemplate
export const html_error_template = htmlErrorTemplate
