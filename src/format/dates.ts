/**
 * FHIR dates and dateTimes in the CUI form: `05-Jan-2024`, `14:05`, `05-Jan-2024 14:05`.
 *
 * Time zone: a dateTime that carries an offset (`Z`, `+01:00`) is an instant; it is shown as the
 * wall-clock time in the UK (`Europe/London`, GMT or BST as it was on that day), because that is
 * the time the clinician reading the record lives in and the time the UK source system recorded.
 * `Intl.DateTimeFormat` is used for that conversion and for the numbers only. A date-only value
 * (`2024-01-05`, `2024-01`, `1956`) and a dateTime written without an offset are shown exactly as
 * written: they never move across a day boundary.
 */
import { monthName, notKnown } from './strings.js';
import { text } from './values.js';

/** The CUI month abbreviations (never `Intl`, which writes `Sept` in en-GB). */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export const UK_TIME_ZONE = 'Europe/London';

export type DatePrecision = 'year' | 'month' | 'day' | 'time';

/** A date as the wall clock in the chosen time zone shows it; lower units present per `precision`. */
export interface ParsedDate {
  year: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  precision: DatePrecision;
  /** Epoch milliseconds, when the value was an instant (a dateTime with an offset, or a `Date`). */
  instant?: number;
}

export interface DateOptions {
  /** IANA zone that dateTimes with an offset are shown in; default `Europe/London`. */
  timeZone?: string;
}

/** What a model keeps of a date: the value as sent, its display, and a key to sort by. */
export interface FormattedDate {
  value: string;
  display: string;
  precision: DatePrecision;
  /** Milliseconds of the wall-clock time read as UTC: orders dates of any precision together. */
  sortKey: number;
}

const PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1–12) of `year`, Gregorian leap years (no Date made: it runs for every date read). */
export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}

/** The wall-clock parts of an instant as `Intl` gives them; throws for a zone this browser does not know. */
function intlWallClock(ms: number, timeZone: string): ParsedDate {
  const parts = formatterFor(timeZone).formatToParts(ms);
  // One pass over the parts (the first of each type counts); a missing part reads as NaN.
  const found: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of parts) found[type] ??= value;
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(found[type] ?? Number.NaN);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour') % 24,
    minute: part('minute'),
    second: part('second'),
    precision: 'time',
    instant: ms,
  };
}

/** The parts of `ms` (to the second) read in UTC, shifted by `offset` ms (`0` for UTC itself). */
function utcWallClock(ms: number, offset: number): ParsedDate {
  const d = new Date(Math.floor(ms / 1000) * 1000 + offset);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    precision: 'time',
    instant: ms,
  };
}

const WEEK = 7 * 86_400_000;
/**
 * Offsets at the start of the weeks last asked about, by zone and week: a record read in pages of
 * several date-sorted searches moves between decades, so enough for a lifetime (about 80 years).
 */
const weekOffsets = new Map<string, Map<number, number>>();
const KEPT_WEEKS = 4096;

/** How far ahead of UTC `timeZone`'s wall clock is at the start of week `week` (ms; whole seconds). */
function weekOffset(week: number, timeZone: string): number {
  let zone = weekOffsets.get(timeZone);
  if (!zone) weekOffsets.set(timeZone, (zone = new Map()));
  let offset = zone.get(week);
  if (offset === undefined) {
    const start = week * WEEK;
    const wall = intlWallClock(start, timeZone);
    const utc = new Date(0);
    utc.setUTCFullYear(wall.year, (wall.month ?? 1) - 1, wall.day);
    utc.setUTCHours(wall.hour ?? 0, wall.minute, wall.second, 0);
    offset = utc.getTime() - start;
    if (zone.size >= KEPT_WEEKS) zone.delete(zone.keys().next().value as number);
    zone.set(week, offset);
  }
  return offset;
}

/**
 * The wall-clock parts of an instant in `timeZone` (UTC if the zone is unknown to this browser).
 * Thousands of dates cost a few `Intl` calls: a week that starts and ends on the same offset (all
 * but the weeks the clocks change in) is read from that offset; a week the clocks change in is
 * asked of `Intl` instant by instant.
 */
export function wallClock(instant: Date | number, timeZone: string = UK_TIME_ZONE): ParsedDate | undefined {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) return undefined;
  try {
    const week = Math.floor(ms / WEEK);
    const offset = weekOffset(week, timeZone);
    return offset === weekOffset(week + 1, timeZone) ? utcWallClock(ms, offset) : intlWallClock(ms, timeZone);
  } catch {
    return utcWallClock(ms, 0);
  }
}

