import { expect } from '@open-wc/testing';
import {
  describeDate,
  describeParsedDate,
  formatDate,
  formatDateTime,
  formatMonthYear,
  formatTime,
  isKnownDate,
  parseFhirDate,
  sortKeyOf,
  wallClock,
} from '../../src/format/dates.js';

describe('format/dates', () => {
  describe('formatDate', () => {
    it('D+Ta-0002/0003/0004/0006/0007/0009/0018 DD-Mmm-YYYY with the CUI month table', () => {
      expect(formatDate('2024-01-05')).to.equal('05-Jan-2024');
      expect(formatDate('2023-09-30')).to.equal('30-Sep-2023');
    });

    it('D+Ta-0007/0010 never prints the en-GB Intl "Sept"', () => {
      const months = Array.from({ length: 12 }, (_, i) =>
        formatDate(`2024-${String(i + 1).padStart(2, '0')}-01`),
      );
      expect(months.map((d) => d.slice(3, 6))).to.deep.equal([
        'Jan',
        'Feb',
        'Mar',
        'Apr',
        'May',
        'Jun',
        'Jul',
        'Aug',
        'Sep',
        'Oct',
        'Nov',
        'Dec',
      ]);
    });

    it('partial dates keep their precision (1956, Mar-1956)', () => {
      expect(formatDate('1956')).to.equal('1956');
      expect(formatDate('1956-03')).to.equal('Mar-1956');
    });

    it('a date-only value never shifts across time zones', () => {
      expect(formatDate('2024-06-30', { timeZone: 'Pacific/Kiritimati' })).to.equal('30-Jun-2024');
      expect(formatDate('2024-06-30', { timeZone: 'America/Los_Angeles' })).to.equal('30-Jun-2024');
    });

    it('a dateTime with an offset shows the UK date (BST moves late evening UTC into the next day)', () => {
      expect(formatDate('2023-06-15T23:30:00Z')).to.equal('16-Jun-2023');
      expect(formatDate('2023-12-15T23:30:00Z')).to.equal('15-Dec-2023');
      expect(formatDate('2024-01-05T01:00:00+05:00')).to.equal('04-Jan-2024');
    });

    it('PAB-0019 D+Ta-0022 missing or invalid dates say Not known', () => {
      for (const value of [
        undefined,
        null,
        '',
        '   ',
        'yesterday',
        '2023-02-30',
        '2023-13-01',
        20240105,
        {},
        [],
      ]) {
        expect(formatDate(value), String(value)).to.equal('Not known');
      }
    });

    it('accepts a leap day only in a leap year', () => {
      expect(formatDate('2024-02-29')).to.equal('29-Feb-2024');
      expect(formatDate('2023-02-29')).to.equal('Not known');
    });
  });

  describe('formatTime and formatDateTime', () => {
    it('D+Tb-0001/0002 HH:mm on the 24-hour clock in UK time', () => {
      expect(formatTime('2024-01-05T14:05:00Z')).to.equal('14:05');
      expect(formatTime('2024-07-05T14:05:00Z')).to.equal('15:05');
      expect(formatTime('2024-07-05T00:05:00+01:00')).to.equal('00:05');
    });

    it('D+Tb-0008 date and time separated by a space', () => {
      expect(formatDateTime('2024-01-05T14:05:00+00:00')).to.equal('05-Jan-2024 14:05');
    });

    it('a dateTime without an offset is shown as written', () => {
      expect(formatDateTime('2024-07-05T09:30')).to.equal('05-Jul-2024 09:30');
    });

    it('a date without a time shows the date alone; formatTime says Not known', () => {
      expect(formatDateTime('2024-01-05')).to.equal('05-Jan-2024');
      expect(formatTime('2024-01-05')).to.equal('Not known');
      expect(formatDateTime(undefined)).to.equal('Not known');
      expect(formatTime('nonsense')).to.equal('Not known');
    });

    it('another time zone can be chosen', () => {
      expect(formatDateTime('2024-01-05T14:05:00Z', { timeZone: 'Asia/Kolkata' })).to.equal(
        '05-Jan-2024 19:35',
      );
    });

    it('an unknown time zone falls back to UTC rather than throwing', () => {
      expect(formatDateTime('2024-07-05T14:05:00Z', { timeZone: 'Not/AZone' })).to.equal('05-Jul-2024 14:05');
    });

    it('reads a JS Date as an instant', () => {
      expect(formatDateTime(new Date('2024-07-05T14:05:00Z'))).to.equal('05-Jul-2024 15:05');
      expect(formatDateTime(new Date('invalid'))).to.equal('Not known');
    });
  });

  describe('parseFhirDate', () => {
    it('returns the parts and precision', () => {
      expect(parseFhirDate('1956')).to.deep.equal({ year: 1956, precision: 'year' });
      expect(parseFhirDate('1956-03')).to.deep.equal({ year: 1956, month: 3, precision: 'month' });
      expect(parseFhirDate('1956-03-07')).to.deep.equal({ year: 1956, month: 3, day: 7, precision: 'day' });
      expect(parseFhirDate('2024-01-05T14:05:09.123Z')).to.deep.equal({
        year: 2024,
        month: 1,
        day: 5,
        hour: 14,
        minute: 5,
        second: 9,
        precision: 'time',
        instant: Date.UTC(2024, 0, 5, 14, 5, 9),
      });
      expect(parseFhirDate('2024-01-05T14:05')).to.deep.equal({
        year: 2024,
        month: 1,
        day: 5,
        hour: 14,
        minute: 5,
        second: 0,
        precision: 'time',
      });
    });

    it('rejects out-of-range times', () => {
      expect(parseFhirDate('2024-01-05T24:00:00Z')).to.equal(undefined);
      expect(parseFhirDate('2024-01-05T12:60:00Z')).to.equal(undefined);
      expect(parseFhirDate('2024-00-05')).to.equal(undefined);
    });

    it('sort keys order mixed precisions', () => {
      const keys = ['2024', '2023-12', '2024-01-05T10:00:00Z', '2024-01-05'].map((v) =>
        sortKeyOf(parseFhirDate(v)!),
      );
      expect(keys[1]).to.be.lessThan(keys[0]);
      expect(keys[0]).to.be.lessThan(keys[3]);
      expect(keys[3]).to.be.lessThan(keys[2]);
    });

    it('wallClock rejects an invalid instant', () => {
      expect(wallClock(Number.NaN)).to.equal(undefined);
    });

    it('wallClock reads every instant as Intl does, across clock changes and odd offsets', () => {
      const formats = new Map<string, Intl.DateTimeFormat>();
      const asIntl = (ms: number, timeZone: string) => {
        if (!formats.has(timeZone)) {
          formats.set(
            timeZone,
            new Intl.DateTimeFormat('en-GB', {
              timeZone,
              hourCycle: 'h23',
              year: 'numeric',
              month: 'numeric',
              day: 'numeric',
              hour: 'numeric',
              minute: 'numeric',
              second: 'numeric',
            }),
          );
        }
        const parts = formats.get(timeZone)!.formatToParts(ms);
        const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
        return [part('year'), part('month'), part('day'), part('hour') % 24, part('minute'), part('second')];
      };
      const HOUR = 3_600_000;
      // The hours around London's, New York's and Lord Howe's (30-minute) clock changes, a
      // zone +05:45 and one +12:45 / +13:45, a leap day, the year 1900, and one-second steps.
      const starts = [
        Date.UTC(2024, 2, 31, 0),
        Date.UTC(2024, 9, 27, 0),
        Date.UTC(2024, 2, 10, 5),
        Date.UTC(2024, 3, 6, 13),
        Date.UTC(2024, 1, 28, 20),
        Date.UTC(1900, 0, 1, 0),
        Date.UTC(1971, 9, 31, 0),
      ];
      const zones = [
        'Europe/London',
        'America/New_York',
        'Australia/Lord_Howe',
        'Asia/Kathmandu',
        'Pacific/Chatham',
      ];
      let compared = 0;
      for (const timeZone of zones) {
        for (const start of starts) {
          for (let ms = start - 6 * HOUR; ms < start + 30 * HOUR; ms += 13 * 60_000 + 1_001) {
            const d = wallClock(ms, timeZone)!;
            const got = [d.year, d.month, d.day, d.hour, d.minute, d.second];
            expect(got, `${timeZone} ${new Date(ms).toISOString()}`).to.deep.equal(asIntl(ms, timeZone));
            compared += 1;
          }
        }
        // Years of instants a week apart and then some: every week of two years, at odd times.
        for (
          let ms = Date.UTC(2023, 0, 1, 3, 17, 29, 500);
          ms < Date.UTC(2025, 0, 1);
          ms += 6 * 86_400_000 + 7 * HOUR
        ) {
          const d = wallClock(ms, timeZone)!;
          expect([d.year, d.month, d.day, d.hour, d.minute, d.second]).to.deep.equal(asIntl(ms, timeZone));
          compared += 1;
        }
      }
      expect(compared).to.be.greaterThan(3000);
    });

    it('wallClock reads an unknown zone as UTC', () => {
      const d = wallClock(Date.UTC(2024, 6, 1, 12, 30, 15, 999), 'Nowhere/Special')!;
      expect([d.year, d.month, d.day, d.hour, d.minute, d.second]).to.deep.equal([2024, 7, 1, 12, 30, 15]);
    });
  });

  describe('describeDate and isKnownDate', () => {
    it('keeps the value, display, precision and sort key', () => {
      const d = describeDate('2024-01-05T14:05:00Z');
      expect(d).to.deep.include({
        value: '2024-01-05T14:05:00Z',
        display: '05-Jan-2024 14:05',
        precision: 'time',
      });
      expect(d?.sortKey).to.equal(Date.UTC(2024, 0, 5, 14, 5));
      expect(describeDate('2024-01-05T14:05:00Z', { withTime: false })?.display).to.equal('05-Jan-2024');
      expect(describeDate(new Date(Date.UTC(2024, 0, 5)))?.value).to.equal('2024-01-05T00:00:00.000Z');
    });

    it('describeParsedDate gives what describeDate gives, from a value read once', () => {
      const values = [
        '2024-01-05T14:05:00Z',
        '2023-06-15T23:30:00+00:00',
        '2024-01-05T14:05',
        '2024-06-30',
        '1956-03',
        '1956',
        new Date(Date.UTC(2024, 0, 5)),
        undefined,
        '2024-02-31',
      ];
      for (const options of [{}, { timeZone: 'America/Los_Angeles' }]) {
        for (const withTime of [undefined, false]) {
          for (const value of values) {
            expect(
              describeParsedDate(value, parseFhirDate(value, options), { withTime }),
              String(value),
            ).to.deep.equal(describeDate(value, { ...options, withTime }));
          }
        }
      }
    });

    it('returns undefined for missing or invalid values', () => {
      expect(describeDate(undefined)).to.equal(undefined);
      expect(describeDate('2024-02-31')).to.equal(undefined);
      expect(isKnownDate('2024-02-29')).to.equal(true);
      expect(isKnownDate(null)).to.equal(false);
    });
  });

  describe('formatMonthYear', () => {
    it('full month names from a fixed table, for month group headings (November 2026)', () => {
      expect(formatMonthYear(2026, 11)).to.equal('November 2026');
      expect(formatMonthYear(2024, 1)).to.equal('January 2024');
      expect(formatMonthYear(2023, 12)).to.equal('December 2023');
    });

    it('never prints the en-GB Intl "Sept"', () => {
      expect(formatMonthYear(2025, 9)).to.equal('September 2025');
    });

    it('writes the year with four digits and a month outside 1-12 as its number', () => {
      expect(formatMonthYear(900, 3)).to.equal('March 0900');
      expect(formatMonthYear(2026, 13)).to.equal('13 2026');
      expect(formatMonthYear(2026, 0)).to.equal('00 2026');
    });
  });
});
