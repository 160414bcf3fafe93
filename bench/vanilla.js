// The vanilla page: the same record as the elements page, with no framework and no
// virtualisation. It makes the requests the elements made in the same run (bench/run.js hands it
// their plan: the reads, and each search's first URL with the `_count` its later pages asked for),
// follows `next` links, and writes a banner <div>, one <li> per medicine (the drug text) and one
// <li> per encounter (date and type) with document.createElement as each page arrives. The
// clock starts when its root is appended.
import {
  deepElementCount,
  encounterNumber,
  frame,
  inView,
  layoutCss,
  longTasks,
  round,
  pageScrollCss,
  scrollTimeline,
} from './harness.js';

const style = document.createElement('style');
style.textContent = `${layoutCss}${pageScrollCss}
  .banner { padding: 16px; background: #005eb8; color: #fff; }
  .banner__name { font-size: 1.5rem; font-weight: bold; }
  ul { margin: 0; padding: 0; list-style: none; }
  li { padding: 4px 0; border-bottom: 1px solid #d8dde0; }`;
document.head.append(style);

const stage = /** @type {HTMLElement} */ (document.getElementById('stage'));

/** @typedef {{ resourceType: string, id?: string, [key: string]: any }} Resource */
/** @typedef {{ reads: string[], searches: { url: string, nextCount?: number }[] }} Plan */

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** @type {{ banner: HTMLElement, medications: HTMLElement, encounters: HTMLElement } | undefined} */
let view;
/** URLs this page requested, in order. */
let requested = /** @type {string[]} */ ([]);
/** Requests the server refused or failed (a search stops at its failed page, as the elements' do). */
let failures = /** @type {string[]} */ ([]);

async function get(/** @type {string} */ url) {
  requested.push(url);
  const response = await fetch(url, { headers: { accept: 'application/fhir+json' } });
  if (!response.ok)
    throw Object.assign(new Error(`${url}: HTTP ${response.status}`), { status: response.status });
  return response.json();
}

function writeBanner(/** @type {Resource} */ patient) {
  const { banner } = /** @type {NonNullable<typeof view>} */ (view);
  const name = patient.name?.[0] ?? {};
  const line = document.createElement('div');
  line.className = 'banner__name';
  line.textContent = `${String(name.family ?? '').toUpperCase()}, ${(name.given ?? []).join(' ')} (${(name.prefix ?? []).join(' ')})`;
  const details = document.createElement('div');
  const nhs = patient.identifier?.find((/** @type {any} */ i) => /nhs-number/.test(i.system))?.value ?? '';
  details.textContent = `Born ${patient.birthDate ?? ''} · NHS number ${nhs.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3')}`;
  banner.replaceChildren(line, details);
}

const drugText = (/** @type {Resource} */ r) =>
  r.medicationCodeableConcept?.text ??
  r.medicationCodeableConcept?.coding?.[0]?.display ??
  'Unknown medicine';

/** Writes the medicines and encounters among `resources`, in the order given. */
function writeRows(/** @type {Resource[]} */ resources) {
  const { medications, encounters } = /** @type {NonNullable<typeof view>} */ (view);
  const meds = document.createDocumentFragment();
  const encs = document.createDocumentFragment();
  for (const r of resources) {
    if (r.resourceType === 'MedicationRequest' || r.resourceType === 'MedicationStatement') {
      const li = document.createElement('li');
      li.textContent = drugText(r);
      meds.append(li);
    } else if (r.resourceType === 'Encounter') {
      const li = document.createElement('li');
      const start = r.period?.start;
      li.textContent = `${start ? dateFormat.format(new Date(start)) : 'Date not known'} — ${r.type?.[0]?.text ?? ''}`;
      encs.append(li);
    }
  }
  medications.append(meds);
  encounters.append(encs);
}

/** The `next` link of a searchset as the server wrote it. */
const nextOf = (/** @type {any} */ bundle) =>
  bundle.link?.find((/** @type {any} */ l) => l.relation === 'next')?.url;

/** `next` asking for `count` per page, when it carries a `_count` (as the elements' Pager does). */
function resized(/** @type {string} */ next, /** @type {number | undefined} */ count) {
  if (count === undefined) return next;
  const url = new URL(next);
  if (!url.searchParams.has('_count')) return next;
  url.searchParams.set('_count', String(count));
  return url.href;
}

/**
 * One search, every page, rows written as each page arrives. Like the elements' Pager: when the
 * server refuses (4xx) a page asked for at the larger size, that page is asked for at half the
 * size, down to the size the server wrote in its link, and later pages keep the size it accepted.
 * Any other failure ends the search (noted).
 */
async function follow(/** @type {{ url: string, nextCount?: number }} */ search) {
  let count = search.nextCount;
  /** @type {string | undefined} */
  let url = search.url;
  /** @type {string | undefined} */
  let asSent;
  while (url) {
    let page;
    try {
      page = await get(url);
    } catch (error) {
      const status = /** @type {{ status?: number }} */ (error).status ?? 0;
      if (asSent !== undefined && status >= 400 && status < 500) {
        // Half as many, down to the server's own size, as the Pager does.
        const half = Math.floor((count ?? 0) / 2);
        const sentCount = Number(new URL(asSent).searchParams.get('_count')) || 0;
        count = half > sentCount ? half : undefined;
        url = resized(asSent, count);
        asSent = url === asSent ? undefined : asSent;
        continue;
      }
      failures.push(String(/** @type {Error} */ (error).message ?? error));
      return;
    }
    writeRows((page.entry ?? []).map((/** @type {any} */ e) => e.resource));
    const next = nextOf(page);
    url = next === undefined ? undefined : resized(next, count);
    asSent = url === next ? undefined : next;
  }
}

