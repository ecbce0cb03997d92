// Soak run of a shared cache backend: N processes render pages with cached defs and blocks against one Redis or memcached, from the built dist/.
//
//   npm run soak -- --backend redis|memcached [--processes 8] [--seconds 60] [--timeout 1]
//                   [--fault stop|kill] [--fault-at 0.4] [--fault-for 5] [--create-ms 20] [--json]
//
// Starts its own server on a free 127.0.0.1 port (stopped after). Every process renders,
// with 8 renders in flight, a page of three cached defs and a cached block whose keys come
// from a small id set, `cache_timeout` short (1 s), each creation taking --create-ms. It
// checks every page against the expected text and reports each creation to the parent.
// `--fault stop` freezes the server (SIGSTOP) at --fault-at of the run for --fault-for
// seconds; `--fault kill` kills it (SIGKILL) and starts it again on the same port after.
//
// Prints: renders, errors (should be 0), wrong outputs (0), creations per key per expiry
// window (windows of `cache_timeout` that saw a creation: max and mean; 1 is one creation
// per key per expiry across all processes), p50/p99 render latency, RSS and heap of the
// workers at start and end (after a full GC). `soak()` is exported for the tests (a short run).

import { fork, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'

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
    socket.setTimeout(500, () => done(false))
  })
}

/** A redis-server or memcached on a loopback port that stays the same across restarts. */
class Server {
  constructor(backend, port) {
    this.backend = backend
    this.port = port
    this.dir = mkdtempSync(join(tmpdir(), `mako-soak-${backend}-`))
    this.binary = findBinary(backend === 'redis' ? 'redis-server' : 'memcached')
    if (!this.binary) throw new Error(`${backend === 'redis' ? 'redis-server' : 'memcached'} not found on PATH`)
    this.url = backend === 'redis' ? `redis://127.0.0.1:${port}/0` : `memcached://127.0.0.1:${port}`
    this.kill = () => this.child?.kill('SIGKILL')
    process.once('exit', this.kill)
  }

  args() {
    if (this.backend === 'redis') {
      return ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir, '--loglevel', 'warning']
    }
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0
    return ['-l', '127.0.0.1', '-p', String(this.port), '-U', '0', '-m', '64', ...(asRoot ? ['-u', 'nobody'] : [])]
  }

  async start() {
    this.child = spawn(this.binary, this.args(), { stdio: 'ignore' })
    const deadline = Date.now() + 10_000
    while (Date.now() < deadline) {
      if (await canConnect(this.port)) return
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    throw new Error(`${this.binary} did not start on port ${this.port}`)
  }

  async stop(signal = 'SIGTERM') {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGCONT')
    child.kill(signal)
    await exited
  }

  async dispose() {
    await this.stop()
    process.off('exit', this.kill)
    rmSync(this.dir, { recursive: true, force: true })
  }
}

const percentile = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN
const mb = (bytes) => Math.round(bytes / 1048576 * 10) / 10
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs the soak; resolves to the figures. Options: backend, processes, seconds, timeout
 * (cache_timeout, s), createMs, fault ('stop' | 'kill' | undefined), faultAt (fraction
 * of the run), faultFor (s), log.
 */
