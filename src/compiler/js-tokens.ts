// Token-level helpers over acorn's tokenizer: brackets left open, white space and comments
// skipped, comments stripped or blanked, token lists.
import * as acorn from 'acorn'
import { newCommentParser, newParser, withComments } from './js-parser.js'

export const isOpen = (label: string) => label === '(' || label === '[' || label === '{' || label === '${'
export const isClose = (label: string) => label === ')' || label === ']' || label === '}'

/**
 * Acorn's tokens from `pos`: the brackets still open when they end (or fail: the text after
 * an unterminated `${` is template text, not JS), and the first `}` that closes none of them
 * (where a `${` expression ends), or -1.
 */
export function bracketState(src: string, pos: number): { open: number[]; closer: number } {
  const open: number[] = []
  const labels: string[] = []
  let closer = -1
  try {
    for (const t of newParser(src, pos) as unknown as Iterable<acorn.Token>) {
      const l = t.type.label
      if (isOpen(l)) {
        open.push(t.start)
        labels.push(l)
      } else if (isClose(l)) {
        const top = labels[labels.length - 1]
        if (top !== undefined && (l === '}' ? top === '{' || top === '${' : l === (top === '(' ? ')' : ']'))) {
          open.pop()
          labels.pop()
        } else if (l === '}') {
          // a `}` that closes none of the brackets open: where the `${` ends (the error is
          // the bracket left open before it)
          closer = t.start
          break
        }
        // a stray `)` or `]` is the error itself; the `}` after it still ends the expression
      }
    }
  } catch {
    // the tokens end here
  }
  return { open, closer }
}

/** Index of the first character after white space and JS comments from `pos`. */
export function skipSpaceAndComments(code: string, pos: number): number {
  for (;;) {
    while (pos < code.length && /\s/.test(code[pos])) pos++
    if (code.startsWith('//', pos)) {
      const nl = code.indexOf('\n', pos)
      pos = nl < 0 ? code.length : nl + 1
    } else if (code.startsWith('/*', pos)) {
      const close = code.indexOf('*/', pos + 2)
      pos = close < 0 ? code.length : close + 2
    } else return pos
  }
}

/**
 * The [start, end) of each comment in `code`, by tokenizing it with acorn; null when it has
 * no comment marker at all or does not tokenize (the caller then keeps `code` as it is).
 */
function commentRanges(code: string): [number, number][] | null {
  if (!code.includes('//') && !code.includes('/*')) return null
  const ranges: [number, number][] = []
  try {
    withComments((_b, _t, s, e) => void ranges.push([s, e]), () => {
      for (const _t of newCommentParser(code, 0) as unknown as Iterable<acorn.Token>) void _t
    })
  } catch {
    return null
  }
  return ranges
}

/**
 * `code` without its comments, for fragments placed inside one generated line (a `//`
 * comment would swallow the rest of it). Strings and template literals are untouched.
 */
export function stripComments(code: string): string {
  const ranges = commentRanges(code)
  if (!ranges) return code
  let out = code
  for (const [s, e] of ranges.reverse()) out = out.slice(0, s) + ' ' + out.slice(e)
  return out.trim()
}

/**
 * `code` with each comment blanked: its characters become spaces (line breaks kept), so the
 * text keeps its length and every AST offset into it still holds (`${}` code: what codegen
 * edits at AST offsets is the text the AST was parsed from). Strings and template literals
 * are untouched.
 */
export function blankComments(code: string): string {
  const ranges = commentRanges(code)
  if (!ranges) return code
  let out = ''
  let at = 0
  for (const [s, e] of ranges) {
    out += code.slice(at, s)
    for (let i = s; i < e; i++) {
      const c = code.charCodeAt(i)
      out += c === 10 || c === 13 ? code[i] : ' '
    }
    at = e
  }
  return (out + code.slice(at)).trimEnd()
}

/** Tokens of a snippet, reporting comments as they are passed. */
export function acornTokenizer(code: string, onComment: (block: boolean, text: string, start: number) => void): Iterable<acorn.Token> {
  const p = newCommentParser(code, 0) as unknown as Iterable<acorn.Token>
  // the comments of each step go to `onComment` (the iterator is run lazily)
  return {
    [Symbol.iterator]() {
      const it = p[Symbol.iterator]()
      return { next: () => withComments(onComment, () => it.next()) }
    },
  }
}

/** The tokens of a JS snippet (used to split `for` clauses). */
export function tokenize(code: string): acorn.Token[] {
  return [...(newParser(code, 0) as unknown as Iterable<acorn.Token>)]
}
