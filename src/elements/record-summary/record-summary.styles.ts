import { css } from 'lit';

/** Cards in a grid that reflows by the element's own width (container query), one column when narrow. */
export const recordSummaryStyles = css`
  :host {
    container-type: inline-size;
    container-name: care-record-summary;
  }
  .cards {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_space) * 2);
  }
  @container care-record-summary (min-width: 720px) {
    .cards {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
  }
  .card {
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-top: 4px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_surface);
    overflow-wrap: anywhere;
  }
  .card__title {
    margin: 0 0 var(--_space);
    font-size: 1.125rem;
    font-weight: 700;
  }
  .card__status {
    margin: 0 0 var(--_space);
    font-weight: 600;
  }
  .card__list {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .card__list li {
    display: grid;
  }
  .card__main {
    font-weight: 600;
    unicode-bidi: isolate;
  }
  .card__detail {
    color: var(--_text-secondary);
    unicode-bidi: isolate;
  }
  .card__empty,
  .card__more,
  .card__error {
    margin: var(--_space) 0 0;
    color: var(--_text-secondary);
  }
  .card__error {
    color: var(--_error);
  }
`;
