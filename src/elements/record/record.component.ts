import { css, html, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import { patientContext, sourceContext } from '../../data/context.js';
import type { PatientSelector } from '../../data/patient.js';
import { RecordConfigElement } from '../../base/record-config.js';

/**
 * Holds one patient's record for every care-record element inside it: builds the record source
 * from its attributes and properties and shares it, with the patient, through `@lit/context`.
 * Elements inside read through it, so the Patient is requested once for all of them.
 *
 * @summary Provider of the record source and the patient for the elements inside it.
 * @tagname care-record
 * @slot - The care-record elements (and any other content) that show this record.
 */
export class CareRecord extends RecordConfigElement {
  static override styles = css`
    :host {
      display: block;
    }
    :host([hidden]) {
      display: none;
    }
  `;

  #source = new ContextProvider(this, { context: sourceContext });
  #patient = new ContextProvider(this, { context: patientContext });

  /** Forgets every cached answer and reloads every element inside. */
  refresh(): void {
    this.#source.value?.clear?.();
    this.#providePatient();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#source.setValue(this.ownSource);
    if (changed.has('patient') || changed.has('nhsNumber')) this.#providePatient();
  }

  /** A new selector object tells every element inside to load again (and cancel what is in flight). */
  #providePatient(): void {
    const selector: PatientSelector = { ...this.ownPatient };
    this.#patient.setValue(selector);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
