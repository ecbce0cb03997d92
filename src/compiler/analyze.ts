// Scope analysis: which names each render function declares, reads from the context, or
// takes from the runtime; the template's defs, blocks, page, inherit and namespaces.
import type * as ESTree from 'estree'
import { compileError, nameConflict, syntaxError, type ErrorSite } from './errors.js'
import { mayWait, namesCache, SELF_NAMES, templateFacts, usesCaller } from './analysis.js'
import { type ParamList, parseExpression, parseProgram } from './js.js'
import { declaredNames, freeNames, isPlainName, onlyCalled, patternNames, RESERVED_WORDS } from './js-names.js'
import {
  BUILTIN_FILTERS, BUILTIN_NAMES, RESERVED_NAMES, type Code, type ControlLine, type Expression, type ListItem, type Tag, type TemplateNode, type TemplateRoot,
} from './nodes.js'

/** A render function of the generated module: the body, a top-level def or a named block. */
export interface FnInfo {
  kind: 'body' | 'def' | 'block'
  name: string
  /** generated function name */
  id: string
  node?: Tag
  params?: ParamList
  /** names read from the context when the function starts */
  pulled: Set<string>
  /** runtime-provided names the function (or its closures) uses */
  builtins: Set<string>
  /** top-level defs and blocks it names */
  usesDefs: Set<string>
  /**
   * those of usesDefs it binds a wrapper for: read other than as a plain call of a top-level
   * def in `${}` (`${row(r)}`, which codegen rewrites to call the def's function itself)
   */
  wrappedDefs: Set<string>
  /** names declared at function level */
  declared: Set<string>
  /** body only: its names that top-level defs read, passed to them through a locals context */
  localsForDefs: string[]
  /** `loop` read outside any `% for` */
  loopOutside: boolean
  /** the namespace-import ('*') lookups: names to look for in imported namespaces first */
  importStar: boolean
  /** namespace names and names imported from namespaces that it uses */
  usesNamespaces: Set<string>
  /** for defs of an inline `<%namespace>`: its name */
  namespace?: string
  /** defs of an inline `<%namespace>`: the other defs of that namespace it calls by name */
  usesSiblings?: Set<string>
  /** a def: its JavaScript may `await` or `yield` (or names either), nested defs included */
  mayWait?: boolean
}

/** A `<%def>` nested in a function, a `<%call>` body or an anonymous block: a closure. */
export interface ClosureInfo {
  params?: ParamList
  /** defs declared in a call body: members of its `caller` namespace */
  callerDefs?: Tag[]
  /** a nested def: its body reads `caller` (defs nested in it not counted) */
  usesCaller?: boolean
}

export interface Analysis {
  page?: Tag
  pageArgs?: ParamList
  moduleCode: Code[]
  moduleNames: Set<string>
  body: FnInfo
  functions: FnInfo[]
  /** by tag, for defs and named blocks compiled as top-level functions */
  fnOf: Map<Tag, FnInfo>
  closures: Map<Tag, ClosureInfo>
  topDefs: Map<string, FnInfo>
  blocks: Map<string, FnInfo>
  inherit?: Tag
  namespaces: Tag[]
  includes: Tag[]
  enableLoop: boolean
  reserved: string[]
  anonymousCount: number
  /** module-level names bound to namespaces: `name` -> the tag, and the member for `import="a, b"` */
  nsNames: Map<string, { tag: Tag; member?: string }>
  /** `${title}` of a page or block arg without a default: named when rendered missing */
  argChecks: Set<Expression>
  /** template-level facts read off the tree (analysis.ts): cacheTypes, usesCache, reachesSelf */
  cacheTypes: string[]
  usesCache: boolean
  reachesSelf: boolean
}

export interface AnalyzeOptions {
  imports: string[]
  enableLoop: boolean
  strictUndefined: boolean
  async: boolean
}

