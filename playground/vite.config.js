// The playground's Vite config: one mako() plugin for the browser widget and the SSR pages.
import { defineConfig } from 'vite'
import mako from 'vite-plugin-mako'

// MAKO_CACHE=redis (with REDIS_URL) caches fragments in Redis; the default is in memory.
// Redis is asynchronous, so the server's templates compile in async mode then; the
// `ssr` options never reach the browser bundle (the URL stays on the server).
const useRedis = process.env.MAKO_CACHE === 'redis'

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [
    mako({
      root: 'src/templates',
      ssr: useRedis
        ? { async: true, cacheImpl: 'redis', cacheArgs: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0' } }
        : {},
    }),
  ],
  build: isSsrBuild
    ? { outDir: 'dist/server', ssr: 'src/entry-server.js', emptyOutDir: true }
    : { outDir: 'dist/client', manifest: true, emptyOutDir: true, rolldownOptions: { input: 'src/entry-client.js' } },
}))
