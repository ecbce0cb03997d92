// Parse tree + analysis -> the JS of a template module. Text and call-free expressions merge
// into one `+=`; an expression that may call code is evaluated first, so what that code writes
// (a def's output) lands before the expression's own value, as in Mako.
import * as acorn from 'acorn'
import type * as ESTree from 'estree'
import { compileError, syntaxError, type ErrorSite } from './errors.js'
import { freeNames, hasTopLevelAwait, mayCall, multilineLiterals, someNode, stripComments, type ParamList } from './js.js'
import type { Locator } from './locate.js'
import { namespaceName, type Analysis, type FnInfo } from './analyze.js'
import { BUILTIN_FILTERS, type Attribute, type Code, type ControlBlock, type Expression, type Tag, type TemplateNode, type TemplateRoot } from './nodes.js'
import { Printer } from './printer.js'
import { findAssetUrls, type AssetPieces, type AssetUrlOptions } from './assets.js'

export interface GenerateOptions {
  uri: string
  filename?: string
  format: 'module' | 'function'
  runtimeImport: string
  staticImports: boolean
  lookupImport?: string
  hmrId?: string
  defaultFilters: string[]
  bufferFilters: string[]
  imports: string[]
  strictUndefined: boolean
  async: boolean
  starttime: number
  digest: string
  templateOptions: Record<string, unknown>
  /** module format: relative asset URLs in the HTML's static attributes become imports (the plugin) */
  assetUrls?: AssetUrlOptions
}

export interface Dependency {
  kind: 'inherit' | 'include' | 'namespace'
  uri: string
  line: number
  column: number
}

const STRING_FILTERS = new Set(['h', 'x', 'u', 'trim', 'entity', 'str'])

/** Standard globals: a member read on them needs no UNDEFINED check. */
const JS_GLOBALS = new Set([
  'Object', 'Array', 'Math', 'JSON', 'Date', 'Number', 'String', 'Boolean', 'Symbol', 'Promise', 'Map', 'Set', 'WeakMap',
  'WeakSet', 'RegExp', 'Error', 'Intl', 'Reflect', 'BigInt', 'console', 'globalThis', 'Proxy', 'ArrayBuffer', 'URL',
  'URLSearchParams', 'TextEncoder', 'TextDecoder', 'crypto', 'performance', 'navigator', 'window', 'document', 'process',
])

export function generate(root: TemplateRoot, a: Analysis, site: ErrorSite & { locator: Locator }, o: GenerateOptions) {
  return new Generator(root, a, site, o).run()
}

interface FnState {
  info: FnInfo
  /** the expression that reaches the context for def calls made here */
  defCtx: string
}

class Generator {
  private readonly p = new Printer()
  /** output pieces waiting to be appended, each with where in the template it comes from */
  private pending: { js: string; at?: number; lit?: boolean }[] = []
  /** whether the local string `__M_o` may hold output not yet in the buffer */
  private dirty = false
  /** a def took the caller (`__M_nc`): the next frame restores it on exit */
  private ncPending: false | 'finally' | 'plain' = false
  private tmp = 0
  private anon = 0
  private loopId = 0
  private chunkId = 0
  private readonly loops: string[] = []
  private fn!: FnState
  private readonly deps: Dependency[] = []
  private readonly depVars = new Map<string, string>()
  private readonly moduleImports: string[] = []
  /** asset URLs of the template's HTML (assetUrls) and the import bound to each */
  private assets?: AssetPieces
  private readonly assetVars = new Map<string, string>()
  private readonly A: string
  /** the function being written is a generator (its awaits are yields; see genDefs) */
  private gen = false
  /**
   * Async mode: top-level defs also written as generators (`__M_def_x__g`) that yield only
   * for a thenable. A direct call runs one to completion synchronously when nothing it meets
   * is pending (`__M.run`), where an async function would cost a promise and a microtask per
   * call; the def itself (`__M_def_x`, what namespaces and user code get) stays async.
   */
  private readonly genDefs = new Set<string>()
  /**
   * Sync mode: top-level defs also written as `__M_def_x__s(ctx, out, ...params)`, which
   * append to the caller's pending output string and return it. A direct call hands its
   * local string over (`__M_o = __M_def_x__s(__M_ctx, __M_p, r)`) instead of moving it into
   * the buffer before the call and the def moving its own after: a loop of def calls builds
   * one string, as a hand-written function would (page bench case: ~3% faster).
   */
  private readonly strDefs = new Set<string>()
  private usesLookup = false
  /** static cache_region / cache_type values of the cached callables (checked at load) */
  private readonly cacheUses: { region?: string; type?: string }[] = []

  constructor(
    private readonly root: TemplateRoot,
    private readonly a: Analysis,
    private readonly site: ErrorSite & { locator: Locator },
    private readonly o: GenerateOptions,
  ) {
    this.A = o.async ? 'async ' : ''
  }

  run() {
    const { a, o } = this
    if (o.assetUrls && o.format === 'module') this.assets = findAssetUrls(this.root, o.assetUrls)
    if (o.async) for (const id of this.generatorDefs()) this.genDefs.add(id)
    else for (const fn of a.functions) if (this.stringEligible(fn)) this.strDefs.add(fn.id)
    for (const fn of a.functions) this.function(fn)
    this.templateDefinition()
    const out = new Printer()
    if (o.format === 'module') {
      out.line(`import * as __M from ${JSON.stringify(o.runtimeImport)};`)
      for (const imp of o.imports) out.line(imp)
      for (const imp of this.moduleImports) out.line(imp)
      if (this.usesLookup && o.lookupImport) out.line(`import __M_lookup from ${JSON.stringify(o.lookupImport)};`)
    } else {
      for (const imp of o.imports) for (const l of this.rewriteImportText(imp)) out.line(l)
      for (const imp of this.moduleImports) out.line(imp)
    }
    out.line('const __M_U = __M.UNDEFINED;')
    out.line(`const __M_uri = ${JSON.stringify(o.uri)};`)
    for (const c of a.moduleCode) this.moduleCode(out, c)
    out.append(this.p)
    const names = [...a.moduleNames]
    if (o.format === 'module') {
      out.line('export default __M_template;')
      if (names.length) out.line(`export { ${names.join(', ')} };`)
      if (o.hmrId) out.line('if (import.meta.hot) import.meta.hot.accept();')
    } else out.line('return __M_template;')
    const { code, map } = out.finish(this.site.locator, o.filename ?? o.uri, this.root.source)
    return { code, map, dependencies: this.deps, usesLookup: this.usesLookup }
  }

  // ---------------------------------------------------------------- module level

  private moduleCode(out: Printer, c: Code): void {
    if (this.o.format === 'function' && hasTopLevelAwait(c.ast)) {
      syntaxError(this.site, 'module_await', "Top-level 'await' in <%! %> needs an ES module build (the plugin); templates compiled at run time load synchronously", c.start)
    }
    // top-level names are exported anyway: strip explicit `export`; in function format,
    // import declarations become __M_require calls
    let text = c.code
    const body = c.ast.body as unknown as (ESTree.Node & { start: number; end: number })[]
    for (let i = body.length - 1; i >= 0; i--) {
      const s = body[i]
      if (s.type === 'ImportDeclaration' && this.o.format === 'function') {
        const rep = this.rewriteImport(s as unknown as ESTree.ImportDeclaration)
        text = text.slice(0, s.start) + rep.join(' ') + text.slice(s.end)
      } else if (s.type === 'ExportNamedDeclaration' && (s as unknown as ESTree.ExportNamedDeclaration).declaration) {
        const d = (s as unknown as { declaration: { start: number } }).declaration
        text = text.slice(0, s.start) + text.slice(d.start)
      } else if (s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' || s.type === 'ExportAllDeclaration') {
        compileError(this.site, 'bad_export', 'Module blocks export their top-level names by themselves; write the declaration without export', c.codeStart + s.start)
      }
    }
    out.code(text, c.codeStart)
  }

  private rewriteImport(s: ESTree.ImportDeclaration): string[] {
    const v = `__M_imp${this.tmp++}`
    const out = [`const ${v} = __M_require(${JSON.stringify(s.source.value)});`]
    for (const sp of s.specifiers) {
      if (sp.type === 'ImportDefaultSpecifier') out.push(`const ${sp.local.name} = __M.importDefault(${v});`)
      else if (sp.type === 'ImportNamespaceSpecifier') out.push(`const ${sp.local.name} = ${v};`)
      else {
        const imported = sp.imported.type === 'Identifier' ? sp.imported.name : String(sp.imported.value)
        out.push(`const ${sp.local.name} = ${v}[${JSON.stringify(imported)}];`)
      }
    }
    return out
  }

