// Local (UK) wall-clock times as numbers, formatted with the Europe/London offset of the day.
// A "local time" is milliseconds from Date.UTC(...) of the wall-clock reading, so arithmetic in
// days and hours is plain and nothing depends on the machine's time zone.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * @param {string} date YYYY-MM-DD
 * @returns {number} local midnight at the start of that day
 */
export function parseDate(date) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Not a date (YYYY-MM-DD): ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/**
 * @param {number} year
 * @param {number} month 0-based
 * @returns {number} local midnight of the last Sunday of that month
 */
function lastSunday(year, month) {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay());
}

/**
 * British Summer Time runs from 01:00 GMT on the last Sunday in March to 01:00 GMT on the last
 * Sunday in October (02:00 BST local).
 * @param {number} local
 * @returns {boolean}
 */
export function isBst(local) {
  const year = new Date(local).getUTCFullYear();
  return local >= lastSunday(year, 2) + 2 * HOUR && local < lastSunday(year, 9) + HOUR;
}

/** @param {number} n @returns {string} */
const pad = (n) => String(n).padStart(2, '0');

/**
 * @param {number} local
 * @returns {string} YYYY-MM-DD
 */
export function fmtDate(local) {
  const d = new Date(local);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * @param {number} local
 * @returns {string} YYYY-MM-DDTHH:mm:ss+00:00 or +01:00
 */
export function fmtDateTime(local) {
  const d = new Date(local);
  return `${fmtDate(local)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00${isBst(local) ? '+01:00' : '+00:00'}`;
}

/**
 * @param {number} local
 * @param {number} months
 * @returns {number} the same wall-clock time that many months later (day clamped to the month)
 */
export function addMonths(local, months) {
  const d = new Date(local);
  const target = new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes()),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}

/**
 * @param {number} local
 * @returns {number} local midnight of that day
 */
export function startOfDay(local) {
  return Math.floor(local / DAY) * DAY;
}

/**
 * @param {number} local
 * @returns {boolean} Saturday or Sunday
 */
export function isWeekend(local) {
  const day = new Date(local).getUTCDay();
  return day === 0 || day === 6;
}
