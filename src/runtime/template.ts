// The template object a compiled module default-exports, and the render machinery of Mako's
// runtime.py: self/parent/next through inheritance, includes, namespaces, blocks, caching glue.
import { Context, RenderState, type Lookup } from './context.js'
import { NameConflictError, RuntimeException, TemplateLookupException } from '../shared/errors.js'
import {
  Namespace, TemplateNamespace, linkInherits, makeInlineNamespace, makeModuleNamespace, makeTemplateNamespace,
  namespacePrototype,
} from './namespace.js'
import { register, services } from './registry.js'
import { get } from './undefined.js'

type RenderFn = (ctx: Context, ...args: any[]) => unknown

export interface NamespaceDecl {
  name: string
  line?: number
  file?: string | ((ctx: Context) => unknown)
  module?: Record<string, unknown>
  defs?: Record<string, RenderFn>
  params?: Record<string, (string | undefined)[]>
  import?: '*' | string[]
  inheritable?: boolean
}

/** What generated code hands to defineTemplate. */
export interface TemplateDefinition {
  uri: string
  filename?: string
  starttime: number
  digest: string
  async: boolean
  body: RenderFn
  defs: Record<string, RenderFn>
  /** sync mode: defs also written to take and return the pending output string (`__s`) */
  strs?: Record<string, RenderFn>
  params: Record<string, (string | undefined)[]>
  /** the named `<%page args>` (an `<%include>` fills those it does not give from the context) */
  pageArgs?: string[]
  blocks: string[]
  reserved: string[]
  /** present when the template caches or touches `.cache` */
  cacheOf?: (t: MakoTemplate) => unknown
  /** uris of static inherit/include/namespace targets (their digests join this one's) */
  staticDeps?: string[]
  /** sync templates: the static cache_region / cache_type of each cached callable */
  cacheUses?: { region?: string; type?: string }[]
  /** checks cacheUses against async backends at load (present with cacheUses) */
  checkCache?: (def: TemplateDefinition) => void
  /** the template can never reach its own namespace (renders skip making it) */
  noSelf?: boolean
  /** async templates: the streaming code (src/runtime/stream.ts), so that a bundle with one keeps it */
  streamer?: StreamFn
  inherit?: string | ((ctx: Context) => unknown)
  inheritLine?: number
  namespaces?: NamespaceDecl[]
  attr?: Record<string, unknown>
  deps?: Record<string, MakoTemplate>
  lookup?: Lookup
  options?: Record<string, unknown>
}

/** `<% return STOP_RENDERING %>`: Mako's symbol for the empty string a render callable returns. */
export const STOP_RENDERING = ''

const REGISTRY_KEY = Symbol.for('vite-plugin-mako.templates')
const registry: Map<string, MakoTemplate> = ((globalThis as any)[REGISTRY_KEY] ??= new Map())

/** Bumped whenever any template takes a (new) definition: combined digests are recomputed. */
let digestGeneration = 0
export function _templatesChanged(): void {
  digestGeneration++
}

/** A def (or 'body') of a template, to render or stream on its own. */
export interface DefRenderable {
  render(...args: unknown[]): any
  stream(...args: unknown[]): ReadableStream<string>
}

type StreamFn = NonNullable<typeof services.stream>

/** The streaming code: an async template's own, or src/runtime/stream.ts's (registered when it loads). */
function streamer(t: MakoTemplate): StreamFn {
  const s = t.streamer ?? services.stream
  if (!s) throw new RuntimeException('stream(): call enableStreaming() in this bundle')
  return s
}

export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v != null && typeof (v as PromiseLike<unknown>).then === 'function'
}

