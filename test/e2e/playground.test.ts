// The playground in a real Chromium against Vite's dev server: rendering, hot updates, the overlay, SSR edits.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeWithChromium, edit, launchChromium, makeProject, median, repoRoot, waitFor } from './harness.js'

const EDITS = 9

/**
 * The slow page (a cached sidebar that takes 500 ms to make on a cold cache) in a fresh tab:
 * the server streams it, so the first bytes come before the sidebar is made, and the page
 * it streamed is the page render() gives.
 */
async function slowPageStreams(browser: Browser, url: string, firstByteTarget: boolean): Promise<void> {
  // warm: modules transformed (dev), then `?cold` makes the sidebar's cache cold again
  await (await fetch(url + '/slow')).text()
  // Best of three cold loads: the 50 ms target is about the server, not about how busy the
  // machine running the whole suite is; each load must still show the head leaving at least
  // 200 ms before the page ends (a page that did not stream would arrive in one piece). The
  // 50 ms target is checked on the production server; the dev server first runs Vite's module
  // checks per request, which on a loaded 2-core machine took ~370 ms (alone: 3-43 ms).
  let page!: Page
  let response: Awaited<ReturnType<Page['goto']>> = null
  let best = Infinity
  for (let attempt = 0; attempt < 3 && best >= 50; attempt++) {
    if (page) await page.close()
    page = await browser.newPage()
    response = await page.goto(url + '/slow?cold')
    const timing = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
      return { firstByte: n.responseStart - n.requestStart, lastByte: n.responseEnd - n.requestStart }
    })
    console.log(`[stream] /slow on a cold cache: first byte ${timing.firstByte.toFixed(1)} ms, last byte ${timing.lastByte.toFixed(1)} ms`)
    expect(timing.lastByte).toBeGreaterThan(450)
    expect(timing.lastByte - timing.firstByte).toBeGreaterThan(200)
    best = Math.min(best, timing.firstByte)
  }
  if (firstByteTarget) expect(best).toBeLessThan(50)
  const streamed = await response!.text()
  // the sidebar is warm now: render() gives the same page
  const rendered = await page.evaluate(() => fetch('/slow?render').then((r) => r.text()))
  expect(streamed).toBe(rendered)
  expect(await page.textContent('#trending')).toContain('fragments')
  await page.close()
}

