import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import type { DiagnosticReport, Observation } from 'fhir/r4';
import { RecordElement, type RecordScope } from '../../base/record-element.js';
import { filterBoxStyles, renderFilterBox, renderFilterCount } from '../../base/filter-box.js';
import { RovingFocus } from '../../base/roving-focus.js';
import { rovingListStyles } from '../../base/roving-list.js';
import { PagerGroup } from '../../data/pager.js';
import { resultQueries, streamEdges, type SectionQuery } from '../../data/queries.js';
import type { RecordSource } from '../../data/record-source.js';
import type { ReferenceLookup } from '../../data/resolve-references.js';
import { resolveResultReferences } from '../../data/result-references.js';
import type { PatientIdentity } from '../../data/subject.js';
import { formatCount } from '../../format/quantity.js';
import { patientDeath, type PatientDeath } from '../../model/death.js';
import type { Withholding } from '../../model/restricted-record.js';
import {
  resultsMemo,
  resultsRecord,
  searchTextOf,
  type ResultEntry,
  type ResultsItem,
  type ResultsMemo,
} from '../../model/results.js';
import { trendIndex, type TrendIndex } from '../../model/trends.js';
import { resultsStyles } from './results.styles.js';
import { renderResultsList } from './results.templates.js';

type ResultResource = DiagnosticReport | Observation;

/** What is loaded for one patient. A new object per load, so nothing carries over to another patient. */
export interface ResultsData {
  source: RecordSource;
  identity: PatientIdentity;
  restricted: boolean;
  withholding?: Withholding;
  death?: PatientDeath;
  queries: SectionQuery<ResultResource>[];
  /** DiagnosticReports (with their results), then Observations, streaming their pages. */
  stream: PagerGroup<ResultResource>;
  /** What the pages so far led to (each reference is followed once across pages). */
  resolve?: ReferenceLookup;
  /** Resources of each search already followed, and the rows already mapped (each once). */
  read: number[];
  memo: ResultsMemo;
  /** Reports and lone results settled in their place, newest first. */
  items: ResultsItem[];
  /** Every result shown, and the tests done more than once among them. */
  results: ResultEntry[];
  trends: TrendIndex;
}

/** Lists longer than this get a filter box. */
const FILTER_THRESHOLD = 10;
/** A report is larger than another list's row: past this many, only those in view are rendered. */
const VIRTUALIZE_AFTER = 100;

/**
 * The patient's test results, newest first: each DiagnosticReport with its results in the report's
 * order (panels with their members), and the Observations that stand alone. Every value is shown
 * with its unit (and comparator, `<5 mg/L`), reference range and the lab's flag in words (`High`,
 * `Low`, `Critical high`; `Above range` / `Below range` when the lab gave none); blood pressure as
 * `120/80 mmHg`; a missing value says why. Every row says when, its status (preliminary, final,
 * amended, corrected, cancelled: always shown) and the organisation that performed it. A test
 * done more than once opens its trend: a chart of its values with the reference range as a band,
 * and every value in a table. Entered-in-error results, social-history and survey Observations and
 * reports that are clinical notes are not listed. Pages stream in behind the first; long lists get
 * a filter box and render only the rows in view.
 *
 * Keyboard: the rows are one tab stop; ArrowUp / ArrowDown, Home / End move, Enter or Space selects;
 * Tab reaches the trend buttons of the row with the tab stop.
 *
 * Requests `DiagnosticReport?patient=…&_sort=-date&_include=DiagnosticReport:result` and
 * `Observation?patient=…&_sort=-date` (with the performer included, except for a restricted record).
 *
 * @summary Test results and reports, newest first, with trends of repeated tests.
 * @tagname care-results
 *
 * @fires care-load - Once every page is loaded and rendered: `detail.count` = reports + results shown alone.
 * @fires care-progress - After each page while the rest streams in: `detail.loaded`, `detail.total`.
 * @fires care-error - Loading failed (or a part of it); `detail.error` is a `RecordError`.
 * @fires care-select - A row was activated (click, Enter or Space); `detail.resource` is its DiagnosticReport or Observation.
 *
 * @csspart base - The element's wrapper.
 * @csspart header - The heading row, with the `Restricted record` marker when it applies.
 * @csspart restricted - The `Restricted record` marker.
 * @csspart deceased - The notice at the top of a deceased patient's results.
 * @csspart filter - The filter search box.
 * @csspart progress - How far the pages have streamed in.
 * @csspart list - The `<ul>` of reports and results.
 * @csspart item - One report or result (`<li>`).
 * @csspart status - A report's or result's status.
 * @csspart flag - A result's flag (`High`, `Critical low`, …).
 * @csspart trend - An open trend: chart and table.
 * @csspart empty - The message shown when there are no results (or none match the filter).
 * @csspart error - The error message with its Try again button.
 * @csspart loading - The loading state.
 *
 * @cssproperty --care-results-accent - Row accent, trend line and buttons (default NHS blue #005eb8).
 * @cssproperty --care-results-abnormal - Colour of High / Low flags (default #7a4f00); the word is always shown.
 * @cssproperty --care-results-critical - Colour of critical flags and rows (default NHS red #d5281b); the word is always shown.
 * @cssproperty --care-results-band - Fill of a trend's reference range band (default #e8f1f8).
 */
