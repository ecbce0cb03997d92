// The virtual lookup module: `{ getTemplate(uri), hasTemplate(uri) }` over every template of the template directories.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_RUNTIME_IMPORT, templateId, toPosix, templateUri } from './options.js'

/** What compiled templates import for `${}` file= targets (the compiler's `lookupImport`). */
export const LOOKUP_ID = 'virtual:mako-lookup'
export const RESOLVED_LOOKUP_ID = '\0' + LOOKUP_ID

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', '.vite'])

/**
 * Every template file of the directories, one per uri: the first directory's file wins (a
 * theme's template hides its base theme's), sorted so the generated module is stable.
 */
export function scanDirectories(directories: readonly string[], isTemplate: (file: string) => boolean): [uri: string, file: string][] {
  const byUri = new Map<string, string>()
  for (const dir of directories) {
    for (const file of scanTemplates(dir, isTemplate)) {
      const uri = templateUri(file, dir)
      if (!byUri.has(uri)) byUri.set(uri, file)
    }
  }
  return [...byUri].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
}

/** Every template file under `root`, sorted so the generated module is stable. */
export function scanTemplates(root: string, isTemplate: (file: string) => boolean): string[] {
  const found: string[] = []
  const walk = (dir: string) => {
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(path)
      } else if (entry.isFile() && isTemplate(path)) found.push(path)
    }
  }
  walk(root)
  return found.sort()
}

/**
 * The module's code. Templates with a `${}` target import this module and this module
 * imports every template, so the two sit in an import cycle. Two choices keep that safe:
 * the templates are imported as namespaces and `.default` is read only at lookup time
 * (a namespace exists before its module has run; a `default` binding doesn't), and the
 * default export is a hoisted function declaration, so a template that runs before this
 * module finds a live object rather than a binding in its temporal dead zone. Its
 * methods are attached when this module runs, which is before anything renders.
 */
export function lookupModuleCode(files: readonly (string | [uri: string, file: string])[], directories: string | readonly string[], runtimeImport = DEFAULT_RUNTIME_IMPORT): string {
  const dirs = typeof directories === 'string' ? [directories] : directories
  const root = dirs[0]
  // the runtime's own class (the one the Node API throws): `instanceof` works on its errors
  const lines: string[] = [`import { TemplateLookupException as __M_LookupError } from ${JSON.stringify(runtimeImport)};`]
  const entries: string[] = []
  files.forEach((entry, i) => {
    const [uri, file] = typeof entry === 'string' ? [templateUri(entry, dirs), entry] : entry
    lines.push(`import * as __M_t${i} from ${JSON.stringify(toPosix(templateId(file, uri, dirs)))};`)
    entries.push(`  ${JSON.stringify(uri)}: __M_t${i},`)
  })
  lines.push(
    `const __M_templates = {`,
    ...entries,
    `};`,
    // (the Node API's messages: TemplateLookup in src/lookup.ts)
    `function __M_fail(message, uri) {`,
    `  throw new __M_LookupError(message, { uri });`,
    `}`,
    `function __M_normalize(path, uri = path) {`,
    `  const parts = [];`,
    `  for (const part of String(path).split('/')) {`,
    `    if (part === '' || part === '.') continue;`,
    `    if (part !== '..') parts.push(part);`,
    `    else if (!parts.length) __M_fail("Template uri '" + uri + "' resolves above the root of the lookup", String(uri));`,
    `    else parts.pop();`,
    `  }`,
    `  return '/' + parts.join('/');`,
    `}`,
    `function __M_lookup() {}`,
    `__M_lookup.root = ${JSON.stringify(toPosix(root))};`,
    `__M_lookup.directories = ${JSON.stringify(dirs.map(toPosix))};`,
    `__M_lookup.uris = () => Object.keys(__M_templates);`,
    `__M_lookup.hasTemplate = (uri) => Object.prototype.hasOwnProperty.call(__M_templates, __M_normalize(uri));`,
    // Mako's adjust_uri: relative uris are relative to the calling template's directory
    `__M_lookup.adjustUri = (uri, relativeTo) => {`,
    `  uri = String(uri);`,
    `  if (uri.startsWith('/') || !relativeTo) return __M_normalize(uri);`,
    `  return __M_normalize(String(relativeTo).replace(/[^/]*$/, '') + uri, uri);`,
    `};`,
    `__M_lookup.getTemplate = (uri) => {`,
    `  const key = __M_normalize(uri);`,
    `  if (!Object.prototype.hasOwnProperty.call(__M_templates, key)) __M_fail("Can't locate template for uri '" + uri + "'", String(uri));`,
    `  return __M_templates[key].default;`,
    `};`,
    `export { __M_lookup as default };`,
  )
  return lines.join('\n') + '\n'
}
