// alembic: the migration script templates (generic, multidb) and alembic.ini.
import type { Port } from '../port.js'
import { repr } from '../python.js'

function formatAsComma(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.join(', ')
  throw new Error(`Don't know how to comma-format ${String(value)}`)
}

const port: Port = {
  options: { defaultFilters: ['str'] },
  edits: {
    'generic/script.py.mako': [
      ['${imports if imports else ""}', '${imports ? imports : ""}', 'x if c else y -> c ? x : y'],
      [/\$\{(upgrades|downgrades) if \1 else "pass"\}/g, '${$1 ? $1 : "pass"}', 'x if c else y -> c ? x : y'],
    ],
    'multidb/script.py.mako': [
      ['\nimport re\n', '\n', 'Python import of re: JS has regular expressions built in'],
      ['${imports if imports else ""}', '${imports ? imports : ""}', 'x if c else y -> c ? x : y'],
      ["re.split(r',\\s*', db_names)", 'db_names.split(/,\\s*/)', 're.split(p, s) -> s.split(/p/)'],
      [/context\.get\("%s_(upgrades|downgrades)" % db_name, "pass"\)/g, 'context.get(`${db_name}_$1`, "pass")', '"%s" % x -> template literal'],
    ],
  },
  data: (c) => {
    // alembic passes revision lists as tuples
    const d: Record<string, unknown> = { ...c.data, repr: (v: unknown) => repr(v, true), comma: formatAsComma }
    if ('databases' in d) {
      const databases = d.databases
      delete d.databases
      d.config = { get_main_option: (name: string) => (name === 'databases' ? databases : null) }
    }
    return d
  },
}
export default port
