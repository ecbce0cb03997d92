// Memory held by the output of one huge render: peak heap bytes per output character.
//
//   node --expose-gc bench/output-memory.js [--chars=15000000] [--shapes=num,row,...] [--async]
//
// Shapes of loop body (each a `% for` over a generator of rows): `num` `${i}`; `row` a
// table row of text and two values; `char` one 1-character value (the worst case: a rope
// node per ~2 characters); `def` a def called per row; `selfcall` a def through `self`
// (a call that writes into the buffer); `code` a `<% %>` block per row (the buffer takes
// the output at each); `write` `context.write` per row. The peak is sampled every 50,000
// rows by a value whose `toString` runs gc() and reads process.memoryUsage().heapUsed (a
// plain value: no flush of the local string, unlike a call), so it is what stays alive.
import { Template } from '../dist/index.js'

if (typeof gc !== 'function') throw new Error('run with node --expose-gc')
const args = process.argv.slice(2)
const option = (name, d) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d
const chars = Number(option('chars', '15000000'))
const isAsync = args.includes('--async')
const P = '% if i % 50000 === 0:\n${m}\n% endif\n'
const SHAPES = {
  num: [`% for i in rows:\n\${i}\n${P}% endfor\n`, 7.5],
  row: [`% for i in rows:\nrow <td>\${i}</td> <td>\${name}</td>\n${P}% endfor\n`, 34.5],
  char: [`% for i in rows:\n\${'x'}\n${P}% endfor\n`, 2],
  def: [`<%def name="r(i)">\${i}</%def>\n% for i in rows:\n\${r(i)}\n${P}% endfor\n`, 7.5],
  selfcall: [`<%def name="r(i)">\${i}</%def>\n% for i in rows:\n\${self.r(i)}\n${P}% endfor\n`, 7.5],
  code: [`% for i in rows:\n<% const j = i %>\${j}\n${P}% endfor\n`, 7.5],
  write: [`% for i in rows:\n<% context.write(String(i)) %>\n${P}% endfor\n`, 7.5],
}
let peak = 0
const m = { toString: () => (gc(), (peak = Math.max(peak, process.memoryUsage().heapUsed)), '') }
for (const shape of option('shapes', Object.keys(SHAPES).join(',')).split(',')) {
  const [source, perRow] = SHAPES[shape]
  const n = Math.round(chars / perRow)
  const t = new Template(source, { uri: `output-memory-${shape}.mako`, async: isAsync })
  function* rows() {
    for (let i = 0; i < n; i++) yield i
  }
  gc()
  const before = process.memoryUsage().heapUsed
  peak = before
  const t0 = performance.now()
  const out = await t.render({ rows: rows(), name: 'name-xx', m })
  const ms = performance.now() - t0
  console.log(`${shape.padEnd(9)} ${String(out.length).padStart(10)} chars  ${((peak - before) / out.length).toFixed(1).padStart(5)} B/char peak  ${Math.round(ms)} ms`)
}
