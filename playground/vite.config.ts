// The playground's Vite config: one mako() plugin for the browser widget and the SSR pages.
import { defineConfig } from 'vite'
import mako from 'vite-plugin-mako'

// The server's templates compile in async mode: the SSR server streams its pages, and a
// page's slow parts (a cached fragment made on a cold cache, data that comes late) hold back
// only what follows them. MAKO_CACHE=redis (with REDIS_URL) caches fragments in Redis; the
// default is in memory. The `ssr` options never reach the browser bundle (the URL stays on
// the server).
const useRedis = process.env.MAKO_CACHE === 'redis'

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [
    mako({
      root: 'src/templates',
      ssr: useRedis
        ? { async: true, cacheImpl: 'redis', cacheArgs: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0' } }
        : { async: true },
    }),
  ],
  build: isSsrBuild
    ? { outDir: 'dist/server', ssr: 'src/entry-server.ts', emptyOutDir: true }
    : { outDir: 'dist/client', manifest: true, emptyOutDir: true, rolldownOptions: { input: 'src/entry-client.ts' } },
}))
