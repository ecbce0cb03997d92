// Shared by the codegen files: the options, the dependency record, and functions over the tree
// that need no generator state.
import * as acorn from 'acorn'
import type * as ESTree from 'estree'
import { freeNames, someNode } from '../js-names.js'
import type { FnInfo } from '../analyze.js'
import type { Attribute, TemplateNode } from '../nodes.js'
import type { AssetUrlOptions } from '../assets.js'

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
  /** make the source map (false: `map` is null, and codegen writes no position markers) */
  sourceMap: boolean
}

export interface Dependency {
  kind: 'inherit' | 'include' | 'namespace'
  uri: string
  line: number
  column: number
}

export const STRING_FILTERS = new Set(['h', 'x', 'u', 'trim', 'entity', 'str'])

/** Standard globals: a member read on them needs no UNDEFINED check. */
export const JS_GLOBALS = new Set([
  'Object', 'Array', 'Math', 'JSON', 'Date', 'Number', 'String', 'Boolean', 'Symbol', 'Promise', 'Map', 'Set', 'WeakMap',
  'WeakSet', 'RegExp', 'Error', 'Intl', 'Reflect', 'BigInt', 'console', 'globalThis', 'Proxy', 'ArrayBuffer', 'URL',
  'URLSearchParams', 'TextEncoder', 'TextDecoder', 'crypto', 'performance', 'navigator', 'window', 'document', 'process',
])

export interface FnState {
  info: FnInfo
  /** the expression that reaches the context for def calls made here */
  defCtx: string
}

/**
 * The body of a call of string-passing def `id` (see strDefs) with the arguments `__M_a`:
 * the buffer's string goes through it, emptied first so that an error writes nothing twice.
 */
export function throughBuffer(id: string, ctx: string): string {
  return `const __M_w = ${ctx}._r.buf, __M_p = __M_w.s; __M_w.s = ''; const __M_r = ${id}__s(${ctx}, __M_p, ...__M_a); __M_w.s += __M_r; return '';`
}

/** Builtins that reach other templates' callables (whose pending Promises a generator would yield). */
export const TEMPLATE_BUILTINS = new Set(['context', 'local', 'self', 'parent', 'next', 'caller', 'capture'])

/** Text, expressions, code and control lines only (no tag that calls or declares callables). */
export function onlyDataNodes(nodes: TemplateNode[]): boolean {
  return nodes.every((n) => {
    if (n.type === 'ControlBlock') return n.branches.every((b) => onlyDataNodes(b.children))
    return n.type === 'Text' || n.type === 'Expression' || n.type === 'Code' || n.type === 'ControlStatement' || n.type === 'TextTag'
  })
}

/** A `return` in the function's own code (not in closures: anonymous blocks, call bodies). */
export function hasReturn(nodes: TemplateNode[]): boolean {
  let found = RETURNS.get(nodes)
  if (found === undefined) RETURNS.set(nodes, (found = nodes.some((c) => {
    if (c.type === 'Code') return !c.isModule && someNode(c.ast, (n) => n.type === 'ReturnStatement', true)
    if (c.type === 'ControlBlock') return c.branches.some((b) => hasReturn(b.children))
    return false
  })))
  return found
}
/** hasReturn's answer per list of children (asked more than once for a def) */
const RETURNS = new WeakMap<TemplateNode[], boolean>()

export function returnsValue(nodes: TemplateNode[]): boolean {
  return nodes.some((c) => {
    if (c.type === 'Code') return !c.isModule && someNode(c.ast, (n) => n.type === 'ReturnStatement' && !!n.argument, true)
    if (c.type === 'ControlBlock') return c.branches.some((b) => returnsValue(b.children))
    if (c.type === 'BlockTag' || c.type === 'CallTag' || c.type === 'CallNamespaceTag') return false
    return false
  })
}

export function needsParens(e: ESTree.Expression): boolean {
  return e.type === 'SequenceExpression' || e.type === 'ConditionalExpression' || e.type === 'AssignmentExpression' || e.type === 'YieldExpression' || e.type === 'ArrowFunctionExpression' || e.type === 'LogicalExpression' || e.type === 'BinaryExpression'
}

/** Whether an attribute value has `${}` parts. */
export function hasExpression(attr: Attribute): boolean {
  return attr.parts.some((x) => x.type === 'Expression')
}

/** Free names read by the `${}` parts of an attribute value. */
export function collectAttrNames(attr: Attribute, into: Set<string>): void {
  for (const part of attr.parts) if (part.type === 'Expression') for (const n of freeNames(part.ast)) into.add(n)
}

export const nodeStart = (n: ESTree.Node) => (n as unknown as acorn.Node).start
export const nodeEnd = (n: ESTree.Node) => (n as unknown as acorn.Node).end

export function parseExpressionSafe(code: string): ESTree.ModuleDeclaration[] | undefined {
  try {
    return (acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as ESTree.Program).body.filter((s) => s.type === 'ImportDeclaration') as ESTree.ImportDeclaration[]
  } catch {
    return undefined
  }
}

