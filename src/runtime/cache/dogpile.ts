// The one getOrCreate over a StorageBackend (dogpile.cache's lock algorithm, fail open, in-process single flight), synchronous while everything it touches is.

import type { Envelope, StorageBackend } from './types.js'
import {
  DEFAULT_GRACE, DEFAULT_LOCK_TTL, isThenable, numberOr, reportError, state, type CacheErrorHandler,
} from './state.js'

/** How one getOrCreate/get/set judges and stores values. */
export interface DogpileOptions {
  /** seconds a value stays fresh after its creation; undefined = until invalidated or the template is recompiled */
  timeout?: number
  /** seconds the backend keeps a value past `timeout`, so a stale copy can be served while one caller regenerates (default 60) */
  grace?: number
  /** ms a cross-process lock lives; also the longest a waiter polls for the creator's value (default 10000) */
  lockTtl?: number
  /** epoch ms: an entry created before it is a miss (Mako's starttime rule; default 0) */
  starttime?: number
  /** the clock for createdAt and freshness (default Date.now) */
  now?: () => number
  /** called for every swallowed backend error instead of the rate-limited warning */
  onError?: CacheErrorHandler
  warnInterval?: number
}

/** DogpileOptions resolved once (the built-in impl keeps one per resolved call configuration). */
export class Policy {
  readonly timeoutMs: number | undefined
  /** backend expiry in seconds */
  readonly ttl: number | undefined
  readonly lockTtl: number
  readonly starttime: number
  readonly now: () => number
  readonly onError: unknown
  readonly warnInterval: unknown
  private derived?: Policy

  constructor(o: DogpileOptions) {
    const timeout = numberOr(o.timeout, undefined)
    const grace = numberOr(o.grace, numberOr(state.config.grace, DEFAULT_GRACE))
    this.timeoutMs = timeout !== undefined && timeout > 0 ? timeout * 1000 : undefined
    this.ttl = this.timeoutMs === undefined ? undefined : this.timeoutMs / 1000 + grace
    this.lockTtl = numberOr(o.lockTtl, numberOr(state.config.lockTtl, DEFAULT_LOCK_TTL)) || DEFAULT_LOCK_TTL
    this.starttime = numberOr(o.starttime, 0)
    this.now = typeof o.now === 'function' ? o.now : typeof state.config.now === 'function' ? state.config.now : Date.now
    this.onError = o.onError
    this.warnInterval = o.warnInterval
  }

  /** This policy for a template whose starttime is `starttime` (the last one is kept: it rarely changes). */
  at(starttime: number): Policy {
    if (starttime === this.starttime) return this
    if (this.derived?.starttime === starttime) return this.derived
    const p: Policy = Object.assign(Object.create(Policy.prototype), this, { starttime, derived: undefined })
    this.derived = p
    return p
  }
}

export function policyOf(o: DogpileOptions | Policy): Policy {
  return o instanceof Policy ? o : new Policy(o)
}

function isEnvelope(env: unknown): env is Envelope {
  return env != null && typeof env === 'object' && typeof (env as Envelope).createdAt === 'number'
}

/** Made after the template's (re)compilation: stale or not, it may be served while someone regenerates. */
function usable(env: unknown, p: Policy): env is Envelope {
  return isEnvelope(env) && env.createdAt >= p.starttime
}

// a plain boolean, not a type guard: "not fresh" must not narrow the envelope away
function fresh(env: Envelope | undefined, p: Policy): boolean {
  return usable(env, p) && (p.timeoutMs === undefined || p.now() - env.createdAt < p.timeoutMs)
}

/** What Cache._hit returns when there is no fresh value. */
export const MISS: unique symbol = Symbol('miss')

/** The value of a backend's entry if it is usable and fresh under `p`, else MISS. */
export function hitValue(env: unknown, p: Policy): unknown {
  return isEnvelope(env) && fresh(env, p) ? env.value : MISS
}

// ---------------------------------------------------------------- maybe-async driver

type Steps<T> = Generator<unknown, T, any>

/**
 * Runs a generator that yields values or promises: synchronously as long as every yielded
 * value is a plain value (memory backend, sync template), switching to a Promise at the
 * first thenable. So the algorithm is written once and sync templates never see a Promise.
 */
export function drive<T>(gen: Steps<T>): T | Promise<T> {
  let input: unknown
  for (;;) {
    const r = gen.next(input)
    if (r.done) return r.value
    if (isThenable(r.value)) return driveAsync(gen, r.value)
    input = r.value
  }
}

async function driveAsync<T>(gen: Steps<T>, pending: PromiseLike<unknown>): Promise<T> {
  let r: IteratorResult<unknown, T>
  try {
    r = gen.next(await pending)
  } catch (error) {
    r = gen.throw(error)
  }
  for (;;) {
    if (r.done) return r.value
    try {
      r = gen.next(await r.value)
    } catch (error) {
      r = gen.throw(error)
    }
  }
}

// ---------------------------------------------------------------- fail-open backend calls

