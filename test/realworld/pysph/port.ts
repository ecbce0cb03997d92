// pysph: OpenCL kernel generators (tree.mako, point_tree.mako: defs rendered one at a time,
// custom tags with caller defs, cached defs keyed by name) and the Cython integrator
// generator (a buffered def).
import type { Port } from '../port.js'

type H = {
  helper_code: string; stepper_code: string; particle_array_names: string; steppers: Record<string, string>
  timestep_code: string; methods: string[]; arrays: Record<string, string[]>; py_stage: Record<string, string>
  loops: Record<string, string[]>
}

/** pysph/sph/integrator_cython_helper.py's IntegratorCythonHelper, answered from the fixture */
function helper(h: H) {
  const steppers = Object.entries(h.steppers)
  return {
    object: { steppers: { ...h.steppers } },
    get_helper_code: () => h.helper_code,
    get_stepper_code: () => h.stepper_code,
    get_particle_array_names: () => h.particle_array_names,
    get_stepper_defs: () => steppers.map(([dest, cls]) => `cdef public ${cls} ${dest}_stepper`).join('\n'),
    get_stepper_init: () => steppers.map(([dest, cls]) => `self.${dest}_stepper = ${cls}(**steppers["${dest}"].__dict__)`).join('\n'),
    get_timestep_code: () => h.timestep_code,
    get_stepper_method_wrapper_names: () => [...h.methods],
    get_array_declarations: (method: string) => h.arrays[method].map((a) => `cdef double* ${a}`).join('\n'),
    get_py_stage_code: (dest: string, method: string) => h.py_stage[`${dest}/${method}`] ?? '',
    has_stepper_loop: (dest: string, method: string) => h.loops[dest].includes(method),
    get_array_setup: (dest: string, method: string) => h.arrays[method].map((n) => `${n} = dst.${n.slice(2)}.data`).join('\n'),
    get_parallel_range: (start: string) => `prange(${start}, nogil=True)`,
    get_stepper_loop: (dest: string, method: string) => `self.${dest}_stepper.${method}(${['d_idx', ...h.arrays[method], 'dt'].join(', ')})`,
  }
}

/** Each def's parameters in declared order: Python passes keywords, JS positional arguments. */
const params: Record<string, string[]> = {
  preamble: ['data_t'],
  fill_particle_data_args: ['data_t', 'xvars', 'dim'],
  fill_particle_data_src: ['data_t', 'xvars', 'dim'],
  find_neighbor_counts_args: ['data_t', 'sorted', 'wgs'],
  find_neighbor_counts_src: ['data_t', 'sorted', 'wgs'],
  find_neighbors_src: ['data_t', 'sorted', 'wgs'],
  find_neighbor_counts_elementwise_src: ['data_t', 'sorted'],
  find_neighbors_elementwise_src: ['data_t', 'sorted'],
  reorder_particles_args: ['k', 'data_vars', 'data_var_ctypes', 'const_vars', 'const_var_ctypes', 'index_code'],
  reorder_particles_src: ['k', 'data_vars', 'data_var_ctypes', 'const_vars', 'const_var_ctypes', 'index_code'],
  append_layer_args: [],
  append_layer_src: [],
  set_node_data_args: ['k'],
  set_node_data_src: ['k'],
  get_helpers: [],
  fill_pids_src: ['data_t'],
  find_nbr_lengths_src: ['data_t', 'sorted'],
  find_nbrs_src: ['data_t', 'sorted'],
}

const port: Port = {
  options: { defaultFilters: ['str'] },
  edits: {
    'tree.mako': [
      [/\bvar\b/g, 'var_', "a Python name that is a JS reserved word (var) -> renamed"],
      [/% for var_, ctype in zip\((\w+), (\w+)\):/g, '% for var_, ctype in $1.map((v, i) => [v, $2[i]]):', 'zip(a, b) -> a.map((v, i) => [v, b[i]])'],
      ['% for i in range(k):', '% for i in Array.from({ length: k }, (_, i) => i):', 'range(n) -> Array.from({ length: n }, (_, i) => i)'],
    ],
    'point_tree.mako': [
      ["${', '.join('c_' + v for v in xvars)}", "${xvars.map((v) => 'c_' + v).join(', ')}", "', '.join(f(v) for v in xs) -> xs.map(f).join(', ')"],
    ],
    'integrator_cython.mako': [
      ['% for l in text.splitlines():', "% for l in text.split(/\\r\\n|\\r|\\n/).slice(0, /[\\r\\n]$/.test(text) || !text ? -1 : undefined):",
        "s.splitlines() drops a final empty line ('a\\n' -> ['a']); JS split keeps it"],
      ["${' '*4*level}", "${' '.repeat(4*level)}", 'str * n -> str.repeat(n)'],
      [/% for (name|dest) in sorted\(helper\.object\.steppers\.keys\(\)\):/g, '% for $1 in Object.keys(helper.object.steppers).sort():', 'sorted(d.keys()) -> Object.keys(d).sort()'],
    ],
  },
  data: (c) => (c.data.helper ? { helper: helper(c.data.helper as H) } : { ...c.data }),
  args: (c) => params[c.def!].map((p) => c.data[p]),
}
export default port
