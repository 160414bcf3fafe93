import { define } from '../../base/define.js';
import { CareImmunisationList } from './immunisation-list.component.js';

export { CareImmunisationList };

define('care-immunisation-list', CareImmunisationList);

declare global {
  interface HTMLElementTagNameMap {
    'care-immunisation-list': CareImmunisationList;
  }
}
