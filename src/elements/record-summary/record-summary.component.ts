import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { AllergyIntolerance, Condition, DiagnosticReport, Encounter, List, Observation } from 'fhir/r4';
import { RecordElement, type RecordScope } from '../../base/record-element.js';
import { asRecordError, errorText } from '../../base/errors.js';
import {
  allergyQueries,
  allergyReferences,
  encounterQuery,
  encounterReferences,
  followRoleToOrganisation,
  followRoleToPractitioner,
  followToProvider,
  medicationQueries,
  medicationReferences,
  problemQuery,
  problemReferences,
  resultQueries,
  streamEdges,
  type SectionQuery,
} from '../../data/queries.js';
import { isAbortError } from '../../data/record-error.js';
import { resolveReferences } from '../../data/resolve-references.js';
import { resolveResultReferences } from '../../data/result-references.js';
import { formatCount } from '../../format/quantity.js';
import { allergyRecord, allergyStatusLabel, type AllergyRecord } from '../../model/allergies.js';
import { patientDeath } from '../../model/death.js';
import { encounterEntry, sortEncounterEntries, type EncounterEntry } from '../../model/encounters.js';
import {
  medicationRow,
  medicationViews,
  type MedicationResource,
  type MedicationRow,
} from '../../model/medication-rows.js';
import {
  isShownCondition,
  PROBLEM_KINDS,
  problemEntry,
  problemViews,
  type ProblemEntry,
} from '../../model/problems.js';
import { resultsRecord, type ResultsItem } from '../../model/results.js';
import { recordSummaryStyles } from './record-summary.styles.js';

/** One card's answer: what it shows, or why it could not. */
type Card<T> = { value: T } | { error: unknown };

export interface RecordSummaryData {
  restricted: boolean;
  allergies: Card<AllergyRecord>;
  problems: Card<ProblemEntry[]>;
  medicines: Card<MedicationRow[]>;
  results: Card<ResultsItem[]>;
  encounters: Card<EncounterEntry[]>;
}

/** Rows shown per card; the section itself holds the rest. */
const SHOWN = 5;
const CARDS = 5;

/**
 * The record at a glance: allergies, active problems, current medicines, the latest results and
 * the last encounters, each a card with the first rows of its section and the organisation behind
 * every row. Allergies and problems are read whole (an old active problem matters); medicines,
 * results and encounters from the first page of each search, so it is quick. A card that cannot
 * be read says so; the others still show. `<care-shared-record>` puts it above its tabs; it also
 * works alone or inside `<care-record>`.
 *
 * @summary The record at a glance: allergies, problems, medicines, results, encounters.
 * @tagname care-record-summary
 *
 * @fires care-load - When every card is read: `detail.count` = the cards shown.
 * @fires care-error - A card could not be read (the others still show), or a section answered with
 *   another patient's records (then nothing is shown).
 *
 * @csspart base - The element's wrapper.
 * @csspart card - One card (`section`).
 */
export class CareRecordSummary extends RecordElement<RecordSummaryData> {
  static override styles = [...RecordElement.styles, recordSummaryStyles];

  protected override countOf(): number {
    return CARDS;
  }

  protected override async loadRecord(scope: RecordScope): Promise<RecordSummaryData> {
    const [allergies, problems, medicines, results, encounters] = await Promise.allSettled([
      this.#allergies(scope),
      this.#problems(scope),
      this.#medicines(scope),
      this.#results(scope),
      this.#encounters(scope),
    ]);
    const card = <T>(result: PromiseSettledResult<T>): Card<T> => {
      if (result.status === 'fulfilled') return { value: result.value };
      const error = asRecordError(result.reason);
      // Another patient's records in any card refuse the whole summary, as they refuse a list.
      if (isAbortError(result.reason) || error.kind === 'patient-mismatch') throw result.reason;
      this.emit('care-error', { error });
      return { error };
    };
    return {
      restricted: scope.restricted,
      allergies: card(allergies),
      problems: card(problems),
      medicines: card(medicines),
      results: card(results),
      encounters: card(encounters),
    };
  }

