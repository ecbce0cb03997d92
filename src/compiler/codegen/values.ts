// Values: `${}` expressions, their filters and UNDEFINED checks, attribute values, cache
// arguments, `file=` targets.
import type * as ESTree from 'estree'
import { compileError, syntaxError } from '../errors.js'
import { hasTopLevelAwait, mayCall, someChild } from '../js-names.js'
import { stripComments } from '../js-tokens.js'
import { BUILTIN_FILTERS, type Attribute, type Expression, type Tag } from '../nodes.js'
import { Emitter } from './emitter.js'
import { collectAttrNames, hasExpression, JS_GLOBALS, needsParens, nodeEnd, nodeStart, returnsValue, STRING_FILTERS, type Dependency } from './util.js'

export abstract class Values extends Emitter {
  protected pullExpr(name: string): string {
    if (this.o.strictUndefined) return `__M.getStrict(__M_ctx._data, ${JSON.stringify(name)}, __M_uri)`
    if (this.fn.info.importStar) return `__M.getStar(__M_ctx, __M_template, ${JSON.stringify(name)})`
    return `__M.get(__M_ctx._data, ${JSON.stringify(name)})`
  }

  /**
   * `${row(r)}` calling this template's plain def: the def writes its output and yields ''
   * (STOP_RENDERING is '' too), so with built-in filters only, the call is a statement.
   */
  protected plainDefCall(e: Expression, filters: { code: string }[]): string | undefined {
    const ast = e.ast as ESTree.Expression & { optional?: boolean }
    if (ast.type !== 'CallExpression' || ast.optional || ast.callee.type !== 'Identifier' || !e.directDefs?.has(ast.callee.name)) return
    if (filters.some((f) => !(f.code in BUILTIN_FILTERS))) return
    const node = this.a.topDefs.get(ast.callee.name)!.node!
    if (this.boolAttr(node, 'buffered') !== 'false' || node.attributes.decorator || returnsValue(node.children)) return
    const code = this.checkMemberRoots(e, e.code)
    return code === e.code ? undefined : code
  }

  protected expression(e: Expression): void {
    this.checkAwait(e.ast, e.start)
    if (this.streamPoint([e.ast])) {
      this.expressionValue(e)
      this.streamPointEnd()
      return
    }
    this.expressionValue(e)
  }

  private expressionValue(e: Expression): void {
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
    this.awaitPending(v, e.start)
    let ref = v
    if (e.ast.type === 'Identifier' && (this.fn.info.pulled.has(e.ast.name) || this.a.argChecks.has(e))) {
      const { line } = this.site.locator.locate(e.codeStart)
      ref = `(${v} === undefined ? __M.undef(${JSON.stringify(e.ast.name)}, __M_uri, ${line}, __M_ctx._data${this.a.argChecks.has(e) ? ', pageargs' : ''}) : ${v})`
    }
    const out = this.applyFilters(ref, filters, true)
    if (filters.some((f) => !(f.code in BUILTIN_FILTERS))) {
      const w = `__M_v${this.tmp++}`
      this.p.line(`let ${w} = ${out};`, e.start)
      this.awaitPending(w, e.start)
      this.pending.push({ js: `__M.s(${w})`, at: e.start })
    } else this.pending.push({ js: out, at: e.start })
  }

  /**
   * `${user.name}` with `user` undefined: the error names `user` (reading a property of
   * UNDEFINED would silently give undefined). Root identifiers of member chains that are
   * context names get a check; nothing else is touched.
   */
  protected checkMemberRoots(e: Expression, code: string): string {
    return this.memberChecks(e.ast, code, e.astBase, e.codeStart, e.directDefs).code
  }