  private rewriteImportText(text: string): string[] {
    const ast = parseExpressionSafe(text)
    if (!ast) return [text]
    return ast.flatMap((s) => (s.type === 'ImportDeclaration' ? this.rewriteImport(s) : []))
  }

  private templateDefinition(): void {
    const { p, a, o } = this
    const defs: string[] = []
    const params: string[] = []
    for (const fn of a.functions) {
      if (fn.kind === 'body' || fn.namespace) continue
      defs.push(`${fn.name}: ${fn.id}`)
      if (fn.params) params.push(`${fn.name}: ${JSON.stringify(fn.params.positional)}`)
    }
    const lines: string[] = []
    lines.push(`uri: __M_uri,`)
    if (o.filename) lines.push(`filename: ${JSON.stringify(o.filename)},`)
    lines.push(`starttime: ${o.starttime},`)
    lines.push(`digest: ${JSON.stringify(o.digest)},`)
    lines.push(`async: ${o.async},`)
    lines.push(`body: __M_render_body,`)
    lines.push(`defs: { ${defs.join(', ')} },`)
    const strs = a.functions.filter((fn) => this.strDefs.has(fn.id)).map((fn) => `${fn.name}: ${fn.id}__s`)
    // namespaces bind these (the same frames as a plain def: no wrapper between)
    if (strs.length) lines.push(`strs: { ${strs.join(', ')} },`)
    lines.push(`params: { ${params.join(', ')} },`)
    const pageArgs = a.pageArgs?.params.filter((x) => x.name && !x.rest).map((x) => x.name!)
    if (pageArgs?.length) lines.push(`pageArgs: ${JSON.stringify(pageArgs)},`)
    lines.push(`blocks: ${JSON.stringify([...a.blocks.keys()])},`)
    lines.push(`reserved: ${JSON.stringify(a.reserved)},`)
    if (a.inherit) {
      lines.push(`inherit: ${this.fileTarget(a.inherit, 'inherit', true)},`)
      lines.push(`inheritLine: ${this.site.locator.locate(a.inherit.start).line},`)
    }
    if (a.namespaces.length) {
      const nss: string[] = []
      for (const ns of a.namespaces) {
        const at = ns.attributes
        const name = namespaceName(a, ns)
        const parts: string[] = [`name: ${JSON.stringify(name)}`, `line: ${this.site.locator.locate(ns.start).line}`]
        if (at.file) parts.push(`file: ${this.fileTarget(ns, 'namespace', true)}`)
        if (at.module) {
          const spec = at.module.value.trim()
          const v = `__M_mod${this.moduleImports.length}`
          if (o.format === 'module') this.moduleImports.push(`import * as ${v} from ${JSON.stringify(spec)};`)
          else this.moduleImports.push(`const ${v} = __M_require(${JSON.stringify(spec)});`)
          parts.push(`module: ${v}`)
        }
        const inline = ns.children.filter((c) => c.type === 'DefTag') as Tag[]
        if (inline.length) {
          parts.push(`defs: { ${inline.map((c) => `${a.fnOf.get(c)!.name}: ${a.fnOf.get(c)!.id}`).join(', ')} }`)
          parts.push(`params: { ${inline.map((c) => `${a.fnOf.get(c)!.name}: ${JSON.stringify(a.fnOf.get(c)!.params!.positional)}`).join(', ')} }`)
        }
        if (at.import) parts.push(`import: ${JSON.stringify(at.import.value.trim() === '*' ? '*' : at.import.value.split(',').map((s) => s.trim()).filter(Boolean))}`)
        if (at.inheritable && /^true$/i.test(at.inheritable.value.trim())) parts.push('inheritable: true')
        nss.push(`{ ${parts.join(', ')} }`)
      }
      lines.push(`namespaces: [${nss.join(', ')}],`)
    }
    if (/\bcache/.test(this.root.source)) lines.push('cacheOf: __M.cacheOf,')
    // nothing here can reach `self`/`local` (no name, block, inheritance, namespace or
    // decorator that would): renders skip making the template's own namespace
    if (!/\b(self|local|parent|next|context|capture|caller)\b|<%(block|inherit|namespace|call|include)\b|<%\w+:|decorator=|cached=/.test(this.root.source)) lines.push('noSelf: true,')
    if (!this.o.async && this.cacheUses.length) lines.push(`cacheUses: ${JSON.stringify(this.cacheUses)},`, 'checkCache: __M.checkCacheBackends,')
    const staticDeps = [...new Set(this.deps.map((d) => d.uri))]
    if (staticDeps.length) lines.push(`staticDeps: ${JSON.stringify(staticDeps)},`)
    if (a.moduleNames.size) lines.push(`attr: { ${[...a.moduleNames].map((n) => `${JSON.stringify(n)}: ${n}`).join(', ')} },`)
    if (this.depVars.size) lines.push(`deps: { ${[...this.depVars].map(([u, v]) => `${JSON.stringify(u)}: ${v}`).join(', ')} },`)
    if (this.usesLookup && o.lookupImport && o.format === 'module') lines.push('lookup: __M_lookup,')
    let opts: Record<string, unknown> | undefined
    for (const k of Object.keys(o.templateOptions)) if (o.templateOptions[k] !== undefined) (opts ??= {})[k] = o.templateOptions[k]
    if (opts) lines.push(`options: ${JSON.stringify(opts)},`)
    p.line(`const __M_template = __M.defineTemplate({`)
    p.indent()
    for (const l of lines) p.line(l)
    p.dedent()
    p.line(`}${o.hmrId ? `, ${JSON.stringify(o.hmrId)}` : ''});`)
  }

  /** `file=` of inherit/include/namespace: a static string or a `${}` expression. */
  private fileTarget(tag: Tag, kind: Dependency['kind'], asFunction: boolean): string {
    const attr = tag.attributes.file
    if (!hasExpression(attr)) {
      const uri = attr.value.trim()
      const { line, column } = this.site.locator.locate(attr.valueStart)
      this.deps.push({ kind, uri, line, column })
      if (this.o.staticImports) {
        let v = this.depVars.get(uri)
        if (!v) {
          v = `__M_d${this.depVars.size}`
          this.depVars.set(uri, v)
          const spec = uri.startsWith('/') || uri.startsWith('./') || uri.startsWith('../') ? uri : `./${uri}`
          this.moduleImports.push(`import ${v} from ${JSON.stringify(spec)};`)
        }
      }
      return JSON.stringify(uri)
    }
    this.usesLookup = true
    const expr = this.attrExpression(attr)
    if (!asFunction) return expr
    // a `${}` target evaluated in the render's context: pull its names
    const names = new Set<string>()
    collectAttrNames(attr, names)
    const pulls = [...names].filter((n) => !this.a.moduleNames.has(n)).map((n) => `${n} = ${n === 'context' ? '__M_ctx' : n === 'UNDEFINED' ? '__M_U' : `__M.get(__M_ctx._data, ${JSON.stringify(n)})`}`)
    return `(__M_ctx) => { ${pulls.length ? `const ${pulls.join(', ')}; ` : ''}return ${expr}; }`
  }

  // ---------------------------------------------------------------- functions

