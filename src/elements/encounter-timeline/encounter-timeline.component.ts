import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import type { Encounter } from 'fhir/r4';
import { DateRangeInput, dateRangeStyles } from '../../base/date-range.js';
import { RecordElement, type RecordScope } from '../../base/record-element.js';
import { RovingFocus, type RovingList } from '../../base/roving-focus.js';
import { baseStyles } from '../../base/styles.js';
import { PagerGroup } from '../../data/pager.js';
import { encounterQuery, encounterReferences, followRoleToPractitioner } from '../../data/queries.js';
import type { RecordSource } from '../../data/record-source.js';
import { resolveReferences, type ReferenceLookup } from '../../data/resolve-references.js';
import { mapInSlices } from '../../data/tasks.js';
import { text } from '../../format/values.js';
import { encounterEntry } from '../../model/encounters.js';
import { patientDeath, type PatientDeath } from '../../model/death.js';
import { withheldCopy, type Withholding } from '../../model/restricted-record.js';
import {
  sortTimelineItems,
  timelineView,
  type TimelineFilters,
  type TimelineItem,
  type TimelineView,
} from '../../model/timeline.js';
import { encounterTimelineStyles } from './encounter-timeline.styles.js';
import { renderFilters, renderTimelineList, timelineSummary } from './encounter-timeline.templates.js';

/** One loaded encounter: its view model and the resource `care-select` hands back. */
interface TimelineEncounter extends TimelineItem {
  resource: Encounter;
}

/** What is loaded for one patient. A new object per load, so nothing carries over to another patient. */
interface TimelineData {
  source: RecordSource;
  restricted: boolean;
  withholding?: Withholding;
  death?: PatientDeath;
  /** The Encounter search, streaming its pages. */
  stream: PagerGroup<Encounter>;
  /** Every encounter read so far, in server order; replaced (not changed) when a page joins. */
  items: TimelineEncounter[];
  /** What the pages so far led to (each reference is followed once across pages). */
  resolve?: ReferenceLookup;
}

const deathMessage = (death: PatientDeath) =>
  death.date ? msg(str`Died ${death.date.display}.`) : msg('This patient has died (date not known).');

const NO_FILTERS: TimelineFilters = { type: '', organisation: '', from: '', to: '' };

/**
 * The patient's encounters across organisations, newest first, grouped by month: date and time
 * (with the length of an inpatient stay), class (word and icon), type, reason, the providing
 * organisation with its ODS code, location (never for a restricted record), clinician, status
 * and the UK Core admission and discharge methods. The first page is shown at once and the rest
 * streams in behind it (later pages join below, so nothing the user reads moves), with progress;
 * filters by class, organisation and date range apply to everything loaded. Long lists (over 200
 * entries) render only the rows in view.
 *
 * Keyboard: the entries are one tab stop; ArrowUp / ArrowDown move between entries, Home / End
 * go to the first / last, Enter or Space selects. A click selects too.
 *
 * Requests `Encounter?patient=<id>&_sort=-date&_count=<page-size>` with `_include` of the service
 * provider, practitioner and location (none for a restricted record), then follows `next` links.
 *
 * @summary The patient's encounters across organisations, newest first, grouped by month.
 * @tagname care-encounter-timeline
 *
 * @fires care-load - Once every page is loaded and rendered: `detail.count` = encounters, before filters;
 *   `complete: false` (with the server's `total`) when a part could not be read.
 * @fires care-progress - After each page while the rest streams in: `detail.loaded`, `detail.total`.
 * @fires care-error - Loading failed (the first page, or a later page); `detail.error` is a `RecordError`.
 * @fires care-select - An entry was activated by click, Enter or Space; `detail.resource` is the Encounter
 *   (for a restricted record, a copy without what locates the patient).
 *
 * @csspart base - The element's outer wrapper (a region named by the heading).
 * @csspart header - The heading row, with the `Restricted record` marker when it applies.
 * @csspart restricted - The `Restricted record` marker.
 * @csspart filters - The filter controls (class, organisation, date range).
 * @csspart progress - How far the pages have streamed in.
 * @csspart list - The list of month groups (or of heading and entry rows when virtualised).
 * @csspart group - One month group (its heading row when virtualised).
 * @csspart item - One encounter entry.
 * @csspart empty - The message when there are no encounters, or none match the filters.
 * @csspart error - The error message with its Try again button.
 * @csspart loading - The loading skeleton.
 *
 * @cssproperty --care-encounter-timeline-rail-color - Colour of the vertical rail (default the border colour).
 * @cssproperty --care-encounter-timeline-rail-width - Width of the rail (default 4px).
 * @cssproperty --care-encounter-timeline-marker-size - Diameter of the class icon marker (default 2.25rem).
 * @cssproperty --care-encounter-timeline-icon-color - Colour of the class icons and markers (default NHS blue).
 * @cssproperty --care-encounter-timeline-status-active-color - Fill of the `In progress` badge (default NHS blue).
 * @cssproperty --care-encounter-timeline-item-background - Entry background.
 * @cssproperty --care-encounter-timeline-item-hover-background - Entry background on hover.
 * @cssproperty --care-encounter-timeline-group-background - Month heading background.
 */
export class CareEncounterTimeline extends RecordElement<TimelineData> {
  static override styles = [baseStyles, dateRangeStyles, encounterTimelineStyles];

  /** The user's filters (type of care, organisation, dates); all empty for everything. */
  @state() protected filters: TimelineFilters = NO_FILTERS;

