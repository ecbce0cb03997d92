// What a parsed fragment names: its free names (periscopic), top-level declarations, pattern
// bindings, calls and awaits, and the words no binding may take.
import { analyze } from 'periscopic'
import type * as ESTree from 'estree'

/**
 * References of an expression made only of names, literals, member reads, calls and operators
 * (nothing that declares or binds), in walk order; false for anything else.
 */
function simpleReferences(n: ESTree.Node | null, out: string[]): boolean {
  if (!n) return true
  switch (n.type) {
    case 'Identifier':
      out.push(n.name)
      return true
    case 'Literal':
    case 'ThisExpression':
      return true
    case 'MemberExpression':
      if (n.object.type === 'Super' || !simpleReferences(n.object, out)) return false
      return n.computed ? simpleReferences(n.property as ESTree.Expression, out) : n.property.type === 'Identifier'
    case 'CallExpression':
    case 'NewExpression':
      if (n.callee.type === 'Super' || !simpleReferences(n.callee, out)) return false
      for (const a of n.arguments) if (a.type === 'SpreadElement' || !simpleReferences(a, out)) return false
      return true
    case 'BinaryExpression':
    case 'LogicalExpression':
      return n.left.type !== 'PrivateIdentifier' && simpleReferences(n.left, out) && simpleReferences(n.right, out)
    case 'UnaryExpression':
      return simpleReferences(n.argument, out)
    case 'ConditionalExpression':
      return simpleReferences(n.test, out) && simpleReferences(n.consequent, out) && simpleReferences(n.alternate, out)
    case 'TemplateLiteral':
      for (const e of n.expressions) if (!simpleReferences(e, out)) return false
      return true
    case 'ArrayExpression':
      for (const e of n.elements) if (e && (e.type === 'SpreadElement' || !simpleReferences(e, out))) return false
      return true
    default:
      return false
  }
}

/** Free identifiers of a fragment: names it reads or assigns without declaring. */
export function freeNames(node: ESTree.Node): Set<string> {
  if (node.type !== 'Program') {
    // no scopes: every reference is free, in periscopic's order (last references first)
    const refs: string[] = []
    if (simpleReferences(node, refs)) {
      const out = new Set<string>()
      for (let i = refs.length - 1; i >= 0; i--) out.add(refs[i])
      return out
    }
  }
  // periscopic judges references by their parent: give a bare expression one
  const root = node.type === 'Program' ? node : { type: 'Program', sourceType: 'module', body: [{ type: 'ExpressionStatement', expression: node }] }
  const { globals } = node.type === 'Program' ? scopesOf(node) : analyze(root as never)
  return new Set(globals.keys())
}

/** periscopic's analysis of each program, made once (analysis asks for its declarations, then its free names) */
const SCOPES = new WeakMap<ESTree.Program, ReturnType<typeof analyze>>()
function scopesOf(program: ESTree.Program): ReturnType<typeof analyze> {
  let found = SCOPES.get(program)
  if (found === undefined) SCOPES.set(program, (found = analyze(program as never)))
  return found
}

/** Names declared at the top level of a program (let/const/var/function/class/import). */
export function declaredNames(program: ESTree.Program): Set<string> {
  const { scope } = scopesOf(program)
  const names = new Set(scope.declarations.keys())
  for (const s of program.body) if (s.type === 'ImportDeclaration') for (const sp of s.specifiers) names.add(sp.local.name)
  return names
}

/**
 * The keys that hold child nodes, for the node types that fragments are mostly made of (acorn's
 * ESTree); any other type is walked over all its keys. Walks visit far fewer keys this way
 * (no `type`, `start`, `end`, `name`, `operator`, `computed`... on every node).
 */
const CHILD_KEYS: Record<string, readonly string[]> = {
  Identifier: [], Literal: [], ThisExpression: [], Super: [], PrivateIdentifier: [], TemplateElement: [], EmptyStatement: [], DebuggerStatement: [],
  MemberExpression: ['object', 'property'], CallExpression: ['callee', 'arguments'], NewExpression: ['callee', 'arguments'],
  BinaryExpression: ['left', 'right'], LogicalExpression: ['left', 'right'], AssignmentExpression: ['left', 'right'],
  UnaryExpression: ['argument'], UpdateExpression: ['argument'], AwaitExpression: ['argument'], SpreadElement: ['argument'],
  ConditionalExpression: ['test', 'consequent', 'alternate'], TemplateLiteral: ['quasis', 'expressions'], ArrayExpression: ['elements'],
  ObjectExpression: ['properties'], Property: ['key', 'value'], SequenceExpression: ['expressions'], ChainExpression: ['expression'],
  ExpressionStatement: ['expression'], VariableDeclaration: ['declarations'], VariableDeclarator: ['id', 'init'], Program: ['body'],
  BlockStatement: ['body'], IfStatement: ['test', 'consequent', 'alternate'], ReturnStatement: ['argument'],
}

/** `fn` over each child value of `node` (a node, an array of nodes, null); stops when it returns true. */
export function someChild(node: { type: string } & Record<string, unknown>, fn: (child: unknown, key: string) => boolean): boolean {
  const keys = CHILD_KEYS[node.type]
  if (keys !== undefined) {
    for (let i = 0; i < keys.length; i++) if (fn(node[keys[i]], keys[i])) return true
    return false
  }
  for (const k in node) if (k !== 'type' && k !== 'start' && k !== 'end' && k !== 'loc' && k !== 'range' && fn(node[k], k)) return true
  return false
}

