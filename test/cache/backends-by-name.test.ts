// `cacheImpl: 'redis'` / `'memcached'`, `cache_type` and regions by name, on a server, with no
// import of vite-plugin-mako/cache/* first: the Node API (a fresh process) and the plugin's SSR
// output; and a browser bundle that never gets a backend.
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { compile } from '../../src/compiler/index.js'
import { remoteBackends } from '../../src/plugin/transform.js'
import { makeProject, repoRoot } from '../e2e/harness.js'
import { describeWithService, startMemcached, startRedis, type Service } from '../services.js'

const run = promisify(execFile)

it('the plugin finds the backends a template names (options, regions, cache_type), from the meta of compile()', () => {
  const types = (source: string) => compile(source).meta.cacheTypes
  expect(remoteBackends({ cacheImpl: 'redis' }, types('x'))).toEqual(['redis'])
  expect(remoteBackends({ cacheRegions: { a: { type: 'memory' }, b: { type: 'ext:memcached' } } }, types('x'))).toEqual(['memcached'])
  expect(remoteBackends({}, types('<%def name="d()" cached="True" cache_type="redis">x</%def>'))).toEqual(['redis'])
  expect(remoteBackends({ cacheArgs: { type: 'memcached' } }, types("<%block cached='True' cache_type='redis'/>"))).toEqual(['redis', 'memcached'])
  expect(remoteBackends({}, types('% if x:\n<%block cached="True" cache_impl="ext:memcached">b</%block>\n% endif\n'))).toEqual(['memcached'])
  expect(remoteBackends({ cacheImpl: 'memory' }, types('the word redis in text'))).toEqual([])
  // named only in text, in a <%text> block or in code: not a backend the template uses
  expect(remoteBackends({}, types('<%text>cache_type="redis"</%text> ${"cache_type=\'redis\'"}'))).toEqual([])
  // a `${}` type is known only when rendering
  expect(types('<%def name="d()" cached="True" cache_type="${t}">x</%def>')).toEqual([])
})

