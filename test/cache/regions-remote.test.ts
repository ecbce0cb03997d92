// Regions on the real network backends through templates: a memory short_term page, a redis/memcached long_term block.

import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createClient } from 'redis'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { Template } from '../../src/index.js'
import '../../src/runtime/cache/redis.js'
import '../../src/runtime/cache/memcached.js'
import { closeCacheBackends, configureCache, resetCacheConfig } from '../../src/runtime/cache/index.js'
import { describeWithService, startMemcached, startRedis, type Service } from '../services.js'
import { sleep } from './helpers.js'

const fixtures = new URL('../fixtures/', import.meta.url)

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

      // another template object of the same uri and text in this process starts clean (as a
      // recompiled Mako template does), in every region
      const again = new Template(page, { ...opts, starttime: 0 } as never)
      const c2 = counting()
      expect(await again.render({ next: c2.next, slow })).toBe('page1|header2')

      await t.cache.invalidateDef('header')
      expect(await t.cache.get('render_header', { region: 'long_term' })).toBeUndefined()
      await t.cache.invalidateBody()
      expect(await t.render({ next: c.next, slow })).toBe('page3|header4')
    })

    it('a buffered def whose filter escapes comes back from the backend as Markup: escaped once on a hit', async () => {
      const prefix = `mk${++seq}:`
      const src = '<%def name="d()" buffered="True" cached="True" cache_region="long_term" filter="h">${v | n}</%def>[${d()}]'
      const opts = { async: true, uri: `/markup-${type}.mako`, starttime: 1, cacheRegions: regions(type, server.url, prefix) }
      const t = new Template(src, opts as never)
      expect(await t.render({ v: '<b>' })).toBe('[&lt;b&gt;]')
      // the hit reads the stored JSON back from the server (a remote backend keeps no local copy)
      expect(await t.render({ v: 'ignored' })).toBe('[&lt;b&gt;]')
    })

    it('refuses the network region in a sync template, naming the async option', () => {
      // at load, before any render (issue 6)
      expect(() => new Template(
        '<%block name="b" cached="True" cache_region="long_term">x</%block>',
        { cacheRegions: regions(type, server.url, 'sync:') },
      )).toThrow(/async: true/)
    })

    it('shares the long_term entries with another process running the same build', async () => {
      const prefix = `xp${++seq}:`
      const uri = `/cross-${type}.mako`
      const starttime = Date.now() - 60_000
      const opts = { async: true, uri, starttime, cacheRegions: regions(type, server.url, prefix) }
      const t = new Template(page, opts as never)
      const c = counting()
      expect(await t.render({ next: c.next, slow })).toBe('page1|header2')
      const reply = await new Promise<{ out?: string, renders?: number, error?: string }>((resolve, reject) => {
        const child = fork(fileURLToPath(new URL('cache-template-worker.mjs', fixtures)), [], {
          execArgv: ['--import', fileURLToPath(new URL('ts-register.mjs', fixtures))],
          env: { ...process.env, TYPE: type, URL: server.url, PREFIX: prefix, STARTTIME: String(starttime), SOURCE: page, URI: uri },
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        })
        child.once('message', resolve)
        child.once('error', reject)
        child.once('exit', (code) => reject(new Error(`worker exited with ${code} without a reply`)))
      })
      expect(reply.error).toBeUndefined()
      // its own memory region renders the page; the block comes from the shared backend
      expect(reply).toEqual({ out: 'page1|header2', renders: 1 })
    }, 30_000)

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
