// `vite-plugin-mako/cache/redis`: the Redis backend (redis.ts). Importing this entry means the
// backend is used, so node-redis starts loading now, before the first cache call; the main entry
// registers the backend through redis.ts without loading node-redis (a process that only compiles
// templates, such as a `vite build`, never needs it).
import { createRedisBackend } from './redis.js'

export * from './redis.js'

createRedisBackend.preload?.()
