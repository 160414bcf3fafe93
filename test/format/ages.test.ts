import { expect } from '@open-wc/testing';
import { ageAtDeath, describeAge, formatAge } from '../../src/format/ages.js';

/** 10-Mar-2024 14:35 in the UK (GMT). */
const now = new Date('2024-03-10T14:35:00Z');

describe('format/ages (CUI Table 7)', () => {
  it('Table 7: under 2 hours in minutes (90min)', () => {
    expect(formatAge('2024-03-10T13:05:00Z', { now })).to.equal('90min');
    expect(formatAge('2024-03-10T14:35:00Z', { now })).to.equal('0min');
    expect(formatAge('2024-03-10T12:36:00Z', { now })).to.equal('119min');
  });

  it('Table 7: under 2 days in hours (26hrs)', () => {
    expect(formatAge('2024-03-09T12:35:00Z', { now })).to.equal('26hrs');
    expect(formatAge('2024-03-10T12:35:00Z', { now })).to.equal('2hrs');
    expect(formatAge('2024-03-08T14:36:00Z', { now })).to.equal('47hrs');
  });

  it('Table 7: a birth date without a time is reckoned from midnight', () => {
    expect(formatAge('2024-03-10', { now })).to.equal('14hrs');
    expect(formatAge('2024-03-09', { now })).to.equal('38hrs');
  });

  it('Table 7: under 4 weeks in days (3d, 27d)', () => {
    expect(formatAge('2024-03-07', { now })).to.equal('3d');
    expect(formatAge('2024-02-12', { now })).to.equal('27d');
  });

  it('Table 7: under 1 year in weeks and days (4w 1d), zero days omitted (4w)', () => {
    expect(formatAge('2024-02-10', { now })).to.equal('4w 1d');
    expect(formatAge('2024-02-11', { now })).to.equal('4w');
    expect(formatAge('2023-03-11', { now })).to.equal('52w 1d');
  });

  it('Table 7: under 2 years in months and days (12m 8d, 13m 8d)', () => {
    expect(formatAge('2023-03-02', { now })).to.equal('12m 8d');
    expect(formatAge('2023-02-02', { now })).to.equal('13m 8d');
    expect(formatAge('2023-03-10', { now })).to.equal('12m');
  });

  it('Table 7: under 18 years in years and months (4y 1m), zero months omitted (4y)', () => {
    expect(formatAge('2020-02-10', { now })).to.equal('4y 1m');
    expect(formatAge('2020-03-10', { now })).to.equal('4y');
    expect(formatAge('2006-03-11', { now })).to.equal('17y 11m');
  });

  it('Table 7: 18 years and over in years (42y)', () => {
    expect(formatAge('1981-07-14', { now })).to.equal('42y');
    expect(formatAge('2006-03-10', { now })).to.equal('18y');
  });

  it('counts calendar months across month ends and leap years', () => {
    // Born 31 Jan: no 31 Feb, so the first monthly anniversary is 1 Mar.
    const leapFeb = new Date('2024-02-29T12:00:00Z');
    expect(formatAge('2023-01-31', { now: leapFeb })).to.equal('12m 29d');
    expect(formatAge('2023-01-31', { now: new Date('2024-03-01T12:00:00Z') })).to.equal('13m');
    // A leap-day birthday falls on 1 Mar in other years.
    expect(formatAge('2020-02-29', { now: new Date('2023-02-28T12:00:00Z') })).to.equal('2y 11m');
    expect(formatAge('2020-02-29', { now: new Date('2023-03-01T12:00:00Z') })).to.equal('3y');
    expect(formatAge('2004-02-29', { now: new Date('2024-02-29T12:00:00Z') })).to.equal('20y');
  });

  it('counts on the UK clock across the change to BST', () => {
    const afterChange = new Date('2024-03-31T02:30:00+01:00');
    expect(formatAge('2024-03-31T00:30:00Z', { now: afterChange })).to.equal('60min');
  });

  it('partial birth dates give whole years only when certain', () => {
    expect(formatAge('1956-03', { now })).to.equal('Not known');
    expect(formatAge('1956-02', { now })).to.equal('68y');
    expect(formatAge('1956-04', { now })).to.equal('67y');
    expect(formatAge('1956', { now })).to.equal('Not known');
    expect(formatAge('1956', { now: new Date('2024-12-31T23:59:00Z') })).to.equal('68y');
    expect(formatAge('2024-01', { now })).to.equal('Not known');
  });

  it('PAB-0019 missing, invalid or future birth dates say Not known', () => {
    for (const value of [undefined, null, '', 'soon', 42, '2024-03-11']) {
      expect(formatAge(value, { now }), String(value)).to.equal('Not known');
    }
    expect(formatAge('2025', { now })).to.equal('Not known');
    expect(describeAge('2024-03-11', now)).to.equal(undefined);
  });

  it('defaults to the current time', () => {
    expect(formatAge('1900-01-01')).to.match(/^\d+y$/);
  });

  describe('ageAtDeath', () => {
    it('uses the same units, from birth to death', () => {
      expect(ageAtDeath('1938-02-02', '2024-01-20T08:15:00+00:00')).to.equal('85y');
      expect(ageAtDeath('2024-01-01T10:00:00Z', '2024-01-01T11:30:00Z')).to.equal('90min');
      expect(ageAtDeath('2023-12-01', '2024-01-02')).to.equal('4w 4d');
    });

    it('says Not known without a death date or when death precedes birth', () => {
      expect(ageAtDeath('1938-02-02', undefined)).to.equal('Not known');
      expect(ageAtDeath('1938-02-02', '1930-01-01')).to.equal('Not known');
      expect(ageAtDeath('1938', '2024')).to.equal('Not known');
      expect(ageAtDeath('1938-06', '2024-01')).to.equal('85y');
    });
  });
});
