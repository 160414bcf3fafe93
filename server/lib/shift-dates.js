// Generated demo records are written for one day: scripts/generate-records.js dates everything
// relative to its --today and keeps that day as `today` in the folder's index.json. Loaded as they
// are, they would age: a "Planned" encounter ends up in the past, the 3-day-old baby grows up.
// So the record server (and the demo's single-Bundle mode) moves every date of those files by the
// whole days between that day and the day it runs: the record reads as if generated today.

import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fmtDate, isBst } from '../../scripts/generate-records/time.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A FHIR date, dateTime or instant to the day or finer: the only values moved. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})((?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?)?$/;
const DAY = 86_400_000;

/**
 * @param {Date} [now]
 * @returns {string} the calendar day in the UK (Europe/London), YYYY-MM-DD
 */
export function ukToday(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}

/**
 * @param {string} from YYYY-MM-DD
 * @param {string} to YYYY-MM-DD
 * @returns {number} whole days from `from` to `to`
 */
export function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/**
 * One date moved by `days`. A dateTime keeps its wall-clock time; one in UK time (`+00:00` or
 * `+01:00`, as the generator writes) gets the UK offset of its new day (GMT or BST), any other
 * keeps its offset. Anything that is not a date to the day or finer comes back as it was.
 * @param {string} value
 * @param {number} days
 * @returns {string}
 */
export function shiftDate(value, days) {
  const match = DATE_TIME.exec(value);
  if (!match) return value;
  const [, year, month, day, hour, minute, seconds, offset] = match;
  const local = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day) + days,
    Number(hour ?? 0),
    Number(minute ?? 0),
  );
  const date = fmtDate(local);
  if (hour === undefined) return date;
  const zone =
    offset === '+00:00' || offset === '+01:00' ? (isBst(local) ? '+01:00' : '+00:00') : (offset ?? '');
  return `${date}T${hour}:${minute}${seconds}${zone}`;
}

/**
 * A copy of `value` (a resource or Bundle) with every date string moved by `days`.
 * @template T
 * @param {T} value
 * @param {number} days
 * @returns {T}
 */
export function shiftDates(value, days) {
  if (typeof value === 'string') return /** @type {T} */ (shiftDate(value, days));
  if (Array.isArray(value)) return /** @type {T} */ (value.map((item) => shiftDates(item, days)));
  if (value && typeof value === 'object') {
    return /** @type {T} */ (
      Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shiftDates(item, days)]))
    );
  }
  return value;
}

/**
 * The day a generated file was written for: the `today` of the index.json beside it, when that
 * index names the file (a patient's file or the shared one); otherwise `undefined`.
 * @param {string} file
 * @returns {Promise<string | undefined>}
 */
export async function generatedFor(file) {
  let index;
  try {
    index = JSON.parse(await readFile(join(dirname(file), 'index.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const name = basename(file);
  const named =
    index?.shared?.file === name ||
    (Array.isArray(index?.patients) &&
      index.patients.some((/** @type {any} */ p) => p?.files?.includes(name)));
  return named && typeof index.today === 'string' && DATE.test(index.today) ? index.today : undefined;
}

/**
 * How many days to move a file's dates so that it reads as written on `today`: 0 for a file
 * that is not a generated one.
 * @param {string} file
 * @param {string} today YYYY-MM-DD
 * @returns {Promise<number>}
 */
export async function daysToShift(file, today) {
  const written = await generatedFor(file);
  return written ? daysBetween(written, today) : 0;
}
