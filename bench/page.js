// The elements page: <care-record> holding <care-patient-banner>, <care-medication-list> and
// <care-encounter-timeline>, from the production CDN bundle (what a portal page that adds one
// <script> tag gets). bench/run.js drives it through `window.bench`; the clock of every timing
// starts when <care-record> is appended.
import '../dist/cdn/care-record-elements.all.js';
import { dataLayer } from './data-layer.js';
import {
  deepElementCount,
  elementsIn,
  encounterNumber,
  frame,
  inView,
  layoutCss,
  longTasks,
  networkActivity,
  round,
  pageScrollCss,
  scrollTimeline,
} from './harness.js';

const style = document.createElement('style');
style.textContent = `${layoutCss}${pageScrollCss}
  care-record { display: flex; flex-direction: column; height: 100vh; }`;
document.head.append(style);

const stage = /** @type {HTMLElement} */ (document.getElementById('stage'));

/** @typedef {{ count?: number, total?: number, complete?: boolean }} LoadDetail */
/**
 * What one element reported.
 * @typedef {object} Reported
 * @property {number} expected the count that means every item was read
 * @property {LoadDetail[]} loads every `care-load` detail, in order
 * @property {number[]} loadTimes ms from append to each `care-load`
 * @property {number} progress `care-progress` events
 * @property {{ loaded: number, total?: number } | undefined} lastProgress
 * @property {string[]} errors `care-error` messages
 */

/** @type {HTMLElement | undefined} */
let record;
/** @type {Record<string, Reported>} */
let reported = {};

const TAGS = {
  banner: 'care-patient-banner',
  medications: 'care-medication-list',
  timeline: 'care-encounter-timeline',
};

/** @param {keyof typeof TAGS} key */
const element = (key) => /** @type {HTMLElement} */ (record?.querySelector(TAGS[key]));

/** The banner's name (its `name` part, else all its text). */
function bannerText() {
  const root = element('banner')?.shadowRoot;
  return (root?.querySelector('[part~="name"]') ?? root)?.textContent ?? '';
}

/** The first row of a list (its `item` part, else its first `li`). */
function firstRowText(/** @type {'medications' | 'timeline'} */ key) {
  const root = element(key)?.shadowRoot;
  return (root?.querySelector('[part~="item"]') ?? root?.querySelector('li'))?.textContent ?? '';
}

/** Rows (`item` parts) a list has in the DOM. */
function rowCount(/** @type {'medications' | 'timeline'} */ key) {
  return element(key)?.shadowRoot?.querySelectorAll('[part~="item"]').length ?? 0;
}

/** Whether the page shows `codename`'s banner and a medicine and an encounter of theirs. */
function showsRows(/** @type {string} */ codename) {
  const mark = `[${codename}]`;
  return (
    bannerText().includes(codename) &&
    firstRowText('medications').includes(mark) &&
    firstRowText('timeline').includes(mark)
  );
}

/** An element is done when a `care-load` says every item was read, or says it is not complete. */
function doneOf(/** @type {Reported} */ r) {
  const last = r.loads.at(-1);
  if (!last) return false;
  return last.complete === false || last.complete === true || (last.count ?? 0) >= r.expected;
}

/** Complete: the last `care-load` carries the full count and does not say otherwise. */
function completeOf(/** @type {Reported} */ r) {
  const last = r.loads.at(-1);
  return last !== undefined && last.complete !== false && (last.count ?? 0) >= r.expected;
}

/**
 * Mounts the record and waits for its first rows, then for the whole record: every element's
 * `care-load` with the full count, or, after `idleMs` with no event and no response (or `capMs`
 * in all), gives up and says which element is not complete.
 * @param {{ endpoint?: string, bundleSrc?: string, patient: string, codename: string,
 *   expected: { medications: number, encounters: number }, idleMs: number, capMs: number }} options
 */
async function mount({ endpoint, bundleSrc, patient, codename, expected, idleMs, capMs }) {
  const el = document.createElement('care-record');
  if (endpoint) el.setAttribute('endpoint', endpoint);
  if (bundleSrc) el.setAttribute('bundle-src', bundleSrc);
  el.setAttribute('patient', patient);
  el.innerHTML = `<care-patient-banner></care-patient-banner>
    <div class="cols">
      <div class="col" id="medications-column"><care-medication-list></care-medication-list></div>
      <div class="col" id="timeline-column"><care-encounter-timeline></care-encounter-timeline></div>
    </div>`;
  record = el;
  reported = Object.fromEntries(
    Object.entries({ banner: 1, medications: expected.medications, timeline: expected.encounters }).map(
      ([key, n]) => [
        key,
        { expected: n, loads: [], loadTimes: [], progress: 0, lastProgress: undefined, errors: [] },
      ],
    ),
  );
  const keyOf = (/** @type {EventTarget | null} */ target) =>
    Object.keys(TAGS).find((key) => /** @type {Element} */ (target)?.localName === TAGS[key]);
  let lastEvent = 0;
  el.addEventListener('care-load', (event) => {
    const key = keyOf(event.target);
    if (!key) return;
    lastEvent = performance.now();
    reported[key].loads.push({ .../** @type {CustomEvent} */ (event.detail ?? {}) });
    reported[key].loadTimes.push(round(lastEvent - t0));
  });
  el.addEventListener('care-progress', (event) => {
    const key = keyOf(event.target);
    if (!key) return;
    lastEvent = performance.now();
    reported[key].progress += 1;
    reported[key].lastProgress = /** @type {CustomEvent} */ (event).detail;
  });
  el.addEventListener('care-error', (event) => {
    const key = keyOf(event.target);
    if (!key) return;
    lastEvent = performance.now();
    const error = /** @type {CustomEvent} */ (event).detail?.error;
    reported[key].errors.push(`${error?.kind ?? 'error'}: ${error?.message ?? error}`);
  });

  const network = networkActivity();
  const tasks = longTasks();
  const t0 = performance.now();
  stage.append(el);

  let firstRowsMs;
  let firstRowsFrames = 0;
  let wholeMs;
  let stopped = '';
  for (let frames = 1; ; frames += 1) {
    await frame();
    const now = performance.now();
    if (firstRowsMs === undefined && showsRows(codename)) {
      await frame();
      firstRowsMs = round(performance.now() - t0);
      firstRowsFrames = frames;
    }
    if (Object.values(reported).every(doneOf)) {
      await frame();
      wholeMs = round(performance.now() - t0);
      break;
    }
    if (now - t0 > capMs) {
      stopped = `not complete after ${capMs} ms`;
      break;
    }
    if (now - Math.max(t0, lastEvent, network.last) > idleMs) {
      stopped = `no event and no response for ${idleMs} ms`;
      break;
    }
  }
  const streaming = tasks.stop();
  network.stop();
  const elements = Object.fromEntries(
    Object.entries(reported).map(([key, r]) => {
      const last = r.loads.at(-1);
      return [
        key,
        {
          expected: r.expected,
          count: last?.count ?? null,
          total: last?.total ?? null,
          complete: completeOf(r),
          saysComplete: last?.complete ?? null,
          careLoads: r.loads.length,
          careLoadMs: r.loadTimes,
          careProgress: r.progress,
          lastProgress: r.lastProgress ?? null,
          errors: r.errors,
        },
      ];
    }),
  );
  const complete = Object.values(reported).every(completeOf);
  return {
    firstRowsMs: firstRowsMs ?? null,
    firstRowsFrames,
    wholeMs: complete ? (wholeMs ?? null) : null,
    complete,
    ...(complete ? {} : { notComplete: stopped || 'a care-load said the record is not complete' }),
    elements,
    longTasksStreaming: streaming,
  };
}

