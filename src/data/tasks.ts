/**
 * Long work on the main thread (indexing a Bundle, searching it, turning a page of a thousand
 * records into rows) cut into tasks of a few milliseconds, so the page paints and answers input
 * in between: no task of a large record runs past the 50 ms a user notices.
 */

/** The longest a slice of work runs before it lets the browser in. */
export const SLICE_MS = 8;

/**
 * Resolves on a later task, queued behind those already waiting (a page of another list that has
 * just arrived comes first): a message to itself, which, unlike a timeout, is not held back 4 ms
 * when posted over and over. The channel is closed once it has spoken, so it keeps nothing alive.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
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
