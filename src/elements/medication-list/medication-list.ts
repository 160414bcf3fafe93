import { define } from '../../base/define.js';
import { CareMedicationList } from './medication-list.component.js';

export { CareMedicationList };

define('care-medication-list', CareMedicationList);

declare global {
  interface HTMLElementTagNameMap {
    'care-medication-list': CareMedicationList;
  }
}
