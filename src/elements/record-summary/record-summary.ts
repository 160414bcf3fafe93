import { define } from '../../base/define.js';
import { CareRecordSummary } from './record-summary.component.js';

export { CareRecordSummary };

define('care-record-summary', CareRecordSummary);

declare global {
  interface HTMLElementTagNameMap {
    'care-record-summary': CareRecordSummary;
  }
}
