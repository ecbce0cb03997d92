import { defineConfig } from 'vite'
import mako from 'vite-plugin-mako'

export default defineConfig({
  plugins: [mako({ root: 'src/templates' })],
})
