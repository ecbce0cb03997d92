// Acorn's parser set up once for embedded JavaScript: module code, a depth guard on its recursive
// rules, construction without re-normalizing options, and a sink for the comments it passes.
import * as acorn from 'acorn'
import { syntaxError, type ErrorSite } from './errors.js'

export const BASE: acorn.Options = {
  ecmaVersion: 'latest',
  sourceType: 'module',
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true,
  allowImportExportEverywhere: false,
  allowHashBang: false,
}

export type AnyParser = acorn.Parser & Record<string, unknown> & { nextToken(): void; parseExpression(): acorn.Expression; parse(): acorn.Program }

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
export function parserFactory(options: acorn.Options): (input: string, pos: number) => AnyParser {
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

export const newParser = parserFactory(BASE)

type CommentSink = (block: boolean, text: string, start: number, end: number) => void
/** where the comments of the tokenizer running now go (tokenizing does not re-enter) */
let commentSink: CommentSink | undefined
export const newCommentParser = parserFactory({ ...BASE, onComment: (block: boolean, text: string, start: number, end: number) => commentSink?.(block, text, start, end) })

/** `fn()` with the comments of `newCommentParser` tokenizers reported to `sink`. */
export function withComments<T>(sink: CommentSink, fn: () => T): T {
  const saved = commentSink
  commentSink = sink
  try {
    return fn()
  } finally {
    commentSink = saved
  }
}

export function rethrow(site: ErrorSite, err: unknown, offset: number, what: string): never {
  const e = err as { pos?: number; message?: string }
  if (typeof e.pos === 'number') {
    const msg = String(e.message).replace(/ \(\d+:\d+\)$/, '')
    syntaxError(site, 'invalid_javascript', `Invalid JavaScript in ${what}: ${msg}`, offset + e.pos)
  }
  throw err
}
