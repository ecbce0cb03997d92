// Hardening (SPEC 9: "bad input never hangs the compiler"): random and mutated templates fed
// to compile(). Each input must compile, or throw TemplateSyntaxError/CompileError with a
// numeric line and column, within a time bound; never another error, never a hang. When it
// compiles, the generated code must parse as JavaScript (else the template would fail later,
// at load time, with an error that points at generated code).
//
// FUZZ_RUNS (default 10,000) and FUZZ_SEED reproduce a run. A hang is caught by a watchdog
// thread that prints the input being compiled and ends the process.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { Parser } from 'acorn'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compile, CompileError, NameConflictError, TemplateSyntaxError } from '../src/index.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000)
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined
/** per input: compile (module and function formats) and parse the output */
const TIME_BOUND_MS = Number(process.env.FUZZ_TIME_BOUND_MS ?? 200)
const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 10_000)

// ---------------------------------------------------------------------------------------
// seeds: real templates

const ROOT = join(import.meta.dirname, '..')

function makoFiles(dir: string, out: string[] = []): string[] {
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return out
  }
  for (const e of entries) {
    if (e === 'node_modules' || e.startsWith('.')) continue
    const p = join(dir, e)
    const st = statSync(p)
    if (st.isDirectory()) makoFiles(p, out)
    else if (e.endsWith('.mako')) out.push(p)
  }
  return out
}

const INLINE_SEEDS = [
  'hello ${name}!',
  '<%inherit file="/base.mako"/>\n<%namespace name="ui" file="/lib/ui.mako" import="*"/>\n<%! const heading = "Welcome" %>\n<%block name="title">Home</%block>\n<ul>\n% for item in items:\n  <li class="${loop.cycle(\'odd\', \'even\')}">${item.name | h, trim}</li>\n% endfor\n</ul>\n<%ui:card title="${heading}">${note}</%ui:card>\n',
  '<%def name="f(a, b = 1, ...rest)" buffered="True" filter="trim">\n% if a:\n  ${a + b}\n% elif b:\n  ${`t${b}`}\n% else:\n  none\n% endif\n</%def>\n${f(1)}\n',
  '<%page args="x, y = {a: 1}" expression_filter="h" cached="True" cache_timeout="30"/>\n<% const z = x ?? y.a %>\n% while z > 0:\n<% z-- %>\n% if z === 2:\n% break\n% endif\n% endwhile\n${z}\n',
  '% try:\n${risky()}\n% except e:\nfailed: ${e.message}\n% finally:\ndone\n% endtry\n',
  '<%text filter="h">${not} <% parsed %></%text>\n<%doc>\n a comment\n</%doc>\n## another\n%% literal\nline \\\ncontinued\n',
  '<%call expr="panel(\'News\')" args="col">body ${col}</%call>\n<%self:panel title="${heading}">x</%self:panel>\n<%def name="panel(title)"><div>${title}: ${caller.body()}</div></%def>\n',
  '<%include file="x.mako" args="a=1, b=x, ...more"/>\n<%namespace name="h2" module="./helpers.js"/>\n<%block>anon ${x | n}</%block>\n<%block name="b" args="q" cached="True" cache_key="${q}">${q}</%block>\n',
  '<%!\n  import { x } from "./x.js"\n  function deco(fn) { return (ctx, ...a) => fn(...a) }\n%>\n<%def name="g()" decorator="deco">g</%def>\n${capture(g)}\n<% return STOP_RENDERING %>\n',
  '% for [k, v] in Object.entries(obj):\n${k}=${v}${"|"}${a || b}${c |= 1}\n% endfor\n% for a, b in pairs:\n${a}${b}\n% endfor\n',
  '<%inherit file="${layout}"/>\n<%block name="header">\n${parent.header()}\n${next.body()}\n${self.attr.x}\n</%block>\n',
  'a\r\nb ${x}\r\n% if y:\r\nz\r\n% endif\r\n',
]

function loadSeeds(): string[] {
  const files = [
    ...makoFiles(join(ROOT, 'test')),
    ...makoFiles(join(ROOT, 'playground', 'src')),
  ]
  const seeds = new Set(INLINE_SEEDS)
  for (const f of files) {
    try {
      seeds.add(readFileSync(f, 'utf8'))
    } catch {
      /* gone */
    }
  }
  return [...seeds]
}

const SEEDS = loadSeeds()

// ---------------------------------------------------------------------------------------
// generators

