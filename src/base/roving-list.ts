import { html, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import type { RovingBinding } from './roving-focus.js';

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
      ${virtualize({ items: [...items], keyFunction: (item: T) => item.key, renderItem: row })}
      <li virtualizer-sizer aria-hidden="true"></li>
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
