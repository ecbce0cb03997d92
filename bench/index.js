// `npm run bench`: render throughput of ours, the peers and a hand-written function on
// three cases, then compile speed, async-mode cost and memory per template. Writes
// bench/results/latest.json, docs/benchmarks.md and docs/bench-chart.svg.
//
//   node bench/index.js [--quick] [--allow-mismatch] [--cases=page,...]
//                       [--skip=compile,async,memory,cache,stream,vite,backends,profile] [--write|--no-write]
//
// --quick: 3 short rounds, 100 templates for memory, 50 for vite build; writes
// bench/results/quick.json (and *.quick.json) and leaves docs/ alone unless --write.
// compile-speed.js, cache-hit.js, stream-ttfb.js, vite-build.js and cache-backends.js (when present) also run on their
// own; here they run as children and their results join the report.

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { CASES, compareOutput } from './lib/cases.js'
import { ENGINES, PEERS } from './lib/engines.js'
import { startWorkers } from './lib/pool.js'
import { QUOTES } from './lib/data.js'
import { interleave, median, roundRatio, spread } from './lib/harness.js'
import { compileSpeed, asyncCost, memory } from './lib/figures.js'
import { consoleReport, markdownReport, svgChart } from './lib/report.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const flag = (name) => args.includes(`--${name}`)
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]

const quick = flag('quick')
// every worker loads a String.prototype-touching library first (bench/lib/polyfill.js);
// the results go to bench/results/polyfill*.json, docs/benchmarks.md is left alone
const polyfill = flag('polyfill')
if (polyfill) process.env.BENCH_POLYFILL = '1'
const write = !polyfill && (flag('write') || (!quick && !flag('no-write')))
const allowMismatch = flag('allow-mismatch')
const onlyCases = option('cases')?.split(',')
const skip = new Set(option('skip')?.split(',') ?? [])

const settings = quick
  ? { rounds: 3, generations: 1, sampleMs: 40, warmupMs: 60, figureRounds: 3, figureMs: 30, memoryCount: 100 }
  : { rounds: 15, generations: 5, sampleMs: 200, warmupMs: 300, figureRounds: 5, figureMs: 150, memoryCount: 500 }

const log = (msg) => process.stderr.write(msg + '\n')

function cpuModel() {
  try {
    const m = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)
    if (m) return m[1].trim()
  } catch {}
  return os.cpus()[0]?.model ?? 'unknown'
}

const LABELS = { hand: 'hand-written JS', ...Object.fromEntries(ENGINES.map((e) => [e.id, e.label])) }

const errText = (err) => String(err?.message ?? err).split('\n')[0]

async function renderCase(c, workers) {
  const expected = c.hand(c.data)
  const rows = {}
  const contenders = []
  for (const [id, w] of workers) {
    if (!w.info.available) {
      rows[id] = { status: 'n/a', error: w.info.error }
      continue
    }
    let got
    try {
      got = (await w.call({ type: 'prepare', key: c.id, caseId: c.id, mode: 'sync' })).output
    } catch (err) {
      rows[id] = { status: 'error', error: errText(err) }
      log(`  ${id}: ${rows[id].error}`)
      continue
    }
    const diff = compareOutput(expected, got, id, c.quotes)
    if (diff) {
      rows[id] = { status: allowMismatch ? 'mismatch-timed' : 'mismatch', diff }
      log(`  ${id}: output differs at byte ${diff.index} (line ${diff.line})\n    expected ${JSON.stringify(diff.expected)}\n    got      ${JSON.stringify(diff.got)}`)
      const dir = path.join(ROOT, 'bench', 'results', 'diff')
      fs.mkdirSync(dir, { recursive: true })
      fs.writeFileSync(path.join(dir, `${c.id}.expected.html`), expected)
      fs.writeFileSync(path.join(dir, `${c.id}.${id}.html`), typeof got === 'string' ? got : JSON.stringify(got))
      if (!allowMismatch) continue
    } else {
      rows[id] = { status: 'ok' }
    }
    contenders.push(w.contender(id, c.id))
  }
  const timed = await generations(c, contenders, workers)
  for (const [id, t] of Object.entries(timed)) {
    if (t.error) Object.assign(rows[id], { status: 'error', error: `while timing: ${t.error}` })
    else Object.assign(rows[id], t)
  }
  const okPeers = PEERS.filter((id) => rows[id]?.status === 'ok')
  const bestPeer = okPeers.sort((a, b) => rows[b].opsPerSec - rows[a].opsPerSec)[0] ?? null
  for (const row of Object.values(rows)) {
    if (!Number.isFinite(row.opsPerSec)) continue
    row.vsHand = roundRatio(row, rows.hand)
    row.vsBestPeer = bestPeer ? roundRatio(row, rows[bestPeer]) : NaN
  }
  return { id: c.id, title: c.title, outputBytes: Buffer.byteLength(expected), bestPeer, rows }
}

