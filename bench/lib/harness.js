// Timing: warm-up and batch calibration, fixed-duration samples, interleaved rounds, medians.

const now = () => Number(process.hrtime.bigint()) / 1e6 // ms

/** Results flow into this so V8 cannot drop a render whose output is unused. */
export let sink = 0

function runBatch(fn, data, n) {
  let acc = 0
  for (let i = 0; i < n; i++) acc += fn(data).length
  sink ^= acc
}

async function runBatchAsync(fn, data, n) {
  let acc = 0
  for (let i = 0; i < n; i++) acc += (await fn(data)).length
  sink ^= acc
}

/**
 * Runs fn for about `ms` after a first call, returns a batch size that takes about
 * `targetMs`, so the clock is read rarely compared with the work measured.
 */
export async function warmUp(fn, data, { ms, isAsync = false, targetMs = 2 }) {
  const batch = isAsync ? runBatchAsync : runBatch
  let n = 1
  let calls = 0
  const t0 = now()
  let elapsed = 0
  while (elapsed < ms) {
    const t = now()
    await batch(fn, data, n)
    const dt = now() - t
    calls += n
    if (dt < targetMs / 2) n *= 2
    elapsed = now() - t0
  }
  const perCall = elapsed / calls
  return Math.max(1, Math.round(targetMs / perCall))
}

/** One sample: batches for `ms`, returns operations per second. */
export async function sample(fn, data, { ms, batch, isAsync = false }) {
  let calls = 0
  const t0 = now()
  let t = t0
  if (isAsync) {
    do {
      await runBatchAsync(fn, data, batch)
      calls += batch
      t = now()
    } while (t - t0 < ms)
  } else {
    do {
      runBatch(fn, data, batch)
      calls += batch
      t = now()
    } while (t - t0 < ms)
  }
  return (calls * 1000) / (t - t0)
}

export function median(xs) {
  if (!xs.length) return NaN
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Median absolute deviation as a fraction of the median: the run-to-run spread. */
export function spread(xs) {
  const m = median(xs)
  return median(xs.map((x) => Math.abs(x - m))) / m
}

/** A contender timed in this process. */
export function local(id, fn, data, isAsync = false) {
  let batch = 1
  return {
    id,
    async warmUp(ms) {
      batch = await warmUp(fn, data, { ms, isAsync })
    },
    sample: (ms) => sample(fn, data, { ms, batch, isAsync }),
  }
}

/**
 * Times each contender for `rounds` rounds. Within a round every contender runs once,
 * in an order rotated each round, so a slow stretch on a shared machine hits all of them
 * instead of one. Contenders: `{ id, warmUp(ms), sample(ms) -> ops/s }`, local (above)
 * or in a worker process (pool.js).
 */
export async function interleave(contenders, { rounds, ms, warmupMs, onRound }) {
  for (const c of contenders) await c.warmUp(warmupMs)
  const samples = new Map(contenders.map((c) => [c.id, []]))
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(k + r) % contenders.length]
      samples.get(c.id).push(await c.sample(ms))
    }
    onRound?.(r + 1)
  }
  const out = {}
  for (const c of contenders) {
    const xs = samples.get(c.id)
    out[c.id] = { opsPerSec: median(xs), best: Math.max(...xs), spread: spread(xs), samples: xs.map((x) => Math.round(x)) }
  }
  return out
}
