// JS stand-in for piglit's framework.grouptools and framework.status (as test/realworld/piglit/helpers.py).
const SEPARATOR = '@'
function splitname(group) {
  const i = group.lastIndexOf(SEPARATOR) + 1
  return [group.slice(0, i).replace(/@+$/, ''), group.slice(i)]
}
function split(group) {
  return group === '' ? [] : group.split(SEPARATOR)
}
function join(first, ...args) {
  let rest = args
  if (!first) {
    const i = args.findIndex((g) => g)
    if (i >= 0) { first = args[i]; rest = args.slice(i + 1) } else rest = []
  }
  for (const g of rest) if (g) first = first + SEPARATOR + g
  return first
}
function commonprefix(args) {
  if (args.length === 1) return args[0]
  if (args.some((e) => e === '')) return ''
  const parts = args.map(split)
  const common = []
  for (let i = 0; i < Math.min(...parts.map((p) => p.length)); i++) {
    if (parts.every((p) => p[i] === parts[0][i])) common.push(parts[0][i])
    else break
  }
  return common.length ? join(...common) : ''
}
export const grouptools = {
  SEPARATOR, splitname, split, join, commonprefix,
  testname: (group) => splitname(group)[1],
  groupname: (group) => splitname(group)[0],
}
class Status {
  constructor(name, value, fraction = [0, 1]) { this.name = name; this.value = value; this.fraction = fraction }
  toString() { return this.name }
}
const NOTRUN = new Status('notrun', 0, [0, 0])
const SKIP = new Status('skip', 0, [0, 0])
const ALL = [NOTRUN, SKIP, new Status('pass', 0, [1, 1]), new Status('warn', 10), new Status('dmesg-warn', 20),
  new Status('fail', 30), new Status('dmesg-fail', 40), new Status('timeout', 50), new Status('crash', 60),
  new Status('incomplete', 100)]
export const status = {
  NOTRUN, SKIP,
  status_lookup: (name) => ALL.find((s) => s.name === name),
  /** Python's max() over Status (its __lt__) */
  max: (xs) => xs.reduce((a, b) => ((a.fraction[1] < b.fraction[1] || (a.fraction[1] === b.fraction[1] && a.value < b.value)) ? b : a)),
}
