export { BundleSource } from './bundle-source.js';
export type { BundleUrlOptions } from './bundle-source.js';
export { naturalDate } from './bundle-search.js';
export { patientContext, sourceContext } from './context.js';
export { createSource } from './create-source.js';
export type { SourceConfig } from './create-source.js';
export { FhirRestSource } from './fhir-rest-source.js';
export type { FhirRestSourceOptions } from './fhir-rest-source.js';
export type { HttpOptions } from './fhir-http.js';
export { loadPatient, normaliseNhsNumber, searchAll } from './patient.js';
export type { PatientSelector, SearchAllOptions } from './patient.js';
export { isAbortError, isRecordError, RecordError } from './record-error.js';
export type { RecordErrorInit, RecordErrorKind } from './record-error.js';
export { resolveReferences } from './resolve-references.js';
export type { ReferenceLookup, ReferenceToResolve, ResolveReferencesOptions } from './resolve-references.js';
export type {
  RecordSource,
  RequestOptions,
  ResolveOptions,
  SearchParams,
  SearchResult,
} from './record-source.js';
