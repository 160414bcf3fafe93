import { define } from '../../base/define.js';
import { CareAllergyList } from './allergy-list.component.js';

export { CareAllergyList };

define('care-allergy-list', CareAllergyList);

declare global {
  interface HTMLElementTagNameMap {
    'care-allergy-list': CareAllergyList;
  }
}
