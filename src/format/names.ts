/**
 * Person names. The banner form is CUI's `SMITH, Alice (Mrs)` (PAB-0049..0053): family name in
 * upper case, given names as recorded, title in parentheses, never truncated. Practitioners and
 * other people outside the banner read naturally: `Dr Jane Smith`.
 */
import type { HumanName } from 'fhir/r4';
import { parseFhirDate, sortKeyOf } from './dates.js';
import { notKnown } from './strings.js';
import { isObject, objects, strings, text } from './values.js';

export interface PatientNames {
  /** `SMITH, Alice (Mrs)`, or `Not known`. */
  name: string;
  /** The `usual` name in the same form, when it says something the official name does not. */
  preferredName?: string;
  /** False when no name could be shown. */
  known: boolean;
}

export interface NameOptions {
  /** Names whose period ended before this are passed over; default now. */
  now?: Date;
}

/** `today()` is the clock read as a date; only a name with an end date needs it. */
function isCurrent(name: HumanName, today: () => number | undefined): boolean {
  if (name.use === 'old') return false;
  const end = isObject(name.period) ? parseFhirDate(name.period.end) : undefined;
  if (!end) return true;
  const todayKey = today();
  return todayKey === undefined || sortKeyOf(end) >= todayKey;
}

function hasContent(name: HumanName): boolean {
  return text(name.family) !== undefined || strings(name.given).length > 0 || text(name.text) !== undefined;
}

function usable(names: unknown, now: Date): HumanName[] {
  const all = objects<HumanName>(names).filter(hasContent);
  // The clock is read once, and only when a name has an end date.
  let todayKey: number | undefined | null = null;
  const today = () => {
    if (todayKey === null) {
      const parsed = parseFhirDate(now);
      todayKey = parsed && sortKeyOf(parsed);
    }
    return todayKey;
  };
  const current = all.filter((n) => isCurrent(n, today));
  return current.length > 0 ? current : all;
}

/** The official name: `use: official`, else the first with no use or `usual`, else the first. */
export function officialName(names: unknown, options: NameOptions = {}): HumanName | undefined {
  const list = usable(names, options.now ?? new Date());
  return (
    list.find((n) => n.use === 'official') ??
    list.find((n) => n.use === undefined || n.use === 'usual') ??
    list[0]
  );
}

/** `SMITH, Alice Jane (Mrs)`; falls back to `name.text`; `undefined` when there is nothing. */
export function formatBannerName(name: HumanName | undefined): string | undefined {
  if (!isObject(name)) return undefined;
  const family = text(name.family)?.toLocaleUpperCase('en-GB');
  const given = strings(name.given).join(' ');
  const prefix = strings(name.prefix).join(' ');
  if (!family && !given) return text(name.text);
  const core = family && given ? `${family}, ${given}` : (family ?? given);
  return prefix ? `${core} (${prefix})` : core;
}

/** The banner name and preferred name of a patient (pass `patient.name`). */
export function patientNames(names: unknown, options: NameOptions = {}): PatientNames {
  const now = options.now ?? new Date();
  const official = officialName(names, { now });
  const name = formatBannerName(official);
  const usual = usable(names, now).find((n) => n.use === 'usual' && n !== official);
  const preferred = formatBannerName(usual);
  return {
    name: name ?? notKnown(),
    ...(preferred && preferred !== name ? { preferredName: preferred } : {}),
    known: name !== undefined,
  };
}

/**
 * `Dr Jane Smith` (prefix, given, family, suffix) for practitioners and related people. Takes one
 * name or a list (the official one is used). Without a name, returns `fallback`.
 */
export function formatHumanName(name: unknown): string | undefined;
export function formatHumanName(name: unknown, options: { fallback: string }): string;
export function formatHumanName(name: unknown, options: { fallback?: string } = {}): string | undefined {
  const chosen = Array.isArray(name) ? officialName(name) : isObject(name) ? (name as HumanName) : undefined;
  const parts = chosen
    ? [
        ...strings(chosen.prefix),
        ...strings(chosen.given),
        ...strings(chosen.family),
        ...strings(chosen.suffix),
      ]
    : [];
  const formatted = parts.length > 0 ? parts.join(' ') : chosen && text(chosen.text);
  return formatted ?? options.fallback;
}