/** DOM size once loaded: every element (shadow roots included), and per list, rows and elements. */
function dom() {
  const med = element('medications');
  const tl = element('timeline');
  const medicationRows = rowCount('medications');
  const timelineRows = rowCount('timeline');
  const medicationElements = med ? elementsIn(med) : 0;
  const timelineElements = tl ? elementsIn(tl) : 0;
  return {
    domElements: deepElementCount(),
    medicationRows,
    medicationElements,
    elementsPerMedicationRow: medicationRows ? round(medicationElements / medicationRows) : null,
    timelineRows,
    timelineElements,
    bannerElements: element('banner') ? elementsIn(element('banner')) : 0,
  };
}

/** Scrolls the timeline through `target` encounters (see `scrollTimeline` in harness.js). */
async function scroll(/** @type {{ target: number, step: number, capMs: number }} */ options) {
  const root = element('timeline')?.shadowRoot;
  const reached = (/** @type {{ top: number, bottom: number }} */ view) => {
    let highest = 0;
    for (const row of root?.querySelectorAll('[part~="item"]') ?? []) {
      if (inView(row.getBoundingClientRect(), view))
        highest = Math.max(highest, encounterNumber(row.textContent));
    }
    return highest;
  };
  // Every node in the timeline's shadow root (comments and text included), before and after: a
  // virtualised list should end with about as many as it started with.
  const nodes = () => {
    if (!root) return 0;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
    let count = 0;
    while (walker.nextNode()) count += 1;
    return count;
  };
  const before = nodes();
  const result = await scrollTimeline(reached, options);
  return {
    ...result,
    timelineRowsAtEnd: rowCount('timeline'),
    timelineNodesBefore: before,
    timelineNodesAfter: nodes(),
  };
}

/**
 * Changes `<care-record>`'s patient and checks every animation frame until the new patient's
 * banner, a medicine and an encounter of theirs are on screen: how long, and whether any frame
 * showed the new banner over the old patient's rows (or the old banner over the new rows).
 * @param {{ patient: string, codename: string, oldCodename: string, capMs: number }} options
 */
async function change({ patient, codename, oldCodename, capMs }) {
  for (const column of document.querySelectorAll('.col')) column.scrollTop = 0;
  await frame();
  await frame();
  const oldMark = `[${oldCodename}]`;
  const newMark = `[${codename}]`;
  const tasks = longTasks();
  const t0 = performance.now();
  /** @type {HTMLElement} */ (record).setAttribute('patient', patient);
  let frames = 0;
  let mixedFrames = 0;
  let reverseMixedFrames = 0;
  /** @type {Record<string, string> | undefined} */
  let firstMixed;
  let firstRowsMs = null;
  for (;;) {
    await frame();
    frames += 1;
    const banner = bannerText();
    const medicine = firstRowText('medications');
    const encounter = firstRowText('timeline');
    const bannerNew = banner.includes(codename);
    const bannerOld = banner.includes(oldCodename);
    if (bannerNew && (medicine.includes(oldMark) || encounter.includes(oldMark))) {
      mixedFrames += 1;
      firstMixed ??= { frame: String(frames), banner, medicine, encounter };
    }
    if (bannerOld && (medicine.includes(newMark) || encounter.includes(newMark))) reverseMixedFrames += 1;
    if (bannerNew && medicine.includes(newMark) && encounter.includes(newMark)) {
      await frame();
      firstRowsMs = round(performance.now() - t0);
      break;
    }
    if (performance.now() - t0 > capMs) break;
  }
  return {
    changeFirstRowsMs: firstRowsMs,
    framesChecked: frames,
    mixedFrames,
    reverseMixedFrames,
    firstMixed: firstMixed ?? null,
    longTasks: tasks.stop(),
  };
}

Object.assign(window, { bench: { mount, dom, scroll, change, dataLayer, ready: true } });
