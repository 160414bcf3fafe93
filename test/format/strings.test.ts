import { expect } from '@open-wc/testing';
import * as strings from '../../src/format/strings.js';

describe('format/strings', () => {
  it('PAB-0019 the unknown value is "Not known"', () => {
    expect(strings.notKnown()).to.equal('Not known');
  });

  it('every string function returns English (UK) source text when no locale is configured', () => {
    for (const [name, fn] of Object.entries(strings)) {
      const value = (fn as (...args: unknown[]) => unknown)('01', 1);
      expect(value === undefined || typeof value === 'string', name).to.equal(true);
    }
  });

  it('lookup tables return undefined for codes they do not know', () => {
    expect(strings.nhsNumberVerification('99')).to.equal(undefined);
    expect(strings.eventTiming('NOPE')).to.equal(undefined);
    expect(strings.timingAbbreviation('NOPE')).to.equal(undefined);
    expect(strings.dayOfWeek('NOPE')).to.equal(undefined);
    expect(strings.durationUnit('NOPE', 1)).to.equal(undefined);
    expect(strings.stayDays(1)).to.equal('1 day');
    expect(strings.stayDays(3)).to.equal('3 days');
  });

  it('repeat issues: issued of allowed, issued alone, allowed alone, else nothing', () => {
    expect(strings.repeatIssues(3, 6)).to.equal('3 of 6');
    expect(strings.repeatIssues(0, 6)).to.equal('0 of 6');
    expect(strings.repeatIssues(3)).to.equal('3');
    expect(strings.repeatIssues(undefined, 6)).to.equal('6 allowed');
    expect(strings.repeatIssues()).to.equal(undefined);
  });

  it('month names: the full name of months 1-12, undefined otherwise', () => {
    expect(strings.monthName(1)).to.equal('January');
    expect(strings.monthName(9)).to.equal('September');
    expect(strings.monthName(12)).to.equal('December');
    expect(strings.monthName(0)).to.equal(undefined);
    expect(strings.monthName(13)).to.equal(undefined);
  });
});
