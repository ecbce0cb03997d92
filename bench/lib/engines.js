// One adapter per engine: how each is set up idiomatically, renders a case, compiles
// source to code (for compile speed) and compiles one template (for memory).
//
// Every adapter reads its templates from bench/templates/<case>/ (files on disk, as
// users keep them) and caches what the engine caches in production: templates are
// compiled once, rendering is what is timed.
//
// Engines are imported lazily, one per process (see worker.js): loading Nunjucks alone
// halves the speed of escape-heavy code in the whole process (its SafeString makes
// String.prototype a prototype of a plain object, which V8 punishes), so engines that
// share a process measure each other's side effects.

import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

let Eta, ejs, Handlebars, nunjucks, pug, Liquid

const require = createRequire(import.meta.url)
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const TEMPLATES = path.join(ROOT, 'bench', 'templates')
// BENCH_OURS_DIST points ours elsewhere (another build, or a missing file to check the n/a path).
export const DIST = process.env.BENCH_OURS_DIST ? path.resolve(process.env.BENCH_OURS_DIST) : path.join(ROOT, 'dist', 'index.js')

function version(pkg) {
  try {
    return require(`${pkg}/package.json`).version
  } catch {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version
  }
}

/** The files of one engine in a case directory, by extension. */
export function filesOf(dir, ext) {
  return fs.readdirSync(dir).filter((f) => f.endsWith(ext)).sort()
}

const read = (dir, file) => fs.readFileSync(path.join(dir, file), 'utf8')

// ---------------------------------------------------------------------------
// Ours: loaded from dist/ when it exists and works; otherwise every figure says n/a.

let oursModule = null
let oursError = null

export async function loadOurs() {
  if (oursModule || oursError) return oursModule
  try {
    if (!fs.existsSync(DIST)) throw new Error('dist/index.js does not exist (npm run build failed or src is incomplete)')
    const m = await import(pathToFileURL(DIST).href)
    if (typeof m.Template !== 'function' || typeof m.TemplateLookup !== 'function') {
      throw new Error('dist/index.js does not export Template and TemplateLookup')
    }
    oursModule = m
  } catch (err) {
    oursError = err
  }
  return oursModule
}

export function oursLoadError() {
  return oursError
}

function oursVersion() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version
}

/** A lookup holding every .mako file of a case directory as `/<file>`. */
function oursLookup(m, dir, options = {}) {
  const lookup = new m.TemplateLookup({ ...options })
  for (const f of filesOf(dir, '.mako')) lookup.putString('/' + f, read(dir, f))
  return lookup
}

const ours = {
  id: 'ours',
  label: 'vite-plugin-mako',
  ext: '.mako',
  load: loadOurs,
  get version() {
    return oursVersion()
  },
  get unavailable() {
    return oursModule ? null : String(oursError?.message ?? 'not loaded')
  },
  // options.files: a TemplateLookup over the directory, the render getting the template by
  // uri each time (as a server does: the lookup's file checks are on the render path)
  prepare(dir, entry, options = {}) {
    if (options.files) {
      const lookup = new oursModule.TemplateLookup({ directories: [dir] })
      return (data) => lookup.getTemplate('/' + entry).render(data)
    }
    const t = oursLookup(oursModule, dir, options).getTemplate('/' + entry)
    return (data) => t.render(data)
  },
  prepareAsync(dir, entry, options = {}) {
    if (options.files) {
      const lookup = new oursModule.TemplateLookup({ directories: [dir], async: true })
      return (data) => lookup.getTemplate('/' + entry).render(data)
    }
    const t = oursLookup(oursModule, dir, { async: true }).getTemplate('/' + entry)
    return (data) => t.render(data)
  },
  compileUnits(dir) {
    return filesOf(dir, '.mako').map((f) => ({ name: f, text: read(dir, f) }))
  },
  compile(unit) {
    return oursModule.compile(unit.text, { uri: '/' + unit.name }).code
  },
  compileOne(text, i) {
    const t = new oursModule.Template(text, { uri: `/mem${i}.mako` })
    return (data) => t.render(data)
  },
}

// ---------------------------------------------------------------------------
// Peers

