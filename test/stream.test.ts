// Streaming render (SPEC 12) and async data sources in `% for` (SPEC 6).
import { describe, expect, it } from 'vitest'
import { Template, TemplateLookup, RenderCancelled, RuntimeException } from '../src/index.js'
import { readAll } from './conformance/runner.js'

const later = <T>(v: T, ms = 2) => new Promise<T>((r) => setTimeout(() => r(v), ms))

/** A promise resolved from outside. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

const pendingReads = new WeakMap<object, Promise<ReadableStreamReadResult<string>>>()

/** The next chunk, or 'timeout' when none arrives within `ms` (the read stays pending for the next call). */
async function nextChunk(reader: ReadableStreamDefaultReader<string>, ms = 500): Promise<string | 'timeout' | 'done'> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const read = pendingReads.get(reader) ?? reader.read()
  pendingReads.set(reader, read)
  const r = await Promise.race([read, new Promise<'timeout'>((res) => (timer = setTimeout(() => res('timeout'), ms)))])
  clearTimeout(timer)
  if (r === 'timeout') return r
  pendingReads.delete(reader)
  return r.done ? 'done' : r.value
}

async function* rows(n: number, ms = 1, seen?: { n: number; closed?: boolean }) {
  try {
    for (let i = 0; i < n; i++) {
      await later(null, ms)
      if (seen) seen.n = i + 1
      yield { i }
    }
  } finally {
    if (seen) seen.closed = true
  }
}

describe('stream()', () => {
  it('hands out the text before a pending value while the value is still pending', async () => {
    const t = new Template('<head>${title}</head>\n<body>${slow}</body>', { async: true })
    const slow = deferred<string>()
    const reader = t.stream({ title: 'T', slow: slow.promise }).getReader()
    expect(await nextChunk(reader)).toBe('<head>T</head>\n<body>')
    slow.resolve('S')
    expect(await nextChunk(reader)).toBe('S</body>')
    expect(await nextChunk(reader)).toBe('done')
  })

  it("hands out the base layout's head while the child's body waits", async () => {
    const l = new TemplateLookup({ async: true })
    l.putString('base.mako', '<html><head><title>${self.title()}</title></head><body>${next.body()}</body></html>')
    l.putString('page.mako', '<%inherit file="base.mako"/><%def name="title()">P</%def><main>${slow}</main>')
    const slow = deferred<string>()
    const reader = l.getTemplate('page.mako').stream({ slow: slow.promise }).getReader()
    expect(await nextChunk(reader)).toBe('<html><head><title>P</title></head><body><main>')
    slow.resolve('late')
    let rest = ''
    for (let c = await nextChunk(reader); c !== 'done'; c = await nextChunk(reader)) rest += c
    expect(rest).toBe('late</main></body></html>')
  })

  it('hands out the head while a cached fragment is created on a cold cache; the fragment leaves whole', async () => {
    const t = new Template('<head/>${side()}<foot/>\n<%def name="side()" cached="True">[${a}|${b}]</%def>', { async: true })
    const a = deferred<string>()
    const b = deferred<string>()
    const reader = t.stream({ a: a.promise, b: b.promise }).getReader()
    expect(await nextChunk(reader)).toBe('<head/>')
    a.resolve('A')
    // the half-made fragment does not leave
    expect(await nextChunk(reader, 50)).toBe('timeout')
    b.resolve('B')
    expect(await nextChunk(reader)).toBe('[A|B]<foot/>\n')
    // warm: the same page, from the cache
    expect(await readAll(t.stream({ a: 'x', b: 'y' }))).toBe('<head/>[A|B]<foot/>\n')
  })

  it('keeps captured, buffered and filtered output whole', async () => {
    const t = new Template(
      '<a>${capture(part)}|${buf()}|<%block filter="trim">  ${slow}  </%block></a>' +
        '<%def name="part()">(${slow})</%def><%def name="buf()" buffered="True">{${slow}}</%def>',
      { async: true },
    )
    const chunks: string[] = []
    for await (const c of t.stream({ slow: later('s', 5) }) as unknown as AsyncIterable<string>) chunks.push(c)
    expect(chunks.join('')).toBe('<a>(s)|{s}|s</a>')
    // no chunk ends inside one of them
    for (const c of chunks.slice(0, -1)) expect(c).toMatch(/^(<a>|<a>\(s\)\|\{s\}\||<a>\(s\)\||\(s\)\||\{s\}\|)$|\|$|<a>$/)
  })

  it('streams one def (getDef(name).stream) and a sync template in chunks of its whole output', async () => {
    const t = new Template('<%def name="row(x)">[${x}]</%def>body', { async: true })
    expect(await readAll(t.getDef('row').stream(later('r')))).toBe('[r]')
    const big = 'x'.repeat(200_000) + '\u{1F600}'.repeat(50_000)
    const s = new Template('${a}${b}')
    const chunks: string[] = []
    for await (const c of s.stream({ a: big, b: '!' }) as unknown as AsyncIterable<string>) chunks.push(c)
    expect(chunks.length).toBeGreaterThan(2)
    expect(chunks.join('')).toBe(big + '!')
    // no chunk splits a surrogate pair
    for (const c of chunks) expect(c.charCodeAt(c.length - 1) >= 0xd800 && c.charCodeAt(c.length - 1) <= 0xdbff).toBe(false)
    expect(await readAll(s.getDef('body').stream({ a: 1, b: 2 }))).toBe('12')
  })

  it('errors the stream after the first chunk, with the template position as render() gives it', async () => {
    const t = new Template('head\n${slow}\n${nope.x}\n', { async: true, uri: 'err.mako' })
    const slow = deferred<string>()
    const reader = t.stream({ slow: slow.promise }).getReader()
    expect(await nextChunk(reader)).toBe('head\n')
    slow.resolve('s')
    const err = await reader.read().then(
      async (r) => (r.done ? undefined : reader.read()),
      (e: unknown) => e,
    ).catch((e: unknown) => e)
    const viaRender = await t.render({ slow: 's' }).catch((e: unknown) => e)
    expect((err as Error).name).toBe('UndefinedError')
    expect((err as Error).message).toBe((viaRender as Error).message)
    expect(String((err as Error).stack)).toMatch(/err\.mako:3/)
  })

  it('runs only as far as the reader reads, and cancel() stops the render', async () => {
    const seen = { n: 0, closed: false }
    const t = new Template('% for r in rows:\n${pad}${r.i}\n% endfor\n', { async: true })
    const stream = t.stream({ rows: rows(100_000, 0, seen), pad: 'p'.repeat(1000) })
    const reader = stream.getReader()
    expect(typeof (await nextChunk(reader))).toBe('string')
    // the render stops once ~16K characters wait unread (rows of 1K): not 100,000 rows
    let paused = -1
    for (let i = 0; i < 40 && seen.n !== paused; i++) {
      paused = seen.n
      await later(null, 100)
    }
    expect(seen.n).toBe(paused)
    expect(seen.n).toBeLessThan(100)
    await reader.cancel()
    await later(null, 20)
    expect(seen.closed).toBe(true)
    expect(seen.n).toBeLessThan(1000)
  })

  it('a cancelled stream releases the lock of the fragment it was creating', async () => {
    const t = new Template('<head/>${side()}\n<%def name="side()" cached="True">${v}</%def>', { async: true })
    const v = deferred<string>()
    const reader = t.stream({ v: v.promise }).getReader()
    expect(await nextChunk(reader)).toBe('<head/>')
    await reader.cancel()
    v.resolve('first')
    await later(null, 5)
    // the cancelled render stored nothing and holds no lock: the next render creates the fragment
    expect(await t.render({ v: later('second') })).toBe('<head/>second\n')
  })

  it('exports RenderCancelled, the error a cancelled render stops with', () => {
    expect(new RenderCancelled('x')).toBeInstanceOf(Error)
  })
})

