// Shape of one conformance case. Cases are data: the runner builds a
// TemplateLookup(options), putString()s every template, renders 'main.mako'.
export interface ErrorExpectation {
  /** error class name (err.name or err.constructor.name); several = any of them; '*' = any class */
  error: string | string[]
  /** tested against err.message */
  message?: RegExp
  /** 1-based template line of the error (err.line) */
  line?: number
  /** 0-based column (err.column, Rollup's loc format) */
  column?: number
  /** tested against err.frame (the code frame) */
  frame?: RegExp
  /** uri the error names (err.uri) */
  uri?: string
}

export interface Case {
  name: string
  /** uri -> source; 'main.mako' is rendered unless `entry` says otherwise */
  templates: Record<string, string>
  entry?: string
  data?: Record<string, unknown>
  options?: Record<string, unknown>
  /** exact output, or an expected error */
  expect: string | ErrorExpectation
  /** render with options.async = true and await the result */
  async?: boolean
  /** 'exact' (default) or 'collapse': runs of whitespace become one space, ends trimmed */
  ws?: 'exact' | 'collapse'
  /** files written to a fresh temp dir; '@TMP@' in templates/files is replaced by that dir */
  files?: Record<string, string>
  /** custom render step instead of getTemplate(entry).render(data) */
  run?: (lookup: any, data: Record<string, unknown>) => unknown
  /**
   * Oracle cross-check (test/conformance/oracle.py, not part of the vitest run):
   * true = the templates are valid Mako/Python as they are; an object gives the
   * Python spelling. Rendered with Python Mako, default_filters=['h'].
   */
  mako?: true | { templates?: Record<string, string>; data?: Record<string, unknown>; options?: Record<string, unknown> }
}