export class CareResults extends RecordElement<ResultsData> {
  static override styles = [...RecordElement.styles, filterBoxStyles, rovingListStyles, resultsStyles];

  /** The filter box's text. */
  @state() protected filter = '';

  /** Keys of the results whose trend is open. */
  @state() protected openTrends: ReadonlySet<string> = new Set();

  readonly #focus = new RovingFocus<ResultsItem>(this, {
    keyOf: (item) => item.key,
    select: (item) => this.select(item.kind === 'report' ? item.report.resource : item.result.resource),
    listSelector: 'ul.list',
  });

  protected override patientChanged(): void {
    this.filter = '';
    this.openTrends = new Set();
    this.#focus.reset();
  }

  protected override countOf(data: ResultsData): number {
    return data.items.length;
  }

  protected override streamOf(data: ResultsData): PagerGroup<ResultResource> {
    return data.stream;
  }

  protected override async loadRecord({
    source,
    patient,
    identity,
    restricted,
    withholding,
    signal,
    search,
  }: RecordScope) {
    const queries = resultQueries(restricted) as SectionQuery<ResultResource>[];
    const stream = new PagerGroup(queries.map((query) => search(query)));
    await stream.loadFirst({ signal });
    const data: ResultsData = {
      source,
      identity,
      restricted,
      withholding,
      death: patientDeath(patient),
      queries,
      stream,
      read: [0, 0],
      memo: resultsMemo(),
      items: [],
      results: [],
      trends: trendIndex([]),
    };
    await this.pagesJoined(data, signal);
    return data;
  }

  /**
   * Follows what the new pages name (results from the `_include`s or the Observations read, else
   * the source; the practice of a restricted record never), checks every result reached is the
   * patient's, then lists everything read again.
   */
  protected override async pagesJoined(data: ResultsData, signal: AbortSignal): Promise<void> {
    const { source, withholding, queries, stream, memo } = data;
    const [reportPager, observationPager] = stream.pagers;
    const reports = reportPager.resources as DiagnosticReport[];
    const observations = observationPager.resources as Observation[];
    const resolve = await resolveResultReferences(
      source,
      reports.slice(data.read[0]),
      observations.slice(data.read[1]),
      {
        included: [...reportPager.included, ...observationPager.included, ...observations],
        identity: data.identity,
        withholding,
        signal,
        previous: data.resolve,
      },
    );
    data.resolve = resolve;
    data.read = [reports.length, observations.length];
    const edges = streamEdges(stream.pagers, queries);
    Object.assign(data, resultsRecord(reports, observations, { resolve, withholding, edges, memo }));
    data.trends = trendIndex(data.results);
  }

  #toggleTrend(item: ResultsItem, result: ResultEntry): void {
    const open = new Set(this.openTrends);
    if (!open.delete(result.key)) open.add(result.key);
    this.openTrends = open;
    this.#focus.activeKey = item.key;
  }

  protected override render(): TemplateResult {
    return html`<div class="base" part="base">
      ${this.renderHeader(msg('Test results'), this.data?.restricted)}
      ${this.renderState(
        { loading: msg('Loading test results'), error: msg('Test results could not be loaded') },
        (data) => this.#renderLoaded(data),
      )}
    </div>`;
  }

  #renderLoaded(data: ResultsData): TemplateResult {
    const filterable = data.items.length > FILTER_THRESHOLD;
    const query = filterable ? this.filter.trim().toLocaleLowerCase('en-GB') : '';
    const shown = query ? data.items.filter((item) => searchTextOf(item).includes(query)) : data.items;
    const status = html`${data.death ? this.renderDeathNotice(this.#deathMessage(data.death)) : nothing}
    ${this.renderStreamStatus(data.stream, {
      incomplete: msg('Some test results could not be loaded, so this list is incomplete.'),
      partName: (type) =>
        type === 'DiagnosticReport' ? msg('Reports (DiagnosticReport)') : msg('Results (Observation)'),
    })}`;
    if (data.items.length === 0) {
      return html`${status}${
        data.stream.done ? this.renderEmpty(msg('No test results are recorded for this patient.')) : nothing
      }`;
    }
    return html`
      ${status}
      ${
        filterable
          ? html`${renderFilterBox({
              label: msg('Filter by test or report name'),
              value: this.filter,
              onInput: (value) => (this.filter = value),
            })}
            ${renderFilterCount(
              query
                ? msg(str`${formatCount(shown.length)} of ${formatCount(data.items.length)} match`)
                : undefined,
            )}`
          : nothing
      }
      ${
        shown.length === 0
          ? this.renderEmpty(msg(str`No test results match "${this.filter.trim()}"`))
          : renderResultsList(shown, {
              virtual: this.renderInPart(shown.length, VIRTUALIZE_AFTER),
              label: msg('Test results, newest first'),
              trends: data.trends,
              openTrends: this.openTrends,
              toggleTrend: (item, result) => this.#toggleTrend(item, result),
              ...this.#focus.bind({ items: shown }),
            })
      }
    `;
  }

  #deathMessage(death: PatientDeath): string {
    return death.date
      ? msg(str`Died ${death.date.display}.`)
      : msg('This patient has died (date not known).');
  }
}
