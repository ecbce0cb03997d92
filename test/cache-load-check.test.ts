// A sync template that caches in an async backend fails when it loads, naming the option (issue 6).
import { describe, expect, it } from 'vitest'
import { Template, TemplateLookup } from '../src/index.js'

describe('async cache backends and sync templates', () => {
  const regions = { short_term: { type: 'memory', expire: 60 }, long_term: { type: 'redis', url: 'redis://127.0.0.1:1/0', expire: 300 } }

  it('rejects a sync template whose cached block uses a redis region, at load', () => {
    expect(() => new Template('<%block cached="True" cache_region="long_term">x</%block>', { cacheRegions: regions })).toThrow(/async: true/)
  })

  it('rejects cacheImpl: redis / cache_type="memcached" in a sync template', () => {
    expect(() => new Template('<%def name="f()" cached="True">x</%def>', { cacheImpl: 'redis' })).toThrow(/'redis' backend/)
    expect(() => new Template('<%page cached="True" cache_type="memcached"/>x')).toThrow(/'memcached' backend/)
  })

  it('accepts sync templates that cache in memory, and async ones on redis', () => {
    expect(new Template('<%block cached="True" cache_region="short_term">x</%block>', { cacheRegions: regions }).render()).toBe('x')
    expect(() => new Template('<%block cached="True" cache_region="long_term">x</%block>', { cacheRegions: regions, async: true })).not.toThrow()
  })

  it('reports it through getTemplate for lookups too', () => {
    const lookup = new TemplateLookup({ cacheRegions: regions })
    lookup.putString('/a.mako', '<%block cached="True" cache_region="long_term">x</%block>')
    expect(() => lookup.getTemplate('/a.mako')).toThrow(/async: true/)
  })
})
