// The render cases: data, hand-written function, and the output check that gates timing.

import path from 'node:path'
import { TEMPLATES } from './engines.js'
import { listData, pageData } from './data.js'
import * as hand from './handwritten.js'

export const CASES = [
  {
    id: 'escaped-list',
    title: 'Escaped list (100 rows)',
    dir: path.join(TEMPLATES, 'escaped-list'),
    data: listData(),
    hand: hand.escapedList,
  },
  {
    id: 'unescaped-list',
    title: 'Unescaped list (100 rows)',
    dir: path.join(TEMPLATES, 'unescaped-list'),
    data: listData(),
    hand: hand.unescapedList,
  },
  {
    id: 'page',
    title: 'Page: layout + blocks + 100 rows through a def',
    dir: path.join(TEMPLATES, 'page'),
    data: pageData(),
    hand: hand.page,
  },
]

/**
 * Pug writes no whitespace between tags (there is no idiomatic way to make it write
 * newlines), so Pug's output, and only Pug's, is compared with the whitespace between
 * tags removed on both sides. Every other engine must match byte for byte.
 */
export const NORMALISED = new Set(['pug'])

export function normaliseTags(s) {
  return s.replace(/>\s+</g, '><').trim()
}

/** null when equal; otherwise where and how the outputs differ. */
export function compareOutput(expected, got, engineId) {
  if (typeof got !== 'string') return { index: 0, reason: `render returned ${typeof got}, not a string` }
  let a = expected
  let b = got
  if (NORMALISED.has(engineId)) {
    a = normaliseTags(a)
    b = normaliseTags(b)
  }
  if (a === b) return null
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  const line = a.slice(0, i).split('\n').length
  return {
    index: i,
    line,
    expected: a.slice(Math.max(0, i - 40), i + 60),
    got: b.slice(Math.max(0, i - 40), i + 60),
    expectedLength: a.length,
    gotLength: b.length,
  }
}