class Scope {
  readonly names = new Set<string>()
  constructor(
    readonly parent: Scope | undefined,
    readonly fn: FnInfo | undefined,
    /** a `% for` branch whose body this scope is */
    readonly forBranch?: ControlLine,
    /** the scope of a nested def or a call body */
    readonly closure = false,
    /** an inline `<%namespace>`'s scope: its defs, which see each other (closures in Mako) */
    readonly siblings?: Map<string, FnInfo>,
  ) {}
}

/** A `<%namespace>`'s name: its `name`, or one made from its place for an anonymous one. */
export function namespaceName(a: Analysis, tag: Tag): string {
  return tag.attributes.name?.value.trim() ?? `__M_anon_ns_${a.namespaces.indexOf(tag)}`
}

/** The page or block args without a default (a missing one is UNDEFINED, as a missing name is). */
function requiredArgs(params: ParamList): Set<string> {
  return new Set(params.params.filter((x) => x.name && !x.rest && x.defaultCode === undefined).map((x) => x.name!))
}

export function analyze(root: TemplateRoot, site: ErrorSite, options: AnalyzeOptions): Analysis {
  return new Analyzer(site, options).run(root)
}

function newFn(kind: FnInfo['kind'], name: string, id: string, node?: Tag): FnInfo {
  return {
    kind, name, id, node, pulled: new Set(), builtins: new Set(), usesDefs: new Set(), wrappedDefs: new Set(), declared: new Set(),
    localsForDefs: [], loopOutside: false, importStar: false, usesNamespaces: new Set(),
  }
}

class Analyzer {
  private a!: Analysis
  private module!: Scope
  private anon = 0
  /** the body's and named blocks' scopes: their args without a default */
  private readonly requiredArgs = new Map<Scope, Set<string>>()
  constructor(private readonly site: ErrorSite, private readonly options: AnalyzeOptions) {}

