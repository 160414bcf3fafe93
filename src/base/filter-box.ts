import { css, html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';

/**
 * A list's filter: a labelled search box (part `filter`), and below the toolbar it sits in, a
 * polite status line that says how many match (`renderFilterCount`). The host adds `filterBoxStyles`.
 */
export function renderFilterBox(options: {
  label: string;
  value: string;
  onInput: (value: string) => void;
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
      @input=${(event: InputEvent) => options.onInput((event.target as HTMLInputElement).value)}
    />
  </div>`;
}

/** How many match, announced politely; empty (but present, so it is announced) while nothing is typed. */
export function renderFilterCount(message: string | undefined): TemplateResult {
  return html`<p class="filter__count" role="status" aria-live="polite">${message ?? nothing}</p>`;
}

/** The NHS.UK text input look: 2px border, 44px tall, yellow focus with a dark inner edge. */
export const filterBoxStyles = css`
  .filter {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.5);
    flex: 0 1 20rem;
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
