// pytest-bdd: the code generator template of `pytest --generate-missing`.
import type { Port } from '../port.js'

const port: Port = {
  options: { defaultFilters: ['str'] },
  edits: {
    'test.py.mak': [
      ['% if features:', '% if features.length:', 'truthiness: an empty JS array is truthy'],
      ['features[0].name or features[0].rel_filename', 'features[0].name || features[0].rel_filename', 'or -> ||'],
      ['sorted(scenarios, key=lambda scenario: scenario.name)', '[...scenarios].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))', 'sorted(x, key=f) -> [...x].sort(compare)'],
      ['% if not loop.last:', '% if !loop.last:', 'not -> !'],
    ],
  },
  data: (c) => ({
    ...c.data,
    // pytest_bdd/scenario.py; Python's \W is Unicode-aware
    make_python_name: (s: string) => s.replace(/ /g, '_').replace(/[^\p{L}\p{N}_]/gu, '').replace(/^\d+_*/, '').toLowerCase(),
    make_python_docstring: (s: string) => `"""${s.split('"""').join('\\"\\"\\"')}."""`,
    make_string_literal: (s: string) => `'${s.split("'").join("\\'")}'`,
  }),
}
export default port
