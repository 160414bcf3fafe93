/**
 * The CUI patient banner as plain data. Zone 1: name, date of birth (with age for the living),
 * gender, NHS number; date of death and age at death for the deceased. Zone 2: address, contacts,
 * GP practice and allergy status. For a restricted record zone 2's address, contacts and GP are
 * left out of the model altogether, so nothing downstream can show or keep them.
 */
import type { Organization, Patient } from 'fhir/r4';
import { formatAddress, selectAddress } from '../format/addresses.js';
import { ageAtDeath, describeAge } from '../format/ages.js';
import { formatDate, isKnownDate, type DateOptions } from '../format/dates.js';
import { patientNames } from '../format/names.js';
import { nhsNumberOf } from '../format/nhs-number.js';
import { formatOrganisation } from '../format/organisation.js';
import { isRestricted } from '../format/restricted.js';
import {
  deathNotificationFormal,
  deathNotificationInformal,
  genderFemale,
  genderMale,
  genderOther,
  notKnown,
} from '../format/strings.js';
import { contactList, type Contact } from '../format/telecom.js';
import { extensionOf, isObject, objects, text } from '../format/values.js';
import { allergyStatusLabel, type AllergyStatus } from './allergies.js';
export type { AllergyStatus } from './allergies.js';
import { patientDeath, type DeathNotification } from './death.js';
import { organisationOf, type Resolve } from './provenance.js';

export type GenderCode = 'male' | 'female' | 'other' | 'unknown';

export interface BannerOptions extends DateOptions {
  /** The moment ages are counted to; default now. */
  now?: Date;
  /** From `allergyRecord(...).status`; when not given the banner says `Allergies unavailable`. */
  allergyStatus?: AllergyStatus;
  /** The registered practice, when the caller has it; else `Patient.generalPractitioner` is read. */
  generalPractice?: Organization | string;
  /** Resolves `Patient.generalPractitioner` references (contained ones are resolved anyway). */
  resolve?: Resolve;
}

export interface BannerNhsNumber {
  /** `943 476 5919`, or `Not known`. */
  display: string;
  /** Digits only, for copying (NUM-0003); empty when there is no NHS number. */
  digits: string;
  valid: boolean;
  /** False for any status but 01; `undefined` when no status was sent. */
  verified: boolean | undefined;
  verificationCode?: string;
  verificationDisplay?: string;
}

export interface BannerDeceased {
  /** `05-Jan-2024`, or `Not known`. */
  date: string;
  /** CUI Table 7 units, no parentheses; `Not known` when it cannot be worked out. */
  ageAtDeath: string;
  notification?: DeathNotification;
  notificationDisplay?: string;
}

export interface BannerModel {
  /** `SMITH, Alice (Mrs)`, or `Not known`. */
  name: string;
  preferredName?: string;
  /** `05-Jan-1970`, `Mar-1956`, `1956`, or `Not known`. */
  birthDate: string;
  /** Age of a living patient (`42y`, `4w 1d`), shown in parentheses after the birth date. */
  age?: string;
  gender: string;
  genderCode: GenderCode;
  nhsNumber: BannerNhsNumber;
  deceased?: BannerDeceased;
  restricted: boolean;
  /** Address lines, postcode last. Absent for a restricted record. */
  address?: string[];
  /** Home, Work, Mobile, Email, others. Absent for a restricted record. */
  contacts?: Contact[];
  /** `Name (ODS)` of the registered GP practice. Absent for a restricted record. */
  gp?: string;
  allergyStatus: AllergyStatus;
  allergyStatusLabel: string;
  /** Model fields that had no usable data (`name`, `birthDate`, `gender`, `nhsNumber`, ...). */
  missing: string[];
}

const BIRTH_TIME_URL = 'http://hl7.org/fhir/StructureDefinition/patient-birthTime';

function genderOf(value: unknown): { gender: string; genderCode: GenderCode } {
  switch (value) {
    case 'male':
      return { gender: genderMale(), genderCode: 'male' };
    case 'female':
      return { gender: genderFemale(), genderCode: 'female' };
    case 'other':
      return { gender: genderOther(), genderCode: 'other' };
    default:
      return { gender: notKnown(), genderCode: 'unknown' };
  }
}

