// Regions on the real network backends through templates: a memory short_term page, a redis/memcached long_term block.

import { createClient } from 'redis'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { Template } from '../../src/index.js'
import '../../src/runtime/cache/redis.js'
import '../../src/runtime/cache/memcached.js'
import { closeCacheBackends, configureCache, resetCacheConfig } from '../../src/runtime/cache/index.js'
import { describeWithService, startMemcached, startRedis, type Service } from '../services.js'
import { sleep } from './helpers.js'

function counting() {
  let n = 0
  return { next: () => ++n, get count() { return n } }
}

const regions = (type: string, url: string, prefix: string) => ({
  short_term: { type: 'memory', expire: 60 },
  long_term: { type, url, expire: 300, prefix },
})

const page =
  '<%page cached="True" cache_region="short_term"/>' +
  'page${next()}|<%block name="header" cached="True" cache_region="long_term">header${await slow(next)}</%block>'

async function slow(next: () => number) {
  await sleep(20)
  return next()
}

for (const [type, start] of [['redis', startRedis], ['memcached', startMemcached]] as const) {
  describeWithService(type === 'redis' ? 'redis-server' : 'memcached', `long_term region on ${type}`, () => {
    let server: Service
    let seq = 0

    beforeAll(async () => {
      server = await start()
      configureCache({ onError: () => {} })
    }, 30_000)

    afterAll(async () => {
      resetCacheConfig()
      await closeCacheBackends()
      await server?.dispose()
    })

    it('caches the block in the shared backend once for concurrent renders, and invalidates it there', async () => {
      const prefix = `rr${++seq}:`
      const opts = { async: true, uri: `/regions-${type}-${seq}.mako`, cacheRegions: regions(type, server.url, prefix) }
      const t = new Template(page, opts)
      const c = counting()
      const out = await Promise.all(Array.from({ length: 30 }, () => t.render({ next: c.next, slow })))
      expect(new Set(out).size).toBe(1)
      expect(c.count).toBe(2)
      const [, header] = out[0].split('|')

      // another "process": a fresh template object of the same source has an empty
      // memory region, but finds the block in the shared backend
      // (its own memory region: another LRU; starttime 0: a build's compile time, older than the entries)
      const otherRegions = { ...opts.cacheRegions, short_term: { type: 'memory', expire: 60, max: 999 } }
      const other = new Template(page, { ...opts, cacheRegions: otherRegions, starttime: 0 } as never)
      const c2 = counting()
      expect(await other.render({ next: c2.next, slow })).toBe(`page1|${header}`)
      expect(c2.count).toBe(1)

      await t.cache.invalidateDef('header')
      expect(await t.cache.get('render_header', { region: 'long_term' })).toBeUndefined()
      await t.cache.invalidateBody()
      expect(await t.render({ next: c.next, slow })).toBe('page3|header4')
    })

    it('refuses the network region in a sync template, naming the async option', () => {
      const t = new Template(
        '<%block name="b" cached="True" cache_region="long_term">x</%block>',
        { cacheRegions: regions(type, server.url, 'sync:') },
      )
      expect(() => t.render()).toThrow(/async: true/)
    })

    if (type === 'redis') {
      it('stores under the region prefix with the template id and digest in the key, expiring after timeout + grace', async () => {
        const t = new Template('<%block name="b" cached="True" cache_region="long_term">x</%block>', {
          async: true, uri: '/keys.mako', cacheRegions: regions(type, server.url, 'keys:'),
        })
        expect(await t.render()).toBe('x')
        const raw = createClient({ url: server.url })
        raw.on('error', () => {})
        await raw.connect()
        try {
          const keys = await raw.keys('keys:*')
          expect(keys).toEqual([`keys:v:/keys.mako:${t.digest}:render_b`])
          const ttl = await raw.pTTL(keys[0])
          expect(ttl).toBeGreaterThan(355_000)
          expect(ttl).toBeLessThanOrEqual(360_000)
        } finally {
          await raw.close()
        }
      })
    }
  })
}