  run(root: TemplateRoot): Analysis {
    const body = newFn('body', 'body', '__M_render_body')
    this.a = {
      moduleCode: [], moduleNames: new Set(), body, functions: [body], fnOf: new Map(), closures: new Map(),
      topDefs: new Map(), blocks: new Map(), namespaces: [], includes: [], enableLoop: this.options.enableLoop,
      reserved: [], anonymousCount: 0, nsNames: new Map(), argChecks: new Set(), ...templateFacts(root),
    }
    this.module = new Scope(undefined, undefined)
    // first: the template-level declarations (page, module code, inherit, namespaces, top-level defs, blocks)
    this.collectTopLevel(root.children, false)
    const page = this.a.page
    if (page?.attributes.enable_loop) this.a.enableLoop = /^(true)$/i.test(page.attributes.enable_loop.value.trim())
    this.a.reserved = RESERVED_NAMES.filter((n) => n !== 'loop' || this.a.enableLoop)
    const moduleLexical = new Set<string>()
    for (const c of this.a.moduleCode) {
      for (const n of lexicalNames(c.ast)) {
        if (moduleLexical.has(n)) syntaxError(this.site, 'duplicate_declaration', `Identifier '${n}' has already been declared`, c.codeStart)
        moduleLexical.add(n)
      }
      for (const n of this.guard(c.start, () => declaredNames(c.ast))) {
        this.declare(this.module, n, c.start)
        this.a.moduleNames.add(n)
      }
    }
    for (const fn of this.a.topDefs.values()) this.module.names.add(fn.name)
    for (const fn of this.a.blocks.values()) this.module.names.add(fn.name)
    for (const imp of this.options.imports) {
      try {
        for (const n of declaredNames(parseProgram(this.site, imp, 0, 'imports option'))) this.module.names.add(n)
      } catch {
        compileError(this.site, 'bad_imports_option', `Invalid entry in the imports option: ${imp}`, 0)
      }
    }
    for (const ns of this.a.namespaces) {
      const name = namespaceName(this.a, ns)
      if (ns.attributes.name) {
        this.module.names.add(name)
        this.a.nsNames.set(name, { tag: ns })
      }
      const imp = ns.attributes.import?.value.trim()
      if (imp && imp !== '*') {
        for (const n of imp.split(',').map((s) => s.trim()).filter(Boolean)) {
          this.module.names.add(n)
          this.a.nsNames.set(n, { tag: ns, member: n })
        }
      }
      for (const c of ns.children) {
        if (c.type !== 'DefTag') continue
        const { name: dn, params } = this.defSignature(c)
        const fn = newFn('def', dn, `__M_ns_${name.replace(/^__M_/, '')}_${dn}`, c)
        fn.params = params
        fn.namespace = name
        this.a.fnOf.set(c, fn)
        this.a.functions.push(fn)
      }
    }
    const importStar = this.a.namespaces.some((ns) => ns.attributes.import?.value.trim() === '*')
    // the body
    const bodyScope = new Scope(this.module, body)
    if (page?.attributes.args) {
      this.a.pageArgs = page.attributes.args.params!
      this.checkNamedArgs(this.a.pageArgs, page.attributes.args.start, 'page args')
      for (const n of this.a.pageArgs.names) this.declare(bodyScope, n, page.attributes.args.start)
      this.requiredArgs.set(bodyScope, requiredArgs(this.a.pageArgs))
    }
    bodyScope.names.add('pageargs')
    if (this.a.pageArgs) for (const n of this.a.pageArgs.free) this.use(bodyScope, n)
    this.walkFunction(root.children, bodyScope)
    // the page's expression_filter runs in every render function
    const ef = page?.attributes.expression_filter
    if (ef) {
      for (const fn of this.a.functions) {
        const s = new Scope(this.module, fn)
        if (fn.params) for (const n of fn.params.names) s.names.add(n)
        this.useFilterList(s, ef.items!)
      }
    }
    for (const fn of this.a.functions) fn.importStar = importStar
    // (async mode: which defs may be written as generators, see codegen's generatorDefs)
    if (this.options.async) for (const fn of this.a.functions) if (fn.kind === 'def' && fn.node) fn.mayWait = mayWait(fn.node.children)
    // names the body shares with the top-level defs it may call
    const wanted = new Set<string>()
    for (const fn of this.a.functions) if (fn.kind === 'def') for (const n of fn.pulled) wanted.add(n)
    body.localsForDefs = [...new Set([...body.declared, ...body.pulled])].filter((n) => wanted.has(n) && n !== 'pageargs').sort()
    this.a.anonymousCount = this.anon
    // a function using `self`, `local`, `context`... may reach the template's own namespace and cache
    if (this.a.functions.some((fn) => [...fn.builtins].some((b) => SELF_NAMES.has(b)))) {
      this.a.reachesSelf = true
      if (!this.a.usesCache) this.a.usesCache = namesCache(root)
    }
    return this.a
  }

  private declare(scope: Scope, name: string, at: number): void {
    if (this.a.reserved.includes(name)) {
      nameConflict(this.site, `Reserved words declared in template: ${name}`, at)
    }
    scope.names.add(name)
    if (scope.fn && (scope.parent === this.module || scope.parent?.siblings)) scope.fn.declared.add(name)
  }

