import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { msg, str } from '@lit/localize';
import type { Patient } from 'fhir/r4';
import { patientContext, sourceContext } from '../data/context.js';
import { loadPatient, type PatientSelector } from '../data/patient.js';
import { RecordError, isAbortError } from '../data/record-error.js';
import type { RecordSource } from '../data/record-source.js';
import {
  careEvent,
  type CareErrorDetail,
  type CareEventName,
  type CareLoadDetail,
  type CareSelectDetail,
} from './events.js';
import { RecordConfigElement } from './record-config.js';
import { baseStyles } from './styles.js';

/** What a record task receives: where to read, whose record, and the signal that cancels it. */
export interface RecordScope {
  source: RecordSource;
  patient: Patient;
  signal: AbortSignal;
}

/**
 * Base class of every element that shows part of a record: where the data comes from (its own
 * attributes, else the surrounding `<care-record>`), one cancellable load per patient, the shared loading / empty /
 * error / restricted states and typed events.
 */
export abstract class RecordElement extends RecordConfigElement {
  static override styles = [baseStyles];

  /** Level (1-6) of the element's heading, to fit the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @consume({ context: sourceContext, subscribe: true })
  @state()
  protected contextSource?: RecordSource;

  @consume({ context: patientContext, subscribe: true })
  @state()
  protected contextPatient?: PatientSelector;

  #announceCount?: number;

  /** The source this element reads from: its own data attributes first, else `<care-record>`'s. */
  protected get recordSource(): RecordSource | undefined {
    return this.ownSource ?? this.contextSource;
  }

  /** Whose record: this element's own `patient` / `nhs-number`, else `<care-record>`'s. */
  protected get patientSelector(): PatientSelector | undefined {
    return this.ownPatient ?? this.contextPatient;
  }

  /**
   * Creates the element's load: it reruns (cancelling the run in flight) whenever the source or the
   * patient changes, fires `care-error` on failure and `care-load` once the result is rendered.
   */
  protected createRecordTask<R>(load: (scope: RecordScope) => Promise<R>, count: (result: R) => number) {
    return new Task(this, {
      args: () => [this.recordSource, this.patientSelector] as const,
      task: async ([source, selector], { signal }) => {
        // Nothing to read yet: stay initial (a <care-record> around us may still be upgrading).
        if (!source) return initialState;
        const patient = await loadPatient(source, selector ?? {}, { signal });
        return load({ source, patient, signal });
      },
      onComplete: (result) => {
        this.#announceCount = count(result);
      },
      onError: (error) => {
        if (!isAbortError(error)) this.emit<CareErrorDetail>('care-error', { error: asRecordError(error) });
      },
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#announceCount !== undefined) {
      const count = this.#announceCount;
      this.#announceCount = undefined;
      this.emit<CareLoadDetail>('care-load', { count });
    }
  }

  /** Dispatches a bubbling, composed `care-*` event. */
  protected emit<D>(name: CareEventName, detail: D): void {
    this.dispatchEvent(careEvent(name, detail));
  }

  protected select(resource: CareSelectDetail['resource']): void {
    this.emit<CareSelectDetail>('care-select', { resource });
  }

  /** The configured heading level (1-6), `offset` levels deeper for sub-headings. */
  protected headingLevelAt(offset = 0): number {
    return Math.min(6, Math.max(1, (Math.trunc(this.headingLevel) || 2) + offset));
  }

  /** The header row: the element's heading, and the `Restricted record` marker when it applies. */
  protected renderHeader(title: string, restricted = false, id?: string): TemplateResult {
    return html`<div class="header" part="header">
      <div class="heading" role="heading" aria-level=${this.headingLevelAt()} id=${id ?? nothing}>
        ${title}
      </div>
      ${restricted ? this.renderRestrictedMarker() : nothing}
    </div>`;
  }

  /** Loading: a skeleton for the eye, busy text for assistive technology. */
  protected renderLoading(label: string, lines = 3): TemplateResult {
    return html`<div class="state state--loading" part="loading" role="status" aria-busy="true">
      <span class="visually-hidden">${label}</span>
      <div class="skeleton" aria-hidden="true">
        ${Array.from({ length: lines }, () => html`<div class="skeleton__line"></div>`)}
      </div>
    </div>`;
  }

  protected renderEmpty(message: string): TemplateResult {
    return html`<div class="state state--empty" part="empty" role="status"><p>${message}</p></div>`;
  }

  /** An error in plain English with a way to try again. */
  protected renderError(error: unknown, title: string, retry: () => void): TemplateResult {
    return html`<div class="state state--error" part="error" role="alert">
      <p class="state__title">${title}</p>
      <p>${asRecordError(error).message}</p>
      <button class="care-button" type="button" @click=${retry}>${msg('Try again')}</button>
    </div>`;
  }

  protected renderRestrictedMarker(): TemplateResult {
    return html`<span class="restricted-marker" part="restricted">${msg('Restricted record')}</span>`;
  }

  /** Renders the task's state with the shared loading and error views around `complete`. */
  protected renderTask<R>(
    task: Task<readonly unknown[], R>,
    labels: { loading: string; error: string },
    complete: (value: R) => TemplateResult,
  ): TemplateResult {
    if (task.status === TaskStatus.ERROR)
      return this.renderError(task.error, labels.error, () => void task.run());
    if (task.status === TaskStatus.COMPLETE && task.value !== undefined) return complete(task.value);
    if (task.status === TaskStatus.INITIAL && !this.recordSource) {
      return html`<div class="state state--error" part="error" role="alert">
        <p class="state__title">${labels.error}</p>
        <p>
          ${msg('No record source is set: give this element an endpoint or bundle-src, or place it inside <care-record>.')}
        </p>
      </div>`;
    }
    return this.renderLoading(labels.loading);
  }
}

/** Any failure as a RecordError, so `care-error` always carries one and nothing raw reaches the page. */
export function asRecordError(error: unknown): RecordError {
  if (error instanceof RecordError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new RecordError('invalid-response', msg(str`The record could not be shown: ${detail}`), {
    cause: error,
  });
}
