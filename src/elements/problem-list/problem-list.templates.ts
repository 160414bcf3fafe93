import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { renderDetails } from '../../base/details.js';
import { renderRovingList, type RovingListOptions } from '../../base/roving-list.js';
import { notKnown } from '../../format/strings.js';
import type { PatientDeath } from '../../model/death.js';
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

// --- Words ---------------------------------------------------------------------------------------

/** A deceased patient's list says so first, and how to read it. */
export const deathMessage = (death: PatientDeath) =>
  death.date
    ? msg(str`Died ${death.date.display}: problems shown as active were active at death.`)
    : msg('This patient has died (date not known): problems shown as active were active at death.');

/** An empty message said while pages are still coming says so. */
export const stillLoading = (message: string, loading: boolean) =>
  loading ? msg(str`${message} (still loading)`) : message;

/** How many of a view's rows the filter matches. */
export function matchMessage(view: ProblemView, matches: number, of: number, loading: boolean): string {
  const message =
    view === 'active'
      ? msg(str`${matches} of ${of} active problems and diagnoses match`)
      : msg(str`${matches} of ${of} past problems and diagnoses match`);
  return stillLoading(message, loading);
}

/** Each view says what is empty; a filter that matches nothing says so differently. */
export function emptyMessage(view: ProblemView, query: string): string {
  if (query) {
    return view === 'active'
      ? msg(str`No active problems or diagnoses match "${query}"`)
      : msg(str`No past problems or diagnoses match "${query}"`);
  }
  return view === 'active' ? msg('No active problems or diagnoses') : msg('No past problems or diagnoses');
}

/** The Problems group of a view with diagnoses but no problem-list item. */
export const problemListEmpty = (view: ProblemView) =>
  view === 'active'
    ? msg('No active problems on the problem list')
    : msg('No past problems on the problem list');