export class MakoTemplate {
  uri!: string
  filename?: string
  starttime!: number
  /** digest of this template's own source and options */
  ownDigest!: string
  staticDeps?: string[]
  noSelf?: boolean
  streamer?: StreamFn
  async!: boolean
  body!: RenderFn
  defs!: Record<string, RenderFn>
  strs?: Record<string, RenderFn>
  params!: Record<string, (string | undefined)[]>
  pageArgs?: string[]
  blocks!: string[]
  reserved!: string[]
  inherit?: string | ((ctx: Context) => unknown)
  inheritLine?: number
  namespaces!: NamespaceDecl[]
  attr!: Record<string, unknown>
  deps?: Record<string, MakoTemplate>
  lookup?: Lookup
  options!: Record<string, unknown>
  private _proto?: object
  /** how this template reaches its Cache (the cache code loads only where a template caches) */
  _cacheOf?: (t: MakoTemplate) => unknown
  /** the template's Cache, once made (cache/glue.ts's cacheOf) */
  _cacheObj?: unknown
  private readonly _listeners = new Set<(t: MakoTemplate) => void>()

  constructor(def: TemplateDefinition) {
    this._assignDefinition(def)
  }

  /** Take the generated definition (also how Template fills itself in). */
  _assignDefinition(def: TemplateDefinition): void {
    const { digest, ...rest } = def
    // optional fields a new definition (hot update) may no longer have
    Object.assign(this, {
      filename: undefined, inherit: undefined, inheritLine: undefined, deps: undefined, staticDeps: undefined,
      noSelf: undefined, streamer: undefined, strs: undefined, pageArgs: undefined, cacheUses: undefined, checkCache: undefined, _cacheOf: undefined,
      namespaces: [], attr: {}, options: {}, ...rest,
    })
    if (!rest.lookup && this.lookup === undefined) this.lookup = undefined
    this.ownDigest = digest
    digestGeneration++
    if (def.cacheOf) this._cacheOf = def.cacheOf
    this._proto = undefined
    this._defMap = undefined
    this._adjusted = undefined
  }

  private _digest?: string
  private _digestGen = -1

  /**
   * Content digest of this template and, recursively, of the templates it statically
   * inherits, includes or imports (Rails' template digests): a change anywhere below a
   * cached fragment changes the keys of exactly the templates above it.
   */
  get digest(): string {
    const digestOf = services.digestOf
    if (!digestOf) return this.ownDigest
    if (this._digestGen !== digestGeneration || this._digest === undefined) {
      this._digest = digestOf(this)
      this._digestGen = digestGeneration
    }
    return this._digest
  }

  /** the module's names (`<%! %>`), as Mako's template.module */
  get module(): Record<string, unknown> {
    return this.attr
  }

  /** id for caches: unique per template uri */
  get id(): string {
    return this.uri
  }

  /** The template's Cache (Mako's template.cache). */
  get cache(): any {
    const of = this._cacheOf ?? services.cacheOf
    if (!of) {
      throw new RuntimeException(`Template '${this.uri}' has no cache: its module does not use caching, and the cache code is not loaded (import 'vite-plugin-mako/runtime' on the server, or use cached="True" or .cache in the template)`)
    }
    return of(this)
  }

  private _defMap?: Map<string, RenderFn>
  /** lookupTemplate's last adjusted uri (for lookups whose adjustUri is pure) */
  _adjusted?: { lookup: Lookup; uri: string; adjusted: string } = undefined

  /** The def or block `name` of this template (own names only), through a Map. */
  _def(name: string): RenderFn | undefined {
    return (this._defMap ??= new Map(Object.entries(this.defs) as [string, RenderFn][])).get(name)
  }

  _nsProto(): object {
    return (this._proto ??= namespacePrototype(this))
  }

  hasDef(name: string): boolean {
    return name === 'body' || Object.hasOwn(this.defs, name)
  }

  /** Render with `data` as the context (a Promise in async mode). */
  render(data: Record<string, unknown> = {}): any {
    const ctx = this._context(data)
    const [fn, lctx] = populateSelf(ctx, this)
    const out = fn(lctx, data)
    if (isThenable(out)) return out.then(() => ctx._r.buf.s)
    if (this.async) return Promise.resolve(ctx._r.buf.s)
    return ctx._r.buf.s
  }

  /**
   * The output as a Web ReadableStream<string> whose chunks join to what render() gives
   * (SPEC 12): async templates hand out their top-level output whenever the render waits and
   * run only as far as the reader reads; sync ones render whole, then hand it out in chunks.
   */
  stream(data: Record<string, unknown> = {}): ReadableStream<string> {
    return streamer(this)(this, undefined, [data])
  }

