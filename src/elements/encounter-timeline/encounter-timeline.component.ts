import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import type { Encounter, PractitionerRole, Reference, Resource } from 'fhir/r4';
import { RecordElement, errorText, type RecordScope } from '../../base/record-element.js';
import { baseStyles } from '../../base/styles.js';
import type { Pager } from '../../data/pager.js';
import type { RecordSource } from '../../data/record-source.js';
import { resolveReferences, type ReferenceToResolve } from '../../data/resolve-references.js';
import { formatMonthYear } from '../../format/dates.js';
import { isObject, objects, text } from '../../format/values.js';
import {
  encounterEntry,
  sortEncounterEntries,
  type EncounterClass,
  type EncounterEntry,
} from '../../model/encounters.js';
import { isWithheldReference, withheldCopy, type Withholding } from '../../model/restricted-record.js';
import { encounterTimelineStyles } from './encounter-timeline.styles.js';

/** Above this many entries (after filters) only the rows in view are rendered. */
export const VIRTUALIZE_AFTER = 200;

/** One loaded encounter: the view model and the resource `care-select` hands back. */
interface TimelineItem {
  /** Unique within one patient's loaded pages (position + id), stable across Load more. */
  key: string;
  entry: EncounterEntry;
  resource: Encounter;
}

/** What is loaded for one patient. A new object per load, so nothing carries over to another patient. */
interface TimelineData {
  source: RecordSource;
  restricted: boolean;
  /** What a restricted record withholds. */
  withholding?: Withholding;
  /** The Encounter search: its `next` page, the server's total, and why a page failed. */
  search: Pager<Encounter>;
  /** Every page read so far, in server order; replaced (not changed) when a page is added. */
  items: TimelineItem[];
}

interface TimelineGroup {
  key: string;
  label: string;
  items: TimelineItem[];
}

type TimelineRow =
  { kind: 'group'; key: string; group: TimelineGroup } | { kind: 'entry'; key: string; item: TimelineItem };

interface TimelineView {
  /** Every loaded encounter, newest first (no start date last). */
  all: TimelineItem[];
  /** What the filters let through, in the same order. */
  entries: TimelineItem[];
  groups: TimelineGroup[];
  rows: TimelineRow[];
  classes: EncounterClass[];
  organisations: string[];
  hasUnknownOrganisation: boolean;
}

const NO_ORGANISATION = '__none__';
const CLASS_ORDER: EncounterClass[] = [
  'inpatient',
  'outpatient',
  'emergency',
  'community',
  'virtual',
  'home',
  'other',
];
const INCLUDES = ['Encounter:service-provider', 'Encounter:practitioner', 'Encounter:location'];

const numberFormat = new Intl.NumberFormat('en-GB');
const count = (n: number) => numberFormat.format(n);

/**
 * The references an entry shows: provider, people, and the first location. For a restricted record
 * no location, and nobody seen at a withheld setting (their name leads to it); the element's
 * `skip` keeps the withheld settings themselves from being requested.
 */
function referencesOf(encounter: Encounter, withholding: Withholding | undefined): ReferenceToResolve[] {
  const refs: unknown[] = [encounter.serviceProvider];
  if (!isWithheldReference(encounter.serviceProvider, withholding)) {
    for (const participant of objects<Record<string, unknown>>(encounter.participant))
      refs.push(participant.individual);
  }
  if (!withholding) {
    const first = objects<Record<string, unknown>>(encounter.location).find((l) => isObject(l.location));
    refs.push(first?.location);
  }
  return refs
    .filter((ref): ref is Reference => isObject(ref) && text(ref.reference) !== undefined)
    .map((reference) => ({ reference, from: encounter }));
}

/** A PractitionerRole names its practitioner through one more reference. */
function followRole(found: Resource): ReferenceToResolve[] {
  if (found.resourceType !== 'PractitionerRole') return [];
  const reference = (found as PractitionerRole).practitioner;
  return isObject(reference) && text(reference.reference) ? [{ reference, from: found }] : [];
}