  /** Template-level tags, wherever they sit in the body (Mako hoists them). */
  private collectTopLevel(children: TemplateNode[], inFunction: boolean): void {
    for (const node of children) {
      if (node.type === 'Code' && node.isModule) this.a.moduleCode.push(node)
      else if (node.type === 'ControlBlock') for (const b of node.branches) this.collectTopLevel(b.children, inFunction)
      else if (node.type === 'PageTag') {
        if (this.a.page) compileError(this.site, 'duplicate_page', 'Only one <%page> tag allowed per template', node.start)
        this.a.page = node
      } else if (node.type === 'InheritTag') {
        if (this.a.inherit) compileError(this.site, 'duplicate_inherit', 'Only one <%inherit> tag allowed per template', node.start)
        this.a.inherit = node
      } else if (node.type === 'NamespaceTag') {
        this.a.namespaces.push(node)
        if (node.attributes.file && node.attributes.module) compileError(this.site, 'bad_namespace', "<%namespace> takes file= or module=, not both", node.start)
        for (const c of node.children) {
          if (c.type === 'Text' && !c.value.trim()) continue
          if (c.type === 'DefTag') continue
          compileError(this.site, 'bad_namespace_body', 'The body of an inline <%namespace> may hold only <%def> tags', c.start)
        }
        if (!node.attributes.name && !node.attributes.import) compileError(this.site, 'bad_namespace', '<%namespace> needs a name or an import', node.start)
      } else if (node.type === 'IncludeTag') {
        this.a.includes.push(node)
      } else if (node.type === 'DefTag') {
        if (!inFunction) this.addTopFunction(node, 'def')
        this.collectTopLevel(node.children, true)
      } else if (node.type === 'BlockTag') {
        const named = !!node.attributes.name
        if (named) this.addTopFunction(node, 'block')
        else if (node.attributes.args) compileError(this.site, 'anonymous_block_args', 'An anonymous <%block> takes no args', node.attributes.args.start)
        this.collectTopLevel(node.children, inFunction)
      } else if (node.type === 'CallTag' || node.type === 'CallNamespaceTag') {
        this.collectTopLevel(node.children, true)
      }
    }
  }

  private addTopFunction(node: Tag, kind: 'def' | 'block'): void {
    const attr = node.attributes.name
    if (kind === 'def') {
      const { name, params } = this.defSignature(node)
      if (this.a.topDefs.has(name)) compileError(this.site, 'duplicate_def', `Def '${name}' is defined more than once`, node.start)
      if (this.a.blocks.has(name)) compileError(this.site, 'duplicate_def', `Def '${name}' has the name of a block`, node.start)
      const fn = newFn('def', name, `__M_def_${name}`, node)
      fn.params = params
      this.a.topDefs.set(name, fn)
      this.a.fnOf.set(node, fn)
      this.a.functions.push(fn)
    } else {
      const name = attr.value.trim()
      if (!/^[A-Za-z_$][\w$]*$/.test(name) || RESERVED_WORDS.has(name)) compileError(this.site, 'bad_block_name', `Invalid block name '${name}'`, attr.start)
      if (this.a.blocks.has(name)) compileError(this.site, 'duplicate_block', `%block '${name}' is defined more than once`, node.start)
      if (this.a.topDefs.has(name)) compileError(this.site, 'duplicate_def', `Block '${name}' has the name of a def`, node.start)
      const fn = newFn('block', name, `__M_block_${name}`, node)
      if (node.attributes.args) {
        fn.params = node.attributes.args.params!
        this.checkNamedArgs(fn.params, node.attributes.args.start, 'block args')
      }
      this.a.blocks.set(name, fn)
      this.a.fnOf.set(node, fn)
      this.a.functions.push(fn)
    }
  }

  /** Page and block args are named (`a, b = 1, ...rest`): patterns have no name to match. */
  private checkNamedArgs(params: ParamList, at: number, what: string): void {
    for (const p of params.params) {
      if (!p.name) syntaxError(this.site, 'bad_args', `${what} are names (with defaults, and ...rest): '${p.code}' is a pattern`, at)
    }
  }

  /** A def's name and parameters (the lexer parsed `name="f(a, b = 1)"`). */
  defSignature(node: Tag): { name: string; params: ParamList } {
    return node.attributes.name.signature!
  }

  /** A render function's children: first what they declare, then what they use. */
  private walkFunction(children: TemplateNode[], scope: Scope): void {
    this.declareIn(children, scope)
    for (const node of children) this.visit(node, scope)
  }

