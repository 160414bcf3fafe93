// Registers every element. <care-record> first, so elements inside it find their provider at once.
import './elements/record/record.js';
import './elements/patient-banner/patient-banner.js';
import './elements/medication-list/medication-list.js';
import './elements/allergy-list/allergy-list.js';
import './elements/document-list/document-list.js';
import './elements/encounter-timeline/encounter-timeline.js';

export * from './index.js';
