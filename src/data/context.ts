import { createContext } from '@lit/context';
import type { PatientSelector } from './patient.js';
import type { RecordSource } from './record-source.js';

/**
 * The record source a `<care-record>` provides to the elements inside it. Registered keys
 * (`Symbol.for`) let providers and consumers from two copies of the library still meet.
 */
export const sourceContext = createContext<RecordSource | undefined>(Symbol.for('care-record-source'));

/** The patient a `<care-record>` provides to the elements inside it. */
export const patientContext = createContext<PatientSelector | undefined>(Symbol.for('care-record-patient'));