function* safeGet(backend: StorageBackend, key: string, p: Policy): Steps<Envelope | undefined> {
  try {
    const env: unknown = yield backend.get(key)
    return isEnvelope(env) ? env : undefined
  } catch (error) {
    reportError(error, 'get', p.onError, p.warnInterval)
    return undefined
  }
}

function* safeSet(backend: StorageBackend, key: string, env: Envelope, p: Policy): Steps<void> {
  try {
    yield backend.set(key, env, p.ttl)
  } catch (error) {
    reportError(error, 'set', p.onError, p.warnInterval)
  }
}

/** No real lock: the backend has none, or it failed (then only the in-process single flight guards). */
const LOCAL = Symbol('local')
/** The lock call timed out: the lock may be ours or someone else's, it is not free. */
const UNKNOWN = Symbol('unknown')

/**
 * How long a waiter waits, in lock ttls, while the lock stays held: its holder keeps it
 * alive while it works, so this only bounds a holder that hangs (then everyone creates).
 */
export const LOCK_WAIT_LIMIT = 6

/** An owner token for a lock attempt, the same for every retry of one creation. */
function newToken(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto
  return typeof c?.randomUUID === 'function' ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
}

function* safeLock(backend: StorageBackend, key: string, p: Policy, mine: string): Steps<string | null | typeof LOCAL | typeof UNKNOWN> {
  if (!backend.acquireLock) return LOCAL
  try {
    const token: unknown = yield backend.acquireLock(key, p.lockTtl, mine)
    return typeof token === 'string' ? token : token == null ? null : LOCAL
  } catch (error) {
    // reported by the backend already
    if ((error as { lockUnknown?: unknown } | null)?.lockUnknown === true) return UNKNOWN
    reportError(error, 'lock', p.onError, p.warnInterval)
    return LOCAL
  }
}

/**
 * Keeps the lock alive while its holder creates the value: every third of the lock ttl,
 * `extendLock` pushes the expiry if the lock still holds our token. A creation slower
 * than the ttl then stays the only one, and a holder that dies stops extending, so its
 * lock lapses within one ttl. Stops at the first answer that the lock is not ours.
 */
function keepAlive(backend: StorageBackend, key: string, token: string, p: Policy): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  const beat = () => {
    timer = setTimeout(() => {
      let kept: unknown
      try {
        kept = backend.extendLock!(key, token, p.lockTtl)
      } catch (error) {
        reportError(error, 'extend', p.onError, p.warnInterval)
        kept = true
      }
      Promise.resolve(kept).then(
        (ok) => { if (ok !== false && !stopped) beat() },
        (error: unknown) => { reportError(error, 'extend', p.onError, p.warnInterval); if (!stopped) beat() },
      )
    }, Math.max(10, p.lockTtl / 3))
    // an idle beat must not keep a finished process alive
    ;(timer as { unref?: () => void }).unref?.()
  }
  beat()
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}

function* safeRelease(backend: StorageBackend, key: string, token: string, p: Policy): Steps<void> {
  try {
    yield backend.releaseLock?.(key, token)
  } catch (error) {
    // the lock's ttl frees it anyway
    reportError(error, 'unlock', p.onError, p.warnInterval)
  }
}

// ---------------------------------------------------------------- single flight

interface Flight {
  promise: Promise<unknown>
  resolve(value: unknown): void
  reject(error: unknown): void
}

function flightsOf(backend: StorageBackend): Map<string, Promise<unknown>> {
  let flights = state.flights.get(backend)
  if (!flights) state.flights.set(backend, (flights = new Map()))
  return flights
}

