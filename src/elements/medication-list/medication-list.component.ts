import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import type {
  Medication,
  MedicationRequest,
  MedicationStatement,
  PractitionerRole,
  Reference,
  Resource,
} from 'fhir/r4';
import { RecordElement, errorText, type RecordScope } from '../../base/record-element.js';
import type { Pager } from '../../data/pager.js';
import type { RecordSource } from '../../data/record-source.js';
import { parseReference } from '../../data/references.js';
import { resolveReferences, type ReferenceToResolve } from '../../data/resolve-references.js';
import { notKnown, repeatIssues } from '../../format/strings.js';
import { isObject, text } from '../../format/values.js';
import { isWithheldReference, withheldCopy, type Withholding } from '../../model/restricted-record.js';
import {
  medicationLine,
  sortMedicationLines,
  type MedicationLine,
  type MedicationView,
} from '../../model/medications.js';
import { medicationListStyles } from './medication-list.styles.js';

type MedicationResource = MedicationRequest | MedicationStatement;

/** One row: the line as shown, the resource it came from (for `care-select`) and its filter text. */
interface MedicationRow {
  key: string;
  line: MedicationLine;
  resource: MedicationResource;
  /** Drug name and brand, lower case, for the filter. */
  search: string;
}

/** What one load produces: both views, sorted, the two searches behind them, and whether the record is restricted. */
export interface MedicationListData {
  current: MedicationRow[];
  past: MedicationRow[];
  restricted: boolean;
  /** What a restricted record withholds. */
  withholding?: Withholding;
  /** Where the rows were read from (a failed page is asked for again there). */
  source: RecordSource;
  /** MedicationRequest and MedicationStatement: what each has read, and why one stopped if it did. */
  searches: Pager<MedicationResource>[];
}

interface LoadProgress {
  loaded: number;
  total?: number;
}

/** Lists longer than this get a filter box. */
const FILTER_THRESHOLD = 10;
const ORGANISATION_TYPES = new Set(['Organization', 'PractitionerRole']);

/** Whether following a reference can lead to an organisation (persons and patients cannot). */
function mayBeOrganisation(reference: Record<string, unknown>, ref: string): boolean {
  const declared = text(reference.type);
  if (declared) return ORGANISATION_TYPES.has(declared);
  const parsed = parseReference(ref);
  if (parsed.kind === 'relative' || parsed.kind === 'conditional') return ORGANISATION_TYPES.has(parsed.type);
  if (parsed.kind === 'absolute') return parsed.type === undefined || ORGANISATION_TYPES.has(parsed.type);
  return parsed.kind === 'urn';
}

/** An organisation reference worth following from `from`: one that may lead to an organisation. */
function organisationReference(reference: unknown, from: Resource): ReferenceToResolve[] {
  if (!isObject(reference)) return [];
  const ref = text(reference.reference);
  return ref && mayBeOrganisation(reference, ref) ? [{ reference: reference as Reference, from }] : [];
}

/** The references a line follows: its Medication and the organisation that recorded it (never people). */
function referencesOf(resource: MedicationResource): ReferenceToResolve[] {
  const medication = isObject(resource.medicationReference) ? resource.medicationReference : undefined;
  const candidates: unknown[] =
    resource.resourceType === 'MedicationStatement'
      ? [resource.informationSource]
      : [resource.requester, resource.recorder, resource.performer];
  return [
    ...(medication ? [{ reference: medication, from: resource }] : []),
    ...candidates.flatMap((candidate) => organisationReference(candidate, resource)),
  ];
}

/** A PractitionerRole (included, contained or read) leads on to its organisation. */
function followRole(found: Resource): ReferenceToResolve[] {
  return found.resourceType === 'PractitionerRole'
    ? organisationReference((found as PractitionerRole).organization, found)
    : [];
}

/** Provenance: `Name (ODS)`, else the reference's own display, else `Not known`. */
function recordedBy(line: MedicationLine): string {
  // Provenance is the organisation; a person's name alone does not say where it was recorded.
  return line.recordedBy?.display ?? notKnown();
}

