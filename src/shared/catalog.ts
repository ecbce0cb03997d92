// The error catalogue: every error code this package gives an error (`err.code`), with its
// class, when it is raised and, for compile errors, a template that raises it. One function
// per code raises it (`raise.unclosed_tag(site, message, start)`); docs/errors.md's
// catalogue section is generated from this table (`npm run docs:errors`) and
// test/error-catalog.test.ts checks that the doc, the table and the code agree.
import { CompileError, MakoError, NameConflictError, RuntimeException, TemplateLookupException, TemplateSyntaxError } from './errors.js'

/** The error classes an entry may name (all extend MakoError). */
export const ERROR_CLASSES = { TemplateSyntaxError, CompileError, NameConflictError, TemplateLookupException, RuntimeException }
export type ErrorClassName = keyof typeof ERROR_CLASSES

export interface CatalogEntry {
  class: ErrorClassName
  /** `compile`: thrown by compile() (with line, column, frame); `render`: while loading or rendering; `plugin`: by the Vite plugin */
  stage: 'compile' | 'render' | 'plugin'
  /** when it is raised (Markdown) */
  when: string
  /** a template that raises it (compile errors), and compile options it needs */
  example?: string
  options?: Record<string, unknown>
}

const entry = <C extends ErrorClassName>(cls: C, stage: CatalogEntry['stage'], when: string, example?: string, options?: Record<string, unknown>): CatalogEntry & { class: C } =>
  ({ class: cls, stage, when, example, options })
const syntax = (when: string, example?: string, options?: Record<string, unknown>) => entry('TemplateSyntaxError', 'compile', when, example, options)
const compile = (when: string, example?: string, options?: Record<string, unknown>) => entry('CompileError', 'compile', when, example, options)

