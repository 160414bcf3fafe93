// Problems and diagnoses (Conditions) for the generated records, built from each record's
// encounters after everything else, with a random stream of their own: adding them changes
// nothing else the generator writes.
//
// - GP problems (`problem-list-item`) for the long-term conditions the patient is seen for, major
//   or minor (`Extension-UKCore-ProblemSignificance`), recorded by a GP in their role at the
//   practice; onsets of more than five years ago to the month only, as GP records often hold them.
// - Acute illnesses seen at the practice as minor problems, resolved a few weeks later.
// - An old wrist fracture (onset the year only, resolved) for adults: a major past problem.
// - Encounter diagnoses from the hospital: A&E, admissions and outpatient clinics, each naming its
//   encounter and recorded by the clinician who saw the patient; acute ones resolved, long-term
//   ones active; a diagnosis made during a stay still in progress provisional.
// - For the first patient, every status the list must handle: a recurrence, a differential,
//   a refuted and an entered-in-error condition (the last two never shown).

import { Rng } from './rng.js';
import { DAY, fmtDate, fmtDateTime } from './time.js';
import { PRACTITIONERS, REASONS, SYSTEMS, profile } from './vocab.js';

/** @typedef {Record<string, any>} Json */
/** @typedef {keyof typeof REASONS} ReasonKey */

const SIGNIFICANCE = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ProblemSignificance';
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';

/** Long-term conditions kept on the problem list, and whether GP systems would mark each major. */
const LONG_TERM = /** @type {Partial<Record<ReasonKey, 'major' | 'minor'>>} */ ({
  hypertension: 'major',
  af: 'major',
  heartFailure: 'major',
  esrd: 'major',
  stroke: 'major',
  hyperlipidaemia: 'minor',
  chronicPain: 'minor',
  oaKnee: 'minor',
  migraine: 'minor',
  prediabetes: 'minor',
  osteoporosis: 'minor',
  anaemia: 'minor',
});
/** Illnesses that get better: resolved problems at the practice, resolved diagnoses at the hospital. */
const ACUTE = new Set([
  'bronchitis',
  'pharyngitis',
  'sinusitis',
  'otitis',
  'fever',
  'fractureForearm',
  'appendicitis',
  'sepsis',
]);
const COMMUNITY = new Set(['gen-org-r9d', 'gen-org-r9e', 'gen-org-lax01']);
/** Haemodialysis: a session is treatment, not a diagnosis each time. */
const DIALYSIS = '302497006';

/** @param {string} code @returns {ReasonKey | undefined} */
const reasonKey = (code) =>
  /** @type {ReasonKey | undefined} */ (
    Object.keys(REASONS).find((key) => REASONS[/** @type {ReasonKey} */ (key)].code === code)
  );

/** The local (wall-clock) time of a dateTime the generator wrote, offset ignored. @param {string} value */
function localOf(value) {
  const [, y, m, d, h = '0', mi = '0'] = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value) ?? [];
  return Date.UTC(Number(y), Number(m) - 1, Number(d), Number(h), Number(mi));
}

/** @param {string} system @param {string} code */
const concept = (system, code) => ({ coding: [{ system, code }] });

/**
 * @param {{ id: string, index: number, birth: number, deceased?: { at: number } }} spec
 * @param {{ encounters: Json[], gpId: string, today: number }} ctx
 * @param {(pracId: string) => Json} roleRef the practitioner in their role at their organisation
 * @returns {Json[]}
 */
