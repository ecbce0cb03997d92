// What the Node API does with user-supplied paths and uris: containment of a path in a
// directory, and uris as error messages quote them.
import { sep } from 'node:path'

const QUOTE_LIMIT = 200

/**
 * A uri (or any user-supplied string) as error messages quote it: at most 200 characters
 * (then `... (N characters)`), control, line-separator, bidi and lone surrogate characters
 * escaped (`\0`, `\u202e`), so that a message is one readable line whatever a request sent.
 */
export function quoteUri(uri: string): string {
  const capped = uri.length > QUOTE_LIMIT ? uri.slice(0, QUOTE_LIMIT) : uri
  const escaped = capped.replace(
    /[\0-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => (c === '\0' ? '\\0' : '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')),
  )
  return capped === uri ? escaped : `${escaped}... (${uri.length} characters)`
}

/** Whether `path` is `dir` itself or below it (both absolute; `/tpl` does not hold `/tpl-secret`). */
export function isInside(dir: string, path: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep)
}