  private declareIn(children: TemplateNode[], scope: Scope): void {
    const lexical = new Set<string>()
    for (const node of children) {
      if (node.type === 'Code' && !node.isModule) {
        // `let`/`const`/`class` twice in one scope (or over a parameter) is a JS SyntaxError
        for (const n of lexicalNames(node.ast)) {
          if (lexical.has(n) || (scope.names.has(n) && scope.fn)) syntaxError(this.site, 'duplicate_declaration', `Identifier '${n}' has already been declared`, node.codeStart)
          lexical.add(n)
        }
        for (const n of this.guard(node.start, () => declaredNames(node.ast))) this.declare(scope, n, node.start)
      }
      else if (node.type === 'DefTag' && !this.a.fnOf.has(node)) this.declare(scope, this.defSignature(node).name, node.start)
    }
  }

  /**
   * Resolve a free name; true when it is this template's top-level def. `onlyCalled`: every
   * reference is a plain call in `${}` (no wrapper needed for a top-level def).
   */
  private use(scope: Scope, name: string, onlyCalled = false): boolean {
    let s: Scope | undefined = scope
    let forScope: Scope | undefined
    let fn: FnInfo | undefined
    while (s) {
      if (s.names.has(name)) {
        if (s.siblings && fn) (fn.usesSiblings ??= new Set()).add(name)
        if (s === this.module && fn) {
          if (this.a.nsNames.has(name)) fn.usesNamespaces.add(name)
          else if (this.a.topDefs.has(name) || this.a.blocks.has(name)) {
            fn.usesDefs.add(name)
            if (!onlyCalled || !this.a.topDefs.has(name)) fn.wrappedDefs.add(name)
            return this.a.topDefs.has(name)
          }
        }
        return false
      }
      if (!forScope && s.forBranch) forScope = s
      if (s.fn) fn = s.fn
      s = s.parent
    }
    if (!fn) return false
    if (name === 'loop' && !this.a.enableLoop) {
      fn.pulled.add(name)
      return false
    }
    if (name === 'loop') {
      if (forScope) {
        // this for and every enclosing for of the same function keep a loop context
        for (let t: Scope | undefined = forScope; t && t !== this.module; t = t.parent) if (t.forBranch) t.forBranch.usesLoop = true
      } else fn.loopOutside = true
      return false
    }
    if (BUILTIN_NAMES.has(name)) {
      fn.builtins.add(name)
      return false
    }
    if (name === 'undefined' || name === 'arguments') return false
    fn.pulled.add(name)
    return false
  }

  private useAll(scope: Scope, node: ESTree.Node): void {
    for (const n of freeNames(node)) this.use(scope, n)
  }

  /** The free names of an expression's code (a plain name is its own, without a parse). */
  private useCode(scope: Scope, code: string, at: number, what: string): void {
    if (isPlainName(code)) this.use(scope, code)
    else this.useAll(scope, parseExpression(this.site, code, at, what))
  }

  /** The names read by the `${}` parts of an attribute (parsed by the lexer). */
  private useExpressionAttr(scope: Scope, tag: Tag, name: string): void {
    const attr = tag.attributes[name]
    if (!attr) return
    for (const part of attr.parts) if (part.type === 'Expression') this.useAll(scope, part.ast)
  }

  private visit(node: TemplateNode, scope: Scope): void {
    this.guard(node.start, () => this.visitNode(node, scope))
  }

  /**
   * `fn()` for the node at `at`: JavaScript that acorn still parses but that nests deeper than
   * the walkers' stack becomes an error at the node (the innermost node that can report it
   * does; with the stack nearly gone, an outer one).
   */
  private guard<T>(at: number, fn: () => T): T {
    try {
      return fn()
    } catch (err) {
      if (isStackOverflow(err)) syntaxError(this.site, 'nesting_too_deep', 'JavaScript nested too deeply to compile', at)
      throw err
    }
  }

