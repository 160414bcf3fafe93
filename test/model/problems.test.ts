import { expect } from '@open-wc/testing';
import type { Condition, Reference, Resource } from 'fhir/r4';
import {
  compareProblems,
  isShownCondition,
  problemCount,
  problemEntry,
  problemSignificance,
  problemViews,
  type ProblemEntry,
  type ProblemEntryOptions,
} from '../../src/model/problems.js';
import { withholdingFor } from '../../src/model/restricted-record.js';
import { hl7r4 } from '../fixtures/hl7-r4/index.js';
import { ukCore } from '../fixtures/uk-core/index.js';
import {
  GP_CONNECT_SIGNIFICANCE,
  PROBLEMS_NOW,
  UK_CORE_SIGNIFICANCE,
  asthma,
  backPain,
  chestPain,
  depression,
  diabetes,
  hypertension,
  kidneyInjury,
  livesAlone,
  pneumonia,
  problemConditions,
  problemGp,
  problemPatientRestricted,
  problemReferenced,
  vitaminD,
  wristFracture,
} from '../fixtures/problem-list/synthetic-uk.js';

/** Looks up `Type/id` references among `resources`, as a record source would. */
const lookup =
  (...resources: Resource[]) =>
  (reference: Reference): Resource | undefined =>
    resources.find((resource) => `${resource.resourceType}/${resource.id}` === reference.reference);

const resolve = lookup(...problemReferenced);
const entry = (condition: Condition, options: ProblemEntryOptions = {}) =>
  problemEntry(condition, { resolve, now: PROBLEMS_NOW, ...options });
const names = (entries: readonly ProblemEntry[]) => entries.map((e) => e.name);
const status = (code: string) => ({
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code }],
});
const bare = (extra: Partial<Condition>): Condition => ({
  resourceType: 'Condition',
  subject: { reference: 'Patient/x' },
  ...extra,
});

