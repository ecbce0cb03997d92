// A worker process holding one engine (or the hand-written functions): it prepares
// renders and compiles, and times them when the parent asks. One engine per process, so
// no engine's global side effects (JIT state, garbage, V8 protectors) reach another's.
//
// Started by pool.js as `node bench/lib/worker.js <engine>`; messages over IPC.

// BENCH_POLYFILL=1 (`--polyfill`): a String.prototype-touching library loaded first
if (process.env.BENCH_POLYFILL === '1') await import('./polyfill.js')
const { CASES } = await import('./cases.js')
import { ENTRIES, loadEngine } from './engines.js'
import { QUOTES } from './data.js'
import { warmUp, sample } from './harness.js'

const engineId = process.argv[2]
let engine = null
const jobs = new Map() // key -> { fn, data, isAsync, batch }

const errText = (err) => String(err?.message ?? err).split('\n')[0]

async function init() {
  if (engineId === 'hand') return { available: true }
  engine = await loadEngine(engineId)
  return engine.unavailable ? { available: false, error: engine.unavailable } : { available: true }
}

/** Builds a job; returns what the parent checks before timing. */
async function prepare({ key, caseId, mode, data: dataName }) {
  if (mode === 'compile' || mode === 'compile-large') {
    // 'compile': every template file of every case, bytes counted once per file.
    // 'compile-large': one template, the escaped list's repeated 100 times.
    let units = CASES.flatMap((c) => engine.compileUnits(c.dir))
    if (mode === 'compile-large') {
      const list = engine.compileUnits(CASES.find((c) => c.id === 'escaped-list').dir)[0]
      units = [{ ...list, name: 'large' + engine.ext, text: Array(100).fill(list.text).join('\n'), bytes: undefined }]
    }
    for (const u of units) engine.compile(u)
    const bytes = units.reduce((n, u) => n + (u.bytes ?? Buffer.byteLength(u.text)), 0)
    jobs.set(key, { fn: (list) => list.map((u) => engine.compile(u)), data: units, isAsync: false })
    return { bytes, files: units.length }
  }
  const c = CASES.find((x) => x.id === caseId)
  const data = dataName === 'quotes' ? QUOTES : c.data
  let fn
  if (engineId === 'hand') fn = c.hand
  else if (mode === 'async') fn = engine.prepareAsync(c.dir, ENTRIES[caseId][engineId], engineId === 'ours' ? c.oursOptions : undefined)
  else fn = engine.prepare(c.dir, ENTRIES[caseId][engineId], engineId === 'ours' ? c.oursOptions : undefined)
  const isAsync = mode === 'async'
  const output = isAsync ? await fn(data) : fn(data)
  jobs.set(key, { fn, data, isAsync, batch: 1 })
  return { output: typeof output === 'string' ? output : { notString: typeof output } }
}

async function handle(msg) {
  switch (msg.type) {
    case 'init':
      return init()
    case 'prepare':
      return prepare(msg)
    case 'warmup': {
      const j = jobs.get(msg.key)
      j.batch = await warmUp(j.fn, j.data, { ms: msg.ms, isAsync: j.isAsync })
      return { batch: j.batch }
    }
    case 'sample': {
      const j = jobs.get(msg.key)
      return { ops: await sample(j.fn, j.data, { ms: msg.ms, batch: j.batch, isAsync: j.isAsync }) }
    }
    case 'exit':
      setImmediate(() => process.exit(0))
      return {}
    default:
      throw new Error(`unknown message ${msg.type}`)
  }
}

process.on('message', async (msg) => {
  try {
    process.send({ id: msg.id, result: await handle(msg) })
  } catch (err) {
    process.send({ id: msg.id, error: errText(err) })
  }
})
