// Template: a template compiled at run time (Mako's mako.template.Template).
import { createRequire } from 'node:module'
import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { dirname, join, resolve } from 'node:path'
import { compile, type TemplateOptions } from './compiler/index.js'
import * as runtime from './runtime/index.js'
import { MakoTemplate, type TemplateDefinition } from './runtime/template.js'
import type { Lookup } from './runtime/context.js'

export interface TemplateConstructorOptions extends TemplateOptions {
  uri?: string
  filename?: string
  lookup?: Lookup
  /** keep the compiled code on disk and reuse it while the source is unchanged */
  moduleDirectory?: string
}

const RUNTIME: Record<string, unknown> = { ...runtime }
let mainEntry: Record<string, unknown> | undefined

/** Give the main entry to templates that import 'vite-plugin-mako' (set by src/index.ts). */
export function _setMainEntry(m: Record<string, unknown>): void {
  mainEntry = m
}

const PLACEHOLDER: TemplateDefinition = {
  uri: '', starttime: 0, digest: '', async: false, body: () => '', defs: {}, params: {}, blocks: [], reserved: [],
}

function requireFor(filename: string | undefined): (spec: string) => unknown {
  const base = filename ? resolve(filename) : join(process.cwd(), 'noop.js')
  const req = createRequire(base)
  return (spec: string) => {
    if (spec === 'vite-plugin-mako/runtime') return runtime
    if (spec === 'vite-plugin-mako') return mainEntry ?? runtime
    return req(spec)
  }
}

function moduleFile(dir: string, uri: string): string {
  const safe = uri.replace(/^\/+/, '').replace(/\.\.(\/|\\)/g, '__/').replace(/[^\w./-]/g, '_')
  return join(dir, safe + '.js')
}

/** The code of `text` compiled in function format, from moduleDirectory when still current. */
function compiledCode(text: string, options: TemplateConstructorOptions & { uri: string }): { code: string; map: unknown; reused: boolean } {
  const { moduleDirectory, lookup: _l, ...compileOptions } = options
  void _l
  const stamp = moduleDirectory
    ? createHash('sha256').update(text).update('\0' + JSON.stringify(compileOptions, (_k, v) => (typeof v === 'function' ? String(v) : v))).digest('hex').slice(0, 24)
    : ''
  const file = moduleDirectory ? moduleFile(moduleDirectory, options.uri) : ''
  if (moduleDirectory) {
    try {
      const existing = readFileSync(file, 'utf8')
      const nl = existing.indexOf('\n')
      if (existing.slice(0, nl) === `// mako:${stamp}`) {
        const body = existing.slice(nl + 1)
        const mapAt = body.lastIndexOf('\n//# mako-map:')
        return { code: mapAt < 0 ? body : body.slice(0, mapAt + 1), map: mapAt < 0 ? null : JSON.parse(body.slice(mapAt + '\n//# mako-map:'.length)), reused: true }
      }
    } catch {
      /* not there yet */
    }
  }
  const { code, map } = compile(text, { ...compileOptions, format: 'function' })
  if (moduleDirectory) {
    mkdirSync(dirname(file), { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, `// mako:${stamp}\n${code}//# mako-map:${JSON.stringify(map)}\n`)
    renameSync(tmp, file)
  }
  return { code, map, reused: false }
}

let counter = 0

/** Live run-time templates by uri, so error reports can map `mako:<uri>` stack frames. */
export const templatesByUri = new Map<string, WeakRef<Template>>()

export class Template extends MakoTemplate {
  /** the source text */
  readonly source: string
  /** true when the compiled code came from moduleDirectory instead of the compiler */
  readonly fromModuleDirectory: boolean
  /** the generated code and its source map back to the template (for error reports) */
  readonly code: string
  readonly sourceMap: unknown
  /** stack frames of this template's code are named `mako:<uri>`; their line numbers are
   * the generated code's plus this offset (the `new Function` header) */
  static readonly CODE_LINE_OFFSET = 2

  constructor(text: string, options: TemplateConstructorOptions = {}) {
    super(PLACEHOLDER)
    const uri = options.uri ?? options.filename ?? `memory:${++counter}`
    this.source = text
    const { code, map, reused } = compiledCode(text, { ...options, uri })
    this.fromModuleDirectory = reused
    this.code = code
    this.sourceMap = map
    templatesByUri.set(uri, new WeakRef(this))
    // the runtime with this template's defineTemplate: one own property over the shared
    // object (a copy of every export cost ~1 KB per template)
    const rt = Object.create(RUNTIME) as Record<string, unknown>
    rt.defineTemplate = (def: TemplateDefinition) => (def.checkCache?.(def), this._assignDefinition(def), this)
    const factory = new Function('__M', '__M_require', `${code}\n//# sourceURL=mako:${uri}`)
    factory(rt, requireFor(options.filename))
    if (options.lookup) this.lookup = options.lookup
  }
}
