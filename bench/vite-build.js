// `vite build` (SSR) of 500 generated templates through the plugin, against the same
// build of 500 hand-written JS modules (the bundler's own cost). Builds alternate,
// medians of a few runs. Writes bench/results/vite-build.json.
//
//   node bench/vite-build.js [--quick] [--count=500] [--runs=3] [--keep]

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { DIST } from './lib/engines.js'
import { median } from './lib/harness.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const COUNT = Number(option('count') ?? (quick ? 50 : 500))
const RUNS = Number(option('runs') ?? (quick ? 1 : 3))

const BASE = `<!DOCTYPE html>
<html>
<head><title><%block name="title">Site</%block></title></head>
<body>
<%block name="content"/>
</body>
</html>
`

/** Template i: a def, a loop, a conditional; every other one inherits base.mako. */
function makoTemplate(i) {
  const inherit = i % 2 === 0
  return `${inherit ? '<%inherit file="base.mako"/>\n<%block name="title">${heading} ' + i + '</%block>\n' : ''}<%def name="item(x)"><li class="\${x.kind}">\${x.label}</li></%def>
${inherit ? '<%block name="content">\n' : ''}<section id="s${i}">
<h2>\${heading} ${i}</h2>
<ul>
% for x in items:
% if x.show:
\${item(x)}
% endif
% endfor
</ul>
</section>
${inherit ? '</%block>\n' : ''}`
}

/** The same output from a hand-written module (byte for byte, Mako's newlines included). */
function jsModule(i) {
  const inherit = i % 2 === 0
  return `import { esc } from './esc.js'
function item(x) { return '<li class="' + esc(x.kind) + '">' + esc(x.label) + '</li>' }
export default { render(d) {
  let s = ${inherit ? `'<!DOCTYPE html>\\n<html>\\n<head><title>' + esc(d.heading) + ' ${i}</title></head>\\n<body>\\n'` : "''"}
  s += '\\n<section id="s${i}">\\n<h2>' + esc(d.heading) + ' ${i}</h2>\\n<ul>\\n'
  for (const x of d.items) if (x.show) s += item(x) + '\\n'
  s += '</ul>\\n</section>\\n'
  return s${inherit ? " + '\\n</body>\\n</html>\\n'" : ''}
} }
`
}

const ESC_MODULE = `const RE = /[&<>"']/g
const MAP = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' }
export const esc = (v) => String(v ?? '').replace(RE, (c) => MAP[c])
`

function generate(dir, kind) {
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(path.join(dir, 'templates'), { recursive: true })
  const ext = kind === 'mako' ? '.mako' : '.js'
  if (kind === 'mako') fs.writeFileSync(path.join(dir, 'templates', 'base.mako'), BASE)
  else fs.writeFileSync(path.join(dir, 'templates', 'esc.js'), ESC_MODULE)
  let bytes = 0
  for (let i = 0; i < COUNT; i++) {
    const text = kind === 'mako' ? makoTemplate(i) : jsModule(i)
    bytes += Buffer.byteLength(text)
    fs.writeFileSync(path.join(dir, 'templates', `t${i}${ext}`), text)
  }
  const imports = Array.from({ length: COUNT }, (_, i) => `import t${i} from './templates/t${i}${ext}'`).join('\n')
  const list = Array.from({ length: COUNT }, (_, i) => `t${i}`).join(', ')
  fs.writeFileSync(path.join(dir, 'main.js'), `${imports}\nexport const templates = [${list}]\n`)
  // Generated modules import vite-plugin-mako/runtime: resolve it to this checkout.
  fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true })
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'vite-plugin-mako'), 'dir')
  return bytes
}

async function buildOnce(vite, dir, plugins) {
  const t0 = performance.now()
  await vite.build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    plugins,
    build: { ssr: 'main.js', outDir: 'out', emptyOutDir: true, minify: false },
  })
  return performance.now() - t0
}

/** Renders every built template and compares a few with the hand-written modules' output. */
async function verify(makoDir, jsDir) {
  const data = { heading: 'T & <t>', items: Array.from({ length: 10 }, (_, k) => ({ kind: k % 2 ? 'odd' : 'even', label: `x<${k}>`, show: k % 3 !== 0 })) }
  const find = (dir) => path.join(dir, 'out', fs.readdirSync(path.join(dir, 'out')).find((f) => /^main\.m?js$/.test(f)))
  const mako = await import(pathToFileURL(find(makoDir)).href + `?${Date.now()}`)
  const js = await import(pathToFileURL(find(jsDir)).href + `?${Date.now()}`)
  for (let i = 0; i < COUNT; i++) {
    const got = await mako.templates[i].render(data)
    const expected = js.templates[i].render(data)
    if (got !== expected) {
      return `template t${i}.mako: expected ${JSON.stringify(expected.slice(0, 200))}, got ${JSON.stringify(String(got).slice(0, 200))}`
    }
  }
  return null
}

