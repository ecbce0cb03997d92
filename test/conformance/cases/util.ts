import type { Case } from '../types.js'

/** A case whose entry template is `main` (other templates may come in `extra.templates`). */
export function t(name: string, main: string, expect: Case['expect'], extra: Partial<Case> = {}): Case {
  const { templates, ...rest } = extra
  return { name, templates: { 'main.mako': main, ...(templates ?? {}) }, expect, ...rest }
}

export const err = (error: string | string[], message?: RegExp, more: { line?: number; column?: number; uri?: string; frame?: RegExp } = {}) =>
  ({ error, message, ...more })
