// The templates compiled at run time that are alive, by uri: Template (src/template.ts) adds
// itself, error reports (src/exceptions.ts) map `mako:<uri>` stack frames through them. Its
// own module so that neither of the two imports the other's values (no import cycle).
import type { Template } from './template.js'

/** Live run-time templates by uri (weakly: a report never keeps a template alive). */
export const templatesByUri = new Map<string, WeakRef<Template>>()

/**
 * Stack frames of a run-time template's code are named `mako:<uri>`; their line numbers are
 * the generated code's plus this offset (the `new Function` header).
 */
export const CODE_LINE_OFFSET = 2
