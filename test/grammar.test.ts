// The TextMate grammar for .mako files (editors/vscode/syntaxes/mako.tmLanguage.json):
// snapshots of test/grammar/*.mako through vscode-tmgrammar-snap (the VS Code engine),
// a scope for every construct, and every real template of the repository and of the
// conformance suite tokenized back to the top level (no construct runs past its end).
// The embedded HTML, JavaScript, TypeScript and CSS grammars come from `tm-grammars`.
import { execFile } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import * as oniguruma from 'vscode-oniguruma'
import * as vsctm from 'vscode-textmate'
import { areas } from './conformance/cases/index.js'
// @ts-expect-error: a plain .mjs script without types
import { buildExamplesPage, makoBlocks } from '../editors/build-examples.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(import.meta.url)
const extension = join(root, 'editors/vscode')
const grammarPath = join(extension, 'syntaxes/mako.tmLanguage.json')
const embedded = ['html', 'javascript', 'typescript', 'css'].map((n) => require.resolve(`tm-grammars/grammars/${n}.json`))
const makoGrammar = JSON.parse(readFileSync(grammarPath, 'utf8'))
// a child process, or Shiki's and the TypeScript grammar's warm-up: seconds alone, longer on a loaded machine
const SLOW = 120_000

describe('the VS Code extension', () => {
  const pkg = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8'))

  it('contributes the .mako language and the grammar under the scope text.html.mako', () => {
    expect(pkg.contributes.languages[0]).toMatchObject({ id: 'mako', extensions: ['.mako'] })
    const [g] = pkg.contributes.grammars
    expect(g).toMatchObject({ language: 'mako', scopeName: 'text.html.mako' })
    expect(JSON.parse(readFileSync(join(extension, g.path), 'utf8')).scopeName).toBe('text.html.mako')
    expect(makoGrammar.scopeName).toBe('text.html.mako')
    // every scope the embedded languages are keyed on is one the grammar produces
    for (const scope of Object.keys(g.embeddedLanguages).filter((s) => s.endsWith('.mako'))) {
      expect(JSON.stringify(makoGrammar)).toContain(`"${scope}`)
    }
  })

  it('has a language configuration with ## and <%doc> comments and valid regular expressions', () => {
    const conf = JSON.parse(readFileSync(join(extension, pkg.contributes.languages[0].configuration), 'utf8'))
    expect(conf.comments).toEqual({ lineComment: '##', blockComment: ['<%doc>', '</%doc>'] })
    const { folding, indentationRules: ind } = conf
    for (const re of [folding.markers.start, folding.markers.end, ind.increaseIndentPattern, ind.decreaseIndentPattern, conf.wordPattern]) {
      expect(() => new RegExp(re)).not.toThrow()
    }
    expect(new RegExp(ind.increaseIndentPattern).test('  % for item in items:')).toBe(true)
    expect(new RegExp(ind.decreaseIndentPattern).test('  % endfor')).toBe(true)
    expect(new RegExp(folding.markers.start).test('<%def name="row(item)">')).toBe(true)
    expect(new RegExp(folding.markers.end).test('</%def>')).toBe(true)
  })
})

