import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import '../../src/elements/medication-list/medication-list.js';
import type { CareMedicationList } from '../../src/elements/medication-list/medication-list.component.js';
import { virtualizer } from '../../src/base/virtualizer.js';
import { MEDICATION_NOW, medsPatient, ukMedicationBundle } from '../fixtures/medication-list/synthetic-uk.js';
import { RecordingSource } from '../fixtures/sources.js';
import { manyMedicinesSource, pagedPatient } from '../fixtures/medication-list/paged-source.js';
import { shadowText as text } from '../helpers/dom.js';

// The virtualizer is loaded when a list first grows long. The module keeps it once loaded, so the
// order of these tests matters: the short list comes first, in a page of its own (this file).

const rows = (el: Element) => el.shadowRoot!.querySelectorAll('li[part="item"]').length;
const inPart = (el: Element) => el.shadowRoot!.querySelector('.list--virtual') !== null;

async function mount(list: ReturnType<typeof html>) {
  const loads: number[] = [];
  const el = await fixture<CareMedicationList>(html`<div @care-load=${() => loads.push(1)}>${list}</div>`);
  const element = el.querySelector<CareMedicationList>('care-medication-list')!;
  await waitUntil(() => loads.length === 1, 'loaded', { timeout: 10000 });
  await element.updateComplete;
  return element;
}

describe('the virtualizer, loaded when a list grows long', () => {
  // Virtualised lists resize while they lay out; the browser reports it as an error that is not one.
  setupIgnoreWindowResizeObserverLoopErrors(before, after, { suppressErrorLogging: true });

  it('is not loaded for lists that fit, which render every row', async () => {
    const list = await mount(
      html`<care-medication-list
        .source=${new RecordingSource(ukMedicationBundle())}
        patient=${medsPatient.id!}
        .now=${MEDICATION_NOW}
      ></care-medication-list>`,
    );
    const current = Number(/Current \((\d+)\)/.exec(text(list))![1]);
    expect(current).to.be.greaterThan(0);
    expect(rows(list)).to.equal(current);
    expect(inPart(list)).to.equal(false);
    expect(virtualizer()).to.equal(undefined);
    await expect(list).to.be.accessible();
  });

  it('is loaded beside a long list’s later pages, which join rendered in part', async () => {
    const list = await mount(
      html`<care-medication-list
        .source=${manyMedicinesSource(500)}
        patient=${pagedPatient.id!}
      ></care-medication-list>`,
    );
    expect(virtualizer()).not.to.equal(undefined);
    const current = Number(/Current \((\d+)\)/.exec(text(list))![1]);
    expect(current).to.be.greaterThan(200);
    expect(inPart(list)).to.equal(true);
    // The virtualizer renders the rows in view once it has measured the list.
    await waitUntil(() => rows(list) > 0, 'rows in view');
    expect(rows(list)).to.be.lessThan(current);
    await expect(list).to.be.accessible();
  });

  it('stops watching the size of rows that scroll out of the list', async () => {
    const observed = new Set<Element>();
    const released = new Set<Element>();
    const { observe, unobserve } = ResizeObserver.prototype;
    ResizeObserver.prototype.observe = function (
      this: ResizeObserver,
      target: Element,
      options?: ResizeObserverOptions,
    ) {
      observed.add(target);
      observe.call(this, target, options);
    };
    ResizeObserver.prototype.unobserve = function (this: ResizeObserver, target: Element) {
      released.add(target);
      unobserve.call(this, target);
    };
    try {
      const list = await mount(
        html`<care-medication-list
          .source=${manyMedicinesSource(500)}
          patient=${pagedPatient.id!}
        ></care-medication-list>`,
      );
      await waitUntil(() => rows(list) > 0, 'rows in view');
      const first = list.shadowRoot!.querySelector('li[part="item"]')!;
      // Down to the end of the page, again as the list grows while the virtualizer measures it.
      await waitUntil(() => {
        window.scrollTo(0, document.documentElement.scrollHeight);
        return !first.isConnected;
      }, 'the first rows scrolled out of the list');
      await waitUntil(() => released.has(first), 'the first row let go');
      const gone = [...observed].filter((row) => row.matches('li[part="item"]') && !row.isConnected);
      expect(gone.length).to.be.greaterThan(0);
      expect(gone.filter((row) => !released.has(row))).to.deep.equal([]);
      expect(rows(list)).to.be.greaterThan(0);
      await expect(list).to.be.accessible();
    } finally {
      ResizeObserver.prototype.observe = observe;
      ResizeObserver.prototype.unobserve = unobserve;
      window.scrollTo(0, 0);
    }
  });
});
