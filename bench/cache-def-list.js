// Issue 4's figure: a cache hit of a cached def against rendering the same def uncached,
// when the def renders a 10-row list. One process, interleaved rounds, medians.
// Run: npm run build && node bench/cache-def-list.js
import { Template } from '../dist/index.js'

const rows = Array.from({ length: 10 }, (_, i) => ({ name: `Row <${i}>`, email: `u${i}@example.org`, n: i }))
const body = `<ul>
% for r in rows:
  <li class="\${loop.cycle('a', 'b')}">\${r.name} &lt;\${r.email}&gt; #\${r.n}</li>
% endfor
</ul>`
const uncached = new Template(`<%def name="list(rows)">${body}</%def>\${list(rows)}`, { uri: 'uncached.mako' })
const cached = new Template(`<%def name="list(rows)" cached="True">${body}</%def>\${list(rows)}`, { uri: 'cached.mako' })
const data = { rows }
if (uncached.render(data) !== cached.render(data)) throw new Error('outputs differ')

function rate(t, ms) {
  let n = 0
  const end = performance.now() + ms
  while (performance.now() < end) {
    for (let i = 0; i < 200; i++) t.render(data)
    n += 200
  }
  return (n / ms) * 1000
}
for (const t of [uncached, cached]) rate(t, 300)
const a = []
const b = []
for (let round = 0; round < 7; round++) {
  a.push(rate(uncached, 250))
  b.push(rate(cached, 250))
}
const median = (xs) => xs.sort((x, y) => x - y)[xs.length >> 1]
const ua = median(a)
const ca = median(b)
console.log(`10-row list def, uncached: ${Math.round(ua).toLocaleString('en')} renders/s (${(1e9 / ua).toFixed(0)} ns)`)
console.log(`10-row list def, cache hit: ${Math.round(ca).toLocaleString('en')} renders/s (${(1e9 / ca).toFixed(0)} ns)`)
console.log(`a hit costs ${(ua / ca).toFixed(2)}x the uncached render (below 1 is cheaper)`)