/** `YYYY-MM-DD` from a date input as a wall-clock key (the model's `sortKey` scale). */
function dayKey(value: string, endOfDay: boolean): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return endOfDay ? start + 86_400_000 - 1 : start;
}

function groupOf(entry: EncounterEntry): { key: string; label: string } {
  if (entry.monthKey) {
    const [year, month] = entry.monthKey.split('-');
    return { key: entry.monthKey, label: formatMonthYear(Number(year), Number(month)) };
  }
  if (entry.yearKey) return { key: entry.yearKey, label: entry.yearKey };
  return { key: 'unknown', label: msg('Date not known') };
}

const icon = (body: SVGTemplateResult) =>
  html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${body}</svg>`;

/** One inline icon per class, shown beside the class word (never instead of it). */
const CLASS_ICONS: Record<EncounterClass, () => TemplateResult> = {
  inpatient: () =>
    icon(svg`<path d="M3 18V6M3 14h18v4M21 14v-2a3 3 0 0 0-3-3h-7v5"/><circle cx="7" cy="11" r="2"/>`),
  outpatient: () => icon(svg`<path d="M4 21V5l8-3 8 3v16M9 21v-5h6v5M12 7v5M9.5 9.5h5"/>`),
  emergency: () => icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v10M7 12h10"/>`),
  community: () =>
    icon(
      svg`<circle cx="8" cy="8" r="3"/><circle cx="17" cy="9" r="2.5"/><path d="M2 20c0-3.5 2.7-6 6-6s6 2.5 6 6M14 15.5c.9-.9 2-1.5 3-1.5 2.8 0 5 2.2 5 5"/>`,
    ),
  virtual: () => icon(svg`<rect x="2" y="6" width="14" height="12" rx="2"/><path d="M16 10l6-3v10l-6-3"/>`),
  home: () => icon(svg`<path d="M3 11l9-7 9 7M5 9.5V20h14V9.5M10 20v-6h4v6"/>`),
  other: () => icon(svg`<circle cx="12" cy="12" r="3"/>`),
};

