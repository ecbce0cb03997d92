// The generator's state and the output-buffer protocol, in one place.
//
// Output goes to a local string `__M_o` (as a hand-written function would); it moves into
// the shared buffer `__M_b` only before something that may write there itself (a def, a
// code block, any call) and when the function ends, so the order of output is Mako's.
// `__M_t` (sync mode) holds the text before a statement's first value (see flush); frames
// (openFrame/closeFrame) put what the local strings hold into the buffer when an error
// leaves the function. The other codegen files write output only through these methods.
import type * as ESTree from 'estree'
import { syntaxError, type ErrorSite } from '../errors.js'
import { hasTopLevelAwait } from '../js-names.js'
import type { Locator } from '../locate.js'
import type { Analysis } from '../analyze.js'
import type { TemplateNode, TemplateRoot } from '../nodes.js'
import { Printer, marker, markerOpen } from '../printer.js'
import type { AssetPieces } from '../assets.js'
import type { Dependency, FnState, GenerateOptions } from './util.js'

export abstract class Emitter {
  protected readonly p: Printer
  /** output pieces waiting to be appended, each with where in the template it comes from */
  protected pending: { js: string; at?: number; lit?: boolean; text?: string }[] = []
  /** whether the local string `__M_o` may hold output not yet in the buffer */
  protected dirty = false
  /** a def took the caller (`__M_nc`): the next frame restores it on exit */
  protected ncPending: false | 'finally' | 'plain' = false
  protected tmp = 0
  protected anon = 0
  protected loopId = 0
  protected chunkId = 0
  protected readonly loops: string[] = []
  protected fn!: FnState
  protected readonly deps: Dependency[] = []
  protected readonly depVars = new Map<string, string>()
  protected readonly moduleImports: string[] = []
  /** asset URLs of the template's HTML (assetUrls) and the import bound to each */
  protected assets?: AssetPieces
  protected readonly assetVars = new Map<string, string>()
  protected readonly A: string
  /** the function being written is a generator (its awaits are yields; see genDefs) */
  protected gen = false
  /**
   * Async mode: top-level defs also written as generators (`__M_def_x__g`) that yield only
   * for a thenable. A direct call runs one to completion synchronously when nothing it meets
   * is pending (`__M.run`), where an async function would cost a promise and a microtask per
   * call; the def itself (`__M_def_x`, what namespaces and user code get) stays async.
   */
  protected readonly genDefs = new Set<string>()
  /**
   * Sync mode: top-level defs also written as `__M_def_x__s(ctx, out, ...params)`, which
   * append to the caller's pending output string and return it. A direct call hands its
   * local string over (`__M_o = __M_def_x__s(__M_ctx, __M_p, r)`) instead of moving it into
   * the buffer before the call and the def moving its own after: a loop of def calls builds
   * one string, as a hand-written function would (page bench case: ~3% faster).
   */
  protected readonly strDefs = new Set<string>()
  protected usesLookup = false
  /** static cache_region / cache_type values of the cached callables (checked at load) */
  protected readonly cacheUses: { region?: string; type?: string }[] = []

  constructor(
    protected readonly root: TemplateRoot,
    protected readonly a: Analysis,
    protected readonly site: ErrorSite & { locator: Locator },
    protected readonly o: GenerateOptions,
  ) {
    this.A = o.async ? 'async ' : ''
    this.open = markerOpen(root.source + '\0' + (o.uri ?? '') + '\0' + (o.filename ?? ''))
    this.p = new Printer(this.open)
    this.markers = o.sourceMap && this.open !== undefined
  }

  /** the position markers' opening character, one the template does not hold (undefined: line mappings only) */
  private readonly open: string | undefined
  /** whether codegen writes position markers (not without a source map, nor without an opening character) */
  private readonly markers: boolean

  /**
   * A position marker: where it stands in a line of generated code, the source map points
   * at template offset `at` (Printer.line turns it into a mapping). Put before every copied
   * user fragment and every generated value, so an error anywhere in a line maps to the
   * `${}` (or control line, or attribute) it comes from.
   */
  protected mark(at: number): string {
    return this.markers ? marker(at, this.open) : ''
  }

  /** Writes the nodes (tags.ts). */
  protected abstract children(nodes: TemplateNode[]): void

