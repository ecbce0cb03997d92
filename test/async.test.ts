// Async mode (SPEC 6): render returns a Promise, thenables are awaited, nothing else is.
import { describe, expect, it } from 'vitest'
import { compile, Template, TemplateLookup } from '../src/index.js'

const later = <T>(v: T, ms = 2) => new Promise<T>((r) => setTimeout(() => r(v), ms))

describe('async mode', () => {
  it('awaits thenable expression values and keeps output order', async () => {
    const t = new Template('a${x}b${y}c${z}', { async: true })
    const p = t.render({ x: later('1', 5), y: '2', z: later('3', 1) })
    expect(p).toBeInstanceOf(Promise)
    expect(await p).toBe('a1b2c3')
  })

  it('awaits async defs, call bodies, blocks, includes and inheritance', async () => {
    const l = new TemplateLookup({ async: true })
    l.putString('base.mako', '<%block name="t">T</%block>[${next.body()}]<%include file="i.mako" args="v=await later(\'I\')"/>')
    l.putString('i.mako', '<%page args="v"/>(${v})')
    l.putString('main.mako', `<%inherit file="base.mako"/>
<%block name="t">\${await later('X')}</%block>\\
<%def name="wrap()"><\${caller.body()}></%def>\\
<%call expr="wrap()">\${later('in')}</%call>\\
<%block filter="trim">  \${later('B')}  </%block>\\
<%def name="plain(v)">{\${v}}</%def>\${(await capture(plain, later('c'))).length}`)
    expect(await l.getTemplate('main.mako').render({ later })).toBe('X[\n<in>B3](I)')
  })

  it('runs a for loop over awaited items', async () => {
    const t = new Template('% for x in await items():\n${x}\n% endfor\n', { async: true })
    expect(await t.render({ items: () => later([1, 2]) })).toBe('1\n2\n')
  })

  it('does not await non-thenables and compiles no await into sync templates', () => {
    const sync = compile('${a} ${f()}').code
    expect(sync).not.toMatch(/\bawait\b/)
    expect(sync).not.toMatch(/async function/)
    expect(new Template('${a}').render({ a: { then: 1 } })).toBe('[object Object]')
  })

  it('rejects with errors thrown while rendering, keeping their class', async () => {
    const t = new Template('${boom()}', { async: true })
    await expect(t.render({ boom: async () => { throw new RangeError('r') } })).rejects.toThrow(RangeError)
  })
})
