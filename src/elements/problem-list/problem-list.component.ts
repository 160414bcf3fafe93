import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import type { Condition } from 'fhir/r4';
import { RecordElement, type RecordScope } from '../../base/record-element.js';
import { detailsStyles } from '../../base/details.js';
import { filterBoxStyles, renderFilterBox, renderFilterCount } from '../../base/filter-box.js';
import { RovingFocus } from '../../base/roving-focus.js';
import { rovingListStyles } from '../../base/roving-list.js';
import { renderViewToggle, viewToggleStyles } from '../../base/view-toggle.js';
import { PagerGroup } from '../../data/pager.js';
import { followToProvider, problemQuery, problemReferences } from '../../data/queries.js';
import type { RecordSource } from '../../data/record-source.js';
import { resolveReferences, type ReferenceLookup } from '../../data/resolve-references.js';
import { patientDeath, type PatientDeath } from '../../model/death.js';
import {
  PROBLEM_KINDS,
  isShownCondition,
  problemCount,
  problemEntry,
  problemViews,
  type ProblemEntry,
  type ProblemGroups,
  type ProblemKind,
  type ProblemView,
} from '../../model/problems.js';
import type { Withholding } from '../../model/restricted-record.js';
import { dateKey } from '../../model/streams.js';
import { problemListStyles } from './problem-list.styles.js';
import {
  deathMessage,
  emptyMessage,
  matchMessage,
  problemListEmpty,
  renderProblemGroup,
  stillLoading,
} from './problem-list.templates.js';

/** What is loaded for one patient: every condition read, and the two views of those already in their place. */
export interface ProblemListData {
  source: RecordSource;
  restricted: boolean;
  withholding?: Withholding;
  /** A deceased patient's list says so first. */
  death?: PatientDeath;
  /** The Condition search, streaming its pages. */
  stream: PagerGroup<Condition>;
  /** Every condition read that is shown (refuted and entered-in-error left out), and how many of the search's resources that covers. */
  entries: ProblemEntry[];
  read: number;
  /** What the pages so far led to (each reference is followed once across pages). */
  resolve?: ReferenceLookup;
  /** The rows in their final place, per view and group. */
  active: ProblemGroups;
  past: ProblemGroups;
}

/** Lists longer than this get a filter box. */
const FILTER_THRESHOLD = 10;

/**
 * The patient's problems and diagnoses: GP problem-list items, encounter diagnoses and conditions
 * the record does not classify, in three groups of an `Active` view (active, recurrence, relapse)
 * and a `Past` view (inactive, in remission, resolved). Major problems come first, then newest
 * first. Every row gives the name, major or minor where the record carries it, the status in
 * words, `Unconfirmed` / `Provisional` / `Differential` when not confirmed, onset and end as the
 * record gives them (partial dates kept), severity and body site, the date recorded, the encounter
 * it came from, and the organisation that recorded it. Refuted and entered-in-error conditions are
 * never shown. The first page is shown at once and the rest streams in behind it; long lists get a
 * filter box and render only the rows in view. A restricted record shows its problems but never
 * where they were recorded; a deceased patient's list says so first.
 *
 * Keyboard: each group's rows are one tab stop; ArrowUp / ArrowDown, Home / End move, Enter or
 * Space selects.
 *
 * Requests `Condition?patient=<id>&_sort=-recorded-date` with `_include` of the encounter and
 * (unless restricted) the asserter, then follows `next` links.
 *
 * @summary Problems and diagnoses, active and past, with significance and provenance.
 * @tagname care-problem-list
 *
 * @fires care-load - Once every page is loaded and rendered: `detail.count` = conditions shown (both views),
 *   before any filter; `complete: false` (with the server's `total`) when a part could not be read.
 * @fires care-progress - After each page while the rest streams in: `detail.loaded`, `detail.total`.
 * @fires care-error - Loading failed (or a part of it); `detail.error` is a `RecordError`.
 * @fires care-select - A row was activated (click, Enter or Space); `detail.resource` is its Condition
 *   (for a restricted record, a copy without what locates the patient).
 *
 * @csspart base - The element's wrapper.
 * @csspart header - The heading row, with the `Restricted record` marker when it applies.
 * @csspart restricted - The `Restricted record` marker.
 * @csspart deceased - The notice at the top of a deceased patient's list.
 * @csspart toggle - The Active / Past toggle group.
 * @csspart filter - The filter search box.
 * @csspart progress - How far the pages have streamed in.
 * @csspart group - One group of a view (problems, encounter diagnoses, other conditions), with its heading.
 * @csspart list - The `<ul>` of a group's conditions.
 * @csspart item - One condition (`<li>`).
 * @csspart empty - The message shown when a view, a group or a filter has nothing.
 * @csspart error - The error message with its Try again button.
 * @csspart loading - The loading state.
 *
 * @cssproperty --care-problem-list-accent - Toggle and row accent colour (default NHS blue #005eb8).
 * @cssproperty --care-problem-list-major - Edge and marker of a major problem (default NHS dark blue #003087); the word `Major` is always shown.
 * @cssproperty --care-problem-list-row-background - Row background (default white).
 * @cssproperty --care-problem-list-row-border-color - Row border (default #d8dde0).
 */
export class CareProblemList extends RecordElement<ProblemListData> {
  static override styles = [
    ...RecordElement.styles,
    viewToggleStyles,
    detailsStyles,
    filterBoxStyles,
    rovingListStyles,
    problemListStyles,
  ];

