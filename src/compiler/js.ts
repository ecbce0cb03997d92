// Embedded JavaScript: acorn parses every fragment in place (expressions, attribute values,
// code blocks, parameter lists) with template offsets in its errors.
import * as acorn from 'acorn'
import type * as ESTree from 'estree'
import { syntaxError, type ErrorSite } from './errors.js'
import { freeNames, patternNames, RESERVED_WORDS } from './js-names.js'
import { newParser, rethrow, type AnyParser } from './js-parser.js'
import { bracketState, skipSpaceAndComments, stripComments } from './js-tokens.js'

/** acorn's node class: nodes made without a parse are the same objects a parse makes */
const AcornNode = (acorn as unknown as { Node: unknown }).Node as new (parser: { options: object }, pos: number) => acorn.Node & Record<string, unknown>
const NO_OPTIONS = { options: {} }

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36
}
function isNamePart(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57)
}

/**
 * The AST acorn gives `src.slice(from, to)` when that is a name or a chain of `.name` reads on
 * one (`item.title`: no spaces, comments, calls or escapes; ASCII names, the first not a
 * reserved word), without a parse; node offsets are `src`'s minus `shift`. Undefined for
 * anything else (the caller parses it).
 */
export function simpleChain(src: string, from: number, to: number, shift: number): ESTree.Expression | undefined {
  let i = from
  if (i >= to || !isNameStart(src.charCodeAt(i))) return undefined
  while (++i < to && isNamePart(src.charCodeAt(i)));
  const name = src.slice(from, i)
  if (RESERVED_WORDS.has(name)) return undefined
  let node = new AcornNode(NO_OPTIONS, from - shift)
  node.type = 'Identifier'
  node.end = i - shift
  node.name = name
  while (i < to) {
    if (src.charCodeAt(i) !== 46 /* . */ || i + 1 >= to || !isNameStart(src.charCodeAt(i + 1))) return undefined
    const at = i + 1
    i = at + 1
    while (i < to && isNamePart(src.charCodeAt(i))) i++
    const prop = new AcornNode(NO_OPTIONS, at - shift)
    prop.type = 'Identifier'
    prop.end = i - shift
    prop.name = src.slice(at, i)
    const member = new AcornNode(NO_OPTIONS, from - shift)
    member.type = 'MemberExpression'
    member.end = i - shift
    member.object = node
    member.property = prop
    member.computed = false
    member.optional = false
    node = member
  }
  return node as unknown as ESTree.Expression
}

/** Parse `code` (found at `offset` in the template) as one JS expression. */
export function parseExpression(site: ErrorSite, code: string, offset: number, what = 'expression'): ESTree.Expression {
  const chain = simpleChain(code, 0, code.length, 0)
  if (chain) return chain
  let node: acorn.Expression
  let rest: number
  try {
    const p = newParser(code, 0)
    p.nextToken()
    node = p.parseExpression()
    // the token after the expression (acorn has read it already): the end, or what is left over.
    // (Not `node.end`: parentheses around the whole expression are outside the node's range.)
    rest = p.type === acorn.tokTypes.eof ? code.length : (p.start as number)
  } catch (err) {
    rethrow(site, err, offset, what)
  }
  if (rest < code.length) syntaxError(site, 'invalid_javascript', `Invalid JavaScript in ${what}: unexpected '${code.slice(rest, rest + 10)}'`, offset + rest)
  return node as unknown as ESTree.Expression
}

/**
 * Parse the JS of `src` between `start` and `end` (an attribute value) as one expression, in
 * place: the AST has template offsets. `code` is the expression's text (parentheses around it
 * included) without comments, `start` where it begins.
 */
export function parseExpressionAt(site: ErrorSite, src: string, start: number, end: number, what: string): { code: string; start: number; ast: ESTree.Expression } {
  let node: acorn.Expression
  let first: number
  let last: number
  try {
    const p = newParser(src.slice(0, end), start)
    p.nextToken()
    first = p.start as number
    node = p.parseExpression()
    last = p.lastTokEnd as number
    if (p.type !== acorn.tokTypes.eof) syntaxError(site, 'invalid_javascript', `Invalid JavaScript in ${what}: unexpected '${src.slice(p.start as number, Math.min(end, (p.start as number) + 10))}'`, p.start as number)
  } catch (err) {
    rethrow(site, err, 0, what)
  }
  return { code: stripComments(src.slice(first, last)), start: first, ast: node as unknown as ESTree.Expression }
}

/**
 * Parse the JS of `src` between `start` and `end` as a comma-separated list (a trailing comma
 * allowed): filter lists, `name=expr, ...spread` include args. In place, like parseExpressionAt.
 */
export function parseListAt(site: ErrorSite, src: string, start: number, end: number, what: string): { code: string; start: number; end: number; ast: ESTree.Expression | ESTree.SpreadElement }[] {
  let items: acorn.Node[]
  try {
    const p = newParser(src.slice(0, end), start) as AnyParser & { parseExprList(close: acorn.TokenType, trailingComma: boolean, empty: boolean): acorn.Node[] }
    p.nextToken()
    items = p.type === acorn.tokTypes.eof ? [] : p.parseExprList(acorn.tokTypes.eof, true, false)
  } catch (err) {
    rethrow(site, err, 0, what)
  }
  return items.map((n) => ({ code: stripComments(src.slice(n.start, n.end)), start: n.start, end: n.end, ast: n as unknown as ESTree.Expression | ESTree.SpreadElement }))
}

