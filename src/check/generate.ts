// A template as TypeScript for `mako-check` (SPEC 13): every fragment copied verbatim, as written,
// into a function whose parameters are the page args, with a map from each copy back to the
// template (the way svelte2tsx and Volar map their files). `tsc` checks the result; its
// diagnostics are mapped back with `toTemplate`.
import { tupleType, typedParams, type TypedParam } from '../compiler/declarations.js'
import { analyze } from '../compiler/analyze.js'
import { parse } from '../compiler/lexer.js'
import { Locator } from '../compiler/locate.js'
import type { ControlBlock, Expression, Tag, TemplateNode, TemplateRoot } from '../compiler/nodes.js'

/** One verbatim copy: `length` characters at `generated` in the output are those at `template`. */
export interface Segment {
  generated: number
  template: number
  length: number
}

export interface CheckModule {
  /** the TypeScript text */
  code: string
  segments: Segment[]
  /** whether the template declares typed page args (without: its context names are any) */
  typed: boolean
}

/** Names every template body may read without declaring them (SPEC 4), typed loosely. */
const PRELUDE = 'declare function __mako_include<D extends object>(template: Promise<{ default: VitePluginMako.Template<D, any, any> }>, args: Partial<D>): void;\n' +
  'type __MakoNs<M> = M extends { default: VitePluginMako.Template<any, infer R, infer D> } ? { [K in keyof D]: (...args: D[K]) => R } & { attr: any; uri: string; filename: any; template: any; module: any; context: any; cache: any; get_cached: any; include_file: any } : any;\n' +
  'type __MakoNsDefs<M> = M extends { default: VitePluginMako.Template<any, any, infer D> } ? D : any;\n' +
  // Mako's loop context (src/runtime/loop.ts): typed inside each `% for` body
  'interface __MakoLoop { readonly index: number; readonly length: number; readonly reverse_index: number; readonly reverseIndex: number; readonly first: boolean; readonly last: boolean; readonly even: boolean; readonly odd: boolean; readonly parent: __MakoLoop; cycle<T>(...values: T[]): T }\n' +
  'declare const __mako_loop: __MakoLoop;\n' +
  'declare const context: any, loop: any, caller: any, capture: any, UNDEFINED: any, self: any, local: any, parent: any, next: any, STOP_RENDERING: any, pageargs: Record<string, unknown>;\n'

/** async mode's `% for` iterates what `for await` does, and Promises of it (the runtime's aiter) */
const AITER = 'declare function __mako_aiter<T>(iterable: Iterable<T> | AsyncIterable<T> | PromiseLike<Iterable<T> | AsyncIterable<T>>): AsyncIterable<T>;\n'

/** the names PRELUDE declares */
const PRELUDE_NAMES = ['context', 'loop', 'caller', 'capture', 'UNDEFINED', 'self', 'local', 'parent', 'next', 'STOP_RENDERING', 'pageargs']

class Writer {
  code = ''
  segments: Segment[] = []
  /** the template awaits: its body and defs are async functions */
  async = false
  /** compiled async (for both sides): `% for` also takes async iterables and Promises of iterables (SPEC 6) */
  asyncLoops = false
  /** this template's defs by name: their parameters as written (undefined: generic, not typed by name) */
  defs = new Map<string, TypedParam[] | undefined>()
  /** per def: the parameter tuples of the bodies its `<%call>`s and `<%self:def>` tags hand it as `caller` */
  callers = new Map<string, string[]>()
  /** namespaces of a static template file (`<%namespace name="ui" file="ui.mako"/>`): its import path and its defs' parameters by name */
  namespaces = new Map<string, { path: string; defs: Map<string, TypedParam[] | undefined> }>()
  constructor(private readonly original: string) {}
  /** what follows, up to the next copy, maps to the template's `at` (for scaffolding an error can land on) */
  mark(at: number): void {
    this.segments.push({ generated: this.code.length, template: at, length: 0 })
  }
  text(s: string): void {
    this.code += s
  }
  /** the template's `start..end`, as written */
  copy(start: number, end: number): void {
    if (end <= start) return
    this.segments.push({ generated: this.code.length, template: start, length: end - start })
    this.code += this.original.slice(start, end)
  }
}

