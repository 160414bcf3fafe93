// Immunisations for the synthetic records, kept apart from the rest of the record: each patient's
// come from their own random stream (`<seed>:immunisations:<n>`), so adding them changed nothing else.
//
// - the child and the neonate: the UK routine childhood schedule for babies born before July 2025,
//   dated relative to birth (6-in-1 at 8, 12 and 16 weeks; rotavirus at 8 and 12 weeks; MenB at 8
//   and 16 weeks and 1 year; PCV at 12 weeks and 1 year; Hib/MenC and MMR at 1 year; flu each autumn
//   from 2 years, at school from reception; MMR and the 4-in-1 pre-school booster at 3 years 4
//   months), as far as the child's age goes; the neonate's birth dose of hepatitis B (selective
//   neonatal programme) on the maternity unit. One flu nasal spray declined (gelatine) and an
//   injected vaccine given instead; one MMR entered in error.
// - adults: the COVID-19 primary course in 2021; flu each autumn from 65 (or in a clinical risk
//   group); an autumn COVID-19 booster from 75; shingles at 70 to 79; hepatitis B for
//   haemodialysis; a tetanus booster after a wound; a school booster reported from an old record.
//
// Vaccine names and dm+d codes are real: NHS England's Immunisation FHIR API test data
// (NHSDigital/immunisation-fhir-api, tests/e2e_automation) and Manage vaccinations in schools
// (nhsuk/manage-vaccinations-in-schools, config/vaccines.yml); the generic hepatitis B vaccine is
// a SNOMED CT product. Routes, sites and diseases are SNOMED CT codes as in the UK Core and IPS
// examples.

import { DAY, HOUR, MINUTE, addMonths, fmtDate, fmtDateTime, isWeekend, startOfDay } from './time.js';
import { ORGANISATIONS, PRACTITIONERS, SYSTEMS, profile } from './vocab.js';

/** @typedef {Record<string, any>} Json */
/** @typedef {import('./rng.js').Rng} Rng */

const dmd = (/** @type {string} */ code, /** @type {string} */ display) => ({
  coding: [{ system: SYSTEMS.dmd, code, display }],
});

export const VACCINES = {
  sixInOne: dmd(
    '34765811000001105',
    'Infanrix Hexa vaccine powder and suspension for suspension for injection 0.5ml pre-filled syringes (GlaxoSmithKline UK Ltd)',
  ),
  rotavirus: dmd(
    '34609911000001106',
    'Rotarix vaccine live oral suspension 1.5ml tube (GlaxoSmithKline UK Ltd)',
  ),
  menB: dmd(
    '23584211000001109',
    'Bexsero vaccine suspension for injection 0.5ml pre-filled syringes (GlaxoSmithKline UK Ltd)',
  ),
  pcv: dmd(
    '16649411000001104',
    'Prevenar 13 vaccine suspension for injection 0.5ml pre-filled syringes (Pfizer Ltd)',
  ),
  hibMenC: dmd(
    '9903711000001109',
    'Menitorix powder and solvent for solution for injection 0.5ml vials (GlaxoSmithKline)',
  ),
  mmr: dmd(
    '13968211000001108',
    'M-M-RVAXPRO vaccine powder and solvent for suspension for injection 0.5ml pre-filled syringes (Merck Sharp & Dohme (UK) Ltd)',
  ),
  mmrPriorix: dmd(
    '34925111000001104',
    'Priorix vaccine powder and solvent for solution for injection 0.5ml pre-filled syringes (GlaxoSmithKline UK Ltd)',
  ),
  fourInOne: dmd(
    '26267211000001100',
    'Boostrix-IPV suspension for injection 0.5ml pre-filled syringes (GlaxoSmithKline UK Ltd)',
  ),
  fluNasal: dmd(
    '43208811000001106',
    'Fluenz (trivalent) vaccine nasal suspension 0.2ml unit dose (AstraZeneca UK Ltd)',
  ),
  fluInjected: dmd(
    '34680411000001107',
    'Quadrivalent influenza vaccine (split virion, inactivated) suspension for injection 0.5ml pre-filled syringes (Sanofi Pasteur)',
  ),
  covidPrimary: dmd(
    '39114911000001105',
    'COVID-19 Vaccine Vaxzevria (ChAdOx1 S [recombinant]) not less than 2.5x100,000,000 infectious units/0.5ml dose suspension for injection multidose vials (AstraZeneca UK Ltd)',
  ),
  covidBooster: dmd(
    '43111411000001101',
    'Comirnaty JN.1 COVID-19 mRNA Vaccine 30micrograms/0.3ml dose dispersion for injection multidose vials (Pfizer Ltd)',
  ),
  shingles: dmd(
    '39655511000001105',
    'Shingrix (Herpes Zoster) adjuvanted recombinant vaccine powder and suspension for suspension for injection 0.5ml vials (GlaxoSmithKline UK Ltd)',
  ),
  tdIpv: dmd(
    '7374511000001107',
    'Revaxis vaccine suspension for injection 0.5ml pre-filled syringes (Sanofi) 1 pre-filled disposable injection',
  ),
  hepatitisB: {
    coding: [
      {
        system: SYSTEMS.sct,
        code: '871822003',
        display: 'Vaccine product containing only Hepatitis B virus antigen (medicinal product)',
      },
    ],
    text: 'Hepatitis B vaccine',
  },
};

