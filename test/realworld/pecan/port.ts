// pecan: the base scaffold's templates (used as they are) and two test templates.
import type { Port } from '../port.js'

const port: Port = {
  directories: ['scaffold', 'tests'],
  options: { defaultFilters: ['str'] },
  edits: {
    'tests/form_colors.html': [
      [/\$\{data\['colors'\]\[(\d)\] if data else 'A color'\}/g, "${data ? data['colors'][$1] : 'A color'}", 'x if c else y -> c ? x : y'],
    ],
    'tests/form_name.html': [
      ["${name if name else ''}", "${name ? name : ''}", 'x if c else y -> c ? x : y'],
    ],
  },
  data: (c) => ({ ...c.data }),
}
export default port
