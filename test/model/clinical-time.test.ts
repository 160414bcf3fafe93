import { expect } from '@open-wc/testing';
import { clinicalTime } from '../../src/model/clinical-time.js';
import { hl7r4 } from '../fixtures/hl7-r4/index.js';

describe('model/clinical-time', () => {
  it('a date keeps its precision and never shows a time: 1956, Mar-1956, 05-Mar-1956', () => {
    expect(clinicalTime({ onsetDateTime: '1956' }, 'onset').display).to.equal('1956');
    expect(clinicalTime({ onsetDateTime: '1956-03' }, 'onset').display).to.equal('Mar-1956');
    expect(clinicalTime({ abatementDateTime: '2013-03-20' }, 'abatement').display).to.equal('20-Mar-2013');
    const withTime = clinicalTime({ onsetDateTime: '2004-05-18T22:00:28+00:00' }, 'onset');
    // 22:00 UTC in May is 23:00 in London: still the 18th.
    expect(withTime.display).to.equal('18-May-2004');
    expect(withTime.date?.precision).to.equal('time');
  });

  it('a period by its start; an age or age range as "At age"; words as written', () => {
    expect(clinicalTime({ onsetPeriod: { start: '2023-05', end: '2023-06' } }, 'onset').display).to.equal(
      'May-2023',
    );
    expect(clinicalTime({ onsetAge: { value: 52, unit: 'years', code: 'a' } }, 'onset')).to.deep.equal({
      display: 'At age 52 years',
    });
    expect(
      clinicalTime(
        { onsetRange: { low: { value: 50, unit: 'years' }, high: { value: 54, unit: 'years' } } },
        'onset',
      ).display,
    ).to.equal('At age 50 to 54 years');
    expect(clinicalTime({ abatementString: 'around April 9, 2013' }, 'abatement').display).to.equal(
      'around April 9, 2013',
    );
  });

  it('nothing usable gives nothing: missing, invalid, wrong types', () => {
    expect(clinicalTime(undefined, 'onset')).to.deep.equal({});
    expect(clinicalTime({ onsetDateTime: '2023-02-30' }, 'onset')).to.deep.equal({});
    expect(clinicalTime({ onsetDateTime: 42, onsetAge: 'old', onsetString: '  ' }, 'onset')).to.deep.equal(
      {},
    );
    expect(clinicalTime({ onsetDateTime: '2020' }, 'abatement')).to.deep.equal({});
  });

  it('HL7 R4 allergy example: onset 2004', () => {
    expect(clinicalTime(hl7r4.allergyExample, 'onset').display).to.equal('2004');
  });
});