/** The birth time of a neonate (`_birthDate` extension) when sent, else the birth date. */
function birthMoment(patient: Patient): unknown {
  const birthTime = extensionOf(patient._birthDate, BIRTH_TIME_URL)?.valueDateTime;
  return isKnownDate(birthTime) ? birthTime : patient.birthDate;
}

const NOTIFICATION_LABELS: Record<DeathNotification, () => string> = {
  formal: deathNotificationFormal,
  informal: deathNotificationInformal,
};

function deceasedOf(patient: Patient, options: DateOptions): BannerDeceased | undefined {
  const death = patientDeath(patient, options);
  if (!death) return undefined;
  const dateTime = text(patient.deceasedDateTime);
  return {
    date: formatDate(dateTime, options),
    ageAtDeath: ageAtDeath(birthMoment(patient), dateTime, options),
    ...(death.notification
      ? { notification: death.notification, notificationDisplay: NOTIFICATION_LABELS[death.notification]() }
      : {}),
  };
}

function gpOf(patient: Patient, options: BannerOptions): string | undefined {
  const given = options.generalPractice;
  if (typeof given === 'string') return text(given);
  if (isObject(given)) return formatOrganisation(given);
  const references = objects<Record<string, unknown>>(patient.generalPractitioner);
  for (const reference of references) {
    const organisation = organisationOf(reference, options.resolve, patient);
    if (organisation?.display) return organisation.display;
  }
  return references.map((r) => text(r.display)).find(Boolean);
}

export function bannerModel(patient: Patient | undefined, options: BannerOptions = {}): BannerModel {
  const p: Patient = isObject(patient) ? patient : { resourceType: 'Patient' };
  const now = options.now ?? new Date();
  const dateOptions: DateOptions = options.timeZone ? { timeZone: options.timeZone } : {};
  const missing: string[] = [];

  const names = patientNames(p.name, { now });
  if (!names.known) missing.push('name');

  const birthKnown = isKnownDate(p.birthDate);
  if (!birthKnown) missing.push('birthDate');

  const { gender, genderCode } = genderOf(p.gender);
  if (p.gender === undefined || genderCode === 'unknown') missing.push('gender');

  const nhs = nhsNumberOf(p);
  if (!nhs) missing.push('nhsNumber');

  const deceased = deceasedOf(p, dateOptions);
  if (deceased && !isKnownDate(p.deceasedDateTime)) missing.push('deceasedDate');

  let age: string | undefined;
  if (!deceased && birthKnown) {
    age = describeAge(birthMoment(p), now, dateOptions);
    if (!age) missing.push('age');
  }

  const restricted = isRestricted(p);
  const zone2: Pick<BannerModel, 'address' | 'contacts' | 'gp'> = {};
  if (!restricted) {
    const address = formatAddress(selectAddress(p.address, { now }));
    if (address.length > 0) zone2.address = address;
    else missing.push('address');
    zone2.contacts = contactList(p.telecom, { now });
    if (zone2.contacts.length === 0) missing.push('contacts');
    const gp = gpOf(p, options);
    if (gp) zone2.gp = gp;
    else missing.push('gp');
  }

  const allergyStatus = options.allergyStatus ?? 'unavailable';
  return {
    name: names.name,
    ...(names.preferredName ? { preferredName: names.preferredName } : {}),
    birthDate: formatDate(p.birthDate, dateOptions),
    ...(age ? { age } : {}),
    gender,
    genderCode,
    nhsNumber: nhs
      ? {
          display: nhs.display,
          digits: nhs.value,
          valid: nhs.valid,
          verified: nhs.verified,
          ...(nhs.verificationCode ? { verificationCode: nhs.verificationCode } : {}),
          ...(nhs.verificationDisplay ? { verificationDisplay: nhs.verificationDisplay } : {}),
        }
      : { display: notKnown(), digits: '', valid: false, verified: undefined },
    ...(deceased ? { deceased } : {}),
    restricted,
    ...zone2,
    allergyStatus,
    allergyStatusLabel: allergyStatusLabel(allergyStatus),
    missing,
  };
}
