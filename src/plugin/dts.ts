// The declarations the plugin writes next to the templates it compiles (SPEC 13): `page.d.mako.ts`
// for `page.mako`, which TypeScript reads for `import page from './page.mako'` under
// `allowArbitraryExtensions`. Written only when the text changes (the client and server builds
// compile a template each, and an unchanged file keeps editors and `tsc --watch` quiet).
import { readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { declarationAsync, templateDeclaration } from '../compiler/index.js'
import type { ResolvedOptions } from './options.js'

/** `dir/page.d.mako.ts` for `dir/page.mako` (TypeScript's name for the types of `./page.mako`). */
export function declarationFile(file: string): string {
  const ext = extname(file)
  return join(dirname(file), `${basename(file, ext)}.d${ext}.ts`)
}

/** the text last written (or found) per declaration file */
const written = new Map<string, string>()

/** Write the declaration of the template `file` (its text `source`); returns the file when it was (re)written. */
export function writeDeclaration(file: string, source: string, options: ResolvedOptions): string | undefined {
  const text = templateDeclaration(source, { uri: file, async: declarationAsync(options.client, options.server) })
  const target = declarationFile(file)
  let current = written.get(target)
  if (current === undefined) {
    try {
      current = readFileSync(target, 'utf8')
    } catch {
      current = undefined
    }
  }
  if (current === text) {
    written.set(target, text)
    return undefined
  }
  writeFileSync(target, text)
  written.set(target, text)
  return target
}
