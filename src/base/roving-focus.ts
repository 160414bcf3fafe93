import type { ReactiveController, ReactiveElement } from 'lit';
import type { VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { releaseRemovedRows, virtualizerOf } from './virtualizer.js';

/** Controls inside an item that take their own clicks, and parts marked `data-own-clicks` (an open chart). */
const CONTROLS = 'button, a[href], input, select, textarea, summary, [data-own-clicks]';

/** What a list tells the controller about itself, read at each use. */
export interface RovingList<T> {
  /** The items that can hold focus, in order. */
  items: readonly T[];
  /**
   * The keys of the virtualiser's rows, when rows other than items sit between them (headings):
   * to find an item's row and the first item in view. Without it every row is an item.
   */
  rowKeys?: readonly string[];
}

/** The tab stop of a list and the listeners its element takes. */
export interface RovingBinding<T> {
  tabStop?: T;
  onClick(event: MouseEvent): void;
  onKeydown(event: KeyboardEvent): void;
  onRangeChanged(event: Event): void;
}

export interface RovingFocusOptions<T> {
  keyOf(item: T): string;
  /** The user activated an item (click, Enter, Space). */
  select(item: T): void;
  /** The list element (`ol.list`, `ul.list`), where a virtualiser lives when the list is long. */
  listSelector: string;
}

/**
 * One tab stop for a whole list, as the ARIA practices describe: ArrowUp / ArrowDown move between
 * items, Home / End go to the first / last, Enter or Space (or a click) selects. Works the same
 * for a plain list and for one `@lit-labs/virtualizer` renders in part: an item out of the DOM is
 * scrolled in before it takes focus, and when the user scrolls the tab stop out of view (focus
 * elsewhere) it moves to the first item in view. Items are elements with `data-key` and the
 * `tabindex` the host renders from `isTabStop`.
 */
export class RovingFocus<T> implements ReactiveController {
  /** The key of the item holding the tab stop. */
  activeKey?: string;
  readonly #host: ReactiveElement;
  readonly #options: RovingFocusOptions<T>;

  constructor(host: ReactiveElement, options: RovingFocusOptions<T>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Virtualisers that have found their scrolling ancestors with the list in the page. */
  readonly #attached = new WeakSet<object>();
  /**
   * Each key's first place in a list of items or of row keys, made once per list: the lookups of
   * every render and every frame of a scroll through thousands of rows take constant time.
   */
  readonly #places = new WeakMap<readonly unknown[], Map<string, number>>();
  /** The row keys of a list that gives none (every row is an item), once per list of items. */
  readonly #itemKeys = new WeakMap<readonly T[], readonly string[]>();

  #placesOf<V>(list: readonly V[], keyOf: (value: V) => string): Map<string, number> {
    let places = this.#places.get(list);
    if (!places) {
      places = new Map();
      for (let i = 0; i < list.length; i += 1) {
        const key = keyOf(list[i]);
        if (!places.has(key)) places.set(key, i);
      }
      this.#places.set(list, places);
    }
    return places;
  }

  #itemPlaces(list: RovingList<T>): Map<string, number> {
    return this.#placesOf(list.items, this.#options.keyOf);
  }

  #rowKeys(list: RovingList<T>): readonly string[] {
    if (list.rowKeys) return list.rowKeys;
    let keys = this.#itemKeys.get(list.items);
    if (!keys) this.#itemKeys.set(list.items, (keys = list.items.map(this.#options.keyOf)));
    return keys;
  }

  hostUpdate(): void {}

  /**
   * A virtualiser made in the list's first render looks for the panels that scroll it before the
   * list is in the page, and so follows only the window: once the list is in, it looks again, so a
   * list inside a scrolling panel of a portal page renders the rows the panel shows. Rows that
   * leave the list are let go of (`releaseRemovedRows`).
   */
  hostUpdated(): void {
    const virtualizer = virtualizerOf(this.#list());
    if (!virtualizer || this.#attached.has(virtualizer)) return;
    this.#attached.add(virtualizer);
    virtualizer.disconnected();
    virtualizer.connected();
    releaseRemovedRows(this.#list()!);
  }

  /** Forgets the place (another patient's list). */
  reset(): void {
    this.activeKey = undefined;
  }

  /** The item holding the tab stop: the active one if it is in the list, else the first. */
  active(list: RovingList<T>): T | undefined {
    const place = this.activeKey === undefined ? undefined : this.#itemPlaces(list).get(this.activeKey);
    return list.items[place ?? 0];
  }

  /** What a list template needs: the tab stop and the listeners, bound to this list. */
  bind(list: RovingList<T>): RovingBinding<T> {
    return {
      tabStop: this.active(list),
      onClick: (event) => this.onClick(event, list),
      onKeydown: (event) => this.onKeydown(event, list),
      onRangeChanged: (event) => this.onRangeChanged(event, list),
    };
  }

  isTabStop(item: T, list: RovingList<T>): boolean {
    return this.active(list) === item;
  }

  onClick(event: MouseEvent, list: RovingList<T>): void {
    const item = this.#itemOf(event, list);
    if (!item) return;
    // A click on a control of the item (a button, a link) is the control's own: it moves the tab stop only.
    if (event.target instanceof Element && event.target.closest(CONTROLS)) {
      this.#activate(item);
      return;
    }
    this.#activate(item);
    this.#options.select(item);
  }

  onKeydown(event: KeyboardEvent, list: RovingList<T>): void {
    const item = this.#itemOf(event, list);
    if (!item || event.altKey || event.ctrlKey || event.metaKey) return;
    // Keys pressed inside a control of the item (a button, a link) are the control's own.
    if (event.composedPath()[0] !== this.#element(this.#options.keyOf(item))) return;
    const { items } = list;
    const index = this.#itemPlaces(list).get(this.#options.keyOf(item)) ?? -1;
    const targets: Record<string, T | undefined> = {
      ArrowDown: items[Math.min(index + 1, items.length - 1)],
      ArrowUp: items[Math.max(index - 1, 0)],
      Home: items[0],
      End: items[items.length - 1],
    };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.#activate(item);
      this.#options.select(item);
      return;
    }
    if (!(event.key in targets)) return;
    event.preventDefault();
    const target = targets[event.key];
    if (target) void this.focus(target, list);
  }

  /** Moves the tab stop to `item` and focuses it, bringing a virtualised row into the DOM first. */
  async focus(item: T, list: RovingList<T>): Promise<void> {
    const key = this.#options.keyOf(item);
    this.#activate(item);
    const virtualizer = virtualizerOf(this.#list());
    if (virtualizer && !this.#element(key)) {
      virtualizer
        .element(this.#placesOf(this.#rowKeys(list), String).get(key) ?? -1)
        ?.scrollIntoView({ block: 'nearest' });
    }
    await this.#host.updateComplete;
    for (let frame = 0; frame < 30 && !this.#element(key); frame += 1) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    this.#element(key)?.focus();
  }

  /**
   * The virtualiser's `rangeChanged`: when the tab stop's row scrolled out of the DOM and focus is
   * not in the list, the first item in view takes the tab stop, so the list can always be tabbed into.
   */
  onRangeChanged(event: Event, list: RovingList<T>): void {
    const { first, last } = event as Event & { first: number; last: number };
    const element = this.#list();
    const focused = (this.#host.renderRoot as ShadowRoot).activeElement;
    if (element && focused && element.contains(focused)) return;
    const rowKeys = this.#rowKeys(list);
    const active = this.active(list);
    const activeRow = active ? (this.#placesOf(rowKeys, String).get(this.#options.keyOf(active)) ?? -1) : -1;
    if (activeRow >= first && activeRow <= last) return;
    const items = this.#itemPlaces(list);
    const firstInView = rowKeys.slice(first, last + 1).find((key) => items.has(key));
    if (firstInView !== undefined) {
      this.activeKey = firstInView;
      this.#host.requestUpdate();
    }
  }

  #activate(item: T): void {
    this.activeKey = this.#options.keyOf(item);
    this.#host.requestUpdate();
  }

  #list(): (HTMLElement & VirtualizerHostElement) | null {
    return this.#host.renderRoot.querySelector<HTMLElement & VirtualizerHostElement>(
      this.#options.listSelector,
    );
  }

  #element(key: string): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
  }

  #itemOf(event: Event, list: RovingList<T>): T | undefined {
    const target = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-key]') : null;
    const key = target?.dataset.key;
    const place = key === undefined ? undefined : this.#itemPlaces(list).get(key);
    return place === undefined ? undefined : list.items[place];
  }
}