/** Parse statements (`<% %>`) or module code (`<%! %>`). */
export function parseProgram(site: ErrorSite, code: string, offset: number, what = 'code block'): ESTree.Program {
  try {
    return newParser(code, 0).parse() as unknown as ESTree.Program
  } catch (err) {
    // the parse ran off the end of the block: an opening bracket that is never closed is
    // reported where it opens (as Mako reports an unclosed `(` at its line), not at the `%>`
    const e = err as { pos?: number }
    if (typeof e.pos === 'number' && skipSpaceAndComments(code, e.pos) >= code.length) {
      const { open } = bracketState(code, 0)
      const at = open[open.length - 1]
      if (at !== undefined) syntaxError(site, 'invalid_javascript', `Invalid JavaScript in ${what}: '${code[at] === '$' ? '${' : code[at]}' is never closed`, offset + at)
    }
    rethrow(site, err, offset, what)
  }
}

export interface ParamList {
  /** the parameter list as written */
  code: string
  /** per top-level parameter: its name (undefined for patterns), default code, rest flag */
  params: { name?: string; defaultCode?: string; rest: boolean; code: string }[]
  /** every bound name */
  names: string[]
  /** top-level parameter names in order (undefined for patterns) */
  positional: (string | undefined)[]
  /** free names read by default values (evaluated when the function is called) */
  free: string[]
}

/** A JS parameter list `a, b = 1, ...rest` (def signatures, page/block/call args). */
export function parseParams(site: ErrorSite, code: string, offset: number, what = 'argument list'): ParamList {
  const simple = simpleParams(code)
  if (simple) return simple
  const wrapped = `function __M_(${code}\n){}`
  let fn: ESTree.FunctionDeclaration
  try {
    const prog = newParser(wrapped, 0).parse() as unknown as ESTree.Program
    if (prog.body.length !== 1 || prog.body[0].type !== 'FunctionDeclaration') throw Object.assign(new Error('not a parameter list'), { pos: 13 })
    fn = prog.body[0]
  } catch (err) {
    const e = err as { pos?: number; message?: string }
    if (typeof e.pos === 'number') {
      const at = Math.max(0, Math.min(code.length, e.pos - 14))
      syntaxError(site, 'invalid_javascript', `Invalid JavaScript in ${what}: ${String(e.message).replace(/ \(\d+:\d+\)$/, '')}`, offset + at)
    }
    throw err
  }
  const names: string[] = []
  const positional: (string | undefined)[] = []
  const collect = (p: ESTree.Pattern): void => {
    names.push(...patternNames(p))
  }
  const params: ParamList['params'] = []
  const src = (n: ESTree.Node) => wrapped.slice((n as unknown as acorn.Node).start, (n as unknown as acorn.Node).end)
  for (const p of fn.params) {
    collect(p)
    const base = p.type === 'AssignmentPattern' ? p.left : p.type === 'RestElement' ? p.argument : p
    const name = base.type === 'Identifier' ? base.name : undefined
    positional.push(name)
    params.push({ name, defaultCode: p.type === 'AssignmentPattern' ? stripComments(src(p.right)) : undefined, rest: p.type === 'RestElement', code: stripComments(src(p)) })
  }
  const free = new Set<string>()
  for (const p of fn.params) {
    // a plain name reads nothing
    if (p.type === 'Identifier' || (p.type === 'RestElement' && p.argument.type === 'Identifier')) continue
    // defaults and computed keys: a function over the params tells what they read freely
    for (const n of freeNames({ type: 'Program', sourceType: 'module', body: [{ type: 'ExpressionStatement', expression: { type: 'ArrowFunctionExpression', params: [p], body: { type: 'BlockStatement', body: [] }, expression: false, generator: false, async: false } }] } as unknown as ESTree.Node)) {
      if (!names.includes(n)) free.add(n)
    }
  }
  // the list is placed inside one generated line: a `//` comment would swallow the rest of it
  return { code: stripComments(code), names, positional, params, free: [...free] }
}

const SIMPLE_PARAMS = /^\s*[A-Za-z_$][\w$]*(?:\s*,\s*[A-Za-z_$][\w$]*)*\s*$/

/** `a, b, c` (plain, distinct names) without a parse; undefined for anything else. */
function simpleParams(code: string): ParamList | undefined {
  if (!code.trim()) return { code, names: [], positional: [], params: [], free: [] }
  if (!SIMPLE_PARAMS.test(code)) return undefined
  const names = code.split(',').map((s) => s.trim())
  for (let i = 0; i < names.length; i++) if (RESERVED_WORDS.has(names[i]) || names.indexOf(names[i]) !== i) return undefined
  return { code, names, positional: names.slice(), params: names.map((name) => ({ name, defaultCode: undefined, rest: false, code: name })), free: [] }
}