  /** How an error leaves a stream, when not as it is (Template, compiled at run time, points it at the template). */
  declare _streamError?: (err: unknown) => unknown

  /** A new render's context. */
  _context(data: Record<string, unknown>): Context {
    if (data == null || typeof data !== 'object') throw new TypeError(`render(data): data must be an object`)
    const ctx = new Context(data, new RenderState(this.lookup))
    // on the context's null-prototype copy: only the data's own keys count
    const d = ctx._data
    // the usual lists with constant keys (each `in` keeps its own inline cache), others in a loop
    const reserved = this.reserved
    if (reserved.length === 4 && reserved[1] === 'loop' ? 'context' in d || 'loop' in d || 'UNDEFINED' in d || 'STOP_RENDERING' in d : reserved.some((r) => r in d)) {
      throw new NameConflictError(`Reserved words passed to render(): ${reserved.filter((r) => r in d).join(', ')}`)
    }
    return ctx
  }

  /** One def (or 'body', without inheritance) as a renderable. */
  getDef(name: string): DefRenderable {
    if (!this.hasDef(name)) throw new RuntimeException(`Template '${this.uri}' has no def '${name}'`)
    return {
      render: (...args: unknown[]) => {
        const data = name === 'body' && args[0] && typeof args[0] === 'object' ? (args[0] as Record<string, unknown>) : {}
        const ctx = this._context(data)
        populateSelf(ctx, this)
        const out = name === 'body' ? this.body(ctx, data) : this.defs[name](ctx, ...args)
        if (isThenable(out)) return out.then(() => ctx._r.buf.s)
        return this.async ? Promise.resolve(ctx._r.buf.s) : ctx._r.buf.s
      },
      stream: (...args: unknown[]) => streamer(this)(this, name, args),
    }
  }

  get_def(name: string) {
    return this.getDef(name)
  }

  /** Hot update: call `cb` after the template took a new implementation. */
  onUpdate(cb: (t: MakoTemplate) => void): () => void {
    this._listeners.add(cb)
    return () => this._listeners.delete(cb)
  }

  /** Take a new implementation, keeping identity; cached fragments made before now go stale. */
  _swap(def: TemplateDefinition): void {
    const lookup = this.lookup
    const prev = this.starttime
    this._assignDefinition(def)
    if (!def.lookup && lookup) this.lookup = lookup
    // the plugin keeps a template's starttime unless it (or what it depends on) changed
    this.starttime = Math.max(prev, def.starttime)
    // listeners run after the new module has finished evaluating (its __M_template is set)
    queueMicrotask(() => {
      for (const cb of this._listeners) cb(this)
    })
  }
}

/** What a generated module's default export is made with (identity kept across hot updates). */
export function defineTemplate(def: TemplateDefinition, hmrId?: string): MakoTemplate {
  // (the client library of a network backend a module uses starts loading when the module imports
  // its entry, `vite-plugin-mako/cache/redis`: the plugin writes that import)
  def.checkCache?.(def)
  if (hmrId !== undefined) {
    const existing = registry.get(hmrId)
    if (existing) {
      existing._swap(def)
      return existing
    }
    const t = new MakoTemplate(def)
    registry.set(hmrId, t)
    return t
  }
  return new MakoTemplate(def)
}

// ------------------------------------------------------------------ inheritance (Mako's runtime.py)

/** Make `self`/`local` for `template`; follow `<%inherit>`; return the callable to start with. */
export function populateSelf(ctx: Context, template: MakoTemplate, selfNs?: TemplateNamespace): [RenderFn, Context] {
  if (template.noSelf && !selfNs) return [template.body, ctx]
  const ns = selfNs ?? makeTemplateNamespace(`self:${template.uri}`, ctx, template)
  ctx._data.self = ctx._data.local = ns
  if (template.namespaces.length) generateNamespaces(ctx, template)
  if (template.inherit !== undefined) {
    const uri = typeof template.inherit === 'function' ? template.inherit(ctx) : template.inherit
    if (uri != null && uri !== '') {
      const ret = inheritFrom(ctx, String(uri), template, template.inheritLine)
      if (ret) return ret
    }
  }
  return [template.body, ctx]
}

