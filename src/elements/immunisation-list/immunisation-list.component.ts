import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Immunization } from 'fhir/r4';
import { RecordElement, type RecordScope } from '../../base/record-element.js';
import { RovingFocus, type RovingList } from '../../base/roving-focus.js';
import { listStyles } from '../../base/roving-list.js';
import { PagerGroup } from '../../data/pager.js';
import {
  followToOrganisation,
  immunisationQuery,
  immunisationReferences,
  streamEdges,
  type SectionQuery,
} from '../../data/queries.js';
import type { RecordSource } from '../../data/record-source.js';
import { resolveReferences, type ReferenceLookup } from '../../data/resolve-references.js';
import { token } from '../../format/values.js';
import { patientDeath, type PatientDeath } from '../../model/death.js';
import {
  immunisationEntry,
  immunisationGroups,
  type ImmunisationGroup,
  type ImmunisationItem,
} from '../../model/immunisations.js';
import { withheldCopy, type Withholding } from '../../model/restricted-record.js';
import { dateKey, settledRows } from '../../model/streams.js';
import { immunisationListStyles } from './immunisation-list.styles.js';
import { immunisationRows, renderImmunisationList } from './immunisation-list.templates.js';

/** One immunisation: its entry, the resource `care-select` hands back, and the date its search sorts by. */
export interface ImmunisationRow extends ImmunisationItem {
  resource: Immunization;
  date?: number;
}

/** What is loaded for one patient. A new object per load, so nothing carries over to another patient. */
export interface ImmunisationListData {
  source: RecordSource;
  restricted: boolean;
  withholding?: Withholding;
  death?: PatientDeath;
  query: SectionQuery<Immunization>;
  /** The Immunization search, streaming its pages. */
  stream: PagerGroup<Immunization>;
  /** Every immunisation read (entered-in-error left out), and how many of the search's resources that covers. */
  items: ImmunisationRow[];
  read: number;
  /** What the pages so far led to (each reference is followed once across pages). */
  resolve?: ReferenceLookup;
  /** The vaccines to show, newest first: those no page still to come can sort before. */
  groups: ImmunisationGroup<ImmunisationRow>[];
}

const deathMessage = (death: PatientDeath) =>
  death.date ? msg(str`Died ${death.date.display}.`) : msg('This patient has died (date not known).');

/**
 * The patient's immunisations, newest first. A vaccine given more than once (the childhood
 * schedule's three doses of the 6-in-1; the same product, or doses of one course whatever the
 * brand) is one group under the vaccine's name, its doses in the order given. Each row says the vaccine (its dm+d / SNOMED CT name as the record holds it), the
 * date, the dose (`Dose 2 of 3`) and course, `Given` or `Not given` with the reason (an
 * immunisation not given is never shown as given), route and site, batch and expiry, and the
 * organisation that gave it (a performer's organisation, else the location's). Entries marked
 * entered-in-error are never shown. A restricted record never shows (nor asks for) a GP practice,
 * pharmacy or location: the kind of setting stands in for it. The first page is shown at once and
 * the rest streams in behind it.
 *
 * Keyboard: the immunisations are one tab stop; ArrowUp / ArrowDown, Home / End move, Enter or
 * Space selects. A click selects too.
 *
 * Requests `Immunization?patient=<id>&_sort=-date&_count=<page-size>` with `_include` of the
 * performers and the location (nothing alongside for a restricted record), then follows `next` links.
 *
 * @summary Immunisations given (and not given, with the reason), newest first, doses grouped by vaccine.
 * @tagname care-immunisation-list
 *
 * @fires care-load - Once every page is loaded and rendered: `detail.count` = immunisations shown;
 *   `complete: false` (with the server's `total`) when a part could not be read.
 * @fires care-progress - After each page while the rest streams in: `detail.loaded`, `detail.total`.
 * @fires care-error - Loading failed (the first page, or a later page); `detail.error` is a `RecordError`.
 * @fires care-select - An immunisation was activated (click, Enter or Space); `detail.resource` is the
 *   Immunization (for a restricted record, a copy without what locates the patient).
 *
 * @csspart base - The element's wrapper (a region named by the heading).
 * @csspart header - The heading row, with the `Restricted record` marker when it applies.
 * @csspart restricted - The `Restricted record` marker.
 * @csspart deceased - The notice at the top of a deceased patient's list.
 * @csspart progress - How far the pages have streamed in.
 * @csspart list - The list of vaccines and immunisations.
 * @csspart group - A vaccine given more than once: its name and its doses.
 * @csspart item - One immunisation (a dose of a group, or a vaccine given once).
 * @csspart empty - The message shown when no immunisations are recorded.
 * @csspart error - The error message with its Try again button.
 * @csspart loading - The loading state.
 *
 * @cssproperty --care-immunisation-list-row-gap - Space between rows (default 8px).
 * @cssproperty --care-immunisation-list-row-padding - Padding inside a row (default 12px 16px).
 * @cssproperty --care-immunisation-list-row-background - Row background (default white).
 * @cssproperty --care-immunisation-list-row-border-color - Row border (default #d8dde0).
 * @cssproperty --care-immunisation-list-accent - Accent of a given immunisation and of group headings (default NHS blue #005eb8).
 * @cssproperty --care-immunisation-list-status-given - Colour of `Given` (default #007f3b); the word is always shown.
 * @cssproperty --care-immunisation-list-status-not-given - Colour of `Not given` (default #d5281b); the word is always shown, its badge dashed.
 * @cssproperty --care-immunisation-list-group-background - Background of a vaccine's heading (default #f0f4f5).
 */
