import type { Resource } from 'fhir/r4';
import type { RecordError } from '../data/record-error.js';

export interface CareLoadDetail {
  /** Items the element holds, before any user filter (1 for the banner). */
  count: number;
  /** What the record server said it had, when that differs from `count` (some could not be read). */
  total?: number;
  /** Every page was read and held all the server said it had. */
  complete: boolean;
}
export interface CareProgressDetail {
  /** Items read so far, while a section streams its pages. */
  loaded: number;
  /** What the record server said it has, when it said. */
  total?: number;
}
export interface CareErrorDetail {
  error: RecordError;
}
export interface CareSelectDetail<T extends Resource = Resource> {
  resource: T;
}
/** For the host's audit log: a patient's record was shown. */
export interface CareAccessDetail {
  /** Whose record: the Patient's id and NHS number, as far as the record gives them. */
  patient: { id?: string; nhsNumber?: string };
  /** The sections shown (element tag names, e.g. `care-medication-list`). */
  sections: string[];
  /** When, as an ISO 8601 instant. */
  at: string;
}

export type CareLoadEvent = CustomEvent<CareLoadDetail>;
export type CareProgressEvent = CustomEvent<CareProgressDetail>;
export type CareErrorEvent = CustomEvent<CareErrorDetail>;
export type CareSelectEvent = CustomEvent<CareSelectDetail>;
export type CareAccessEvent = CustomEvent<CareAccessDetail>;

/** Every `care-*` event and its detail. */
export interface CareEventDetails {
  'care-load': CareLoadDetail;
  'care-progress': CareProgressDetail;
  'care-error': CareErrorDetail;
  'care-select': CareSelectDetail;
  'care-access': CareAccessDetail;
}
export type CareEventName = keyof CareEventDetails;
export type CareEventDetail<K extends CareEventName> = CareEventDetails[K];

/** A `care-*` event: bubbling and composed, so a portal hears it from outside every shadow root. */
export function careEvent<K extends CareEventName>(name: K, detail: CareEventDetail<K>): CustomEvent {
  return new CustomEvent(name, { detail, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    'care-load': CareLoadEvent;
    'care-progress': CareProgressEvent;
    'care-error': CareErrorEvent;
    'care-select': CareSelectEvent;
    'care-access': CareAccessEvent;
  }
}