/** pieces of Mako and JS syntax that lexers get wrong */
const TOKENS = [
  '${', '}', '{', '<%', '%>', '<%!', '</%def>', '<%def name="f()">', '<%def name="g(a, b = 1)">', '<%def name=f>', '</%block>',
  '<%block name="b">', '<%block>', '<%call expr="f()">', '</%call>', '<%self:f>', '</%self:f>', '<%ns:x a="${1}"/>', '/>', '>',
  '<%page args="a"/>', '<%include file="x.mako"/>', '<%inherit file="${x}"/>', '<%namespace name="n" file="x.mako"/>',
  '<%text>', '</%text>', '<%doc>', '</%doc>', '% if x:', '% elif y:', '% else:', '% endif', '% for x in y:', '% endfor',
  '% while z:', '% endwhile', '% try:', '% except e:', '% finally:', '% endtry', '% break', '% continue', '% with a as b:',
  '%%', '%', '##', '#', '\\', '\\\n', '\n', '\r\n', '\r', ' ', '  ', '\t', ':', '|', '||', '|=', ' | h', ' | n, trim',
  "'", '"', '`', '${`', '`}', '/*', '*/', '//', '(', ')', '[', ']', '=', '...', '=>', 'await ', 'yield ', 'return ', 'function',
  'x', 'loop', 'context', 'UNDEFINED', 'caller.body()', 'next.body()', '\0', '\u2028', '\uFEFF', '\uD800', 'é', '😀', '</', '<',
  'name="', 'file="', 'args="', 'expr="', 'filter="', 'cached="True"', 'buffered="True"', 'decorator="d"', 'import="*"',
]

const tokenArb = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
)

/** a template made of random pieces */
const randomTemplate = fc.array(tokenArb, { maxLength: 60 }).map((parts) => parts.join(''))

type Mutation =
  | { op: 'insert'; at: number; token: string }
  | { op: 'delete'; at: number; len: number }
  | { op: 'duplicate'; at: number; len: number; to: number }
  | { op: 'move'; at: number; len: number; to: number }
  | { op: 'truncate'; at: number }
  | { op: 'swap'; from: string; to: string }

const pos = fc.nat({ max: 1_000_000 })
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at: pos, token: tokenArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: pos, len: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: pos, len: fc.integer({ min: 1, max: 40 }), to: pos }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('move' as const), at: pos, len: fc.integer({ min: 1, max: 40 }), to: pos }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: pos }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swap' as const), from: fc.constantFrom(...TOKENS), to: tokenArb }) },
)

function applyMutation(src: string, m: Mutation): string {
  const n = src.length
  const at = n ? m.op === 'swap' ? 0 : (m as { at: number }).at % (n + 1) : 0
  switch (m.op) {
    case 'insert':
      return src.slice(0, at) + m.token + src.slice(at)
    case 'delete':
      return src.slice(0, at) + src.slice(at + m.len)
    case 'duplicate': {
      const chunk = src.slice(at, at + m.len)
      const to = m.to % (n + 1)
      return src.slice(0, to) + chunk + src.slice(to)
    }
    case 'move': {
      const chunk = src.slice(at, at + m.len)
      const rest = src.slice(0, at) + src.slice(at + m.len)
      const to = m.to % (rest.length + 1)
      return rest.slice(0, to) + chunk + rest.slice(to)
    }
    case 'truncate':
      return src.slice(0, at)
    case 'swap': {
      const i = src.indexOf(m.from)
      return i < 0 ? src : src.slice(0, i) + m.to + src.slice(i + m.from.length)
    }
  }
}

const mutatedTemplate = fc
  .tuple(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 8 }))
  .map(([i, ms]) => ms.reduce(applyMutation, SEEDS[i]))

/** two seeds spliced together at random points */
const splicedTemplate = fc
  .tuple(fc.nat({ max: SEEDS.length - 1 }), fc.nat({ max: SEEDS.length - 1 }), pos, pos)
  .map(([a, b, i, j]) => SEEDS[a].slice(0, i % (SEEDS[a].length + 1)) + SEEDS[b].slice(j % (SEEDS[b].length + 1)))

const templateArb = fc.oneof(
  { weight: 2, arbitrary: randomTemplate },
  { weight: 5, arbitrary: mutatedTemplate },
  { weight: 1, arbitrary: splicedTemplate },
)

const optionsArb = fc.record({
  async: fc.boolean(),
  strictUndefined: fc.boolean(),
  enableLoop: fc.boolean(),
})

// ---------------------------------------------------------------------------------------
// the check

