// The benchmark's own guarantees: every engine renders every case exactly as the
// hand-written function does (the gate before timing), and the profile summary
// attributes time to the right kinds of code.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
// @ts-expect-error plain JS bench modules
import { CASES, compareOutput } from '../../bench/lib/cases.js'
// @ts-expect-error plain JS bench modules
import { ENGINES, ENTRIES, loadEngine } from '../../bench/lib/engines.js'
// @ts-expect-error plain JS bench modules
import { kindOf, summarise } from '../../bench/profile.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

describe('render cases: every engine writes the hand-written output', () => {
  for (const c of CASES) {
    for (const e of ENGINES) {
      it(`${c.id}: ${e.id}`, async () => {
        const engine = await loadEngine(e.id)
        expect(engine.unavailable ?? null).toBeNull()
        const render = engine.prepare(c.dir, ENTRIES[c.id][e.id], e.id === 'ours' ? c.oursOptions : undefined)
        expect(compareOutput(c.hand(c.data), render(c.data), e.id, c.quotes)).toBeNull()
      })
    }
    it(`${c.id}: ours in async mode`, async () => {
      const engine = await loadEngine('ours')
      const render = engine.prepareAsync(c.dir, ENTRIES[c.id].ours, c.oursOptions)
      expect(compareOutput(c.hand(c.data), await render(c.data), 'ours', c.quotes)).toBeNull()
    })
  }

  it('a wrong output is caught, with where it differs', () => {
    const c = CASES[0]
    const expected = c.hand(c.data)
    const diff = compareOutput(expected, expected.replace('&amp;', '&'), 'ours')
    expect(diff).not.toBeNull()
    expect(diff.line).toBeGreaterThan(1)
    expect(compareOutput(expected, expected.replace(/>\n</g, '><'), 'pug')).toBeNull()
    expect(compareOutput(expected, expected.replace(/>\n</g, '><'), 'eta')).not.toBeNull()
  })
})

describe('profile summary', () => {
  const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0, columnNumber: 0, scriptId: '0' })

  it('sorts code by kind: template, runtime, compiler, packages, GC', () => {
    expect(kindOf(frame('__M_render_body', 'mako:/page.mako'))).toBe('template code')
    expect(kindOf(frame('render', `file://${ROOT}dist/runtime/template.js`))).toBe('our runtime')
    expect(kindOf(frame('parse', `file://${ROOT}dist/compiler/lexer.js`))).toBe('our compiler')
    expect(kindOf(frame('x', `file://${ROOT}node_modules/@jridgewell/gen-mapping/dist/gen-mapping.mjs`))).toBe('package @jridgewell/gen-mapping')
    expect(kindOf(frame('(garbage collector)'))).toBe('GC')
    expect(kindOf(frame('RegExp: [&<>"\']'))).toBe('V8 builtins / node')
  })

  it('adds self time per function from the samples and leaves idle out', () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)') },
        { id: 2, callFrame: frame('__M_render_body', 'mako:/a.mako') },
        { id: 3, callFrame: frame('escapeString', `file://${ROOT}dist/runtime/filters.js`) },
        { id: 4, callFrame: frame('(idle)') },
      ],
      samples: [2, 3, 3, 2, 3, 4],
      timeDeltas: [0, 10, 10, 10, 10, 10],
    }
    const s = summarise(profile)
    // each sample stands for the delta that follows it (the last for the interval, 50 µs)
    expect(s.totalUs).toBe(10 + 10 + 10 + 10 + 10)
    expect(s.kinds).toEqual([{ kind: 'our runtime', us: 30 }, { kind: 'template code', us: 20 }])
    expect(s.functions[0].key).toMatch(/^escapeString  dist\/runtime\/filters\.js:1$/)
  })

  it('profiles a real render of ours under node --cpu-prof', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'profile.js'), '--case=escaped-list', '--seconds=0.3', '--json'], { encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    const p = JSON.parse(r.stdout)
    expect(p.calls).toBeGreaterThan(100)
    const kinds = p.kinds.map((k: { kind: string }) => k.kind)
    expect(kinds).toContain('template code')
    expect(kinds).toContain('our runtime')
    expect(p.escapeShare).toBeGreaterThan(0)
    expect(p.escapeShare).toBeLessThan(1)
  }, 60_000)
})
