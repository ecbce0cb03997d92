// Memory per compiled template, for one engine: heap growth over N distinct compiled
// (and once rendered) copies of the escaped-list template, all kept alive.
//
// Run by bench/index.js as `node --expose-gc bench/memory.js <engine> <count>`; prints
// one JSON line. A fresh process per engine keeps one engine's garbage out of another's.

import fs from 'node:fs'
import path from 'node:path'
import { ENTRIES, TEMPLATES, loadEngine } from './lib/engines.js'
import { listData } from './lib/data.js'

const [engineId, countArg] = process.argv.slice(2)
const count = Number(countArg ?? 500)

function out(obj) {
  process.stdout.write(JSON.stringify({ engine: engineId, ...obj }) + '\n')
}

if (typeof globalThis.gc !== 'function') {
  out({ error: 'run with node --expose-gc' })
  process.exit(0)
}

function fullGc() {
  for (let i = 0; i < 4; i++) globalThis.gc()
}

/** A distinct template per index, so neither the engine nor V8's compilation cache shares code. */
function variant(engine, text, i) {
  return engine.id === 'pug' ? `// t${i}\n${text}` : `<!-- t${i} -->\n${text}`
}

try {
  const engine = await loadEngine(engineId)
  if (engine.unavailable) {
    out({ error: engine.unavailable })
    process.exit(0)
  }
  const text = fs.readFileSync(path.join(TEMPLATES, 'escaped-list', ENTRIES['escaped-list'][engine.id]), 'utf8')
  const data = listData()
  const keep = []
  // Engine set-up costs (lazy modules, shared caches) are paid before the baseline.
  for (let i = 0; i < 20; i++) {
    const fn = engine.compileOne(variant(engine, text, -1 - i), -1 - i)
    fn(data)
    keep.push(fn)
  }
  fullGc()
  const before = process.memoryUsage().heapUsed
  const t0 = performance.now()
  for (let i = 0; i < count; i++) {
    const fn = engine.compileOne(variant(engine, text, i), i)
    fn(data) // Handlebars compiles on first call; every engine gets the same treatment
    keep.push(fn)
  }
  const ms = performance.now() - t0
  fullGc()
  const after = process.memoryUsage().heapUsed
  out({
    count,
    bytesPerTemplate: Math.round((after - before) / count),
    msPerTemplate: ms / count,
    kept: keep.length,
  })
} catch (err) {
  out({ error: String(err?.message ?? err).split('\n')[0] })
}