describe('model/problems', () => {
  describe('kind: problems and encounter diagnoses apart', () => {
    it('problem-list-item is a problem; encounter-diagnosis a diagnosis; SNOMED CT Problem / Diagnosis the same', () => {
      expect(entry(diabetes).kind).to.equal('problem');
      expect(entry(pneumonia).kind).to.equal('diagnosis');
      expect(entry(ukCore.conditionBleedingFromEar).kind).to.equal('diagnosis');
      // HL7 f201: SNOMED CT 55607006 |Problem| and problem-list-item.
      expect(entry(hl7r4.conditionF201).kind).to.equal('problem');
      // HL7 f003: SNOMED CT 439401001 |Diagnosis| only.
      expect(entry(hl7r4.conditionF003).kind).to.equal('diagnosis');
      // HL7 example: encounter-diagnosis and SNOMED CT Diagnosis.
      expect(entry(hl7r4.conditionExample).kind).to.equal('diagnosis');
    });

    it('marked as both, a condition is a problem', () => {
      const both = bare({
        category: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/condition-category',
                code: 'encounter-diagnosis',
              },
            ],
          },
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/condition-category',
                code: 'problem-list-item',
              },
            ],
          },
        ],
      });
      expect(entry(both).kind).to.equal('problem');
    });

    it('any other category, or none, is other: with the category in words when there is one', () => {
      expect(entry(livesAlone)).to.include({ kind: 'other', categoryLabel: 'Health concern' });
      const none = entry(hl7r4.conditionF205);
      expect(none.kind).to.equal('other');
      expect(none.categoryLabel).to.equal(undefined);
    });
  });

  describe('views and status', () => {
    it('active, recurrence and relapse are Active; inactive, remission and resolved are Past', () => {
      const view = (code: string) => {
        const e = entry(bare({ clinicalStatus: status(code) }));
        return [e.view, e.statusLabel];
      };
      expect(view('active')).to.deep.equal(['active', 'Active']);
      expect(view('recurrence')).to.deep.equal(['active', 'Recurrence']);
      expect(view('relapse')).to.deep.equal(['active', 'Relapse']);
      expect(view('inactive')).to.deep.equal(['past', 'Inactive']);
      expect(view('remission')).to.deep.equal(['past', 'In remission']);
      expect(view('resolved')).to.deep.equal(['past', 'Resolved']);
    });

    it('no status: Past when its end has passed, else Active; either way "Status not known"', () => {
      expect(entry(vitaminD)).to.include({
        view: 'past',
        status: 'unknown',
        statusLabel: 'Status not known',
      });
      const future = entry(bare({ abatementDateTime: '2030-01-01' }));
      expect([future.view, future.statusLabel]).to.deep.equal(['active', 'Status not known']);
      expect(entry(bare({})).view).to.equal('active');
      // An end given as words has happened, even if the record cannot say when.
      expect(entry(bare({ abatementString: 'after surgery' })).view).to.equal('past');
      expect(entry(bare({ clinicalStatus: status('bogus') })).statusLabel).to.equal('Status not known');
    });

    it('GP Connect STU3 shapes: a status as a bare code, assertedDate, abatementBoolean', () => {
      const stu3 = entry({
        resourceType: 'Condition',
        clinicalStatus: 'inactive',
        verificationStatus: 'provisional',
        assertedDate: '2017-05-05',
        abatementBoolean: true,
        context: { reference: 'Encounter/synthetic-problems-enc-gp' },
      } as unknown as Condition);
      expect(stu3).to.include({
        view: 'past',
        statusLabel: 'Inactive',
        verification: 'Provisional',
        ended: 'Date not known',
      });
      expect(stu3.recorded?.display).to.equal('05-May-2017');
      expect(stu3.encounter?.display).to.equal('04-Mar-2019, Outpatient, Consultation');
    });
  });

  describe('verification', () => {
    it('said in words only when not confirmed: Unconfirmed, Provisional, Differential', () => {
      expect(entry(kidneyInjury).verification).to.equal('Unconfirmed');
      expect(entry(backPain).verification).to.equal('Provisional');
      expect(entry(chestPain).verification).to.equal('Differential');
      expect(entry(diabetes).verification).to.equal(undefined);
      // No verification status at all (HL7 family history): the record makes no claim.
      expect(entry(hl7r4.conditionFamilyHistory).verification).to.equal(undefined);
    });

    it('refuted and entered-in-error conditions are not shown (R4 and STU3 forms)', () => {
      const shown = problemConditions.filter(isShownCondition).map((c) => c.id);
      expect(shown).not.to.include('synthetic-problems-coeliac');
      expect(shown).not.to.include('synthetic-problems-gout');
      expect(shown).to.have.length(11);
      expect(
        isShownCondition({ resourceType: 'Condition', verificationStatus: 'entered-in-error' }),
      ).to.equal(false);
      expect(isShownCondition({ resourceType: 'Observation' })).to.equal(false);
      expect(isShownCondition(null)).to.equal(false);
    });
  });

  describe('significance (major / minor problems)', () => {
    it('UK Core and GP Connect extensions, valueCode major / minor', () => {
      expect(entry(diabetes)).to.include({ significance: 'major', significanceLabel: 'Major' });
      expect(entry(hypertension)).to.include({ significance: 'major', significanceLabel: 'Major' });
      expect(entry(asthma)).to.include({ significance: 'minor', significanceLabel: 'Minor' });
      expect(entry(pneumonia).significance).to.equal(undefined);
    });

    it('a coding or text that says so, under GP Connect\u2019s other name for the extension', () => {
      const gpc =
        'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-ProblemSignificance-1';
      expect(
        problemSignificance({
          extension: [{ url: gpc, valueCodeableConcept: { coding: [{ code: 'major' }] } }],
        }),
      ).to.equal('major');
      expect(
        problemSignificance({ extension: [{ url: gpc, valueCodeableConcept: { text: 'Minor' } }] }),
      ).to.equal('minor');
      expect(
        problemSignificance({ extension: [{ url: UK_CORE_SIGNIFICANCE, valueCoding: { code: 'MAJOR' } }] }),
      ).to.equal('major');
    });

    it('anything else is not a significance', () => {
      expect(
        problemSignificance({ extension: [{ url: UK_CORE_SIGNIFICANCE, valueCode: 'enormous' }] }),
      ).to.equal(undefined);
      expect(
        problemSignificance({ extension: [{ url: 'https://example.org/significance', valueCode: 'major' }] }),
      ).to.equal(undefined);
      expect(problemSignificance({ extension: 'major' })).to.equal(undefined);
      expect(problemSignificance(undefined)).to.equal(undefined);
      expect(GP_CONNECT_SIGNIFICANCE).to.match(/ProblemSignificance-1$/);
    });
  });

  describe('onset and end, partial dates kept', () => {
    it('a month, a year, words, ages', () => {
      expect(entry(diabetes).onset).to.equal('Jun-2015');
      expect(entry(hypertension).onset).to.equal('2012');
      expect(entry(asthma).onset).to.equal('Childhood');
      expect(entry(wristFracture)).to.include({ onset: '1998', ended: 'Oct-1998' });
      expect(entry(depression)).to.include({ onset: 'Jan-2016', ended: 'Sep-2018' });
      // HL7 f202: onset and end as ages.
      expect(entry(hl7r4.conditionF202)).to.include({ onset: 'At age 52 years', ended: 'At age 54 years' });
      // HL7 f201: ended "around April 9, 2013", as written.
      expect(entry(hl7r4.conditionF201)).to.include({ onset: '02-Apr-2013', ended: 'around April 9, 2013' });
      expect(entry(hl7r4.conditionExample2).onset).to.equal('approximately November 2012');
    });

    it('the date recorded, without its time', () => {
      expect(entry(pneumonia).recorded?.display).to.equal('20-Jan-2024');
      expect(entry(ukCore.conditionHipReplacement).recorded).to.equal(undefined);
    });
  });

  describe('names', () => {
    it('CodeableConcept.text before the display; a display without its semantic tag', () => {
      expect(entry(hypertension).name).to.equal('Essential hypertension');
      expect(entry(diabetes).name).to.equal('Diabetes mellitus type 2');
      expect(entry(hl7r4.conditionStroke).name).to.equal('Stroke');
      expect(entry(wristFracture).name).to.equal('Fracture of left wrist');
      expect(entry(ukCore.conditionBleedingFromEar).name).to.equal('Bleeding from ear');
    });

    it('no name says Not known', () => {
      const unnamed = entry(bare({}));
      expect([unnamed.name, unnamed.nameKnown]).to.deep.equal(['Not known', false]);
    });
  });

  describe('recorded by, and the encounter it came from', () => {
    it('the organisation behind the recorder (through its PractitionerRole)', () => {
      expect(entry(diabetes).recordedBy?.display).to.equal('Brookfield Surgery (Y90011)');
      expect(entry(pneumonia).recordedBy?.display).to.equal('Northgate Hospitals NHS Trust (RX9)');
      expect(entry(chestPain).recordedBy?.display).to.equal('Northgate Hospitals NHS Trust (RX9)');
    });

    it('asserted by a clinician alone: the provider of the encounter it came from', () => {
      const e = entry(asthma);
      expect(e.recordedBy?.display).to.equal('Brookfield Surgery (Y90011)');
      expect(e.encounter?.display).to.equal('04-Mar-2019, Outpatient, Consultation');
    });

    it('the encounter as date, class and type; its display when it cannot be followed; else says so', () => {
      expect(entry(pneumonia).encounter?.display).to.equal('20-Jan-2024, Inpatient, Emergency admission');
      // HL7 f203: Encounter f203 not to hand, its reference's display speaks.
      expect(problemEntry(hl7r4.conditionF203).encounter?.display).to.equal(
        "Roel's encounter on March elevanth",
      );
      expect(entry(bare({ encounter: { reference: 'Encounter/gone' } })).encounter?.display).to.equal(
        'Details not available',
      );
      expect(entry(diabetes).encounter).to.equal(undefined);
    });

    it('HL7 f003: asserted by the patient, seen at Burgers University Medical Center', () => {
      const e = problemEntry(hl7r4.conditionF003, {
        resolve: lookup(hl7r4.encounterF003, hl7r4.organizationF001),
      });
      expect(e.recordedBy?.display).to.equal('Burgers University Medical Center');
      expect(e.encounter?.display).to.equal('Outpatient, Patient-initiated encounter');
      expect(e).to.include({ severity: 'Mild to moderate', onset: '27-Feb-2012' });
      expect(e.bodySite).to.match(/retropharyngeal/i);
    });

    it('nothing known: no provenance to show', () => {
      expect(entry(ukCore.conditionHipReplacement).recordedBy).to.equal(undefined);
    });

    it('restricted: the GP practice by its kind only, as recorder and as the encounter provider', () => {
      const withholding = withholdingFor(problemPatientRestricted);
      const recorded = entry(diabetes, { withholding });
      expect(recorded.recordedBy).to.deep.equal({
        display: 'GP practice (withheld: restricted record)',
        withheld: 'gp-practice',
      });
      const seen = entry(asthma, { withholding });
      expect(seen.recordedBy?.display).to.equal('GP practice (withheld: restricted record)');
      expect(seen.encounter?.organisation?.display).to.equal('GP practice (withheld: restricted record)');
      expect(JSON.stringify(seen)).not.to.contain(problemGp.name!);
      // The hospital is not withheld.
      expect(entry(pneumonia, { withholding }).recordedBy?.display).to.equal(
        'Northgate Hospitals NHS Trust (RX9)',
      );
    });

    it('restricted: the resource kept for care-select is a withheld copy (no narrative)', () => {
      const withholding = withholdingFor(problemPatientRestricted);
      const e = problemEntry(hl7r4.conditionF201, { withholding });
      expect(e.resource).not.to.equal(hl7r4.conditionF201);
      expect(e.resource.text).to.equal(undefined);
      expect(entry(diabetes).resource).to.equal(diabetes);
    });
  });

  describe('order and views', () => {
    const all = problemConditions.filter(isShownCondition).map((c, position) => entry(c, { position }));

    it('major problems first, then newest first by onset (else the date recorded)', () => {
      const { active } = problemViews(all, [{ done: true }]);
      expect(names(active.problem)).to.deep.equal([
        'Diabetes mellitus type 2',
        'Essential hypertension',
        'Low back pain',
        'Asthma',
      ]);
      expect(names(active.diagnosis)).to.deep.equal(['Acute kidney injury']);
      expect(names(active.other)).to.deep.equal(['Lives alone']);
    });

    it('Past by end, else onset, major first', () => {
      const { past } = problemViews(all, [{ done: true }]);
      expect(names(past.problem)).to.deep.equal(['Fracture of left wrist', 'Depressive disorder']);
      expect(names(past.diagnosis)).to.deep.equal(['Community acquired pneumonia', 'Chest pain']);
      expect(names(past.other)).to.deep.equal(['Vitamin D deficiency']);
      expect(problemCount(past)).to.equal(5);
    });

    it('while pages stream in, only rows no page still to come can come before', () => {
      // The search (newest recorded first) has read down to 2019-03-04 and goes on.
      const edge = { done: false, last: Date.UTC(2019, 2, 4) };
      const { active } = problemViews(all, [edge]);
      expect(names(active.problem)).to.deep.equal(['Low back pain', 'Asthma']);
      expect(active.other).to.have.length(1);
      // A row with no date recorded waits for the end.
      const undated = entry(bare({ id: 'u', category: diabetes.category }));
      expect(problemViews([undated], [edge]).active.problem).to.have.length(0);
      expect(problemViews([undated], [{ done: true }]).active.problem).to.have.length(1);
    });

    it('ties are ordered by name; undated last', () => {
      const a = entry(bare({ code: { text: 'B' }, onsetDateTime: '2020' }));
      const b = entry(bare({ code: { text: 'A' }, onsetDateTime: '2020' }));
      const c = entry(bare({ code: { text: 'C' } }));
      expect(names([c, a, b].sort(compareProblems))).to.deep.equal(['A', 'B', 'C']);
    });

    it('keys: the id, else the position read', () => {
      expect(entry(diabetes).key).to.equal('Condition/synthetic-problems-diabetes');
      expect(entry(bare({}), { position: 7 }).key).to.equal('#7');
    });
  });

  describe('malformed conditions render what they can', () => {
    it('wrong types everywhere', () => {
      const e = entry({
        resourceType: 'Condition',
        clinicalStatus: 42,
        category: 'problem-list-item',
        code: { text: 42, coding: 'x' },
        onsetDateTime: '2023-02-30',
        recordedDate: 12,
        recorder: 'PractitionerRole/x',
        bodySite: 'arm',
        severity: [],
      } as unknown as Condition);
      expect(e).to.include({
        name: 'Not known',
        kind: 'other',
        view: 'active',
        statusLabel: 'Status not known',
      });
      expect([e.onset, e.recorded, e.recordedBy, e.bodySite, e.severity]).to.deep.equal([
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
      expect(problemEntry(null as unknown as Condition).name).to.equal('Not known');
    });
  });
});
