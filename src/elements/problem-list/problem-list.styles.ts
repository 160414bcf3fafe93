import { css } from 'lit';

/**
 * The problem list's look: one card per condition in groups under their headings, a major problem
 * with a heavy edge and the word `Major`, Past rows quieter, unconfirmed ones dashed. Status and
 * significance are always words; colour and edges only repeat them. Container queries stack the
 * toolbar and the details when the element is narrow.
 */
export const problemListStyles = css`
  :host {
    --_accent: var(--care-problem-list-accent, var(--_primary));
    --_major: var(--care-problem-list-major, #003087);
    --_row-bg: var(--care-problem-list-row-background, var(--_surface));
    --_row-border: var(--care-problem-list-row-border-color, var(--_border));
    container-type: inline-size;
    container-name: care-problem-list;
  }

  .base {
    overflow-wrap: anywhere;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: space-between;
    gap: calc(var(--_space) * 2);
    margin-bottom: calc(var(--_space) * 2);
  }

  .group + .group {
    margin-top: calc(var(--_space) * 3);
  }
  .group__heading {
    margin: 0 0 var(--_space);
    font-size: 1.125rem;
    font-weight: 600;
  }

  /* Virtualised rows are positioned by the virtualizer: every row is a full-width block, spaced by margin. */
  .item {
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    border: 1px solid var(--_row-border);
    border-left: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_row-bg);
    cursor: pointer;
  }
  .item:hover {
    background: var(--_surface-alt);
  }
  /* The row itself holds focus (one tab stop for the group); NHS.UK focus colours, whole row. */
  .item:focus-visible {
    outline: 3px solid var(--_focus-text);
    outline-offset: 0;
  }
  .item--past {
    border-left-color: var(--_text-secondary);
  }
  .item--major {
    border-left: 8px solid var(--_major);
  }

  .item__main {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_space) * 0.5) var(--_space);
  }
  .name {
    font-size: 1.125rem;
    font-weight: 700;
    unicode-bidi: isolate;
  }
  .name--unknown {
    font-weight: 400;
    font-style: italic;
  }
  .status,
  .tag {
    display: inline-block;
    padding: 0 calc(var(--_space) * 0.5);
    border: 2px solid currentColor;
    border-radius: var(--_radius);
    font-size: 0.875rem;
    font-weight: 600;
    white-space: nowrap;
  }
  .status {
    color: var(--_text-secondary);
  }
  .status--recurrence,
  .status--relapse {
    color: var(--_error);
  }
  .tag--major {
    background: var(--_major);
    border-color: var(--_major);
    color: var(--_surface);
  }
  .tag--minor {
    color: var(--_text-secondary);
  }
  .tag--unconfirmed {
    color: var(--_text-secondary);
    border-style: dashed;
  }
  .tag--category {
    border: 1px solid var(--_border);
    background: var(--_surface-alt);
    color: var(--_text);
  }

  @container care-problem-list (max-width: 30em) {
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
    .status,
    .tag {
      border-color: CanvasText;
    }
    .tag--major {
      forced-color-adjust: none;
      background: CanvasText;
      color: Canvas;
    }
  }
`;
