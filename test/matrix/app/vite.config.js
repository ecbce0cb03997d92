import { defineConfig } from 'vite'
import mako from 'vite-plugin-mako'

// the documented set-up: Redis for the server side only, with nothing but its url
export default defineConfig({
  plugins: [mako({ root: 'templates', ssr: { async: true, cacheImpl: 'redis', cacheArgs: { url: process.env.REDIS_URL } } })],
  build: { outDir: process.env.OUT ?? 'dist/client', emptyOutDir: true },
})
