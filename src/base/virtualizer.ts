import { html, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';

type VirtualizerModule = typeof import('@lit-labs/virtualizer/virtualize.js');

let loaded: VirtualizerModule | undefined;
let loading: Promise<boolean> | undefined;

/**
 * Loads `@lit-labs/virtualizer` (about 8 KB gzip) once, when the first list grows long: a page
 * whose lists all fit never downloads it. Resolves to whether it is loaded. A failed load is asked
 * for again by the next render that needs it; meanwhile lists render every row, which is slower
 * and never wrong.
 */
export function loadVirtualizer(): Promise<boolean> {
  loading ??= import('@lit-labs/virtualizer/virtualize.js').then(
    (module) => {
      loaded = module;
      return true;
    },
    () => {
      loading = undefined;
      return false;
    },
  );
  return loading;
}

/** The virtualizer, once loaded. */
export const virtualizer = (): VirtualizerModule | undefined => loaded;

/**
 * The rows of a list rendered in part: those in view, plus a margin, and the sizer the list's
 * styles give its height (the whole list while the virtualizer is not loaded).
 */
export function virtualRows<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  renderItem: (item: T) => TemplateResult,
): TemplateResult {
  if (!loaded) return html`${repeat(items, keyOf, renderItem)}`;
  // The same array while the list is unchanged: a new one would have the virtualizer measure again.
  return html`${loaded.virtualize({ items: items as T[], keyFunction: keyOf, renderItem })}
    <li virtualizer-sizer aria-hidden="true"></li>`;
}
