// The shape of a real-world port: upstream Mako templates turned into this engine's
// templates by a list of mechanical edits, plus the application around them.
export interface Case {
  name: string
  /** template uri, relative to the project's orig/ */
  entry: string
  /** render one def of the entry (pysph's `template.get_def(name).render(**kw)`) */
  def?: string
  /** the lookup's directories under orig/ for this case (default: the port's) */
  directories?: string[]
  /** both sides render with these default filters instead of the project's (`['h']`: ours) */
  defaultFilters?: string[]
  data: Record<string, unknown>
}

/**
 * One edit: `[from, to, why]`. A string `from` replaces every occurrence and must occur at
 * least once; a RegExp `from` (flag `g` for every match) must match. `why` says which kind
 * of porting edit it is (docs/language.md, "Porting from Python Mako").
 */
export type Edit = [from: string | RegExp, to: string, why: string]

export interface Port {
  /** the lookup's directories under orig/ (default: orig/ itself), as helpers.py's DIRECTORIES */
  directories?: string[]
  /** TemplateLookup options besides `directories` (the same filters as the Python side) */
  options?: Record<string, unknown>
  /** edits per template path under orig/; templates not listed are used as they are */
  edits: Record<string, Edit[]>
  /** files written beside the ported templates (JS stand-ins for the Python modules they import) */
  files?: Record<string, string>
  /** the case's JSON data turned into what the application passes (functions, objects) */
  data(c: Case): Record<string, unknown>
  /** a def case's positional arguments (default: the data's values in order) */
  args?(c: Case): unknown[]
}

export function applyEdits(text: string, edits: Edit[], where: string): string {
  for (const [from, to, why] of edits) {
    if (typeof from === 'string') {
      if (!text.includes(from)) throw new Error(`${where}: edit (${why}) finds no ${JSON.stringify(from)}`)
      text = text.split(from).join(to)
    } else {
      from.lastIndex = 0
      if (!from.test(text)) throw new Error(`${where}: edit (${why}) finds no match for ${from}`)
      from.lastIndex = 0
      text = text.replace(from, to)
    }
  }
  return text
}
