import { define } from '../../base/define.js';
import '../patient-banner/patient-banner.js';
import '../record-summary/record-summary.js';
// Each section's element is fetched when its tab is first opened (shared-record.component.ts).
import { CareSharedRecord } from './shared-record.component.js';

export { CareSharedRecord };

define('care-shared-record', CareSharedRecord);

declare global {
  interface HTMLElementTagNameMap {
    'care-shared-record': CareSharedRecord;
  }
}
