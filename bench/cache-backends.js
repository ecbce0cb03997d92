// Cached-fragment hits per second: memory backend vs Redis (and memcached) on loopback, from the built dist/.
//
//   npm run build && node bench/cache-backends.js [--quick] [--json]
//
// Starts its own redis-server / memcached on a free 127.0.0.1 port when the binary is
// on PATH (skipped with a message otherwise) and stops it after. `benchCacheBackends()`
// is exported for bench/index.js; it resolves to { rows, skipped, settings }.
//
// Figures per backend, all on a hit of the same ~2 KB fragment:
//   get, sequential      one awaited backend.get() after another (one request at a time: latency)
//   get, 32 in flight    32 concurrent loops (a busy server: throughput, node-redis pipelines them)
//   getOrCreate          through the cache layer's storageGetOrCreate, sequential
//   render               a whole async template whose 100-row list is a cached def, sequential
//                        and 32 in flight; and the same template uncached (cacheEnabled: false)

import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const DIST = new URL('../dist/runtime/cache/', import.meta.url)
const FRAGMENT = '<ul>' + Array.from({ length: 40 }, (_, i) => `<li class="row">Item #${i} &amp; more</li>`).join('') + '</ul>'

function findBinary(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name)
  }
  return undefined
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    const done = (ok) => { socket.destroy(); resolve(ok) }
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

/** Starts `binary args` and resolves once it accepts connections on 127.0.0.1:port. */
async function startServer(binary, args, port) {
  const child = spawn(binary, args, { stdio: 'ignore' })
  const failed = new Promise((_, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`${binary} exited with ${code}`)))
  })
  failed.catch(() => {})
  const kill = () => child.kill('SIGKILL')
  process.once('exit', kill)
  const stop = () => new Promise((resolve) => {
    process.off('exit', kill)
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    if (await Promise.race([canConnect(port), failed])) return stop
    await new Promise((r) => setTimeout(r, 25))
  }
  await stop()
  throw new Error(`${binary} did not start on port ${port}`)
}

/** ops/s of `op` (async or not): the median of `rounds` timed windows of `ms`, `concurrency` loops at a time. */
async function opsPerSecond(op, { rounds, ms, warmupMs, concurrency = 1 }) {
  const window = async (duration) => {
    let count = 0
    const end = performance.now() + duration
    const loop = async () => {
      while (performance.now() < end) {
        // batches of 16 keep the clock reads out of the figure for the sync memory backend
        for (let i = 0; i < 16; i++) await op()
        count += 16
      }
    }
    const start = performance.now()
    await Promise.all(Array.from({ length: concurrency }, loop))
    return count / ((performance.now() - start) / 1000)
  }
  await window(warmupMs)
  const results = []
  for (let i = 0; i < rounds; i++) results.push(await window(ms))
  results.sort((a, b) => a - b)
  return results[Math.floor(results.length / 2)]
}

async function loadOptional(name) {
  const url = new URL(name, DIST)
  if (!existsSync(fileURLToPath(url))) return undefined
  return import(url.href)
}

const PAGE = [
  '<%def name="rows()" cached="True" cache_timeout="3600">',
  '<ul>',
  '% for item in items:',
  '<li class="row">${item.name} &amp; ${item.city}</li>',
  '% endfor',
  '</ul>',
  '</%def>',
  '<html><body><h1>${title}</h1>${rows()}</body></html>',
].join('\n')
const PAGE_DATA = {
  title: 'Cached rows',
  items: Array.from({ length: 100 }, (_, i) => ({ name: `Person <${i}>`, city: `City ${i % 10}` })),
}

/** Renders/s of PAGE through dist's Template with `options` (async mode); null when dist has no Template. */
async function renderFigure(options, settings) {
  const entry = new URL('../index.js', new URL('..', DIST))
  if (!existsSync(fileURLToPath(entry))) return null
  const { Template } = await import(entry.href)
  const template = new Template(PAGE, { uri: `bench-${options.cacheImpl ?? 'none'}.mako`, async: true, ...options })
  const first = await template.render(PAGE_DATA)
  if (!first.includes('Person &lt;99&gt;')) throw new Error('the bench page rendered wrong: ' + first.slice(0, 200))
  if ((await template.render(PAGE_DATA)) !== first) throw new Error('the cached page differs from the first render')
  return {
    sequential: await opsPerSecond(() => template.render(PAGE_DATA), settings),
    concurrent: await opsPerSecond(() => template.render(PAGE_DATA), { ...settings, concurrency: 32 }),
  }
}

/** The cache layer's storage-level getOrCreate, if dist has one (see src/runtime/cache/impl.ts). */
async function loadGetOrCreate() {
  const impl = await loadOptional('impl.js').catch(() => undefined)
  return impl?.storageGetOrCreate
}

/** Closes the backends templates opened (through the runtime's pool). */
async function closePooled() {
  const impl = await loadOptional('impl.js').catch(() => undefined)
  await impl?.closeCacheBackends?.()
}

async function loadMemoryBackend() {
  const memory = await loadOptional('memory.js')
  if (!memory) throw new Error('dist/runtime/cache/memory.js is missing: run `npm run build` first')
  if (typeof memory.createMemoryBackend === 'function') return memory.createMemoryBackend({})
  if (typeof memory.MemoryBackend === 'function') return new memory.MemoryBackend({})
  throw new Error('dist/runtime/cache/memory.js exports no MemoryBackend')
}

