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

  it('parses custom tags into namespace and def', () => {
    const [t] = tree('<%ui:card title="x">b</%ui:card>') as any[]
    expect(t).toMatchObject({ type: 'CallNamespaceTag', namespace: 'ui', defname: 'card' })
  })
})
