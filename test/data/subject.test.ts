import { expect } from '@open-wc/testing';
import type { Bundle, Patient, Resource } from 'fhir/r4';
import { BundleSource } from '../../src/data/bundle-source.js';
import { FhirRestSource } from '../../src/data/fhir-rest-source.js';
import {
  checkSubjects,
  isAboutPatient,
  patientIdentity,
  refersToPatient,
  type PatientIdentity,
} from '../../src/data/subject.js';
import { RecordError } from '../../src/data/record-error.js';

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const URN = 'urn:uuid:6f1a7d1e-3b7c-4a55-9a3e-0c1f0b0d9a11';
const alpha: PatientIdentity = { id: 'alpha', nhsNumber: '9434765919', label: '9434765919', search: 'alpha' };
const med = (subject: unknown): Resource =>
  ({ resourceType: 'MedicationStatement', status: 'active', subject }) as Resource;

describe('refersToPatient', () => {
  it('accepts the patient by relative, versioned and absolute reference', () => {
    expect(refersToPatient({ reference: 'Patient/alpha' }, alpha)).to.equal(true);
    expect(refersToPatient({ reference: ' Patient/alpha ' }, alpha)).to.equal(true);
    expect(refersToPatient({ reference: 'Patient/alpha/_history/3' }, alpha)).to.equal(true);
    expect(refersToPatient({ reference: 'https://fhir.example.nhs.uk/R4/Patient/alpha' }, alpha)).to.equal(
      true,
    );
  });

  it('refuses another patient, another type with the same id, contained and blank references', () => {
    expect(refersToPatient({ reference: 'Patient/bravo' }, alpha)).to.equal(false);
    expect(refersToPatient({ reference: 'Patient/alpha2' }, alpha)).to.equal(false);
    expect(refersToPatient({ reference: 'Group/alpha' }, alpha)).to.equal(false);
    expect(refersToPatient({ reference: '#alpha' }, alpha)).to.equal(false);
    expect(refersToPatient({ reference: 'alpha' }, alpha)).to.equal(false);
    expect(refersToPatient({ reference: '' }, alpha)).to.equal(false);
    expect(refersToPatient(undefined, alpha)).to.equal(false);
    expect(refersToPatient('Patient/alpha', alpha)).to.equal(false);
  });

  it('compares ids exactly: an invisible character makes another id', () => {
    expect(refersToPatient({ reference: 'Patient/al\u200Bpha' }, alpha)).to.equal(false);
  });

  it('accepts the fullUrl the Bundle knows the patient by', () => {
    const byUrn: PatientIdentity = { fullUrl: URN, search: URN };
    expect(refersToPatient({ reference: URN }, byUrn)).to.equal(true);
    expect(refersToPatient({ reference: 'urn:uuid:00000000-0000-4000-8000-000000000000' }, byUrn)).to.equal(
      false,
    );
    // Without an id, a `Patient/…` reference cannot be this patient.
    expect(refersToPatient({ reference: 'Patient/alpha' }, byUrn)).to.equal(false);
  });

  it('accepts a logical reference by the NHS number, spaced or not', () => {
    expect(refersToPatient({ identifier: { system: NHS, value: '943 476 5919' } }, alpha)).to.equal(true);
    expect(refersToPatient({ identifier: { system: NHS, value: '9912003888' } }, alpha)).to.equal(false);
    expect(refersToPatient({ identifier: { system: 'other', value: '9434765919' } }, alpha)).to.equal(false);
  });
});

describe('isAboutPatient and checkSubjects', () => {
  it('needs a subject or patient that names the patient, and no other', () => {
    expect(isAboutPatient(med({ reference: 'Patient/alpha' }), alpha)).to.equal(true);
    expect(
      isAboutPatient(
        { resourceType: 'AllergyIntolerance', patient: { reference: 'Patient/alpha' } } as Resource,
        alpha,
      ),
    ).to.equal(true);
    expect(isAboutPatient(med(undefined), alpha)).to.equal(false);
    expect(isAboutPatient(med({ reference: 'Patient/bravo' }), alpha)).to.equal(false);
    expect(
      isAboutPatient(
        { ...med({ reference: 'Patient/alpha' }), patient: { reference: 'Patient/bravo' } } as Resource,
        alpha,
      ),
    ).to.equal(false);
  });

  it('refuses the whole answer and names only the NHS number asked for', () => {
    const bravo: Resource = {
      ...med({ reference: 'Patient/bravo', display: 'BRAVO, Bob' }),
      identifier: [{ value: '9912003888' }],
    } as Resource;
    let error: RecordError | undefined;
    try {
      checkSubjects([med({ reference: 'Patient/alpha' }), bravo], alpha, 'MedicationStatement');
    } catch (caught) {
      error = caught as RecordError;
    }
    expect(error?.kind).to.equal('patient-mismatch');
    expect(error?.reason).to.equal('wrong-patient-search');
    expect(error?.params).to.deep.equal({ type: 'MedicationStatement', nhsNumber: '9434765919' });
    expect(error?.message).not.to.contain('9912003888').and.not.to.contain('BRAVO');
    expect(() =>
      checkSubjects([med({ reference: 'Patient/alpha' })], alpha, 'MedicationStatement'),
    ).not.to.throw();
  });
});

describe('patientIdentity', () => {
  const patient: Patient = { resourceType: 'Patient', identifier: [{ system: NHS, value: '9434765919' }] };

  it('searches by id, and labels the patient by the NHS number asked for', () => {
    const rest = new FhirRestSource({ endpoint: 'https://fhir.example.nhs.uk/R4' });
    const identity = patientIdentity(rest, { ...patient, id: 'p1' }, '9434765919');
    expect(identity).to.deep.equal({ id: 'p1', nhsNumber: '9434765919', label: '9434765919', search: 'p1' });
  });

  it('refuses a patient with no id from a server: a search without it would return everyone', () => {
    const rest = new FhirRestSource({ endpoint: 'https://fhir.example.nhs.uk/R4' });
    expect(() => patientIdentity(rest, patient))
      .to.throw(RecordError)
      .with.property('reason', 'patient-without-id');
  });

  it('searches a Bundle patient with no id by its fullUrl', async () => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ fullUrl: URN, resource: patient }],
    };
    const source = new BundleSource(bundle);
    const own = (await source.defaultPatient()) as Patient;
    expect(patientIdentity(source, own)).to.deep.include({ fullUrl: URN, search: URN });
  });
});