/** `${x | h}`: the end of `x` (before the filters' `|`, or the `}`) */
function expressionEnd(root: TemplateRoot, e: Expression): number {
  const end = e.filters.length ? root.source.lastIndexOf('|', e.filters[0].start) : e.end - 1
  let k = end
  while (k > e.codeStart && /\s/.test(root.source[k - 1])) k--
  return k
}

function emit(w: Writer, root: TemplateRoot, nodes: TemplateNode[]): void {
  for (const n of nodes) {
    switch (n.type) {
      case 'Text':
      case 'ControlStatement':
        if (n.type === 'ControlStatement') w.text(`${n.keyword};\n`)
        break
      case 'Expression':
        w.text('(')
        w.copy(n.codeStart, expressionEnd(root, n))
        w.text('\n);\n')
        break
      case 'Code':
        if (n.isModule) break
        w.copy(n.codeStart, n.codeStart + n.code.length)
        w.text('\n;\n')
        break
      case 'ControlBlock':
        emitControl(w, root, n)
        break
      default:
        emitTag(w, root, n as Tag)
    }
  }
}

function emitControl(w: Writer, root: TemplateRoot, block: ControlBlock): void {
  block.branches.forEach((b, i) => {
    const cond = () => {
      w.text('(')
      w.copy(b.codeStart, b.codeStart + b.code.length)
      w.text('\n)')
    }
    if (b.keyword === 'if') (w.text('if '), cond())
    else if (b.keyword === 'elif') (w.text(' else if '), cond())
    else if (b.keyword === 'else') w.text(' else ')
    else if (b.keyword === 'while') (w.text('while '), cond())
    else if (b.keyword === 'for' && b.target && b.iterable) {
      w.text(w.asyncLoops ? 'for await (const ' : 'for (const ')
      // a Python-style `a, b` target is an array pattern
      const plain = root.source.slice(b.target.start, b.target.start + b.target.code.length) === b.target.code
      if (plain) w.copy(b.target.start, b.target.start + b.target.code.length)
      else w.text(b.target.code)
      w.text(w.asyncLoops ? ' of __mako_aiter(' : ' of ')
      w.copy(b.iterable.start, b.iterable.start + b.iterable.code.length)
      w.text(w.asyncLoops ? '\n))' : '\n)')
    } else if (b.keyword === 'try') w.text('try ')
    else if (b.keyword === 'except') w.text(b.code ? ` catch (${b.code}) ` : ' catch ')
    else if (b.keyword === 'finally') w.text(' finally ')
    w.text('{\n')
    // in a loop's body `loop` is Mako's loop context (outside one it stays any)
    if (b.keyword === 'for' && b.target && b.iterable) w.text('const loop: __MakoLoop = __mako_loop;\n')
    emit(w, root, b.children)
    w.text('}')
    if (i === block.branches.length - 1) w.text('\n')
  })
}

function emitTag(w: Writer, root: TemplateRoot, tag: Tag): void {
  if (tag.keyword === 'page' || tag.keyword === 'text' || tag.keyword === 'doc') return
  if (tag.keyword === 'include') return emitInclude(w, tag)
  if (tag.keyword === 'def' && tag.attributes.name?.signature) {
    const a = tag.attributes.name
    const open = a.value.indexOf('(')
    const close = a.value.lastIndexOf(')')
    w.text(`${w.async ? 'async ' : ''}function ${a.signature!.name}(`)
    if (open >= 0) w.copy(a.valueStart + open + 1, a.valueStart + close)
    w.text('\n) {\n')
    // `caller` in a def that this template's <%call>s call: its body() takes what their args say
    // (several: a union, so an argument list must fit every one)
    const bodies = w.callers.get(a.signature!.name)
    if (bodies) w.text(`let caller!: ${[...new Set(bodies)].map((t) => `{ body(...args: ${t}): ${w.async ? 'Promise<string>' : 'string'}; [name: string]: any }`).join(' | ')};\n`)
    emit(w, root, tag.children)
    w.text("return ''\n}\n")
    return
  }
  if (tag.type === 'CallTag' && tag.attributes.expr?.expression) {
    // the call as written: `<%call expr="row(item, 2)">` is checked as the call it is
    const { start, end } = tag.attributes.expr.expression.ast as unknown as { start: number; end: number }
    w.text('(')
    w.copy(start, end)
    w.text('\n);\n')
  } else if (tag.type === 'CallNamespaceTag') emitSelfTag(w, root, tag)
  const args = tag.attributes.args?.params ? tag.attributes.args : undefined
  if (args && tag.keyword !== 'include') {
    // (a function the runtime calls with any arguments: untyped args are `any`, not implicitly so)
    w.text(w.async ? '((async (' : '(((')
    w.copy(args.valueStart, args.valueStart + args.value.length)
    w.text('\n) => {\n')
    emit(w, root, tag.children)
    w.text('}) as (...args: any[]) => unknown);\n')
    return
  }
  w.text('{\n')
  emit(w, root, tag.children)
  w.text('}\n')
}

