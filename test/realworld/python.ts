// JavaScript stand-ins for the Python built-ins that real templates call (repr, str of a
// value), used by the ports' application data: the templates keep calling `repr(x)`.

/** Python's repr() of the values these fixtures hold: str, None, bool, numbers, tuples (JS arrays), lists. */
export function repr(v: unknown, asList = false): string {
  if (v === null || v === undefined) return 'None'
  if (typeof v === 'boolean') return v ? 'True' : 'False'
  if (typeof v === 'number') return String(v)
  if (typeof v === 'string') {
    // Python quotes with ' unless the string holds ' and no "
    const q = v.includes("'") && !v.includes('"') ? '"' : "'"
    let out = ''
    for (const ch of v) {
      if (ch === '\\') out += '\\\\'
      else if (ch === q) out += '\\' + q
      else if (ch === '\n') out += '\\n'
      else if (ch === '\t') out += '\\t'
      else if (ch === '\r') out += '\\r'
      else out += ch
    }
    return q + out + q
  }
  if (Array.isArray(v)) {
    const items = v.map((x) => repr(x))
    if (asList) return `[${items.join(', ')}]`
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`
  }
  throw new Error(`repr: no stand-in for ${typeof v}`)
}