describeWithChromium('playground in Chromium (vite dev)', () => {
  let project: ReturnType<typeof makeProject>
  let server: { url: string; close(): Promise<void> }
  let browser: Browser
  let page: Page
  let navigations = 0
  const templates = () => join(project.dir, 'src/templates')

  beforeAll(async () => {
    project = makeProject(join(repoRoot, 'playground'))
    const { startServer } = await import(pathToFileURL(join(project.dir, 'server.ts')).href)
    // polling: native watchers miss fast successive edits in temp dirs (MAKO_E2E_WATCH=native to compare)
    const watch = process.env.MAKO_E2E_WATCH === 'native' ? undefined : { usePolling: true, interval: 20 }
    server = await startServer({ root: project.dir, port: 0, watch, logLevel: 'warn' })
    browser = await launchChromium()
    page = await browser.newPage()
    page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) navigations++ })
    page.on('pageerror', (err) => console.error('[browser]', err.message))
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    project?.dispose()
  })

  it('renders the SSR page and the client widget', async () => {
    await page.goto(server.url + '/')
    expect(await page.textContent('#title')).toBe('Hello from Mako')
    expect(await page.title()).toBe('Home | Mako playground')
    expect(await page.textContent('#tip')).toContain('lookup module')
    expect(await page.textContent('#cache-backend')).toBe('memory')
    await page.waitForSelector('#widget-title')
    expect(await page.textContent('#widget li:first-child')).toBe('alpha')
    await page.click('#bump')
    await waitFor(async () => (await page.textContent('#clicks')) === '1', 'the click to re-render the widget')
    await page.evaluate(() => { (window as any).__marker = 'still here' })
  })

  it(`hot-updates the widget without a reload (${EDITS} edits, save-to-DOM time printed)`, async () => {
    const file = join(templates(), 'widget.mako')
    const before = navigations
    const times: number[] = []
    for (let i = 1; i <= EDITS; i++) {
      await page.evaluate(() => {
        const el = document.getElementById('widget')!
        ;(window as any).__changed = new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            if (!el.textContent?.includes('Client widget')) return
            observer.disconnect()
            resolve(performance.timeOrigin + performance.now())
          })
          observer.observe(el, { childList: true, subtree: true, characterData: true })
        })
      })
      const saved = Date.now()
      edit(file, /Client widget[^<]*</, `Client widget v${i}<`)
      const changedAt: number = await page.evaluate(() => (window as any).__changed)
      expect(await page.textContent('#widget-title')).toBe(`Client widget v${i}`)
      times.push(changedAt - saved)
      await new Promise((r) => setTimeout(r, 60))
    }
    console.log(`[hmr] save -> DOM updated (${process.env.MAKO_E2E_WATCH === 'native' ? 'native watcher' : 'polling watcher, 20 ms'}), ${EDITS} edits: median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)} (${times.map((t) => t.toFixed(0)).join(', ')})`)
    expect(navigations).toBe(before)
    expect(await page.evaluate(() => (window as any).__marker)).toBe('still here')
    // state held by app code survives too: the module was swapped, not reloaded
    expect(await page.textContent('#clicks')).toBe('1')
  })

  it('an edit to a namespace the widget imports re-renders the widget', async () => {
    const before = navigations
    edit(join(templates(), 'components/ui.mako'), `<button id="\${id}" type="button">`, `<button id="\${id}" type="button" data-v="2">`)
    await page.waitForSelector('#bump[data-v="2"]', { timeout: 10_000 })
    expect(navigations).toBe(before)
    expect(await page.evaluate(() => (window as any).__marker)).toBe('still here')
  })

  it('a syntax error shows the overlay with the template line; fixing it recovers without a reload', async () => {
    const file = join(templates(), 'widget.mako')
    const good = readFileSync(file, 'utf8')
    const before = navigations
    const lines = good.split('\n')
    const lineNo = lines.findIndex((l) => l.includes("ui.button('+1', 'bump')")) + 1
    writeFileSync(file, good.replace("ui.button('+1', 'bump')", "ui.button('+1', 'bump'"))
    const overlay = page.locator('vite-error-overlay')
    await overlay.waitFor({ state: 'attached', timeout: 10_000 })
    const where = await page.locator('vite-error-overlay .file').textContent()
    const message = await page.locator('vite-error-overlay .message').textContent()
    const frame = await page.locator('vite-error-overlay .frame').textContent()
    expect(where).toContain(`widget.mako:${lineNo}:`)
    expect(message).toMatch(/Invalid JavaScript/)
    expect(frame).toContain(`${lineNo} |`)
    // the last good module stays live meanwhile
    expect(await page.textContent('#widget-title')).toMatch(/^Client widget/)

    // Vite's watcher (chokidar) drops a second 'change' of a path within 50 ms of the
    // first; on a fast machine the overlay is up sooner than that. A person fixing a typo
    // takes longer, so the test waits as long too.
    await new Promise((r) => setTimeout(r, 150))
    writeFileSync(file, good.replace(/Client widget[^<]*</, 'Client widget fixed<'))
    await overlay.waitFor({ state: 'detached', timeout: 10_000 })
    await waitFor(async () => (await page.textContent('#widget-title')) === 'Client widget fixed', 'the fixed template to render')
    expect(navigations).toBe(before)
    expect(await page.evaluate(() => (window as any).__marker)).toBe('still here')
  })

  it('a syntax error in a server-only template reaches the overlay too, and the fix clears it', async () => {
    const file = join(templates(), 'partials/tip.mako')
    const good = readFileSync(file, 'utf8')
    const before = navigations
    writeFileSync(file, '<%def name="x()">\n' + good)
    const overlay = page.locator('vite-error-overlay')
    await overlay.waitFor({ state: 'attached', timeout: 10_000 })
    expect(await page.locator('vite-error-overlay .file').textContent()).toContain('tip.mako:1:0')
    // (past the watcher's 50 ms throttle of a path's changes, as above)
    await new Promise((r) => setTimeout(r, 150))
    writeFileSync(file, good)
    await overlay.waitFor({ state: 'detached', timeout: 10_000 })
    expect(navigations).toBe(before)
    expect(await page.evaluate(() => (window as any).__marker)).toBe('still here')
  })

  it('a runtime error while rendering a page reaches the overlay at the template line and column; a fixing save clears it', async () => {
    const file = join(templates(), 'partials/tip.mako')
    const good = readFileSync(file, 'utf8')
    const before = navigations
    // the third ${} of the line throws at render time (the template compiles)
    writeFileSync(file, "<p>${'a'} ${'b'} ${JSON.parse('{')}</p>\n" + good)
    await new Promise((r) => setTimeout(r, 300))
    const response = await fetch(server.url + '/')
    expect(response.status).toBe(500)
    // the failed response is a page that loads Vite's client
    expect(await response.text()).toContain('/@vite/client')
    const overlay = page.locator('vite-error-overlay')
    await overlay.waitFor({ state: 'attached', timeout: 10_000 })
    expect(await page.locator('vite-error-overlay .file').textContent()).toContain('tip.mako:1:17')
    expect(await page.locator('vite-error-overlay .frame').textContent()).toContain("1 | <p>${'a'} ${'b'} ${JSON.parse('{')}</p>")
    await new Promise((r) => setTimeout(r, 150))
    writeFileSync(file, good)
    await overlay.waitFor({ state: 'detached', timeout: 10_000 })
    expect(navigations).toBe(before)
    expect((await fetch(server.url + '/')).status).toBe(200)
  })

  it('an edit under a cached fragment shows on the next SSR request', async () => {
    const get = async () => {
      const html = await (await fetch(server.url + '/')).text()
      const stats = /<p class="stats-line">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? ''
      return { stats, renderedAt: /<time id="rendered-at">([^<]*)</.exec(html)?.[1] }
    }
    const first = await get()
    expect(first.stats).toContain('3 items')
    await new Promise((r) => setTimeout(r, 20))
    const second = await get()
    // cached for 30 s: the same fragment, rendered at the same time
    expect(second.renderedAt).toBe(first.renderedAt)

    edit(join(templates(), 'partials/stats.mako'), 'items, fragment rendered at', 'things, fragment rendered at')
    const after = await waitFor(async () => {
      const r = await get()
      return r.stats.includes('3 things') ? r : undefined
    }, 'the edited partial in the next response')
    expect(after.renderedAt).not.toBe(first.renderedAt)
    // and the new fragment is cached again
    expect((await get()).renderedAt).toBe(after.renderedAt)
  })

  it('streams a page: first bytes before its slow cached fragment is made, the same page as render()', async () => {
    await slowPageStreams(browser, server.url, false)
  })

  it('an edit to the page template itself shows on the next SSR request', async () => {
    edit(join(templates(), 'layouts/section.mako'), '<main class="section-${section}">', '<main class="section-${section}" data-layout="v2">')
    await waitFor(async () => (await (await fetch(server.url + '/')).text()).includes('data-layout="v2"'), 'the edited layout in the next response')
  })
})

