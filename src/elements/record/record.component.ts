import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { msg } from '@lit/localize';
import { patientContext, sharedPatientContext, sourceContext } from '../../data/context.js';
import { isAbortError } from '../../data/record-error.js';
import { loadRecordPatient, type SharedPatient } from '../../data/shared-patient.js';
import { asRecordError } from '../../base/errors.js';
import { careEvent, type CareAccessDetail } from '../../base/events.js';
import { RecordConfigElement } from '../../base/record-config.js';
import { renderErrorState, renderNotRefreshed } from '../../base/states.js';
import { recordStyles } from './record.styles.js';

/**
 * Holds one patient's record for every care-record element inside it: builds the record source
 * from its attributes and properties and shares it, with the patient, through `@lit/context`.
 * The Patient is read once, here, for all of them. When that read fails, this element shows the
 * one message, with one **Try again** that reloads every element, in place of what is inside it
 * (or, when a refresh failed, above what is shown, marked not refreshed), and fires one `care-error`.
 *
 * @summary Provider of the record source and the patient for the elements inside it.
 * @tagname care-record
 * @slot - The care-record elements (and any other content) that show this record.
 *
 * @fires care-access - The patient's record was first shown (`detail`: patient id and NHS number,
 *   the sections inside, the time), for the host's audit log; not again on a refresh.
 * @fires care-error - The patient could not be loaded (`detail.error` is a `RecordError`): once for
 *   every element inside, which then report nothing of their own about it.
 *
 * @slot break-glass - The host's own override flow, shown when the server refuses access for want of a
 *   legitimate relationship or consent.
 *
 * @csspart error - The message when the patient could not be loaded, with its Try again button.
 * @csspart access - The "Access not permitted" state (with the server's reason).
 */
export class CareRecord extends RecordConfigElement {
  static override styles = recordStyles;

  /** The patient load failed (cleared when a new one starts). */
  @state() private failure?: unknown;

  #source = new ContextProvider(this, { context: sourceContext });
  #patient = new ContextProvider(this, { context: patientContext });
  #shared = new ContextProvider(this, { context: sharedPatientContext });
  #loading?: AbortController;
  /** When the patient shown was last loaded: a failed refresh keeps what is shown, with this time. */
  #loadedAt?: Date;
  /** Whose record was shown, once it has been (for `care-access`). */
  #accessed?: CareAccessDetail['patient'];

  /** Forgets every cached answer and reloads every element inside. */
  refresh(): void {
    this.#source.value?.clear?.();
    this.#providePatient();
    this.#loadPatient();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Let go of the Patient with the source, unless the element is only being moved.
    queueMicrotask(() => {
      if (!this.isConnected) this.#startLoad(undefined);
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const source = this.ownSource;
    if (source !== this.#source.value) this.#forgetShown();
    this.#source.setValue(source);
    if (changed.has('patient') || changed.has('nhsNumber')) {
      this.#forgetShown();
      this.#providePatient();
    }
    const shared = this.#shared.value;
    if (!shared || shared.source !== source || shared.selector !== this.#patient.value) this.#loadPatient();
  }

  /** A new selector object tells every element inside to load again (and cancel what is in flight). */
  #providePatient(): void {
    this.#patient.setValue({ ...this.ownPatient });
  }

  /** Reads the patient once for every element inside (through the source, shared with elements outside). */
  #loadPatient(): void {
    const source = this.isConnected ? this.#source.value : undefined;
    this.#startLoad(source && { source, selector: this.#patient.value });
  }

  #startLoad(load: Omit<SharedPatient, 'loaded'> | undefined): void {
    this.#loading?.abort();
    this.#loading = undefined;
    this.failure = undefined;
    if (!load) {
      this.#forgetShown();
      this.#shared.setValue(undefined);
      return;
    }
    const { signal } = (this.#loading = new AbortController());
    const shared: SharedPatient = {
      ...load,
      loaded: loadRecordPatient(load.source, load.selector, { signal }),
    };
    this.#shared.setValue(shared);
    shared.loaded.then(
      ({ identity }) => {
        if (this.#shared.value !== shared) return;
        const first = !this.#loadedAt;
        this.#loadedAt = new Date();
        if (!first) return;
        this.#accessed = {
          ...(identity.id ? { id: identity.id } : {}),
          ...(identity.nhsNumber ? { nhsNumber: identity.nhsNumber } : {}),
        };
        this.announceAccess(this.sectionsShown());
      },
      (error: unknown) => {
        if (this.#shared.value !== shared || isAbortError(error)) return;
        this.failure = error;
        this.dispatchEvent(careEvent('care-error', { error: asRecordError(error) }));
      },
    );
  }

  /** Another patient or source: what was shown, and whose it was, no longer holds. */
  #forgetShown(): void {
    this.#loadedAt = undefined;
    this.#accessed = undefined;
  }

  /** Tells the host's audit log (`care-access`) that these sections of the patient's record were shown. */
  protected announceAccess(sections: string[]): void {
    const patient = this.#accessed;
    if (!patient) return;
    this.dispatchEvent(careEvent('care-access', { patient, sections, at: new Date().toISOString() }));
  }

  /** The sections this record shows (for `care-access`): the care-* elements inside it. */
  protected sectionsShown(): string[] {
    const tags = [...this.querySelectorAll('*')].map((element) => element.localName);
    return [...new Set(tags.filter((tag) => tag.startsWith('care-') && tag !== this.localName))];
  }

  protected override render() {
    const failed = this.failure !== undefined;
    const retry = () => this.refresh();
    const message = !failed
      ? nothing
      : this.#loadedAt
        ? renderNotRefreshed(this.failure, this.#loadedAt, retry)
        : renderErrorState(this.failure, msg('The patient record could not be loaded'), retry);
    return html`${message}${failed && !this.#loadedAt ? nothing : this.renderRecord()}`;
  }

  /** What shows the record once the patient is read: the elements placed inside (the default slot). */
  protected renderRecord(): TemplateResult {
    return html`<slot></slot>`;
  }
}
