import { css, html, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { RovingBinding } from './roving-focus.js';
import { virtualRows } from './virtualizer.js';

export interface RovingListOptions<T> extends RovingBinding<T> {
  /** Names the list for assistive technology (`Current medications`). */
  label: string;
  /** Render only the rows in view (a long list). */
  virtual?: boolean;
  /** One row: an `<li part="item" data-key=… tabindex=…>`, the tab stop when `tabStop`. */
  renderItem(item: T, tabStop: boolean): TemplateResult;
}

/**
 * A list whose rows are one tab stop (`RovingFocus`). A long one is rendered in part by the
 * virtualizer, in its own list element (the two templates are kept apart: one list element
 * cannot switch between them).
 */
export function renderRovingList<T extends { key: string }>(
  items: readonly T[],
  options: RovingListOptions<T>,
): TemplateResult {
  const row = (item: T) => options.renderItem(item, item === options.tabStop);
  if (options.virtual) {
    return html`<ul
      class="list list--virtual"
      part="list"
      aria-label=${options.label}
      @click=${options.onClick}
      @keydown=${options.onKeydown}
      @rangeChanged=${options.onRangeChanged}
    >
      ${virtualRows(items, (item) => item.key, row)}
    </ul>`;
  }
  return html`<ul
    class="list"
    part="list"
    aria-label=${options.label}
    @click=${options.onClick}
    @keydown=${options.onKeydown}
  >
    ${repeat(items, (item) => item.key, row)}
  </ul>`;
}

/** A list of groups (a month, a vaccine): see `renderGroupedList`. */
export interface GroupedListOptions<R extends { key: string }> extends Omit<
  RovingBinding<unknown>,
  'tabStop'
> {
  label: string;
  /** Render only the rows in view: `rows`, flat, instead of `groups`. */
  virtual: boolean;
  /** Heading and item rows side by side, for the virtualizer. */
  rows: readonly R[];
  renderRow(row: R): TemplateResult;
  /** The groups, each a heading and its own list of items (a plain list). */
  groups(): unknown;
}

/* eslint-disable lit-a11y/no-redundant-role -- role="list" keeps list semantics in Safari, which drops them with list-style: none */
/**
 * A list of groups: plain, each group a row holding its heading and its own list; long, heading and
 * item rows side by side in one flat list the virtualizer renders in part (two templates, so the
 * virtualizer goes with its own list element).
 */
export function renderGroupedList<R extends { key: string }>(options: GroupedListOptions<R>): TemplateResult {
  if (options.virtual) {
    return html`<ol
      class="list list--virtual"
      part="list"
      role="list"
      aria-label=${options.label}
      @click=${options.onClick}
      @keydown=${options.onKeydown}
      @rangeChanged=${options.onRangeChanged}
    >
      ${virtualRows(options.rows, (row) => row.key, options.renderRow)}
    </ol>`;
  }
  return html`<ol
    class="list"
    part="list"
    role="list"
    aria-label=${options.label}
    @click=${options.onClick}
    @keydown=${options.onKeydown}
  >
    ${options.groups()}
  </ol>`;
}
/* eslint-enable lit-a11y/no-redundant-role */

/**
 * The list element of `renderRovingList` and `renderGroupedList`: the browser's list look reset (its semantics stay), rows
 * `--_row-gap` apart (default `--_space`); rendered in part, every row a full-width block spaced by
 * margin, as the virtualizer positions it.
 */
export const listStyles = css`
  .list {
    display: grid;
    gap: var(--_row-gap, var(--_space));
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .list--virtual {
    display: block;
  }
  .list--virtual > li {
    width: 100%;
    margin-bottom: var(--_row-gap, var(--_space));
  }
`;

/**
 * The rows of a list of cards: each an NHS.UK-style card with its element's `--_accent` edge, the
 * whole row the focus target. The host adds it before its own styles, which may refine `.item`.
 */
export const rovingListStyles = css`
  ${listStyles}
  .item {
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
  }
  .item:hover {
    background: var(--_surface-alt);
  }
  .item:focus-visible {
    outline: 3px solid var(--_focus-text);
    outline-offset: 0;
  }
`;