interface Outcome {
  kind: 'ok' | 'syntax' | 'compile' | 'internal' | 'other' | 'bad-output' | 'slow'
  detail?: string
  ms: number
}

const stats = { inputs: 0, ok: 0, syntax: 0, compile: 0, ms: 0, maxMs: 0, maxInput: '' }

/** compile in both formats; the output must parse as JavaScript (NameConflictError counts as a compile error) */
function check(src: string, options: { async: boolean; strictUndefined: boolean; enableLoop: boolean }): Outcome {
  const t0 = performance.now()
  let kind: Outcome['kind'] = 'ok'
  let detail: string | undefined
  try {
    const mod = compile(src, { ...options, uri: 'fuzz.mako', starttime: 0 })
    try {
      Parser.parse(mod.code, { ecmaVersion: 'latest', sourceType: 'module' })
    } catch (e) {
      kind = 'bad-output'
      detail = `module output does not parse: ${(e as Error).message}`
    }
    if (kind === 'ok') {
      const fn = compile(src, { ...options, uri: 'fuzz.mako', starttime: 0, format: 'function' })
      try {
        // parse only, never run: the body of Template's `new Function('__M', '__M_require', code)`
        Parser.parse(`(function (__M, __M_require) {\n${fn.code}\n})`, { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: false })
      } catch (e) {
        kind = 'bad-output'
        detail = `function output does not parse: ${(e as Error).message}`
      }
    }
  } catch (e) {
    const err = e as Partial<TemplateSyntaxError>
    if (e instanceof CompileError && err.code === 'internal') {
      kind = 'internal'
      detail = `${err.message}\n${((e as { cause?: Error }).cause)?.stack ?? ''}`
    } else if (e instanceof TemplateSyntaxError || e instanceof NameConflictError) {
      // NameConflictError: a reserved name declared in the template, a compile error as in Mako
      if (typeof err.line !== 'number' || typeof err.column !== 'number' || !Number.isFinite(err.line) || !Number.isFinite(err.column) || err.line < 1 || err.column < 0) {
        kind = 'other'
        detail = `${err.name} without a numeric line/column: line=${String(err.line)} column=${String(err.column)}: ${err.message}`
      } else kind = e instanceof CompileError ? 'compile' : 'syntax'
    } else {
      kind = 'other'
      detail = `${(e as Error)?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack ?? ''}`
    }
  }
  const ms = performance.now() - t0
  if (kind !== 'other' && kind !== 'internal' && kind !== 'bad-output' && ms > TIME_BOUND_MS) {
    // measure again: a GC pause or a cold JIT is not a slow compiler
    const t1 = performance.now()
    try {
      compile(src, { ...options, uri: 'fuzz.mako', starttime: 0 })
    } catch {
      /* measured above */
    }
    const again = performance.now() - t1
    if (again > TIME_BOUND_MS) return { kind: 'slow', detail: `${again.toFixed(0)}ms (bound ${TIME_BOUND_MS}ms)`, ms }
  }
  return { kind, detail, ms }
}

// ---------------------------------------------------------------------------------------
// watchdog: a compile that never returns blocks this thread, so another one watches it

let shared: Int32Array
let inputBuf: Uint8Array
let watchdog: Worker | undefined
const encoder = new TextEncoder()

beforeAll(() => {
  const sab = new SharedArrayBuffer(8 + 64 * 1024)
  shared = new Int32Array(sab, 0, 2)
  inputBuf = new Uint8Array(sab, 8)
  watchdog = new Worker(
    `
    const { workerData } = require('node:worker_threads')
    const shared = new Int32Array(workerData.sab, 0, 2)
    const input = new Uint8Array(workerData.sab, 8)
    let last = -1, since = Date.now()
    setInterval(() => {
      const n = Atomics.load(shared, 0)
      if (n !== last || Atomics.load(shared, 1) === 0) { last = n; since = Date.now(); return }
      if (Date.now() - since > workerData.hangMs) {
        const len = input.indexOf(0) < 0 ? input.length : input.indexOf(0)
        const text = Buffer.from(input.subarray(0, len)).toString('utf8')
        // the main thread is stuck: write to fd 2 and a file directly, then end the process
        // (process.exit in a worker would only end the worker)
        const fs = require('node:fs')
        const msg = '\\n[fuzz] compile() did not return within ' + workerData.hangMs + 'ms for input ' + JSON.stringify(text) + '\\n'
        try { fs.writeFileSync(workerData.hangFile, text) } catch {}
        fs.writeSync(2, msg + '[fuzz] the input is in ' + workerData.hangFile + '\\n')
        process.kill(process.pid, 'SIGKILL')
      }
    }, 250)
    `,
    { eval: true, workerData: { sab, hangMs: HANG_MS, hangFile: join(tmpdir(), `mako-fuzz-hang-${process.pid}.txt`) } },
  )
  watchdog.unref()
})

