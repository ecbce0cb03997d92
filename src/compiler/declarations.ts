// The TypeScript declaration of one template (SPEC 13, issue 18 item 2): `page.d.mako.ts` next
// to `page.mako`, which TypeScript reads for `import page from './page.mako'` under
// `allowArbitraryExtensions`. `render(data)` is typed from the page args as written, `getDef`
// from the top-level defs' parameters, the result from the async option.
import { parse } from './lexer.js'
import { tokenize } from './js-tokens.js'
import { Locator } from './locate.js'
import type { Tag, TemplateNode, TemplateRoot } from './nodes.js'

export interface DeclarationOptions {
  /** `true`: render returns Promise<string>; `'both'`: compiled async for one side only (the plugin's `ssr` options) */
  async?: boolean | 'both'
  /** the template's uri, for the errors of an unparsable template */
  uri?: string
  /** how the declaration names the package (default `vite-plugin-mako`) */
  packageName?: string
  /** start with `/// <reference types="vite-plugin-mako/client" />` (default true) */
  reference?: boolean
}

/** One parameter as written: its name (undefined for a pattern), type text, optional, rest. */
export interface TypedParam {
  name?: string
  type?: string
  /** has a default value */
  optional: boolean
  /** written `name?: T` */
  question: boolean
  rest: boolean
}

/**
 * The parameters of a list as written (`original`), split where the erased text of the same
 * length (`erased`) has its top-level commas: the blanks there are the types.
 */
export function typedParams(original: string, erased: string): TypedParam[] {
  const tokens = tokenize(erased)
  const out: TypedParam[] = []
  let depth = 0
  let segment: typeof tokens = []
  // where the segment ends: the comma after it, or the end of the list (the types after the
  // last token of a parameter are blanks in `erased`)
  const finish = (limit: number) => {
    if (!segment.length) return
    const first = segment[0]
    const rest = first.type.label === '...'
    const head = rest ? 1 : 0
    // the binding: a name, or a pattern up to its closing bracket
    let bindingEnd = segment[head]?.end ?? first.end
    let k = head
    if (segment[head] && (segment[head].type.label === '{' || segment[head].type.label === '[')) {
      let d = 0
      for (; k < segment.length; k++) {
        const l = segment[k].type.label
        if (l === '{' || l === '[' || l === '(' || l === '${') d++
        else if (l === '}' || l === ']' || l === ')') d--
        if (d === 0) break
      }
      bindingEnd = segment[Math.min(k, segment.length - 1)].end
    }
    const eq = segment.slice(k + 1).find((t, i, all) => t.type.label === '=' && depthBefore(all, i) === 0)
    const end = eq ? eq.start : limit
    let annotation = original.slice(bindingEnd, end).trim()
    const optional = !!eq
    const question = annotation.startsWith('?')
    if (question) annotation = annotation.slice(1).trim()
    const type = annotation.startsWith(':') ? annotation.slice(1).trim() : undefined
    const name = segment[head] && segment[head].type.label === 'name' ? String((segment[head] as { value?: unknown }).value) : undefined
    out.push({ name, type: type || undefined, optional, question, rest })
    segment = []
  }
  for (const t of tokens) {
    const l = t.type.label
    if (depth === 0 && l === ',') {
      finish(t.start)
      continue
    }
    if (l === '(' || l === '[' || l === '{' || l === '${') depth++
    else if (l === ')' || l === ']' || l === '}') depth--
    segment.push(t)
  }
  finish(original.length)
  return out
}

function depthBefore(tokens: { type: { label: string } }[], i: number): number {
  let d = 0
  for (let j = 0; j < i; j++) {
    const l = tokens[j].type.label
    if (l === '(' || l === '[' || l === '{' || l === '${') d++
    else if (l === ')' || l === ']' || l === '}') d--
  }
  return d
}

/** `[a: A, b?: B]` for a def's parameters */
export function tupleType(params: TypedParam[]): string {
  return '[' + params.map((p, i) => {
    const name = p.name ?? `arg${i}`
    if (p.rest) return `...${name}: ${p.type ?? 'unknown[]'}`
    return `${name}${p.optional || p.question ? '?' : ''}: ${p.type ?? 'any'}`
  }).join(', ') + ']'
}

const IDENT = /^[A-Za-z_$][\w$]*$/

/**
 * `{ a: A; b?: B }` for page args with a type on at least one; undefined (any object) for
 * untyped page args. A rest parameter or a pattern takes the rest of the data: any keys.
 * Only a default makes a page arg optional (the body throws for a missing one, `a?: A` or not).
 */
