/**
 * Dosage instructions. The prescriber's `Dosage.text` wins, as it is what the patient was told;
 * otherwise the instruction is composed in UK wording from the structured parts:
 * `1 tablet twice a day, oral, when required, with or after food`. Several dosages in sequence
 * are joined with `, then ` (dosages that share a sequence number apply together: ` and `).
 */
import type { Dosage, Timing } from 'fhir/r4';
import { formatCodeableConcept } from './codes.js';
import { formatNumber, formatQuantity, formatRange } from './quantity.js';
import {
  atTimes,
  dayOfWeek,
  dosageThen,
  durationUnit,
  eventTiming,
  everyDays,
  everyHour,
  everyHours,
  everyMinutes,
  everyMonths,
  everyOtherDay,
  everyWeeks,
  everyYears,
  forDuration,
  fourTimesADay,
  listAnd,
  onceADay,
  onceAMonth,
  onceAWeek,
  onceAYear,
  onDays,
  threeTimesADay,
  timesADay,
  timesAMonth,
  timesAWeek,
  timesEvery,
  timingAbbreviation,
  twiceADay,
  twiceAWeek,
  whenRequired,
  whenRequiredFor,
} from './strings.js';
import { isObject, num, objects, strings, text } from './values.js';

/** `Oral` → `oral`, but `MDI` and `mRNA` stay as written. */
function lowerFirst(value: string): string {
  return /^[A-Z][a-z]/.test(value) ? value[0].toLowerCase() + value.slice(1) : value;
}

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}${listAnd()}${items[items.length - 1]}`;
}

function frequency(repeat: Record<string, unknown>): string | undefined {
  const period = num(repeat.period);
  const unit = text(repeat.periodUnit);
  if (period === undefined || unit === undefined) return undefined;
  const times = num(repeat.frequency) ?? 1;
  const timesMax = num(repeat.frequencyMax);
  const periodMax = num(repeat.periodMax);
  const p = formatNumber(period) ?? '';
  const every = periodMax !== undefined && periodMax > period ? `${p} to ${formatNumber(periodMax)}` : p;
  const t = formatNumber(times) ?? '';
  const perUnitRange =
    timesMax !== undefined && timesMax > times ? `${t} to ${formatNumber(timesMax)}` : undefined;
  switch (unit) {
    case 'd':
      if (period === 1) {
        if (perUnitRange) return timesADay(perUnitRange);
        return [onceADay, twiceADay, threeTimesADay, fourTimesADay][times - 1]?.() ?? timesADay(t);
      }
      if (times === 1) return period === 2 && every === p ? everyOtherDay() : everyDays(every);
      return timesEvery(t, everyDays(every));
    case 'h':
      if (times === 1) return period === 1 && every === p ? everyHour() : everyHours(every);
      return timesEvery(t, period === 1 ? everyHour() : everyHours(every));
    case 'min':
      return times === 1 ? everyMinutes(every) : timesEvery(t, everyMinutes(every));
    case 'wk':
      if (period === 1) return times === 1 ? onceAWeek() : times === 2 ? twiceAWeek() : timesAWeek(t);
      return times === 1 ? everyWeeks(every) : timesEvery(t, everyWeeks(every));
    case 'mo':
      if (period === 1) return times === 1 ? onceAMonth() : timesAMonth(t);
      return times === 1 ? everyMonths(every) : timesEvery(t, everyMonths(every));
    case 'a':
      if (times !== 1) return undefined;
      return period === 1 ? onceAYear() : everyYears(every);
    default:
      return undefined;
  }
}

function duration(repeat: Record<string, unknown>): string | undefined {
  const bounds = isObject(repeat.boundsDuration) ? repeat.boundsDuration : undefined;
  const value = num(bounds?.value);
  if (!bounds || value === undefined) return undefined;
  const unit = durationUnit(text(bounds.code) ?? '', value) ?? text(bounds.unit);
  return forDuration(unit ? `${formatNumber(value)} ${unit}` : (formatNumber(value) ?? ''));
}

/** `three times a day`, `every 4 hours in the morning`, `once a week on Monday for 4 weeks`. */
export function formatTiming(timing: unknown): string | undefined {
  if (!isObject(timing)) return undefined;
  const repeat = isObject(timing.repeat) ? timing.repeat : {};
  const when = strings(repeat.when)
    .map(eventTiming)
    .filter((w): w is string => !!w);
  const times = strings(repeat.timeOfDay).map((t) => t.slice(0, 5));
  const days = strings(repeat.dayOfWeek)
    .map(dayOfWeek)
    .filter((d): d is string => !!d);
  const code = isObject(timing.code) ? timing.code : undefined;
  const codeText = text(code?.text);
  const codeAbbreviation = strings(
    code ? objects<Record<string, unknown>>(code.coding).map((c) => c.code) : [],
  )
    .map(timingAbbreviation)
    .find(Boolean);
  const parts = [
    frequency(repeat) ?? codeText ?? codeAbbreviation ?? formatCodeableConcept(code),
    when.length > 0 ? joinAnd(when) : undefined,
    times.length > 0 ? atTimes(joinAnd(times)) : undefined,
    days.length > 0 ? onDays(joinAnd(days)) : undefined,
    duration(repeat),
  ].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function dose(dosage: Dosage): string | undefined {
  for (const doseAndRate of objects<Record<string, unknown>>(dosage.doseAndRate)) {
    const formatted = formatQuantity(doseAndRate.doseQuantity) ?? formatRange(doseAndRate.doseRange);
    if (formatted) return formatted;
  }
  return undefined;
}

function asNeeded(dosage: Dosage): string | undefined {
  const reason = formatCodeableConcept(dosage.asNeededCodeableConcept);
  if (reason) return whenRequiredFor(lowerFirst(reason));
  return dosage.asNeededBoolean === true ? whenRequired() : undefined;
}

/** One dosage: its `text`, or the composed instruction; `undefined` when it says nothing. */
function formatOne(dosage: Dosage): string | undefined {
  const written = text(dosage.text);
  if (written) return written;
  const route = formatCodeableConcept(dosage.route);
  const core = [dose(dosage), formatTiming(dosage.timing as Timing | undefined)].filter(Boolean).join(' ');
  const parts = [
    core || undefined,
    route ? lowerFirst(route) : undefined,
    asNeeded(dosage),
    ...objects(dosage.additionalInstruction).map((c) => formatCodeableConcept(c)),
    text(dosage.patientInstruction),
  ].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** One Dosage or a list of them (e.g. `dosageInstruction`); `undefined` when nothing can be said. */
export function formatDosage(dosage: unknown): string | undefined {
  const list = objects<Dosage>(dosage)
    .map((d, index) => ({ d, index, sequence: num(d.sequence) ?? Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.sequence - b.sequence || a.index - b.index);
  const steps: string[][] = [];
  let previous: number | undefined;
  for (const { d, sequence } of list) {
    const formatted = formatOne(d);
    if (!formatted) continue;
    if (sequence === previous && sequence !== Number.MAX_SAFE_INTEGER)
      steps[steps.length - 1].push(formatted);
    else steps.push([formatted]);
    previous = sequence;
  }
  if (steps.length === 0) return undefined;
  return steps.map((s) => s.join(listAnd())).join(dosageThen());
}
