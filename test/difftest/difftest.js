// Differential testing against Python Mako (issue 12 item 2): random templates from gen.js
// rendered by this engine and by real Mako (render.py, one Python process for a whole run),
// outputs compared exactly; each difference shrunk to a minimal reproduction.
//
// Engine-agnostic: the caller passes TemplateLookup (the CLI the built package, the vitest
// test the sources).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generate, printCase, rng } from './gen.js'

export const PYTHON = '/usr/bin/python3'
const RENDER_PY = join(dirname(fileURLToPath(import.meta.url)), 'render.py')

/** Whether /usr/bin/python3 with Mako is there. */
export function makoAvailable() {
  if (!existsSync(PYTHON)) return false
  const r = spawnSync(PYTHON, ['-c', 'import mako'], { stdio: 'ignore' })
  return r.status === 0
}

/** One long-lived render.py process; `render(jobs)` sends a batch and resolves with the results. */
export class MakoRenderer {
  constructor() {
    this.proc = spawn(PYTHON, [RENDER_PY], { stdio: ['pipe', 'pipe', 'inherit'] })
    this.buf = ''
    this.waiting = []
    this.proc.stdout.setEncoding('utf8')
    this.proc.stdout.on('data', (chunk) => {
      this.buf += chunk
      let i
      while ((i = this.buf.indexOf('\n')) >= 0) {
        const line = this.buf.slice(0, i)
        this.buf = this.buf.slice(i + 1)
        this.waiting.shift()?.resolve(JSON.parse(line))
      }
    })
    this.proc.on('exit', (code) => {
      for (const w of this.waiting.splice(0)) w.reject(new Error(`render.py exited (${code})`))
    })
  }

  render(jobs) {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject })
      this.proc.stdin.write(JSON.stringify(jobs) + '\n')
    })
  }

  close() {
    this.proc.stdin.end()
  }
}

let serial = 0

/** The job for one case: templates in both spellings under a uri prefix no other job uses. */
export function job(c) {
  const prefix = `/d${++serial}`
  return {
    key: prefix,
    js: printCase(c, 'js', prefix),
    py: printCase(c, 'py', prefix),
    entry: `${prefix}/main.mako`,
    data: c.data,
    defaultFilters: c.options.defaultFilters,
    renders: c.renders,
    tick: c.tick,
  }
}

function errText(e) {
  return `${e?.name ?? e?.constructor?.name ?? 'Error'}: ${String(e?.message ?? e).split('\n')[0]}`
}

/** Render a job with this engine: { out: string[] } or { err }. */
export function renderOurs(TemplateLookup, j) {
  try {
    const lookup = new TemplateLookup({ defaultFilters: j.defaultFilters })
    for (const [uri, text] of Object.entries(j.js)) lookup.putString(uri, text)
    const data = { ...j.data }
    if (j.tick) {
      let n = 0
      data.tick = () => ++n
    }
    const t = lookup.getTemplate(j.entry)
    const out = []
    for (let i = 0; i < j.renders; i++) out.push(t.render(data))
    return { out }
  } catch (e) {
    return { err: errText(e) }
  }
}

