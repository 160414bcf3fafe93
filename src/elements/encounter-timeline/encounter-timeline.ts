import { define } from '../../base/define.js';
import { CareEncounterTimeline } from './encounter-timeline.component.js';

export { CareEncounterTimeline };

define('care-encounter-timeline', CareEncounterTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'care-encounter-timeline': CareEncounterTimeline;
  }
}
