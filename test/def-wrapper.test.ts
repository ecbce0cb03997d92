// A top-level def is bound by name in a render function (`const row = (...) => __M_def_row(ctx, ...)`)
// only when the function reads the name as a value: `${row(r)}` calls the def's function itself.
import { describe, expect, it } from 'vitest'
import { compile, Template } from '../src/index.js'

const DEFS = '<%def name="row(x)">[${x}]</%def>'
const wrapped = (body: string) => compile(DEFS + body, { uri: 'w.mako' }).code.includes('const row = (...__M_a) =>')
const render = (body: string, async = false) => new Template(DEFS + body, { uri: '/w.mako', async } as never).render({ xs: [1, 2] })

describe('def wrappers', () => {
  it('are left out when every use is a plain call in ${}', () => {
    expect(wrapped('${row(1)} ${row(2) + "!"}')).toBe(false)
    expect(render('${row(1)} ${row(2) + "!"}')).toBe('[1] [2]!')
  })

  it('are bound when the name is read as a value, called optionally or from a nested function', () => {
    for (const body of ['${capture(row, 1)}', '${row?.(1)}', '${xs.map((x) => row(x)).join("")}', '<% row(1) %>', '\n% if row:\n${row(1)}\n% endif\n']) {
      expect(wrapped(body), body).toBe(true)
    }
    expect(render('${capture(row, 1)}|${row?.(2)}')).toBe('[1]|[2]')
    expect(render('${xs.map((x) => capture(row, x)).join("")}')).toBe('[1][2]')
    expect(render('\n% if row:\n${row(1)}\n% endif\n')).toBe('\n[1]\n')
  })

  it('render the same in async mode', async () => {
    expect(await render('${row(1)}${capture(row, 2)}', true)).toBe('[1][2]')
  })
})
