import { define } from '../../base/define.js';
import { CareDocumentList } from './document-list.component.js';

export { CareDocumentList };

define('care-document-list', CareDocumentList);

declare global {
  interface HTMLElementTagNameMap {
    'care-document-list': CareDocumentList;
  }
}
