import { define } from '../../base/define.js';
import { CareRecord } from './record.component.js';

export { CareRecord };

define('care-record', CareRecord);

declare global {
  interface HTMLElementTagNameMap {
    'care-record': CareRecord;
  }
}