  private visitNode(node: TemplateNode, scope: Scope): void {
    switch (node.type) {
      case 'Text':
      case 'ControlStatement':
        return
      case 'Expression':
        if (node.ast.type === 'Identifier') {
          const name = node.ast.name
          let s: Scope | undefined = scope
          while (s && !s.names.has(name)) s = s.parent
          if (s && this.requiredArgs.get(s)?.has(name)) this.a.argChecks.add(node)
        }
        for (const n of freeNames(node.ast)) {
          // (whether each reference is a plain call matters only for a top-level def's name)
          if (this.use(scope, n, this.a.topDefs.has(n) && onlyCalled(node.ast, n))) (node.directDefs ??= new Set()).add(n)
        }
        for (const f of node.filters) if (!(f.code in BUILTIN_FILTERS) && !f.code.startsWith('decode.')) this.useCode(scope, f.code, f.start, 'filter')
        return
      case 'Code':
        if (!node.isModule) this.useAll(scope, node.ast)
        return
      case 'ControlBlock':
        for (const b of node.branches) {
          const inner = new Scope(scope, undefined, b.keyword === 'for' ? b : undefined)
          if (b.test) this.useAll(scope, b.test)
          if (b.iterable) this.useAll(scope, b.iterable.ast)
          if (b.target) for (const n of b.target.names) this.declare(inner, n, b.start)
          if (b.keyword === 'except' && b.code) this.declare(inner, b.code, b.start)
          this.declareIn(b.children, inner)
          for (const c of b.children) this.visit(c, inner)
        }
        return
      case 'PageTag':
      case 'InheritTag':
        this.useExpressionAttr(scope, node, 'file')
        for (const [k] of Object.entries(node.attributes)) if (k.startsWith('cache_')) this.useExpressionAttr(scope, node, k)
        return
      case 'NamespaceTag':
        this.useExpressionAttr(scope, node, 'file')
        const siblings = new Map<string, FnInfo>()
        for (const c of node.children) if (c.type === 'DefTag') siblings.set(this.a.fnOf.get(c)!.name, this.a.fnOf.get(c)!)
        const nsScope = new Scope(this.module, undefined, undefined, false, siblings)
        for (const n of siblings.keys()) nsScope.names.add(n)
        for (const c of node.children) {
          if (c.type !== 'DefTag') continue
          const fn = this.a.fnOf.get(c)!
          const s = new Scope(nsScope, fn)
          for (const n of fn.params!.names) this.declare(s, n, c.start)
          this.useParamsAndFilter(s, fn.params, c)
          this.visitCacheAttrs(s, c)
          this.walkFunction(c.children, s)
        }
        return
      case 'IncludeTag':
        this.useExpressionAttr(scope, node, 'file')
        if (node.attributes.args) this.useArgsAttr(scope, node)
        return
      case 'TextTag':
        this.useParamsAndFilter(scope, undefined, node)
        return
      case 'DefTag': {
        const fn = this.a.fnOf.get(node)
        if (fn) {
          const s = new Scope(this.module, fn)
          for (const n of fn.params!.names) this.declare(s, n, node.start)
          this.useParamsAndFilter(s, fn.params, node)
          this.visitCacheAttrs(s, node)
          this.walkFunction(node.children, s)
        } else this.visitClosureDef(node, scope, false)
        return
      }
      case 'BlockTag': {
        const fn = this.a.fnOf.get(node)
        if (fn) {
          const outer = this.enclosingFn(scope)
          if (outer?.kind === 'def' || this.inClosure(scope)) {
            compileError(this.site, 'block_in_def', `Named block '${fn.name}' not allowed inside of def${outer?.kind === 'def' ? ` '${outer.name}'` : ' or call'}`, node.start)
          }
          const s = new Scope(this.module, fn)
          s.names.add('pageargs')
          if (fn.params) for (const n of fn.params.names) this.declare(s, n, node.start)
          if (fn.params) this.requiredArgs.set(s, requiredArgs(fn.params))
          this.useParamsAndFilter(s, fn.params, node)
          this.visitCacheAttrs(s, node)
          this.walkFunction(node.children, s)
        } else {
          const info: ClosureInfo = {}
          this.a.closures.set(node, info)
          const s = new Scope(scope, undefined)
          this.useParamsAndFilter(s, undefined, node)
          this.visitCacheAttrs(s, node)
          this.walkFunction(node.children, s)
        }
        return
      }
      case 'CallTag':
      case 'CallNamespaceTag': {
        if (node.type === 'CallTag') {
          this.useAll(scope, node.attributes.expr.expression!.ast)
        } else {
          this.use(scope, node.namespace!.split('.')[0])
          for (const k of Object.keys(node.attributes)) if (k !== 'args') this.useExpressionAttr(scope, node, k)
        }
        const info: ClosureInfo = { callerDefs: [] }
        const s = new Scope(scope, undefined, undefined, true)
        if (node.attributes.args) {
          info.params = node.attributes.args.params!
          for (const n of info.params.names) this.declare(s, n, node.start)
          this.useParamsAndFilter(s, info.params, undefined)
        }
        for (const c of node.children) if (c.type === 'DefTag') info.callerDefs!.push(c)
        this.a.closures.set(node, info)
        this.walkFunction(node.children, s)
        return
      }
    }
  }

