// Plain Rollup 4: the server entry, self-contained through @rollup/plugin-node-resolve (no
// client/server split here: the template options are the server's).
import { nodeResolve } from '@rollup/plugin-node-resolve'
import mako from 'vite-plugin-mako'

export default {
  input: 'src/server.js',
  plugins: [nodeResolve({ preferBuiltins: true }), mako({ root: 'templates', async: true, cacheImpl: 'redis', cacheArgs: { url: process.env.REDIS_URL } })],
  // the redis client is the app's own dependency
  external: ['redis'],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY') return
    warn(warning)
  },
  output: { dir: 'dist/server', format: 'es' },
}