afterAll(async () => {
  await watchdog?.terminate()
  const avg = stats.inputs ? stats.ms / stats.inputs : 0
  console.log(
    `[fuzz] ${stats.inputs} inputs: ${stats.ok} compiled, ${stats.syntax} TemplateSyntaxError, ${stats.compile} CompileError; ` +
      `compile+parse ${stats.ms.toFixed(0)}ms total, avg ${avg.toFixed(2)}ms, max ${stats.maxMs.toFixed(1)}ms`,
  )
})

function guarded(src: string, options: { async: boolean; strictUndefined: boolean; enableLoop: boolean }): Outcome {
  const bytes = encoder.encode(src.slice(0, 16_000))
  const n = Math.min(bytes.length, inputBuf.length - 1)
  inputBuf.set(bytes.subarray(0, n))
  inputBuf[n] = 0
  Atomics.store(shared, 1, 1)
  Atomics.add(shared, 0, 1)
  try {
    return check(src, options)
  } finally {
    Atomics.store(shared, 1, 0)
  }
}

/** distinct failures of the fuzz run: signature -> the shortest input that shows it */
const failures = new Map<string, { src: string; options: object; message: string; count: number }>()

function signature(o: Outcome): string {
  const first = (o.detail ?? '').split('\n')[0]
  return `${o.kind}: ${first.replace(/'[^']*'|"[^"]*"/g, 'Q').replace(/\d+/g, 'N')}`
}

/** one input: counted, and a failure remembered (the property goes on to find other kinds) */
function record(src: string, options: { async: boolean; strictUndefined: boolean; enableLoop: boolean }): Outcome {
  const o = guarded(src, options)
  stats.inputs++
  stats.ms += o.ms
  if (o.ms > stats.maxMs) {
    stats.maxMs = o.ms
    stats.maxInput = src
  }
  if (o.kind === 'ok') stats.ok++
  else if (o.kind === 'syntax') stats.syntax++
  else if (o.kind === 'compile') stats.compile++
  else {
    const sig = signature(o)
    const prev = failures.get(sig)
    const message = `${o.kind} for ${JSON.stringify(src)} with ${JSON.stringify(options)}: ${o.detail}`
    if (!prev || src.length < prev.src.length) failures.set(sig, { src, options, message, count: (prev?.count ?? 0) + 1 })
    else prev.count++
  }
  return o
}

function assertOutcome(src: string, options: { async: boolean; strictUndefined: boolean; enableLoop: boolean }): void {
  const o = record(src, options)
  if (o.kind !== 'ok' && o.kind !== 'syntax' && o.kind !== 'compile') throw new Error(`${o.kind} for ${JSON.stringify(src)} with ${JSON.stringify(options)}: ${o.detail}`)
}

describe('compiler robustness (fuzz)', () => {
  it(`${RUNS} random and mutated templates: compiled, or TemplateSyntaxError/CompileError with a position, each within ${TIME_BOUND_MS}ms`, () => {
    expect(SEEDS.length).toBeGreaterThan(10)
    failures.clear()
    const before = stats.inputs
    fc.assert(
      fc.property(templateArb, optionsArb, (src, options) => {
        record(src, options)
      }),
      { numRuns: RUNS, seed: SEED },
    )
    expect(stats.inputs - before).toBe(RUNS)
    const report = [...failures.entries()].map(([sig, f]) => `${sig} (${f.count}x)\n  shortest: ${f.message}`)
    expect(report, `distinct failures:\n${report.join('\n')}`).toEqual([])
  }, 240_000)

  it('every seed compiles as it is (the mutations start from valid templates)', () => {
    let failures = 0
    for (const s of SEEDS) {
      try {
        compile(s, { uri: 'seed.mako' })
      } catch {
        failures++
      }
    }
    // a few seeds are error fixtures on purpose; most must be valid
    expect(failures).toBeLessThan(SEEDS.length / 2)
  })
})

