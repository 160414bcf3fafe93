import type { Resource } from 'fhir/r4';
import type { RecordError } from '../data/record-error.js';

export interface CareLoadDetail {
  /** Items the element holds, before any user filter (1 for the banner). */
  count: number;
}
export interface CareErrorDetail {
  error: RecordError;
}
export interface CareSelectDetail<T extends Resource = Resource> {
  resource: T;
}

export type CareLoadEvent = CustomEvent<CareLoadDetail>;
export type CareErrorEvent = CustomEvent<CareErrorDetail>;
export type CareSelectEvent = CustomEvent<CareSelectDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'care-load': CareLoadEvent;
    'care-error': CareErrorEvent;
    'care-select': CareSelectEvent;
  }
}
