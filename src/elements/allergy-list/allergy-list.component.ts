import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import type { AllergyIntolerance, List } from 'fhir/r4';
import { RecordElement, type RecordScope } from '../../base/record-element.js';
import { detailsStyles } from '../../base/details.js';
import { RovingFocus } from '../../base/roving-focus.js';
import { renderRovingList, rovingListStyles } from '../../base/roving-list.js';
import { renderViewToggle, viewToggleStyles } from '../../base/view-toggle.js';
import { PagerGroup } from '../../data/pager.js';
import {
  allergyQueries,
  allergyReferences,
  followRoleToOrganisation,
  type SectionQuery,
} from '../../data/queries.js';
import type { RecordSource } from '../../data/record-source.js';
import { resolveReferences, type ReferenceLookup } from '../../data/resolve-references.js';
import {
  allergyRecord,
  type AllergyEntry,
  type AllergyRecord,
  type AllergyView,
} from '../../model/allergies.js';
import { withheldCopy, type Withholding } from '../../model/restricted-record.js';
import { allergyListStyles } from './allergy-list.styles.js';
import { renderAllergy } from './allergy-list.templates.js';

/** What is loaded for one patient: the two searches streaming in, and the allergies they make. */
export interface AllergyListData extends AllergyRecord {
  source: RecordSource;
  restricted: boolean;
  withholding?: Withholding;
  /** AllergyIntolerances, then the allergy List. */
  stream: PagerGroup<AllergyIntolerance | List>;
  resolve?: ReferenceLookup;
}

/**
 * The patient's allergies and intolerances: substance, category, criticality, reactions with
 * their severity, onset, recorded date and the organisation that recorded it, on every row.
 * Active allergies first; inactive and resolved ones under Past. High criticality, an unconfirmed
 * allergy and entries that contradict each other are said in words on the row. "No known
 * allergies" statements read as statements, and give way to an allergy recorded after them (when
 * one was recorded before them, both stay, flagged). Refuted and entered-in-error entries are not
 * allergies and are not shown. An empty record says which of "No known allergies" and "Allergies
 * not recorded" it is; a record that cannot be read says "Allergies unavailable". The banner's
 * allergy status comes from the same model, so the two never disagree.
 *
 * Keyboard: the rows are one tab stop; ArrowUp / ArrowDown, Home / End move, Enter or Space selects.
 *
 * @summary Allergies and intolerances, with reactions, criticality and provenance.
 * @tagname care-allergy-list
 *
 * @fires care-load - Once every page is loaded and rendered: `detail.count` = allergies and statements shown (both views).
 * @fires care-progress - After each page while the rest streams in.
 * @fires care-error - Loading failed (or a part of it); `detail.error` is a `RecordError`.
 * @fires care-select - A row was activated; `detail.resource` is its AllergyIntolerance.
 *
 * @csspart base - The element's wrapper.
 * @csspart header - The heading row, with the `Restricted record` marker when it applies.
 * @csspart restricted - The `Restricted record` marker.
 * @csspart toggle - The Active / Past toggle group.
 * @csspart conflict - The notice that entries contradict each other.
 * @csspart progress - How far the pages have streamed in.
 * @csspart list - The `<ul>` of allergies.
 * @csspart item - One allergy or statement (`<li>`).
 * @csspart empty - The message shown when a view has nothing.
 * @csspart error - The error message with its Try again button.
 * @csspart loading - The loading state.
 *
 * @cssproperty --care-allergy-list-accent - Toggle and row accent colour (default NHS blue #005eb8).
 * @cssproperty --care-allergy-list-high - Colour of high criticality (default NHS red #d5281b); the words are always shown.
 */
export class CareAllergyList extends RecordElement<AllergyListData> {
  static override styles = [
    ...RecordElement.styles,
    viewToggleStyles,
    detailsStyles,
    rovingListStyles,
    allergyListStyles,
  ];

  /** Which view is shown: `active` (default) or `past`. Changes when the user toggles. */
  @property({ reflect: true }) view: AllergyView = 'active';