// Inputs found by this fuzzer or by hand that once failed. Each is a normal test: a failure
// here is a compiler bug to fix (not an expected failure).
const REGRESSIONS: { name: string; src: string; options?: Partial<{ async: boolean; strictUndefined: boolean; enableLoop: boolean }> }[] = [
  { name: 'lone ${', src: '${' },
  { name: 'top-level await in module code', src: '<%! const answer = await 42 %>${answer}', options: { async: true } },
  { name: 'line comment in a filter attribute', src: '<%text filter="h//">x</%text><%def name="f()" filter="trim // c">y</%def>${f()}', options: { async: true } },
  { name: 'lone <%', src: '<%' },
  { name: 'unterminated template literal in ${}', src: '${`' },
  { name: 'template literal with ${ left open', src: '${`${`}' },
  { name: 'nested unclosed tags', src: '<%def name="f()"><%block name="b"><%call expr="f()">' },
  { name: 'closing tags only', src: '</%def></%block></%call></%text>' },
  { name: 'control line of only %', src: '%\n%\n% \n' },
  { name: 'backslash at the end of the file', src: 'a\\' },
  { name: 'control line continued at the end of the file', src: '% if x:\\' },
  { name: 'NUL and lone surrogate', src: '${"\0"}\uD800<%\0%>' },
  { name: 'line and paragraph separators in code', src: '<% const a = 1\u2028const b = 2 %>${a\u2029+ b}' },
  { name: 'BOM at the start', src: '\uFEFF<%page args="a"/>${a}' },
  { name: 'CR-only line endings with control lines', src: '% if x:\rA\r% endif\r' },
  { name: 'def name without parens and with junk', src: '<%def name="f(">x</%def>' },
  { name: '% with is a CompileError', src: '% with a as b:\n% endwith\n' },
  { name: 'await in a sync control line', src: '% if await x:\n% endif\n' },
  { name: 'very deep nesting', src: '% if x:\n'.repeat(300) + '% endif\n'.repeat(300) },
  { name: 'many unclosed ${ (quadratic?)', src: '${'.repeat(3000) },
  { name: 'many unclosed <% (quadratic?)', src: '<%'.repeat(3000) },
  { name: 'many quotes in an attribute', src: '<%def name="' + '"'.repeat(3000) },
  { name: 'long run of % lines', src: '% if x:\n'.repeat(2000) },
  // found by this fuzzer (compile() returns code that does not parse: the template fails at load
  // time with a SyntaxError pointing into generated code instead of a TemplateSyntaxError)
  { name: 'the same const in two <% %> blocks', src: '<% const u = 1 %>\n<% const u = 2 %>\n' },
  { name: 'the same const in two <%! %> blocks', src: '<%! const a = 1 %>\n<%! const a = 2 %>\n' },
  { name: 'a sequence expression in ${} (async)', src: '${a, b}', options: { async: true } },
  { name: 'a sequence expression before a filter (async)', src: '${user | n, trim.name | trim}', options: { async: true } },
  { name: 'decorator that is not an expression', src: '<%def name="g()" decorator="a b">g</%def>' },
  { name: 'decorator with a closing parenthesis', src: '<%def name="g()" decorator=")">g</%def>' },
  { name: 'decorator of a nested def that is not an expression', src: '<%def name="o()"><%def name="g()" decorator="1 +">g</%def>${g()}</%def>' },
  // a `//` comment at the end of a JavaScript fragment swallows the rest of the generated line
  { name: '// comment in a def signature', src: '<%def name="f(a//x)">y</%def>' },
  { name: '// comment in a control line condition', src: '% if a //c:\n% endif\n' },
  { name: '// comment in a for iterable', src: '% for x in y //c:\n% endfor\n' },
  { name: '// comment in a call expr', src: '<%call expr="f() //x">y</%call>' },
  { name: '// comment in include args', src: '<%include file="x.mako" args="a=1 //c"/>' },
  { name: '// comment after a filter', src: '${x | h //c\n}' },
  // reserved words where the generated code needs an identifier
  { name: 'a reserved word as the except binding', src: '% try:\n% except finally:\n% endtry\n' },
  { name: 'include args item that is not name=expr', src: '<%include file="x.mako" args="a.b"/>' },
  { name: 'reserved name as a def parameter is a NameConflictError with a position', src: '<%def name="g(context)">g</%def>' },
  { name: 'a reserved word as a nested def name', src: '<%def name="o()"><%def name="this()">x</%def></%def>' },
  { name: 'a reserved word as a custom tag namespace', src: '<%in:herit file="/layout.mako"/>\n' },
]

describe('compiler robustness (regressions)', () => {
  for (const r of REGRESSIONS) {
    it(r.name, () => {
      for (const async of [false, true]) assertOutcome(r.src, { async, strictUndefined: false, enableLoop: true, ...r.options })
    })
  }
})
