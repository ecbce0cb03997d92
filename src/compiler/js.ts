// Embedded JavaScript: acorn parses every fragment in place, periscopic finds its free names.
import * as acorn from 'acorn'
import { analyze } from 'periscopic'
import type * as ESTree from 'estree'
import { syntaxError, type ErrorSite } from './errors.js'

const BASE: acorn.Options = {
  ecmaVersion: 'latest',
  sourceType: 'module',
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true,
  allowImportExportEverywhere: false,
  allowHashBang: false,
}

type AnyParser = acorn.Parser & Record<string, unknown> & { nextToken(): void; parseExpression(): acorn.Expression; parse(): acorn.Program }

/**
 * How deep the parser's recursive rules may nest in one fragment (expressions, statements,
 * operator and unary chains, patterns: two or three per level of brackets). Acorn itself runs
 * until the stack overflows and then reports it, but that happens deep in the stack, where V8
 * may abort the whole process (compiling a regular expression there, seen on Node 20), and
 * the walkers after the parse need stack too. docs/language.md documents the limit.
 */
export const MAX_JS_DEPTH = 500
/** the recursion depth of the parse running now (parses do not re-enter) */
let jsDepth = 0

type Rule = (this: AnyParser, ...args: unknown[]) => unknown
const GUARDED_RULES = ['parseMaybeAssign', 'parseStatement', 'parseMaybeUnary', 'parseExprOp', 'parseBindingAtom']
/** acorn's Parser with a depth count on its recursive rules (a plugin, as acorn's API has them) */
const GuardedParser = acorn.Parser.extend((Base) => {
  const Sub = class extends (Base as unknown as new (...a: unknown[]) => object) {}
  for (const name of GUARDED_RULES) {
    const rule = (Base.prototype as unknown as Record<string, Rule>)[name]
    if (typeof rule !== 'function') continue
    ;(Sub.prototype as unknown as Record<string, Rule>)[name] = function (this: AnyParser, ...args: unknown[]) {
      if (++jsDepth > MAX_JS_DEPTH) {
        jsDepth = 0
        ;(this as unknown as { raise(pos: number, msg: string): never }).raise(this.start as number, `nested more than ${MAX_JS_DEPTH} levels deep (the limit)`)
      }
      try {
        return rule.apply(this, args)
      } finally {
        if (jsDepth > 0) jsDepth--
      }
    }
  }
  return Sub as unknown as typeof acorn.Parser
})
const ParserClass = GuardedParser as unknown as { new (o: acorn.Options, input: string, pos?: number): AnyParser; prototype: AnyParser }

/** What a fresh acorn 8 parser holds, in the order its constructor sets it. */
const PARSER_FIELDS = 'options,sourceFile,keywords,reservedWords,reservedWordsStrict,reservedWordsStrictBind,input,containsEsc,pos,curLine,' +
  'lineStart,type,value,end,start,endLoc,startLoc,lastTokStartLoc,lastTokEndLoc,lastTokEnd,lastTokStart,context,exprAllowed,inModule,strict,' +
  'potentialArrowAt,potentialArrowInForAwait,awaitIdentPos,awaitPos,yieldPos,labels,undefinedExports,scopeStack,regexpState,privateNameStack'

/** A parser as acorn's constructor leaves it, from `proto` (one made with the same options). */
function FastParser(this: AnyParser, proto: AnyParser, input: string, pos: number): void {
  this.options = proto.options
  this.sourceFile = proto.sourceFile
  this.keywords = proto.keywords
  this.reservedWords = proto.reservedWords
  this.reservedWordsStrict = proto.reservedWordsStrict
  this.reservedWordsStrictBind = proto.reservedWordsStrictBind
  this.input = input
  this.containsEsc = false
  this.pos = pos
  this.curLine = 1
  // read only for `locations` (off here) and the Position handed to onComment (ignored):
  // acorn's `lastIndexOf('\n', pos - 1)` would scan back over the whole line on every
  // fragment, which made compiling a long line quadratic in its length
  this.lineStart = pos
  this.type = proto.type
  this.value = null
  this.end = pos
  this.start = pos
  this.endLoc = undefined
  this.startLoc = undefined
  this.lastTokStartLoc = null
  this.lastTokEndLoc = null
  this.lastTokEnd = pos
  this.lastTokStart = pos
  this.context = [(proto.context as unknown[])[0]]
  this.exprAllowed = true
  this.inModule = true
  this.strict = true
  this.potentialArrowAt = -1
  this.potentialArrowInForAwait = false
  this.awaitIdentPos = 0
  this.awaitPos = 0
  this.yieldPos = 0
  this.labels = []
  this.undefinedExports = Object.create(null)
  const top = (proto.scopeStack as { flags: number; constructor: new (flags: number) => unknown }[])[0]
  this.scopeStack = [new top.constructor(top.flags)]
  this.regexpState = null
  this.privateNameStack = []
}
FastParser.prototype = ParserClass.prototype

