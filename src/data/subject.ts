import type { Patient, Resource } from 'fhir/r4';
import { NHS_NUMBER_SYSTEM } from '../format/nhs-number.js';
import { parseReference } from '../format/references.js';
import { RecordError } from './record-error.js';
import type { RecordSource } from './record-source.js';

/**
 * The patient a record shows, as every reference to them may name them. Built once per load and
 * used for two things: the `patient` value of every search (never a search without one), and the
 * check that every clinical resource an answer holds is about this patient.
 */
export interface PatientIdentity {
  /** The logical id, as the server gave it (compared raw: cleaning it could make another id look equal). */
  id?: string;
  /** The `fullUrl` the source knows the Patient by (a Bundle entry's `urn:uuid:` or URL). */
  fullUrl?: string;
  /** The NHS number (10 digits): a logical reference by identifier names the patient by it. */
  nhsNumber?: string;
  /** The NHS number to name the patient by in errors: the one asked for when there was one. */
  label?: string;
  /** What searches pass as `patient=`: the id, else (a Bundle) the fullUrl. */
  search: string;
}

/** The NHS number a Patient carries, as 10 digits, or `undefined`. */
export function nhsNumberOf(patient: Resource): string | undefined {
  const identifiers = (patient as Patient).identifier;
  const value = (Array.isArray(identifiers) ? identifiers : []).find(
    (identifier) => identifier?.system === NHS_NUMBER_SYSTEM && typeof identifier.value === 'string',
  )?.value;
  return value?.replace(/\s/g, '');
}

const nonBlank = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * Who `patient` is, for searching and checking. A Patient with neither an id nor (in a Bundle) a
 * fullUrl cannot be searched for safely: a search without `patient` would return everyone's
 * records, so this fails with `invalid-response` instead.
 */
export function patientIdentity(
  source: RecordSource,
  patient: Patient,
  askedNhsNumber?: string,
): PatientIdentity {
  const id = nonBlank(patient.id);
  const fullUrl = nonBlank(source.fullUrlOf?.(patient));
  const nhsNumber = nhsNumberOf(patient);
  const search = id ?? fullUrl;
  if (search === undefined) {
    throw new RecordError('invalid-response', 'patient-without-id', {});
  }
  const label = askedNhsNumber ?? nhsNumber;
  return {
    search,
    ...(id ? { id } : {}),
    ...(fullUrl ? { fullUrl } : {}),
    ...(nhsNumber ? { nhsNumber } : {}),
    ...(label ? { label } : {}),
  };
}

/** True when `reference` (a FHIR Reference) names the patient: by id, relative or absolute URL, fullUrl, or NHS number. */
export function refersToPatient(reference: unknown, patient: PatientIdentity): boolean {
  if (typeof reference !== 'object' || reference === null) return false;
  const { reference: ref, identifier } = reference as { reference?: unknown; identifier?: unknown };
  if (typeof ref === 'string' && ref.trim() !== '') {
    const text = ref.trim();
    if (patient.fullUrl !== undefined && text === patient.fullUrl) return true;
    const parsed = parseReference(text);
    if (parsed.kind === 'relative' || parsed.kind === 'absolute') {
      return parsed.type === 'Patient' && patient.id !== undefined && parsed.id === patient.id;
    }
    return false;
  }
  // A logical reference: `{ identifier: { system: nhs-number, value } }` with no literal reference.
  const logical = identifier as { system?: unknown; value?: unknown } | undefined;
  return (
    patient.nhsNumber !== undefined &&
    logical?.system === NHS_NUMBER_SYSTEM &&
    typeof logical.value === 'string' &&
    logical.value.replace(/\s/g, '') === patient.nhsNumber
  );
}

/** The fields that say whose a clinical resource is. */
const SUBJECT_FIELDS = ['subject', 'patient'] as const;

/** True when every subject / patient reference of `resource` names the patient, and it has at least one. */
export function isAboutPatient(resource: Resource, patient: PatientIdentity): boolean {
  const record = resource as unknown as Record<string, unknown>;
  const references = SUBJECT_FIELDS.flatMap((field) => (record[field] === undefined ? [] : [record[field]]));
  return references.length > 0 && references.every((reference) => refersToPatient(reference, patient));
}

/**
 * Refuses a whole answer when any resource in it is not about the patient: a server that ignored
 * the `patient` parameter cannot be trusted for the rest of its answer either, so nothing of it is
 * shown (not a filtered subset). The error names the patient by the NHS number asked for.
 */
export function checkSubjects(resources: readonly Resource[], patient: PatientIdentity, type: string): void {
  const stranger = resources.find((resource) => !isAboutPatient(resource, patient));
  if (!stranger) return;
  throw new RecordError('patient-mismatch', 'wrong-patient-search', { type, nhsNumber: patient.label });
}

/**
 * Checks resources reached through a reference from the patient's own records (a report's results,
 * a panel's members): one may leave its subject out (it is the referrer's), but one that names
 * anyone else refuses the answer, as `checkSubjects` does for a search.
 */
export function checkReachedSubjects(
  resources: readonly Resource[],
  patient: PatientIdentity,
  type: string,
): void {
  const stranger = resources.find((resource) => {
    const record = resource as unknown as Record<string, unknown>;
    return SUBJECT_FIELDS.some(
      (field) => record[field] !== undefined && !refersToPatient(record[field], patient),
    );
  });
  if (!stranger) return;
  throw new RecordError('patient-mismatch', 'wrong-patient-search', { type, nhsNumber: patient.label });
}
