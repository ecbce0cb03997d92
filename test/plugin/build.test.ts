// A fresh project that links the package: `vite build`, `vite build --ssr` (rendered in Node) and plain Rollup.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeProject, repoRoot } from '../e2e/harness.js'

const run = promisify(execFile)

describe('builds of a fixture project', () => {
  let project: ReturnType<typeof makeProject>
  const node = (args: string[]) => run(process.execPath, args, { cwd: project.dir, env: { ...process.env, NODE_ENV: 'production' } })
  const vite = (...args: string[]) => node([join(project.dir, 'node_modules/vite/bin/vite.js'), ...args, '--logLevel', 'warn'])

  beforeAll(() => {
    project = makeProject(join(repoRoot, 'test/plugin/fixtures/app'), 'mako-build-')
  })
  afterAll(() => project?.dispose())

  const expectHome = (html: string, which: 'A' | 'B') => {
    expect(html).toContain('<title>home</title>')
    expect(html).toContain('<h1>Hi &lt;you&gt;</h1>')
    expect(html).toContain('price: USD 9.50')
    expect(html).toContain('<p>partial 3</p>')
    expect(html).toContain(`<p>dynamic ${which}</p>`)
    expect(html).toMatch(/<\/body><\/html>/)
  }

  it('vite build: a browser bundle without HMR glue, with source maps to the .mako file', async () => {
    await vite('build')
    const assets = join(project.dir, 'dist/client/assets')
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'))
    expect(js.length).toBeGreaterThan(0)
    const code = js.map((f) => readFileSync(join(assets, f), 'utf8')).join('\n')
    expect(code).not.toContain('import.meta.hot')
    expect(code).toContain('Hello ')
    const maps = readdirSync(assets).filter((f) => f.endsWith('.js.map'))
    const sources = maps.flatMap((f) => JSON.parse(readFileSync(join(assets, f), 'utf8')).sources as string[])
    expect(sources.some((s) => s.endsWith('templates/hello.mako'))).toBe(true)
    const gz = gzipSync(Buffer.from(code), { level: 9 }).length
    console.log(`[size] browser bundle rendering one template: ${Buffer.byteLength(code)} B min, ${gz} B min+gzip`)
    // the runtime ships to browsers: caching, lookups and the compiler stay out of a bundle that
    // does not use them (any of them would add several KB). Measured: 3,737 B on 2026-11-25;
    // 4,077 B after that day's render-speed work (string-passing defs, forwarding namespaces);
    // 4,115 B on 2026-12-04 with the short-string escape scan (5% off the page case's render).
    // 4,352 B on 2026-12-05 after Mako's caller stack (a def restores the caller it took) and
    // include filling page args from the context (issue 12).
    // 4,437 B on main on 2026-12-06; 4,510 B with stream() (SPEC 12: the methods on every template,
    // and sync mode's error for an async iterable in `% for`; the streaming code itself stays out
    // of bundles without async templates).
    // Eta's browser build is ~3.5 KB.
    expect(gz).toBeLessThan(4560)
  }, 120_000)

  it('vite build --ssr: the server bundle renders in Node (inherit, namespace, include, ${} lookup)', async () => {
    await vite('build', '--ssr', 'src/server.js')
    const mod = await import(pathToFileURL(join(project.dir, 'dist/server/server.js')).href)
    expectHome(await mod.render({ heading: 'Hi <you>', price: 9.5, which: 'a' }), 'A')
    expectHome(await mod.render({ heading: 'Hi <you>', price: 9.5, which: 'b' }), 'B')
    expect(mod.answer).toBe(42)
    // a template reached only through the lookup, with an aliased namespace
    expect(await mod.lookup.getTemplate('/pages/about.mako').render({})).toContain('aliased: USD 2.00')
  }, 120_000)

  it('a TypeScript app type-checks its .mako imports with vite-plugin-mako/client', async () => {
    await node([join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'])
  }, 120_000)

  it('Vitest runs a test that imports a template, with the plugin in vitest.config.js (as docs/plugin.md shows)', async () => {
    writeFileSync(join(project.dir, 'vitest.config.js'), [
      "import { defineConfig } from 'vitest/config'",
      "import mako from 'vite-plugin-mako'",
      "export default defineConfig({ plugins: [mako({ root: 'templates' })], resolve: { alias: { '@lib': new URL('./templates/lib', import.meta.url).pathname } } })",
    ].join('\n'))
    if (!existsSync(join(project.dir, 'node_modules/vitest'))) symlinkSync(join(repoRoot, 'node_modules/vitest'), join(project.dir, 'node_modules/vitest'), 'dir')
    mkdirSync(join(project.dir, 'spec'), { recursive: true })
    writeFileSync(join(project.dir, 'spec/home.test.js'), [
      "import { expect, it } from 'vitest'",
      "import home from '../templates/pages/home.mako'",
      "it('renders', async () => { expect(await home.render({ heading: 'from vitest', price: 1, which: 'a' })).toContain('<h1>from vitest</h1>') })",
    ].join('\n'))
    const { stdout } = await node([join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', '--root', project.dir, 'spec/'])
    expect(stdout).toMatch(/1 passed/)
  }, 120_000)

  it('plain Rollup builds the same server entry', async () => {
    await node(['rollup.mjs'])
    const mod = await import(pathToFileURL(join(project.dir, 'dist/rollup/server.js')).href)
    expectHome(await mod.render({ heading: 'Hi <you>', price: 9.5, which: 'b' }), 'B')
    expect(mod.answer).toBe(42)
  }, 120_000)
})