/**
 * The rounds, split over fresh worker processes ("generations"): one process's JIT and
 * memory layout can favour or handicap an engine by a few percent for its whole life (two
 * runs of the same build differed by 5% against Pug), more than the rounds inside it vary.
 * The first generation uses the workers that checked the output; each later one starts its
 * own, prepares the case again and closes them. Samples of all generations are pooled, so
 * medians, spreads and per-round ratios cover process-to-process variation too.
 */
async function generations(c, contenders, workers) {
  const count = Math.max(1, settings.generations)
  const perGen = Math.ceil(settings.rounds / count)
  const pooled = {}
  let done = 0
  for (let g = 0; g < count; g++) {
    let fresh = null
    let list = contenders
    if (g > 0) {
      fresh = await startWorkers(contenders.map((x) => x.id))
      list = []
      for (const x of contenders) {
        const w = fresh.get(x.id)
        try {
          await w.call({ type: 'prepare', key: c.id, caseId: c.id, mode: 'sync' })
          list.push(w.contender(x.id, c.id))
        } catch (err) {
          pooled[x.id] = { error: errText(err) }
        }
      }
    }
    try {
      const timed = await interleave(list, {
        rounds: perGen,
        ms: settings.sampleMs,
        warmupMs: settings.warmupMs,
        onRound: () => log(`  ${c.id} round ${++done}/${perGen * count} (process generation ${g + 1}/${count})`),
      })
      for (const [id, t] of Object.entries(timed)) {
        if (pooled[id]?.error) continue
        if (t.error) pooled[id] = { error: t.error }
        else (pooled[id] ??= { samples: [] }).samples.push(...t.samples)
      }
    } finally {
      if (fresh) await Promise.all([...fresh.values()].map((w) => w.close()))
    }
  }
  const out = {}
  for (const [id, t] of Object.entries(pooled)) {
    if (t.error) out[id] = { error: t.error }
    else out[id] = { opsPerSec: median(t.samples), best: Math.max(...t.samples), spread: spread(t.samples), samples: t.samples }
  }
  return out
}

/** Quotes are kept out of the timed data (peers spell them differently); check ours here. */
async function escapeCheck(workers) {
  const c = CASES.find((x) => x.id === 'escaped-list')
  const expected = c.hand(QUOTES)
  const res = { input: QUOTES.items.map((i) => i.name), expected, engines: {} }
  for (const id of ['ours', 'ejs', 'liquidjs']) {
    const w = workers.get(id)
    if (!w?.info.available) {
      res.engines[id] = { status: 'n/a' }
      continue
    }
    try {
      const { output } = await w.call({ type: 'prepare', key: 'quotes', caseId: c.id, mode: 'sync', data: 'quotes' })
      res.engines[id] = output === expected ? { status: 'ok' } : { status: 'differs', got: output }
    } catch (err) {
      res.engines[id] = { status: 'error', error: errText(err) }
    }
  }
  res.summary =
    Object.entries(res.engines)
      .map(([id, r]) => `${LABELS[id]} ${r.status === 'ok' ? 'matches the hand-written escape (`&#34; &#39;`)' : r.status === 'differs' ? `DIFFERS: got ${JSON.stringify(r.got)}` : r.status}`)
      .join('; ') + '.'
  return res
}

/** The separate scripts, run as child processes so their numbers land in the same report. */
function runScript(name) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bench', name), ...(quick ? ['--quick'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  if (r.status !== 0) log(`  ${name} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(0, 3).join(' ')}`)
  else process.stdout.write(`\n${name}\n${r.stdout}`)
}

/** bench/cache-backends.js (memory, Redis, memcached hits), in a child process, as JSON. */
function cacheBackends() {
  // Always its --quick settings here (its full run alone takes about a minute): the
  // figures are indicative; `node bench/cache-backends.js` gives the full ones.
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'cache-backends.js'), '--json', '--quick'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  })
  try {
    const res = JSON.parse(r.stdout)
    for (const row of res.rows) console.log(`  ${row.backend.padEnd(22)} ${row.mode.padEnd(24)} ${Math.round(row.opsPerSec).toLocaleString('en-US').padStart(12)} /s`)
    for (const s of res.skipped ?? []) console.log(`  skipped: ${s.why}`)
    return res
  } catch {
    const error = (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-3).join(' ')
    log(`  cache-backends.js failed: ${error}`)
    return { error }
  }
}