const sct = (/** @type {string} */ code, /** @type {string} */ display) => ({
  coding: [{ system: SYSTEMS.sct, code, display }],
});
const ROUTES = {
  im: sct('78421000', 'Intramuscular route'),
  oral: sct('26643006', 'Oral route'),
  nasal: sct('46713006', 'Nasal route'),
};
const SITES = {
  leftThigh: sct('61396006', 'Left thigh'),
  rightThigh: sct('11207009', 'Right thigh'),
  leftUpperArm: sct('368208006', 'Left upper arm structure'),
  rightUpperArm: sct('368209003', 'Right upper arm structure'),
};
const DISEASE = {
  diphtheria: sct('397430003', 'Diphtheria'),
  tetanus: sct('76902006', 'Tetanus'),
  pertussis: sct('27836007', 'Pertussis'),
  polio: sct('398102009', 'Acute poliomyelitis'),
  hib: sct('709410003', 'Haemophilus influenzae type b infection'),
  hepatitisB: sct('66071002', 'Viral hepatitis type B'),
  rotavirus: sct('18624000', 'Disease due to Rotavirus'),
  meningococcal: sct('23511006', 'Meningococcal infectious disease'),
  pneumococcal: sct('16814004', 'Pneumococcal infectious disease'),
  measles: sct('14189004', 'Measles'),
  mumps: sct('36989005', 'Mumps'),
  rubella: sct('36653000', 'Rubella'),
  influenza: sct('6142004', 'Influenza'),
  covid: sct('840539006', 'COVID-19'),
  shingles: sct('4740000', 'Herpes zoster'),
};
/** @type {Record<keyof typeof VACCINES, Json[]>} */
const PROTECTS = {
  sixInOne: [
    DISEASE.diphtheria,
    DISEASE.tetanus,
    DISEASE.pertussis,
    DISEASE.polio,
    DISEASE.hib,
    DISEASE.hepatitisB,
  ],
  rotavirus: [DISEASE.rotavirus],
  menB: [DISEASE.meningococcal],
  pcv: [DISEASE.pneumococcal],
  hibMenC: [DISEASE.hib, DISEASE.meningococcal],
  mmr: [DISEASE.measles, DISEASE.mumps, DISEASE.rubella],
  mmrPriorix: [DISEASE.measles, DISEASE.mumps, DISEASE.rubella],
  fourInOne: [DISEASE.diphtheria, DISEASE.tetanus, DISEASE.pertussis, DISEASE.polio],
  fluNasal: [DISEASE.influenza],
  fluInjected: [DISEASE.influenza],
  covidPrimary: [DISEASE.covid],
  covidBooster: [DISEASE.covid],
  shingles: [DISEASE.shingles],
  tdIpv: [DISEASE.tetanus, DISEASE.diphtheria, DISEASE.polio],
  hepatitisB: [DISEASE.hepatitisB],
};
/** Amount given (ml); the oral rotavirus vaccine is 1.5 ml, the nasal spray 0.2 ml. */
const AMOUNT = { rotavirus: 1.5, fluNasal: 0.2, covidBooster: 0.3 };

const ORG = new Map(ORGANISATIONS.map((o) => [o.id, o]));
const YEAR = 365.25 * DAY;

/**
 * @typedef {object} Dose
 * @property {keyof typeof VACCINES} vaccine
 * @property {number} at local time
 * @property {string} org who gave it
 * @property {number} [dose]
 * @property {number} [of]
 * @property {string} [series]
 * @property {'im' | 'oral' | 'nasal'} [route] default im
 * @property {keyof typeof SITES} [site]
 * @property {string} [location]
 * @property {Json} [extra] anything else (status, statusReason, primarySource…)
 */

