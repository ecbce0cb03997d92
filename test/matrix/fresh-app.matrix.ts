// The CI matrix: a fresh app installs the packed package (`npm pack`) as a devDependency from the
// registry's Vite 6, 7 and 8 and plain Rollup 4, builds, drops its devDependencies
// (`npm ci --omit=dev`) and serves the page with `node` of the SSR build, caching in a real
// redis-server with nothing but `cacheImpl: 'redis'` and a url.
//
// Needs the npm registry (npm's cache makes reruns fast) and redis-server. Run with
// `npm run test:matrix` (.ci/run does); not part of `npm test`.
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from 'redis'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { repoRoot } from '../e2e/harness.js'
import { describeWithService, startRedis, type Service } from '../services.js'
import { node, npm, pack } from './pack.js'

interface Target {
  name: string
  devDependencies: Record<string, string>
  /** `env`: REDIS_URL, which the configs bake into the templates' options */
  build(dir: string, env: Record<string, string>): Promise<void>
  /** the client build's hashed logo, for builds that have a client */
  client: boolean
}

const viteTarget = (major: number): Target => ({
  name: `vite ${major}`,
  devDependencies: { vite: `^${major}` },
  client: true,
  async build(dir, env) {
    const vite = join(dir, 'node_modules/vite/bin/vite.js')
    await node(dir, [vite, 'build', '--logLevel', 'warn'], { ...env, OUT: 'dist/client' })
    await node(dir, [vite, 'build', '--ssr', 'src/server.js', '--logLevel', 'warn'], { ...env, OUT: 'dist/server' })
  },
})

const targets: Target[] = [
  viteTarget(6),
  viteTarget(7),
  viteTarget(8),
  {
    name: 'rollup 4',
    devDependencies: { rollup: '^4', '@rollup/plugin-node-resolve': '^16' },
    client: false,
    async build(dir, env) {
      await node(dir, [join(dir, 'node_modules/rollup/dist/bin/rollup'), '-c', '--silent'], env)
    },
  },
]

/** `node dist/server/server.js`, resolved with its port once it listens. */
async function serve(dir: string, env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['dist/server/server.js'], { cwd: dir, env: { ...process.env, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d
      const m = /listening (\d+)/.exec(out)
      if (m) resolve(Number(m[1]))
    })
    child.stderr!.on('data', (d: Buffer) => { out += d })
    child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${out}`)))
    setTimeout(() => reject(new Error(`the server did not start: ${out}`)), 15_000)
  })
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    }),
  }
}

describeWithService('redis-server', 'a fresh app from the packed package', () => {
  let work: string
  let tarball: string
  let redis: Service

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'mako-matrix-'))
    tarball = await pack(work)
    redis = await startRedis()
  }, 120_000)
  afterAll(async () => {
    await redis?.stop()
    if (work) rmSync(work, { recursive: true, force: true })
  })

  // the targets in parallel (installs wait on the network and the disk more than on the CPU);
  // each one's steps in order
  it.concurrent.each(targets.map((target, index) => ({ target, index, name: target.name })))('$name', async ({ target, index }) => {
    const dir = join(work, `app-${index}`)
    // one redis database per target: the same template has the same cache key in every build
    const redisUrl = redis.url.replace(/\/0$/, `/${index + 1}`)
    const times: string[] = []
    const step = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
      const t = Date.now()
      const value = await fn()
      times.push(`${what} ${((Date.now() - t) / 1000).toFixed(1)} s`)
      return value
    }

    // a devDependency, from the tarball
    cpSync(join(repoRoot, 'test/matrix/app'), dir, { recursive: true })
    writeFileSync(join(dir, 'package.json'), JSON.stringify({
      name: `mako-fresh-${index}`, private: true, type: 'module',
      dependencies: { redis: '^5' },
      devDependencies: { 'vite-plugin-mako': `file:${tarball}`, ...target.devDependencies },
    }, null, 2))
    // above Vite's 4 KB inline limit: a file of its own
    writeFileSync(join(dir, 'templates/logo.png'), Buffer.alloc(6000, 1))
    await step('npm install', () => npm(['install'], dir))
    await step('build', () => target.build(dir, { REDIS_URL: redisUrl }))
    expect(existsSync(join(dir, 'dist/server/server.js'))).toBe(true)

    // <img src="./logo.png">: a hashed asset URL in the client and the SSR output
    let logo: string | undefined
    if (target.client) {
      const assets = readdirSync(join(dir, 'dist/client/assets'))
      logo = assets.find((f) => /^logo-[\w-]{8}\.png$/.test(f))
      expect(logo, assets.join(', ')).toBeDefined()
      const js = assets.filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dir, 'dist/client/assets', f), 'utf8')).join('\n')
      expect(js).toContain(`/assets/${logo}`)
      expect(readFileSync(join(dir, 'dist/server/server.js'), 'utf8')).toContain(`/assets/${logo}`)
    }

    // production: no devDependencies; node of the SSR build serves the page, caching in redis
    await step('npm ci --omit=dev', () => npm(['ci', '--omit=dev'], dir))
    expect(existsSync(join(dir, 'node_modules/vite-plugin-mako'))).toBe(false)
    expect(existsSync(join(dir, 'node_modules/redis'))).toBe(true)
    const client = createClient({ url: redisUrl })
    await client.connect()
    try {
      await client.flushDb()
      const first = await serve(dir, { STAMP: 'one' })
      try {
        const html = await (await fetch(first.url + '/')).text()
        expect(html).toContain('<p>Hello server</p>')
        expect(html).toContain('<title>fresh</title>')
        if (logo) expect(html).toContain(`<img src="/assets/${logo}" alt="logo">`)
        expect(await (await fetch(first.url + '/cached')).text()).toContain('rendered one')
      } finally {
        await first.stop()
      }
      // a new process: the fragment comes from redis, not from memory
      expect((await client.keys('*')).length).toBeGreaterThan(0)
      const second = await serve(dir, { STAMP: 'two' })
      try {
        expect(await (await fetch(second.url + '/cached')).text()).toContain('rendered one')
      } finally {
        await second.stop()
      }
    } finally {
      await client.quit()
    }
    console.log(`[matrix] ${target.name}: ${times.join(', ')}`)
  }, 300_000)
})
