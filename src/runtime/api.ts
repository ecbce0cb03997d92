// The contract between the compiler and the runtime, as types: what generated code may use of
// the runtime (`__M.<name>`), and the definition it hands to `defineTemplate`. The compiler
// emits only these names (test/runtime-api.test.ts compiles the conformance templates and the
// codegen fixtures to check it, and checks the definitions' shape); the runtime must export
// each of them (`GeneratedCodeApi` does not compile otherwise).
import type * as runtime from './index.js'
import type { TemplateDefinition } from './template.js'

/** Every name generated code reaches through `import * as __M from 'vite-plugin-mako/runtime'`. */
export const GENERATED_CODE_API = [
  // output and filters (BUILTIN_FILTERS of src/compiler/nodes.ts map filter names to these)
  's', 'h', 'x', 'u', 'trim', 'entity', 'str', 'Markup', 'chunk', 'park', 'run',
  // names and their checks
  'get', 'getStrict', 'getStar', 'undef', 'chk', 'restOf', 'argMissing', 'UNDEFINED', 'STOP_RENDERING',
  // loops
  'LoopContext', 'AsyncLoopContext', 'iter', 'noLoop', 'aiter', 'NEXT', 'DONE',
  // defs, calls, inheritance, includes, namespaces
  'defineTemplate', 'makeCaller', 'callTag', 'capture', 'renderBlock', 'include', 'namespace', 'importDefault',
  'decorateToplevel', 'decorateInline',
  // caching
  'cached', 'cacheHit', 'cacheOf', 'checkCacheBackends',
  // streaming (async templates' definitions)
  'streamRender',
] as const

export type GeneratedCodeName = (typeof GENERATED_CODE_API)[number]
/** The runtime as generated code sees it: a `Pick` of the runtime's exports (each name must exist there). */
export type GeneratedCodeApi = Pick<typeof runtime, GeneratedCodeName>

/** What kind of value each field of a TemplateDefinition holds (`?`: optional). */
export type FieldKind = 'string' | 'number' | 'boolean' | 'function' | 'object' | 'array' | 'string|function'
/** The fields of TemplateDefinition, each with its kind: a field added to or dropped from the interface without this table does not compile. */
export const TEMPLATE_DEFINITION_FIELDS = {
  uri: 'string', filename: 'string?', starttime: 'number', digest: 'string', async: 'boolean',
  body: 'function', defs: 'object', strs: 'object?', params: 'object', pageArgs: 'array?', blocks: 'array', reserved: 'array',
  cacheOf: 'function?', staticDeps: 'array?', cacheUses: 'array?', checkCache: 'function?', noSelf: 'boolean?', streamer: 'function?',
  inherit: 'string|function?', inheritLine: 'number?', namespaces: 'array?', attr: 'object?', deps: 'object?', lookup: 'object?',
  options: 'object?',
} as const satisfies { [K in keyof Required<TemplateDefinition>]: FieldKind | `${FieldKind}?` }
