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

export type CareEventName = 'care-load' | 'care-error' | 'care-select';

/** A `care-*` event: bubbling and composed, so a portal hears it from outside every shadow root. */
export function careEvent<D>(name: CareEventName, detail: D): CustomEvent<D> {
  return new CustomEvent<D>(name, { detail, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    'care-load': CareLoadEvent;
    'care-error': CareErrorEvent;
    'care-select': CareSelectEvent;
  }
}
