// The compiler -> runtime contract (src/runtime/api.ts): generated code uses only the runtime
// names GENERATED_CODE_API lists, the runtime exports each of them, and every definition a
// compiled template hands to defineTemplate has the fields TemplateDefinition declares, with
// values of the declared kinds. The corpus: every conformance case's templates and the
// codegen fixtures, in module and function format, sync and async.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { compile } from '../src/compiler/index.js'
import { BUILTIN_FILTERS } from '../src/compiler/nodes.js'
import * as runtime from '../src/runtime/index.js'
import { GENERATED_CODE_API, TEMPLATE_DEFINITION_FIELDS } from '../src/runtime/api.js'
import type { TemplateDefinition } from '../src/runtime/template.js'
import { areas } from './conformance/cases/index.js'

interface Source { uri: string; text: string; options: Record<string, unknown> }

function corpus(): Source[] {
  const out: Source[] = []
  // the hand-written and ported areas (the generated ones repeat their shapes), each
  // template once per options; the async mirror gives each sync case's async compile
  const seen = new Set<string>()
  for (const [area, cases] of Object.entries(areas)) {
    if (area.startsWith('generated')) continue
    for (const c of cases) {
      for (const [uri, text] of Object.entries(c.templates)) {
        const options = { ...c.options, ...(c.async ? { async: true } : {}) }
        const key = `${JSON.stringify(options)}\0${text}`
        if (seen.has(key)) continue
        seen.add(key)
        out.push({ uri: `${c.name}/${uri}`, text, options })
      }
    }
  }
  const root = join(__dirname, 'codegen')
  for (const name of readdirSync(root)) {
    const optionsFile = join(root, name, 'options.json')
    out.push({ uri: `${name}.mako`, text: readFileSync(join(root, name, 'input.mako'), 'utf8'), options: existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {} })
  }
  return out
}

const codes = new Map<string, string | undefined>()
/** Compiles what compiles (the corpus has error cases) with the options that change code; once per source and format. */
function compiled(s: Source, format: 'module' | 'function'): string | undefined {
  const key = `${format}\0${s.uri}\0${JSON.stringify(s.options)}\0${s.text}`
  if (!codes.has(key)) codes.set(key, compileOnce(s, format))
  return codes.get(key)
}

function compileOnce(s: Source, format: 'module' | 'function'): string | undefined {
  const { async, imports, strictUndefined, defaultFilters, default_filters, bufferFilters, enableLoop, enable_loop, cacheImpl, cacheArgs, cacheRegions } = s.options as Record<string, never>
  try {
    return compile(s.text, {
      uri: s.uri, format, async, imports, strictUndefined, defaultFilters: defaultFilters ?? default_filters, bufferFilters,
      enableLoop: enableLoop ?? enable_loop, cacheImpl, cacheArgs, cacheRegions,
    } as never).code
  } catch {
    return undefined
  }
}

const SOURCES = corpus()
const allowed = new Set<string>(GENERATED_CODE_API)

it('generated code uses only the runtime names of GENERATED_CODE_API', () => {
  const used = new Map<string, string>()
  let n = 0
  for (const s of SOURCES) {
    for (const format of ['module', 'function'] as const) {
      const code = compiled(s, format)
      if (code === undefined) continue
      n++
      for (const m of code.matchAll(/\b__M\.([A-Za-z_$][\w$]*)/g)) if (!used.has(m[1])) used.set(m[1], s.uri)
    }
  }
  expect(n).toBeGreaterThan(500)
  expect([...used].filter(([name]) => !allowed.has(name))).toEqual([])
  // the corpus reaches most of the list (a name no template reaches is likely stale)
  expect(used.size).toBeGreaterThanOrEqual(GENERATED_CODE_API.length - 6)
})

it("lists exactly the names the compiler's source can emit, and the runtime exports each", () => {
  const dir = join(__dirname, '..', 'src', 'compiler')
  const emitted = new Set<string>(Object.values(BUILTIN_FILTERS).filter((f) => f !== 'n'))
  // (the folder and its subfolders: codegen/)
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    if (!f.endsWith('.ts')) continue
    // (`__M.${builtin}` is a filter of BUILTIN_FILTERS)
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/\b__M\.([A-Za-z_][\w$]*)/g)) emitted.add(m[1])
  }
  expect([...emitted].sort()).toEqual([...allowed].sort())
  const exports = runtime as Record<string, unknown>
  for (const name of GENERATED_CODE_API) expect(name in exports, name).toBe(true)
})

function kindOf(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v
}

it('hands defineTemplate a definition of the declared fields and kinds', () => {
  const fields = TEMPLATE_DEFINITION_FIELDS as Record<string, string>
  const required = Object.entries(fields).filter(([, k]) => !k.endsWith('?')).map(([f]) => f)
  const seen = new Set<string>()
  let n = 0
  for (const s of SOURCES) {
    const code = compiled(s, 'function')
    if (code === undefined) continue
    let def: TemplateDefinition | undefined
    const rt: Record<string, unknown> = { ...runtime }
    rt.defineTemplate = (d: TemplateDefinition) => ((def = d), new runtime.MakoTemplate(d))
    try {
      new Function('__M', '__M_require', code)(rt, () => ({}))
    } catch {
      continue // a template whose module code throws at load (imports a missing module, an error case)
    }
    expect(def, s.uri).toBeDefined()
    n++
    const d = def as unknown as Record<string, unknown>
    for (const f of required) expect(f in d, `${s.uri}: ${f}`).toBe(true)
    for (const [f, v] of Object.entries(d)) {
      expect(fields[f], `${s.uri}: unknown field ${f}`).toBeDefined()
      seen.add(f)
      if (v === undefined && fields[f].endsWith('?')) continue
      const kinds = fields[f].replace('?', '').split('|')
      expect(kinds, `${s.uri}: ${f} is a ${kindOf(v)}`).toContain(kindOf(v))
    }
    expect(d.uri).toBe(s.uri)
    for (const fn of Object.values(d.defs as object)) expect(typeof fn).toBe('function')
  }
  expect(n).toBeGreaterThan(300)
  // fields the runtime sets itself are never generated (lookup, deps: plugin or Template)
  expect([...seen].sort()).toEqual(expect.arrayContaining(['attr', 'blocks', 'body', 'defs', 'digest', 'namespaces', 'params', 'reserved', 'starttime', 'uri']))
})
