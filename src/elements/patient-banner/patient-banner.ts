import { define } from '../../base/define.js';
import { CarePatientBanner } from './patient-banner.component.js';

export { CarePatientBanner };

define('care-patient-banner', CarePatientBanner);

declare global {
  interface HTMLElementTagNameMap {
    'care-patient-banner': CarePatientBanner;
  }
}
