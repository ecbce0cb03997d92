// cyarray: Cython source generated for five element types from one template.
import type { Edit, Port } from '../port.js'

const typeInfo: Edit[] = [
  [/\('([\w ]+)', '(\w+)', '(\w+)'\)/g, "['$1', '$2', '$3']", 'tuple -> array'],
]

const port: Port = {
  options: { defaultFilters: ['str'] },
  edits: { 'carray.pxd.mako': typeInfo, 'carray.pyx.mako': typeInfo },
  data: (c) => ({ ...c.data }),
}
export default port