/**
 * The patient's encounters across organisations, newest first, grouped by month: date and time
 * (with the length of an inpatient stay), class (word and icon), type, reason, the providing
 * organisation with its ODS code, location (never for a restricted record), clinician, status
 * and the UK Core admission and discharge methods. Filters by class, organisation and date
 * range work on what is loaded; "Load more" follows the server's `next` links. Long lists
 * (over 200 entries) render only the rows in view.
 *
 * Keyboard: the entries are one tab stop; ArrowUp / ArrowDown move between entries, Home / End
 * go to the first / last, Enter or Space selects. A click selects too.
 *
 * Requests `Encounter?patient=<id>&_sort=-date&_count=<page-size>` with `_include` of the
 * service provider, practitioner and (unless the record is restricted) location.
 *
 * @summary The patient's encounters across organisations, newest first, grouped by month.
 * @tagname care-encounter-timeline
 *
 * @fires care-load - After each load completes and is rendered: the first page, and again after
 *   every "Load more". `detail.count` is the number of encounters loaded so far, before filters.
 * @fires care-error - Loading failed (the first page or a further page); `detail.error` is a `RecordError`.
 * @fires care-select - An entry was activated by click, Enter or Space; `detail.resource` is the Encounter
 *   (for a restricted record, without its locations).
 *
 * @csspart base - The element's outer wrapper (a region named by the heading).
 * @csspart header - The heading row, with the `Restricted record` marker when it applies.
 * @csspart restricted - The `Restricted record` marker.
 * @csspart filters - The filter controls (class, organisation, date range).
 * @csspart list - The list of month groups (or of heading and entry rows when virtualised).
 * @csspart group - One month group (its heading row when virtualised).
 * @csspart item - One encounter entry.
 * @csspart empty - The message when there are no encounters, or none match the filters.
 * @csspart error - The error message with its Try again button.
 * @csspart loading - The loading skeleton.
 * @csspart load-more - The "Load more encounters" button.
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
  static override styles = [baseStyles, encounterTimelineStyles];

  /** Encounters asked for per page (`_count`); read when a load starts. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 50;

  /** Filter: encounter class (`inpatient`, `outpatient`, …); empty for all. */
  @state() protected classFilter = '';
  /** Filter: providing organisation (its display text); empty for all. */
  @state() protected organisationFilter = '';
  /** Filter: first day (`YYYY-MM-DD`) an encounter may overlap; empty for no limit. */
  @state() protected fromDate = '';
  /** Filter: last day (`YYYY-MM-DD`); empty for no limit. */
  @state() protected toDate = '';

  @state() private loadingMore = false;
  /** The entry holding the tab stop. */
  @state() private activeKey?: string;

  /** Memos keyed by the loaded items, so they go with the data when it is dropped. */
  readonly #sorted = new WeakMap<TimelineItem[], TimelineItem[]>();
  readonly #views = new WeakMap<TimelineItem[], { filters: string; view: TimelineView }>();

  protected override countOf(data: TimelineData): number {
    return data.items.length;
  }

  /** A new patient starts with no filters and no remembered place. */
  protected override patientChanged(): void {
    this.loadingMore = false;
    this.activeKey = undefined;
    this.#clearFilters();
  }

  protected override async loadRecord({
    source,
    restricted,
    withholding,
    signal,
    search,
  }: RecordScope): Promise<TimelineData> {
    const size = Math.max(1, Math.trunc(Number(this.pageSize)) || 50);
    const encounters = search<Encounter>('Encounter', {
      _sort: '-date',
      _count: size,
      // A restricted record asks for nothing alongside: an include would bring the GP practice,
      // its clinicians and locations back with the answer.
      ...(restricted ? {} : { _include: INCLUDES }),
    });
    const fresh = await encounters.loadPage({ signal });
    const data: TimelineData = { source, restricted, withholding, search: encounters, items: [] };
    data.items = await this.#toItems(data, fresh, signal);
    return data;
  }

  /** View models for new encounters; references are resolved from the `_include`s, else the source. */
  async #toItems(data: TimelineData, resources: Encounter[], signal: AbortSignal): Promise<TimelineItem[]> {
    const { source, restricted, withholding, search } = data;
    const encounters = resources.filter((r): r is Encounter => isObject(r) && r.resourceType === 'Encounter');
    const resolve = await resolveReferences(
      source,
      encounters.flatMap((encounter) => referencesOf(encounter, withholding)),
      {
        included: search.included,
        signal,
        follow: followRole,
        skip: (reference) => isWithheldReference(reference, withholding),
      },
    );
    const offset = data.items.length;
    return encounters.map((encounter, i) => {
      // What is kept and handed to care-select: for a restricted record, with nothing that locates.
      const resource = withheldCopy(encounter, withholding, { resolve });
      return {
        key: `${offset + i}:${text(encounter.id) ?? ''}`,
        entry: encounterEntry(resource, resolve, { restricted, withholding }),
        resource,
      };
    });
  }

  /** Reads the next page (or the one that failed), keeping every entry already shown. */
  async #loadMore(data: TimelineData): Promise<void> {
    if (this.loadingMore || data.search.complete) return;
    this.loadingMore = true;
    await this.continueLoad(async (signal) => {
      try {
        const page = await data.search.loadPage({ signal });
        const fresh = await this.#toItems(data, page, signal);
        signal.throwIfAborted();
        const buttonHadFocus = this.shadowRoot?.activeElement?.matches('[part~="load-more"]') ?? false;
        data.items = [...data.items, ...fresh];
        // The last page takes the button away: keep the user's place on the first entry it brought.
        if (buttonHadFocus && data.search.complete) {
          const view = this.#viewOf(data);
          const target = view.entries.find((item) => fresh.includes(item)) ?? this.#activeItem(view);
          if (target) void this.#focusEntry(target.key, view);
        }
      } finally {
        this.loadingMore = false;
      }
    });
  }

  /** Sorted once per set of loaded pages; filtered and grouped once per filter change. */
  #viewOf(data: TimelineData): TimelineView {
    let all = this.#sorted.get(data.items);
    if (!all) {
      const byEntry = new Map(data.items.map((item) => [item.entry, item] as const));
      all = sortEncounterEntries(data.items.map((item) => item.entry)).map((entry) => byEntry.get(entry)!);
      this.#sorted.set(data.items, all);
    }
    const filters = [this.classFilter, this.organisationFilter, this.fromDate, this.toDate].join('\u0000');
    const memo = this.#views.get(all);
    if (memo?.filters === filters) return memo.view;

    const classes = new Set<EncounterClass>();
    const organisations = new Set<string>();
    let hasUnknownOrganisation = false;
    for (const { entry } of all) {
      classes.add(entry.class);
      const organisation = entry.organisation?.display;
      if (organisation) organisations.add(organisation);
      else hasUnknownOrganisation = true;
    }

    const from = dayKey(this.fromDate, false);
    const to = dayKey(this.toDate, true);
    const entries = all.filter(({ entry }) => {
      if (this.classFilter && entry.class !== this.classFilter) return false;
      if (this.organisationFilter) {
        const organisation = entry.organisation?.display;
        if (
          this.organisationFilter === NO_ORGANISATION
            ? organisation
            : organisation !== this.organisationFilter
        ) {
          return false;
        }
      }
      if (from === undefined && to === undefined) return true;
      // The encounter's span (start to end, or its start alone) must overlap the range.
      const start = entry.start?.sortKey;
      if (start === undefined) return false;
      const end = Math.max(entry.end?.sortKey ?? start, start);
      return (from === undefined || end >= from) && (to === undefined || start <= to);
    });

    const groups: TimelineGroup[] = [];
    for (const item of entries) {
      const { key, label } = groupOf(item.entry);
      const last = groups[groups.length - 1];
      if (last?.key === key) last.items.push(item);
      else groups.push({ key, label, items: [item] });
    }
    const rows: TimelineRow[] = groups.flatMap((group) => [
      { kind: 'group', key: `group:${group.key}`, group } as const,
      ...group.items.map((item) => ({ kind: 'entry', key: item.key, item }) as const),
    ]);

    const view: TimelineView = {
      all,
      entries,
      groups,
      rows,
      classes: CLASS_ORDER.filter((c) => classes.has(c)),
      organisations: [...organisations].sort((a, b) => a.localeCompare(b, 'en-GB')),
      hasUnknownOrganisation,
    };
    this.#views.set(all, { filters, view });
    return view;
  }

  /** The entry that holds the tab stop: the active one if it is shown, else the first. */
  #activeItem(view: TimelineView): TimelineItem | undefined {
    return view.entries.find((item) => item.key === this.activeKey) ?? view.entries[0];
  }

  get #filtered(): boolean {
    return Boolean(this.classFilter || this.organisationFilter || this.fromDate || this.toDate);
  }

  #listElement(): (HTMLElement & VirtualizerHostElement) | null {
    return this.renderRoot.querySelector<HTMLElement & VirtualizerHostElement>('ol.list');
  }

  #entryElement(key: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`li.entry[data-key="${CSS.escape(key)}"]`);
  }

  /** Moves the tab stop to `key` and focuses it, bringing a virtualised row into the DOM first. */
  async #focusEntry(key: string, view: TimelineView): Promise<void> {
    this.activeKey = key;
    const list = this.#listElement();
    const virtualizer = list?.[virtualizerRef];
    if (virtualizer && !this.#entryElement(key)) {
      const index = view.rows.findIndex((row) => row.key === key);
      virtualizer.element(index)?.scrollIntoView({ block: 'nearest' });
    }
    await this.updateComplete;
    for (let frame = 0; frame < 30 && !this.#entryElement(key); frame += 1) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    this.#entryElement(key)?.focus();
  }

  #itemFromEvent(event: Event, view: TimelineView): TimelineItem | undefined {
    const target =
      event.target instanceof Element ? event.target.closest<HTMLElement>('li.entry[data-key]') : null;
    return target ? view.entries.find((item) => item.key === target.dataset.key) : undefined;
  }

  #onListClick(event: MouseEvent, view: TimelineView): void {
    const item = this.#itemFromEvent(event, view);
    if (!item) return;
    this.activeKey = item.key;
    this.select(item.resource);
  }

  #onListKeydown(event: KeyboardEvent, view: TimelineView): void {
    const item = this.#itemFromEvent(event, view);
    if (!item || event.altKey || event.ctrlKey || event.metaKey) return;
    const index = view.entries.indexOf(item);
    let target: TimelineItem | undefined;
    switch (event.key) {
      case 'ArrowDown':
        target = view.entries[Math.min(index + 1, view.entries.length - 1)];
        break;
      case 'ArrowUp':
        target = view.entries[Math.max(index - 1, 0)];
        break;
      case 'Home':
        target = view.entries[0];
        break;
      case 'End':
        target = view.entries[view.entries.length - 1];
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.activeKey = item.key;
        this.select(item.resource);
        return;
      default:
        return;
    }
    event.preventDefault();
    if (target) void this.#focusEntry(target.key, view);
  }

  /**
   * When the user scrolls the active entry out of a virtualised list (and focus is elsewhere),
   * the tab stop moves to the first entry in view, so the list can always be tabbed into.
   */
  #onRangeChanged(event: Event, view: TimelineView): void {
    const { first, last } = event as Event & { first: number; last: number };
    const list = this.#listElement();
    if (list && this.shadowRoot?.activeElement && list.contains(this.shadowRoot.activeElement)) return;
    const active = this.#activeItem(view);
    const activeRow = active ? view.rows.findIndex((row) => row.key === active.key) : -1;
    if (activeRow >= first && activeRow <= last) return;
    const firstEntry = view.rows.slice(first, last + 1).find((row) => row.kind === 'entry');
    if (firstEntry) this.activeKey = firstEntry.key;
  }

  #setFilter(name: 'classFilter' | 'organisationFilter' | 'fromDate' | 'toDate', event: Event): void {
    this[name] = (event.target as HTMLInputElement | HTMLSelectElement).value;
  }

  #clearFilters(): void {
    this.classFilter = '';
    this.organisationFilter = '';
    this.fromDate = '';
    this.toDate = '';
  }

  #summary(data: TimelineData, view: TimelineView): string {
    if (this.loadingMore) return msg('Loading more encounters…');
    const loaded = view.all.length;
    if (this.#filtered) {
      return msg(str`${count(view.entries.length)} of ${count(loaded)} loaded encounters match the filters`);
    }
    const total = data.search.total;
    if (total !== undefined && total > loaded) {
      return msg(str`Showing ${count(loaded)} of ${count(total)} encounters`);
    }
    return loaded === 1 ? msg('Showing 1 encounter') : msg(str`Showing ${count(loaded)} encounters`);
  }

  protected override render() {
    const data = this.data;
    return html`<section class="base" part="base" aria-labelledby="heading">
      ${this.renderHeader(msg('Encounters'), data?.restricted, 'heading')}
      ${this.renderState(
        { loading: msg('Loading encounters'), error: msg('Encounters could not be loaded') },
        (loaded) => this.#renderLoaded(loaded),
      )}
    </section>`;
  }

  #renderLoaded(data: TimelineData): TemplateResult {
    const view = this.#viewOf(data);
    if (view.all.length === 0 && data.search.complete) {
      return this.renderEmpty(msg('No encounters are recorded for this patient.'));
    }
    return html`
      ${this.#renderFilters(view)}
      <p class="summary" role="status" aria-live="polite">${this.#summary(data, view)}</p>
      ${
        view.entries.length === 0
          ? html`<div class="state state--empty filtered-empty" part="empty">
              <p>${msg('No loaded encounters match the filters.')}</p>
            </div>`
          : view.entries.length > VIRTUALIZE_AFTER
            ? this.#renderVirtualList(view)
            : this.#renderPlainList(view)
      }
      ${this.#renderMore(data)}
    `;
  }

  #renderFilters(view: TimelineView): TemplateResult {
    return html`<div class="filters" part="filters" role="group" aria-labelledby="filters-legend">
      <p class="filters__legend" id="filters-legend">${msg('Filter loaded encounters')}</p>
      <div class="field">
        <label for="filter-class">${msg('Type of care')}</label>
        <select
          id="filter-class"
          .value=${this.classFilter}
          @change=${(e: Event) => this.#setFilter('classFilter', e)}
        >
          <option value="" ?selected=${this.classFilter === ''}>${msg('All')}</option>
          ${view.classes.map(
            (c) =>
              html`<option value=${c} ?selected=${this.classFilter === c}>
                ${view.all.find((item) => item.entry.class === c)?.entry.classLabel ?? c}
              </option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="filter-organisation">${msg('Organisation')}</label>
        <select
          id="filter-organisation"
          .value=${this.organisationFilter}
          @change=${(e: Event) => this.#setFilter('organisationFilter', e)}
        >
          <option value="" ?selected=${this.organisationFilter === ''}>${msg('All')}</option>
          ${view.organisations.map(
            (o) => html`<option value=${o} ?selected=${this.organisationFilter === o}>${o}</option>`,
          )}
          ${
            view.hasUnknownOrganisation
              ? html`<option
                  value=${NO_ORGANISATION}
                  ?selected=${this.organisationFilter === NO_ORGANISATION}
                >
                  ${msg('Organisation not known')}
                </option>`
              : nothing
          }
        </select>
      </div>
      <div class="field">
        <label for="filter-from">${msg('From date')}</label>
        <input
          id="filter-from"
          type="date"
          .value=${this.fromDate}
          max=${this.toDate || nothing}
          @change=${(e: Event) => this.#setFilter('fromDate', e)}
        />
      </div>
      <div class="field">
        <label for="filter-to">${msg('To date')}</label>
        <input
          id="filter-to"
          type="date"
          .value=${this.toDate}
          min=${this.fromDate || nothing}
          @change=${(e: Event) => this.#setFilter('toDate', e)}
        />
      </div>
      ${
        this.#filtered
          ? html`<button class="care-button" type="button" @click=${this.#clearFilters}>
              ${msg('Clear filters')}
            </button>`
          : nothing
      }
    </div>`;
  }

  /* eslint-disable lit-a11y/no-redundant-role -- role="list" keeps list semantics in Safari, which drops them with list-style: none */
  #renderPlainList(view: TimelineView): TemplateResult {
    const active = this.#activeItem(view);
    return html`<ol
      class="list"
      part="list"
      role="list"
      aria-label=${msg('Encounters, newest first')}
      @click=${(e: MouseEvent) => this.#onListClick(e, view)}
      @keydown=${(e: KeyboardEvent) => this.#onListKeydown(e, view)}
    >
      ${repeat(
        view.groups,
        (group) => group.key,
        (group) =>
          html`<li class="group" part="group">
            <div class="group-heading" role="heading" aria-level=${this.headingLevelAt(1)}>
              ${group.label}
            </div>
            <ol class="entries" role="list">
              ${repeat(
                group.items,
                (item) => item.key,
                (item) => this.#renderEntry(item, item === active),
              )}
            </ol>
          </li>`,
      )}
    </ol>`;
  }

  /** Heading and entry rows in one flat list; the virtualizer renders those in view (plus a margin). */
  #renderVirtualList(view: TimelineView): TemplateResult {
    const active = this.#activeItem(view);
    return html`<ol
      class="list list--virtual"
      part="list"
      role="list"
      aria-label=${msg('Encounters, newest first')}
      @click=${(e: MouseEvent) => this.#onListClick(e, view)}
      @keydown=${(e: KeyboardEvent) => this.#onListKeydown(e, view)}
      @rangeChanged=${(e: Event) => this.#onRangeChanged(e, view)}
    >
      ${virtualize<TimelineRow>({
        items: view.rows,
        keyFunction: (row) => row.key,
        renderItem: (row) =>
          row.kind === 'group'
            ? html`<li class="group" part="group">
                <div class="group-heading" role="heading" aria-level=${this.headingLevelAt(1)}>
                  ${row.group.label}
                </div>
              </li>`
            : this.#renderEntry(row.item, row.item === active),
      })}
      <li virtualizer-sizer aria-hidden="true"></li>
    </ol>`;
  }
  /* eslint-enable lit-a11y/no-redundant-role */

  #renderEntry(item: TimelineItem, active: boolean): TemplateResult {
    const e = item.entry;
    const details: [string, string | undefined][] = [
      [msg('Reason'), e.reason],
      [msg('Organisation'), e.organisation?.display],
      [msg('Location'), e.location],
      [msg('Clinician'), e.practitioner],
      [msg('Admission method'), e.admissionMethod],
      [msg('Discharge method'), e.dischargeMethod],
    ];
    const shown = details.filter((d): d is [string, string] => d[1] !== undefined);
    return html`<li
      class="entry entry--${e.status} entry--class-${e.class}"
      part="item"
      data-key=${item.key}
      tabindex=${active ? 0 : -1}
    >
      <span class="entry__marker">${CLASS_ICONS[e.class]()}</span>
      <div class="entry__body">
        <div class="entry__top">
          <span class="entry__when">
            ${e.start ? html`<time datetime=${e.start.value}>${e.display}</time>` : e.display}
          </span>
          ${
            e.lengthOfStay
              ? html`<span class="entry__stay">${msg(str`Length of stay ${e.lengthOfStay}`)}</span>`
              : nothing
          }
          <span class="status status--${e.status}">${e.statusLabel}</span>
        </div>
        <p class="entry__title">
          <span class="entry__class">${e.classLabel}</span
          >${e.type ? html` — <span class="entry__type">${e.type}</span>` : nothing}
        </p>
        ${
          shown.length > 0
            ? html`<dl class="entry__details">
                ${shown.map(
                  ([label, value]) =>
                    html`<dt>${label}</dt>
                      <dd>${value}</dd>`,
                )}
              </dl>`
            : nothing
        }
      </div>
    </li>`;
  }

  /** Load more, or (after a failed page) what failed and Try again, which asks for that page again. */
  #renderMore(data: TimelineData): TemplateResult | typeof nothing {
    const { search } = data;
    if (search.complete) return nothing;
    const error = search.error;
    return html`<div class="more">
      ${
        error
          ? html`<div class="state state--error" part="error" role="alert">
              <p class="state__title">${msg('More encounters could not be loaded')}</p>
              <p>${errorText(error)}</p>
            </div>`
          : nothing
      }
      ${
        !error || search.canResume
          ? html`<button
              class="care-button"
              part="load-more"
              type="button"
              aria-disabled=${this.loadingMore ? 'true' : 'false'}
              @click=${() => void this.#loadMore(data)}
            >
              ${this.loadingMore ? msg('Loading more encounters…') : error ? msg('Try again') : msg('Load more encounters')}
            </button>`
          : nothing
      }
    </div>`;
  }
}
