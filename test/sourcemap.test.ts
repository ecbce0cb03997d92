// Source maps lead from generated lines back to the template's lines.
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping'
import { describe, expect, it } from 'vitest'
import { compile } from '../src/index.js'

describe('source maps', () => {
  it('maps each generated statement of user code to its template line', () => {
    const src = 'line one\n<% const a = 1 %>\n% if a:\n  ${a + 1}\n% endif\n<%def name="f()">${b}</%def>'
    const { code, map } = compile(src, { filename: 'x.mako' })
    expect(map).toBeTruthy()
    const tm = new TraceMap(map as never)
    const lines = code.split('\n')
    const origin = (needle: string) => {
      const i = lines.findIndex((l) => l.includes(needle))
      expect(i, needle).toBeGreaterThanOrEqual(0)
      const col = lines[i].length - lines[i].trimStart().length
      return originalPositionFor(tm, { line: i + 1, column: col })
    }
    expect(origin('const a = 1')).toMatchObject({ source: 'x.mako', line: 2 })
    expect(origin('if (a)')).toMatchObject({ line: 3 })
    expect(origin('function __M_def_f')).toMatchObject({ line: 6 })
    expect(map!.sourcesContent?.[0]).toBe(src)
  })
})
