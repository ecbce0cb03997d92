// The production server: `node dist/server/server.js` (after `vite build --ssr src/server.js`).
import { createServer } from 'node:http'
import { closeCacheBackends } from 'vite-plugin-mako/runtime'
import page from '../templates/page.mako'
import cached from '../templates/cached.mako'

const server = createServer(async (req, res) => {
  try {
    const html = req.url === '/cached' ? await cached.render({ stamp: process.env.STAMP }) : await page.render({ name: 'server' })
    res.writeHead(200, { 'content-type': 'text/html' }).end(html)
  } catch (err) {
    res.writeHead(500).end(String(err?.stack ?? err))
  }
})
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`))
process.on('SIGTERM', async () => {
  server.close()
  await closeCacheBackends()
  process.exit(0)
})