describeWithChromium('playground in Chromium (vite build + SSR build, NODE_ENV=production)', () => {
  let project: ReturnType<typeof makeProject>
  let server: { url: string; close(): Promise<void> }
  let browser: Browser

  beforeAll(async () => {
    project = makeProject(join(repoRoot, 'playground'))
    const { startServer } = await import(pathToFileURL(join(project.dir, 'server.ts')).href)
    // builds dist/client and dist/server first (vite build, vite build --ssr)
    server = await startServer({ root: project.dir, production: true, port: 0, logLevel: 'warn' })
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    project?.dispose()
  })

  it('serves the built pages and the built widget', async () => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(err.message))
    await page.goto(server.url + '/about')
    expect(await page.textContent('#title')).toBe('About')
    expect(await page.title()).toBe('About | Mako playground')
    await page.waitForSelector('#widget-title')
    await page.click('#bump')
    await waitFor(async () => (await page.textContent('#clicks')) === '1', 'the built widget to re-render')
    const scripts = await page.$$eval('script[src]', (els) => els.map((e) => e.getAttribute('src')))
    expect(scripts.some((s) => s?.startsWith('/assets/'))).toBe(true)
    expect(scripts.some((s) => s?.includes('@vite/client'))).toBe(false)
    expect(errors).toEqual([])
    await page.close()
  })

  it('streams a page: first bytes before its slow cached fragment is made, the same page as render()', async () => {
    await slowPageStreams(browser, server.url, true)
  })

  it('the cached fragment is served from the cache', async () => {
    const renderedAt = async () => /<time id="rendered-at">([^<]*)</.exec(await (await fetch(server.url + '/')).text())?.[1]
    const first = await renderedAt()
    expect(first).toBeTruthy()
    await new Promise((r) => setTimeout(r, 20))
    expect(await renderedAt()).toBe(first)
  })
})
