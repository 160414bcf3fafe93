// The package's side-effect-free entry: classes, types, the data layer, formatters and models.
// Import `care-record-elements/all.js` (or one element's registration module) to register tags.
export { RecordElement, asRecordError, errorText, type RecordScope } from './base/record-element.js';
export { RecordConfigElement, type AccessToken } from './base/record-config.js';
export type {
  CareErrorDetail,
  CareErrorEvent,
  CareLoadDetail,
  CareLoadEvent,
  CareSelectDetail,
  CareSelectEvent,
} from './base/events.js';
export { CareRecord } from './elements/record/record.component.js';
export { CarePatientBanner } from './elements/patient-banner/patient-banner.component.js';
export { CareMedicationList } from './elements/medication-list/medication-list.component.js';
export { CareAllergyList } from './elements/allergy-list/allergy-list.component.js';
export { CareProblemList } from './elements/problem-list/problem-list.component.js';
export { CareRecordSummary } from './elements/record-summary/record-summary.component.js';
export { CareSharedRecord } from './elements/shared-record/shared-record.component.js';
export { CareResults } from './elements/results/results.component.js';
export { CareDocumentList } from './elements/document-list/document-list.component.js';
export { CareEncounterTimeline } from './elements/encounter-timeline/encounter-timeline.component.js';
export { CareImmunisationList } from './elements/immunisation-list/immunisation-list.component.js';
export * from './data/index.js';
export * from './format/index.js';
export * from './model/index.js';
