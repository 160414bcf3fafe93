import { expect } from '@open-wc/testing';
import type { Dosage, Timing } from 'fhir/r4';
import { formatDosage, formatTiming } from '../../src/format/dosage.js';
import { ukCore } from '../fixtures/uk-core/index.js';

const mg = (value: number) => ({ doseAndRate: [{ doseQuantity: { value, unit: 'mg' } }] });
type PeriodUnit = NonNullable<Timing['repeat']>['periodUnit'];
const every = (frequency: number, period: number, periodUnit: PeriodUnit): Timing => ({
  repeat: { frequency, period, periodUnit },
});

describe('format/dosage', () => {
  it('Dosage.text comes first (UK Core Amoxicillin)', () => {
    expect(formatDosage(ukCore.requestAmoxicillin.dosageInstruction)).to.equal('500mg - three times a day.');
  });

  it('several dosages are joined with ", then " in sequence order (UK Core Doxycycline)', () => {
    expect(formatDosage(ukCore.requestDoxycycline.dosageInstruction)).to.equal(
      '200mg - once a day - for 1 day, then 100mg - once a day.',
    );
    const reversed = [...(ukCore.requestDoxycycline.dosageInstruction ?? [])].reverse();
    expect(formatDosage(reversed)).to.equal('200mg - once a day - for 1 day, then 100mg - once a day.');
  });

  it('dosages sharing a sequence number apply together', () => {
    const dosages: Dosage[] = [
      { sequence: 1, text: '1 tablet in the morning' },
      { sequence: 1, text: '2 tablets at night' },
      { sequence: 2, text: 'then stop' },
    ];
    expect(formatDosage(dosages)).to.equal('1 tablet in the morning and 2 tablets at night, then then stop');
  });

  it('composes UK wording from structured parts when there is no text', () => {
    const dosage: Dosage = {
      ...mg(500),
      timing: every(3, 1, 'd'),
      route: { coding: [{ display: 'Oral' }] },
      asNeededBoolean: true,
      additionalInstruction: [{ coding: [{ display: 'With or after food' }] }],
      patientInstruction: 'Swallow whole',
    };
    expect(formatDosage(dosage)).to.equal(
      '500 mg three times a day, oral, when required, With or after food, Swallow whole',
    );
  });

  it('frequencies: once, twice, three and four times a day; n times a day', () => {
    expect([1, 2, 3, 4, 6].map((n) => formatTiming(every(n, 1, 'd')))).to.deep.equal([
      'once a day',
      'twice a day',
      'three times a day',
      'four times a day',
      '6 times a day',
    ]);
    expect(formatTiming({ repeat: { frequency: 1, frequencyMax: 2, period: 1, periodUnit: 'd' } })).to.equal(
      '1 to 2 times a day',
    );
  });

  it('intervals: every 4 hours, every hour, every 4 to 6 hours, every other day, weekly, monthly, yearly', () => {
    expect(formatTiming(every(1, 4, 'h'))).to.equal('every 4 hours');
    expect(formatTiming(every(1, 1, 'h'))).to.equal('every hour');
    expect(formatTiming({ repeat: { period: 4, periodMax: 6, periodUnit: 'h' } })).to.equal(
      'every 4 to 6 hours',
    );
    expect(formatTiming(every(2, 1, 'h'))).to.equal('2 times every hour');
    expect(formatTiming(every(2, 6, 'h'))).to.equal('2 times every 6 hours');
    expect(formatTiming(every(1, 2, 'd'))).to.equal('every other day');
    expect(formatTiming(every(1, 3, 'd'))).to.equal('every 3 days');
    expect(formatTiming(every(2, 3, 'd'))).to.equal('2 times every 3 days');
    expect(formatTiming(every(1, 30, 'min'))).to.equal('every 30 minutes');
    expect(formatTiming(every(2, 30, 'min'))).to.equal('2 times every 30 minutes');
    expect(formatTiming(every(1, 1, 'wk'))).to.equal('once a week');
    expect(formatTiming(every(2, 1, 'wk'))).to.equal('twice a week');
    expect(formatTiming(every(3, 1, 'wk'))).to.equal('3 times a week');
    expect(formatTiming(every(1, 2, 'wk'))).to.equal('every 2 weeks');
    expect(formatTiming(every(2, 2, 'wk'))).to.equal('2 times every 2 weeks');
    expect(formatTiming(every(1, 1, 'mo'))).to.equal('once a month');
    expect(formatTiming(every(2, 1, 'mo'))).to.equal('2 times a month');
    expect(formatTiming(every(1, 3, 'mo'))).to.equal('every 3 months');
    expect(formatTiming(every(2, 3, 'mo'))).to.equal('2 times every 3 months');
    expect(formatTiming(every(1, 1, 'a'))).to.equal('once a year');
    expect(formatTiming(every(1, 5, 'a'))).to.equal('every 5 years');
    expect(formatTiming(every(2, 1, 'a'))).to.equal(undefined);
    expect(formatTiming(every(1, 1, 's'))).to.equal(undefined);
  });

  it('when, time of day, days of the week and duration', () => {
    expect(formatTiming({ repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['MORN'] } })).to.equal(
      'once a day in the morning',
    );
    expect(formatTiming({ repeat: { when: ['ACM', 'HS', 'XYZ'] } })).to.equal(
      'before breakfast and at bedtime',
    );
    expect(formatTiming({ repeat: { timeOfDay: ['08:00:00', '20:00:00'] } })).to.equal('at 08:00 and 20:00');
    expect(
      formatTiming({
        repeat: { frequency: 1, period: 1, periodUnit: 'wk', dayOfWeek: ['mon', 'wed', 'fri'] },
      }),
    ).to.equal('once a week on Monday, Wednesday and Friday');
    expect(
      formatTiming({ repeat: { ...every(1, 1, 'd').repeat, boundsDuration: { value: 5, code: 'd' } } }),
    ).to.equal('once a day for 5 days');
    expect(formatTiming({ repeat: { boundsDuration: { value: 1, code: 'wk' } } })).to.equal('for 1 week');
    expect(formatTiming({ repeat: { boundsDuration: { value: 2, unit: 'courses' } } })).to.equal(
      'for 2 courses',
    );
  });

  it('every event-timing code has words', () => {
    const codes = [
      'NOON',
      'AFT',
      'EVE',
      'NIGHT',
      'PHS',
      'WAKE',
      'C',
      'CM',
      'CD',
      'CV',
      'AC',
      'ACD',
      'ACV',
      'PC',
      'PCM',
      'PCD',
      'PCV',
      'MORN.early',
      'AFT.late',
      'EVE.early',
    ];
    for (const code of codes) expect(formatTiming({ repeat: { when: [code] } }), code).to.be.a('string');
    const days = ['tue', 'thu', 'sat', 'sun'];
    expect(formatTiming({ repeat: { dayOfWeek: days } })).to.equal(
      'on Tuesday, Thursday, Saturday and Sunday',
    );
    for (const unit of ['s', 'min', 'h', 'mo', 'a']) {
      expect(formatTiming({ repeat: { boundsDuration: { value: 2, code: unit } } }), unit).to.match(
        /^for 2 [a-z]+s$/,
      );
    }
  });

  it('timing.code: text first, then the GTS abbreviation, then the display', () => {
    expect(formatTiming({ code: { text: 'Twice daily with meals' } })).to.equal('Twice daily with meals');
    const abbreviations = ['BID', 'TID', 'QID', 'QD', 'QOD', 'AM', 'PM', 'Q4H', 'Q6H', 'WK', 'MO'];
    expect(abbreviations.map((code) => formatTiming({ code: { coding: [{ code }] } }))).to.deep.equal([
      'twice a day',
      'three times a day',
      'four times a day',
      'once a day',
      'every other day',
      'in the morning',
      'in the evening',
      'every 4 hours',
      'every 6 hours',
      'once a week',
      'once a month',
    ]);
    expect(formatTiming({ code: { coding: [{ code: 'XX', display: 'Odd schedule' }] } })).to.equal(
      'Odd schedule',
    );
  });

  it('dose ranges, as-needed reasons and routes', () => {
    expect(
      formatDosage({
        doseAndRate: [
          { doseRange: { low: { value: 1, unit: 'tablet' }, high: { value: 2, unit: 'tablet' } } },
        ],
        timing: every(1, 4, 'h'),
        asNeededCodeableConcept: { coding: [{ display: 'Pain' }] },
      }),
    ).to.equal('1 to 2 tablet every 4 hours, when required for pain');
    expect(formatDosage({ route: { text: 'MDI' } })).to.equal('MDI');
  });

  it('composes the UK Core MedicationStatement dosage when its text is removed', () => {
    const [dosage] = ukCore.statementAmoxicillin.dosage ?? [];
    expect(formatDosage({ ...dosage, text: undefined })).to.equal(
      '500 milligram four times a day, oral, when required for pain of ear',
    );
  });

  it('malformed input: nothing to say → undefined, never a throw', () => {
    for (const bad of [
      undefined,
      null,
      [],
      [null],
      {},
      [{}],
      'take one',
      [{ timing: 'daily', doseAndRate: 'x' }],
    ]) {
      expect(formatDosage(bad), JSON.stringify(bad)).to.equal(undefined);
    }
    expect(formatTiming(null)).to.equal(undefined);
    expect(formatTiming({ repeat: { frequency: 2 } })).to.equal(undefined);
  });
});
