// TypeScript in templates (SPEC 13): the types of a fragment erased to blanks of the same
// length, so every offset after it (acorn's AST, free names, source maps, error columns) is
// the template's own. The eraser (amaro, Node's own type stripper) is loaded only when a
// fragment needs it: acorn rejected the fragment, or it may hold a generic call.
import { createRequire } from 'node:module'
import { syntaxError, type ErrorSite } from './errors.js'
import { acornTokenizer } from './js-tokens.js'

/**
 * How a fragment is wrapped for the eraser, which reads whole programs: an expression in
 * parentheses, a `<% %>` block in an async generator (`return`, `await`, `yield` at its top),
 * a parameter list in a function head, a def's `name(params)` as a function's name and head.
 */
export type FragmentKind = 'expression' | 'block' | 'module' | 'params' | 'list' | 'signature'

const WRAP: Record<FragmentKind, [string, string]> = {
  expression: ['(', '\n)'],
  block: ['async function* __M_(){', '\n}'],
  module: ['', ''],
  params: ['function __M_(', '\n){}'],
  list: ['__M_(', '\n)'],
  signature: ['function ', '{}'],
}

interface AmaroError {
  code?: string
  message?: string
  startLine?: number
  startColumn?: number
}
type Strip = (code: string) => string
let strip: Strip | undefined

function eraser(): Strip {
  if (!strip) {
    const amaro = createRequire(import.meta.url)('amaro') as { transformSync(code: string, o: { mode: 'strip-only' }): { code: string } }
    strip = (code) => amaro.transformSync(code, { mode: 'strip-only' }).code
  }
  return strip
}

/**
 * A `<` with `>` and then `(` after it: JavaScript reads `f<T>(x)` as two comparisons, so a
 * fragment that acorn parses may still be TypeScript. (Checked on text, before any eraser.)
 */
export function mayHaveTypeArguments(code: string): boolean {
  const lt = code.indexOf('<')
  return lt >= 0 && /<[^]*>\s*\(/.test(code.slice(lt))
}

/** Where acorn stops in TypeScript: an annotation, an assertion, type arguments, a declaration of types. */
const TYPE_SYNTAX = /^(?:[:!<?]|(?:as|satisfies|type|interface|declare|abstract|readonly|implements|public|private|protected)\b)/

/** Offset in `text` of a 1-based line and a 0-based column. */
function offsetOf(text: string, line: number, column: number): number {
  let at = 0
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at)
    if (nl < 0) return text.length
    at = nl + 1
  }
  return at + column
}

/**
 * `code` (found at `offset` in the template) with its TypeScript erased, or undefined when the
 * eraser does not read it either (the caller reports its own JavaScript error then) or finds
 * nothing to erase. When acorn failed at `jsErrorAt` (a template offset) on type syntax and
 * the TypeScript parser fails after it, the TypeScript error is the one reported. Syntax that erasing cannot remove (`enum`, `namespace`, `<T>x`
 * assertions, parameter properties) is reported at its position in the template.
 */
export function eraseTypes(site: ErrorSite, code: string, offset: number, kind: FragmentKind, jsErrorAt?: number): string | undefined {
  const [before, after] = WRAP[kind]
  const wrapped = before + code + after
  let out: string
  try {
    out = eraser()(wrapped)
  } catch (err) {
    const e = err as AmaroError
    // (not the eraser's own report, as a stack overflow on deep code: the JavaScript error stands)
    if (!e || typeof e.code !== 'string') return undefined
    if (e.code === 'UnsupportedSyntax') {
      const at = typeof e.startLine === 'number' ? offsetOf(wrapped, e.startLine, e.startColumn ?? 0) - before.length : 0
      syntaxError(site, 'unsupported_typescript', `TypeScript that erasing cannot remove: ${String(e.message).split('\n')[0]}`, offset + Math.max(0, Math.min(code.length, at)))
    }
    if (e.code === 'InvalidSyntax') {
      // the TypeScript parser read past where acorn stopped (at a type): the error is its
      const at = typeof e.startLine === 'number' ? Math.min(code.length, offsetOf(wrapped, e.startLine, e.startColumn ?? 0) - before.length) : -1
      if (jsErrorAt !== undefined && at > jsErrorAt - offset && TYPE_SYNTAX.test(code.slice(jsErrorAt - offset, jsErrorAt - offset + 12))) {
        syntaxError(site, 'invalid_javascript', `Invalid TypeScript: ${String(e.message).split('\n')[0]}`, offset + at)
      }
      return undefined
    }
    return undefined
  }
  // the eraser keeps every character's place; anything else (a transform) is not used
  if (out.length !== wrapped.length || !out.startsWith(before) || !out.endsWith(after)) return undefined
  const erased = out.slice(before.length, before.length + code.length)
  return erased === code ? undefined : erased
}

/**
 * Where the JavaScript of a `${` that acorn rejected ends, from its tokens alone: the last
 * `|` at the top level (filters follow it, so `${x as A | B}` is `x as A` filtered by `B`:
 * a union needs parentheses there) or the `}` that closes the expression. Undefined when
 * the tokens do not get there.
 */
export function typedExpressionEnd(src: string, pos: number): number | undefined {
  let depth = 0
  let pipe = -1
  try {
    for (const t of acornTokenizer(src.slice(pos), () => {})) {
      const l = t.type.label
      if (l === '(' || l === '[' || l === '{' || l === '${') depth++
      else if (l === ')' || l === ']' || l === '}') {
        if (depth === 0) return l === '}' ? pos + (pipe >= 0 ? pipe : t.start) : undefined
        depth--
      } else if (depth === 0 && l === '|') pipe = t.start
    }
  } catch {
    // not tokens: not an expression to erase
  }
  return undefined
}