/**
 * `new Parser(options, input, pos)` for fixed options. Acorn's constructor normalizes the
 * options and builds four keyword regexps on every call, most of the cost of parsing a short
 * fragment; here a parser is set up as the constructor sets one (module code, no locations),
 * sharing the normalized options and regexps of one made up front, and without the scan back
 * to the line's start (`lineStart`, read only for locations). Only when a fresh parser
 * has exactly the fields this mirrors and comes out the same; otherwise the constructor.
 */
function parserFactory(options: acorn.Options): (input: string, pos: number) => AnyParser {
  const slow = (input: string, pos: number) => new ParserClass(options, input, pos)
  try {
    const proto = new ParserClass(options, '', 0)
    const o = proto.options as acorn.Options
    const scopes = proto.scopeStack as { flags: number; constructor: new (flags: number) => unknown }[]
    const ctx = proto.context as unknown[]
    if (!acorn.version.startsWith('8.') || Object.keys(proto).join(',') !== PARSER_FIELDS || !proto.inModule || !proto.strict || o.locations ||
      o.allowHashBang || scopes.length !== 1 || ctx.length !== 1 || proto.type !== acorn.tokTypes.eof) return slow
    const fast = (input: string, pos: number): AnyParser => new (FastParser as unknown as new (proto: AnyParser, input: string, pos: number) => AnyParser)(proto, input, pos)
    // the same as the constructor's, field by field
    for (const [input, pos] of [['a\nb', 0], ['a\nb c', 3]] as const) {
      const a = fast(input, pos)
      const b = slow(input, pos)
      if (Object.keys(a).join(',') !== PARSER_FIELDS) return slow
      for (const k of Object.keys(b)) {
        if (k === 'options' || k === 'lineStart') continue
        const x = a[k]
        const y = b[k]
        if (x !== y && (typeof x !== 'object' || typeof y !== 'object' || JSON.stringify(x) !== JSON.stringify(y) || Object.getPrototypeOf(x) !== Object.getPrototypeOf(y) || String(x instanceof RegExp ? x : '') !== String(y instanceof RegExp ? y : ''))) return slow
      }
      if (JSON.stringify(a.options) !== JSON.stringify(b.options)) return slow
    }
    return fast
  } catch {
    return slow
  }
}

const newParser = parserFactory(BASE)

type CommentSink = (block: boolean, text: string, start: number, end: number) => void
/** where the comments of the tokenizer running now go (tokenizing does not re-enter) */
let commentSink: CommentSink | undefined
const newCommentParser = parserFactory({ ...BASE, onComment: (block: boolean, text: string, start: number, end: number) => commentSink?.(block, text, start, end) })

/** `fn()` with the comments of `newCommentParser` tokenizers reported to `sink`. */
function withComments<T>(sink: CommentSink, fn: () => T): T {
  const saved = commentSink
  commentSink = sink
  try {
    return fn()
  } finally {
    commentSink = saved
  }
}

function rethrow(site: ErrorSite, err: unknown, offset: number, what: string): never {
  const e = err as { pos?: number; message?: string }
  if (typeof e.pos === 'number') {
    const msg = String(e.message).replace(/ \(\d+:\d+\)$/, '')
    syntaxError(site, 'invalid_javascript', `Invalid JavaScript in ${what}: ${msg}`, offset + e.pos)
  }
  throw err
}

