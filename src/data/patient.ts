import type { FhirResource, Patient, Resource } from 'fhir/r4';
import { abortError } from './fhir-http.js';
import { RecordError } from './record-error.js';
import type { RecordSource, RequestOptions, SearchParams, SearchResult } from './record-source.js';

/** Which patient a record shows: a logical id, an NHS number, or both (then they must agree). */
export interface PatientSelector {
  id?: string;
  nhsNumber?: string;
}

const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

/** `9434765919` as `943 476 5919`. */
function spaced(digits: string): string {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/** The patient's NHS number as 10 digits, or `undefined` when the record has none. */
function nhsNumberOf(patient: Resource): string | undefined {
  const identifiers = (patient as Patient).identifier;
  const value = (Array.isArray(identifiers) ? identifiers : []).find(
    (identifier) => identifier?.system === NHS_NUMBER_SYSTEM && typeof identifier.value === 'string',
  )?.value;
  return value?.replace(/\s/g, '');
}

/** The 10 digits of an NHS number written with or without spaces; a `RecordError` when it is not one. */
export function normaliseNhsNumber(nhsNumber: string): string {
  const digits = nhsNumber.replace(/\s/g, '');
  if (!/^\d{10}$/.test(digits)) {
    throw new RecordError(
      'not-found',
      `"${nhsNumber.trim()}" is not an NHS number: an NHS number has 10 digits, such as 943 476 5919.`,
    );
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
  throw new RecordError(
    'patient-mismatch',
    actual
      ? `The patient record found has NHS number ${spaced(actual)}, not ${spaced(nhsNumber)} as asked for, so it is not shown.`
      : `The patient record found has no NHS number, so it cannot be confirmed as NHS number ${spaced(nhsNumber)} and is not shown.`,
  );
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
      throw new RecordError(
        'invalid-response',
        `${matches.length} patient records have NHS number ${spaced(nhsNumber)}, so the record cannot tell which one to show.`,
      );
    }
    const own = asPatient(await source.defaultPatient?.({ signal }));
    if (own) return checkNhsNumber(own, nhsNumber);
    throw new RecordError('not-found', `No patient with NHS number ${spaced(nhsNumber)} was found.`);
  }

  const own = asPatient(await source.defaultPatient?.({ signal }));
  if (own) return own;
  throw new RecordError('not-found', await noPatientMessage(source, signal));
}

/** Says why no patient could be chosen: several, none, or a source that cannot choose. */
async function noPatientMessage(source: RecordSource, signal?: AbortSignal): Promise<string> {
  const pick = 'set `patient` (the patient id) or `nhs-number` to choose one';
  if (!source.defaultPatient) return `No patient was chosen: ${pick}.`;
  let count: number | undefined;
  try {
    const result = await source.search('Patient', { _summary: 'count' }, { signal });
    count = result.total ?? result.resources.length;
  } catch {
    // The count only sharpens the message; without it the general one still says what to do.
    if (signal?.aborted) throw abortError();
  }
  if (count === 0) return `The record holds no patient, so there is nothing to show.`;
  if (count === undefined) return `The record does not say which patient it is about: ${pick}.`;
  return `The record holds ${count} patients: ${pick}.`;
}

export interface SearchAllOptions extends RequestOptions {
  /** Called after each page with the number loaded so far and the server's total when it gave one. */
  onPage?(loaded: number, total?: number): void;
}

/**
 * Every page of a search, following `next` to the end (for lists loaded in full with a progress
 * indicator). A server whose `next` links go round in a circle fails with `invalid-response`.
 */
export async function searchAll<T extends Resource = FhirResource>(
  source: RecordSource,
  type: T['resourceType'],
  params: SearchParams = {},
  options: SearchAllOptions = {},
): Promise<Omit<SearchResult<T>, 'next'>> {
  const { signal, onPage } = options;
  const resources: T[] = [];
  const included: Resource[] = [];
  const seen = new Set<string>();
  let page = await source.search<T>(type, params, { signal });
  for (;;) {
    resources.push(...page.resources);
    included.push(...page.included);
    onPage?.(resources.length, page.total);
    const next = page.next;
    if (!next) return { resources, included, total: page.total ?? resources.length };
    if (seen.has(next)) {
      throw new RecordError(
        'invalid-response',
        'The record server sent the same page twice, so the list could not be loaded in full.',
      );
    }
    seen.add(next);
    page = await source.searchNext<T>(next, { signal });
  }
}
