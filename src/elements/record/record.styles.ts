import { css } from 'lit';
import { stateStyles, tokenStyles } from '../../base/styles.js';

/**
 * `<care-record>` gives what is inside it no look of its own (its text styles would reach the
 * host page's content in the slot); only its one message has the elements' look.
 */
export const recordStyles = [
  tokenStyles,
  stateStyles,
  css`
    :host {
      display: block;
    }
    :host([hidden]),
    slot[hidden] {
      display: none;
    }
    [part~='error'] {
      margin-block-end: var(--care-section-spacing, 24px);
      font-family: var(--_font);
      font-size: var(--care-font-size, 1rem);
      line-height: 1.5;
      color: var(--_text);
    }
  `,
];
