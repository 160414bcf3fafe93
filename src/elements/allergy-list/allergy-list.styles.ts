import { css } from 'lit';

/**
 * The allergy list's look: one card per allergy, high criticality marked in words and with a heavy
 * red edge, statements ("No known allergies") quieter than allergies, a contradiction loud.
 * Container queries stack the details when the element is narrow.
 */
export const allergyListStyles = css`
  :host {
    --_accent: var(--care-allergy-list-accent, var(--_primary));
    --_high: var(--care-allergy-list-high, var(--_error));
    container-type: inline-size;
    container-name: care-allergy-list;
  }

  .base {
    overflow-wrap: anywhere;
  }
  .toolbar {
    margin-bottom: calc(var(--_space) * 2);
  }

  .item--high {
    border-left: 8px solid var(--_high);
  }
  .item--statement {
    border-left-color: var(--_text-secondary);
  }
  .item--conflict {
    border: 2px solid var(--_warning);
    border-left-width: 8px;
  }

  .item__main {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_space) * 0.5) var(--_space);
  }
  .substance {
    font-size: 1.125rem;
    font-weight: 700;
    unicode-bidi: isolate;
  }
  .item--statement .substance {
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
  .tag--high {
    color: var(--_high);
  }
  .tag--unconfirmed {
    color: var(--_text-secondary);
    border-style: dashed;
  }
  .tag--conflict {
    color: var(--_text);
    background: var(--_warning-bg, #fff9c4);
  }

  .notice--conflict {
    font-weight: 600;
    border-left-color: var(--_warning);
  }

  @media (forced-colors: active) {
    .item,
    .tag {
      border-color: CanvasText;
    }
  }
`;