  /** Which view is shown: `active` (default) or `past`. Changes when the user toggles. */
  @property({ reflect: true }) view: ProblemView = 'active';

  /** The filter box's text. */
  @state() protected filter = '';

  /** One tab stop per group. */
  readonly #focus = Object.fromEntries(
    PROBLEM_KINDS.map((kind) => [
      kind,
      new RovingFocus<ProblemEntry>(this, {
        keyOf: (entry) => entry.key,
        select: (entry) => this.select(entry.resource),
        listSelector: `.group--${kind} ul.list`,
      }),
    ]),
  ) as Record<ProblemKind, RovingFocus<ProblemEntry>>;

  get #view(): ProblemView {
    return this.view === 'past' ? 'past' : 'active';
  }

  protected override patientChanged(): void {
    this.filter = '';
    for (const focus of Object.values(this.#focus)) focus.reset();
  }

  protected override countOf(data: ProblemListData): number {
    return problemCount(data.active) + problemCount(data.past);
  }

  protected override streamOf(data: ProblemListData): PagerGroup<Condition> {
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
    const stream = new PagerGroup([search(problemQuery(restricted))]);
    await stream.loadFirst({ signal });
    const data: ProblemListData = {
      source,
      restricted,
      withholding,
      death: patientDeath(patient),
      stream,
      entries: [],
      read: 0,
      ...problemViews([], []),
    };
    await this.pagesJoined(data, signal);
    return data;
  }

  /** Rows for the conditions read since (each encounter and organisation followed once), then both views. */
  protected override async pagesJoined(data: ProblemListData, signal: AbortSignal): Promise<void> {
    const { withholding } = data;
    const [pager] = data.stream.pagers;
    const fresh = pager.resources
      .slice(data.read)
      .map((condition, i) => ({ condition, position: data.read + i }))
      .filter(({ condition }) => isShownCondition(condition));
    // The practice of a restricted record is never asked for, as recorder or as an encounter's provider.
    data.resolve = await resolveReferences(
      data.source,
      fresh.flatMap(({ condition }) => problemReferences(condition)),
      {
        included: pager.included,
        signal,
        follow: followToProvider,
        withholding,
        previous: data.resolve,
      },
    );
    const now = this.now ?? new Date();
    const options = { resolve: data.resolve, withholding, now };
    data.entries = [
      ...data.entries,
      ...fresh.map(({ condition, position }) => problemEntry(condition, { ...options, position })),
    ];
    data.read = pager.resources.length;
    const last = pager.resources[pager.resources.length - 1];
    Object.assign(
      data,
      problemViews(data.entries, [{ done: pager.done, last: dateKey(last?.recordedDate) }]),
    );
  }

  protected override render(): TemplateResult {
    return html`<div class="base" part="base">
      ${this.renderHeader(msg('Problems and diagnoses'), this.data?.restricted)}
      ${this.renderState(
        {
          loading: msg('Loading problems and diagnoses'),
          error: msg('Problems and diagnoses could not be loaded'),
        },
        (data) => this.#renderLoaded(data),
      )}
    </div>`;
  }

  #renderLoaded(data: ProblemListData): TemplateResult {
    const loading = !data.stream.done;
    const status = html`${data.death ? this.renderDeathNotice(deathMessage(data.death)) : nothing}
    ${this.renderStreamStatus(data.stream, {
      incomplete: msg('Some problems and diagnoses could not be loaded, so this list is incomplete.'),
      partName: () => msg('Problems and diagnoses (Condition)'),
    })}`;
    if (data.entries.length === 0 && !loading) {
      return html`${status}${this.renderEmpty(msg('No problems or diagnoses are recorded for this patient.'))}`;
    }
    const view = this.#view;
    const groups = data[view];
    const filterable = data.entries.length > FILTER_THRESHOLD;
    const query = filterable ? this.filter.trim().toLocaleLowerCase('en-GB') : '';
    const shown = Object.fromEntries(
      PROBLEM_KINDS.map((kind) => [
        kind,
        query ? groups[kind].filter((entry) => entry.search.includes(query)) : groups[kind],
      ]),
    ) as ProblemGroups;
    const matches = problemCount(shown);
    return html`
      ${status}
      <div class="toolbar">
        ${renderViewToggle({
          label: msg('Problems and diagnoses to show'),
          views: [
            ['active', msg(str`Active (${problemCount(data.active)})`)],
            ['past', msg(str`Past (${problemCount(data.past)})`)],
          ],
          current: view,
          choose: (next) => (this.view = next),
        })}
        ${
          filterable
            ? renderFilterBox({
                label: msg('Filter by name'),
                value: this.filter,
                onInput: (value) => (this.filter = value),
              })
            : nothing
        }
      </div>
      ${
        filterable
          ? renderFilterCount(query ? matchMessage(view, matches, problemCount(groups), loading) : undefined)
          : nothing
      }
      ${
        matches === 0
          ? this.renderEmpty(stillLoading(emptyMessage(view, query ? this.filter.trim() : ''), loading))
          : PROBLEM_KINDS.map((kind) =>
              // The problem list is what a GP record is read by: its group stays, saying it is empty.
              shown[kind].length > 0 || (kind === 'problem' && !query)
                ? renderProblemGroup(shown[kind], {
                    kind,
                    view,
                    level: this.headingLevelAt(1),
                    virtual: this.renderInPart(shown[kind].length),
                    empty: this.renderEmpty(stillLoading(problemListEmpty(view), loading)),
                    ...this.#focus[kind].bind({ items: shown[kind] }),
                  })
                : nothing,
            )
      }
    `;
  }
}