export function buildConditions(spec, ctx, roleRef) {
  const rng = new Rng(`${spec.id}:problems`);
  const end = spec.deceased ? spec.deceased.at : ctx.today;
  const short = spec.id.replace('gen-patient-', 'gen-p');
  const subject = { reference: `Patient/${spec.id}` };
  const gps = PRACTITIONERS.filter((p) => p.org === ctx.gpId && p.reg === 'gmc');
  const gpRecorder = () => roleRef((gps.length ? rng.pick(gps) : PRACTITIONERS[0]).id);
  /** @type {Json[]} */
  const out = [];
  /**
   * @param {Json} fields
   * @param {{ code?: string, significance?: 'major' | 'minor', verification?: string }} how
   */
  const add = (fields, { code = 'active', significance, verification = 'confirmed' } = {}) => {
    out.push({
      resourceType: 'Condition',
      id: `${short}-cond-${String(out.length + 1).padStart(3, '0')}`,
      meta: { profile: [profile('Condition')] },
      ...(significance ? { extension: [{ url: SIGNIFICANCE, valueCode: significance }] } : {}),
      clinicalStatus: concept(CLINICAL, code),
      verificationStatus: concept(VERIFICATION, verification),
      ...fields,
      subject,
    });
  };
  /** @param {ReasonKey} key */
  const code = (key) => ({ coding: [{ system: SYSTEMS.sct, ...REASONS[key] }] });

  const seen = ctx.encounters
    .filter((enc) => ['finished', 'in-progress'].includes(enc.status) && enc.reasonCode)
    .map((enc) => ({
      enc,
      key: reasonKey(enc.reasonCode[0].coding[0].code),
      start: localOf(enc.period.start),
      org: String(enc.serviceProvider?.reference ?? '').replace('Organization/', ''),
    }))
    .filter((s) => s.key !== undefined);

  // Long-term conditions: one problem each, from the first time the patient was seen for it.
  for (const key of /** @type {ReasonKey[]} */ (Object.keys(LONG_TERM))) {
    const first = seen.find((s) => s.key === key);
    if (!first) continue;
    const onset = Math.max(spec.birth + DAY, first.start - rng.int(0, 400) * DAY);
    const old = end - onset > 5 * 365 * DAY;
    add(
      {
        category: [concept(CATEGORY, 'problem-list-item')],
        code: code(key),
        onsetDateTime: old ? fmtDate(onset).slice(0, 7) : fmtDate(onset),
        recordedDate: fmtDateTime(first.start),
        ...(first.org === ctx.gpId ? { encounter: { reference: `Encounter/${first.enc.id}` } } : {}),
        recorder: gpRecorder(),
      },
      { significance: LONG_TERM[key] },
    );
  }

  // Acute illnesses seen at the practice: minor problems, resolved.
  const acuteAtGp = seen.filter(
    (s) => s.org === ctx.gpId && s.key && ACUTE.has(s.key) && s.start < end - 30 * DAY,
  );
  for (const s of acuteAtGp.slice(-2)) {
    add(
      {
        category: [concept(CATEGORY, 'problem-list-item')],
        code: code(/** @type {ReasonKey} */ (s.key)),
        onsetDateTime: fmtDate(s.start - rng.int(1, 5) * DAY),
        abatementDateTime: fmtDate(s.start + rng.int(10, 21) * DAY),
        recordedDate: fmtDateTime(s.start),
        encounter: { reference: `Encounter/${s.enc.id}` },
        recorder: gpRecorder(),
      },
      { code: 'resolved', significance: 'minor' },
    );
  }

  // An old fracture, the year only: a major past problem.
  if (end - spec.birth > 30 * 365 * DAY) {
    const broken = spec.birth + rng.int(12, 25) * 365 * DAY;
    add(
      {
        category: [concept(CATEGORY, 'problem-list-item')],
        code: code('fractureForearm'),
        onsetDateTime: fmtDate(broken).slice(0, 4),
        abatementDateTime: fmtDate(broken + 60 * DAY).slice(0, 7),
        recordedDate: fmtDateTime(Math.max(broken + 90 * DAY, end - rng.int(6, 9) * 365 * DAY)),
        recorder: gpRecorder(),
      },
      { code: 'resolved', significance: 'major' },
    );
  }

  // Encounter diagnoses from the hospital.
  const hospital = seen.filter(
    (s) =>
      s.org !== ctx.gpId &&
      !COMMUNITY.has(s.org) &&
      s.key !== 'generalTreatment' &&
      s.enc.type?.[0]?.coding?.[0]?.code !== DIALYSIS,
  );
  for (const s of hospital) {
    const key = /** @type {ReasonKey} */ (s.key);
    const inProgress = s.enc.status === 'in-progress';
    const ends = localOf(s.enc.period.end ?? s.enc.period.start) + rng.int(14, 60) * DAY;
    const resolved = ACUTE.has(key) && !inProgress && ends < end;
    const prac = String(s.enc.participant?.[0]?.individual?.reference ?? '').replace('Practitioner/', '');
    add(
      {
        category: [concept(CATEGORY, 'encounter-diagnosis')],
        code: code(key),
        onsetDateTime: fmtDate(s.start),
        ...(resolved ? { abatementDateTime: fmtDate(ends) } : {}),
        recordedDate: fmtDateTime(s.start + 2 * 60 * 60 * 1000),
        encounter: { reference: `Encounter/${s.enc.id}` },
        ...(prac ? { recorder: roleRef(prac) } : {}),
      },
      { code: resolved ? 'resolved' : 'active', verification: inProgress ? 'provisional' : 'confirmed' },
    );
  }

  // The first patient: every status the list must handle.
  if (spec.index === 1) {
    const recorded = end - rng.int(100, 300) * DAY;
    add(
      {
        category: [concept(CATEGORY, 'problem-list-item')],
        code: code('pharyngitis'),
        onsetDateTime: fmtDate(recorded - 3 * DAY),
        recordedDate: fmtDateTime(recorded),
        recorder: gpRecorder(),
      },
      { code: 'recurrence', significance: 'minor' },
    );
    const last = hospital[hospital.length - 1];
    if (last) {
      const prac = String(last.enc.participant?.[0]?.individual?.reference ?? '').replace(
        'Practitioner/',
        '',
      );
      add(
        {
          category: [concept(CATEGORY, 'encounter-diagnosis')],
          code: code('appendicitis'),
          onsetDateTime: fmtDate(last.start),
          abatementDateTime: fmtDate(last.start + 2 * DAY),
          recordedDate: fmtDateTime(last.start + 60 * 60 * 1000),
          encounter: { reference: `Encounter/${last.enc.id}` },
          ...(prac ? { recorder: roleRef(prac) } : {}),
        },
        { code: 'resolved', verification: 'differential' },
      );
    }
    add(
      {
        category: [concept(CATEGORY, 'problem-list-item')],
        code: code('anaemia'),
        recordedDate: fmtDateTime(recorded + 40 * DAY),
        recorder: gpRecorder(),
      },
      { verification: 'refuted' },
    );
    add(
      {
        category: [concept(CATEGORY, 'problem-list-item')],
        code: code('osteoporosis'),
        recordedDate: fmtDateTime(recorded + 41 * DAY),
        recorder: gpRecorder(),
      },
      { verification: 'entered-in-error' },
    );
  }
  return out;
}
