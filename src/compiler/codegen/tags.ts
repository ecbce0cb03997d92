// Nodes: text, expressions, code, control lines and the tags that render (nested defs,
// anonymous and named blocks, calls, includes).
import { compileError } from '../errors.js'
import { mayCall, multilineLiterals } from '../js-names.js'
import type { Code, ControlBlock, ControlLine, Tag, TemplateNode } from '../nodes.js'
import type { AssetPieces } from '../assets.js'
import { Functions } from './functions.js'
import { hasReturn } from './util.js'
import { usesCaller } from '../analysis.js'

export abstract class Tags extends Functions {
  protected children(nodes: TemplateNode[]): void {
    for (const n of nodes) this.node(n)
  }

  protected node(n: TemplateNode): void {
    switch (n.type) {
      case 'Text':
        if (this.assets?.has(n)) return this.assetText(this.assets.get(n)!)
        this.text(n.value, n.start)
        return
      case 'Expression':
        return this.expression(n)
      case 'Code':
        if (n.isModule) return
        this.sync()
        this.checkAwait(n.ast, n.start)
        if (this.streamPoint([n.ast])) {
          this.codeBlock(n)
          this.streamPointEnd()
        } else this.codeBlock(n)
        return
      case 'ControlBlock':
        return this.controlBlock(n)
      case 'ControlStatement':
        this.flush()
        this.p.line(`${n.keyword};`, n.start)
        return
      case 'TextTag': {
        if (n.keyword === 'doc') return
        const value = (n.children[0] as { value?: string } | undefined)?.value ?? ''
        if (!n.attributes.filter) this.text(value, n.start)
        else this.output(this.applyFilters(JSON.stringify(value), this.filterList(n.attributes.filter), true), true, n.start)
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

  /** A control line's condition with the missing-name check (memberChecks). */
  private checked(b: ControlLine): string {
    return b.test ? this.memberChecks(b.test, b.code, 0, b.codeStart).code : b.code
  }

  /** A `<% %>` block, with the missing-name check; multi-line literals keep their text. */
  private codeBlock(n: Code): void {
    const literals = multilineLiterals(n.ast, n.code)
    const { code, shift } = this.memberChecks(n.ast, n.code, 0, n.codeStart)
    if (code === n.code) this.p.code(code, n.codeStart, literals)
    else this.p.code(code, n.codeStart, literals.map(([s, e]) => [shift(s), shift(e)] as [number, number]), n.code)
  }

  /** Text with asset URLs: the imported URL (a constant string, like text) in place of each. */
  protected assetText(pieces: AssetPieces extends Map<unknown, infer P> ? P : never): void {
    for (const piece of pieces) {
      if ('text' in piece) {
        if (piece.text) this.text(piece.text, piece.at)
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

  protected controlBlock(n: ControlBlock): void {
    if (n.branches.some((b) => (b.test && mayCall(b.test)) || (b.iterable && mayCall(b.iterable.ast)))) this.sync()
    else this.flush()
    // (waits counted over the whole block: `% while await more():` awaits at every turn)
    if (this.streamPoint(n.branches.map((b) => b.test ?? b.iterable?.ast))) {
      this.controlBlockBody(n)
      this.streamPointEnd()
    } else this.controlBlockBody(n)
  }

  private controlBlockBody(n: ControlBlock): void {
    const { p } = this
    if (n.keyword === 'for') return this.forLoop(n)
    if (n.keyword === 'try' && n.branches.length === 1) compileError(this.site, 'bad_try', "'% try' needs '% except' or '% finally'", n.start)
    const f = n.keyword === 'while' ? this.chunkStart() : undefined
    for (let i = 0; i < n.branches.length; i++) {
      const b = n.branches[i]
      if (b.test) this.checkAwait(b.test, b.start)
      const close = i === 0 ? '' : '} '
      switch (b.keyword) {
        case 'if': p.line(`if (${this.mark(b.codeStart)}${this.checked(b)}) {`, b.start); break
        case 'elif': p.line(`${close}else if (${this.mark(b.codeStart)}${this.checked(b)}) {`, b.start); break
        case 'else': p.line(`${close}else {`, b.start); break
        case 'while': p.line(`while (${this.mark(b.codeStart)}${this.checked(b)}) {`, b.start); break
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
  protected controlBody(children: TemplateNode[], chunk?: string): void {
    this.p.indent()
    this.dirty = true
    this.children(children)
    this.flush()
    if (chunk) this.chunk(chunk)
    this.p.dedent()
  }

  protected forLoop(n: ControlBlock): void {
    const { p } = this
    const b = n.branches[0]
    this.checkAwait(b.iterable!.ast, b.start)
    const target = b.target!.code
    const iterable = this.mark(b.iterable!.start) + this.memberChecks(b.iterable!.ast, b.iterable!.code, 0, b.iterable!.start).code
    if (this.o.async) return this.asyncForLoop(b, target, iterable)
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
  /**
   * Async mode's `% for`: over sync iterables as `for...of` (no Promise per item), over async
   * iterables and Promises as `for await` (SPEC 6), through `__M.aiter` or an async
   * LoopContext: each step gives an item, `__M.DONE`, or `__M.NEXT` when the item is pending
   * (awaited through pendingAwait: a streamed render hands out what the loop wrote so far).
   * The iterator is closed when the loop is left early, as `for...of` closes it.
   */
  private asyncForLoop(b: ControlBlock['branches'][number], target: string, iterable: string): void {
    const { p } = this
    const id = ++this.loopId
    const withLoop = b.usesLoop && this.a.enableLoop
    const it = withLoop ? `__M_loop${id}` : `__M_it${id}`
    const x = `__M_x${id}`
    const [step, pending, close] = withLoop ? ['_step', '_p', '_close'] : ['next', 'p', 'close']
    p.line(`{`, b.start)
    p.indent()
    if (withLoop) p.line(`const ${it} = new __M.AsyncLoopContext(${iterable}, ${this.loops.length ? this.loops[this.loops.length - 1] : 'undefined'});`, b.iterable!.start)
    else p.line(`const ${it} = __M.aiter(${iterable});`, b.iterable!.start)
    const f = this.chunkStart()
    p.line('try {')
    p.indent()
    p.line('for (;;) {')
    p.indent()
    p.line(`let ${x} = ${it}.${step}();`)
    p.line(`if (${x} === __M.NEXT) ${this.pendingAwait(x, `${it}.${pending}`)}`)
    p.line(`if (${x} === __M.DONE) break;`)
    p.line(`const ${target} = ${x};`, b.start)
    if (withLoop) {
      p.line(`const loop = ${it};`)
      this.loops.push(it)
    }
    this.dirty = true
    this.children(b.children)
    this.flush()
    this.chunk(f)
    if (withLoop) this.loops.pop()
    p.dedent()
    p.line('}')
    p.dedent()
    p.line(`} finally { const __M_c${id} = ${it}.${close}(); if (__M_c${id} !== undefined) ${this.gen ? 'yield' : 'await'} __M_c${id}; }`)
    p.dedent()
    p.line('}')
    this.dirty = true
  }


  protected nestedDef(n: Tag): void {
    this.asyncNested(() => this.nestedDefAsync(n))
  }

  protected nestedDefAsync(n: Tag): void {
    const { p } = this
    this.flush()
    const info = this.a.closures.get(n)!
    const name = n.attributes.name.signature!.name
    const cached = this.boolAttr(n, 'cached')
    const decorated = !!n.attributes.decorator
    const fname = cached !== 'false' || decorated ? `__M_${name}__impl` : name
    p.line(`${this.A}function ${fname}(${info.params!.code.trim()}) {`, n.start)
    p.indent()
    this.takeCaller(info.usesCaller ?? usesCaller(n.children), hasReturn(n.children))
    if (!this.closureBody(n)) p.line(`return '';`)
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
    if (decorated) p.line(`const ${name} = __M.decorateInline(__M_ctx, ${this.mark(n.attributes.decorator.expression!.start)}${n.attributes.decorator.expression!.code}, ${current}, ${JSON.stringify(name)});`)
  }

  protected block(n: Tag): void {
    const { p } = this
    const fn = this.a.fnOf.get(n)
    if (fn) {
      // a named block renders through `self`, unless an ancestor template will render it
      this.sync()
      const js = `__M.renderBlock(__M_ctx, ${JSON.stringify(fn.name)}, pageargs)`
      // async: '' when a template up the chain renders the block (nothing was called): no await
      // (as for a def call that finished, values.ts), which would cost a Promise tick
      if (this.o.async) p.line(`{ const __M_r = ${js}; if (__M_r !== '') ${this.awaitJs('__M_r')}; }`, n.start)
      else p.line(`${js};`, n.start)
      return
    }
    this.flush()
    const name = `__M_anon_${++this.anon}`
    const cached = this.boolAttr(n, 'cached')
    const impl = cached !== 'false' ? `${name}__impl` : name
    this.asyncNested(() => {
      p.line(`${this.A}function ${impl}() {`, n.start)
      p.indent()
      if (!this.closureBody(n)) p.line(`return '';`)
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
  protected call(n: Tag): void {
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
    if (n.type === 'CallTag') expr = this.mark(n.attributes.expr.expression!.start) + n.attributes.expr.expression!.code
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

  protected include(n: Tag): void {
    const file = this.fileTarget(n, 'include', false)
    const args = n.attributes.args ? this.objectArgs(n.attributes.args) : '{}'
    const { line } = this.site.locator.locate(n.start)
    const js = `__M.include(__M_ctx, __M_template, ${file}, ${args}, ${line})`
    this.output(this.o.async ? this.awaitJs(js) : js, true, n.start)
  }
}
