// Browser-test harness: a copy of the playground in a temp dir, linked to this package, and Debian's Chromium.
//
// Without /usr/bin/chromium the browser suites skip loudly, unless MAKO_REQUIRE_SERVICES=1
// (set by .ci/run): then they fail saying what to install.

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'vitest'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const chromiumPath = process.env.MAKO_CHROMIUM ?? '/usr/bin/chromium'
export const requireServices = process.env.MAKO_REQUIRE_SERVICES === '1'

export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

/** `describe` that runs only when Chromium exists: a loud skip otherwise, or a failure with MAKO_REQUIRE_SERVICES=1. */
export function describeWithChromium(name: string, fn: () => void): void {
  if (existsSync(chromiumPath)) {
    describe(name, fn)
    return
  }
  const message = `${chromiumPath} not found: the "${name}" browser tests need it (apt-get install -y chromium)`
  if (requireServices) {
    describe(name, () => {
      it('requires chromium (MAKO_REQUIRE_SERVICES=1)', () => {
        throw new Error(`${message}; MAKO_REQUIRE_SERVICES=1 makes this a failure`)
      })
    })
    return
  }
  const bar = '!'.repeat(78)
  console.warn(`\n${bar}\n!!! SKIPPED: ${message}.\n!!! Set MAKO_REQUIRE_SERVICES=1 to make this a failure.\n${bar}\n`)
  describe.skip(name, fn)
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core')
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs })
}

/**
 * A fresh project in a temp dir: `source` copied (without dist/ and node_modules/), and a
 * node_modules that links this package the way `npm install <path>` does, plus the
 * package's own dependencies and the tools the project runs (vite, rollup, redis).
 */
export function makeProject(source: string, prefix = 'mako-e2e-'): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  cpSync(source, dir, {
    recursive: true,
    filter: (src) => !['node_modules', 'dist', '.vite'].includes(basename(src)),
  })
  const nm = join(dir, 'node_modules')
  mkdirSync(nm, { recursive: true })
  symlinkSync(process.env.MAKO_PACKAGE_DIR ?? repoRoot, join(nm, 'vite-plugin-mako'), 'dir')
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }
  for (const dep of [...Object.keys(pkg.dependencies ?? {}), 'vite', 'rollup', 'redis']) {
    const target = join(repoRoot, 'node_modules', dep)
    const link = join(nm, dep)
    if (!existsSync(target) || existsSync(link)) continue
    mkdirSync(dirname(link), { recursive: true })
    symlinkSync(target, link, 'dir')
  }
  if (!existsSync(join(dir, 'package.json'))) {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'mako-fixture', private: true, type: 'module' }, null, 2))
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Replace `from` with `to` in a file (throws when `from` is absent, so a test can't edit nothing). */
export function edit(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, 'utf8')
  const next = text.replace(from, to)
  if (next === text) throw new Error(`edit: ${String(from)} not found in ${file}`)
  writeFileSync(file, next)
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

export async function waitFor<T>(fn: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeout = 10_000, interval = 25): Promise<T> {
  const deadline = Date.now() + timeout
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const value = await fn()
      if (value) return value
    } catch (err) {
      last = err
    }
    await new Promise((r) => setTimeout(r, interval))
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`)
}
