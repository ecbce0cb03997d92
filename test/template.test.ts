// Template (run-time compilation): what it keeps for error reports. `code` is read back from
// V8's copy of the function source and the source map is made again on first use; both must
// be exactly what the compiler gives for the same source, options and starttime.
import { describe, expect, it } from 'vitest'
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping'
import { compile, Template, TemplateLookup } from '../src/index.js'
import { templateFrames } from '../src/exceptions.js'

const SOURCE = `<%def name="row(r)"><li>\${r.name | h}</li></%def>
<ul>
% for r in rows:
\${row(r)}
% endfor
</ul>
\${boom()}
`

describe('Template code and source map', () => {
  it('code is the compiler output for the same options and starttime, character for character', () => {
    for (const options of [{}, { async: true }, { defaultFilters: ['str'] }, { strictUndefined: true }]) {
      const t = new Template(SOURCE, { uri: '/list.mako', ...options })
      const expected = compile(SOURCE, { ...options, uri: '/list.mako', format: 'function', starttime: t.starttime })
      expect(t.code).toBe(expected.code)
      expect(t.sourceMap).toEqual(expected.map)
    }
  })

  it('code with quotes, backslashes, `) {` and non-ASCII text survives the round trip', () => {
    const src = 'a ) {\n<% const s = "x) {\\\\n\\u2028" %>${s} é 漢字 \\\n'
    const t = new Template(src, { uri: '/odd.mako' })
    expect(t.code).toBe(compile(src, { uri: '/odd.mako', format: 'function', starttime: t.starttime }).code)
    expect(t.render()).toContain('é 漢字')
  })

  it('the source map made on first use maps the failing line back to the template', () => {
    const t = new Template(SOURCE, { uri: '/list.mako' })
    let err: any
    try {
      t.render({ rows: [{ name: 'a' }], boom: () => { throw new Error('boom') } })
    } catch (e) {
      err = e
    }
    expect(err?.message).toBe('boom')
    const frame = templateFrames(err).find((f: any) => f.uri === '/list.mako')
    expect(frame?.line).toBe(7)
    // and the map is a real one: the `${boom()}` call's generated line maps to line 7
    const lines = t.code.split('\n')
    const at = lines.findIndex((l) => l.includes('boom()'))
    const pos = originalPositionFor(new TraceMap(t.sourceMap as any), { line: at + 1, column: lines[at].indexOf('boom') })
    expect(pos.line).toBe(7)
  })

  it('an explicit starttime is the template\'s (processes sharing a cache agree on it), and its map still matches', () => {
    const t = new Template(SOURCE, { uri: '/list.mako', starttime: 1_700_000_000_000 })
    expect(t.starttime).toBe(1_700_000_000_000)
    expect(t.sourceMap).toEqual(compile(SOURCE, { uri: '/list.mako', format: 'function', starttime: 1_700_000_000_000 }).map)
  })

  it('a lookup template keeps its lookup options for the map', () => {
    const lookup = new TemplateLookup({ defaultFilters: ['str'] })
    lookup.putString('/a.mako', SOURCE)
    const t = lookup.getTemplate('/a.mako') as Template
    expect(t.sourceMap).toEqual(compile(SOURCE, { uri: '/a.mako', defaultFilters: ['str'], format: 'function', starttime: t.starttime }).map)
  })
})
