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

/**
 * The ratio a/b as the median of per-round ratios: each round measures every contender
 * within a few seconds, so a load spike on a shared machine affects both sides of a ratio.
 */
export function roundRatio(a, b) {
  const n = Math.min(a?.samples?.length ?? 0, b?.samples?.length ?? 0)
  if (!n) return NaN
  return median(Array.from({ length: n }, (_, i) => a.samples[i] / b.samples[i]))
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
  const failed = new Map()
  for (const c of contenders) {
    try {
      await c.warmUp(warmupMs)
    } catch (err) {
      failed.set(c.id, err)
    }
  }
  const samples = new Map(contenders.map((c) => [c.id, []]))
  // Round 0 is run and thrown away: the first samples after the warm-ups still show
  // late optimisation and the other workers' start-up.
  for (let r = 0; r <= rounds; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(k + r) % contenders.length]
      if (failed.has(c.id)) continue
      try {
        const ops = await c.sample(ms)
        if (r > 0) samples.get(c.id).push(ops)
      } catch (err) {
        failed.set(c.id, err) // a crash or a hang (pool.js times calls out) drops only this one
      }
    }
    if (r > 0) onRound?.(r)
  }
  const out = {}
  for (const c of contenders) {
    const xs = samples.get(c.id)
    if (failed.has(c.id)) {
      out[c.id] = { error: String(failed.get(c.id)?.message ?? failed.get(c.id)).split('\n')[0] }
      continue
    }
    out[c.id] = { opsPerSec: median(xs), best: Math.max(...xs), spread: spread(xs), samples: xs.map((x) => Math.round(x)) }
  }
  return out
}