function inheritFrom(ctx: Context, uri: string, calling: MakoTemplate, line?: number): [RenderFn, Context] {
  const template = lookupTemplate(ctx, uri, calling, line)
  const selfNs = ctx._data.self as Namespace
  let ih = selfNs
  let cycle = (selfNs as TemplateNamespace).template === template
  while (ih.inherits) {
    ih = ih.inherits
    if ((ih as TemplateNamespace).template === template) cycle = true
  }
  if (cycle) {
    const chain: string[] = []
    for (let ns: Namespace | null = selfNs; ns; ns = ns.inherits) if (ns instanceof TemplateNamespace) chain.push(ns.template.uri)
    throw new TemplateLookupException(`Inheritance cycle: '${calling.uri}' inherits '${template.uri}' (${[...chain, template.uri].join(' -> ')})`, { uri: calling.uri, line })
  }
  const lcl = ctx._with('next', ih)
  const parentNs = makeTemplateNamespace(`self:${template.uri}`, lcl, template)
  linkInherits(selfNs, ih, parentNs)
  ctx._data.parent = lcl._data.local = parentNs
  if (template.inherit !== undefined) {
    const next = typeof template.inherit === 'function' ? template.inherit(lcl) : template.inherit
    if (next != null && next !== '') {
      const ret = inheritFrom(lcl, String(next), template, template.inheritLine)
      if (template.namespaces.length) generateNamespaces(lcl, template)
      if (ret) return ret
    }
  }
  if (template.namespaces.length) generateNamespaces(lcl, template)
  return [template.body, lcl]
}

/** The calling template and line, for lookup errors. */
function where(calling: MakoTemplate, line?: number): string {
  return `'${calling.uri}'${line ? `, line ${line}` : ''}`
}

/** A uri as seen from `calling`: its static imports first, then the lookup. */
export function lookupTemplate(ctx: Context, uri: string, calling: MakoTemplate, line?: number): MakoTemplate {
  const dep = calling.deps?.[uri]
  if (dep) return dep
  const lookup = calling.lookup ?? ctx._r.lookup
  if (!lookup) {
    throw new TemplateLookupException(`Template ${where(calling, line)} has no TemplateLookup associated, so it cannot load '${uri}'`, { uri: calling.uri, line })
  }
  try {
    let adjusted = uri
    if (lookup.adjustUri) {
      // a lookup whose adjustUri is a pure function of its arguments (TemplateLookup's): the
      // last answer for this template is kept (a static `<%inherit>` asks the same every render)
      const memo = calling._adjusted
      if (memo !== undefined && memo.uri === uri && memo.lookup === lookup) adjusted = memo.adjusted
      else {
        adjusted = lookup.adjustUri(uri, calling.uri)
        if (lookup.adjustUriIsPure === true) calling._adjusted = { lookup, uri, adjusted }
      }
    }
    return lookup.getTemplate(adjusted) as MakoTemplate
  } catch (err) {
    if (err instanceof TemplateLookupException && !(err as { _located?: boolean })._located) {
      const e = new TemplateLookupException(`${err.message} (asked for by template ${where(calling, line)})`, { uri: calling.uri, line })
      ;(e as { _located?: boolean })._located = true
      throw e
    }
    throw err
  }
}

// ------------------------------------------------------------------ includes, blocks, namespaces

/** `<%include file= args=>` */
export function include(ctx: Context, calling: MakoTemplate, uri: unknown, args: Record<string, unknown>, line?: number): unknown {
  if (uri == null || uri === '') throw new TemplateLookupException(`<%include> in '${calling.uri}' has an empty file`)
  const template = lookupTemplate(ctx, String(uri), calling, line)
  const depth = (ctx._r as any).includeDepth ?? 0
  if (depth > 200) throw new TemplateLookupException(`Include cycle: '${calling.uri}' includes '${template.uri}' more than 200 levels deep`)
  ;(ctx._r as any).includeDepth = depth + 1
  const [fn, lctx] = populateSelf(ctx._clean(), template)
  // Mako's _kwargs_for_include: the page args of the template the render starts with (the
  // top of the included one's inheritance chain) that `args` does not give come from the context
  const top = fn === template.body ? template : (lctx._data.local as TemplateNamespace).template
  if (top.pageArgs) {
    const d = ctx._data
    let own = false
    for (const n of top.pageArgs) {
      if (n in d && !Object.hasOwn(args, n)) {
        if (!own) (args = { ...args }), (own = true)
        args[n] = d[n]
      }
    }
  }
  const out = fn(lctx, args)
  if (isThenable(out)) return out.then((v) => ((ctx._r as any).includeDepth = depth, v))
  ;(ctx._r as any).includeDepth = depth
  return ''
}

