import { expect } from '@open-wc/testing';
import { isAbortError } from '../../src/data/record-error.js';
import { mapInSlices, nextTask, SLICE_MS, TaskSlices } from '../../src/data/tasks.js';

/** Keeps the main thread busy for `ms`, as a slow piece of work would. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

/** Counts animation frames until `stop()`: a frame runs only between tasks, never inside one. */
function frameCounter() {
  let frames = 0;
  let stopped = false;
  const tick = () => {
    frames += 1;
    if (!stopped) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return {
    stop: () => {
      stopped = true;
      return frames;
    },
  };
}

describe('tasks', () => {
  it('nextTask ends the task: work that awaits it between steps lets a frame be painted', async () => {
    let framed = false;
    requestAnimationFrame(() => (framed = true));
    // Were it a microtask, no frame could come in the 10 s this loop would then take.
    for (let i = 0; i < 10_000 && !framed; i += 1) {
      busy(1);
      await nextTask();
    }
    expect(framed).to.be.true;
  });

  it('TaskSlices is due once a slice has run its time, and starts a new one after next()', async () => {
    const slices = new TaskSlices();
    expect(slices.due).to.be.false;
    busy(SLICE_MS + 1);
    expect(slices.due).to.be.true;
    await slices.next();
    expect(slices.due).to.be.false;
  });

  it('mapInSlices maps in order over many tasks: frames are painted while it works', async () => {
    const counter = frameCounter();
    const items = Array.from({ length: 30 }, (_, i) => i);
    const mapped = await mapInSlices(items, (n) => {
      busy(SLICE_MS + 1);
      return n * 10;
    });
    expect(mapped).to.deep.equal(items.map((n) => n * 10));
    expect(counter.stop()).to.be.greaterThan(0);
  });

  it('mapInSlices stops with an AbortError when cancelled between slices', async () => {
    const controller = new AbortController();
    let calls = 0;
    const done = mapInSlices(
      [1, 2, 3],
      (n) => {
        calls += 1;
        busy(SLICE_MS + 1);
        controller.abort();
        return n;
      },
      controller.signal,
    );
    let error: unknown;
    try {
      await done;
    } catch (caught) {
      error = caught;
    }
    expect(isAbortError(error)).to.be.true;
    expect(calls).to.equal(1);
  });
});
