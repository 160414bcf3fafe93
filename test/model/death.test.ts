import { expect } from '@open-wc/testing';
import type { Patient } from 'fhir/r4';
import { patientDeath } from '../../src/model/death.js';

const NOTIFICATION = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DeathNotificationStatus';
const notified = (code: string): Patient => ({
  resourceType: 'Patient',
  extension: [
    {
      url: NOTIFICATION,
      extension: [{ url: 'deathNotificationStatus', valueCodeableConcept: { coding: [{ code }] } }],
    },
  ],
});

describe('model/death', () => {
  it('a living patient has no death', () => {
    expect(patientDeath({ resourceType: 'Patient', deceasedBoolean: false })).to.equal(undefined);
    expect(patientDeath({ resourceType: 'Patient' })).to.equal(undefined);
    expect(patientDeath(null as unknown as Patient)).to.equal(undefined);
  });

  it('a date of death is read as a date (CUI format), a flag without one has no date', () => {
    const death = patientDeath({ resourceType: 'Patient', deceasedDateTime: '2026-03-03T09:30:00Z' });
    expect(death?.date?.display).to.equal('03-Mar-2026');
    expect(patientDeath({ resourceType: 'Patient', deceasedBoolean: true })).to.deep.equal({});
  });

  it('a PDS death notification says the patient died; a removed one (U) does not', () => {
    expect(patientDeath(notified('1'))).to.deep.equal({ notification: 'informal' });
    expect(patientDeath(notified('2'))).to.deep.equal({ notification: 'formal' });
    expect(patientDeath(notified('U'))).to.equal(undefined);
  });
});