/** An error message without what changes from case to case (uris, positions, numbers). */
const norm = (e) => e.replace(/\/d\d+\//g, '/').replace(/\d+/g, 'N').slice(0, 160)

/** null when both agree, else what kind of difference it is (errors with their message). */
export function signature(ours, mako) {
  if (ours.err && mako.err) return `both-error ${norm(ours.err)} / ${norm(mako.err)}`
  if (ours.err) return `ours-error ${norm(ours.err)}`
  if (mako.err) return `mako-error ${norm(mako.err)}`
  return ours.out.length === mako.out.length && ours.out.every((o, i) => o === mako.out[i]) ? null : 'mismatch'
}

/** Render cases on both engines: [{ case, job, ours, mako, sig }]. */
export async function check(TemplateLookup, mako, cases) {
  const jobs = cases.map(job)
  const pyResults = await mako.render(jobs.map((j) => ({ key: j.key, templates: j.py, entry: j.entry, data: j.data, default_filters: j.defaultFilters, renders: j.renders, tick: j.tick })))
  const byKey = new Map(pyResults.map((r) => [r.key, r]))
  return cases.map((c, i) => {
    const j = jobs[i]
    const ours = renderOurs(TemplateLookup, j)
    const m = byKey.get(j.key) ?? { err: 'missing result' }
    return { case: c, job: j, ours, mako: m, sig: signature(ours, m) }
  })
}

// ---------------------------------------------------------------------------------------
// shrinking: delta debugging over the node trees

const CHILD_LISTS = {
  if: (n) => [...n.branches.map((b) => b.b), ...(n.els ? [n.els] : [])],
  for: (n) => [n.b],
  calltag: (n) => [n.b],
  customtag: (n) => (n.b ? [n.b] : []),
  anon: (n) => [n.b],
  block: (n) => [n.b],
  def: (n) => [n.b],
  inlinens: (n) => [n.defs],
}

function lists(c) {
  const out = []
  const walk = (list) => {
    out.push(list)
    for (const n of list) for (const l of CHILD_LISTS[n.k]?.(n) ?? []) walk(l)
  }
  for (const uri of Object.keys(c.templates)) walk(c.templates[uri])
  return out
}

/** Every one-step reduction of a case (each a fresh copy). */
export function* reductions(c) {
  for (const uri of Object.keys(c.templates)) {
    if (uri !== 'main.mako') {
      const d = structuredClone(c)
      delete d.templates[uri]
      yield d
    }
  }
  if (c.renders > 1) yield { ...structuredClone(c), renders: 1 }
  const count = lists(c).length
  for (let li = 0; li < count; li++) {
    const len = lists(c)[li].length
    for (let i = 0; i < len; i++) {
      const at = () => { const d = structuredClone(c); return [d, lists(d)[li]] }
      { const [d, l] = at(); l.splice(i, 1); yield d }
      const node = lists(c)[li][i]
      const kids = CHILD_LISTS[node.k]?.(node) ?? []
      for (let k = 0; k < kids.length; k++) {
        const [d, l] = at()
        l.splice(i, 1, ...CHILD_LISTS[node.k](l[i])[k])
        yield d
      }
      if (node.k === 'text' && node.v.length > 1) {
        const [d, l] = at(); l[i] = { ...node, v: node.v.slice(0, Math.ceil(node.v.length / 2)) }; yield d
      }
      if (node.k === 'expr' && node.f.length) {
        const [d, l] = at(); l[i] = { ...node, f: node.f.slice(1) }; yield d
      }
      if (node.k === 'expr' && node.e.t !== 'lit' && node.e.t !== 'var') {
        for (const sub of ['a', 'b', 'e']) {
          if (node.e[sub]?.t) { const [d, l] = at(); l[i] = { ...node, e: node.e[sub] }; yield d }
        }
      }
      if (node.k === 'if' && node.branches.length > 1) {
        const [d, l] = at(); l[i].branches.pop(); yield d
      }
    }
  }
}

const size = (c) => JSON.stringify(printCase(c, 'js', '')).length

/**
 * Shrink a failing case to a local minimum that still fails with the same signature.
 * Candidates are checked in batches (one Python round trip per batch).
 */
export async function shrink(TemplateLookup, mako, c, sig, { batch = 12, maxRounds = 400 } = {}) {
  let best = c
  let bestSize = size(c)
  for (let round = 0; round < maxRounds; round++) {
    let improved = false
    const cands = []
    for (const d of reductions(best)) if (size(d) < bestSize) cands.push(d)
    for (let i = 0; i < cands.length && !improved; i += batch) {
      const results = await check(TemplateLookup, mako, cands.slice(i, i + batch))
      const hit = results.find((r) => r.sig === sig)
      if (hit) {
        best = hit.case
        bestSize = size(best)
        improved = true
      }
    }
    if (!improved) break
  }
  return best
}

// ---------------------------------------------------------------------------------------
// a run

/** Node kinds, filters and template roles of a case: the shape a difference class is named by. */
export function shape(c) {
  const kinds = new Set()
  for (const list of lists(c)) for (const n of list) {
    kinds.add(n.k === 'expr' ? `expr${n.f.length ? '|' + n.f.join(',') : ''}` : n.k)
  }
  return [...Object.keys(c.templates)].sort().join('+') + ' ' + [...kinds].sort().join(' ')
}

/**
 * Generate `count` cases from `seed`, compare, shrink each difference (at most `maxShrink`
 * of them; the rest are counted). Returns { count, seed, differences: [{ index, sig, case,
 * min, ours, mako }], ms }.
 */
export async function run({ TemplateLookup, count, seed, batch = 250, maxShrink = 25, log = () => {} }) {
  const t0 = Date.now()
  const mako = new MakoRenderer()
  const differences = []
  const invalid = []
  try {
    for (let start = 0; start < count; start += batch) {
      const cases = []
      for (let i = start; i < Math.min(count, start + batch); i++) cases.push(generate(rng(seed + i * 7919), i))
      const results = await check(TemplateLookup, mako, cases)
      for (const r of results) {
        // both engines reject the template: the generator made an invalid one (a <% %>
        // variable out of its scope, say), not a difference; counted apart
        if (r.sig?.startsWith('both-error')) invalid.push(r.case.id)
        else if (r.sig) differences.push({ index: r.case.id, sig: r.sig, case: r.case, ours: r.ours, mako: r.mako })
      }
      log(`${Math.min(count, start + batch)}/${count} templates, ${differences.length} differences`)
    }
    let shrunk = 0
    const seen = new Map()
    const perSig = new Map()
    for (const d of differences) {
      if (shrunk >= maxShrink) break
      // a few of each signature: the rest are counted, and replayable with --case
      if ((perSig.get(d.sig) ?? 0) >= 3) continue
      perSig.set(d.sig, (perSig.get(d.sig) ?? 0) + 1)
      shrunk++
      d.min = await shrink(TemplateLookup, mako, d.case, d.sig)
      const [r] = await check(TemplateLookup, mako, [d.min])
      d.minOurs = r.ours
      d.minMako = r.mako
      d.minJob = r.job
      const key = JSON.stringify(printCase(d.min, 'js', ''))
      if (seen.has(key)) d.dupOf = seen.get(key)
      else seen.set(key, d.index)
    }
  } finally {
    mako.close()
  }
  return { count, seed, differences, invalid, ms: Date.now() - t0 }
}

/** A difference as text: the minimal templates (both spellings), data, and both outputs. */
export function describe(d) {
  const c = d.min ?? d.case
  const js = printCase(c, 'js', '')
  const py = printCase(c, 'py', '')
  const lines = [`case #${d.index} (${d.sig}) shape: ${shape(c)}`]
  for (const uri of Object.keys(js)) {
    lines.push(`  ${uri} (js): ${JSON.stringify(js[uri])}`)
    if (py[uri] !== js[uri]) lines.push(`  ${uri} (py): ${JSON.stringify(py[uri])}`)
  }
  lines.push(`  data: ${JSON.stringify(c.data)} defaultFilters: ${JSON.stringify(c.options.defaultFilters)}${c.renders > 1 ? ` renders: ${c.renders}` : ''}${c.tick ? ' +tick()' : ''}`)
  const o = d.min ? d.minOurs : d.ours
  const m = d.min ? d.minMako : d.mako
  lines.push(`  ours: ${o.err ?? JSON.stringify(o.out)}`)
  lines.push(`  mako: ${m.err ?? JSON.stringify(m.out)}`)
  return lines.join('\n')
}
