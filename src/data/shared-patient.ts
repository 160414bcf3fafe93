import type { Patient } from 'fhir/r4';
import { loadPatient, type PatientSelector } from './patient.js';
import type { RecordSource, RequestOptions } from './record-source.js';
import { patientIdentity, type PatientIdentity } from './subject.js';

/** A record's patient: the Patient, and who they are as every search names them. */
export interface LoadedPatient {
  patient: Patient;
  identity: PatientIdentity;
}

/**
 * Loads the patient a record is about (`loadPatient`) and who they are for searching
 * (`patientIdentity`): fails when the Patient cannot be read, is not the one asked for, or cannot
 * be searched for safely.
 */
export async function loadRecordPatient(
  source: RecordSource,
  selector: PatientSelector = {},
  options: RequestOptions = {},
): Promise<LoadedPatient> {
  const patient = await loadPatient(source, selector, options);
  const askedNhsNumber = selector.nhsNumber?.replace(/\s/g, '') || undefined;
  return { patient, identity: patientIdentity(source, patient, askedNhsNumber) };
}

/**
 * The patient load a `<care-record>` makes once (per source, patient and refresh) for every
 * element inside it, so that they all show the same answer: the same Patient, or one failure that
 * the provider reports once for all of them.
 */
export interface SharedPatient {
  source: RecordSource;
  /** The selector object the provider shares; a new one means a new load. */
  selector: PatientSelector | undefined;
  loaded: Promise<LoadedPatient>;
}
