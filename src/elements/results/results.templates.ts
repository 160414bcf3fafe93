import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { RovingBinding } from '../../base/roving-focus.js';
import { renderRovingList } from '../../base/roving-list.js';
import { notKnown } from '../../format/strings.js';
import type { ReportEntry, ResultComponent, ResultEntry, ResultsItem } from '../../model/results.js';
import type { TrendIndex } from '../../model/trends.js';
import { renderFlag, renderStatus } from './result-status.js';
import { renderTrend } from './trend-chart.js';

export interface ResultsListOptions extends RovingBinding<ResultsItem> {
  /** Render only the rows in view (long lists). */
  virtual: boolean;
  label: string;
  trends: TrendIndex;
  openTrends: ReadonlySet<string>;
  toggleTrend(item: ResultsItem, result: ResultEntry): void;
}

/** What one row needs beyond its item. */
interface RowContext extends ResultsListOptions {
  item: ResultsItem;
  /** The row holds the list's tab stop: its buttons are in the tab order, the other rows' are not. */
  active: boolean;
}

/** An id for a result's trend panel (keys are unique in the list). */
const trendId = (result: ResultEntry) => `trend-${result.key}`;

/** A result's Trend button, when its test was done more than once. */
function renderTrendButton(result: ResultEntry, context: RowContext): TemplateResult | typeof nothing {
  const count = context.trends.countOf(result);
  if (count < 2) return nothing;
  const open = context.openTrends.has(result.key);
  return html`<button
    type="button"
    class="trend-button"
    aria-expanded=${open ? 'true' : 'false'}
    aria-controls=${trendId(result)}
    tabindex=${context.active ? 0 : -1}
    @click=${() => context.toggleTrend(context.item, result)}
  >
    ${msg(str`Trend (${count})`)}<span class="visually-hidden">: ${result.name}</span>
  </button>`;
}

function renderOpenTrend(result: ResultEntry, context: RowContext): TemplateResult | typeof nothing {
  if (!context.openTrends.has(result.key)) return nothing;
  const trend = context.trends.of(result);
  return trend ? renderTrend(trend, trendId(result)) : nothing;
}

/** A value with what is to be said beside it: `<5 mg/L`, `No result: …` in a quieter voice. */
const renderValue = (value: { display: string; absent?: boolean }) =>
  html`<span class=${value.absent ? 'value value--absent' : 'value'}>${value.display}</span>`;

function componentRows(components: readonly ResultComponent[], depth: number): TemplateResult[] {
  return components.map(
    (component) =>
      html`<tr class="results__row results__row--component">
        <th scope="row" class="results__name results__name--depth-${Math.min(depth + 1, 3)}">
          ${component.name}
        </th>
        <td>${renderValue(component.value)}</td>
        <td>${renderFlag(component.flag)}</td>
        <td>${component.range?.display ?? nothing}</td>
        <td></td>
      </tr>`,
  );
}

/** A result in a report's table, its components and members under it, and its trend when open. */
function resultRows(result: ResultEntry, context: RowContext, depth = 0): TemplateResult[] {
  const panel = result.members.length > 0 && result.value.display === '';
  const rows = [
    html`<tr class=${panel ? 'results__row results__row--panel' : 'results__row'}>
      <th scope="row" class="results__name results__name--depth-${Math.min(depth, 3)}">
        ${result.name}
        ${result.status !== 'final' ? html` ${renderStatus(result.status, result.statusLabel)}` : nothing}
      </th>
      <td>${panel ? nothing : renderValue(result.value)}</td>
      <td>${renderFlag(result.flag)}</td>
      <td>${result.range?.display ?? nothing}</td>
      <td>${renderTrendButton(result, context)}</td>
    </tr>`,
    ...(context.openTrends.has(result.key)
      ? [
          html`<tr class="results__trend">
            <td colspan="5">${renderOpenTrend(result, context)}</td>
          </tr>`,
        ]
      : []),
    ...componentRows(result.components, depth),
    ...result.members.flatMap((member) => resultRows(member, context, depth + 1)),
  ];
  if (result.missingMembers > 0) {
    rows.push(
      html`<tr class="results__row results__row--missing">
        <td colspan="5">
          ${
            result.missingMembers === 1
              ? msg('One result of this panel could not be found.')
              : msg(str`${result.missingMembers} results of this panel could not be found.`)
          }
        </td>
      </tr>`,
    );
  }
  return rows;
}

const detail = (term: string, value: string | undefined) =>
  value === undefined
    ? nothing
    : html`<div class="details__item">
        <dt>${term}</dt>
        <dd>${value}</dd>
      </div>`;