const eta = {
  id: 'eta',
  label: 'Eta',
  ext: '.eta',
  version: version('eta'),
  async load() {
    ;({ Eta } = await import('eta'))
    etaCompiler = new Eta({ cache: false })
  },
  prepare(dir, entry) {
    const e = new Eta({ views: dir, cache: true })
    const name = './' + entry.replace(/\.eta$/, '')
    return (data) => e.render(name, data)
  },
  prepareAsync(dir, entry) {
    const e = new Eta({ views: dir, cache: true })
    const name = './' + entry.replace(/\.eta$/, '')
    return (data) => e.renderAsync(name, data)
  },
  compileUnits(dir) {
    return filesOf(dir, '.eta').map((f) => ({ name: f, text: read(dir, f) }))
  },
  compile(unit) {
    return etaCompiler.compileToString(unit.text)
  },
  compileOne(text) {
    const fn = etaCompiler.compile(text)
    return (data) => etaCompiler.render(fn, data)
  },
}
let etaCompiler

const ejsEngine = {
  id: 'ejs',
  label: 'EJS',
  ext: '.ejs',
  version: version('ejs'),
  async load() {
    ejs = (await import('ejs')).default
  },
  prepare(dir, entry) {
    const filename = path.join(dir, entry)
    // cache: true keeps included templates compiled too (keyed by filename);
    // compileDebug: false drops the line tracking, as in production.
    return ejs.compile(read(dir, entry), { filename, cache: true, compileDebug: false })
  },
  compileUnits(dir) {
    return filesOf(dir, '.ejs').map((f) => ({ name: f, text: read(dir, f), filename: path.join(dir, f) }))
  },
  compile(unit) {
    // EJS has no separate code generator; client mode returns the function built from it.
    return ejs.compile(unit.text, { filename: unit.filename, client: true, compileDebug: false })
  },
  compileOne(text) {
    return ejs.compile(text, { compileDebug: false })
  },
}

const handlebars = {
  id: 'handlebars',
  label: 'Handlebars',
  ext: '.hbs',
  version: version('handlebars'),
  async load() {
    Handlebars = (await import('handlebars')).default
  },
  prepare(dir, entry) {
    const hb = Handlebars.create()
    for (const f of filesOf(dir, '.hbs')) {
      if (f !== entry) hb.registerPartial(f.replace(/\.hbs$/, ''), read(dir, f))
    }
    return hb.compile(read(dir, entry))
  },
  compileUnits(dir) {
    return filesOf(dir, '.hbs').map((f) => ({ name: f, text: read(dir, f) }))
  },
  compile(unit) {
    return Handlebars.precompile(unit.text)
  },
  compileOne(text) {
    // Handlebars.compile is lazy; the first call compiles. The memory script renders once.
    return Handlebars.compile(text)
  },
}

const njkOptions = { autoescape: true, trimBlocks: true, lstripBlocks: true }

const nunjucksEngine = {
  id: 'nunjucks',
  label: 'Nunjucks',
  ext: '.njk',
  version: version('nunjucks'),
  async load() {
    nunjucks = (await import('nunjucks')).default
    njkCompileEnv = new nunjucks.Environment([], njkOptions)
  },
  prepare(dir, entry) {
    const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), njkOptions)
    const t = env.getTemplate(entry, true)
    return (data) => t.render(data)
  },
  compileUnits(dir) {
    return filesOf(dir, '.njk').map((f) => ({ name: f, text: read(dir, f) }))
  },
  compile(unit) {
    return nunjucks.precompileString(unit.text, { name: unit.name, env: njkCompileEnv })
  },
  compileOne(text, i) {
    const t = new nunjucks.Template(text, njkCompileEnv, `mem${i}.njk`, true)
    return (data) => t.render(data)
  },
}
let njkCompileEnv

