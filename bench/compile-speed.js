// Compile throughput by template size, and whether compile time stays linear in the length
// of a line. Ours only (the peers' compile speed is in index.js's "Compile speed").
//
//   1. Throughput: a template of realistic content (defs, control lines, escaped and filtered
//      expressions, text) grown to 1 KB, 10 KB, 100 KB and 1 MB; MB of source per second,
//      the median of timed compiles (issue 14 asks >= 5 MB/s at every size).
//   2. One line: N `${x}` on one line against the same N on separate lines, for N = 20,000
//      and 200,000. Linear means the one-line time grows 10x with N and stays near the
//      separate-lines time (it was 33 s against 1.9 s at 200,000 before the fix: acorn's
//      scan back to the line's start per fragment, and a search for `|` to the end of the
//      template per `${}`).
//
// Prints a table and writes bench/results/compile-speed.json (its `markdown` joins
// docs/benchmarks.md through index.js).
//
//   node bench/compile-speed.js [--quick]

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadOurs, oursLoadError } from './lib/engines.js'
import { median } from './lib/harness.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const quick = process.argv.includes('--quick')
const SIZES = [1024, 10 * 1024, 100 * 1024, 1024 * 1024]
const ONE_LINE = quick ? [2_000, 20_000] : [20_000, 200_000]

/** One ~0.5 KB unit of template; `i` keeps def names apart. */
const unit = (i) => `<%def name="card${i}(item, n)">
<div class="card" id="c${i}-\${n}">
  <h2>\${item.title | h}</h2>
% if item.tags && item.tags.length:
  <ul>
  % for tag in item.tags:
    <li class="\${loop.even ? 'even' : 'odd'}">\${tag}</li>
  % endfor
  </ul>
% else:
  <p>no tags</p>
% endif
  <%
    const total = item.price * n
  %>
  <p>\${total.toFixed(2)} \${item.currency | u}</p>
</div>
</%def>
\${card${i}(items[${i % 7}], ${i})}
`

/** A template of about `bytes` characters made of units. */
export function sizedTemplate(bytes) {
  let out = '<%page args="items"/>\n'
  for (let i = 0; out.length < bytes; i++) out += unit(i)
  return out
}

/** CPU ms used by this process so far (user + system). */
function cpuMs() {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/**
 * Median ms of `fn` over timed runs: at least `minRuns`, and for at least `ms` milliseconds.
 * The process's CPU time, not wall-clock time: compiling is single-threaded work, and on a
 * shared machine the wall clock also counts the time other processes hold the core (a load
 * of 20 on 2 cores made 1 KB compiles take 8 ms of wall time and 1.6 ms of CPU time). After a
 * warm-up: the figure is the warmed compiler's (a cold build's cost is vite-build.js's).
 */
function time(fn, { ms, minRuns }) {
  // warm-up for a quarter of the time: the first size measured would otherwise count V8
  // compiling the compiler (a 1 KB figure 2-4x the warm one)
  const w0 = performance.now()
  do fn()
  while (performance.now() - w0 < ms / 4)
  const runs = []
  const t0 = performance.now()
  while (runs.length < minRuns || performance.now() - t0 < ms) {
    const t = cpuMs()
    fn()
    runs.push(cpuMs() - t)
  }
  return median(runs)
}

function main() {
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  return loadOurs().then((m) => {
    if (!m) {
      const error = oursLoadError()?.message ?? 'not loaded'
      console.log(`compile-speed: ours n/a (${error})`)
      write({ date, error, markdown: `Not measured: ours was n/a (${error}).` })
      return
    }
    const sizes = []
    for (const bytes of SIZES) {
      const text = sizedTemplate(bytes)
      // batches of small templates, so the timer's resolution does not count
      const batch = Math.max(1, Math.round(64 * 1024 / text.length))
      const ms = time(() => { for (let i = 0; i < batch; i++) m.compile(text, { uri: '/sized.mako' }) }, {
        ms: quick ? 150 : 1500, minRuns: quick ? 3 : 7,
      }) / batch
      sizes.push({ bytes: text.length, ms, mbPerSec: text.length / ms / 1000 })
    }
    const oneLine = []
    for (const n of ONE_LINE) {
      const row = { n }
      for (const [key, sep] of [['oneLineMs', ''], ['linesMs', '\n']]) {
        const text = Array.from({ length: n }, () => '${x}').join(sep)
        row[key] = time(() => m.compile(text, { uri: '/line.mako' }), { ms: 0, minRuns: quick ? 1 : 3 })
      }
      oneLine.push(row)
    }
    const growth = oneLine[1].oneLineMs / oneLine[0].oneLineMs
    const kb = (b) => (b >= 1024 * 1024 ? `${b / 1024 / 1024 | 0} MB` : `${Math.round(b / 1024)} KB`)
    const table1 = ['| template size | ms per compile | MB/s |', '|---:|---:|---:|']
    for (const s of sizes) table1.push(`| ${kb(s.bytes)} | ${s.ms < 1 ? s.ms.toFixed(3) : s.ms.toFixed(1)} | ${s.mbPerSec.toFixed(2)} |`)
    const table2 = ['| `${x}` count | one line, ms | separate lines, ms | one line / separate |', '|---:|---:|---:|---:|']
    for (const r of oneLine) table2.push(`| ${r.n.toLocaleString('en-US')} | ${r.oneLineMs.toFixed(0)} | ${r.linesMs.toFixed(0)} | ${(r.oneLineMs / r.linesMs).toFixed(2)} |`)
    const markdown = `\`node bench/compile-speed.js\`, ${date}. \`compile()\` (module format, with its source map) of a template of defs, control lines, filtered and escaped expressions and text, grown to each size; median CPU time per compile (\`process.cpuUsage\`: on a shared machine wall-clock time also counts other processes), MB of source per second (issue 14's target: 5 MB/s at every size).\n\n${table1.join('\n')}\n\nOne long line: N \`\${x}\` on one line against the same on separate lines. One line ${ONE_LINE[1].toLocaleString('en-US')} / ${ONE_LINE[0].toLocaleString('en-US')}: **${growth.toFixed(1)}x** the time for 10x the length (linear: 10x).\n\n${table2.join('\n')}`
    console.log(table1.join('\n'))
    console.log(table2.join('\n'))
    console.log(`one line, ${ONE_LINE[1]} / ${ONE_LINE[0]}: ${growth.toFixed(1)}x`)
    write({ date, sizes, oneLine, oneLineGrowth: growth, markdown })
  })
}

function write(result) {
  const dir = path.join(ROOT, 'bench', 'results')
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, quick ? 'compile-speed.quick.json' : 'compile-speed.json'), JSON.stringify(result, null, 2) + '\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
