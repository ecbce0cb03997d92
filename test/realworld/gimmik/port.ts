// GiMMiK: matrix-multiplication kernel generators (C, OpenMP, CUDA, ISPC, OpenCL).
import type { Edit, Port } from '../port.js'

// The same two-line expression in every kernel: a generator expression with .format and `or`.
const dotp: Edit[] = [
  ['enumerate(mat)', 'mat.entries()', 'enumerate(x) -> x.entries()'],
  [
    "${' + '.join('{kx}*b[i + {k}*ldb]'.format(k=k, kx=kx)\n                            for k, kx in enumerate(jx) if kx != 0) or 0}",
    "${jx.flatMap((kx, k) => kx != 0 ? [`${kx}*b[i + ${k}*ldb]`] : [])\n                            .join(' + ') || 0}",
    "' + '.join(f(x) for x in xs if c) -> xs.flatMap(...).join(' + '); str.format -> template literal; or -> ||",
  ],
]

const port: Port = {
  options: { defaultFilters: ['str'] },
  edits: { 'c.mako': dotp, 'c-omp.mako': dotp, 'cuda.mako': dotp, 'ispc.mako': dotp, 'opencl.mako': dotp },
  data: (c) => ({ ...c.data }),
}
export default port
