import { css } from 'lit';

/**
 * `<care-encounter-timeline>`: a vertical rail with one marker per encounter, grouped by month.
 * Status is told by a word in a badge and by the badge's shape (dashed for planned, filled for in
 * progress, outlined for finished, struck through for cancelled), never by colour alone.
 */
export const encounterTimelineStyles = css`
  :host {
    --_rail: var(--care-encounter-timeline-rail-color, var(--_border));
    --_rail-width: var(--care-encounter-timeline-rail-width, 4px);
    --_marker-size: var(--care-encounter-timeline-marker-size, 2.25rem);
    --_icon: var(--care-encounter-timeline-icon-color, var(--_primary));
    --_active: var(--care-encounter-timeline-status-active-color, var(--_primary));
    --_group-background: var(--care-encounter-timeline-group-background, var(--_surface));
    --_item-background: var(--care-encounter-timeline-item-background, var(--_surface));
    --_item-hover: var(--care-encounter-timeline-item-hover-background, var(--_surface-alt));

    container-type: inline-size;
  }

  .base {
    display: block;
  }

  .header {
    align-items: baseline;
  }

  /* Filters: one row when there is room, stacked at narrow widths (320 CSS px reflow). */
  .filters {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr));
    gap: var(--_space) calc(var(--_space) * 2);
    align-items: end;
    margin: 0 0 var(--_space);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .filters__legend {
    grid-column: 1 / -1;
    margin: 0;
    font-weight: 600;
  }
  .field {
    display: grid;
    gap: calc(var(--_space) / 4);
    min-width: 0;
  }
  .field label {
    font-weight: 600;
  }
  .field select,
  .field input {
    font: inherit;
    min-height: 40px;
    width: 100%;
    min-width: 0;
    padding: calc(var(--_space) / 2);
    border: 2px solid var(--_text);
    border-radius: 0;
    background: var(--_surface);
    color: var(--_text);
  }
  .field select:focus-visible,
  .field input:focus-visible {
    background: var(--_surface);
    box-shadow: inset 0 0 0 2px var(--_text);
    outline: 3px solid var(--_focus);
    outline-offset: 0;
  }
  .filters .care-button {
    justify-self: start;
  }

  .summary {
    margin: 0 0 var(--_space);
    color: var(--_text-secondary);
  }

  /* Lists: reset the browser's list look; semantics stay. */
  .list,
  .entries {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .group {
    margin: 0 0 calc(var(--_space) * 2);
  }
  .group-heading {
    margin: 0;
    padding: calc(var(--_space) / 2) 0;
    background: var(--_group-background);
    font-size: 1.125rem;
    font-weight: 600;
    line-height: 1.4;
  }
  /* Virtualised rows are positioned by the virtualizer: every row is a full-width block. */
  .list--virtual > li {
    width: 100%;
  }
  .list--virtual > .group {
    margin: 0;
    padding-top: var(--_space);
  }

  /* One entry: the rail with the class icon, then the details. */
  .entry {
    position: relative;
    display: grid;
    grid-template-columns: var(--_marker-size) minmax(0, 1fr);
    gap: calc(var(--_space) * 1.5);
    padding: var(--_space) var(--_space) calc(var(--_space) * 1.5) 0;
    background: var(--_item-background);
    cursor: pointer;
  }
  .entry::before {
    content: '';
    position: absolute;
    top: 0;
    bottom: 0;
    left: calc((var(--_marker-size) - var(--_rail-width)) / 2);
    width: var(--_rail-width);
    background: var(--_rail);
  }
  .entry:hover {
    background: var(--_item-hover);
  }
  .entry:focus-visible {
    outline: 4px solid transparent;
    background: var(--_focus);
    color: var(--_focus-text);
    box-shadow: inset 0 -4px 0 var(--_focus-text);
  }
  .entry__marker {
    position: relative;
    display: grid;
    place-items: center;
    width: var(--_marker-size);
    height: var(--_marker-size);
    border: 2px solid var(--_icon);
    border-radius: 50%;
    background: var(--_surface);
    color: var(--_icon);
  }
  .entry__marker svg {
    width: 60%;
    height: 60%;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .entry__body {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .entry__top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) / 2) var(--_space);
  }
  .entry__when {
    font-weight: 600;
  }
  .entry__stay {
    color: var(--_text-secondary);
  }
  .entry__title {
    margin: calc(var(--_space) / 4) 0 0;
    font-size: 1.0625rem;
  }
  .entry__class {
    font-weight: 600;
  }
  /* Server values are bidi-isolated (dd is isolated in the base styles). */
  .entry__type {
    unicode-bidi: isolate;
  }
  .entry__details {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0 var(--_space);
    margin: calc(var(--_space) / 2) 0 0;
  }
  .entry__details dt {
    color: var(--_text-secondary);
  }
  .entry__details dd {
    margin: 0;
  }
  .entry:focus-visible .entry__details dt,
  .entry:focus-visible .entry__stay {
    color: inherit;
  }

  /* Status: a word in a badge whose shape differs per status. */
  .status {
    display: inline-block;
    padding: 0 0.5em;
    border: 2px solid currentColor;
    border-radius: var(--_radius);
    font-size: 0.875rem;
    font-weight: 600;
    line-height: 1.6;
  }
  .status--planned {
    border-style: dashed;
  }
  .status--in-progress {
    border-color: var(--_active);
    background: var(--_active);
    color: var(--_surface);
  }
  .status--finished {
    border-width: 1px;
    font-weight: 400;
  }
  .status--cancelled {
    border-style: double;
    border-width: 3px;
  }
  .status--other {
    border-style: dotted;
  }
  .entry--planned .entry__marker {
    border-style: dashed;
  }
  .entry--in-progress .entry__marker {
    border-width: 4px;
  }
  .entry--cancelled .entry__title,
  .entry--cancelled .entry__when time {
    text-decoration: line-through;
    text-decoration-thickness: 2px;
  }
  .entry--cancelled .entry__marker {
    border-style: dotted;
  }

  .more {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    margin-top: var(--_space);
  }
  .more .state {
    flex: 1 1 100%;
  }
  .filtered-empty {
    margin-bottom: var(--_space);
  }

  @container (max-width: 30rem) {
    .entry {
      grid-template-columns: calc(var(--_marker-size) * 0.75) minmax(0, 1fr);
      gap: var(--_space);
    }
    .entry__marker {
      width: calc(var(--_marker-size) * 0.75);
      height: calc(var(--_marker-size) * 0.75);
    }
    .entry::before {
      left: calc((var(--_marker-size) * 0.75 - var(--_rail-width)) / 2);
    }
    .entry__details {
      grid-template-columns: minmax(0, 1fr);
    }
    .entry__details dd {
      margin-bottom: calc(var(--_space) / 2);
    }
  }

  @media (forced-colors: active) {
    .entry::before {
      background: CanvasText;
    }
    .entry__marker {
      border-color: CanvasText;
      color: CanvasText;
    }
    .status--in-progress {
      border-color: CanvasText;
      background: CanvasText;
      color: Canvas;
      forced-color-adjust: none;
    }
    .entry:focus-visible {
      outline: 3px solid Highlight;
      outline-offset: -3px;
    }
  }
`;
