// The practical limit: each case as one hand-written function, direct string
// concatenation and a best-effort escape with ours' spelling (`&#34;`, `&#39;`).

const ESC = /[&<>"']/

/**
 * The escape a careful hand would write: a regexp scan then a charCode loop on short values
 * (Pug's way), the chain of native global replaces on long text (the matrix's best there:
 * the loop costs ~20x its instructions on 8 KB of prose, bench/escape-matrix.js).
 */
export function esc(v) {
  const s = typeof v === 'string' ? v : v == null ? '' : String(v)
  if (s.length > 128) return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;')
  return escLoop(s)
}

/** The regexp scan, then a charCode loop from the first hit (the matrix's "hand-written loop"). */
export function escLoop(s) {
  const hit = ESC.exec(s)
  if (hit === null) return s
  let out = ''
  let last = 0
  for (let i = hit.index; i < s.length; i++) {
    let rep
    switch (s.charCodeAt(i)) {
      case 38: rep = '&amp;'; break
      case 60: rep = '&lt;'; break
      case 62: rep = '&gt;'; break
      case 34: rep = '&#34;'; break
      case 39: rep = '&#39;'; break
      default: continue
    }
    if (last !== i) out += s.slice(last, i)
    out += rep
    last = i + 1
  }
  return last !== s.length ? out + s.slice(last) : out
}

export function escapedList(d) {
  let s = '<ul>\n'
  for (const item of d.items) s += '<li>' + esc(item.name) + '</li>\n'
  return s + '</ul>\n'
}

export function unescapedList(d) {
  let s = '<ul>\n'
  for (const item of d.items) s += '<li>' + (item.name ?? '') + '</li>\n'
  return s + '</ul>\n'
}

export function page(d) {
  let s = '<!DOCTYPE html>\n<html>\n<head>\n<title>' + esc(d.pageTitle) +
    '</title>\n</head>\n<body>\n<header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>\n<main>\n<h1>' +
    esc(d.heading) + '</h1>\n<table>\n'
  for (const r of d.rows) {
    s += '<tr>\n<td>' + esc(r.name) + '</td><td>' + esc(r.email) + '</td><td>' + esc(r.city) +
      '</td><td>' + esc(r.company) + '</td><td>' + esc(r.note) + '</td>\n' +
      (r.active ? '<td class="on">active</td>\n' : '<td class="off">inactive</td>\n') + '</tr>\n'
  }
  return s + '</table>\n</main>\n<footer>&copy; 2026 Example</footer>\n</body>\n</html>\n'
}

export function docs(d) {
  let s = '<!DOCTYPE html>\n<html>\n<head>\n<title>' + esc(d.title) + '</title>\n</head>\n<body>\n<nav class="sidebar">\n<ul>\n'
  for (const l of d.links) s += '<li><a href="' + esc(l.href) + '" title="' + esc(l.title) + '">' + esc(l.text) + '</a></li>\n'
  s += '</ul>\n</nav>\n<article>\n<h1>' + esc(d.title) + '</h1>\n'
  for (const sec of d.sections) {
    s += '<section id="' + esc(sec.id) + '">\n<h2>' + esc(sec.heading) + '</h2>\n'
    for (const p of sec.paragraphs) s += '<p>' + esc(p) + '</p>\n'
    s += '<pre><code>' + esc(sec.code) + '</code></pre>\n</section>\n'
  }
  return s + '</article>\n</body>\n</html>\n'
}

export function email(d) {
  let s = '<html>\n<body>\n<p>Dear ' + esc(d.name) + ',</p>\n<p>Thank you for order ' + esc(d.order) + '.</p>\n<table>\n'
  for (const l of d.lines) s += '<tr><td>' + esc(l.name) + '</td><td>' + esc(l.qty) + '</td><td>' + esc(l.price) + '</td></tr>\n'
  return s + '</table>\n<p>' + esc(d.note) + '</p>\n<p><a href="' + esc(d.unsubscribe) + '">Unsubscribe</a></p>\n</body>\n</html>\n'
}
