// Indented JS output with a source mapping at each line that comes from the template.
import { GenMapping, addSegment, setSourceContent, toEncodedMap, type EncodedSourceMap } from '@jridgewell/gen-mapping'
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
    return { code, map: toEncodedMap(map) }
  }
}
