// filesystemCheckInterval: a template's file (and its parent's, its includes') is stat-ed at
// most once per interval, so hot renders do no I/O; an edit is still seen after the interval.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'

// every statSync the lookup makes goes through this counter
const stats = vi.hoisted(() => ({ calls: 0 }))
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>()
  const statSync = ((...args: Parameters<typeof fs.statSync>) => {
    stats.calls++
    return fs.statSync(...args)
  }) as typeof fs.statSync
  return { ...fs, statSync, default: { ...fs, statSync } }
})

const { TemplateLookup } = await import('../src/index.js')

const tmp = mkdtempSync(join(tmpdir(), 'mako-interval-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

let n = 0
/** a page that inherits a layout and includes a part, in a fresh directory */
function files(): string {
  const dir = join(tmp, `t${n++}`)
  mkdirSync(dir)
  writeFileSync(join(dir, 'base.mako'), '<html>${next.body()}</html>')
  writeFileSync(join(dir, 'part.mako'), '[part]')
  writeFileSync(join(dir, 'page.mako'), '<%inherit file="base.mako"/>${x}<%include file="part.mako"/>')
  return dir
}

function edit(file: string, text: string): void {
  writeFileSync(file, text)
  const later = new Date(Date.now() + 5000)
  utimesSync(file, later, later)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('filesystemCheckInterval', () => {
  beforeEach(() => {
    stats.calls = 0
  })

  it('renders within the interval make no stat call (page, parent and include)', () => {
    const lookup = new TemplateLookup({ directories: [files()], filesystemCheckInterval: 60_000 })
    const render = () => lookup.getTemplate('/page.mako').render({ x: 'y' })
    expect(render()).toBe('<html>y[part]</html>')
    stats.calls = 0
    for (let i = 0; i < 100; i++) expect(render()).toBe('<html>y[part]</html>')
    expect(stats.calls).toBe(0)
  })

  it('the default interval also keeps a hot render free of stat calls', () => {
    const lookup = new TemplateLookup({ directories: [files()] })
    const render = () => lookup.getTemplate('/page.mako').render({ x: 'y' })
    render()
    stats.calls = 0
    for (let i = 0; i < 100; i++) render()
    // the default is 1000 ms: at most one check per file if a second went by in the loop
    expect(stats.calls).toBeLessThanOrEqual(3)
  })

  it('interval 0 stats every file on every render (the counter does count)', () => {
    const lookup = new TemplateLookup({ directories: [files()], filesystemCheckInterval: 0 })
    const render = () => lookup.getTemplate('/page.mako').render({ x: 'y' })
    render()
    stats.calls = 0
    for (let i = 0; i < 10; i++) render()
    expect(stats.calls).toBe(30)
  })

  it('an edited parent and an edited include are seen once the interval has passed', async () => {
    const dir = files()
    const lookup = new TemplateLookup({ directories: [dir], filesystemCheckInterval: 150 })
    const render = () => lookup.getTemplate('/page.mako').render({ x: 'y' })
    expect(render()).toBe('<html>y[part]</html>')
    edit(join(dir, 'base.mako'), '<body>${next.body()}</body>')
    edit(join(dir, 'part.mako'), '(part)')
    await sleep(200)
    expect(render()).toBe('<body>y(part)</body>')
  })

  it('an edit within the interval is not seen until the interval has passed', async () => {
    const dir = files()
    const lookup = new TemplateLookup({ directories: [dir], filesystemCheckInterval: 60_000 })
    const render = () => lookup.getTemplate('/page.mako').render({ x: 'y' })
    expect(render()).toBe('<html>y[part]</html>')
    edit(join(dir, 'page.mako'), '<%inherit file="base.mako"/>edited')
    expect(render()).toBe('<html>y[part]</html>')
  })

  it('filesystemChecks false never stats a loaded template', () => {
    const lookup = new TemplateLookup({ directories: [files()], filesystemChecks: false, filesystemCheckInterval: 0 })
    const render = () => lookup.getTemplate('/page.mako').render({ x: 'y' })
    render()
    stats.calls = 0
    for (let i = 0; i < 10; i++) render()
    expect(stats.calls).toBe(0)
  })
})
