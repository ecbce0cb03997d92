// `loop` inside `% for`: Mako's LoopContext; and iteration over any JS value.
import { RuntimeException } from '../shared/errors.js'

/** Arrays and iterables as they are; a plain object iterates its keys, as a Python dict. */
export function iter(v: unknown): Iterable<unknown> {
  if (Array.isArray(v)) return v
  if (v != null && typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function') return v as Iterable<unknown>
  if (v != null && typeof v === 'object') return Object.keys(v)
  throw new TypeError(`${v === null ? 'null' : typeof v} is not iterable`)
}

export class LoopContext {
  index = -1
  /** how many items the loop runs over (internal: known even for generators) */
  readonly _n: number
  private readonly items: readonly unknown[]
  /** false for iterables without a length (generators), as Python's len() */
  private readonly sized: boolean
  constructor(iterable: unknown, readonly parent?: LoopContext) {
    const it = iter(iterable)
    this.sized = Array.isArray(it) || typeof it === 'string' || typeof (it as { size?: unknown }).size === 'number' || typeof (it as { length?: unknown }).length === 'number'
    this.items = Array.isArray(it) ? it : [...it]
    this._n = this.items.length
  }
  get length(): number {
    if (!this.sized) throw new TypeError("loop.length / loop.last / loop.reverse_index need an iterable with a length (this one is a generator or iterator)")
    return this._n
  }
  /** the item at `i`, making it current */
  _next(i: number): unknown {
    this.index = i
    return this.items[i]
  }
  get reverse_index(): number {
    return this.length - this.index - 1
  }
  get reverseIndex(): number {
    return this.reverse_index
  }
  get first(): boolean {
    return this.index === 0
  }
  get last(): boolean {
    return this.index === this.length - 1
  }
  get even(): boolean {
    return this.index % 2 === 0
  }
  get odd(): boolean {
    return !this.even
  }
  cycle(...values: unknown[]): unknown {
    if (!values.length) throw new TypeError('loop.cycle() needs at least one value')
    return values[this.index % values.length]
  }
}

/** `loop` read outside any `% for`: every use is an error that names it. */
export const noLoop: LoopContext = /* @__PURE__ */ new Proxy(Object.create(null), {
  get(_t, key) {
    if (typeof key === 'symbol') return undefined
    throw new RuntimeException(`'loop' is only available inside a '% for' (read: loop.${key})`)
  },
})
