// Indented JS output with a source mapping at each line that comes from the template.
import type { EncodedSourceMap } from '@jridgewell/gen-mapping'
import type { Locator } from './locate.js'

const PADS: string[] = []

/**
 * A position marker in a line of code: an opening character, a template offset, MARK_CLOSE
 * (see Printer.line). The opening character is \x01, or, in a template that holds \x01 (user
 * code is copied into lines as it is), the first private-use character the template does not
 * hold (markerOpen).
 */
const MARK_OPEN = '\x01'
const MARK_CLOSE = '\x02'

/** The marker of template offset `at`, for a line given to a Printer made with `open`. */
export function marker(at: number, open = MARK_OPEN): string {
  return open + at + MARK_CLOSE
}

/**
 * The opening character for markers in code made from `text` (the template, its uri): one
 * it does not contain. One pass over the text; undefined only when it holds \x01 and all
 * 6,400 private-use characters (the printer then gets no markers: line mappings only).
 */
export function markerOpen(text: string): string | undefined {
  if (!text.includes(MARK_OPEN)) return MARK_OPEN
  const used = new Uint8Array(0xf900 - 0xe000)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xe000 && c < 0xf900) used[c - 0xe000] = 1
  }
  const free = used.indexOf(0)
  return free < 0 ? undefined : String.fromCharCode(0xe000 + free)
}

/** Two spaces per level of indentation. */
function padding(depth: number): string {
  return PADS[depth] ??= '  '.repeat(depth)
}

export class Printer {
  private lines: string[] = []
  /** the mappings: generated line, generated column, template offset; three numbers each */
  private readonly marks: number[] = []
  /** named spans of the output (the starttime's digits): where the plugin may swap a value */
  private readonly spans: { name: string; line: number; column: number; length: number }[] = []
  private depth = 0

  /** `open`: the markers' opening character (markerOpen), for the lines of this printer */
  constructor(private readonly open: string = MARK_OPEN) {}

  /**
   * Write one line; `offset` is where in the template it comes from. Position markers in
   * `text` (made by `marker`) are taken out and become mappings at their columns: codegen
   * puts one where each copied user fragment and each generated value starts, so a position
   * anywhere in the line maps to its own `${}`.
   */
  line(text: string, offset?: number): void {
    const pad = padding(this.depth)
    if (offset !== undefined) this.marks.push(this.lines.length, pad.length, offset)
    if (text.indexOf(this.open) >= 0) text = this.takeMarkers(text, pad.length)
    if (!text.includes('\n')) {
      this.lines.push(text ? pad + text : '')
      return
    }
    this.pushLines(pad, text)
  }

  /** `text` without its markers, each recorded as a mapping (the text starts at `column` of the next line). */
  private takeMarkers(text: string, column: number): string {
    let out = ''
    let line = this.lines.length
    let col = column
    let i = 0
    for (;;) {
      const open = text.indexOf(this.open, i)
      const piece = open < 0 ? text.slice(i) : text.slice(i, open)
      // the column the marker lands on (lines after a newline are not indented)
      const nl = piece.lastIndexOf('\n')
      if (nl < 0) col += piece.length
      else {
        for (let k = piece.indexOf('\n'); k >= 0; k = piece.indexOf('\n', k + 1)) line++
        col = piece.length - nl - 1
      }
      out += piece
      if (open < 0) return out
      const close = text.indexOf(MARK_CLOSE, open)
      this.marks.push(line, col, +text.slice(open + 1, close))
      i = close + 1
    }
  }

  /**
   * `text` as lines, the first indented: the others come from user code spanning lines (a
   * template literal, whose text an indentation would change), copied as they are.
   */
  private pushLines(pad: string, text: string): void {
    const parts = text.split('\n')
    this.lines.push(parts[0] ? pad + parts[0] : '')
    for (let i = 1; i < parts.length; i++) this.lines.push(parts[i])
  }

