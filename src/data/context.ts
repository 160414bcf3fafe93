import { createContext } from '@lit/context';
import type { PatientSelector } from './patient.js';
import type { RecordSource } from './record-source.js';
import type { SharedPatient } from './shared-patient.js';

/**
 * The record source a `<care-record>` provides to the elements inside it. Registered keys
 * (`Symbol.for`) let providers and consumers from two copies of the library still meet.
 */
export const sourceContext = createContext<RecordSource | undefined>(Symbol.for('care-record-source'));

/** The patient a `<care-record>` provides to the elements inside it. */
export const patientContext = createContext<PatientSelector | undefined>(Symbol.for('care-record-patient'));

/** The one load of that patient a `<care-record>` shares with the elements inside it. */
export const sharedPatientContext = createContext<SharedPatient | undefined>(
  Symbol.for('care-record-shared-patient'),
);