describeWithService('redis-server', 'backends by name', () => {
  let redis: Service
  let memcached: Service | undefined

  beforeAll(async () => {
    redis = await startRedis()
    memcached = await startMemcached().catch(() => undefined)
  })
  afterAll(async () => {
    await redis?.stop()
    await memcached?.stop()
  })

  it('Node API: Template and TemplateLookup cache in redis and memcached by name, in a fresh process', async () => {
    const script = `
      import { Template, TemplateLookup, closeCacheBackends } from ${JSON.stringify(pathToFileURL(join(repoRoot, 'dist/index.js')).href)}
      const [redisUrl, memcachedUrl] = process.argv.slice(2)
      const out = []
      const t = new Template('<%page cached="True"/>page \${v}', { async: true, cacheImpl: 'redis', cacheArgs: { url: redisUrl, prefix: 'byname:' + Date.now() + ':' } })
      out.push(await t.render({ v: 1 }), await t.render({ v: 2 }))
      const lookup = new TemplateLookup({ async: true, cacheRegions: { long: { type: 'redis', url: redisUrl, prefix: 'region:' + Date.now() + ':' } } })
      lookup.putString('/r.mako', '<%block name="b" cached="True" cache_region="long">region \${v}</%block>')
      out.push(await lookup.getTemplate('/r.mako').render({ v: 1 }), await lookup.getTemplate('/r.mako').render({ v: 2 }))
      if (memcachedUrl) {
        const m = new Template('<%def name="d()" cached="True" cache_type="memcached" cache_url="' + memcachedUrl + '" cache_key="byname\${Date.now()}">mc \${v}</%def>\${d()}', { async: true })
        out.push(await m.render({ v: 1 }))
      }
      console.log(JSON.stringify(out))
      await closeCacheBackends()
    `
    const dir = mkdtempSync(join(tmpdir(), 'mako-byname-'))
    writeFileSync(join(dir, 'run.mjs'), script)
    const { stdout } = await run(process.execPath, [join(dir, 'run.mjs'), redis.url, memcached?.url ?? ''], { cwd: repoRoot }).finally(() => rmSync(dir, { recursive: true, force: true }))
    const out = JSON.parse(stdout) as string[]
    // the second render is served from the cache: the backend was there without an import
    expect(out.slice(0, 4)).toEqual(['page 1', 'page 1', 'region 1', 'region 1'])
    if (memcached) expect(out[4]).toBe('mc 1')
  }, 60_000)

  it('plugin: an SSR build with cacheImpl: \'redis\' renders through redis with only the build output; the browser bundle has no backend', async () => {
    const project = makeProject(join(repoRoot, 'test/plugin/fixtures/app'), 'mako-byname-')
    try {
      writeFileSync(join(project.dir, 'templates/cached.mako'), '<%page cached="True"/>cached ${v}\n')
      writeFileSync(join(project.dir, 'src/cached-server.js'), "import t from '../templates/cached.mako'\nexport const render = (d) => t.render(d)\n")
      writeFileSync(join(project.dir, 'src/cached-client.js'), "import t from '../templates/cached.mako'\ndocument.body.textContent = t.render({ v: 1 })\n")
      writeFileSync(join(project.dir, 'vite.config.js'), `
        import { defineConfig } from 'vite'
        import mako from 'vite-plugin-mako'
        export default defineConfig(({ isSsrBuild }) => ({
          plugins: [mako({ root: 'templates', cacheImpl: 'redis', ssr: { async: true, cacheArgs: { url: ${JSON.stringify(redis.url)}, prefix: 'ssr' + Date.now() + ':' } } })],
          build: isSsrBuild ? { outDir: 'dist/server', emptyOutDir: true } : { outDir: 'dist/client', emptyOutDir: true, rolldownOptions: { input: 'src/cached-client.js' } },
        }))
      `)
      const vite = (...args: string[]) => run(process.execPath, [join(project.dir, 'node_modules/vite/bin/vite.js'), ...args, '--logLevel', 'warn'], { cwd: project.dir })
      await vite('build', '--ssr', 'src/cached-server.js')
      const server = readFileSync(join(project.dir, 'dist/server/cached-server.js'), 'utf8')
      // self-contained: no import of the plugin's package is left in the output
      expect(server).not.toMatch(/from\s*["']vite-plugin-mako/)
      expect(server.includes('redis cache backend')).toBe(true)
      writeFileSync(join(project.dir, 'dist/server/run.mjs'), `
        import { render } from './cached-server.js'
        console.log(JSON.stringify([await render({ v: 1 }), await render({ v: 2 })]))
        process.exit(0)
      `)
      // node_modules without vite-plugin-mako (redis is the app's): the build output must not need it
      rmSync(join(project.dir, 'node_modules/vite-plugin-mako'))
      const { stdout } = await run(process.execPath, ['dist/server/run.mjs'], { cwd: project.dir })
      symlinkSync(repoRoot, join(project.dir, 'node_modules/vite-plugin-mako'), 'dir')
      expect(JSON.parse(stdout)).toEqual(['cached 1\n', 'cached 1\n'])

      await vite('build')
      const assets = join(project.dir, 'dist/client/assets')
      const js = readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(assets, f), 'utf8')).join('\n')
      expect(js).toContain('cached ')
      // (the runtime's error messages name the backends; their code is what must stay out)
      for (const s of ['redis cache backend', 'memcached cache backend', 'memjs', 'sendCommand', "redis.call('get'"]) expect(js.includes(s), s).toBe(false)
    } finally {
      project.dispose()
    }
  }, 120_000)
})

it('compile() output is unchanged by the backend imports (they are the plugin\'s, server side only)', () => {
  expect(compile('x', { cacheImpl: 'redis' }).code).not.toContain('cache/redis')
})
