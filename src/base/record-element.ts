import { html, nothing, type CSSResultArray, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { formatDateTime } from '../format/dates.js';
import type { Patient, Resource } from 'fhir/r4';
import { patientContext, sharedPatientContext, sourceContext } from '../data/context.js';
import { untilAborted } from '../data/fhir-http.js';
import { Pager, type PagerGroup } from '../data/pager.js';
import {
  FIRST_PAGE_SIZE,
  IN_MEMORY_NEXT_PAGE_SIZE,
  NEXT_PAGE_SIZE,
  type SectionQuery,
} from '../data/queries.js';
import type { PatientSelector } from '../data/patient.js';
import { RecordError, isAbortError } from '../data/record-error.js';
import type { RecordSource } from '../data/record-source.js';
import { loadRecordPatient, type LoadedPatient, type SharedPatient } from '../data/shared-patient.js';
import type { PatientIdentity } from '../data/subject.js';
import { nextTask } from '../data/tasks.js';
import { isRestricted } from '../format/restricted.js';
import { withholdingFor, type Withholding } from '../model/restricted-record.js';
import { asRecordError } from './errors.js';
import { renderStreamStatus, type StreamStatusOptions } from './stream-status.js';
import {
  careEvent,
  type CareAccessDetail,
  type CareEventDetail,
  type CareEventName,
  type CareSelectDetail,
} from './events.js';
import { RecordConfigElement } from './record-config.js';
import { renderErrorState, renderNotRefreshed } from './states.js';
import { baseStyles } from './styles.js';
import { loadVirtualizer, virtualizer } from './virtualizer.js';

/** Rows a list shows whole; a longer one renders only the rows in view (`renderInPart`). */
export const VIRTUALIZE_AFTER = 200;

/** What a section's load receives: where to read, whose record, and the signal that cancels it. */
export interface RecordScope {
  source: RecordSource;
  patient: Patient;
  /** Who the patient is, as searches name them and as every answer is checked against. */
  identity: PatientIdentity;
  /** The record is restricted (S-flagged): nothing that locates the patient is requested or kept. */
  restricted: boolean;
  /**
   * For a restricted record, what is withheld (the GP practice, pharmacies, locations): filter every
   * reference with `isWithheldReference` before following it, keep `withheldCopy`s. `undefined` otherwise.
   */
  withholding?: Withholding;
  signal: AbortSignal;
  /**
   * A section's search scoped to this patient, read page by page (the element's `page-size` first,
   * `next-page-size` after), every page checked to be theirs.
   */
  search<T extends Resource>(query: SectionQuery<T>): Pager<T>;
}

/** One load's result and what it belongs to. Emptied when the element leaves the page. */
interface Loaded<R> {
  data?: R;
  source: RecordSource;
  patient: PatientSelector;
  /** When it was loaded, shown when a refresh fails. */
  at: Date;
  /** Whose record it is, for `care-access`. */
  who: CareAccessDetail['patient'];
  /** Cancels work that continues this load (a page asked for again) once it is no longer shown. */
  controller: AbortController;
}

const samePatient = (a: PatientSelector | undefined, b: PatientSelector | undefined) =>
  (a?.id ?? '') === (b?.id ?? '') && (a?.nhsNumber ?? '') === (b?.nhsNumber ?? '');

/**
 * Base class of every element that shows part of a record: where the data comes from (its own
 * attributes, else the surrounding `<care-record>`), one cancellable load per patient, the shared
 * loading / empty / error / restricted / not-refreshed states and typed events.
 *
 * A subclass implements `loadRecord` (returns its data after the first page, writes no element
 * state) and `countOf`; a list that streams its pages also `streamOf` (the searches still to read)
 * and `pagesJoined` (maps each page into the data), and the base reads the rest in the background
 * with `care-progress`, then fires `care-load` once. What a refresh replaces stays on screen until
 * the new answer arrives, and stays, marked as not
 * refreshed, when it fails. Nothing of another patient is ever shown: a new patient starts empty.
 * When the element leaves the page its data is dropped (and loaded again if it comes back).
 *
 * Inside a `<care-record>` (with neither its own source nor its own patient) the element uses the
 * provider's one load of the patient; when that fails the provider shows the one message and fires
 * the one `care-error`, and the element shows nothing of its own about it.
 *
 * @fires care-access - Used alone (not inside a `<care-record>`), when a patient's record is first
 *   shown: `detail.patient` (id, NHS number), `detail.sections` (this element's tag), `detail.at`.
 * @slot break-glass - The host's own override flow, shown in the "Access not permitted" state
 *   (a 403 whose OperationOutcome says there is no legitimate relationship or no consent).
 * @csspart warning - What the server said about a search inside its answer (e.g. data withheld).
 * @csspart access - The "Access not permitted" state, with the server's reason.
 * @cssproperty --care-section-spacing - Space below the element (default 24px, NHS.UK spacing point 4); 0 when the host spaces its elements itself.
 */
export abstract class RecordElement<R = unknown> extends RecordConfigElement {
  static override styles: CSSResultArray = baseStyles;

  /** Level (1-6) of the element's heading, to fit the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** Records asked for in the first page of each search (`_count`): the first rows come quickly. Read when a load starts. */
  @property({ attribute: 'page-size', type: Number }) pageSize = FIRST_PAGE_SIZE;

  /**
   * Records asked for in each page after the first, while the rest streams in: by default 1,000 from
   * a server, 5,000 from a Bundle (read from memory). Read when a load starts.
   */
  @property({ attribute: 'next-page-size', type: Number }) nextPageSize?: number;

  /** The moment the record is read against (ages, what is current); default the time of each render. */
  @property({ attribute: false }) now?: Date;

  /** A failed page is being asked for again. */
  @state() protected resuming = false;

  /** The page is being printed: lists render every row, and the header says when it was printed. */
  @state() protected printing = false;
  readonly #beforePrint = () => (this.printing = true);
  readonly #afterPrint = () => (this.printing = false);

  @consume({ context: sourceContext, subscribe: true })
  @state()
  protected contextSource?: RecordSource;

  @consume({ context: patientContext, subscribe: true })
  @state()
  protected contextPatient?: PatientSelector;

  @consume({ context: sharedPatientContext, subscribe: true })
  @state()
  protected contextSharedPatient?: SharedPatient;

  constructor() {
    super();
    // A locale change (`setLocale` from `configureLocalization`) re-renders every element.
    updateWhenLocaleChanges(this);
  }

  /** Loads this element's section for one patient; returns its data and never writes element state. */
  protected abstract loadRecord(scope: RecordScope): Promise<R>;

  /** Items the data holds, before any user filter (`care-load`'s `count`). */
  protected abstract countOf(data: R): number;

  /** The searches still to stream in after the first rows are shown; none for a section read at once. */
  protected streamOf(_data: R): PagerGroup | undefined {
    return undefined;
  }

  /** Maps what the searches read since the last call into the data (after every page). */
  protected async pagesJoined(_data: R, _signal: AbortSignal): Promise<void> {}

  /** Bumped to load again for the same patient (`refresh()`, a return to the page). */
  #generation = 0;
  /** The last load that completed, while it is for the patient asked for. */
  #shown?: Loaded<R>;
  /** A continuation found the answer untrustworthy (`patient-mismatch`): nothing is shown. */
  #refused?: RecordError;
  #announce = false;
  #released = false;
  /** The stream to start once the first rows are on screen. */
  #toStream?: R;
  /** Rows past which the element's lists render in part (the least `renderInPart` was given). */
  #inPartAfter = Infinity;
  /** Failures already reported with `care-error`. */
  readonly #reported = new WeakSet<RecordError>();
  /** Failures of the provider's patient load: `<care-record>` reports and shows them, once for all. */
  readonly #providerFailures = new WeakSet<object>();

  readonly #task = new Task(this, {
    args: () => [this.recordSource, this.patientSelector, this.#generation, this.#sharedPatient] as const,
    task: async ([source, selector, , shared], { signal }): Promise<Loaded<R> | typeof initialState> => {
      this.#forgetOtherPatients(source, selector);
      // Nothing to read yet: stay initial (a <care-record> around us may still be upgrading).
      if (!source) return initialState;
      const { patient, identity } = await this.#patientOf(source, selector, shared, signal);
      const data = await this.loadRecord({
        source,
        patient,
        identity,
        restricted: isRestricted(patient),
        withholding: withholdingFor(patient),
        signal,
        search: ({ type, params }) =>
          new Pager(source, type, params, {
            patient: identity,
            pageSize: positive(this.pageSize, FIRST_PAGE_SIZE),
            nextPageSize: positive(
              this.nextPageSize,
              source.inMemory ? IN_MEMORY_NEXT_PAGE_SIZE : NEXT_PAGE_SIZE,
            ),
          }),
      });
      const who = {
        ...(identity.id ? { id: identity.id } : {}),
        ...(identity.nhsNumber ? { nhsNumber: identity.nhsNumber } : {}),
      };
      return {
        data,
        source,
        patient: { ...selector },
        who,
        at: new Date(),
        controller: new AbortController(),
      };
    },
    onComplete: (loaded) => {
      const first =
        !this.#shown ||
        this.#shown.source !== loaded.source ||
        !samePatient(this.#shown.patient, loaded.patient);
      // Used alone, the element is what shows the record: it tells the host's audit log (inside
      // a <care-record>, the provider does, once for all).
      if (first && !this.#sharedPatient) {
        this.emit('care-access', {
          patient: loaded.who,
          sections: [this.localName],
          at: loaded.at.toISOString(),
        });
      }
      this.#shown?.controller.abort();
      this.#shown = loaded;
      this.#refused = undefined;
      const stream = this.streamOf(loaded.data!);
      if (stream && !stream.done) this.#toStream = loaded.data;
      else this.#announce = true;
    },
    onError: (error) => {
      if (!isAbortError(error) && !this.#isProviderFailure(error))
        this.emit('care-error', { error: asRecordError(error) });
    },
  });

  /** The provider's load of the patient, when this element shows the provider's source and patient. */
  get #sharedPatient(): SharedPatient | undefined {
    const shared = this.contextSharedPatient;
    return shared?.source === this.recordSource && shared?.selector === this.patientSelector
      ? shared
      : undefined;
  }

  /** The patient: the provider's shared load when there is one for this element, else its own. */
  async #patientOf(
    source: RecordSource,
    selector: PatientSelector | undefined,
    shared: SharedPatient | undefined,
    signal: AbortSignal,
  ): Promise<LoadedPatient> {
    if (!shared) return loadRecordPatient(source, selector, { signal });
    try {
      return await untilAborted(shared.loaded, signal);
    } catch (error) {
      if (typeof error === 'object' && error !== null) this.#providerFailures.add(error);
      throw error;
    }
  }

  #isProviderFailure(error: unknown): boolean {
    return typeof error === 'object' && error !== null && this.#providerFailures.has(error);
  }

  /**
   * The source this element reads from: its own data attributes first, else `<care-record>`'s.
   * None while the element is off the page: a removed element never reads the record again.
   */
  protected get recordSource(): RecordSource | undefined {
    if (!this.isConnected) return undefined;
    return this.ownSource ?? this.contextSource;
  }

  /** Whose record: this element's own `patient` / `nhs-number`, else `<care-record>`'s. */
  protected get patientSelector(): PatientSelector | undefined {
    return this.ownPatient ?? this.contextPatient;
  }

  /**
   * The data on screen: the last load for the patient asked for (while a refresh of it runs or
   * after one failed, the previous answer), or `undefined`.
   */
  protected get data(): R | undefined {
    return this.#refused ? undefined : this.#shown?.data;
  }

  /** Forgets cached answers and loads this element's section again; what is shown stays until the answer. */
  refresh(): void {
    this.recordSource?.clear?.();
    this.#generation += 1;
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeprint', this.#beforePrint);
    window.addEventListener('afterprint', this.#afterPrint);
    if (this.#released) {
      this.#released = false;
      this.#generation += 1;
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeprint', this.#beforePrint);
    window.removeEventListener('afterprint', this.#afterPrint);
    // A move in the DOM reconnects at once: only an element that stays out lets go of its data.
    queueMicrotask(() => {
      if (!this.isConnected) this.#release();
    });
  }

  /** Drops everything loaded, so no patient data stays reachable from an element off the page. */
  #release(): void {
    this.#released = true;
    this.#task.abort();
    this.#drop();
    // The provider's load holds the Patient; it is asked for again on return to the page.
    this.contextSharedPatient = undefined;
    this.requestUpdate();
  }

  #drop(): void {
    const shown = this.#shown;
    this.#shown = undefined;
    if (shown) {
      shown.controller.abort();
      shown.data = undefined;
    }
  }

  /** A load for another source or patient starts from nothing: the last patient's data goes now. */
  #forgetOtherPatients(source: RecordSource | undefined, selector: PatientSelector | undefined): void {
    if (this.#shown && (this.#shown.source !== source || !samePatient(this.#shown.patient, selector))) {
      this.#drop();
      this.patientChanged();
    }
    this.#refused = undefined;
  }

  /** Another patient (or source) is being loaded: a subclass resets what the user set for the last one (filters). */
  protected patientChanged(): void {}

  /**
   * Runs work that continues the load on screen (a failed page asked for again, a further page),
   * cancelled when that load is replaced or the element leaves. The work changes the data in
   * place; afterwards the element renders again and `care-load` fires. A failure fires
   * `care-error`; one that shows the server answered with another patient's records
   * (`patient-mismatch`) removes everything that load showed.
   */
  protected async continueLoad(work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const shown = this.#shown;
    if (!shown?.data) return;
    const { signal } = shown.controller;
    try {
      await work(signal);
      if (signal.aborted) return;
      this.#announce = true;
    } catch (error) {
      if (isAbortError(error) || signal.aborted) return;
      const recordError = asRecordError(error);
      if (recordError.kind === 'patient-mismatch') {
        this.#drop();
        this.#refused = recordError;
      }
      this.emit('care-error', { error: recordError });
    } finally {
      this.requestUpdate();
    }
  }

  /** Try again after a page failed: the searches go on from the page that failed, keeping every row. */
  protected async resumeStream(): Promise<void> {
    const data = this.data;
    if (data === undefined || this.resuming) return;
    this.resuming = true;
    try {
      await this.continueLoad((signal) => this.#stream(data, signal, true));
    } finally {
      this.resuming = false;
    }
  }

  /** Where the section's pages have got to, and what stopped short, with Try again (see `renderStreamStatus`). */
  protected renderStreamStatus(
    stream: PagerGroup,
    labels: Pick<StreamStatusOptions, 'incomplete' | 'partName'>,
  ): TemplateResult | typeof nothing {
    return renderStreamStatus(stream, {
      ...labels,
      resuming: this.resuming,
      onResume: () => void this.resumeStream(),
    });
  }

  /**
   * Reads the rest of the section in the background, one page of each search at a time: each page
   * joins the data (`pagesJoined`), the element renders, and `care-progress` says how far it got.
   */
  async #stream(data: R, signal: AbortSignal, resume = false): Promise<void> {
    const stream = this.streamOf(data);
    if (!stream) return;
    while (!stream.done || (resume && stream.canResume)) {
      // Each page on a task of its own, so the rows already read are painted first even when the
      // pages come from memory (a Bundle) rather than over the network.
      await nextTask();
      signal.throwIfAborted();
      // A list that reads more than one page may outgrow a plain list: the virtualizer is fetched
      // beside the page, and the page joins once it is here, so no long list renders whole.
      const ready = (stream.total ?? Infinity) > this.#inPartAfter ? loadVirtualizer() : undefined;
      await stream.loadNext({ signal, resume });
      resume = false;
      await ready;
      await this.pagesJoined(data, signal);
      signal.throwIfAborted();
      const { loaded, total } = stream;
      this.emit('care-progress', total === undefined ? { loaded } : { loaded, total });
      this.requestUpdate();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const toStream = this.#toStream;
    if (toStream !== undefined) {
      this.#toStream = undefined;
      void this.continueLoad((signal) => this.#stream(toStream, signal));
    }
    if (this.#announce) {
      this.#announce = false;
      const data = this.data;
      if (data !== undefined) this.#announceLoad(data);
    }
  }

  /** `care-load` once a section is read as far as it will go, and `care-error` for each part that stopped. */
  #announceLoad(data: R): void {
    const stream = this.streamOf(data);
    for (const pager of stream?.stopped ?? []) {
      const error = pager.error;
      if (error && !this.#reported.has(error)) {
        this.#reported.add(error);
        this.emit('care-error', { error });
      }
    }
    const complete = stream ? stream.complete : true;
    const total = stream?.total;
    // The server's total matters when the section stopped short of it.
    this.emit('care-load', {
      count: this.countOf(data),
      ...(!complete && total !== undefined ? { total } : {}),
      complete,
    });
  }

  /**
   * Whether a list of `rows` rows renders only the rows in view: past `after` rows, unless the page
   * is printing, and once the virtualizer is loaded (asked for here the first time; the element
   * renders again when it comes, whole until then).
   */
  protected renderInPart(rows: number, after = VIRTUALIZE_AFTER): boolean {
    this.#inPartAfter = Math.min(this.#inPartAfter, after);
    if (rows <= after || this.printing) return false;
    if (virtualizer()) return true;
    // Rendered again once it is here (not after a failure, which the next render asks again).
    void loadVirtualizer().then((ok) => ok && this.requestUpdate());
    return false;
  }

  /** Dispatches a bubbling, composed `care-*` event, its detail typed by the event map. */
  protected emit<K extends CareEventName>(name: K, detail: CareEventDetail<K>): void {
    this.dispatchEvent(careEvent(name, detail));
  }

  protected select(resource: CareSelectDetail['resource']): void {
    this.emit('care-select', { resource });
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
      </div>
      ${
        this.printing
          ? html`<p class="print-stamp">${msg(str`Printed ${formatDateTime(new Date().toISOString())}`)}</p>`
          : nothing
      }`;
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
    return renderErrorState(error, title, retry);
  }

  /** A deceased patient's section says so first, in words that say how to read it. */
  protected renderDeathNotice(message: string): TemplateResult {
    return html`<p class="notice notice--deceased" part="deceased" role="note">${message}</p>`;
  }

  protected renderRestrictedMarker(): TemplateResult {
    return html`<span class="restricted-marker" part="restricted">${msg('Restricted record')}</span>`;
  }

  /**
   * The element's state: the data through `complete` (with a "not refreshed" notice when a
   * refresh failed), else the error, the missing-source message or the loading view. A failure
   * of the provider's patient load is `<care-record>`'s to show: the data stays, or nothing.
   */
  protected renderState(
    labels: { loading: string; error: string },
    complete: (data: R) => TemplateResult,
  ): TemplateResult | typeof nothing {
    const task = this.#task;
    const retry = () => void task.run();
    if (this.#refused) return this.renderError(this.#refused, labels.error, retry);
    const data = this.data;
    const providerFailed = task.status === TaskStatus.ERROR && this.#isProviderFailure(task.error);
    if (data !== undefined && !this.#released) {
      if (task.status === TaskStatus.ERROR && this.#shown && !providerFailed) {
        return html`${renderNotRefreshed(task.error, this.#shown.at, retry)}${complete(data)}`;
      }
      if (task.status === TaskStatus.PENDING) {
        return html`<p class="refreshing" role="status">${msg('Refreshing…')}</p>
          ${complete(data)}`;
      }
      return complete(data);
    }
    if (providerFailed) return nothing;
    if (task.status === TaskStatus.ERROR && !this.#released)
      return this.renderError(task.error, labels.error, retry);
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

/** A whole number of at least 1, else the default. */
function positive(value: unknown, otherwise: number): number {
  const n = Math.trunc(Number(value));
  return n >= 1 ? n : otherwise;
}

export { asRecordError, errorText } from './errors.js';
