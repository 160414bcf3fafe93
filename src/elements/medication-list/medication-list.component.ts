import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { RecordElement, type RecordScope } from '../../base/record-element.js';
import { detailsStyles } from '../../base/details.js';
import { filterBoxStyles, renderFilterBox, renderFilterCount } from '../../base/filter-box.js';
import { RovingFocus } from '../../base/roving-focus.js';
import { listStyles, renderRovingList } from '../../base/roving-list.js';
import { renderViewToggle, viewToggleStyles } from '../../base/view-toggle.js';
import { PagerGroup } from '../../data/pager.js';
import {
  followRoleToOrganisation,
  medicationQueries,
  medicationReferences,
  streamEdges,
  type SectionQuery,
} from '../../data/queries.js';
import type { RecordSource } from '../../data/record-source.js';
import { resolveReferences, type ReferenceLookup } from '../../data/resolve-references.js';
import { mapInSlices } from '../../data/tasks.js';
import { textPool } from '../../format/values.js';
import {
  medicationRow,
  medicationViews,
  type MedicationResource,
  type MedicationRow,
} from '../../model/medication-rows.js';
import type { MedicationView } from '../../model/medications.js';
import { patientDeath, type PatientDeath } from '../../model/death.js';
import type { Withholding } from '../../model/restricted-record.js';
import { medicationListStyles } from './medication-list.styles.js';
import { renderMedicationRow } from './medication-list.templates.js';

/** What is loaded for one patient: every row read, and the two views of those already in their place. */
export interface MedicationListData {
  source: RecordSource;
  restricted: boolean;
  withholding?: Withholding;
  /** A deceased patient's medicines are read as at the date of death. */
  death?: PatientDeath;
  queries: SectionQuery<MedicationResource>[];
  /** MedicationRequests and MedicationStatements, streaming their pages. */
  stream: PagerGroup<MedicationResource>;
  /** Every row read (entered-in-error left out), and how many of each search's resources that covers. */
  rows: MedicationRow[];
  read: number[];
  /** What the pages so far led to (each reference is followed once across pages). */
  resolve?: ReferenceLookup;
  /** One copy of each drug name, dose and filter text, shared by the rows. */
  texts: (text: string) => string;
  /** The rows in their final place, per view, in view order. */
  current: MedicationRow[];
  past: MedicationRow[];
}

/** Lists longer than this get a filter box. */
const FILTER_THRESHOLD = 10;

