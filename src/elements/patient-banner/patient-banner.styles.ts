import { css } from 'lit';

/**
 * The banner's look: NHS.UK colours, zone 1 always visible, zone 2 behind one button. Container
 * queries (not media queries) decide the layout, so a banner in a narrow side panel stacks its
 * items even on a wide screen, and nothing overflows at 320 CSS px.
 */
export const bannerStyles = css`
  :host {
    --_banner-bg: var(--care-patient-banner-background, var(--_surface-alt));
    --_banner-text: var(--care-patient-banner-color, var(--_text));
    --_banner-border: var(--care-patient-banner-border-color, var(--_border));
    --_deceased-bg: var(--care-patient-banner-deceased-background, #d8dde0);
    --_deceased-stripe: var(--care-patient-banner-deceased-stripe, rgba(33, 43, 50, 0.14));
    --_flag-bg: var(--care-patient-banner-flag-background, #fff9c4);
    --_zone2-bg: var(--care-patient-banner-zone2-background, var(--_surface));
    container-type: inline-size;
    container-name: care-banner;
  }

  .banner {
    border: 1px solid var(--_banner-border);
    border-radius: var(--_radius);
    background: var(--_zone2-bg);
    color: var(--_banner-text);
    overflow-wrap: anywhere;
  }

  /* --- Zone 1 ---------------------------------------------------------------------------------- */
  .zone1 {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: var(--_space) calc(var(--_space) * 3);
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: var(--_banner-bg);
  }
  /* PAB-0055: deceased differs in colour AND pattern (and says so in words). */
  .zone1--deceased {
    background-color: var(--_deceased-bg);
    background-image: repeating-linear-gradient(
      135deg,
      var(--_deceased-stripe) 0,
      var(--_deceased-stripe) 2px,
      transparent 2px,
      transparent 10px
    );
  }

  .identity {
    flex: 1 1 16rem;
    min-width: 0;
  }
  /* PAB-0049..0053: the name is never truncated; it wraps. */
  .name {
    margin: 0;
    font-size: 1.375rem;
    font-weight: 700;
    line-height: 1.3;
    white-space: normal;
    overflow-wrap: anywhere;
    unicode-bidi: isolate;
  }
  .name--unknown {
    font-weight: 400;
  }
  .preferred {
    margin: 0;
    color: var(--_text-secondary);
  }
  .markers {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    margin-top: calc(var(--_space) / 2);
  }
  .marker {
    display: inline-flex;
    align-items: center;
    padding: 0 0.5em;
    border: 2px solid currentColor;
    border-radius: var(--_radius);
    background: var(--_surface);
    font-weight: 600;
  }

  .demographics {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space) calc(var(--_space) * 3);
    margin: 0;
  }
  /* Deceased: date of death and age at death sit below the date of birth. */
  .demographics--deceased {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, auto));
    justify-content: start;
  }
  .demographics--deceased .item--born {
    grid-area: 1 / 1;
  }
  .demographics--deceased .item--died {
    grid-area: 2 / 1;
  }
  .demographics--deceased .item--age-at-death {
    grid-area: 3 / 1;
  }
  .demographics--deceased .item--gender {
    grid-area: 1 / 2;
  }
  .demographics--deceased .item--nhs {
    grid-area: 1 / 3;
  }
  .item {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    column-gap: 0.4em;
    min-width: 0;
  }
  /* PAB-0033..0046: labels quieter than values, and no colons. */
  dt,
  .label {
    color: var(--_text-secondary);
    font-weight: 400;
  }
  dd {
    margin: 0;
    font-weight: 700;
  }
  .unknown {
    font-weight: 400;
    font-style: italic;
  }
  .age {
    font-weight: 400;
  }
  .notification {
    display: block;
    max-width: 22rem;
    font-weight: 400;
    font-size: 0.875rem;
  }

  /* NUM-0001..0003: one line, copyable. */
  .nhs {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) / 2);
  }
  .nhs-number {
    unicode-bidi: isolate;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
    user-select: all;
  }
  .flag {
    display: inline-block;
    padding: 0 0.4em;
    border: 2px solid var(--_text);
    border-left-width: 6px;
    border-left-color: var(--_error);
    border-radius: var(--_radius);
    background: var(--_flag-bg);
    color: var(--_text);
    font-size: 0.875rem;
    font-weight: 600;
  }
  .flag__icon {
    font-weight: 700;
  }

  button.copy,
  button.toggle {
    font: inherit;
    color: var(--_primary);
    cursor: pointer;
  }
  button.copy {
    min-height: 24px;
    min-width: 24px;
    padding: 0 0.5em;
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_surface);
    font-size: 0.875rem;
    font-weight: 600;
  }
  button.copy:hover {
    text-decoration: underline;
  }
  .copy-status {
    font-size: 0.875rem;
    font-weight: 400;
  }

  /* --- Toggle and zone 2 ------------------------------------------------------------------------ */
  button.toggle {
    display: flex;
    align-items: center;
    gap: 0.5em;
    width: 100%;
    min-height: 44px;
    padding: calc(var(--_space) / 2) calc(var(--_space) * 2);
    border: 0;
    border-top: 1px solid var(--_banner-border);
    background: var(--_surface);
    font-weight: 600;
    text-align: start;
  }
  button.toggle:hover .toggle__text {
    text-decoration: underline;
  }
  .chevron {
    display: inline-block;
    width: 0.6em;
    height: 0.6em;
    border-right: 2px solid currentColor;
    border-bottom: 2px solid currentColor;
    transform: rotate(45deg);
    margin-top: -0.25em;
    transition: transform 0.15s ease-in-out;
  }
  button.toggle[aria-expanded='true'] .chevron {
    transform: rotate(-135deg);
    margin-top: 0.25em;
  }
  @media (prefers-reduced-motion: reduce) {
    .chevron {
      transition: none;
    }
  }

  .zone2 {
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    border-top: 1px solid var(--_banner-border);
    background: var(--_zone2-bg);
  }
  .zone2[hidden] {
    display: none;
  }
  .details {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
    gap: calc(var(--_space) * 2);
    margin: 0;
  }
  .details .item {
    flex-direction: column;
    align-items: flex-start;
  }
  .details dd {
    font-weight: 600;
  }
  /* Server values (dd is isolated in the base styles). */
  .address-line,
  .flag__detail {
    unicode-bidi: isolate;
  }
  .address-line {
    display: block;
  }
  .contacts {
    display: grid;
    gap: calc(var(--_space) / 4);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .contacts .label {
    margin-right: 0.4em;
  }
  .note {
    display: block;
    font-weight: 400;
    font-size: 0.875rem;
    color: var(--_text-secondary);
  }
  .restricted-note {
    margin: 0 0 var(--_space);
  }
  .allergy--known {
    display: inline-block;
    padding: 0 0.4em;
    border-left: 6px solid var(--_error);
    background: var(--_flag-bg);
  }

  /* --- Narrow containers: zone 1 items stack ---------------------------------------------------- */
  @container care-banner (max-width: 36rem) {
    .zone1 {
      flex-direction: column;
      gap: var(--_space);
      padding: var(--_space) calc(var(--_space) * 1.5);
    }
    .identity {
      flex-basis: auto;
    }
    .demographics,
    .demographics--deceased {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_space) / 2);
    }
    .zone2 {
      padding: var(--_space) calc(var(--_space) * 1.5);
    }
    button.toggle {
      padding-inline: calc(var(--_space) * 1.5);
    }
  }

  @media (forced-colors: active) {
    .banner,
    .zone2,
    button.toggle {
      border-color: CanvasText;
    }
    /* Backgrounds give way to system colours; a dashed frame and the word Deceased remain. */
    .zone1--deceased {
      outline: 3px dashed CanvasText;
      outline-offset: -6px;
    }
    .flag,
    .marker,
    .allergy--known {
      border-color: CanvasText;
    }
    button.copy,
    button.toggle {
      color: ButtonText;
      border-color: ButtonText;
    }
  }

  @media print {
    .zone2[hidden] {
      display: block;
    }
    button.toggle,
    button.copy {
      display: none;
    }
  }
`;
