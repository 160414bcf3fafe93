/**
 * Contact details in the CUI banner order: Home, Work, Mobile, Email, then anything else. Ended
 * (`period.end` passed) and `old` entries are left out; within a group, `rank` then record order.
 */
import type { ContactPoint } from 'fhir/r4';
import { parseFhirDate, sortKeyOf } from './dates.js';
import {
  contactEmail,
  contactFax,
  contactHome,
  contactMobile,
  contactOther,
  contactPager,
  contactPhone,
  contactSms,
  contactWebsite,
  contactWork,
} from './strings.js';
import { isObject, num, objects, text } from './values.js';

export interface Contact {
  label: string;
  value: string;
  system?: ContactPoint['system'];
  use?: ContactPoint['use'];
}

export interface ContactOptions {
  now?: Date;
}

function group(point: ContactPoint): number {
  if (point.system === 'email') return 3;
  if (point.use === 'mobile' || point.system === 'sms') return 2;
  if (point.system === 'phone' || point.system === undefined) {
    if (point.use === 'home') return 0;
    if (point.use === 'work') return 1;
  }
  return 4;
}

function label(point: ContactPoint): string {
  switch (group(point)) {
    case 0:
      return contactHome();
    case 1:
      return contactWork();
    case 2:
      return point.system === 'sms' ? contactSms() : contactMobile();
    case 3:
      return contactEmail();
  }
  switch (point.system) {
    case 'phone':
      return contactPhone();
    case 'fax':
      return contactFax();
    case 'pager':
      return contactPager();
    case 'url':
      return contactWebsite();
    default:
      return contactOther();
  }
}

function ended(point: ContactPoint, now: Date): boolean {
  if (point.use === 'old') return true;
  const end = isObject(point.period) ? parseFhirDate(point.period.end) : undefined;
  const today = parseFhirDate(now);
  return end !== undefined && today !== undefined && sortKeyOf(end) < sortKeyOf(today);
}

export function contactList(telecom: unknown, options: ContactOptions = {}): Contact[] {
  const now = options.now ?? new Date();
  return objects<ContactPoint>(telecom)
    .map((point, index) => ({ point, index, value: text(point.value) }))
    .filter(
      (c): c is { point: ContactPoint; index: number; value: string } => !!c.value && !ended(c.point, now),
    )
    .sort(
      (a, b) =>
        group(a.point) - group(b.point) ||
        (num(a.point.rank) ?? Infinity) - (num(b.point.rank) ?? Infinity) ||
        a.index - b.index,
    )
    .map(({ point, value }) => ({
      label: label(point),
      value,
      ...(text(point.system) ? { system: point.system } : {}),
      ...(text(point.use) ? { use: point.use } : {}),
    }));
}