/** Parse `code` (found at `offset` in the template) as one JS expression. */
export function parseExpression(site: ErrorSite, code: string, offset: number, what = 'expression'): ESTree.Expression {
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

/**
 * Acorn's tokens from `pos`: the brackets still open when they end (or fail: the text after
 * an unterminated `${` is template text, not JS), and the first `}` that closes none of them
 * (where a `${` expression ends), or -1.
 */
function bracketState(src: string, pos: number): { open: number[]; closer: number } {
  const open: number[] = []
  const labels: string[] = []
  let closer = -1
  try {
    for (const t of newParser(src, pos) as unknown as Iterable<acorn.Token>) {
      const l = t.type.label
      if (isOpen(l)) {
        open.push(t.start)
        labels.push(l)
      } else if (isClose(l)) {
        const top = labels[labels.length - 1]
        if (top !== undefined && (l === '}' ? top === '{' || top === '${' : l === (top === '(' ? ')' : ']'))) {
          open.pop()
          labels.pop()
        } else if (l === '}') {
          // a `}` that closes none of the brackets open: where the `${` ends (the error is
          // the bracket left open before it)
          closer = t.start
          break
        }
        // a stray `)` or `]` is the error itself; the `}` after it still ends the expression
      }
    }
  } catch {
    // the tokens end here
  }
  return { open, closer }
}

/** A JS error in `${` at `pos`: when no `}` ever ends the expression, it is unterminated where it begins (Mako #428). */
function unterminatedExpression(site: ErrorSite, src: string, pos: number): void {
  if (bracketState(src, pos).closer < 0) syntaxError(site, 'unclosed_expression', 'Unterminated expression: this ${ is never closed by a }', pos - 2)
}

/** Index of the first character after white space and JS comments from `pos`. */
export function skipSpaceAndComments(code: string, pos: number): number {
  for (;;) {
    while (pos < code.length && /\s/.test(code[pos])) pos++
    if (code.startsWith('//', pos)) {
      const nl = code.indexOf('\n', pos)
      pos = nl < 0 ? code.length : nl + 1
    } else if (code.startsWith('/*', pos)) {
      const close = code.indexOf('*/', pos + 2)
      pos = close < 0 ? code.length : close + 2
    } else return pos
  }
}

export interface ScannedExpression {
  /** offset just after the closing `}` */
  end: number
  code: string
  codeStart: number
  filters: { code: string; start: number; end: number }[]
  ast: ESTree.Expression
  astBase: number
}

/** scanExpression's tokens (it is not re-entered: acorn calls back only to record them) */
const SCAN_TOKENS: acorn.Token[] = []
const SCAN_OPTIONS: acorn.Options = { ...BASE, onToken: (t: acorn.Token) => void SCAN_TOKENS.push(t) }
const newScanParser = parserFactory(SCAN_OPTIONS)
const isOpen = (label: string) => label === '(' || label === '[' || label === '{' || label === '${'
const isClose = (label: string) => label === ')' || label === ']' || label === '}'

/**
 * `${ expr | f1, f2 }` starting at `pos` (just after `${`). Acorn's tokenizer tells strings,
 * template literals, regexes, comments, `||` and `|=` apart; filters follow the last top-level `|`.
 */
export function scanExpression(site: ErrorSite, src: string, pos: number): ScannedExpression {
  // without a `|` before the end there are no filters, and the tokens (balanced in a parsed
  // expression) would only say that the end is after the last of them: no need to record them
  let node: acorn.Expression
  let lastTokEnd: number
  try {
    const p = newParser(src, pos)
    p.nextToken()
    node = p.parseExpression()
    lastTokEnd = p.lastTokEnd as number
  } catch (err) {
    const e = err as { pos?: number }
    if (typeof e.pos === 'number' && src.slice(pos, e.pos).trim() === '' && src[e.pos] === '}') {
      syntaxError(site, 'empty_expression', 'Empty expression ${}', pos - 2)
    }
    unterminatedExpression(site, src, pos)
    rethrow(site, err, 0, 'expression')
  }
  const close = skipSpaceAndComments(src, Math.max(node.end, lastTokEnd))
  // a `|` before the close (searched up to it only: `indexOf` would run to the end of the
  // template when there is none, once per `${}`)
  for (let i = pos; i < close; i++) if (src.charCodeAt(i) === 124 /* | */) return scanExpressionTokens(site, src, pos)
  if (src[close] !== '}' || close < node.end) {
    if (close >= src.length) syntaxError(site, 'unclosed_expression', 'Unterminated expression: missing }', pos - 2)
    unterminatedExpression(site, src, pos)
    syntaxError(site, 'invalid_javascript', `Invalid JavaScript in expression: unexpected '${src.slice(close, close + 10).split('\n')[0]}'`, close)
  }
  const raw = src.slice(pos, close)
  const lead = raw.length - raw.trimStart().length
  const code = raw.trim()
  const codeStart = pos + lead
  if (!code) syntaxError(site, 'empty_expression', 'Empty expression ${}', pos - 2)
  return { end: close + 1, code, codeStart, filters: [], ast: node as unknown as ESTree.Expression, astBase: codeStart }
}

/** scanExpression from acorn's tokens: where the expression ends, and its filters. */
function scanExpressionTokens(site: ErrorSite, src: string, pos: number): ScannedExpression {
  const tokens = SCAN_TOKENS
  tokens.length = 0
  let node: acorn.Expression
  try {
    const p = newScanParser(src, pos)
    p.nextToken()
    node = p.parseExpression()
  } catch (err) {
    const e = err as { pos?: number }
    if (typeof e.pos === 'number' && src.slice(pos, e.pos).trim() === '' && src[e.pos] === '}') {
      syntaxError(site, 'empty_expression', 'Empty expression ${}', pos - 2)
    }
    unterminatedExpression(site, src, pos)
    rethrow(site, err, 0, 'expression')
  }
  // the closing brace is the first `}` at depth 0 (parentheses around the expression are
  // not part of acorn's node range, so the tokens decide)
  let close = -1
  {
    let d = 0
    for (const t of tokens) {
      const l = t.type.label
      if (isOpen(l)) d++
      else if (isClose(l)) {
        if (d === 0) {
          if (l === '}') close = t.start
          break
        }
        d--
      }
    }
    // acorn reports the lookahead `}` only after returning: start after the last token seen
    if (close < 0) close = skipSpaceAndComments(src, tokens.length ? Math.max(node.end, tokens[tokens.length - 1].end) : node.end)
  }
  if (src[close] !== '}' || close < node.end) {
    if (close >= src.length) syntaxError(site, 'unclosed_expression', 'Unterminated expression: missing }', pos - 2)
    unterminatedExpression(site, src, pos)
    syntaxError(site, 'invalid_javascript', `Invalid JavaScript in expression: unexpected '${src.slice(close, close + 10).split('\n')[0]}'`, close)
  }
  let depth = 0
  let lastPipe = -1
  const commas: number[] = []
  for (const t of tokens) {
    if (t.start >= close) break
    const label = t.type.label
    if (isOpen(label)) depth++
    else if (isClose(label)) depth--
    else if (depth === 0 && label === '|') {
      lastPipe = t.start
      commas.length = 0
    } else if (depth === 0 && label === ',' && lastPipe >= 0) commas.push(t.start)
  }
  const exprEnd = lastPipe >= 0 ? lastPipe : close
  const raw = src.slice(pos, exprEnd)
  const lead = raw.length - raw.trimStart().length
  const code = raw.trim()
  const codeStart = pos + lead
  if (!code) syntaxError(site, 'empty_expression', 'Empty expression ${}', pos - 2)
  const ast = lastPipe >= 0 ? parseExpression(site, code, codeStart) : (node as unknown as ESTree.Expression)
  const filters: ScannedExpression['filters'] = []
  if (lastPipe >= 0) {
    const bounds = [lastPipe, ...commas, close]
    for (let i = 0; i + 1 < bounds.length; i++) {
      const a = bounds[i] + 1
      const text = src.slice(a, bounds[i + 1])
      const fcode = text.trim()
      const fstart = a + (text.length - text.trimStart().length)
      // (never empty: acorn parsed `x | f, g` first, and rejects `x | , g`)
      if (!isPlainName(fcode)) parseExpression(site, fcode, fstart, 'filter')
      filters.push({ code: fcode, start: fstart, end: fstart + fcode.length })
    }
  }
  return { end: close + 1, code, codeStart, filters, ast, astBase: lastPipe >= 0 ? 0 : codeStart }
}

/**
 * Where the JS that starts at `pos` is closed by `%>`: tokens make `'%>'` inside a string or
 * comment harmless. Falls back to the first `%>` when the code does not tokenize (the parse
 * of the block then reports the real error).
 */
export function findCodeClose(src: string, pos: number): number {
  // no string, comment, regex, template, escape or other `%` before the first `%>`: that is the end
  const first = src.indexOf('%>', pos)
  if (first < 0) return -1
  let plain = true
  for (let i = pos; i < first; i++) {
    const c = src.charCodeAt(i)
    if (c === 34 || c === 39 || c === 96 || c === 47 || c === 37 || c === 92) {
      plain = false
      break
    }
  }
  if (plain) return first
  try {
    // a `//` comment ends at `%>`, as a Python comment does in Mako
    let commentClose = -1
    const onComment = (block: boolean, text: string, start: number) => {
      if (!block && commentClose < 0 && text.includes('%>')) commentClose = start + 2 + text.indexOf('%>')
    }
    const p = newCommentParser(src, pos) as unknown as { getToken(): acorn.Token }
    return withComments(onComment, () => {
      for (;;) {
        const t = p.getToken()
        if (commentClose >= 0 && commentClose < t.start) return commentClose
        if (t.type === acorn.tokTypes.eof) return commentClose
        if (t.type.label === '%' && src[t.end] === '>') return t.start
        if (t.type === acorn.tokTypes.modulo && src[t.end] === '>') return t.start
      }
    })
  } catch {
    return src.indexOf('%>', pos)
  }
}

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
  const { globals } = analyze(root as never)
  return new Set(globals.keys())
}

