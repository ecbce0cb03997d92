import type { Case } from '../types.js'
import { expressions } from './expressions.js'
import { filters } from './filters.js'
import { control } from './control.js'
import { loop } from './loop.js'
import { text } from './text.js'
import { code } from './code.js'
import { page } from './page.js'
import { defs } from './defs.js'
import { call } from './call.js'
import { blocks } from './blocks.js'
import { context } from './context.js'
import { asyncCases } from './async.js'
import { syntax } from './syntax.js'
import { inheritance } from './inheritance.js'
import { include } from './include.js'
import { namespaces } from './namespaces.js'
import { lookup } from './lookup.js'
import { deviations } from './deviations.js'
import { edge } from './edge.js'
import { caching } from './caching.js'
import { robustness, robustnessAsync } from './robustness.js'

export const areas: Record<string, Case[]> = {
  expressions,
  filters,
  control,
  loop,
  text,
  code,
  page,
  defs,
  call,
  blocks,
  context,
  async: asyncCases,
  syntax,
  inheritance,
  include,
  namespaces,
  lookup,
  deviations,
  edge,
  caching,
  robustness,
  'robustness-async': robustnessAsync,
}
