// Functions: the body, top-level defs and named blocks (prologue, parameters, caching,
// decorators, buffered/filtered wrappers), their generator (async) and string-passing (sync)
// forms.
import type { ParamList } from '../js.js'
import { namespaceName, type FnInfo } from '../analyze.js'
import type { Tag, TemplateNode } from '../nodes.js'
import { Values } from './values.js'
import { collectAttrNames, hasReturn, onlyDataNodes, TEMPLATE_BUILTINS, throughBuffer } from './util.js'

export abstract class Functions extends Values {
  protected function(info: FnInfo): void {
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
    let returned = false
    if (wrapped) {
      this.prologue(info, isBody)
      returned = this.wrappedBody(node!, () => this.children(children))
    } else {
      // the frame opens first: the prologue's names are declared inside its try block
      const saved = this.openFrame()
      this.prologue(info, isBody)
      this.children(children)
      this.closeFrame(saved)
    }
    if (!returned) p.line(`return '';`)
    p.dedent()
    p.line('}')
    this.gen = false

    if (cached !== 'false') {
      const key = this.cacheKey(cacheTag!, isBody ? 'render_body' : `render_${info.name}`)
      const args = this.cacheArgs(cacheTag!)
      // a def whose parameters are plain names: the wrapper takes them as they are (no rest
      // array, no destructuring), and makes the render closure only on a miss
      const own = info.kind === 'def' && !lateParams && info.params!.params.every((x) => x.name && !x.rest && x.defaultCode === undefined)
      const ownArgs = own ? info.params!.params.map((x) => x.name!).join(', ') : ''
      const call = isBody || info.kind === 'block' ? `${implId}(__M_ctx, pageargs)` : own ? `${implId}(__M_ctx${ownArgs ? ', ' + ownArgs : ''})` : `${implId}(__M_ctx, ...__M_a)`
      const sig2 = isBody || info.kind === 'block' ? '__M_ctx, pageargs = {}' : own ? sig : '__M_ctx, ...__M_a'
      const target = node && node.attributes.decorator ? `${info.id}__cached` : info.id
      const buffered = node ? this.boolAttr(node, 'buffered') : 'false'
      p.line(`function ${target}(${sig2}) {`)
      p.indent()
      this.pullForCacheKey(cacheTag!, own)
      if (cached !== 'true') p.line(`if (!(${cached})) return ${call};`)
      if (own && args === 'undefined') {
        p.line(`const __M_k = ${key};`)
        p.line(`return __M.cacheHit(__M_ctx, __M_template, __M_k, ${buffered}) ?? __M.cached(__M_ctx, __M_template, __M_k, null, () => ${call}, ${buffered});`)
      } else p.line(`return __M.cached(__M_ctx, __M_template, ${key}, ${args}, () => ${call}, ${buffered});`)
      p.dedent()
      p.line('}')
      if (node && node.attributes.decorator) p.line(`const ${info.id} = __M.decorateToplevel(${this.mark(node.attributes.decorator.expression!.start)}${node.attributes.decorator.expression!.code}, ${target}, ${JSON.stringify(info.name)});`)
    } else if (node && node.attributes.decorator) {
      p.line(`const ${info.id} = __M.decorateToplevel(${this.mark(node.attributes.decorator.expression!.start)}${node.attributes.decorator.expression!.code}, ${implId}, ${JSON.stringify(info.name)});`)
    }
  }

  /** Names that `${}` in `cached` / `cache_*` read, for a cached wrapper whose only
   * parameters are `...__M_a`: the def's parameters re-bound, the rest from the context. */
  protected cacheAttrNames(tag: Tag): Set<string> {
    const names = new Set<string>()
    for (const [k, attr] of Object.entries(tag.attributes)) {
      if (k.startsWith('cache_') || k === 'cached') collectAttrNames(attr, names)
    }
    return names
  }

  /** A cached wrapper whose key reads the callable's parameters binds them as its body
   * does: a def's list over `__M_a` (defaults, rest, patterns), page and block args from
   * `pageargs` with their defaults. Defaults are evaluated after the names they read. */
  protected bindParams(params: ParamList | undefined, names: Set<string>, fromPageargs = false): void {
    if (!params || !params.code.trim() || !params.names.some((n) => names.has(n))) return
    if (fromPageargs) this.pageargLines(params)
    else this.p.line(`let [${params.code.trim()}] = __M_a;`)
  }

