// The playground's SSR server: Vite in middleware mode in dev, the `vite build` output with NODE_ENV=production.
// Pages stream (template.stream(): docs/streaming.md); `?render` gives one through render() instead,
// `?cold` makes the slow page's cached sidebar again.
//
//   node playground/server.js                       dev server (hot updates), http://127.0.0.1:5173
//   NODE_ENV=production node playground/server.js   builds dist/ if missing, then serves it
//   MAKO_CACHE=redis REDIS_URL=redis://127.0.0.1:6379/0 ...   cached fragments in Redis
import { createServer as createHttpServer } from 'node:http'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.json': 'application/json', '.svg': 'image/svg+xml', '.map': 'application/json' }

/**
 * Starts the server; resolves once it listens. Tests pass `root` (a copy of this folder),
 * `port: 0` and a polling `watch`. Returns the URL, the Vite server (dev) and close().
 */
export async function startServer({
  root = here,
  production = process.env.NODE_ENV === 'production',
  host = '127.0.0.1',
  port = Number(process.env.PORT ?? 5173),
  watch,
  logLevel,
} = {}) {
  const httpServer = createHttpServer()
  let vite
  let streamPage
  let renderPage
  let viteHead = async () => ''
  let clientEntry
  let serveStatic = async () => false

  if (production) {
    const client = join(root, 'dist/client')
    const serverEntry = join(root, 'dist/server/entry-server.js')
    if (!existsSync(serverEntry) || !existsSync(join(client, '.vite/manifest.json'))) await buildPlayground(root, logLevel)
    const manifest = JSON.parse(await readFile(join(client, '.vite/manifest.json'), 'utf8'))
    clientEntry = '/' + manifest['src/entry-client.ts'].file
    const { stream, render } = await import(pathToFileURL(serverEntry).href)
    streamPage = stream
    renderPage = render
    serveStatic = async (path, res) => {
      const file = normalize(join(client, path))
      if (!file.startsWith(client + '/') || !existsSync(file) || path.endsWith('/')) return false
      const body = await readFile(file).catch(() => undefined)
      if (!body) return false
      res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream')
      res.end(body)
      return true
    }
  } else {
    const { createServer } = await import('vite')
    vite = await createServer({
      root,
      logLevel,
      appType: 'custom',
      // the HMR websocket shares our port
      server: { middlewareMode: true, hmr: { server: httpServer }, watch },
    })
    clientEntry = '/src/entry-client.ts'
    // ssrLoadModule per request: after an edit the next request renders the new templates
    streamPage = async (path, data) => (await vite.ssrLoadModule('/src/entry-server.ts')).stream(path, data)
    renderPage = async (path, data) => (await vite.ssrLoadModule('/src/entry-server.ts')).render(path, data)
    // what Vite adds to a page's <head> (its client, for hot updates): the page streams, so
    // instead of transformIndexHtml over the whole page, the tags go in through the data
    viteHead = async (path) => {
      const html = await vite.transformIndexHtml(path, '<html><head></head><body></body></html>')
      return /<head>([\s\S]*)<\/head>/.exec(html)?.[1] ?? ''
    }
  }

  const handle = async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    try {
      if (await serveStatic(path, res)) return
      if (path === '/favicon.ico') {
        res.statusCode = 204
        res.end()
        return
      }
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams
      const data = { clientEntry, viteHead: await viteHead(path), cold: query.has('cold') }
      // `?render`: the page through render(), whole (to compare with the stream)
      const stream = query.has('render') ? await renderPage(path, data).then((html) => html == null ? null : new ReadableStream({ start(c) { c.enqueue(html); c.close() } })) : await streamPage(path, data)
      if (stream == null) {
        res.statusCode = 404
        res.setHeader('content-type', 'text/plain')
        res.end(`No page at ${path}`)
        return
      }
      // the page streams (docs/streaming.md): each chunk is written as it comes; an error
      // before the first one is still a 500, after it the response is cut off
      const reader = stream.getReader()
      let started = false
      res.on('close', () => {
        if (!res.writableFinished) reader.cancel().catch(() => {})
      })
      try {
        for (let r = await reader.read(); !r.done; r = await reader.read()) {
          if (!started) {
            started = true
            res.setHeader('content-type', 'text/html; charset=utf-8')
          }
          if (!res.write(r.value)) await once(res, 'drain')
        }
      } catch (err) {
        if (!started) throw err
        vite?.ssrFixStacktrace(err)
        console.error(err)
        res.destroy(err)
        return
      }
      if (!started) res.setHeader('content-type', 'text/html; charset=utf-8')
      res.end()
    } catch (err) {
      // source maps point the stack at the .mako line
      vite?.ssrFixStacktrace(err)
      console.error(err)
      res.statusCode = 500
      res.setHeader('content-type', 'text/plain; charset=utf-8')
      res.end(String(err?.stack ?? err))
    }
  }
  httpServer.on('request', (req, res) => {
    if (vite) vite.middlewares(req, res, () => handle(req, res))
    else handle(req, res)
  })

  await new Promise((ok, fail) => {
    httpServer.once('error', fail)
    httpServer.listen(port, host, ok)
  })
  const address = httpServer.address()
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}`
  return {
    url,
    vite,
    async close() {
      await vite?.close()
      httpServer.closeAllConnections?.()
      await new Promise((ok) => httpServer.close(() => ok()))
    },
  }
}

/** `vite build` (browser bundle + manifest) and `vite build --ssr` (the server entry). */
export async function buildPlayground(root = here, logLevel) {
  const { build } = await import('vite')
  await build({ root, logLevel })
  await build({ root, logLevel, build: { ssr: 'src/entry-server.ts' } })
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await startServer()
  console.log(`playground (${process.env.NODE_ENV === 'production' ? 'production' : 'dev'}, cache: ${process.env.MAKO_CACHE ?? 'memory'}) at ${server.url}`)
  const stop = async () => {
    await server.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
