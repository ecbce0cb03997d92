// The escape matrix (issue 15, item 1): ways to HTML-escape, timed on strings of every
// length and density of characters to escape, in a normal process and in one where a
// library modified String.prototype (bench/lib/polyfill.js). Each cell and variant runs in
// its own child process (one variant's JIT state must not reach another's); the figure is
// the median of the rounds, in ns of CPU time per string (the output read, so a rope is
// flattened); the last column is ours over the best other variant.
//
//   node bench/escape-matrix.js [--rounds=7] [--json]
//   node bench/escape-matrix.js --instructions [--cells=short,8k,1m] [--densities=0.05,0.2] [--poly=0,1] [--json]
//     callgrind instructions per string instead of time (a figure that holds on a loaded
//     machine): one process per length and variant; callgrind collects only inside an
//     Array.prototype.sort comparator that runs the measured passes of one density, after
//     the strings were made and the escape warmed up, and dumps each such call's count
//
// Both modes check every variant's output and end with the verdict of issue 15: ours within
// 1.1x of the best other variant in every cell.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { DIST } from './lib/engines.js'

const SELF = fileURLToPath(import.meta.url)
const args = process.argv.slice(2)

const MAP = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' }

/** xorshift32 */
function rng(seed) {
  let x = seed >>> 0
  return () => {
    x ^= x << 13; x >>>= 0
    x ^= x >>> 17
    x ^= x << 5; x >>>= 0
    return x / 0x100000000
  }
}

/** `count` strings of `min`..`max` characters of prose, `density` of the characters among `& < > " '`. */
function strings(count, min, max, density, seed) {
  const r = rng(seed)
  const letters = 'etaoin shrdlu cmfwyp vbgkqj ETAOIN .,;:-()0123456789'
  const marks = '&<>"\''
  const out = []
  for (let k = 0; k < count; k++) {
    const n = min + Math.floor(r() * (max - min + 1))
    let s = ''
    for (let i = 0; i < n; i++) s += r() < density ? marks[Math.floor(r() * 5)] : letters[Math.floor(r() * letters.length)]
    out.push(s)
  }
  return out
}

const DENSITIES = [0.001, 0.01, 0.05, 0.2]
const LENGTHS = {
  'short fields (4-40 chars)': (d) => strings(200, 4, 40, d, 5),
  '8 KB prose': (d) => strings(4, 8192, 8192, d, 7),
  '1 MB string': (d) => strings(1, 1 << 20, 1 << 20, d, 9),
}

