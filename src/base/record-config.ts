import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { Bundle } from 'fhir/r4';
import { createSource } from '../data/create-source.js';
import type { PatientSelector } from '../data/patient.js';
import type { AccessToken } from '../data/fhir-http.js';
import type { RecordSource } from '../data/record-source.js';

export type { AccessToken };

/**
 * The data attributes and properties shared by `<care-record>` and every element used on its own:
 * where the record comes from and whose it is.
 */
export class RecordConfigElement extends LitElement {
  /** FHIR R4 base URL. */
  @property() endpoint?: string;

  /** The Patient's logical id. */
  @property() patient?: string;

  /** 10-digit NHS number, resolved with a Patient identifier search. */
  @property({ attribute: 'nhs-number' }) nhsNumber?: string;

  /** URL of one FHIR Bundle that holds the whole record. */
  @property({ attribute: 'bundle-src' }) bundleSrc?: string;

  /** A FHIR Bundle object holding the whole record. */
  @property({ attribute: false }) bundle?: Bundle;

  /** Any object implementing `RecordSource`. */
  @property({ attribute: false }) source?: RecordSource;

  /** The fetch function requests go through (defaults to the page's `fetch`). */
  @property({ attribute: false }) fetch?: typeof fetch;

  /** Extra request headers, sent only to the endpoint. */
  @property({ attribute: false }) headers?: Record<string, string>;

  /** Bearer token, or an async function returning one, called before each request. */
  @property({ attribute: false }) accessToken?: AccessToken;
  #ownPatient?: PatientSelector;

  /** The source built from this element's own attributes and properties, if it has any. */
  protected get ownSource(): RecordSource | undefined {
    const { endpoint, bundleSrc, bundle, source, fetch, headers, accessToken } = this;
    return createSource({ endpoint, bundleSrc, bundle, source, fetch, headers, accessToken });
  }

  /** The patient named by this element's own `patient` / `nhs-number`, if any. */
  protected get ownPatient(): PatientSelector | undefined {
    return this.#ownPatient;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A stable object per patient, so loads rerun only when the patient really changes.
    if (changed.has('patient') || changed.has('nhsNumber')) {
      this.#ownPatient =
        this.patient || this.nhsNumber
          ? { id: this.patient || undefined, nhsNumber: this.nhsNumber || undefined }
          : undefined;
    }
  }
}
