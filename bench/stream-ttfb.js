// Time to first byte of a page whose cached sidebar takes 500 ms to create on a cold cache:
// render() (the whole page at once) against stream() (the first chunk), async mode, each run
// on a cold cache. Writes bench/results/stream-ttfb.json (its markdown joins docs/benchmarks.md).
//
//   node bench/stream-ttfb.js [--quick]

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadOurs, oursLoadError } from './lib/engines.js'
import { median } from './lib/harness.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const quick = process.argv.includes('--quick')
const RUNS = quick ? 3 : 7
const SLOW_MS = 500

const BASE = `<!doctype html>
<html><head><title>\${self.title()}</title><link rel="stylesheet" href="/app.css"></head>
<body><header><nav>home | docs | blog</nav></header>
\${next.body()}
<footer>the end</footer></body></html>
`
const PAGE = `<%inherit file="/base.mako"/>
<%def name="title()">news</%def>
<main>
% for a in articles:
<article><h2>\${a.title}</h2><p>\${a.body}</p></article>
% endfor
</main>
<aside>\${sidebar()}</aside>
<%def name="sidebar()" cached="True" cache_key="sidebar">
% for t in trending():
<a href="/t/\${t}">\${t}</a>
% endfor
</%def>
`

function write(result) {
  const dir = path.join(ROOT, 'bench', 'results')
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, quick ? 'stream-ttfb.quick.json' : 'stream-ttfb.json'), JSON.stringify(result, null, 2) + '\n')
}

const sleep = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms))

async function main() {
  const m = await loadOurs()
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  if (!m) {
    const error = oursLoadError()?.message ?? 'not loaded'
    console.log(`stream-ttfb: ours n/a (${error})`)
    write({ date, error, markdown: `Not measured: ours was n/a (${error}).` })
    return
  }
  const articles = Array.from({ length: 20 }, (_, i) => ({ title: `Article ${i}`, body: 'Lorem ipsum dolor sit amet. '.repeat(10) }))
  const data = () => ({ articles, trending: () => sleep(SLOW_MS, ['mako', 'vite', 'streams']) })
  // a fresh lookup per run: the sidebar's cache is cold every time
  const page = () => {
    const lookup = new m.TemplateLookup({ async: true })
    lookup.putString('/base.mako', BASE)
    lookup.putString('/page.mako', PAGE)
    return lookup.getTemplate('/page.mako')
  }
  const runs = { render: [], first: [], full: [] }
  let same = true
  for (let i = 0; i < RUNS; i++) {
    let t = page()
    let t0 = performance.now()
    const whole = await t.render(data())
    runs.render.push(performance.now() - t0)
    t = page()
    t0 = performance.now()
    const reader = t.stream(data()).getReader()
    let out = ''
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      if (out === '') runs.first.push(performance.now() - t0)
      out += r.value
    }
    runs.full.push(performance.now() - t0)
    if (out !== whole) same = false
  }
  if (!same) throw new Error('stream() output differs from render()')
  const r = (xs) => Math.round(median(xs) * 10) / 10
  const result = { date, runs: RUNS, slowMs: SLOW_MS, renderMs: r(runs.render), streamFirstChunkMs: r(runs.first), streamCompleteMs: r(runs.full) }
  console.log(`page with a ${SLOW_MS} ms cold cached fragment, median of ${RUNS} (ms):`)
  console.log(`  render(), whole page          ${result.renderMs}`)
  console.log(`  stream(), first chunk         ${result.streamFirstChunkMs}`)
  console.log(`  stream(), last chunk          ${result.streamCompleteMs}`)
  result.markdown = [
    `\`node bench/stream-ttfb.js\`, ${date}, median of ${RUNS} runs, async mode, each on a cold cache. A layout and a page of 20 articles whose cached sidebar (\`cached="True"\`) waits ${SLOW_MS} ms for its data when it is created; time from the call to the first text the caller has. Streamed output checked equal to render()'s.`,
    '',
    '| | ms |',
    '|---|---:|',
    `| \`render()\`: the whole page | ${result.renderMs} |`,
    `| \`stream()\`: first chunk (layout head, header, articles) | ${result.streamFirstChunkMs} |`,
    `| \`stream()\`: last chunk | ${result.streamCompleteMs} |`,
  ].join('\n')
  // the memory figure of bench/stream-memory.js (run on its own), when there is one
  try {
    const memory = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench', 'results', 'stream-memory.json'), 'utf8'))
    if (memory.markdown) result.markdown += '\n\n' + memory.markdown
  } catch {}
  write(result)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