/**
 * Adds the record's immunisations to its resources and its summary's counts.
 * @param {{ spec: any, resources: Json[], summary: Json, gpId: string, acuteId: string }} record
 * @param {Rng} rng the patient's own stream
 * @param {number} today
 */
export function addImmunisations(record, rng, today) {
  const immunisations = buildImmunisations(record, rng, today);
  record.resources.push(...immunisations);
  record.summary.counts.immunizations = immunisations.length;
}

/**
 * The record's immunisations, in the order they were given.
 * @param {{ spec: any, resources: Json[], gpId: string, acuteId: string }} record
 * @param {Rng} rng
 * @param {number} today
 * @returns {Json[]}
 */
function buildImmunisations(record, rng, today) {
  const { spec, gpId, acuteId } = record;
  const end = spec.deceased ? spec.deceased.at : today;
  /** @type {Dose[]} */
  const doses = [];
  const ageAt = (/** @type {number} */ at) => (at - spec.birth) / YEAR;
  /** A weekday clinic time near `at` (a weekend moves to the Monday). */
  const clinic = (/** @type {number} */ at) => {
    let day = startOfDay(at);
    while (isWeekend(day)) day += DAY;
    return day + rng.int(9, 15) * HOUR + rng.pick([0, 15, 30, 45]) * MINUTE;
  };
  const surgery = `gen-loc-${/** @type {any} */ (ORG.get(gpId)).ods.toLowerCase()}-surgery`;
  const pharmacy =
    ORGANISATIONS.filter((o) => o.kind === 'pharmacy').find((o) => o.town === spec.town)?.id ??
    'gen-org-fx101';
  const atPractice = { org: gpId, location: surgery };
  const autumn = (/** @type {number} */ year) => clinic(Date.UTC(year, 9, rng.int(1, 28)));
  const yearOf = (/** @type {number} */ at) => new Date(at).getUTCFullYear();

  if (spec.profile === 'neonate') {
    doses.push({
      vaccine: 'hepatitisB',
      at: spec.birth + rng.int(6, 20) * HOUR,
      org: acuteId,
      location: `gen-loc-${acuteId.slice(-3)}-mat`,
      dose: 1,
      of: 4,
      series: 'Selective neonatal hepatitis B programme',
      site: 'leftThigh',
    });
  } else if (spec.profile === 'child') {
    const weeks = (/** @type {number} */ n) => clinic(spec.birth + n * 7 * DAY);
    const months = (/** @type {number} */ n) => clinic(addMonths(spec.birth, n));
    const infant = (/** @type {number} */ at, /** @type {Omit<Dose, 'at' | 'org'>[]} */ given) =>
      given.forEach((dose) => doses.push({ ...atPractice, ...dose, at }));
    infant(weeks(8), [
      { vaccine: 'sixInOne', dose: 1, of: 3, site: 'leftThigh' },
      { vaccine: 'rotavirus', dose: 1, of: 2, route: 'oral' },
      { vaccine: 'menB', dose: 1, of: 3, site: 'rightThigh' },
    ]);
    infant(weeks(12), [
      { vaccine: 'sixInOne', dose: 2, of: 3, site: 'leftThigh' },
      { vaccine: 'pcv', dose: 1, of: 2, site: 'rightThigh' },
      { vaccine: 'rotavirus', dose: 2, of: 2, route: 'oral' },
    ]);
    infant(weeks(16), [
      { vaccine: 'sixInOne', dose: 3, of: 3, site: 'leftThigh' },
      { vaccine: 'menB', dose: 2, of: 3, site: 'rightThigh' },
    ]);
    const first = months(12);
    infant(first, [
      { vaccine: 'hibMenC', dose: 1, of: 1, site: 'leftUpperArm' },
      { vaccine: 'pcv', dose: 2, of: 2, site: 'rightUpperArm' },
      { vaccine: 'mmr', dose: 1, of: 2, site: 'leftThigh' },
      { vaccine: 'menB', dose: 3, of: 3, site: 'rightThigh' },
    ]);
    // The same MMR recorded twice: the second entry was marked entered in error.
    doses.push({
      ...atPractice,
      vaccine: 'mmr',
      at: first + 20 * MINUTE,
      dose: 1,
      of: 2,
      site: 'leftThigh',
      extra: { status: 'entered-in-error' },
    });
    // Flu each autumn from 2 years: at the practice until school, then the school-aged programme;
    // each season's one dose against influenza, so the nasal and injected vaccines read as one course.
    const SEASON = { dose: 1, of: 1 };
    for (let year = yearOf(spec.birth) + 2; autumn(year) < end; year++) {
      const at = autumn(year);
      if (ageAt(at) < 2) continue;
      const school = ageAt(Date.UTC(year, 7, 31)) >= 4;
      const where = school ? { org: 'gen-org-r9d' } : atPractice;
      if (year === yearOf(spec.birth) + 3) {
        doses.push({
          ...where,
          vaccine: 'fluNasal',
          at,
          route: 'nasal',
          extra: {
            status: 'not-done',
            statusReason: {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
                  code: 'PATOBJ',
                  display: 'patient objection',
                },
              ],
              text: 'Parent declined: porcine gelatine in the nasal spray',
            },
          },
        });
        doses.push({
          ...atPractice,
          vaccine: 'fluInjected',
          at: clinic(at + 10 * DAY),
          site: 'leftUpperArm',
          ...SEASON,
        });
      } else {
        doses.push({ ...where, vaccine: 'fluNasal', at, route: 'nasal', ...SEASON });
      }
    }
    const preSchool = months(40);
    if (preSchool < end) {
      infant(preSchool, [
        { vaccine: 'mmrPriorix', dose: 2, of: 2, site: 'leftUpperArm' },
        { vaccine: 'fourInOne', dose: 1, of: 1, site: 'rightUpperArm' },
      ]);
    }
  } else {
    const adult = (/** @type {number} */ at) => ageAt(at) >= 18 && at < end;
    const covid1 = clinic(Date.UTC(2021, rng.int(0, 2), rng.int(1, 28)));
    if (adult(covid1)) {
      const where = rng.chance(0.5) ? atPractice : { org: pharmacy };
      doses.push({ ...where, vaccine: 'covidPrimary', at: covid1, dose: 1, of: 2, site: 'leftUpperArm' });
      const covid2 = clinic(covid1 + 11 * 7 * DAY);
      if (covid2 < end)
        doses.push({ ...where, vaccine: 'covidPrimary', at: covid2, dose: 2, of: 2, site: 'leftUpperArm' });
    }
    const booster = autumn(2024);
    if (ageAt(booster) >= 75 && booster < end)
      doses.push({ org: pharmacy, vaccine: 'covidBooster', at: booster, site: 'rightUpperArm' });
    // Flu each autumn from 65, or in a clinical risk group (haemodialysis; one adult in three).
    const riskGroup = spec.profile === 'big' || spec.restricted || rng.chance(0.3);
    const years = spec.profile === 'big' ? 20 : 8;
    let deferred = spec.caseName === 'very-old';
    for (let year = yearOf(end) - years; year <= yearOf(end); year++) {
      const at = autumn(year);
      if (at >= end || (ageAt(at) < 65 && !riskGroup) || ageAt(at) < 18) continue;
      const where = rng.chance(0.6) ? atPractice : { org: pharmacy };
      if (deferred && yearOf(end) - year === 2) {
        deferred = false;
        doses.push({
          ...where,
          vaccine: 'fluInjected',
          at,
          extra: {
            status: 'not-done',
            statusReason: { text: 'Acutely unwell on the day: deferred' },
          },
        });
        doses.push({ ...where, vaccine: 'fluInjected', at: clinic(at + 21 * DAY), site: 'leftUpperArm' });
        continue;
      }
      doses.push({ ...where, vaccine: 'fluInjected', at, site: rng.pick(['leftUpperArm', 'rightUpperArm']) });
    }
    // Shingles, two doses two months apart, for those aged 70 to 79 since September 2023.
    const shingles = clinic(
      Math.max(Date.UTC(2023, 8, 1), addMonths(spec.birth, 70 * 12)) + rng.int(0, 120) * DAY,
    );
    if (ageAt(shingles) >= 70 && ageAt(shingles) < 80 && shingles < end) {
      doses.push({ ...atPractice, vaccine: 'shingles', at: shingles, dose: 1, of: 2, site: 'leftUpperArm' });
      const second = clinic(addMonths(shingles, 2));
      if (second < end)
        doses.push({ ...atPractice, vaccine: 'shingles', at: second, dose: 2, of: 2, site: 'leftUpperArm' });
    }
    // Haemodialysis: a hepatitis B course on the dialysis unit when dialysis started, then a booster.
    if (spec.profile === 'big') {
      const start = clinic(end - 20 * YEAR + 30 * DAY);
      [0, 1, 2, 6].forEach((month, i) =>
        doses.push({
          org: 'gen-org-r9b',
          location: 'gen-loc-r9b-dialysis',
          vaccine: 'hepatitisB',
          at: clinic(addMonths(start, month)),
          dose: i + 1,
          of: 4,
          series: 'Renal patients (40 microgram schedule)',
          site: 'leftUpperArm',
        }),
      );
      doses.push({
        org: 'gen-org-r9b',
        location: 'gen-loc-r9b-dialysis',
        vaccine: 'hepatitisB',
        at: clinic(end - 3 * YEAR),
        dose: 5,
        series: 'Renal patients: booster',
        site: 'leftUpperArm',
      });
    }
    // A tetanus booster after a wound, in the emergency department.
    if (spec.restricted || spec.caseName === 'typical') {
      const wound = clinic(end - rng.int(200, 900) * DAY);
      if (adult(wound))
        doses.push({
          org: acuteId,
          location: `gen-loc-${acuteId.slice(-3)}-ed`,
          vaccine: 'tdIpv',
          at: wound,
          site: 'leftUpperArm',
        });
    }
    // The school-leaver booster, reported from the paper record of a previous practice (year only).
    if (spec.index === 1) {
      const at = Date.UTC(yearOf(spec.birth) + 14, 5, 1);
      doses.push({
        org: gpId,
        vaccine: 'tdIpv',
        at,
        extra: {
          occurrenceDateTime: String(yearOf(at)),
          primarySource: false,
          reportOrigin: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/immunization-origin',
                code: 'record',
                display: 'Written Record',
              },
            ],
            text: 'Record from a previous GP practice',
          },
        },
      });
    }
  }

  const short = spec.id.replace('gen-patient-', 'gen-p');
  return doses
    .sort((a, b) => a.at - b.at)
    .map((dose, i) => immunisation(dose, `${short}-imm-${String(i + 1).padStart(3, '0')}`, spec.id, rng));
}