  private function(info: FnInfo): void {
    const { p, a, o } = this
    const node = info.node
    const isBody = info.kind === 'body'
    const lateParams = info.kind === 'def' && info.params!.free.some((n) => info.pulled.has(n))
    const paramsCode = info.kind === 'def' ? (lateParams ? '...__M_args' : info.params!.code.trim()) : ''
    const sig = isBody || info.kind === 'block' ? '__M_ctx, pageargs = {}' : `__M_ctx${paramsCode ? ', ' + paramsCode : ''}`
    const children = isBody ? this.root.children : node!.children
    const offset = node ? node.start : 0
    const cacheTag = isBody ? a.page : node
    const cached = cacheTag ? this.boolAttr(cacheTag, 'cached') : 'false'
    const wrapped = isBody ? false : this.needsWrapper(node!)
    const implId = cached !== 'false' || (node && node.attributes.decorator) ? `${info.id}__impl` : info.id
    this.fn = { info, defCtx: '__M_ctx' }
    this.gen = this.genDefs.has(info.id)

    if (this.strDefs.has(info.id)) {
      this.stringDef(info, sig.replace(/^__M_ctx/, '__M_ctx, __M_o'), children, offset)
      return
    }
    if (this.gen) {
      // (awaited when pending, so that async stack traces reach the caller)
      p.line(`async function ${implId}(...__M_a) { const __M_r = __M.run(${implId}__g(...__M_a)); return __M_r instanceof Promise ? await __M_r : __M_r; }`, offset)
      p.line(`function* ${implId}__g(${sig}) {`, offset)
    } else p.line(`${this.A}function ${implId}(${sig}) {`, offset)
    p.indent()
    if (!isBody) this.takeCaller(info.builtins.has('caller'), hasReturn(children))
    if (wrapped) {
      this.prologue(info, isBody)
      this.wrappedBody(node!, () => this.children(children))
    } else {
      // the frame opens first: the prologue's names are declared inside its try block
      const saved = this.openFrame()
      this.prologue(info, isBody)
      this.children(children)
      this.closeFrame(saved)
    }
    p.line(`return '';`)
    p.dedent()
    p.line('}')
    this.gen = false

    if (cached !== 'false') {
      const key = this.cacheKey(cacheTag!, isBody ? 'render_body' : `render_${info.name}`)
      const args = this.cacheArgs(cacheTag!)
      const call = isBody || info.kind === 'block' ? `${implId}(__M_ctx, pageargs)` : `${implId}(__M_ctx, ...__M_a)`
      const sig2 = isBody || info.kind === 'block' ? '__M_ctx, pageargs = {}' : '__M_ctx, ...__M_a'
      const target = node && node.attributes.decorator ? `${info.id}__cached` : info.id
      const buffered = node ? this.boolAttr(node, 'buffered') : 'false'
      p.line(`function ${target}(${sig2}) {`)
      p.indent()
      this.pullForCacheKey(cacheTag!)
      if (cached !== 'true') p.line(`if (!(${cached})) return ${call};`)
      p.line(`return __M.cached(__M_ctx, __M_template, ${key}, ${args}, () => ${call}, ${buffered});`)
      p.dedent()
      p.line('}')
      if (node && node.attributes.decorator) p.line(`const ${info.id} = __M.decorateToplevel(${node.attributes.decorator.expression!.code}, ${target}, ${JSON.stringify(info.name)});`)
    } else if (node && node.attributes.decorator) {
      p.line(`const ${info.id} = __M.decorateToplevel(${node.attributes.decorator.expression!.code}, ${implId}, ${JSON.stringify(info.name)});`)
    }
  }

  /** Names that `${}` in `cached` / `cache_*` read, for a cached wrapper whose only
   * parameters are `...__M_a`: the def's parameters re-bound, the rest from the context. */
  private cacheAttrNames(tag: Tag): Set<string> {
    const names = new Set<string>()
    for (const [k, attr] of Object.entries(tag.attributes)) {
      if (k.startsWith('cache_') || k === 'cached') collectAttrNames(attr, names)
    }
    return names
  }

  /** A cached wrapper whose key reads the callable's parameters binds them as its body
   * does: a def's list over `__M_a` (defaults, rest, patterns), page and block args from
   * `pageargs` with their defaults. Defaults are evaluated after the names they read. */
  private bindParams(params: ParamList | undefined, names: Set<string>, fromPageargs = false): void {
    if (!params || !params.code.trim() || !params.names.some((n) => names.has(n))) return
    if (fromPageargs) this.pageargLines(params)
    else this.p.line(`let [${params.code.trim()}] = __M_a;`)
  }

  /** `<%page args>` / block args: each from `pageargs`, else its default; a page arg without
   * a default that the body was not given is a TypeError, as a missing argument of Mako's
   * `render_body(context, x, **pageargs)` is; a block arg falls back to the context. */
  private pageargLines(args: ParamList, page = args === this.a.pageArgs): void {
    const named = args.params.filter((x) => x.name && !x.rest).map((x) => x.name!)
    for (const prm of args.params) {
      if (prm.rest) {
        // `...rest`: the named arguments the others did not take
        this.p.line(`let ${prm.name} = __M.restOf(pageargs, ${JSON.stringify(named)});`)
        continue
      }
      if (!prm.name) continue
      const fallback = prm.defaultCode ?? (page ? `__M.argMissing(${JSON.stringify(prm.name)}, __M_uri)` : this.pullExpr(prm.name))
      this.p.line(`let ${prm.name} = ${JSON.stringify(prm.name)} in pageargs ? pageargs.${prm.name} : ${fallback};`)
    }
  }

  private pullForCacheKey(tag: Tag): void {
    const names = this.cacheAttrNames(tag)
    if (!names.size) return
    const info = this.fn.info
    const params = info.kind === 'body' ? this.a.pageArgs : info.params
    const bound = new Set(params?.names ?? [])
    const binds = !!params && params.names.some((n) => names.has(n))
    // the names the key reads, and those the defaults read when the parameters are bound
    const pulls = new Set(names)
    if (binds) for (const n of params!.free) pulls.add(n)
    for (const n of pulls) {
      if (bound.has(n) || this.a.moduleNames.has(n) || this.a.topDefs.has(n)) continue
      if (n === 'pageargs' && info.kind !== 'def') continue
      const js = n === 'context' ? '__M_ctx' : n === 'UNDEFINED' ? '__M_U' : this.pullExpr(n)
      this.p.line(`const ${n} = ${js};`)
    }
    this.bindParams(params, names, info.kind !== 'def')
  }

  private prologue(info: FnInfo, isBody: boolean): void {
    const { p, a } = this
    const b = info.builtins
    const pulled = [...info.pulled].sort()
    const needData = pulled.length || b.has('self') || b.has('local') || b.has('parent') || b.has('next') || info.localsForDefs.length
    if (info.kind === 'body' && b.has('caller')) p.line('const caller = __M_ctx._r.nc; __M_ctx._r.nc = undefined;')
    if (b.has('context')) p.line('const context = __M_ctx;')
    for (const n of ['self', 'local', 'parent', 'next'] as const) if (b.has(n)) p.line(`const ${n} = __M.get(__M_ctx._data, ${JSON.stringify(n)});`)
    if (b.has('capture')) p.line('const capture = (fn, ...args) => __M.capture(__M_ctx, fn, ...args);')
    if (b.has('UNDEFINED')) p.line('const UNDEFINED = __M_U;')
    if (b.has('STOP_RENDERING')) p.line('const STOP_RENDERING = __M.STOP_RENDERING;')
    if (info.loopOutside) p.line('const loop = __M.noLoop;')
    if (needData) void 0
    for (const n of pulled) p.line(`let ${n} = ${this.pullExpr(n)};`)
    // defaults that read context names: the parameters are bound after the pulls
    if (info.kind === 'def' && info.params!.free.some((n) => info.pulled.has(n))) {
      p.line(`let [${info.params!.code.trim()}] = __M_args;`)
    }
    // page args and block args come from pageargs, else from the context
    const args = isBody ? a.pageArgs : info.kind === 'block' ? info.params : undefined
    if (args) this.pageargLines(args)
    for (const n of [...info.usesNamespaces].sort()) {
      const ref = a.nsNames.get(n)!
      const nsExpr = `__M.namespace(__M_ctx, __M_template, ${JSON.stringify(namespaceName(a, ref.tag))})`
      p.line(ref.member ? `const ${n} = ${nsExpr}[${JSON.stringify(ref.member)}];` : `const ${n} = ${nsExpr};`)
    }
    if (isBody && info.localsForDefs.length) {
      const getters = info.localsForDefs.map((n) => `get ${n}() { try { return ${n}; } catch { return __M.get(__M_ctx._data, ${JSON.stringify(n)}); } }`)
      p.line(`const __M_lctx = __M_ctx._locals({ ${getters.join(', ')} });`)
      this.fn.defCtx = '__M_lctx'
    }
    // a def of an inline namespace calls the others by name (Mako writes them as closures of one scope)
    if (info.usesSiblings) {
      for (const n of [...info.usesSiblings].sort()) {
        const sib = a.functions.find((f) => f.namespace === info.namespace && f.name === n)!
        p.line(`const ${n} = (...__M_a) => ${sib.id}(${this.fn.defCtx}, ...__M_a);`)
      }
    }
    for (const n of [...info.usesDefs].sort()) {
      const id = (a.topDefs.get(n) ?? a.blocks.get(n))!.id
      const ctx = this.fn.defCtx
      // a string-passing def: the buffer's string through it (as its wrapper does, one frame less)
      if (this.strDefs.has(id)) p.line(`const ${n} = (...__M_a) => { ${throughBuffer(id, ctx)} };`)
      else p.line(`const ${n} = (...__M_a) => ${id}(${ctx}, ...__M_a);`)
    }
  }

