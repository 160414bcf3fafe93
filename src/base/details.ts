import { css, html, type TemplateResult } from 'lit';

/** One detail of a row: its term and value; a detail with no value is left out. */
export type Detail = readonly [term: string, value: string | undefined];

/**
 * A row's details as a description list (`Start date 01-Mar-2024  Recorded by …`): terms in the
 * secondary colour, values bold, wrapping as space allows. The host adds `detailsStyles`.
 */
export function renderDetails(details: readonly Detail[]): TemplateResult {
  return html`<dl class="details">
    ${details
      .filter((detail): detail is readonly [string, string] => detail[1] !== undefined)
      .map(
        ([term, value]) =>
          html`<div class="details__item">
            <dt>${term}</dt>
            <dd>${value}</dd>
          </div>`,
      )}
  </dl>`;
}

export const detailsStyles = css`
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
    unicode-bidi: isolate;
  }
  /* Narrow: one detail a line. */
  @container (max-width: 30em) {
    .details {
      flex-direction: column;
    }
  }
`;