/**
 * The patient's medicines, MedicationRequests and MedicationStatements in one list, as CUI
 * medication lines (MEDi-051: drug name, brand, strength, form, then `DOSE` and the dose) in a
 * `Current` and a `Past` view (MEDv-062/063), each sorted newest first (MEDv-099/100). Every row
 * says its status in words, its start or end date, acute or repeat, repeat issues and review
 * date, last issue date and the organisation that recorded it. Every page of both searches is
 * loaded (with a progress bar); long lists get a filter box. Entries marked entered-in-error
 * are never shown. A restricted record shows its medicines but never an address.
 *
 * @summary Current and past medications as NHS CUI medication lines.
 * @tagname care-medication-list
 *
 * @fires care-load - The list is rendered; `detail.count` = current + past medicines, before any filter.
 * @fires care-error - Loading failed (or one of the two searches failed); `detail.error` is a `RecordError`.
 * @fires care-select - A row was activated (click, Enter or Space); `detail.resource` is its MedicationRequest or MedicationStatement.
 *
 * @csspart base - The element's wrapper.
 * @csspart header - The heading row, with the `Restricted record` marker when it applies.
 * @csspart restricted - The `Restricted record` marker.
 * @csspart toggle - The Current / Past toggle group.
 * @csspart filter - The filter search box.
 * @csspart progress - The `<progress>` bar shown while pages arrive.
 * @csspart list - The `<ul>` of medicines.
 * @csspart item - One medicine (`<li>`).
 * @csspart empty - The message shown when a view (or a filter) has nothing.
 * @csspart error - The error message with its Try again button.
 * @csspart loading - The loading state.
 *
 * @cssproperty --care-medication-list-row-gap - Space between rows (default 8px).
 * @cssproperty --care-medication-list-row-padding - Padding inside a row (default 12px 16px).
 * @cssproperty --care-medication-list-row-background - Row background (default white).
 * @cssproperty --care-medication-list-row-border-color - Row border (default #d8dde0).
 * @cssproperty --care-medication-list-accent - Toggle and row accent colour (default NHS blue #005eb8).
 * @cssproperty --care-medication-list-status-started - Colour of `Started` (default #007f3b); the word is always shown.
 * @cssproperty --care-medication-list-status-not-started - Colour of `Not Started` (default #005eb8).
 * @cssproperty --care-medication-list-status-suspended - Colour of `Suspended` (default #7a4f00).
 * @cssproperty --care-medication-list-status-completed - Colour of `Completed` (default #4c6272).
 * @cssproperty --care-medication-list-status-discontinued - Colour of `Discontinued` (default #d5281b).
 */
export class CareMedicationList extends RecordElement<MedicationListData> {
  static override styles = [...RecordElement.styles, medicationListStyles];

  /** Which view is shown: `current` (default) or `past`. Changes when the user toggles. */
  @property({ reflect: true }) view: MedicationView = 'current';

  /** The moment "current" is judged against (an active line whose end date has passed is past); default now. */
  @property({ attribute: false }) now?: Date;

  /** The filter box's text. */
  @state() protected filter = '';

  /** Pages loaded so far, while loading. */
  @state() protected progress?: LoadProgress;

  /** A failed page is being asked for again. */
  @state() private resuming = false;