function cacheBackendsMarkdown(res) {
  if (!res) return null
  if (res.error) return `Not measured: \`bench/cache-backends.js\` failed (${res.error}).`
  const lines = ['| backend | mode | hits/s |', '|---|---|---:|']
  for (const row of res.rows) lines.push(`| ${row.backend} | ${row.mode} | ${Math.round(row.opsPerSec).toLocaleString('en-US')} |`)
  const skipped = (res.skipped ?? []).map((s) => `\n- skipped: ${s.why}`).join('')
  return `From \`bench/cache-backends.js --quick\` (run as a child; its quick settings keep \`npm run bench\` short, so these are indicative: \`node bench/cache-backends.js\` gives the full figures): hits on one cached fragment, per backend, loopback servers started for the run.\n\n${lines.join('\n')}${skipped ? '\n' + skipped : ''}`
}

/**
 * Where the time goes: bench/profile.js (V8's sampling profiler, `--cpu-prof`) on ours for
 * the page case (sync and async), the hand-written page, and ours compiling the case files.
 */
function profiles() {
  const runs = [
    ['page', 'ours', []],
    ['page', 'hand', []],
    ['page', 'ours', ['--async']],
    ['page', 'ours', ['--compile']],
  ]
  const out = []
  for (const [caseId, engineId, extra] of runs) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'profile.js'), `--case=${caseId}`, `--engine=${engineId}`, `--seconds=${quick ? 1 : 3}`, '--top=8', '--json', ...extra], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    })
    try {
      out.push(JSON.parse(r.stdout))
    } catch {
      log(`  profile ${engineId} ${caseId} ${extra.join(' ')} failed: ${(r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-2).join(' ')}`)
    }
  }
  return out
}

function profilesMarkdown(list) {
  if (!list?.length) return null
  const pct = (x) => `${(100 * x).toFixed(1)}%`
  const us = (x) => x.toFixed(2)
  const L = [
    '`node bench/profile.js` (V8\'s sampling profiler, `node --cpu-prof`, 50 µs interval) in a child process per line below: a warm-up, then the case rendered (or compiled) for a few seconds; self time per kind of code and per function. Sampling attributes time to the function running, after V8 has inlined what it inlines; `node bench/instructions.js` counts instructions exactly when two versions need comparing. `--keep` keeps the `.cpuprofile` for Chrome DevTools.',
    '',
  ]
  const ours = list.find((p) => p.engineId === 'ours' && p.mode === 'sync')
  const hand = list.find((p) => p.engineId === 'hand')
  if (ours && hand) {
    L.push(`HTML escaping (the \`[&<>"']\` scan and the escape functions) is ${pct(ours.escapeShare)} of ours' page render and ${pct(hand.escapeShare)} of the hand-written function's. Both find the first character to escape and loop from there with charCodeAt; the hand-written function (as Pug) finds it with a regexp, ours with a charCode scan for strings of up to 8 characters (entering the regexp engine costs more than that) and the regexp for longer ones: \`node bench/escape-variants.js\` times these and other ways on the bench strings. The rest of ours' time is the generated code's string appends and, per render, the inheritance set-up.`, '')
  }
  for (const p of list) {
    const what = p.mode === 'compile' ? `${LABELS[p.engineId]}, compiling the page case's templates` : `${LABELS[p.engineId]}, ${p.caseId}${p.mode === 'async' ? ', async mode' : ''}`
    L.push(`**${what}** (\`node bench/profile.js --case=${p.caseId}${p.engineId === 'ours' ? '' : ` --engine=${p.engineId}`}${p.mode === 'async' ? ' --async' : p.mode === 'compile' ? ' --compile' : ''}\`, ${p.calls.toLocaleString('en-US')} ${p.mode === 'compile' ? 'compilations' : 'renders'})`, '')
    L.push('| kind of code | share | µs per call |', '|---|---:|---:|')
    for (const k of p.kinds.filter((k) => k.share >= 0.005)) L.push(`| ${k.kind} | ${pct(k.share)} | ${us(k.usPerCall)} |`)
    L.push('', '| function (top by self time) | kind | share | µs per call |', '|---|---|---:|---:|')
    for (const f of p.functions.slice(0, 6)) L.push(`| \`${f.name.replace(/\|/g, '\\|').trim()}\` | ${f.kind} | ${pct(f.share)} | ${us(f.usPerCall)} |`)
    L.push('')
  }
  return L.join('\n')
}