  /**
   * The same missing-name check on any JavaScript fragment (`${}`, control lines, `<% %>`
   * code): `code` with a check around each context name read as the root of a member chain
   * (`ast`'s offsets count from `base`; `at` is the template offset where `code` starts);
   * `direct`: names of top-level defs called directly (`${}` only). `shift` maps an offset of
   * `code` to the same place in the result.
   */
  protected memberChecks(ast: unknown, code: string, base: number, at: number, direct?: Set<string>): { code: string; shift: (offset: number) => number } {
    type Node = { type?: string; start: number; end: number; name?: string; object?: Node; callee?: Node; optional?: boolean }
    const edits: { start: number; end: number; text: string }[] = []
    const pulled = this.fn.info.pulled
    const visit = (n: unknown): void => {
      if (!n || typeof n !== 'object') return
      if (Array.isArray(n)) return n.forEach(visit)
      const node = n as Node
      const obj = node.object
      if (node.type === 'MemberExpression' && !node.optional && obj?.type === 'Identifier' && pulled.has(obj.name!) && !JS_GLOBALS.has(obj.name!)) {
        const { line } = this.site.locator.locate(at + obj.start - base)
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
      // (functions and classes have scopes of their own: their parameters may shadow a context name)
      if (node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration' || node.type === 'ClassExpression') return
      if (typeof node.type === 'string') someChild(node as unknown as { type: string } & Record<string, unknown>, (child) => { visit(child); return false })
      else for (const k in node) if (k !== 'type' && k !== 'start' && k !== 'end') visit((node as Record<string, unknown>)[k])
    }
    visit(ast)
    if (!edits.length) return { code, shift: (o) => o }
    // (the code's comments are blanked, not removed: the AST's offsets hold in it)
    let out = code
    edits.sort((a, b) => b.start - a.start || b.end - a.end)
    for (const ed of edits) out = out.slice(0, ed.start) + ed.text + out.slice(ed.end)
    const shift = (o: number) => {
      let d = 0
      for (const ed of edits) if (ed.end <= o) d += ed.text.length - (ed.end - ed.start)
      return o + d
    }
    return { code: out, shift }
  }

  /** Default filters, then the page's expression_filter, then the expression's own (SPEC 5). */
  protected expressionFilters(e: { filters: { code: string; start: number }[] }): { code: string; start: number }[] {
    const own = e.filters.filter((f) => !f.code.startsWith('decode.'))
    if (own.some((f) => f.code === 'n')) return own.filter((f) => f.code !== 'n')
    const page = this.a.page?.attributes.expression_filter
    const pageFilters = page ? this.filterList(page) : []
    const pageOff = pageFilters.some((f) => f.code === 'n')
    const defaults = pageOff ? [] : this.o.defaultFilters.map((f) => ({ code: f, start: 0 }))
    return [...defaults, ...pageFilters.filter((f) => f.code !== 'n'), ...own]
  }

  /** A `filter=` / `expression_filter=` list (parsed by the lexer). */
  protected filterList(attr: Attribute): { code: string; start: number }[] {
    return attr.items!.map((item) => ({ code: item.code, start: item.start })).filter((f) => !f.code.startsWith('decode.'))
  }

  /** `value` through `filters` in order; ends in a string unless `toString` is false. */
  protected applyFilters(value: string, filters: { code: string; start: number }[], toString: boolean): string {
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
  protected endsEscaped(filters: { code: string }[]): boolean {
    let escaped = false
    for (const f of filters) {
      if (f.code === 'n' || f.code.startsWith('decode.')) continue
      const builtin = BUILTIN_FILTERS[f.code]
      escaped = builtin === 'h' || (escaped && builtin === 'trim')
    }
    return escaped
  }

  /** Mako's `a=1, b=x` (and `...obj`, and bare `x`) as a JS object literal (the lexer parsed the list). */
  protected objectArgs(attr: Attribute): string {
    const parts = attr.items!.map((item) => {
      const ast = item.ast
      if (ast.type === 'SpreadElement') return this.mark(item.start) + item.code
      if (ast.type === 'AssignmentExpression' && ast.operator === '=' && ast.left.type === 'Identifier') {
        return `${JSON.stringify(ast.left.name)}: (${this.mark(nodeStart(ast.right))}${stripComments(this.root.source.slice(nodeStart(ast.right), nodeEnd(ast.right)))})`
      }
      if (ast.type === 'Identifier') return this.mark(item.start) + ast.name
      syntaxError(this.site, 'bad_include_args', `Include args are name=expression pairs (or ...object): '${item.code}'`, item.start)
    })
    return `{ ${parts.join(', ')} }`
  }

  // ---------------------------------------------------------------- attributes

  /**
   * An attribute value as a JS expression: a literal string, or its `${}` parts (parsed by the
   * lexer) and the text around them; `trim` drops white space around the value.
   */
  protected attrExpression(attr: Attribute, trim = false): string {
    let parts = attr.parts
    if (!hasExpression(attr)) return JSON.stringify(trim ? attr.value.trim() : attr.value)
    // (sync mode: `file="${await x}"` would be invalid output; the error instead)
    for (const x of parts) if (x.type === 'Expression') this.checkAwait(x.ast, x.start)
    if (trim) parts = parts.filter((x, i) => !(x.type === 'Text' && !x.value.trim() && (i === 0 || i === parts.length - 1)))
    if (parts.length === 1) return `(${this.mark(parts[0].start)}${(parts[0] as Expression).code})`
    return parts.map((x) => (x.type === 'Text' ? JSON.stringify(x.value) : `__M.s((${this.mark(x.start)}${x.code}))`)).join(' + ')
  }

  /** `cached="True"` and friends: 'true', 'false', or a JS expression. */
  protected boolAttr(tag: Tag, name: string): string {
    const attr = tag.attributes[name]
    if (!attr) return 'false'
    const v = attr.value.trim()
    if (/^(true|1|yes)$/i.test(v)) return 'true'
    if (/^(false|0|no|none|)$/i.test(v)) return 'false'
    if (hasExpression(attr)) return `!!(${this.attrExpression(attr, true)})`
    compileError(this.site, 'bad_boolean', `Attribute '${name}' takes True or False, not '${v}'`, attr.start)
  }

  protected cacheKey(tag: Tag, dflt: string): string {
    const attr = tag.attributes.cache_key
    if (!attr) return JSON.stringify(dflt)
    return this.attrExpression(attr)
  }

  /** `cache_*` of the page, then of the tag, without the prefix; `cache_timeout` as a number. */
  protected cacheArgs(tag: Tag): string {
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

  /** `file=` of inherit/include/namespace: a static string or a `${}` expression. */
  protected fileTarget(tag: Tag, kind: Dependency['kind'], asFunction: boolean): string {
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
    // inherit/namespace targets are found synchronously, before the body runs (include's, in the body, may wait)
    if (asFunction && this.o.async) {
      for (const x of attr.parts) if (x.type === 'Expression' && hasTopLevelAwait(x.ast)) syntaxError(this.site, 'await_in_target', `'await' in the file= of <%${tag.keyword}>: the target is found before the template body runs; pass the uri in the data instead`, x.start)
    }
    const expr = this.attrExpression(attr)
    if (!asFunction) return expr
    // a `${}` target evaluated in the render's context: pull its names
    const names = new Set<string>()
    collectAttrNames(attr, names)
    const pulls = [...names].filter((n) => !this.a.moduleNames.has(n)).map((n) => `${n} = ${n === 'context' ? '__M_ctx' : n === 'UNDEFINED' ? '__M_U' : `__M.get(__M_ctx._data, ${JSON.stringify(n)})`}`)
    return `(__M_ctx) => { ${pulls.length ? `const ${pulls.join(', ')}; ` : ''}return ${expr}; }`
  }
}