  private pullExpr(name: string): string {
    if (this.o.strictUndefined) return `__M.getStrict(__M_ctx._data, ${JSON.stringify(name)}, __M_uri)`
    if (this.fn.info.importStar) return `__M.getStar(__M_ctx, __M_template, ${JSON.stringify(name)})`
    return `__M.get(__M_ctx._data, ${JSON.stringify(name)})`
  }

  /** Defs and blocks whose output goes through a buffer: buffered, filtered (cached wraps outside). */
  private needsWrapper(node: Tag): boolean {
    return this.boolAttr(node, 'buffered') !== 'false' || !!node.attributes.filter
  }

  /** A body whose output is captured, then filtered and written or returned. */
  private wrappedBody(node: Tag, emit: () => void): void {
    const { p } = this
    const buffered = this.boolAttr(node, 'buffered')
    // the body writes into its own buffer, handed to it (and to what it calls) through the
    // context's buffer slot; the caller's buffer goes back in the slot whatever happens
    const nc = this.ncPending
    this.ncPending = false
    p.line(`const __M_outer = __M_ctx._r.buf, __M_w = { s: '' };`)
    if (this.o.async) p.line('const __M_in = __M_outer;')
    p.line('__M_ctx._r.buf = __M_w;')
    p.line('try {')
    p.indent()
    const saved = this.openFrame(true)
    emit()
    this.closeFrame(saved)
    p.dedent()
    p.line('} finally {')
    p.line('  __M_ctx._r.buf = __M_outer;')
    if (nc) p.line('  __M_ctx._r.nc = __M_nc;')
    p.line('}')
    p.line('const __M_s = __M_w.s;')
    let value = '__M_s'
    if (node.attributes.filter) value = this.applyFilters(value, this.filterList(node.attributes.filter), true)
    if (buffered === 'false') {
      p.line(`__M_outer.s += ${value};`)
      return
    }
    let ret = value
    if (this.o.bufferFilters.length) ret = this.applyFilters(value, this.o.bufferFilters.map((f) => ({ code: f, start: node.start })), false)
    // text its own filters escaped is returned as Markup (as markupsafe's escape returns), so
    // that `${d()}` does not escape it again
    else if (node.attributes.filter && this.endsEscaped(this.filterList(node.attributes.filter))) ret = `new __M.Markup(${value})`
    if (buffered === 'true') p.line(`return ${ret};`)
    else p.line(`if (${buffered}) return ${ret}; __M_outer.s += ${value};`)
  }

  // ---------------------------------------------------------------- nodes

  private children(nodes: TemplateNode[]): void {
    for (const n of nodes) this.node(n)
  }

  private node(n: TemplateNode): void {
    switch (n.type) {
      case 'Text':
        if (this.assets?.has(n)) return this.assetText(this.assets.get(n)!)
        this.pending.push({ js: JSON.stringify(n.value), at: n.start, lit: true })
        return
      case 'Expression':
        return this.expression(n)
      case 'Code':
        if (n.isModule) return
        this.sync()
        this.checkAwait(n.ast, n.start)
        this.p.code(n.code, n.codeStart, multilineLiterals(n.ast, n.code))
        return
      case 'ControlBlock':
        return this.controlBlock(n)
      case 'ControlStatement':
        this.flush()
        this.p.line(`${n.keyword};`, n.start)
        return
      case 'TextTag': {
        if (n.keyword === 'doc') return
        const text = JSON.stringify((n.children[0] as { value?: string } | undefined)?.value ?? '')
        if (!n.attributes.filter) this.pending.push({ js: text, at: n.start, lit: true })
        else this.output(this.applyFilters(text, this.filterList(n.attributes.filter), true), true, n.start)
        return
      }
      case 'DefTag':
        if (this.a.fnOf.has(n)) return
        return this.nestedDef(n)
      case 'BlockTag':
        return this.block(n)
      case 'CallTag':
      case 'CallNamespaceTag':
        return this.call(n)
      case 'IncludeTag':
        return this.include(n)
      case 'PageTag':
      case 'InheritTag':
      case 'NamespaceTag':
        return
    }
  }

  /** Text with asset URLs: the imported URL (a constant string, like text) in place of each. */
  private assetText(pieces: AssetPieces extends Map<unknown, infer P> ? P : never): void {
    for (const piece of pieces) {
      if ('text' in piece) {
        if (piece.text) this.pending.push({ js: JSON.stringify(piece.text), at: piece.at, lit: true })
        continue
      }
      let v = this.assetVars.get(piece.asset)
      if (!v) {
        v = `__M_asset${this.assetVars.size}`
        this.assetVars.set(piece.asset, v)
        this.moduleImports.push(`import ${v} from ${JSON.stringify(piece.asset)};`)
      }
      this.pending.push({ js: v, at: piece.at, lit: true })
    }
  }

  // Output goes to a local string `__M_o` (as a hand-written function would); it moves into
  // the shared buffer `__M_b` only before something that may write there itself (a def, a
  // code block, any call) and when the function ends, so the order of output is Mako's.

  /**
   * A def takes the caller a `<%call>` handed on (Mako's caller_stack._push_frame) and puts
   * it back when it returns (_pop_frame): a def evaluated in the call's expression
   * (`<%call expr="wrapper(links())">`) leaves the caller for the def it was meant for.
   * The frame opened next restores it: after its try block and in its catch, or in a
   * `finally` when the def's own code may `return` (a `finally` costs ~1% of a page render
   * of 100 def calls, so only there).
   */
  private takeCaller(usesCaller: boolean, ownReturn: boolean): void {
    this.p.line(usesCaller ? 'const __M_nc = __M_ctx._r.nc, caller = __M_nc; __M_ctx._r.nc = undefined;' : 'const __M_nc = __M_ctx._r.nc; __M_ctx._r.nc = undefined;')
    this.ncPending = ownReturn ? 'finally' : 'plain'
  }

  /**
   * Start a render function or closure: its buffer and local string. Outside a wrapper (whose
   * captured output is dropped on an error, as Mako's buffered defs drop theirs), the body goes
   * in a try block: output still in the local string when an error leaves the function goes to
   * the buffer first, where a `% try` up the calls finds it, as it would find Mako's writes.
   */
  private openFrame(inWrapper = false): { dirty: boolean; guard: boolean; nc: false | 'finally' | 'plain' } {
    if (this.o.async && !inWrapper) this.p.line(`const __M_b = __M_ctx._r.buf, __M_in = __M_b; let __M_o = '';`)
    else if (this.o.async) this.p.line(`const __M_b = __M_ctx._r.buf; let __M_o = '';`)
    else this.p.line(`const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';`)
    const saved = { dirty: this.dirty, guard: !inWrapper, nc: inWrapper ? false : this.ncPending }
    if (saved.nc) this.ncPending = false
    if (saved.guard) {
      this.p.line('try {')
      this.p.indent()
    }
    this.dirty = false
    return saved
  }

  private closeFrame(saved: { dirty: boolean; guard: boolean; nc?: false | 'finally' | 'plain' }): void {
    this.sync()
    if (saved.guard) {
      this.p.dedent()
      const nc = saved.nc === 'plain' ? ' __M_ctx._r.nc = __M_nc;' : ''
      const fin = saved.nc === 'finally' ? ' finally { __M_ctx._r.nc = __M_nc; }' : ''
      this.p.line((this.o.async ? `} catch (__M_e) { __M_b.s += __M_o;${nc} throw __M_e; }` : `} catch (__M_e) { __M_b.s += __M_o + __M_t;${nc} throw __M_e; }`) + fin)
      if (nc) this.p.line(nc.trim())
    }
    this.dirty = saved.dirty
  }

  /**
   * Queued output into the local string: one statement per value (with the text after it),
   * so that when a value throws, what came before it is kept, as Mako's writes are (a
   * `% try` around it, or a caller's, renders it).
   */
  private flush(): void {
    if (!this.pending.length) return
    let text = ''
    const marks: { column: number; offset: number }[] = []
    // sync mode: text before the first value goes into `__M_t` and joins the value's statement
    // (`__M_t = "<li>"; __M_o += __M_t + v + "</li>"; __M_t = '';`): one rope node fewer per
    // statement (unescaped list: ~4% faster), and a failing value still leaves the text for
    // the `catch` that flushes `__M_o + __M_t` (and for `% except`/`% finally`, see controlBlock)
    const useT = !this.o.async && this.pending[0].lit && this.pending.some((x) => !x.lit)
    let phase = useT ? 0 : 2
    this.pending.forEach((piece, i) => {
      if (i === 0) text += useT ? '__M_t = ' : '__M_o += '
      else if (piece.lit) text += ' + '
      else if (phase === 0) {
        text += '; __M_o += __M_t + '
        phase = 1
      } else if (phase === 1) {
        text += "; __M_t = ''; __M_o += "
        phase = 2
      } else text += '; __M_o += '
      if (piece.at !== undefined) marks.push({ column: text.length, offset: piece.at })
      text += piece.js
    })
    if (phase === 1) text += "; __M_t = ''"
    this.p.lineWithMarks(text + ';', marks)
    this.pending = []
    this.dirty = true
  }

