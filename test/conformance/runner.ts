// The conformance suite's runner: every case through the public Node API (new
// TemplateLookup(options), putString(uri, text) for each template), rendered with
// getTemplate(uri).render(data) or, `via: 'stream'`, read whole from getTemplate(uri).stream(data)
// (SPEC 12: the chunks join to exactly what render() gives, errors included).
import { describe, it, expect, afterAll } from 'vitest'
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import * as api from '../../src/index.js'
import { TemplateLookup } from '../../src/index.js'
import type { Case } from './types.js'
import { areas } from './cases/index.js'
import { knownFailures } from './known-failures.js'

export type Via = 'render' | 'stream'

/** All of a stream's chunks, joined (each checked to be a string). */
export async function readAll(stream: ReadableStream<string>): Promise<string> {
  let out = ''
  for await (const chunk of stream as unknown as AsyncIterable<unknown>) {
    if (typeof chunk !== 'string') throw new TypeError(`a stream chunk is a ${typeof chunk}`)
    out += chunk
  }
  return out
}

/** A template whose render() and getDef(name).render() read its stream() instead (for cases with their own `run`). */
function streamed(t: any): any {
  return new Proxy(t, {
    get(target, key) {
      if (key === 'render') return (data?: Record<string, unknown>) => readAll(target.stream(data))
      if (key === 'getDef') {
        return (name: string) => {
          const def = target.getDef(name)
          return { ...def, render: (...args: unknown[]) => readAll(def.stream(...args)) }
        }
      }
      const v = Reflect.get(target, key, target)
      return typeof v === 'function' ? v.bind(target) : v
    },
  })
}

/** A lookup whose templates are read through stream() (async cases only: a sync `run` may need render()'s string at once). */
function streamedLookup(lookup: TemplateLookup): TemplateLookup {
  return new Proxy(lookup, {
    get(target, key) {
      if (key === 'getTemplate') return (uri: string) => streamed(target.getTemplate(uri))
      const v = Reflect.get(target, key, target)
      return typeof v === 'function' ? v.bind(target) : v
    },
  })
}

const tmpDirs: string[] = []

export function cleanUp(): void {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true })
}

export async function runCase(c: Case, via: Via = 'render'): Promise<string> {
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
  if (c.run) out = c.run(via === 'stream' && c.async ? streamedLookup(lookup) : lookup, { ...data, __tmp: tmp })
  else if (via === 'stream') out = readAll(lookup.getTemplate(c.entry ?? 'main.mako').stream(data))
  else out = lookup.getTemplate(c.entry ?? 'main.mako').render(data)
  if (c.async && via === 'render') {
    expect(out, 'async render returns a Promise').toBeInstanceOf(Promise)
  }
  return (await out) as string
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim()
}

/** The known-failure reason of a case (its own entry, or for a mirror the original's). */
function knownFailure(area: string, name: string): string | undefined {
  return knownFailures[`${area} / ${name}`] ?? (area === 'async-mirror' ? knownFailures[name] : undefined)
}

/** Every case as a test, rendered `via` render() or stream(). */
export function conformanceSuite(via: Via): void {
  afterAll(cleanUp)

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
            const got = await runCase(c, via)
            expect(typeof got).toBe('string')
            if (c.ws === 'collapse') expect(collapse(got)).toBe(collapse(exp))
            else expect(got).toBe(exp)
          } else {
            let err: any
            let got: unknown
            try {
              got = await runCase(c, via)
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
}
