// The caching API of the runtime entry: Cache, CacheImpl and its registry, configureCache, the memory backend, the dogpile getOrCreate for backends.
export { Cache } from './cache.js'
export {
  CacheImpl, StorageCacheImpl, registerCacheImpl, registerBackend, configureCache, resetCacheConfig, closeCacheBackends,
  loadCacheImpl, findCacheImpl, storageGetOrCreate, storageGet, storageSet, storageDelete,
  type CacheImplClass, type BackendFactory, type CacheConfig, type CacheErrorHandler, type DogpileOptions,
} from './impl.js'
export { MemoryBackend, createMemoryBackend, type MemoryBackendOptions } from './memory.js'
export type { CacheArgs, CacheOwner, Envelope, StorageBackend } from './types.js'
