// Parse-tree node types (names from Mako's parsetree.py) and the table of tags.
import type * as ESTree from 'estree'
import type { ParamList } from './js.js'

export interface Span {
  start: number
  end: number
}

export interface Text extends Span {
  type: 'Text'
  value: string
}

export interface Filter extends Span {
  code: string
}

export interface Expression extends Span {
  type: 'Expression'
  /** the JS expression, without filters */
  code: string
  codeStart: number
  ast: ESTree.Expression
  /** what the AST's offsets count from: 0 (the code alone) or the code's template offset */
  astBase: number
  filters: Filter[]
  /** set by analysis: names called here that are this template's top-level defs */
  directDefs?: Set<string>
}

/** One `%` line and the lines it governs (the branch `% elif` / `% else` / `% except` ... up to the next). */
export interface ControlLine extends Span {
  type: 'ControlLine'
  keyword: string
  /** JS of the line after the keyword, without the trailing `:` (the condition, the for clause, the except binding) */
  code: string
  codeStart: number
  children: TemplateNode[]
  /** for loops: the target pattern and the iterable */
  target?: { code: string; start: number; names: string[] }
  iterable?: { code: string; start: number; ast: ESTree.Expression }
  test?: ESTree.Expression
  /** set by analysis: the for body reads `loop` */
  usesLoop?: boolean
}

/** `% if` ... `% endif` (and for/while/try): the branches in order. */
export interface ControlBlock extends Span {
  type: 'ControlBlock'
  keyword: 'if' | 'for' | 'while' | 'try'
  branches: ControlLine[]
}

/** `% break`, `% continue` */
export interface ControlStatement extends Span {
  type: 'ControlStatement'
  keyword: 'break' | 'continue'
}

export interface Code extends Span {
  type: 'Code'
  code: string
  codeStart: number
  /** `<%! %>`: module level */
  isModule: boolean
  ast: ESTree.Program
}

/**
 * A tag attribute, parsed once by the lexer: no later phase reads its text again. Every value
 * is split into text and `${}` parts (each `${}` an Expression node with template offsets; a
 * filter after `|` there is parsed and, as in Mako, not applied). Attributes holding JavaScript
 * (the table's `js`) are parsed in place too, into one of `expression`, `items`, `params`,
 * `signature`.
 */
export interface Attribute extends Span {
  name: string
  /** the value as written */
  value: string
  /** offset of the value's first character */
  valueStart: number
  parts: (Text | Expression)[]
  /** `expr` of `<%call>`, `decorator`: one JS expression (`code` without comments, `start` its offset) */
  expression?: { code: string; start: number; ast: ESTree.Expression }
  /** `filter`, `expression_filter` (filter lists) and `<%include args>`: a comma-separated list */
  items?: ListItem[]
  /** `args` of `<%page>`, `<%block>`, `<%call>` and custom tags: a parameter list */
  params?: ParamList
  /** a def's `name="f(a, b = 1)"` */
  signature?: { name: string; params: ParamList }
}

/** One item of a comma-separated attribute list: a filter, `name=expr`, `...spread`. */
export interface ListItem extends Span {
  /** its source without comments */
  code: string
  /** template offsets */
  ast: ESTree.Expression | ESTree.SpreadElement
}

/** How a JS-valued attribute is parsed (see Attribute). */
export type AttributeJs = 'expression' | 'list' | 'params' | 'signature'

export type TagKeyword = 'page' | 'include' | 'namespace' | 'inherit' | 'def' | 'block' | 'call' | 'text' | 'doc'

export interface Tag extends Span {
  type: 'DefTag' | 'BlockTag' | 'CallTag' | 'CallNamespaceTag' | 'IncludeTag' | 'NamespaceTag' | 'InheritTag' | 'PageTag' | 'TextTag'
  keyword: string
  attributes: Record<string, Attribute>
  children: TemplateNode[]
  /** custom tags `<%ns:defname>` */
  namespace?: string
  defname?: string
  /** filled by analysis for defs/blocks */
  info?: unknown
}

export type TemplateNode = Text | Expression | ControlBlock | ControlStatement | Code | Tag

export interface TemplateRoot {
  type: 'Template'
  children: TemplateNode[]
  /** the template's text, with the TypeScript of its fragments erased (blanks of the same length) */
  source: string
  /** the text as written, when TypeScript was erased from it (for source maps' sourcesContent) */
  original?: string
}

interface TagSpec {
  node: Tag['type']
  /** attributes whose value may embed `${}` */
  expressions: string[]
  /** attributes taken literally */
  plain: string[]
  required: string[]
  /** any `cache_*` attribute allowed (an expression attribute) */
  cache?: boolean
  /** text inside is raw (no template syntax) */
  raw?: boolean
  /** attributes whose value is JavaScript, and how each is parsed */
  js?: Record<string, AttributeJs>
}

/** The tag table: which attributes each tag takes, as in Mako's parsetree classes. */
export const TAGS: Record<string, TagSpec> = {
  page: { node: 'PageTag', expressions: ['cached', 'args', 'expression_filter', 'enable_loop'], plain: [], required: [], cache: true, js: { args: 'params', expression_filter: 'list' } },
  include: { node: 'IncludeTag', expressions: ['file', 'import', 'args'], plain: [], required: ['file'], js: { args: 'list' } },
  namespace: { node: 'NamespaceTag', expressions: ['file'], plain: ['name', 'inheritable', 'import', 'module'], required: [] },
  inherit: { node: 'InheritTag', expressions: ['file'], plain: [], required: ['file'] },
  def: { node: 'DefTag', expressions: ['buffered', 'cached'], plain: ['name', 'filter', 'decorator'], required: ['name'], cache: true, js: { name: 'signature', filter: 'list', decorator: 'expression' } },
  block: { node: 'BlockTag', expressions: ['buffered', 'cached', 'args'], plain: ['name', 'filter', 'decorator'], required: [], cache: true, js: { args: 'params', filter: 'list', decorator: 'expression' } },
  call: { node: 'CallTag', expressions: [], plain: ['args', 'expr'], required: ['expr'], js: { args: 'params', expr: 'expression' } },
  text: { node: 'TextTag', expressions: [], plain: ['filter'], required: [], raw: true, js: { filter: 'list' } },
  doc: { node: 'TextTag', expressions: [], plain: [], required: [], raw: true },
}

/** JS-valued attributes of custom tags `<%ns:def>` (every other attribute is an expression attribute). */
export const CUSTOM_TAG_JS: Record<string, AttributeJs> = { args: 'params' }

/** Mako's built-in filter names and the runtime functions they stand for. */
export const BUILTIN_FILTERS: Record<string, string> = {
  h: 'h', x: 'x', u: 'u', trim: 'trim', entity: 'entity', str: 'str', unicode: 'str', n: 'n',
}

/** Names the runtime provides in every render function. */
export const BUILTIN_NAMES = new Set([
  'context', 'local', 'self', 'parent', 'next', 'caller', 'loop', 'capture', 'UNDEFINED', 'pageargs', 'STOP_RENDERING',
])

/** Names that may not be passed as data nor declared in a template. */
export const RESERVED_NAMES = ['context', 'loop', 'UNDEFINED', 'STOP_RENDERING']