function dataType(params: TypedParam[]): string | undefined {
  if (!params.some((p) => p.type)) return undefined
  const fields = params.filter((p) => !p.rest && p.name).map((p) => `${IDENT.test(p.name!) ? p.name : JSON.stringify(p.name)}${p.optional ? '?' : ''}: ${p.type ?? 'unknown'}`)
  const open = params.some((p) => p.rest || !p.name)
  return `{ ${fields.join('; ')}${fields.length ? ' ' : ''}}${open ? ' & Record<string, unknown>' : ''}`
}

/** The type-level statements of the `<%! %>` blocks as written: imports, `type` and `interface` declarations. */
function moduleTypes(root: TemplateRoot, original: string): string[] {
  const out: string[] = []
  const visit = (nodes: TemplateNode[]) => {
    for (const n of nodes) {
      if (n.type === 'Code' && n.isModule) {
        for (const s of n.ast.body) {
          const { start, end } = s as unknown as { start: number; end: number }
          if (s.type === 'ImportDeclaration') out.push(original.slice(n.codeStart + start, n.codeStart + end))
        }
        // erased declarations: runs of blanks in the erased text that were `type` or `interface`
        const erased = root.source.slice(n.codeStart, n.codeStart + n.code.length)
        const written = original.slice(n.codeStart, n.codeStart + n.code.length)
        const decl = /(^|[\n;}])(\s*)((?:export\s+)?(?:type|interface)\s+[A-Za-z_$][\w$]*|import\s+type\b)/g
        for (let m; (m = decl.exec(written));) {
          const at = m.index + m[1].length + m[2].length
          if (erased[at] !== ' ') continue
          let end = at
          while (end < erased.length && /\s/.test(erased[end])) end++
          const text = written.slice(at, end).trim()
          out.push(text.replace(/^export\s+/, 'export '))
          decl.lastIndex = end
        }
      }
      if (n.type !== 'Code' && n.type !== 'Text' && n.type !== 'Expression' && n.type !== 'ControlStatement' && n.type !== 'ControlBlock') visit(n.children)
    }
  }
  visit(root.children)
  return out
}

/**
 * What `render` returns by the template options of the two sides (the plugin's options, and
 * those merged with its `ssr` options): `true` when both compile async, `'both'` when one does.
 */
export function declarationAsync(client: { async?: boolean }, server: { async?: boolean } = client): boolean | 'both' {
  return !!client.async === !!server.async ? !!client.async : 'both'
}

/** The text of `page.d.mako.ts` for the template `source`. */
export function templateDeclaration(source: string, options: DeclarationOptions = {}): string {
  const root = parse(source, { locator: new Locator(source), uri: options.uri ?? 'template' })
  const original = root.original ?? root.source
  const slice = (start: number, end: number) => [original.slice(start, end), root.source.slice(start, end)] as const
  let data: string | undefined
  const defs: string[] = []
  for (const n of root.children) {
    if (n.type !== 'PageTag' && n.type !== 'DefTag') continue
    const tag = n as Tag
    if (tag.keyword === 'page' && tag.attributes.args?.params) {
      const a = tag.attributes.args
      data = dataType(typedParams(...slice(a.valueStart, a.valueStart + a.value.length)))
    }
    if (tag.keyword === 'def' && tag.attributes.name?.signature) {
      const a = tag.attributes.name
      const open = a.value.indexOf('(')
      const close = a.value.lastIndexOf(')')
      const params = open < 0 ? [] : typedParams(...slice(a.valueStart + open + 1, a.valueStart + close))
      const name = a.signature!.name
      defs.push(`${IDENT.test(name) ? name : JSON.stringify(name)}: ${tupleType(params)}`)
    }
  }
  const result = options.async === 'both' ? 'string | Promise<string>' : options.async ? 'Promise<string>' : 'string'
  const pkg = options.packageName ?? 'vite-plugin-mako'
  return [
    '// Generated by vite-plugin-mako from the template next to it: do not edit (it is rewritten).',
    ...(options.reference === false ? [] : [`/// <reference types="${pkg}/client" />`]),
    ...moduleTypes(root, original),
    `declare const template: VitePluginMako.Template<${data ?? 'object'}, ${result}, { ${defs.join('; ')}${defs.length ? ' ' : ''}}>`,
    'export default template',
    '',
  ].join('\n')
}
