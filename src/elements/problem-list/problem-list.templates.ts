import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { renderDetails } from '../../base/details.js';
import { renderRovingList, type RovingListOptions } from '../../base/roving-list.js';
import { notKnown } from '../../format/strings.js';
import type { ProblemEntry, ProblemKind, ProblemView } from '../../model/problems.js';

/**
 * One condition: its name with what must not be missed beside it (major or minor, status, not
 * confirmed, the category of an unclassified one), then onset, end, severity, site, the date
 * recorded, the encounter it came from and who recorded it.
 */
export function renderProblem(entry: ProblemEntry, tabStop: boolean): TemplateResult {
  const classes = ['item', `item--${entry.view}`, entry.significance ? `item--${entry.significance}` : ''];
  return html`<li class=${classes.join(' ')} part="item" data-key=${entry.key} tabindex=${tabStop ? 0 : -1}>
    <div class="item__main">
      <strong class=${entry.nameKnown ? 'name' : 'name name--unknown'}>${entry.name}</strong>
      ${
        entry.significanceLabel
          ? html`<span class="tag tag--${entry.significance}">${entry.significanceLabel}</span>`
          : nothing
      }
      <span class="status status--${entry.status}">${entry.statusLabel}</span>
      ${entry.verification ? html`<span class="tag tag--unconfirmed">${entry.verification}</span>` : nothing}
      ${entry.categoryLabel ? html`<span class="tag tag--category">${entry.categoryLabel}</span>` : nothing}
    </div>
    ${renderDetails([
      [msg('Onset'), entry.onset ?? notKnown()],
      [msg('End date'), entry.ended],
      [msg('Severity'), entry.severity],
      [msg('Body site'), entry.bodySite],
      [msg('Recorded'), entry.recorded?.display],
      [msg('Encounter'), entry.encounter?.display],
      // Provenance is the organisation; a person's name alone does not say where it was recorded.
      [msg('Recorded by'), entry.recordedBy?.display ?? notKnown()],
    ])}
  </li>`;
}

/** Each group's heading (with its count) and its list's name, per view. */
function groupNames(kind: ProblemKind, view: ProblemView, n: number): { title: string; list: string } {
  const active = view === 'active';
  switch (kind) {
    case 'problem':
      return {
        title: msg(str`Problems (${n})`),
        list: active ? msg('Active problems') : msg('Past problems'),
      };
    case 'diagnosis':
      return {
        title: msg(str`Encounter diagnoses (${n})`),
        list: active ? msg('Active encounter diagnoses') : msg('Past encounter diagnoses'),
      };
    default:
      return {
        title: msg(str`Other conditions (${n})`),
        list: active ? msg('Other active conditions') : msg('Other past conditions'),
      };
  }
}

export interface ProblemGroupOptions extends Omit<RovingListOptions<ProblemEntry>, 'label' | 'renderItem'> {
  kind: ProblemKind;
  view: ProblemView;
  /** Level of the group's heading (one below the element's). */
  level: number;
  /** Shown instead of the list when the group has no rows. */
  empty?: TemplateResult;
}

/** One group of a view: its heading with its count, and its rows as a list with one tab stop. */
export function renderProblemGroup(
  rows: readonly ProblemEntry[],
  options: ProblemGroupOptions,
): TemplateResult {
  const { kind, view, level, empty, ...list } = options;
  const names = groupNames(kind, view, rows.length);
  return html`<section class="group group--${kind}" part="group" aria-labelledby="group-${kind}">
    <div class="group__heading" role="heading" aria-level=${level} id="group-${kind}">${names.title}</div>
    ${
      rows.length === 0 && empty
        ? empty
        : renderRovingList(rows, { ...list, label: names.list, renderItem: renderProblem })
    }
  </section>`;
}
