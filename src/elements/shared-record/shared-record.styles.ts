import { css } from 'lit';

/**
 * NHS.UK-style tabs: underlined titles, the open one joined to its panel. In print the banner
 * repeats at the top of every page (a table header group does, in every browser).
 */
export const sharedRecordStyles = css`
  :host {
    display: block;
    --care-section-spacing: 0;
    font-family: var(--_font);
    line-height: 1.5;
    color: var(--_text);
  }
  .print-layout__body > * + * {
    margin-top: calc(var(--_space) * 3);
  }
  .tabs__list {
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--_space) * 0.5);
    border-bottom: 1px solid var(--_border);
  }
  .tabs__tab {
    font: inherit;
    min-height: 44px;
    margin: 0 0 -1px;
    padding: var(--_space) calc(var(--_space) * 2);
    border: 1px solid transparent;
    border-bottom: 0;
    background: var(--_surface-alt);
    color: var(--_primary);
    text-decoration: underline;
    cursor: pointer;
  }
  .tabs__tab[aria-selected='true'] {
    border-color: var(--_border);
    background: var(--_surface);
    color: var(--_text);
    text-decoration: none;
    font-weight: 600;
  }
  .tabs__tab:focus-visible {
    outline: 4px solid transparent;
    background: var(--_focus);
    color: var(--_focus-text);
    box-shadow: inset 0 -4px 0 var(--_focus-text);
  }
  .tabs__panel {
    padding: calc(var(--_space) * 2) 0 0;
  }
  .tabs__panel[hidden] {
    display: none;
  }

  @media print {
    .print-layout {
      display: table;
      width: 100%;
    }
    .print-layout__head {
      display: table-header-group;
    }
    .print-layout__body {
      display: table-row-group;
    }
    .tabs__list {
      display: none;
    }
  }
  @media (forced-colors: active) {
    .tabs__tab[aria-selected='true'] {
      border-color: CanvasText;
    }
  }
`;
