import { css } from 'lit';

/**
 * The medication list's look: NHS.UK colours, a two-button toggle, one card per medicine. Status
 * is always a word; its colour only repeats it. Container queries (not media queries) stack the
 * toolbar and the details when the element is narrow, so nothing overflows at 320 CSS px.
 */
export const medicationListStyles = css`
  :host {
    --_row-gap: var(--care-medication-list-row-gap, var(--_space));
    --_row-padding: var(
      --care-medication-list-row-padding,
      calc(var(--_space) * 1.5) calc(var(--_space) * 2)
    );
    --_row-bg: var(--care-medication-list-row-background, var(--_surface));
    --_row-border: var(--care-medication-list-row-border-color, var(--_border));
    --_accent: var(--care-medication-list-accent, var(--_primary));
    container-type: inline-size;
    container-name: care-medication-list;
  }

  .base {
    overflow-wrap: anywhere;
  }

  /* --- Toolbar: toggle and filter -------------------------------------------------------------- */
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: space-between;
    gap: calc(var(--_space) * 2);
    margin-bottom: calc(var(--_space) * 2);
  }

  /* --- Rows ------------------------------------------------------------------------------------ */
  .item {
    position: relative;
    cursor: pointer;
    padding: var(--_row-padding);
    border: 1px solid var(--_row-border);
    border-left: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_row-bg);
  }
  .item:hover {
    background: var(--_surface-alt);
  }
  /* The row itself holds focus (one tab stop for the list); NHS.UK focus colours, whole row. */
  .item:focus-visible {
    outline: 3px solid var(--_focus-text);
    outline-offset: 0;
    box-shadow: none;
  }
  .item--completed,
  .item--discontinued,
  .item--ended,
  .item--unknown {
    border-left-color: var(--_text-secondary);
  }

  .item__main {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_space) * 0.5) var(--_space);
  }

  .line {
    flex: 1 1 100%;
    font-size: 1.125rem;
  }
  /* MEDi-001..018: the generic name bold (lower case from the model), brand in upper case. */
  .line__name {
    font-weight: 700;
  }
  .line__name--unknown {
    font-weight: 400;
    font-style: italic;
  }
  /* Server values are bidi-isolated: an RTL drug name cannot swap places with its strength or dose. */
  .line__name,
  .line__attr,
  .line__dose {
    unicode-bidi: isolate;
  }
  .line__dose {
    flex: 1 1 auto;
  }
  .line__dose-label {
    font-weight: 600;
    font-size: 0.875rem;
    letter-spacing: 0.04em;
    color: var(--_text-secondary);
  }
  .item:focus-visible .line__dose-label {
    color: inherit;
  }

  .status {
    display: inline-block;
    padding: 0 calc(var(--_space) * 0.75);
    border: 2px solid currentColor;
    border-radius: var(--_radius);
    font-weight: 600;
    white-space: nowrap;
  }
  .status--started {
    color: var(--care-medication-list-status-started, #007f3b);
  }
  .status--not-started {
    color: var(--care-medication-list-status-not-started, #005eb8);
  }
  .status--suspended {
    color: var(--care-medication-list-status-suspended, #7a4f00);
  }
  .status--completed,
  .status--unknown {
    color: var(--care-medication-list-status-completed, #4c6272);
  }
  .status--discontinued {
    color: var(--care-medication-list-status-discontinued, #d5281b);
  }
  /* The source still says active: its words are longer than a status word. */
  .status--ended {
    color: var(--care-medication-list-status-completed, #4c6272);
    white-space: normal;
  }
  /* GP conventions told apart at a glance (and in words): acute, repeat, repeat dispensing, prescribed elsewhere. */
  .tag {
    display: inline-block;
    padding: 0 calc(var(--_space) * 0.5);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    color: var(--_text);
    font-size: 0.875rem;
    font-weight: 600;
    white-space: nowrap;
  }
  .tag--repeat {
    background: #e8f1fa;
    color: #003087;
  }
  .tag--repeat-dispensing {
    background: #eee8f5;
    color: #330072;
  }
  .tag--elsewhere {
    background: none;
    border: 1px dashed currentColor;
    color: var(--_text-secondary);
  }
  .item__main:focus-visible .status {
    color: inherit;
  }

  @container care-medication-list (max-width: 30em) {
    .toolbar {
      flex-direction: column;
      align-items: stretch;
    }
    .filter {
      flex-basis: auto;
    }
  }

  @media (forced-colors: active) {
    .item,
    .status {
      border-color: CanvasText;
    }
    .item:has(.item__main:focus-visible) {
      outline-color: Highlight;
    }
  }
`;