  /** Everything so far into the shared buffer: before code that may write there. */
  private sync(): void {
    this.flush()
    if (this.dirty) this.p.line(`__M_b.s += __M_o; __M_o = '';`)
    this.dirty = false
    // async: other render chains may have moved the buffer slot while this one awaited;
    // what is called next must find this function's buffer there
    if (this.o.async) this.p.line('__M_ctx._r.buf = __M_b;')
  }

  /** Queue an output value; `mayWrite` values are evaluated in a statement of their own first. */
  private output(js: string, mayWrite: boolean, at: number): void {
    if (!mayWrite) {
      this.pending.push({ js, at })
      return
    }
    this.sync()
    const v = `__M_v${this.tmp++}`
    this.p.line(`const ${v} = ${js};`, at)
    this.pending.push({ js: v, at })
  }

  /**
   * `await x` in async mode: the buffer slot goes back to what this function found there when it
   * started, so calls that run while it waits write where they belong (`f(g())` with `g` still
   * waiting inside its own buffer).
   */
  private awaitJs(x: string): string {
    return this.gen ? `(yield __M.park(__M_ctx, __M_in, ${x}))` : `await __M.park(__M_ctx, __M_in, ${x})`
  }

  /**
   * The top-level defs that can also be generators (async mode). A generator suspended at a
   * `yield` is missing from async stack traces (they follow awaits), so only defs whose yields
   * can only be for data are taken: none of `self`/`local`/`parent`/`next`/`caller`/`capture`/
   * `context`, namespaces, includes, calls, blocks or nested defs, and direct calls only to
   * defs that qualify too; not cached or decorated (those wrap the async function); and no
   * `await` or `yield` written in it (checked on the def's text, erring on the safe side).
   */
  private generatorDefs(): Set<string> {
    const candidates = new Map<string, FnInfo>()
    for (const fn of this.a.functions) {
      const node = fn.node
      if (fn.kind !== 'def' || !node || fn.namespace !== undefined || fn.importStar || fn.usesNamespaces.size) continue
      if (node.attributes.decorator || this.boolAttr(node, 'cached') !== 'false') continue
      if ([...fn.builtins].some((b) => TEMPLATE_BUILTINS.has(b))) continue
      if (/\b(?:await|yield)\b/.test(this.root.source.slice(node.start, node.end)) || !onlyDataNodes(node.children)) continue
      candidates.set(fn.name, fn)
    }
    // a def qualifies when every def it calls by name does
    for (let changed = true; changed; ) {
      changed = false
      for (const [name, fn] of candidates) {
        if ([...fn.usesDefs].some((d) => !candidates.has(d))) {
          candidates.delete(name)
          changed = true
        }
      }
    }
    return new Set([...candidates.values()].map((fn) => fn.id))
  }

  /**
   * A def that can take and return the caller's pending output (sync mode): top-level, not
   * buffered/filtered (those return or filter their output), cached or decorated (those wrap
   * the function), and without a `return` of its own (it would return something else).
   */
  private stringEligible(fn: FnInfo): boolean {
    const node = fn.node
    if (fn.kind !== 'def' || !node || fn.namespace !== undefined || this.needsWrapper(node)) return false
    if (node.attributes.decorator || this.boolAttr(node, 'cached') !== 'false') return false
    return !hasReturn(node.children)
  }

  /** The def as `__s` (see strDefs) and the def itself as a wrapper over the buffer's string. */
  private stringDef(info: FnInfo, sig: string, children: TemplateNode[], offset: number): void {
    const { p } = this
    const id = info.id
    // the buffer's string goes through the def; emptied first, so that on an error (the
    // def writes what it holds into the buffer) nothing is written twice
    // (what the def returns is what it did not move into the buffer itself: appended after)
    p.line(`function ${id}(__M_ctx, ...__M_a) { ${throughBuffer(id, '__M_ctx')} }`, offset)
    p.line(`function ${id}__s(${sig}) {`, offset)
    p.indent()
    p.line(`const __M_b = __M_ctx._r.buf; let __M_t = '';`)
    this.takeCaller(info.builtins.has('caller'), false)
    this.ncPending = false
    p.line('try {')
    p.indent()
    const saved = this.dirty
    // what the caller handed over is output not yet in the buffer
    this.dirty = true
    this.prologue(info, false)
    this.children(children)
    this.flush()
    this.dirty = saved
    p.dedent()
    // (a string-passing def has no `return` of its own)
    p.line('} catch (__M_e) { __M_b.s += __M_o + __M_t; __M_ctx._r.nc = __M_nc; throw __M_e; }')
    p.line('__M_ctx._r.nc = __M_nc;')
    p.line('return __M_o;')
    p.dedent()
    p.line('}')
  }

  /** Nested functions (closures, caller bodies) are async functions inside a generator too. */
  private asyncNested<T>(emit: () => T): T {
    const saved = this.gen
    this.gen = false
    try {
      return emit()
    } finally {
      this.gen = saved
    }
  }

  /** `await` in a sync template: a clear error instead of invalid generated code. */
  private checkAwait(node: ESTree.Node, at: number): void {
    if (!this.o.async && hasTopLevelAwait(node)) syntaxError(this.site, 'await_needs_async', "'await' needs async mode: set the option async: true", at)
  }

  /**
   * `${row(r)}` calling this template's plain def: the def writes its output and yields ''
   * (STOP_RENDERING is '' too), so with built-in filters only, the call is a statement.
   */
  private plainDefCall(e: Expression, filters: { code: string }[]): string | undefined {
    const ast = e.ast as ESTree.Expression & { optional?: boolean }
    if (ast.type !== 'CallExpression' || ast.optional || ast.callee.type !== 'Identifier' || !e.directDefs?.has(ast.callee.name)) return
    if (filters.some((f) => !(f.code in BUILTIN_FILTERS))) return
    const node = this.a.topDefs.get(ast.callee.name)!.node!
    if (this.boolAttr(node, 'buffered') !== 'false' || node.attributes.decorator || returnsValue(node.children)) return
    const code = this.checkMemberRoots(e, e.code)
    return code === e.code ? undefined : code
  }

