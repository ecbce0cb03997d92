// What the matrix files share: `npm` against the registry (npm's cache first) and the packed
// package, as a user installs it.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { repoRoot } from '../e2e/harness.js'

export const exec = promisify(execFile)

/** `npm <args>` in `cwd`, from npm's cache when it has the package (reruns stay fast) */
export const npm = (args: string[], cwd: string) =>
  exec('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel', 'error'], { cwd, maxBuffer: 1 << 24 })

/** `node <args>` in `dir` (production mode unless `env` says otherwise) */
export const node = (dir: string, args: string[], env: Record<string, string> = {}) =>
  exec(process.execPath, args, { cwd: dir, env: { ...process.env, NODE_ENV: 'production', ...env }, maxBuffer: 1 << 24 })

/** `npm pack` of this package into `dir`: the tarball's path */
export async function pack(dir: string): Promise<string> {
  const { stdout } = await exec('npm', ['pack', '--pack-destination', dir, '--json', '--loglevel', 'error'], { cwd: repoRoot })
  return join(dir, (JSON.parse(stdout) as { filename: string }[])[0].filename)
}
