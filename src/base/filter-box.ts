import { css, html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';

/**
 * The filter search box of a long list: a label above a text box (NHS.UK input style) that calls
 * `change` as the user types. The list says how many rows match in its own words, in a
 * `p.filter__count` status under it. The host adds `filterBoxStyles`.
 */
export function renderFilterBox(options: {
  /** The label: what the filter matches (`Filter by drug name or brand`). */
  label: string;
  value: string;
  change: (value: string) => void;
}): TemplateResult {
  return html`<div class="filter">
    <label class="filter__label" for="filter">${options.label}</label>
    <input
      id="filter"
      class="filter__input"
      part="filter"
      type="search"
      autocomplete="off"
      spellcheck="false"
      .value=${live(options.value)}
      @input=${(event: InputEvent) => options.change((event.target as HTMLInputElement).value)}
    />
  </div>`;
}

/** The filter box's look, and its match count's; where it sits is the host's. */
export const filterBoxStyles = css`
  .filter {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.5);
    min-width: 0;
  }
  .filter__label {
    font-weight: 600;
  }
  .filter__input {
    font: inherit;
    min-height: 44px;
    width: 100%;
    padding: calc(var(--_space) * 0.5);
    border: 2px solid var(--_text-secondary);
    border-radius: 0;
    background: var(--_surface);
    color: var(--_text);
  }
  .filter__input:focus-visible {
    outline: 4px solid var(--_focus);
    outline-offset: 0;
    background: var(--_surface);
    color: var(--_text);
    box-shadow: inset 0 0 0 2px var(--_focus-text);
  }
  .filter__count {
    margin: 0 0 var(--_space);
    color: var(--_text-secondary);
  }
  .filter__count:empty {
    margin: 0;
  }
`;
