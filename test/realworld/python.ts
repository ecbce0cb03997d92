// JavaScript stand-ins for the Python built-ins that real templates call (repr, str of a
// value), used by the ports' application data: the templates keep calling `repr(x)`.

/**
 * Python's repr() (and so str() of a container) of the values these fixtures hold: str,
 * None, bool, numbers, lists (JS arrays; tuples with `tuples`), dicts (plain objects).
 */
export function repr(v: unknown, tuples = false): string {
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
    const items = v.map((x) => repr(x, tuples))
    if (!tuples) return `[${items.join(', ')}]`
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`
  }
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return `{${Object.entries(v as object).map(([k, x]) => `${repr(k)}: ${repr(x, tuples)}`).join(', ')}}`
  }
  throw new Error(`repr: no stand-in for ${typeof v}`)
}