  get #view(): MedicationView {
    return this.view === 'past' ? 'past' : 'current';
  }

  protected override patientChanged(): void {
    this.filter = '';
  }

  protected override countOf(data: MedicationListData): number {
    return data.current.length + data.past.length;
  }

  protected override async loadRecord({
    source,
    restricted,
    withholding,
    signal,
    search,
  }: RecordScope): Promise<MedicationListData> {
    const searches = [
      search<MedicationRequest>('MedicationRequest', { _include: 'MedicationRequest:medication' }),
      search<MedicationStatement>('MedicationStatement', { _include: 'MedicationStatement:medication' }),
    ] as Pager<MedicationResource>[];
    const onPage = () => {
      if (signal.aborted) return;
      const totals = searches.map((one) => one.total);
      this.progress = {
        loaded: searches.reduce((sum, one) => sum + one.loaded, 0),
        total: totals.every((total) => total !== undefined) ? totals.reduce((a, b) => a! + b!, 0) : undefined,
      };
    };
    try {
      await Promise.allSettled(searches.map((one) => one.loadAll({ signal, onPage })));
    } finally {
      if (!signal.aborted) this.progress = undefined;
    }
    signal.throwIfAborted();
    // Another patient's records in either answer, or nothing read at all: nothing is shown.
    const refused = searches.find((one) => one.error?.kind === 'patient-mismatch');
    if (refused) throw refused.error;
    if (searches.every((one) => one.error && one.loaded === 0)) throw searches[0].error;
    const data = {
      restricted,
      withholding,
      source,
      searches,
      ...(await this.#rows(source, searches, withholding, signal)),
    };
    for (const one of searches) if (one.error) this.emit('care-error', { error: one.error });
    return data;
  }

  /** Both views from what the searches have read: each distinct Medication and organisation resolved once. */
  async #rows(
    source: RecordSource,
    searches: Pager<MedicationResource>[],
    withholding: Withholding | undefined,
    signal: AbortSignal,
  ): Promise<Pick<MedicationListData, 'current' | 'past'>> {
    const resources = searches.flatMap((one) => one.resources).filter(isObject);
    // `_include`d ones from the search, contained ones left to the model; one that cannot be
    // followed leaves the line showing what it says.
    const resolve = await resolveReferences(source, resources.flatMap(referencesOf), {
      included: searches.flatMap((one) => one.included),
      signal,
      follow: followRole,
      // A restricted record's GP practice and pharmacy are never requested.
      skip: (reference) => isWithheldReference(reference, withholding),
    });
    const now = this.now ?? new Date();
    const rows = resources.map((resource, i): MedicationRow => {
      const line = medicationLine(resource, (ref) => resolve(ref) as Medication | undefined, {
        now,
        resolve,
        withholding,
      });
      return {
        key: `${line.resourceType}/${line.id}#${i}`,
        line,
        // What is kept and handed to care-select: for a restricted record, with nothing that locates.
        resource: withheldCopy(resource, withholding, { resolve }),
        search: `${line.name} ${line.brand ?? ''}`.toLocaleLowerCase('en-GB'),
      };
    });
    // Entered-in-error entries were never true: they are not shown in either view.
    const shown = rows.filter((row) => row.line.status !== 'entered-in-error');
    const byLine = new Map(shown.map((row) => [row.line, row]));
    const inOrder = (view: MedicationView) =>
      sortMedicationLines(
        shown.map((row) => row.line),
        view,
      ).map((line) => byLine.get(line)!);
    return { current: inOrder('current'), past: inOrder('past') };
  }

  /** Try again after a failed page: the searches go on from the page that failed, keeping every row. */
  async #resume(data: MedicationListData): Promise<void> {
    if (this.resuming) return;
    this.resuming = true;
    await this.continueLoad(async (signal) => {
      try {
        const stopped = data.searches.filter((one) => one.canResume);
        await Promise.allSettled(stopped.map((one) => one.loadAll({ signal })));
        const refused = stopped.find((one) => one.error?.kind === 'patient-mismatch');
        if (refused) throw refused.error;
        Object.assign(data, await this.#rows(data.source, data.searches, data.withholding, signal));
        const failed = stopped.find((one) => one.error);
        if (failed) throw failed.error;
      } finally {
        this.resuming = false;
      }
    });
  }

  #setView(view: MedicationView): void {
    this.view = view;
  }

  #onFilter(event: InputEvent): void {
    this.filter = (event.target as HTMLInputElement).value;
  }

  protected override render(): TemplateResult {
    return html`<div class="base" part="base">
      ${this.renderHeader(msg('Medications'), this.data?.restricted)}
      ${this.renderState(
        { loading: msg('Loading medications'), error: msg('Medications could not be loaded') },
        (data) => this.#renderLoaded(data),
      )}
    </div>`;
  }

  /** Loading: the skeleton, plus a progress bar that fills as pages arrive. */
  protected override renderLoading(label: string, lines = 3): TemplateResult {
    const progress = this.progress;
    const total = progress?.total !== undefined && progress.total > 0 ? progress.total : undefined;
    const text =
      progress === undefined
        ? label
        : total !== undefined
          ? msg(str`Loading medications: ${progress.loaded} of ${total}`)
          : msg(str`Loading medications: ${progress.loaded} loaded`);
    return html`<div class="state state--loading" part="loading" aria-busy="true">
      <span class="visually-hidden" role="status">${label}</span>
      <div class="progress">
        <label class="progress__label" for="progress">${text}</label>
        <progress
          id="progress"
          part="progress"
          max=${total ?? nothing}
          value=${total !== undefined ? Math.min(progress!.loaded, total) : nothing}
        ></progress>
      </div>
      <div class="skeleton" aria-hidden="true">
        ${Array.from({ length: lines }, () => html`<div class="skeleton__line"></div>`)}
      </div>
    </div>`;
  }

  #renderLoaded(data: MedicationListData): TemplateResult {
    const view = this.#view;
    const rows = view === 'current' ? data.current : data.past;
    const total = data.current.length + data.past.length;
    const filterable = total > FILTER_THRESHOLD;
    const query = filterable ? this.filter.trim().toLocaleLowerCase('en-GB') : '';
    const shown = query ? rows.filter((row) => row.search.includes(query)) : rows;
    const listLabel = view === 'current' ? msg('Current medications') : msg('Past medications');

    return html`
      ${this.#renderIncomplete(data)}
      <div class="toolbar">
        <div class="toggle" part="toggle" role="group" aria-label=${msg('Medications to show')}>
          <button
            type="button"
            class="toggle__button"
            aria-pressed=${view === 'current' ? 'true' : 'false'}
            @click=${() => this.#setView('current')}
          >
            ${msg(str`Current (${data.current.length})`)}
          </button>
          <button
            type="button"
            class="toggle__button"
            aria-pressed=${view === 'past' ? 'true' : 'false'}
            @click=${() => this.#setView('past')}
          >
            ${msg(str`Past (${data.past.length})`)}
          </button>
        </div>
        ${
          filterable
            ? html`<div class="filter">
                <label class="filter__label" for="filter">${msg('Filter by drug name or brand')}</label>
                <input
                  id="filter"
                  class="filter__input"
                  part="filter"
                  type="search"
                  autocomplete="off"
                  spellcheck="false"
                  .value=${live(this.filter)}
                  @input=${this.#onFilter}
                />
              </div>`
            : nothing
        }
      </div>
      ${
        filterable
          ? html`<p class="filter__count" role="status" aria-live="polite">
              ${query ? this.#matchMessage(view, shown.length, rows.length) : nothing}
            </p>`
          : nothing
      }
      ${
        shown.length === 0
          ? this.renderEmpty(this.#emptyMessage(view, query ? this.filter.trim() : ''))
          : html`<ul class="list" part="list" aria-label=${listLabel}>
              ${repeat(
                shown,
                (row) => row.key,
                (row) => this.#renderRow(row, view),
              )}
            </ul>`
      }
    `;
  }

  /** Says which search stopped, how far it got and why; Try again goes on from the failed page. */
  #renderIncomplete(data: MedicationListData): TemplateResult | typeof nothing {
    const stopped = data.searches.filter((one) => one.error);
    if (stopped.length === 0) return nothing;
    return html`<div class="notice" part="error" role="alert">
      <p class="notice__title">${msg('Some medications could not be loaded, so this list is incomplete.')}</p>
      ${stopped.map(
        (one) => html`<p>${this.#partName(one.type)}: ${this.#partLoaded(one)} ${errorText(one.error)}</p>`,
      )}
      ${
        stopped.some((one) => one.canResume)
          ? html`<button
              class="care-button"
              type="button"
              aria-disabled=${this.resuming ? 'true' : 'false'}
              @click=${() => void this.#resume(data)}
            >
              ${this.resuming ? msg('Loading the rest…') : msg('Try again')}
            </button>`
          : nothing
      }
    </div>`;
  }

  #partName(type: string): string {
    return type === 'MedicationRequest'
      ? msg('Prescriptions (MedicationRequest)')
      : msg('Medication statements (MedicationStatement)');
  }

  #partLoaded(search: Pager<MedicationResource>): string {
    const { loaded, total } = search;
    if (total !== undefined && total > loaded) return msg(str`${loaded} of ${total} loaded.`);
    return loaded === 0 ? msg('none loaded.') : msg(str`${loaded} loaded, the rest not.`);
  }

  #matchMessage(view: MedicationView, matches: number, of: number): string {
    return view === 'current'
      ? msg(str`${matches} of ${of} current medications match`)
      : msg(str`${matches} of ${of} past medications match`);
  }

  /** MEDv-146: each view says what is empty; a filter that matches nothing says so differently. */
  #emptyMessage(view: MedicationView, query: string): string {
    if (query) {
      return view === 'current'
        ? msg(str`No current medications match "${query}"`)
        : msg(str`No past medications match "${query}"`);
    }
    return view === 'current' ? msg('No current medications') : msg('No past medications');
  }

  #renderRow(row: MedicationRow, view: MedicationView): TemplateResult {
    const { line } = row;
    const attributes = [line.brand, line.strength, line.form].filter((a): a is string => !!a);
    const nameKnown = !line.missing.includes('name');
    const date = view === 'current' ? line.startDate : line.endDate;
    const issues = repeatIssues(line.repeat?.issued, line.repeat?.allowed);
    return html`<li class="item item--${line.status}" part="item">
      <button type="button" class="item__main" @click=${() => this.select(row.resource)}>
        <span class="line">
          <strong class=${nameKnown ? 'line__name' : 'line__name line__name--unknown'}>${line.name}</strong
          >${attributes.map(
            (attribute) =>
              html`<span class="line__sep"> — </span><span class="line__attr">${attribute}</span>`,
          )}
        </span>
        <span class="line__dose"
          ><span class="line__dose-label">${msg('DOSE')}</span> <bdi>${line.dose}</bdi></span
        >
        <span class="status status--${line.status}">${line.statusLabel}</span>
      </button>
      <dl class="details">
        <div class="details__item">
          <dt>${view === 'current' ? msg('Start date') : msg('End date')}</dt>
          <dd>${date?.display ?? notKnown()}</dd>
        </div>
        ${
          view === 'past' && !line.endDate && line.startDate
            ? html`<div class="details__item">
                <dt>${msg('Start date')}</dt>
                <dd>${line.startDate.display}</dd>
              </div>`
            : nothing
        }
        ${
          line.courseLabel
            ? html`<div class="details__item">
                <dt>${msg('Type')}</dt>
                <dd>${line.courseLabel}</dd>
              </div>`
            : nothing
        }
        ${
          issues
            ? html`<div class="details__item">
                <dt>${msg('Repeat issues')}</dt>
                <dd>${issues}</dd>
              </div>`
            : nothing
        }
        ${
          line.repeat?.reviewDate
            ? html`<div class="details__item">
                <dt>${msg('Review date')}</dt>
                <dd>${line.repeat.reviewDate.display}</dd>
              </div>`
            : nothing
        }
        ${
          line.lastIssued
            ? html`<div class="details__item">
                <dt>${msg('Last issued')}</dt>
                <dd>${line.lastIssued.display}</dd>
              </div>`
            : nothing
        }
        <div class="details__item details__item--provenance">
          <dt>${msg('Recorded by')}</dt>
          <dd>${recordedBy(line)}</dd>
        </div>
      </dl>
    </li>`;
  }
}