/** Whether some node under `root` passes `test`; nested functions are skipped when `outsideFunctions`. */
export function someNode(root: unknown, test: (n: { type: string } & Record<string, unknown>) => boolean, outsideFunctions = false): boolean {
  const visit = (n: unknown): boolean => {
    if (!n || typeof n !== 'object') return false
    if (Array.isArray(n)) {
      for (let i = 0; i < n.length; i++) if (visit(n[i])) return true
      return false
    }
    const node = n as { type: string } & Record<string, unknown>
    if (typeof node.type === 'string') {
      if (test(node)) return true
      if (outsideFunctions && FUNCTION_TYPES.has(node.type)) return false
      return someChild(node, visit)
    }
    for (const k in node) if (k !== 'type' && k !== 'start' && k !== 'end' && k !== 'loc' && k !== 'range' && visit(node[k])) return true
    return false
  }
  return visit(root)
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'])
const CALL_TYPES = new Set(['CallExpression', 'NewExpression', 'TaggedTemplateExpression', 'AwaitExpression', 'YieldExpression', 'ImportExpression'])

/** True when evaluating the node may run other code (and so may write output). */
export function mayCall(node: ESTree.Node): boolean {
  return someNode(node, (n) => CALL_TYPES.has(n.type))
}

/** True when the node contains `await` outside any nested function. */
export function hasTopLevelAwait(node: ESTree.Node): boolean {
  return someNode(node, (n) => n.type === 'AwaitExpression' || (n.type === 'ForOfStatement' && !!n.await), true)
}

/**
 * Ranges (`[start, end]`, the node's offsets) of the template-literal texts and strings of
 * `root` that span lines: the text there is the program's, to be copied without re-indenting.
 */
export function multilineLiterals(root: ESTree.Node, code: string): [number, number][] {
  const out: [number, number][] = []
  if (!code.includes('`') && !code.includes('\\\n') && !code.includes('\\\r\n')) return out
  someNode(root, (n) => {
    if (n.type === 'TemplateElement' || (n.type === 'Literal' && typeof n.value === 'string')) {
      const { start, end } = n as unknown as { start: number; end: number }
      if (code.slice(start, end).includes('\n')) out.push([start, end])
    }
    return false
  })
  return out
}

/**
 * Whether every reference to `name` in `root` is the callee of a plain call (`name(...)`: not
 * `name?.()`, not inside a nested function or class): the calls codegen's memberChecks rewrites
 * to call a top-level def's function itself. Property names are no references; anything else
 * that merely might be one (a shadowing parameter, a shorthand property) counts as one.
 */
export function onlyCalled(root: ESTree.Node, name: string): boolean {
  let refs = 0
  let calls = 0
  const visit = (n: unknown, nested: boolean): void => {
    if (!n || typeof n !== 'object') return
    if (Array.isArray(n)) {
      for (const x of n) visit(x, nested)
      return
    }
    const node = n as { type: string } & Record<string, unknown>
    if (node.type === 'Identifier' && node.name === name) refs++
    const callee = node.callee as { type?: string; name?: string } | undefined
    if (!nested && node.type === 'CallExpression' && !node.optional && callee?.type === 'Identifier' && callee.name === name) calls++
    const inner = nested || FUNCTION_TYPES.has(node.type) || node.type === 'ClassDeclaration' || node.type === 'ClassExpression'
    if (typeof node.type !== 'string') {
      for (const k in node) if (k !== 'type' && k !== 'start' && k !== 'end' && k !== 'loc' && k !== 'range') visit(node[k], inner)
      return
    }
    someChild(node, (child, k) => {
      if (k === 'property' && node.type === 'MemberExpression' && !node.computed) return false
      if (k === 'key' && (node.type === 'Property' || node.type === 'MethodDefinition' || node.type === 'PropertyDefinition') && !node.computed && !node.shorthand) return false
      visit(child, inner)
      return false
    })
  }
  visit(root, false)
  return refs === calls
}

/** Every name a binding pattern binds. */
export function patternNames(p: ESTree.Pattern): string[] {
  switch (p.type) {
    case 'Identifier': return [p.name]
    case 'AssignmentPattern': return patternNames(p.left)
    case 'RestElement': return patternNames(p.argument)
    case 'ArrayPattern': return p.elements.flatMap((e) => (e ? patternNames(e) : []))
    case 'ObjectPattern': return p.properties.flatMap((q) => patternNames(q.type === 'RestElement' ? q : (q.value as ESTree.Pattern)))
    default: return []
  }
}

const PLAIN_NAME = /^[A-Za-z_$][\w$]*$/

/** A name that parses as an identifier expression, and binds as a parameter or `const`. */
export function isPlainName(code: string): boolean {
  return PLAIN_NAME.test(code) && !RESERVED_WORDS.has(code)
}

/** JS reserved words: not usable as a def, block or binding name. */
export const RESERVED_WORDS = new Set(('break case catch class const continue debugger default delete do else enum export extends false ' +
  'finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield ' +
  'let static implements interface package private protected public await arguments eval').split(' '))