  /** Names read by parameter defaults and by a `filter="..."` attribute. */
  private useParamsAndFilter(scope: Scope, params: ParamList | undefined, node: Tag | undefined): void {
    if (params) for (const n of params.free) this.use(scope, n)
    const filter = node?.attributes.filter
    if (filter) this.useFilterList(scope, filter.items!)
  }

  private useFilterList(scope: Scope, items: ListItem[]): void {
    for (const item of items) {
      if (item.code in BUILTIN_FILTERS || item.code.startsWith('decode.')) continue
      this.useAll(scope, item.ast)
    }
  }

  private visitCacheAttrs(scope: Scope, node: Tag): void {
    for (const k of Object.keys(node.attributes)) if (k.startsWith('cache_') || k === 'cached' || k === 'buffered') this.useExpressionAttr(scope, node, k)
  }

  private visitClosureDef(node: Tag, scope: Scope, inNamespace: boolean): void {
    const { params } = this.defSignature(node)
    const info: ClosureInfo = { params, usesCaller: usesCaller(node.children) }
    this.a.closures.set(node, info)
    const s = new Scope(scope, inNamespace ? this.a.body : undefined, undefined, true)
    for (const n of params.names) this.declare(s, n, node.start)
    this.useParamsAndFilter(s, params, node)
    this.visitCacheAttrs(s, node)
    this.walkFunction(node.children, s)
  }

  /** `<%include args="a=1, b=x, ...more">`: the names its values read. */
  private useArgsAttr(scope: Scope, node: Tag): void {
    for (const item of node.attributes.args.items!) {
      const ast = item.ast
      if (ast.type === 'AssignmentExpression' && ast.left.type === 'Identifier' && ast.operator === '=') this.useAll(scope, ast.right)
      else if (ast.type === 'SpreadElement') this.useAll(scope, ast.argument)
      else this.useAll(scope, ast)
    }
  }

  private enclosingFn(scope: Scope): FnInfo | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) if (s.fn) return s.fn
    return undefined
  }

  private inClosure(scope: Scope): boolean {
    for (let s: Scope | undefined = scope; s && !s.fn; s = s.parent) if (s.closure) return true
    return false
  }
}

/** V8's error for a full stack. */
export function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message)
}

/** Names a program declares with let/const/class/import at its top level. */
function lexicalNames(program: import('estree').Program): string[] {
  const out: string[] = []
  for (const s of program.body) {
    if (s.type === 'VariableDeclaration' && s.kind !== 'var') {
      for (const d of s.declarations) out.push(...patternNames(d.id))
    } else if (s.type === 'ClassDeclaration' && s.id) out.push(s.id.name)
    else if (s.type === 'ImportDeclaration') for (const sp of s.specifiers) out.push(sp.local.name)
  }
  return out
}
