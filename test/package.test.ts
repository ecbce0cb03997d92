// The published package, as a user installs it: what `npm pack` ships, publint and
// arethetypeswrong (esm-only profile, .attw.json) on it, self-contained source maps, links
// that work from the npm page, and a lockfile that `npm install` leaves alone.
// Needs `npm run build` first (npm test does it); reaches only the npm registry.
import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = (name: string) => join(root, 'node_modules', '.bin', name)
const run = promisify(execFile)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false' }

async function exec(cmd: string, args: string[], cwd = root) {
  try {
    const r = await run(cmd, args, { cwd, env, maxBuffer: 64 << 20 })
    return { code: 0, stdout: r.stdout, out: r.stdout + r.stderr }
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof err.code === 'number' ? err.code : 1, stdout: err.stdout ?? '', out: `${err.stdout ?? ''}${err.stderr ?? ''}` }
  }
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const temps: string[] = []
// each runs npm or a packer in a child process: seconds alone, much longer on a loaded machine
const SLOW = 120_000
afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }) })

describe('the packed package', () => {
  let packed: string[] | undefined
  async function files(): Promise<string[]> {
    if (packed) return packed
    const r = await exec(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'])
    expect(r.code, r.out).toBe(0)
    packed = (JSON.parse(r.stdout) as [{ files: { path: string }[] }])[0].files.map(f => f.path)
    return packed
  }

  it('ships dist, the client types, README, LICENSE and package.json, and no tests or TypeScript sources', async () => {
    const list = await files()
    for (const f of ['package.json', 'README.md', 'LICENSE', 'client.d.ts', 'dist/index.js', 'dist/index.d.ts', 'dist/cli.js']) {
      expect(list).toContain(f)
    }
    expect(list.filter(f => /^(test|src|bench|playground|docs)\//.test(f) || /\.test\.|(?<!\.d)\.ts$/.test(f))).toEqual([])
  }, SLOW)

  it('has source maps whose sources are inside the map (sourcesContent), none pointing at unshipped files', async () => {
    const maps = (await files()).filter(f => f.endsWith('.map'))
    expect(maps.length).toBeGreaterThan(10)
    const broken: string[] = []
    for (const m of maps) {
      const map = JSON.parse(readFileSync(join(root, m), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] }
      map.sources.forEach((s, i) => {
        if (typeof map.sourcesContent?.[i] !== 'string') broken.push(`${m}: ${s}`)
      })
    }
    expect(broken).toEqual([])
  }, SLOW)

  it('is MIT licensed in package.json and in LICENSE, with repository, homepage, bugs and keywords', () => {
    expect(pkg.license).toBe('MIT')
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/)
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/)
    const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')
    expect(pkg.homepage.startsWith(repo)).toBe(true)
    expect(pkg.bugs.url).toBe(`${repo}/issues`)
    expect(pkg.keywords).toEqual(expect.arrayContaining(['vite-plugin', 'mako']))
  })

  it('passes publint with no error, warning or suggestion', async () => {
    const r = await exec(bin('publint'), ['--strict', '--level', 'suggestion'])
    expect(r.code, r.out).toBe(0)
    expect(r.out).toContain('All good!')
  }, SLOW)

  it('passes arethetypeswrong (attw --pack) under the esm-only profile of .attw.json', async () => {
    expect(JSON.parse(readFileSync(join(root, '.attw.json'), 'utf8')).profile).toBe('esm-only')
    const r = await exec(bin('attw'), ['--pack', '.', '--no-color', '--no-emoji'])
    expect(r.code, r.out).toBe(0)
    expect(r.out).toContain("ignoring resolutions: 'node10', 'node16-cjs'")
    for (const entry of Object.keys(pkg.exports)) {
      expect(r.out).toContain(`"${entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`}"`)
    }
  }, SLOW)
})

describe('the README on the npm page', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map(m => m[1]!)

  it('tells how to install the package', () => {
    expect(readme).toContain(`npm install -D ${pkg.name}`)
  })

  it('links only with absolute URLs (npm does not serve the repository files), to files that exist', () => {
    expect(links.length).toBeGreaterThan(5)
    expect(links.filter(l => !/^https?:\/\//.test(l))).toEqual([])
    const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')
    const local = links.filter(l => l.startsWith(`${repo}/`))
      .map(l => l.slice(repo.length + 1).replace(/^(blob|tree)\/main\//, '').replace(/#.*$/, ''))
    expect(local.length).toBeGreaterThan(5)
    expect(local.filter(p => !existsSync(join(root, p)))).toEqual([])
  })
})

describe('the committed lockfile', () => {
  it('is what `npm install` writes for package.json (a fresh clone stays clean)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mako-lock-'))
    temps.push(dir)
    for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(root, f), join(dir, f))
    const r = await exec(npm, ['install', '--package-lock-only', '--ignore-scripts', '--prefer-offline'], dir)
    expect(r.code, r.out).toBe(0)
    expect(readFileSync(join(dir, 'package-lock.json'), 'utf8')).toBe(readFileSync(join(root, 'package-lock.json'), 'utf8'))
  }, SLOW)
})
