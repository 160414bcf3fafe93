// The bench's synthetic records, written as files: a seed for the record server (one transaction
// Bundle per patient and type, plus the shared organisations and people) and one collection
// Bundle per patient for `bundle-src`. Deterministic: the same options always give the same bytes.
//
// Every patient has a codename (ALPHA, BRAVO, CHARLIE) that appears in its name, in every drug
// text (`Amlodipine 5mg tablets [ALPHA]`) and in every encounter type (`Outpatient appointment
// [ALPHA] #00001`, numbered newest first), so a page can tell from one row whose record it shows
// and how far down the timeline it is.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
/** Medicines that are current (active, newest first); the rest of the record is past. */
const CURRENT_REQUESTS = 30;
const CURRENT_STATEMENTS = 5;
const DAY = 86_400_000;
/** The newest date in every record; everything else is older. */
const NEWEST = Date.UTC(2026, 9, 30, 9, 0);

/** A deterministic pseudo-random source (LCG). */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A valid 10-digit NHS number (modulus 11) starting with `prefix` (9 digits), or the next valid one. */
function nhsNumber(prefix) {
  for (let p = prefix; ; p += 1) {
    const digits = String(p).padStart(9, '0').split('').map(Number);
    const sum = digits.reduce((acc, d, i) => acc + d * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${digits.join('')}${check === 11 ? 0 : check}`;
  }
}

const ods = (code) => ({ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: code });

/** Organisations, locations, practitioners and roles every patient's records refer to. */
export function sharedResources() {
  const organisations = Array.from({ length: 10 }, (_, i) => ({
    resourceType: 'Organization',
    id: `bench-org-${i}`,
    identifier: [ods(i === 0 ? 'B81001' : `R${i}X`)],
    name:
      i === 0
        ? 'BENCH MEDICAL PRACTICE'
        : `BENCH ${['GENERAL', 'UNIVERSITY', 'COMMUNITY'][i % 3]} TRUST ${i}`,
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
  return [...organisations, ...locations, ...practitioners];
}

/**
 * One patient's record: the Patient, 3 allergies, `n` MedicationRequests, `n / 10`
 * MedicationStatements and `n` Encounters, newest first. A statement's drug is named "(own
 * supply)", so none is the same medicine as a request from another organisation (the list shows
 * those as one row): the medication list holds `n + n / 10` rows.
 * @param {{ codename: string, n: number, nhsPrefix: number }} options
 */
export function patientRecord({ codename, n, nhsPrefix }) {
  const rand = random(n * 31 + codename.length);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const id = `bench-${codename.toLowerCase()}`;
  const subject = { reference: `Patient/${id}` };
  const mark = `[${codename}]`;
  const patient = {
    resourceType: 'Patient',
    id,
    identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber(nhsPrefix) }],
    name: [{ use: 'official', family: codename, given: ['Robin'], prefix: ['Mx'] }],
    gender: 'unknown',
    birthDate: '1958-08-03',
    address: [{ use: 'home', line: ['1 Test Street'], city: 'Leeds', postalCode: 'LS1 1AA' }],
    telecom: [{ system: 'phone', value: '0113 496 0000', use: 'home' }],
    generalPractitioner: [{ reference: 'Organization/bench-org-0' }],
  };
  const allergies = ['Penicillin', 'Latex', 'Peanut'].map((text, i) => ({
    resourceType: 'AllergyIntolerance',
    id: `${id}-allergy-${i}`,
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' },
      ],
    },
    code: { text },
    patient: subject,
    recordedDate: '2015-03-01',
  }));
  const dose = [
    { text: 'One tablet twice a day', timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } } },
  ];
  const drug = (i, note = '') => {
    const name = `${DRUGS[i % DRUGS.length]}${note} ${mark}`;
    return { coding: [{ system: 'https://dmd.nhs.uk', display: name }], text: name };
  };
  // Newest first: request i was authored i * 0.7 days before the newest date.
  const requests = Array.from({ length: n }, (_, i) => ({
    resourceType: 'MedicationRequest',
    id: `${id}-mr-${i}`,
    status: i < CURRENT_REQUESTS ? 'active' : pick(['completed', 'completed', 'stopped']),
    intent: 'order',
    medicationCodeableConcept: drug(i),
    subject,
    authoredOn: new Date(NEWEST - Math.floor(i * 0.7) * DAY).toISOString().slice(0, 10),
    requester: { reference: `Organization/bench-org-${i % 10}` },
    courseOfTherapyType: { coding: [{ code: i % 3 === 0 ? 'acute' : 'continuous' }] },
    dosageInstruction: dose,
  }));
  const statementCount = Math.max(1, Math.round(n / 10));
  const statements = Array.from({ length: statementCount }, (_, i) => {
    const start = new Date(NEWEST - i * 7 * DAY).toISOString().slice(0, 10);
    return {
      resourceType: 'MedicationStatement',
      id: `${id}-ms-${i}`,
      status: i < CURRENT_STATEMENTS ? 'active' : 'completed',
      medicationCodeableConcept: drug(i + 7, ' (own supply)'),
      subject,
      effectivePeriod: { start },
      dateAsserted: start,
      informationSource: { reference: `Organization/bench-org-${(i + 3) % 10}` },
      dosage: dose,
    };
  });
  const encounters = Array.from({ length: n }, (_, i) => {
    const [code, display, type] = CLASSES[i % CLASSES.length];
    const begin = NEWEST - i * 19 * 3_600_000;
    const end = begin + (code === 'IMP' ? 3 * DAY : 3_600_000);
    const org = i % 10;
    return {
      resourceType: 'Encounter',
      id: `${id}-enc-${String(i + 1).padStart(5, '0')}`,
      status: 'finished',
      class: { system: ACT_CODE, code, display },
      type: [{ text: `${type} ${mark} #${String(i + 1).padStart(5, '0')}` }],
      subject,
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
  return {
    id,
    codename,
    n,
    medications: requests.length + statements.length,
    encounters: encounters.length,
    resources: { patient, allergies, requests, statements, encounters },
  };
}

/** @param {object[]} resources */
function transaction(resources) {
  const lines = resources.map((resource) =>
    JSON.stringify({
      resource,
      request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
    }),
  );
  return `{"resourceType":"Bundle","type":"transaction","entry":[\n${lines.join(',\n')}\n]}\n`;
}

/** @param {object[]} resources */
function collection(resources) {
  const base = 'https://bench.invalid/fhir';
  const lines = resources.map((resource) =>
    JSON.stringify({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource }),
  );
  return `{"resourceType":"Bundle","type":"collection","entry":[\n${lines.join(',\n')}\n]}\n`;
}

/**
 * Writes `seeds/<server>/…` (server seed folders) and `bundles/<patient id>.json` under `dir`.
 * @param {string} dir
 * @param {Record<string, ReturnType<typeof patientRecord>[]>} servers patients per server
 * @returns {Record<string, string>} seed folder per server
 */
export function writeRecords(dir, servers) {
  const shared = sharedResources();
  const seeds = {};
  mkdirSync(join(dir, 'bundles'), { recursive: true });
  for (const [server, patients] of Object.entries(servers)) {
    const seedDir = join(dir, 'seeds', server);
    mkdirSync(seedDir, { recursive: true });
    writeFileSync(join(seedDir, '000-shared.json'), transaction(shared));
    for (const record of patients) {
      const { patient, allergies, requests, statements, encounters } = record.resources;
      writeFileSync(join(seedDir, `${record.id}-1-patient.json`), transaction([patient, ...allergies]));
      writeFileSync(join(seedDir, `${record.id}-2-requests.json`), transaction(requests));
      writeFileSync(join(seedDir, `${record.id}-3-statements.json`), transaction(statements));
      writeFileSync(join(seedDir, `${record.id}-4-encounters.json`), transaction(encounters));
      writeFileSync(
        join(dir, 'bundles', `${record.id}.json`),
        collection([patient, ...allergies, ...requests, ...statements, ...encounters, ...shared]),
      );
    }
    seeds[server] = seedDir;
  }
  return seeds;
}