/** Loads the plugin: dist/index.js's default export, else dist/plugin/index.js's. */
async function loadPlugin() {
  const m = await import(pathToFileURL(DIST).href)
  if (typeof m.default === 'function') return { mako: m.default, from: 'dist/index.js' }
  // Until the main entry re-exports it, the plugin's own module.
  const p = path.join(path.dirname(DIST), 'plugin', 'index.js')
  const mako = fs.existsSync(p) ? (await import(pathToFileURL(p).href)).default : null
  if (typeof mako !== 'function') throw new Error('dist/index.js has no default export (the plugin is not built yet)')
  return { mako, from: 'dist/plugin/index.js (dist/index.js has no default export yet)' }
}

/** Child mode: one cold build in a fresh process, as `vite build` runs; prints its ms. */
async function child(dir, kind) {
  const vite = await import('vite')
  const plugins = kind === 'mako' ? [(await loadPlugin()).mako()] : []
  const ms = await buildOnce(vite, dir, plugins)
  process.stdout.write(JSON.stringify({ ms }) + '\n')
}

function coldBuild(dir, kind) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', dir, kind], { encoding: 'utf8' })
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop()).ms
  } catch {
    throw new Error((r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(0, 3).join(' '))
  }
}

async function main() {
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  const vite = await import('vite')
  let pluginFrom = null
  let pluginError = null
  try {
    pluginFrom = (await loadPlugin()).from
  } catch (err) {
    pluginError = String(err?.message ?? err).split('\n')[0]
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mako-vite-bench-'))
  const makoDir = path.join(work, 'mako')
  const jsDir = path.join(work, 'js')
  const makoBytes = generate(makoDir, 'mako')
  generate(jsDir, 'js')

  // Each build in a fresh process (cold, as the CLI runs), alternating the two projects.
  const times = { mako: [], js: [] }
  let buildError = null
  for (let r = 0; r < RUNS; r++) {
    times.js.push(coldBuild(jsDir, 'js'))
    if (!pluginError && !buildError) {
      try {
        times.mako.push(coldBuild(makoDir, 'mako'))
      } catch (err) {
        buildError = String(err?.message ?? err)
      }
    }
    process.stderr.write(`  build run ${r + 1}/${RUNS}\n`)
  }
  let mismatch = null
  if (times.mako.length) {
    try {
      mismatch = await verify(makoDir, jsDir)
    } catch (err) {
      mismatch = `rendering the built templates failed: ${String(err?.message ?? err).split('\n')[0]}`
    }
  }
  if (!args.includes('--keep')) fs.rmSync(work, { recursive: true, force: true })
  else console.log(`kept ${work}`)

  const js = median(times.js)
  const mk = times.mako.length ? median(times.mako) : NaN
  const status = pluginError ? `n/a: ${pluginError}` : buildError ? `build failed: ${buildError}` : 'ok'
  const rows = [
    `| 500 hand-written .js modules (bundler only) | ${js.toFixed(0)} ms | ${(js / COUNT).toFixed(2)} ms | |`,
    Number.isFinite(mk)
      ? `| ${COUNT} .mako templates through the plugin | ${mk.toFixed(0)} ms | ${(mk / COUNT).toFixed(2)} ms | ${(mk / js).toFixed(2)}x the JS build |`
      : `| ${COUNT} .mako templates through the plugin | n/a | | ${status.replace(/\|/g, '\\|')} |`,
  ].map((l) => l.replace('500 hand-written', `${COUNT} hand-written`))
  const table = ['| build | time (median) | per template | |', '|---|---:|---:|---|', ...rows].join('\n')
  const markdown =
    `\`node bench/vite-build.js\`, ${date}, Vite ${vite.version}, median of ${RUNS} runs, each a fresh process (cold, as the CLI runs; the time is the \`build()\` call, not Node's start-up). \`vite build --ssr\` of an entry importing ${COUNT} generated templates (${(makoBytes / 1024).toFixed(0)} KB of .mako; a def, a loop and an if each, every other one inheriting a base), unminified, against ${COUNT} hand-written modules producing the same HTML.` +
    (mismatch ? `\n\n**The built templates' output differs:** ${mismatch}` : Number.isFinite(mk) ? ' The built templates were rendered and their output checked byte for byte against the hand-written modules\'.' : '') +
    `\n\n${table}`
  console.log(table)
  if (mismatch) console.log(`output check: ${mismatch}`)
  const dir = path.join(ROOT, 'bench', 'results')
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(
    path.join(dir, quick ? 'vite-build.quick.json' : 'vite-build.json'),
    JSON.stringify({ date, vite: vite.version, count: COUNT, runs: RUNS, pluginFrom, status, times, mismatch, markdown }, null, 2) + '\n',
  )
}

const childAt = args.indexOf('--child')
;(childAt >= 0 ? child(args[childAt + 1], args[childAt + 2]) : main()).catch((err) => {
  console.error(err)
  process.exit(1)
})
