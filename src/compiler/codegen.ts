// Parse tree + analysis -> the JS of a template module. Text and call-free expressions merge
// into one `+=`; an expression that may call code is evaluated first, so what that code writes
// (a def's output) lands before the expression's own value, as in Mako.
// The generator is split by node kind (src/compiler/codegen/): emitter.ts (state and the
// output-buffer protocol), values.ts (expressions, filters, attributes), functions.ts (defs,
// blocks, the body), tags.ts (nodes and tags), util.ts; this file assembles the module.
import type * as ESTree from 'estree'
import { compileError, syntaxError, type ErrorSite } from './errors.js'
import { hasTopLevelAwait } from './js-names.js'
import type { Locator } from './locate.js'
import { namespaceName, type Analysis } from './analyze.js'
import type { Code, Tag, TemplateRoot } from './nodes.js'
import { Printer } from './printer.js'
import { findAssetUrls } from './assets.js'
import { Tags } from './codegen/tags.js'
import { parseExpressionSafe, type GenerateOptions } from './codegen/util.js'

export type { Dependency, GenerateOptions } from './codegen/util.js'

export function generate(root: TemplateRoot, a: Analysis, site: ErrorSite & { locator: Locator }, o: GenerateOptions) {
  return new Generator(root, a, site, o).run()
}

class Generator extends Tags {
  run() {
    const { a, o } = this
    if (o.assetUrls && o.format === 'module') this.assets = findAssetUrls(this.root, o.assetUrls)
    if (o.async) for (const id of this.generatorDefs()) this.genDefs.add(id)
    else for (const fn of a.functions) if (this.stringEligible(fn)) this.strDefs.add(fn.id)
    for (const fn of a.functions) this.function(fn)
    this.templateDefinition()
    const out = new Printer()
    if (o.format === 'module') {
      out.line(`import * as __M from ${JSON.stringify(o.runtimeImport)};`)
      for (const imp of o.imports) out.line(imp)
      for (const imp of this.moduleImports) out.line(imp)
      if (this.usesLookup && o.lookupImport) out.line(`import __M_lookup from ${JSON.stringify(o.lookupImport)};`)
    } else {
      for (const imp of o.imports) for (const l of this.rewriteImportText(imp)) out.line(l)
      for (const imp of this.moduleImports) out.line(imp)
    }
    out.line('const __M_U = __M.UNDEFINED;')
    out.line(`const __M_uri = ${JSON.stringify(o.uri)};`)
    for (const c of a.moduleCode) this.moduleCode(out, c)
    out.append(this.p)
    const names = [...a.moduleNames]
    if (o.format === 'module') {
      out.line('export default __M_template;')
      if (names.length) out.line(`export { ${names.join(', ')} };`)
      if (o.hmrId) out.line('if (import.meta.hot) import.meta.hot.accept();')
    } else out.line('return __M_template;')
    const { code, map, spans } = out.finish(this.site.locator, o.sourceMap ? o.filename ?? o.uri : undefined, this.root.original ?? this.root.source)
    return { code, map, dependencies: this.deps, usesLookup: this.usesLookup, starttimeAt: spans.starttime }
  }

  // ---------------------------------------------------------------- module level

  protected moduleCode(out: Printer, c: Code): void {
    if (this.o.format === 'function' && hasTopLevelAwait(c.ast)) {
      syntaxError(this.site, 'module_await', "Top-level 'await' in <%! %> needs an ES module build (the plugin); templates compiled at run time load synchronously", c.start)
    }
    // top-level names are exported anyway: strip explicit `export`; in function format,
    // import declarations become __M_require calls
    let text = c.code
    const body = c.ast.body as unknown as (ESTree.Node & { start: number; end: number })[]
    for (let i = body.length - 1; i >= 0; i--) {
      const s = body[i]
      if (s.type === 'ImportDeclaration' && this.o.format === 'function') {
        const rep = this.rewriteImport(s as unknown as ESTree.ImportDeclaration)
        text = text.slice(0, s.start) + rep.join(' ') + text.slice(s.end)
      } else if (s.type === 'ExportNamedDeclaration' && (s as unknown as ESTree.ExportNamedDeclaration).declaration) {
        const d = (s as unknown as { declaration: { start: number } }).declaration
        text = text.slice(0, s.start) + text.slice(d.start)
      } else if (s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' || s.type === 'ExportAllDeclaration') {
        compileError(this.site, 'bad_export', 'Module blocks export their top-level names by themselves; write the declaration without export', c.codeStart + s.start)
      }
    }
    out.code(text, c.codeStart)
  }

  protected rewriteImport(s: ESTree.ImportDeclaration): string[] {
    const v = `__M_imp${this.tmp++}`
    const out = [`const ${v} = __M_require(${JSON.stringify(s.source.value)});`]
    for (const sp of s.specifiers) {
      if (sp.type === 'ImportDefaultSpecifier') out.push(`const ${sp.local.name} = __M.importDefault(${v});`)
      else if (sp.type === 'ImportNamespaceSpecifier') out.push(`const ${sp.local.name} = ${v};`)
      else {
        const imported = sp.imported.type === 'Identifier' ? sp.imported.name : String(sp.imported.value)
        out.push(`const ${sp.local.name} = ${v}[${JSON.stringify(imported)}];`)
      }
    }
    return out
  }

  protected rewriteImportText(text: string): string[] {
    const ast = parseExpressionSafe(text)
    if (!ast) return [text]
    return ast.flatMap((s) => (s.type === 'ImportDeclaration' ? this.rewriteImport(s) : []))
  }

