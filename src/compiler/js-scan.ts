// Where embedded JavaScript ends in template text: `${ expr | filters }` and the `%>` of a code block.
import * as acorn from 'acorn'
import type * as ESTree from 'estree'
import { syntaxError, type ErrorSite } from './errors.js'
import { parseExpression, simpleChain } from './js.js'
import { isPlainName } from './js-names.js'
import { BASE, newCommentParser, newParser, parserFactory, rethrow, withComments } from './js-parser.js'
import { bracketState, isClose, isOpen, skipSpaceAndComments } from './js-tokens.js'

/** A JS error in `${` at `pos`: when no `}` ever ends the expression, it is unterminated where it begins (Mako #428). */
function unterminatedExpression(site: ErrorSite, src: string, pos: number): void {
  if (bracketState(src, pos).closer < 0) syntaxError(site, 'unclosed_expression', 'Unterminated expression: this ${ is never closed by a }', pos - 2)
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

/**
 * `${ expr | f1, f2 }` starting at `pos` (just after `${`). Acorn's tokenizer tells strings,
 * template literals, regexes, comments, `||` and `|=` apart; filters follow the last top-level `|`.
 */
export function scanExpression(site: ErrorSite, src: string, pos: number): ScannedExpression {
  const simple = scanSimpleExpression(src, pos)
  if (simple) return simple
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

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13
const isChainChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c === 46

/**
 * `${ name.chain }` or `${ name.chain | f, g }` (plain filter names), as scanExpression would
 * read it, without acorn; undefined for anything else (and for every error: scanExpression
 * then runs the parse that reports it).
 */
function scanSimpleExpression(src: string, pos: number): ScannedExpression | undefined {
  let i = pos
  while (isSpace(src.charCodeAt(i))) i++
  const start = i
  while (isChainChar(src.charCodeAt(i))) i++
  const chainEnd = i
  while (isSpace(src.charCodeAt(i))) i++
  const c = src.charCodeAt(i)
  if (c === 125 /* } */) {
    const ast = simpleChain(src, start, chainEnd, 0)
    return ast && { end: i + 1, code: src.slice(start, chainEnd), codeStart: start, filters: [], ast, astBase: start }
  }
  if (c !== 124 /* | */) return undefined
  const filters: ScannedExpression['filters'] = []
  for (;;) {
    i++
    while (isSpace(src.charCodeAt(i))) i++
    const fstart = i
    while (isChainChar(src.charCodeAt(i)) && src.charCodeAt(i) !== 46) i++
    const fcode = src.slice(fstart, i)
    if (!isPlainName(fcode)) return undefined
    filters.push({ code: fcode, start: fstart, end: i })
    while (isSpace(src.charCodeAt(i))) i++
    const d = src.charCodeAt(i)
    if (d === 125) break
    if (d !== 44 /* , */) return undefined
  }
  const code = src.slice(start, chainEnd)
  const ast = simpleChain(code, 0, code.length, 0)
  return ast && { end: i + 1, code, codeStart: start, filters, ast, astBase: 0 }
}
