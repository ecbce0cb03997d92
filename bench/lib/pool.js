// The parent's side of worker.js: one process per engine, called with promises.

import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url))

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
    this.child.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`worker ${engineId} exited with ${code}`))
      this.pending.clear()
    })
  }

  call(msg) {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
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
    try {
      await this.call({ type: 'exit' })
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