  protected templateDefinition(): void {
    const { p, a, o } = this
    const defs: string[] = []
    const params: string[] = []
    for (const fn of a.functions) {
      if (fn.kind === 'body' || fn.namespace) continue
      defs.push(`${fn.name}: ${fn.id}`)
      if (fn.params) params.push(`${fn.name}: ${JSON.stringify(fn.params.positional)}`)
    }
    const lines: string[] = []
    lines.push(`uri: __M_uri,`)
    if (o.filename) lines.push(`filename: ${JSON.stringify(o.filename)},`)
    const starttimeLine = lines.length
    lines.push(`starttime: ${o.starttime},`)
    lines.push(`digest: ${JSON.stringify(o.digest)},`)
    lines.push(`async: ${o.async},`)
    // async templates bring the streaming code into their bundle (a sync one's stream() renders whole: SPEC 12)
    if (o.async) lines.push('streamer: __M.streamRender,')
    lines.push(`body: __M_render_body,`)
    lines.push(`defs: { ${defs.join(', ')} },`)
    const strs = a.functions.filter((fn) => this.strDefs.has(fn.id)).map((fn) => `${fn.name}: ${fn.id}__s`)
    // namespaces bind these (the same frames as a plain def: no wrapper between)
    if (strs.length) lines.push(`strs: { ${strs.join(', ')} },`)
    lines.push(`params: { ${params.join(', ')} },`)
    const pageArgs = a.pageArgs?.params.filter((x) => x.name && !x.rest).map((x) => x.name!)
    if (pageArgs?.length) lines.push(`pageArgs: ${JSON.stringify(pageArgs)},`)
    lines.push(`blocks: ${JSON.stringify([...a.blocks.keys()])},`)
    lines.push(`reserved: ${JSON.stringify(a.reserved)},`)
    if (a.inherit) {
      lines.push(`inherit: ${this.fileTarget(a.inherit, 'inherit', true)},`)
      lines.push(`inheritLine: ${this.site.locator.locate(a.inherit.start).line},`)
    }
    if (a.namespaces.length) {
      const nss: string[] = []
      for (const ns of a.namespaces) {
        const at = ns.attributes
        const name = namespaceName(a, ns)
        const parts: string[] = [`name: ${JSON.stringify(name)}`, `line: ${this.site.locator.locate(ns.start).line}`]
        if (at.file) parts.push(`file: ${this.fileTarget(ns, 'namespace', true)}`)
        if (at.module) {
          const spec = at.module.value.trim()
          const v = `__M_mod${this.moduleImports.length}`
          if (o.format === 'module') this.moduleImports.push(`import * as ${v} from ${JSON.stringify(spec)};`)
          else this.moduleImports.push(`const ${v} = __M_require(${JSON.stringify(spec)});`)
          parts.push(`module: ${v}`)
        }
        const inline = ns.children.filter((c) => c.type === 'DefTag') as Tag[]
        if (inline.length) {
          parts.push(`defs: { ${inline.map((c) => `${a.fnOf.get(c)!.name}: ${a.fnOf.get(c)!.id}`).join(', ')} }`)
          parts.push(`params: { ${inline.map((c) => `${a.fnOf.get(c)!.name}: ${JSON.stringify(a.fnOf.get(c)!.params!.positional)}`).join(', ')} }`)
        }
        if (at.import) parts.push(`import: ${JSON.stringify(at.import.value.trim() === '*' ? '*' : at.import.value.split(',').map((s) => s.trim()).filter(Boolean))}`)
        if (at.inheritable && /^true$/i.test(at.inheritable.value.trim())) parts.push('inheritable: true')
        nss.push(`{ ${parts.join(', ')} }`)
      }
      lines.push(`namespaces: [${nss.join(', ')}],`)
    }
    if (a.usesCache) lines.push('cacheOf: __M.cacheOf,')
    // nothing here can reach `self`/`local` (no name, block, inheritance, namespace or
    // decorator that would): renders skip making the template's own namespace
    if (!a.reachesSelf) lines.push('noSelf: true,')
    if (!this.o.async && this.cacheUses.length) lines.push(`cacheUses: ${JSON.stringify(this.cacheUses)},`, 'checkCache: __M.checkCacheBackends,')
    const staticDeps = [...new Set(this.deps.map((d) => d.uri))]
    if (staticDeps.length) lines.push(`staticDeps: ${JSON.stringify(staticDeps)},`)
    if (a.moduleNames.size) lines.push(`attr: { ${[...a.moduleNames].map((n) => `${JSON.stringify(n)}: ${n}`).join(', ')} },`)
    if (this.depVars.size) lines.push(`deps: { ${[...this.depVars].map(([u, v]) => `${JSON.stringify(u)}: ${v}`).join(', ')} },`)
    if (this.usesLookup && o.lookupImport && o.format === 'module') lines.push('lookup: __M_lookup,')
    let opts: Record<string, unknown> | undefined
    for (const k of Object.keys(o.templateOptions)) if (o.templateOptions[k] !== undefined) (opts ??= {})[k] = o.templateOptions[k]
    if (opts) lines.push(`options: ${JSON.stringify(opts)},`)
    p.line(`const __M_template = __M.defineTemplate({`)
    p.indent()
    lines.forEach((l, i) => {
      p.line(l)
      // the starttime's digits: the plugin keeps a module's starttime across recompiles of the same output
      if (i === starttimeLine) p.span('starttime', 'starttime: '.length, String(o.starttime).length)
    })
    p.dedent()
    p.line(`}${o.hmrId ? `, ${JSON.stringify(o.hmrId)}` : ''});`)
  }
}