  readonly #dates = new DateRangeInput(this, {
    idPrefix: 'filter',
    change: (range) => (this.filters = { ...this.filters, ...range }),
  });
  readonly #focus = new RovingFocus<TimelineEncounter>(this, {
    keyOf: (item) => item.key,
    select: (item) => this.select(item.resource),
    listSelector: 'ol.list',
  });
  /** Memos keyed by the loaded items, so they go with the data when it is dropped. */
  readonly #sorted = new WeakMap<TimelineEncounter[], TimelineEncounter[]>();
  readonly #views = new WeakMap<
    TimelineEncounter[],
    { filters: TimelineFilters; view: TimelineView<TimelineEncounter> }
  >();
  readonly #lists = new WeakMap<TimelineView<TimelineEncounter>, RovingList<TimelineEncounter>>();

  protected override countOf(data: TimelineData): number {
    return data.items.length;
  }

  protected override streamOf(data: TimelineData): PagerGroup<Encounter> {
    return data.stream;
  }

  /** A new patient starts with no filters and no remembered place. */
  protected override patientChanged(): void {
    this.#clearFilters();
    this.#focus.reset();
  }

  #clearFilters(): void {
    this.filters = NO_FILTERS;
    this.#dates.reset();
  }

  protected override async loadRecord({
    source,
    patient,
    restricted,
    withholding,
    signal,
    search,
  }: RecordScope) {
    const stream = new PagerGroup([search(encounterQuery(restricted))]);
    await stream.loadFirst({ signal });
    const death = patientDeath(patient);
    const data: TimelineData = { source, restricted, withholding, death, stream, items: [] };
    await this.pagesJoined(data, signal);
    return data;
  }

  /** View models for the encounters read since; references resolved from the `_include`s, else the source. */
  protected override async pagesJoined(data: TimelineData, signal: AbortSignal): Promise<void> {
    const { source, restricted, withholding, stream, items } = data;
    const [pager] = stream.pagers;
    const encounters = pager.resources.slice(items.length);
    const resolve = await resolveReferences(
      source,
      encounters.flatMap((encounter) => encounterReferences(encounter, withholding)),
      {
        included: pager.included,
        signal,
        follow: followRoleToPractitioner,
        withholding,
        previous: data.resolve,
      },
    );
    data.resolve = resolve;
    // Closures below see the count, not `items`: the lookup outlives this page, the list it replaces must not.
    const offset = items.length;
    const fresh = await mapInSlices(
      encounters,
      (encounter, i): TimelineEncounter => {
        // What is kept and handed to care-select: for a restricted record, with nothing that locates.
        const resource = withheldCopy(encounter, withholding, { resolve });
        return {
          key: `${offset + i}:${text(encounter.id) ?? ''}`,
          entry: encounterEntry(resource, resolve, { restricted, withholding }),
          resource,
        };
      },
      signal,
    );
    data.items = [...items, ...fresh];
  }

  /** Sorted once per set of loaded pages; filtered and grouped once per filter change. */
  #viewOf(data: TimelineData): TimelineView<TimelineEncounter> {
    let all = this.#sorted.get(data.items);
    if (!all) this.#sorted.set(data.items, (all = sortTimelineItems(data.items)));
    const memo = this.#views.get(all);
    if (memo?.filters === this.filters) return memo.view;
    const view = timelineView(all, this.filters);
    this.#views.set(all, { filters: this.filters, view });
    return view;
  }

  /** The list the tab stop moves in, once per view (the roving focus indexes it once). */
  #roving(view: TimelineView<TimelineEncounter>): RovingList<TimelineEncounter> {
    let list = this.#lists.get(view);
    if (!list)
      this.#lists.set(view, (list = { items: view.entries, rowKeys: view.rows.map((row) => row.key) }));
    return list;
  }

  protected override render() {
    return html`<section class="base" part="base" aria-labelledby="heading">
      ${this.renderHeader(msg('Encounters'), this.data?.restricted, 'heading')}
      ${this.renderState(
        { loading: msg('Loading encounters'), error: msg('Encounters could not be loaded') },
        (data) => this.#renderLoaded(data),
      )}
    </section>`;
  }

  #renderLoaded(data: TimelineData): TemplateResult {
    const view = this.#viewOf(data);
    const status = html`${data.death ? this.renderDeathNotice(deathMessage(data.death)) : nothing}
    ${this.renderStreamStatus(data.stream, {
      incomplete: msg('Some encounters could not be loaded, so this timeline is incomplete.'),
      partName: () => msg('Encounters'),
    })}`;
    if (view.all.length === 0 && data.stream.done) {
      return html`${status}${this.renderEmpty(msg('No encounters are recorded for this patient.'))}`;
    }
    return html`
      ${renderFilters(
        view,
        this.filters,
        (name, value) => (this.filters = { ...this.filters, [name]: value }),
        () => this.#clearFilters(),
        this.#dates.render(),
      )}
      ${status}
      <p class="summary" role="status" aria-live="polite">
        ${timelineSummary(view, {
          filtered: Object.values(this.filters).some(Boolean),
          streaming: !data.stream.done,
          total: data.stream.total,
        })}
      </p>
      ${
        view.entries.length === 0
          ? html`<div class="state state--empty filtered-empty" part="empty">
              <p>${msg('No loaded encounters match the filters.')}</p>
            </div>`
          : this.#renderList(view)
      }
    `;
  }

  #renderList(view: TimelineView<TimelineEncounter>): TemplateResult {
    return renderTimelineList(view, {
      virtual: this.renderInPart(view.entries.length),
      level: this.headingLevelAt(1),
      ...this.#focus.bind(this.#roving(view)),
    });
  }
}
