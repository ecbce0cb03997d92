// A `${}` fragment's comments are blanked to spaces, not removed: its code text and its AST
// agree, so the checks codegen writes at AST offsets apply with comments too.
import { expect, it } from 'vitest'
import { compile, Template, UndefinedError } from '../src/index.js'

it('a missing name under a member read is named, with comments before and inside the expression', () => {
  for (const src of ['${/* who */ user.name}', '${user /* who */ .name}', '${user.name // who\n}', '${ user.name }']) {
    let err: unknown
    try {
      new Template(src).render({})
    } catch (e) {
      err = e
    }
    expect(err, src).toBeInstanceOf(UndefinedError)
    expect((err as Error).message, src).toContain("'user'")
  }
})

it('a def called with comments in the expression is still called directly, and renders', () => {
  const src = '<%def name="row(r)">[${r}]</%def>${row(/* first */ 1)}${row(2) // second\n}'
  expect(new Template(src).render()).toBe('[1][2]')
  const { code } = compile(src)
  expect(code).toContain('__M_def_row__s(__M_ctx, __M_p, /* first */ 1)'.replace('/* first */', '           '))
})

it('the generated code holds no comment text of a `${}`, and a block comment keeps its line breaks', () => {
  const { code } = compile('a ${x /* one\ntwo */ + 1} b')
  expect(code).not.toContain('one')
  expect(new Template('a ${x /* one\ntwo */ + 1} b').render({ x: 1 })).toBe('a 2 b')
})
