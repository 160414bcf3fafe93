// What the elements page (page.js) and the vanilla page (vanilla.js) share: frames, the long-task
// recorder, the layout both pages use, the DOM count and the timeline scroll. Plain browser JS,
// no imports, so the vanilla page loads no framework.

/** Resolves at the next animation frame (before that frame's style, layout and paint). */
export const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

export const round = (/** @type {number} */ ms) => Math.round(ms * 10) / 10;

/**
 * Records `longtask` entries (main-thread tasks over 50 ms) from now until `stop()`.
 * @returns {{ stop(): { count: number, longestMs: number, totalMs: number } }}
 */
export function longTasks() {
  /** @type {PerformanceEntry[]} */
  const entries = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ type: 'longtask' });
  return {
    stop() {
      entries.push(...observer.takeRecords());
      observer.disconnect();
      return {
        count: entries.length,
        longestMs: round(Math.max(0, ...entries.map((e) => e.duration))),
        totalMs: round(entries.reduce((sum, e) => sum + e.duration, 0)),
      };
    },
  };
}

/**
 * Notes when the page last received a response (resource timing), so a wait can end once the page
 * has been idle for a while.
 */
export function networkActivity() {
  performance.setResourceTimingBufferSize(100_000);
  const state = { last: performance.now(), responses: 0 };
  const observer = new PerformanceObserver((list) => {
    state.responses += list.getEntries().length;
    state.last = performance.now();
  });
  observer.observe({ type: 'resource' });
  return {
    get last() {
      return state.last;
    },
    get responses() {
      return state.responses;
    },
    stop: () => observer.disconnect(),
  };
}

/** Every element in the document, counting into every shadow root. */
export function deepElementCount() {
  let count = 0;
  /** @param {Document | ShadowRoot} root */
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      count += 1;
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return count;
}

/** Elements inside `el` (its light DOM and every shadow root below it), `el` excluded. */
export function elementsIn(/** @type {Element} */ el) {
  let count = 0;
  /** @param {Element | ShadowRoot} root */
  const walk = (root) => {
    for (const child of root.querySelectorAll('*')) {
      count += 1;
      if (child.shadowRoot) walk(child.shadowRoot);
    }
  };
  if (el.shadowRoot) walk(el.shadowRoot);
  walk(el);
  return count;
}

/**
 * The two pages' layout: the banner on top, then the medicines and the timeline side by side, each
 * column scrolling on its own (as in a portal), filling the viewport.
 */
export const layoutCss = `
  html, body { margin: 0; height: 100%; font-family: Arial, sans-serif; }
  #stage { height: 100vh; }
  .record { display: flex; flex-direction: column; height: 100vh; }
  .cols { display: flex; flex: 1; min-height: 0; gap: 16px; padding: 0 16px; }
  .col { flex: 1; min-width: 0; overflow: auto; }
`;

/** The number in an encounter row's type text (`… [ALPHA] #00042` → 42), else 0. */
export function encounterNumber(/** @type {string | null | undefined} */ text) {
  const match = /#(\d{5})/.exec(text ?? '');
  return match ? Number(match[1]) : 0;
}

/**
 * Scrolls `scroller` down by `step` px every frame until `reached()` (the highest encounter number
 * on screen) is at least `target`, the scroller stops moving, or `capMs` passes. Long tasks are
 * recorded throughout.
 * @param {Element} scroller
 * @param {() => number} reached
 * @param {{ target: number, step: number, capMs: number }} options
 */
async function scrollThrough(scroller, reached, { target, step, capMs }) {
  scroller.scrollTop = 0;
  await frame();
  await frame();
  const tasks = longTasks();
  const t0 = performance.now();
  let frames = 0;
  let still = 0;
  let highest = 0;
  for (;;) {
    await frame();
    frames += 1;
    highest = Math.max(highest, reached());
    if (highest >= target) break;
    if (performance.now() - t0 > capMs) break;
    const before = scroller.scrollTop;
    scroller.scrollTop = before + step;
    still = scroller.scrollTop === before ? still + 1 : 0;
    // The virtualizer may grow the list as it measures rows: stop only after a few frames without movement.
    if (still >= 10) break;
  }
  await frame();
  return {
    scrollMs: round(performance.now() - t0),
    frames,
    reached: highest,
    target,
    longTasks: tasks.stop(),
  };
}

/** While on the root element, the page scrolls the timeline alone (the medicines column is hidden). */
export const pageScrollCss = `
  html.page-scroll #stage, html.page-scroll .record, html.page-scroll care-record { height: auto; display: block; }
  html.page-scroll .cols { display: block; }
  html.page-scroll .col { overflow: visible; }
  html.page-scroll #medications-column { display: none; }
`;

/**
 * The timeline scroll, in two parts. First, in the layout it loaded in: the timeline's column is
 * scrolled three screens down at once; `followsColumnScroll` says whether encounter rows are on
 * screen there a few frames later (a list that only follows the window's scrolling shows nothing).
 * Then the page is made to scroll the timeline alone and is scrolled `step` px every frame until
 * encounter `target` is on screen: the long tasks while scrolling.
 * @param {(view: { top: number, bottom: number }) => number} reached the highest encounter number on screen within `view`
 * @param {{ target: number, step: number, capMs: number }} options
 */
export async function scrollTimeline(reached, options) {
  const column = /** @type {HTMLElement} */ (document.getElementById('timeline-column'));
  column.scrollTop = 0;
  await frame();
  await frame();
  column.scrollTop = column.clientHeight * 3;
  for (let i = 0; i < 5; i += 1) await frame();
  const inColumn = reached(column.getBoundingClientRect());
  const followsColumnScroll = column.scrollTop > 0 ? inColumn > 1 : null;
  column.scrollTop = 0;

  const root = document.documentElement;
  root.classList.add('page-scroll');
  const scroller = /** @type {Element} */ (document.scrollingElement);
  const result = await scrollThrough(scroller, () => reached({ top: 0, bottom: innerHeight }), options);
  root.classList.remove('page-scroll');
  scroller.scrollTop = 0;
  await frame();
  await frame();
  return { ...result, followsColumnScroll, encounterInColumnAfterJump: inColumn };
}

/**
 * Whether `rect` is at least partly inside `view` (vertically).
 */
export const inView = (
  /** @type {{ top: number, bottom: number, height: number }} */ rect,
  /** @type {{ top: number, bottom: number }} */ view,
) => rect.bottom > view.top && rect.top < view.bottom && rect.height > 0;
