// The playground's SSR server: Vite in middleware mode in dev, the `vite build` output with NODE_ENV=production.
// Pages stream (template.stream(): docs/streaming.md); `?render` gives one through render() instead,
// `?cold` makes the slow page's cached sidebar again.
//
//
//   npm run playground                              dev server (hot updates), http://127.0.0.1:5173
//   NODE_ENV=production npm run playground          builds dist/ if missing, then serves it
//   MAKO_CACHE=redis REDIS_URL=redis://127.0.0.1:6379/0 ...   cached fragments in Redis
//
// Node (>= 20.19) does not run TypeScript without flags: `npm run playground` compiles this file
// with tsc (tsconfig.server.json) to dist/node/server.js and runs that (docs/decisions.md);
// the tests import this file as it is (vitest reads TypeScript).
import { createServer as createHttpServer } from 'node:http'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ViteDevServer, WatchOptions, LogLevel } from 'vite'

/** What a request passes to the page entry: the client entry's URL, Vite's head tags (dev), `?cold`. */
export interface RequestOptions {
  clientEntry: string
  viteHead?: string
  cold?: boolean
}

/** What src/entry-server.ts exports (through Vite in dev, from dist/server in production). */
export interface PageEntry {
  render(path: string, options: RequestOptions): Promise<string | null>
  stream(path: string, options: RequestOptions): Promise<ReadableStream<string> | null>
}
type Entry = PageEntry

/** the playground's folder: this file's, or two up from the compiled dist/node/server.js */
const here = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '.' : '../..', import.meta.url))

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.json': 'application/json', '.svg': 'image/svg+xml', '.map': 'application/json' }

/**
 * Starts the server; resolves once it listens. Tests pass `root` (a copy of this folder),
 * `port: 0` and a polling `watch`. Returns the URL, the Vite server (dev) and close().
 */
export interface ServerOptions {
  root?: string
  production?: boolean
  host?: string
  port?: number
  watch?: WatchOptions
  logLevel?: LogLevel
}

export interface PlaygroundServer {
  url: string
  vite: ViteDevServer | undefined
  close(): Promise<void>
}

export async function startServer({
  root = here,
  production = process.env.NODE_ENV === 'production',
  host = '127.0.0.1',
  port = Number(process.env.PORT ?? 5173),
  watch,
  logLevel,
}: ServerOptions = {}): Promise<PlaygroundServer> {
  const httpServer = createHttpServer()
  let vite: ViteDevServer | undefined
  let streamPage: Entry['stream']
  let renderPage: Entry['render']
  let viteHead = async (_path: string): Promise<string> => ''
  let clientEntry: string
  let serveStatic = async (_path: string, _res: ServerResponse): Promise<boolean> => false
  // dev: a render's error goes to Vite's overlay at the template's line and column, and the
  // failed response is a page that shows it (reportRenderError, docs/plugin.md)
  let reportError: ((err: unknown) => string) | undefined

  if (production) {
    const client = join(root, 'dist/client')
    const serverEntry = join(root, 'dist/server/entry-server.js')
    if (!existsSync(serverEntry) || !existsSync(join(client, '.vite/manifest.json'))) await buildPlayground(root, logLevel)
    const manifest = JSON.parse(await readFile(join(client, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string }>
    clientEntry = '/' + manifest['src/entry-client.ts'].file
    const { stream, render } = (await import(pathToFileURL(serverEntry).href)) as Entry
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
    const dev = await createServer({
      root,
      logLevel,
      appType: 'custom',
      // the HMR websocket shares our port
      server: { middlewareMode: true, hmr: { server: httpServer }, watch },
    })
    clientEntry = '/src/entry-client.ts'
    // ssrLoadModule per request: after an edit the next request renders the new templates
    vite = dev
    const { reportRenderError } = await import('vite-plugin-mako')
    reportError = (err) => reportRenderError(dev, err)
    const entry = async () => (await dev.ssrLoadModule('/src/entry-server.ts')) as Entry
    streamPage = async (path, data) => (await entry()).stream(path, data)
    renderPage = async (path, data) => (await entry()).render(path, data)
    // what Vite adds to a page's <head> (its client, for hot updates): the page streams, so
    // instead of transformIndexHtml over the whole page, the tags go in through the data
    viteHead = async (path) => {
      const html = await dev.transformIndexHtml(path, '<html><head></head><body></body></html>')
      return /<head>([\s\S]*)<\/head>/.exec(html)?.[1] ?? ''
    }
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    try {
      if (await serveStatic(path, res)) return
      if (path === '/favicon.ico') {
        res.statusCode = 204
        res.end()
        return
      }
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams
      const data: RequestOptions = { clientEntry, viteHead: await viteHead(path), cold: query.has('cold') }
      // `?render`: the page through render(), whole (to compare with the stream)
      const stream = query.has('render') ? await renderPage(path, data).then((html: string | null) => html == null ? null : new ReadableStream<string>({ start(c) { c.enqueue(html); c.close() } })) : await streamPage(path, data)
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
        // the page's head (Vite's client) has gone out: the open tab shows the overlay
        if (reportError) reportError(err)
        console.error(err)
        res.destroy(err instanceof Error ? err : new Error(String(err)))
        return
      }
      if (!started) res.setHeader('content-type', 'text/html; charset=utf-8')
      res.end()
    } catch (err) {
      // source maps point the stack at the .mako line
      const page = reportError?.(err)
      console.error(err)
      res.statusCode = 500
      if (page !== undefined) {
        res.setHeader('content-type', 'text/html; charset=utf-8')
        res.end(page)
        return
      }
      res.setHeader('content-type', 'text/plain; charset=utf-8')
      res.end(String(err instanceof Error ? err.stack : err))
    }
  }
  httpServer.on('request', (req, res) => {
    if (vite) vite.middlewares(req, res, () => handle(req, res))
    else handle(req, res)
  })

  await new Promise<void>((ok, fail) => {
    httpServer.once('error', fail)
    httpServer.listen(port, host, () => ok())
  })
  const address = httpServer.address()
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}`
  return {
    url,
    vite,
    async close() {
      await vite?.close()
      httpServer.closeAllConnections?.()
      await new Promise<void>((ok) => httpServer.close(() => ok()))
    },
  }
}

/** `vite build` (browser bundle + manifest) and `vite build --ssr` (the server entry). */
export async function buildPlayground(root = here, logLevel?: LogLevel): Promise<void> {
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
