import { expect } from '@open-wc/testing';
import type { Patient } from 'fhir/r4';
import { bannerModel } from '../../src/model/banner.js';
import {
  deceasedPatient,
  fixtureNow as now,
  invalidNhsNumberPatient,
  longNamePatient,
  neonate,
  noNamePatient,
  partialBirthDatePatient,
  restrictedPatient,
  typicalAdult,
  unverifiedNhsNumberPatient,
} from '../fixtures/patients.js';
import { resolveUkCore, ukCore } from '../fixtures/uk-core/index.js';

describe('model/banner', () => {
  describe('bannerModel', () => {
    it('PAB-0016 zone 1 for a typical adult: name, born, age, gender, NHS number', () => {
      const model = bannerModel(typicalAdult, { now, allergyStatus: 'known' });
      expect(model).to.deep.include({
        name: 'SMITH, Alice Jane (Mrs)',
        preferredName: 'Ally',
        birthDate: '14-Jul-1981',
        age: '42y',
        gender: 'Female',
        genderCode: 'female',
        restricted: false,
        allergyStatus: 'known',
        allergyStatusLabel: 'Known allergies',
      });
      expect(model.nhsNumber).to.deep.equal({
        display: '999 000 0018',
        digits: '9990000018',
        valid: true,
        verified: true,
        verificationCode: '01',
        verificationDisplay: 'Number present and verified',
      });
      expect(model.deceased).to.equal(undefined);
      expect(model.missing).to.deep.equal([]);
    });

    it('PAB zone 2: address with postcode, contacts Home, Work, Mobile, Email, GP practice', () => {
      const model = bannerModel(typicalAdult, { now });
      expect(model.address).to.deep.equal([
        '12 Example Street',
        'Flat 3',
        'Leeds',
        'West Yorkshire',
        'LS1 4AB',
      ]);
      expect(model.contacts?.map((c) => c.label)).to.deep.equal(['Home', 'Work', 'Mobile', 'Email']);
      expect(model.gp).to.equal('RIVERSIDE SURGERY (Y00001)');
    });

    it('UK Core Richard Smith: zone 1 and zone 2 from the example', () => {
      const model = bannerModel(ukCore.patientRichardSmith, { now });
      expect(model).to.deep.include({
        name: 'SMITH, Richard',
        birthDate: '11-Sep-1970',
        age: '53y',
        gender: 'Male',
      });
      expect(model.nhsNumber.display).to.equal('991 200 3888');
      expect(model.address).to.deep.equal(['4 Sandmoor Drive', 'LEEDS', 'LS17 7DF']);
      // Death notification U (removed) without a date: alive.
      expect(model.deceased).to.equal(undefined);
      expect(model.missing).to.deep.equal(['gp']);
    });

    it('Table 7 neonate: age in minutes from the recorded birth time (90min)', () => {
      const model = bannerModel(neonate, { now });
      expect(model.age).to.equal('90min');
      expect(model.birthDate).to.equal('10-Mar-2024');
      expect(model.nhsNumber.verified).to.equal(false);
    });

    it('UK Core baby: age from the patient-birthTime extension', () => {
      expect(bannerModel(ukCore.patientBaby, { now: new Date('2021-02-12T17:39:00Z') }).age).to.equal(
        '26hrs',
      );
    });

    it('PAB-0024 deceased: date of death and age at death, no living age, formal notification', () => {
      const model = bannerModel(deceasedPatient, { now });
      expect(model.age).to.equal(undefined);
      expect(model.deceased).to.deep.equal({
        date: '20-Jan-2024',
        ageAtDeath: '85y',
        notification: 'formal',
        notificationDisplay: 'Formal - death notice received from Registrar of Deaths',
      });
    });

    it('deceased: a boolean flag or an informal notice alone still marks the patient deceased', () => {
      const flagged = bannerModel({ ...typicalAdult, deceasedBoolean: true }, { now });
      expect(flagged.deceased).to.deep.equal({ date: 'Not known', ageAtDeath: 'Not known' });
      expect(flagged.missing).to.include('deceasedDate');
      const informal: Patient = {
        ...typicalAdult,
        extension: [
          {
            url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DeathNotificationStatus',
            extension: [
              { url: 'deathNotificationStatus', valueCodeableConcept: { coding: [{ code: '1' }] } },
            ],
          },
        ],
      };
      expect(bannerModel(informal, { now }).deceased?.notification).to.equal('informal');
      expect(bannerModel({ ...typicalAdult, deceasedBoolean: false }, { now }).deceased).to.equal(undefined);
    });

    it('restricted: address, contacts and GP are not in the model at all', () => {
      const model = bannerModel(restrictedPatient, { now, generalPractice: 'RIVERSIDE SURGERY (Y00001)' });
      expect(model.restricted).to.equal(true);
      expect(model).to.not.have.any.keys('address', 'contacts', 'gp');
      expect(JSON.stringify(model)).to.not.match(/Hidden House|HG1|07700|RIVERSIDE/);
      expect(model.missing).to.deep.equal([]);
      expect(model.name).to.equal('GREEN, Sam (Mx)');
      expect(model.gender).to.equal('Other');
    });

    it('an invalid NHS number is flagged, not hidden', () => {
      expect(bannerModel(invalidNhsNumberPatient, { now }).nhsNumber).to.deep.include({
        display: '999 000 0019',
        valid: false,
      });
    });

    it('an unverified NHS number says so', () => {
      expect(bannerModel(unverifiedNhsNumberPatient, { now }).nhsNumber).to.deep.include({
        verified: false,
        verificationCode: '02',
      });
    });

    it('PAB-0019 no names and no gender → Not known, listed as missing', () => {
      const model = bannerModel(noNamePatient, { now });
      expect(model.name).to.equal('Not known');
      expect(model.gender).to.equal('Not known');
      expect(model.missing).to.include.members(['name', 'gender', 'address', 'contacts', 'gp']);
    });

    it('partial birth date: Mar-1956, age not known in the birth month', () => {
      const model = bannerModel(partialBirthDatePatient, { now });
      expect(model.birthDate).to.equal('Mar-1956');
      expect(model.age).to.equal(undefined);
      expect(model.missing).to.include('age');
      expect(bannerModel(partialBirthDatePatient, { now: new Date('2024-05-01T12:00:00Z') }).age).to.equal(
        '68y',
      );
    });

    it('NID-0005 a very long name is kept whole', () => {
      expect(bannerModel(longNamePatient, { now }).name).to.have.length.greaterThan(100);
    });

    it('gender unknown → Not known', () => {
      expect(bannerModel({ ...typicalAdult, gender: 'unknown' }, { now }).gender).to.equal('Not known');
    });

    it('GP practice: given as an Organization, a string, or resolved from generalPractitioner', () => {
      expect(bannerModel(typicalAdult, { now, generalPractice: ukCore.organisationWhiteRose }).gp).to.equal(
        'WHITE ROSE MEDICAL CENTRE (GP5)',
      );
      expect(bannerModel(typicalAdult, { now, generalPractice: 'The Practice' }).gp).to.equal('The Practice');
      const patient: Patient = {
        ...ukCore.patientRichardSmith,
        generalPractitioner: [
          { reference: 'Organization/UKCore-Organization-WhiteRoseMedicalCentre-Example' },
        ],
      };
      expect(bannerModel(patient, { now, resolve: resolveUkCore }).gp).to.equal(
        'WHITE ROSE MEDICAL CENTRE (GP5)',
      );
      const practitionerOnly: Patient = {
        ...typicalAdult,
        generalPractitioner: [{ reference: 'Practitioner/1', display: 'Dr A Jones' }],
      };
      expect(bannerModel(practitionerOnly, { now }).gp).to.equal('Dr A Jones');
    });

    it('allergy status defaults to unavailable when the caller has not said', () => {
      expect(bannerModel(typicalAdult, { now }).allergyStatusLabel).to.equal('Allergies unavailable');
    });

    it('malformed input never throws and marks what is missing', () => {
      for (const bad of [
        undefined,
        null,
        {},
        'Patient',
        { resourceType: 'Patient', name: 'x', telecom: {}, address: [null] },
      ]) {
        const model = bannerModel(bad as unknown as Patient, { now });
        expect(model.name, JSON.stringify(bad)).to.equal('Not known');
        expect(model.birthDate).to.equal('Not known');
        expect(model.nhsNumber).to.deep.equal({
          display: 'Not known',
          digits: '',
          valid: false,
          verified: undefined,
        });
        expect(model.missing).to.include.members(['name', 'birthDate', 'gender', 'nhsNumber']);
      }
    });

    it('uses the current time when none is given', () => {
      expect(bannerModel(typicalAdult).age).to.match(/^\d+y$/);
    });
  });
});
