// The render cases: data, hand-written function, and the output check that gates timing.

import path from 'node:path'
import { TEMPLATES } from './engines.js'
import { docsData, emailData, listData, pageData } from './data.js'
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
  {
    // the page case with 10 rows: what a render costs besides its rows (set-up, layout)
    id: 'page-10',
    title: 'Page: layout + blocks + 10 rows through a def',
    dir: path.join(TEMPLATES, 'page'),
    data: pageData(10),
    hand: hand.page,
  },
  {
    // the page case as users load it: ours through TemplateLookup({ directories }) from the
    // files (peers load from files in every case)
    id: 'page-files',
    title: 'Page, ours loaded from files (TemplateLookup directories)',
    dir: path.join(TEMPLATES, 'page'),
    data: pageData(),
    hand: hand.page,
    oursOptions: { files: true },
  },
  {
    id: 'docs',
    title: 'Documentation page: 32 paragraphs of ~900 characters with & < > " \', code samples, 40 sidebar links',
    dir: path.join(TEMPLATES, 'docs'),
    data: docsData(),
    hand: hand.docs,
    quotes: true,
  },
  {
    id: 'email',
    title: 'E-mail: greeting, 12 order lines, a note; names with quotes and apostrophes',
    dir: path.join(TEMPLATES, 'email'),
    data: emailData(),
    hand: hand.email,
    quotes: true,
  },
]

/**
 * Engines spell the same escape differently (`"`: `&#34;`, `&quot;`; `'`: `&#39;`, `&#x27;`,
 * or left alone by Pug and in text by some; Handlebars also writes `=` and `` ` ``, Nunjucks `\\`, as
 * entities). On the cases with quotes in the data, both sides are compared with these
 * spellings made one: `"` must still be escaped, `'` may be either. Ours is compared byte
 * for byte.
 */
export function normaliseQuotes(s) {
  return s.replace(/&quot;|&#x22;/g, '&#34;').replace(/&#39;|&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&#92;/g, '\\')
}

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
export function compareOutput(expected, got, engineId, quotes = false) {
  if (typeof got !== 'string') return { index: 0, reason: `render returned ${typeof got}, not a string` }
  // ours spells quotes as the hand-written escape does: compared byte for byte
  const norm = quotes && engineId !== 'ours'
  let a = norm ? normaliseQuotes(expected) : expected
  let b = norm ? normaliseQuotes(got) : got
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
