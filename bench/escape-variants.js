// Ways to HTML-escape the strings of the render cases, timed on them: the hand-written
// function's escape (a regexp scan, then a charCode loop from the first hit; Pug's way
// too) and the runtime's own `h` (built: dist/), which scans strings of up to 8 characters
// with charCodeAt instead; the same with other thresholds; `str.replace` with a callback;
// chained `replaceAll`. Each variant runs in its own child process (one variant's JIT
// state must not reach another's).
//
//   node bench/escape-variants.js [--rounds=7]
//
// bench/escape-matrix.js times the escape over every length and density (short fields, 8 KB
// prose, 1 MB strings, 0.1-20% escapable, with and without a modified String.prototype),
// against a native replace chain, Handlebars' escapeExpression and the hand-written loop.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { listData, pageData } from './lib/data.js'
import { DIST } from './lib/engines.js'
import { esc } from './lib/handwritten.js'

const ours = await import(pathToFileURL(path.join(path.dirname(DIST), 'runtime', 'index.js')).href)

const SELF = fileURLToPath(import.meta.url)
const args = process.argv.slice(2)

const RE = /[&<>"']/
const RE_G = /[&<>"']/g
const MAP = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' }

function loopFrom(str, start) {
  let out = str.slice(0, start)
  let last = start
  for (let i = start; i < str.length; i++) {
    let rep
    switch (str.charCodeAt(i)) {
      case 38: rep = '&amp;'; break
      case 60: rep = '&lt;'; break
      case 62: rep = '&gt;'; break
      case 34: rep = '&#34;'; break
      case 39: rep = '&#39;'; break
      default: continue
    }
    if (last < i) out += str.slice(last, i)
    out += rep
    last = i + 1
  }
  return last < str.length ? out + str.slice(last) : out
}

function hybrid(short) {
  return (str) => {
    if (str.length <= short) {
      for (let i = 0; i < str.length; i++) {
        const c = str.charCodeAt(i)
        if (c <= 62 && (c === 38 || c === 60 || c === 62 || c === 34 || c === 39)) return loopFrom(str, i)
      }
      return str
    }
    const m = RE.exec(str)
    return m === null ? str : loopFrom(str, m.index)
  }
}

// the two that matter are the real ones: the hand-written function's escape and the runtime's `h`
const VARIANTS = {
  'regexp scan, then charCode loop (hand-written, Pug)': esc,
  'ours (the runtime\'s h): charCode scan up to 8 chars': ours.h,
  'as ours, charCode scan up to 12 chars': hybrid(12),
  'as ours, charCode scan up to 16 chars': hybrid(16),
  'charCode scan for every length': hybrid(Infinity),
  'replace(/g, callback)': (str) => (RE.test(str) ? str.replace(RE_G, (c) => MAP[c]) : str),
  'chained replaceAll': (str) => {
    if (!RE.test(str)) return str
    for (const [c, e] of Object.entries(MAP)) if (str.includes(c)) str = str.replaceAll(c, e)
    return str
  },
}

const STRINGS = {
  'escaped list': listData().items.map((i) => i.name),
  'page fields': pageData().rows.flatMap((r) => [r.name, r.email, r.city, r.company, r.note]),
}

if (args[0] === '--child') {
  const [, variant, set, rounds] = args
  const esc = VARIANTS[variant]
  const strings = STRINGS[set]
  const render = () => {
    let s = ''
    for (const v of strings) s += '<td>' + esc(v) + '</td>'
    return s.length
  }
  // every variant must escape alike
  const expected = strings.map(esc).join('|')
  if (strings.map(esc).join('|') !== expected) throw new Error(`${variant} escapes differently`)
  let sink = 0
  for (let i = 0; i < 20000; i++) sink += render()
  const times = []
  for (let r = 0; r < Number(rounds); r++) {
    const t = process.hrtime.bigint()
    for (let i = 0; i < 20000; i++) sink += render()
    times.push(Number(process.hrtime.bigint() - t) / 20000)
  }
  times.sort((a, b) => a - b)
  process.stdout.write(JSON.stringify({ ns: times[times.length >> 1], sink }))
} else {
  const rounds = args.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? '7'
  for (const set of Object.keys(STRINGS)) {
    console.log(`${set} (${STRINGS[set].length} strings), ns per pass (median of ${rounds}):`)
    let base
    for (const variant of Object.keys(VARIANTS)) {
      const r = spawnSync(process.execPath, [SELF, '--child', variant, set, rounds], { encoding: 'utf8' })
      if (r.status !== 0) throw new Error(r.stderr)
      const { ns } = JSON.parse(r.stdout)
      base ??= ns
      console.log(`  ${variant.padEnd(52)} ${Math.round(ns).toLocaleString('en-US').padStart(8)}  ${(ns / base).toFixed(2)}x`)
    }
  }
}
