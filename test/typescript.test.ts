// TypeScript in templates (SPEC 13): types are erased to blanks, so templates render as the
// JavaScript they hold and every position (errors, source maps) is the template's own.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping'
import { describe, expect, it } from 'vitest'
import { compile, Template, TemplateSyntaxError } from '../src/index.js'

const render = (src: string, data: Record<string, unknown> = {}) => new Template(src, { uri: '/typed.mako' }).render(data)

function errorOf(src: string): TemplateSyntaxError {
  try {
    compile(src, { uri: 'typed.mako' })
  } catch (err) {
    return err as TemplateSyntaxError
  }
  throw new Error('compiled without an error')
}

describe('TypeScript syntax in templates', () => {
  it('import type and type-only specifiers in <%! %> are erased; typed functions there run', () => {
    const src = "<%!\nimport type { Item } from './types'\nfunction total(items: Item[]): number { return items.length }\ntype Row = { n: number }\ninterface Named { name: string }\n%>${total([1, 2, 3] as never[])}"
    expect(render(src)).toBe('3')
  })

  it('annotated <%page args> with defaults render, and the defaults still apply', () => {
    const src = '<%page args="title: string, items: { name: string }[] = [], n: number = 2"/>${title}:${items.length}:${n}'
    expect(render(src, { title: 'T' })).toBe('T:0:2')
    expect(render(src, { title: 'T', items: [{ name: 'a' }], n: 5 })).toBe('T:1:5')
  })

  it('annotated def parameters, and generic defs, are called as their JavaScript', () => {
    const src = '<%def name="row(item: { name: string }, i: number = 0)">${i}.${item.name} </%def><%def name="same<T>(x: T)">${x}</%def>${row({ name: "a" })}${row({ name: "b" }, 2)}${same<string>("c")}'
    expect(render(src)).toBe('0.a 2.b c')
  })

  it('<% %> blocks with annotations, generics, non-null assertions and satisfies', () => {
    const src = '<% const m = new Map<string, number>([["a", 1]]); const n: number = m.get("a")!; const o = { n } satisfies { n: number } %>${n + o.n}'
    expect(render(src, { Map })).toBe('2')
  })

  it('${x as T}, ${x satisfies T}, ${x!} and generic calls in expressions', () => {
    const data = { x: 'a<b', id: <T,>(v: T) => v }
    expect(render('${x as string}|${x satisfies string}|${x!}|${id<string>(x)}', data)).toBe('a&lt;b|a&lt;b|a&lt;b|a&lt;b')
  })

  it('filters follow the last top-level |: a union type in an expression needs parentheses', () => {
    expect(render('${x as string | u}', { x: 'a b' })).toBe('a+b')
    expect(render('${(x as string | number) | u}', { x: 'a b' })).toBe('a+b')
    // `x as A | B` is `x as A` filtered by B
    expect(compile('${x as A | B}').code).toContain('(B)(')
  })

  it('control lines: conditions and for clauses with assertions', () => {
    const src = '% if (items as unknown[]).length > 0:\n% for item in (items as string[]):\n${item}\n% endfor\n% endif\n'
    expect(render(src, { items: ['a', 'b'] })).toBe('a\nb\n')
  })

  it('tag attributes: <%call expr>, include args and block args with types', () => {
    const src = '<%def name="box(n: number)">[${caller.body(n)}]</%def><%call expr="box(2 as number)" args="k: number">${k * 2}</%call>'
    expect(render(src)).toBe('[4]')
  })

  it('a < b > (c) is read as TypeScript reads it: a generic call (parenthesize comparisons)', () => {
    expect(render('${a < b > (c)}', { a: (v: number) => v + 1, b: 1, c: 2 })).toBe('3')
    expect(render('${(a < b) > (c)}', { a: 1, b: 2, c: 0 })).toBe('true')
  })

  it('erasing keeps every column: an error after a type is reported where it is in the template', () => {
    const e = errorOf('<% const a: number = 1 %>\n<% const b: string = "x"; const c = a + %>')
    expect(e).toBeInstanceOf(TemplateSyntaxError)
    expect(e.code).toBe('invalid_javascript')
    // (acorn stopped at `: string`; the TypeScript parser reads on to the real error, at the `%>`)
    expect([e.line, e.column]).toEqual([2, '<% const b: string = "x"; const c = a + '.length])
    expect(e.message).toMatch(/Invalid TypeScript: Expression expected/)
    const r = errorOf('${ items.map((x: number) => x +) }')
    expect([r.code, r.line, r.column]).toEqual(['invalid_javascript', 1, 31])
  })

  it('TypeScript with runtime meaning (enum, <T>x) is a TemplateSyntaxError at its place', () => {
    const e = errorOf('line\n<% const a = 1\nenum E { A } %>')
    expect(e).toBeInstanceOf(TemplateSyntaxError)
    expect([e.code, e.line, e.column, e.uri]).toEqual(['unsupported_typescript', 3, 0, 'typed.mako'])
    expect(e.message).toMatch(/enum/)
    const a = errorOf('ab ${<string>x}')
    expect([a.code, a.line, a.column]).toEqual(['unsupported_typescript', 1, 5])
  })

  it('invalid code that is not TypeScript either keeps its JavaScript error', () => {
    const e = errorOf('${a +}')
    expect([e.code, e.line, e.column]).toEqual(['invalid_javascript', 1, 5])
    expect(e.message).toMatch(/Invalid JavaScript in expression/)
  })

  it('source maps point into the typed template, and sourcesContent is the template as written', () => {
    const src = '<%page args="items: string[]"/>\n<% const n: number = items.length %>\n${n as number}'
    const { code, map } = compile(src, { filename: 't.mako' })
    expect(map!.sourcesContent?.[0]).toBe(src)
    const lines = code.split('\n')
    const i = lines.findIndex((l) => l.includes('const n         = items.length'))
    expect(i).toBeGreaterThanOrEqual(0)
    const pos = originalPositionFor(new TraceMap(map as never), { line: i + 1, column: lines[i].indexOf('const') })
    expect(pos).toMatchObject({ line: 2 })
    // within the line, the code keeps its columns (the types are blanks)
    const template = src.split('\n')[1]
    expect(lines[i].indexOf('items') - lines[i].indexOf('const')).toBe(template.indexOf('items') - template.indexOf('const'))
  })

  const built = join(dirname(fileURLToPath(import.meta.url)), '../dist/compiler/index.js')
  it.skipIf(!existsSync(built))('templates without types never load the eraser', () => {
    const script = `
      import { createRequire } from 'node:module'
      import { compile } from ${JSON.stringify(built)}
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('amaro'))
      compile('<%page args="items"/><% const a = 1 %>\${a < 2 ? "x" : "y"}<%def name="f(a, b = 1)">\${a | h}</%def>\\n% for i in items:\\n\${i}\\n% endfor\\n')
      const before = loaded()
      compile('\${x as string}')
      console.log(JSON.stringify([before, loaded()]))
    `
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
    expect(JSON.parse(out)).toEqual([false, true])
  })
})
