import { abortError } from './fhir-http.js';

interface Hit<T> {
  value: T;
  expires: number;
  /** Drops the answer when it expires, so it is not kept until a later call looks. */
  timer?: ReturnType<typeof setTimeout>;
}

/** The longest delay `setTimeout` keeps (a longer one fires at once). */
const MAX_TIMER = 2 ** 31 - 1;

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  /** Callers still waiting; the load is aborted when the last of them gives up. */
  waiters: number;
}

/**
 * One load per key shared by every caller, and a short-lived memory cache of what succeeded.
 * A caller that aborts is rejected alone; the load itself is aborted only when every caller has
 * aborted. Failures are never kept, so the next call tries again. An answer is dropped when it
 * expires, whether or not it is asked for again. Nothing is written to storage.
 */
export class RequestCache<T> {
  readonly #ttl: number;
  readonly #now: () => number;
  readonly #flights = new Map<string, Flight<T>>();
  readonly #values = new Map<string, Hit<T>>();

  /** `ttl` in milliseconds (`Infinity` keeps answers until `clear()`); `now` is for tests. */
  constructor(ttl: number, now: () => number = () => Date.now()) {
    this.#ttl = ttl;
    this.#now = now;
  }

  /** The cached value, the shared load in flight, or a new load. */
  get(key: string, load: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError());
    const cached = this.peek(key);
    if (cached !== undefined) return Promise.resolve(cached);
    const flight = this.#flights.get(key) ?? this.#start(key, load);
    return this.#wait(key, flight, signal);
  }

  /** The cached value when it has not expired. */
  peek(key: string): T | undefined {
    const hit = this.#values.get(key);
    if (!hit) return undefined;
    if (hit.expires > this.#now()) return hit.value;
    this.#drop(key);
    return undefined;
  }

  /** Forgets the answer kept for `key` (a load in flight still answers its callers). */
  forget(key: string): void {
    this.#drop(key);
  }

  /**
   * Forgets every answer and every load in flight; nothing is aborted: loads in flight still
   * answer their callers, but are no longer shared and what they bring is not kept.
   */
  clear(): void {
    for (const hit of this.#values.values()) clearTimeout(hit.timer);
    this.#values.clear();
    this.#flights.clear();
  }

  #drop(key: string): void {
    clearTimeout(this.#values.get(key)?.timer);
    this.#values.delete(key);
  }

  #start(key: string, load: (signal: AbortSignal) => Promise<T>): Flight<T> {
    const controller = new AbortController();
    // The executor also turns a load that throws synchronously into a rejection.
    const promise = new Promise<T>((resolve) => resolve(load(controller.signal))).then(
      (value) => {
        if (this.#flights.get(key) === flight) {
          this.#flights.delete(key);
          this.#store(key, value);
        }
        return value;
      },
      (error: unknown) => {
        if (this.#flights.get(key) === flight) this.#flights.delete(key);
        throw error;
      },
    );
    const flight: Flight<T> = { promise, controller, waiters: 0 };
    this.#flights.set(key, flight);
    return flight;
  }

  #store(key: string, value: T): void {
    if (this.#ttl <= 0) return;
    this.#drop(key);
    const hit: Hit<T> = { value, expires: this.#now() + this.#ttl };
    if (this.#ttl <= MAX_TIMER) {
      hit.timer = setTimeout(() => {
        if (this.#values.get(key) === hit) this.#values.delete(key);
      }, this.#ttl);
    }
    this.#values.set(key, hit);
  }

  #wait(key: string, flight: Flight<T>, signal?: AbortSignal): Promise<T> {
    flight.waiters += 1;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const leave = () => {
        settled = true;
        flight.waiters -= 1;
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        if (settled) return;
        leave();
        reject(abortError());
        if (flight.waiters === 0) {
          if (this.#flights.get(key) === flight) this.#flights.delete(key);
          flight.controller.abort();
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (value) => {
          if (settled) return;
          leave();
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          leave();
          reject(error);
        },
      );
    });
  }
}
