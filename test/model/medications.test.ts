import { expect } from '@open-wc/testing';
import type { Medication, MedicationRequest, MedicationStatement, Reference } from 'fhir/r4';
import { medicationLine, sortMedicationLines, type MedicationLine } from '../../src/model/medications.js';
import { resolveUkCore, ukCore } from '../fixtures/uk-core/index.js';
import type { Resource } from 'fhir/r4';
import { withholdingFor } from '../../src/model/restricted-record.js';
import { patientDeath } from '../../src/model/death.js';
import { restrictedPatient } from '../fixtures/patients.js';
import { restrictedPractice, restrictedPracticeRole } from '../fixtures/restricted-practice.js';

const now = new Date('2024-03-10T14:35:00Z');
const UK = 'https://fhir.hl7.org.uk/StructureDefinition/';
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const resolveMedication = (reference: Reference) => resolveUkCore(reference) as Medication | undefined;

const request = (extra: Partial<MedicationRequest>): MedicationRequest => ({
  resourceType: 'MedicationRequest',
  id: 'rx',
  status: 'active',
  intent: 'order',
  subject: { reference: 'Patient/x' },
  medicationCodeableConcept: { text: 'Paracetamol 500mg tablets' },
  authoredOn: '2024-01-01',
  dosageInstruction: [{ text: 'Two tablets four times a day' }],
  ...extra,
});
const statement = (extra: Partial<MedicationStatement>): MedicationStatement => ({
  resourceType: 'MedicationStatement',
  id: 'ms',
  status: 'active',
  subject: { reference: 'Patient/x' },
  medicationCodeableConcept: { text: 'Ramipril 5mg capsules' },
  effectiveDateTime: '2023-05-01',
  ...extra,
});
const course = (code: string) => ({ coding: [{ code }] });

