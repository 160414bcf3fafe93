import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { Bundle } from 'fhir/r4';
import { createSource, releaseSource, retainSource } from '../data/create-source.js';
import type { PatientSelector } from '../data/patient.js';
import type { AccessToken } from '../data/fhir-http.js';
import type { RecordSource } from '../data/record-source.js';

export type { AccessToken };

/** The properties `ownSource` is built from. */
const SOURCE_KEYS = [
  'endpoint',
  'bundleSrc',
  'bundle',
  'source',
  'fetch',
  'headers',
  'accessToken',
  'bundleCredentials',
] as const;

/**
 * The data attributes and properties shared by `<care-record>` and every element used on its own:
 * where the record comes from and whose it is. While the element is on the page it holds the
 * source built from them; once it leaves (and is not put back in the same task), every answer
 * that source cached is forgotten, unless another element still uses it.
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

  /** Extra request headers, sent only to the endpoint (for `bundle-src`, see `bundleCredentials`). */
  @property({ attribute: false }) headers?: Record<string, string>;

  /** Bearer token, or an async function returning one, called before each request. */
  @property({ attribute: false }) accessToken?: AccessToken;

  /**
   * Send `headers` and `accessToken` with the `bundle-src` request wherever the Bundle is. Without
   * it they go with it only when the Bundle is on the `endpoint`'s origin, or, with no `endpoint`,
   * on the page's own origin; a Bundle elsewhere is fetched with neither. Set it only for a Bundle
   * host you trust with the record's credentials.
   */
  @property({ type: Boolean, attribute: 'bundle-credentials' }) bundleCredentials = false;

  #ownPatient?: PatientSelector;
  /** The source this element holds while it is on the page. */
  #held?: RecordSource;

  /** The source built from this element's own attributes and properties, if it has any. */
  protected get ownSource(): RecordSource | undefined {
    const { endpoint, bundleSrc, bundle, source, fetch, headers, accessToken, bundleCredentials } = this;
    return createSource({
      endpoint,
      bundleSrc,
      bundle,
      source,
      fetch,
      headers,
      accessToken,
      bundleCredentials,
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after its source was let go: build it again (and share it, for <care-record>).
    if (this.#hold(this.ownSource)) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A move in the DOM disconnects and reconnects at once: let go only if it stays off the page.
    queueMicrotask(() => {
      if (!this.isConnected) this.#hold(undefined);
    });
  }

  /** Holds `source` instead of the one held before; true when that changed anything. */
  #hold(source: RecordSource | undefined): boolean {
    const old = this.#held;
    if (source === old) return false;
    this.#held = source;
    if (source) retainSource(source, this);
    if (old) releaseSource(old, this);
    return true;
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
    if (this.isConnected && SOURCE_KEYS.some((key) => changed.has(key))) this.#hold(this.ownSource);
  }
}
