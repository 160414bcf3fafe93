import type { FhirResource, Patient } from 'fhir/r4';
import { abortError } from './fhir-http.js';
import { RecordError } from './record-error.js';
import type { RecordSource, RequestOptions } from './record-source.js';
import { NHS_NUMBER_SYSTEM } from '../format/nhs-number.js';
import { nhsNumberOf } from './subject.js';

/** Which patient a record shows: a logical id, an NHS number, or both (then they must agree). */
export interface PatientSelector {
  id?: string;
  nhsNumber?: string;
}

/** The 10 digits of an NHS number written with or without spaces; a `RecordError` when it is not one. */
export function normaliseNhsNumber(nhsNumber: string): string {
  const digits = nhsNumber.replace(/\s/g, '');
  if (!/^\d{10}$/.test(digits)) {
    throw new RecordError('not-found', 'not-nhs-number', { input: nhsNumber.trim() });
  }
  return digits;
}

function asPatient(resource: FhirResource | undefined): Patient | undefined {
  return resource?.resourceType === 'Patient' ? resource : undefined;
}

function checkNhsNumber(patient: Patient, nhsNumber: string | undefined): Patient {
  if (nhsNumber === undefined) return patient;
  const actual = nhsNumberOf(patient);
  if (actual === nhsNumber) return patient;
  // Only the number asked for is named: the other patient's details never reach the screen.
  throw new RecordError('patient-mismatch', actual ? 'wrong-patient' : 'patient-without-nhs-number', {
    nhsNumber,
  });
}

/**
 * Loads the patient a record is about: by id (`read`), by NHS number (`Patient?identifier=…`),
 * or else the source's own patient (`defaultPatient`). When an NHS number is given with an id,
 * or picks nothing in a source that has its own patient, the patient found must carry that NHS
 * number or the call fails with `patient-mismatch`.
 */
export async function loadPatient(
  source: RecordSource,
  selector: PatientSelector = {},
  options: RequestOptions = {},
): Promise<Patient> {
  const { signal } = options;
  const id = selector.id?.trim() || undefined;
  const nhsNumber = selector.nhsNumber?.trim() ? normaliseNhsNumber(selector.nhsNumber) : undefined;
  if (id !== undefined)
    return checkNhsNumber(await source.read<Patient>('Patient', id, { signal }), nhsNumber);

  if (nhsNumber !== undefined) {
    const { resources } = await source.search<Patient>(
      'Patient',
      { identifier: `${NHS_NUMBER_SYSTEM}|${nhsNumber}` },
      { signal },
    );
    // A server that ignores the parameter must not put another patient on screen.
    const matches = resources.filter(
      (patient) => patient.resourceType === 'Patient' && nhsNumberOf(patient) === nhsNumber,
    );
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) {
      throw new RecordError('invalid-response', 'nhs-number-ambiguous', { nhsNumber, count: matches.length });
    }
    const own = asPatient(await source.defaultPatient?.({ signal }));
    if (own) return checkNhsNumber(own, nhsNumber);
    throw new RecordError('not-found', 'nhs-number-not-found', { nhsNumber });
  }

  const own = asPatient(await source.defaultPatient?.({ signal }));
  if (own) return own;
  throw await noPatientError(source, signal);
}

/** Says why no patient could be chosen: several, none, or a source that cannot choose. */
async function noPatientError(source: RecordSource, signal?: AbortSignal): Promise<RecordError> {
  if (!source.defaultPatient) return new RecordError('not-found', 'no-patient-chosen', {});
  let count: number | undefined;
  try {
    const result = await source.search('Patient', { _summary: 'count' }, { signal });
    count = result.total ?? result.resources.length;
  } catch {
    // The count only sharpens the error; without it the general one still says what to do.
    if (signal?.aborted) throw abortError();
  }
  if (count === 0) return new RecordError('not-found', 'no-patient-in-record', {});
  if (count === undefined) return new RecordError('not-found', 'patient-not-named', {});
  return new RecordError('not-found', 'several-patients', { count });
}
