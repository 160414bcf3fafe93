import { css } from 'lit';

/** The `--care-*` tokens with NHS.UK design-system defaults, as private properties on the host. */
export const tokenStyles = css`
  :host {
    --_font: var(--care-font-family, 'Frutiger W01', Arial, sans-serif);
    --_text: var(--care-color-text, #212b32);
    --_text-secondary: var(--care-color-text-secondary, #4c6272);
    --_primary: var(--care-color-primary, #005eb8);
    --_border: var(--care-color-border, #d8dde0);
    --_surface: var(--care-color-surface, #ffffff);
    --_surface-alt: var(--care-color-surface-alt, #f0f4f5);
    --_focus: var(--care-color-focus, #ffeb3b);
    --_focus-text: var(--care-color-focus-text, #212b32);
    --_error: var(--care-color-error, #d5281b);
    --_warning: var(--care-color-warning, #ffb81c);
    --_space: var(--care-space, 8px);
    --_radius: var(--care-radius, 4px);
  }
`;

/**
 * The text look of a section element, and the space below it, so that elements placed one after
 * another in a plain page do not touch: NHS.UK spacing point 4 (24px, the margin below NHS.UK
 * components), which a host changes with `--care-section-spacing` (0 inside its own grid or stack).
 */
const sectionHostStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    margin-block-end: var(--care-section-spacing, 24px);
    font-family: var(--_font);
    font-size: var(--care-font-size, 1rem);
    line-height: 1.5;
    color: var(--_text);
    -webkit-font-smoothing: antialiased;
  }
  :host([hidden]) {
    display: none;
  }
`;

/**
 * The look of the states every element shares (loading, empty, error, notices), buttons and
 * focus: what `<care-record>` also uses for its one message when the patient cannot be loaded.
 */
export const stateStyles = css`
  /* border-box, not inherit: a style that inherits a property that is not inherited by default
     depends on its parent's, so Chromium caches it once per parent style it has seen and looks
     through them all. The virtualizer gives each row a transform of its own (a new parent style
     every frame), and a long list's style work grew from 2 to 40 ms a frame as it scrolled.
     Not on ::before and ::after: a rule for every pseudo-element makes the browser work out two
     more styles per element; the one pseudo-element drawn (the timeline's rail) has no padding or
     border for box-sizing to change. */
  * {
    box-sizing: border-box;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    border: 0 !important;
    white-space: nowrap !important;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    margin-bottom: var(--_space);
  }
  .heading {
    margin: 0;
    font-size: 1.25rem;
    font-weight: 600;
    line-height: 1.4;
  }
  /*
   * Server values are bidi-isolated: a right-to-left name or drug cannot reorder the labels and
   * punctuation around it. Element styles isolate the other elements that hold server values.
   */
  dd {
    unicode-bidi: isolate;
  }

  /* NHS.UK focus: yellow background with a dark underline, visible in every state. */
  :focus-visible {
    outline: 4px solid transparent;
    outline-offset: 0;
    background-color: var(--_focus);
    color: var(--_focus-text);
    box-shadow:
      0 -2px var(--_focus),
      0 4px var(--_focus-text);
    text-decoration: none;
  }

  button.care-button {
    font: inherit;
    font-weight: 600;
    min-height: 44px;
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 2);
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_primary);
    cursor: pointer;
  }
  button.care-button:hover {
    background: var(--_surface-alt);
  }
  button.care-button:focus-visible {
    border-color: var(--_focus-text);
  }

  .state {
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .state p {
    margin: 0 0 var(--_space);
  }
  .state p:last-child {
    margin-bottom: 0;
  }
  .state--error {
    border-left: 6px solid var(--_error);
  }
  .state--error .state__title {
    font-weight: 600;
  }
  .restricted-marker {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    padding: 0 0.5em;
    border: 2px solid currentColor;
    border-radius: var(--_radius);
    font-weight: 600;
  }

  /* A part of the section stopped, or a refresh failed: what is shown stays, and says so. */
  .notice {
    margin-bottom: calc(var(--_space) * 2);
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-left: 6px solid var(--_warning);
    border-radius: var(--_radius);
  }
  .notice--deceased {
    border-left-color: var(--_text-secondary);
    font-weight: 600;
  }
  .notice p {
    margin: 0 0 calc(var(--_space) * 0.5);
  }
  .notice__title,
  .notice .state__title {
    font-weight: 600;
  }
  .refreshing {
    margin: 0 0 var(--_space);
    color: var(--_text-secondary);
  }

  /* Pages still streaming in. */
  .stream {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    margin-bottom: calc(var(--_space) * 2);
  }
  .stream progress {
    width: 100%;
    height: 0.75rem;
    accent-color: var(--_primary);
  }

  .skeleton {
    display: grid;
    gap: var(--_space);
  }
  .skeleton__line {
    height: 1em;
    border-radius: var(--_radius);
    background: linear-gradient(90deg, var(--_surface-alt) 25%, var(--_border) 50%, var(--_surface-alt) 75%);
    background-size: 200% 100%;
    animation: care-shimmer 1.5s ease-in-out infinite;
  }
  .skeleton__line:nth-child(2n) {
    width: 70%;
  }
  @keyframes care-shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton__line {
      animation: none;
    }
  }
  @media (forced-colors: active) {
    .skeleton__line {
      background: CanvasText;
      opacity: 0.3;
    }
    :focus-visible {
      outline: 3px solid Highlight;
    }
    .state--error,
    .notice {
      border-left-color: CanvasText;
    }
  }

  /* Printed: every row (lists stop virtualising while printing), no controls, and when it was printed. */
  .print-stamp {
    display: none;
  }
  @media print {
    .print-stamp {
      display: block;
      margin: 0 0 calc(var(--_space) * 0.5);
      color: var(--_text);
    }
    .care-button,
    [part~='toggle'],
    [part~='filter'],
    [part~='filters'],
    [part~='progress'] progress {
      display: none !important;
    }
    [part~='item'] {
      break-inside: avoid;
    }
  }
`;

/** Everything a section element starts from. Every value a host may want to change is a custom property. */
export const baseStyles = [tokenStyles, sectionHostStyles, stateStyles];
