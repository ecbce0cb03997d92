// Deterministic data for the render cases: the same objects go to every engine.
//
// Strings that need escaping use only `&`, `<` and `>`: every engine spells those
// three the same way (`&amp; &lt; &gt;`), while `"` and `'` differ between them
// (Handlebars writes `&quot; &#x27;`, Pug leaves `'` alone, ...). Quotes are checked
// separately, on ours against EJS, LiquidJS and the hand-written escape, which all
// spell them `&#34; &#39;` as ours does (see QUOTES in this file).

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Ken', 'Frances', 'Niklaus']
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Thompson', 'Allen', 'Wirth']
const CITY = ['London', 'New York', 'Amsterdam', 'Zurich', 'Boston', 'Stanford', 'Cambridge', 'Berkeley', 'Oslo', 'Austin']
const COMPANY = ['Analytical Engines', 'Remington Rand', 'Bletchley Park', 'Burroughs', 'MIT', 'Bell Labs', 'IBM', 'ETH']

/** xorshift32: the same sequence on every run and every machine. */
function rng(seed) {
  let x = seed >>> 0
  return () => {
    x ^= x << 13; x >>>= 0
    x ^= x >>> 17
    x ^= x << 5; x >>>= 0
    return x / 0x100000000
  }
}

function pick(r, list) {
  return list[Math.floor(r() * list.length)]
}

/** 100 items `{ name }`; every fourth name holds `<`, `>` or `&`. */
export function listData(count = 100) {
  const r = rng(7)
  const items = []
  for (let i = 0; i < count; i++) {
    let name = `${pick(r, FIRST)} ${pick(r, LAST)} #${i}`
    if (i % 4 === 1) name = `<b>${name}</b>`
    else if (i % 4 === 3) name = `${name} & partners <co>`
    items.push({ name })
  }
  return { items }
}

/** A page: title, heading and 100 rows of five string fields and a flag. */
export function pageData(count = 100) {
  const r = rng(11)
  const rows = []
  for (let i = 0; i < count; i++) {
    const first = pick(r, FIRST)
    const last = pick(r, LAST)
    rows.push({
      name: `${first} ${last}`,
      email: `${first.toLowerCase()}.${last.toLowerCase()}@example.com`,
      city: pick(r, CITY),
      company: i % 5 === 2 ? `${pick(r, COMPANY)} & Sons` : pick(r, COMPANY),
      note: i % 3 === 0 ? `score < ${i} > ${i >> 1}` : `note ${i}`,
      active: r() < 0.5,
    })
  }
  return { pageTitle: 'Users & <Groups>', heading: 'All users & their <roles>', rows }
}

/** Escape-spelling check only (not timed): all five characters ours escapes. */
export const QUOTES = { items: [{ name: `Tom & Jerry's "<show>"` }, { name: `it's "quoted"` }] }

const WORDS = ('the template engine renders each page from a layout and its blocks while the lookup ' +
  'keeps compiled modules for every file so that a request only runs code written once at build time ' +
  'and nothing is parsed again unless the source changes on disk').split(' ')
const MARKS = [`"quoted"`, `it's`, `a & b`, `x < y`, `y > z`, `O'Brien's`, `<em>`, `"don't"`]

/** Prose of about `length` characters, one escapable mark about every `every` words. */
function prose(r, length, every) {
  let s = ''
  let n = 0
  while (s.length < length) {
    const w = ++n % every === 0 ? pick(r, MARKS) : pick(r, WORDS)
    s += s ? ' ' + w : w[0].toUpperCase() + w.slice(1)
    if (n % 17 === 0) s += '.'
  }
  return s + '.'
}

const CODE = [
  `<%def name="row(r)">\n  <tr class="\${r.kind}">\${r.name}</tr>\n</%def>`,
  `const lookup = new TemplateLookup({ directories: ['templates'] })\nif (a < b && b > c) render("page")`,
  `<a href="/docs?q=1&amp;lang=en" title='it\\'s'>link</a>`,
]

/** A documentation page: a sidebar of links, sections of long paragraphs with `& < > " '`, code samples. */
export function docsData() {
  const r = rng(23)
  const links = []
  for (let i = 0; i < 40; i++) {
    const text = `${pick(r, WORDS)} ${pick(r, WORDS)}`
    links.push({ href: `/docs/page-${i}?tab=api&lang=en`, title: i % 3 ? `Section ${i}: "${text}"` : `Section ${i}`, text: i % 5 ? text : `${text} & more` })
  }
  const sections = []
  for (let i = 0; i < 8; i++) {
    const paragraphs = []
    for (let j = 0; j < 4; j++) paragraphs.push(prose(r, 900, 12 + j * 10))
    sections.push({ id: `s${i}`, heading: i % 2 ? `Part ${i}: the <block> tag` : `Part ${i}: layouts & "inheritance"`, paragraphs, code: CODE[i % CODE.length] })
  }
  return { title: `Templates & "quoting": the <escape> guide`, links, sections }
}

/** An e-mail: greeting, a table of order lines, a note; names with apostrophes and quotes. */
export function emailData() {
  const r = rng(31)
  const lines = []
  for (let i = 0; i < 12; i++) lines.push({ name: i % 4 ? `${pick(r, COMPANY)} widget #${i}` : `"Deluxe" O'Reilly guide #${i}`, qty: 1 + (i % 3), price: (9.5 + i * 3.25).toFixed(2) })
  return {
    name: `Seán O'Brien`,
    order: 'A-1024',
    lines,
    note: prose(r, 600, 15),
    unsubscribe: '/unsubscribe?u=42&token=abc',
  }
}
