// The bench page: builds the record in the page (before any timing starts), then runs one scenario
// and hands its numbers back to bench/run.js. It loads the production CDN bundle, so what is
// measured is what a portal page that adds one <script> tag gets.
import { BundleSource, FhirRestSource } from '../dist/cdn/care-record-elements.js';

const stage = /** @type {HTMLElement} */ (document.getElementById('stage'));

/** @typedef {{ resourceType: string, id?: string, [key: string]: unknown }} Resource */
/** @typedef {{ resourceType: 'Bundle', type: string, entry: { fullUrl?: string, resource: Resource }[] }} Bundle */
/**
 * @typedef {object} Dataset
 * @property {string} name
 * @property {string} patientId
 * @property {Bundle} record the whole record: patient, encounters, medicines and what they refer to
 * @property {Bundle} bannerRecord the patient, allergies and organisations only
 * @property {number} encounters
 * @property {number} medications
 * @property {string} lastEncounterId the encounter the timeline shows last (oldest)
 */

// ---------------------------------------------------------------------------------------------
// Waiting for the browser

/** Resolves after the next frame has been produced (a rAF, then a task after it). */
const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/**
 * `care-load` from `el` (rejecting on `care-error` or after `ms`).
 * @param {HTMLElement} el
 * @param {number} ms
 */
