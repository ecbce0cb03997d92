// Cached-def hit cost: the page's row def rendered 100 times per render, without
// caching, with `cached="True"` keyed per row (every call a hit once warm), and with the
// whole table in one cached block. Prints the cost per render and per def call and
// writes bench/results/cache-hit.json.
//
//   node bench/cache-hit.js [--quick]
//   node bench/cache-hit.js --instructions   (callgrind: instructions per row, plain and cached def)

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadOurs, oursLoadError } from './lib/engines.js'
import { pageData } from './lib/data.js'
import { interleave, local } from './lib/harness.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const quick = process.argv.includes('--quick')
const opts = quick ? { rounds: 3, ms: 40, warmupMs: 60 } : { rounds: 7, ms: 200, warmupMs: 300 }

const ROW = `<tr>
<td>\${r.name}</td><td>\${r.email}</td><td>\${r.city}</td><td>\${r.company}</td><td>\${r.note}</td>
% if r.active:
<td class="on">active</td>
% else:
<td class="off">inactive</td>
% endif
</tr>`

const template = ({ def = '', block = null }) => `${block ? `<%block ${block}>` : ''}<table>
% for r in rows:
\${row(r)}
% endfor
</table>${block ? '</%block>' : ''}
<%def name="row(r)"${def}>${ROW}</%def>
`

const VARIANTS = {
  plain: { label: 'def, not cached' },
  cachedDef: { def: ' cached="True" cache_key="row-${r.id}"', label: 'def cached per row (100 hits per render)' },
  cachedBlock: { block: 'cached="True"', label: 'table in a cached block (1 hit per render)' },
}

function write(result) {
  const dir = path.join(ROOT, 'bench', 'results')
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, quick ? 'cache-hit.quick.json' : 'cache-hit.json'), JSON.stringify(result, null, 2) + '\n')
}

async function main() {
  const m = await loadOurs()
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  if (!m) {
    const error = oursLoadError()?.message ?? 'not loaded'
    console.log(`cache-hit: ours n/a (${error})`)
    write({ date, error, markdown: `Not measured: ours was n/a (${error}).` })
    return
  }
  const data = pageData()
  data.rows.forEach((r, i) => (r.id = i))
  const calls = data.rows.length
  const contenders = []
  const rows = {}
  let expected = null
  for (const [id, v] of Object.entries(VARIANTS)) {
    try {
      const t = new m.Template(template(v), { uri: `/cache-${id}.mako` })
      const fn = (d) => t.render(d)
      const out = fn(data)
      expected ??= out
      if (out !== expected) throw new Error(`output differs from the uncached def's at byte ${firstDiff(expected, out)}`)
      contenders.push(local(id, fn, data))
      rows[id] = { label: v.label }
    } catch (err) {
      rows[id] = { label: v.label, error: String(err?.message ?? err).split('\n')[0] }
    }
  }
  const res = contenders.length ? await interleave(contenders, { ...opts, onRound: (r) => process.stderr.write(`  round ${r}/${opts.rounds}\n`) }) : {}
  for (const [id, r] of Object.entries(res)) {
    Object.assign(rows[id], { rendersPerSec: r.opsPerSec, nsPerDefCall: 1e9 / r.opsPerSec / calls, spread: r.spread, samples: r.samples })
  }
  const lines = ['| variant | renders/s | µs per render | ns per row | |', '|---|---:|---:|---:|---|']
  for (const r of Object.values(rows)) {
    lines.push(
      r.error
        ? `| ${r.label} | n/a | | | ${r.error.replace(/\|/g, '\\|')} |`
        : `| ${r.label} | ${Math.round(r.rendersPerSec).toLocaleString('en-US')} | ${(1e6 / r.rendersPerSec).toFixed(1)} | ${r.nsPerDefCall.toFixed(0)} | |`,
    )
  }
  const table = lines.join('\n')
  const markdown = `\`node bench/cache-hit.js\`, ${date}. A 100-row table whose row def (five escaped fields and an if) is called once per row; "ns per row" is render time / 100. Cached def: \`cached="True" cache_key="row-\${r.id}"\` (a hit per row); cached block: the whole table in \`<%block cached="True">\` (one hit per render). Default memory backend, measured after the first render filled it; outputs checked equal to the uncached one.\n\n${table}`
  console.log(table)
  write({ date, calls, rows, markdown })
}

function firstDiff(a, b) {
  let i = 0
  while (i < a.length && a[i] === b[i]) i++
  return i
}

/** Instructions per row (callgrind), the difference of two run lengths after the same warm-up. */
async function instructions() {
  const self = fileURLToPath(import.meta.url)
  const count = (id, n) => {
    const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', '--predictable', self, '--child', id, String(n)], { encoding: 'utf8' })
    const m = /Collected : (\d+)/.exec(r.stderr)
    if (!m) throw new Error(`callgrind failed for ${id}:\n${r.stderr.slice(-2000)}`)
    return Number(m[1])
  }
  const per = {}
  for (const id of ['plain', 'cachedDef']) {
    per[id] = (count(id, 1500) - count(id, 300)) / 1200 / 100
    console.log(`${VARIANTS[id].label.padEnd(44)} ${Math.round(per[id]).toLocaleString('en-US').padStart(8)} instructions per row`)
  }
  console.log(`cached hit / uncached row: ${(per.cachedDef / per.plain).toFixed(2)}x`)
}

async function child(id, n) {
  const m = await loadOurs()
  const data = pageData()
  data.rows.forEach((r, i) => (r.id = i))
  const t = new m.Template(template(VARIANTS[id]), { uri: `/cache-${id}.mako` })
  for (let i = 0; i < 2000; i++) t.render(data)
  for (let i = 0; i < n; i++) t.render(data)
}

const run = process.argv[2] === '--child' ? () => child(process.argv[3], Number(process.argv[4])) : process.argv.includes('--instructions') ? instructions : main
run().catch((err) => {
  console.error(err)
  process.exit(1)
})
