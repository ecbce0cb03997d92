// Compile time is linear in the length of a line: a minified template (everything on one
// line) compiles about as fast as the same fragments on separate lines. Before, every `${}`
// scanned back to its line's start (acorn's parser set-up) and forward to the template's
// end (looking for a filter `|`): 200,000 `${x}` took 33 s on one line, 1.9 s on separate
// lines. Timed here as the best of three runs of each, interleaved; at 60,000 fragments the
// quadratic version was 2.5-3x slower on one line, the linear one is no slower there.
import { expect, it } from 'vitest'
import { compile } from '../src/compiler/index.js'
// @ts-expect-error plain JS bench module
import { sizedTemplate } from '../bench/compile-speed.js'

it('compiles 60,000 ${} on one line in about the time of the same on separate lines', () => {
  const n = 60_000
  const oneLine = '${x}'.repeat(n)
  const lines = Array.from({ length: n }, () => '${x}').join('\n')
  compile('${x}\n${y | h}', { uri: '/warm.mako' })
  let bestOne = Infinity
  let bestLines = Infinity
  for (let r = 0; r < 3; r++) {
    let t = performance.now()
    compile(oneLine, { uri: '/one.mako' })
    bestOne = Math.min(bestOne, performance.now() - t)
    t = performance.now()
    compile(lines, { uri: '/lines.mako' })
    bestLines = Math.min(bestLines, performance.now() - t)
  }
  expect(bestOne / bestLines).toBeLessThan(1.5)
}, 120_000)

it("compiles the bench's sized templates (the compile-speed figures time these)", () => {
  for (const size of [1024, 10 * 1024]) {
    const text = sizedTemplate(size) as string
    expect(text.length).toBeGreaterThanOrEqual(size)
    expect(text.length).toBeLessThan(size + 1024)
    expect(compile(text, { uri: '/sized.mako' }).code).toContain('__M_def_card0')
  }
})
