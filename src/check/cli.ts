#!/usr/bin/env node
// mako-check: type-checks the templates of a project with its tsconfig.json (SPEC 13). Each
// template with typed page args becomes TypeScript (./generate.ts) under
// node_modules/.mako-check/, next to a tsconfig that extends the project's (rootDirs makes the
// templates' relative imports resolve as from the template's own folder); the project's own
// `tsc` checks it (the command, not its API: the same for TypeScript 5, 6 and 7), and each
// diagnostic is mapped back to the template's file, line and column, with a code frame.
//
//   mako-check [--project tsconfig.json] [--config vite.config.ts] [--async] [--format text|json] [--emit] [--watch] [dir]
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, watch as fsWatch, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { declarationAsync, templateDeclaration } from '../compiler/index.js'
import { Locator } from '../compiler/locate.js'
import { MakoError } from '../shared/errors.js'
import { loadPluginConfig } from './config.js'
import { checkModule, toTemplate, type Segment } from './generate.js'

export interface Diagnostic {
  file: string
  line: number
  column: number
  code: string
  message: string
  frame?: string
}

interface Options {
  dir: string
  project?: string
  /** the Vite config whose mako() options say which templates are async (default: vite.config.* in dir) */
  config?: string
  /** every template compiles async (projects without a Vite config); overrides the config */
  async?: boolean
  format: 'text' | 'json'
  emit: boolean
  watch?: boolean
}

function parseArgs(argv: string[]): Options {
  const o: Options = { dir: process.cwd(), format: 'text', emit: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--project' || a === '-p') o.project = argv[++i]
    else if (a === '--config' || a === '-c') o.config = argv[++i]
    else if (a === '--async') o.async = true
    else if (a === '--format') o.format = argv[++i] === 'json' ? 'json' : 'text'
    else if (a === '--emit') o.emit = true
    else if (a === '--watch' || a === '-w') o.watch = true
    else if (a === '--help' || a === '-h') {
      process.stdout.write('mako-check [--project tsconfig.json] [--config vite.config.ts] [--async] [--format text|json] [--emit] [--watch] [dir]\n')
      process.exit(0)
    } else o.dir = resolve(a)
  }
  return o
}

/** the package's client.d.ts (from dist/check/ or src/check/) */
const CLIENT_TYPES = fileURLToPath(new URL('../../client.d.ts', import.meta.url))

const SKIP = new Set(['node_modules', 'dist', '.git', '.vite'])

function templates(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue
    const p = join(dir, e.name)
    if (e.isDirectory()) templates(p, out)
    else if (e.name.endsWith('.mako')) out.push(p)
  }
  return out.sort()
}

/** `tsc` of the project (its own TypeScript), as [node, script] */
function findTsc(dir: string): string {
  const require = createRequire(pathToFileURL(join(dir, 'package.json')).href)
  const pkgFile = require.resolve('typescript/package.json')
  const bin = (JSON.parse(readFileSync(pkgFile, 'utf8')) as { bin?: Record<string, string> }).bin?.tsc ?? 'bin/tsc'
  return join(dirname(pkgFile), bin)
}