  async #allergies({ source, withholding, signal, search }: RecordScope): Promise<AllergyRecord> {
    const [allergyQuery, listQuery] = allergyQueries();
    const [allergies, lists] = [search(allergyQuery), search(listQuery)];
    await allergies.loadAll({ signal });
    await lists.loadAll({ signal }).catch((error: unknown) => {
      if (isAbortError(error)) throw error;
    });
    const resolve = await resolveReferences(
      source,
      (allergies.resources as AllergyIntolerance[]).flatMap(allergyReferences),
      {
        included: allergies.included,
        signal,
        follow: followRoleToOrganisation,
        withholding,
      },
    );
    return allergyRecord(allergies.resources as AllergyIntolerance[], lists.resources as List[], {
      resolve,
      withholding,
    });
  }

  /** Active problems, every page read: major first, problem-list items before diagnoses. */
  async #problems({ source, restricted, withholding, signal, search }: RecordScope): Promise<ProblemEntry[]> {
    const pager = search<Condition>(problemQuery(restricted));
    await pager.loadAll({ signal });
    const conditions = pager.resources.filter(isShownCondition);
    const resolve = await resolveReferences(source, conditions.flatMap(problemReferences), {
      included: pager.included,
      signal,
      follow: followToProvider,
      withholding,
    });
    const now = this.now ?? new Date();
    const entries = conditions.map((condition, position) =>
      problemEntry(condition, { resolve, withholding, now, position }),
    );
    const { active } = problemViews(entries, [{ done: true }]);
    return PROBLEM_KINDS.flatMap((kind) => active[kind]);
  }

  /** The latest results: reports and lone results from the first page of each search, in their final place. */
  async #results({
    source,
    identity,
    restricted,
    withholding,
    signal,
    search,
  }: RecordScope): Promise<ResultsItem[]> {
    const queries = resultQueries(restricted) as SectionQuery<DiagnosticReport | Observation>[];
    const pagers = queries.map((query) => search(query));
    await Promise.all(pagers.map((pager) => pager.loadPage({ signal })));
    const [reports, observations] = pagers.map((pager) => pager.resources) as [
      DiagnosticReport[],
      Observation[],
    ];
    const resolve = await resolveResultReferences(source, reports, observations, {
      included: [...pagers.flatMap((pager) => pager.included), ...observations],
      identity,
      withholding,
      signal,
    });
    return resultsRecord(reports, observations, { resolve, withholding, edges: streamEdges(pagers, queries) })
      .items;
  }

  /** Current medicines from the first page of each search: those already in their final place. */
  async #medicines({
    source,
    patient,
    restricted,
    withholding,
    signal,
    search,
  }: RecordScope): Promise<MedicationRow[]> {
    const queries = medicationQueries(restricted) as SectionQuery<MedicationResource>[];
    const pagers = queries.map((query) => search(query));
    await Promise.all(pagers.map((pager) => pager.loadPage({ signal })));
    const resources = pagers.flatMap((pager, index) =>
      pager.resources.map((resource) => ({ resource, index })),
    );
    const resolve = await resolveReferences(
      source,
      resources.flatMap(({ resource }) => medicationReferences(resource)),
      {
        included: pagers.flatMap((pager) => pager.included),
        signal,
        follow: followRoleToOrganisation,
        withholding,
      },
    );
    const now = this.now ?? new Date();
    const death = patientDeath(patient);
    const rows = resources.map(({ resource, index }, position) =>
      medicationRow(resource, position, {
        resolve,
        now,
        withholding,
        death,
        sortDate: queries[index].dateOf?.(resource),
      }),
    );
    return medicationViews(
      rows.filter((row) => row.line.status !== 'entered-in-error'),
      streamEdges(pagers, queries),
    ).current;
  }

  async #encounters({
    source,
    restricted,
    withholding,
    signal,
    search,
  }: RecordScope): Promise<EncounterEntry[]> {
    const pager = search<Encounter>(encounterQuery(restricted));
    await pager.loadPage({ signal });
    const resolve = await resolveReferences(
      source,
      pager.resources.flatMap((encounter) => encounterReferences(encounter, withholding)),
      {
        included: pager.included,
        signal,
        follow: followRoleToPractitioner,
        withholding,
      },
    );
    return sortEncounterEntries(
      pager.resources.map((encounter) => encounterEntry(encounter, resolve, { restricted, withholding })),
    );
  }

  protected override render(): TemplateResult {
    return html`<div class="base" part="base">
      ${this.renderHeader(msg('Summary'), this.data?.restricted)}
      ${this.renderState(
        { loading: msg('Loading the summary'), error: msg('The summary could not be loaded') },
        (data) => this.#renderCards(data),
      )}
    </div>`;
  }

  #renderCards(data: RecordSummaryData): TemplateResult {
    return html`<div class="cards">
      ${this.#card(msg('Allergies'), data.allergies, (record) => this.#allergyCard(record))}
      ${this.#card(msg('Active problems'), data.problems, (entries) =>
        this.#rows(entries, msg('No active problems are recorded'), (entry) => [
          entry.name,
          entry.significanceLabel,
          entry.verification,
          entry.onset && msg(str`Since ${entry.onset}`),
          entry.recordedBy?.display,
        ]),
      )}
      ${this.#card(msg('Current medicines'), data.medicines, (rows) =>
        this.#rows(rows, msg('No current medicines'), ({ line }) => [
          line.name,
          line.dose,
          line.recordedBy?.display,
        ]),
      )}
      ${this.#card(msg('Latest results'), data.results, (items) =>
        this.#rows(items, msg('No test results are recorded'), (item) => resultWords(item)),
      )}
      ${this.#card(msg('Last encounters'), data.encounters, (entries) =>
        this.#rows(entries, msg('No encounters are recorded'), (entry) => [
          `${entry.display} ${entry.type ?? entry.classLabel}`,
          entry.reason,
          entry.organisation?.display,
        ]),
      )}
    </div>`;
  }

  #card<T>(title: string, card: Card<T>, content: (value: T) => TemplateResult): TemplateResult {
    return html`<section class="card" part="card">
      <div class="card__title" role="heading" aria-level=${this.headingLevelAt(1)}>${title}</div>
      ${'value' in card ? content(card.value) : html`<p class="card__error" role="alert">${errorText(card.error)}</p>`}
    </section>`;
  }

  #allergyCard(record: AllergyRecord): TemplateResult {
    const shown = record.active.slice(0, SHOWN);
    return html`<p class="card__status">${allergyStatusLabel(record.status)}</p>
      ${this.#rows(shown, '', (entry) => [
        entry.highCriticality ? msg(str`${entry.substance} (high criticality)`) : entry.substance,
        entry.reactions.map((reaction) => reaction.manifestation).join(', ') || undefined,
        entry.recordedBy?.display,
      ])}
      ${this.#more(record.active.length)}`;
  }

  /** Up to `SHOWN` rows, each its main words and what qualifies them; the empty message when there are none. */
  #rows<T>(items: readonly T[], empty: string, words: (item: T) => (string | undefined)[]): TemplateResult {
    if (items.length === 0) return empty ? html`<p class="card__empty">${empty}</p>` : html``;
    return html`<ul class="card__list">
        ${items.slice(0, SHOWN).map((item) => {
          const [main, ...rest] = words(item);
          return html`<li>
            <span class="card__main">${main}</span>
            <!-- A space between the parts: they read as separate phrases without the layout. -->
            ${rest.filter(Boolean).map((part) => html` <span class="card__detail">${part}</span>`)}
          </li>`;
        })}
      </ul>
      ${this.#more(items.length)}`;
  }

  #more(count: number): TemplateResult | typeof nothing {
    return count > SHOWN
      ? html`<p class="card__more">${msg(str`and ${formatCount(count - SHOWN)} more`)}</p>`
      : nothing;
  }
}

/** A result row's words: the test and its value or the report's name, its flag or status, date and performer. */
function resultWords(item: ResultsItem): (string | undefined)[] {
  if (item.kind === 'report') {
    const { report } = item;
    return [
      report.name,
      report.critical ? msg('!! Critical result') : undefined,
      report.status === 'final' ? undefined : report.statusLabel,
      report.date?.display,
      report.performer?.display,
    ];
  }
  const { result } = item;
  return [
    result.value.display ? `${result.name} ${result.value.display}` : result.name,
    result.flag?.label,
    result.status === 'final' ? undefined : result.statusLabel,
    result.date?.display,
    result.performer?.display,
  ];
}
