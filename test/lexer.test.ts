// The lexer's parse tree: node kinds, positions and Mako's whitespace rules.
import { describe, expect, it } from 'vitest'
import { parse } from '../src/compiler/lexer.js'
import { Locator } from '../src/compiler/locate.js'
import type { TemplateNode } from '../src/compiler/nodes.js'

const tree = (src: string) => parse(src, { uri: 't.mako', locator: new Locator(src) }).children
const kinds = (nodes: TemplateNode[]) => nodes.map((n) => n.type)

describe('lexer', () => {
  it('splits text, expressions, code and tags in order', () => {
    const nodes = tree('a ${b} <% c() %><%def name="d()">e</%def>')
    expect(kinds(nodes)).toEqual(['Text', 'Expression', 'Text', 'Code', 'DefTag'])
  })

  it('finds filters after the last top-level single pipe only', () => {
    const [e] = tree('${ a || b | h, trim }') as any[]
    expect(e.code).toBe('a || b')
    expect(e.filters.map((f: any) => f.code)).toEqual(['h', 'trim'])
    const [s] = tree('${ "x | y" + `${a | b}` }') as any[]
    expect(s.filters).toEqual([])
    const [t] = tree('${ (a | b) }') as any[]
    expect(t.filters).toEqual([])
    const [u] = tree('${ x |= 1 }') as any[]
    expect(u.filters).toEqual([])
  })

  it('keeps positions on every node', () => {
    const src = 'ab\n  ${x}'
    const [, e] = tree(src) as any[]
    expect(e.start).toBe(5)
    expect(new Locator(src).locate(e.start)).toEqual({ line: 2, column: 2 })
  })

  it('removes a control line with its indentation and newline; tags keep surrounding text', () => {
    const nodes = tree('a\n  % if x:\n  b\n  % endif\nc <%def name="f()"/> d\n') as any[]
    expect(nodes[0]).toMatchObject({ type: 'Text', value: 'a\n' })
    expect(nodes[1].type).toBe('ControlBlock')
    expect(nodes[1].branches[0].children[0]).toMatchObject({ type: 'Text', value: '  b\n' })
    expect(nodes[2]).toMatchObject({ type: 'Text', value: 'c ' })
    expect(nodes[4]).toMatchObject({ type: 'Text', value: ' d\n' })
  })

  it('drops ## comment lines whole and <%doc> blocks', () => {
    expect(tree('a\n   ## note\nb <%doc>${ nope </%doc>c')).toMatchObject([{ type: 'Text', value: 'a\nb c' }])
  })

  it('treats %% at line start as a literal % and only there', () => {
    expect(tree('  %% x\ny %% z')).toMatchObject([{ type: 'Text', value: '  % x\ny %% z' }])
  })

  it('eats a backslash-newline in text and continues control lines across one', () => {
    expect(tree('a\\\nb')).toMatchObject([{ type: 'Text', value: 'ab' }])
    const [blk] = tree('% if a && \\\n  b:\nx\n% endif\n') as any[]
    expect(blk.branches[0].code.replace(/\s+/g, ' ')).toBe('a && b')
  })

  it('parses for targets: name, a, b, and patterns', () => {
    const target = (src: string) => (tree(`% for ${src}:\n% endfor`)[0] as any).branches[0].target
    expect(target('x in xs')).toMatchObject({ code: 'x', names: ['x'] })
    expect(target('k, v in m')).toMatchObject({ code: '[k, v]', names: ['k', 'v'] })
    expect(target('{ a, b: [c] } in rows')).toMatchObject({ names: ['a', 'c'] })
    expect((tree('% for x in "a in b".split(" "):\n% endfor')[0] as any).branches[0].iterable.code).toBe('"a in b".split(" ")')
  })

  it('finds %> outside strings and comments', () => {
    const [c] = tree('<% const s = "%>"; /* %> */ %>after') as any[]
    expect(c.code).toBe(' const s = "%>"; /* %> */ ')
  })

  it('allows ${} with quotes inside attribute values', () => {
    const [inc] = tree(`<%include file="\${"a" + 'b.mako'}"/>`) as any[]
    expect(inc.attributes.file.value).toBe(`\${"a" + 'b.mako'}`)
  })

  it('keeps an attribute as text and ${} parts, each expression parsed once with template offsets', () => {
    const src = `<%include file="pages/\${name.replace(/'/g, '')}/\${'}' + x}.mako"/>`
    const [inc] = tree(src) as any[]
    const parts = inc.attributes.file.parts
    expect(parts.map((p: any) => p.type)).toEqual(['Text', 'Expression', 'Text', 'Expression', 'Text'])
    expect(parts.map((p: any) => (p.type === 'Text' ? p.value : p.code))).toEqual(['pages/', "name.replace(/'/g, '')", '/', "'}' + x", '.mako'])
    // every offset is the template's: the source at each part is that part
    for (const p of parts) expect(src.slice(p.start, p.end)).toBe(p.type === 'Text' ? p.value : `\${${p.code}}`)
    const e = parts[3]
    expect(src.slice(e.ast.start - e.astBase + e.codeStart, e.ast.end - e.astBase + e.codeStart)).toBe("'}' + x")
    expect(src.slice(e.ast.right.start - e.astBase + e.codeStart, e.ast.right.end - e.astBase + e.codeStart)).toBe('x')
  })

  it('parses JavaScript attributes in place: call expr, decorator, filter lists, include args, params, def signature', () => {
    const src = '<%def name="f(a = \')\', b)" filter="h, wrap(\'a, b\')" decorator="(deco)">x</%def>' +
      '<%call expr="(f(`${1}`))" args="c, d = 2">y</%call><%include file="i" args="a=\'x, }\', ...o, /* c */ b"/>'
    const [def, call, inc] = tree(src) as any[]
    expect(def.attributes.name.signature).toMatchObject({ name: 'f', params: { names: ['a', 'b'] } })
    const filters = def.attributes.filter.items
    expect(filters.map((i: any) => i.code)).toEqual(['h', "wrap('a, b')"])
    for (const i of filters) expect(src.slice(i.start, i.end)).toBe(i.code)
    expect(def.attributes.decorator.expression).toMatchObject({ code: '(deco)', ast: { type: 'Identifier', name: 'deco' } })
    expect(src.slice(def.attributes.decorator.expression.ast.start, def.attributes.decorator.expression.ast.end)).toBe('deco')
    expect(call.attributes.expr.expression.code).toBe('(f(`${1}`))')
    expect(call.attributes.args.params.names).toEqual(['c', 'd'])
    const args = inc.attributes.args.items
    expect(args.map((i: any) => i.ast.type)).toEqual(['AssignmentExpression', 'SpreadElement', 'Identifier'])
    expect(src.slice(args[0].ast.right.start, args[0].ast.right.end)).toBe("'x, }'")
    expect(args[2].code).toBe('b')
  })

  it('reports an error in attribute JavaScript at its template position', () => {
    const src = 'a\n<%include file="x" args="a=1, b=)"/>'
    try {
      tree(src)
      expect.unreachable()
    } catch (err: any) {
      expect(err.name).toBe('TemplateSyntaxError')
      expect(err.start).toBe(src.indexOf(')"'))
      expect(err.line).toBe(2)
    }
  })

  it('parses custom tags into namespace and def', () => {
    const [t] = tree('<%ui:card title="x">b</%ui:card>') as any[]
    expect(t).toMatchObject({ type: 'CallNamespaceTag', namespace: 'ui', defname: 'card' })
  })
})
