import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import type { RovingBinding } from '../../base/roving-focus.js';
import { renderGroupedList } from '../../base/roving-list.js';
import { notKnown } from '../../format/strings.js';
import type { ImmunisationEntry, ImmunisationGroup } from '../../model/immunisations.js';
import type { ImmunisationRow } from './immunisation-list.component.js';

type Group = ImmunisationGroup<ImmunisationRow>;

/** A flat list of vaccine headings and immunisations: what a virtualised list renders. */
export type ImmunisationListRow =
  | { kind: 'group'; key: string; group: Group }
  | { kind: 'item'; key: string; item: ImmunisationRow; group: Group };

/** A vaccine given more than once is a group: its heading, then its doses. */
const isGroup = (group: Group) => group.items.length > 1;

/** The rows in order: each group's heading before its doses; a vaccine given once is one row. */
export function immunisationRows(groups: readonly Group[]): ImmunisationListRow[] {
  return groups.flatMap((group): ImmunisationListRow[] => [
    ...(isGroup(group) ? [{ kind: 'group' as const, key: `group:${group.key}`, group }] : []),
    ...group.items.map((item) => ({ kind: 'item' as const, key: item.key, item, group })),
  ]);
}

/** `3 doses`; `2 of 3 given` when some were not given (or it is not known). */
function doseCount(group: Group): string {
  const given = group.items.filter((item) => item.entry.status === 'given').length;
  const all = group.items.length;
  return given === all ? msg(str`${all} doses`) : msg(str`${given} of ${all} given`);
}

const joined = (values: (string | undefined)[]) => {
  const known = [...new Set(values.filter((value): value is string => !!value))];
  return known.length ? known.join('; ') : undefined;
};

/** What is known of it, in the order a clinician checks: why not given, how, which batch, where, who. */
function details(entry: ImmunisationEntry): [string, string][] {
  const rows: [string, string | undefined][] = [
    [msg('Reason not given'), entry.status === 'not-given' ? (entry.statusReason ?? notKnown()) : undefined],
    [msg('Course'), joined(entry.doses.map((dose) => dose.series))],
    [msg('Protects against'), joined(entry.doses.flatMap((dose) => dose.targetDiseases))],
    [msg('Route'), entry.route],
    [msg('Site'), entry.site],
    [msg('Amount'), entry.amount],
    [msg('Batch'), entry.batch],
    [msg('Batch expiry'), entry.expiry?.display],
    [msg('Manufacturer'), entry.manufacturer],
    [msg('Location'), entry.location],
    [msg('Reported from'), entry.reportedFrom],
    // Provenance on every row: the organisation that gave it, or that it is not known.
    [msg('Given by'), entry.givenBy?.display ?? notKnown()],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== undefined);
}

/**
 * One immunisation: the vaccine (unless its group heading says it), the dose, the date and the
 * status word, then the details. `Not given` is a word and a dashed badge, never colour alone.
 */
export function renderImmunisation(item: ImmunisationRow, group: Group, tabStop: boolean): TemplateResult {
  const { entry } = item;
  const grouped = isGroup(group);
  const dose = joined(entry.doses.map((d) => d.label));
  return html`<li
    class="item item--${entry.status}${grouped ? ' item--dose' : ''}"
    part="item"
    data-key=${item.key}
    tabindex=${tabStop ? 0 : -1}
  >
    <div class="item__main">
      ${
        !grouped || entry.vaccine !== group.vaccine
          ? html`<span class=${entry.missing.includes('vaccine') ? 'vaccine vaccine--unknown' : 'vaccine'}
              >${entry.vaccine}</span
            >`
          : nothing
      }
      ${dose ? html`<span class="dose">${dose}</span>` : nothing}
      <span class="date"
        >${entry.date ? html`<time datetime=${entry.date.value}>${entry.dateDisplay}</time>` : entry.dateDisplay}</span
      >
      <span class="status status--${entry.status}">${entry.statusLabel}</span>
      ${entry.subpotent ? html`<span class="tag">${msg('Subpotent dose')}</span>` : nothing}
    </div>
    <dl class="details">
      ${details(entry).map(
        ([term, value]) =>
          html`<div class="details__item">
            <dt>${term}</dt>
            <dd>${value}</dd>
          </div>`,
      )}
    </dl>
  </li>`;
}

export interface ImmunisationListOptions extends RovingBinding<ImmunisationRow> {
  /** Render only the rows in view (long lists). */
  virtual: boolean;
  /** The vaccine headings' level. */
  level: number;
}

/* eslint-disable lit-a11y/no-redundant-role -- role="list" keeps list semantics in Safari, which drops them with list-style: none */
/**
 * The vaccines, newest first: a group (heading and its doses) for a vaccine given more than once, a
 * plain row for one given once (long: heading and immunisation rows in one list rendered in part).
 */
export function renderImmunisationList(
  groups: readonly Group[],
  rows: readonly ImmunisationListRow[],
  options: ImmunisationListOptions,
): TemplateResult {
  const heading = (group: Group) =>
    html`<div class="group__heading">
      <span role="heading" aria-level=${options.level} class="group__name">${group.vaccine}</span>
      <span class="group__count">${doseCount(group)}</span>
    </div>`;
  const item = (row: ImmunisationRow, group: Group) =>
    renderImmunisation(row, group, row === options.tabStop);
  return renderGroupedList({
    ...options,
    label: msg('Immunisations, newest first'),
    rows,
    renderRow: (row) =>
      row.kind === 'group'
        ? html`<li class="group" part="group">${heading(row.group)}</li>`
        : item(row.item, row.group),
    groups: () =>
      repeat(
        groups,
        (group) => group.key,
        (group) =>
          isGroup(group)
            ? html`<li class="group" part="group">
                ${heading(group)}
                <ol class="doses" role="list">
                  ${repeat(
                    group.items,
                    (row) => row.key,
                    (row) => item(row, group),
                  )}
                </ol>
              </li>`
            : item(group.items[0], group),
      ),
  });
}
/* eslint-enable lit-a11y/no-redundant-role */
