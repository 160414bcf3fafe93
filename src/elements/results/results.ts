import { define } from '../../base/define.js';
import { CareResults } from './results.component.js';

export { CareResults };

define('care-results', CareResults);

declare global {
  interface HTMLElementTagNameMap {
    'care-results': CareResults;
  }
}