  /**
   * A def takes the caller a `<%call>` handed on (Mako's caller_stack._push_frame) and puts
   * it back when it returns (_pop_frame): a def evaluated in the call's expression
   * (`<%call expr="wrapper(links())">`) leaves the caller for the def it was meant for.
   * The frame opened next restores it: after its try block and in its catch, or in a
   * `finally` when the def's own code may `return` (a `finally` costs ~1% of a page render
   * of 100 def calls, so only there).
   */
  protected takeCaller(usesCaller: boolean, ownReturn: boolean): void {
    this.p.line(usesCaller ? 'const __M_nc = __M_ctx._r.nc, caller = __M_nc; __M_ctx._r.nc = undefined;' : 'const __M_nc = __M_ctx._r.nc; __M_ctx._r.nc = undefined;')
    this.ncPending = ownReturn ? 'finally' : 'plain'
  }

  /**
   * Start a render function or closure: its buffer and local string. Outside a wrapper (whose
   * captured output is dropped on an error, as Mako's buffered defs drop theirs), the body goes
   * in a try block: output still in the local string when an error leaves the function goes to
   * the buffer first, where a `% try` up the calls finds it, as it would find Mako's writes.
   */
  protected openFrame(inWrapper = false): { dirty: boolean; guard: boolean; nc: false | 'finally' | 'plain' } {
    if (this.o.async && !inWrapper) this.p.line(`const __M_b = __M_ctx._r.buf, __M_in = __M_b; let __M_o = '';`)
    else if (this.o.async) this.p.line(`const __M_b = __M_ctx._r.buf; let __M_o = '';`)
    else this.p.line(`const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';`)
    const saved = { dirty: this.dirty, guard: !inWrapper, nc: inWrapper ? false : this.ncPending }
    if (saved.nc) this.ncPending = false
    if (saved.guard) {
      this.p.line('try {')
      this.p.indent()
    }
    this.dirty = false
    return saved
  }

  protected closeFrame(saved: { dirty: boolean; guard: boolean; nc?: false | 'finally' | 'plain' }): void {
    this.sync()
    if (saved.guard) {
      this.p.dedent()
      const nc = saved.nc === 'plain' ? ' __M_ctx._r.nc = __M_nc;' : ''
      const fin = saved.nc === 'finally' ? ' finally { __M_ctx._r.nc = __M_nc; }' : ''
      this.p.line((this.o.async ? `} catch (__M_e) { __M_b.s += __M_o;${nc} throw __M_e; }` : `} catch (__M_e) { __M_b.s += __M_o + __M_t;${nc} throw __M_e; }`) + fin)
      if (nc) this.p.line(nc.trim())
    }
    this.dirty = saved.dirty
  }

  /**
   * Queued output into the local string: one statement per value (with the text after it),
   * so that when a value throws, what came before it is kept, as Mako's writes are (a
   * `% try` around it, or a caller's, renders it).
   */
  protected flush(): void {
    if (!this.pending.length) return
    let text = ''
    // sync mode: text before the first value goes into `__M_t` and joins the value's statement
    // (`__M_t = "<li>"; __M_o += __M_t + v + "</li>"; __M_t = '';`): one rope node fewer per
    // statement (unescaped list: ~4% faster), and a failing value still leaves the text for
    // the `catch` that flushes `__M_o + __M_t` (and for `% except`/`% finally`, see controlBlock)
    const useT = !this.o.async && this.pending[0].lit && this.pending.some((x) => !x.lit)
    let phase = useT ? 0 : 2
    const pending = this.pending
    for (let i = 0; i < pending.length; i++) {
      const piece = pending[i]
      if (i === 0) text += useT ? '__M_t = ' : '__M_o += '
      else if (piece.lit) text += ' + '
      else if (phase === 0) {
        text += '; __M_o += __M_t + '
        phase = 1
      } else if (phase === 1) {
        text += "; __M_t = ''; __M_o += "
        phase = 2
      } else text += '; __M_o += '
      if (piece.at !== undefined) text += this.mark(piece.at)
      text += piece.text !== undefined ? JSON.stringify(piece.text) : piece.js
    }
    if (phase === 1) text += "; __M_t = ''"
    this.p.line(text + ';')
    this.pending = []
    this.dirty = true
  }

  /** Everything so far into the shared buffer: before code that may write there. */
  protected sync(): void {
    this.flush()
    if (this.dirty) this.p.line(`__M_b.s += __M_o; __M_o = '';`)
    this.dirty = false
    // async: other render chains may have moved the buffer slot while this one awaited;
    // what is called next must find this function's buffer there
    if (this.o.async) this.p.line('__M_ctx._r.buf = __M_b;')
  }

  /** Queue static text: adjacent texts become one string literal (written at flush). */
  protected text(value: string, at: number): void {
    const last = this.pending[this.pending.length - 1]
    if (last?.text !== undefined) last.text += value
    else this.pending.push({ js: '', at, lit: true, text: value })
  }

