/**
 * What a user typed into a date input of the NHS design system (day, month and year as three
 * numbers) read as a date. Pure: says what is wrong, the element words it.
 */
import { daysInMonth } from './dates.js';

export type DateField = 'day' | 'month' | 'year';

/** The three boxes of one date input, as typed. */
export type DateInputParts = Record<DateField, string>;

export const EMPTY_DATE_INPUT: DateInputParts = { day: '', month: '', year: '' };

/**
 * The date (`YYYY-MM-DD`), nothing typed (`empty`), or why it is not a date, with the boxes
 * that are wrong: some left empty (`incomplete`), a year not of 4 digits (`year-digits`), or a
 * date that does not exist, such as 31 2 2024 (`not-real`).
 */
export type DateInputResult =
  | { kind: 'date'; value: string }
  | { kind: 'empty' }
  | { kind: 'incomplete' | 'year-digits' | 'not-real'; fields: DateField[] };

const FIELDS: DateField[] = ['day', 'month', 'year'];

export function parseDateInput(parts: DateInputParts): DateInputResult {
  const typed = {
    day: parts.day.trim(),
    month: parts.month.trim(),
    year: parts.year.trim(),
  };
  const missing = FIELDS.filter((field) => typed[field] === '');
  if (missing.length === FIELDS.length) return { kind: 'empty' };
  if (missing.length > 0) return { kind: 'incomplete', fields: missing };
  const notNumbers = FIELDS.filter((field) => !/^\d+$/.test(typed[field]));
  if (notNumbers.length > 0) return { kind: 'not-real', fields: notNumbers };
  if (typed.year.length !== 4) return { kind: 'year-digits', fields: ['year'] };
  const [day, month, year] = [Number(typed.day), Number(typed.month), Number(typed.year)];
  if (month < 1 || month > 12) return { kind: 'not-real', fields: ['month'] };
  if (day < 1 || day > daysInMonth(year, month)) return { kind: 'not-real', fields: ['day'] };
  const pad = (n: number) => String(n).padStart(2, '0');
  return { kind: 'date', value: `${typed.year}-${pad(month)}-${pad(day)}` };
}
