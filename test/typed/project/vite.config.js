import { defineConfig } from 'vite'
import mako from 'vite-plugin-mako'

export default defineConfig({
  plugins: [mako()],
  build: { outDir: 'dist', emptyOutDir: true, rolldownOptions: { input: 'good.ts' } },
})
