import { css } from 'lit';

/**
 * `<care-immunisation-list>`: one card per immunisation, the doses of a vaccine given more than
 * once under its heading. Status is always a word; `Not given` also has a dashed badge and a
 * dashed edge, so it never depends on colour. Container queries stack the details when narrow.
 */
export const immunisationListStyles = css`
  :host {
    --_row-gap: var(--care-immunisation-list-row-gap, var(--_space));
    --_row-padding: var(
      --care-immunisation-list-row-padding,
      calc(var(--_space) * 1.5) calc(var(--_space) * 2)
    );
    --_row-bg: var(--care-immunisation-list-row-background, var(--_surface));
    --_row-border: var(--care-immunisation-list-row-border-color, var(--_border));
    --_accent: var(--care-immunisation-list-accent, var(--_primary));
    --_given: var(--care-immunisation-list-status-given, #007f3b);
    --_not-given: var(--care-immunisation-list-status-not-given, var(--_error));
    --_group-bg: var(--care-immunisation-list-group-background, var(--_surface-alt));
    container-type: inline-size;
    container-name: care-immunisation-list;
  }

  .base {
    display: block;
    overflow-wrap: anywhere;
  }

  /* A vaccine's doses: its own list, laid out as the list (listStyles). */
  .doses {
    display: grid;
    gap: var(--_row-gap);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .group {
    display: grid;
    gap: var(--_row-gap);
  }
  .group__heading {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 var(--_space);
    padding: var(--_space) calc(var(--_space) * 2);
    border-left: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_group-bg);
  }
  .group__name {
    font-size: 1.125rem;
    font-weight: 700;
    unicode-bidi: isolate;
  }
  .group__count {
    color: var(--_text-secondary);
  }
  /* The doses sit under their vaccine. */
  .doses {
    padding-left: calc(var(--_space) * 2);
  }
  .list--virtual > .item--dose {
    margin-left: calc(var(--_space) * 2);
    width: calc(100% - var(--_space) * 2);
  }

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
  .item--not-given {
    border-left-style: dashed;
    border-left-color: var(--_not-given);
  }
  .item--unknown {
    border-left-color: var(--_text-secondary);
  }

  .item__main {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_space) * 0.5) var(--_space);
  }
  .vaccine {
    flex: 1 1 100%;
    font-size: 1.125rem;
    font-weight: 700;
  }
  .vaccine--unknown {
    font-weight: 400;
    font-style: italic;
  }
  .dose {
    font-weight: 600;
  }
  /* Server values are bidi-isolated: a right-to-left name cannot swap places with the dose or date. */
  .vaccine,
  .dose,
  .date {
    unicode-bidi: isolate;
  }

  .status {
    display: inline-block;
    padding: 0 calc(var(--_space) * 0.75);
    border: 2px solid currentColor;
    border-radius: var(--_radius);
    font-weight: 600;
    white-space: nowrap;
  }
  .status--given {
    color: var(--_given);
  }
  .status--not-given {
    border-style: dashed;
    color: var(--_not-given);
  }
  .status--unknown {
    color: var(--_text-secondary);
  }
  .item:focus-visible .status {
    color: inherit;
  }
  .tag {
    display: inline-block;
    padding: 0 calc(var(--_space) * 0.5);
    border: 1px dashed currentColor;
    border-radius: var(--_radius);
    color: var(--_text-secondary);
    font-size: 0.875rem;
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
    font-weight: 600;
  }

  @container care-immunisation-list (max-width: 30em) {
    .details {
      flex-direction: column;
    }
    .doses {
      padding-left: 0;
    }
    .list--virtual > .item--dose {
      margin-left: 0;
      width: 100%;
    }
  }

  @media (forced-colors: active) {
    .item,
    .status,
    .group__heading {
      border-color: CanvasText;
    }
  }
`;