/**
 * Reads a FHIR date, dateTime or instant (or a JS `Date`, taken as an instant). Returns `undefined`
 * for anything that is not a real calendar date, such as `2023-02-30` or `yesterday`.
 */
export function parseFhirDate(value: unknown, options: DateOptions = {}): ParsedDate | undefined {
  const timeZone = options.timeZone ?? UK_TIME_ZONE;
  if (value instanceof Date) return wallClock(value, timeZone);
  const raw = text(value);
  const m = raw ? PATTERN.exec(raw) : null;
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, offset] = m;
  const year = Number(y);
  if (mo === undefined) return { year, precision: 'year' };
  const month = Number(mo);
  if (month < 1 || month > 12) return undefined;
  if (d === undefined) return { year, month, precision: 'month' };
  const day = Number(d);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  if (h === undefined) return { year, month, day, precision: 'day' };
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Math.min(Number(s), 59);
  if (hour > 23 || minute > 59) return undefined;
  if (offset === undefined) return { year, month, day, hour, minute, second, precision: 'time' };
  const offsetMinutes =
    offset === 'Z'
      ? 0
      : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4)));
  const instant = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  return wallClock(instant, timeZone);
}

/** The sort key of a parsed date: its wall-clock time read as UTC, missing units at their start. */
export function sortKeyOf(date: ParsedDate): number {
  return Date.UTC(
    date.year,
    (date.month ?? 1) - 1,
    date.day ?? 1,
    date.hour ?? 0,
    date.minute ?? 0,
    date.second ?? 0,
  );
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function datePart(date: ParsedDate): string {
  const year = pad(date.year, 4);
  if (date.month === undefined) return year;
  const month = MONTHS[date.month - 1];
  if (date.day === undefined) return `${month}-${year}`;
  return `${pad(date.day)}-${month}-${year}`;
}

function timePart(date: ParsedDate): string | undefined {
  if (date.hour === undefined) return undefined;
  return `${pad(date.hour)}:${pad(date.minute ?? 0)}`;
}

/**
 * `November 2026`: a month and year in words, for headings that group by month (month 1-12, full
 * name from a fixed table, never `Intl`; the year written with four digits). A month outside 1-12
 * is written as its number, so nothing is hidden.
 */
export function formatMonthYear(year: number, month: number): string {
  return `${monthName(month) ?? pad(month)} ${pad(year, 4)}`;
}

export function isKnownDate(value: unknown): boolean {
  return parseFhirDate(value) !== undefined;
}

/** `05-Jan-2024`; `Mar-1956` and `1956` for partial dates; `Not known` when missing or invalid. */
export function formatDate(value: unknown, options: DateOptions = {}): string {
  const date = parseFhirDate(value, options);
  return date ? datePart(date) : notKnown();
}

/** `14:05` (24-hour); `Not known` when the value has no time. */
export function formatTime(value: unknown, options: DateOptions = {}): string {
  const date = parseFhirDate(value, options);
  return (date && timePart(date)) ?? notKnown();
}

/** `05-Jan-2024 14:05`; a value without a time shows its date alone. */
export function formatDateTime(value: unknown, options: DateOptions = {}): string {
  const date = parseFhirDate(value, options);
  if (!date) return notKnown();
  const time = timePart(date);
  return time ? `${datePart(date)} ${time}` : datePart(date);
}

/**
 * A date for a view model, or `undefined` when missing or invalid (the model then lists it as
 * missing). `withTime: false` shows only the date even when the value has a time.
 */
export function describeDate(
  value: unknown,
  options: DateOptions & { withTime?: boolean } = {},
): FormattedDate | undefined {
  return describeParsedDate(value, parseFhirDate(value, options), options);
}

/**
 * `describeDate` for a value already read with `parseFhirDate` (`date`, in the time zone wanted),
 * so a model that needs both the parts and the display reads each value once.
 */
export function describeParsedDate(
  value: unknown,
  date: ParsedDate | undefined,
  options: { withTime?: boolean } = {},
): FormattedDate | undefined {
  if (!date) return undefined;
  const time = options.withTime === false ? undefined : timePart(date);
  return {
    value: value instanceof Date ? value.toISOString() : (text(value) ?? String(value).trim()),
    display: time ? `${datePart(date)} ${time}` : datePart(date),
    precision: date.precision,
    sortKey: sortKeyOf(date),
  };
}
