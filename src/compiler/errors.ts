// The compiler's error catalogue: every compile-time error is raised through one of these.
import { CompileError, NameConflictError, TemplateSyntaxError } from '../runtime/errors.js'
import type { Locator } from './locate.js'

export interface ErrorSite {
  locator: Locator
  uri: string
}

function build<T extends Error>(Cls: new (m: string, p: object) => T, site: ErrorSite, code: string, message: string, start: number, end = start): T {
  const { line, column } = site.locator.locate(start)
  const frame = site.locator.frame(start)
  return new Cls(`${message} in file '${site.uri}' at line: ${line} char: ${column + 1}`, {
    code, uri: site.uri, line, column, start, end, frame,
  })
}

export function syntaxError(site: ErrorSite, code: string, message: string, start: number, end?: number): never {
  throw build(TemplateSyntaxError, site, code, message, start, end)
}

export function nameConflict(site: ErrorSite, message: string, start: number): never {
  throw build(NameConflictError, site, 'reserved_name', message, start)
}

export function compileError(site: ErrorSite, code: string, message: string, start: number, end?: number): never {
  throw build(CompileError, site, code, message, start, end)
}
