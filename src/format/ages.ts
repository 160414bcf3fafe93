/**
 * Ages in the units of CUI Table 7: `90min`, `26hrs`, `27d`, `4w 1d`, `13m 8d`, `4y 1m`, `42y`.
 *
 * Ages are counted on the UK wall clock. A birth (or death) date without a time counts from
 * midnight. A month or year anniversary that does not exist (29 Feb, 31 Apr) falls on the first
 * day of the next month, as a leap-day birthday does in UK law. Partial dates (`1956`, `1956-03`)
 * give whole years only, and only when every possible birth date gives the same number.
 */
import { daysInMonth, parseFhirDate, sortKeyOf, type DateOptions, type ParsedDate } from './dates.js';
import { ageDays, ageHours, ageMinutes, ageMonths, ageWeeks, ageYears, notKnown } from './strings.js';

export interface AgeOptions extends DateOptions {
  /** The moment to count to; default the current time. Pin it in tests. */
  now?: Date;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The wall-clock key of `from` plus `months` calendar months. */
function anniversary(from: ParsedDate, months: number): number {
  const index = from.year * 12 + (from.month ?? 1) - 1 + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = from.day ?? 1;
  const [y, m, d] = day > daysInMonth(year, month) ? [year, month + 1, 1] : [year, month, day];
  return Date.UTC(y, m - 1, d, from.hour ?? 0, from.minute ?? 0, from.second ?? 0);
}

/** Whole calendar months from `from` to the key `to`. */
function monthsBetween(from: ParsedDate, to: ParsedDate, toKey: number): number {
  let months = (to.year - from.year) * 12 + ((to.month ?? 1) - (from.month ?? 1));
  while (months > 0 && anniversary(from, months) > toKey) months -= 1;
  return Math.max(months, 0);
}

function join(major: string, minorCount: number, minor: (n: number) => string): string {
  return minorCount > 0 ? `${major} ${minor(minorCount)}` : major;
}

/** The Table 7 age between two full dates (day precision or finer), or `undefined` if negative. */
function exactAge(from: ParsedDate, to: ParsedDate): string | undefined {
  const fromKey = sortKeyOf(from);
  const toKey = sortKeyOf(to);
  const diff = toKey - fromKey;
  // Minutes and hours are elapsed time (a neonate born on the night the clocks change); days and
  // longer are counted on the calendar.
  const elapsed = from.instant !== undefined && to.instant !== undefined ? to.instant - from.instant : diff;
  if (diff < 0 || elapsed < 0) return undefined;
  const minutes = Math.floor(elapsed / MINUTE);
  if (minutes < 120) return ageMinutes(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return ageHours(hours);
  const days = Math.floor(diff / DAY);
  if (days < 28) return ageDays(days);
  const months = monthsBetween(from, to, toKey);
  if (months < 12) return join(ageWeeks(Math.floor(days / 7)), days % 7, ageDays);
  if (months < 24) {
    return join(ageMonths(months), Math.floor((toKey - anniversary(from, months)) / DAY), ageDays);
  }
  const years = Math.floor(months / 12);
  if (years < 18) return join(ageYears(years), months % 12, ageMonths);
  return ageYears(years);
}

/** The first and last possible moment of a partial date. */
function bounds(date: ParsedDate): [ParsedDate, ParsedDate] {
  if (date.precision !== 'year' && date.precision !== 'month') return [date, date];
  const lastMonth = date.month ?? 12;
  return [
    { year: date.year, month: date.month ?? 1, day: 1, precision: 'day' },
    { year: date.year, month: lastMonth, day: daysInMonth(date.year, lastMonth), precision: 'day' },
  ];
}

function wholeYears(from: ParsedDate, to: ParsedDate): number {
  return Math.floor(monthsBetween(from, to, sortKeyOf(to)) / 12);
}

function ageBetweenParsed(from: ParsedDate | undefined, to: ParsedDate | undefined): string | undefined {
  if (!from || !to) return undefined;
  const [fromFirst, fromLast] = bounds(from);
  const [toFirst, toLast] = bounds(to);
  if (fromFirst === fromLast && toFirst === toLast) return exactAge(from, to);
  // Partial: whole years, and only when the youngest and oldest readings agree.
  if (sortKeyOf(fromLast) > sortKeyOf(toFirst)) return undefined;
  const least = wholeYears(fromLast, toFirst);
  const most = wholeYears(fromFirst, toLast);
  return least === most && least > 0 ? ageYears(least) : undefined;
}

/** The age between two dates, or `undefined` when it cannot be worked out (unknown or negative). */
export function describeAge(from: unknown, to: unknown, options: DateOptions = {}): string | undefined {
  return ageBetweenParsed(parseFhirDate(from, options), parseFhirDate(to, options));
}

/** The age of a living patient now (or at `options.now`); `Not known` when it cannot be worked out. */
export function formatAge(birthDate: unknown, options: AgeOptions = {}): string {
  return describeAge(birthDate, options.now ?? new Date(), options) ?? notKnown();
}

/** Age at death, in the same units, from birth date to `deceasedDateTime`; `Not known` if unknown. */
export function ageAtDeath(birthDate: unknown, deceasedDateTime: unknown, options: DateOptions = {}): string {
  return describeAge(birthDate, deceasedDateTime, options) ?? notKnown();
}
