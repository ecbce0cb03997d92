// The plugin inside Vite's dev server without a browser: SSR loading, source-mapped runtime errors, hot-update rules.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ViteDevServer } from 'vite'
import mako, { reportRenderError } from '../../src/plugin/index.js'
import { TemplateLookupException } from 'vite-plugin-mako'
import { makeProject, repoRoot, waitFor } from '../e2e/harness.js'

describe('plugin in the dev server (SSR)', () => {
  let project: ReturnType<typeof makeProject>
  let server: ViteDevServer
  const sent: { type: string; err?: { message: string; loc?: { file: string; line: number; column: number }; frame?: string } }[] = []
  const file = (p: string) => join(project.dir, 'templates', p)
  const ssrNode = (p: string) => server.environments.ssr.moduleGraph.getModuleById(file(p))
  const save = (p: string, text: string) => writeFileSync(file(p), text)

  beforeAll(async () => {
    project = makeProject(join(repoRoot, 'test/plugin/fixtures/app'), 'mako-dev-')
    const { createServer } = await import('vite')
    server = await createServer({
      root: project.dir,
      configFile: false,
      logLevel: 'silent',
      appType: 'custom',
      plugins: [mako({ root: 'templates' })],
      resolve: { alias: { '@lib': join(project.dir, 'templates/lib') } },
      server: { middlewareMode: true, ws: false, watch: { usePolling: true, interval: 20 } },
    })
    const hot = server.environments.client.hot
    const send = hot.send.bind(hot)
    hot.send = ((payload: any) => {
      sent.push(payload)
      return send(payload)
    }) as typeof hot.send
  })
  afterAll(async () => {
    await server?.close()
    project?.dispose()
  })

  it('ssrLoadModule renders a page (inherit, namespace, relative and `/`-rooted imports, ${} lookup)', async () => {
    const mod = await server.ssrLoadModule('/templates/pages/home.mako')
    const html = await mod.default.render({ heading: 'Hi', price: 1, which: 'a' })
    expect(html).toContain('<title>home</title>')
    expect(html).toContain('price: USD 1.00')
    expect(html).toContain('<p>partial 3</p>')
    expect(html).toContain('<p>dynamic A</p>')
    expect(mod.answer).toBe(42)
    // HMR glue is present in dev, guarded for runners without import.meta.hot
    const code = (await server.environments.ssr.transformRequest('/templates/pages/home.mako'))!.code
    expect(code).toMatch(/if \(\S*\.hot\) \S*\.hot\.accept\(\)/)
  })

  it.each(['boom.mako', 'boom-expr.mako'])('a runtime error points at the template line (%s)', async (name) => {
    const mod = await server.ssrLoadModule('/templates/' + name)
    let err: Error | undefined
    try {
      mod.default.render({})
    } catch (e) {
      err = e as Error
    }
    expect(err).toBeInstanceOf(TypeError)
    server.ssrFixStacktrace(err!)
    expect(err!.stack).toContain(`${name}:3:`)
  })

  it('a runtime error in the third ${} of a line is reported at its column, and reportRenderError sends it to the overlay with a frame', async () => {
    const mod = await server.ssrLoadModule('/templates/boom-third.mako')
    let err: Error | undefined
    try {
      mod.default.render({ ok: 1, o: {} })
    } catch (e) {
      err = e as Error
    }
    expect(err).toBeInstanceOf(TypeError)
    sent.length = 0
    const page = reportRenderError(server, err)
    // line 3 is `a ${ok} b ${ok} c ${o.a.b} d`: the third ${} starts at 0-based column 18
    expect(err!.stack).toContain('boom-third.mako:3:19')
    const error = sent.find((p) => p.type === 'error')!
    expect(error.err!.loc).toEqual({ file: file('boom-third.mako'), line: 3, column: 18 })
    expect(error.err!.message).toBe("Cannot read properties of undefined (reading 'b')")
    expect(error.err!.frame).toContain('3 | a ${ok} b ${ok} c ${o.a.b} d')
    expect(error.err!.frame).toContain(' | ' + ' '.repeat(18) + '^')
    // the failed response's page loads Vite's client, which shows the overlay
    expect(page).toContain('<script type="module" src="/@vite/client"></script>')
    expect(page).toContain('boom-third.mako:3:19')
    // a save of that template that compiles clears the overlay (an empty update)
    sent.length = 0
    await new Promise((r) => setTimeout(r, 150))
    save('boom-third.mako', readFileSync(file('boom-third.mako'), 'utf8').replace('o.a.b', 'o.a?.b'))
    await waitFor(() => sent.find((p) => p.type === 'update'), 'the update that clears the overlay')
  })

  it('an edit re-renders the template and its dependents keep identity, with starttime moved forward', async () => {
    const about = (await server.ssrLoadModule('/templates/pages/about.mako')).default
    const first = await about.render({})
    expect(first).toContain('<p>partial 1</p>')
    expect(first).toContain('aliased: USD 2.00') // file="@lib/fmt.mako" through resolve.alias
    expect(await about.render({})).toBe(first) // the cached block
    const start = about.starttime
    const before = ssrNode('pages/about.mako')!.lastHMRTimestamp
    save('pages/partial.mako', readFileSync(file('pages/partial.mako'), 'utf8').replace('partial ${n}', 'part ${n}'))
    await waitFor(() => ssrNode('pages/about.mako')!.lastHMRTimestamp > before, 'about.mako to be updated as a dependent')
    const again = (await server.ssrLoadModule('/templates/pages/about.mako')).default
    expect(again).toBe(about)
    expect(again.starttime).toBeGreaterThan(start)
    expect(await again.render({})).toContain('<p>part 1</p>')
  })

  it('a save that changes nothing is not an update, and keeps the cache', async () => {
    const about = (await server.ssrLoadModule('/templates/pages/about.mako')).default
    const cachedHtml = await about.render({})
    const start = about.starttime
    const before = ssrNode('pages/partial.mako')!.lastHMRTimestamp
    const beforeDependent = ssrNode('pages/about.mako')!.lastHMRTimestamp
    save('pages/partial.mako', readFileSync(file('pages/partial.mako'), 'utf8'))
    await new Promise((r) => setTimeout(r, 300))
    expect(ssrNode('pages/partial.mako')!.lastHMRTimestamp).toBe(before)
    expect(ssrNode('pages/about.mako')!.lastHMRTimestamp).toBe(beforeDependent)
    // Vite re-runs the importer chain of any changed file; the recompiled modules keep their starttime
    const again = (await server.ssrLoadModule('/templates/pages/about.mako')).default
    expect(again).toBe(about)
    expect(again.starttime).toBe(start)
    expect(await again.render({})).toBe(cachedHtml)
  })

  it('a syntax error goes to the overlay with file, line, column and frame, and to the next SSR request', async () => {
    const good = readFileSync(file('pages/partial.mako'), 'utf8')
    await server.ssrLoadModule('/templates/pages/about.mako')
    const before = ssrNode('pages/partial.mako')!.lastHMRTimestamp
    sent.length = 0
    save('pages/partial.mako', good + '% if n:\n<p>unclosed</p>\n')
    const error = await waitFor(() => sent.find((p) => p.type === 'error'), 'the error payload')
    const line = good.split('\n').length
    expect(error.err!.loc).toEqual({ file: file('pages/partial.mako'), line, column: 0 })
    expect(error.err!.message).toMatch(/Unterminated control keyword/)
    expect(error.err!.frame).toContain(`${line} | % if n:`)
    // no hot update for a broken save: a browser keeps running the last good module
    expect(ssrNode('pages/partial.mako')!.lastHMRTimestamp).toBe(before)
    // Vite itself invalidates the file on change, so the server's next load reports the error
    await expect(server.ssrLoadModule('/templates/pages/about.mako')).rejects.toMatchObject({ name: 'TemplateSyntaxError', loc: { line } })

    sent.length = 0
    // the watcher throttles change events of one file (~50 ms): a person never saves faster
    await new Promise((r) => setTimeout(r, 150))
    save('pages/partial.mako', good.replace('part ${n}', 'fixed ${n}'))
    // the overlay is cleared by an update without a reload
    await waitFor(() => sent.find((p) => p.type === 'update'), 'the update that clears the overlay')
    expect(sent.some((p) => p.type === 'full-reload')).toBe(false)
    await waitFor(() => ssrNode('pages/partial.mako')!.lastHMRTimestamp > before, 'the fixed module to update')
    const partial = (await server.ssrLoadModule('/templates/pages/partial.mako')).default
    expect(await partial.render({ n: 2 })).toContain('fixed 2')
  })

  it('a new template is found through the lookup without a restart', async () => {
    const home = async (which: string) => (await server.ssrLoadModule('/templates/pages/home.mako')).default.render({ heading: 'x', price: 1, which })
    // the Node API's class and message, through the virtual lookup module (the class as the
    // app's server code sees it: here the package is linked, so Vite loads it as source)
    const missing = await home('c').catch((err) => err)
    const runtime = await server.ssrLoadModule('vite-plugin-mako/runtime')
    expect(missing).toBeInstanceOf(runtime.TemplateLookupException)
    expect(missing.name).toBe(TemplateLookupException.name)
    expect(missing.message).toMatch(/^Can't locate template for uri '\/dyn\/c.mako' \(asked for by template '\/pages\/home.mako'/)
    save('dyn/c.mako', '<p>dynamic C</p>\n')
    await waitFor(async () => (await home('c').catch(() => '')).includes('<p>dynamic C</p>'), 'the new template through the lookup')
  })
})

describe('plugin in the dev server, async SSR templates', () => {
  let project: ReturnType<typeof makeProject>
  let server: ViteDevServer
  const sent: { type: string; err?: { loc?: { file: string; line: number; column: number }; frame?: string } }[] = []

  beforeAll(async () => {
    project = makeProject(join(repoRoot, 'test/plugin/fixtures/app'), 'mako-dev-async-')
    const { createServer } = await import('vite')
    server = await createServer({
      root: project.dir,
      configFile: false,
      logLevel: 'silent',
      appType: 'custom',
      plugins: [mako({ root: 'templates', ssr: { async: true } })],
      server: { middlewareMode: true, ws: false },
    })
    const hot = server.environments.client.hot
    const send = hot.send.bind(hot)
    hot.send = ((payload: any) => {
      sent.push(payload)
      return send(payload)
    }) as typeof hot.send
  })
  afterAll(async () => {
    await server?.close()
    project?.dispose()
  })

  it('a runtime error in the third ${} of a line reaches the overlay at its column', async () => {
    const mod = await server.ssrLoadModule('/templates/boom-third.mako')
    const rendering = mod.default.render({ ok: 1, o: {} })
    expect(rendering).toBeInstanceOf(Promise)
    const err = await rendering.then(() => undefined, (e: Error) => e)
    expect(err).toBeInstanceOf(TypeError)
    reportRenderError(server, err)
    expect(err!.stack).toContain('boom-third.mako:3:19')
    const error = sent.find((p) => p.type === 'error')!
    expect(error.err!.loc).toEqual({ file: join(project.dir, 'templates', 'boom-third.mako'), line: 3, column: 18 })
    expect(error.err!.frame).toContain(' | ' + ' '.repeat(18) + '^')
  })
})