/** Check the templates under `o.dir`; the diagnostics, in template terms. */
export async function check(o: Options): Promise<Diagnostic[]> {
  const root = o.dir
  const project = resolve(root, o.project ?? 'tsconfig.json')
  const out = join(root, 'node_modules', '.mako-check')
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  // async templates (the Vite config's mako() options, or --async): render returns a Promise,
  // and the body and defs are async functions
  const plugin = o.async ? undefined : (await loadPluginConfig(root, o.config)).options
  const async = o.async ? true : plugin ? declarationAsync(plugin, { ...plugin, ...plugin.ssr }) : false
  const diagnostics: Diagnostic[] = []
  const maps = new Map<string, { file: string; source: string; segments: Segment[] }>()
  for (const file of templates(root)) {
    const source = readFileSync(file, 'utf8')
    try {
      if (o.emit) writeFileSync(file.replace(/\.mako$/, '.d.mako.ts'), templateDeclaration(source, { uri: file, async }))
      // (the declarations of included templates, found through rootDirs)
      const target = join(out, relative(root, file) + '.ts')
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(join(out, relative(root, file).replace(/\.mako$/, '.d.mako.ts')), templateDeclaration(source, { uri: file, reference: false, async }))
      const m = checkModule(source, file, { async })
      writeFileSync(target, m.code)
      maps.set(resolve(target), { file, source, segments: m.segments })
    } catch (err) {
      if (!(err instanceof MakoError)) throw err
      diagnostics.push({ file: relative(root, file), line: err.line ?? 1, column: err.column ?? 0, code: err.code ?? 'syntax', message: err.message.replace(/ in file '.*$/, ''), frame: err.frame })
    }
  }
  if (maps.size) {
    const tsconfig = {
      ...(existsSync(project) ? { extends: project } : {}),
      // (a def rendered only through getDef, a page arg or a <%! %> name read by no expression
      // of its own template is used: the unused-name checks of the project's own code are off here)
      compilerOptions: {
        noEmit: true, rootDirs: [root, out], allowArbitraryExtensions: true, allowImportingTsExtensions: true,
        noUnusedLocals: false, noUnusedParameters: false,
        // (what a template leaves untyped is any, as in JavaScript: untyped page args and def
        // parameters are not errors)
        noImplicitAny: false,
      },
      // (this package's client types by path: the declarations here name VitePluginMako)
      files: [CLIENT_TYPES],
      include: ['./**/*.mako.ts'],
    }
    writeFileSync(join(out, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2))
    const { failed, stdout, stderr } = await new Promise<{ failed: boolean; stdout: string; stderr: string }>((done) => {
      execFile(process.execPath, [findTsc(root), '-p', join(out, 'tsconfig.json'), '--pretty', 'false'], { cwd: root, maxBuffer: 64 << 20 }, (err, so, se) => done({ failed: err != null, stdout: String(so), stderr: String(se) }))
    })
    const found = mapDiagnostics(stdout, root, maps, relative(root, project))
    // a tsc that failed without a diagnostic in the usual form is not "no errors": the check failed (exit 2)
    if (failed && !found.length) throw new Error(`tsc failed without a diagnostic mako-check can read:\n${(stdout + stderr).trim().slice(0, 2000)}`)
    diagnostics.push(...found)
  }
  return diagnostics
}

/** `file(line,col): error TSnnnn: message` lines (and their continuation lines) in template terms. */
function mapDiagnostics(stdout: string, root: string, maps: Map<string, { file: string; source: string; segments: Segment[] }>, config: string): Diagnostic[] {
  const out: Diagnostic[] = []
  const lines = stdout.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    // an error of no file (`error TS2688: Cannot find type definition file for ...`): the options
    // the project's tsconfig.json gives, so it is reported there
    const g = /^error (TS\d+): (.*)$/.exec(lines[i])
    if (g) {
      let message = g[2]
      while (i + 1 < lines.length && /^\s/.test(lines[i + 1]) && lines[i + 1].trim()) message += '\n' + lines[++i].trimEnd()
      out.push({ file: config, line: 1, column: 0, code: g[1], message })
      continue
    }
    const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(lines[i])
    if (!m) continue
    let message = m[5]
    while (i + 1 < lines.length && /^\s/.test(lines[i + 1]) && lines[i + 1].trim()) message += '\n' + lines[++i].trimEnd()
    const generatedFile = resolve(root, m[1])
    const map = maps.get(generatedFile)
    if (!map) {
      out.push({ file: relative(root, generatedFile), line: Number(m[2]), column: Number(m[3]) - 1, code: m[4], message })
      continue
    }
    const code = readFileSync(generatedFile, 'utf8')
    const offset = offsetOf(code, Number(m[2]), Number(m[3]) - 1)
    const at = toTemplate(map.segments, offset)
    const locator = new Locator(map.source)
    const pos = locator.locate(at)
    out.push({ file: relative(root, map.file).split(sep).join('/'), line: pos.line, column: pos.column, code: m[4], message, frame: locator.frame(at) })
  }
  return out
}

/** offset of a 1-based line and 0-based column */
function offsetOf(code: string, line: number, column: number): number {
  let at = 0
  for (let l = 1; l < line; l++) at = code.indexOf('\n', at) + 1
  return at + column
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2))
  if (o.watch) return watch(o)
  process.exitCode = await report(o)
}

/** Re-check on every change of a template or TypeScript file under the directory (debounced). */
function watch(o: Options): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<unknown> = Promise.resolve()
  const again = () => {
    running = running.then(async () => {
      process.stdout.write(`[${new Date().toLocaleTimeString()}] checking...\n`)
      await report(o)
    })
  }
  again()
  fsWatch(o.dir, { recursive: true }, (_event, name) => {
    const f = String(name ?? '')
    if (f.split(/[\\/]/).some((part) => SKIP.has(part)) || !/\.(mako|ts|json)$/.test(f) || /\.d\.mako\.ts$/.test(f)) return
    clearTimeout(timer)
    timer = setTimeout(again, 100)
  })
}

/** One check, printed; the exit code it calls for. */
async function report(o: Options): Promise<number> {
  const diagnostics = await check(o)
  if (o.format === 'json') process.stdout.write(JSON.stringify(diagnostics, null, 2) + '\n')
  else {
    for (const d of diagnostics) process.stdout.write(`${d.file}:${d.line}:${d.column + 1} - error ${d.code}: ${d.message}\n${d.frame ? d.frame + '\n' : ''}\n`)
    process.stdout.write(diagnostics.length ? `${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'}\n` : 'no errors\n')
  }
  return diagnostics.length ? 1 : 0
}

// run when executed (the mako-check bin, node dist/check/cli.js), not when imported by tests
const invoked = process.argv[1] ? resolve(process.argv[1]) : ''
const self = fileURLToPath(import.meta.url)
if (invoked && (invoked.replace(/\.[jt]s$/, '') === self.replace(/\.[jt]s$/, '') || basename(invoked) === 'mako-check')) {
  main().catch((err) => {
    process.stderr.write(`mako-check: ${(err as Error).stack ?? err}\n`)
    process.exitCode = 2
  })
}