export async function soak({
  backend = 'redis', processes = 8, seconds = 60, timeout = 1, createMs = 20, inFlight = 8,
  fault, faultAt = 0.4, faultFor = 5, log = (msg) => process.stderr.write(msg + '\n'),
} = {}) {
  const server = new Server(backend, await freePort())
  await server.start()
  const workers = []
  const creations = []
  const reports = []
  let faultNote = 'none'
  let stuck = 0
  try {
    const prefix = `soak${Date.now()}:`
    const ready = []
    for (let i = 0; i < processes; i++) {
      const w = fork(fileURLToPath(new URL('./soak-worker.js', import.meta.url)), [], {
        env: { ...process.env, BACKEND: backend, URL: server.url, PREFIX: prefix, TIMEOUT: String(timeout), CREATE_MS: String(createMs), IN_FLIGHT: String(inFlight) },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        execArgv: ['--expose-gc'],
      })
      ready.push(new Promise((resolve, reject) => {
        w.on('message', (m) => {
          if (m.type === 'ready') resolve()
          else if (m.type === 'created') creations.push(m)
          else if (m.type === 'report') reports.push(m)
        })
        w.once('exit', (code) => reject(new Error(`soak worker exited with ${code}`)))
      }))
      workers.push(w)
    }
    await Promise.all(ready)
    log(`soak: ${backend} on ${server.url}, ${processes} processes x ${inFlight} in flight, ${seconds} s, cache_timeout ${timeout} s, creation ${createMs} ms${fault ? `, server ${fault} at ${Math.round(faultAt * 100)}% for ${faultFor} s` : ''}`)
    const started = Date.now()
    for (const w of workers) w.send({ cmd: 'go', until: started + seconds * 1000 })
    if (fault) {
      await sleep(seconds * 1000 * faultAt)
      const t = ((Date.now() - started) / 1000).toFixed(1)
      if (fault === 'stop') {
        server.child.kill('SIGSTOP')
        await sleep(faultFor * 1000)
        server.child.kill('SIGCONT')
      } else {
        await server.stop('SIGKILL')
        await sleep(faultFor * 1000)
        await server.start()
      }
      faultNote = `${fault === 'stop' ? 'SIGSTOP' : 'SIGKILL'} at ${t} s for ${faultFor} s`
    }
    const exited = workers.map((w) => new Promise((resolve) => w.once('exit', (code, signal) => {
      if (code !== 0) log(`soak worker ${w.pid} exited with ${signal ?? code}`)
      resolve()
    })))
    // a worker that does not finish within a minute of the end is stuck: stop it, count it
    const watchdog = setTimeout(() => {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) { stuck++; w.kill('SIGKILL') }
    }, seconds * 1000 + 60_000)
    await Promise.all(exited)
    clearTimeout(watchdog)
  } finally {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL')
    await server.dispose()
  }

  // creations per key per expiry window: windows of cache_timeout from the first creation,
  // counting only the windows in which the key was created at all
  const faultFrom = fault ? faultAt * seconds * 1000 : Infinity
  const perWindow = new Map()
  const t0 = Math.min(...creations.map((c) => c.t))
  let outage = 0
  for (const c of creations) {
    const at = c.t - t0
    // during an outage, and until the clients are back (node-redis reconnects with a
    // backoff of up to 2 s), renders go uncached (fail open): counted apart
    if (at >= faultFrom - 500 && at < faultFrom + faultFor * 1000 + 5000) { outage++; continue }
    const k = `${c.key}\0${Math.floor(at / (timeout * 1000))}`
    perWindow.set(k, (perWindow.get(k) ?? 0) + 1)
  }
  const counts = [...perWindow.values()]
  const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b)
  const sum = (f) => reports.reduce((n, r) => n + f(r), 0)
  const result = {
    backend, processes, seconds, timeout, createMs, fault: faultNote,
    renders: sum((r) => r.renders),
    backendErrors: reports.reduce((all, r) => {
      for (const [k, n] of Object.entries(r.backendErrors ?? {})) all[k] = (all[k] ?? 0) + n
      return all
    }, {}),
    errors: sum((r) => r.errors) + stuck,
    firstErrors: [...new Set(reports.map((r) => r.firstError).filter(Boolean))].slice(0, 3),
    wrong: sum((r) => r.wrong),
    creations: creations.length,
    creationsDuringFault: outage,
    creationsPerKeyWindow: {
      max: counts.length ? Math.max(...counts) : 0,
      mean: counts.length ? Math.round(counts.reduce((a, b) => a + b, 0) / counts.length * 100) / 100 : 0,
      windows: counts.length,
    },
    latencyMs: { p50: Math.round(percentile(latencies, 0.5) * 100) / 100, p99: Math.round(percentile(latencies, 0.99) * 100) / 100 },
    rssMB: { start: mb(sum((r) => r.start.rss) / reports.length), end: mb(sum((r) => r.end.rss) / reports.length) },
    heapMB: { start: mb(sum((r) => r.start.heapUsed) / reports.length), end: mb(sum((r) => r.end.heapUsed) / reports.length) },
  }
  if (process.env.SOAK_DEBUG) result.creationLog = creations.map((c) => `${c.t - t0} ${c.key} ${c.pid ?? ''}`)
  return result
}

function parseArgs(argv) {
  const out = {}
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i])
    if (!m) continue
    const value = m[2] ?? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true')
    out[m[1].replace(/-(\w)/g, (_, c) => c.toUpperCase())] = value
  }
  return out
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const a = parseArgs(process.argv.slice(2))
  const num = (v, d) => (v === undefined ? d : Number(v))
  const r = await soak({
    backend: a.backend ?? 'redis', processes: num(a.processes, 8), seconds: num(a.seconds, 60), timeout: num(a.timeout, 1),
    createMs: num(a.createMs, 20), inFlight: num(a.inFlight, 8), fault: a.fault, faultAt: num(a.faultAt, 0.4), faultFor: num(a.faultFor, 5),
  })
  if (a.json) console.log(JSON.stringify(r, null, 2))
  else {
    console.log(`backend             ${r.backend} (${r.processes} processes, ${r.seconds} s, cache_timeout ${r.timeout} s, server fault: ${r.fault})`)
    console.log(`renders             ${r.renders}`)
    console.log(`errors              ${r.errors}`)
    for (const e of r.firstErrors) console.log(`  first: ${e.split('\n').slice(0, 6).join('\n  ')}`)
    console.log(`backend errors      ${Object.entries(r.backendErrors).map(([k, n]) => `${k} x${n}`).join(', ') || 'none'} (fail open: rendered uncached)`)
    console.log(`wrong outputs       ${r.wrong}`)
    console.log(`creations           ${r.creations}${r.fault !== 'none' ? ` (${r.creationsDuringFault} from the fault to 5 s after it, uncached)` : ''}`)
    console.log(`per key per window  max ${r.creationsPerKeyWindow.max}, mean ${r.creationsPerKeyWindow.mean} (${r.creationsPerKeyWindow.windows} windows)`)
    console.log(`latency             p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms`)
    console.log(`worker RSS          ${r.rssMB.start} MB -> ${r.rssMB.end} MB (mean)`)
    console.log(`worker heap         ${r.heapMB.start} MB -> ${r.heapMB.end} MB (mean, after GC)`)
  }
  if (r.errors || r.wrong) process.exitCode = 1
}
