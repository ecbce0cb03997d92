// The lexer's state (cursor, the tree being built, open frames, the text with TypeScript erased)
// and its tag half: `<%tag attr="...">` with its attributes, `</%tag>`, `<% %>` and `<%! %>` blocks.
// lexer.ts extends it with the text, `${}` and control-line scanner.
import type * as ESTree from 'estree'
import { compileError, syntaxError, type ErrorSite } from './errors.js'
import { type ParamList, parseExpressionAt, parseListAt, parseParams, parseProgram } from './js.js'
import { RESERVED_WORDS } from './js-names.js'
import { findCodeClose, scanExpression } from './js-scan.js'
import { blankComments, stripComments } from './js-tokens.js'
import { eraseTypes, mayHaveTypeArguments, type FragmentKind } from './typescript.js'
import {
  CUSTOM_TAG_JS, TAGS, type Attribute, type AttributeJs, type ControlBlock, type ControlLine, type Expression, type Tag, type TemplateNode,
  type TemplateRoot, type Text,
} from './nodes.js'

export type Frame =
  | { kind: 'tag'; tag: Tag }
  | { kind: 'control'; block: ControlBlock; branch: ControlLine }

/**
 * How deep tags and control lines may nest (docs/language.md). Every pass walks the tree
 * recursively and the generated code nests as deep: a limit, with an error at the line that
 * passes it, rather than the stack running out somewhere in the compiler or in V8's parser.
 * Python itself stops at 20 nested blocks; the stack would run out at about 800.
 */
export const MAX_NESTING = 200

/** The lexer's state and its tag parsing (the scanner of text and control lines is lexer.ts's Lexer). */
export abstract class TagLexer {
  protected pos = 0
  protected readonly root: TemplateRoot
  protected readonly stack: Frame[] = []

  /** the template's text; erasing TypeScript replaces a fragment's types with blanks (SPEC 13) */
  protected src: string

  constructor(protected readonly original: string, protected readonly site: ErrorSite) {
    this.src = original
    this.root = { type: 'Template', children: [], source: original }
  }

  /**
   * Erase the TypeScript of the fragment at `start..end` in place (its text keeps its length,
   * so every offset stays); false when it has none, or is not TypeScript either.
   */
  protected eraseAt(start: number, end: number, kind: FragmentKind, err?: unknown): boolean {
    const erased = eraseTypes(this.site, this.src.slice(start, end), start, kind, (err as { start?: number } | undefined)?.start)
    if (erased === undefined) return false
    this.src = this.src.slice(0, start) + erased + this.src.slice(end)
    return true
  }

  protected get children(): TemplateNode[] {
    const top = this.stack[this.stack.length - 1]
    if (!top) return this.root.children
    return top.kind === 'tag' ? top.tag.children : top.branch.children
  }

  protected appendText(value: string, start: number, end: number): void {
    if (!value) return
    const list = this.children
    const last = list[list.length - 1]
    // adjacent text merges, also across a dropped comment or continuation
    if (last && last.type === 'Text') {
      last.value += value
      last.end = end
    } else list.push({ type: 'Text', value, start, end } satisfies Text)
  }

  protected matchTagOrCode(): void {
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

  protected matchTagStart(): void {
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

  protected checkDepth(at: number): void {
    if (this.stack.length >= MAX_NESTING) {
      syntaxError(this.site, 'nesting_too_deep', `Tags and control lines nested more than ${MAX_NESTING} levels deep (the limit)`, at)
    }
  }

  /**
   * The value up to the closing quote, as text and `${}` parts: each `${}` is parsed here, once
   * (so quotes, braces, regexes, comments and template literals inside it are fine).
   */
  protected scanAttributeValue(pos: number, quote: string, tagName: string): { end: number; parts: (Text | Expression)[] } {
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
  protected parseJsAttributes(tag: Tag, js: Record<string, AttributeJs>, expressions: string[]): void {
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
  protected parseTypedAttribute(tag: Tag, name: string, kind: AttributeJs, attr: Attribute, end: number): void {
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
  protected parseAttribute(tag: Tag, name: string, kind: AttributeJs, attr: Attribute, end: number): void {
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
  protected signature(attr: Attribute): { name: string; params: ParamList } {
    const text = attr.value
    const m = /^\s*([A-Za-z_$][\w$]*)\s*(?:\(([\s\S]*)\))?\s*$/.exec(text)
    if (!m || RESERVED_WORDS.has(m[1])) syntaxError(this.site, 'bad_def_name', `Invalid def name '${text}'`, attr.start)
    const inner = stripComments(m[2] ?? '')
    const innerStart = attr.valueStart + text.indexOf('(') + 1
    return { name: m[1], params: parseParams(this.site, inner, innerStart, `def '${m[1]}' arguments`) }
  }

  protected checkAttributes(tag: Tag): void {
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

  protected matchTagEnd(): void {
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
export function isJsError(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'invalid_javascript'
}

/** The `${...}` that starts at `start`, as an Expression node (in text and in attribute values alike). */
export function expressionAt(site: ErrorSite, src: string, start: number): Expression {
  const e = scanExpression(site, src, start + 2)
  return {
    type: 'Expression', start, end: e.end, code: blankComments(e.code), codeStart: e.codeStart, ast: e.ast, astBase: e.astBase,
    filters: e.filters.map((f) => ({ code: stripComments(f.code), start: f.start, end: f.end })),
  }
}
