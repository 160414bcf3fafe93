/**
 * When something clinical began or ended, as a record gives it in a FHIR choice (`onset[x]`,
 * `abatement[x]`): a date or dateTime (its precision kept: `1956`, `Mar-1956`, `05-Mar-1956`; never
 * a time of day), a period (its start), an age (`At age 52 years`), an age range (`At age 50 to 54
 * years`) or the record's own words (`approximately November 2012`). One reading for every section.
 */
import { describeDate, type DateOptions, type FormattedDate } from '../format/dates.js';
import { formatQuantity, formatRange } from '../format/quantity.js';
import { atAge } from '../format/strings.js';
import { isObject, text } from '../format/values.js';

export interface ClinicalTime {
  /** What is shown; absent when the record says nothing usable. */
  display?: string;
  /** Set when it was a calendar date: what it sorts by. */
  date?: FormattedDate;
}

/** `prefix` names the choice: `onset` reads `onsetDateTime`, `onsetPeriod`, `onsetAge`, `onsetRange`, `onsetString`. */
export function clinicalTime(
  resource: unknown,
  prefix: 'onset' | 'abatement',
  options: DateOptions = {},
): ClinicalTime {
  if (!isObject(resource)) return {};
  const period = isObject(resource[`${prefix}Period`])
    ? (resource[`${prefix}Period`] as Record<string, unknown>)
    : {};
  const date = describeDate(resource[`${prefix}DateTime`] ?? period.start, { ...options, withTime: false });
  if (date) return { display: date.display, date };
  const age = formatQuantity(resource[`${prefix}Age`]) ?? formatRange(resource[`${prefix}Range`]);
  if (age) return { display: atAge(age) };
  const words = text(resource[`${prefix}String`]);
  return words ? { display: words } : {};
}
