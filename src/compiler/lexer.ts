// Template text -> parse tree. A cursor over the source, matching in Mako's order:
// control lines and `##` comments at line starts, `${}`, tags, `<% %>` blocks, text.
import type * as ESTree from 'estree'
import { compileError, syntaxError, type ErrorSite } from './errors.js'
import {
  RESERVED_WORDS, acornTokenizer, findCodeClose, isPlainName, parseExpression, parseExpressionAt, parseListAt, parseParams, parseProgram,
  patternNames, scanExpression, stripComments, blankComments, tokenize, type ParamList,
} from './js.js'
import { eraseTypes, mayHaveTypeArguments, typedExpressionEnd, type FragmentKind } from './typescript.js'
import {
  CUSTOM_TAG_JS, TAGS, type Attribute, type AttributeJs, type ControlBlock, type ControlLine, type Expression, type Tag, type TemplateNode,
  type TemplateRoot, type Text,
} from './nodes.js'

type Frame =
  | { kind: 'tag'; tag: Tag }
  | { kind: 'control'; block: ControlBlock; branch: ControlLine }

const BLOCK_KEYWORDS = new Set(['if', 'for', 'while', 'try'])
const BRANCHES: Record<string, string[]> = { if: ['elif', 'else'], for: [], while: [], try: ['except', 'finally'] }
const SIMPLE_FOR = /^([A-Za-z_$][\w$]*)([ \t]+)in([ \t]+)([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)$/
// (a newline stops the scan only where a control line or `##` comment may start)
const TEXT_STOP = /\$\{|<\/?%|\\\r?\n|\n(?=[ \t]*(?:%|##))/g

/**
 * How deep tags and control lines may nest (docs/language.md). Every pass walks the tree
 * recursively and the generated code nests as deep: a limit, with an error at the line that
 * passes it, rather than the stack running out somewhere in the compiler or in V8's parser.
 * Python itself stops at 20 nested blocks; the stack would run out at about 800.
 */
/** Mako's `_coding_re`, anchored at the start of the template (`.` never crosses a newline there). */
const MAGIC_CODING = /^#[^\n]*coding[:=]\s*[-\w.]+[^\n]*\r?\n/
export const MAX_NESTING = 200

export function parse(source: string, site: ErrorSite): TemplateRoot {
  return new Lexer(source, site).parse()
}

class Lexer {
  private pos = 0
  private readonly root: TemplateRoot
  private readonly stack: Frame[] = []

  /** the template's text; erasing TypeScript replaces a fragment's types with blanks (SPEC 13) */
  private src: string

  constructor(private readonly original: string, private readonly site: ErrorSite) {
    this.src = original
    this.root = { type: 'Template', children: [], source: original }
  }

  /**
   * Erase the TypeScript of the fragment at `start..end` in place (its text keeps its length,
   * so every offset stays); false when it has none, or is not TypeScript either.
   */
  private eraseAt(start: number, end: number, kind: FragmentKind, err?: unknown): boolean {
    const erased = eraseTypes(this.site, this.src.slice(start, end), start, kind, (err as { start?: number } | undefined)?.start)
    if (erased === undefined) return false
    this.src = this.src.slice(0, start) + erased + this.src.slice(end)
    return true
  }

  private get children(): TemplateNode[] {
    const top = this.stack[this.stack.length - 1]
    if (!top) return this.root.children
    return top.kind === 'tag' ? top.tag.children : top.branch.children
  }

  private appendText(value: string, start: number, end: number): void {
    if (!value) return
    const list = this.children
    const last = list[list.length - 1]
    // adjacent text merges, also across a dropped comment or continuation
    if (last && last.type === 'Text') {
      last.value += value
      last.end = end
    } else list.push({ type: 'Text', value, start, end } satisfies Text)
  }

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

  private matchTagOrCode(): void {
    const src = this.src
    const start = this.pos
    const c = src[start + 2]
    if (c !== undefined && /[\w]/.test(c)) return this.matchTagStart()
    const isModule = c === '!'
    const codeStart = start + (isModule ? 3 : 2)
    const close = findCodeClose(src, codeStart)
    if (close < 0) syntaxError(this.site, 'unclosed_code', `Unterminated code block: missing %>`, start)
    const what = isModule ? 'module block <%! %>' : 'code block <% %>'
    const kind = isModule ? 'module' : 'block'
    let code = src.slice(codeStart, close)
    let ast: ESTree.Program
    try {
      ast = parseProgram(this.site, code, codeStart, what)
    } catch (err) {
      if (!isJsError(err) || !this.eraseAt(codeStart, close, kind, err)) throw err
      code = this.src.slice(codeStart, close)
      ast = parseProgram(this.site, code, codeStart, what)
    }
    if (mayHaveTypeArguments(code) && this.eraseAt(codeStart, close, kind)) {
      code = this.src.slice(codeStart, close)
      ast = parseProgram(this.site, code, codeStart, what)
    }
    if (!isModule) {
      for (const s of ast.body) {
        if (s.type === 'ImportDeclaration' || s.type.startsWith('Export')) {
          syntaxError(this.site, 'import_in_code', "import/export belong in a module block <%! %>", codeStart + (s as unknown as { start: number }).start)
        }
      }
    }
    this.children.push({ type: 'Code', code, codeStart, isModule, ast, start, end: close + 2 })
    this.pos = close + 2
  }

  private matchTagStart(): void {
    const src = this.src
    const start = this.pos
    const nameMatch = /^<%([\w.:-]+)/.exec(src.slice(start, start + 200))!
    const name = nameMatch[1]
    let p = start + nameMatch[0].length
    const attributes: Record<string, Attribute> = {}
    for (;;) {
      let ws = /^\s*/.exec(src.slice(p, p + 1000))![0].length
      p += ws
      // commas between attributes are accepted, as Mako does for backwards compatibility
      // (`<%def name="f(k)", cached="False">`); not before the first one nor after the last
      let commas = false
      while (src[p] === ',' && Object.keys(attributes).length > 0) {
        commas = true
        const after = /^\s*/.exec(src.slice(p + 1, p + 1000))![0].length
        p += 1 + after
        ws += 1 + after
      }
      if (src.startsWith('/>', p) || src[p] === '>') {
        if (commas) syntaxError(this.site, 'bad_attribute', `Invalid attribute syntax in tag <%${name}>: a comma before the end of the tag`, p)
        break
      }
      const am = /^([\w-]+)\s*=\s*/.exec(src.slice(p, p + 300))
      if (!am || (src[p + am[0].length] !== '"' && src[p + am[0].length] !== "'")) {
        if (p >= src.length) syntaxError(this.site, 'unclosed_tag', `Unclosed tag: <%${name}>`, start)
        syntaxError(this.site, 'bad_attribute', `Invalid attribute syntax in tag <%${name}>`, p)
      }
      if (ws === 0 && Object.keys(attributes).length > 0) {
        syntaxError(this.site, 'bad_attribute', `Invalid attribute syntax in tag <%${name}>: attributes must be separated by whitespace`, p)
      }
      if (ws === 0 && Object.keys(attributes).length === 0 && p === start + nameMatch[0].length) {
        syntaxError(this.site, 'bad_attribute', `Invalid tag <%${name}>`, p)
      }
      const quote = src[p + am[0].length]
      const valueStart = p + am[0].length + 1
      const { end: valueEnd, parts } = this.scanAttributeValue(valueStart, quote, name)
      const attrName = am[1]
      if (attributes[attrName]) syntaxError(this.site, 'duplicate_attribute', `Duplicate attribute '${attrName}' in tag <%${name}>`, p)
      attributes[attrName] = { name: attrName, value: src.slice(valueStart, valueEnd), valueStart, parts, start: p, end: valueEnd + 1 }
      p = valueEnd + 1
    }
    const selfClosing = src[p] === '/'
    p += selfClosing ? 2 : 1
    let tag: Tag
    if (name.includes(':')) {
      const [ns, defname] = name.split(':')
      if (!ns || !defname || !/^[A-Za-z_$][\w$]*$/.test(defname)) syntaxError(this.site, 'unknown_tag', `Invalid custom tag <%${name}>`, start)
      // the namespace becomes JS in the generated code: a name, or a path from one (`self.foo`, as Mako allows)
      if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(ns) || RESERVED_WORDS.has(ns.split('.')[0])) syntaxError(this.site, 'unknown_tag', `Invalid custom tag <%${name}>: '${ns}' cannot name a namespace`, start)
      tag = { type: 'CallNamespaceTag', keyword: name, namespace: ns, defname, attributes, children: [], start, end: p }
      this.parseJsAttributes(tag, CUSTOM_TAG_JS, [])
    } else {
      const spec = TAGS[name]
      if (!spec) syntaxError(this.site, 'unknown_tag', `Unknown tag: <%${name}>`, start)
      tag = { type: spec.node, keyword: name, attributes, children: [], start, end: p }
      this.checkAttributes(tag)
      this.parseJsAttributes(tag, spec.js ?? {}, spec.expressions)
      if (spec.raw) {
        if (selfClosing) {
          this.children.push(tag)
          this.pos = p
          return
        }
        const closeTag = `</%${name}>`
        const close = src.indexOf(closeTag, p)
        if (close < 0) syntaxError(this.site, 'unclosed_tag', `Unclosed tag: <%${name}>`, start)
        if (name === 'text') tag.children.push({ type: 'Text', value: src.slice(p, close), start: p, end: close })
        tag.end = close + closeTag.length
        this.pos = tag.end
        if (name === 'text') this.children.push(tag)
        return
      }
    }
    if (!selfClosing) this.checkDepth(start)
    this.children.push(tag)
    this.pos = p
    if (!selfClosing) this.stack.push({ kind: 'tag', tag })
  }

  private checkDepth(at: number): void {
    if (this.stack.length >= MAX_NESTING) {
      syntaxError(this.site, 'nesting_too_deep', `Tags and control lines nested more than ${MAX_NESTING} levels deep (the limit)`, at)
    }
  }

  /**
   * The value up to the closing quote, as text and `${}` parts: each `${}` is parsed here, once
   * (so quotes, braces, regexes, comments and template literals inside it are fine).
   */
  private scanAttributeValue(pos: number, quote: string, tagName: string): { end: number; parts: (Text | Expression)[] } {
    const src = this.src
    const parts: (Text | Expression)[] = []
    let textStart = pos
    const text = (end: number) => {
      if (end > textStart) parts.push({ type: 'Text', value: src.slice(textStart, end), start: textStart, end })
    }
    let p = pos
    while (p < src.length) {
      const ch = src[p]
      if (ch === quote) {
        text(p)
        return { end: p, parts }
      }
      if (ch === '$' && src[p + 1] === '{') {
        text(p)
        const node = expressionAt(this.site, src, p)
        parts.push(node)
        p = textStart = node.end
        continue
      }
      p++
    }
    syntaxError(this.site, 'unclosed_tag', `Unclosed attribute value in tag <%${tagName}>`, pos - 1)
  }

  /**
   * The JavaScript of the attributes that hold some (the tag table's `js`), parsed in place.
   * A `${}` where it has no place (`expr="${f}"`) is Mako's "does not allow embedded expressions".
   */
  private parseJsAttributes(tag: Tag, js: Record<string, AttributeJs>, expressions: string[]): void {
    for (const [name, kind] of Object.entries(js)) {
      const attr = tag.attributes[name]
      if (!attr) continue
      const end = attr.valueStart + attr.value.length
      try {
        this.parseTypedAttribute(tag, name, kind, attr, end)
      } catch (err) {
        if (!expressions.includes(name) && attr.parts.some((x) => x.type === 'Expression')) {
          compileError(this.site, 'no_expression_allowed', `Attribute '${name}' in tag '${tag.keyword}' does not allow embedded expressions`, attr.start)
        }
        throw err
      }
    }
  }

  /** parseAttribute, again on the value with its TypeScript erased when that is what it holds */
  private parseTypedAttribute(tag: Tag, name: string, kind: AttributeJs, attr: Attribute, end: number): void {
    const erase = (err?: unknown) => {
      if (attr.parts.some((x) => x.type === 'Expression')) return false
      if (!this.eraseAt(attr.valueStart, end, kind, err)) return false
      attr.value = this.src.slice(attr.valueStart, end)
      return true
    }
    try {
      this.parseAttribute(tag, name, kind, attr, end)
    } catch (err) {
      // (`name="f<T>(x: T)"` is no def name until its type parameters are erased)
      const typedName = kind === 'signature' && (err as { code?: string }).code === 'bad_def_name' && attr.value.includes('<')
      if (!(isJsError(err) || typedName) || !erase(err)) throw err
      this.parseAttribute(tag, name, kind, attr, end)
      return
    }
    if (kind !== 'params' && kind !== 'signature' && mayHaveTypeArguments(attr.value) && erase()) this.parseAttribute(tag, name, kind, attr, end)
  }

  /** One JS-valued attribute, parsed in place (the tag table's `js` kind). */
  private parseAttribute(tag: Tag, name: string, kind: AttributeJs, attr: Attribute, end: number): void {
    if (kind === 'expression') attr.expression = parseExpressionAt(this.site, this.src, attr.valueStart, end, name === 'expr' ? '<%call> expr' : name)
    else if (kind === 'list') {
      attr.items = parseListAt(this.site, this.src, attr.valueStart, end, name === 'args' ? 'include args' : 'filter')
      const spread = name !== 'args' && attr.items.find((x) => x.ast.type === 'SpreadElement')
      if (spread) syntaxError(this.site, 'invalid_javascript', `Invalid JavaScript in filter: a filter list takes no '...'`, spread.start)
    }
    else if (kind === 'params') attr.params = parseParams(this.site, attr.value, attr.valueStart, `${tag.keyword === 'page' || tag.keyword === 'block' ? tag.keyword : 'call'} args`)
    else attr.signature = this.signature(attr)
  }

  /** `name="f(a, b = 1)"`, or `name="f"` accepted as `f()` (SPEC section 10). */
  private signature(attr: Attribute): { name: string; params: ParamList } {
    const text = attr.value
    const m = /^\s*([A-Za-z_$][\w$]*)\s*(?:\(([\s\S]*)\))?\s*$/.exec(text)
    if (!m || RESERVED_WORDS.has(m[1])) syntaxError(this.site, 'bad_def_name', `Invalid def name '${text}'`, attr.start)
    const inner = stripComments(m[2] ?? '')
    const innerStart = attr.valueStart + text.indexOf('(') + 1
    return { name: m[1], params: parseParams(this.site, inner, innerStart, `def '${m[1]}' arguments`) }
  }

  private checkAttributes(tag: Tag): void {
    const spec = TAGS[tag.keyword]
    for (const [name, attr] of Object.entries(tag.attributes)) {
      const isCache = spec.cache && name.startsWith('cache_')
      if (spec.expressions.includes(name) || isCache) continue
      if (spec.plain.includes(name)) {
        // (JS-valued attributes: see parseJsAttributes)
        if (!spec.js?.[name] && attr.parts.some((x) => x.type === 'Expression')) {
          compileError(this.site, 'no_expression_allowed', `Attribute '${name}' in tag '${tag.keyword}' does not allow embedded expressions`, attr.start)
        }
        continue
      }
      compileError(this.site, 'invalid_attribute', `Invalid attribute for tag '${tag.keyword}': '${name}'`, attr.start)
    }
    const missing = spec.required.filter((r) => !(r in tag.attributes))
    if (missing.length) {
      syntaxError(this.site, 'missing_attribute', `Missing attribute(s): ${missing.map((m) => `'${m}'`).join(',')} in tag <%${tag.keyword}>`, tag.start)
    }
  }

  private matchTagEnd(): void {
    const src = this.src
    const start = this.pos
    const m = /^<\/%\s*([\w.:-]+)\s*>/.exec(src.slice(start, start + 200))
    if (!m) syntaxError(this.site, 'bad_close_tag', 'Invalid closing tag', start)
    const name = m[1]
    const top = this.stack[this.stack.length - 1]
    if (!top) syntaxError(this.site, 'unmatched_close_tag', `Closing tag without opening tag: </%${name}>`, start)
    if (top.kind === 'control') {
      syntaxError(this.site, 'unclosed_control', `Unterminated control keyword: '${top.block.keyword}' before </%${name}>`, top.block.start)
    }
    if (top.tag.keyword !== name) {
      syntaxError(this.site, 'unmatched_close_tag', `Closing tag </%${name}> does not match tag: <%${top.tag.keyword}>`, start)
    }
    this.stack.pop()
    top.tag.end = start + m[0].length
    this.pos = top.tag.end
  }
}

/** A JavaScript syntax error of a fragment (which may be TypeScript instead) */
function isJsError(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'invalid_javascript'
}

/** The `${...}` that starts at `start`, as an Expression node (in text and in attribute values alike). */
function expressionAt(site: ErrorSite, src: string, start: number): Expression {
  const e = scanExpression(site, src, start + 2)
  return {
    type: 'Expression', start, end: e.end, code: blankComments(e.code), codeStart: e.codeStart, ast: e.ast, astBase: e.astBase,
    filters: e.filters.map((f) => ({ code: stripComments(f.code), start: f.start, end: f.end })),
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
