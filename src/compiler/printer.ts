// Indented JS output with a source mapping at each line that comes from the template.
import { GenMapping, addSegment, setSourceContent, toDecodedMap, type EncodedSourceMap } from '@jridgewell/gen-mapping'
import type { Locator } from './locate.js'

const PADS: string[] = []

/** Two spaces per level of indentation. */
function padding(depth: number): string {
  return PADS[depth] ??= '  '.repeat(depth)
}

export class Printer {
  private readonly lines: string[] = []
  private readonly marks: { line: number; column: number; offset: number }[] = []
  private depth = 0

  /** Write one line; `offset` is where in the template it comes from. */
  line(text: string, offset?: number): void {
    const pad = padding(this.depth)
    if (offset !== undefined) this.marks.push({ line: this.lines.length, column: pad.length, offset })
    if (!text.includes('\n')) {
      this.lines.push(text ? pad + text : '')
      return
    }
    for (const l of text.split('\n')) this.lines.push(l ? pad + l : '')
  }

  /** One line with a mapping at each of several columns (the pieces of a merged output line). */
  lineWithMarks(text: string, marks: { column: number; offset: number }[]): void {
    const pad = padding(this.depth)
    for (const m of marks) this.marks.push({ line: this.lines.length, column: pad.length + m.column, offset: m.offset })
    this.lines.push(pad + text)
  }

  /** Copy user code verbatim (its own indentation kept), mapping each of its lines. */
  code(text: string, offset: number): void {
    const pad = padding(this.depth)
    const parts = text.split('\n')
    let at = offset
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]
      this.marks.push({ line: this.lines.length, column: pad.length, offset: at })
      this.lines.push(pad + part)
      at += part.length + 1
    }
  }

  /** Append another printer's lines (and their mappings) below these. */
  append(other: Printer): void {
    const shift = this.lines.length
    for (const m of other.marks) this.marks.push({ line: m.line + shift, column: m.column, offset: m.offset })
    this.lines.push(...other.lines)
  }

  indent(): void {
    this.depth++
  }

  dedent(): void {
    this.depth--
  }

  /** The code, and (when a file name is given) a source map back to the template. */
  finish(locator: Locator, sourceName: string | undefined, source: string): { code: string; map: EncodedSourceMap | null } {
    const code = this.lines.join('\n') + '\n'
    if (!sourceName) return { code, map: null }
    const map = new GenMapping({ file: sourceName + '.js' })
    setSourceContent(map, sourceName, source)
    for (const m of this.marks) {
      const { line, column } = locator.locate(m.offset)
      addSegment(map, m.line, m.column, sourceName, line - 1, column)
    }
    // toEncodedMap's object, with the mappings encoded here: sourcemap-codec's encoder
    // allocates a 16 KB buffer per call, more than a small template's whole map costs
    // (toDecodedMap's object is a fresh one: its mappings are replaced in place, keys in the same order)
    const decoded = toDecodedMap(map) as unknown as Record<string, unknown> & { mappings: unknown }
    decoded.mappings = encodeMappings(decoded.mappings as ReadonlyArray<ReadonlyArray<readonly number[]>>)
    return { code, map: decoded as unknown as EncodedSourceMap }
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** One signed base-64 VLQ number. */
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

/** Decoded segments to the `mappings` string (what sourcemap-codec's encode writes). */
function encodeMappings(decoded: ReadonlyArray<ReadonlyArray<readonly number[]>>): string {
  let out = ''
  let sourcesIndex = 0
  let sourceLine = 0
  let sourceColumn = 0
  let namesIndex = 0
  for (let i = 0; i < decoded.length; i++) {
    const line = decoded[i]
    if (i > 0) out += ';'
    if (line.length === 0) continue
    let genColumn = 0
    for (let j = 0; j < line.length; j++) {
      const seg = line[j]
      if (j > 0) out += ','
      out += vlq(seg[0] - genColumn)
      genColumn = seg[0]
      if (seg.length === 1) continue
      out += vlq(seg[1] - sourcesIndex) + vlq(seg[2] - sourceLine) + vlq(seg[3] - sourceColumn)
      sourcesIndex = seg[1]
      sourceLine = seg[2]
      sourceColumn = seg[3]
      if (seg.length === 4) continue
      out += vlq(seg[4] - namesIndex)
      namesIndex = seg[4]
    }
  }
  return out
}