function extras() {
  const out = {}
  const suffix = quick ? '.quick.json' : '.json'
  for (const [file, title] of [['compile-speed', 'Compile speed by template size'], ['cache-hit', 'Cached def hit'], ['stream-ttfb', 'Streaming: time to first byte'], ['vite-build', '`vite build` of generated templates']]) {
    const p = path.join(ROOT, 'bench', 'results', file + suffix)
    if (!fs.existsSync(p)) continue
    try {
      const r = JSON.parse(fs.readFileSync(p, 'utf8'))
      if (r.markdown) out[title] = r.markdown
    } catch {}
  }
  return out
}

async function main() {
  const t0 = Date.now()
  const workers = await startWorkers(['hand', ...ENGINES.map((e) => e.id)])
  const oursInfo = workers.get('ours').info
  if (!oursInfo.available) log(`ours: n/a (${oursInfo.error})`)

  const results = {
    meta: {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      command: `npm run bench${args.length ? ' -- ' + args.join(' ') : ''}`.replace('npm run bench -- --quick', 'node bench/index.js --quick'),
      cpu: cpuModel(),
      cores: os.cpus().length,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      v8: process.versions.v8,
      quick,
      rounds: Math.ceil(settings.rounds / Math.max(1, settings.generations)) * Math.max(1, settings.generations),
      generations: settings.generations,
      sampleMs: settings.sampleMs,
      warmupMs: settings.warmupMs,
      labels: LABELS,
      versions: Object.fromEntries(ENGINES.map((e) => [e.id, e.version])),
      ours: oursInfo.available ? 'loaded from dist/index.js' : `n/a: ${oursInfo.error}`,
      isolation: 'one worker process per engine (and one for the hand-written functions); the parent only orchestrates',
      note: 'absolute numbers depend on the machine and on what else runs on it: compare within one run.',
    },
    render: {},
  }

  try {
    const cases = CASES.filter((c) => !onlyCases || onlyCases.includes(c.id))
    for (const c of cases) {
      log(`render: ${c.title}`)
      results.render[c.id] = await renderCase(c, workers)
    }
    results.escapeCheck = await escapeCheck(workers)

    const figureOpts = { rounds: settings.figureRounds, ms: settings.figureMs, warmupMs: settings.figureMs }
    if (!skip.has('compile')) {
      log('compile speed')
      results.compile = await compileSpeed(workers, figureOpts, log)
    }
    if (!skip.has('async')) {
      log('async mode')
      results.async = await asyncCost(workers, CASES.filter((c) => c.id !== 'unescaped-list'), figureOpts, log)
    }
  } finally {
    await Promise.all([...workers.values()].map((w) => w.close()))
  }
  if (!skip.has('memory')) {
    log('memory')
    results.memory = await memory(settings.memoryCount, log)
  }
  console.log(consoleReport(results))
  console.log(`\nescape check: ${results.escapeCheck.summary}`)
  if (!skip.has('compile')) {
    log('compile-speed.js')
    runScript('compile-speed.js')
  }
  if (!skip.has('cache')) {
    log('cache-hit.js')
    runScript('cache-hit.js')
  }
  if (!skip.has('stream')) {
    log('stream-ttfb.js')
    runScript('stream-ttfb.js')
  }
  if (!skip.has('vite')) {
    log('vite-build.js')
    runScript('vite-build.js')
  }
  if (!skip.has('backends') && fs.existsSync(path.join(ROOT, 'bench', 'cache-backends.js'))) {
    log('cache-backends.js')
    results.cacheBackends = cacheBackends()
  }
  if (!skip.has('profile')) {
    log('profile.js')
    results.profiles = profiles()
  }
  results.meta.seconds = Math.round((Date.now() - t0) / 1000)

  const resultsDir = path.join(ROOT, 'bench', 'results')
  fs.mkdirSync(resultsDir, { recursive: true })
  const jsonPath = path.join(resultsDir, `${polyfill ? (quick ? 'polyfill-quick' : 'polyfill') : quick ? 'quick' : 'latest'}.json`)
  fs.writeFileSync(jsonPath, JSON.stringify(results, null, 2) + '\n')
  log(`\nwrote ${path.relative(ROOT, jsonPath)}`)
  if (write) {
    const more = extras()
    const backendsMd = cacheBackendsMarkdown(results.cacheBackends)
    if (backendsMd) more['Cache backends'] = backendsMd
    const profilesMd = profilesMarkdown(results.profiles)
    if (profilesMd) more['Where the time goes'] = profilesMd
    fs.writeFileSync(path.join(ROOT, 'docs', 'benchmarks.md'), markdownReport(results, more))
    fs.writeFileSync(path.join(ROOT, 'docs', 'bench-chart.svg'), svgChart(results))
    log('wrote docs/benchmarks.md, docs/bench-chart.svg')
  }
  log(`done in ${results.meta.seconds} s`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
