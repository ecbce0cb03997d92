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
/** Past this length a chain of five native global replaces costs less than a regexp scan and a charCode loop. */
const LONG = 128
/** Past this length the chain runs a chunk of this many characters at a time. */
const CHUNK = 16384

/**
 * String.prototype.replace, taken once, and one global regexp per character: `replace.call`
 * does not look the method up on a String.prototype a library may have modified. V8 runs a
 * one-character global regexp with a native search and builds the result natively, so long
 * text costs five memchr-like scans plus the copies (docs/decisions.md has the matrix).
 */
const replace = String.prototype.replace as (this: string, pattern: RegExp, replacement: string) => string
const AMP = /&/g
const LT = /</g
const GT = />/g
const QUOT = /"/g
const APOS = /'/g

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
    return m === null ? str : loopFrom(str, m.index)
  }
  // up to CHUNK characters one chain (the slice is the string itself); a megabyte: the chain a
  // chunk at a time, so that each pass allocates a young-generation string, not five copies of
  // the whole in large-object space (page faults and GC: 4x the time of one pass, measured);
  // the pieces join into a rope that is flattened once
  let out = chain(str.slice(0, CHUNK))
  // over about 11% escapable (the first chunk grew by 40%) the rope's many pieces cost more
  // than the large copies: the rest in one chain (callgrind, 1 MB at 20%: 185 M -> ~161 M)
  if (out.length > CHUNK * 1.4) return out + chain(str.slice(CHUNK))
  for (let i = CHUNK; i < n; i += CHUNK) out += chain(str.slice(i, i + CHUNK))
  // escaping only lengthens: the same length means nothing changed
  return out.length === n ? str : out
}

/** The five native global replaces; one that finds nothing returns its string as it is (no copy). */
function chain(str: string): string {
  const a = replace.call(str, AMP, '&amp;')
  const b = replace.call(a, LT, '&lt;')
  const c = replace.call(b, GT, '&gt;')
  return replace.call(replace.call(c, QUOT, '&#34;'), APOS, '&#39;')
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