/** A named block in place: through `self`, unless a template up the chain renders it. */
export function renderBlock(ctx: Context, name: string, pageargs: Record<string, unknown>): unknown {
  const parent = ctx._data.parent as Namespace | undefined
  if (parent && parent._hasDef(name)) return ''
  const self = ctx._data.self as Namespace
  // the nearest template from `self` up that defines it, called directly (no bound function
  // made); a value assigned on a namespace (`self.title = ...`) is called as it is
  for (let ns: Namespace | null = self; ns; ns = ns.inherits) {
    const t = (ns as TemplateNamespace).template
    if (t === undefined || (ns._assigned && Object.hasOwn(ns, name))) break
    const fn = t._def(name)
    if (fn !== undefined) return fn(ns.context, pageargs)
  }
  return (self as unknown as Record<string, (a: unknown) => unknown>)[name](pageargs)
}

function nsStore(ctx: Context, template: MakoTemplate): Map<string, Namespace> {
  const all = (ctx._r.namespaces ??= new Map())
  let m = all.get(template) as Map<string, Namespace> | undefined
  if (!m) all.set(template, (m = new Map()))
  return m
}

function generateNamespaces(ctx: Context, template: MakoTemplate): void {
  const store = nsStore(ctx, template)
  for (const decl of template.namespaces) {
    let ns = store.get(decl.name)
    if (!ns) {
      ns = makeNamespace(ctx, template, decl)
      store.set(decl.name, ns)
    }
    if (decl.inheritable) (ctx._data.self as Record<string, unknown>)[decl.name] = ns
  }
}

function makeNamespace(ctx: Context, template: MakoTemplate, decl: NamespaceDecl): Namespace {
  const clean = ctx._clean()
  if (decl.module) return makeModuleNamespace(decl.name, clean, decl.module)
  if (decl.file === undefined) return makeInlineNamespace(decl.name, clean, (decl.defs ?? {}) as never, decl.params ?? {})
  const file = typeof decl.file === 'function' ? decl.file(ctx) : decl.file
  const t = lookupTemplate(ctx, String(file), template, decl.line)
  const ns = makeTemplateNamespace(decl.name, clean, t)
  populateSelf(clean, t, ns)
  // defs written inside the tag override the file's (namespaces.rst)
  if (decl.defs) {
    const inline = makeInlineNamespace(decl.name, clean, decl.defs as never, decl.params ?? {}) as unknown as Record<string, unknown>
    for (const k of Object.keys(decl.defs)) Object.defineProperty(ns, k, { value: inline[k], writable: true, configurable: true, enumerable: true })
    const has = ns._hasDef.bind(ns)
    ns._hasDef = (n: string) => n in decl.defs! || has(n)
  }
  return ns
}

/** The namespace `name` declared by `template` (made once per render). */
export function namespace(ctx: Context, template: MakoTemplate, name: string): Namespace {
  const store = nsStore(ctx, template)
  let ns = store.get(name)
  if (!ns) {
    const decl = template.namespaces.find((d) => d.name === name)
    if (!decl) throw new RuntimeException(`Template '${template.uri}' declares no namespace '${name}'`)
    ns = makeNamespace(ctx, template, decl)
    store.set(name, ns)
  }
  return ns
}

/** A free name when the template has `import="*"` namespaces: their defs first. */
export function getStar(ctx: Context, template: MakoTemplate, name: string): unknown {
  for (const decl of template.namespaces) {
    if (decl.import !== '*') continue
    const ns = namespace(ctx, template, decl.name) as Namespace & Record<string, unknown>
    if (ns._hasDef(name)) return ns[name]
  }
  return get(ctx._data, name)
}

