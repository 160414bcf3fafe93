export { readAttachment } from './attachments.js';
export type { AttachmentContent, ReadAttachmentOptions } from './attachments.js';
export { BundleSource } from './bundle-source.js';
export type { BundleUrlOptions } from './bundle-source.js';
export { naturalDate } from './bundle-search.js';
export { patientContext, sourceContext } from './context.js';
export { createSource } from './create-source.js';
export type { SourceConfig } from './create-source.js';
export { FhirRestSource } from './fhir-rest-source.js';
export type { FhirRestSourceOptions } from './fhir-rest-source.js';
export type { HttpOptions } from './fhir-http.js';
export { loadPatient, normaliseNhsNumber } from './patient.js';
export type { PatientSelector } from './patient.js';
export { MAX_PAGES, MAX_RESOURCES, Pager, searchAll } from './pager.js';
export type { PagerOptions, SearchAllOptions } from './pager.js';
export { checkSubjects, isAboutPatient, patientIdentity, refersToPatient } from './subject.js';
export type { PatientIdentity } from './subject.js';
export { isAbortError, isRecordError, RecordError } from './record-error.js';
export type {
  RecordErrorInit,
  LinkKind,
  RecordErrorKind,
  RecordErrorParams,
  RecordErrorReason,
} from './record-error.js';
export { resolveReferences } from './resolve-references.js';
export type { ReferenceLookup, ReferenceToResolve, ResolveReferencesOptions } from './resolve-references.js';
export type {
  DocumentBytes,
  ReadDocumentOptions,
  RecordSource,
  RequestOptions,
  ResolveOptions,
  SearchParams,
  SearchResult,
} from './record-source.js';
