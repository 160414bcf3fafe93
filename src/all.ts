// Registers every element. <care-record> first, so elements inside it find their provider at once.
import './elements/record/record.js';
import './elements/patient-banner/patient-banner.js';
import './elements/medication-list/medication-list.js';
import './elements/allergy-list/allergy-list.js';
import './elements/problem-list/problem-list.js';
import './elements/record-summary/record-summary.js';
import './elements/shared-record/shared-record.js';
import './elements/results/results.js';
import './elements/document-list/document-list.js';
import './elements/encounter-timeline/encounter-timeline.js';
import './elements/immunisation-list/immunisation-list.js';

export * from './index.js';
