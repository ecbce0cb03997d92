// The source layout as docs/architecture.md describes it, and the import rules it states.
//
// Imports are read with TypeScript's own parser (docs/decisions.md: no madge or
// dependency-cruiser). With `verbatimModuleSyntax` an import stays in the built JavaScript
// unless the whole declaration is `import type` / `export type`: those are the edges that
// can make a cycle at load time, so those are the ones checked.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SRC = path.join(ROOT, 'src')
const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/')

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) walk(p, out)
    else if (p.endsWith('.ts')) out.push(p)
  }
  return out
}

interface Edge { from: string; to: string; typeOnly: boolean }

/** The relative imports and re-exports of every source file. */
function importGraph(): Edge[] {
  const edges: Edge[] = []
  for (const file of walk(SRC)) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false)
    for (const st of sf.statements) {
      if (!(ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) || !st.moduleSpecifier || !ts.isStringLiteral(st.moduleSpecifier)) continue
      const spec = st.moduleSpecifier.text
      if (!spec.startsWith('.')) continue
      const typeOnly = ts.isImportDeclaration(st) ? !!st.importClause?.isTypeOnly : st.isTypeOnly
      edges.push({ from: rel(file), to: rel(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts'))), typeOnly })
    }
  }
  return edges
}

/** Every cycle through value edges, as the list of its files (each found once per start). */
function cycles(edges: Edge[]): string[][] {
  const next = new Map<string, string[]>()
  for (const e of edges) if (!e.typeOnly) next.set(e.from, [...(next.get(e.from) ?? []), e.to])
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (n: string) => {
    state.set(n, 'open')
    stack.push(n)
    for (const m of next.get(n) ?? []) {
      if (state.get(m) === 'open') found.push([...stack.slice(stack.indexOf(m)), m])
      else if (!state.has(m)) visit(m)
    }
    stack.pop()
    state.set(n, 'done')
  }
  for (const n of next.keys()) if (!state.has(n)) visit(n)
  return found
}

describe('imports', () => {
  const edges = importGraph()

  it('read every relative import (the scan finds the known ones)', () => {
    expect(edges).toContainEqual({ from: 'src/compiler/index.ts', to: 'src/compiler/lexer.ts', typeOnly: false })
    expect(edges).toContainEqual({ from: 'src/exceptions.ts', to: 'src/template.ts', typeOnly: true })
    for (const e of edges) expect(fs.existsSync(path.join(ROOT, e.to)), `${e.from} -> ${e.to}`).toBe(true)
  })

  it('form no cycle among source files', () => {
    expect(cycles(edges)).toEqual([])
    // the check finds one when there is one
    expect(cycles([...edges, { from: 'src/runtime/filters.ts', to: 'src/runtime/index.ts', typeOnly: false }]).length).toBeGreaterThan(0)
  })

  it('keep the compiler off the runtime, the runtime off the compiler, and src/shared to itself', () => {
    const bad = edges.filter((e) => {
      const allowed =
        e.from.startsWith('src/compiler/') ? ['src/compiler/', 'src/shared/']
          : e.from.startsWith('src/runtime/') ? ['src/runtime/', 'src/shared/']
            : e.from.startsWith('src/shared/') ? ['src/shared/']
              : null
      // the compiler may not even name runtime types: it emits code against src/runtime/api.ts by name
      return allowed && !allowed.some((a) => e.to.startsWith(a))
    })
    expect(bad).toEqual([])
  })
})

/** The Layout block of docs/architecture.md: folder -> the text of its entry. */
function layout(): Map<string, string> {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'architecture.md'), 'utf8')
  const section = doc.slice(doc.indexOf('## Layout'), doc.indexOf('\n## ', doc.indexOf('## Layout') + 1))
  const entries = new Map<string, string>()
  let current: string | undefined
  for (const line of section.split('\n')) {
    const head = /^ {4}([\w./-]+\/)\s+(.*)$/.exec(line)
    if (head) {
      current = head[1].replace(/\/$/, '')
      entries.set(current, head[2])
    } else if (current && /^ {5,}\S/.test(line)) entries.set(current, `${entries.get(current)} ${line.trim()}`)
    else if (!/^ {4}/.test(line)) current = undefined
  }
  return entries
}

const FILE = /(?<![\w./-])((?:[\w-]+\/)*[\w-]+(?:\.[\w-]+)*\.(?:ts|js|mjs|json|md))\b/g
const dirs = (dir: string) => fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name)

describe('docs/architecture.md', () => {
  const entries = layout()

  it('has a layout entry per folder', () => {
    expect(entries.size).toBeGreaterThan(10)
  })

  it('names only files that exist', () => {
    const missing: string[] = []
    for (const [folder, text] of entries) {
      for (const m of text.matchAll(FILE)) {
        if (!fs.existsSync(path.join(ROOT, folder, m[1])) && !fs.existsSync(path.join(ROOT, m[1]))) missing.push(`${folder}/: ${m[1]}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('describes every folder of src/, naming each of its files', () => {
    const folders = [...new Set(walk(SRC).map((f) => rel(path.dirname(f))))]
    expect(folders.filter((f) => !entries.has(f))).toEqual([])
    const unnamed: string[] = []
    for (const file of walk(SRC)) {
      const named = new Set([...(entries.get(rel(path.dirname(file))) ?? '').matchAll(FILE)].map((m) => m[1]))
      if (!named.has(path.basename(file))) unnamed.push(rel(file))
    }
    expect(unnamed).toEqual([])
  })

  it('describes every top-level folder, and names the folders of test/ and bench/', () => {
    const top = dirs('.').filter((d) => d !== 'node_modules' && d !== 'dist')
    expect(top.filter((d) => !entries.has(d))).toEqual([])
    for (const parent of ['test', 'bench']) {
      const text = entries.get(parent) ?? ''
      expect(dirs(parent).filter((d) => !text.includes(`${d}/`)), parent).toEqual([])
    }
  })
})

/** The files of `files` over `max` lines, with their line counts. */
function overLong(files: string[], max: number): string[] {
  return files.flatMap((f) => {
    const lines = fs.readFileSync(f, 'utf8').split('\n').length - 1
    return lines > max ? [`${rel(f)}: ${lines} lines`] : []
  })
}

describe('source files', () => {
  it('are no longer than 600 lines each (split one by responsibility instead)', () => {
    expect(overLong(walk(SRC), 600)).toEqual([])
    // the check finds a file that is too long
    expect(overLong(walk(SRC), 100).length).toBeGreaterThan(0)
  })
})