describe('snapshots (vscode-tmgrammar-snap)', () => {
  const dir = join(root, 'test/grammar')
  const cases = readdirSync(dir).filter((f) => f.endsWith('.mako'))

  it('match test/grammar/*.mako.snap', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(5)
    const args = ['--config', join(extension, 'package.json'), ...embedded.flatMap((g) => ['-g', g]), join(dir, '*.mako')]
    const run = await promisify(execFile)(join(root, 'node_modules/.bin/vscode-tmgrammar-snap'), args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } })
      .then((r) => ({ code: 0, out: r.stdout + r.stderr }), (e) => ({ code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }))
    expect(run.code, run.out).toBe(0)
    for (const c of cases) expect(run.out).not.toMatch(new RegExp(`${c}.*(fail|changed)`, 'i'))
  }, SLOW)

  it('cover every construct with its own scope', () => {
    const snaps = cases.map((c) => readFileSync(join(dir, `${c}.snap`), 'utf8')).join('\n')
    const scopes = new Set(snaps.split('\n').filter((l) => l.startsWith('#')).flatMap((l) => l.replace(/^#\s*\^+\s*/, '').split(' ')))
    const required = [
      'meta.embedded.expression.mako', 'meta.filter.mako', 'keyword.operator.filter.mako', 'support.function.filter.mako',
      'meta.embedded.line.mako', 'keyword.control.conditional.mako', 'keyword.control.loop.mako', 'keyword.control.in.mako',
      'keyword.control.trycatch.mako', 'keyword.control.end.mako', 'punctuation.section.block.begin.mako',
      'constant.character.escape.percent.mako', 'comment.line.double-number-sign.mako', 'comment.block.documentation.mako',
      'constant.character.escape.line-continuation.mako', 'meta.embedded.block.mako', 'keyword.other.module-block.mako',
      'meta.tag.mako', 'meta.tag.end.mako', 'entity.name.tag.namespace.mako', 'entity.name.function.mako',
      'entity.name.section.mako', 'entity.name.namespace.mako', 'meta.raw.mako', 'meta.parameters.mako',
      'meta.embedded.attribute.mako', 'constant.language.mako',
      // the embedded grammars
      'source.ts', 'meta.type.annotation.ts', 'meta.tag.structure.p.start.html', 'string.quoted.double.js', 'meta.property-list.css',
    ]
    expect(required.filter((s) => !scopes.has(s))).toEqual([])
    const tags = new Set([...snaps.matchAll(/^>.*?<\/?%(\w+)/gm)].map((m) => m[1]))
    expect([...tags].sort()).toEqual(expect.arrayContaining(['block', 'call', 'def', 'doc', 'include', 'inherit', 'namespace', 'page', 'text']))
  })
})

describe('real templates', () => {
  let grammar: vsctm.IGrammar
  beforeAll(async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'))
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength))
    const byScope = new Map<string, string>([[makoGrammar.scopeName, grammarPath]])
    for (const g of embedded) byScope.set(JSON.parse(readFileSync(g, 'utf8')).scopeName, g)
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
      loadGrammar: async (scope) => {
        const file = byScope.get(scope)
        return file ? vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file) : null
      },
    })
    grammar = (await registry.loadGrammar('text.html.mako'))!
  })

  /** tokenizes a template; returns where it is left open (the scopes of the last line's end) and any invalid token */
  function tokenize(src: string) {
    let stack = vsctm.INITIAL
    const invalid: string[] = []
    let last: string[] = []
    for (const line of src.split(/\r?\n/)) {
      const r = grammar.tokenizeLine(line, stack)
      // the grammar's own verdicts (HTML's on toy markup such as <h> are not ours)
      for (const t of r.tokens) if (t.scopes.some((s) => s.startsWith('invalid') && s.endsWith('.mako'))) invalid.push(`${line.slice(t.startIndex, t.endIndex)}: ${t.scopes.join(' ')}`)
      stack = r.ruleStack
      // the scopes in force after the line: those of a token at its end
      last = grammar.tokenizeLine('', stack).tokens[0]?.scopes ?? []
    }
    return { open: last.filter((s) => s !== 'text.html.mako'), invalid }
  }

  it('the sample templates of the repository end at the top level, with no invalid Mako token', () => {
    const files: string[] = []
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.name === 'node_modules' || e.name.startsWith('.') || e.name === 'dist') continue
        // test/realworld/*/orig/: the Python Mako originals (Python in <%! %>, not JavaScript)
        if (e.isDirectory()) { if (e.name !== 'orig') walk(join(d, e.name)) }
        else if (e.name.endsWith('.mako')) files.push(join(d, e.name))
      }
    }
    for (const d of ['playground', 'test', 'bench']) walk(join(root, d))
    expect(files.length).toBeGreaterThan(20)
    const bad = files.map((f) => ({ f: relative(root, f), ...tokenize(readFileSync(f, 'utf8')) })).filter((r) => r.open.length || r.invalid.length)
    expect(bad).toEqual([])
  }, SLOW)

  it('the ```mako examples of README.md and docs/*.md end at the top level, with no invalid Mako token', () => {
    const docs = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]
    const blocks = docs.flatMap((f) => (makoBlocks(readFileSync(join(root, f), 'utf8')) as { code: string }[]).map((b, i) => ({ name: `${f} #${i + 1}`, src: b.code })))
    expect(blocks.length).toBeGreaterThan(10)
    // Mako constructs only: docs/security.md shows `## <script>` mid-line, which is text to
    // Mako (## comments start a line) and so an unclosed <script> to HTML, rightly
    const bad = blocks.map((b) => ({ name: b.name, ...tokenize(b.src) }))
      .map((r) => ({ ...r, open: r.open.filter((s) => s.endsWith('.mako')) }))
      .filter((r) => r.open.length || r.invalid.length)
    expect(bad).toEqual([])
  })

  it('every template of the conformance suite that renders (robustness inputs aside) ends at the top level, with no invalid Mako token', () => {
    const seen = new Set<string>()
    // the hand-written areas whole, every 5th case of the generated ones (mako-diff*: 1,800 cases, 330 KB) to stay fast
    const sources = Object.entries(areas).filter(([area]) => !/^(async-mirror|robustness)/.test(area))
      .flatMap(([area, cases]) => (area.startsWith('mako-diff') ? cases.filter((_, i) => i % 5 === 0) : cases))
      .filter((c) => typeof c.expect === 'string')
      .flatMap((c) => Object.entries(c.templates).map(([uri, src]) => ({ name: `${c.name} ${uri}`, src })))
      .filter((s) => !seen.has(s.src) && seen.add(s.src))
    expect(sources.length).toBeGreaterThan(300)
    const bad = sources.map((s) => ({ name: s.name, ...tokenize(s.src) })).filter((r) => r.open.length || r.invalid.length)
      // known grammar limit (issue 17 note): a template literal spanning lines with `${}` inside
      // <% %> in a loop leaves the embedded TypeScript scope open
      .filter((r) => !r.name.startsWith('a multi-line template literal with ${} in <% %> in a loop'))
    expect(bad).toEqual([])
  }, SLOW)
})

