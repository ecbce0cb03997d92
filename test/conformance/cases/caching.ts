// Caching (caching.rst, SPEC 7) with the default memory backend and a registered plugin.
// Each case uses its own uri so that no two cases share cache entries.
import type { Case } from '../types.js'
import { t } from './util.js'

function ticker() {
  let n = 0
  return () => ++n
}
const runtime = () => import('../../../src/runtime/index.js' as string) as Promise<any>

function c(name: string, uri: string, text: string, expect: string, extra: Partial<Case> = {}): Case {
  return t(name, '', expect, { entry: uri, ...extra, templates: { [uri]: text, ...(extra.templates ?? {}) } })
}

export const caching: Case[] = [
  c('<%page cached="True"> caches the body across renders (caching.rst)', 'cache/page.mako', '<%page cached="True"/>v=${v}', 'v=1|v=1',
    { run: (l) => { const tp = l.getTemplate('cache/page.mako'); return tp.render({ v: 1 }) + '|' + tp.render({ v: 2 }) } }),
  c('cached def renders once', 'cache/def.mako', '<%def name="f()" cached="True">${tick()}</%def>${f()}${f()}', '11', { data: { tick: ticker() } }),
  c('cached def key is its name: arguments are not part of it', 'cache/args.mako', '<%def name="f(a)" cached="True">${a}</%def>${f(1)}${f(2)}', '11'),
  c('cache_key with ${} and the def arguments', 'cache/key.mako', '<%def name="f(a)" cached="True" cache_key="k${a}">${a}:${tick()} </%def>${f(1)}${f(2)}${f(1)}', '1:1 2:2 1:1 ', { data: { tick: ticker() } }),
  c('cache_key sees a def argument after its default: foo() stores under foo_5 (caching.rst)', 'cache/key-default.mako',
    '<%def name="foo(num=5)" cached="True" cache_key="foo_${num}">${num}:${tick()}</%def>${foo()} ${foo(6)} ${foo()}', '5:1 6:2 5:1|5:1|6:2', {
      data: { tick: ticker() },
      run: (l, d) => { const tp = l.getTemplate('cache/key-default.mako'); return [tp.render(d), tp.cache.get('foo_5'), tp.cache.get('foo_6')].join('|') } }),
  c('cache_key sees rest parameters', 'cache/key-rest.mako',
    '<%def name="foo(a, ...args)" cached="True" cache_key="foo_${a}_${args.length}">${a}${args.join()}</%def>${foo(1, 2, 3)} ${foo(1)}', '12,3 1|12,3', {
      run: (l) => { const tp = l.getTemplate('cache/key-rest.mako'); return tp.render({}) + '|' + tp.cache.get('foo_1_2') } }),
  c('cache_key sees destructured parameters and their defaults', 'cache/key-pattern.mako',
    '<%def name="foo({ id, kind = \'row\' }, [first] = [9])" cached="True" cache_key="${kind}_${id}_${first}">${id}</%def>${foo({ id: 3 })}', '3|3', {
      run: (l) => { const tp = l.getTemplate('cache/key-pattern.mako'); return tp.render({}) + '|' + tp.cache.get('row_3_9') } }),
  c('cache_key sees a default that reads a context name', 'cache/key-default-ctx.mako',
    '<%def name="foo(num = dflt)" cached="True" cache_key="foo_${num}">${num}</%def>${foo()}', '7|7', {
      run: (l) => { const tp = l.getTemplate('cache/key-default-ctx.mako'); return tp.render({ dflt: 7 }) + '|' + tp.cache.get('foo_7') } }),
  c('cache_key of a cached page sees the page args with their defaults (caching.rst)', 'cache/key-page.mako',
    "<%page args=\"bar='hi'\" cached=\"True\" cache_key=\"foo_${bar}\"/>${bar}", 'hi|x|hi|x', {
      run: (l) => { const tp = l.getTemplate('cache/key-page.mako'); return [tp.render({}), tp.render({ bar: 'x' }), tp.cache.get('foo_hi'), tp.cache.get('foo_x')].join('|') } }),
  c('cache_key of a cached page sees a rest page arg', 'cache/key-page-rest.mako',
    '<%page args="a, ...more" cached="True" cache_key="p_${a}_${Object.keys(more).join()}"/>${a}', '1|1', {
      run: (l) => { const tp = l.getTemplate('cache/key-page-rest.mako'); return tp.render({ a: 1, b: 2 }) + '|' + tp.cache.get('p_1_b') } }),
  c('cache_key of a cached block sees its args with their defaults', 'cache/key-block.mako',
    '<%block name="b" args="x=3" cached="True" cache_key="b_${x}">${x}</%block>', '3|3', {
      run: (l) => { const tp = l.getTemplate('cache/key-block.mako'); return tp.render({}) + '|' + tp.cache.get('b_3') } }),
  c('cache_key of a cached nested def sees its defaults', 'cache/key-nested.mako',
    '<%def name="outer()"><%def name="inner(n = 4, ...r)" cached="True" cache_key="in_${n}_${r.length}">${n}</%def>${inner()}</%def>${outer()}', '4|4', {
      run: (l) => { const tp = l.getTemplate('cache/key-nested.mako'); return tp.render({}) + '|' + tp.cache.get('in_4_0') } }),
  c('cached named block', 'cache/block.mako', '<%block name="b" cached="True">${tick()}</%block>|${b()}', '1|1', { data: { tick: ticker() } }),
  c('cached anonymous block in a loop', 'cache/anon.mako', '% for i in [1, 2]:\n<%block cached="True">${i}</%block>\n% endfor\n', '1\n1\n'),
  c('cache_timeout is accepted', 'cache/timeout.mako', '<%def name="f()" cached="True" cache_timeout="60">${tick()}</%def>${f()}${f()}', '11', { data: { tick: ticker() } }),
  c('cacheEnabled false turns caching off', 'cache/off.mako', '<%def name="f()" cached="True">${tick()}</%def>${f()}${f()}', '12', { data: { tick: ticker() }, options: { cacheEnabled: false } }),
  c('cached page output is the filtered output', 'cache/esc.mako', '<%page cached="True"/>${v}', '&lt;b&gt;|&lt;b&gt;',
    { run: (l) => { const tp = l.getTemplate('cache/esc.mako'); return tp.render({ v: '<b>' }) + '|' + tp.render({ v: 'x' }) } }),
  c('local.cache set/get in a template (caching.rst)', 'cache/local.mako', '<% local.cache.set("somekey", "somevalue") %>${local.cache.get("somekey")}', 'somevalue'),
  c('template.cache set/get/put', 'cache/api.mako', 'x', 'v/w', { run: (l) => { const ca = l.getTemplate('cache/api.mako').cache; ca.set('k', 'v'); const a = ca.get('k'); ca.put('k2', 'w'); return a + '/' + ca.get('k2') } }),
  c('template.cache.getOrCreate calls the creator once', 'cache/goc.mako', 'x', 'made:made:1', {
    run: (l) => { const ca = l.getTemplate('cache/goc.mako').cache; let n = 0; const f = () => { n++; return 'made' }; return ca.getOrCreate('k', f) + ':' + ca.getOrCreate('k', f) + ':' + n } }),
  c('invalidateBody re-renders the page (caching.rst)', 'cache/inv-body.mako', '<%page cached="True"/>v=${v}', 'v=1|v=2',
    { run: (l) => { const tp = l.getTemplate('cache/inv-body.mako'); const a = tp.render({ v: 1 }); tp.cache.invalidateBody(); return a + '|' + tp.render({ v: 2 }) } }),
  c('invalidateDef re-renders one def (caching.rst)', 'cache/inv-def.mako', '<%def name="somedef()" cached="True">${v}</%def>${somedef()}', '1|1|3',
    { run: (l) => { const tp = l.getTemplate('cache/inv-def.mako'); const a = tp.render({ v: 1 }); const b = tp.render({ v: 2 }); tp.cache.invalidateDef('somedef'); return a + '|' + b + '|' + tp.render({ v: 3 }) } }),
  c('invalidate(key) for a cache_key (caching.rst)', 'cache/inv-key.mako', '<%def name="f()" cached="True" cache_key="somekey">${v}</%def>${f()}', '1|2',
    { run: (l) => { const tp = l.getTemplate('cache/inv-key.mako'); const a = tp.render({ v: 1 }); tp.cache.invalidate('somekey'); return a + '|' + tp.render({ v: 2 }) } }),
  c('the cache starttime is epoch milliseconds (SPEC 11)', 'cache/start.mako', 'x', 'ok', { run: (l) => { const s = l.getTemplate('cache/start.mako').cache.starttime; return typeof s === 'number' && Math.abs(Date.now() - s) < 600_000 ? 'ok' : String(s) } }),
  c('registered CacheImpl receives exactly the merged options (SPEC 7, 11)', 'cache/plugin.mako', '<%def name="f()" cached="True" cache_impl_test="1" cache_timeout="60" cache_foo="tag">x</%def>${f()}', 'x|{"foo":"tag","impl_test":"1","other":1,"timeout":60}', {
    options: { cacheImpl: 'conf-simple', cacheArgs: { foo: 'lookup', other: 1 } },
    run: async (l) => {
      const rt = await runtime()
      const seen: any[] = []
      class SimpleCacheImpl extends rt.CacheImpl {
        store = new Map<string, unknown>()
        getOrCreate(key: string, create: () => unknown, opts: Record<string, unknown>) {
          seen.push(opts)
          if (!this.store.has(key)) this.store.set(key, create())
          return this.store.get(key)
        }
        set(key: string, value: unknown) { this.store.set(key, value) }
        get(key: string) { return this.store.get(key) }
        invalidate(key: string) { this.store.delete(key) }
      }
      rt.registerCacheImpl('conf-simple', SimpleCacheImpl)
      const out = l.getTemplate('cache/plugin.mako').render({})
      const o = { ...seen[0] }
      delete o.context
      return out + '|' + JSON.stringify(Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1))))
    },
  }),
  c('cache_* on <%page> apply to defs; def values override', 'cache/page-args.mako', '<%page cache_foo="page" cache_bar="page"/><%def name="f()" cached="True" cache_bar="def">x</%def>${f()}', '{"bar":"def","foo":"page"}', {
    options: { cacheImpl: 'conf-rec' },
    run: async (l) => {
      const rt = await runtime()
      const seen: any[] = []
      class Rec extends rt.CacheImpl {
        getOrCreate(_k: string, create: () => unknown, opts: Record<string, unknown>) { seen.push(opts); return create() }
        set() {}
        get() { return undefined }
        invalidate() {}
      }
      rt.registerCacheImpl('conf-rec', Rec)
      l.getTemplate('cache/page-args.mako').render({})
      const o = { ...seen[0] }
      delete o.context
      return JSON.stringify(Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1))))
    },
  }),
  c('cache_region picks a configured region (caching.rst)', 'cache/region.mako', '<%block name="header" cached="True" cache_region="short_term">${tick()}</%block>|${header()}', '1|1',
    { data: { tick: ticker() }, options: { cacheRegions: { short_term: { type: 'memory', expire: 60 } } } }),
  c('cache_key from self.filename-like expression on <%page> (caching.rst)', 'cache/pagekey.mako', '<%page cached="True" cache_key="${self.uri}"/>v=${v}', 'v=1|v=1',
    { run: (l) => { const tp = l.getTemplate('cache/pagekey.mako'); return tp.render({ v: 1 }) + '|' + tp.render({ v: 2 }) } }),
  c('cached anonymous block', 'cache/anon2.mako', '<%block cached="True" cache_timeout="60">${v}</%block>', 'a|a',
    { run: (l) => { const tp = l.getTemplate('cache/anon2.mako'); return tp.render({ v: 'a' }) + '|' + tp.render({ v: 'b' }) } }),
  c('two lookups with the same uri do not share cached output', 'cache/shared.mako', 'x', 'A|B|A|B', {
    run: async () => {
      const { TemplateLookup } = (await import('../../../src/index.js' as string)) as any
      const outs: string[] = []
      for (const text of ['A', 'B', 'A', 'B']) {
        const l = new TemplateLookup({})
        l.putString('same.mako', `<%page cached="True"/>${text}`)
        outs.push(l.getTemplate('same.mako').render({}))
      }
      return outs.join('|')
    },
  }),
  c('fresh lookups with the same uri and text do not share cached defs', 'cache/shared2.mako', 'x', Array.from({ length: 30 }, (_, i) => i).join('|'), {
    run: async () => {
      const { TemplateLookup } = (await import('../../../src/index.js' as string)) as any
      const outs: string[] = []
      for (let v = 0; v < 30; v++) {
        const l = new TemplateLookup({})
        l.putString('same2.mako', '<%def name="f()" cached="True">${v}</%def>${f()}')
        outs.push(l.getTemplate('same2.mako').render({ v }))
      }
      return outs.join('|')
    },
  }),
  c('an async backend from a sync template is an error naming the async option (SPEC 6)', 'cache/redis-sync.mako', '<%def name="f()" cached="True">x</%def>${f()}', 'ok', {
    options: { cacheImpl: 'redis', cacheArgs: { url: 'redis://127.0.0.1:1/0' } },
    run: async (l) => {
      await import('../../../src/runtime/cache/redis.js' as string)
      try {
        l.getTemplate('cache/redis-sync.mako').render({})
        return 'no error'
      } catch (e: any) {
        return /async/.test(String(e?.message)) ? 'ok' : `${e?.name}: ${e?.message}`
      }
    },
  }),
  c('memcached from a sync template is an error naming the async option (SPEC 6)', 'cache/mc-sync.mako', '<%page cached="True"/>x', 'ok', {
    options: { cacheImpl: 'memcached', cacheArgs: { url: 'memcached://127.0.0.1:1' } },
    run: async (l) => {
      await import('../../../src/runtime/cache/memcached.js' as string)
      try {
        l.getTemplate('cache/mc-sync.mako').render({})
        return 'no error'
      } catch (e: any) {
        return /async/.test(String(e?.message)) ? 'ok' : `${e?.name}: ${e?.message}`
      }
    },
  }),
  c('cache_timeout expires the entry (caching.rst)', 'cache/expire.mako', '<%def name="f()" cached="True" cache_timeout="1">${v}</%def>${f()}', '1|1|3', {
    run: async (l) => {
      const tp = l.getTemplate('cache/expire.mako')
      const a = tp.render({ v: 1 })
      const b = tp.render({ v: 2 })
      await new Promise((r) => setTimeout(r, 1200))
      return [a, b, tp.render({ v: 3 })].join('|')
    },
  }),
  c('invalidateClosure re-renders a cached nested def', 'cache/closure.mako', '<%def name="outer()"><%def name="inner()" cached="True">${v}</%def>${inner()}</%def>${outer()}', '1|1|3', {
    run: (l) => {
      const tp = l.getTemplate('cache/closure.mako')
      const a = tp.render({ v: 1 })
      const b = tp.render({ v: 2 })
      tp.cache.invalidateClosure('inner')
      return [a, b, tp.render({ v: 3 })].join('|')
    },
  }),
  c('<%page cached="True" cache_type="memory"/> (syntax.rst)', 'cache/type.mako', '<%page cached="True" cache_type="memory"/>v=${v}', 'v=1|v=1',
    { run: (l) => { const tp = l.getTemplate('cache/type.mako'); return tp.render({ v: 1 }) + '|' + tp.render({ v: 2 }) } }),
  c('cached def in async mode', 'cache/async-def.mako', '<%def name="f()" cached="True">${p}${tick()}</%def>${f()}${f()}', 'P1P1', { async: true, data: { tick: ticker(), p: Promise.resolve('P') } }),
  c('cached page in async mode', 'cache/async-page.mako', '<%page cached="True"/>v=${v}', 'v=1|v=1', {
    async: true,
    run: async (l) => { const tp = l.getTemplate('cache/async-page.mako'); return (await tp.render({ v: 1 })) + '|' + (await tp.render({ v: 2 })) } }),
  c('concurrent renders of a cached async def create it once', 'cache/async-once.mako', '<%def name="f()" cached="True">${slow()}</%def>${f()}', '1|1', {
    async: true,
    run: async (l) => {
      let n = 0
      const slow = () => new Promise((r) => setTimeout(() => r(++n), 10))
      const tp = l.getTemplate('cache/async-once.mako')
      const [a, b] = await Promise.all([tp.render({ slow }), tp.render({ slow })])
      return a + '|' + b
    },
  }),
]
