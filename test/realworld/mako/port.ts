// Mako's own examples (examples/bench/mako, examples/wsgi), ported to JavaScript expressions.
import type { Port } from '../port.js'

const port: Port = {
  directories: ['bench', 'wsgi/templates', 'wsgi/htdocs'],
  // Mako's default filter is str; ours is h: render both with str.
  options: { defaultFilters: ['str'] },
  edits: {
    'bench/template.html': [
      ['% if list_items:', '% if list_items.length:', 'truthiness: an empty JS array is truthy'],
      ['enumerate(list_items)', 'list_items.entries()', 'enumerate(x) -> x.entries()'],
      ['i+1==len(list_items) and "class=\'last\'" or ""', 'i+1==list_items.length && "class=\'last\'" || ""', 'len(x) -> x.length; and/or -> &&/||'],
    ],
    'wsgi/htdocs/index.html': [
      ['c is not UNDEFINED and c or "undefined"', 'c !== UNDEFINED && c || "undefined"', 'is not -> !==; and/or -> &&/||'],
    ],
  },
  data: (c) => ({ ...c.data }),
}
export default port
