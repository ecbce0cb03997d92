// Malformed templates: TemplateSyntaxError / CompileError with uri, line, column and a frame
// pointing into the template, never into generated code.
import { describe, expect, it } from 'vitest'
import { compile, CompileError, NameConflictError, TemplateSyntaxError } from '../src/index.js'

interface Case {
  name: string
  src: string
  code: string
  line: number
  column: number
  cls?: typeof TemplateSyntaxError
  options?: { async?: boolean }
}

const cases: Case[] = [
  { name: 'unclosed tag', src: 'a\n<%def name="f()">\nx', code: 'unclosed_tag', line: 2, column: 0 },
  { name: 'unknown tag', src: 'a <%foo x="1"/>', code: 'unknown_tag', line: 1, column: 2 },
  { name: 'stray endfor', src: 'a\n% endfor\n', code: 'unmatched_control', line: 2, column: 0 },
  { name: 'mismatched control lines', src: '% if x:\n% endfor\n', code: 'unmatched_control', line: 2, column: 0 },
  { name: 'unterminated control line', src: 'x\n% for a in b:\ny\n', code: 'unclosed_control', line: 2, column: 0 },
  { name: 'elif in a for', src: '% for a in b:\n% elif c:\n% endfor', code: 'unmatched_control', line: 2, column: 0 },
  { name: 'missing required attribute', src: '\n<%include/>', code: 'missing_attribute', line: 2, column: 0 },
  { name: 'invalid attribute', src: '<%def name="f()" bogus="1"></%def>', code: 'invalid_attribute', line: 1, column: 17, cls: CompileError },
  { name: 'closing tag mismatch', src: '<%def name="f()">\n</%block>', code: 'unmatched_close_tag', line: 2, column: 0 },
  { name: 'closing tag without opening', src: 'x</%def>', code: 'unmatched_close_tag', line: 1, column: 1 },
  { name: 'invalid JS in ${}', src: 'line1\nab ${ 1 + } cd', code: 'invalid_javascript', line: 2, column: 10 },
  { name: 'unclosed ${', src: 'ab ${ x', code: 'unclosed_expression', line: 1, column: 3 },
  { name: 'empty ${}', src: 'ab ${ }', code: 'empty_expression', line: 1, column: 3 },
  { name: 'invalid JS in <% %>', src: 'x\n<% let = 5 %>', code: 'invalid_javascript', line: 2, column: 3 },
  { name: 'unclosed <% %>', src: 'x <% let a = 1', code: 'unclosed_code', line: 1, column: 2 },
  { name: 'invalid JS in a control line', src: '\n% if x ==:\n% endif', code: 'invalid_javascript', line: 2, column: 9 },
  { name: 'for without in', src: '% for x of y:\n% endfor', code: 'bad_for', line: 1, column: 6 },
  { name: 'unknown control keyword', src: '% switch x:\n', code: 'unknown_control', line: 1, column: 0 },
  { name: '% with is rejected', src: '% with x as y:\n% endwith', code: 'unsupported_with', line: 1, column: 0, cls: CompileError },
  { name: 'for ... else is rejected', src: '% for x in y:\n% else:\n% endfor', code: 'unsupported_for_else', line: 2, column: 0, cls: CompileError },
  { name: 'invalid def signature', src: '<%def name="f(a b)"></%def>', code: 'invalid_javascript', line: 1, column: 16 },
  { name: 'await in a sync template', src: '<% await x %>', code: 'await_needs_async', line: 1, column: 0 },
  { name: 'await in an attribute of a sync template', src: 'a\n<%inherit file="${await x}"/>', code: 'await_needs_async', line: 2, column: 16 },
  { name: 'await in an async <%inherit> file=', src: 'a\n<%inherit file="${await x}"/>', code: 'await_in_target', line: 2, column: 16, options: { async: true } },
  { name: 'await in an async <%namespace> file=', src: '<%namespace name="n" file="${\'/\' + await x}"/>', code: 'await_in_target', line: 1, column: 27, options: { async: true } },
  { name: 'two pages', src: '<%page/>\n<%page/>', code: 'duplicate_page', line: 2, column: 0, cls: CompileError },
  { name: 'two blocks of one name', src: '<%block name="a"/>\n<%block name="a"/>', code: 'duplicate_block', line: 2, column: 0, cls: CompileError },
  { name: 'named block in a def', src: '<%def name="f()">\n<%block name="b">x</%block></%def>', code: 'block_in_def', line: 2, column: 0, cls: CompileError },
  { name: 'anonymous block in an inline namespace', src: '<%namespace name="n">\n<%block>x</%block></%namespace>', code: 'bad_namespace_body', line: 2, column: 0, cls: CompileError },
  { name: 'break outside a loop', src: '% if x:\n% break\n% endif', code: 'bad_control_line', line: 2, column: 0 },
  { name: 'lone <% followed by junk', src: '<%= x %>', code: 'invalid_javascript', line: 1, column: 2 },
]

describe('syntax errors', () => {
  for (const c of cases) {
    it(`${c.name}: ${c.code} at ${c.line}:${c.column}`, () => {
      let err: any
      try {
        compile(c.src, { uri: 'bad.mako', ...c.options })
      } catch (e) {
        err = e
      }
      expect(err, 'no error thrown').toBeDefined()
      expect(err).toBeInstanceOf(c.cls ?? TemplateSyntaxError)
      expect(err.code).toBe(c.code)
      expect(err.uri).toBe('bad.mako')
      expect({ line: err.line, column: err.column }).toEqual({ line: c.line, column: c.column })
      const srcLine = c.src.split('\n')[c.line - 1]
      expect(err.frame).toContain(`${c.line} | ${srcLine}`)
      expect(err.message).toContain(`line: ${c.line}`)
    })
  }

  it('declaring a reserved name is a NameConflictError naming it', () => {
    expect(() => compile('<% const context = 1 %>')).toThrow(NameConflictError)
    expect(() => compile('<%page args="loop"/>')).toThrow(/loop/)
    expect(() => compile('% for UNDEFINED in x:\n% endfor')).toThrow(/UNDEFINED/)
  })

  it('terminates on truncated prefixes of a real template', () => {
    const src = '<%inherit file="b.mako"/>\n<%def name="f(a, b = 1)">${a | h, trim}\n% for x in [1, 2]:\n${loop.index}\n% endfor\n</%def>\n<%block name="t" cached="True">${f(1)}</%block>'
    for (let i = 0; i <= src.length; i++) {
      try {
        compile(src.slice(0, i))
      } catch (e) {
        expect(e).toBeInstanceOf(TemplateSyntaxError)
        expect(typeof (e as TemplateSyntaxError).line).toBe('number')
      }
    }
  })
})