/** When: the effective date and time, or `Not known`. */
const renderWhen = (date: { value: string; display: string } | undefined) =>
  date
    ? html`<time class="when" datetime=${date.value}>${date.display}</time>`
    : html`<span class="when">${notKnown()}</span>`;

function renderReport(report: ReportEntry, context: RowContext): TemplateResult {
  const issued =
    report.issued && report.issued.display !== report.date?.display ? report.issued.display : undefined;
  return html`
    <div class="item__main">
      <strong class="name">${report.name}</strong>
      ${renderStatus(report.status, report.statusLabel)}
      ${report.critical ? renderFlag({ code: 'critical', label: msg('Critical result'), level: 'critical' }) : nothing}
      ${renderWhen(report.date)}
    </div>
    <dl class="details">
      ${detail(msg('Category'), report.category)} ${detail(msg('Issued'), issued)}
      ${detail(msg('Performed by'), report.performer?.display ?? notKnown())}
    </dl>
    ${
      report.results.length > 0
        ? html`<table class="results">
            <caption class="visually-hidden">
              ${msg(str`Results of ${report.name}`)}
            </caption>
            <thead>
              <tr>
                <th scope="col">${msg('Test')}</th>
                <th scope="col">${msg('Result')}</th>
                <th scope="col">${msg('Flag')}</th>
                <th scope="col">${msg('Reference range')}</th>
                <th scope="col"><span class="visually-hidden">${msg('Trend')}</span></th>
              </tr>
            </thead>
            <tbody>
              ${report.results.flatMap((result) => resultRows(result, context))}
            </tbody>
          </table>`
        : report.status === 'cancelled'
          ? nothing
          : html`<p class="note">${msg('No results are attached to this report.')}</p>`
    }
    ${
      report.missingResults > 0
        ? html`<p class="note note--missing">
            ${
              report.missingResults === 1
                ? msg('One result named by this report could not be found.')
                : msg(str`${report.missingResults} results named by this report could not be found.`)
            }
          </p>`
        : nothing
    }
    ${report.conclusion ? html`<dl class="details details--conclusion">${detail(msg('Conclusion'), report.conclusion)}</dl>` : nothing}
  `;
}

function renderObservation(result: ResultEntry, context: RowContext): TemplateResult {
  const panel = result.members.length > 0 && result.value.display === '';
  return html`
    <div class="item__main">
      <strong class="name">${result.name}</strong>
      ${panel ? nothing : renderValue(result.value)} ${renderFlag(result.flag)}
      ${renderStatus(result.status, result.statusLabel)} ${renderWhen(result.date)}
    </div>
    ${
      result.components.length > 0 || panel
        ? html`<table class="results">
            <caption class="visually-hidden">
              ${msg(str`Parts of ${result.name}`)}
            </caption>
            <thead>
              <tr>
                <th scope="col">${msg('Test')}</th>
                <th scope="col">${msg('Result')}</th>
                <th scope="col">${msg('Flag')}</th>
                <th scope="col">${msg('Reference range')}</th>
                <th scope="col"><span class="visually-hidden">${msg('Trend')}</span></th>
              </tr>
            </thead>
            <tbody>
              ${componentRows(result.components, -1)}
              ${result.members.flatMap((member) => resultRows(member, context))}
            </tbody>
          </table>`
        : nothing
    }
    <dl class="details">
      ${detail(msg('Reference range'), result.range?.display)} ${detail(msg('Category'), result.category)}
      ${detail(msg('Performed by'), result.performer?.display ?? notKnown())}
      ${detail(msg('Note'), result.note)}
    </dl>
    ${renderTrendButton(result, context)} ${renderOpenTrend(result, context)}
  `;
}

function renderItem(item: ResultsItem, options: ResultsListOptions, active: boolean): TemplateResult {
  const context: RowContext = { ...options, item, active };
  const critical = item.kind === 'report' ? item.report.critical : item.result.flag?.level === 'critical';
  const status = item.kind === 'report' ? item.report.status : item.result.status;
  const classes = ['item', `item--${item.kind}`, `item--${status}`, critical ? 'item--critical' : ''].join(
    ' ',
  );
  return html`<li class=${classes} part="item" data-key=${item.key} tabindex=${active ? 0 : -1}>
    ${item.kind === 'report' ? renderReport(item.report, context) : renderObservation(item.result, context)}
  </li>`;
}

/** The list; a long one rendered in part by the virtualizer. */
export function renderResultsList(items: ResultsItem[], options: ResultsListOptions): TemplateResult {
  return renderRovingList(items, {
    ...options,
    renderItem: (item, tabStop) => renderItem(item, options, tabStop),
  });
}
