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

function* safeLock(backend: StorageBackend, key: string, p: Policy): Steps<string | null | typeof LOCAL> {
  if (!backend.acquireLock) return LOCAL
  try {
    const token: unknown = yield backend.acquireLock(key, p.lockTtl)
    return typeof token === 'string' ? token : token == null ? null : LOCAL
  } catch (error) {
    reportError(error, 'lock', p.onError, p.warnInterval)
    return LOCAL
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
  let token = yield* safeLock(backend, key, p)
  if (token === null) {
    // another process is creating it
    if (stale) return stale.value
    if (backend.async) {
      const deadline = Date.now() + p.lockTtl
      for (let delay = 20; Date.now() < deadline; delay = Math.min(delay * 1.5, 200)) {
        yield sleep(delay / 2 + Math.random() * delay)
        const env = yield* safeGet(backend, key, p)
        if (fresh(env, p)) return env!.value
      }
    }
    // the creator died (its lock lapses on its own) or a sync backend can't wait: create, unlocked
    token = LOCAL
  }
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
      value = yield value
    }
    yield* safeSet(backend, key, { value, createdAt: p.now() }, p)
    return value
  } finally {
    if (token !== LOCAL) yield* safeRelease(backend, key, token, p)
  }
}

/**
 * Value of `key` from `backend`, or `createFn()`'s, stored (dogpile.cache's algorithm):
 * fresh -> return it; stale while somebody else regenerates -> return the stale value;
 * won the lock -> read again, create, store, release; lost it with nothing to serve ->
 * poll for the creator's value (bounded by `lockTtl`), then create. In-process, concurrent
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
