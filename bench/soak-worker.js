// One process of bench/soak.js: renders a page of cached defs and a cached block against the shared backend until told to stop, checking every page.
//
// Env: BACKEND, URL, PREFIX, TIMEOUT (cache_timeout, s), CREATE_MS, IN_FLIGHT. Sends
// { type: 'created', key, t } for every creation it runs, then one { type: 'report' }.

import { Template, closeCacheBackends, configureCache } from '../dist/index.js'

const { BACKEND, URL: SERVER_URL, PREFIX, TIMEOUT, CREATE_MS, IN_FLIGHT } = process.env
await import(`../dist/runtime/cache/${BACKEND}.js`)

// backend errors (fail open: the page renders uncached), counted by operation and kind
const backendErrors = {}
configureCache({ onError: (error, operation) => {
  const k = `${operation}: ${error.name}`
  backendErrors[k] = (backendErrors[k] ?? 0) + 1
} })

const T = Number(TIMEOUT)
const source =
  `<%def name="item(id)" cached="True" cache_key="item-\${id}" cache_timeout="${T}">\${await make('item-' + id)}</%def>` +
  `<%def name="side()" cached="True" cache_timeout="${T}">\${await make('side')}</%def>` +
  `<main><%block name="nav" cached="True" cache_key="nav-\${group}" cache_timeout="${T}">\${await make('nav-' + group)}</%block>` +
  '${item(a)}${item(b)}${side()}</main>'
const template = new Template(source, {
  uri: 'soak.mako',
  async: true,
  // one build: the same starttime in every process, so they share entries
  starttime: 1_700_000_000_000,
  cacheImpl: BACKEND,
  cacheArgs: { url: SERVER_URL, prefix: PREFIX },
})

const createMs = Number(CREATE_MS)
const make = async (key) => {
  process.send({ type: 'created', key, t: Date.now(), pid: process.pid })
  await new Promise((resolve) => setTimeout(resolve, createMs))
  return `[${key}]`
}

const MAX_SAMPLES = 20_000
const latencies = []
let renders = 0
let errors = 0
let wrong = 0
let firstError

async function renderOne() {
  const a = Math.floor(Math.random() * 10)
  const b = Math.floor(Math.random() * 10)
  const group = Math.floor(Math.random() * 3)
  const expected = `<main>[nav-${group}][item-${a}][item-${b}][side]</main>`
  const t = performance.now()
  try {
    const out = await template.render({ make, a, b, group })
    if (out !== expected) {
      wrong++
      firstError ??= `wrong output: ${out} (expected ${expected})`
    }
  } catch (error) {
    errors++
    firstError ??= String(error?.stack ?? error)
  }
  const ms = performance.now() - t
  renders++
  // reservoir sample: a fair subset of every latency for the percentiles
  if (latencies.length < MAX_SAMPLES) latencies.push(ms)
  else {
    const j = Math.floor(Math.random() * renders)
    if (j < MAX_SAMPLES) latencies[j] = ms
  }
}

process.on('message', async (m) => {
  if (m?.cmd !== 'go') return
  // after a full GC (the parent runs workers with --expose-gc), so that growth is retained memory
  const memory = () => { globalThis.gc?.(); return process.memoryUsage() }
  const start = memory()
  const loop = async () => {
    while (Date.now() < m.until) await renderOne()
  }
  await Promise.all(Array.from({ length: Number(IN_FLIGHT) || 8 }, loop))
  const end = memory()
  // the report is large: disconnect only once it is written
  await new Promise((resolve) => process.send({ type: 'report', renders, errors, wrong, firstError, latencies, start, end, backendErrors }, resolve))
  await closeCacheBackends()
  process.disconnect()
})

// connected (and node-redis / memjs loaded) before the run starts
await template.cache.get('warm-up')
process.send({ type: 'ready' })
