// `vite-plugin-mako/cache/memcached`: the Memcached backend (memcached.ts). Importing this entry means the
// backend is used, so memjs starts loading now, before the first cache call; the main entry
// registers the backend through memcached.ts without loading memjs (a process that only compiles
// templates, such as a `vite build`, never needs it).
import { createMemcachedBackend } from './memcached.js'

export * from './memcached.js'

createMemcachedBackend.preload?.()
