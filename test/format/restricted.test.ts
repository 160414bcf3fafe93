import { expect } from '@open-wc/testing';
import { isRestricted } from '../../src/format/restricted.js';
import { restrictedPatient, typicalAdult } from '../fixtures/patients.js';
import { ukCore } from '../fixtures/uk-core/index.js';

const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

describe('format/restricted', () => {
  it('R (restricted) and V (very restricted) mark an S-flagged record', () => {
    expect(isRestricted(restrictedPatient)).to.equal(true);
    expect(isRestricted({ meta: { security: [{ system: CONFIDENTIALITY, code: 'V' }] } })).to.equal(true);
  });

  it('other confidentiality codes, other systems and no meta are not restricted', () => {
    expect(isRestricted(typicalAdult)).to.equal(false);
    expect(isRestricted(ukCore.patientRichardSmith)).to.equal(false);
    expect(isRestricted({ meta: { security: [{ system: CONFIDENTIALITY, code: 'N' }] } })).to.equal(false);
    expect(isRestricted({ meta: { security: [{ system: 'http://other', code: 'R' }] } })).to.equal(false);
  });

  it('malformed input is not restricted and does not throw', () => {
    for (const bad of [
      undefined,
      null,
      'R',
      {},
      { meta: null },
      { meta: { security: 'R' } },
      { meta: { security: [null] } },
    ]) {
      expect(isRestricted(bad), JSON.stringify(bad)).to.equal(false);
    }
  });
});