describe('model/medications', () => {
  describe('medicationLine', () => {
    it('MEDi-051 UK Core amoxicillin: name, dose, past Completed acute course', () => {
      const line = medicationLine(ukCore.requestAmoxicillin, resolveMedication, {
        now,
        resolve: resolveUkCore,
      });
      expect(line).to.deep.include({
        id: 'UKCore-MedicationRequest-Amoxicillin-Example',
        resourceType: 'MedicationRequest',
        // A dm+d extension code may be a VMP or an AMP: the name is shown as written.
        name: 'Amoxicillin 500mg capsules',
        nameKind: 'as-written',
        dose: '500mg - three times a day.',
        status: 'completed',
        statusLabel: 'Completed',
        view: 'past',
        course: 'acute',
        courseLabel: 'Acute',
      });
      expect(line.startDate?.display).to.equal('15-Jun-2023');
      expect(line).to.not.have.any.keys('strength', 'form', 'brand');
      // The requester is a Practitioner: no organisation is known, so the element must look further.
      expect(line.recordedBy).to.deep.equal({
        reference: { reference: 'Practitioner/UKCore-Practitioner-ConsultantSandraGose-Example' },
      });
      expect(line.missing).to.include.members(['endDate', 'recordedBy']);
    });

    it('MEDi-002 a generic (international SNOMED CT / dm+d code) in lower case; codes, acronyms and supplier kept', () => {
      const generic = medicationLine(
        request({
          medicationCodeableConcept: {
            coding: [
              { system: 'https://dmd.nhs.uk/', code: '322236009', display: 'Paracetamol 500mg Tablets (HR)' },
            ],
          },
        }),
      );
      expect(generic).to.deep.include({ name: 'paracetamol 500mg tablets (HR)', nameKind: 'generic' });
    });

    it('MEDi-002 a name that cannot be classified is shown as written, never lower-cased', () => {
      // An AMP (brand Timoptol) coded in the dm+d extension, with no trade family to say so.
      const timoptol = medicationLine(request({ medicationCodeableConcept: ukCore.medicationTimoptol.code }));
      expect(timoptol).to.deep.include({
        name: 'Timoptol 0.5% eye drops (DE Pharmaceuticals)',
        nameKind: 'as-written',
      });
      const comirnaty = medicationLine(
        request({
          medicationCodeableConcept: {
            text: 'Comirnaty COVID-19 mRNA Vaccine 30micrograms/0.3ml (Pfizer Ltd)',
          },
        }),
      );
      expect(comirnaty.name).to.equal('Comirnaty COVID-19 mRNA Vaccine 30micrograms/0.3ml (Pfizer Ltd)');
      // A generic code does not classify a text that says something else (a brand typed over it).
      const typed = medicationLine(
        request({
          medicationCodeableConcept: {
            text: 'Panadol 500mg tablets',
            coding: [
              { system: 'http://snomed.info/sct', code: '322236009', display: 'Paracetamol 500mg tablets' },
            ],
          },
        }),
      );
      expect(typed).to.deep.include({ name: 'Panadol 500mg tablets', nameKind: 'as-written' });
    });

    it('MEDi-003 a brand named by the record (UK Core trade family) is upper case in the name: VENTOLIN', () => {
      const ventolin: Medication = {
        resourceType: 'Medication',
        id: 'ventolin',
        code: {
          coding: [
            {
              system: 'https://dmd.nhs.uk',
              code: '3295111000001104',
              display: 'Ventolin 100micrograms/dose Evohaler',
            },
          ],
        },
        extension: [
          {
            url: `${UK}Extension-UKCore-MedicationTradeFamily`,
            valueCodeableConcept: {
              coding: [{ system: 'https://dmd.nhs.uk', code: '9487801000001102', display: 'Ventolin' }],
            },
          },
        ],
      };
      const line = medicationLine(
        request({
          medicationCodeableConcept: undefined,
          medicationReference: { reference: 'Medication/ventolin' },
        }),
        () => ventolin,
      );
      expect(line).to.deep.include({ name: 'VENTOLIN 100micrograms/dose Evohaler', nameKind: 'branded' });
      expect(line).to.not.have.any.keys('brand');
    });

    it('MEDi-002 RxNorm: a clinical drug is generic, a branded drug keeps its brand', () => {
      const rxnorm = 'http://www.nlm.nih.gov/research/umls/rxnorm';
      const clinical = medicationLine(
        request({
          medicationCodeableConcept: {
            coding: [{ system: rxnorm, code: '314231', display: 'Simvastatin 10 MG Oral Tablet' }],
          },
        }),
      );
      expect(clinical).to.deep.include({ name: 'simvastatin 10 MG oral tablet', nameKind: 'generic' });
      const branded = medicationLine(
        request({
          medicationCodeableConcept: {
            coding: [{ system: rxnorm, code: '152923', display: 'Simvastatin 20 MG Oral Tablet [Zocor]' }],
          },
        }),
      );
      expect(branded).to.deep.include({
        name: 'Simvastatin 20 MG Oral Tablet [Zocor]',
        nameKind: 'as-written',
      });
      expect(branded).to.not.have.any.keys('brand');
    });

    it('MEDi-002 a name that starts with its own ingredient is generic', () => {
      const medication: Medication = {
        resourceType: 'Medication',
        code: {
          coding: [
            { system: 'https://dmd.nhs.uk', code: '39694811000001102', display: 'Cefalexin 500mg capsules' },
          ],
        },
        ingredient: [{ itemCodeableConcept: { coding: [{ display: 'Cefalexin' }] } }],
      };
      const line = medicationLine(
        request({ medicationCodeableConcept: undefined, medicationReference: { reference: 'Medication/m' } }),
        () => medication,
      );
      expect(line).to.deep.include({ name: 'cefalexin 500mg capsules', nameKind: 'generic' });
    });

    it('MEDi: CodeableConcept.text before coding.display (transfer-degraded entry)', () => {
      const line = medicationLine(
        request({
          medicationReference: {
            reference: 'Medication/UKCore-Medication-Sn-TransferDegradedMedEntry-Example',
          },
          medicationCodeableConcept: undefined,
        }),
        resolveMedication,
      );
      expect(line.name).to.equal('Aspirin 75mg dispersible tablet');
    });

    it('a medicationReference is resolved (UK Core eye drops)', () => {
      const line = medicationLine(ukCore.requestEyeDrops, resolveMedication, { now });
      expect(line.name).to.equal('Timoptol 0.5% eye drops (DE Pharmaceuticals)');
      expect(line.dose).to.equal('1 drop in left eye, every 12 hours, until finished.');
    });

    it('an unresolved medicationReference falls back to its display, else Not known', () => {
      const withDisplay = request({
        medicationCodeableConcept: undefined,
        medicationReference: { reference: 'Medication/gone', display: 'Salbutamol inhaler' },
      });
      expect(medicationLine(withDisplay).name).to.equal('Salbutamol inhaler');
      const bare = request({
        medicationCodeableConcept: undefined,
        medicationReference: { reference: 'Medication/gone' },
      });
      const line = medicationLine(bare, () => undefined);
      expect(line.name).to.equal('Not known');
      expect(line.missing).to.include('name');
    });

    it('MEDi-003 brand (trade family) upper case, strength and form from a VTM Medication', () => {
      const vtm: Medication = {
        ...ukCore.medicationTimololVtm,
        extension: [
          {
            url: `${UK}Extension-UKCore-MedicationTradeFamily`,
            valueCodeableConcept: { coding: [{ display: 'Timoptol' }] },
          },
        ],
        ingredient: [
          {
            itemCodeableConcept: { text: 'Timolol maleate' },
            strength: { numerator: { value: 5, unit: 'mg' }, denominator: { value: 1, unit: 'mL' } },
          },
        ],
      };
      const line = medicationLine(
        request({
          medicationCodeableConcept: undefined,
          medicationReference: { reference: '#vtm' },
          contained: [{ ...vtm, id: 'vtm' }],
        }),
      );
      expect(line).to.deep.include({
        name: 'timolol',
        brand: 'TIMOPTOL',
        strength: '5 mg/mL',
        form: 'ear/eye drops solution',
      });
    });

    it('dm+d names already carry strength and form: not repeated', () => {
      const medication: Medication = {
        resourceType: 'Medication',
        id: 'm',
        code: { coding: [{ display: 'Paracetamol 500mg tablets' }] },
        form: { coding: [{ display: 'Tablets' }] },
        ingredient: [
          {
            itemCodeableConcept: { text: 'Paracetamol' },
            strength: { numerator: { value: 500, code: 'mg' } },
          },
        ],
      };
      const line = medicationLine(
        request({ medicationCodeableConcept: undefined, medicationReference: { reference: 'Medication/m' } }),
        () => medication,
      );
      expect(line.name).to.equal('paracetamol 500mg tablets');
      expect(line).to.not.have.any.keys('strength', 'form');
    });

    it("MedicationStatement (UK Core): active but ended → Past, in the source's word and why", () => {
      const line = medicationLine(ukCore.statementAmoxicillin, undefined, { now });
      expect(line).to.deep.include({
        resourceType: 'MedicationStatement',
        name: 'Amoxicillin 250mg capsules',
        dose: '2 capsules 4 times a day.',
        status: 'ended',
        statusLabel: 'Active; end date 15-May-2021 passed',
        view: 'past',
      });
      expect(line.startDate?.display).to.equal('15-Feb-2021');
      expect(line.endDate?.display).to.equal('15-May-2021');
      expect(line.sortKey).to.equal(line.endDate?.sortKey);
    });

    it('CUI status words: MedicationRequest statuses', () => {
      const cases: [MedicationRequest['status'], string, string][] = [
        ['active', 'Started', 'current'],
        ['draft', 'Not Started', 'current'],
        ['on-hold', 'Suspended', 'current'],
        ['completed', 'Completed', 'past'],
        ['stopped', 'Discontinued', 'past'],
        ['cancelled', 'Discontinued', 'past'],
        ['entered-in-error', 'Entered in error', 'past'],
        ['unknown', 'Not known', 'current'],
      ];
      for (const [status, word, view] of cases) {
        const line = medicationLine(request({ status }), undefined, { now });
        expect([line.statusLabel, line.view], status).to.deep.equal([word, view]);
      }
    });

    it('CUI status words: MedicationStatement statuses', () => {
      const cases: [MedicationStatement['status'], string, string][] = [
        ['active', 'Started', 'current'],
        ['intended', 'Not Started', 'current'],
        ['on-hold', 'Suspended', 'current'],
        ['completed', 'Completed', 'past'],
        ['stopped', 'Discontinued', 'past'],
        ['not-taken', 'Discontinued', 'past'],
      ];
      for (const [status, word, view] of cases) {
        const line = medicationLine(statement({ status }), undefined, { now });
        expect([line.statusLabel, line.view], status).to.deep.equal([word, view]);
      }
    });

    it('an active line that has not started yet is Not Started; an unknown status that has ended is past', () => {
      const future = request({
        dispenseRequest: { validityPeriod: { start: '2024-04-01', end: '2024-10-01' } },
      });
      expect(medicationLine(future, undefined, { now }).status).to.equal('not-started');
      const ended = request({
        status: 'unknown',
        dispenseRequest: { validityPeriod: { start: '2023-01-01', end: '2023-06-01' } },
      });
      expect(medicationLine(ended, undefined, { now })).to.deep.include({ status: 'unknown', view: 'past' });
    });

    it('start and end from the dosage bounds, then the validity period, then authoredOn', () => {
      const bounded = request({
        dosageInstruction: [
          { timing: { repeat: { boundsPeriod: { start: '2024-02-01', end: '2024-02-10' } } } },
        ],
        dispenseRequest: { validityPeriod: { start: '2024-01-15', end: '2024-07-15' } },
      });
      const line = medicationLine(bounded, undefined, { now });
      expect([line.startDate?.display, line.endDate?.display]).to.deep.equal(['01-Feb-2024', '10-Feb-2024']);
      expect(line.status).to.equal('ended');
      expect(medicationLine(request({}), undefined, { now }).startDate?.display).to.equal('01-Jan-2024');
    });

    it('repeat: course, issues, repeats allowed and review date (Extension-UKCore-MedicationRepeatInformation)', () => {
      const repeat = request({
        courseOfTherapyType: course('continuous'),
        extension: [
          {
            url: `${UK}Extension-UKCore-MedicationRepeatInformation`,
            extension: [
              { url: 'numberOfPrescriptionsIssued', valueUnsignedInt: 3 },
              { url: 'authorisationExpiryDate', valueDateTime: '2024-07-01T00:00:00+01:00' },
            ],
          },
        ],
        dispenseRequest: { numberOfRepeatsAllowed: 6 },
      });
      const line = medicationLine(repeat, undefined, { now });
      expect(line).to.deep.include({ course: 'repeat', courseLabel: 'Repeat' });
      expect(line.repeat?.issued).to.equal(3);
      expect(line.repeat?.allowed).to.equal(6);
      expect(line.repeat?.reviewDate?.display).to.equal('01-Jul-2024');
    });

    it('a deceased patient: read as at death, and no review date after death shown as due', () => {
      const repeat = request({
        courseOfTherapyType: course('continuous'),
        dispenseRequest: { validityPeriod: { start: '2023-06-01', end: '2024-02-01' } },
        extension: [
          {
            url: `${UK}Extension-UKCore-MedicationRepeatInformation`,
            extension: [{ url: 'authorisationExpiryDate', valueDateTime: '2024-07-01' }],
          },
        ],
      });
      const alive = medicationLine(repeat, undefined, { now });
      expect([alive.status, alive.repeat?.reviewDate?.display]).to.deep.equal(['ended', '01-Jul-2024']);
      const death = patientDeath({ resourceType: 'Patient', deceasedDateTime: '2024-01-10' });
      const atDeath = medicationLine(repeat, undefined, { now, death });
      // Its end date had not passed when the patient died: it was current then.
      expect([atDeath.status, atDeath.view]).to.deep.equal(['started', 'current']);
      expect(atDeath.repeat?.reviewDate).to.equal(undefined);
      const dateUnknown = medicationLine(repeat, undefined, {
        now,
        death: patientDeath({ resourceType: 'Patient', deceasedBoolean: true }),
      });
      expect(dateUnknown.repeat?.reviewDate).to.equal(undefined);
    });

    it('GP Connect prescribing agency: prescribed elsewhere, or at a previous practice', () => {
      const agency = (code: string) =>
        medicationLine(
          statement({
            extension: [
              {
                url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-PrescribingAgency-1',
                valueCodeableConcept: {
                  coding: [
                    { system: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-PrescribingAgency-1', code },
                  ],
                },
              },
            ],
          }),
        );
      expect(agency('prescribed-by-another-organisation')).to.deep.include({
        prescribedElsewhere: 'another-organisation',
        prescribedElsewhereLabel: 'Prescribed elsewhere',
      });
      expect(agency('prescribed-by-previous-practice').prescribedElsewhereLabel).to.equal(
        'Prescribed at a previous practice',
      );
      expect(agency('prescribed-at-gp-practice')).to.not.have.any.keys('prescribedElsewhere');
    });

    it('course: acute, seasonal, UK Core and EPS repeat dispensing, unknown', () => {
      const courseOf = (code: string) =>
        medicationLine(request({ courseOfTherapyType: course(code) })).courseLabel;
      expect(courseOf('acute')).to.equal('Acute');
      expect(courseOf('seasonal')).to.equal('Repeat');
      expect(courseOf('continuous-repeating-dispensing')).to.equal('Repeat dispensing');
      expect(courseOf('continuous-repeat-dispensing')).to.equal('Repeat dispensing');
      expect(courseOf('other')).to.equal(undefined);
    });

    it('MedicationStatement: course from the UK Core extension and last issue date', () => {
      const line = medicationLine(
        statement({
          extension: [
            { url: `${UK}Extension-UKCore-CourseOfTherapyType`, valueCodeableConcept: course('continuous') },
            {
              url: `${UK}Extension-UKCore-MedicationStatementLastIssueDate`,
              valueDateTime: '2024-02-20T10:00:00Z',
            },
          ],
        }),
        undefined,
        { now },
      );
      expect(line.course).to.equal('repeat');
      expect(line.lastIssued?.display).to.equal('20-Feb-2024');
    });

    it('provenance: the recording organisation by name and ODS code', () => {
      const byOrg = request({
        requester: {
          reference: 'Organization/GP5',
          display: 'WHITE ROSE MEDICAL CENTRE',
          identifier: { system: ODS, value: 'GP5' },
        },
      });
      expect(medicationLine(byOrg).recordedBy?.display).to.equal('WHITE ROSE MEDICAL CENTRE (GP5)');
      const resolved = request({
        recorder: { reference: 'Organization/UKCore-Organization-LeedsTeachingHospital-Example' },
      });
      expect(medicationLine(resolved, undefined, { resolve: resolveUkCore }).recordedBy).to.deep.include({
        name: 'LEEDS TEACHING HOSPITALS NHS TRUST',
        ods: 'RR8',
      });
      const viaRole = request({
        requester: { reference: 'PractitionerRole/r' },
        contained: [],
      });
      const role = {
        resourceType: 'PractitionerRole',
        id: 'r',
        organization: { reference: 'Organization/UKCore-Organization-WhiteRoseMedicalCentre-Example' },
      };
      const resolve = (reference: Reference) =>
        reference.reference === 'PractitionerRole/r' ? role : resolveUkCore(reference);
      expect(
        medicationLine(viaRole, undefined, { resolve: resolve as typeof resolveUkCore }).recordedBy?.ods,
      ).to.equal('GP5');
      // A prescriber's name says who, not where: it is not provenance.
      const byPerson = request({ requester: { reference: 'Practitioner/p1', display: 'Dr Patrick Pump' } });
      expect(medicationLine(byPerson).recordedBy?.display).to.equal(undefined);
      expect(medicationLine(byPerson).missing).to.include('recordedBy');
      const byUnknownKind = statement({
        informationSource: { reference: 'urn:uuid:0001', display: 'Walk-in Centre' },
      });
      expect(medicationLine(byUnknownKind).recordedBy?.display).to.equal('Walk-in Centre');
      const statementSource = statement({
        informationSource: { display: 'Riverside Surgery', identifier: { system: ODS, value: 'Y00001' } },
      });
      expect(medicationLine(statementSource).recordedBy?.display).to.equal('Riverside Surgery (Y00001)');
    });

    it('a resolver that throws is treated as not having the resource', () => {
      const line = medicationLine(
        request({
          medicationCodeableConcept: undefined,
          medicationReference: { reference: 'Medication/x', display: 'Fallback' },
        }),
        () => {
          throw new Error('offline');
        },
      );
      expect(line.name).to.equal('Fallback');
    });

    it('malformed input never throws and lists what is missing', () => {
      for (const bad of [
        undefined,
        null,
        {},
        'MedicationRequest',
        { resourceType: 'MedicationStatement', dosage: 'x', effectivePeriod: [] },
      ]) {
        const line = medicationLine(bad as unknown as MedicationRequest, undefined, { now });
        expect(line.name, JSON.stringify(bad)).to.equal('Not known');
        expect(line.dose).to.equal('Not known');
        expect(line.statusLabel).to.equal('Not known');
        expect(line.missing).to.include.members(['name', 'dose', 'startDate', 'recordedBy']);
      }
    });
  });

  describe('sortMedicationLines', () => {
    const lines: MedicationLine[] = [
      medicationLine(request({ id: 'a', authoredOn: '2023-01-01' }), undefined, { now }),
      medicationLine(request({ id: 'b', authoredOn: '2024-02-01' }), undefined, { now }),
      medicationLine(request({ id: 'c', authoredOn: undefined }), undefined, { now }),
      medicationLine(
        request({
          id: 'd',
          status: 'completed',
          dispenseRequest: { validityPeriod: { start: '2020-01-01', end: '2023-06-01' } },
        }),
        undefined,
        { now },
      ),
      medicationLine(
        request({
          id: 'e',
          status: 'stopped',
          dispenseRequest: { validityPeriod: { start: '2022-01-01', end: '2022-03-01' } },
        }),
        undefined,
        { now },
      ),
      medicationLine(request({ id: 'f', status: 'completed', authoredOn: '2023-09-01' }), undefined, { now }),
    ];

    it('MEDv-099 current view by start date, newest first; undated last', () => {
      expect(sortMedicationLines(lines, 'current').map((l) => l.id)).to.deep.equal(['b', 'a', 'c']);
    });

    it('MEDv-100 past view by end date (start date when none), newest first', () => {
      expect(sortMedicationLines(lines, 'past').map((l) => l.id)).to.deep.equal(['f', 'd', 'e']);
    });

    it('ties are ordered by name; the input is not changed', () => {
      const tie = [
        medicationLine(request({ id: 'z', medicationCodeableConcept: { text: 'Zopiclone' } }), undefined, {
          now,
        }),
        medicationLine(request({ id: 'y', medicationCodeableConcept: { text: 'Aspirin' } }), undefined, {
          now,
        }),
      ];
      expect(sortMedicationLines(tie, 'current').map((l) => l.id)).to.deep.equal(['y', 'z']);
      expect(tie.map((l) => l.id)).to.deep.equal(['z', 'y']);
      expect(sortMedicationLines([null as unknown as MedicationLine], 'current')).to.deep.equal([]);
    });
  });
});

describe('model/medications: text as written, never disguised', () => {
  it('the drug name and the dose come out without bidi controls or zero-width characters', () => {
    const line = medicationLine(
      request({
        id: 'rx\u200B1',
        medicationCodeableConcept: { text: 'Amoxi\u200Bcillin 5\u200B00mg \u202Eselusp\u202Cac' },
        dosageInstruction: [{ text: 'Take \u202E05\u202C tablets' }],
      }),
      undefined,
      { now },
    );
    expect(line.name).to.equal('Amoxicillin 500mg seluspac');
    expect(line.dose).to.equal('Take 05 tablets');
    // The id is kept as sent: it is compared, never shown.
    expect(line.id).to.equal('rx\u200B1');
  });

  it('a structured dose and a contained Medication strength are cleaned', () => {
    const line = medicationLine(
      request({
        contained: [
          {
            resourceType: 'Medication',
            id: 'med',
            code: { text: 'Meto\u200Dprolol' },
            ingredient: [
              {
                itemCodeableConcept: { text: 'Metoprolol' },
                strength: {
                  numerator: { value: 50, unit: 'm\u200Bg' },
                  denominator: { value: 1, unit: '\u2067tablet\u2069' },
                },
              },
            ],
          } as Medication,
        ],
        medicationCodeableConcept: undefined,
        medicationReference: { reference: '#med' },
        dosageInstruction: [{ doseAndRate: [{ doseQuantity: { value: 1, unit: 'tab\u200Blet' } }] }],
      }),
      undefined,
      { now },
    );
    expect(line.name).to.equal('metoprolol');
    expect(line.strength).to.equal('50 mg/tablet');
    expect(line.dose).to.equal('1 tablet');
  });

  it('a reference to a contained Medication is matched exactly as sent, never after cleaning', () => {
    const line = medicationLine(
      request({
        contained: [{ resourceType: 'Medication', id: 'med', code: { text: 'Warfarin' } } as Medication],
        medicationCodeableConcept: undefined,
        medicationReference: { reference: '#me\u200Bd' },
      }),
      undefined,
      { now },
    );
    expect(line.name).to.equal('Not known');
    expect(line.missing).to.include('name');
  });
});

describe('model/medications: restricted (S-flagged) record', () => {
  // The synthetic restricted patient is registered at `Organization/synthetic-practice-y00001`
  // (RIVERSIDE SURGERY, ODS Y00001); the same practice also appears under a urn:uuid.
  const PRACTICE_UUID = 'urn:uuid:6f1d2c3b-0000-4000-8000-00000000a001';
  const patient = {
    ...restrictedPatient,
    generalPractitioner: [...(restrictedPatient.generalPractitioner ?? []), { reference: PRACTICE_UUID }],
  };
  const withholding = withholdingFor(patient);
  const WITHHELD = { display: 'GP practice (withheld: restricted record)', withheld: 'gp-practice' };
  const SECRETS = /RIVERSIDE|Y00001|synthetic-practice|6f1d2c3b/i;
  const practice = restrictedPractice;
  const role = restrictedPracticeRole;
  const resolve = (reference: Reference): Resource | undefined =>
    ({
      'Organization/synthetic-practice-y00001': practice,
      'PractitionerRole/gp-role': role,
      'Organization/other-id-for-the-practice': { ...practice, id: 'other-id-for-the-practice' },
    })[reference.reference ?? ''] ?? resolveUkCore(reference);

  const recordedBy = (extra: Partial<MedicationRequest> | Partial<MedicationStatement>, options = {}) =>
    medicationLine(
      'informationSource' in extra
        ? statement(extra as Partial<MedicationStatement>)
        : request(extra as Partial<MedicationRequest>),
      undefined,
      { now, resolve, withholding, ...options },
    ).recordedBy;

  it('the registered practice by relative, absolute, versioned and urn:uuid references', () => {
    for (const reference of [
      'Organization/synthetic-practice-y00001',
      'https://fhir.example.nhs.uk/R4/Organization/synthetic-practice-y00001',
      'Organization/synthetic-practice-y00001/_history/2',
      PRACTICE_UUID,
    ]) {
      expect(recordedBy({ requester: { reference } }), reference).to.deep.equal(WITHHELD);
      expect(
        recordedBy({ requester: { reference }, recorder: { reference } }, { resolve: undefined }),
      ).to.deep.equal(WITHHELD);
    }
  });

  it('the registered practice by identifier only, by display only, and as a MedicationStatement source', () => {
    expect(recordedBy({ recorder: { identifier: { system: ODS, value: 'Y00001' } } })).to.deep.equal(
      WITHHELD,
    );
    expect(recordedBy({ recorder: { display: 'Riverside Surgery' } })).to.deep.equal(WITHHELD);
    expect(recordedBy({ informationSource: { display: 'RIVERSIDE SURGERY' } })).to.deep.equal(WITHHELD);
    expect(
      recordedBy({ informationSource: { reference: 'Organization/synthetic-practice-y00001' } }),
    ).to.deep.equal(WITHHELD);
  });

  it('the practice known by what it is once resolved (another id), and a PractitionerRole there', () => {
    expect(recordedBy({ requester: { reference: 'Organization/other-id-for-the-practice' } })).to.deep.equal(
      WITHHELD,
    );
    expect(recordedBy({ requester: { reference: 'PractitionerRole/gp-role' } })).to.deep.equal(WITHHELD);
  });

  it('another GP practice and a pharmacy are withheld too, with the kind of setting said', () => {
    expect(recordedBy({ requester: { identifier: { system: ODS, value: 'B82005' } } })).to.deep.equal(
      WITHHELD,
    );
    expect(
      recordedBy({ performer: { reference: 'Organization/p', display: 'Corner Pharmacy' } }),
    ).to.deep.equal({ display: 'Pharmacy (withheld: restricted record)', withheld: 'pharmacy' });
    // `restricted` alone (no withholding to hand) still recognises a GP practice.
    expect(
      recordedBy(
        { requester: { identifier: { system: ODS, value: 'B82005' } } },
        { withholding: undefined, restricted: true },
      ),
    ).to.deep.equal(WITHHELD);
  });

  it('a hospital organisation stays shown by name and ODS code', () => {
    const line = medicationLine(
      request({
        requester: { reference: 'Practitioner/UKCore-Practitioner-ConsultantSandraGose-Example' },
        recorder: { reference: 'Organization/UKCore-Organization-LeedsTeachingHospital-Example' },
      }),
      undefined,
      { now, resolve, withholding },
    );
    expect(line.recordedBy).to.deep.include({ name: 'LEEDS TEACHING HOSPITALS NHS TRUST', ods: 'RR8' });
    expect(line.recordedBy).to.not.have.property('withheld');
  });

  it('no name, ODS code or reference of the practice anywhere in the line', () => {
    const line = medicationLine(
      request({
        requester: { reference: 'Organization/synthetic-practice-y00001', display: 'RIVERSIDE SURGERY' },
      }),
      undefined,
      { now, resolve, withholding },
    );
    expect(line.recordedBy).to.deep.equal(WITHHELD);
    expect(line.missing).to.not.include('recordedBy');
    expect(JSON.stringify(line)).to.not.match(SECRETS);
  });

  it('an unrestricted record shows the practice as before', () => {
    const line = medicationLine(
      request({ requester: { reference: 'Organization/synthetic-practice-y00001' } }),
      undefined,
      { now, resolve },
    );
    expect(line.recordedBy).to.deep.include({ name: 'RIVERSIDE SURGERY', ods: 'Y00001' });
  });
});
