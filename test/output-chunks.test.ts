// Huge loops move their output into the buffer in flat chunks (codegen `chunk`, runtime
// `chunk`): the output is the same text in the same order across the 64K threshold, with
// calls, code blocks, context.write, % while, captures and async mode.
import { describe, expect, it } from 'vitest'
import { Template } from '../src/index.js'

const rows = Array.from({ length: 30_000 }, (_, i) => i)
const expected = (f: (i: number) => string) => rows.map(f).join('')

describe('loop output past 64K characters', () => {
  for (const isAsync of [false, true]) {
    const r = (src: string, data: Record<string, unknown> = {}) =>
      Promise.resolve(new Template(src, { uri: `chunks-${isAsync}.mako`, async: isAsync }).render({ rows, ...data }))
    const mode = isAsync ? ' (async)' : ''
    it(`% for with values and text${mode}`, async () => {
      expect(await r('% for i in rows:\n<td>${i}</td>\n% endfor\n')).toBe(expected((i) => `<td>${i}</td>\n`))
    })
    it(`% for with loop, a def, a self call, a code block and context.write${mode}`, async () => {
      const src = '<%def name="d(i)">[${i}]</%def>\n% for i in rows:\n${loop.index}${d(i)}${self.d(i)}<% context.write("w") %>.\n% endfor\n'
      expect(await r(src)).toBe('\n' + expected((i) => `${i}[${i}][${i}]w.\n`))
    })
    it(`% while, and a capture around a loop${mode}`, async () => {
      const src = '<% let i = 0 %>\n% while i < 30000:\n${i}\n<% i++ %>\n% endwhile\n<%def name="l()">\n% for i in rows:\n${i},\n% endfor\n</%def>${len(capture(l))}'
      const out = await r(src, { len: (s: string | Promise<string>) => (typeof s === 'string' ? s.length : s.then((x) => x.length)) })
      expect(out).toBe('\n' + expected((i) => `${i}\n\n`) + (1 + expected((i) => `${i},\n`).length))
    })
  }
})