  private expression(e: Expression): void {
    this.checkAwait(e.ast, e.start)
    const filters = this.expressionFilters(e)
    const plain = this.plainDefCall(e, filters)
    if (plain) {
      const id = this.a.topDefs.get((e.ast as ESTree.CallExpression & { callee: ESTree.Identifier }).callee.name)!.id
      const head = `${id}(${this.fn.defCtx}`
      if (this.strDefs.has(id) && plain.startsWith(head) && /^[,)]/.test(plain.slice(head.length))) {
        // the local string goes through the def and comes back with its output
        this.flush()
        this.p.line(`{ const __M_p = __M_o; __M_o = ''; __M_o = ${id}__s(${this.fn.defCtx}, __M_p${plain.slice(head.length)}; }`, e.start)
        this.dirty = true
        return
      }
      this.sync()
      if (!this.o.async) this.p.line(`${plain};`, e.start)
      else if (this.genDefs.has(id) && plain.startsWith(`${id}(`)) {
        const g = `${id}__g${plain.slice(id.length)}`
        // in a generator: delegate; in an async function: run it, await only if it is pending
        if (this.gen) this.p.line(`yield* ${g};`, e.start)
        else this.p.line(`{ const __M_r = __M.run(${g}); if (__M_r !== '') await __M.park(__M_ctx, __M_in, __M_r); }`, e.start)
      } else this.p.line(`await __M.park(__M_ctx, __M_in, ${plain});`, e.start)
      return
    }
    let value = e.code
    // name the variable when UNDEFINED is rendered
    if (e.ast.type === 'Identifier' && (this.fn.info.pulled.has(e.ast.name) || this.a.argChecks.has(e))) {
      const { line } = this.site.locator.locate(e.codeStart)
      value = `(${e.ast.name} === undefined ? __M.undef(${JSON.stringify(e.ast.name)}, __M_uri, ${line}, __M_ctx._data${this.a.argChecks.has(e) ? ', pageargs' : ''}) : ${e.ast.name})`
    } else {
      value = this.checkMemberRoots(e, value)
      if (needsParens(e.ast)) value = `(${value})`
    }
    const calls = mayCall(e.ast) || filters.some((f) => !(f.code in BUILTIN_FILTERS))
    if (!this.o.async) {
      this.output(this.applyFilters(value, filters, true), calls, e.start)
      return
    }
    // what came before goes out first: the value may throw (or wait)
    if (calls) this.sync()
    else this.flush()
    const v = `__M_v${this.tmp++}`
    this.p.line(`let ${v} = (${this.checkMemberRoots(e, e.code)});`, e.start)
    this.p.line(`if (${v} != null && typeof ${v}.then === 'function') ${v} = ${this.awaitJs(v)};`)
    let ref = v
    if (e.ast.type === 'Identifier' && (this.fn.info.pulled.has(e.ast.name) || this.a.argChecks.has(e))) {
      const { line } = this.site.locator.locate(e.codeStart)
      ref = `(${v} === undefined ? __M.undef(${JSON.stringify(e.ast.name)}, __M_uri, ${line}, __M_ctx._data${this.a.argChecks.has(e) ? ', pageargs' : ''}) : ${v})`
    }
    const out = this.applyFilters(ref, filters, true)
    if (filters.some((f) => !(f.code in BUILTIN_FILTERS))) {
      const w = `__M_v${this.tmp++}`
      this.p.line(`let ${w} = ${out};`)
      this.p.line(`if (${w} != null && typeof ${w}.then === 'function') ${w} = ${this.awaitJs(w)};`)
      this.pending.push({ js: `__M.s(${w})`, at: e.start })
    } else this.pending.push({ js: out, at: e.start })
  }

  /**
   * `${user.name}` with `user` undefined: the error names `user` (reading a property of
   * UNDEFINED would silently give undefined). Root identifiers of member chains that are
   * context names get a check; nothing else is touched.
   */
  private checkMemberRoots(e: Expression, code: string): string {
    type Node = { type?: string; start: number; end: number; name?: string; object?: Node; callee?: Node; optional?: boolean }
    const edits: { start: number; end: number; text: string }[] = []
    const pulled = this.fn.info.pulled
    const direct = e.directDefs
    const { line } = this.site.locator.locate(e.codeStart)
    const base = e.astBase
    const visit = (n: unknown): void => {
      if (!n || typeof n !== 'object') return
      if (Array.isArray(n)) return n.forEach(visit)
      const node = n as Node
      const obj = node.object
      if (node.type === 'MemberExpression' && !node.optional && obj?.type === 'Identifier' && pulled.has(obj.name!) && !JS_GLOBALS.has(obj.name!)) {
        edits.push({ start: obj.start - base, end: obj.end - base, text: `__M.chk(${obj.name}, ${JSON.stringify(obj.name)}, __M_uri, ${line}, __M_ctx._data)` })
      }
      // `row(r)` with `row` this template's def: call its function directly, no wrapper
      const callee = node.callee
      if (node.type === 'CallExpression' && !node.optional && callee?.type === 'Identifier' && direct?.has(callee.name!)) {
        const paren = code.indexOf('(', callee.end - base)
        if (paren >= 0 && !code.slice(callee.end - base, paren).trim()) {
          const hasArgs = (node as unknown as { arguments: unknown[] }).arguments.length > 0
          edits.push({ start: callee.start - base, end: callee.end - base, text: this.a.topDefs.get(callee.name!)!.id })
          edits.push({ start: paren + 1, end: paren + 1, text: this.fn.defCtx + (hasArgs ? ', ' : '') })
        }
      }
      if (node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') return
      for (const k in node) if (k !== 'type' && k !== 'start' && k !== 'end') visit((node as Record<string, unknown>)[k])
    }
    visit(e.ast)
    if (!edits.length) return code
    // the AST was made from the text before comments were stripped: where they differ, keep the code as is
    for (const ed of edits) {
      if (ed.end > ed.start && !ed.text.startsWith('__M.chk') && code.slice(ed.start, ed.end) !== this.a.topDefs.get(code.slice(ed.start, ed.end))?.name) return code
      if (ed.text.startsWith('__M.chk') && !/^[\w$]+$/.test(code.slice(ed.start, ed.end))) return code
    }
    let out = code
    for (const ed of edits.sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, ed.start) + ed.text + out.slice(ed.end)
    return out
  }

  /** Default filters, then the page's expression_filter, then the expression's own (SPEC 5). */
  private expressionFilters(e: { filters: { code: string; start: number }[] }): { code: string; start: number }[] {
    const own = e.filters.filter((f) => !f.code.startsWith('decode.'))
    if (own.some((f) => f.code === 'n')) return own.filter((f) => f.code !== 'n')
    const page = this.a.page?.attributes.expression_filter
    const pageFilters = page ? this.filterList(page) : []
    const pageOff = pageFilters.some((f) => f.code === 'n')
    const defaults = pageOff ? [] : this.o.defaultFilters.map((f) => ({ code: f, start: 0 }))
    return [...defaults, ...pageFilters.filter((f) => f.code !== 'n'), ...own]
  }

  /** A `filter=` / `expression_filter=` list (parsed by the lexer). */
  private filterList(attr: Attribute): { code: string; start: number }[] {
    return attr.items!.map((item) => ({ code: item.code, start: item.start })).filter((f) => !f.code.startsWith('decode.'))
  }

  /** `value` through `filters` in order; ends in a string unless `toString` is false. */
  private applyFilters(value: string, filters: { code: string; start: number }[], toString: boolean): string {
    let out = value
    let last = ''
    // markupsafe's escape returns Markup, which neither `h` again nor `trim` escapes twice
    let escaped = false
    for (const f of filters) {
      if (f.code === 'n' || f.code.startsWith('decode.')) continue
      const builtin = BUILTIN_FILTERS[f.code]
      if (builtin === 'h' && escaped) continue
      escaped = builtin === 'h' || (escaped && builtin === 'trim')
      out = builtin ? `__M.${builtin}(${out})` : `(${f.code})(${out})`
      last = builtin ?? ''
    }
    if (toString && !STRING_FILTERS.has(last)) out = `__M.s(${out})`
    return out
  }

  /** Whether `filters` end in escaped text (an `h`, then only `trim`s): markupsafe's Markup. */
  private endsEscaped(filters: { code: string }[]): boolean {
    let escaped = false
    for (const f of filters) {
      if (f.code === 'n' || f.code.startsWith('decode.')) continue
      const builtin = BUILTIN_FILTERS[f.code]
      escaped = builtin === 'h' || (escaped && builtin === 'trim')
    }
    return escaped
  }

  private controlBlock(n: ControlBlock): void {
    const { p } = this
    if (n.branches.some((b) => (b.test && mayCall(b.test)) || (b.iterable && mayCall(b.iterable.ast)))) this.sync()
    else this.flush()
    if (n.keyword === 'for') return this.forLoop(n)
    if (n.keyword === 'try' && n.branches.length === 1) compileError(this.site, 'bad_try', "'% try' needs '% except' or '% finally'", n.start)
    const f = n.keyword === 'while' ? this.chunkStart() : undefined
    for (let i = 0; i < n.branches.length; i++) {
      const b = n.branches[i]
      if (b.test) this.checkAwait(b.test, b.start)
      const close = i === 0 ? '' : '} '
      switch (b.keyword) {
        case 'if': p.line(`if (${b.code}) {`, b.start); break
        case 'elif': p.line(`${close}else if (${b.code}) {`, b.start); break
        case 'else': p.line(`${close}else {`, b.start); break
        case 'while': p.line(`while (${b.code}) {`, b.start); break
        case 'try': p.line('try {', b.start); break
        case 'except': p.line(`${close}catch${b.code ? ` (${b.code})` : ''} {`, b.start); break
        case 'finally': p.line(`${close}finally {`, b.start); break
      }
      // the text before a value that failed in the try body (see flush) comes first
      if (!this.o.async && (b.keyword === 'except' || b.keyword === 'finally')) p.line("  __M_o += __M_t; __M_t = '';")
      this.controlBody(b.children, f)
    }
    p.line('}')
    this.dirty = true
  }

  /** The lines a control line governs: the local string's state is unknown at entry (loops). */
  private controlBody(children: TemplateNode[], chunk?: string): void {
    this.p.indent()
    this.dirty = true
    this.children(children)
    this.flush()
    if (chunk) this.chunk(chunk)
    this.p.dedent()
  }

  /**
   * Output of a huge loop: V8 joins `+=` pieces into a rope (~20-30 bytes per piece) and
   * copies it into one string only when read. Before a loop, `chunkStart` declares the
   * buffer length at which the loop next flattens; at the end of each iteration `chunk`
   * moves a local string past 64K characters into the buffer as one flat piece and
   * flattens the buffer when it grew by half (writes of calls and code blocks go there):
   * ~1-4 bytes per output character instead of 5-50 (docs/decisions.md). Two length
   * tests per iteration otherwise.
   */
  private chunkStart(): string {
    const v = `__M_f${++this.chunkId}`
    this.p.line(`let ${v} = __M_b.s.length + 65536;`)
    return v
  }

  private chunk(v: string): void {
    this.p.line(`if (__M_o.length > 65536 || __M_b.s.length > ${v}) ${v} = __M.chunk(__M_b, __M_o, ${v}), __M_o = '';`)
  }

  private forLoop(n: ControlBlock): void {
    const { p } = this
    const b = n.branches[0]
    this.checkAwait(b.iterable!.ast, b.start)
    const target = b.target!.code
    const iterable = b.iterable!.code
    if (!b.usesLoop || !this.a.enableLoop) {
      const f = this.chunkStart()
      p.line(`for (const ${target} of __M.iter(${iterable})) {`, b.start)
      this.controlBody(b.children, f)
      p.line('}')
      this.dirty = true
      return
    }
    const id = ++this.loopId
    const lv = `__M_loop${id}`
    const parent = this.loops.length ? this.loops[this.loops.length - 1] : 'undefined'
    p.line(`{`, b.start)
    p.indent()
    p.line(`const ${lv} = new __M.LoopContext(${iterable}, ${parent});`, b.iterable!.start)
    const f = this.chunkStart()
    p.line(`for (let __M_i${id} = 0, __M_n${id} = ${lv}._n; __M_i${id} < __M_n${id}; __M_i${id}++) {`)
    p.indent()
    p.line(`const ${target} = ${lv}._next(__M_i${id});`)
    p.line(`const loop = ${lv};`)
    this.loops.push(lv)
    this.dirty = true
    this.children(b.children)
    this.flush()
    this.chunk(f)
    this.loops.pop()
    p.dedent()
    p.line('}')
    p.dedent()
    p.line('}')
    this.dirty = true
  }

  private nestedDef(n: Tag): void {
    this.asyncNested(() => this.nestedDefAsync(n))
  }

  private nestedDefAsync(n: Tag): void {
    const { p } = this
    this.flush()
    const info = this.a.closures.get(n)!
    const name = n.attributes.name.signature!.name
    const cached = this.boolAttr(n, 'cached')
    const decorated = !!n.attributes.decorator
    const fname = cached !== 'false' || decorated ? `__M_${name}__impl` : name
    p.line(`${this.A}function ${fname}(${info.params!.code.trim()}) {`, n.start)
    p.indent()
    this.takeCaller(this.usesCaller(n), hasReturn(n.children))
    this.closureBody(n)
    p.line(`return '';`)
    p.dedent()
    p.line('}')
    let current = fname
    if (cached !== 'false') {
      const key = this.cacheKey(n, name)
      const cname = decorated ? `__M_${name}__cached` : name
      p.line(`function ${cname}(...__M_a) {`)
      p.indent()
      // names of the enclosing function are in scope; the def's own parameters are re-bound
      this.bindParams(info.params, this.cacheAttrNames(n))
      if (cached !== 'true') p.line(`if (!(${cached})) return ${fname}(...__M_a);`)
      p.line(`return __M.cached(__M_ctx, __M_template, ${key}, ${this.cacheArgs(n)}, () => ${fname}(...__M_a), ${this.boolAttr(n, 'buffered')});`)
      p.dedent()
      p.line('}')
      current = cname
    }
    if (decorated) p.line(`const ${name} = __M.decorateInline(__M_ctx, ${n.attributes.decorator.expression!.code}, ${current}, ${JSON.stringify(name)});`)
  }

  private usesCaller(n: Tag): boolean {
    let found = false
    const visit = (nodes: TemplateNode[]): void => {
      for (const c of nodes) {
        if (found) return
        if (c.type === 'Expression' && freeNames(c.ast).has('caller')) found = true
        else if (c.type === 'Code' && freeNames(c.ast).has('caller')) found = true
        else if (c.type === 'ControlBlock') for (const b of c.branches) {
          if ((b.test && freeNames(b.test).has('caller')) || (b.iterable && freeNames(b.iterable.ast).has('caller'))) found = true
          visit(b.children)
        }
        else if (c.type === 'CallNamespaceTag' && c.namespace!.split('.')[0] === 'caller') found = true
        else if ((c.type === 'CallTag' || c.type === 'CallNamespaceTag' || c.type === 'BlockTag') && !found) {
          for (const a of Object.values(c.attributes)) if (attributeNames(a).has('caller')) found = true
          visit(c.children)
        } else if (c.type === 'IncludeTag') {
          for (const a of Object.values(c.attributes)) if (attributeNames(a).has('caller')) found = true
        }
      }
    }
    visit(n.children)
    return found
  }

  /** The inside of a closure (nested def, anonymous block): buffer, then children, maybe wrapped. */
  private closureBody(n: Tag): void {
    if (this.needsWrapper(n)) this.wrappedBody(n, () => this.children(n.children))
    else {
      const saved = this.openFrame()
      this.children(n.children)
      this.closeFrame(saved)
    }
  }

  private block(n: Tag): void {
    const { p } = this
    const fn = this.a.fnOf.get(n)
    if (fn) {
      // a named block renders through `self`, unless an ancestor template will render it
      this.sync()
      const js = `__M.renderBlock(__M_ctx, ${JSON.stringify(fn.name)}, pageargs)`
      p.line(`${this.o.async ? this.awaitJs(js) : js};`, n.start)
      return
    }
    this.flush()
    const name = `__M_anon_${++this.anon}`
    const cached = this.boolAttr(n, 'cached')
    const impl = cached !== 'false' ? `${name}__impl` : name
    this.asyncNested(() => {
      p.line(`${this.A}function ${impl}() {`, n.start)
      p.indent()
      this.closureBody(n)
      p.line(`return '';`)
      p.dedent()
      p.line('}')
    })
    if (cached !== 'false') {
      p.line(`function ${name}() {`)
      p.indent()
      if (cached !== 'true') p.line(`if (!(${cached})) return ${impl}();`)
      p.line(`return __M.cached(__M_ctx, __M_template, ${this.cacheKey(n, name)}, ${this.cacheArgs(n)}, ${impl}, ${this.boolAttr(n, 'buffered')});`)
      p.dedent()
      p.line('}')
    }
    this.sync()
    p.line(`${this.o.async ? this.awaitJs(`${name}()`) : `${name}()`};`)
  }

  /** `<%call expr="f(1)" args="x">body</%call>` and `<%ns:def attr="...">body</%ns:def>`. */
  private call(n: Tag): void {
    const { p } = this
    this.sync()
    const info = this.a.closures.get(n)!
    const args = info.params ? info.params.code.trim() : ''
    p.line('{', n.start)
    p.indent()
    // the caller namespace: body() plus the defs declared inside the call
    const defs = info.callerDefs ?? []
    const rest = n.children.filter((c) => c.type !== 'DefTag')
    for (const d of defs) this.nestedDef(d)
    this.asyncNested(() => {
      p.line(`${this.A}function __M_caller_body(${args}) {`)
      p.indent()
      const saved = this.openFrame()
      this.children(rest)
      this.closeFrame(saved)
      p.line(`return '';`)
      p.dedent()
      p.line('}')
    })
    const defNames = defs.map((d) => d.attributes.name.signature!.name)
    p.line(`__M_ctx._r.nc = __M.makeCaller(__M_ctx, { body: __M_caller_body${defNames.map((d) => `, ${d}`).join('')} });`)
    let expr: string
    if (n.type === 'CallTag') expr = n.attributes.expr.expression!.code
    else {
      const attrs = Object.entries(n.attributes).filter(([k]) => k !== 'args').map(([k, v]) => `${JSON.stringify(k)}: ${this.attrExpression(v)}`)
      expr = `__M.callTag(${n.namespace}, ${JSON.stringify(n.defname)}, { ${attrs.join(', ')} })`
    }
    const v = `__M_v${this.tmp++}`
    p.line(`let ${v};`)
    p.line(`try { ${v} = ${this.o.async ? this.awaitJs(expr) : expr}; } finally { __M_ctx._r.nc = undefined; }`)
    if (this.o.async) p.line(`if (${v} != null && typeof ${v}.then === 'function') ${v} = ${this.awaitJs(v)};`)
    const filters = this.expressionFilters({ filters: [] })
    p.line(`__M_b.s += ${this.applyFilters(v, filters, true)};`)
    p.dedent()
    p.line('}')
    this.dirty = false
  }

  private include(n: Tag): void {
    const file = this.fileTarget(n, 'include', false)
    const args = n.attributes.args ? this.objectArgs(n.attributes.args) : '{}'
    const { line } = this.site.locator.locate(n.start)
    const js = `__M.include(__M_ctx, __M_template, ${file}, ${args}, ${line})`
    this.output(this.o.async ? this.awaitJs(js) : js, true, n.start)
  }

  /** Mako's `a=1, b=x` (and `...obj`, and bare `x`) as a JS object literal (the lexer parsed the list). */
  private objectArgs(attr: Attribute): string {
    const parts = attr.items!.map((item) => {
      const ast = item.ast
      if (ast.type === 'SpreadElement') return item.code
      if (ast.type === 'AssignmentExpression' && ast.operator === '=' && ast.left.type === 'Identifier') {
        return `${JSON.stringify(ast.left.name)}: (${stripComments(this.root.source.slice(nodeStart(ast.right), nodeEnd(ast.right)))})`
      }
      if (ast.type === 'Identifier') return ast.name
      syntaxError(this.site, 'bad_include_args', `Include args are name=expression pairs (or ...object): '${item.code}'`, item.start)
    })
    return `{ ${parts.join(', ')} }`
  }

  // ---------------------------------------------------------------- attributes

  /**
   * An attribute value as a JS expression: a literal string, or its `${}` parts (parsed by the
   * lexer) and the text around them; `trim` drops white space around the value.
   */
  attrExpression(attr: Attribute, trim = false): string {
    let parts = attr.parts
    if (!hasExpression(attr)) return JSON.stringify(trim ? attr.value.trim() : attr.value)
    if (trim) parts = parts.filter((x, i) => !(x.type === 'Text' && !x.value.trim() && (i === 0 || i === parts.length - 1)))
    if (parts.length === 1) return `(${(parts[0] as Expression).code})`
    return parts.map((x) => (x.type === 'Text' ? JSON.stringify(x.value) : `__M.s((${x.code}))`)).join(' + ')
  }

  /** `cached="True"` and friends: 'true', 'false', or a JS expression. */
  boolAttr(tag: Tag, name: string): string {
    const attr = tag.attributes[name]
    if (!attr) return 'false'
    const v = attr.value.trim()
    if (/^(true|1|yes)$/i.test(v)) return 'true'
    if (/^(false|0|no|none|)$/i.test(v)) return 'false'
    if (hasExpression(attr)) return `!!(${this.attrExpression(attr, true)})`
    compileError(this.site, 'bad_boolean', `Attribute '${name}' takes True or False, not '${v}'`, attr.start)
  }

  private cacheKey(tag: Tag, dflt: string): string {
    const attr = tag.attributes.cache_key
    if (!attr) return JSON.stringify(dflt)
    return this.attrExpression(attr)
  }

  /** `cache_*` of the page, then of the tag, without the prefix; `cache_timeout` as a number. */
  private cacheArgs(tag: Tag): string {
    const use: { region?: string; type?: string } = {}
    for (const t of this.a.page && this.a.page !== tag ? [this.a.page, tag] : [tag]) {
      for (const k of ['region', 'type'] as const) {
        const attr = t.attributes[`cache_${k}`]
        if (attr && !hasExpression(attr)) use[k] = attr.value.trim()
      }
    }
    this.cacheUses.push(use)
    const merged = new Map<string, string>()
    const add = (t: Tag) => {
      for (const [k, attr] of Object.entries(t.attributes)) {
        if (!k.startsWith('cache_') || k === 'cache_key') continue
        const name = k.slice(6)
        let js = this.attrExpression(attr)
        if (name === 'timeout') js = /^\s*\d+(\.\d+)?\s*$/.test(attr.value) ? String(Number(attr.value)) : `Number(${js})`
        merged.set(name, js)
      }
    }
    if (this.a.page && this.a.page !== tag) add(this.a.page)
    add(tag)
    // none: `undefined`, no object per call, and the runtime's hit fast path (cache/glue.ts)
    if (!merged.size) return 'undefined'
    return `{ ${[...merged].map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')} }`
  }
}