describe('Shiki', () => {
  it('loads the grammar as it is and colours Mako, HTML and TypeScript apart', async () => {
    const { createHighlighter } = await import('shiki')
    const shiki = await createHighlighter({ themes: ['github-light'], langs: ['html', 'typescript', 'javascript', 'css', makoGrammar] })
    const src = '% for item in items:\n<li class="${cls}">${item.name | h}</li>\n% endfor\n'
    const lines = shiki.codeToTokensBase(src, { lang: 'mako', theme: 'github-light', includeExplanation: true })
    const scopeOf = (text: string) => {
      for (const line of lines) for (const t of line) for (const e of t.explanation ?? []) {
        if (e.content.trim() === text) return e.scopes.map((s) => s.scopeName)
      }
      return []
    }
    expect(scopeOf('for')).toContain('keyword.control.loop.mako')
    expect(scopeOf('endfor')).toContain('keyword.control.end.mako')
    expect(scopeOf('|')).toContain('keyword.operator.filter.mako')
    expect(scopeOf('h')).toContain('support.function.filter.mako')
    expect(scopeOf('li')).toContain('entity.name.tag.html')
    expect(scopeOf('cls')).toEqual(expect.arrayContaining(['meta.embedded.expression.mako', 'variable.other.readwrite.ts']))
    const html = shiki.codeToHtml(src, { lang: 'mako', theme: 'github-light' })
    // the keyword, the HTML tag and the filter each get a colour of their own
    const colour = (text: string) => new RegExp(`<span style="color:(#[0-9A-F]{6})">${text}</span>`).exec(html)?.[1]
    expect(new Set([colour('for'), colour('li'), colour('h')]).size).toBe(3)
    shiki.dispose()
  }, SLOW)

  it('builds the examples page (npm run docs:examples): every ```mako example of the docs, highlighted', async () => {
    const { html, blocks } = await buildExamplesPage()
    expect(blocks.length).toBeGreaterThan(10)
    expect(html.match(/<pre class="shiki/g)?.length).toBe(blocks.length)
    // the README's first example: its control keyword is coloured apart from the text around it
    expect(html).toMatch(/<span style="color:#D73A49;--shiki-dark:#F97583">for<\/span>/)
  }, SLOW)
})