/**
 * @param {Dose} dose
 * @param {string} id
 * @param {string} patientId
 * @param {Rng} rng
 * @returns {Json}
 */
function immunisation(dose, id, patientId, rng) {
  const org = /** @type {typeof ORGANISATIONS[number]} */ (ORG.get(dose.org));
  const giver = PRACTITIONERS.find((p) => p.org === dose.org && /nurse|pharmacist/i.test(p.role));
  const notGiven = dose.extra?.status === 'not-done';
  const route = dose.route ?? 'im';
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  const batch = `${letters[rng.int(0, letters.length - 1)]}${letters[rng.int(0, letters.length - 1)]}${rng.int(1000, 9999)}${letters[rng.int(0, letters.length - 1)]}`;
  return {
    resourceType: 'Immunization',
    id,
    meta: { profile: [profile('Immunization')] },
    status: 'completed',
    vaccineCode: VACCINES[dose.vaccine],
    patient: { reference: `Patient/${patientId}` },
    occurrenceDateTime: fmtDateTime(dose.at),
    recorded: fmtDateTime(dose.at + 10 * MINUTE),
    primarySource: true,
    ...(dose.location ? { location: { reference: `Location/${dose.location}` } } : {}),
    ...(notGiven
      ? {}
      : {
          lotNumber: batch,
          expirationDate: fmtDate(addMonths(dose.at, rng.int(4, 14))),
          ...(dose.site ? { site: SITES[dose.site] } : {}),
          route: ROUTES[route],
          doseQuantity: {
            value: /** @type {Record<string, number>} */ (AMOUNT)[dose.vaccine] ?? 0.5,
            unit: 'ml',
            system: SYSTEMS.ucum,
            code: 'mL',
          },
        }),
    performer: [
      ...(giver
        ? [
            {
              actor: {
                reference: `Practitioner/${giver.id}`,
                display: `${giver.prefix} ${giver.given} ${giver.family}`,
              },
            },
          ]
        : []),
      {
        actor: {
          reference: `Organization/${org.id}`,
          identifier: { system: SYSTEMS.ods, value: org.ods },
          display: org.name,
        },
      },
    ],
    ...(dose.dose && !notGiven
      ? {
          protocolApplied: [
            {
              ...(dose.series ? { series: dose.series } : {}),
              targetDisease: PROTECTS[dose.vaccine],
              doseNumberPositiveInt: dose.dose,
              ...(dose.of ? { seriesDosesPositiveInt: dose.of } : {}),
            },
          ],
        }
      : {}),
    ...dose.extra,
  };
}