/** The def a `<%call expr>` calls, when it is one of this template's: `row(...)`, `self.row(...)`, `local.row(...)`. */
function calledDef(expr: unknown): string | undefined {
  const e = expr as { type: string; callee?: { type: string; name?: string; computed?: boolean; object?: { type: string; name?: string }; property?: { type: string; name?: string } } }
  if (e.type !== 'CallExpression' || !e.callee) return undefined
  const c = e.callee
  if (c.type === 'Identifier') return c.name
  if (c.type === 'MemberExpression' && !c.computed && c.object?.type === 'Identifier' && (c.object.name === 'self' || c.object.name === 'local')) return c.property?.name
  return undefined
}

/** `<%self:row item="${x}" n="2">`: the def of this template it calls */
function selfTagDef(tag: Tag): string | undefined {
  return tag.type === 'CallNamespaceTag' && (tag.namespace === 'self' || tag.namespace === 'local') ? tag.defname : undefined
}

/** a `<%def>` tag's parameters as written, into `defs` (undefined: generic, not typed by name) */
function defParams(tag: Tag, original: string, root: TemplateRoot, defs: Map<string, TypedParam[] | undefined>): void {
  const sig = tag.type === 'DefTag' ? tag.attributes.name?.signature : undefined
  if (!sig) return
  const a = tag.attributes.name
  const open = a.value.indexOf('(')
  const generic = a.value.slice(0, open < 0 ? undefined : open).includes('<')
  const close = a.value.lastIndexOf(')')
  defs.set(sig.name, generic ? undefined : open < 0 ? [] : typedParams(original.slice(a.valueStart + open + 1, a.valueStart + close), root.source.slice(a.valueStart + open + 1, a.valueStart + close)))
}

/** the top-level defs of the template `source` (a namespace's file), by name */
function templateDefs(source: string, uri: string): Map<string, TypedParam[] | undefined> {
  const root = parse(source, { locator: new Locator(source), uri })
  const defs = new Map<string, TypedParam[] | undefined>()
  for (const n of root.children) if (n.type === 'DefTag') defParams(n as Tag, root.original ?? root.source, root, defs)
  return defs
}

/**
 * Before emitting: this template's defs (their parameters) and, per def, the parameter lists
 * of the call bodies handed to it (`args` of `<%call>` and `<%self:def>`; none: `[]`).
 */
function collectCalls(w: Writer, root: TemplateRoot, original: string): void {
  const slice = (start: number, end: number) => [original.slice(start, end), root.source.slice(start, end)] as const
  const visit = (nodes: TemplateNode[]) => {
    for (const n of nodes) {
      if (n.type === 'ControlBlock') {
        for (const b of n.branches) visit(b.children)
        continue
      }
      if (n.type === 'Code' || n.type === 'Text' || n.type === 'Expression' || n.type === 'ControlStatement') continue
      const tag = n as Tag
      defParams(tag, original, root, w.defs)
      const target = tag.type === 'CallTag' ? calledDef(tag.attributes.expr?.expression?.ast) : selfTagDef(tag)
      if (target) {
        const args = tag.attributes.args
        const tuple = args?.params ? tupleType(typedParams(...slice(args.valueStart, args.valueStart + args.value.length))) : '[]'
        w.callers.set(target, [...(w.callers.get(target) ?? []), tuple])
      }
      visit(tag.children)
    }
  }
  visit(root.children)
}

