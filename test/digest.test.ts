// Content digests cover static dependencies, so a cached fragment sees edits below it.
import { describe, expect, it } from 'vitest'
import { compile, TemplateLookup } from '../src/index.js'

describe('template digests', () => {
  it('is stable for the same source and options, and changes with either', () => {
    const a = compile('x ${y}', { starttime: 1 }).meta.digest
    expect(compile('x ${y}', { starttime: 2 }).meta.digest).toBe(a)
    expect(compile('x ${y} ', { starttime: 1 }).meta.digest).not.toBe(a)
    expect(compile('x ${y}', { defaultFilters: ['str'] }).meta.digest).not.toBe(a)
  })

  it('covers included, inherited and imported templates, recursively', () => {
    const lookup = new TemplateLookup()
    lookup.putString('/base.mako', '[${next.body()}]')
    lookup.putString('/part.mako', 'part v1')
    lookup.putString('/ui.mako', '<%def name="b()">b</%def>')
    lookup.putString('/page.mako', '<%inherit file="base.mako"/><%namespace name="ui" file="ui.mako"/><%include file="part.mako"/>')
    lookup.putString('/other.mako', 'no deps')
    const page = lookup.getTemplate('/page.mako')
    const other = lookup.getTemplate('/other.mako')
    const d1 = page.digest
    const o1 = other.digest
    expect(page.digest).toBe(d1)
    lookup.putString('/part.mako', 'part v2')
    expect(page.digest).not.toBe(d1)
    expect(other.digest).toBe(o1)
    const d2 = page.digest
    lookup.putString('/ui.mako', '<%def name="b()">B</%def>')
    expect(page.digest).not.toBe(d2)
  })

  it('retires a cached fragment when a template it includes changes, and only that one', () => {
    const lookup = new TemplateLookup()
    let renders = 0
    const count = () => ++renders
    lookup.putString('/part.mako', 'part v1')
    lookup.putString('/page.mako', '<%block cached="True">${count()}:<%include file="part.mako"/></%block>')
    lookup.putString('/solo.mako', '<%block cached="True">${count()}</%block>')
    const page = lookup.getTemplate('/page.mako')
    const solo = lookup.getTemplate('/solo.mako')
    expect(page.render({ count })).toBe('1:part v1')
    expect(page.render({ count })).toBe('1:part v1')
    expect(solo.render({ count })).toBe('2')
    lookup.putString('/part.mako', 'part v2')
    // the page template object is the same; its digest (and so its cache keys) moved
    expect(lookup.getTemplate('/page.mako')).toBe(page)
    expect(page.render({ count })).toBe('3:part v2')
    expect(solo.render({ count })).toBe('2')
  })
})