function startFlight(flights: Map<string, Promise<unknown>>, key: string): Flight {
  let resolve!: (v: unknown) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<unknown>((res, rej) => { resolve = res; reject = rej })
  // nobody may be waiting: a failed creation is the creator's error, not an unhandled rejection
  promise.catch(() => {})
  flights.set(key, promise)
  return { promise, resolve, reject }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

// ---------------------------------------------------------------- the algorithm

function* getOrCreateSteps(
  backend: StorageBackend, key: string, createFn: () => unknown, p: Policy, read?: { env: Envelope | undefined },
): Steps<unknown> {
  const first = read ? read.env : yield* safeGet(backend, key, p)
  if (fresh(first, p)) return first!.value
  const stale = usable(first, p) ? first : undefined

  const flights = flightsOf(backend)
  const running = flights.get(key)
  if (running) {
    // someone in this process is creating it: serve the stale copy, or wait for theirs
    if (stale) return stale.value
    return yield running
  }

  // an async backend makes every caller async: claim the key before the first await, so
  // concurrent misses in this process join us instead of racing for the lock
  const own: { flight?: Flight } = {}
  if (backend.async) own.flight = startFlight(flights, key)
  try {
    const value = yield* createSteps(backend, key, createFn, p, stale, flights, own)
    own.flight?.resolve(value)
    return value
  } catch (error) {
    own.flight?.reject(error)
    throw error
  } finally {
    if (own.flight && flights.get(key) === own.flight.promise) flights.delete(key)
  }
}

function* createSteps(
  backend: StorageBackend, key: string, createFn: () => unknown, p: Policy, stale: Envelope | undefined,
  flights: Map<string, Promise<unknown>>, own: { flight?: Flight },
): Steps<unknown> {
  const mine = newToken()
  let token = yield* safeLock(backend, key, p, mine)
  if (token === null || token === UNKNOWN) {
    // another process is creating it (or may be: a lock call that timed out is no free lock)
    if (stale) return stale.value
    // unless the wait ends with the lock ours: a sync backend can't wait, the backend went
    // down, or nobody held the lock for a whole ttl while its state was unknown
    token = LOCAL
    if (backend.async) {
      const started = Date.now()
      // (at least 5 s more than one ttl: memcached's locks live in whole seconds, rounded up)
      const limit = started + Math.max(p.lockTtl * LOCK_WAIT_LIMIT, p.lockTtl + 5000)
      let deadline = started + p.lockTtl
      for (let delay = 20; Date.now() < deadline; delay = Math.min(delay * 1.5, 200)) {
        yield sleep(delay / 2 + Math.random() * delay)
        const env = yield* safeGet(backend, key, p)
        if (fresh(env, p)) return env!.value
        // ask again with the same token: a lock that lapsed (its holder died) goes to
        // exactly one waiter, and a first attempt that timed out but ran is recognized as ours
        const again = yield* safeLock(backend, key, p, mine)
        if (typeof again === 'string' || again === LOCAL) {
          token = again
          break
        }
        // held: its holder is alive (it keeps the lock alive), so wait on, up to the limit
        if (again === null) deadline = Math.min(Math.max(deadline, Date.now() + p.lockTtl), limit)
      }
    }
  }
  let stopKeeping: (() => void) | undefined
  try {
    if (token !== LOCAL) {
      // double-checked: the previous holder may have stored it while we asked for the lock
      const again = yield* safeGet(backend, key, p)
      if (fresh(again, p)) return again!.value
    }
    let value = createFn()
    if (isThenable(value)) {
      // claimed only now for sync backends: a sync creation may re-enter the same key
      // (a recursive cached def) and must not be handed a Promise
      own.flight ??= startFlight(flights, key)
      if (token !== LOCAL && backend.extendLock) stopKeeping = keepAlive(backend, key, token, p)
      value = yield value
    }
    yield* safeSet(backend, key, { value, createdAt: p.now() }, p)
    return value
  } finally {
    stopKeeping?.()
    if (token !== LOCAL) yield* safeRelease(backend, key, token, p)
  }
}

/**
 * Value of `key` from `backend`, or `createFn()`'s, stored (dogpile.cache's algorithm):
 * fresh -> return it; stale while somebody else regenerates -> return the stale value;
 * won the lock -> read again, create (keeping the lock alive), store, release; lost it
 * with nothing to serve -> poll for the creator's value and ask for the lock again (a
 * lock whose holder died lapses, and exactly one waiter takes it over); a lock call that
 * timed out counts as held. Waiting ends after `lockTtl` without a live holder, or
 * LOCK_WAIT_LIMIT ttls (at least ttl + 5 s) with one; then the waiter creates unlocked. In-process, concurrent
 * misses share one creation; a creation that throws stores nothing and every waiter gets
 * its error. Backend errors are misses (fail open). Synchronous when the backend and
 * `createFn` are; otherwise a Promise.
 */
export function storageGetOrCreate(backend: StorageBackend, key: string, createFn: () => unknown, options: DogpileOptions | Policy = {}): unknown {
  const p = policyOf(options)
  if (!backend.async) {
    // the hit path of a sync backend without a generator: step 1 of the algorithm, inlined
    let env: unknown
    try {
      env = backend.get(key)
    } catch (error) {
      reportError(error, 'get', p.onError, p.warnInterval)
    }
    if (!isThenable(env)) {
      const read = { env: isEnvelope(env) ? env : undefined }
      if (fresh(read.env, p)) return read.env!.value
      return drive(getOrCreateSteps(backend, key, createFn, p, read))
    }
  }
  return drive(getOrCreateSteps(backend, key, createFn, p))
}

/** The fresh value of `key`, or undefined (missing, stale, or the backend failed). */
export function storageGet(backend: StorageBackend, key: string, options: DogpileOptions | Policy = {}): unknown {
  const p = policyOf(options)
  return drive((function* () {
    const env = yield* safeGet(backend, key, p)
    return fresh(env, p) ? env!.value : undefined
  })())
}

/** Stores `value` as created now; a backend error is reported and dropped. */
export function storageSet(backend: StorageBackend, key: string, value: unknown, options: DogpileOptions | Policy = {}): void | Promise<void> {
  const p = policyOf(options)
  return drive(safeSet(backend, key, { value, createdAt: p.now() }, p))
}

/** Removes `key`; a backend error is reported and dropped. */
export function storageDelete(backend: StorageBackend, key: string, options: DogpileOptions | Policy = {}): void | Promise<void> {
  const p = policyOf(options)
  return drive((function* () {
    try {
      yield backend.delete(key)
    } catch (error) {
      reportError(error, 'delete', p.onError, p.warnInterval)
    }
  })())
}