/** Whether a def's own code (not nested functions or defs) has a `return` with a value. */
/**
 * The body of a call of string-passing def `id` (see strDefs) with the arguments `__M_a`:
 * the buffer's string goes through it, emptied first so that an error writes nothing twice.
 */
function throughBuffer(id: string, ctx: string): string {
  return `const __M_w = ${ctx}._r.buf, __M_p = __M_w.s; __M_w.s = ''; const __M_r = ${id}__s(${ctx}, __M_p, ...__M_a); __M_w.s += __M_r; return '';`
}

/** Builtins that reach other templates' callables (whose pending Promises a generator would yield). */
const TEMPLATE_BUILTINS = new Set(['context', 'local', 'self', 'parent', 'next', 'caller', 'capture'])

/** Text, expressions, code and control lines only (no tag that calls or declares callables). */
function onlyDataNodes(nodes: TemplateNode[]): boolean {
  return nodes.every((n) => {
    if (n.type === 'ControlBlock') return n.branches.every((b) => onlyDataNodes(b.children))
    return n.type === 'Text' || n.type === 'Expression' || n.type === 'Code' || n.type === 'ControlStatement' || n.type === 'TextTag'
  })
}

/** A `return` in the function's own code (not in closures: anonymous blocks, call bodies). */
function hasReturn(nodes: TemplateNode[]): boolean {
  return nodes.some((c) => {
    if (c.type === 'Code') return !c.isModule && someNode(c.ast, (n) => n.type === 'ReturnStatement', true)
    if (c.type === 'ControlBlock') return c.branches.some((b) => hasReturn(b.children))
    return false
  })
}

