// The compiler's way to the error catalogue (src/shared/catalog.ts): every compile-time error
// is raised through these, with a code the catalogue lists under the class the name says.
import { raise, type CompileErrorCode, type ErrorSite, type SyntaxErrorCode } from '../shared/catalog.js'

export type { ErrorSite }

export function syntaxError(site: ErrorSite, code: SyntaxErrorCode, message: string, start: number, end?: number): never {
  return raise[code](site, message, start, end)
}

export function nameConflict(site: ErrorSite, message: string, start: number): never {
  return raise.reserved_name(site, message, start)
}

export function compileError(site: ErrorSite, code: CompileErrorCode, message: string, start: number, end?: number): never {
  return raise[code](site, message, start, end)
}
