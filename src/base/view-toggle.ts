import { css, html, type TemplateResult } from 'lit';

/**
 * The two-or-more-button view toggle of a list (Current / Past, Active / Past): each button says
 * its view and count, `aria-pressed` marks the one shown. The host adds `viewToggleStyles`.
 */
export function renderViewToggle<V extends string>(options: {
  /** Names the group for assistive technology (`Medications to show`). */
  label: string;
  views: readonly (readonly [view: V, label: string])[];
  current: V;
  choose: (view: V) => void;
}): TemplateResult {
  return html`<div class="toggle" part="toggle" role="group" aria-label=${options.label}>
    ${options.views.map(
      ([view, label]) =>
        html`<button
          type="button"
          class="toggle__button"
          aria-pressed=${options.current === view ? 'true' : 'false'}
          @click=${() => options.choose(view)}
        >
          ${label}
        </button>`,
    )}
  </div>`;
}

/** The toggle's look; `--_accent` (the element's accent token) else the primary colour. */
export const viewToggleStyles = css`
  .toggle {
    --_toggle: var(--_accent, var(--_primary));
    display: inline-flex;
    flex-wrap: wrap;
    border: 2px solid var(--_toggle);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .toggle__button {
    font: inherit;
    min-height: 44px;
    min-width: 44px;
    margin: 0;
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 2);
    border: 0;
    background: var(--_surface);
    color: var(--_toggle);
    cursor: pointer;
  }
  .toggle__button + .toggle__button {
    border-left: 2px solid var(--_toggle);
  }
  .toggle__button:hover {
    background: var(--_surface-alt);
    text-decoration: underline;
  }
  /* Pressed: filled, bold and underlined by a bar, so it never depends on colour alone. */
  .toggle__button[aria-pressed='true'] {
    background: var(--_toggle);
    color: var(--_surface);
    font-weight: 600;
    box-shadow: inset 0 -4px 0 var(--_surface);
  }
  .toggle__button:focus-visible {
    background: var(--_focus);
    color: var(--_focus-text);
    box-shadow: inset 0 -4px 0 var(--_focus-text);
  }

  @media (forced-colors: active) {
    .toggle,
    .toggle__button + .toggle__button {
      border-color: CanvasText;
    }
    .toggle__button[aria-pressed='true'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
  }
`;