async function variants() {
  const ours = await import(pathToFileURL(path.join(path.dirname(DIST), 'runtime', 'index.js')).href)
  const RE = /[&<>"']/
  const RE_G = /[&<>"']/g
  const escapeChar = (c) => MAP[c]
  return {
    'native replace chain': (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'),
    // Handlebars' escapeExpression: a test, then one replace with a function (our spelling)
    'Handlebars escapeExpression style': (s) => (RE.test(s) ? s.replace(RE_G, escapeChar) : s),
    'hand-written loop (regexp scan, charCode loop)': (await import('./lib/handwritten.js')).escLoop,
    'ours (h, src/runtime/filters.ts)': ours.h,
  }
}

if (args[0] === '--count') {
  // under callgrind, collecting only inside Array.prototype.sort (the toggle below): per
  // density, a warm-up, then `passes` passes inside one sort comparator call, after which
  // callgrind dumps that call's count to its own file
  const [, poly, length, densities, variant] = args
  if (poly === '1') await import('./lib/polyfill.js')
  const esc = (await variants())[variant]
  let sink = 0
  for (const density of densities.split(',')) {
    const list = LENGTHS[length](Number(density))
    const expected = list.map((s) => s.replace(/[&<>"']/g, (c) => MAP[c]))
    if (list.some((s, i) => esc(s) !== expected[i])) throw new Error(`${variant} escapes differently`)
    const pass = () => {
      for (const s of list) {
        const out = esc(s)
        sink += out.charCodeAt(out.length >> 1) | 0
      }
    }
    const chars = list.reduce((k, s) => k + s.length, 0)
    const warm = Math.max(3, Math.round(6e5 / chars))
    const passes = Math.max(2, Math.round(3e5 / chars))
    for (let i = 0; i < warm; i++) pass()
    ;[0, 1].sort(() => {
      for (let i = 0; i < passes; i++) pass()
      return 0
    })
    process.stdout.write(`${density} ${passes * list.length}\n`)
  }
  if (sink === -1) console.log(sink)
} else if (args.includes('--instructions')) {
  const opt = (name, dflt) => (args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt).split(',')
  const pickLength = { short: 'short fields (4-40 chars)', '8k': '8 KB prose', '1m': '1 MB string' }
  const names = Object.keys(await variants())
  const densities = opt('densities', DENSITIES.join(','))
  const dir = mkdtempSync(path.join(os.tmpdir(), 'escape-matrix-'))
  // one process per (process kind, length, variant), two at a time
  const jobs = []
  for (const poly of opt('poly', '0,1')) for (const cell of opt('cells', 'short,8k,1m')) for (const v of names) jobs.push({ poly, length: pickLength[cell], v })
  const per = {}
  const runJob = ({ poly, length, v }, k) =>
    new Promise((resolve, reject) => {
      const out = path.join(dir, `cg.${k}`)
      const child = spawn('valgrind', ['--tool=callgrind', '--collect-atstart=no', '--toggle-collect=Builtins_ArrayPrototypeSort', '--dump-after=Builtins_ArrayPrototypeSort', `--callgrind-out-file=${out}`, process.execPath, '--single-threaded', '--predictable', SELF, '--count', poly, length, densities.join(','), v])
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d) => (stdout += d))
      child.stderr.on('data', (d) => (stderr += d))
      child.on('close', () => {
        const lines = stdout.trim().split('\n').filter(Boolean)
        if (lines.length !== densities.length) return reject(new Error(`callgrind run failed (${v}, ${length}):\n${stderr.slice(-2000)}`))
        lines.forEach((line, i) => {
          const [density, strings] = line.split(' ')
          const total = Number(/^totals: (\d+)/m.exec(readFileSync(`${out}.${i + 1}`, 'utf8'))[1])
          per[`${poly}|${length}|${density}|${v}`] = total / Number(strings)
        })
        process.stderr.write('.')
        resolve()
      })
    })
  let at = 0
  const worker = async () => {
    while (at < jobs.length) {
      const k = at++
      await runJob(jobs[k], k)
    }
  }
  await Promise.all([worker(), worker()])
  rmSync(dir, { recursive: true, force: true })
  process.stderr.write('\n')
  const rows = []
  for (const poly of opt('poly', '0,1')) {
    for (const cell of opt('cells', 'short,8k,1m')) {
      for (const density of densities) {
        const length = pickLength[cell]
        const ns = Object.fromEntries(names.map((v) => [v, per[`${poly}|${length}|${density}|${v}`]]))
        rows.push(row(poly, length, density, ns, names))
      }
    }
  }
  print(rows, names, 'instructions per string (callgrind, the measured passes only: collection toggled on inside one Array.prototype.sort comparator call per cell)', 0)
} else if (args[0] === '--child') {
  const [, poly, length, density, variant, rounds] = args
  if (poly === '1') await import('./lib/polyfill.js')
  const esc = (await variants())[variant]
  const list = LENGTHS[length](Number(density))
  const expected = list.map((s) => s.replace(/[&<>"']/g, (c) => MAP[c]))
  if (list.some((s, i) => esc(s) !== expected[i])) throw new Error(`${variant} escapes differently`)
  const chars = list.reduce((n, s) => n + s.length, 0)
  // passes per round: about 16 M characters
  const passes = Math.max(1, Math.round(16e6 / chars))
  let sink = 0
  // the output is read in its middle: a rope (cons string) is flattened, as writing it out would
  const pass = () => {
    for (const s of list) {
      const out = esc(s)
      sink += out.charCodeAt(out.length >> 1) | 0
    }
  }
  // CPU time of this process (process.cpuUsage): on a shared machine wall-clock time also counts the others
  const cpu = () => {
    const u = process.cpuUsage()
    return (u.user + u.system) * 1000
  }
  const t0 = cpu()
  while (cpu() - t0 < 300e6) pass()
  const times = []
  for (let r = 0; r < Number(rounds); r++) {
    const t = cpu()
    for (let i = 0; i < passes; i++) pass()
    times.push((cpu() - t) / passes / list.length)
  }
  times.sort((a, b) => a - b)
  process.stdout.write(JSON.stringify({ ns: times[times.length >> 1], sink }))
} else {
  const rounds = args.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? '7'
  const names = Object.keys(await variants())
  const rows = []
  for (const poly of ['0', '1']) {
    for (const length of Object.keys(LENGTHS)) {
      for (const density of DENSITIES) {
        const ns = {}
        for (const v of names) {
          const r = spawnSync(process.execPath, [SELF, '--child', poly, length, String(density), v, rounds], { encoding: 'utf8' })
          if (r.status !== 0) throw new Error(r.stderr)
          ns[v] = JSON.parse(r.stdout).ns
        }
        const one = row(poly, length, String(density), ns, names)
        rows.push(one)
        process.stderr.write(`${poly === '1' ? 'polyfilled ' : ''}${length} ${density * 100}%: ours/best ${one.oursOverBest.toFixed(2)}\n`)
      }
    }
  }
  print(rows, names, 'ns of CPU time per string, median of the rounds; each figure from its own process.', 1)
}

function row(poly, length, density, ns, names) {
  const best = Math.min(...names.slice(0, -1).map((v) => ns[v]))
  return { polyfilled: poly === '1', length, density: Number(density), ns, oursOverBest: ns[names[names.length - 1]] / best }
}

/** The table (or JSON), then the verdict: ours within 1.1x of the best other variant in every cell. */
function print(rows, names, unit, digits) {
  if (args.includes('--json')) console.log(JSON.stringify(rows, null, 2))
  else {
    const head = ['process', 'strings', 'escapable', ...names.map((n) => n.replace(/ \(.*/, '')), 'ours / best other']
    console.log(`| ${head.join(' | ')} |\n|${head.map((_, i) => (i < 3 ? '---' : '---:')).join('|')}|`)
    const fmt = (x) => (x < 100 ? x.toFixed(digits) : Math.round(x).toLocaleString('en-US'))
    for (const r of rows) {
      console.log(`| ${r.polyfilled ? 'String.prototype modified' : 'normal'} | ${r.length} | ${r.density * 100}% | ${names.map((n) => fmt(r.ns[n])).join(' | ')} | ${r.oursOverBest.toFixed(2)}x |`)
    }
    console.log(`\n${unit}`)
  }
  const over = rows.filter((r) => r.oursOverBest > 1.1)
  const worst = Math.max(...rows.map((r) => r.oursOverBest))
  console.log(over.length === 0
    ? `verdict: MET: ours within 1.1x of the best other variant in all ${rows.length} cells (worst ${worst.toFixed(2)}x)`
    : `verdict: NOT MET in ${over.length} of ${rows.length} cells: ${over.map((r) => `${r.polyfilled ? 'polyfilled ' : ''}${r.length} ${r.density * 100}% ${r.oursOverBest.toFixed(2)}x`).join('; ')}`)
}