/**
 * The patient's medicines, MedicationRequests and MedicationStatements in one list, as CUI
 * medication lines (MEDi-051: drug name, brand, strength, form, then `DOSE` and the dose) in a
 * `Current` and a `Past` view (MEDv-062/063), each sorted newest first (MEDv-099/100). Every row
 * says its status in words, its start or end date, acute or repeat, repeat issues and review
 * date, last issue date and the organisation that recorded it. The first page of each search is
 * shown at once and the rest streams in behind it: the two searches come newest first and a row
 * is shown once no page still to come can sort before it, so rows never move under the reader.
 * Long lists get a filter box and render only the rows in view. Entries marked entered-in-error
 * are never shown. The same medicine recorded by several organisations (same product, strength,
 * form, status and dose, dates overlapping) is one row naming every source. A restricted record shows its medicines but never where they were recorded. A
 * deceased patient's list says so first and reads each medicine as at the date of death.
 *
 * Keyboard: the rows are one tab stop; ArrowUp / ArrowDown, Home / End move, Enter or Space selects.
 *
 * @summary Current and past medications as NHS CUI medication lines.
 * @tagname care-medication-list
 *
 * @fires care-load - Once every page is loaded and rendered: `detail.count` = current + past medicines,
 *   before any filter; `complete: false` (with the server's `total`) when a part could not be read.
 * @fires care-progress - After each page while the rest streams in: `detail.loaded`, `detail.total`.
 * @fires care-error - Loading failed (or a part of it); `detail.error` is a `RecordError`.
 * @fires care-select - A row was activated (click, Enter or Space); `detail.resource` is its MedicationRequest or MedicationStatement.
 *
 * @csspart base - The element's wrapper.
 * @csspart header - The heading row, with the `Restricted record` marker when it applies.
 * @csspart restricted - The `Restricted record` marker.
 * @csspart deceased - The notice at the top of a deceased patient's list.
 * @csspart toggle - The Current / Past toggle group.
 * @csspart filter - The filter search box.
 * @csspart progress - How far the pages have streamed in.
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
  static override styles = [
    ...RecordElement.styles,
    viewToggleStyles,
    detailsStyles,
    filterBoxStyles,
    listStyles,
    medicationListStyles,
  ];

  /** Which view is shown: `current` (default) or `past`. Changes when the user toggles. */
  @property({ reflect: true }) view: MedicationView = 'current';

  /** The filter box's text. */
  @state() protected filter = '';

  readonly #focus = new RovingFocus<MedicationRow>(this, {
    keyOf: (row) => row.key,
    select: (row) => this.select(row.resource),
    listSelector: 'ul.list',
  });

  get #view(): MedicationView {
    return this.view === 'past' ? 'past' : 'current';
  }

  protected override patientChanged(): void {
    this.filter = '';
    this.#focus.reset();
  }

  /** Medicines as listed: the same medicine from several sources counts once. */
  protected override countOf(data: MedicationListData): number {
    return data.current.length + data.past.length;
  }

  protected override streamOf(data: MedicationListData): PagerGroup<MedicationResource> {
    return data.stream;
  }

  protected override async loadRecord({
    source,
    patient,
    restricted,
    withholding,
    signal,
    search,
  }: RecordScope) {
    const queries = medicationQueries(restricted) as SectionQuery<MedicationResource>[];
    const stream = new PagerGroup(queries.map((query) => search(query)));
    await stream.loadFirst({ signal });
    const data: MedicationListData = {
      source,
      restricted,
      withholding,
      death: patientDeath(patient),
      queries,
      stream,
      rows: [],
      read: queries.map(() => 0),
      texts: textPool(),
      current: [],
      past: [],
    };
    await this.pagesJoined(data, signal);
    return data;
  }

  /** Rows for what the searches read since, each distinct Medication and organisation resolved once; then both views. */
  protected override async pagesJoined(data: MedicationListData, signal: AbortSignal): Promise<void> {
    const { source, withholding, queries, stream } = data;
    const fresh = stream.pagers.flatMap((pager, index) =>
      pager.resources.slice(data.read[index]).map((resource) => ({ resource, index })),
    );
    // `_include`d ones from the search, contained ones left to the model; one that cannot be
    // followed leaves the line showing what it says. The practice of a restricted record is never asked for.
    const resolve = await resolveReferences(
      source,
      fresh.flatMap(({ resource }) => medicationReferences(resource)),
      {
        included: stream.pagers.flatMap((pager) => pager.included),
        signal,
        follow: followRoleToOrganisation,
        withholding,
        previous: data.resolve,
      },
    );
    data.resolve = resolve;
    const now = this.now ?? new Date();
    const offset = data.rows.length;
    const rows = await mapInSlices(
      fresh,
      ({ resource, index }, i) =>
        medicationRow(resource, offset + i, {
          resolve,
          now,
          withholding,
          death: data.death,
          sortDate: queries[index].dateOf?.(resource),
          texts: data.texts,
        }),
      signal,
    );
    data.read = stream.pagers.map((pager) => pager.resources.length);
    // Entered-in-error entries were never true: they are not shown in either view.
    data.rows = [...data.rows, ...rows.filter((row) => row.line.status !== 'entered-in-error')];
    Object.assign(data, medicationViews(data.rows, streamEdges(stream.pagers, queries)));
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

  #renderLoaded(data: MedicationListData): TemplateResult {
    const view = this.#view;
    const rows = view === 'current' ? data.current : data.past;
    const filterable = data.rows.length > FILTER_THRESHOLD;
    const query = filterable ? this.filter.trim().toLocaleLowerCase('en-GB') : '';
    const shown = query ? rows.filter((row) => row.search.includes(query)) : rows;
    return html`
      ${data.death ? this.renderDeathNotice(this.#deathMessage(data.death)) : nothing}
      ${this.renderStreamStatus(data.stream, {
        incomplete: msg('Some medications could not be loaded, so this list is incomplete.'),
        partName: (type) =>
          type === 'MedicationRequest'
            ? msg('Prescriptions (MedicationRequest)')
            : msg('Medication statements (MedicationStatement)'),
      })}
      <div class="toolbar">
        ${renderViewToggle({
          label: msg('Medications to show'),
          views: [
            ['current', msg(str`Current (${data.current.length})`)],
            ['past', msg(str`Past (${data.past.length})`)],
          ],
          current: view,
          choose: (next) => (this.view = next),
        })}
        ${
          filterable
            ? renderFilterBox({
                label: msg('Filter by drug name or brand'),
                value: this.filter,
                onInput: (value) => (this.filter = value),
              })
            : nothing
        }
      </div>
      ${
        filterable
          ? renderFilterCount(
              query ? this.#matchMessage(view, shown.length, rows.length, !data.stream.done) : undefined,
            )
          : nothing
      }
      ${
        shown.length === 0
          ? this.renderEmpty(this.#emptyMessage(view, query ? this.filter.trim() : ''))
          : renderRovingList(shown, {
              virtual: this.renderInPart(shown.length),
              label: view === 'current' ? msg('Current medications') : msg('Past medications'),
              renderItem: (row, tabStop) => renderMedicationRow(row, view, tabStop),
              ...this.#focus.bind({ items: shown }),
            })
      }
    `;
  }

  #matchMessage(view: MedicationView, matches: number, of: number, loading: boolean): string {
    const message =
      view === 'current'
        ? msg(str`${matches} of ${of} current medications match`)
        : msg(str`${matches} of ${of} past medications match`);
    return loading ? msg(str`${message} (still loading)`) : message;
  }

  #deathMessage(death: PatientDeath): string {
    return death.date
      ? msg(str`Died ${death.date.display}: medicines shown as current were current at death.`)
      : msg('This patient has died (date not known): medicines shown as current were current at death.');
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
}
