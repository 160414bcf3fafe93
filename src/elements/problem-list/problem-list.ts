import { define } from '../../base/define.js';
import { CareProblemList } from './problem-list.component.js';

export { CareProblemList };

define('care-problem-list', CareProblemList);

declare global {
  interface HTMLElementTagNameMap {
    'care-problem-list': CareProblemList;
  }
}
