import { expect } from '@open-wc/testing';
import type {
  Composition,
  DocumentReference,
  Encounter,
  Immunization,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Organization,
  Patient,
  PractitionerRole,
  Reference,
  Resource,
} from 'fhir/r4';
import {
  isWithheldReference,
  withheldCopy,
  withheldKindOf,
  withheldLabel,
  withheldProvenance,
  withholdingFor,
  withholdingOption,
} from '../../src/model/restricted-record.js';
import { restrictedPatient, typicalAdult } from '../fixtures/patients.js';
import { resolveUkCore, ukCore } from '../fixtures/uk-core/index.js';

const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const ROLE = 'https://fhir.nhs.uk/CodeSystem/organisation-role';
const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
const GP_LABEL = 'GP practice (withheld: restricted record)';
const PHARMACY_LABEL = 'Pharmacy (withheld: restricted record)';
const LOCATION_LABEL = 'Location (withheld: restricted record)';
const CLINICIAN_LABEL = 'Clinician (withheld: restricted record)';
/** The synthetic restricted patient's practice: `Organization/synthetic-practice-y00001`, Y00001. */
const PRACTICE = 'Organization/synthetic-practice-y00001';
const SECRETS = /RIVERSIDE|Y00001|synthetic-practice|Hidden House|HG1|07700/i;

const withholding = withholdingFor(restrictedPatient)!;

const restricted = (extra: Partial<Patient>): Patient => ({
  resourceType: 'Patient',
  id: 'restricted-2',
  meta: { security: [{ system: CONFIDENTIALITY, code: 'V' }] },
  ...extra,
});

/** A contained resource of any type (the R4 typings allow only the base `Resource` there). */
const res = (resource: object) => resource as Resource;

/** Deep-freezes a resource so that any change to it throws (modules run in strict mode). */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(frozen);
    Object.freeze(value);
  }
  return value;
}

const organisation = (extra: Partial<Organization>): Organization => ({
  resourceType: 'Organization',
  id: 'org',
  ...extra,
});