/** Names declared at the top level of a program (let/const/var/function/class/import). */
export function declaredNames(program: ESTree.Program): Set<string> {
  const { scope } = analyze(program as never)
  const names = new Set(scope.declarations.keys())
  for (const s of program.body) if (s.type === 'ImportDeclaration') for (const sp of s.specifiers) names.add(sp.local.name)
  return names
}

/** Whether some node under `root` passes `test`; nested functions are skipped when `outsideFunctions`. */
export function someNode(root: unknown, test: (n: { type: string } & Record<string, unknown>) => boolean, outsideFunctions = false): boolean {
  const visit = (n: unknown): boolean => {
    if (!n || typeof n !== 'object') return false
    if (Array.isArray(n)) return n.some(visit)
    const node = n as { type: string } & Record<string, unknown>
    if (typeof node.type === 'string') {
      if (test(node)) return true
      if (outsideFunctions && FUNCTION_TYPES.has(node.type)) return false
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

const PLAIN_NAME = /^[A-Za-z_$][\w$]*$/

/** A name that parses as an identifier expression, and binds as a parameter or `const`. */
export function isPlainName(code: string): boolean {
  return PLAIN_NAME.test(code) && !RESERVED_WORDS.has(code)
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

/** JS reserved words: not usable as a def, block or binding name. */
export const RESERVED_WORDS = new Set(('break case catch class const continue debugger default delete do else enum export extends false ' +
  'finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield ' +
  'let static implements interface package private protected public await arguments eval').split(' '))

/**
 * `code` without its comments, for fragments placed inside one generated line (a `//`
 * comment would swallow the rest of it). Strings and template literals are untouched.
 */
export function stripComments(code: string): string {
  if (!code.includes('//') && !code.includes('/*')) return code
  const ranges: [number, number][] = []
  try {
    withComments((_b, _t, s, e) => void ranges.push([s, e]), () => {
      for (const _t of newCommentParser(code, 0) as unknown as Iterable<acorn.Token>) void _t
    })
  } catch {
    return code
  }
  let out = code
  for (const [s, e] of ranges.reverse()) out = out.slice(0, s) + ' ' + out.slice(e)
  return out.trim()
}

/**
 * `code` with each comment blanked: its characters become spaces (line breaks kept), so the
 * text keeps its length and every AST offset into it still holds (`${}` code: what codegen
 * edits at AST offsets is the text the AST was parsed from). Strings and template literals
 * are untouched.
 */
export function blankComments(code: string): string {
  if (!code.includes('//') && !code.includes('/*')) return code
  const ranges: [number, number][] = []
  try {
    withComments((_b, _t, s, e) => void ranges.push([s, e]), () => {
      for (const _t of newCommentParser(code, 0) as unknown as Iterable<acorn.Token>) void _t
    })
  } catch {
    return code
  }
  let out = ''
  let at = 0
  for (const [s, e] of ranges) {
    out += code.slice(at, s)
    for (let i = s; i < e; i++) {
      const c = code.charCodeAt(i)
      out += c === 10 || c === 13 ? code[i] : ' '
    }
    at = e
  }
  return (out + code.slice(at)).trimEnd()
}

/** Tokens of a snippet, reporting comments as they are passed. */
export function acornTokenizer(code: string, onComment: (block: boolean, text: string, start: number) => void): Iterable<acorn.Token> {
  const p = newCommentParser(code, 0) as unknown as Iterable<acorn.Token>
  // the comments of each step go to `onComment` (the iterator is run lazily)
  return {
    [Symbol.iterator]() {
      const it = p[Symbol.iterator]()
      return { next: () => withComments(onComment, () => it.next()) }
    },
  }
}

/** The tokens of a JS snippet (used to split `for` clauses). */
export function tokenize(code: string): acorn.Token[] {
  return [...(newParser(code, 0) as unknown as Iterable<acorn.Token>)]
}
