/**
 * Whether the patient has died, and when: one rule for the banner and for every section that
 * reads the record differently for a deceased patient (what was current was current at death).
 */
import type { Patient } from 'fhir/r4';
import { codeOf } from '../format/codes.js';
import { describeDate, type DateOptions, type FormattedDate } from '../format/dates.js';
import { extensionOf, isObject, text } from '../format/values.js';

const DEATH_NOTIFICATION_URL =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DeathNotificationStatus';

export type DeathNotification = 'formal' | 'informal';

export interface PatientDeath {
  /** When the patient died; absent when the record says they died but not when. */
  date?: FormattedDate;
  /** PDS death notification status, when the record gives one. */
  notification?: DeathNotification;
}

/**
 * The patient's death, or `undefined` for a living patient: a date or flag of death, or a PDS death
 * notification (formal or informal) that has not been removed (`U` withdraws one without a date).
 */
export function patientDeath(patient: Patient, options: DateOptions = {}): PatientDeath | undefined {
  if (!isObject(patient)) return undefined;
  const status = extensionOf(extensionOf(patient, DEATH_NOTIFICATION_URL), 'deathNotificationStatus');
  const code = codeOf(status?.valueCodeableConcept);
  const notification = code === '1' ? 'informal' : code === '2' ? 'formal' : undefined;
  const dateTime = text(patient.deceasedDateTime);
  if (dateTime === undefined && patient.deceasedBoolean !== true && notification === undefined)
    return undefined;
  const date = describeDate(dateTime, { ...options, withTime: false });
  return { ...(date ? { date } : {}), ...(notification ? { notification } : {}) };
}
