// UNDEFINED: the value of a name found neither in the context nor in globalThis.
import { UndefinedError } from '../shared/errors.js'

/**
 * A missing name is JavaScript's `undefined`: falsy as Mako's UNDEFINED is (`% if user:`
 * takes the else branch, `user || 'guest'` gives 'guest'), and `user === UNDEFINED` holds.
 * Rendering it is an error naming it: the compiler checks the names it renders (`${user}`,
 * `${user.name}`), and `undef`/`chk` tell a missing name from one given as `undefined`.
 */
export const UNDEFINED: undefined = undefined

const G = globalThis as Record<string, unknown>
const OP = Object.prototype

/** `name` was not given: not in the render data, and no global (Object.prototype's members are none). */
function missing(data: Record<string, unknown>, name: string): boolean {
  return !(name in data) && !(name in G && !(name in OP))
}

/**
 * Rendering a name whose value is `undefined`: '' when it was given so (in the data, or in
 * `args`, the named arguments of a page or block arg), else an error naming it and the line.
 */
export function undef(name: string, uri: string, line: number, data?: Record<string, unknown>, args?: Record<string, unknown>): undefined {
  if (data && (!missing(data, name) || (args !== undefined && Object.hasOwn(args, name)))) return undefined
  throw new UndefinedError(`'${name}' is not defined (template '${uri}', line ${line})`, { uri, line })
}

/** `name.prop` where `name` may be missing: an error that names it. */
export function chk<T>(v: T, name: string, uri: string, line: number, data?: Record<string, unknown>): T {
  if (v === undefined) undef(name, uri, line, data)
  return v
}

/** A `<%page args>` name without a default that the body was not given (Mako: TypeError). */
export function argMissing(name: string, uri: string): never {
  throw new TypeError(`template '${uri}': the body is missing required page argument '${name}' (give it in the render data, body() args or include args, or a default in <%page args>)`)
}

/** `<%page args="a, ...rest">`: the named arguments that `taken` did not claim. */
export function restOf(args: Record<string, unknown>, taken: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(args)) if (!taken.includes(k)) out[k] = args[k]
  return out
}

/**
 * A free name: from the render data (its own keys: the copy has a null prototype), else
 * globalThis (not `toString`, `constructor`... that it inherits from Object.prototype),
 * else UNDEFINED.
 */
export function get(data: Record<string, unknown>, name: string): unknown {
  if (name in data) return data[name]
  if (name in G && !(name in OP)) return G[name]
  return UNDEFINED
}

/** strictUndefined: a missing name is an immediate error naming it. */
export function getStrict(data: Record<string, unknown>, name: string, uri: string): unknown {
  if (name in data) return data[name]
  if (name in G && !(name in OP)) return G[name]
  throw new UndefinedError(`'${name}' is not defined (template '${uri}')`, { uri })
}
