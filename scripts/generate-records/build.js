// Builds the synthetic UK records: shared organisations and people, then one record per patient.

import { addImmunisations } from './immunisations.js';
import { buildConditions } from './problems.js';
import { Rng, uuidFor } from './rng.js';
import {
  DAY,
  HOUR,
  MINUTE,
  addMonths,
  fmtDate,
  fmtDateTime,
  isWeekend,
  parseDate,
  startOfDay,
} from './time.js';
import {
  ALLERGENS,
  CLASSES,
  DEATH_NOTIFICATION,
  DOSAGES,
  ENCOUNTER_TYPES,
  ETHNIC_CATEGORIES,
  EXTENSIONS,
  FAMILY,
  FEMALE_GIVEN,
  LOCATIONS,
  MALE_GIVEN,
  MEDICATIONS,
  NHS_NUMBER_VERIFICATION,
  NO_KNOWN_ALLERGY,
  ORGANISATIONS,
  PENICILLINS,
  POSTCODE_LETTERS,
  PRACTITIONERS,
  REASONS,
  ROUTES,
  STREETS,
  SYSTEMS,
  TOWNS,
  profile,
} from './vocab.js';

/** @typedef {Record<string, any>} Json */
/** @typedef {keyof typeof ALLERGENS} AllergenKey */

/**
 * @typedef {object} Spec
 * @property {string} id
 * @property {number} index 1-based
 * @property {string} caseName
 * @property {string} description
 * @property {'male' | 'female' | undefined} sex
 * @property {number} birth local time of birth
 * @property {boolean} [birthTime] record the time of birth
 * @property {{ at: number, status: 1 | 2 }} [deceased]
 * @property {boolean} [restricted]
 * @property {keyof typeof NHS_NUMBER_VERIFICATION} verification
 * @property {boolean} [missingData] no address, telecom, GP or gender
 * @property {boolean} [longName]
 * @property {boolean} [preferredName]
 * @property {'known' | 'nka' | 'none'} allergy
 * @property {AllergenKey[]} allergens
 * @property {'typical' | 'neonate' | 'child' | 'elderly' | 'big'} profile
 * @property {number} town index into TOWNS
 * @property {number} [encounters] exact number of encounters (big record)
 * @property {number} [medications] exact number of medication records (big record)
 * @property {boolean} [inpatientNow] currently admitted
 */

const MED_BY_CODE = new Map(MEDICATIONS.map((m) => [m.code, m]));
const ORG_BY_ID = new Map(ORGANISATIONS.map((o) => [o.id, o]));
const PRAC_BY_ID = new Map(PRACTITIONERS.map((p) => [p.id, p]));

/**
 * @param {object} options
 * @param {number} options.patients
 * @param {string} options.seed
 * @param {string} options.today YYYY-MM-DD reference date
 * @returns {{ shared: Json[], records: { spec: Spec, resources: Json[], summary: Json }[] }}
 */
export function generate({ patients, seed, today }) {
  const todayLocal = parseDate(today);
  const shared = buildShared();
  const usedNhsNumbers = new Set();
  const records = [];
  for (let i = 1; i <= patients; i++) {
    const rng = new Rng(`${seed}:patient:${i}`);
    const spec = makeSpec(i, rng, todayLocal);
    const nhsNumber = makeNhsNumber(rng, usedNhsNumbers);
    const record = buildRecord(spec, nhsNumber, rng, todayLocal);
    // Immunisations draw on their own stream: the rest of the record is as it was without them.
    addImmunisations(record, new Rng(`${seed}:immunisations:${i}`), todayLocal);
    records.push(record);
  }
  return { shared, records };
}

// ---------------------------------------------------------------------------------------------
// Cases

/**
 * @param {number} index
 * @param {Rng} rng
 * @param {number} today
 * @returns {Spec}
 */
