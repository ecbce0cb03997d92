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
import { spellings } from './spellings.js'
import { inheritance } from './inheritance.js'
import { include } from './include.js'
import { namespaces } from './namespaces.js'
import { lookup } from './lookup.js'
import { deviations } from './deviations.js'
import { edge } from './edge.js'
import { caching } from './caching.js'
import { robustness, robustnessAsync, scale } from './robustness.js'
import { generated } from './generated.js'
import { generatedInherit } from './generated_inherit.js'
import { generatedFilters } from './generated_filters.js'
import { generatedCalls } from './generated_calls.js'
import { makoNamespace } from './mako_namespace.js'
import { makoCall, makoDecorators } from './mako_call.js'
import { makoDef } from './mako_def.js'
import { makoInheritance, makoBlock } from './mako_inheritance.js'
import { makoFilters, makoLoop } from './mako_filters.js'
import { makoTemplate } from './mako_template.js'
import { makoLexer } from './mako_lexer.js'
import { makoLookup, makoCache, makoExceptions } from './mako_lookup.js'
import { difftestFound } from './difftest_found.js'

const base: Record<string, Case[]> = {
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
  spellings,
  inheritance,
  include,
  namespaces,
  lookup,
  deviations,
  edge,
  caching,
  robustness,
  'robustness-async': robustnessAsync,
  scale,
  'mako-diff': generated,
  'mako-diff-inherit': generatedInherit,
  'mako-diff-filters': generatedFilters,
  'mako-diff-calls': generatedCalls,
  // ports of Mako's own test suite (test/test_<area>.py)
  mako_namespace: makoNamespace,
  mako_call: makoCall,
  mako_decorators: makoDecorators,
  mako_def: makoDef,
  mako_inheritance: makoInheritance,
  mako_block: makoBlock,
  mako_filters: makoFilters,
  mako_loop: makoLoop,
  mako_template: makoTemplate,
  mako_lexer: makoLexer,
  mako_lookup: makoLookup,
  mako_cache: makoCache,
  mako_exceptions: makoExceptions,
  // reduced differences from test/difftest
  difftest_found: difftestFound,
}

// Async mirror (SPEC 6): every single-run sync case renders the same in async mode.
// Excluded: cases whose meaning is sync-only, or whose data can be consumed once.
const MIRROR_EXCLUDE: Record<string, string> = {
  "difftest_found / string methods work on a buffered def's escaped output": 'a def call inside a larger expression is a Promise in async mode: needs await',
  'edge / await in a sync template is a syntax error': 'await is valid in async mode',
  'deviations / sync rendering does not await Promises': 'async mode awaits by design',
  'control / for over a generator': 'a generator in data is consumed by the sync run',
  'blocks / buffered named block returns its output and writes nothing in place (Mako)': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'blocks / buffered block with a filter returns the filtered output': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'defs / def output goes to the buffer and the call yields empty (filtering.rst)': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'defs / buffered def returns its output': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'defs / filtered def writes, the call yields empty': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'defs / capture returns the def output (filtering.rst)': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'defs / capture into a variable': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'defs / decorator using runtime capture (filtering.rst)': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'defs / buffered def with filter returns filtered output': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'defs / capture of a def with filter': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'call / capture(caller.body) inside a def': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'deviations / Boolean attributes accept true/false spellings': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'defs / a decorated cached def gives its own name': 'the decorator calls a cached def without awaiting it: a Promise in async mode',
  'defs / a decorated cached nested def gives its own name': 'the decorator calls a cached def without awaiting it: a Promise in async mode',
  'call / the caller is restored after a def with its own call is evaluated as an argument of the call': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'call / the caller is restored after a def evaluated in an attribute of a custom tag': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'deviations / Boolean attribute False': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'mako_decorators / decorator returning captured output (test_toplevel)': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'mako_decorators / decorator on a nested def (test_nested)': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'mako_decorators / decorated top-level def keeps its name (test_toplevel_decorated_name)': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'mako_decorators / decorated nested def keeps its name (test_nested_decorated_name)': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'mako_filters / buffered def returns its output (test_buffered_def)': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'mako_filters / unbuffered def writes and returns empty (test_unbuffered_def)': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'mako_filters / capture (test_capture)': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'mako_lexer / quotes and > < in <%call expr> (test_expr_in_attribute)': 'a def call inside a larger expression is a Promise in async mode: needs await',
  'difftest_found / escaped output joined with + is escaped again (deviation: JavaScript strings carry no markup flag)': 'a def call inside a larger expression is a Promise in async mode: needs await',
}
const MIRROR_SKIP_AREAS = new Set(['mako_cache', 'async', 'caching', 'robustness', 'robustness-async', 'mako-diff-filters', 'scale'])
const asyncMirror: Case[] = Object.entries(base)
  .filter(([area]) => !MIRROR_SKIP_AREAS.has(area))
  .flatMap(([area, cases]) =>
    cases
      .filter((c) => !c.run && !c.async && !(`${area} / ${c.name}` in MIRROR_EXCLUDE))
      .map((c) => ({ ...c, name: `${area} / ${c.name}`, async: true, mako: undefined })),
  )

export const areas: Record<string, Case[]> = { ...base, 'async-mirror': asyncMirror }