function nextLoad(el, ms = 60_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no care-load from <${el.localName}> in ${ms} ms`)), ms);
    el.addEventListener(
      'care-load',
      (event) => {
        clearTimeout(timer);
        resolve({ at: performance.now(), count: /** @type {CustomEvent} */ (event).detail?.count });
      },
      { once: true },
    );
    el.addEventListener(
      'care-error',
      (event) => {
        clearTimeout(timer);
        reject(new Error(`care-error: ${/** @type {CustomEvent} */ (event).detail?.error?.message}`));
      },
      { once: true },
    );
  });
}

/**
 * Polls each frame until `test()` is truthy; returns its value and when it became so.
 * @template T
 * @param {() => T} test
 * @param {number} ms
 * @returns {Promise<{ value: T, at: number, frames: number }>}
 */
async function until(test, ms = 30_000) {
  const start = performance.now();
  for (let frames = 0; ; frames += 1) {
    const value = test();
    if (value) return { value, at: performance.now(), frames };
    if (performance.now() - start > ms) throw new Error(`timed out after ${ms} ms`);
    await frame();
  }
}

/**
 * Waits until `count()` has not changed for `quiet` frames (the virtualizer settles in a few).
 * @param {() => number} count
 */
async function settled(count, quiet = 5, ms = 10_000) {
  const start = performance.now();
  let last = count();
  let same = 0;
  while (same < quiet && performance.now() - start < ms) {
    await frame();
    const now = count();
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return last;
}

// ---------------------------------------------------------------------------------------------
// Data: the demo's large record (when the checkout has it) or a synthetic one of the same shape

/** A deterministic pseudo-random source (LCG), so every run sees the same record. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

let uuid = 0;
const nextUrn = () => `urn:uuid:00000000-0000-4000-8000-${(uuid += 1).toString(16).padStart(12, '0')}`;

/** @param {Resource[]} resources @param {string} [type] @returns {Bundle} */
const collection = (resources, type = 'collection') => ({
  resourceType: 'Bundle',
  type,
  entry: resources.map((resource) => ({ fullUrl: nextUrn(), resource })),
});

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const CLASSES = [
  ['AMB', 'ambulatory', 'Outpatient appointment'],
  ['EMER', 'emergency', 'A&E attendance'],
  ['IMP', 'inpatient encounter', 'Inpatient stay'],
  ['FLD', 'field', 'District nurse visit'],
  ['VR', 'virtual', 'Video consultation'],
  ['HH', 'home health', 'Home visit'],
];
const DRUGS = [
  'Amlodipine 5mg tablets',
  'Atorvastatin 20mg tablets',
  'Metformin 500mg tablets',
  'Ramipril 2.5mg capsules',
  'Omeprazole 20mg gastro-resistant capsules',
  'Paracetamol 500mg tablets',
  'Sevelamer carbonate 800mg tablets',
  'Alfacalcidol 250nanogram capsules',
  'Calcium acetate 1g tablets',
  'Furosemide 40mg tablets',
  'Bisoprolol 2.5mg tablets',
  'Lansoprazole 30mg gastro-resistant capsules',
  'Amoxicillin 500mg capsules',
  'Clarithromycin 500mg tablets',
  'Sertraline 50mg tablets',
  'Levothyroxine sodium 50microgram tablets',
  'Salbutamol 100micrograms/dose inhaler CFC free',
  'Cefalexin 500mg capsules',
  'Ibuprofen 400mg tablets',
  'Folic acid 5mg tablets',
];

/**
 * A synthetic single-patient record shaped like the demo's large record: `encounters`
 * Encounters with class, type, reason, attender, location and provider, `medications`
 * MedicationRequests and MedicationStatements, and the organisations, locations,
 * practitioners and roles they refer to.
 * @returns {Dataset}
 */
function syntheticDataset(encounterCount = 5000, medicationCount = 500) {
  const rand = random(20261125);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const patientId = 'bench-patient';
  const ods = (code) => ({ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: code });
  const organisations = Array.from({ length: 10 }, (_, i) => ({
    resourceType: 'Organization',
    id: `bench-org-${i}`,
    identifier: [ods(`R${i}X`)],
    name: `BENCH ${['GENERAL', 'UNIVERSITY', 'COMMUNITY', 'DISTRICT', 'ROYAL'][i % 5]} TRUST ${i}`,
  }));
  const locations = Array.from({ length: 10 }, (_, i) => ({
    resourceType: 'Location',
    id: `bench-loc-${i}`,
    name: `Ward ${i + 1}`,
    managingOrganization: { reference: `Organization/bench-org-${i}` },
  }));
  const practitioners = Array.from({ length: 20 }, (_, i) => ({
    resourceType: 'Practitioner',
    id: `bench-prac-${i}`,
    name: [{ family: `Clinician${i}`, given: ['Alex'], prefix: ['Dr'] }],
  }));
  const roles = practitioners.map((p, i) => ({
    resourceType: 'PractitionerRole',
    id: `bench-role-${i}`,
    practitioner: { reference: `Practitioner/${p.id}` },
    organization: { reference: `Organization/bench-org-${i % 10}` },
  }));
  const patient = {
    resourceType: 'Patient',
    id: patientId,
    identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }],
    name: [{ use: 'official', family: 'BENCHMARK', given: ['Robin'], prefix: ['Mx'] }],
    gender: 'unknown',
    birthDate: '1958-08-03',
    address: [{ use: 'home', line: ['1 Test Street'], city: 'Leeds', postalCode: 'LS1 1AA' }],
    telecom: [{ system: 'phone', value: '0113 496 0000', use: 'home' }],
    generalPractitioner: [{ reference: 'Organization/bench-org-0' }],
  };
  const allergies = ['Penicillin', 'Latex', 'Peanut'].map((text, i) => ({
    resourceType: 'AllergyIntolerance',
    id: `bench-allergy-${i}`,
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' },
      ],
    },
    code: { text },
    patient: { reference: `Patient/${patientId}` },
    recordedDate: '2015-03-01',
  }));
  const start = Date.UTC(2026, 10, 1, 9, 0);
  const encounters = Array.from({ length: encounterCount }, (_, i) => {
    const [code, display, type] = CLASSES[i % CLASSES.length];
    const begin = start - i * 19 * 3_600_000;
    const end = begin + (code === 'IMP' ? 3 * 86_400_000 : 3_600_000);
    const org = i % 10;
    return {
      resourceType: 'Encounter',
      id: `bench-enc-${String(i + 1).padStart(5, '0')}`,
      status: i % 53 === 0 ? 'cancelled' : 'finished',
      class: { system: ACT_CODE, code, display },
      type: [{ text: type }],
      subject: { reference: `Patient/${patientId}` },
      participant: [
        {
          type: [{ coding: [{ code: 'ATND' }] }],
          individual: { reference: `Practitioner/bench-prac-${i % 20}` },
        },
      ],
      period: { start: new Date(begin).toISOString(), end: new Date(end).toISOString() },
      reasonCode: [{ text: pick(['Chest pain', 'Review', 'Dialysis', 'Follow-up', 'Fall']) }],
      location: [{ location: { reference: `Location/bench-loc-${org}` } }],
      serviceProvider: { reference: `Organization/bench-org-${org}` },
    };
  });
  const medications = Array.from({ length: medicationCount }, (_, i) => {
    const statement = i >= Math.round(medicationCount * 0.88);
    const authored = new Date(start - Math.floor(rand() * 20 * 365) * 86_400_000).toISOString().slice(0, 10);
    const status = statement
      ? pick(['active', 'completed', 'stopped'])
      : pick(['active', 'active', 'completed', 'completed', 'stopped']);
    const drug = pick(DRUGS);
    const common = {
      id: `bench-med-${i}`,
      status,
      medicationCodeableConcept: { coding: [{ system: 'https://dmd.nhs.uk', display: drug }], text: drug },
      subject: { reference: `Patient/${patientId}` },
    };
    const dose = [
      { text: 'One tablet twice a day', timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } } },
    ];
    return statement
      ? {
          resourceType: 'MedicationStatement',
          ...common,
          effectivePeriod: { start: authored },
          dateAsserted: authored,
          informationSource: { reference: `Organization/bench-org-${i % 10}` },
          dosage: dose,
        }
      : {
          resourceType: 'MedicationRequest',
          ...common,
          intent: 'order',
          authoredOn: authored,
          requester: { reference: `PractitionerRole/bench-role-${i % 20}` },
          recorder: { reference: `Practitioner/bench-prac-${i % 20}` },
          courseOfTherapyType: { coding: [{ code: i % 3 === 0 ? 'acute' : 'continuous' }] },
          dosageInstruction: dose,
        };
  });
  const shared = [...organisations, ...locations, ...practitioners, ...roles];
  return {
    name: 'synthetic',
    patientId,
    record: collection([patient, ...allergies, ...encounters, ...medications, ...shared]),
    bannerRecord: collection([patient, ...allergies, ...shared]),
    encounters: encounters.length,
    medications: medications.length,
    lastEncounterId: encounters[encounters.length - 1].id,
  };
}

/**
 * The demo's large record (demo/data/generated, `case: large-record`): its bundle files and the
 * shared organisations and practitioners, merged into one collection Bundle.
 * @returns {Promise<Dataset>}
 */
async function demoDataset() {
  const base = '/demo/data/generated/';
  const get = async (file) => {
    const response = await fetch(base + file);
    if (!response.ok) throw new Error(`${base}${file}: HTTP ${response.status}`);
    return response.json();
  };
  const index = await get('index.json');
  const large = index.patients.find((p) => p.case === 'large-record');
  if (!large) throw new Error('demo/data/generated/index.json lists no large-record patient');
  const bundles = await Promise.all([...large.files, index.shared.file].map(get));
  const entries = bundles.flatMap((b) => b.entry.map(({ fullUrl, resource }) => ({ fullUrl, resource })));
  const ofType = (type) => entries.filter((e) => e.resource.resourceType === type);
  const encounters = ofType('Encounter').map((e) => e.resource);
  const medications = [...ofType('MedicationRequest'), ...ofType('MedicationStatement')];
  const banner = entries.filter(
    (e) => !['Encounter', 'MedicationRequest', 'MedicationStatement'].includes(e.resource.resourceType),
  );
  // The timeline's order: start (wall clock) newest first, then id; no start last.
  const wallClock = (e) => (typeof e.period?.start === 'string' ? e.period.start.slice(0, 19) : '');
  const last = encounters.reduce((a, b) => {
    const [ka, kb] = [wallClock(a), wallClock(b)];
    if (ka === '' || kb === '') return ka === '' && (kb !== '' || a.id > b.id) ? a : b;
    return ka < kb || (ka === kb && a.id > b.id) ? a : b;
  });
  return {
    name: `demo/data/generated ${large.id} (${large.case})`,
    patientId: large.id,
    record: { resourceType: 'Bundle', type: 'collection', entry: entries },
    bannerRecord: { resourceType: 'Bundle', type: 'collection', entry: banner },
    encounters: encounters.length,
    medications: medications.length,
    lastEncounterId: last.id,
  };
}

// ---------------------------------------------------------------------------------------------
// Scenarios

/** @type {Dataset | undefined} */
let dataset;
/** @type {HTMLElement | undefined} */
let mounted;

/**
 * Creates the element with its Bundle and appends it; the clock starts at the append.
 * @param {string} tag
 * @param {Bundle} bundle
 * @param {Record<string, unknown>} [props]
 */
async function mount(tag, bundle, props = {}) {
  const el = /** @type {HTMLElement & Record<string, unknown>} */ (document.createElement(tag));
  Object.assign(el, props, { bundle });
  const loaded = nextLoad(el);
  const t0 = performance.now();
  stage.append(el);
  const load = await loaded;
  mounted = el;
  return { el, t0, load };
}

/** @param {HTMLElement} el @param {string} selector */
const countIn = (el, selector) => el.shadowRoot?.querySelectorAll(selector).length ?? 0;

const round = (ms) => Math.round(ms * 10) / 10;

const scenarios = {
  /** (a) 5,000 encounters loaded at once (`page-size` 5000), virtualised. */
  async timeline() {
    const data = /** @type {Dataset} */ (dataset);
    const pageSize = Math.max(5000, data.encounters);
    const { el, t0, load } = await mount('care-encounter-timeline', data.record, { pageSize });
    const shown = await until(() => countIn(el, 'li.entry') > 0);
    await painted();
    const visibleAt = performance.now();
    const entries = await settled(() => countIn(el, 'li.entry'));
    return {
      count: load.count,
      loadMs: round(load.at - t0),
      visibleMs: round(visibleAt - t0),
      firstEntryFrames: shown.frames,
      domEntries: entries,
      shadowElements: countIn(el, '*'),
    };
  },

  /** (a) continued: from the top to the oldest encounter on screen, scrolling the page to its end. */
  async timelineScroll() {
    const el = /** @type {HTMLElement} */ (mounted);
    const data = /** @type {Dataset} */ (dataset);
    const selector = `li.entry[data-key$=":${data.lastEncounterId}"]`;
    const scroller = document.scrollingElement ?? document.documentElement;
    const t0 = performance.now();
    let previousHeight = -1;
    const result = await until(() => {
      const last = el.shadowRoot?.querySelector(selector);
      const rect = last?.getBoundingClientRect();
      const atEnd = scroller.scrollTop + innerHeight >= scroller.scrollHeight - 1;
      const stable = scroller.scrollHeight === previousHeight;
      previousHeight = scroller.scrollHeight;
      if (rect && rect.bottom > 0 && rect.top < innerHeight && atEnd && stable) return true;
      // Jump to the end again: the virtualizer's estimate of the height changes as rows are measured.
      scroller.scrollTop = scroller.scrollHeight;
      return false;
    }, 20_000);
    await painted();
    return {
      scrollToEndMs: round(performance.now() - t0),
      scrollFrames: result.frames,
      domEntriesAtEnd: countIn(el, 'li.entry'),
      scrollHeight: scroller.scrollHeight,
    };
  },

  /**
   * (b) 500 medications: the Current view (shown first), then the Past view (most rows), then the
   * filter box in the Past view: a drug name, then cleared back to every row.
   */
  async medications() {
    const data = /** @type {Dataset} */ (dataset);
    const { el, t0, load } = await mount('care-medication-list', data.record);
    await painted();
    const visibleMs = round(performance.now() - t0);
    const rowsCurrent = countIn(el, 'li.item');
    const root = /** @type {ShadowRoot} */ (el.shadowRoot);
    const updated = async () => {
      await /** @type {{ updateComplete: Promise<unknown> }} */ (/** @type {unknown} */ (el)).updateComplete;
      await painted();
    };
    const t1 = performance.now();
    /** @type {HTMLButtonElement | null} */ (root.querySelectorAll('.toggle__button')[1] ?? null)?.click();
    await updated();
    const pastViewMs = round(performance.now() - t1);
    const rowsPast = countIn(el, 'li.item');
    const input = /** @type {HTMLInputElement | null} */ (root.querySelector('input#filter'));
    if (!input) throw new Error('the medication list shows no filter box');
    // A drug that is in the list: the first word of the middle row's name.
    const names = root.querySelectorAll('.line__name');
    const query = (names[Math.floor(names.length / 2)]?.textContent ?? 'a')
      .trim()
      .split(/\s+/)[0]
      .toLowerCase();
    const type = async (value) => {
      const start = performance.now();
      input.value = value;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: value }));
      await updated();
      return { ms: round(performance.now() - start), rows: countIn(el, 'li.item') };
    };
    const filtered = await type(query);
    const cleared = await type('');
    return {
      count: load.count,
      loadMs: round(load.at - t0),
      visibleMs,
      rowsCurrent,
      pastViewMs,
      rowsPast,
      filterQuery: query,
      filterMs: filtered.ms,
      filterRows: filtered.rows,
      clearFilterMs: cleared.ms,
      shadowElements: countIn(el, '*'),
    };
  },

  /** (c) the patient banner from a small Bundle (patient, allergies, organisations). */
  async banner() {
    const data = /** @type {Dataset} */ (dataset);
    const { el, t0, load } = await mount('care-patient-banner', data.bannerRecord);
    await painted();
    return {
      count: load.count,
      loadMs: round(load.at - t0),
      visibleMs: round(performance.now() - t0),
      shadowElements: countIn(el, '*'),
    };
  },

  /** (d) BundleSource over 10,000 entries, and FhirRestSource sharing one request. */
  async dataLayer() {
    const record = tenThousandEntries();
    const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
    const t0 = performance.now();
    const source = new BundleSource(record.bundle);
    await source.read('Patient', record.patientId);
    const indexMs = performance.now() - t0;
    /** @param {string} type @param {Record<string, string | number>} params */
    const timeSearch = async (type, params, repeats = 7) => {
      const times = [];
      let found = 0;
      for (let i = 0; i < repeats; i += 1) {
        const start = performance.now();
        const result = await source.search(type, params);
        times.push(performance.now() - start);
        found = result.total ?? result.resources.length;
      }
      return { ms: round(median(times)), found };
    };
    const encounterPage = await timeSearch('Encounter', {
      patient: record.patientId,
      _sort: '-date',
      _count: 50,
    });
    const observationsSince = await timeSearch('Observation', {
      patient: record.patientId,
      date: 'ge2024-01-01',
    });
    const byIdentifier = await timeSearch('Patient', {
      identifier: `https://fhir.nhs.uk/Id/nhs-number|${record.nhsNumber}`,
    });
    const resolveStart = performance.now();
    for (const ref of record.references) await source.resolve(ref);
    const resolveMs = performance.now() - resolveStart;

    // FhirRestSource: 100 concurrent reads of one URL share one request.
    let requests = 0;
    const body = JSON.stringify({ resourceType: 'Patient', id: 'p1' });
    /** @type {typeof fetch} */
    const stubFetch = async () => {
      requests += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return new Response(body, { status: 200, headers: { 'content-type': 'application/fhir+json' } });
    };
    const rest = new FhirRestSource({ endpoint: 'https://fhir.bench.invalid/R4', fetch: stubFetch });
    const d0 = performance.now();
    const reads = await Promise.all(Array.from({ length: 100 }, () => rest.read('Patient', 'p1')));
    const dedupeMs = performance.now() - d0;
    const dedupeRequests = requests;
    await Promise.all(Array.from({ length: 100 }, () => rest.read('Patient', 'p1')));
    return {
      entries: record.bundle.entry.length,
      indexMs: round(indexMs),
      searchEncounterPageMs: encounterPage.ms,
      searchEncounterPageTotal: encounterPage.found,
      searchObservationDateMs: observationsSince.ms,
      searchObservationDateTotal: observationsSince.found,
      searchPatientIdentifierMs: byIdentifier.ms,
      searchPatientIdentifierTotal: byIdentifier.found,
      resolveReferences: record.references.length,
      resolveMs: round(resolveMs),
      dedupeReads: reads.length,
      dedupeRequests,
      dedupeSameObject: reads.every((r) => r === reads[0]),
      dedupeMs: round(dedupeMs),
      requestsAfterCachedWave: requests,
    };
  },
};