describe('% for over async data sources (SPEC 6)', () => {
  it('iterates async iterables and Promises of iterables in async mode, with and without loop', async () => {
    const t = new Template('% for r in rows:\n${r.i}\\\n% endfor\n|\\\n% for r in more:\n${loop.index}:${r}${loop.first ? "" : ","}\\\n% endfor\n|\\\n% for x in p:\n${x}\\\n% endfor\n', { async: true })
    const out = await t.render({ rows: rows(3), more: (async function* () { yield 'a'; yield 'b' })(), p: later(['x', 'y']) })
    expect(out).toBe('012|0:a1:b,|xy')
  })

  it('streams rows as they arrive', async () => {
    const t = new Template('<ul>\n% for r in rows:\n<li>${r}</li>\n% endfor\n</ul>', { async: true })
    const gate = deferred<void>()
    async function* src() {
      yield 1
      await gate.promise
      yield 2
    }
    const reader = t.stream({ rows: src() }).getReader()
    expect(await nextChunk(reader)).toBe('<ul>\n<li>1</li>\n')
    gate.resolve()
    expect(await nextChunk(reader)).toBe('<li>2</li>\n</ul>')
  })

  it('closes the async iterator on % break and on an error', async () => {
    const seen = { n: 0, closed: false }
    const t = new Template('% for r in rows:\n% if r.i == 2:\n% break\n% endif\n${r.i}\\\n% endfor\n', { async: true })
    expect(await t.render({ rows: rows(10, 0, seen) })).toBe('01')
    expect(seen.closed).toBe(true)
    const seen2 = { n: 0, closed: false }
    const t2 = new Template('% for r in rows:\n${r.i}${loop.index}${r.i == 1 ? boom() : ""}\n% endfor\n', { async: true })
    await expect(t2.render({ rows: rows(10, 0, seen2), boom: () => { throw new Error('boom') } })).rejects.toThrow('boom')
    expect(seen2.closed).toBe(true)
  })

  it('loop.length of an async iterable is an error that says why', async () => {
    const t = new Template('% for r in rows:\n${loop.length}\n% endfor\n', { async: true })
    await expect(t.render({ rows: rows(2) })).rejects.toThrow(/async/)
  })

  it('in sync mode, an async iterable or a Promise in % for is an error that names the option', () => {
    const t = new Template('% for r in rows:\n${r}\n% endfor\n')
    for (const rowsValue of [rows(2), later([1])]) {
      let err: unknown
      try {
        t.render({ rows: rowsValue })
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(RuntimeException)
      expect((err as RuntimeException).code).toBe('async_for_needs_async')
      expect((err as Error).message).toMatch(/async: true/)
    }
  })
})