export const CATALOG = {
  // parsing: the template's structure
  unclosed_tag: syntax('a `<%tag>` (or an attribute value) is not closed before the end of the template', '<%def name="f()">x'),
  unmatched_close_tag: syntax('a closing tag does not match the open tag (or none is open)', '<%def name="f()">x</%block>'),
  bad_close_tag: syntax('a closing tag `</%...>` is malformed', '</%>'),
  unknown_tag: syntax('an unknown `<%tag>`, or a custom tag `<%ns:def>` whose namespace is not a name', '<%foo/>'),
  bad_attribute: syntax('an attribute is not `name="value"`', '<%def name="f()" x>y</%def>'),
  duplicate_attribute: syntax('a tag has the same attribute twice', '<%def name="f()" name="g()">x</%def>'),
  missing_attribute: syntax('a tag lacks a required attribute', '<%def>x</%def>'),
  invalid_attribute: compile('a tag has an attribute it does not take', '<%def name="f()" colour="red">x</%def>'),
  no_expression_allowed: compile('an attribute that takes a literal holds `${}`', '<%def name="${x}()">x</%def>'),
  bad_boolean: compile('an attribute that takes True or False has another value', '<%def name="f()" cached="maybe">x</%def>'),
  unclosed_code: syntax('a `<% %>` or `<%! %>` block has no `%>`', '<% const a = 1'),
  unclosed_expression: syntax('a `${` has no closing `}`', '${x'),
  empty_expression: syntax('`${}` holds nothing', '${ }'),
  invalid_javascript: syntax('the JavaScript of an expression, code block, control line or attribute does not parse', '${a +}'),
  unsupported_typescript: syntax('TypeScript that erasing the types cannot remove (an `enum`, a `namespace`, a `<T>x` assertion, a parameter property): it has runtime meaning', '${<string>x}'),
  nesting_too_deep: syntax('tags, control lines or JavaScript (the stack) nest deeper than the limits of docs/language.md', '% if x:\n'.repeat(201)),
  // control lines
  unknown_control: syntax('a `%` line starts with a keyword that is not a control keyword', '% loop x:\n% endloop'),
  bad_control_line: syntax('a control line is malformed (`% break` outside a loop, an `except` with more than a name, text after `% else:`)', '% break'),
  bad_for: syntax('`% for` is not `TARGET in ITERABLE`', '% for x:\n% endfor'),
  unclosed_control: syntax('a control block has no `% end...` before the end of the template or of its tag', '% if x:\ny'),
  unmatched_control: syntax('an `% end...`, `% else` or `% elif` without its opening keyword', '% endif'),
  unsupported_with: compile("`% with`: JavaScript modules have no with-statement", '% with open(f) as x:\n% endwith'),
  unsupported_for_else: compile("Python's `for ... else` / `while ... else`", '% for x in y:\n% else:\n% endfor'),
  bad_try: compile("`% try` without `% except` or `% finally`", '% try:\nx\n% endtry'),
  // declarations
  reserved_name: entry('NameConflictError', 'compile', 'a template declares a reserved name (`context`, `loop`, `UNDEFINED`)', '<% const loop = 1 %>'),
  duplicate_declaration: syntax('a name is declared twice in one scope (the JavaScript rule, across code blocks)', '<% let a = 1 %><% let a = 2 %>'),
  duplicate_def: compile('two defs of one name, or a def and a block of one name', '<%def name="f()">a</%def><%def name="f()">b</%def>'),
  duplicate_block: compile('two `<%block>`s of one name', '<%block name="b">a</%block><%block name="b">b</%block>'),
  duplicate_page: compile('more than one `<%page>`', '<%page args="a"/><%page args="b"/>'),
  duplicate_inherit: compile('more than one `<%inherit>`', '<%inherit file="a.mako"/><%inherit file="b.mako"/>'),
  bad_def_name: syntax("a def's `name` is not `f(params)`", '<%def name="1f()">x</%def>'),
  bad_block_name: compile("a block's name is not a JavaScript name", '<%block name="a-b">x</%block>'),
  bad_args: syntax('page or block `args` hold a destructuring pattern instead of names', '<%page args="{a}"/>'),
  anonymous_block_args: compile('an anonymous `<%block>` has `args`', '<%block args="a">x</%block>'),
  block_in_def: compile('a named block inside a def or a `<%call>`', '<%def name="f()"><%block name="b">x</%block></%def>'),
  bad_namespace: compile('a `<%namespace>` has both `file=` and `module=`', '<%namespace name="n" file="a.mako" module="m"/>'),
  bad_namespace_body: compile('an inline `<%namespace>` holds something other than defs', '<%namespace name="n">text</%namespace>'),
  bad_include_args: syntax('`<%include args>` is not `name=expression` pairs or `...object`', '<%include file="a.mako" args="1 + 2"/>'),
  import_in_code: syntax('`import`/`export` in a `<% %>` block (they belong in `<%! %>`)', "<% import x from 'y' %>"),
  bad_export: compile('`export default` or `export { }` in `<%! %>` (its top-level names are exported by themselves: `export const` is accepted)', '<%! const a = 1; export { a } %>'),
  module_await: syntax("top-level `await` in `<%! %>` of a template compiled at run time (`format: 'function'`)", '<%! const a = await f() %>', { format: 'function' }),
  await_needs_async: syntax('`await` in a template compiled without `async: true`', '${await f()}'),
  await_in_target: syntax('`await` in the `file=` of `<%inherit>` or `<%namespace>` (the target is found before the template body runs: put the uri in the data)', '<%inherit file="${await f()}"/>', { async: true }),
  bad_imports_option: compile('an entry of the `imports` option does not parse as an import', '', { imports: ['import {'] }),
  internal: compile('a bug in the compiler (please report it with the template)'),
  // loading and rendering
  async_for_needs_async: entry('RuntimeException', 'render', '`% for` over an async iterable or a Promise in a template compiled without `async: true`'),
  cache_needs_async: entry('RuntimeException', 'render', 'a sync template caches in an async-only backend (Redis, Memcached): compile it with `async: true`'),
  // the plugin
  uri_above_root: entry('TemplateLookupException', 'plugin', "a static `file=` target resolves above the template directories"),
} satisfies Record<string, CatalogEntry>

export type ErrorCode = keyof typeof CATALOG
type CodeOf<C extends ErrorClassName> = { [K in ErrorCode]: (typeof CATALOG)[K]['class'] extends C ? K : never }[ErrorCode]
export type SyntaxErrorCode = CodeOf<'TemplateSyntaxError'>
export type CompileErrorCode = CodeOf<'CompileError'>

/** Where a compile error is: the template's uri and a locator of its source (src/compiler/locate.ts). */
export interface ErrorSite {
  locator: { locate(offset: number): { line: number; column: number }; frame(offset: number): string }
  uri: string
}

/** The error of `code` at `start` (Mako's message form: `... in file 'uri' at line: N char: M`). */
export function makeError(code: ErrorCode, site: ErrorSite, message: string, start: number, end = start): MakoError {
  const { line, column } = site.locator.locate(start)
  const frame = site.locator.frame(start)
  const Cls = ERROR_CLASSES[CATALOG[code].class]
  return new Cls(`${message} in file '${site.uri}' at line: ${line} char: ${column + 1}`, { code, uri: site.uri, line, column, start, end, frame })
}

/** One function per code: `raise.unclosed_tag(site, message, start, end?)` throws that error. */
export const raise = Object.fromEntries(
  Object.keys(CATALOG).map((code) => [code, (site: ErrorSite, message: string, start: number, end?: number): never => {
    throw makeError(code as ErrorCode, site, message, start, end)
  }]),
) as { readonly [K in ErrorCode]: (site: ErrorSite, message: string, start: number, end?: number) => never }
