// UNDEFINED: the value of a name found neither in the context nor in globalThis.
import { UndefinedError } from './errors.js'

export const UNDEFINED: object = Object.freeze(
  Object.create(null, {
    toString: { value: () => undefinedValue() },
    valueOf: { value: () => undefinedValue() },
    [Symbol.toPrimitive]: { value: () => undefinedValue() },
    [Symbol.toStringTag]: { value: 'UNDEFINED' },
  }),
)

export function undefinedValue(): never {
  throw new UndefinedError('an undefined value was rendered (UNDEFINED)')
}

/** Rendering an undefined name: the error names it and the template line. */
export function undef(name: string, uri: string, line: number): never {
  throw new UndefinedError(`'${name}' is not defined (template '${uri}', line ${line})`, { uri, line })
}

const G = globalThis as Record<string, unknown>

/** `name.prop` where `name` may be UNDEFINED: an error that names it. */
export function chk<T>(v: T, name: string, uri: string, line: number): T {
  if (v === UNDEFINED) undef(name, uri, line)
  return v
}

/** `<%page args="a, ...rest">`: the named arguments that `taken` did not claim. */
export function restOf(args: Record<string, unknown>, taken: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(args)) if (!taken.includes(k)) out[k] = args[k]
  return out
}

/** A free name: from the render data, else globalThis, else UNDEFINED. */
export function get(data: Record<string, unknown>, name: string): unknown {
  if (name in data) return data[name]
  if (name in G) return G[name]
  return UNDEFINED
}

/** strictUndefined: a missing name is an immediate error naming it. */
export function getStrict(data: Record<string, unknown>, name: string, uri: string): unknown {
  if (name in data) return data[name]
  if (name in G) return G[name]
  throw new UndefinedError(`'${name}' is not defined (template '${uri}')`, { uri })
}
