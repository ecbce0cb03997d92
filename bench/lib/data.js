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
