// The built-in filters of SPEC section 5: h x u trim entity str, and the final to-string `s`.
import { ENTITY_NAMES } from './entities.js'

/** Output conversion: strings as they are, null/undefined as '', others through String(). */
export function s(v: unknown): string {
  if (typeof v === 'string') return v
  if (v == null) return ''
  return String(v)
}

const NEEDS_ESCAPE = /[&<>"']/

/**
 * String.prototype.charCodeAt, taken once: `charCodeAt.call(str, i)` on this constant costs
 * fewer instructions than `str.charCodeAt(i)` in the loops below (callgrind, short fields
 * at 5% and 20% escapable: 3,521 -> 2,067 and 6,508 -> 3,939 per string), and does not
 * look the method up on a String.prototype a library may have modified.
 */
const charCodeAt = String.prototype.charCodeAt

/** Up to this length a charCode scan finds the first character to escape sooner than the regexp engine. */
const SHORT = 8
/** After the first hit, up to this many characters are cheaper to loop over than to search five times. */
const LOOP = 64
/** Past this length five native `indexOf` scans cost less than one regexp scan of the string. */
const LONG = 128

/** Escape from the first character that needs it, `from`, with a charCode loop: the cheapest way on a few characters. */
function loopFrom(str: string, from: number): string {
  let out = str.slice(0, from)
  let last = from
  for (let i = from; i < str.length; i++) {
    let rep: string
    switch (charCodeAt.call(str, i)) {
      case 38: rep = '&amp;'; break
      case 60: rep = '&lt;'; break
      case 62: rep = '&gt;'; break
      case 34: rep = '&#34;'; break
      case 39: rep = '&#39;'; break
      default: continue
    }
    if (last < i) out += str.slice(last, i)
    out += rep
    last = i + 1
  }
  return last < str.length ? out + str.slice(last) : out
}

/**
 * Escape from `from` on (nothing before it needs escaping). Each of the five characters has a
 * cursor (its next index, from the native `indexOf`), and the text between hits is copied
 * with `slice`: the per-character work is native code, so long prose with few hits costs
 * five memchr-like scans, and a library that modified `String.prototype` (which makes a
 * `charCodeAt` loop several times slower) does not slow it. docs/decisions.md has the
 * measurements against the charCode loop, replace chains and Handlebars' escape.
 */
function cursorsFrom(str: string, from: number): string {
  const n = str.length
  let a = next(str, '&', from)
  let l = next(str, '<', from)
  let g = next(str, '>', from)
  let q = next(str, '"', from)
  let p = next(str, "'", from)
  let out = ''
  let last = 0
  for (;;) {
    let i = a < l ? a : l
    if (g < i) i = g
    if (q < i) i = q
    if (p < i) i = p
    if (i === n) break
    let rep: string
    if (i === a) (rep = '&amp;'), (a = next(str, '&', i + 1))
    else if (i === l) (rep = '&lt;'), (l = next(str, '<', i + 1))
    else if (i === g) (rep = '&gt;'), (g = next(str, '>', i + 1))
    else if (i === q) (rep = '&#34;'), (q = next(str, '"', i + 1))
    else (rep = '&#39;'), (p = next(str, "'", i + 1))
    out += str.slice(last, i) + rep
    last = i + 1
  }
  return last === 0 ? str : out + str.slice(last)
}

/** The index of `ch` in `str` from `from` on, or the string's length when there is none. */
function next(str: string, ch: string, from: number): number {
  const i = str.indexOf(ch, from)
  return i < 0 ? str.length : i
}

function escapeString(str: string): string {
  const n = str.length
  if (n <= SHORT) {
    for (let i = 0; i < n; i++) {
      const c = charCodeAt.call(str, i)
      if (c <= 62 && (c === 38 || c === 60 || c === 62 || c === 34 || c === 39)) return loopFrom(str, i)
    }
    return str
  }
  if (n <= LONG) {
    const m = NEEDS_ESCAPE.exec(str)
    if (m === null) return str
    return n - m.index <= LOOP ? loopFrom(str, m.index) : cursorsFrom(str, m.index)
  }
  return cursorsFrom(str, 0)
}

/** HTML escape as markupsafe spells it; a value with `__html__()` is trusted. */
export function h(v: unknown): string {
  if (typeof v === 'string') return escapeString(v)
  if (typeof v === 'number') return String(v)
  if (v == null) return ''
  if (typeof (v as { __html__?: unknown }).__html__ === 'function') return String((v as { __html__(): unknown }).__html__())
  return escapeString(s(v))
}

/** XML escape (no `__html__` shortcut). */
export function x(v: unknown): string {
  return escapeString(s(v))
}

/** URL quoting as Python's quote_plus: spaces as `+`, only `A-Za-z0-9_.-~` kept. */
export function u(v: unknown): string {
  let str = s(v)
  // a lone surrogate would make encodeURIComponent throw: it becomes U+FFFD, as in UTF-8
  const w = str as unknown as { isWellFormed?(): boolean; toWellFormed(): string }
  if (w.isWellFormed && !w.isWellFormed()) str = w.toWellFormed()
  return encodeURIComponent(str)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+')
}

export function trim(v: unknown): string {
  return s(v).trim()
}

/** Named entities where HTML has one (`& < > "` included), `&#N;` for other non-ASCII. */
export function entity(v: unknown): string {
  const str = s(v)
  let out = ''
  for (const ch of str) {
    const cp = ch.codePointAt(0)!
    if (cp < 128 && cp !== 38 && cp !== 60 && cp !== 62 && cp !== 34) {
      out += ch
      continue
    }
    const name = ENTITY_NAMES[cp]
    out += name ? `&${name};` : `&#${cp};`
  }
  return out
}

/** `str`: the to-string conversion as a filter. */
export const str = s

/**
 * A value that `h` passes through unescaped: a `String` object, so string methods and `+`
 * work on it as on the text, as on Python's markupsafe `Markup` (whose methods keep it
 * Markup; here they return plain strings).
 */
export class Markup extends String {
  get value(): string {
    return this.valueOf()
  }
  __html__(): string {
    return this.valueOf()
  }
}

/** `decode.*` filters: accepted, and nothing to do (JS strings are Unicode). */
export const decode: Record<string, (v: unknown) => unknown> = /* @__PURE__ */ new Proxy({}, { get: () => (v: unknown) => v })