  /**
   * Copy user code verbatim (its own indentation kept), mapping each of its lines. Lines that
   * start inside one of the `literals` ranges (offsets in `text`: multi-line template literals
   * and strings) get no indentation: it would become part of the string.
   */
  code(text: string, offset: number, literals: readonly [number, number][] = [], original?: string): void {
    const pad = padding(this.depth)
    const parts = text.split('\n')
    // `original`: the text as in the template when `text` was edited on its lines (no line added
    // or removed, indentation kept): the mappings count offsets in it
    const lengths = original === undefined ? undefined : original.split('\n').map((l) => l.length)
    let at = 0
    let from = 0
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]
      const inLiteral = i > 0 && literals.some(([s, e]) => s < at && at <= e)
      // mapped where the line's code starts (after its own indentation)
      let ws = 0
      while (ws < part.length && (part.charCodeAt(ws) === 32 || part.charCodeAt(ws) === 9)) ws++
      if (inLiteral || ws === part.length) ws = 0
      this.marks.push(this.lines.length, (inLiteral ? 0 : pad.length) + ws, offset + from + ws)
      this.lines.push(inLiteral ? part : pad + part)
      at += part.length + 1
      from += (lengths ? lengths[i] : part.length) + 1
    }
  }

  /** Name the span of `length` characters at `column` of `text` in the line written last. */
  span(name: string, column: number, length: number): void {
    const line = this.lines.length - 1
    const pad = this.lines[line].length - (this.lines[line].trimStart().length)
    this.spans.push({ name, line, column: pad + column, length })
  }

  /** Append another printer's lines (and their mappings) below these. */
  append(other: Printer): void {
    const shift = this.lines.length
    const m = other.marks
    for (let i = 0; i < m.length; i += 3) this.marks.push(m[i] + shift, m[i + 1], m[i + 2])
    for (const sp of other.spans) this.spans.push({ ...sp, line: sp.line + shift })
    this.lines = this.lines.concat(other.lines)
  }

  indent(): void {
    this.depth++
  }

  dedent(): void {
    this.depth--
  }

  /** The code, and (when a file name is given) a source map back to the template. */
  finish(locator: Locator, sourceName: string | undefined, source: string): { code: string; map: EncodedSourceMap | null; spans: Record<string, [number, number]> } {
    const code = this.lines.join('\n') + '\n'
    const spans: Record<string, [number, number]> = {}
    if (this.spans.length) {
      const at = new Map(this.spans.map((sp) => [sp.line, sp]))
      let offset = 0
      for (let i = 0; i < this.lines.length; i++) {
        const sp = at.get(i)
        if (sp) spans[sp.name] = [offset + sp.column, offset + sp.column + sp.length]
        offset += this.lines[i].length + 1
      }
    }
    if (!sourceName) return { code, map: null, spans }
    // the object gen-mapping's toEncodedMap returns for these segments (added in this order,
    // one source, no names), encoded here in one pass: building it through GenMapping cost
    // an array per segment, and sourcemap-codec's encoder allocates a 16 KB buffer per call
    const map = {
      version: 3 as const, file: sourceName + '.js', names: [] as string[], sourceRoot: undefined, sources: [sourceName],
      sourcesContent: [source], mappings: encodeMappings(this.marks, this.lines.length, locator), ignoreList: [] as number[],
    }
    return { code, map: map as EncodedSourceMap, spans }
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** One signed base-64 VLQ number (the source map format's). */
function vlq(num: number): string {
  let n = num < 0 ? (-num << 1) | 1 : num << 1
  let out = ''
  do {
    let digit = n & 31
    n >>>= 5
    if (n > 0) digit |= 32
    out += BASE64[digit]
  } while (n > 0)
  return out
}

/**
 * The `mappings` string of `marks` (generated line, column, template offset; source 0, no
 * names), as gen-mapping writes it: each line's segments ordered by column, a segment added
 * later after those at the same column, every segment kept, no `;` after the last line that
 * has one.
 */
function encodeMappings(marks: readonly number[], lineCount: number, locator: Locator): string {
  // the marks of each line, by index, in order of column (insertion after equal columns)
  const byLine: (number[] | undefined)[] = new Array(lineCount)
  let last = -1
  for (let i = 0; i < marks.length; i += 3) {
    const line = marks[i]
    let list = byLine[line]
    if (list === undefined) byLine[line] = list = []
    let k = list.length
    while (k > 0 && marks[list[k - 1] + 1] > marks[i + 1]) k--
    if (k === list.length) list.push(i)
    else list.splice(k, 0, i)
    if (line > last) last = line
  }
  let out = ''
  let sourceLine = 0
  let sourceColumn = 0
  for (let line = 0; line <= last; line++) {
    if (line > 0) out += ';'
    const list = byLine[line]
    if (list === undefined) continue
    let genColumn = 0
    for (let j = 0; j < list.length; j++) {
      const i = list[j]
      const at = locator.locate(marks[i + 2])
      if (j > 0) out += ','
      // (one source: its index's delta is always 0, 'A')
      out += vlq(marks[i + 1] - genColumn) + 'A' + vlq(at.line - 1 - sourceLine) + vlq(at.column - sourceColumn)
      genColumn = marks[i + 1]
      sourceLine = at.line - 1
      sourceColumn = at.column
    }
  }
  return out
}
