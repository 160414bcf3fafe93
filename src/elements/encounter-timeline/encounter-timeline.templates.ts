import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import type { RovingBinding } from '../../base/roving-focus.js';
import { renderGroupedList } from '../../base/roving-list.js';
import { formatCount as count } from '../../format/quantity.js';
import type { EncounterClass } from '../../model/encounters.js';
import {
  NO_ORGANISATION,
  type TimelineFilters,
  type TimelineItem,
  type TimelineView,
} from '../../model/timeline.js';

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

/** One encounter: when, how long, status, class and type, then what is known of it. */
export function renderEntry(item: TimelineItem, tabStop: boolean): TemplateResult {
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
    tabindex=${tabStop ? 0 : -1}
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

/** The filters: type of care, organisation, the date range (`dates`), and Clear when any is set. */
export function renderFilters(
  view: TimelineView<TimelineItem>,
  filters: TimelineFilters,
  change: (name: 'type' | 'organisation', value: string) => void,
  clear: () => void,
  dates: TemplateResult,
): TemplateResult {
  const on = (name: 'type' | 'organisation') => (event: Event) =>
    change(name, (event.target as HTMLSelectElement).value);
  const filtered = Object.values(filters).some(Boolean);
  return html`<div class="filters" part="filters" role="group" aria-labelledby="filters-legend">
    <p class="filters__legend" id="filters-legend">${msg('Filter loaded encounters')}</p>
    <div class="field">
      <label for="filter-class">${msg('Type of care')}</label>
      <select id="filter-class" .value=${filters.type} @change=${on('type')}>
        <option value="" ?selected=${filters.type === ''}>${msg('All')}</option>
        ${view.classes.map(
          (c) =>
            html`<option value=${c} ?selected=${filters.type === c}>
              ${view.all.find((item) => item.entry.class === c)?.entry.classLabel ?? c}
            </option>`,
        )}
      </select>
    </div>
    <div class="field">
      <label for="filter-organisation">${msg('Organisation')}</label>
      <select id="filter-organisation" .value=${filters.organisation} @change=${on('organisation')}>
        <option value="" ?selected=${filters.organisation === ''}>${msg('All')}</option>
        ${view.organisations.map(
          (o) => html`<option value=${o} ?selected=${filters.organisation === o}>${o}</option>`,
        )}
        ${
          view.hasUnknownOrganisation
            ? html`<option value=${NO_ORGANISATION} ?selected=${filters.organisation === NO_ORGANISATION}>
                ${msg('Organisation not known')}
              </option>`
            : nothing
        }
      </select>
    </div>
    ${dates}
    ${
      filtered
        ? html`<button class="care-button" type="button" @click=${clear}>${msg('Clear filters')}</button>`
        : nothing
    }
  </div>`;
}

/** "Showing 350 of 5,000 encounters", or with filters "12 of 350 loaded encounters match the filters". */
export function timelineSummary(
  view: TimelineView<TimelineItem>,
  { filtered, streaming, total }: { filtered: boolean; streaming: boolean; total?: number },
): string {
  const loaded = view.all.length;
  if (filtered) {
    const matching = count(view.entries.length);
    return streaming
      ? msg(str`${matching} of ${count(loaded)} loaded encounters match the filters (still loading)`)
      : msg(str`${matching} of ${count(loaded)} loaded encounters match the filters`);
  }
  if (total !== undefined && total > loaded)
    return msg(str`Showing ${count(loaded)} of ${count(total)} encounters`);
  return loaded === 1 ? msg('Showing 1 encounter') : msg(str`Showing ${count(loaded)} encounters`);
}

export interface TimelineListOptions<T extends TimelineItem> extends RovingBinding<T> {
  /** Render only the rows in view (long lists). */
  virtual: boolean;
  /** The month headings' level. */
  level: number;
}

/* eslint-disable lit-a11y/no-redundant-role -- role="list" keeps list semantics in Safari, which drops them with list-style: none */
/** The entries in month groups (long: heading and entry rows in one list rendered in part). */
export function renderTimelineList<T extends TimelineItem>(
  view: TimelineView<T>,
  options: TimelineListOptions<T>,
): TemplateResult {
  const heading = (label: string) =>
    html`<div class="group-heading" role="heading" aria-level=${options.level}>${label}</div>`;
  const entry = (item: T) => renderEntry(item, item === options.tabStop);
  return renderGroupedList({
    ...options,
    label: msg('Encounters, newest first'),
    rows: view.rows,
    renderRow: (row) =>
      row.kind === 'group'
        ? html`<li class="group" part="group">${heading(row.group.label)}</li>`
        : entry(row.item),
    groups: () =>
      repeat(
        view.groups,
        (group) => group.key,
        (group) =>
          html`<li class="group" part="group">
            ${heading(group.label)}
            <ol class="entries" role="list">
              ${repeat(group.items, (item) => item.key, entry)}
            </ol>
          </li>`,
      ),
  });
}
/* eslint-enable lit-a11y/no-redundant-role */
