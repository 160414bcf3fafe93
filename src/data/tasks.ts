/**
 * Long work on the main thread (indexing a Bundle, searching it, turning a page of a thousand
 * records into rows) cut into tasks of a few milliseconds, so the page paints and answers input
 * in between: no task of a large record runs past the 50 ms a user notices.
 */

/** The longest a slice of work runs before it lets the browser in. */
export const SLICE_MS = 8;

/**
 * Resolves on a later task: `scheduler.yield()` where the browser has it (the work keeps its
 * place ahead of other queued tasks), else a zero-delay timeout.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The clock of one piece of work cut into slices: in its loop, `if (slices.due) await
 * slices.next(signal)` lets the browser in once the slice has run `SLICE_MS`, and rejects with
 * an `AbortError` when `signal` was cancelled meanwhile.
 */
export class TaskSlices {
  #start = performance.now();

  /** The slice has run its time. */
  get due(): boolean {
    return performance.now() - this.#start >= SLICE_MS;
  }

  async next(signal?: AbortSignal): Promise<void> {
    await nextTask();
    signal?.throwIfAborted();
    this.#start = performance.now();
  }
}

/** `items.map(work)` in slices (see `TaskSlices`). */
export async function mapInSlices<T, U>(
  items: readonly T[],
  work: (item: T, index: number) => U,
  signal?: AbortSignal,
): Promise<U[]> {
  const slices = new TaskSlices();
  const out: U[] = [];
  for (let i = 0; i < items.length; i += 1) {
    if (slices.due) await slices.next(signal);
    out.push(work(items[i], i));
  }
  return out;
}
