/**
 * Addresses in UK order: lines, town, district (county), country only when outside the UK, and
 * the postcode last on its own line. `Address.text` stands in when there is nothing structured.
 */
import type { Address } from 'fhir/r4';
import { parseFhirDate, sortKeyOf } from './dates.js';
import { isObject, objects, strings, text } from './values.js';

export interface AddressOptions {
  /** Addresses whose period ended before this are passed over; default now. */
  now?: Date;
}

/** Country values that mean the UK, in which case the country is not written. */
const UK = new Set([
  'uk',
  'gb',
  'gbr',
  'united kingdom',
  'great britain',
  'england',
  'scotland',
  'wales',
  'northern ireland',
]);

function inPeriod(period: unknown, now: Date): boolean {
  if (!isObject(period)) return true;
  const today = parseFhirDate(now);
  if (!today) return true;
  const start = parseFhirDate(period.start);
  const end = parseFhirDate(period.end);
  return (!start || sortKeyOf(start) <= sortKeyOf(today)) && (!end || sortKeyOf(end) >= sortKeyOf(today));
}

/**
 * The address to show: a current `home` address, else any current one that is not `old` or
 * `billing`, else the first that has anything in it.
 */
export function selectAddress(addresses: unknown, options: AddressOptions = {}): Address | undefined {
  const now = options.now ?? new Date();
  const all = objects<Address>(addresses).filter((a) => formatAddress(a).length > 0);
  const current = all.filter((a) => a.use !== 'old' && inPeriod(a.period, now));
  return (
    current.find((a) => a.use === 'home') ??
    current.find((a) => a.use !== 'billing' && a.use !== 'temp') ??
    current[0] ??
    all[0]
  );
}

/** The lines of one address, postcode last; an empty array when there is nothing to show. */
export function formatAddress(address: unknown): string[] {
  if (!isObject(address)) return [];
  const country = text(address.country);
  const parts = [
    ...strings(address.line),
    text(address.city),
    text(address.district),
    text(address.state),
    country && !UK.has(country.toLowerCase()) ? country : undefined,
  ].filter((p): p is string => p !== undefined);
  const postcode = text(address.postalCode)?.toUpperCase();
  const lines: string[] = [];
  for (const part of parts) {
    if (!lines.some((l) => l.toLowerCase() === part.toLowerCase())) lines.push(part);
  }
  if (postcode) lines.push(postcode);
  if (lines.length > 0) return lines;
  const fallback = text(address.text);
  return fallback
    ? fallback
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
    : [];
}
