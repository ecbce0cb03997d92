// Offsets to line/column and code frames; one Locator per source text.

export class Locator {
  private lineStarts: number[] | undefined
  /** the line of the last look-up (0-based) */
  private last = 0
  constructor(readonly source: string) {}

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0]
      const s = this.source
      for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) starts.push(i + 1)
      this.lineStarts = starts
    }
    return this.lineStarts
  }

  /** line is 1-based, column 0-based (Rollup's loc format). */
  locate(offset: number): { line: number; column: number } {
    const starts = this.starts()
    // most look-ups are near the one before (the printer's mappings go down the template)
    const near = this.last
    if (offset >= starts[near] && (near + 1 >= starts.length || offset < starts[near + 1])) return { line: near + 1, column: offset - starts[near] }
    if (near + 2 < starts.length && offset >= starts[near + 1] && offset < starts[near + 2]) {
      this.last = near + 1
      return { line: near + 2, column: offset - starts[near + 1] }
    }
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid] <= offset) lo = mid
      else hi = mid - 1
    }
    this.last = lo
    return { line: lo + 1, column: offset - starts[lo] }
  }

  /** Vite's frame form: ` N | code` with a caret under the column. */
  frame(offset: number, context = 2): string {
    const { line, column } = this.locate(offset)
    const lines = this.source.split(/\r?\n/)
    const first = Math.max(1, line - context)
    const last = Math.min(lines.length, line + context)
    const width = String(last).length
    const out: string[] = []
    for (let n = first; n <= last; n++) {
      const text = lines[n - 1] ?? ''
      out.push(`${String(n).padStart(width)} | ${text}`)
      if (n === line) out.push(`${' '.repeat(width)} | ${' '.repeat(Math.min(column, text.length))}^`)
    }
    return out.join('\n')
  }
}
