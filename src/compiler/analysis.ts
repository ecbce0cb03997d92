// Facts about a template read off the parse tree (its JavaScript ASTs and tags), for the
// Analysis (analyze.ts): which cache backends it names, whether it may use caching or reach
// `self`, whether a def may await, whether a def's body uses `caller`. Codegen reads these
// from the Analysis; nothing here, nor there, runs a regular expression over template text.
import type * as ESTree from 'estree'
import { freeNames, someNode } from './js-names.js'
import type { Attribute, Tag, TemplateNode, TemplateRoot } from './nodes.js'

/** The template-level facts (see Analysis). */
export interface TemplateFacts {
  /** the static `cache_type` / `cache_impl` values of the tags, as written (trimmed), once each */
  cacheTypes: string[]
  /** a tag caches (`cached`, `cache_*`), or code may reach the template's own cache (a SELF_NAMES name, and a name `cache...`) */
  usesCache: boolean
  /**
   * something may reach the template's own namespace (`self`, `local`): a name that reaches
   * it (`self`, `local`, `parent`, `next`, `context`, `capture`, `caller`), an inheritance,
   * namespace, block, call or include tag, a decorator or a cached callable
   */
  reachesSelf: boolean
}

export const SELF_NAMES = new Set(['self', 'local', 'parent', 'next', 'context', 'capture', 'caller'])
const SELF_TAGS = new Set(['BlockTag', 'InheritTag', 'NamespaceTag', 'CallTag', 'CallNamespaceTag', 'IncludeTag'])

/**
 * The facts a walk over the tags gives (no JavaScript is walked: cheap); analyze.ts adds
 * what the names give (a builtin of SELF_NAMES used by a function: `reachesSelf`; and then,
 * when its code names something `cache...`, `usesCache`).
 */
export function templateFacts(root: TemplateRoot): TemplateFacts {
  const cacheTypes = new Set<string>()
  let usesCache = false
  let reachesSelf = false
  forEachTag(root.children, (tag) => {
    if (SELF_TAGS.has(tag.type) || tag.namespace !== undefined || tag.attributes.decorator || tag.attributes.cached) reachesSelf = true
    for (const k in tag.attributes) {
      if (k === 'cached' || k.startsWith('cache_')) usesCache = true
      if (k === 'cache_type' || k === 'cache_impl') {
        const attr = tag.attributes[k]
        if (!hasExpression(attr)) cacheTypes.add(attr.value.trim())
      }
    }
  })
  return { cacheTypes: [...cacheTypes], usesCache, reachesSelf }
}

/** Every tag in `nodes`, at any depth. */
function forEachTag(nodes: TemplateNode[], onTag: (tag: Tag) => void): void {
  for (const n of nodes) {
    if (n.type === 'ControlBlock') for (const b of n.branches) forEachTag(b.children, onTag)
    else if (n.type !== 'Text' && n.type !== 'Expression' && n.type !== 'Code' && n.type !== 'ControlStatement') {
      onTag(n)
      forEachTag(n.children, onTag)
    }
  }
}

/**
 * Whether the JavaScript of the template names something `cache...` (`self.cache`,
 * `local.cache.get(...)`): the template's own cache may be reached. Walked only when some
 * function uses a SELF_NAMES name (analyze.ts): nothing else reaches it.
 */
export function namesCache(root: TemplateRoot): boolean {
  let found = false
  const test = (n: { type: string } & Record<string, unknown>) => n.type === 'Identifier' && (n.name as string).startsWith('cache')
  forEachFragment(root.children, true, (ast) => {
    if (!found && someNode(ast, test)) found = true
  })
  return found
}

/**
 * Whether the JavaScript in `nodes` may wait: an `await`, a `yield` or a `for await`, at any
 * depth, or either word used as a name (erring on the safe side); nested defs included.
 */
