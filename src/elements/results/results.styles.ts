import { css } from 'lit';

/**
 * The results' look: one card per report or result, its values in a compact table; flags in words
 * with a border (critical ones heavier, with `!!`); statuses as outlined tags; a trend as a small
 * chart with its reference range shaded, and its table. Container queries stack the table's cells
 * when the element is narrow.
 */
export const resultsStyles = css`
  :host {
    --_accent: var(--care-results-accent, var(--_primary));
    --_abnormal: var(--care-results-abnormal, #7a4f00);
    --_critical: var(--care-results-critical, var(--_error));
    --_band: var(--care-results-band, #e8f1f8);
    container-type: inline-size;
    container-name: care-results;
  }

  .base {
    overflow-wrap: anywhere;
  }

  .filter {
    max-width: 20rem;
    margin-bottom: var(--_space);
  }

  /* --- Rows ------------------------------------------------------------------------------------ */
  .item--critical {
    border-left: 8px solid var(--_critical);
  }
  .item--cancelled {
    border-left-style: dashed;
    border-left-color: var(--_text-secondary);
  }
  .item--cancelled .name {
    text-decoration: line-through;
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
  .value {
    font-weight: 600;
    unicode-bidi: isolate;
    white-space: nowrap;
  }
  .value--absent {
    font-weight: 400;
    font-style: italic;
    white-space: normal;
  }
  .when {
    margin-left: auto;
    color: var(--_text-secondary);
  }

  /* Flags and statuses: words in an outline, never colour alone. */
  .flag,
  .status {
    display: inline-block;
    padding: 0 calc(var(--_space) * 0.5);
    border: 2px solid currentColor;
    border-radius: var(--_radius);
    font-size: 0.875rem;
    font-weight: 600;
    white-space: nowrap;
  }
  .flag--abnormal {
    color: var(--_abnormal);
  }
  .flag--critical {
    color: var(--_surface);
    background: var(--_critical);
    border-color: var(--_critical);
  }
  .flag--other {
    color: var(--_text);
    border-style: dotted;
  }
  .status {
    color: var(--_text-secondary);
    font-weight: 400;
  }
  .status--preliminary,
  .status--partial,
  .status--registered {
    color: var(--_text);
    border-style: dashed;
    font-weight: 600;
  }
  .status--amended,
  .status--corrected,
  .status--appended {
    color: var(--_text);
    background: var(--_warning-bg, #fff9c4);
    font-weight: 600;
  }
  .status--cancelled {
    color: var(--_text);
    font-weight: 600;
  }

  .details {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.25) calc(var(--_space) * 3);
    margin: var(--_space) 0 0;
  }
  .details__item {
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--_space) * 0.5);
  }
  .details dt {
    color: var(--_text-secondary);
  }
  .details dd {
    margin: 0;
  }
  .note {
    margin: var(--_space) 0 0;
    color: var(--_text-secondary);
  }
  .note--missing {
    color: var(--_text);
    font-weight: 600;
  }

  /* --- A report's results ---------------------------------------------------------------------- */
  .results {
    width: 100%;
    margin-top: var(--_space);
    border-collapse: collapse;
    /* The same columns in every report, so results line up down the list. */
    table-layout: fixed;
  }
  .results thead th:nth-child(1) {
    width: 34%;
  }
  .results thead th:nth-child(2) {
    width: 22%;
  }
  .results thead th:nth-child(3) {
    width: 16%;
  }
  .results thead th:nth-child(5) {
    width: 8.5rem;
  }
  .results th,
  .results td {
    padding: calc(var(--_space) * 0.5);
    border-bottom: 1px solid var(--_border);
    text-align: left;
    vertical-align: baseline;
  }
  .results thead th {
    color: var(--_text-secondary);
    font-weight: 600;
    font-size: 0.875rem;
  }
  .results__name {
    font-weight: 400;
  }
  .results__name--depth-1 {
    padding-left: calc(var(--_space) * 2.5);
  }
  .results__name--depth-2 {
    padding-left: calc(var(--_space) * 4.5);
  }
  .results__name--depth-3 {
    padding-left: calc(var(--_space) * 6.5);
  }
  .results__row--panel .results__name {
    font-weight: 700;
  }
  .results__row--missing td {
    color: var(--_text-secondary);
  }

  .trend-button {
    font: inherit;
    font-weight: 600;
    min-height: 44px;
    min-width: 44px;
    padding: calc(var(--_space) * 0.5) var(--_space);
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_accent);
    cursor: pointer;
    white-space: nowrap;
  }
  .item > .trend-button {
    margin-top: var(--_space);
  }
  .trend-button[aria-expanded='true'] {
    background: var(--_accent);
    color: var(--_surface);
  }
  .trend-button:focus-visible {
    background: var(--_focus);
    color: var(--_focus-text);
    border-color: var(--_focus-text);
  }

  /* --- Trend ----------------------------------------------------------------------------------- */
  .trend {
    margin-top: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: default;
  }
  .trend__title {
    margin: 0 0 calc(var(--_space) * 0.5);
    font-weight: 700;
  }
  .chart {
    display: block;
    width: 100%;
    max-width: 36rem;
    height: auto;
  }
  .chart .band {
    fill: var(--_band);
    stroke: var(--_accent);
    stroke-dasharray: 4 3;
    stroke-width: 1;
  }
  .chart .grid {
    stroke: var(--_border);
    stroke-width: 1;
  }
  .chart .axis {
    fill: var(--_text-secondary);
    font-size: 12px;
  }
  .chart polyline {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 2;
  }
  .chart .line--1 polyline {
    stroke-dasharray: 6 3;
  }
  .marker {
    fill: var(--_accent);
    stroke: var(--_surface);
    stroke-width: 1;
  }
  .marker--flag {
    fill: var(--_text);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--_space) * 2);
    margin: calc(var(--_space) * 0.5) 0;
    padding: 0;
    list-style: none;
    font-size: 0.875rem;
    color: var(--_text-secondary);
  }
  .glyph {
    width: 14px;
    height: 14px;
    vertical-align: -2px;
  }
  .legend__band {
    display: inline-block;
    width: 14px;
    height: 10px;
    border: 1px dashed var(--_accent);
    background: var(--_band);
  }
  /* A long history scrolls inside the trend (a focusable region, so the keyboard can scroll it too). */
  .trend__values {
    max-height: 20rem;
    margin-top: var(--_space);
    overflow-y: auto;
  }
  .trend__table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.875rem;
  }
  .trend__table th,
  .trend__table td {
    padding: calc(var(--_space) * 0.25) calc(var(--_space) * 0.5);
    border-bottom: 1px solid var(--_border);
    text-align: left;
    font-weight: 400;
  }
  .trend__table thead th {
    color: var(--_text-secondary);
    font-weight: 600;
  }

  /* Narrow: each result row stacks its cells. */
  @container care-results (max-width: 480px) {
    .results {
      table-layout: auto;
    }
    .results thead {
      display: none;
    }
    .results tr {
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_space);
      padding: calc(var(--_space) * 0.5) 0;
      border-bottom: 1px solid var(--_border);
    }
    .results th,
    .results td {
      border: 0;
      padding: 0;
    }
    .results__name {
      flex: 1 0 100%;
    }
    .when {
      margin-left: 0;
    }
  }

  @media (forced-colors: active) {
    .item,
    .flag,
    .status,
    .trend-button {
      border-color: CanvasText;
    }
    .flag--critical {
      forced-color-adjust: none;
      background: Mark;
      color: MarkText;
    }
    .chart .band {
      fill: none;
      stroke: CanvasText;
    }
    .chart polyline {
      stroke: CanvasText;
    }
    .marker,
    .marker--flag {
      fill: CanvasText;
    }
  }
`;