describe('model/restricted-record', () => {
  describe('withholdingFor', () => {
    it('nothing is withheld for an unrestricted patient or for no patient', () => {
      expect(withholdingFor(typicalAdult)).to.equal(undefined);
      for (const bad of [
        undefined,
        null,
        'Patient',
        {},
        { resourceType: 'Patient', meta: { security: 'R' } },
      ])
        expect(withholdingFor(bad)).to.equal(undefined);
    });

    it('restricted (R) and very restricted (V) records withhold, even with no GP recorded', () => {
      expect(withholding).to.not.equal(undefined);
      const none = withholdingFor(restricted({}));
      expect(none?.keys.size).to.equal(0);
      expect(isWithheldReference({ identifier: { system: ODS, value: 'B82005' } }, none)).to.equal(true);
    });

    it('keeps digests of the practice, never its name, ODS code or reference', () => {
      expect(withholding.keys.size).to.be.greaterThan(3);
      expect([...withholding.keys].join(' ')).to.not.match(SECRETS);
    });

    it('withholdingOption: the withholding given, an empty one for restricted alone, else none', () => {
      expect(withholdingOption({ withholding })).to.equal(withholding);
      expect(withholdingOption({ restricted: true })?.keys.size).to.equal(0);
      expect(withholdingOption({})).to.equal(undefined);
      expect(withholdingOption({ restricted: false })).to.equal(undefined);
    });
  });

  describe('isWithheldReference: the registered practice in every form', () => {
    it('relative, absolute, versioned, conditional, identifier-only and display-only references', () => {
      for (const reference of [
        { reference: PRACTICE },
        PRACTICE,
        { reference: ` https://fhir.example.nhs.uk/R4/${PRACTICE} ` },
        { reference: `${PRACTICE}/_history/3` },
        { reference: `https://other.example/fhir/${PRACTICE}/_history/1` },
        { reference: `Organization?identifier=${encodeURIComponent(`${ODS}|Y00001`)}` },
        { identifier: { system: ODS, value: 'y00001' } },
        { identifier: { value: 'Y00001' } },
        { display: 'RIVERSIDE SURGERY' },
        { display: ' riverside\u00a0 Surgery ' },
        { display: 'Riverside\u200BSurgery.' },
      ]) {
        expect(isWithheldReference(reference, withholding), JSON.stringify(reference)).to.equal(true);
      }
    });

    it('a urn:uuid as written, and what a contained practice or role says', () => {
      const uuid = 'urn:uuid:0b8a0b5e-4d34-4f2e-9d7e-5a3c2f1e0d9c';
      const patient = restricted({
        generalPractitioner: [{ reference: uuid }, { reference: '#role' }],
        contained: [
          res({ resourceType: 'PractitionerRole', id: 'role', organization: { reference: '#gp' } }),
          res({
            resourceType: 'Organization',
            id: 'gp',
            name: 'Moor Lane Partnership',
            identifier: [{ system: ODS, value: 'GP7' }],
          }),
        ],
      });
      const w = withholdingFor(patient);
      expect(isWithheldReference({ reference: uuid }, w)).to.equal(true);
      expect(isWithheldReference({ reference: uuid.toUpperCase() }, w)).to.equal(true);
      expect(isWithheldReference({ reference: 'urn:uuid:11111111-2222-3333-4444-555555555555' }, w)).to.equal(
        false,
      );
      expect(isWithheldReference({ identifier: { system: ODS, value: 'GP7' } }, w)).to.equal(true);
      expect(isWithheldReference({ display: 'MOOR LANE PARTNERSHIP' }, w)).to.equal(true);
      // A contained `#id` names nothing outside the patient: it is not a form of the practice.
      expect(isWithheldReference({ reference: 'Organization/gp' }, w)).to.equal(false);
    });

    it('any GP practice or pharmacy by ODS code, name or type, and any Location', () => {
      for (const reference of [
        { identifier: { system: ODS, value: 'B82005' } },
        { reference: `Organization?identifier=${ODS}|F81001` },
        { identifier: { system: 'https://fhir.nhs.uk/Id/ods-site-code', value: 'FA123' } },
        { reference: 'Organization/x', display: 'White Rose Medical Centre' },
        { reference: 'urn:uuid:abc', display: 'Boots Pharmacy' },
        { type: 'Organization', display: 'Church Lane Surgery' },
        { reference: 'Location/ward-1' },
        { reference: 'https://fhir.example.nhs.uk/R4/Location/ward-1' },
        { type: 'Location', display: 'Ward 4' },
      ]) {
        expect(isWithheldReference(reference, withholding), JSON.stringify(reference)).to.equal(true);
      }
    });

    it('a hospital, its clinicians and a medicine stay followable; nothing is withheld when unrestricted', () => {
      for (const reference of [
        {
          reference: 'Organization/UKCore-Organization-LeedsTeachingHospital-Example',
          display: 'LEEDS TEACHING HOSPITALS NHS TRUST',
          identifier: { system: ODS, value: 'RR8' },
        },
        { identifier: { system: ODS, value: 'RR801' } },
        { reference: 'Organization/x', display: 'Day Surgery Unit' },
        { reference: 'Organization/x', display: 'Department of Surgery' },
        { reference: 'Practitioner/UKCore-Practitioner-ConsultantSandraGose-Example', display: 'Dr Gose' },
        { reference: 'Medication/m1', display: 'Paracetamol' },
        { reference: 'Procedure/p1', display: 'Knee surgery' },
        { type: 'Practitioner', identifier: { value: 'B82005' } },
        undefined,
        'nonsense',
        42,
      ]) {
        expect(isWithheldReference(reference, withholding), JSON.stringify(reference)).to.equal(false);
      }
      expect(isWithheldReference({ reference: PRACTICE }, undefined)).to.equal(false);
      expect(isWithheldReference({ reference: 'Location/ward-1' }, undefined)).to.equal(false);
    });

    it('does not follow references to judge them (nothing is requested or resolved)', () => {
      // A PractitionerRole cannot be judged without reading it: the element reads it, then the model judges.
      expect(isWithheldReference({ reference: 'PractitionerRole/r1' }, withholding)).to.equal(false);
    });
  });

  describe('withheldKindOf', () => {
    it('GP practices by ODS role (any role code system, RO76 or 76), SNOMED CT, v3 and type text', () => {
      const types = [
        { coding: [{ system: ROLE, code: '76', display: 'GP PRACTICE' }] },
        { coding: [{ system: ROLE, code: 'RO177' }] },
        {
          coding: [
            {
              system: 'https://directory.spineservices.nhs.uk/STU3/CodeSystem/ODSAPI-OrganizationRole-1',
              code: 'RO76',
            },
          ],
        },
        {
          coding: [
            {
              system: 'https://fhir.nhs.uk/England/CodeSystem/England-ODSOrganisationRoleCode',
              code: 'RO96',
            },
          ],
        },
        { coding: [{ system: 'http://snomed.info/sct', code: '394761003' }] },
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'FMC' }] },
        { text: 'General practice' },
        { coding: [{ display: 'GP surgery' }] },
      ];
      for (const type of types)
        expect(withheldKindOf(organisation({ type: [type] }), withholding), JSON.stringify(type)).to.equal(
          'gp-practice',
        );
      const odsExtension = organisation({
        extension: [
          {
            url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-ODSAPI-OrganizationRole-1',
            extension: [
              {
                url: 'role',
                valueCoding: {
                  system: 'https://fhir.nhs.uk/STU3/CodeSystem/ODSAPI-OrganizationRole-1',
                  code: '76',
                },
              },
            ],
          },
        ],
      });
      expect(withheldKindOf(odsExtension, withholding)).to.equal('gp-practice');
    });

    it('GP practices by ODS code form and by name; the registered practice by id, code or name', () => {
      expect(
        withheldKindOf(organisation({ identifier: [{ system: ODS, value: 'B82005' }] }), withholding),
      ).to.equal('gp-practice');
      expect(withheldKindOf(ukCore.organisationWhiteRose, withholding)).to.equal('gp-practice');
      expect(withheldKindOf(organisation({ id: 'synthetic-practice-y00001' }), withholding)).to.equal(
        'gp-practice',
      );
      expect(withheldKindOf(organisation({ name: 'Riverside  surgery' }), withholding)).to.equal(
        'gp-practice',
      );
      expect(withheldKindOf(organisation({ alias: ['The Health Centre'] }), withholding)).to.equal(
        'gp-practice',
      );
      expect(
        withheldKindOf(organisation({ partOf: { reference: PRACTICE }, name: 'Branch' }), withholding),
      ).to.equal('gp-practice');
    });

    it('pharmacies by ODS role, SNOMED CT, v3, ODS code and name', () => {
      for (const org of [
        organisation({ type: [{ coding: [{ system: ROLE, code: '182', display: 'PHARMACY' }] }] }),
        organisation({ type: [{ coding: [{ system: ROLE, code: 'RO280' }] }] }),
        organisation({ type: [{ coding: [{ system: 'http://snomed.info/sct', code: '264372000' }] }] }),
        organisation({
          type: [
            { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'PHARM' }] },
          ],
        }),
        organisation({ identifier: [{ system: ODS, value: 'FA565' }] }),
        organisation({ name: 'The Simple Pharmacy' }),
        organisation({ name: 'Smith Chemists' }),
      ])
        expect(withheldKindOf(org, withholding), JSON.stringify(org)).to.equal('pharmacy');
    });

    it('hospitals and trusts are shown, even with a hospital pharmacy or a surgical unit in the name', () => {
      for (const org of [
        ukCore.organisationLeeds,
        organisation({ type: [{ coding: [{ system: ROLE, code: '197', display: 'NHS TRUST' }] }] }),
        organisation({ name: 'Leeds Teaching Hospitals Pharmacy' }),
        organisation({ name: 'Day Surgery' }),
        organisation({ name: 'General Surgery' }),
        organisation({ name: 'Department of Surgery' }),
        organisation({ identifier: [{ system: ODS, value: 'RR8' }] }),
      ])
        expect(withheldKindOf(org, withholding), JSON.stringify(org)).to.equal(undefined);
    });

    it('a PractitionerRole has the kind of its organisation (referenced, contained or resolved)', () => {
      const role = (extra: Partial<PractitionerRole>): PractitionerRole => ({
        resourceType: 'PractitionerRole',
        id: 'role',
        ...extra,
      });
      expect(withheldKindOf(role({ organization: { reference: PRACTICE } }), withholding)).to.equal(
        'gp-practice',
      );
      expect(
        withheldKindOf(
          role({
            organization: { reference: '#org' },
            contained: [organisation({ id: 'org', type: [{ coding: [{ system: ROLE, code: 'RO76' }] }] })],
          }),
          withholding,
        ),
      ).to.equal('gp-practice');
      const resolve = (reference: Reference) =>
        reference.reference === 'Organization/p'
          ? organisation({ id: 'p', name: 'Corner Pharmacy' })
          : undefined;
      expect(
        withheldKindOf(role({ organization: { reference: 'Organization/p' } }), withholding, { resolve }),
      ).to.equal('pharmacy');
      expect(
        withheldKindOf(
          role({
            organization: { reference: 'Organization/UKCore-Organization-LeedsTeachingHospital-Example' },
          }),
          withholding,
          { resolve: resolveUkCore },
        ),
      ).to.equal(undefined);
      expect(withheldKindOf(role({}), withholding)).to.equal(undefined);
    });

    it('a reference is judged by what it leads to, when that is to hand', () => {
      const practiceById = (reference: Reference): Resource | undefined =>
        reference.reference === 'urn:uuid:1' ? organisation({ id: 'synthetic-practice-y00001' }) : undefined;
      expect(withheldKindOf({ reference: 'urn:uuid:1' }, withholding, { resolve: practiceById })).to.equal(
        'gp-practice',
      );
      expect(withheldKindOf({ reference: 'urn:uuid:1' }, withholding)).to.equal(undefined);
      expect(
        withheldKindOf({ reference: '#loc' }, withholding, {
          container: { contained: [{ resourceType: 'Location', id: 'loc' }] },
        }),
      ).to.equal('location');
      // A resolver that throws only means the resource is not to hand.
      const failing = () => {
        throw new Error('boom');
      };
      expect(withheldKindOf({ reference: 'Organization/q' }, withholding, { resolve: failing })).to.equal(
        undefined,
      );
    });

    it('the registered GP as a person: by reference and by what they are', () => {
      const patient = restricted({
        generalPractitioner: [{ reference: 'Practitioner/gp-1', display: 'Dr A Jones' }],
      });
      const w = withholdingFor(patient);
      expect(withheldKindOf({ reference: 'Practitioner/gp-1' }, w)).to.equal('gp-practice');
      expect(withheldKindOf({ resourceType: 'Practitioner', id: 'gp-1' }, w)).to.equal('gp-practice');
      expect(withheldKindOf({ resourceType: 'Practitioner', id: 'gp-2' }, w)).to.equal(undefined);
    });

    it('nothing without a withholding, and never a throw on malformed input', () => {
      expect(withheldKindOf(organisation({ name: 'Riverside Surgery' }), undefined)).to.equal(undefined);
      for (const bad of [
        null,
        1,
        'x',
        [],
        { resourceType: 'Organization', type: 'x', identifier: 'y', name: 3 },
      ])
        expect(() => withheldKindOf(bad, withholding)).to.not.throw();
    });
  });

  it('labels and provenance say the kind of setting and nothing else', () => {
    expect(withheldLabel('gp-practice')).to.equal(GP_LABEL);
    expect(withheldLabel('pharmacy')).to.equal(PHARMACY_LABEL);
    expect(withheldLabel('location')).to.equal(LOCATION_LABEL);
    expect(withheldProvenance('gp-practice')).to.deep.equal({ display: GP_LABEL, withheld: 'gp-practice' });
    expect(withheldProvenance('pharmacy')).to.deep.equal({ display: PHARMACY_LABEL, withheld: 'pharmacy' });
  });

  describe('withheldCopy', () => {
    it('an unrestricted record: the resource itself, untouched', () => {
      const request = ukCore.requestAmoxicillin;
      expect(withheldCopy(request, undefined)).to.equal(request);
      expect(withheldCopy(undefined, withholding)).to.equal(undefined);
      expect(withheldCopy('x', withholding)).to.equal('x');
    });

    it('DocumentReference and Composition: no attachment data or section narrative; the address stays', () => {
      const reference = frozen<DocumentReference>({
        resourceType: 'DocumentReference',
        status: 'current',
        subject: { reference: 'Patient/synthetic-restricted' },
        custodian: { reference: PRACTICE, display: 'RIVERSIDE SURGERY' },
        content: [{ attachment: { contentType: 'text/plain', data: 'SEcxIDFaWg==', url: 'Binary/letter' } }],
      });
      const copy = withheldCopy(reference, withholding);
      expect(copy.content[0].attachment).to.deep.equal({ contentType: 'text/plain', url: 'Binary/letter' });
      expect(copy.custodian).to.deep.equal({ display: GP_LABEL });
      const composition = frozen<Composition>({
        resourceType: 'Composition',
        status: 'final',
        type: { text: 'Letter' },
        date: '2026-01-01',
        author: [{ display: 'Leeds Teaching Hospitals NHS Trust' }],
        title: 'Letter',
        section: [
          {
            title: 'Address',
            text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">HG1 1ZZ</div>' },
            section: [{ title: 'More', text: { status: 'generated', div: '<div>07700</div>' } }],
          },
        ],
      });
      const sections = withheldCopy(composition, withholding).section;
      expect(sections).to.deep.equal([{ title: 'Address', section: [{ title: 'More' }] }]);
    });

    it('MedicationRequest: no narrative, nominated pharmacy, practice, its contained resources or Locations', () => {
      const request = frozen<MedicationRequest>({
        resourceType: 'MedicationRequest',
        id: 'rx',
        text: {
          status: 'generated',
          div: '<div xmlns="http://www.w3.org/1999/xhtml">RIVERSIDE SURGERY</div>',
        },
        contained: [
          res({
            resourceType: 'Organization',
            id: 'gp',
            name: 'Riverside Surgery',
            identifier: [{ system: ODS, value: 'Y00001' }],
          }),
          res({ resourceType: 'Location', id: 'loc', name: 'Hidden House' }),
          res({
            resourceType: 'Medication',
            id: 'med',
            identifier: [{ value: 'A12345' }],
            code: { text: 'Aspirin' },
          }),
          res({ resourceType: 'Patient', id: 'pat', address: [{ postalCode: 'HG1 1ZZ' }] }),
          res({
            resourceType: 'Organization',
            id: 'trust',
            name: 'LEEDS TEACHING HOSPITALS NHS TRUST',
            text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">trust</div>' },
          }),
        ],
        status: 'active',
        intent: 'order',
        subject: { reference: 'Patient/synthetic-restricted' },
        medicationCodeableConcept: { text: 'Paracetamol 500mg tablets' },
        requester: { reference: '#gp' },
        recorder: { reference: `https://fhir.example.nhs.uk/R4/${PRACTICE}`, display: 'RIVERSIDE SURGERY' },
        performer: { reference: '#trust' },
        supportingInformation: [{ reference: '#loc' }, { reference: '#pat', display: 'Sam' }],
        dispenseRequest: {
          performer: { reference: 'Organization/pharm', display: 'Corner Pharmacy' },
          numberOfRepeatsAllowed: 2,
        },
      });
      const before = JSON.stringify(request);
      const copy = withheldCopy(request, withholding);
      expect(JSON.stringify(request)).to.equal(before);
      expect(copy).to.not.equal(request);
      expect(copy).to.not.have.property('text');
      expect(copy.contained).to.deep.equal([
        {
          resourceType: 'Medication',
          id: 'med',
          identifier: [{ value: 'A12345' }],
          code: { text: 'Aspirin' },
        },
        { resourceType: 'Organization', id: 'trust', name: 'LEEDS TEACHING HOSPITALS NHS TRUST' },
      ]);
      expect(copy.requester).to.deep.equal({ display: GP_LABEL });
      expect(copy.recorder).to.deep.equal({ display: GP_LABEL });
      expect(copy.performer).to.deep.equal({ reference: '#trust' });
      expect(copy.supportingInformation).to.deep.equal([{ display: LOCATION_LABEL }, { display: 'Sam' }]);
      expect(copy.dispenseRequest).to.deep.equal({ numberOfRepeatsAllowed: 2 });
      expect(copy.subject).to.deep.equal({ reference: 'Patient/synthetic-restricted' });
      expect(copy.medicationCodeableConcept).to.deep.equal({ text: 'Paracetamol 500mg tablets' });
      expect(JSON.stringify(copy)).to.not.match(SECRETS);
      expect(JSON.stringify(copy)).to.not.match(/Corner|Hidden/);
    });

    it('MedicationStatement: the practice as information source, a role there as a clinician', () => {
      const resolve = (reference: Reference): Resource | undefined =>
        reference.reference === 'PractitionerRole/r1'
          ? ({
              resourceType: 'PractitionerRole',
              id: 'r1',
              organization: { reference: PRACTICE },
            } as PractitionerRole)
          : undefined;
      const statement = frozen<MedicationStatement>({
        resourceType: 'MedicationStatement',
        id: 'ms',
        status: 'active',
        subject: { reference: 'Patient/synthetic-restricted' },
        medicationCodeableConcept: { text: 'Ramipril 5mg capsules' },
        informationSource: { display: 'Riverside Surgery' },
        derivedFrom: [{ reference: 'PractitionerRole/r1', display: 'Dr A Jones, Riverside' }],
        note: [{ authorReference: { identifier: { system: ODS, value: 'Y00001' } }, text: 'Reviewed' }],
      });
      const copy = withheldCopy(statement, withholding, { resolve });
      expect(copy.informationSource).to.deep.equal({ display: GP_LABEL });
      expect(copy.derivedFrom).to.deep.equal([{ display: CLINICIAN_LABEL }]);
      expect(copy.note).to.deep.equal([{ authorReference: { display: GP_LABEL }, text: 'Reviewed' }]);
      expect(JSON.stringify(copy)).to.not.match(SECRETS);
    });

    it('Encounter at the practice: no locations, origin or destination, provider or clinicians named', () => {
      const uuid = 'urn:uuid:9d1f';
      const w = withholdingFor({ ...restrictedPatient, generalPractitioner: [{ reference: uuid }] });
      const encounter = frozen<Encounter>({
        resourceType: 'Encounter',
        id: 'enc',
        text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Seen at home</div>' },
        contained: [res({ resourceType: 'Location', id: 'home', address: { postalCode: 'HG1 1ZZ' } })],
        status: 'finished',
        class: { code: 'AMB' },
        subject: { reference: 'Patient/synthetic-restricted' },
        serviceProvider: { reference: uuid },
        participant: [{ individual: { reference: 'Practitioner/dr-b', display: 'Dr B Smith' } }],
        reasonReference: [{ display: 'Knee surgery' }],
        location: [{ location: { reference: '#home' } }],
        hospitalization: {
          origin: { reference: 'Location/home' },
          destination: { display: 'Home address' },
          dischargeDisposition: { text: 'Home' },
        },
      });
      const copy = withheldCopy(encounter, w);
      expect(copy).to.not.have.any.keys('text', 'location');
      expect(copy.contained).to.deep.equal([]);
      expect(copy.hospitalization).to.deep.equal({ dischargeDisposition: { text: 'Home' } });
      expect(copy.serviceProvider).to.deep.equal({ display: GP_LABEL });
      expect(copy.participant).to.deep.equal([{ individual: { display: CLINICIAN_LABEL } }]);
      expect(copy.reasonReference).to.deep.equal([{ display: 'Knee surgery' }]);
      expect(JSON.stringify(copy)).to.not.match(/HG1|Dr B|9d1f/);
    });

    it('Encounter at a hospital: the provider and its clinicians stay; the locations still go', () => {
      const copy = withheldCopy(ukCore.encounterInpatient, withholding, { resolve: resolveUkCore });
      expect(copy.serviceProvider).to.deep.equal(ukCore.encounterInpatient.serviceProvider);
      expect(copy.participant).to.deep.equal(ukCore.encounterInpatient.participant);
      expect(copy).to.not.have.any.keys('text', 'location');
      expect(JSON.stringify(copy)).to.not.match(/CARDIOLOGY/);
    });

    it('Immunization at the practice: no location, the practice and the vaccinator withheld', () => {
      const immunisation = frozen<Immunization>({
        resourceType: 'Immunization',
        id: 'imm',
        status: 'completed',
        patient: { reference: 'Patient/synthetic-restricted' },
        vaccineCode: { text: 'Influenza vaccine' },
        occurrenceDateTime: '2023-10-01',
        location: { display: 'Riverside Surgery treatment room' },
        performer: [
          { actor: { reference: 'Practitioner/nurse', display: 'Nurse B Brown' } },
          { actor: { reference: PRACTICE } },
          { actor: { display: 'Nurse C Clark' } },
        ],
      });
      const copy = withheldCopy(immunisation, withholding);
      expect(copy).to.not.have.any.keys('location');
      expect(copy.performer).to.deep.equal([
        { actor: { display: CLINICIAN_LABEL } },
        { actor: { display: GP_LABEL } },
        { actor: { display: CLINICIAN_LABEL } },
      ]);
      expect(copy.patient).to.deep.equal(immunisation.patient);
      expect(JSON.stringify(copy)).to.not.match(/Riverside|Nurse|Y00001/);
    });

    it('Immunization at a vaccination centre: the centre and the vaccinator stay; the location goes', () => {
      const copy = withheldCopy(ukCore.immunisationPerformer, withholding);
      expect(copy.performer).to.deep.equal(ukCore.immunisationPerformer.performer);
      const influenza = withheldCopy(ukCore.immunisationInfluenza, withholding, { resolve: resolveUkCore });
      expect(influenza).to.not.have.any.keys('location', 'text');
    });

    it('a performer named only as a pharmacy is withheld as a pharmacy', () => {
      const copy = withheldCopy<Immunization>(
        {
          resourceType: 'Immunization',
          status: 'completed',
          patient: { reference: 'Patient/x' },
          vaccineCode: { text: 'COVID-19 vaccine' },
          occurrenceDateTime: '2023-10-01',
          performer: [{ actor: { display: 'Moor Lane Pharmacy' } }, { actor: { display: 'Mr R Haworth' } }],
        },
        withholding,
      );
      expect(copy.performer).to.deep.equal([
        { actor: { display: PHARMACY_LABEL } },
        { actor: { display: CLINICIAN_LABEL } },
      ]);
    });

    it('the registered GP taking part in an encounter is a clinician, withheld', () => {
      const w = withholdingFor(restricted({ generalPractitioner: [{ reference: 'Practitioner/gp-1' }] }));
      const copy = withheldCopy<Encounter>(
        {
          resourceType: 'Encounter',
          status: 'finished',
          class: { code: 'HH' },
          participant: [{ individual: { reference: 'Practitioner/gp-1', display: 'Dr A Jones' } }],
        },
        w,
      );
      expect(copy.participant).to.deep.equal([{ individual: { display: CLINICIAN_LABEL } }]);
    });

    it('Patient: no address, telecom, contact, GP, managing organisation or address extension', () => {
      const patient = frozen<Patient>({
        ...restrictedPatient,
        contact: [{ name: { text: 'Kin' }, address: { city: 'Harrogate' } }],
        managingOrganization: { reference: PRACTICE },
        extension: [
          {
            url: 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace',
            valueAddress: { city: 'York' },
          },
          { url: 'https://example.org/other', valueString: 'kept' },
        ],
      });
      const copy = withheldCopy(patient, withholding);
      expect(copy).to.not.have.any.keys(
        'address',
        'telecom',
        'contact',
        'generalPractitioner',
        'managingOrganization',
      );
      expect(copy.extension).to.deep.equal([{ url: 'https://example.org/other', valueString: 'kept' }]);
      expect(copy.name).to.deep.equal(restrictedPatient.name);
      expect(copy.identifier).to.deep.equal(restrictedPatient.identifier);
      expect(JSON.stringify(copy)).to.not.match(SECRETS);
      expect(JSON.stringify(copy)).to.not.match(/York|Harrogate/);
    });

    it('any resource: every reference to the practice, a pharmacy or a Location anywhere in it', () => {
      const observation = frozen<Observation>({
        resourceType: 'Observation',
        id: 'obs',
        status: 'final',
        code: { text: 'Blood pressure' },
        subject: { reference: 'Patient/synthetic-restricted' },
        performer: [
          { display: 'Riverside Surgery' },
          { reference: 'Organization/pharm', display: 'Boots Pharmacy' },
        ],
        identifier: [{ value: '1', assigner: { reference: PRACTICE } }],
        extension: [{ url: 'https://example.org/where', valueReference: { reference: 'Location/1' } }],
      });
      const copy = withheldCopy(observation, withholding);
      expect(copy.performer).to.deep.equal([{ display: GP_LABEL }, { display: PHARMACY_LABEL }]);
      expect(copy.identifier).to.deep.equal([{ value: '1', assigner: { display: GP_LABEL } }]);
      expect(copy.extension).to.deep.equal([
        { url: 'https://example.org/where', valueReference: { display: LOCATION_LABEL } },
      ]);
      expect(copy.code).to.deep.equal({ text: 'Blood pressure' });
    });

    it('a withheld Organization, PractitionerRole or Location on its own keeps its type and the label', () => {
      expect(withheldCopy(ukCore.organisationWhiteRose, withholding)).to.deep.equal({
        resourceType: 'Organization',
        name: GP_LABEL,
      });
      expect(withheldCopy(ukCore.locationCardiology, withholding)).to.deep.equal({
        resourceType: 'Location',
        name: LOCATION_LABEL,
      });
      expect(
        withheldCopy<PractitionerRole>(
          { resourceType: 'PractitionerRole', organization: { reference: PRACTICE } },
          withholding,
        ),
      ).to.deep.equal({ resourceType: 'PractitionerRole', organization: { display: GP_LABEL } });
      const leeds = withheldCopy(ukCore.organisationLeeds, withholding);
      expect(leeds).to.not.have.property('text');
      expect(leeds.name).to.equal('LEEDS TEACHING HOSPITALS NHS TRUST');
    });

    it('never throws on malformed input, and a cycle does not loop', () => {
      const cyclic: Record<string, unknown> = { resourceType: 'Basic', code: { text: 'x' } };
      cyclic.self = cyclic;
      expect(() => withheldCopy(cyclic, withholding)).to.not.throw();
      for (const bad of [
        { resourceType: 'Encounter', hospitalization: 'x', location: 3, contained: 'y' },
        { resourceType: 'MedicationRequest', dispenseRequest: [], contained: [null, 1] },
        [],
        { reference: 5 },
      ])
        expect(() => withheldCopy(bad, withholding), JSON.stringify(bad)).to.not.throw();
    });
  });
});
