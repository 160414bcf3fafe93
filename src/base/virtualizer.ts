import { html, type TemplateResult } from 'lit';
import type { VirtualizerHostElement, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
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

/** The virtualizer of a list rendered in part, once the virtualizer is loaded. */
export function virtualizerOf(
  list: Element | null | undefined,
): VirtualizerHostElement[typeof virtualizerRef] | undefined {
  const ref = loaded?.virtualizerRef;
  return ref && list ? (list as Element & VirtualizerHostElement)[ref] : undefined;
}

/**
 * Stops the virtualizer watching the size of rows that have left `list`. `@lit-labs/virtualizer`
 * 2.1 observes every row it renders and never lets go (lit/lit#5363): a browser whose
 * ResizeObserver keeps what it observes alive, as the specification has it, would keep every row
 * ever scrolled past and look at all of them every frame. Until a release lets go itself, rows are
 * let go here once they are out of the list (a row only moved within it stays watched).
 */
export function releaseRemovedRows(list: Element): void {
  new MutationObserver((records) => {
    const virtualizer = virtualizerOf(list) as { _childrenRO?: ResizeObserver | null } | undefined;
    const observer = virtualizer?._childrenRO;
    if (!observer) return;
    for (const { removedNodes } of records) {
      for (const node of removedNodes) {
        if (node instanceof Element && node.parentNode !== list) observer.unobserve(node);
      }
    }
  }).observe(list, { childList: true });
}
