// The render Context (Mako's runtime.Context): data, the output buffer stack, the lookup.
import { s } from './filters.js'

export interface Buffer {
  s: string
}

export interface Lookup {
  getTemplate(uri: string): unknown
  adjustUri?(uri: string, relativeTo: string): string
  /** adjustUri answers the same for the same arguments (TemplateLookup's does): answers may be kept */
  readonly adjustUriIsPure?: boolean
}

/**
 * A huge loop's output (codegen's `chunk`): the local string `o` goes into the buffer, as
 * one flat piece when past 64K characters, and the buffer is flattened when it reaches
 * `due`; returns the length at which it is due next. V8 joins `+=` pieces into a rope
 * (~20-30 bytes per piece) and copies it into one string only when it is read: reading a
 * character flattens it (so do `s | 0` and `Number(s)`; each costs the copy). The buffer is
 * due when it grew by half: every character is copied about three times in all, and at
 * most a third of the buffer is rope.
 */
export function chunk(b: Buffer, o: string, due: number): number {
  if (o.length > 65536) o.charCodeAt(0)
  const s = (b.s += o)
  if (s.length <= due) return due
  s.charCodeAt(0)
  return s.length + Math.max(65536, s.length >> 1)
}

/** What a streaming render (src/runtime/stream.ts) is told at each park point. */
export interface StreamHook {
  /** the render's top-level buffer */
  root: Buffer
  /** takes the top-level output so far; the value back, or a Promise of it while the reader is behind */
  park<T>(value: T): T | Promise<T>
  /** render chains waiting on something other than a call of their own (codegen's pendingAwait) */
  waits: number
  /** before a chain waits: its local string `o` into `b` when no other chain waits (what stays local is returned); counts the wait */
  hold(b: Buffer, o: string): string
}

/** State shared by every copy of a Context during one render. */
export class RenderState {
  buf: Buffer = { s: '' }
  /** set while the render is streamed (async mode): parks hand out its output (declared only: renders that do not stream never set it) */
  declare stream?: StreamHook
  /** buffers under the current one (context._push/_pop); made when first needed */
  stack: Buffer[] | undefined = undefined
  /** the caller namespace a `<%call>` hands to the next def called */
  nc: unknown = undefined
  /** namespaces made during this render, by declaring template; made when first needed */
  namespaces: Map<object, Map<string, unknown>> | undefined = undefined
  readonly lookup: Lookup | undefined
  constructor(lookup?: Lookup) {
    this.lookup = lookup
  }
}

/**
 * The prototype of every context's data object: empty, with a null prototype, so that
 * `'toString' in data` is false (only the render data's own keys count). Objects made by
 * `new Data()` keep V8's fast properties, unlike `Object.create(null)` ones (dictionary mode:
 * a copy cost ~430 ns against ~35 ns, and a layout render makes two).
 */
const DATA_PROTO: object = Object.freeze(Object.create(null))
function Data(this: object) {}
Data.prototype = DATA_PROTO

/** A fast-mode, null-prototype copy of `from`'s own enumerable keys. */
function dataCopy(from: Record<string, unknown>): Record<string, unknown> {
  return Object.assign(new (Data as unknown as new () => Record<string, unknown>)(), from)
}

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>

export class Context {
  /** the data of the render, plus self/local/parent/next */
  _data: Record<string, unknown>
  readonly _r: RenderState
  /** the original keyword data */
  readonly _kwargs: Record<string, unknown>

  constructor(data: Record<string, unknown>, r: RenderState, copyFrom?: Record<string, unknown>) {
    this._r = r
    this._kwargs = data
    this._data = dataCopy(copyFrom ?? data)
  }

  /** `get('caller')` in a plain function that a `<%call>` calls is that call's body, as
   * Mako's `context['caller']` in a `@runtime.supports_caller` function (no decorator needed) */
  get(key: string, dflt?: unknown): unknown {
    if (key in this._data) return this._data[key]
    return key === 'caller' && this._r.nc !== undefined ? this._r.nc : dflt
  }

  has(key: string): boolean {
    return key in this._data || (key === 'caller' && this._r.nc !== undefined)
  }

  keys(): string[] {
    return Object.keys(this._data)
  }

  /** a copy of the data the render was called with */
  get kwargs(): Record<string, unknown> {
    return { ...this._kwargs }
  }

  get lookup(): Lookup | undefined {
    return this._r.lookup
  }

  write(text: unknown): void {
    this._r.buf.s += s(text)
  }

  /** start capturing output */
  _push(): void {
    ;(this._r.stack ??= []).push(this._r.buf)
    this._r.buf = { s: '' }
  }

  /** stop capturing: what was written since the matching _push */
  _pop(): string {
    const out = this._r.buf.s
    this._r.buf = this._r.stack?.pop() ?? { s: '' }
    return out
  }

  _copy(): Context {
    return new Context(this._kwargs, this._r, this._data)
  }

  /** A copy whose data also holds `values` (getters kept lazy: body variables for defs). */
  _locals(values: object): Context {
    const c = this._copy()
    Object.defineProperties(c._data, Object.getOwnPropertyDescriptors(values))
    return c
  }

  /** A copy with one more plain value (`next` through inheritance). */
  _with(key: string, value: unknown): Context {
    const c = this._copy()
    c._data[key] = value
    return c
  }

  /** A copy without the inheritance names (for includes and namespaces). */
  _clean(): Context {
    const c = new Context(this._kwargs, this._r, EMPTY)
    const from = this._data
    const to = c._data
    // copied key by key rather than deleted afterwards: `delete` turns an object slow
    for (const k of Object.keys(from)) if (k !== 'self' && k !== 'parent' && k !== 'next') to[k] = from[k]
    return c
  }
}
