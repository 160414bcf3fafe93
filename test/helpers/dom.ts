/** DOM helpers shared by the element and integration tests. */

/** Text as a reader meets it: runs of white space as one space, trimmed. */
export const clean = (value: string | null | undefined): string => (value ?? '').replace(/\s+/g, ' ').trim();

/** An element's shadow root (the elements all render into one). */
export const root = (el: Element): ShadowRoot => el.shadowRoot!;

/** The text of an element's shadow root, cleaned. */
export const shadowText = (el: Element): string => clean(el.shadowRoot?.textContent);

/** The first element matching `selector` in `el`'s shadow root. */
export const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T | null =>
  root(el).querySelector<T>(selector);

/** Every element matching `selector` in `el`'s shadow root. */
export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string): T[] => [
  ...root(el).querySelectorAll<T>(selector),
];