  /** Queue an output value; `mayWrite` values are evaluated in a statement of their own first. */
  protected output(js: string, mayWrite: boolean, at: number): void {
    if (!mayWrite) {
      this.pending.push({ js, at })
      return
    }
    this.sync()
    const v = `__M_v${this.tmp++}`
    this.p.line(`const ${v} = ${js};`, at)
    this.pending.push({ js: v, at })
  }

  /**
   * `await x` in async mode: the buffer slot goes back to what this function found there when it
   * started, so calls that run while it waits write where they belong (`f(g())` with `g` still
   * waiting inside its own buffer).
   */
  protected awaitJs(x: string): string {
    return this.gen ? `(yield __M.park(__M_ctx, __M_in, ${x}))` : `await __M.park(__M_ctx, __M_in, ${x})`
  }

  /** Nested functions (closures, caller bodies) are async functions inside a generator too. */
  protected asyncNested<T>(emit: () => T): T {
    const saved = this.gen
    this.gen = false
    try {
      return emit()
    } finally {
      this.gen = saved
    }
  }

  /** `await` in a sync template: a clear error instead of invalid generated code. */
  protected checkAwait(node: ESTree.Node, at: number): void {
    if (!this.o.async && hasTopLevelAwait(node)) syntaxError(this.site, 'await_needs_async', "'await' needs async mode: set the option async: true", at)
  }

  /**
   * Async mode, before JavaScript of the template that awaits (`${await f()}`, `<% await x %>`,
   * `% if await ok():`): the output so far into the buffer, and a park, where a streamed render
   * hands its top-level output out (SPEC 12) before it waits. True when it wrote one: the
   * caller ends it with streamPointEnd after that JavaScript.
   */
  protected streamPoint(nodes: (ESTree.Node | undefined)[]): boolean {
    if (!this.o.async || !nodes.some((n) => n && hasTopLevelAwait(n))) return false
    this.sync()
    this.p.line(`if (__M_ctx._r.stream !== undefined) { __M_ctx._r.stream.waits++; ${this.awaitJs('0')}; }`)
    return true
  }

  /** After the JavaScript of a streamPoint: its awaits are over (see pendingAwait). */
  protected streamPointEnd(): void {
    this.p.line('if (__M_ctx._r.stream !== undefined) __M_ctx._r.stream.waits--;')
  }

  /**
   * `target = await x` for a pending value (async mode), through a park. In a streamed render
   * the local string goes to the buffer first (where the stream finds it) when no other
   * render chain is waiting (`hold`): one that is might write into the same buffer when it
   * resumes, and the order of the output must be render()'s. `waits` counts the chains
   * waiting on something other than a call of their own.
   */
  protected pendingAwait(target: string, x: string): string {
    return `{ const __M_s = __M_ctx._r.stream; if (__M_s !== undefined) __M_o = __M_s.hold(__M_b, __M_o); ${target} = ${this.awaitJs(x)}; if (__M_s !== undefined) __M_s.waits--; }`
  }

  /** A value that may be pending (async mode): awaited through pendingAwait. */
  protected awaitPending(v: string, at?: number): void {
    this.p.line(`if (${v} != null && typeof ${v}.then === 'function') ${this.pendingAwait(v, v)}`, at)
  }

  /**
   * Output of a huge loop: V8 joins `+=` pieces into a rope (~20-30 bytes per piece) and
   * copies it into one string only when read. Before a loop, `chunkStart` declares the
   * buffer length at which the loop next flattens; at the end of each iteration `chunk`
   * moves a local string past 64K characters into the buffer as one flat piece and
   * flattens the buffer when it grew by half (writes of calls and code blocks go there):
   * ~1-4 bytes per output character instead of 5-50 (docs/decisions.md). Two length
   * tests per iteration otherwise.
   */
  protected chunkStart(): string {
    const v = `__M_f${++this.chunkId}`
    this.p.line(`let ${v} = __M_b.s.length + 65536;`)
    return v
  }

  protected chunk(v: string): void {
    if (!this.o.async) {
      this.p.line(`if (__M_o.length > 65536 || __M_b.s.length > ${v}) ${v} = __M.chunk(__M_b, __M_o, ${v}), __M_o = '';`)
      return
    }
    // a streamed render parks there too: the output leaves (the buffer, emptied, is due again
    // at 64K), and the loop waits while the reader is behind
    this.p.line(`if (__M_o.length > 65536 || __M_b.s.length > ${v}) { ${v} = __M.chunk(__M_b, __M_o, ${v}), __M_o = ''; const __M_s = __M_ctx._r.stream; if (__M_s !== undefined) { __M_s.waits++; ${this.awaitJs('0')}; __M_s.waits--; if (__M_b.s.length === 0) ${v} = 65536; } }`)
  }
}
