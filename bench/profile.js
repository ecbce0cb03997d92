// Where the time goes: one engine, one case, under `node --cpu-prof`, summarised.
//
//   node bench/profile.js [--case=page] [--engine=ours] [--async] [--compile] [--seconds=4]
//                         [--top=20] [--keep] [--json]
//
// A child process renders the case (or, with --compile, compiles the case's templates
// from source, nothing cached) for --seconds after a warm-up, with V8's sampling profiler
// on (`--cpu-prof`, 50 µs interval). The parent reads the .cpuprofile and prints self time
// by kind of code (the template's generated code, our runtime, our compiler, the
// engine's package, its libraries, V8 builtins, GC) and the top functions by self time.
// --keep leaves the .cpuprofile in bench/results/profiles/ for Chrome DevTools
// (Performance > Load profile) or speedscope. --json prints the summary as JSON (used by
// bench/index.js for the "Where the time goes" section of docs/benchmarks.md).
//
// Sampling shows where time is spent, not instruction-exact costs; decide between two
// versions of the generated code with bench/instructions.js, confirm with npm run bench.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { CASES } from './lib/cases.js'
import { loadEngine, ENTRIES, ENGINES } from './lib/engines.js'

const SELF = fileURLToPath(import.meta.url)
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const option = (name, dflt) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt
const INTERVAL_US = 50
/** HTML escaping: the `[&<>"']` scan and the escape functions of ours, the hand-written page and Pug. */
const ESCAPE_FN = /^(RegExp: \[&<>"'\]|escapeString|escapeFrom|esc|pug_escape) /

const MAIN = process.argv[1] !== undefined && path.resolve(process.argv[1]) === SELF

if (MAIN && args[0] === '--child') {
  // child: --child <case> <engine> <mode> <seconds>
  const [, caseId, engineId, mode, seconds] = args
  const c = CASES.find((x) => x.id === caseId)
  let work
  if (mode === 'compile') {
    const e = await loadEngine(engineId)
    const units = e.compileUnits(c.dir)
    work = () => {
      for (const u of units) e.compile(u)
    }
  } else if (engineId === 'hand') {
    work = () => c.hand(c.data)
  } else {
    const e = await loadEngine(engineId)
    const entry = ENTRIES[caseId][engineId]
    const render = mode === 'async' ? e.prepareAsync(c.dir, entry) : e.prepare(c.dir, entry)
    work = () => render(c.data)
  }
  const runFor = async (ms) => {
    const end = performance.now() + ms
    let n = 0
    while (performance.now() < end) {
      for (let i = 0; i < 50; i++) mode === 'async' ? await work() : work()
      n += 50
    }
    return n
  }
  await runFor(500)
  const n = await runFor(Number(seconds) * 1000)
  process.stdout.write(JSON.stringify({ calls: n }))
} else if (MAIN) {
  const caseId = option('case', 'page')
  const engineId = option('engine', 'ours')
  const mode = args.includes('--compile') ? 'compile' : args.includes('--async') ? 'async' : 'sync'
  const seconds = option('seconds', '4')
  const top = Number(option('top', '20'))
  if (!CASES.some((c) => c.id === caseId)) throw new Error(`no case ${caseId}; cases: ${CASES.map((c) => c.id).join(', ')}`)
  if (engineId !== 'hand' && !ENGINES.some((e) => e.id === engineId)) throw new Error(`no engine ${engineId}`)
  if (engineId === 'hand' && mode === 'compile') throw new Error('the hand-written functions are not compiled')

  const dir = args.includes('--keep') ? path.join(ROOT, 'bench', 'results', 'profiles') : fs.mkdtempSync(path.join(os.tmpdir(), 'mako-prof-'))
  fs.mkdirSync(dir, { recursive: true })
  const name = `${caseId}-${engineId}-${mode}-${Date.now()}.cpuprofile`
  const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}`, `--cpu-prof-interval=${INTERVAL_US}`, SELF, '--child', caseId, engineId, mode, seconds], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`profiled child failed:\n${r.stderr}`)
  const { calls } = JSON.parse(r.stdout)
  const file = path.join(dir, name)
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'))
  const summary = summarise(profile)
  if (args.includes('--json')) {
    const share = (us) => us / summary.totalUs
    console.log(JSON.stringify({
      caseId, engineId, mode, calls, seconds: summary.totalUs / 1e6, intervalUs: INTERVAL_US,
      escapeShare: summary.functions.filter((f) => ESCAPE_FN.test(f.key)).reduce((n, f) => n + share(f.us), 0),
      kinds: summary.kinds.map((k) => ({ kind: k.kind, share: share(k.us), usPerCall: k.us / calls })),
      functions: summary.functions.slice(0, top).map((f) => ({ name: f.key, kind: f.kind, share: share(f.us), usPerCall: f.us / calls })),
    }))
  } else print(summary, { caseId, engineId, mode, calls, top })
  if (args.includes('--keep')) console.log(`\nprofile: ${path.relative(process.cwd(), file)}`)
  else fs.rmSync(dir, { recursive: true, force: true })
}

/** The kind of code a profile node belongs to, from its function name and script URL. */
export function kindOf(frame) {
  const { functionName: fn, url } = frame
  if (fn === '(garbage collector)') return 'GC'
  if (fn === '(program)' || fn === '(idle)' || fn === '(root)') return 'V8 / idle'
  if (url.startsWith('mako:') || /^__M_/.test(fn)) return 'template code'
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)
  if (pkg) return `package ${pkg[1]}`
  if (url.includes('/dist/runtime/')) return 'our runtime'
  if (url.includes('/dist/compiler/')) return 'our compiler'
  if (url.includes('/dist/')) return 'our package (other)'
  if (url.includes('/bench/lib/handwritten.js')) return 'hand-written function'
  // the loop that calls the render: V8 may inline the callee into it
  if (url.includes('/bench/')) return 'bench harness (+ inlined callee)'
  if (url === '' || url.startsWith('node:')) return 'V8 builtins / node'
  return 'other'
}

/** Self time per node from the samples, aggregated by function and by kind. */
export function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const selfUs = new Map()
  const { samples, timeDeltas } = profile
  // timeDeltas[i] is the time before sample i; the time a sample stands for is the next delta
  for (let i = 0; i < samples.length; i++) {
    const dt = timeDeltas[i + 1] ?? INTERVAL_US
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + Math.max(0, dt))
  }
  let total = 0
  const fns = new Map()
  const kinds = new Map()
  for (const [id, us] of selfUs) {
    const node = byId.get(id)
    const f = node.callFrame
    if (f.functionName === '(idle)') continue
    total += us
    const kind = kindOf(f)
    const file = f.url ? f.url.replace(/^file:\/\//, '').replace(ROOT, '') : ''
    const key = `${f.functionName || '(anonymous)'}  ${file}${file ? `:${f.lineNumber + 1}` : ''}`
    const row = fns.get(key) ?? { key, kind, us: 0 }
    row.us += us
    fns.set(key, row)
    kinds.set(kind, (kinds.get(kind) ?? 0) + us)
  }
  return {
    totalUs: total,
    kinds: [...kinds].map(([kind, us]) => ({ kind, us })).sort((a, b) => b.us - a.us),
    functions: [...fns.values()].sort((a, b) => b.us - a.us),
  }
}

function print(s, { caseId, engineId, mode, calls, top }) {
  const pct = (us) => `${((100 * us) / s.totalUs).toFixed(1).padStart(5)}%`
  const perCall = (us) => `${(us / calls).toFixed(2).padStart(9)} µs`
  console.log(`${engineId}, ${caseId}, ${mode}: ${calls.toLocaleString('en-US')} ${mode === 'compile' ? 'compilations of the case' : 'renders'}, ${(s.totalUs / 1e6).toFixed(2)} s sampled (${INTERVAL_US} µs interval)`)
  console.log('\nself time by kind of code            share   per call')
  for (const k of s.kinds) console.log(`  ${k.kind.padEnd(34)}${pct(k.us)} ${perCall(k.us)}`)
  console.log(`\ntop ${top} functions by self time`)
  for (const f of s.functions.slice(0, top)) console.log(`  ${pct(f.us)} ${perCall(f.us)}  ${f.key}  [${f.kind}]`)
}