  readonly #focus = new RovingFocus<AllergyEntry>(this, {
    keyOf: (entry) => entry.key,
    select: (entry) =>
      this.select(withheldCopy(entry.resource, this.data?.withholding, { resolve: this.data?.resolve })),
    listSelector: 'ul.list',
  });

  protected override patientChanged(): void {
    this.#focus.reset();
  }

  protected override countOf(data: AllergyListData): number {
    return data.active.length + data.past.length;
  }

  protected override streamOf(data: AllergyListData): PagerGroup<AllergyIntolerance | List> {
    return data.stream;
  }

  protected override async loadRecord({ source, restricted, withholding, signal, search }: RecordScope) {
    const queries = allergyQueries() as SectionQuery<AllergyIntolerance | List>[];
    const stream = new PagerGroup(queries.map((query) => search(query)));
    await stream.loadFirst({ signal });
    const data: AllergyListData = {
      source,
      restricted,
      withholding,
      stream,
      ...allergyRecord([]),
    };
    await this.pagesJoined(data, signal);
    return data;
  }

  /** The organisations behind what was read (each followed once), then the allergies again from everything read. */
  protected override async pagesJoined(data: AllergyListData, signal: AbortSignal): Promise<void> {
    const [allergyPager, listPager] = data.stream.pagers;
    const allergies = allergyPager.resources as AllergyIntolerance[];
    const { withholding } = data;
    data.resolve = await resolveReferences(data.source, allergies.flatMap(allergyReferences), {
      included: allergyPager.included,
      signal,
      follow: followRoleToOrganisation,
      withholding,
      previous: data.resolve,
    });
    Object.assign(
      data,
      allergyRecord(allergies, listPager.resources as List[], { resolve: data.resolve, withholding }),
    );
  }

  get #view(): AllergyView {
    return this.view === 'past' ? 'past' : 'active';
  }

  protected override render(): TemplateResult {
    return html`<div class="base" part="base">
      ${this.renderHeader(msg('Allergies and adverse reactions'), this.data?.restricted)}
      ${this.renderState({ loading: msg('Loading allergies'), error: msg('Allergies unavailable') }, (data) =>
        this.#renderLoaded(data),
      )}
    </div>`;
  }

  #renderLoaded(data: AllergyListData): TemplateResult {
    const status = this.renderStreamStatus(data.stream, {
      incomplete: msg('Some allergy records could not be loaded, so this list is incomplete.'),
      partName: (type) =>
        type === 'List' ? msg('The allergy list (List)') : msg('Allergies (AllergyIntolerance)'),
    });
    if (data.active.length === 0 && data.past.length === 0) {
      return html`${status}${this.renderEmpty(this.#nothingRecorded(data))}`;
    }
    const view = this.#view;
    const entries = view === 'active' ? data.active : data.past;
    return html`
      ${status}
      ${
        data.conflict
          ? html`<p class="notice notice--conflict" part="conflict" role="note">
              ${msg('Entries disagree: "no known allergies" was recorded after an allergy that is still active. Check with the patient.')}
            </p>`
          : nothing
      }
      <div class="toolbar">
        ${renderViewToggle({
          label: msg('Allergies to show'),
          views: [
            ['active', msg(str`Active (${data.active.length})`)],
            ['past', msg(str`Past (${data.past.length})`)],
          ],
          current: view,
          choose: (next) => (this.view = next),
        })}
      </div>
      ${
        entries.length === 0
          ? this.renderEmpty(view === 'active' ? msg('No active allergies') : msg('No past allergies'))
          : renderRovingList(entries, {
              label: view === 'active' ? msg('Active allergies') : msg('Past allergies'),
              renderItem: renderAllergy,
              ...this.#focus.bind({ items: entries }),
            })
      }
    `;
  }

  /** Nothing to list: the record says there are none, or it says nothing (which is not the same). */
  #nothingRecorded(data: AllergyListData): string {
    return data.status === 'none'
      ? msg('No known allergies: the record says the patient has none.')
      : msg(
          'Allergies not recorded: the record holds no allergy information, which does not mean the patient has none.',
        );
  }
}
