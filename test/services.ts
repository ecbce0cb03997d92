// Test harness for the network cache backends: starts redis-server / memcached on free loopback ports, stops them after.
//
// Without the binaries the suites skip with a loud message, unless MAKO_REQUIRE_SERVICES=1
// (set by .ci/run), which turns the skip into a failing test.

import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { describe, it } from 'vitest'

export type ServiceName = 'redis-server' | 'memcached'

export const requireServices = process.env.MAKO_REQUIRE_SERVICES === '1'

/** The binary's path on PATH, or undefined. */
export function findBinary(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, name)
    try {
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
    } catch {
      // unreadable PATH entry
    }
  }
  return undefined
}

/**
 * `describe` that runs only when `binary` exists. Missing: a loud skip, or with
 * MAKO_REQUIRE_SERVICES=1 a suite whose one test fails saying what to install.
 */
export function describeWithService(binary: ServiceName, name: string, fn: () => void): void {
  if (findBinary(binary)) {
    describe(name, fn)
    return
  }
  const message = `${binary} not found on PATH: the "${name}" tests need it (apt-get install -y ${binary === 'redis-server' ? 'redis-server' : 'memcached'})`
  if (requireServices) {
    describe(name, () => {
      it(`requires ${binary} (MAKO_REQUIRE_SERVICES=1)`, () => {
        throw new Error(`${message}; MAKO_REQUIRE_SERVICES=1 makes this a failure`)
      })
    })
    return
  }
  const bar = '!'.repeat(78)
  console.warn(`\n${bar}\n!!! SKIPPED: ${message}.\n!!! Set MAKO_REQUIRE_SERVICES=1 to make this a failure.\n${bar}\n`)
  describe.skip(name, fn)
}

/** A port nobody listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    const done = (ok: boolean) => { socket.destroy(); resolve(ok) }
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
    socket.setTimeout(500, () => done(false))
  })
}

const running = new Set<ChildProcess>()
process.once('exit', () => {
  // last resort if a suite forgot stop(): never leave a server behind
  for (const child of running) child.kill('SIGKILL')
})

/** A server process on a loopback port that stays the same across restarts. */
export class Service {
  private child: ChildProcess | undefined
  private readonly dir: string

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    private readonly args: (port: number, dir: string) => string[],
    readonly url: string,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), `mako-${name}-`))
  }

  get pid(): number | undefined {
    return this.child?.pid
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
  }

  /** Starts the server and resolves once it accepts connections. */
  async start(): Promise<void> {
    if (this.running) return
    const binary = findBinary(this.name)
    if (!binary) throw new Error(`${this.name} not found on PATH`)
    const child = spawn(binary, this.args(this.port, this.dir), { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    this.child = child
    running.add(child)
    child.once('exit', () => running.delete(child))
    const spawnError = new Promise<never>((_, reject) => child.once('error', reject))
    spawnError.catch(() => {})
    const deadline = Date.now() + 10_000
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited at start: ${stderr.trim()}`)
      if (await Promise.race([canConnect(this.port), spawnError])) return
      await new Promise((r) => setTimeout(r, 25))
    }
    throw new Error(`${this.name} did not accept connections on 127.0.0.1:${this.port} within 10 s`)
  }

  /** Stops the server with `signal` (SIGKILL: a crash) and waits for it to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child
    if (!child || !this.running) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGCONT')
    child.kill(signal)
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }

  /** Freezes the process (SIGSTOP): connections stay open but nothing answers, a hung server. */
  async pause(): Promise<void> {
    const pid = this.child?.pid
    if (pid === undefined) return
    this.child!.kill('SIGSTOP')
    // the signal is asynchronous: wait until the kernel reports the process stopped (Linux)
    const deadline = Date.now() + 2000
    while (Date.now() < deadline) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
        if (/^\d+ \(.*\) [Tt] /.test(stat)) return
      } catch {
        // no procfs: give the signal a moment instead
        await new Promise((r) => setTimeout(r, 50))
        return
      }
      await new Promise((r) => setTimeout(r, 5))
    }
  }

  resume(): void {
    this.child?.kill('SIGCONT')
  }

  async restart(): Promise<void> {
    await this.stop('SIGKILL')
    await this.start()
  }

  /** Stops the server and removes its working directory. */
  async dispose(): Promise<void> {
    await this.stop()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/** redis-server on a free loopback port, no persistence, started. */
export async function startRedis(): Promise<Service> {
  const port = await freePort()
  const service = new Service('redis-server', port, (p, dir) => [
    '--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
    '--dir', dir, '--daemonize', 'no', '--protected-mode', 'yes', '--loglevel', 'warning',
  ], `redis://127.0.0.1:${port}/0`)
  await service.start()
  return service
}

/** memcached on a free loopback port, TCP only, started. */
export async function startMemcached(): Promise<Service> {
  const port = await freePort()
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const service = new Service('memcached', port, (p) => [
    '-l', '127.0.0.1', '-p', String(p), '-U', '0', '-m', '64',
    // memcached refuses to run as root unless told which user to become
    ...(asRoot ? ['-u', 'nobody'] : []),
  ], `memcached://127.0.0.1:${port}`)
  await service.start()
  return service
}