function namespaceForUri(ctx: Context, template: MakoTemplate, uri: string): Namespace {
  const key = `uri:${uri}`
  const store = nsStore(ctx, template)
  let ns = store.get(key)
  if (!ns) {
    const t = lookupTemplate(ctx, uri, template)
    const clean = ctx._clean()
    ns = makeTemplateNamespace(t.uri, clean, t)
    populateSelf(clean, t, ns as TemplateNamespace)
    store.set(key, ns)
  }
  return ns
}

register('namespaceForUri', namespaceForUri)
register('include', (ctx, template, uri, args) => include(ctx, template, uri, args))

// ------------------------------------------------------------------ capture, caching, decorators

/** Mako's runtime.capture: what `fn(...args)` writes, as a string (a Promise in async mode). */
export function capture(ctx: Context, fn: (...a: unknown[]) => unknown, ...args: unknown[]): any {
  if (typeof fn !== 'function') throw new TypeError('capture(fn, ...args): fn must be a function')
  // fn takes its buffer from the slot when it starts; the slot is the caller's again as soon
  // as fn returns (async: before fn finishes, so other calls made meanwhile write in place)
  const prev = ctx._r.buf
  const mine = { s: '' }
  ctx._r.buf = mine
  let out: unknown
  try {
    out = fn(...args)
  } finally {
    ctx._r.buf = prev
  }
  if (isThenable(out)) return Promise.resolve(out).then(() => mine.s)
  return mine.s
}

/** `<%def decorator="deco">` at the top level: deco(fn) gets the def bound to the context. */
export function decorateToplevel(deco: (fn: unknown) => (ctx: Context, ...a: unknown[]) => unknown, render: RenderFn, defName?: string): RenderFn {
  // the function the decorator receives carries the def's own name (SPEC 4, Mako's fn.__name__)
  const name = defName ?? render.name.replace(/^__M_def_|__impl$|__cached$/g, '')
  return function (ctx: Context, ...args: unknown[]) {
    const bound = { [name]: (...a: unknown[]) => render(ctx, ...a) }[name]
    return deco(bound)(ctx, ...args)
  }
}

/** A nested def with a decorator. */
export function decorateInline(ctx: Context, deco: (fn: unknown) => (ctx: Context, ...a: unknown[]) => unknown, fn: (...a: unknown[]) => unknown, name: string) {
  // the decorator sees the def's own name, not the generated implementation's
  Object.defineProperty(fn, 'name', { value: name })
  const dec = deco(fn)
  return { [name]: (...args: unknown[]) => dec(ctx, ...args) }[name]
}

/**
 * Before an `await` in async templates: put the buffer slot back (see codegen's awaitJs). In a
 * streamed render, the point where its top-level output so far leaves (a Promise of `value`
 * while the reader is behind; RenderCancelled once the stream is cancelled).
 */
export function park<T>(ctx: Context, buf: Context['_r']['buf'], value: T): T | Promise<T> {
  ctx._r.buf = buf
  const st = ctx._r.stream
  return st === undefined ? value : st.park(value)
}

/**
 * Async mode: run a render generator (a def written as `function*`, which yields only a
 * pending thenable) synchronously as far as it goes; its value, or a Promise of it once
 * something it met was pending.
 */
export function run(g: Generator<unknown, unknown, unknown>): unknown {
  const r = g.next()
  return r.done ? r.value : drive(g, r.value)
}

async function drive(g: Generator<unknown, unknown, unknown>, pending: unknown): Promise<unknown> {
  for (;;) {
    let value: unknown
    let failed = false
    try {
      value = await pending
    } catch (err) {
      value = err
      failed = true
    }
    const r = failed ? g.throw(value) : g.next(value)
    if (r.done) return r.value
    pending = r.value
  }
}

/** Default import of a module loaded with require (ESM namespace or CommonJS exports). */
export function importDefault(m: any): unknown {
  return m != null && typeof m === 'object' && 'default' in m ? m.default : m
}
