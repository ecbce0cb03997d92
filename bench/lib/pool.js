// The parent's side of worker.js: one process per engine, called with promises.

import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url))
const CALL_TIMEOUT_MS = 60_000

export class EngineWorker {
  constructor(engineId) {
    this.engineId = engineId
    this.pending = new Map()
    this.nextId = 1
    this.child = fork(WORKER, [engineId], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    this.child.on('message', ({ id, result, error }) => {
      const p = this.pending.get(id)
      this.pending.delete(id)
      if (error !== undefined) p?.reject(new Error(error))
      else p?.resolve(result)
    })
    this.child.on('exit', (code, signal) => {
      this.dead ??= `worker ${engineId} exited (${signal ?? code})`
      for (const p of this.pending.values()) p.reject(new Error(this.dead))
      this.pending.clear()
    })
  }

  /** One request; a worker that doesn't answer within `timeoutMs` (a hang) is killed. */
  call(msg, timeoutMs = CALL_TIMEOUT_MS) {
    const id = this.nextId++
    if (this.dead) return Promise.reject(new Error(this.dead))
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.dead = `worker ${this.engineId} did not answer '${msg.type}' within ${timeoutMs / 1000} s (killed)`
        this.child.kill('SIGKILL')
      }, timeoutMs)
      const done = (fn) => (v) => {
        clearTimeout(timer)
        fn(v)
      }
      this.pending.set(id, { resolve: done(resolve), reject: done(reject) })
      this.child.send({ ...msg, id })
    })
  }

  /** A contender for harness.interleave, timed in this worker. */
  contender(id, key) {
    return {
      id,
      warmUp: (ms) => this.call({ type: 'warmup', key, ms }),
      sample: async (ms) => (await this.call({ type: 'sample', key, ms })).ops,
    }
  }

  async close() {
    if (this.dead) return
    try {
      await this.call({ type: 'exit' }, 5000)
    } catch {}
  }
}

/** Starts one worker per id; `info` holds each one's availability. */
export async function startWorkers(ids) {
  const workers = new Map()
  await Promise.all(
    ids.map(async (id) => {
      const w = new EngineWorker(id)
      w.info = await w.call({ type: 'init' })
      workers.set(id, w)
    }),
  )
  return workers
}