function makeSpec(index, rng, today) {
  const id = `gen-patient-${String(index).padStart(4, '0')}`;
  const sex = rng.chance(0.5) ? 'female' : 'male';
  const base = {
    id,
    index,
    sex: /** @type {'male' | 'female'} */ (sex),
    verification: /** @type {const} */ ('01'),
    town: rng.int(0, TOWNS.length - 1),
    allergens: /** @type {AllergenKey[]} */ ([]),
  };
  const bornYearsAgo = (/** @type {number} */ years, /** @type {number} */ extraDays) =>
    startOfDay(addMonths(today, -12 * years) - extraDays * DAY) +
    rng.int(0, 23) * HOUR +
    rng.int(0, 59) * MINUTE;
  switch (index) {
    case 1:
      return {
        ...base,
        caseName: 'typical',
        description:
          'Adult with repeat and acute medication across GP, hospital, community pharmacy and mental health; penicillin allergy',
        birth: bornYearsAgo(56, 140),
        allergy: 'known',
        allergens: ['penicillin'],
        profile: 'typical',
        town: 0,
      };
    case 2:
      return {
        ...base,
        caseName: 'neonate',
        description:
          'Baby born 3 days ago (time of birth recorded), still on the maternity unit; no medication; allergies not recorded',
        birth: today - 3 * DAY + 6 * HOUR + 42 * MINUTE,
        birthTime: true,
        allergy: 'none',
        profile: 'neonate',
        town: 0,
        inpatientNow: true,
      };
    case 3:
      return {
        ...base,
        caseName: 'child',
        description:
          'Child aged 4 years 1 month; health visitor, GP, A&E; amoxicillin suspension; no known allergies',
        birth: startOfDay(addMonths(today, -49)) + 3 * HOUR,
        allergy: 'nka',
        profile: 'child',
        town: 3,
      };
    case 4:
      return {
        ...base,
        caseName: 'very-old',
        description:
          'Aged 102, polypharmacy, district nurse and social care visits, currently an inpatient; drug and food allergies',
        birth: bornYearsAgo(102, 200),
        allergy: 'known',
        allergens: ['amoxicillin', 'fish'],
        profile: 'elderly',
        town: 8,
        inpatientNow: true,
      };
    case 5:
      return {
        ...base,
        caseName: 'deceased-formal',
        description: 'Died in hospital aged 78; formal death notification (Registrar of Deaths)',
        birth: bornYearsAgo(78, 30) - 160 * DAY,
        deceased: { at: today - 48 * DAY + 4 * HOUR + 20 * MINUTE, status: 2 },
        allergy: 'known',
        allergens: ['peanut'],
        profile: 'elderly',
        town: 10,
      };
    case 6:
      return {
        ...base,
        caseName: 'deceased-informal',
        description:
          'Died at home aged 84, informal death notification (from the GP); medication still marked active',
        birth: bornYearsAgo(84, 75),
        deceased: { at: today - 12 * DAY + 9 * HOUR + 5 * MINUTE, status: 1 },
        allergy: 'nka',
        profile: 'elderly',
        town: 5,
      };
    case 7:
      return {
        ...base,
        caseName: 'restricted',
        description:
          'Restricted (S-flagged) record: address, telecom, GP and encounter locations are present in the data but must not be shown',
        birth: bornYearsAgo(34, 12),
        restricted: true,
        allergy: 'known',
        allergens: ['cashew'],
        profile: 'typical',
        town: 3,
      };
    case 8:
      return {
        ...base,
        caseName: 'unverified-nhs-number',
        description: 'NHS number present but not traced (verification status 02)',
        birth: bornYearsAgo(41, 300),
        verification: '02',
        allergy: 'none',
        profile: 'typical',
        town: 5,
      };
    case 9:
      return {
        ...base,
        caseName: 'missing-data',
        description: 'No address, no telecom, no registered GP, gender not recorded; allergies not recorded',
        sex: undefined,
        birth: bornYearsAgo(29, 45),
        missingData: true,
        allergy: 'none',
        profile: 'typical',
        town: 0,
      };
    case 10:
      return {
        ...base,
        caseName: 'long-names',
        description:
          'Very long family name, several long given names, long address lines; no known allergies',
        birth: bornYearsAgo(63, 10),
        longName: true,
        allergy: 'nka',
        profile: 'typical',
        town: 9,
      };
    case 11:
      return {
        ...base,
        caseName: 'preferred-name',
        description: 'Has a preferred (usual) name as well as the official one; food allergy',
        birth: bornYearsAgo(71, 220),
        preferredName: true,
        allergy: 'known',
        allergens: ['cashew'],
        profile: 'elderly',
        town: 0,
      };
    case 12:
      return {
        ...base,
        caseName: 'large-record',
        description:
          'Haemodialysis patient with 5,000 encounters and 500 medication records over 20 years (split across several bundle files)',
        birth: bornYearsAgo(68, 90),
        allergy: 'known',
        allergens: ['penicillin', 'peanut'],
        profile: 'big',
        town: 3,
        encounters: 5000,
        medications: 500,
      };
    default: {
      const allergy = rng.weighted(
        /** @type {const} */ ([
          ['known', 3],
          ['nka', 4],
          ['none', 3],
        ]),
      );
      const allergens =
        allergy === 'known'
          ? /** @type {AllergenKey[]} */ (rng.sample(Object.keys(ALLERGENS), rng.int(1, 2)))
          : [];
      const age = rng.weighted(
        /** @type {const} */ ([
          [rng.int(18, 40), 3],
          [rng.int(41, 69), 4],
          [rng.int(70, 95), 3],
        ]),
      );
      return {
        ...base,
        caseName: 'typical',
        description: `Adult aged ${age} with a mixed GP, hospital and community record`,
        birth: bornYearsAgo(age, rng.int(0, 364)),
        allergy,
        allergens,
        profile: age >= 75 ? 'elderly' : 'typical',
        preferredName: rng.chance(0.15),
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Shared organisations, locations, practitioners and roles

/** @returns {Json[]} */
function buildShared() {
  const rng = new Rng('shared');
  /** @type {Json[]} */
  const out = [];
  for (const org of ORGANISATIONS) {
    const town = TOWNS[org.town];
    out.push({
      resourceType: 'Organization',
      id: org.id,
      meta: { profile: [profile('Organization')] },
      identifier: [{ use: 'official', system: SYSTEMS.ods, value: org.ods }],
      active: true,
      type: [{ text: org.typeDisplay }],
      name: org.name,
      telecom: [
        { system: 'phone', value: `${town.phone}${String(rng.int(0, 999)).padStart(3, '0')}`, use: 'work' },
      ],
      address: [
        {
          use: 'work',
          type: 'both',
          line: [org.line],
          city: town.town,
          district: town.county,
          postalCode: postcode(rng, town),
          country: 'ENGLAND',
        },
      ],
    });
  }
  for (const org of ORGANISATIONS.filter((o) => o.kind === 'gp')) {
    out.push(
      location(
        `gen-loc-${org.ods.toLowerCase()}-surgery`,
        `${titleCase(org.name)} (main surgery)`,
        org.id,
        org.ods,
        'surgery',
      ),
    );
  }
  for (const loc of LOCATIONS) out.push(location(loc.id, loc.name, loc.org, loc.site, loc.kind));
  for (const p of PRACTITIONERS) {
    const registerSystem = SYSTEMS[p.reg];
    out.push({
      resourceType: 'Practitioner',
      id: p.id,
      meta: { profile: [profile('Practitioner')] },
      identifier: [
        { system: registerSystem, value: p.number },
        { system: SYSTEMS.sdsUser, value: String(555000000000 + Number(p.id.slice(-2)) * 1111) },
      ],
      active: true,
      name: [{ use: 'official', family: p.family, given: [p.given], prefix: [p.prefix] }],
      gender: p.gender,
    });
    out.push({
      resourceType: 'PractitionerRole',
      id: roleId(p.id),
      meta: { profile: [profile('PractitionerRole')] },
      active: true,
      practitioner: { reference: `Practitioner/${p.id}`, display: practitionerName(p) },
      organization: orgRef(p.org, true),
      code: [{ text: p.role }],
    });
  }
  return out;
}

/**
 * @param {string} id
 * @param {string} name
 * @param {string} orgId
 * @param {string} site
 * @param {string} kind
 * @returns {Json}
 */
function location(id, name, orgId, site, kind) {
  return {
    resourceType: 'Location',
    id,
    meta: { profile: [profile('Location')] },
    identifier: [{ system: SYSTEMS.odsSite, value: site }],
    status: 'active',
    name,
    description: kind === 'ward' ? 'Inpatient ward' : kind === 'ed' ? 'Emergency department' : undefined,
    managingOrganization: orgRef(orgId, true),
  };
}

/** @param {string} pracId */
const roleId = (pracId) => pracId.replace('gen-prac-', 'gen-role-');

/** @param {{ prefix: string, given: string, family: string }} p */
const practitionerName = (p) => `${p.prefix} ${p.given} ${p.family}`;

/** @param {string} s */
function titleCase(s) {
  return s
    .toLowerCase()
    .replace(/(^|[\s(-])([a-z])/g, (_, a, b) => a + b.toUpperCase())
    .replace(/\bNhs\b/g, 'NHS')
    .replace(/'S\b/g, "'s");
}

/**
 * @param {string} orgId
 * @param {boolean} display include the name
 * @returns {Json}
 */
function orgRef(orgId, display) {
  const org = /** @type {typeof ORGANISATIONS[number]} */ (ORG_BY_ID.get(orgId));
  return {
    reference: `Organization/${orgId}`,
    identifier: { system: SYSTEMS.ods, value: org.ods },
    ...(display ? { display: org.name } : {}),
  };
}

/**
 * @param {string} pracId
 * @returns {Json}
 */
function pracRef(pracId) {
  const p = /** @type {typeof PRACTITIONERS[number]} */ (PRAC_BY_ID.get(pracId));
  return { reference: `Practitioner/${pracId}`, display: practitionerName(p) };
}

/**
 * The practitioner in their role, which names the organisation: what a record needs to say where
 * something was recorded (an R4 recorder cannot be an Organization).
 * @param {string} pracId
 * @returns {Json}
 */
function roleRef(pracId) {
  const p = /** @type {typeof PRACTITIONERS[number]} */ (PRAC_BY_ID.get(pracId));
  return { reference: `PractitionerRole/${roleId(pracId)}`, display: practitionerName(p) };
}

/**
 * @param {Rng} rng
 * @param {typeof TOWNS[number]} town
 * @returns {string}
 */
function postcode(rng, town) {
  const letters = () => POSTCODE_LETTERS[rng.int(0, POSTCODE_LETTERS.length - 1)];
  return `${town.area}${rng.pick(town.districts)} ${rng.int(1, 9)}${letters()}${letters()}`;
}

// ---------------------------------------------------------------------------------------------
// NHS numbers

/**
 * A valid NHS number (Modulus 11) in the 999 000 0000 - 999 999 9999 test range.
 * @param {Rng} rng
 * @param {Set<string>} used
 * @returns {string}
 */
function makeNhsNumber(rng, used) {
  for (;;) {
    const first9 = `999${String(rng.int(0, 999999)).padStart(6, '0')}`;
    const check = nhsCheckDigit(first9);
    if (check === undefined) continue;
    const number = first9 + check;
    if (used.has(number)) continue;
    used.add(number);
    return number;
  }
}

/**
 * @param {string} first9
 * @returns {string | undefined} the check digit, or undefined when the number cannot be valid
 */
export function nhsCheckDigit(first9) {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return String(check === 11 ? 0 : check);
}

// ---------------------------------------------------------------------------------------------
// One patient's record

/**
 * @param {Spec} spec
 * @param {string} nhsNumber
 * @param {Rng} rng
 * @param {number} today
 * @returns {{ spec: Spec, resources: Json[], summary: Json }}
 */
function buildRecord(spec, nhsNumber, rng, today) {
  const town = TOWNS[spec.town];
  const gps = ORGANISATIONS.filter((o) => o.kind === 'gp');
  const gp = gps.find((o) => o.town === spec.town) ?? rng.pick(gps);
  const acute =
    spec.town >= 10
      ? 'gen-org-r9c'
      : [3, 4].includes(spec.town) || spec.profile === 'big'
        ? 'gen-org-r9b'
        : 'gen-org-r9a';
  const ctx = new RecordContext(spec, rng, today, gp.id, acute);
  const name = makeName(spec, rng);
  const patient = buildPatient(spec, nhsNumber, name, rng, today, gp.id, town);
  ctx.buildEncountersAndMedication();
  const allergies = buildAllergies(spec, rng, ctx);
  const conditions = buildConditions(spec, ctx, roleRef);
  const results = buildResults(spec, ctx, new Rng(`${spec.id}:results:${nhsNumber}`));
  const documents = buildDocuments(spec, ctx, allergies);

  const resources = [
    patient,
    ...allergies,
    ...ctx.encounters,
    ...ctx.medicationRequests,
    ...ctx.medicationStatements,
    // Last, so that adding them moved nothing else between a large record's files.
    ...conditions,
    ...results.reports,
    ...results.observations,
    ...documents,
  ];
  const official = name.official;
  const summary = {
    id: spec.id,
    nhsNumber,
    name: `${official.family.toUpperCase()}, ${official.given.join(' ')}${official.prefix ? ` (${official.prefix[0]})` : ''}`,
    ...(name.usual ? { preferredName: name.usual.given.join(' ') } : {}),
    case: spec.caseName,
    description: spec.description,
    birthDate: patient.birthDate,
    gender: patient.gender ?? null,
    ...(spec.deceased
      ? { deceased: patient.deceasedDateTime, deathNotification: String(spec.deceased.status) }
      : {}),
    restricted: Boolean(spec.restricted),
    nhsNumberVerification: spec.verification,
    registeredGp: spec.missingData ? null : gp.ods,
    allergies: spec.allergy,
    counts: {
      encounters: ctx.encounters.length,
      medicationRequests: ctx.medicationRequests.length,
      medicationStatements: ctx.medicationStatements.length,
      allergyIntolerances: allergies.length,
      conditions: conditions.length,
      diagnosticReports: results.reports.length,
      observations: results.observations.length,
      documentReferences: documents.filter((d) => d.resourceType === 'DocumentReference').length,
      compositions: documents.filter((d) => d.resourceType === 'Composition').length,
    },
  };
  return { spec, resources, summary, gpId: gp.id, acuteId: acute };
}

/**
 * @param {Spec} spec
 * @param {Rng} rng
 * @returns {{ official: { family: string, given: string[], prefix?: string[] }, usual?: { given: string[] } }}
 */
function makeName(spec, rng) {
  const givenPool =
    spec.sex === 'male'
      ? MALE_GIVEN
      : spec.sex === 'female'
        ? FEMALE_GIVEN
        : [...MALE_GIVEN, ...FEMALE_GIVEN];
  const ageYears = (Date.UTC(2026, 0, 1) - spec.birth) / (365.25 * DAY);
  if (spec.longName) {
    return {
      official: {
        family: 'Featherstonehaugh-Cholmondeley-Wolstenholme',
        given: ['Alexandra-Persephone', 'Maximiliana', 'Bartholomea', 'Wilhelmina-Rose'],
        prefix: ['Mrs'],
      },
    };
  }
  const given = [rng.pick(givenPool)];
  if (rng.chance(0.45)) given.push(rng.pick(givenPool.filter((g) => g !== given[0])));
  const family = rng.pick(FAMILY);
  /** @type {string[] | undefined} */
  let prefix;
  if (spec.profile === 'neonate' || spec.profile === 'child') prefix = undefined;
  else if (spec.sex === 'male') prefix = [rng.chance(0.08) ? 'Dr' : 'Mr'];
  else if (spec.sex === 'female')
    prefix = [
      rng.weighted([
        ['Mrs', 4],
        ['Ms', 3],
        ['Miss', ageYears < 35 ? 3 : 1],
        ['Dr', 1],
      ]),
    ];
  const usualNames = {
    Robert: 'Bob',
    William: 'Bill',
    Margaret: 'Peggy',
    Elizabeth: 'Betty',
    Richard: 'Dick',
    Catherine: 'Kate',
    Christopher: 'Chris',
    Susan: 'Sue',
    Patricia: 'Pat',
    Joseph: 'Joe',
    Dorothy: 'Dot',
  };
  /** @type {Record<string, string>} */
  const nicknames = usualNames;
  if (spec.preferredName) {
    const known = given[0] in nicknames ? given[0] : spec.sex === 'male' ? 'William' : 'Margaret';
    given[0] = known;
    return { official: { family, given, prefix }, usual: { given: [nicknames[known]] } };
  }
  return { official: { family, given, prefix } };
}

/**
 * @param {Spec} spec
 * @param {string} nhsNumber
 * @param {ReturnType<typeof makeName>} name
 * @param {Rng} rng
 * @param {number} today
 * @param {string} gpId
 * @param {typeof TOWNS[number]} town
 * @returns {Json}
 */
function buildPatient(spec, nhsNumber, name, rng, today, gpId, town) {
  const [ethnicCode, ethnicDisplay] = rng.weighted(
    ETHNIC_CATEGORIES.map(([c, d, w]) => /** @type {const} */ ([[c, d], w])),
  );
  /** @type {Json[]} */
  const extension = [];
  if (spec.profile !== 'neonate') {
    extension.push({
      url: EXTENSIONS.ethnicCategory,
      valueCodeableConcept: {
        coding: [{ system: SYSTEMS.ethnicCategory, code: ethnicCode, display: ethnicDisplay }],
      },
    });
  }
  if (spec.deceased) {
    extension.push({
      url: EXTENSIONS.deathNotification,
      extension: [
        {
          url: 'deathNotificationStatus',
          valueCodeableConcept: {
            coding: [
              {
                system: SYSTEMS.deathNotification,
                code: String(spec.deceased.status),
                display: DEATH_NOTIFICATION[spec.deceased.status],
              },
            ],
          },
        },
        {
          url: 'systemEffectiveDate',
          valueDateTime: fmtDateTime(
            spec.deceased.at + (spec.deceased.status === 2 ? 5 : 1) * DAY + 10 * HOUR,
          ),
        },
      ],
    });
  }
  const family = name.official.family;
  const given = name.official.given;
  const emailName = `${given[0]}.${family}`.toLowerCase().replace(/[^a-z.]/g, '');
  const phoneTail = () => String(rng.int(0, 999)).padStart(3, '0');
  const isChild = spec.profile === 'neonate' || spec.profile === 'child';
  /** @type {Json[]} */
  const telecom = [];
  if (!spec.missingData) {
    telecom.push({ system: 'phone', value: `${town.phone}${phoneTail()}`, use: 'home', rank: 2 });
    if (!isChild && spec.profile !== 'elderly')
      telecom.push({
        system: 'phone',
        value: `${rng.pick(['0113 496 0', '0114 496 0', '0118 496 0', '020 7946 0'])}${phoneTail()}`,
        use: 'work',
      });
    telecom.push({ system: 'phone', value: `07700 900${phoneTail()}`, use: 'mobile', rank: 1 });
    if (!isChild) telecom.push({ system: 'email', value: `${emailName}@example.com`, use: 'home' });
  }
  const houseNumber = rng.int(1, 240);
  const address = spec.missingData
    ? undefined
    : [
        {
          use: 'home',
          type: 'both',
          line: spec.longName
            ? [
                'Flat 14, The Old Woollen Mill Apartments, Riverside Conservation Quarter',
                `${houseNumber} Lower Kirkstall Bridge Road East`,
              ]
            : [`${houseNumber} ${rng.pick(STREETS)}`],
          city: town.town,
          district: town.county,
          postalCode: postcode(rng, town),
          period: { start: fmtDate(Math.max(spec.birth, today - rng.int(200, 4000) * DAY)) },
        },
      ];
  /** @type {Json} */
  const patient = {
    resourceType: 'Patient',
    id: spec.id,
    meta: {
      profile: [profile('Patient')],
      ...(spec.restricted
        ? { security: [{ system: SYSTEMS.confidentiality, code: 'R', display: 'restricted' }] }
        : {}),
    },
    ...(extension.length ? { extension } : {}),
    identifier: [
      {
        extension: [
          {
            url: EXTENSIONS.nhsNumberVerification,
            valueCodeableConcept: {
              coding: [
                {
                  system: SYSTEMS.nhsNumberVerification,
                  code: spec.verification,
                  display: NHS_NUMBER_VERIFICATION[spec.verification],
                },
              ],
            },
          },
        ],
        system: SYSTEMS.nhsNumber,
        value: nhsNumber,
      },
    ],
    name: [
      { use: 'official', family, given, ...(name.official.prefix ? { prefix: name.official.prefix } : {}) },
      ...(name.usual ? [{ use: 'usual', family, given: name.usual.given }] : []),
    ],
    ...(telecom.length ? { telecom } : {}),
    ...(spec.sex ? { gender: spec.sex } : {}),
    birthDate: fmtDate(spec.birth),
    ...(spec.birthTime
      ? { _birthDate: { extension: [{ url: EXTENSIONS.birthTime, valueDateTime: fmtDateTime(spec.birth) }] } }
      : {}),
    ...(spec.deceased ? { deceasedDateTime: fmtDateTime(spec.deceased.at) } : {}),
    ...(address ? { address } : {}),
    ...(spec.missingData ? {} : { generalPractitioner: [orgRef(gpId, true)] }),
  };
  if (isChild) {
    const mother = rng.pick(FEMALE_GIVEN);
    patient.contact = [
      {
        relationship: [{ coding: [{ system: SYSTEMS.roleCode, code: 'MTH', display: 'mother' }] }],
        name: { use: 'official', family, given: [mother], prefix: ['Mrs'] },
        telecom: [{ system: 'phone', value: `07700 900${phoneTail()}`, use: 'mobile' }],
      },
    ];
  }
  return patient;
}

// ---------------------------------------------------------------------------------------------
// Allergies

/**
 * @param {Spec} spec
 * @param {Rng} rng
 * @param {RecordContext} ctx
 * @returns {Json[]}
 */
function buildAllergies(spec, rng, ctx) {
  const recorder = ctx.gpPractitioner();
  const recordedAt = Math.max(spec.birth + 30 * DAY, ctx.today - rng.int(100, 3000) * DAY);
  const base = (/** @type {number} */ n) => ({
    resourceType: 'AllergyIntolerance',
    id: `${spec.id.replace('gen-patient-', 'gen-p')}-allergy-${String(n).padStart(2, '0')}`,
    meta: { profile: [profile('AllergyIntolerance')] },
  });
  if (spec.allergy === 'none') return [];
  if (spec.allergy === 'nka') {
    return [
      {
        ...base(1),
        clinicalStatus: { coding: [{ system: SYSTEMS.allergyClinical, code: 'active', display: 'Active' }] },
        verificationStatus: {
          coding: [{ system: SYSTEMS.allergyVerification, code: 'confirmed', display: 'Confirmed' }],
        },
        code: { coding: [{ system: SYSTEMS.sct, ...NO_KNOWN_ALLERGY }] },
        patient: { reference: `Patient/${spec.id}` },
        recordedDate: fmtDateTime(recordedAt),
        recorder: roleRef(recorder),
      },
    ];
  }
  /** @type {Json[]} */
  const out = spec.allergens.map((key, i) => {
    const a = ALLERGENS[key];
    const onset = Math.max(spec.birth + 200 * DAY, recordedAt - rng.int(30, 3000) * DAY);
    return {
      ...base(i + 1),
      clinicalStatus: { coding: [{ system: SYSTEMS.allergyClinical, code: 'active', display: 'Active' }] },
      verificationStatus: {
        coding: [{ system: SYSTEMS.allergyVerification, code: 'confirmed', display: 'Confirmed' }],
      },
      type: 'allergy',
      category: [a.category],
      criticality: a.category === 'food' ? 'high' : rng.pick(['low', 'high']),
      code: { coding: [{ system: SYSTEMS.sct, code: a.code, display: a.display }], text: a.text },
      patient: { reference: `Patient/${spec.id}` },
      onsetDateTime: fmtDate(onset),
      recordedDate: fmtDateTime(recordedAt + i * HOUR),
      recorder: roleRef(recorder),
      reaction: [
        {
          manifestation: [
            { coding: [{ system: SYSTEMS.sct, code: a.reaction.code, display: a.reaction.display }] },
          ],
          severity: a.category === 'food' ? 'severe' : rng.pick(['mild', 'moderate']),
        },
      ],
    };
  });
  if (spec.profile === 'big') {
    // A resolved allergy: shown as history, not as a current allergy.
    const a = ALLERGENS.fish;
    out.push({
      ...base(out.length + 1),
      clinicalStatus: {
        coding: [{ system: SYSTEMS.allergyClinical, code: 'resolved', display: 'Resolved' }],
      },
      verificationStatus: {
        coding: [{ system: SYSTEMS.allergyVerification, code: 'refuted', display: 'Refuted' }],
      },
      type: 'allergy',
      category: [a.category],
      criticality: 'low',
      code: { coding: [{ system: SYSTEMS.sct, code: a.code, display: a.display }], text: a.text },
      patient: { reference: `Patient/${spec.id}` },
      recordedDate: fmtDateTime(recordedAt - 2000 * DAY),
      recorder: roleRef(recorder),
      note: [{ text: 'Food challenge negative; not allergic to fish.' }],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Letters and documents (<care-document-list>): a discharge summary (HTML) after the latest
// hospital stay, a clinic letter (plain text) after the latest outpatient appointment, and the
// GP practice's summary (a Composition with narrative sections). Derived from the record built
// above, with no random draws, so adding them changes nothing else. The letters carry no dates in
// their text: the record server moves every date field to today, but not words inside a letter.

const DOCUMENT_TYPES = {
  discharge: { system: SYSTEMS.sct, code: '373942005', display: 'Discharge summary' },
  clinicLetter: { system: SYSTEMS.sct, code: '371530004', display: 'Clinical consultation report' },
  summary: { system: SYSTEMS.sct, code: '422735006', display: 'Summary clinical document' },
};

/** @param {string} text */
const documentData = (text) => Buffer.from(text, 'utf8').toString('base64');

/** @param {string} text */
const escapeHtml = (text) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** @param {Json} concept */
const conceptText = (concept) => concept?.text ?? concept?.coding?.[0]?.display;

/**
 * The patient's current repeat medicines, by name, at most six.
 * @param {RecordContext} ctx
 */
function currentMedicines(ctx) {
  const names = ctx.medicationRequests
    .filter((r) => r.status === 'active')
    .map((r) => conceptText(r.medicationCodeableConcept))
    .filter(Boolean);
  return [...new Set(names)].slice(0, 6);
}

/**
 * @param {Json} encounter
 * @returns {string} the attending practitioner's id
 */
const attendingOf = (encounter) => encounter.participant[0].individual.reference.split('/')[1];

/**
 * @param {Spec} spec
 * @param {RecordContext} ctx
 * @param {Json[]} allergies
 * @returns {Json[]}
 */
function buildDocuments(spec, ctx, allergies) {
  const short = ctx.short;
  const subject = { reference: `Patient/${spec.id}` };
  const medicines = currentMedicines(ctx);
  const finished = ctx.encounters.filter((e) => e.status === 'finished' && e.period.end);
  const latest = (/** @type {(e: Json) => boolean} */ test) =>
    finished.filter(test).sort((a, b) => (a.period.end < b.period.end ? 1 : -1))[0];
  /** @type {Json[]} */
  const out = [];

  const stay = latest((e) => e.class.code === 'IMP');
  if (stay) {
    const orgId = stay.serviceProvider.reference.split('/')[1];
    const org = /** @type {typeof ORGANISATIONS[number]} */ (ORG_BY_ID.get(orgId));
    const consultant = /** @type {typeof PRACTITIONERS[number]} */ (PRAC_BY_ID.get(attendingOf(stay)));
    const reason = conceptText(stay.reasonCode?.[0]) ?? conceptText(stay.type[0]);
    const html = [
      '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Discharge summary</title></head><body>',
      `<h1>Discharge summary</h1><p><strong>${escapeHtml(titleCase(org.name))}</strong></p>`,
      `<h2>Reason for admission</h2><p>${escapeHtml(reason)}</p>`,
      '<h2>Medicines on discharge</h2>',
      medicines.length
        ? `<ul>${medicines.map((m) => `<li>${escapeHtml(m)}</li>`).join('')}</ul>`
        : '<p>No medicines.</p>',
      '<h2>Follow-up</h2><p>Please review at the GP practice in two weeks. No hospital follow-up is needed.</p>',
      `<p>${escapeHtml(practitionerName(consultant))}, ${escapeHtml(consultant.role)}</p>`,
      '</body></html>',
    ].join('\n');
    out.push({
      resourceType: 'DocumentReference',
      id: `${short}-doc-discharge`,
      meta: { profile: [profile('DocumentReference')] },
      status: 'current',
      docStatus: 'final',
      type: { coding: [DOCUMENT_TYPES.discharge] },
      subject,
      date: stay.period.end,
      author: [roleRef(consultant.id)],
      custodian: orgRef(orgId, true),
      description: `Discharge summary: ${reason}`,
      content: [
        {
          attachment: {
            contentType: 'text/html; charset=utf-8',
            language: 'en-GB',
            title: 'Discharge summary',
            data: documentData(html),
          },
        },
      ],
      context: { encounter: [{ reference: `Encounter/${stay.id}` }], period: stay.period },
    });
  }

  const clinic = latest(
    (e) => e.class.code === 'AMB' && ORG_BY_ID.get(e.serviceProvider.reference.split('/')[1])?.kind !== 'gp',
  );
  if (clinic) {
    const orgId = clinic.serviceProvider.reference.split('/')[1];
    const org = /** @type {typeof ORGANISATIONS[number]} */ (ORG_BY_ID.get(orgId));
    const author = /** @type {typeof PRACTITIONERS[number]} */ (PRAC_BY_ID.get(attendingOf(clinic)));
    const gp = PRACTITIONERS.find((p) => p.org === ctx.gpId && p.reg === 'gmc');
    const seenFor = conceptText(clinic.reasonCode?.[0]) ?? conceptText(clinic.type[0]);
    const text = [
      titleCase(org.name),
      '',
      gp ? `Dear ${gp.prefix} ${gp.family},` : 'Dear colleague,',
      '',
      `I saw your patient in clinic today (${seenFor}).`,
      'They are well in themselves. Observations were normal.',
      medicines.length ? `Current medicines: ${medicines.join('; ')}.` : 'They take no regular medicines.',
      '',
      'Plan: no change to treatment; we will see them again in six months.',
      '',
      'Yours sincerely,',
      '',
      `${practitionerName(author)}, ${author.role}`,
    ].join('\n');
    out.push({
      resourceType: 'DocumentReference',
      id: `${short}-doc-clinic`,
      meta: { profile: [profile('DocumentReference')] },
      status: 'current',
      docStatus: 'final',
      type: { coding: [DOCUMENT_TYPES.clinicLetter], text: 'Clinic letter' },
      subject,
      date: clinic.period.end,
      author: [roleRef(author.id)],
      custodian: orgRef(orgId, true),
      description: `Clinic letter: ${seenFor}`,
      content: [
        {
          attachment: {
            contentType: 'text/plain; charset=utf-8',
            language: 'en-GB',
            title: 'Clinic letter',
            data: documentData(text),
          },
        },
      ],
      context: { encounter: [{ reference: `Encounter/${clinic.id}` }], period: clinic.period },
    });
  }

  if (!spec.missingData) {
    const gp = ctx.gpPractitioner();
    const named = allergies
      .filter(
        (a) =>
          a.code?.coding?.[0]?.code !== NO_KNOWN_ALLERGY.code &&
          a.verificationStatus?.coding?.[0]?.code !== 'refuted',
      )
      .map((a) => conceptText(a.code));
    const div = (/** @type {string} */ inner) => ({
      status: 'generated',
      div: `<div xmlns="http://www.w3.org/1999/xhtml">${inner}</div>`,
    });
    const list = (/** @type {string[]} */ items, /** @type {string} */ none) =>
      items.length ? `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>` : `<p>${none}</p>`;
    out.push({
      resourceType: 'Composition',
      id: `${short}-doc-gp-summary`,
      meta: { profile: [profile('Composition')] },
      status: 'final',
      type: { coding: [DOCUMENT_TYPES.summary], text: 'GP summary' },
      subject,
      date: fmtDateTime(Math.max(spec.birth + HOUR, startOfDay(ctx.end - 14 * DAY) + 9 * HOUR)),
      author: [roleRef(gp)],
      custodian: orgRef(ctx.gpId, true),
      title: 'GP summary',
      section: [
        { title: 'Current medicines', text: div(list(medicines, 'No current medicines.')) },
        {
          title: 'Allergies and adverse reactions',
          text: div(list(named, spec.allergy === 'nka' ? 'No known allergies.' : 'None recorded.')),
        },
        {
          title: 'Consultations',
          text: div(
            `<p>${finished.filter((e) => e.serviceProvider.reference === `Organization/${ctx.gpId}`).length} consultations with the practice are on the record.</p>`,
          ),
        },
      ],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Encounters and medication

const SETTINGS = /** @type {const} */ ([
  'gp',
  'gpPhone',
  'gpVideo',
  'gpHome',
  'outpatient',
  'ae',
  'emergencyAdmission',
  'electiveAdmission',
  'districtNurse',
  'healthVisitor',
  'mentalHealth',
  'socialCare',
  'dialysis',
  'birth',
]);
/** @typedef {typeof SETTINGS[number]} Setting */

/** Rates per year by profile. */
const RATES = {
  typical: {
    gp: 3,
    gpPhone: 2,
    gpVideo: 0.4,
    outpatient: 0.8,
    ae: 0.4,
    emergencyAdmission: 0.12,
    electiveAdmission: 0.1,
    mentalHealth: 0.5,
    districtNurse: 0,
    socialCare: 0,
    gpHome: 0,
    healthVisitor: 0,
  },
  elderly: {
    gp: 5,
    gpPhone: 3,
    gpVideo: 0.3,
    gpHome: 1,
    outpatient: 2.5,
    ae: 0.8,
    emergencyAdmission: 0.5,
    electiveAdmission: 0.2,
    districtNurse: 4,
    socialCare: 1,
    mentalHealth: 0.2,
    healthVisitor: 0,
  },
  child: {
    gp: 3,
    gpPhone: 1.5,
    gpVideo: 0,
    outpatient: 0.3,
    ae: 0.7,
    emergencyAdmission: 0.1,
    electiveAdmission: 0,
    healthVisitor: 1.5,
    districtNurse: 0,
    socialCare: 0,
    mentalHealth: 0,
    gpHome: 0,
  },
  big: {
    gp: 9,
    gpPhone: 9,
    gpVideo: 2,
    gpHome: 1,
    outpatient: 10,
    ae: 3,
    emergencyAdmission: 2,
    electiveAdmission: 1,
    districtNurse: 20,
    socialCare: 3,
    mentalHealth: 4,
    healthVisitor: 0,
  },
};

const OUTPATIENT_SPECIALTIES = [
  'Cardiology',
  'Respiratory medicine',
  'Diabetes and endocrinology',
  'Trauma and orthopaedics',
  'Gastroenterology',
  'Dermatology',
  'Rheumatology',
  'Ophthalmology',
];

class RecordContext {
  /**
   * @param {Spec} spec
   * @param {Rng} rng
   * @param {number} today
   * @param {string} gpId
   * @param {string} acuteId
   */
  constructor(spec, rng, today, gpId, acuteId) {
    this.spec = spec;
    this.rng = rng;
    this.today = today;
    this.gpId = gpId;
    this.acuteId = acuteId;
    this.short = spec.id.replace('gen-patient-', 'gen-p');
    /** @type {Json[]} */
    this.encounters = [];
    /** @type {Json[]} */
    this.medicationRequests = [];
    /** @type {Json[]} */
    this.medicationStatements = [];
    /** @type {{ start: number, setting: Setting, id: string, reason?: string }[]} */
    this.planned = [];
    this.end = spec.deceased ? spec.deceased.at : today;
  }

  /** @returns {string} a practitioner of the patient's GP practice */
  gpPractitioner() {
    const gps = PRACTITIONERS.filter((p) => p.org === this.gpId && p.reg === 'gmc');
    return (gps.length ? this.rng.pick(gps) : PRACTITIONERS[0]).id;
  }

  /**
   * @param {string} orgId
   * @param {(p: typeof PRACTITIONERS[number]) => boolean} [filter]
   * @returns {string}
   */
  practitionerAt(orgId, filter = () => true) {
    const list = PRACTITIONERS.filter((p) => p.org === orgId && filter(p));
    return (
      list.length ? this.rng.pick(list) : (PRACTITIONERS.find((p) => p.org === orgId) ?? PRACTITIONERS[0])
    ).id;
  }

  buildEncountersAndMedication() {
    const { spec, rng, today } = this;
    const ageDays = (this.end - spec.birth) / DAY;
    /** @type {{ start: number, setting: Setting, status: string }[]} */
    const plan = [];
    const historyYears =
      spec.profile === 'big'
        ? 20
        : spec.profile === 'neonate'
          ? 0
          : Math.min(8, Math.max(1, ageDays / 365.25));

    if (spec.profile === 'neonate') {
      plan.push({ start: spec.birth, setting: 'birth', status: 'in-progress' });
      plan.push({
        start: startOfDay(today + 8 * DAY) + 10 * HOUR,
        setting: 'healthVisitor',
        status: 'planned',
      });
      plan.push({
        start: startOfDay(today + 39 * DAY) + 9 * HOUR + 30 * MINUTE,
        setting: 'gp',
        status: 'planned',
      });
    } else {
      const rates = /** @type {Record<string, number>} */ (
        RATES[
          spec.profile === 'big'
            ? 'big'
            : spec.profile === 'child'
              ? 'child'
              : spec.profile === 'elderly'
                ? 'elderly'
                : 'typical'
        ]
      );
      const from = Math.max(spec.birth + 14 * DAY, this.end - historyYears * 365.25 * DAY);
      for (const [setting, rate] of Object.entries(rates)) {
        const n = Math.round(rate * historyYears * (0.6 + rng.next() * 0.8));
        for (let i = 0; i < n; i++)
          plan.push({
            start: this.randomTime(from, this.end - DAY, setting),
            setting: /** @type {Setting} */ (setting),
            status: 'finished',
          });
      }
      if (spec.profile === 'child') {
        plan.push({
          start: this.randomTime(spec.birth + 7 * DAY, spec.birth + 14 * DAY, 'healthVisitor'),
          setting: 'healthVisitor',
          status: 'finished',
        });
      }
      if (!spec.deceased) {
        // Upcoming appointments, cancelled ones and (for some) a current admission.
        plan.push({
          start: startOfDay(today + rng.int(5, 60) * DAY) + rng.int(9, 15) * HOUR,
          setting: 'outpatient',
          status: 'planned',
        });
        if (rng.chance(0.6))
          plan.push({
            start: startOfDay(today + rng.int(2, 20) * DAY) + rng.int(8, 17) * HOUR,
            setting: 'gp',
            status: 'planned',
          });
        const cancelled = rng.int(0, 2);
        for (let i = 0; i < cancelled; i++)
          plan.push({
            start: this.randomTime(today - 400 * DAY, today - 2 * DAY, 'outpatient'),
            setting: 'outpatient',
            status: 'cancelled',
          });
        if (spec.inpatientNow)
          plan.push({
            start: today - rng.int(2, 6) * DAY + rng.int(10, 22) * HOUR,
            setting: 'emergencyAdmission',
            status: 'in-progress',
          });
      } else {
        // The last admission, ending with death (formal) or a last district nurse visit (informal).
        if (spec.deceased.status === 2)
          plan.push({
            start: spec.deceased.at - rng.int(4, 9) * DAY,
            setting: 'emergencyAdmission',
            status: 'died',
          });
        else
          plan.push({
            start: spec.deceased.at - 3 * DAY + 11 * HOUR - (spec.deceased.at % DAY),
            setting: 'districtNurse',
            status: 'finished',
          });
      }
      if (spec.profile === 'big' && spec.encounters) {
        const others = plan.length;
        const sessions = spec.encounters - others;
        let day = startOfDay(today - DAY);
        let made = 0;
        while (made < sessions) {
          const weekday = new Date(day).getUTCDay();
          if (weekday === 1 || weekday === 3 || weekday === 5) {
            plan.push({
              start: day + 7 * HOUR + 30 * MINUTE + rng.int(0, 3) * 15 * MINUTE,
              setting: 'dialysis',
              status: made === 37 ? 'cancelled' : 'finished',
            });
            made++;
          }
          day -= DAY;
        }
      }
    }
    plan.sort((a, b) => a.start - b.start || SETTINGS.indexOf(a.setting) - SETTINGS.indexOf(b.setting));
    plan.forEach((p, i) => this.addEncounter(p, i + 1));

    this.buildMedication(historyYears);
  }

  /**
   * A random time on a working day in working hours (any day and hour for A&E / admissions).
   * @param {number} from
   * @param {number} to
   * @param {string} setting
   * @returns {number}
   */
  randomTime(from, to, setting) {
    const { rng } = this;
    const anyTime = setting === 'ae' || setting === 'emergencyAdmission';
    for (let tries = 0; tries < 20; tries++) {
      const day = startOfDay(from + rng.next() * Math.max(0, to - from));
      if (!anyTime && isWeekend(day)) continue;
      const hour = anyTime ? rng.int(0, 23) : rng.int(8, 17);
      return day + hour * HOUR + rng.int(0, 11) * 5 * MINUTE;
    }
    return startOfDay(from) + 10 * HOUR;
  }

  /**
   * @param {{ start: number, setting: Setting, status: string }} plan
   * @param {number} n
   */
  addEncounter(plan, n) {
    const { rng, spec } = this;
    const id = `${this.short}-enc-${String(n).padStart(4, '0')}`;
    const died = plan.status === 'died';
    const status = died ? 'finished' : plan.status;
    const acute = rng.chance(0.85) ? this.acuteId : rng.pick(['gen-org-r9a', 'gen-org-r9b', 'gen-org-r9c']);
    /** @type {{ cls: keyof typeof CLASSES, type: { code: string, display: string }, text?: string, org: string, prac: string, loc?: string, minutes: number, reason?: string, admission?: [string, string], discharge?: boolean }} */
    let d;
    const gpLoc = `gen-loc-${/** @type {any} */ (ORG_BY_ID.get(this.gpId)).ods.toLowerCase()}-surgery`;
    const infection = rng.pick(['bronchitis', 'pharyngitis', 'sinusitis', 'otitis', 'fever']);
    switch (plan.setting) {
      case 'gp':
        d = {
          cls: 'AMB',
          type: rng.pick([
            ENCOUNTER_TYPES.consultation,
            ENCOUNTER_TYPES.symptom,
            ENCOUNTER_TYPES.problem,
            ENCOUNTER_TYPES.followUp,
            ENCOUNTER_TYPES.checkUp,
          ]),
          org: this.gpId,
          prac: rng.chance(0.8) ? this.gpPractitioner() : this.practitionerAt(this.gpId),
          loc: gpLoc,
          minutes: 10,
          reason: rng.chance(0.5)
            ? infection
            : rng.pick([
                'hypertension',
                'hyperlipidaemia',
                'chronicPain',
                'oaKnee',
                'migraine',
                'prediabetes',
              ]),
        };
        if (spec.profile === 'child' || spec.profile === 'neonate')
          d = {
            ...d,
            type: rng.chance(0.4) ? ENCOUNTER_TYPES.wellChild : ENCOUNTER_TYPES.symptom,
            reason: rng.pick(['otitis', 'fever', 'pharyngitis']),
            prac: this.gpPractitioner(),
          };
        break;
      case 'gpPhone':
        d = {
          cls: 'VR',
          type: ENCOUNTER_TYPES.telephone,
          org: this.gpId,
          prac: this.gpPractitioner(),
          minutes: 10,
          reason: rng.chance(0.5) ? infection : 'hypertension',
        };
        break;
      case 'gpVideo':
        d = {
          cls: 'VR',
          type: ENCOUNTER_TYPES.video,
          org: this.gpId,
          prac: this.gpPractitioner(),
          minutes: 15,
          reason: infection,
        };
        break;
      case 'gpHome':
        d = {
          cls: 'HH',
          type: ENCOUNTER_TYPES.homeVisit,
          text: 'GP home visit',
          org: this.gpId,
          prac: this.gpPractitioner(),
          minutes: 30,
          reason: rng.pick(['bronchitis', 'fever', 'chronicPain']),
        };
        break;
      case 'outpatient': {
        const specialty =
          spec.profile === 'big'
            ? rng.pick(['Renal medicine', 'Renal medicine', 'Cardiology', 'Vascular surgery'])
            : rng.pick(OUTPATIENT_SPECIALTIES);
        const org =
          specialty === 'Cardiology' && rng.chance(0.5)
            ? 'gen-org-r9c'
            : specialty === 'Renal medicine'
              ? 'gen-org-r9b'
              : acute;
        const loc = LOCATIONS.find((l) => l.org === org && l.kind === 'clinic');
        d = {
          cls: 'AMB',
          type: rng.chance(0.5) ? ENCOUNTER_TYPES.followUp : ENCOUNTER_TYPES.consultation,
          text: `${specialty} outpatient appointment`,
          org,
          prac: this.practitionerAt(org, (p) => p.reg === 'gmc'),
          loc: loc?.id,
          minutes: 20,
          reason:
            specialty === 'Cardiology'
              ? rng.pick(['af', 'heartFailure', 'hypertension'])
              : specialty === 'Renal medicine'
                ? 'esrd'
                : 'generalTreatment',
        };
        break;
      }
      case 'ae': {
        const loc = LOCATIONS.find((l) => l.org === acute && l.kind === 'ed');
        d = {
          cls: 'EMER',
          type: ENCOUNTER_TYPES.emergencyRoom,
          text: 'Attendance at the emergency department',
          org: acute,
          prac: acute === 'gen-org-r9a' ? 'gen-prac-11' : this.practitionerAt(acute, (p) => p.reg === 'gmc'),
          loc: loc?.id,
          minutes: rng.int(90, 330),
          reason: rng.pick(['fractureForearm', 'fever', 'chronicPain', 'appendicitis']),
        };
        break;
      }
      case 'emergencyAdmission':
      case 'electiveAdmission': {
        const emergency = plan.setting === 'emergencyAdmission';
        const wards = LOCATIONS.filter((l) => l.org === acute && l.kind === 'ward');
        const ward =
          spec.profile === 'elderly'
            ? (wards.find((w) => w.id.endsWith('ward28')) ?? wards[0])
            : rng.pick(wards);
        d = {
          cls: 'IMP',
          type: emergency ? ENCOUNTER_TYPES.emergencyAdmission : ENCOUNTER_TYPES.ward,
          text: emergency ? 'Emergency admission' : 'Elective admission',
          org: acute,
          prac: this.practitionerAt(acute, (p) => p.reg === 'gmc'),
          loc: ward?.id,
          minutes: rng.int(1, emergency ? 12 : 4) * 24 * 60 + rng.int(-300, 300),
          reason: emergency
            ? rng.pick(['sepsis', 'bronchitis', 'heartFailure', 'stroke', 'fractureForearm'])
            : rng.pick(['oaKnee', 'generalTreatment']),
          admission: emergency
            ? rng.chance(0.7)
              ? [
                  '21',
                  'Emergency Admission: Emergency Care Department or dental casualty department of the Health Care Provider',
                ]
              : [
                  '22',
                  'Emergency Admission: GENERAL PRACTITIONER: after a request for immediate admission has been made direct to a Hospital Provider',
                ]
            : rng.pick([
                /** @type {[string, string]} */ (['11', 'Elective Admission: Waiting list']),
                /** @type {[string, string]} */ (['12', 'Elective Admission: Booked']),
                /** @type {[string, string]} */ (['13', 'Elective Admission: Planned']),
              ]),
          discharge: true,
        };
        break;
      }
      case 'districtNurse':
        d = {
          cls: 'HH',
          type: ENCOUNTER_TYPES.homeVisit,
          text: rng.pick([
            'District nursing visit: wound care',
            'District nursing visit: medication review',
            'District nursing visit: leg ulcer dressing',
          ]),
          org: 'gen-org-r9d',
          prac: 'gen-prac-14',
          minutes: 40,
          reason: rng.pick(['chronicPain', 'generalTreatment']),
        };
        break;
      case 'healthVisitor':
        d = {
          cls: 'HH',
          type:
            spec.profile === 'child' && rng.chance(0.5)
              ? ENCOUNTER_TYPES.wellChild
              : ENCOUNTER_TYPES.homeVisit,
          text:
            spec.profile === 'neonate'
              ? 'Health visitor new birth visit'
              : 'Health visitor developmental review',
          org: 'gen-org-r9d',
          prac: 'gen-prac-15',
          minutes: 45,
        };
        break;
      case 'mentalHealth':
        d = rng.chance(0.7)
          ? {
              cls: 'AMB',
              type: ENCOUNTER_TYPES.consultation,
              text: 'Community mental health team review',
              org: 'gen-org-r9e',
              prac: rng.pick(['gen-prac-16', 'gen-prac-17']),
              loc: 'gen-loc-r9e-cmht',
              minutes: 50,
            }
          : {
              cls: 'VR',
              type: ENCOUNTER_TYPES.telephone,
              text: 'Community mental health team telephone review',
              org: 'gen-org-r9e',
              prac: 'gen-prac-17',
              minutes: 20,
            };
        break;
      case 'socialCare':
        d = {
          cls: 'HH',
          type: ENCOUNTER_TYPES.homeVisit,
          text: rng.pick([
            'Adult social care needs assessment',
            'Adult social care review of care package',
            'Carer assessment',
          ]),
          org: 'gen-org-lax01',
          prac: 'gen-prac-19',
          minutes: 75,
        };
        break;
      case 'dialysis':
        d = {
          cls: 'AMB',
          type: ENCOUNTER_TYPES.haemodialysis,
          text: 'Haemodialysis session',
          org: 'gen-org-r9b',
          prac: 'gen-prac-12',
          loc: 'gen-loc-r9b-dialysis',
          minutes: 240,
          reason: 'esrd',
        };
        break;
      case 'birth':
        d = {
          cls: 'IMP',
          type: ENCOUNTER_TYPES.ward,
          text: 'Birth and postnatal care on the maternity unit',
          org: 'gen-org-r9a',
          prac: 'gen-prac-20',
          loc: 'gen-loc-r9a-mat',
          minutes: 0,
          admission: ['82', 'The birth of a baby in this Health Care Provider'],
        };
        break;
      default:
        throw new Error(`unknown setting ${plan.setting}`);
    }
    const start = plan.start;
    const end = died
      ? /** @type {NonNullable<Spec['deceased']>} */ (spec.deceased).at
      : start + d.minutes * MINUTE;
    /** @type {Json} */
    const enc = {
      resourceType: 'Encounter',
      id,
      meta: { profile: [profile('Encounter')] },
      ...(d.discharge && status === 'finished'
        ? {
            extension: [
              {
                url: EXTENSIONS.dischargeMethod,
                valueCodeableConcept: {
                  coding: [
                    died
                      ? { system: SYSTEMS.dischargeMethod, code: '4', display: 'Patient died' }
                      : {
                          system: SYSTEMS.dischargeMethod,
                          code: '1',
                          display: 'Patient discharged on clinical advice or with clinical consent',
                        },
                  ],
                },
              },
            ],
          }
        : {}),
      identifier: [{ system: SYSTEMS.uuid, value: uuidFor(`Encounter/${id}`) }],
      status,
      class: { system: SYSTEMS.actCode, code: d.cls, display: CLASSES[d.cls] },
      type: [
        {
          coding: [{ system: SYSTEMS.sct, code: d.type.code, display: d.type.display }],
          ...(d.text ? { text: d.text } : {}),
        },
      ],
      subject: { reference: `Patient/${spec.id}` },
      participant: [
        {
          type: [{ coding: [{ system: SYSTEMS.participationType, code: 'ATND', display: 'attender' }] }],
          individual: pracRef(d.prac),
        },
      ],
      period:
        status === 'planned' || status === 'cancelled'
          ? { start: fmtDateTime(start), end: fmtDateTime(start + d.minutes * MINUTE) }
          : status === 'in-progress'
            ? { start: fmtDateTime(start) }
            : { start: fmtDateTime(start), end: fmtDateTime(end) },
      ...(d.reason
        ? {
            reasonCode: [
              {
                coding: [{ system: SYSTEMS.sct, ...REASONS[/** @type {keyof typeof REASONS} */ (d.reason)] }],
              },
            ],
          }
        : {}),
      ...(d.admission
        ? {
            hospitalization: {
              extension: [
                {
                  url: EXTENSIONS.admissionMethod,
                  valueCodeableConcept: {
                    coding: [
                      { system: SYSTEMS.admissionMethod, code: d.admission[0], display: d.admission[1] },
                    ],
                  },
                },
              ],
              ...(status === 'finished' && !died
                ? {
                    dischargeDisposition: {
                      coding: [
                        {
                          system: SYSTEMS.dischargeDestination,
                          code: '19',
                          display: 'Usual place of residence',
                        },
                      ],
                    },
                  }
                : {}),
            },
          }
        : {}),
      ...(d.loc
        ? {
            location: [
              {
                location: { reference: `Location/${d.loc}` },
                status: status === 'in-progress' ? 'active' : status === 'planned' ? 'planned' : 'completed',
              },
            ],
          }
        : {}),
      serviceProvider: orgRef(d.org, rng.chance(0.75)),
    };
    this.encounters.push(enc);
    this.planned.push({ start, setting: plan.setting, id, reason: d.reason });
  }

  /** @param {number} historyYears */
  buildMedication(historyYears) {
    const { spec, rng, today } = this;
    if (spec.profile === 'neonate') return;
    const allergicToPenicillin =
      spec.allergens.includes('penicillin') || spec.allergens.includes('amoxicillin');
    const chronicPool = spec.profile === 'child' ? [] : chronicMedicines(spec, rng);
    const targetRequests = spec.medications ? spec.medications - 60 : undefined;
    const targetStatements = spec.medications ? 60 : undefined;

    // Repeat medication: one authorisation a year, the current one active.
    for (const [i, code] of chronicPool.entries()) {
      const med = /** @type {typeof MEDICATIONS[number]} */ (MED_BY_CODE.get(code));
      const years = Math.max(1, Math.min(historyYears, rng.int(1, spec.profile === 'big' ? 18 : 7)));
      const started =
        startOfDay(this.end - years * 365 * DAY - rng.int(0, 200) * DAY) + rng.int(9, 16) * HOUR;
      const stoppedEarly = i === 2 && chronicPool.length > 3 && rng.chance(0.7);
      let authStart = Math.max(started, spec.birth + 365 * DAY);
      let auth = 0;
      while (authStart < this.end) {
        const authEnd = addMonths(authStart, 12);
        const current = authEnd >= this.end;
        let status = current ? 'active' : 'completed';
        let statusReason;
        if (current && spec.deceased?.status === 2) {
          status = 'stopped';
          statusReason = 'Patient died';
        } else if (current && stoppedEarly) {
          status = 'stopped';
          statusReason = rng.pick([
            'Side effects: persistent dry cough',
            'No longer required',
            'Changed to an alternative by the specialist',
          ]);
        } else if (current && i === 3 && chronicPool.length > 4 && !spec.deceased) {
          status = 'on-hold';
          statusReason = 'Suspended during acute illness; restart when recovered';
        }
        const issued = current ? Math.max(1, Math.floor((this.end - authStart) / (28 * DAY))) : 12;
        this.addRequest({
          med,
          start: authStart,
          end: authEnd,
          repeat: { issued, expiry: authEnd, allowed: 12 },
          status,
          statusReason,
          org: this.gpId,
          prac: this.gpPractitioner(),
          category: 'community',
        });
        auth++;
        authStart = authEnd;
        if (targetRequests && this.medicationRequests.length >= targetRequests * 0.35) break;
      }
      void auth;
    }

    // Acute courses from GP and A&E encounters with an infection or pain.
    const acuteEncounters = this.planned.filter(
      (p) =>
        ['gp', 'gpPhone', 'gpVideo', 'gpHome', 'ae'].includes(p.setting) &&
        p.start < this.end &&
        p.start > today - 30 * 365 * DAY,
    );
    for (const enc of acuteEncounters) {
      const infection = ['bronchitis', 'pharyngitis', 'sinusitis', 'otitis', 'fever'].includes(
        enc.reason ?? '',
      );
      const pain = ['chronicPain', 'oaKnee', 'fractureForearm'].includes(enc.reason ?? '');
      if (!infection && !pain) continue;
      if (!targetRequests && !rng.chance(infection ? 0.6 : 0.5)) continue;
      if (targetRequests && this.medicationRequests.length >= targetRequests) break;
      let pool = MEDICATIONS.filter(
        (m) => (m.use === 'acute' || m.use === 'both') && Boolean(m.child) === (spec.profile === 'child'),
      );
      pool = infection
        ? pool.filter((m) => DOSAGES[m.dosage].days)
        : pool.filter((m) => !DOSAGES[m.dosage].days);
      if (allergicToPenicillin) pool = pool.filter((m) => !PENICILLINS.has(m.code));
      if (pool.length === 0) continue;
      const med = rng.pick(pool);
      const days = DOSAGES[med.dosage].days ?? 14;
      const end = enc.start + days * DAY;
      const fromAe = enc.setting === 'ae';
      this.addRequest({
        med,
        start: enc.start + 10 * MINUTE,
        end,
        status:
          end > this.end
            ? spec.deceased
              ? 'stopped'
              : 'active'
            : rng.chance(0.08)
              ? 'stopped'
              : 'completed',
        statusReason: end > this.end && spec.deceased ? 'Patient died' : undefined,
        org: fromAe ? this.acuteId : this.gpId,
        prac: fromAe ? this.practitionerAt(this.acuteId, (p) => p.reg === 'gmc') : this.gpPractitioner(),
        category: fromAe ? 'outpatient' : 'community',
        encounter: enc.id,
        viaRole: fromAe,
      });
    }

    // Inpatient medication and what hospitals and pharmacies reported (MedicationStatement).
    const admissions = this.planned.filter(
      (p) => p.setting === 'emergencyAdmission' || p.setting === 'electiveAdmission',
    );
    for (const adm of admissions) {
      if (targetRequests && this.medicationRequests.length >= targetRequests) break;
      const enox = /** @type {typeof MEDICATIONS[number]} */ (MED_BY_CODE.get('36565711000001107'));
      const org = /** @type {Json} */ (
        this.encounters.find((e) => e.id === adm.id)
      ).serviceProvider.reference.split('/')[1];
      const inProgress = adm.start > today - 7 * DAY && spec.inpatientNow && !spec.deceased;
      this.addRequest({
        med: enox,
        start: adm.start + 3 * HOUR,
        end: adm.start + rng.int(2, 6) * DAY,
        status: inProgress ? 'active' : 'completed',
        org,
        prac: this.practitionerAt(org, (p) => p.reg === 'gmc'),
        category: 'inpatient',
        encounter: adm.id,
        viaRole: true,
      });
    }
    const statements = targetStatements ?? (spec.profile === 'child' ? 1 : rng.int(1, 4));
    const sources = admissions.length
      ? admissions
      : this.planned.filter((p) => p.setting === 'outpatient' && p.start < this.end);
    for (let i = 0; i < statements; i++) {
      const fromPharmacy = i % 3 === 2 || sources.length === 0 || (spec.profile === 'child' && i === 0);
      const when = fromPharmacy
        ? this.randomTime(
            Math.max(spec.birth + 400 * DAY, this.end - historyYears * 365 * DAY),
            this.end - DAY,
            'pharmacy',
          )
        : rng.pick(sources).start + rng.int(1, 5) * DAY;
      let pool = fromPharmacy
        ? // What a community pharmacy supplies itself: antibiotics under Pharmacy First, simple analgesia.
          MEDICATIONS.filter(
            (m) =>
              (DOSAGES[m.dosage].days || ['322236009', '329653008'].includes(m.code)) &&
              Boolean(m.child) === (spec.profile === 'child'),
          )
        : MEDICATIONS.filter((m) => m.use === 'repeat' || m.use === 'acute');
      if (allergicToPenicillin) pool = pool.filter((m) => !PENICILLINS.has(m.code));
      const med = rng.pick(pool);
      const org = fromPharmacy ? rng.pick(['gen-org-fx101', 'gen-org-fx102', 'gen-org-fx103']) : this.acuteId;
      const days = DOSAGES[med.dosage].days;
      const end = days ? when + days * DAY : undefined;
      const ongoing = !days && med.use === 'repeat' && i % 2 === 0;
      this.addStatement({
        med,
        start: when,
        end: ongoing ? undefined : (end ?? when + rng.int(14, 90) * DAY),
        status: ongoing
          ? spec.deceased
            ? 'stopped'
            : 'active'
          : (end ?? when) > this.end
            ? 'active'
            : 'completed',
        org,
        lastIssue: when,
        category: fromPharmacy ? 'community' : 'outpatient',
      });
    }

    // The large record: fill up to the exact number of medication records with further acute courses.
    if (targetRequests) {
      const pool = MEDICATIONS.filter(
        (m) => (m.use === 'acute' || m.use === 'both') && !m.child && !PENICILLINS.has(m.code),
      );
      const gpDays = this.planned.filter((p) => p.setting.startsWith('gp') && p.start < this.end);
      let k = 0;
      while (this.medicationRequests.length < targetRequests) {
        const enc = gpDays[k++ % gpDays.length];
        const med = pool[k % pool.length];
        const start = enc.start + (Math.floor(k / gpDays.length) + 1) * 20 * MINUTE;
        const end = start + (DOSAGES[med.dosage].days ?? 14) * DAY;
        this.addRequest({
          med,
          start,
          end,
          status: end > this.end ? 'active' : 'completed',
          org: this.gpId,
          prac: this.gpPractitioner(),
          category: 'community',
          encounter: enc.id,
        });
      }
    }
    const byStart = (/** @type {Json} */ a, /** @type {Json} */ b) =>
      a._start - b._start || (a.id < b.id ? -1 : 1);
    this.medicationRequests.sort(byStart);
    this.medicationStatements.sort(byStart);
    this.medicationRequests.forEach((r, i) =>
      renumber(r, `${this.short}-medreq-${String(i + 1).padStart(3, '0')}`),
    );
    this.medicationStatements.forEach((r, i) =>
      renumber(r, `${this.short}-medstmt-${String(i + 1).padStart(3, '0')}`),
    );
  }

  /**
   * @param {{ med: typeof MEDICATIONS[number], start: number, end: number, status: string, statusReason?: string, org: string, prac: string, category: string, encounter?: string, repeat?: { issued: number, expiry: number, allowed: number }, viaRole?: boolean }} r
   */
  addRequest(r) {
    const { rng, spec } = this;
    const dose = DOSAGES[r.med.dosage];
    const categoryDisplay = {
      community: 'Community',
      inpatient: 'Inpatient',
      outpatient: 'Outpatient',
      discharge: 'Discharge',
    };
    const requester = r.viaRole
      ? {
          reference: `PractitionerRole/${roleId(r.prac)}`,
          display: practitionerName(/** @type {any} */ (PRAC_BY_ID.get(r.prac))),
        }
      : orgRef(r.org, rng.chance(0.8));
    /** @type {Json} */
    const mr = {
      resourceType: 'MedicationRequest',
      id: '',
      _start: r.start,
      meta: { profile: [profile('MedicationRequest')] },
      ...(r.repeat
        ? {
            extension: [
              {
                url: EXTENSIONS.repeatInformation,
                extension: [
                  { url: 'numberOfPrescriptionsIssued', valueUnsignedInt: r.repeat.issued },
                  { url: 'authorisationExpiryDate', valueDateTime: fmtDateTime(r.repeat.expiry) },
                ],
              },
            ],
          }
        : {}),
      identifier: [],
      status: r.status,
      ...(r.statusReason ? { statusReason: { text: r.statusReason } } : {}),
      intent: 'order',
      category: [
        {
          coding: [
            {
              system: SYSTEMS.medReqCategory,
              code: r.category,
              display: /** @type {any} */ (categoryDisplay)[r.category],
            },
          ],
        },
      ],
      medicationCodeableConcept: medicationConcept(r.med, rng),
      subject: { reference: `Patient/${spec.id}` },
      ...(r.encounter ? { encounter: { reference: `Encounter/${r.encounter}` } } : {}),
      authoredOn: fmtDateTime(r.start),
      requester,
      recorder: pracRef(r.prac),
      courseOfTherapyType: {
        coding: [
          r.repeat
            ? { system: SYSTEMS.courseOfTherapy, code: 'continuous', display: 'Continuous long term therapy' }
            : { system: SYSTEMS.courseOfTherapy, code: 'acute', display: 'Short course (acute) therapy' },
        ],
      },
      dosageInstruction: [dosage(r.med, dose)],
      dispenseRequest: {
        validityPeriod: { start: fmtDate(r.start), end: fmtDate(r.end) },
        ...(r.repeat ? { numberOfRepeatsAllowed: r.repeat.allowed - 1 } : {}),
        quantity: { value: r.med.pack, unit: unitName(r.med.form, r.med.pack) },
        ...(r.repeat
          ? { expectedSupplyDuration: { value: 28, unit: 'day', system: SYSTEMS.ucum, code: 'd' } }
          : {}),
      },
    };
    this.medicationRequests.push(mr);
  }

  /**
   * @param {{ med: typeof MEDICATIONS[number], start: number, end?: number, status: string, org: string, lastIssue: number, category: string }} s
   */
  addStatement(s) {
    const { rng, spec } = this;
    const categoryDisplay = { community: 'Community', outpatient: 'Outpatient', inpatient: 'Inpatient' };
    /** @type {Json} */
    const ms = {
      resourceType: 'MedicationStatement',
      id: '',
      _start: s.start,
      meta: { profile: [profile('MedicationStatement')] },
      extension: [{ url: EXTENSIONS.lastIssueDate, valueDateTime: fmtDateTime(s.lastIssue) }],
      identifier: [],
      status: s.status,
      category: {
        coding: [
          {
            system: SYSTEMS.medStatementCategory,
            code: s.category,
            display: /** @type {any} */ (categoryDisplay)[s.category],
          },
        ],
      },
      // Hospital systems often code dm+d with the SNOMED CT system URI.
      medicationCodeableConcept: medicationConcept(
        s.med,
        rng,
        ORG_BY_ID.get(s.org)?.kind === 'acute' ? SYSTEMS.sct : SYSTEMS.dmd,
      ),
      subject: { reference: `Patient/${spec.id}` },
      effectivePeriod: { start: fmtDateTime(s.start), ...(s.end ? { end: fmtDateTime(s.end) } : {}) },
      dateAsserted: fmtDateTime(s.lastIssue + HOUR),
      informationSource: orgRef(s.org, rng.chance(0.7)),
      dosage: [dosage(s.med, DOSAGES[s.med.dosage])],
    };
    this.medicationStatements.push(ms);
  }
}

/**
 * @param {Json} resource
 * @param {string} id
 */
function renumber(resource, id) {
  resource.id = id;
  resource.identifier = [{ system: SYSTEMS.uuid, value: uuidFor(`${resource.resourceType}/${id}`) }];
  delete resource._start;
}

/**
 * @param {typeof MEDICATIONS[number]} med
 * @param {Rng} rng
 * @param {string} [system]
 * @returns {Json}
 */
function medicationConcept(med, rng, system = SYSTEMS.dmd) {
  return {
    coding: [{ system, code: med.code, display: med.name }],
    ...(rng.chance(0.2) ? { text: med.name } : {}),
  };
}

/**
 * @param {string} form
 * @param {number} n
 * @returns {string}
 */
function unitName(form, n) {
  if (form === 'ml') return 'ml';
  if (form === 'puff') return n === 1 ? 'inhaler' : 'inhalers';
  return n === 1 ? form : `${form}s`;
}

/**
 * @param {typeof MEDICATIONS[number]} med
 * @param {typeof DOSAGES[string]} dose
 * @returns {Json}
 */
function dosage(med, dose) {
  /** @type {Json} */
  const repeat = {};
  if (dose.frequency)
    Object.assign(repeat, { frequency: dose.frequency, period: dose.period, periodUnit: dose.periodUnit });
  if (dose.when) repeat.when = dose.when;
  if (dose.dayOfWeek) repeat.dayOfWeek = dose.dayOfWeek;
  if (dose.days) repeat.boundsDuration = { value: dose.days, unit: 'day', system: SYSTEMS.ucum, code: 'd' };
  const unit = med.form === 'ml' ? { unit: 'ml', system: SYSTEMS.ucum, code: 'mL' } : { unit: med.form };
  return {
    sequence: 1,
    text: dose.text,
    ...(Object.keys(repeat).length ? { timing: { repeat } } : {}),
    ...(dose.prn ? { asNeededBoolean: true } : {}),
    route: { coding: [{ system: SYSTEMS.sct, ...ROUTES[med.route] }] },
    ...(dose.dose
      ? {
          doseAndRate: [
            dose.doseHigh
              ? { doseRange: { low: { value: dose.dose, ...unit }, high: { value: dose.doseHigh, ...unit } } }
              : { doseQuantity: { value: dose.dose, ...unit } },
          ],
        }
      : {}),
  };
}

/**
 * The repeat medicines of one patient, as groups a GP would prescribe together.
 * @param {Spec} spec
 * @param {Rng} rng
 * @returns {string[]}
 */
function chronicMedicines(spec, rng) {
  const groups = {
    cardiovascular: [
      rng.pick(['320030001', '320031002', '320000009', '4171011000001104']),
      rng.pick(['318902004', '318901006', '318859000', '318956006', '318979007']),
      '319773006',
    ],
    af: [
      rng.pick(['703908001', '703907006', '19842211000001107', '29903411000001101', '319735007']),
      '318353009',
    ],
    heartFailure: ['317972000', '318056008'],
    asthma: [rng.pick(['39113611000001102', '222311000001102']), '35908111000001105'],
    pain: ['322236009', rng.pick(['323014008', '415167006']), '317291008'],
    rheumatoid: ['326874007', '317310006'],
    epilepsy: ['322956002'],
    anaemia: ['41984711000001104'],
    reflux: ['317309001'],
  };
  /** @type {(keyof typeof groups)[]} */
  let chosen;
  switch (spec.profile) {
    case 'big':
      chosen = ['cardiovascular', 'af', 'heartFailure', 'pain', 'anaemia', 'asthma', 'reflux'];
      break;
    case 'elderly':
      chosen = /** @type {any} */ (
        rng.sample(['cardiovascular', 'af', 'heartFailure', 'pain', 'anaemia', 'reflux'], rng.int(2, 4))
      );
      break;
    default:
      chosen = /** @type {any} */ (
        rng.sample(['cardiovascular', 'asthma', 'pain', 'rheumatoid', 'epilepsy', 'reflux'], rng.int(1, 2))
      );
  }
  const codes = [...new Set(chosen.flatMap((g) => groups[g]))];
  // The anticoagulated must not also take aspirin.
  return chosen.includes('af') ? codes.filter((c) => c !== '319773006') : codes;
}

// ---------------------------------------------------------------------------------------------
// Test results (issue 13): UK blood tests — full blood count, urea and electrolytes, HbA1c —
// repeated over time as DiagnosticReports from the acute trust's laboratory with their result
// Observations, and blood pressure taken at the GP practice as Observations on their own. Built
// with a random generator of their own, after everything else, so no other resource changes.

const LOINC = 'http://loinc.org';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const REPORT_CATEGORY = 'http://terminology.hl7.org/CodeSystem/v2-0074';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

/**
 * @typedef {object} LabTest
 * @property {string} loinc
 * @property {string} display LOINC long common name
 * @property {string} text what UK laboratories call it
 * @property {string} unit UCUM
 * @property {[number, number | undefined]} range adult reference range (male)
 * @property {[number, number]} [femaleRange]
 * @property {number} decimals
 * @property {[number, number]} [critical] below / at or above: critical low / high
 */

/** @type {Record<'fbc' | 'ue' | 'hba1c', { code: string, display: string, category: string, tests: Record<string, LabTest> }>} */
const PANELS = {
  fbc: {
    code: '26604007',
    display: 'Full blood count',
    category: 'HM',
    tests: {
      hb: {
        loinc: '718-7',
        display: 'Hemoglobin [Mass/volume] in Blood',
        text: 'Haemoglobin',
        unit: 'g/L',
        range: [130, 180],
        femaleRange: [115, 165],
        decimals: 0,
        critical: [70, 250],
      },
      wcc: {
        loinc: '6690-2',
        display: 'Leukocytes [#/volume] in Blood by Automated count',
        text: 'White cell count',
        unit: '10*9/L',
        range: [4, 11],
        decimals: 1,
      },
      plt: {
        loinc: '777-3',
        display: 'Platelets [#/volume] in Blood by Automated count',
        text: 'Platelets',
        unit: '10*9/L',
        range: [150, 400],
        decimals: 0,
      },
    },
  },
  ue: {
    code: '252167001',
    display: 'Urea and electrolytes',
    category: 'CH',
    tests: {
      na: {
        loinc: '2951-2',
        display: 'Sodium [Moles/volume] in Serum or Plasma',
        text: 'Sodium',
        unit: 'mmol/L',
        range: [133, 146],
        decimals: 0,
        critical: [120, 160],
      },
      k: {
        loinc: '2823-3',
        display: 'Potassium [Moles/volume] in Serum or Plasma',
        text: 'Potassium',
        unit: 'mmol/L',
        range: [3.5, 5.3],
        decimals: 1,
        critical: [2.5, 6.5],
      },
      urea: {
        loinc: '22664-7',
        display: 'Urea [Moles/volume] in Serum or Plasma',
        text: 'Urea',
        unit: 'mmol/L',
        range: [2.5, 7.8],
        decimals: 1,
      },
      creat: {
        loinc: '14682-9',
        display: 'Creatinine [Moles/volume] in Serum or Plasma',
        text: 'Creatinine',
        unit: 'umol/L',
        range: [59, 104],
        femaleRange: [45, 84],
        decimals: 0,
      },
      egfr: {
        loinc: '62238-1',
        display:
          'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)',
        text: 'eGFR',
        unit: 'mL/min/{1.73_m2}',
        range: [90, undefined],
        decimals: 0,
      },
    },
  },
  hba1c: {
    code: '43396009',
    display: 'Haemoglobin A1c measurement',
    category: 'CH',
    tests: {
      hba1c: {
        loinc: '59261-8',
        display: 'Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol',
        text: 'HbA1c (IFCC)',
        unit: 'mmol/mol',
        range: [20, 41],
        decimals: 0,
      },
    },
  },
};

/**
 * How each kind of patient's values run: [typical value, spread] per test; a haemodialysis patient
 * has renal anaemia, high urea and creatinine and a potassium that runs high.
 * @type {Record<'usual' | 'renal', Record<string, [number, number]>>}
 */
const VALUES = {
  usual: {
    hb: [142, 9],
    wcc: [7, 2],
    plt: [260, 50],
    na: [139, 3],
    k: [4.4, 0.4],
    urea: [5.4, 1.3],
    creat: [82, 12],
    hba1c: [38, 3],
  },
  renal: {
    hb: [106, 8],
    wcc: [6.5, 1.5],
    plt: [210, 40],
    na: [137, 3],
    k: [5.3, 0.6],
    urea: [21, 5],
    creat: [640, 90],
    hba1c: [44, 3],
  },
};

/**
 * @param {Spec} spec
 * @param {RecordContext} ctx
 * @param {Rng} rng the results' own generator
 * @returns {{ reports: Json[], observations: Json[] }}
 */
function buildResults(spec, ctx, rng) {
  /** @type {Json[]} */
  const reports = [];
  /** @type {Json[]} */
  const observations = [];
  if (spec.profile === 'neonate' || spec.profile === 'child') return { reports, observations };
  const renal = spec.profile === 'big';
  const diabetic = spec.index === 1 || (!renal && rng.chance(0.4));
  const values = VALUES[renal ? 'renal' : 'usual'];
  const female = spec.sex === 'female';
  const lab = orgRef(ctx.acuteId, true);
  const subject = { reference: `Patient/${spec.id}` };
  const adult = spec.birth + 18 * 365.25 * DAY;
  // Blood is taken on a weekday morning; the report is issued that afternoon.
  const weekdayMorning = (/** @type {number} */ at) => {
    let day = startOfDay(at);
    while (isWeekend(day)) day -= DAY;
    return day + rng.int(8, 11) * HOUR + rng.int(0, 59) * MINUTE;
  };
  const months = renal ? 108 : 12 * Math.min(5, Math.max(1, Math.floor((ctx.end - adult) / (365.25 * DAY))));
  const every = {
    fbc: renal ? 3 : 12,
    ue: renal ? 1 : 12,
    hba1c: renal || diabetic ? 6 : 24,
    bp: renal ? 1 : 12,
  };
  let reportN = 0;
  let obsN = 0;
  const nextId = (/** @type {'report' | 'obs'} */ kind) =>
    `${ctx.short}-${kind}-${String(kind === 'report' ? ++reportN : ++obsN).padStart(4, '0')}`;

  /**
   * @param {LabTest} test
   * @param {number} value
   */
  const interpretation = (test, value) => {
    const [low, high] = female && test.femaleRange ? test.femaleRange : test.range;
    const [criticalLow, criticalHigh] = test.critical ?? [-Infinity, Infinity];
    const code =
      value >= criticalHigh
        ? 'HH'
        : value < criticalLow
          ? 'LL'
          : high !== undefined && value > high
            ? 'H'
            : value < low
              ? 'L'
              : undefined;
    return code ? { interpretation: [{ coding: [{ system: INTERPRETATION, code }] }] } : {};
  };

  /**
   * One laboratory report and its results at `at`.
   * @param {keyof typeof PANELS} panelKey
   * @param {number} at
   * @param {{ status?: string, months: number, override?: Record<string, number> }} options
   */
  const labReport = (panelKey, at, options) => {
    const panel = PANELS[panelKey];
    const effective = fmtDateTime(at);
    const issued = fmtDateTime(startOfDay(at) + rng.int(15, 18) * HOUR + rng.int(0, 59) * MINUTE);
    const reportId = nextId('report');
    const status = options.status ?? 'final';
    /** @type {Json[]} */
    const results = [];
    if (status !== 'cancelled') {
      // A slow drift over the years (HbA1c rising in diabetes, haemoglobin falling on dialysis).
      const drift = (/** @type {string} */ key) =>
        key === 'hba1c' && diabetic
          ? 14 * (1 - options.months / months)
          : key === 'hb' && renal
            ? -6 * (1 - options.months / months)
            : 0;
      let creatinine = 0;
      for (const [key, test] of Object.entries(panel.tests)) {
        const [low, high] = female && test.femaleRange ? test.femaleRange : test.range;
        /** @type {Json} */
        let value;
        if (key === 'egfr') {
          // CKD-EPI without ethnicity, roughly: what the laboratory reports beside the creatinine.
          const age = (at - spec.birth) / (365.25 * DAY);
          const scr = creatinine / 88.4;
          const egfr = Math.round(
            142 *
              Math.min(scr / (female ? 0.7 : 0.9), 1) ** (female ? -0.241 : -0.302) *
              Math.max(scr / (female ? 0.7 : 0.9), 1) ** -1.2 *
              0.9938 ** age *
              (female ? 1.012 : 1),
          );
          value = egfr > 90 ? { value: 90, comparator: '>' } : { value: egfr };
        } else {
          const [mid, spread] = values[key];
          const raw =
            options.override?.[key] ??
            mid + drift(key) + spread * (rng.next() + rng.next() + rng.next() - 1.5) * 1.4;
          const number = Number(Math.max(0, raw).toFixed(test.decimals));
          if (key === 'creat') creatinine = number;
          value = { value: number };
        }
        results.push({
          resourceType: 'Observation',
          id: nextId('obs'),
          meta: { profile: [profile('Observation')] },
          status:
            status === 'preliminary'
              ? 'preliminary'
              : status === 'amended' && key === 'k'
                ? 'amended'
                : 'final',
          category: [
            { coding: [{ system: OBSERVATION_CATEGORY, code: 'laboratory', display: 'Laboratory' }] },
          ],
          code: { coding: [{ system: LOINC, code: test.loinc, display: test.display }], text: test.text },
          subject,
          effectiveDateTime: effective,
          issued,
          performer: [lab],
          valueQuantity: { ...value, unit: test.unit, system: SYSTEMS.ucum, code: test.unit },
          ...(value.comparator ? {} : interpretation(test, value.value)),
          referenceRange: [
            {
              low: { value: low, unit: test.unit, system: SYSTEMS.ucum, code: test.unit },
              ...(high !== undefined
                ? { high: { value: high, unit: test.unit, system: SYSTEMS.ucum, code: test.unit } }
                : {}),
            },
          ],
        });
      }
    }
    reports.push({
      resourceType: 'DiagnosticReport',
      id: reportId,
      meta: { profile: [profile('DiagnosticReport')] },
      status,
      category: [{ coding: [{ system: REPORT_CATEGORY, code: panel.category }] }],
      code: {
        coding: [{ system: SYSTEMS.sct, code: panel.code, display: panel.display }],
        text: panel.display,
      },
      subject,
      effectiveDateTime: effective,
      issued,
      performer: [lab],
      ...(results.length ? { result: results.map((r) => ({ reference: `Observation/${r.id}` })) } : {}),
      ...(status === 'amended'
        ? { conclusion: 'Potassium repeated on a fresh sample: result amended.' }
        : {}),
      ...(status === 'cancelled' ? { conclusion: 'Sample not received by the laboratory.' } : {}),
    });
    observations.push(...results);
  };

  for (let month = months - 1; month >= 0; month--) {
    const at = weekdayMorning(addMonths(ctx.end, -month) - rng.int(3, 20) * DAY);
    if (at < adult) continue;
    const newest = month === 0;
    // Patient 1's newest results: an amended U&E, a preliminary HbA1c and a cancelled full blood count.
    const special = spec.index === 1 && newest;
    if (month % every.ue === 0)
      labReport('ue', at, { months: month, ...(special ? { status: 'amended', override: { k: 5.9 } } : {}) });
    if (month % every.fbc === 0)
      labReport('fbc', at, { months: month, ...(special ? { status: 'cancelled' } : {}) });
    if (month % every.hba1c === 0)
      labReport('hba1c', at + 2 * HOUR, { months: month, ...(special ? { status: 'preliminary' } : {}) });
    // One critical potassium in the dialysis record, five months ago.
    if (renal && month === 5) labReport('ue', at + 3 * DAY, { months: month, override: { k: 6.9 } });
    if (month % every.bp === 0 && !spec.missingData) {
      const systolic = Math.round((renal ? 152 : 132) + 12 * (rng.next() - 0.5) * 2);
      const diastolic = Math.round((renal ? 88 : 80) + 8 * (rng.next() - 0.5) * 2);
      const mmHg = (/** @type {number} */ v) => ({
        value: v,
        unit: 'mmHg',
        system: SYSTEMS.ucum,
        code: 'mm[Hg]',
      });
      observations.push({
        resourceType: 'Observation',
        id: nextId('obs'),
        meta: { profile: [profile('Observation')] },
        status: 'final',
        category: [
          { coding: [{ system: OBSERVATION_CATEGORY, code: 'vital-signs', display: 'Vital Signs' }] },
        ],
        code: {
          coding: [
            { system: SYSTEMS.sct, code: '75367002', display: 'Blood pressure' },
            { system: LOINC, code: '85354-9', display: 'Blood pressure panel with all children optional' },
          ],
          text: 'Blood pressure',
        },
        subject,
        effectiveDateTime: fmtDateTime(at - rng.int(1, 6) * DAY + 4 * HOUR),
        performer: [orgRef(ctx.gpId, true)],
        component: [
          {
            code: { coding: [{ system: LOINC, code: '8480-6', display: 'Systolic blood pressure' }] },
            valueQuantity: mmHg(systolic),
          },
          {
            code: { coding: [{ system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' }] },
            valueQuantity: mmHg(diastolic),
          },
        ],
      });
    }
  }
  return { reports, observations };
}
