// Streaming render (SPEC 12): a render's output as a Web ReadableStream<string>. In async mode
// the render hands out its top-level output at its park points (codegen: before it waits on a
// pending value, in long loops) and is pulled: it pauses while the reader is behind.
import type { Buffer, Context, StreamHook } from './context.js'
import { MakoError } from '../shared/errors.js'
import { register } from './registry.js'
import { isThenable, populateSelf, type MakoTemplate } from './template.js'

/** Thrown at the next park point of a render whose stream was cancelled. */
export class RenderCancelled extends MakoError {}

/** Characters the stream holds unread before the render pauses (the queue's high-water mark). */
const HIGH_WATER = 16384
/** Size of the pieces a sync template's finished output is handed out in. */
const SYNC_CHUNK = 65536

type Later = (fn: () => void) => unknown
/** A macrotask: runs once the render waits on something outside the microtask queue. */
const later: Later = typeof setImmediate === 'function' ? (setImmediate as Later) : (fn) => setTimeout(fn, 0)

/** A high surrogate at the end of `s`: kept back, so that no chunk splits a character. */
function splitAt(s: string): number {
  const c = s.charCodeAt(s.length - 1)
  return c >= 0xd800 && c <= 0xdbff ? s.length - 1 : s.length
}

/**
 * The sink a streaming render writes through (RenderState.stream). `root` is the render's
 * top-level buffer: everything in it is a prefix of the output, so whatever it holds may leave.
 * At each park the render's top-level output moves to `pend`; `pend` goes to the reader
 * when it reaches HIGH_WATER, or in a macrotask, that is once the render really waits.
 */
class StreamSink implements StreamHook {
  root: Buffer = { s: '' }
  private pend = ''
  private timer = false
  private cancelled = false
  private done = false
  private waiters: { go: () => void; stop: (e: unknown) => void }[] = []

  constructor(private readonly controller: ReadableStreamDefaultController<string>) {}

  waits = 0

  hold(b: Buffer, o: string): string {
    if (this.waits++ !== 0 || o.length === 0) return o
    b.s += o
    return ''
  }

  park<T>(value: T): T | Promise<T> {
    if (this.cancelled) throw new RenderCancelled('The stream was cancelled: the render stopped')
    // a pending value: the render stops when it comes, if the stream was cancelled meanwhile
    if (value != null && typeof (value as unknown as PromiseLike<unknown>).then === 'function') value = this.checked(value as unknown as PromiseLike<unknown>) as T
    const r = this.root
    if (r.s.length !== 0) {
      this.pend += r.s
      r.s = ''
    }
    if (this.pend.length >= HIGH_WATER) this.flush()
    else if (this.pend.length !== 0 && !this.timer) {
      this.timer = true
      later(this.onTimer)
    }
    if ((this.controller.desiredSize ?? 1) > 0) return value
    // the reader is behind: go on when it pulls
    return new Promise<T>((resolve, reject) => {
      this.waiters.push({ go: () => resolve(value), stop: reject })
    })
  }

  private checked(p: PromiseLike<unknown>): Promise<unknown> {
    return Promise.resolve(p).then((v) => {
      if (this.cancelled) throw new RenderCancelled('The stream was cancelled: the render stopped')
      return v
    })
  }

  private readonly onTimer = (): void => {
    this.timer = false
    if (!this.done) this.flush()
  }

  private flush(): void {
    let t = this.pend + this.root.s
    this.root.s = ''
    const at = splitAt(t)
    this.pend = at === t.length ? '' : t.slice(at)
    if (at !== t.length) t = t.slice(0, at)
    if (t.length !== 0) this.controller.enqueue(t)
  }

  pull(): void {
    const w = this.waiters
    if (w.length === 0) return
    this.waiters = []
    for (const x of w) x.go()
  }

  finish(): void {
    if (this.done) return
    this.flush()
    if (this.pend.length !== 0) this.controller.enqueue(this.pend)
    this.done = true
    this.controller.close()
  }

  fail(err: unknown): void {
    if (this.done) return
    this.done = true
    this.controller.error(err)
  }

  cancel(): void {
    this.cancelled = this.done = true
    const w = this.waiters
    this.waiters = []
    const err = new RenderCancelled('The stream was cancelled: the render stopped')
    for (const x of w) x.stop(err)
  }
}

/**
 * The stream of one render. `start(sink)` begins it: in async mode with the sink set on its
 * RenderState (`sink.root` its buffer), returning a Promise of the end; in sync mode (no sink)
 * returning the whole output. `mapError` annotates errors as render()'s are.
 */
function streamOf(async: boolean, start: (sink: StreamHook | undefined) => unknown, mapError: (err: unknown) => unknown): ReadableStream<string> {
  if (!async) {
    let text: string | undefined
    let at = 0
    return new ReadableStream<string>({
      pull(controller) {
        try {
          if (text === undefined) text = String(start(undefined))
        } catch (err) {
          controller.error(mapError(err))
          return
        }
        if (at >= text.length) return controller.close()
        let end = Math.min(text.length, at + SYNC_CHUNK)
        if (end < text.length) end = at + splitAt(text.slice(at, end)) || end
        controller.enqueue(text.slice(at, end))
        at = end
        if (at >= text.length) controller.close()
      },
    }, { highWaterMark: 0 })
  }
  let sink: StreamSink
  let started = false
  return new ReadableStream<string>({
    start(controller) {
      sink = new StreamSink(controller)
    },
    pull() {
      if (!started) {
        started = true
        let out: unknown
        try {
          out = start(sink)
        } catch (err) {
          sink.fail(mapError(err))
          return
        }
        Promise.resolve(out).then(() => sink.finish(), (err: unknown) => {
          if (!(err instanceof RenderCancelled)) sink.fail(mapError(err))
        })
        return
      }
      sink.pull()
    },
    cancel() {
      sink.cancel()
    },
  }, { highWaterMark: HIGH_WATER, size: (chunk: string) => chunk.length })
}

/**
 * `template.stream(data)` (`def` undefined) and `template.getDef(def).stream(...args)`: the
 * render of render() and getDef().render(), with the sink set in async mode.
 */
export function streamRender(t: MakoTemplate, def: string | undefined, args: unknown[]): ReadableStream<string> {
  return streamOf(t.async, (sink) => {
    let out: unknown
    let ctx
    if (def === undefined) {
      const data = (args[0] ?? {}) as Record<string, unknown>
      ctx = attach(t._context(data), sink)
      const [fn, lctx] = populateSelf(ctx, t)
      out = fn(lctx, data)
    } else {
      const data = def === 'body' && args[0] && typeof args[0] === 'object' ? (args[0] as Record<string, unknown>) : {}
      ctx = attach(t._context(data), sink)
      populateSelf(ctx, t)
      out = def === 'body' ? t.body(ctx, data) : t.defs[def](ctx, ...args)
    }
    const r = ctx._r
    return sink ? out : isThenable(out) ? out.then(() => r.buf.s) : r.buf.s
  }, t._streamError ?? ((err) => err))
}

/** The render of `ctx` is streamed through `sink` (its top-level buffer is the root). */
function attach(ctx: Context, sink: StreamHook | undefined): Context {
  if (sink) (ctx._r.stream = sink), (sink.root = ctx._r.buf)
  return ctx
}

/** Makes `template.stream()` work in a bundle that left this module out (it registers itself when loaded). */
export function enableStreaming(): void {
  register('stream', streamRender)
}

enableStreaming()