/**
 * `<%self:row item="${x}" n="2">`: the attributes bind to the def's parameters by name (as the
 * runtime's callTag does), so they are checked as an object against the parameters: a
 * misspelt attribute, a value of the wrong type (a plain value is a string), a missing
 * parameter (reported at the tag).
 */
function emitSelfTag(w: Writer, root: TemplateRoot, tag: Tag): void {
  const name = selfTagDef(tag)
  // `<%ui:button label="x">` of a namespace of a static file: its def's parameters, typed as
  // that template's declaration types them (by position: its types may not be in scope here)
  const ns = tag.type === 'CallNamespaceTag' && tag.namespace ? w.namespaces.get(tag.namespace) : undefined
  const params = ns ? ns.defs.get(tag.defname!) : name === undefined ? undefined : w.defs.get(name)
  if (!params || params.some((p) => p.rest || !p.name)) return
  const type = (p: TypedParam, i: number) => ns ? `__MakoNsDefs<typeof import(${JSON.stringify(ns.path)})>[${JSON.stringify(tag.defname)}][${i}]` : p.type ?? 'any'
  const fields = params.map((p, i) => `${/^[A-Za-z_$][\w$]*$/.test(p.name!) ? p.name : JSON.stringify(p.name)}${p.optional || p.question ? '?' : ''}: ${type(p, i)}`)
  w.text(`((__kw: { ${fields.join('; ')} }) => {})(`)
  w.mark(tag.start)
  w.text('{\n')
  for (const [key, attr] of Object.entries(tag.attributes)) {
    if (key === 'args') continue
    // (the name copied: a misspelt one is reported there)
    if (/^[A-Za-z_$][\w$]*$/.test(key)) w.copy(attr.start, attr.start + key.length)
    else w.text(JSON.stringify(key))
    w.text(': ')
    const only = attr.parts.length === 1 && attr.parts[0].type === 'Expression' ? attr.parts[0] : undefined
    if (only) {
      w.text('(')
      w.copy(only.codeStart, expressionEnd(root, only))
      w.text('\n)')
    } else {
      w.mark(attr.valueStart)
      w.text(attr.parts.some((x) => x.type === 'Expression') ? '(String())' : JSON.stringify(attr.value))
    }
    w.text(',\n')
  }
  w.text('});\n')
}

/**
 * `<%include file="./row.mako" args="item=x, n=1"/>` with a relative, static file: the args,
 * each copied, checked against the included template's page args (its declaration). Only
 * what is given: the others are filled from the context.
 */