const pugEngine = {
  id: 'pug',
  label: 'Pug',
  ext: '.pug',
  version: version('pug'),
  async load() {
    pug = (await import('pug')).default
  },
  prepare(dir, entry) {
    // compileDebug: false is Pug's production setting (the default, true, tracks lines).
    return pug.compileFile(path.join(dir, entry), { compileDebug: false })
  },
  compileUnits(dir) {
    // Pug inlines `extends`/`include` at compile time: compile the entry templates
    // (those nothing else extends) and count every .pug byte of the directory.
    const files = filesOf(dir, '.pug')
    const texts = files.map((f) => read(dir, f))
    const extended = new Set()
    for (const t of texts) for (const m of t.matchAll(/^(?:extends|include)\s+(\S+)/gm)) extended.add(m[1])
    const entries = files.filter((f) => !extended.has(f))
    const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0)
    return entries.map((f, i) => ({
      name: f,
      text: read(dir, f),
      filename: path.join(dir, f),
      bytes: i === 0 ? bytes : 0,
    }))
  },
  compile(unit) {
    return pug.compileClient(unit.text, { filename: unit.filename, compileDebug: false })
  },
  compileOne(text) {
    return pug.compile(text, { compileDebug: false })
  },
}

const liquid = {
  id: 'liquidjs',
  label: 'LiquidJS',
  ext: '.liquid',
  version: version('liquidjs'),
  async load() {
    ;({ Liquid } = await import('liquidjs'))
    liquidCompiler = new Liquid({ cache: false })
  },
  prepare(dir, entry) {
    const l = new Liquid({ root: dir, extname: '.liquid', cache: true })
    const tpl = l.parseFileSync(entry.replace(/\.liquid$/, ''))
    return (data) => l.renderSync(tpl, data)
  },
  prepareAsync(dir, entry) {
    const l = new Liquid({ root: dir, extname: '.liquid', cache: true })
    const tpl = l.parseFileSync(entry.replace(/\.liquid$/, ''))
    return (data) => l.render(tpl, data)
  },
  compileUnits(dir) {
    return filesOf(dir, '.liquid').map((f) => ({ name: f, text: read(dir, f) }))
  },
  compile(unit) {
    // LiquidJS interprets a parsed tree; parsing is its whole "compile".
    return liquidCompiler.parse(unit.text)
  },
  compileOne(text) {
    const tpl = liquidCompiler.parse(text)
    return (data) => liquidCompiler.renderSync(tpl, data)
  },
}
let liquidCompiler

export const ENGINES = [ours, eta, ejsEngine, handlebars, nunjucksEngine, pugEngine, liquid]

/** Imports one engine's library; for ours, `unavailable` says why when it can't load. */
export async function loadEngine(id) {
  const e = ENGINES.find((x) => x.id === id)
  if (!e) throw new Error(`unknown engine ${id}`)
  await e.load()
  return e
}
export const PEERS = ENGINES.filter((e) => e.id !== 'ours').map((e) => e.id)

/** Entry template of each engine for each case (the file that is rendered). */
export const ENTRIES = {
  'escaped-list': { ours: 'list.mako', eta: 'list.eta', ejs: 'list.ejs', handlebars: 'list.hbs', nunjucks: 'list.njk', pug: 'list.pug', liquidjs: 'list.liquid' },
  'unescaped-list': { ours: 'list.mako', eta: 'list.eta', ejs: 'list.ejs', handlebars: 'list.hbs', nunjucks: 'list.njk', pug: 'list.pug', liquidjs: 'list.liquid' },
  page: { ours: 'page.mako', eta: 'page.eta', ejs: 'page.ejs', handlebars: 'page.hbs', nunjucks: 'page.njk', pug: 'page.pug', liquidjs: 'page.liquid' },
  'page-10': { ours: 'page.mako', eta: 'page.eta', ejs: 'page.ejs', handlebars: 'page.hbs', nunjucks: 'page.njk', pug: 'page.pug', liquidjs: 'page.liquid' },
  'page-files': { ours: 'page.mako', eta: 'page.eta', ejs: 'page.ejs', handlebars: 'page.hbs', nunjucks: 'page.njk', pug: 'page.pug', liquidjs: 'page.liquid' },
  docs: { ours: 'docs.mako', eta: 'docs.eta', ejs: 'docs.ejs', handlebars: 'docs.hbs', nunjucks: 'docs.njk', pug: 'docs.pug', liquidjs: 'docs.liquid' },
  email: { ours: 'email.mako', eta: 'email.eta', ejs: 'email.ejs', handlebars: 'email.hbs', nunjucks: 'email.njk', pug: 'email.pug', liquidjs: 'email.liquid' },
}
