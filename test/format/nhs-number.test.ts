import { expect } from '@open-wc/testing';
import type { Patient } from 'fhir/r4';
import { formatNhsNumber, isValidNhsNumber, nhsNumberOf } from '../../src/format/nhs-number.js';
import {
  invalidNhsNumberPatient,
  neonate,
  syntheticPatients,
  typicalAdult,
  unverifiedNhsNumberPatient,
} from '../fixtures/patients.js';
import { ukCore } from '../fixtures/uk-core/index.js';

const STATUS_URL = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus';

function withStatus(system: string, code: string): Patient {
  return {
    resourceType: 'Patient',
    identifier: [
      {
        system: 'https://fhir.nhs.uk/Id/nhs-number',
        value: '9434765919',
        extension: [{ url: STATUS_URL, valueCodeableConcept: { coding: [{ system, code }] } }],
      },
    ],
  };
}

describe('format/nhs-number', () => {
  it('NUM-0002 shown in 3-3-4 format on one line', () => {
    expect(formatNhsNumber('9434765919')).to.equal('943 476 5919');
    expect(formatNhsNumber(' 943 476 5919 ')).to.equal('943 476 5919');
    expect(formatNhsNumber('943-476-5919')).to.equal('943 476 5919');
    expect(formatNhsNumber(9434765919)).to.equal('943 476 5919');
  });

  it('NUM-0001 anything that is not 10 digits is shown as sent, not reformatted', () => {
    expect(formatNhsNumber('12345')).to.equal('12345');
    expect(formatNhsNumber(undefined)).to.equal('Not known');
    expect(formatNhsNumber('')).to.equal('Not known');
  });

  it('Modulus 11: a correct check digit is valid', () => {
    expect(isValidNhsNumber('9434765919')).to.equal(true);
    expect(isValidNhsNumber('943 476 5919')).to.equal(true);
    expect(isValidNhsNumber(ukCore.patientRichardSmith.identifier?.[0].value)).to.equal(true);
  });

  it('Modulus 11: remainder 0 gives check digit 0 (11 → 0)', () => {
    // 999000005: the weighted sum is a multiple of 11, so 11 − 0 = 11 and the check digit is 0.
    expect(isValidNhsNumber('9990000050')).to.equal(true);
    expect(isValidNhsNumber('9990000051')).to.equal(false);
  });

  it('Modulus 11: a check result of 10 is never valid', () => {
    // 999000000: 11 − remainder = 10, so no 10th digit can make it valid.
    for (let d = 0; d <= 9; d += 1) expect(isValidNhsNumber(`999000000${d}`)).to.equal(false);
  });

  it('wrong check digit, wrong length, letters, nothing: invalid', () => {
    for (const bad of [
      '9434765918',
      '943476591',
      '94347659190',
      '94347659l9',
      '',
      null,
      undefined,
      {},
      9.5,
    ]) {
      expect(isValidNhsNumber(bad), String(bad)).to.equal(false);
    }
  });

  it('every synthetic fixture number is valid except the deliberately invalid one', () => {
    for (const [key, patient] of Object.entries(syntheticPatients)) {
      expect(nhsNumberOf(patient)?.valid, key).to.equal(key !== 'invalidNhsNumberPatient');
      expect(nhsNumberOf(patient)?.value.startsWith('999'), key).to.equal(true);
    }
  });

  describe('nhsNumberOf', () => {
    it('reads the UK Core example with status 01 as verified', () => {
      expect(nhsNumberOf(ukCore.patientRichardSmith)).to.deep.equal({
        value: '9912003888',
        display: '991 200 3888',
        valid: true,
        verified: true,
        verificationCode: '01',
        verificationDisplay: 'Number present and verified',
      });
    });

    it('an invalid number is flagged, not hidden', () => {
      expect(nhsNumberOf(invalidNhsNumberPatient)).to.deep.include({ display: '999 000 0019', valid: false });
    });

    it('any status but 01 is unverified (02 not traced, 08 baby under six weeks)', () => {
      expect(nhsNumberOf(unverifiedNhsNumberPatient)).to.deep.include({
        verified: false,
        verificationCode: '02',
      });
      expect(nhsNumberOf(neonate)).to.deep.include({
        verified: false,
        verificationCode: '08',
        verificationDisplay: 'Trace postponed (baby under six weeks old)',
      });
      expect(nhsNumberOf(typicalAdult)?.verified).to.equal(true);
    });

    it('accepts the older UKCore-NHSNumberVerificationStatus code system', () => {
      const older = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatus';
      expect(nhsNumberOf(withStatus(older, '01'))?.verified).to.equal(true);
      expect(nhsNumberOf(withStatus(older, '03'))?.verified).to.equal(false);
    });

    it('a status from an unknown code system cannot verify', () => {
      expect(nhsNumberOf(withStatus('https://example.org/other', '01'))).to.deep.include({
        verified: false,
        verificationCode: '01',
      });
    });

    it('no extension → verification unknown', () => {
      const patient: Patient = {
        resourceType: 'Patient',
        identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }],
      };
      expect(nhsNumberOf(patient)).to.deep.equal({
        value: '9434765919',
        display: '943 476 5919',
        valid: true,
        verified: undefined,
      });
    });

    it('no NHS number identifier (or malformed input) → undefined', () => {
      expect(nhsNumberOf({ resourceType: 'Patient' })).to.equal(undefined);
      expect(
        nhsNumberOf({
          resourceType: 'Patient',
          identifier: [{ system: 'urn:oid:1.2.3', value: '9434765919' }],
        }),
      ).to.equal(undefined);
      expect(nhsNumberOf(undefined)).to.equal(undefined);
      expect(nhsNumberOf({ resourceType: 'Patient', identifier: null } as unknown as Patient)).to.equal(
        undefined,
      );
      expect(
        nhsNumberOf({
          resourceType: 'Patient',
          identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '' }, null],
        } as unknown as Patient),
      ).to.equal(undefined);
    });
  });
});