  /** `<%page args>` / block args: each from `pageargs`, else its default; a page arg without
   * a default that the body was not given is a TypeError, as a missing argument of Mako's
   * `render_body(context, x, **pageargs)` is; a block arg falls back to the context. */
  protected pageargLines(args: ParamList, page = args === this.a.pageArgs): void {
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

  protected pullForCacheKey(tag: Tag, paramsBound = false): void {
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
    if (!paramsBound) this.bindParams(params, names, info.kind !== 'def')
  }

  protected prologue(info: FnInfo, isBody: boolean): void {
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
    for (const n of [...info.wrappedDefs].sort()) {
      const id = (a.topDefs.get(n) ?? a.blocks.get(n))!.id
      const ctx = this.fn.defCtx
      // a string-passing def: the buffer's string through it (as its wrapper does, one frame less)
      if (this.strDefs.has(id)) p.line(`const ${n} = (...__M_a) => { ${throughBuffer(id, ctx)} };`)
      else p.line(`const ${n} = (...__M_a) => ${id}(${ctx}, ...__M_a);`)
    }
  }

  /** Defs and blocks whose output goes through a buffer: buffered, filtered (cached wraps outside). */
  protected needsWrapper(node: Tag): boolean {
    return this.boolAttr(node, 'buffered') !== 'false' || !!node.attributes.filter
  }

  /** A body whose output is captured, then filtered and written or returned; true when it ends in a `return`. */
  protected wrappedBody(node: Tag, emit: () => void): boolean {
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
      return false
    }
    let ret = value
    if (this.o.bufferFilters.length) ret = this.applyFilters(value, this.o.bufferFilters.map((f) => ({ code: f, start: node.start })), false)
    // text its own filters escaped is returned as Markup (as markupsafe's escape returns), so
    // that `${d()}` does not escape it again
    else if (node.attributes.filter && this.endsEscaped(this.filterList(node.attributes.filter))) ret = `new __M.Markup(${value})`
    if (buffered === 'true') p.line(`return ${ret};`)
    else p.line(`if (${buffered}) return ${ret}; __M_outer.s += ${value};`)
    return buffered === 'true'
  }

  /**
   * The top-level defs that can also be generators (async mode). A generator suspended at a
   * `yield` is missing from async stack traces (they follow awaits), so only defs whose yields
   * can only be for data are taken: none of `self`/`local`/`parent`/`next`/`caller`/`capture`/
   * `context`, namespaces, includes, calls, blocks or nested defs, and direct calls only to
   * defs that qualify too; not cached or decorated (those wrap the async function); and no
   * `await` or `yield` written in it (the analysis's mayWait, erring on the safe side).
   */
  protected generatorDefs(): Set<string> {
    const candidates = new Map<string, FnInfo>()
    for (const fn of this.a.functions) {
      const node = fn.node
      if (fn.kind !== 'def' || !node || fn.namespace !== undefined || fn.importStar || fn.usesNamespaces.size) continue
      if (node.attributes.decorator || this.boolAttr(node, 'cached') !== 'false') continue
      if ([...fn.builtins].some((b) => TEMPLATE_BUILTINS.has(b))) continue
      if (fn.mayWait || !onlyDataNodes(node.children)) continue
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
  protected stringEligible(fn: FnInfo): boolean {
    const node = fn.node
    if (fn.kind !== 'def' || !node || fn.namespace !== undefined || this.needsWrapper(node)) return false
    if (node.attributes.decorator || this.boolAttr(node, 'cached') !== 'false') return false
    return !hasReturn(node.children)
  }

  /** The def as `__s` (see strDefs) and the def itself as a wrapper over the buffer's string. */
  protected stringDef(info: FnInfo, sig: string, children: TemplateNode[], offset: number): void {
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

  /** The inside of a closure (nested def, anonymous block): buffer, then children, maybe wrapped; true when it ends in a `return`. */
  protected closureBody(n: Tag): boolean {
    if (this.needsWrapper(n)) return this.wrappedBody(n, () => this.children(n.children))
    const saved = this.openFrame()
    this.children(n.children)
    this.closeFrame(saved)
    return false
  }
}
