// `loop` inside `% for`: Mako's LoopContext; and iteration over any JS value.
import { RuntimeException } from '../shared/errors.js'

/** Arrays and iterables as they are; a plain object iterates its keys, as a Python dict. */
export function iter(v: unknown): Iterable<unknown> {
  if (Array.isArray(v)) return v
  if (v != null && typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function') return v as Iterable<unknown>
  if (v != null && typeof v === 'object') {
    // (an async generator or a Promise has no keys: it would render nothing, silently)
    if (typeof (v as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function' || typeof (v as PromiseLike<unknown>).then === 'function') {
      throw new RuntimeException("% for over an async iterable or Promise needs async: true", { code: 'async_for_needs_async' })
    }
    return Object.keys(v)
  }
  throw new TypeError(`${v === null ? 'null' : typeof v} is not iterable`)
}

/** What AsyncIter.next() gives besides an item: wait for `p` (an item or DONE). */
export const NEXT: unique symbol = Symbol('mako.next')
/** What AsyncIter.next() gives when the items are over. */
export const DONE: unique symbol = Symbol('mako.done')

const isThenable = (v: unknown): v is PromiseLike<unknown> => v != null && typeof (v as PromiseLike<unknown>).then === 'function'

/**
 * Async mode's `% for` (codegen's forLoop): the items of a sync iterable (as `iter`), of an
 * async iterable (as `for await`) or of a Promise of either. `next()` gives an item, DONE, or
 * NEXT when the item is pending: then `p` is a Promise of the item or DONE. Sync iterables
 * cost no Promise per item (`for await` would cost a microtask each).
 */
export class AsyncIter {
  private a: readonly unknown[] | undefined = undefined
  private i = 0
  private it: Iterator<unknown> | AsyncIterator<unknown> | undefined = undefined
  private isAsync = false
  private ended = false
  /** the pending item when next() gave NEXT */
  p: Promise<unknown> | undefined = undefined
  constructor(v: unknown) {
    if (isThenable(v)) {
      this.p = Promise.resolve(v).then((x) => {
        this.p = undefined
        this.from(x)
        const r = this.next()
        return r === NEXT ? this.p : r
      })
    } else this.from(v)
  }

  private from(v: unknown): void {
    if (Array.isArray(v)) this.a = v
    else if (v != null && typeof (v as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
      this.it = (v as AsyncIterable<unknown>)[Symbol.asyncIterator]()
      this.isAsync = true
    } else {
      const x = iter(v)
      if (Array.isArray(x)) this.a = x
      else this.it = x[Symbol.iterator]()
    }
  }

  next(): unknown {
    const a = this.a
    if (a !== undefined) return this.i < a.length ? a[this.i++] : DONE
    const it = this.it
    if (it === undefined) return this.ended ? DONE : NEXT
    if (!this.isAsync) {
      const r = (it as Iterator<unknown>).next()
      if (r.done) return (this.ended = true), DONE
      return r.value
    }
    this.p = Promise.resolve((it as AsyncIterator<unknown>).next()).then((r) => {
      if (r.done) return (this.ended = true), DONE
      return r.value
    })
    return NEXT
  }

  /** The loop left early (break, return, an error): the iterator's return(), a Promise for an async one. */
  close(): Promise<unknown> | undefined {
    const it = this.it
    if (it === undefined || this.ended) return undefined
    this.ended = true
    if (typeof it.return !== 'function') return undefined
    const r = it.return()
    return this.isAsync ? Promise.resolve(r) : undefined
  }
}

/** Async mode's `% for` without `loop`. */
export function aiter(v: unknown): AsyncIter {
  return new AsyncIter(v)
}

export class LoopContext {
  index = -1
  /** how many items the loop runs over (internal: known even for generators) */
  readonly _n: number
  protected readonly items: readonly unknown[]
  /** false for iterables without a length (generators), as Python's len() */
  protected sized: boolean
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

/**
 * `loop` in async mode (codegen's asyncForLoop): a sync iterable's items as LoopContext has
 * them; an async iterable's or a Promise's as they come. `_step()` gives the next item (made
 * current), DONE, or NEXT when it is pending (then await `_p`). Its own class: sync bundles
 * leave it out.
 */
export class AsyncLoopContext extends LoopContext {
  private readonly _it: AsyncIter | undefined
  constructor(iterable: unknown, parent?: LoopContext) {
    const lazy = isThenable(iterable) || (iterable != null && typeof (iterable as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function' && !Array.isArray(iterable))
    super(lazy ? [] : iterable, parent)
    if (lazy) {
      this._it = new AsyncIter(iterable)
      this.sized = false
    }
  }
  _step(): unknown {
    const i = ++this.index
    if (this._it === undefined) return i < this._n ? this.items[i] : DONE
    return this._it.next()
  }
  get _p(): Promise<unknown> | undefined {
    return this._it?.p
  }
  /** the loop left early */
  _close(): Promise<unknown> | undefined {
    return this._it?.close()
  }
  override get length(): number {
    if (this._it) throw new TypeError('loop.length / loop.last / loop.reverse_index need an iterable with a length (this one is async)')
    return super.length
  }
}

/** `loop` read outside any `% for`: every use is an error that names it. */
export const noLoop: LoopContext = /* @__PURE__ */ new Proxy(Object.create(null), {
  get(_t, key) {
    if (typeof key === 'symbol') return undefined
    throw new RuntimeException(`'loop' is only available inside a '% for' (read: loop.${key})`)
  },
})
