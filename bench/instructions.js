// Instructions per render, counted by valgrind (callgrind), for the render cases: a figure
// that holds still on a shared machine where wall-clock medians move by 5-10%.
//
//   node bench/instructions.js [--cases=page,escaped-list] [--engines=ours,pug,hand] [--async]
//
// For each (case, engine): two runs under `valgrind --tool=callgrind node --single-threaded
// --predictable`, rendering N1 and N2 times after the same warm-up; the difference over
// N2 - N1 is the cost of one render (start-up, compilation and warm-up cancel out).
// Needs valgrind (Debian: apt-get install valgrind). Slow: about 20 s per pair.
import { spawnSync } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { CASES } from './lib/cases.js'
import { loadEngine, ENTRIES } from './lib/engines.js'

const SELF = fileURLToPath(import.meta.url)
const args = process.argv.slice(2)
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]

if (args[0] === '--child') {
  // child: --child <case> <engine> <async> <n>
  const [, caseId, engineId, asyncFlag, n] = args
  const c = CASES.find((x) => x.id === caseId)
  const data = c.data
  const isAsync = asyncFlag === '1'
  let render
  if (engineId === 'hand') render = c.hand
  else {
    const e = await loadEngine(engineId)
    const entry = ENTRIES[caseId][engineId]
    const options = engineId === 'ours' ? c.oursOptions : undefined
    render = isAsync ? e.prepareAsync(c.dir, entry, options) : e.prepare(c.dir, entry, options)
  }
  for (let i = 0; i < 3000; i++) isAsync ? await render(data) : render(data)
  for (let i = 0; i < Number(n); i++) isAsync ? await render(data) : render(data)
} else {
  const probe = spawnSync('valgrind', ['--version'], { encoding: 'utf8' })
  if (probe.status !== 0) {
    console.error('valgrind is not installed (Debian: apt-get install valgrind)')
    process.exit(1)
  }
  const cases = (option('cases') ?? 'page').split(',')
  const engines = (option('engines') ?? 'ours,pug,hand').split(',')
  const isAsync = args.includes('--async')
  const count = (caseId, engineId, n) => {
    const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', '--predictable', SELF, '--child', caseId, engineId, isAsync ? '1' : '0', String(n)], { encoding: 'utf8' })
    const m = /Collected : (\d+)/.exec(r.stderr)
    if (!m) throw new Error(`callgrind failed for ${caseId}/${engineId}:\n${r.stderr.slice(-2000)}`)
    return Number(m[1])
  }
  console.log(`instructions per render${isAsync ? ' (async)' : ''}; ${pathToFileURL(SELF).pathname}`)
  for (const caseId of cases) {
    for (const engineId of engines) {
      const per = (count(caseId, engineId, 2500) - count(caseId, engineId, 500)) / 2000
      console.log(`${caseId.padEnd(16)} ${engineId.padEnd(12)} ${Math.round(per).toLocaleString('en-US').padStart(10)}`)
    }
  }
}
