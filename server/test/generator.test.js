// The synthetic record generator: deterministic, valid NHS numbers, the promised cases, references
// that resolve, and committed output that regenerates byte for byte.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generate, nhsCheckDigit } from '../../scripts/generate-records/build.js';
import { MEDICATIONS, SYSTEMS } from '../../scripts/generate-records/vocab.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/generate-records.js', import.meta.url));
const COMMITTED = fileURLToPath(new URL('../../demo/data/generated', import.meta.url));
const TODAY = '2026-11-01';

/** @type {ReturnType<typeof generate>} */
let out;

/** @param {any} value @param {string[]} [acc] @returns {string[]} */
function references(value, acc = []) {
  if (Array.isArray(value)) value.forEach((v) => references(v, acc));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') acc.push(v);
      else references(v, acc);
    }
  }
  return acc;
}

describe('generate-records', () => {
  before(() => {
    out = generate({ patients: 14, seed: 'care-record-elements', today: TODAY });
  });

  it('writes the named cases in order with stable ids', () => {
    assert.deepEqual(
      out.records.slice(0, 12).map((r) => `${r.summary.id} ${r.summary.case}`),
      [
        'gen-patient-0001 typical',
        'gen-patient-0002 neonate',
        'gen-patient-0003 child',
        'gen-patient-0004 very-old',
        'gen-patient-0005 deceased-formal',
        'gen-patient-0006 deceased-informal',
        'gen-patient-0007 restricted',
        'gen-patient-0008 unverified-nhs-number',
        'gen-patient-0009 missing-data',
        'gen-patient-0010 long-names',
        'gen-patient-0011 preferred-name',
        'gen-patient-0012 large-record',
      ],
    );
  });

  it('gives every patient a valid, unique NHS number in the 999 test range', () => {
    const numbers = out.records.map((r) => r.summary.nhsNumber);
    assert.equal(new Set(numbers).size, numbers.length);
    for (const n of numbers) {
      assert.match(n, /^999\d{7}$/);
      assert.equal(nhsCheckDigit(n.slice(0, 9)), n[9], n);
    }
    assert.equal(nhsCheckDigit('943476591'), '9'); // 943 476 5919, the NHS example number
  });

  it('is deterministic', () => {
    const again = generate({ patients: 3, seed: 'care-record-elements', today: TODAY });
    assert.deepEqual(
      again.records.map((r) => r.resources),
      out.records.slice(0, 3).map((r) => r.resources),
    );
    const other = generate({ patients: 1, seed: 'another seed', today: TODAY });
    assert.notDeepEqual(other.records[0].summary.nhsNumber, out.records[0].summary.nhsNumber);
  });

  it('makes the promised special cases', () => {
    const patient = (/** @type {number} */ i) => /** @type {any} */ (out.records[i - 1].resources[0]);
    assert.equal(patient(2).birthDate, '2026-10-29');
    assert.ok(patient(2)._birthDate.extension[0].valueDateTime.startsWith('2026-10-29T'));
    assert.ok(patient(4).birthDate < '1926-11-01');
    for (const [i, code] of [
      [5, '2'],
      [6, '1'],
    ]) {
      assert.ok(patient(/** @type {number} */ (i)).deceasedDateTime);
      const ext = patient(/** @type {number} */ (i)).extension.find((/** @type {any} */ e) =>
        e.url.endsWith('Extension-UKCore-DeathNotificationStatus'),
      );
      assert.equal(ext.extension[0].valueCodeableConcept.coding[0].code, code);
      assert.equal(
        ext.extension[0].valueCodeableConcept.coding[0].system,
        'https://fhir.hl7.org.uk/CodeSystem/UKCore-DeathNotificationStatus',
      );
    }
    assert.deepEqual(patient(7).meta.security, [
      {
        system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
        code: 'R',
        display: 'restricted',
      },
    ]);
    assert.ok(patient(7).address && patient(7).telecom && patient(7).generalPractitioner);
    assert.equal(patient(8).identifier[0].extension[0].valueCodeableConcept.coding[0].code, '02');
    assert.equal(patient(1).identifier[0].extension[0].valueCodeableConcept.coding[0].code, '01');
    for (const field of ['address', 'telecom', 'generalPractitioner', 'gender'])
      assert.equal(patient(9)[field], undefined, field);
    assert.ok(patient(10).name[0].family.length > 40);
    assert.equal(patient(11).name[1].use, 'usual');
    const telecomUses = patient(1).telecom.map((/** @type {any} */ t) => `${t.system}/${t.use}`);
    assert.deepEqual(telecomUses, ['phone/home', 'phone/work', 'phone/mobile', 'email/home']);
    const big = out.records[11].summary.counts;
    assert.equal(big.encounters, 5000);
    assert.equal(big.medicationRequests + big.medicationStatements, 500);
  });

  it('uses real dm+d codes, UK Core extensions and a spread of statuses', () => {
    const all = out.records.flatMap((r) => r.resources);
    const byType = (/** @type {string} */ t) => all.filter((r) => r.resourceType === t);
    const codes = new Map(MEDICATIONS.map((m) => [m.code, m.name]));
    for (const r of [...byType('MedicationRequest'), ...byType('MedicationStatement')]) {
      const coding = r.medicationCodeableConcept.coding[0];
      assert.ok([SYSTEMS.dmd, SYSTEMS.sct].includes(coding.system));
      assert.equal(codes.get(coding.code), coding.display);
    }
    const statuses = new Set(byType('MedicationRequest').map((r) => r.status));
    for (const s of ['active', 'completed', 'stopped', 'on-hold']) assert.ok(statuses.has(s), s);
    const courses = new Set(byType('MedicationRequest').map((r) => r.courseOfTherapyType.coding[0].code));
    assert.deepEqual([...courses].sort(), ['acute', 'continuous']);
    assert.ok(
      byType('MedicationRequest').some((r) =>
        r.extension?.[0].url.endsWith('Extension-UKCore-MedicationRepeatInformation'),
      ),
    );
    assert.ok(
      byType('MedicationStatement').every((r) =>
        r.extension[0].url.endsWith('Extension-UKCore-MedicationStatementLastIssueDate'),
      ),
    );
    const encStatuses = new Set(byType('Encounter').map((r) => r.status));
    for (const s of ['planned', 'in-progress', 'finished', 'cancelled']) assert.ok(encStatuses.has(s), s);
    const classes = new Set(byType('Encounter').map((r) => r.class.code));
    for (const c of ['IMP', 'AMB', 'EMER', 'HH', 'VR']) assert.ok(classes.has(c), c);
    assert.ok(
      byType('Encounter').some((r) =>
        r.hospitalization?.extension?.[0].url.endsWith('Extension-UKCore-AdmissionMethod'),
      ),
    );
    assert.ok(
      byType('Encounter').some((r) => r.extension?.[0].url.endsWith('Extension-UKCore-DischargeMethod')),
    );
    const allergyKinds = new Set(out.records.map((r) => r.summary.allergies));
    assert.deepEqual([...allergyKinds].sort(), ['known', 'nka', 'none']);
    assert.ok(byType('AllergyIntolerance').some((r) => r.code.coding[0].code === '716186003'));
  });

  it('gives the child the UK childhood schedule dated from birth and the neonate a birth dose', () => {
    const immunisations = (/** @type {number} */ i) =>
      out.records[i - 1].resources.filter((r) => r.resourceType === 'Immunization');
    const birth = Date.parse(/** @type {any} */ (out.records[2].resources[0]).birthDate);
    const weeksOld = (/** @type {any} */ r) =>
      Math.round((Date.parse(r.occurrenceDateTime) - birth) / (7 * 86_400_000));
    const child = immunisations(3).filter((r) => r.status === 'completed');
    const sixInOne = child.filter((r) => r.vaccineCode.coding[0].code === '34765811000001105');
    // 8, 12 and 16 weeks (a weekend clinic moves to the Monday).
    assert.deepEqual(
      sixInOne.map((r) => [r.protocolApplied[0].doseNumberPositiveInt, weeksOld(r)]),
      [
        [1, 8],
        [2, 12],
        [3, 16],
      ],
    );
    for (const code of ['34609911000001106', '23584211000001109', '16649411000001104', '9903711000001109'])
      assert.ok(
        child.some((r) => r.vaccineCode.coding[0].code === code),
        code,
      );
    const statuses = immunisations(3).map((r) => r.status);
    assert.ok(statuses.includes('not-done') && statuses.includes('entered-in-error'));
    assert.ok(immunisations(3).find((r) => r.status === 'not-done').statusReason.text);
    const [birthDose] = immunisations(2);
    assert.equal(birthDose.protocolApplied[0].doseNumberPositiveInt, 1);
    assert.equal(birthDose.location.reference, 'Location/gen-loc-r9a-mat');
    assert.equal(out.records[2].summary.counts.immunizations, immunisations(3).length);
  });

  it('gives no immunisation after today or after death; the restricted patient some at a GP practice and a pharmacy', () => {
    for (const record of out.records) {
      const end = /** @type {any} */ (record.resources[0]).deceasedDateTime ?? `${TODAY}T00:00:00Z`;
      for (const r of record.resources.filter((x) => x.resourceType === 'Immunization'))
        assert.ok(
          Date.parse(r.occurrenceDateTime) < Date.parse(end) || /^\d{4}$/.test(r.occurrenceDateTime),
          r.id,
        );
    }
    const givers = out.records[6].resources
      .filter((r) => r.resourceType === 'Immunization')
      .map((r) => r.performer[r.performer.length - 1].actor.identifier.value);
    assert.ok(givers.includes('P99002') && givers.includes('FX102'), givers.join(' '));
  });

  it('problems and diagnoses: major and minor problems, encounter diagnoses, every status, partial dates', () => {
    const conditions = out.records.flatMap((r) => r.resources).filter((r) => r.resourceType === 'Condition');
    const kinds = new Set(conditions.map((c) => c.category[0].coding[0].code));
    assert.deepEqual([...kinds].sort(), ['encounter-diagnosis', 'problem-list-item']);
    const significance = new Set(
      conditions
        .flatMap((c) => c.extension ?? [])
        .filter((e) => e.url.endsWith('Extension-UKCore-ProblemSignificance'))
        .map((e) => e.valueCode),
    );
    assert.deepEqual([...significance].sort(), ['major', 'minor']);
    const statuses = new Set(conditions.map((c) => c.clinicalStatus.coding[0].code));
    for (const s of ['active', 'recurrence', 'resolved']) assert.ok(statuses.has(s), s);
    const verifications = new Set(conditions.map((c) => c.verificationStatus.coding[0].code));
    for (const v of ['confirmed', 'provisional', 'differential', 'refuted', 'entered-in-error'])
      assert.ok(verifications.has(v), v);
    assert.ok(
      conditions.some((c) => /^\d{4}$/.test(c.onsetDateTime ?? '')),
      'an onset to the year only',
    );
    assert.ok(
      conditions.some((c) => /^\d{4}-\d{2}$/.test(c.onsetDateTime ?? '')),
      'an onset to the month',
    );
    // Every encounter diagnosis names its encounter; the newborn has none.
    assert.ok(
      conditions
        .filter((c) => c.category[0].coding[0].code === 'encounter-diagnosis')
        .every((c) => c.encounter?.reference.startsWith('Encounter/')),
    );
    assert.equal(out.records[1].summary.counts.conditions, 0);
  });

  it('test results: FBC, U&E and HbA1c repeated over time, every status the list shows, 700+ for the large record', () => {
    const reports = (/** @type {number} */ i) =>
      out.records[i - 1].resources.filter((r) => r.resourceType === 'DiagnosticReport');
    const first = reports(1);
    const names = new Set(first.map((r) => r.code.text));
    assert.deepEqual([...names].sort(), [
      'Full blood count',
      'Haemoglobin A1c measurement',
      'Urea and electrolytes',
    ]);
    assert.ok(first.filter((r) => r.code.text === 'Haemoglobin A1c measurement').length >= 3);
    const statuses = new Set(first.map((r) => r.status));
    for (const s of ['final', 'amended', 'preliminary', 'cancelled']) assert.ok(statuses.has(s), s);
    assert.equal(out.records[1].summary.counts.observations, 0, 'the neonate has no results');
    const big = out.records[11];
    assert.ok(big.summary.counts.observations > 700, `${big.summary.counts.observations} observations`);
    const critical = big.resources.filter(
      (r) => r.resourceType === 'Observation' && r.interpretation?.[0].coding[0].code === 'HH',
    );
    assert.ok(critical.length >= 1);
    // Every result a report names is in the same record.
    for (const record of out.records) {
      const ids = new Set(record.resources.map((r) => `${r.resourceType}/${r.id}`));
      for (const report of record.resources.filter((r) => r.resourceType === 'DiagnosticReport'))
        for (const { reference } of report.result ?? []) assert.ok(ids.has(reference), reference);
    }
  });

  it('only refers to resources that exist', () => {
    const shared = new Set(out.shared.map((r) => `${r.resourceType}/${r.id}`));
    for (const record of out.records) {
      const own = new Set(record.resources.map((r) => `${r.resourceType}/${r.id}`));
      for (const ref of references(record.resources))
        assert.ok(own.has(ref) || shared.has(ref), `${record.summary.id}: ${ref}`);
    }
    for (const ref of references(out.shared)) assert.ok(shared.has(ref), ref);
  });

  it('regenerates the committed demo/data/generated byte for byte', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'generated-'));
    try {
      await new Promise((resolve, reject) =>
        execFile(process.execPath, [SCRIPT, '--out', dir], { timeout: 120_000 }, (err, _o, stderr) =>
          err ? reject(new Error(stderr)) : resolve(undefined),
        ),
      );
      const names = (await readdir(COMMITTED)).sort();
      assert.deepEqual((await readdir(dir)).sort(), names);
      for (const name of names) {
        let fresh = await readFile(join(dir, name), 'utf8');
        const committed = await readFile(join(COMMITTED, name), 'utf8');
        if (name === 'index.json') fresh = fresh.replace(`--out ${dir}`, '--out demo/data/generated');
        assert.ok(fresh === committed, `${name} differs from a fresh run`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
