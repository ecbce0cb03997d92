#!/usr/bin/env node
// npm run difftest -- [--count 10000] [--seed N] [--shrink 25] [--case I]
// Renders `count` random templates with this engine (the built package, dist/) and with
// Python Mako, prints the number of differences and a minimal reproduction of each.
// --case I replays the I-th template of the seed alone. Exit status 1 when any differ.
import { TemplateLookup } from '../../dist/index.js'
import { generate, rng, STEERED } from './gen.js'
import { describe, makoAvailable, run, shape } from './difftest.js'

const args = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? Number(args[i + 1]) : dflt
}
const count = opt('count', 10_000)
const seed = opt('seed', Math.floor(Math.random() * 2 ** 31))
const maxShrink = opt('shrink', 25)
const only = opt('case', undefined)

if (!makoAvailable()) {
  console.error('difftest needs /usr/bin/python3 with Mako (apt-get install python3-mako)')
  process.exit(2)
}

const result = only === undefined
  ? await run({ TemplateLookup, count, seed, maxShrink, log: (s) => process.stderr.write(`\r${s}   `) })
  : await runOne(only)
process.stderr.write('\n')

const { differences } = result
console.log(`difftest: seed ${seed}, ${result.count} templates, ${differences.length} differences, ${(result.ms / 1000).toFixed(1)} s` +
  (result.invalid?.length ? ` (${result.invalid.length} invalid templates both engines reject: ${result.invalid.slice(0, 8).join(', ')})` : ''))
// classes: signature + shape of the minimal case; one reproduction each
const classes = new Map()
for (const d of differences) {
  const key = d.min ? `${d.sig} | ${shape(d.min)}` : `${d.sig} | (not shrunk)`
  if (!classes.has(key)) classes.set(key, [])
  classes.get(key).push(d)
}
let n = 0
for (const [key, ds] of classes) {
  console.log(`\n[${++n}] ${ds.length} x ${key}  (cases ${ds.slice(0, 8).map((d) => d.index).join(', ')}${ds.length > 8 ? ', ...' : ''})`)
  console.log(describe(ds.find((d) => d.min) ?? ds[0]))
}
if (differences.length) console.log(`\nreplay one: npm run difftest -- --seed ${seed} --case <index>`)
console.log(`\nsteered away from (deliberate or language differences):\n  - ${STEERED.join('\n  - ')}`)
process.exit(differences.length ? 1 : 0)

async function runOne(index) {
  const { check, MakoRenderer, shrink } = await import('./difftest.js')
  const t0 = Date.now()
  const mako = new MakoRenderer()
  const c = generate(rng(seed + index * 7919), index)
  const [r] = await check(TemplateLookup, mako, [c])
  const out = { count: 1, differences: [], ms: 0 }
  if (r.sig) {
    const min = await shrink(TemplateLookup, mako, c, r.sig)
    const [m] = await check(TemplateLookup, mako, [min])
    out.differences.push({ index, sig: r.sig, case: c, ours: r.ours, mako: r.mako, min, minOurs: m.ours, minMako: m.mako })
  }
  mako.close()
  out.ms = Date.now() - t0
  return out
}