function emitInclude(w: Writer, tag: Tag): void {
  const file = tag.attributes.file
  const items = tag.attributes.args?.items
  if (!file || !items?.length || file.parts.some((x) => x.type === 'Expression') || !/^\.\.?\//.test(file.value)) return
  w.text(`__mako_include(import(${JSON.stringify(file.value)}), {\n`)
  for (const item of items) {
    const ast = item.ast as unknown as { type: string; left?: { start: number; end: number }; right?: { start: number; end: number } }
    if (ast.type === 'AssignmentExpression' && ast.left && ast.right) {
      w.copy(ast.left.start, ast.left.end)
      w.text(': ')
      w.copy(ast.right.start, ast.right.end)
    } else w.copy(item.start, item.end)
    w.text(',\n')
  }
  w.text('});\n')
}

/** The TypeScript `mako-check` hands to tsc for the template `source`. */
export function checkModule(source: string, uri = 'template', options: { async?: boolean | 'both'; readTemplate?: (file: string) => string | undefined } = {}): CheckModule {
  const root = parse(source, { locator: new Locator(source), uri })
  const original = root.original ?? root.source
  const w = new Writer(original)
  w.text('// Generated by mako-check from a template: every copied fragment maps back to it.\n')
  // module level: the <%! %> blocks as written (imports, types, functions)
  const visitModule = (nodes: TemplateNode[]) => {
    for (const n of nodes) {
      if (n.type === 'Code' && n.isModule) {
        w.copy(n.codeStart, n.codeStart + n.code.length)
        w.text('\n;\n')
      } else if (n.type === 'ControlBlock') for (const b of n.branches) visitModule(b.children)
      else if (n.type !== 'Code' && n.type !== 'Text' && n.type !== 'Expression' && n.type !== 'ControlStatement') visitModule(n.children)
    }
  }
  visitModule(root.children)
  w.text(PRELUDE)
  // namespaces (`<%namespace name="ui" .../>`): of a static template file, its defs (through its
  // declaration); the others (a `${}` file, module=, import=) are any
  const namespaces = new Set<string>()
  const visitNs = (nodes: TemplateNode[]) => {
    for (const n of nodes) {
      if (n.type === 'NamespaceTag' && /^[A-Za-z_$][\w$]*$/.test((n as Tag).attributes.name?.value ?? '')) {
        const tag = n as Tag
        const name = tag.attributes.name.value
        namespaces.add(name)
        const file = tag.attributes.file
        const path = file && !file.parts.some((x) => x.type === 'Expression') && !tag.attributes.module && !tag.attributes.import && !file.value.startsWith('/') && file.value.endsWith('.mako') ? (/^\.\.?\//.test(file.value) ? file.value : './' + file.value) : undefined
        const other = path !== undefined ? options.readTemplate?.(path) : undefined
        if (path !== undefined && other !== undefined && !w.namespaces.has(name)) {
          try {
            w.namespaces.set(name, { path, defs: templateDefs(other, path) })
          } catch {
            // (a namespace template that does not parse is reported on its own)
          }
        }
      }
      if (n.type === 'ControlBlock') for (const b of n.branches) visitNs(b.children)
      else if (n.type !== 'Code' && n.type !== 'Text' && n.type !== 'Expression' && n.type !== 'ControlStatement') visitNs(n.children)
    }
  }
  visitNs(root.children)
  collectCalls(w, root, original)
  if (namespaces.size) w.text(`declare const ${[...namespaces].map((n) => `${n}: ${w.namespaces.has(n) ? `__MakoNs<typeof import(${JSON.stringify(w.namespaces.get(n)!.path)})>` : 'any'}`).join(', ')};\n`)
  w.async = !!options.async || /\bawait\b/.test(root.source)
  // (async for the server only: the browser's sync loops take sync iterables only)
  w.asyncLoops = options.async === true
  if (w.asyncLoops) w.text(AITER)
  const page = root.children.find((n): n is Tag => n.type === 'PageTag')
  const args = page?.attributes.args
  // typed when the text as written differs from the erased one (types were erased there)
  const typed = !!args?.params && original.slice(args.valueStart, args.valueStart + args.value.length) !== root.source.slice(args.valueStart, args.valueStart + args.value.length)
  if (!typed) {
    // no typed page args: the names the template reads from the context are `any` (what is
    // checked: def and include calls, the template's own code)
    const analysis = analyze(parse(source, { locator: new Locator(source), uri }), { locator: new Locator(source), uri }, { imports: [], enableLoop: true, strictUndefined: false, async: w.async })
    const known = new Set([...namespaces, ...PRELUDE_NAMES])
    const context = new Set([analysis.body, ...analysis.functions].flatMap((f) => [...f.pulled]).filter((n) => !known.has(n) && /^[A-Za-z_$][\w$]*$/.test(n)))
    if (context.size) w.text(`declare const ${[...context].map((n) => `${n}: any`).join(', ')};\n`)
  }
  w.text(`export default ${w.async ? 'async ' : ''}function __mako_body(`)
  if (args?.params) w.copy(args.valueStart, args.valueStart + args.value.length)
  w.text('\n) {\n')
  emit(w, root, root.children)
  w.text("return ''\n}\n")
  return { code: w.code, segments: w.segments, typed }
}

/** The template offset of a generated offset: in a copy, exact; elsewhere, the start of the copy before it. */
export function toTemplate(segments: Segment[], generated: number): number {
  let best: Segment | undefined
  for (const s of segments) {
    if (s.generated <= generated) best = s
    else break
  }
  if (!best) return 0
  return best.template + Math.min(generated - best.generated, best.length)
}
