import { define } from '../../base/define.js';
import '../patient-banner/patient-banner.js';
import '../record-summary/record-summary.js';
import '../allergy-list/allergy-list.js';
import '../problem-list/problem-list.js';
import '../immunisation-list/immunisation-list.js';
import '../medication-list/medication-list.js';
import '../results/results.js';
import '../document-list/document-list.js';
import '../encounter-timeline/encounter-timeline.js';
import { CareSharedRecord } from './shared-record.component.js';

export { CareSharedRecord };

define('care-shared-record', CareSharedRecord);

declare global {
  interface HTMLElementTagNameMap {
    'care-shared-record': CareSharedRecord;
  }
}
