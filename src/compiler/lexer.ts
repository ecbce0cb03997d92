// Template text -> parse tree. A cursor over the source, matching in Mako's order:
// control lines and `##` comments at line starts, `${}`, tags, `<% %>` blocks, text.
import type * as ESTree from 'estree'
import { compileError, syntaxError, type ErrorSite } from './errors.js'
import { parseExpression, parseProgram } from './js.js'
import { isPlainName, patternNames, RESERVED_WORDS } from './js-names.js'
import { acornTokenizer, tokenize } from './js-tokens.js'
import { expressionAt, isJsError, TagLexer } from './lexer-tags.js'
import { mayHaveTypeArguments, typedExpressionEnd } from './typescript.js'
import type { ControlBlock, ControlLine, Expression, TemplateRoot } from './nodes.js'

const BLOCK_KEYWORDS = new Set(['if', 'for', 'while', 'try'])
const BRANCHES: Record<string, string[]> = { if: ['elif', 'else'], for: [], while: [], try: ['except', 'finally'] }
const SIMPLE_FOR = /^([A-Za-z_$][\w$]*)([ \t]+)in([ \t]+)([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)$/
// (a newline stops the scan only where a control line or `##` comment may start)
const TEXT_STOP = /\$\{|<\/?%|\\\r?\n|\n(?=[ \t]*(?:%|##))/g

/** Mako's `_coding_re`, anchored at the start of the template (`.` never crosses a newline there). */
const MAGIC_CODING = /^#[^\n]*coding[:=]\s*[-\w.]+[^\n]*\r?\n/

export function parse(source: string, site: ErrorSite): TemplateRoot {
  return new Lexer(source, site).parse()
}

/** The scanner: text, `${}`, `##` comments and control lines; tags by way of TagLexer. */
class Lexer extends TagLexer {
  parse(): TemplateRoot {
    const src = this.src
    // a Python-style magic encoding comment on the first line is skipped, as Mako's lexer does
    // (`# -*- coding: utf-8 -*-`, `## coding=latin-1`; it must end in a newline)
    const coding = MAGIC_CODING.exec(src)
    if (coding) this.pos = coding[0].length
    while (this.pos < src.length) {
      const p = this.pos
      if (p === 0 || src.charCodeAt(p - 1) === 10) {
        let j = p
        while (src[j] === ' ' || src[j] === '\t') j++
        if (src[j] === '%' && src[j + 1] === '%') {
          this.appendText(src.slice(p, j) + '%', p, j + 2)
          this.pos = j + 2
          continue
        }
        if (src[j] === '%') {
          this.matchControlLine(p, j)
          continue
        }
        if (src[j] === '#' && src[j + 1] === '#') {
          // a comment line ending in `\` goes on to the next line, as any line in Mako
          let nl = src.indexOf('\n', j)
          while (nl >= 0 && src[nl - (src[nl - 1] === '\r' ? 2 : 1)] === '\\') nl = src.indexOf('\n', nl + 1)
          this.pos = nl < 0 ? src.length : nl + 1
          continue
        }
      }
      if (src.startsWith('${', p)) this.matchExpression()
      else if (src.startsWith('</%', p)) this.matchTagEnd()
      else if (src.startsWith('<%', p)) this.matchTagOrCode()
      else this.matchText()
    }
    const top = this.stack[this.stack.length - 1]
    if (top) {
      if (top.kind === 'tag') syntaxError(this.site, 'unclosed_tag', `Unclosed tag: <%${top.tag.keyword}>`, top.tag.start)
      syntaxError(this.site, 'unclosed_control', `Unterminated control keyword: '${top.block.keyword}'`, top.block.start)
    }
    if (this.src !== this.original) {
      this.root.source = this.src
      this.root.original = this.original
    }
    return this.root
  }

  /** Text up to the next construct; `\` at end of line eats the newline. */
  private matchText(): void {
    const src = this.src
    const start = this.pos
    TEXT_STOP.lastIndex = start
    for (;;) {
      const m = TEXT_STOP.exec(src)
      if (!m) {
        this.appendText(src.slice(start), start, src.length)
        this.pos = src.length
        return
      }
      const tok = m[0]
      if (tok === '\n') {
        let k = m.index + 1
        while (src[k] === ' ' || src[k] === '\t') k++
        if (src[k] === '%' || (src[k] === '#' && src[k + 1] === '#')) {
          this.appendText(src.slice(start, m.index + 1), start, m.index + 1)
          this.pos = m.index + 1
          return
        }
        continue
      }
      if (tok.charCodeAt(0) === 92 /* \ */) {
        this.appendText(src.slice(start, m.index), start, m.index)
        this.pos = m.index + tok.length
        return
      }
      if (m.index === start) {
        // a construct that its own matcher declined: keep it as text
        this.appendText(tok, start, start + tok.length)
        this.pos = start + tok.length
        return
      }
      this.appendText(src.slice(start, m.index), start, m.index)
      this.pos = m.index
      return
    }
  }

  private matchExpression(): void {
    const start = this.pos
    let node: Expression
    try {
      node = expressionAt(this.site, this.src, start)
    } catch (err) {
      // TypeScript: erase it up to the filters or the `}`, and parse again
      const end = isJsError(err) ? typedExpressionEnd(this.src, start + 2) : undefined
      if (end === undefined || !this.eraseAt(start + 2, end, 'expression', err)) throw err
      node = expressionAt(this.site, this.src, start)
    }
    if (mayHaveTypeArguments(node.code)) {
      const end = node.filters.length ? this.src.lastIndexOf('|', node.filters[0].start) : node.end - 1
      if (this.eraseAt(start + 2, end, 'expression')) node = expressionAt(this.site, this.src, start)
    }
    this.children.push(node)
    this.pos = node.end
  }

  /** A `%` line: `lineStart` is where its indentation starts, `pct` the `%`. */
  private matchControlLine(lineStart: number, pct: number): void {
    const src = this.src
    // the line, with `\`-newline continuations removed
    let end = pct
    let text = ''
    let segStart = pct + 1
    for (;;) {
      const nl = src.indexOf('\n', end)
      const eol = nl < 0 ? src.length : nl
      const lineEnd = src[eol - 1] === '\r' ? eol - 1 : eol
      if (src[lineEnd - 1] === '\\' && nl >= 0) {
        text += src.slice(segStart, lineEnd - 1) + ' '
        end = nl + 1
        segStart = nl + 1
        continue
      }
      text += src.slice(segStart, lineEnd)
      end = nl < 0 ? src.length : nl + 1
      break
    }
    this.pos = end
    const codeBase = pct + 1
    const m = /^\s*([A-Za-z_]\w*)?/.exec(text)!
    const keyword = m[1]
    if (!keyword) syntaxError(this.site, 'bad_control_line', `Invalid control line: '%${text.trim()}'`, pct)
    // (comments are found in the code after the keyword: after `if`, acorn would read `/` as division)
    const restRaw = stripTrailingComments(text.slice(m[0].length))
    const restStart = codeBase + m[0].length + (restRaw.length - restRaw.trimStart().length)
    const rest = restRaw.trim()

    if (keyword === 'with' || keyword === 'endwith') {
      compileError(this.site, 'unsupported_with', "'% with' is not supported: JavaScript has no with-statement in modules; use <% const x = ... %>", pct)
    }
    if (keyword.startsWith('end')) return this.closeControl(keyword, rest, pct)
    if (keyword === 'break' || keyword === 'continue') {
      if (rest && rest !== ':' && rest !== ';') syntaxError(this.site, 'bad_control_line', `'% ${keyword}' takes nothing after it`, restStart)
      if (!this.stack.some((f) => f.kind === 'control' && (f.block.keyword === 'for' || f.block.keyword === 'while'))) {
        syntaxError(this.site, 'bad_control_line', `'% ${keyword}' outside a loop`, pct)
      }
      this.children.push({ type: 'ControlStatement', keyword, start: lineStart, end })
      return
    }
    const branch: ControlLine = {
      type: 'ControlLine', keyword, code: '', codeStart: restStart, children: [], start: lineStart, end,
    }
    if (BLOCK_KEYWORDS.has(keyword)) {
      this.fillTypedBranch(branch, rest, restStart)
      const block: ControlBlock = { type: 'ControlBlock', keyword: keyword as ControlBlock['keyword'], branches: [branch], start: lineStart, end }
      this.checkDepth(pct)
      this.children.push(block)
      this.stack.push({ kind: 'control', block, branch })
      return
    }
    if (keyword === 'elif' || keyword === 'else' || keyword === 'except' || keyword === 'finally') {
      const top = this.stack[this.stack.length - 1]
      if (!top || top.kind !== 'control') {
        syntaxError(this.site, 'unmatched_control', `No starting keyword for '${keyword}'`, pct)
      }
      const blockKw = top.block.keyword
      if (keyword === 'else' && (blockKw === 'for' || blockKw === 'while')) {
        compileError(this.site, 'unsupported_for_else', `Python's '${blockKw} ... else' is not supported`, pct)
      }
      if (!BRANCHES[blockKw].includes(keyword)) {
        syntaxError(this.site, 'unmatched_control', `Keyword '${keyword}' not a legal ternary for keyword '${blockKw}'`, pct)
      }
      const prev = top.branch.keyword
      if (prev === 'else' || prev === 'finally' || (keyword === 'except' && prev === 'except')) {
        syntaxError(this.site, 'unmatched_control', `Keyword '${keyword}' cannot follow '${prev}'`, pct)
      }
      this.fillTypedBranch(branch, rest, restStart)
      top.block.branches.push(branch)
      top.branch = branch
      return
    }
    syntaxError(this.site, 'unknown_control', `Unknown control keyword: '${keyword}'`, pct)
  }

  /** fillBranch, again on the line's text with its TypeScript erased when that is what it holds */
  private fillTypedBranch(branch: ControlLine, rest: string, restStart: number): void {
    // (a line continued with `\` is not the template's text: not erased)
    const code = rest.endsWith(':') ? rest.slice(0, -1).trimEnd() : rest
    const erase = (err?: unknown) => this.src.startsWith(rest, restStart) && this.eraseAt(restStart, restStart + code.length, 'expression', err)
    try {
      this.fillBranch(branch, rest, restStart)
    } catch (err) {
      if (!isJsError(err) || !erase(err)) throw err
      this.fillBranch(branch, this.src.slice(restStart, restStart + rest.length), restStart)
      return
    }
    if (mayHaveTypeArguments(code) && erase()) this.fillBranch(branch, this.src.slice(restStart, restStart + rest.length), restStart)
  }

  private fillBranch(branch: ControlLine, rest: string, restStart: number): void {
    const kw = branch.keyword
    const stripColon = (s: string) => (s.endsWith(':') ? s.slice(0, -1).trimEnd() : s)
    if (kw === 'else' || kw === 'try' || kw === 'finally') {
      if (rest !== ':' && rest !== '') syntaxError(this.site, 'bad_control_line', `'% ${kw}' takes nothing but ':'`, restStart)
      return
    }
    if (kw === 'except') {
      const name = stripColon(rest).replace(/^\((.*)\)$/, '$1').trim()
      if (name && (!/^[A-Za-z_$][\w$]*$/.test(name) || RESERVED_WORDS.has(name))) {
        syntaxError(this.site, 'bad_control_line', "'% except' takes at most a name to bind the error to ('% except e:'); JavaScript has one catch", restStart)
      }
      branch.code = name
      return
    }
    if (!rest) syntaxError(this.site, 'bad_control_line', `'% ${kw}' needs a condition`, restStart)
    if (kw === 'for') return this.fillFor(branch, stripColon(rest), restStart)
    // if / elif / while: strip one trailing ':' unless the line is only valid JS with it (a ternary)
    let code = stripColon(rest)
    let test: ESTree.Expression
    try {
      test = parseExpression(this.site, code, restStart, 'control line')
    } catch (err) {
      if (code === rest) throw err
      try {
        test = parseExpression(this.site, rest, restStart, 'control line')
        code = rest
      } catch {
        throw err
      }
    }
    branch.code = code
    branch.test = test
  }

  /** `for TARGET in ITERABLE`: the first top-level `in` splits them. */
  private fillFor(branch: ControlLine, clause: string, start: number): void {
    // `name in a.b.c`: nothing to tokenize
    const simple = SIMPLE_FOR.exec(clause)
    if (simple && isPlainName(simple[1])) {
      const iterCode = simple[4]
      const iterStart = start + simple[1].length + simple[2].length + 2 + simple[3].length
      const ast = parseExpression(this.site, iterCode, iterStart, 'for clause')
      branch.code = clause
      branch.target = { code: simple[1], start, names: [simple[1]] }
      branch.iterable = { code: iterCode, start: iterStart, ast }
      return
    }
    let depth = 0
    let split = -1
    let tokens
    try {
      tokens = tokenize(clause)
    } catch {
      syntaxError(this.site, 'invalid_javascript', 'Invalid JavaScript in for clause', start)
    }
    for (const t of tokens) {
      const l = t.type.label
      if (l === '(' || l === '[' || l === '{' || l === '${') depth++
      else if (l === ')' || l === ']' || l === '}') depth--
      else if (depth === 0 && t.type.keyword === 'in') {
        split = t.start
        break
      }
    }
    if (split < 0) {
      // `% for (x in xs):`, as a JavaScript `for (...)` is written
      const inner = insideParens(clause, tokens)
      if (inner) return this.fillFor(branch, inner.code, start + inner.start)
      syntaxError(this.site, 'bad_for', "'% for' needs 'TARGET in ITERABLE'", start)
    }
    let target = clause.slice(0, split).trim()
    const iterRaw = clause.slice(split + 2)
    const iterCode = iterRaw.trim()
    const iterStart = start + split + 2 + (iterRaw.length - iterRaw.trimStart().length)
    if (!target) syntaxError(this.site, 'bad_for', "'% for' needs a loop variable", start)
    // `(a, b)` as in Python, `(a)`
    const wrapped = insideParens(target)
    if (wrapped) target = wrapped.code
    if (!/^[[{]/.test(target) && target.includes(',')) target = `[${target}]`
    const loopCode = `for (const ${target} of x);`
    let names: string[] = []
    try {
      const prog = parseProgram(this.site, loopCode, start)
      const decl = (prog.body[0] as ESTree.ForOfStatement).left as ESTree.VariableDeclaration
      names = patternNames(decl.declarations[0].id)
    } catch {
      syntaxError(this.site, 'bad_for', `Invalid loop target '${target}'`, start)
    }
    if (!iterCode) syntaxError(this.site, 'bad_for', "'% for' needs an iterable after 'in'", iterStart)
    const ast = parseExpression(this.site, iterCode, iterStart, 'for clause')
    branch.code = clause
    branch.target = { code: target, start, names }
    branch.iterable = { code: iterCode, start: iterStart, ast }
  }

  private closeControl(keyword: string, rest: string, pct: number): void {
    const want = keyword.slice(3)
    if (rest && rest !== ':') syntaxError(this.site, 'bad_control_line', `'% ${keyword}' takes nothing after it`, pct)
    const top = this.stack[this.stack.length - 1]
    if (!top || top.kind !== 'control') {
      if (top && top.kind === 'tag' && this.stack.some((f) => f.kind === 'control' && f.block.keyword === want)) {
        syntaxError(this.site, 'unclosed_tag', `Unclosed tag: <%${top.tag.keyword}> before '% ${keyword}'`, top.tag.start)
      }
      syntaxError(this.site, 'unmatched_control', `No starting keyword '${want}' for '${keyword}'`, pct)
    }
    if (top.block.keyword !== want) {
      syntaxError(this.site, 'unmatched_control', `Keyword '${keyword}' doesn't match keyword '${top.block.keyword}'`, pct)
    }
    top.block.end = this.pos
    this.stack.pop()
  }

}


/**
 * `code` without one pair of parentheses around all of it (`(a, b)` -> `a, b`), with the inner
 * code's offset in `code`; undefined when it is not wrapped so (`(a) + (b)`) or does not tokenize.
 */
function insideParens(code: string, tokens?: { type: { label: string }; start: number; end: number }[]): { code: string; start: number } | undefined {
  if (!code.startsWith('(') || !code.trimEnd().endsWith(')')) return undefined
  try {
    tokens ??= tokenize(code)
  } catch {
    return undefined
  }
  let depth = 0
  for (let i = 0; i < tokens.length; i++) {
    const l = tokens[i].type.label
    if (l === '(' || l === '[' || l === '{' || l === '${') depth++
    else if (l === ')' || l === ']' || l === '}') depth--
    // the first `(` closes before the end: not one pair around everything
    if (depth === 0) {
      if (i !== tokens.length - 1 || l !== ')') return undefined
      const raw = code.slice(1, tokens[i].start)
      const lead = raw.length - raw.trimStart().length
      return { code: raw.trim(), start: 1 + lead }
    }
  }
  return undefined
}

/**
 * A control line without the comments after its code: `// note`, a block comment, and Mako's
 * `## note` (Python reads `#` as a comment there; `# note` too). Acorn's tokens decide, so `//` or `#` in a
 * string or regex stays; code that does not tokenize is left for the parse to report.
 */
function stripTrailingComments(text: string): string {
  if (!text.includes('//') && !text.includes('/*') && !text.includes('#')) return text
  let end = 0
  try {
    for (const t of acornTokenizer(text, () => {})) end = t.end
  } catch {
    // `##` (or Python's `# `) where the next token should start: the rest is a comment
    let k = end
    while (text[k] === ' ' || text[k] === '\t') k++
    if (text[k] !== '#' || (k + 1 < text.length && !/[#\s]/.test(text[k + 1]))) return text
  }
  return text.slice(0, end)
}
