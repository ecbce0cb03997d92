// A library that touches String.prototype, as many do: loaded first in every worker process
// (engines and hand-written alike) by `npm run bench -- --polyfill`. It does what core-js
// style polyfills and Nunjucks do: redefines String.prototype methods with plain functions
// (Object.defineProperty, as core-js's `redefine`) and makes String.prototype the prototype
// of another object (Nunjucks' SafeString). Both cost V8's fast paths for strings in the
// whole process.

const define = (name, fn) => Object.defineProperty(String.prototype, name, { value: fn, writable: true, configurable: true, enumerable: false })

define('at', function at(index) {
  const s = String(this)
  const n = Math.trunc(index) || 0
  const i = n < 0 ? s.length + n : n
  return i < 0 || i >= s.length ? undefined : s.charAt(i)
})
define('replaceAll', function replaceAll(search, replacement) {
  const s = String(this)
  if (search instanceof RegExp) return s.replace(search, replacement)
  return s.split(String(search)).join(String(replacement))
})
define('trimStart', function trimStart() {
  return String(this).replace(/^\s+/, '')
})

function SafeString(val) {
  this.val = String(val)
  this.length = this.val.length
}
SafeString.prototype = Object.create(String.prototype, { length: { writable: true, configurable: true, value: 0 } })
SafeString.prototype.valueOf = function valueOf() {
  return this.val
}
SafeString.prototype.toString = SafeString.prototype.valueOf

export { SafeString }
