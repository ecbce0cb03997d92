// Mako conformance suite: every case renders through the public Node API,
// new TemplateLookup(options).putString(uri, text) then getTemplate(uri).render(data).
import { describe, it, expect, afterAll } from 'vitest'
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import * as api from '../../src/index.js'
import { TemplateLookup } from '../../src/index.js'
import type { Case } from './types.js'
import { areas } from './cases/index.js'
import { knownFailures } from './known-failures.js'

const tmpDirs: string[] = []
afterAll(() => {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true })
})

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim()
}

async function runCase(c: Case): Promise<string> {
  let tmp = ''
  const sub = (s: string) => (tmp ? s.split('@TMP@').join(tmp) : s)
  if (c.files) {
    tmp = mkdtempSync(join(tmpdir(), 'mako-conf-'))
    tmpDirs.push(tmp)
    for (const [name, text] of Object.entries(c.files)) {
      const p = join(tmp, name)
      mkdirSync(dirname(p), { recursive: true })
      writeFileSync(p, sub(text))
    }
  }
  const subDeep = (v: unknown): unknown =>
    typeof v === 'string' ? sub(v) : Array.isArray(v) ? v.map(subDeep) : v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, subDeep(x)])) : v
  const options = subDeep({ ...(c.options ?? {}) }) as Record<string, unknown>
  if (c.async) options.async = true
  const lookup = new TemplateLookup(options as any)
  for (const [uri, text] of Object.entries(c.templates)) lookup.putString(uri, sub(text))
  const data = c.data ?? {}
  let out: unknown
  if (c.run) out = c.run(lookup, { ...data, __tmp: tmp })
  else out = lookup.getTemplate(c.entry ?? 'main.mako').render(data)
  if (c.async) {
    expect(out, 'async render returns a Promise').toBeInstanceOf(Promise)
  }
  return (await out) as string
}

/** The known-failure reason of a case (its own entry, or for a mirror the original's). */
function knownFailure(area: string, name: string): string | undefined {
  return knownFailures[`${area} / ${name}`] ?? (area === 'async-mirror' ? knownFailures[name] : undefined)
}

describe('known failures list', () => {
  it('names only cases that exist', () => {
    const ids = new Set(Object.entries(areas).flatMap(([area, cases]) => cases.map((c) => `${area} / ${c.name}`)))
    expect(Object.keys(knownFailures).filter((k) => !ids.has(k))).toEqual([])
  })
})

for (const [area, cases] of Object.entries(areas)) {
  describe(area, () => {
    for (const c of cases) {
      const known = knownFailure(area, c.name)
      // a known failure runs with it.fails: once it passes, remove it from known-failures.ts
      const test = known ? it.fails : it
      test(known ? `${c.name} [known failure: ${known}]` : c.name, async () => {
        const exp = c.expect
        if (typeof exp === 'string') {
          const got = await runCase(c)
          expect(typeof got).toBe('string')
          if (c.ws === 'collapse') expect(collapse(got)).toBe(collapse(exp))
          else expect(got).toBe(exp)
        } else {
          let err: any
          let got: unknown
          try {
            got = await runCase(c)
          } catch (e) {
            err = e
          }
          expect(err, `expected ${exp.error}, rendered ${JSON.stringify(got)}`).toBeDefined()
          const names = [err?.name, err?.constructor?.name]
          const want = Array.isArray(exp.error) ? exp.error : [exp.error]
          if (!want.includes('*')) {
            expect(want.some((w) => names.includes(w)), `error class ${names[0]} (message: ${err?.message}), want ${want.join('|')}`).toBe(true)
            // the package's own error classes must be the exported ones (instanceof works)
            const cls = want.map((w) => (api as Record<string, unknown>)[w]).filter((c): c is new (...a: any[]) => Error => typeof c === 'function')
            if (cls.length) expect(cls.some((C) => err instanceof C), `instanceof ${want.join('|')}`).toBe(true)
          }
          if (exp.message) expect(String(err.message)).toMatch(exp.message)
          if (exp.line !== undefined) expect(err.line, 'error line').toBe(exp.line)
          if (exp.column !== undefined) expect(err.column, 'error column').toBe(exp.column)
          if (exp.frame) expect(String(err.frame), 'error frame').toMatch(exp.frame)
          if (exp.uri !== undefined) expect(err.uri, 'error uri').toBe(exp.uri)
        }
      })
    }
  })
}