export function mayWait(nodes: TemplateNode[]): boolean {
  let found = false
  const test = (n: { type: string } & Record<string, unknown>) =>
    n.type === 'AwaitExpression' || n.type === 'YieldExpression' || (n.type === 'ForOfStatement' && !!n.await) ||
    (n.type === 'Identifier' && (n.name === 'await' || n.name === 'yield'))
  forEachFragment(nodes, true, (ast) => {
    if (!found && someNode(ast, test)) found = true
  })
  return found
}

/**
 * Whether the body of a nested def reads `caller` (not counting defs nested in it): in its
 * expressions, code, control lines, the attributes and bodies of the blocks and calls in it,
 * include attributes, or a `<%caller:x>` tag.
 */
export function usesCaller(nodes: TemplateNode[]): boolean {
  for (const c of nodes) {
    if (c.type === 'Expression' || c.type === 'Code') {
      if (freeNames(c.ast).has('caller')) return true
    } else if (c.type === 'ControlBlock') {
      for (const b of c.branches) {
        if ((b.test && freeNames(b.test).has('caller')) || (b.iterable && freeNames(b.iterable.ast).has('caller'))) return true
        if (usesCaller(b.children)) return true
      }
    } else if (c.type === 'CallNamespaceTag' && c.namespace!.split('.')[0] === 'caller') return true
    else if (c.type === 'CallTag' || c.type === 'CallNamespaceTag' || c.type === 'BlockTag') {
      for (const a of Object.values(c.attributes)) if (attributeNames(a).has('caller')) return true
      if (usesCaller(c.children)) return true
    } else if (c.type === 'IncludeTag') {
      for (const a of Object.values(c.attributes)) if (attributeNames(a).has('caller')) return true
    }
  }
  return false
}

/** Free names an attribute reads: its `${}` parts and the JS the lexer parsed in it. */
export function attributeNames(attr: Attribute): Set<string> {
  const names = new Set<string>()
  for (const part of attr.parts) if (part.type === 'Expression') for (const n of freeNames(part.ast)) names.add(n)
  if (attr.expression) for (const n of freeNames(attr.expression.ast)) names.add(n)
  for (const item of attr.items ?? []) for (const n of freeNames(item.ast.type === 'SpreadElement' ? item.ast.argument : item.ast)) names.add(n)
  return names
}

/** Whether an attribute value has `${}` parts. */
function hasExpression(attr: Attribute): boolean {
  return attr.parts.some((x) => x.type === 'Expression')
}

/**
 * Every JavaScript AST in `nodes` (expressions, code blocks, control lines, attribute values
 * and the JS parsed in attributes) in document order; `intoDefs`: the bodies
 * of defs too. Parameter defaults and `${x | f}` filters hold no AST: their free names are
 * given as an Identifier node each.
 */
function forEachFragment(nodes: TemplateNode[], intoDefs: boolean, onAst: (ast: unknown) => void): void {
  const names = (list: Iterable<string>) => {
    for (const name of list) onAst({ type: 'Identifier', name })
  }
  for (const n of nodes) {
    switch (n.type) {
      case 'Text':
      case 'ControlStatement':
        break
      case 'Expression':
        onAst(n.ast)
        names(n.filters.map((f) => f.code.split('.')[0].split('(')[0].trim()))
        break
      case 'Code':
        onAst(n.ast)
        break
      case 'ControlBlock':
        for (const b of n.branches) {
          if (b.test) onAst(b.test)
          if (b.iterable) onAst(b.iterable.ast)
          forEachFragment(b.children, intoDefs, onAst)
        }
        break
      default: {
        for (const attr of Object.values(n.attributes)) {
          for (const part of attr.parts) if (part.type === 'Expression') onAst(part.ast)
          if (attr.expression) onAst(attr.expression.ast as ESTree.Node)
          for (const item of attr.items ?? []) onAst(item.ast)
          if (attr.params) names(attr.params.free)
          if (attr.signature) names(attr.signature.params.free)
        }
        if (n.type !== 'DefTag' || intoDefs) forEachFragment(n.children, intoDefs, onAst)
      }
    }
  }
}