export class CareImmunisationList extends RecordElement<ImmunisationListData> {
  static override styles = [...RecordElement.styles, listStyles, immunisationListStyles];

  readonly #focus = new RovingFocus<ImmunisationRow>(this, {
    keyOf: (row) => row.key,
    select: (row) => this.select(row.resource),
    listSelector: 'ol.list',
  });

  protected override patientChanged(): void {
    this.#focus.reset();
  }

  protected override countOf(data: ImmunisationListData): number {
    return data.items.length;
  }

  protected override streamOf(data: ImmunisationListData): PagerGroup<Immunization> {
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
    const query = immunisationQuery(restricted);
    const stream = new PagerGroup([search(query)]);
    await stream.loadFirst({ signal });
    const data: ImmunisationListData = {
      source,
      restricted,
      withholding,
      death: patientDeath(patient),
      query,
      stream,
      items: [],
      read: 0,
      groups: [],
    };
    await this.pagesJoined(data, signal);
    return data;
  }

  /** Entries for what the search read since, each organisation and location followed once; then the groups. */
  protected override async pagesJoined(data: ImmunisationListData, signal: AbortSignal): Promise<void> {
    const { source, withholding, query, stream } = data;
    const [pager] = stream.pagers;
    const fresh = pager.resources.slice(data.read);
    // A restricted record's GP practice, pharmacies and locations are never asked for.
    const resolve = await resolveReferences(
      source,
      fresh.flatMap((immunization) => immunisationReferences(immunization, withholding)),
      {
        included: pager.included,
        signal,
        follow: followToOrganisation,
        withholding,
        previous: data.resolve,
      },
    );
    data.resolve = resolve;
    const rows = fresh.map((immunization, i): ImmunisationRow => {
      const position = data.read + i;
      return {
        key: `${position}:${token(immunization?.id) ?? ''}`,
        entry: immunisationEntry(immunization, { resolve, withholding }),
        // What is kept and handed to care-select: for a restricted record, with nothing that locates.
        resource: withheldCopy(immunization, withholding, { resolve }),
        date: dateKey(query.dateOf?.(immunization)),
      };
    });
    data.read = pager.resources.length;
    // Entered-in-error immunisations were never given: they are not shown.
    data.items = [...data.items, ...rows.filter((row) => row.entry.status !== 'entered-in-error')];
    data.groups = immunisationGroups(
      settledRows(data.items, (row) => row.date, streamEdges([pager], [query])),
    );
  }

  protected override render(): TemplateResult {
    return html`<section class="base" part="base" aria-labelledby="heading">
      ${this.renderHeader(msg('Immunisations'), this.data?.restricted, 'heading')}
      ${this.renderState(
        { loading: msg('Loading immunisations'), error: msg('Immunisations could not be loaded') },
        (data) => this.#renderLoaded(data),
      )}
    </section>`;
  }

  #renderLoaded(data: ImmunisationListData): TemplateResult {
    const status = html`${data.death ? this.renderDeathNotice(deathMessage(data.death)) : nothing}
    ${this.renderStreamStatus(data.stream, {
      incomplete: msg('Some immunisations could not be loaded, so this list is incomplete.'),
      partName: () => msg('Immunisations'),
    })}`;
    if (data.groups.length === 0) {
      // While pages still stream in, none may be settled yet: the progress says so.
      return data.stream.done
        ? html`${status}${this.renderEmpty(msg('No immunisations are recorded for this patient.'))}`
        : status;
    }
    const rows = immunisationRows(data.groups);
    const items = data.groups.flatMap((group) => group.items);
    const roving: RovingList<ImmunisationRow> = {
      items,
      rowKeys: rows.map((row) => row.key),
    };
    return html`${status}
    ${renderImmunisationList(data.groups, rows, {
      virtual: this.renderInPart(rows.length),
      level: this.headingLevelAt(1),
      ...this.#focus.bind(roving),
    })}`;
  }
}