function returnsValue(nodes: TemplateNode[]): boolean {
  return nodes.some((c) => {
    if (c.type === 'Code') return !c.isModule && someNode(c.ast, (n) => n.type === 'ReturnStatement' && !!n.argument, true)
    if (c.type === 'ControlBlock') return c.branches.some((b) => returnsValue(b.children))
    if (c.type === 'BlockTag' || c.type === 'CallTag' || c.type === 'CallNamespaceTag') return false
    return false
  })
}

function needsParens(e: ESTree.Expression): boolean {
  return e.type === 'SequenceExpression' || e.type === 'ConditionalExpression' || e.type === 'AssignmentExpression' || e.type === 'YieldExpression' || e.type === 'ArrowFunctionExpression' || e.type === 'LogicalExpression' || e.type === 'BinaryExpression'
}

/** Whether an attribute value has `${}` parts. */
function hasExpression(attr: Attribute): boolean {
  return attr.parts.some((x) => x.type === 'Expression')
}

/** Free names read by the `${}` parts of an attribute value. */
function collectAttrNames(attr: Attribute, into: Set<string>): void {
  for (const part of attr.parts) if (part.type === 'Expression') for (const n of freeNames(part.ast)) into.add(n)
}

/** Free names an attribute reads: its `${}` parts and the JS the lexer parsed in it. */
function attributeNames(attr: Attribute): Set<string> {
  const names = new Set<string>()
  collectAttrNames(attr, names)
  if (attr.expression) for (const n of freeNames(attr.expression.ast)) names.add(n)
  for (const item of attr.items ?? []) for (const n of freeNames(item.ast.type === 'SpreadElement' ? item.ast.argument : item.ast)) names.add(n)
  return names
}

const nodeStart = (n: ESTree.Node) => (n as unknown as acorn.Node).start
const nodeEnd = (n: ESTree.Node) => (n as unknown as acorn.Node).end

function parseExpressionSafe(code: string): ESTree.ModuleDeclaration[] | undefined {
  try {
    return (acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as ESTree.Program).body.filter((s) => s.type === 'ImportDeclaration') as ESTree.ImportDeclaration[]
  } catch {
    return undefined
  }
}