/** The record from the server: the Patient read first, then every search and read at once. */
async function fromServer(/** @type {Plan} */ plan) {
  const [patientRead, ...reads] = plan.reads;
  writeBanner(await get(patientRead));
  const read = (/** @type {string} */ url) =>
    get(url).catch((error) => failures.push(String(error.message ?? error)));
  await Promise.all([...reads.map(read), ...plan.searches.map(follow)]);
}

/** The record from one Bundle: the patient's resources, newest first. */
async function fromBundle(/** @type {string} */ src, /** @type {string} */ patient) {
  const bundle = await get(src);
  const mine = (/** @type {any} */ r) => r.subject?.reference === `Patient/${patient}`;
  const resources = (bundle.entry ?? []).map((/** @type {any} */ e) => e.resource);
  const found = resources.find((/** @type {any} */ r) => r.resourceType === 'Patient' && r.id === patient);
  writeBanner(found);
  const when = (/** @type {any} */ r) =>
    r.authoredOn ?? r.effectivePeriod?.start ?? r.effectiveDateTime ?? r.period?.start ?? '';
  const byDate = (/** @type {any} */ a, /** @type {any} */ b) =>
    when(a) < when(b) ? 1 : when(a) > when(b) ? -1 : 0;
  const meds = resources
    .filter(
      (r) => (r.resourceType === 'MedicationRequest' || r.resourceType === 'MedicationStatement') && mine(r),
    )
    .sort(byDate);
  const encounters = resources.filter((r) => r.resourceType === 'Encounter' && mine(r)).sort(byDate);
  writeRows([...meds, ...encounters]);
}

/**
 * Loads the record (from the server with `plan`, or from `bundleSrc`) and times the first rows and
 * every row painted.
 * @param {{ plan?: Plan, bundleSrc?: string, patient: string, codename: string, capMs: number }} options
 */
async function load({ plan, bundleSrc, patient, codename, capMs }) {
  const root = document.createElement('div');
  root.className = 'record';
  const banner = document.createElement('div');
  banner.className = 'banner';
  const cols = document.createElement('div');
  cols.className = 'cols';
  const medColumn = document.createElement('div');
  medColumn.className = 'col';
  medColumn.id = 'medications-column';
  const encColumn = document.createElement('div');
  encColumn.className = 'col';
  encColumn.id = 'timeline-column';
  const medications = document.createElement('ul');
  const encounters = document.createElement('ul');
  medColumn.append(medications);
  encColumn.append(encounters);
  cols.append(medColumn, encColumn);
  root.append(banner, cols);
  view = { banner, medications, encounters };
  requested = [];
  failures = [];
  const mark = `[${codename}]`;
  const shows = () =>
    banner.textContent?.includes(codename) &&
    medications.firstElementChild?.textContent?.includes(mark) &&
    encounters.firstElementChild?.textContent?.includes(mark);

  const tasks = longTasks();
  const t0 = performance.now();
  stage.replaceChildren(root);
  let done = false;
  /** @type {unknown} */
  let failed;
  const work = (bundleSrc ? fromBundle(bundleSrc, patient) : fromServer(/** @type {Plan} */ (plan))).then(
    () => (done = true),
    (error) => (failed = error),
  );
  let firstRowsMs = null;
  let wholeMs = null;
  for (;;) {
    await frame();
    if (failed) throw failed;
    if (firstRowsMs === null && shows()) {
      await frame();
      firstRowsMs = round(performance.now() - t0);
    }
    if (done) {
      await frame();
      wholeMs = round(performance.now() - t0);
      break;
    }
    if (performance.now() - t0 > capMs) break;
  }
  void work;
  const complete = done && failures.length === 0;
  return {
    firstRowsMs,
    // Like the elements page: no whole-record time when something is missing.
    wholeMs: complete ? wholeMs : null,
    ...(complete ? {} : { stoppedMs: wholeMs }),
    complete,
    ...(failures.length ? { failedRequests: failures.slice(0, 5) } : {}),
    medicationRows: medications.childElementCount,
    encounterRows: encounters.childElementCount,
    requests: requested.length,
    longTasksStreaming: tasks.stop(),
  };
}

function dom() {
  return {
    domElements: deepElementCount(),
    medicationRows: view?.medications.childElementCount ?? 0,
    timelineRows: view?.encounters.childElementCount ?? 0,
  };
}

/** Scrolls the encounter list through `target` encounters (see `scrollTimeline` in harness.js). */
async function scroll(/** @type {{ target: number, step: number, capMs: number }} */ options) {
  const rows = /** @type {NonNullable<typeof view>} */ (view).encounters.children;
  const reached = (/** @type {{ top: number, bottom: number }} */ within) => {
    // Rows are in order: find the last one whose top is above the bottom of the view.
    let lo = 0;
    let hi = rows.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid].getBoundingClientRect().top < within.bottom) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && inView(rows[found].getBoundingClientRect(), within)
      ? encounterNumber(rows[found].textContent)
      : 0;
  };
  return scrollTimeline(reached, options);
}

Object.assign(window, { bench: { load, dom, scroll, ready: true } });
