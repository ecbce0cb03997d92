// `directories`: a theme overriding a base theme, resolved as Mako's TemplateLookup resolves it.
//
// The fixture's expected pages are Python Mako's output (render-mako.py, same directories);
// when Debian's python3-mako is here the test renders them again, so the files can't drift.
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ViteDevServer } from 'vite'
import mako from '../../src/plugin/index.js'
import { TemplateLookup } from '../../src/index.js'
import { makeProject, repoRoot, waitFor } from '../e2e/harness.js'

const run = promisify(execFile)
const fixture = join(repoRoot, 'test/plugin/fixtures/themes')
const expected = (name: string) => readFileSync(join(fixture, `expected-${name}.html`), 'utf8')
const data = { name: 'Intro', kind: 'new', extra: 'extra' }
const hasMako = (() => {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import mako'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

describe('template directories (a theme over a base theme)', () => {
  let project: ReturnType<typeof makeProject>
  const servers: ViteDevServer[] = []

  beforeAll(() => {
    project = makeProject(fixture, 'mako-themes-')
  })
  afterAll(async () => {
    for (const s of servers) await s.close()
    project?.dispose()
  })

  async function devServer(directories: string[]) {
    const { createServer } = await import('vite')
    const server = await createServer({
      root: project.dir,
      configFile: false,
      logLevel: 'silent',
      appType: 'custom',
      plugins: [mako({ directories })],
      server: { middlewareMode: true, ws: false, watch: { usePolling: true, interval: 20 } },
    })
    servers.push(server)
    return server
  }

  it.skipIf(!hasMako)('the expected pages are what Python Mako renders', () => {
    for (const [name, dirs] of [['dark', 'dark,base,'], ['base', 'base,']]) {
      const out = execFileSync('/usr/bin/python3', ['render-mako.py', dirs], { cwd: fixture, encoding: 'utf8' })
      expect(out).toBe(expected(name))
    }
  })

  it('the Node API renders the same pages (TemplateLookup directories)', async () => {
    const dark = new TemplateLookup({ directories: ['dark', 'base', ''].map((d) => join(fixture, 'templates', d)) })
    expect(await dark.getTemplate('/pages/doc.mako').render(data)).toBe(expected('dark'))
    const base = new TemplateLookup({ directories: ['base', ''].map((d) => join(fixture, 'templates', d)) })
    expect(await base.getTemplate('/pages/doc.mako').render(data)).toBe(expected('base'))
  })

  it('dev SSR: the base page inherits and includes the theme\'s templates first, as Mako does', async () => {
    const dark = await devServer(['templates/dark', 'templates/base', 'templates'])
    const mod = await dark.ssrLoadModule('/src/server.js')
    expect(await mod.render(data)).toBe(expected('dark'))
    // the lookup module: one template per uri, the first directory's
    expect(await mod.lookup.getTemplate('/extra.mako').render({})).toBe('<p>dark extra</p>\n')
    expect(mod.lookup.hasTemplate('/base/layout.mako')).toBe(true)

    const base = await devServer(['templates/base', 'templates'])
    expect(await (await base.ssrLoadModule('/src/server.js')).render(data)).toBe(expected('base'))
  })

  it('dev SSR: an edit of the theme\'s layout updates the base page that inherits it', async () => {
    const server = await devServer(['templates/dark', 'templates/base', 'templates'])
    const file = join(project.dir, 'templates/dark/layout.mako')
    const page = join(project.dir, 'templates/base/page.mako')
    const first = await (await server.ssrLoadModule('/src/server.js')).render(data)
    expect(first).toContain('dark header')
    const node = () => server.environments.ssr.moduleGraph.getModuleById(page)!
    const before = node().lastHMRTimestamp
    writeFileSync(file, readFileSync(file, 'utf8').replace('dark header', 'night header'))
    await waitFor(() => node().lastHMRTimestamp > before, 'base/page.mako to be updated as a dependent of dark/layout.mako')
    expect(await (await server.ssrLoadModule('/src/server.js')).render(data)).toContain('night header')
  })

  it('dev SSR: a new override in the theme takes over without a restart, and its deletion gives the base\'s back', async () => {
    const server = await devServer(['templates/dark', 'templates/base', 'templates'])
    const render = async () => (await server.ssrLoadModule('/src/server.js')).render(data) as Promise<string>
    expect(await render()).toContain('<span class="badge">new</span>')
    const override = join(project.dir, 'templates/dark/ui.mako')
    writeFileSync(override, '<%def name="badge(kind)"><b class="dark-badge">${kind}</b></%def>\n')
    await waitFor(async () => (await render()).includes('<b class="dark-badge">new</b>'), 'the page to use the new dark/ui.mako')
    rmSync(override)
    await waitFor(async () => (await render()).includes('<span class="badge">new</span>'), 'the page to use base/ui.mako again')
  })

  it('vite build --ssr renders the theme\'s page', async () => {
    await run(process.execPath, [join(project.dir, 'node_modules/vite/bin/vite.js'), 'build', '--ssr', 'src/server.js', '--logLevel', 'warn'], { cwd: project.dir })
    const out = join(project.dir, 'dist/server/server.js')
    expect(existsSync(out)).toBe(true)
    const mod = await import(pathToFileURL(out).href)
    const html: string = await mod.render(data)
    // the edit of the previous test is in the copy: the build sees the file as it is now
    expect(html).toBe(expected('dark').replace('dark header', 'night header'))
  }, 120_000)
})

describe('template directories under plain Rollup', () => {
  it('renders the theme\'s page as Mako does', async () => {
    const { rollup } = await import('rollup')
    const dir = join(repoRoot, 'test/plugin/fixtures/themes')
    const bundle = await rollup({
      input: join(dir, 'src/server.js'),
      plugins: [mako({ directories: ['dark', 'base', ''].map((d) => join(dir, 'templates', d)) })],
      external: [/^vite-plugin-mako/],
      onwarn: (w, warn) => (w.code === 'CIRCULAR_DEPENDENCY' ? undefined : warn(w)),
    })
    const out = mkdtempSync(join(tmpdir(), 'mako-themes-rollup-'))
    try {
      await bundle.write({ dir: out, format: 'es' })
      await bundle.close()
      // the bundle imports vite-plugin-mako/runtime: resolve it from this repository
      symlinkSync(repoRoot, join(mkdirSync(join(out, 'node_modules'), { recursive: true })!, 'vite-plugin-mako'), 'dir')
      const mod = await import(pathToFileURL(join(out, 'server.js')).href)
      expect(await mod.render(data)).toBe(expected('dark'))
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
})