/**
 * A 10,000-entry collection Bundle: 10 patients, each with encounters, observations and
 * medication requests, plus 20 organisations; half the references relative, half `urn:uuid:`.
 */
function tenThousandEntries() {
  const rand = random(10_000);
  /** @type {Resource[]} */
  const resources = [];
  const orgs = Array.from({ length: 20 }, (_, i) => ({
    resourceType: 'Organization',
    id: `dl-org-${i}`,
    name: `Org ${i}`,
  }));
  resources.push(...orgs);
  const perPatient = (10_000 - orgs.length) / 10;
  const start = Date.UTC(2026, 0, 1);
  const references = [];
  for (let p = 0; p < 10; p += 1) {
    const id = `dl-patient-${p}`;
    resources.push({
      resourceType: 'Patient',
      id,
      identifier: [
        { system: 'https://fhir.nhs.uk/Id/nhs-number', value: `999000${String(p).padStart(4, '0')}` },
      ],
    });
    for (let i = 1; i < perPatient; i += 1) {
      const type = ['Encounter', 'Observation', 'Observation', 'MedicationRequest'][i % 4];
      const when = new Date(start - Math.floor(rand() * 3650) * 86_400_000).toISOString();
      const subject = { reference: `Patient/${id}` };
      const org = `Organization/dl-org-${i % 20}`;
      if (i % 50 === 0) references.push(org, `Patient/${id}`);
      resources.push(
        type === 'Encounter'
          ? {
              resourceType: type,
              id: `dl-${p}-${i}`,
              status: 'finished',
              subject,
              period: { start: when },
              serviceProvider: { reference: org },
            }
          : type === 'Observation'
            ? {
                resourceType: type,
                id: `dl-${p}-${i}`,
                status: 'final',
                subject,
                effectiveDateTime: when,
                code: { text: 'Pulse' },
              }
            : {
                resourceType: type,
                id: `dl-${p}-${i}`,
                status: i % 3 ? 'active' : 'completed',
                intent: 'order',
                subject,
                authoredOn: when,
              },
      );
    }
  }
  const bundle = collection(resources);
  // Half the entries keep a urn:uuid fullUrl, half have none, as Bundles in the wild do.
  bundle.entry.forEach((entry, i) => {
    if (i % 2) delete entry.fullUrl;
  });
  return { bundle, patientId: 'dl-patient-3', nhsNumber: '9990000003', references };
}

/** Called by bench/run.js: build the data (outside any timing) for `name`. */
async function prepare(name, options = {}) {
  if (name !== 'dataLayer') {
    dataset = options.data === 'demo' ? await demoDataset() : syntheticDataset();
  }
  return dataset
    ? { dataset: dataset.name, encounters: dataset.encounters, medications: dataset.medications }
    : {};
}

/** @param {keyof typeof scenarios} name */
async function run(name) {
  return scenarios[name]();
}

Object.assign(window, { bench: { prepare, run, ready: true } });
