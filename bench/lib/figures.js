// The figures besides render throughput: compile speed, async-mode cost, memory.

import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { ENGINES } from './engines.js'
import { interleave, roundRatio } from './harness.js'

const MEMORY_SCRIPT = fileURLToPath(new URL('../memory.js', import.meta.url))

const errText = (err) => String(err?.message ?? err).split('\n')[0]

/**
 * Compile speed: each engine turns every template of every case (its own files) from
 * source into code, nothing cached; KB of source per second. Also one large template
 * (the escaped list repeated 100 times), where per-call overhead no longer counts. "Code" is what each engine
 * produces: JS source (ours incl. source map, Eta, Handlebars, Nunjucks, Pug), a function
 * (EJS) or a parsed tree (LiquidJS, an interpreter).
 */
export async function compileSpeed(workers, opts, log) {
  const out = {}
  const contenders = []
  for (const e of ENGINES) {
    const w = workers.get(e.id)
    if (!w.info.available) {
      out[e.id] = { error: w.info.error }
      continue
    }
    try {
      const small = await w.call({ type: 'prepare', key: 'compile', mode: 'compile' })
      const large = await w.call({ type: 'prepare', key: 'compile-large', mode: 'compile-large' })
      out[e.id] = { sourceBytes: small.bytes, files: small.files, largeBytes: large.bytes }
      contenders.push(w.contender(`${e.id}:small`, 'compile'), w.contender(`${e.id}:large`, 'compile-large'))
    } catch (err) {
      out[e.id] = { error: errText(err) }
    }
  }
  const res = await interleave(contenders, { ...opts, onRound: (r) => log(`  compile round ${r}/${opts.rounds}`) })
  for (const [id, row] of Object.entries(out)) {
    if (row.error) continue
    const small = res[`${id}:small`]
    const large = res[`${id}:large`]
    if (small.error || large.error) {
      row.error = `while timing: ${small.error ?? large.error}`
      continue
    }
    Object.assign(row, {
      kbPerSec: (small.opsPerSec * row.sourceBytes) / 1024,
      spread: small.spread,
      samples: small.samples,
      largeKbPerSec: (large.opsPerSec * row.largeBytes) / 1024,
      largeSpread: large.spread,
      largeSamples: large.samples,
    })
  }
  return out
}

/**
 * Async mode against sync mode on the same template: render() returning a Promise, awaited
 * per call (what a caller pays). Ours, plus the peers that have both modes for reference.
 */
export async function asyncCost(workers, cases, opts, log) {
  const out = {}
  for (const c of cases) {
    const contenders = []
    const rows = {}
    for (const e of ENGINES.filter((x) => x.prepareAsync)) {
      const w = workers.get(e.id)
      if (!w.info.available) {
        rows[e.id] = { error: w.info.error }
        continue
      }
      try {
        const sync = await w.call({ type: 'prepare', key: `${c.id}:sync`, caseId: c.id, mode: 'sync' })
        const async_ = await w.call({ type: 'prepare', key: `${c.id}:async`, caseId: c.id, mode: 'async' })
        if (async_.output !== sync.output) throw new Error('async output differs from sync output')
        contenders.push(w.contender(`${e.id}:sync`, `${c.id}:sync`), w.contender(`${e.id}:async`, `${c.id}:async`))
        rows[e.id] = {}
      } catch (err) {
        rows[e.id] = { error: errText(err) }
      }
    }
    const res = await interleave(contenders, { ...opts, onRound: (r) => log(`  async ${c.id} round ${r}/${opts.rounds}`) })
    for (const [id, row] of Object.entries(rows)) {
      if (row.error) continue
      const s = res[`${id}:sync`]
      const a = res[`${id}:async`]
      if (s.error || a.error) {
        row.error = `while timing: ${s.error ?? a.error}`
        continue
      }
      Object.assign(row, {
        syncOpsPerSec: s.opsPerSec,
        asyncOpsPerSec: a.opsPerSec,
        // time per render in async mode over time per render in sync mode
        asyncOverSync: roundRatio(s, a),
        syncSamples: s.samples,
        asyncSamples: a.samples,
      })
    }
    out[c.id] = rows
  }
  return out
}

function runChild(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Memory per compiled template: one `node --expose-gc` child per engine. */
export async function memory(count, log) {
  const out = {}
  for (const e of ENGINES) {
    log(`  memory ${e.id}`)
    const { stdout, stderr, code } = await runChild(['--expose-gc', MEMORY_SCRIPT, e.id, String(count)])
    const line = stdout.trim().split('\n').pop()
    try {
      const r = JSON.parse(line)
      delete r.engine
      out[e.id] = r
    } catch {
      out[e.id] = { error: `memory child exited ${code}: ${(stderr || stdout).trim().split('\n')[0]}` }
    }
  }
  return out
}

