// SPEC 4: a missing name is UNDEFINED (falsy); reading a member of it raises UndefinedError
// naming it. The same check on every free name: `${}`, control lines and `<% %>` code.
import { expect, it } from 'vitest'
import { Template, UndefinedError } from '../src/index.js'

function failure(src: string, data: Record<string, unknown> = {}, async = false): unknown {
  try {
    const out = new Template(src, { async }).render(data)
    if (out instanceof Promise) return out.then(() => undefined, (e) => e)
  } catch (e) {
    return e
  }
  return undefined
}

const READS: [string, string][] = [
  ['`${}`', '${user.name}'],
  ['an if condition', '% if user.name:\nyes\n% endif\n'],
  ['an elif condition', '% if false:\n% elif user.name:\n% endif\n'],
  ['a while condition', '% while user.next:\n% endwhile\n'],
  ['a for iterable', '% for x in user.items:\n${x}\n% endfor\n'],
  ['a code block', '<%\n  const n = 1\n  const who = user.name\n%>\n'],
]

for (const [where, src] of READS) {
  it(`a member of a missing name in ${where} raises UndefinedError naming it, on its line (sync and async)`, async () => {
    for (const async of [false, true]) {
      const err = await failure(src, {}, async)
      expect(err, `${where} async=${async}`).toBeInstanceOf(UndefinedError)
      expect((err as Error).message).toContain("'user'")
      expect((err as { line?: number }).line).toBe(src.split('\n').findIndex((l) => l.includes('user.')) + 1)
    }
  })
}

it('a missing name alone is falsy: control lines take the else branch, code sees UNDEFINED', () => {
  expect(new Template('% if user:\nyes\n% else:\nno\n% endif\n').render({}).trim()).toBe('no')
  expect(new Template('<% const who = user || "guest" %>${who}').render({})).toBe('guest')
  expect(new Template('% if user && user.name:\n${user.name}\n% endif\nend').render({}).trim()).toBe('end')
})

it('a parameter of a function in code shadows the context name: no check there', () => {
  expect(new Template('<% function g(user) { return user === undefined ? "none" : user.name } %>${g()}').render({ user: { name: 'x' } })).toBe('none')
  expect(new Template('<% const h = (user) => typeof user %>${h()}').render({})).toBe('undefined')
})

it('a checked code block keeps its multi-line template literals as written', () => {
  const src = '<%\n  const s = `a\n  ${user.name}\nb`\n%>${s}'
  expect(new Template(src).render({ user: { name: 'N' } })).toBe('a\n  N\nb')
  expect(failure(src)).toBeInstanceOf(UndefinedError)
})

it('a present value is untouched by the check (null and falsy members read as before)', () => {
  expect(new Template('% if user.name:\n${user.name}\n% endif\n<% const a = user.age %>${a}').render({ user: { name: 'A', age: 0 } }).trim()).toBe('A\n0')
  expect(failure('<% const n = user.name %>', { user: null })).toBeInstanceOf(TypeError)
})