async function measureBackend(label, backend, settings, getOrCreate, renderOptions) {
  const key = 'bench:fragment'
  await backend.set(key, { value: FRAGMENT, createdAt: Date.now() }, 3600)
  const check = await backend.get(key)
  if (check?.value !== FRAGMENT) throw new Error(`${label}: the stored fragment did not read back`)
  const rows = [
    { backend: label, mode: 'get, sequential', opsPerSec: await opsPerSecond(() => backend.get(key), settings) },
    { backend: label, mode: 'get, 32 in flight', opsPerSec: await opsPerSecond(() => backend.get(key), { ...settings, concurrency: 32 }) },
  ]
  if (getOrCreate) {
    const create = () => { throw new Error('the bench measures hits only') }
    rows.push({
      backend: label,
      mode: 'getOrCreate, sequential',
      opsPerSec: await opsPerSecond(() => getOrCreate(backend, key, create, { timeout: 3600 }), settings),
    })
  }
  const renders = await renderFigure(renderOptions, settings)
  if (renders !== null) {
    rows.push({ backend: label, mode: 'render, cached def', opsPerSec: renders.sequential })
    rows.push({ backend: label, mode: 'render, 32 in flight', opsPerSec: renders.concurrent })
  }
  return rows
}

export async function benchCacheBackends({ quick = false, log = (msg) => process.stderr.write(msg + '\n') } = {}) {
  const settings = quick ? { rounds: 3, ms: 150, warmupMs: 100 } : { rounds: 5, ms: 600, warmupMs: 400 }
  const rows = []
  const skipped = []
  const getOrCreate = await loadGetOrCreate()

  log('cache backends: uncached render')
  const uncached = await renderFigure({ cacheEnabled: false }, settings)
  if (uncached !== null) {
    rows.push({ backend: 'none', mode: 'render, uncached', opsPerSec: uncached.sequential })
    rows.push({ backend: 'none', mode: 'render, 32 in flight', opsPerSec: uncached.concurrent })
  }

  log('cache backends: memory')
  rows.push(...await measureBackend('memory', await loadMemoryBackend(), settings, getOrCreate, { cacheImpl: 'memory' }))

  const redisServer = findBinary('redis-server')
  if (!redisServer) {
    const why = 'redis-server not found on PATH (apt-get install redis-server): Redis figures skipped'
    log(`cache backends: ${why}`)
    skipped.push({ backend: 'redis', why })
  } else {
    const port = await freePort()
    const dir = mkdtempSync(join(tmpdir(), 'mako-bench-redis-'))
    const stop = await startServer(redisServer, ['--port', String(port), '--bind', '127.0.0.1', '--save', '',
      '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning'], port)
    try {
      log(`cache backends: redis on 127.0.0.1:${port}`)
      const { RedisBackend } = await import(new URL('redis.js', DIST).href)
      const args = { url: `redis://127.0.0.1:${port}/0`, prefix: 'bench:', callTimeout: 5000 }
      const backend = new RedisBackend(args)
      try {
        rows.push(...await measureBackend('redis (loopback)', backend, settings, getOrCreate, { cacheImpl: 'redis', cacheArgs: args }))
      } finally {
        await backend.close()
        await closePooled()
      }
    } finally {
      await stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }

  const memcachedServer = findBinary('memcached')
  if (!memcachedServer) {
    const why = 'memcached not found on PATH (apt-get install memcached): memcached figures skipped'
    log(`cache backends: ${why}`)
    skipped.push({ backend: 'memcached', why })
  } else {
    const port = await freePort()
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0
    const stop = await startServer(memcachedServer, ['-l', '127.0.0.1', '-p', String(port), '-U', '0',
      ...(asRoot ? ['-u', 'nobody'] : [])], port)
    try {
      log(`cache backends: memcached on 127.0.0.1:${port}`)
      const { MemcachedBackend } = await import(new URL('memcached.js', DIST).href)
      const args = { url: `memcached://127.0.0.1:${port}`, prefix: 'bench:', callTimeout: 5000 }
      const backend = new MemcachedBackend(args)
      try {
        rows.push(...await measureBackend('memcached (loopback)', backend, settings, getOrCreate, { cacheImpl: 'memcached', cacheArgs: args }))
      } finally {
        await backend.close()
        await closePooled()
      }
    } finally {
      await stop()
    }
  }
  return { rows, skipped, settings }
}

function format(n) {
  return Math.round(n).toLocaleString('en-US')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2)
  const result = await benchCacheBackends({ quick: args.includes('--quick') })
  if (args.includes('--json')) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n')
  } else {
    const width = Math.max(...result.rows.map((r) => r.backend.length))
    process.stdout.write(`\nCached-fragment hits per second (get*: ${FRAGMENT.length}-byte fragment; render: page with a cached 100-row def; Node ${process.version})\n\n`)
    for (const r of result.rows) {
      process.stdout.write(`  ${r.backend.padEnd(width)}  ${r.mode.padEnd(24)} ${format(r.opsPerSec).padStart(12)} /s\n`)
    }
    for (const s of result.skipped) process.stdout.write(`  skipped: ${s.why}\n`)
  }
}
