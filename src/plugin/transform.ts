// .mako source -> ES module: the compile options the plugin adds, and what it remembers per module for HMR.
import { createHash } from 'node:crypto'
import { relative } from 'node:path'
import { compile, type CompileResult } from '../compiler/index.js'
import { LOOKUP_ID } from './lookup.js'
import { templateUri, toPosix, type ResolvedOptions } from './options.js'

export interface CompileTarget {
  /** compile for the server (SSR) rather than a browser bundle */
  ssr: boolean
  /** emit the HMR glue (dev server only) */
  hmr: boolean
}

/** Stable across restarts and hot updates: the identity the runtime swaps implementations under. */
export function hmrId(file: string, projectRoot: string): string {
  return createHash('sha256').update(toPosix(relative(projectRoot, file))).digest('hex').slice(0, 12)
}

export function compileTemplate(source: string, file: string, options: ResolvedOptions, target: CompileTarget): CompileResult {
  return compile(source, {
    ...(target.ssr ? options.server : options.client),
    uri: templateUri(file, options.root),
    filename: file,
    runtimeImport: options.runtimeImport,
    staticImports: true,
    lookupImport: LOOKUP_ID,
    hmrId: target.hmr ? hmrId(file, options.projectRoot) : undefined,
  })
}

/**
 * Generated code with what changes on every compile taken out (the starttime), so a
 * save that changes nothing (or only whitespace the compiler drops) is not an update.
 */
export function normalizeOutput(code: string): string {
  return code.replace(/^(\s*starttime: )\d+,$/m, '$1_,')
}

/** Per environment and file: the last output served, for HMR's "did anything change" test. */
export class OutputMemo {
  private readonly outputs = new Map<string, string>()

  private key(env: string, file: string) {
    return `${env}\0${file}`
  }

  remember(env: string, file: string, code: string): void {
    this.outputs.set(this.key(env, file), normalizeOutput(code))
  }

  /** true when `code` is what the environment already runs for `file` */
  unchanged(env: string, file: string, code: string): boolean {
    return this.outputs.get(this.key(env, file)) === normalizeOutput(code)
  }

  forget(file: string): void {
    for (const k of [...this.outputs.keys()]) if (k.endsWith('\0' + file)) this.outputs.delete(k)
  }
}
