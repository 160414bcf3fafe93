import { css } from 'lit';

/**
 * The document list's look: one card per document, a superseded one quieter, a preliminary one
 * tagged; the open document in a bordered region above the list. The document's own markup gets
 * a plain reading style, contained (`contain: content`), so nothing in it can lay itself over the
 * element or the page. Container queries stack the details when the element is narrow.
 */
export const documentListStyles = css`
  :host {
    --_accent: var(--care-document-list-accent, var(--_primary));
    container-type: inline-size;
    container-name: care-document-list;
  }

  .base {
    overflow-wrap: anywhere;
  }

  .item--superseded {
    border-left-color: var(--_text-secondary);
  }
  .item--open {
    border-left-width: 8px;
    background: var(--_surface-alt);
  }

  .item__main {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_space) * 0.5) var(--_space);
  }
  .title {
    font-size: 1.125rem;
    font-weight: 700;
    unicode-bidi: isolate;
  }
  .item--superseded .title {
    font-weight: 600;
  }
  .tag {
    display: inline-block;
    padding: 0 calc(var(--_space) * 0.5);
    border: 2px solid currentColor;
    border-radius: var(--_radius);
    font-size: 0.875rem;
    font-weight: 600;
    white-space: nowrap;
  }
  .tag--preliminary {
    color: var(--_text);
    background: var(--_warning-bg, #fff9c4);
  }
  .tag--superseded {
    color: var(--_text-secondary);
    border-style: dashed;
  }
  .tag--open {
    color: var(--_accent);
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
    unicode-bidi: isolate;
  }

  .viewer {
    margin-bottom: calc(var(--_space) * 2);
    padding: calc(var(--_space) * 2);
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .viewer__header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  .viewer__title {
    font-size: 1.25rem;
    font-weight: 700;
    unicode-bidi: isolate;
  }
  .viewer__details {
    margin-bottom: calc(var(--_space) * 2);
  }
  .viewer__loading {
    color: var(--_text-secondary);
  }
  .notice--restricted {
    border-left-color: var(--_text);
    font-weight: 600;
  }

  /* The document itself: a plain reading style, and nothing in it reaches outside its box. */
  .document {
    display: block;
    contain: content;
    overflow: auto;
    max-width: 100%;
    margin: 0 0 calc(var(--_space) * 2);
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    unicode-bidi: isolate;
  }
  .document p,
  .document ul,
  .document ol,
  .document table {
    margin: 0 0 var(--_space);
  }
  .document table {
    border-collapse: collapse;
  }
  .document th,
  .document td {
    padding: calc(var(--_space) * 0.5);
    border: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  /* The document's headings sit below the viewer's in the outline; they all read as one size here. */
  .document :is(h1, h2, h3, h4, h5, h6) {
    margin: calc(var(--_space) * 2) 0 var(--_space);
    font-size: 1.125rem;
    font-weight: 700;
    line-height: 1.4;
  }
  .document :is(h1, h2, h3, h4, h5, h6):first-child {
    margin-top: 0;
  }
  .document img {
    max-width: 100%;
    height: auto;
  }
  .document a {
    color: var(--_primary);
  }
  .document--text {
    font: inherit;
    white-space: pre-wrap;
  }
  .document--pdf {
    width: 100%;
    height: var(--care-document-list-viewer-height, 70vh);
    padding: 0;
  }
  .document-section__title {
    margin: calc(var(--_space) * 2) 0 var(--_space);
    font-size: 1.125rem;
    font-weight: 600;
  }
  .document-section:first-child > .document-section__title {
    margin-top: 0;
  }

  .download,
  .others {
    margin-bottom: var(--_space);
  }
  .download__error {
    margin: var(--_space) 0 0;
    color: var(--_error);
    font-weight: 600;
  }
  .elsewhere {
    color: var(--_primary);
    font-weight: 600;
  }

  @container care-document-list (max-width: 480px) {
    .details {
      flex-direction: column;
    }
  }

  @media (forced-colors: active) {
    .item,
    .tag,
    .viewer,
    .document {
      border-color: CanvasText;
    }
  }
`;
