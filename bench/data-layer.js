// The data layer alone, in the page: BundleSource indexing and searching a 10,000-entry Bundle,
// and FhirRestSource sharing one request among 100 concurrent reads of one URL. Loaded by the
// elements page (page.js) from the production CDN bundle.
import { BundleSource, FhirRestSource } from '../dist/cdn/care-record-elements.all.js';
import { round } from './harness.js';

/** @typedef {{ resourceType: string, id?: string, [key: string]: unknown }} Resource */

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

/** @param {Resource[]} resources */
const collection = (resources) => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: resources.map((resource) => ({ fullUrl: nextUrn(), resource })),
});

/** BundleSource over 10,000 entries, and FhirRestSource sharing one request. */
export async function dataLayer() {
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
}

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
