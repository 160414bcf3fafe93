import type { Bundle } from 'fhir/r4';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import '../../src/elements/record/record.js';
import '../../src/elements/medication-list/medication-list.js';
import type { CareRecord } from '../../src/elements/record/record.component.js';
import type { CareMedicationList } from '../../src/elements/medication-list/medication-list.component.js';
import type { CareAccessEvent, CareErrorEvent } from '../../src/base/events.js';
import { errorForStatus } from '../../src/data/fhir-http.js';
import { MEDICATION_NOW, medsPatient, ukMedicationBundle } from '../fixtures/medication-list/synthetic-uk.js';
import { RecordingSource } from '../fixtures/sources.js';
import {
  generateMedicines,
  manyMedicinesSource,
  pagedPatient,
} from '../fixtures/medication-list/paged-source.js';
import { clean, shadowText as text } from '../helpers/dom.js';

// What every element inherits from RecordElement, shown through the medication list.

const rows = (el: Element) => el.shadowRoot!.querySelectorAll('li[part="item"]').length;

async function mountRecord(source: RecordingSource) {
  const loads: number[] = [];
  const errors: CareErrorEvent[] = [];
  const record = await fixture<CareRecord>(html`
    <care-record
      .source=${source}
      patient=${medsPatient.id!}
      @care-load=${(e: CustomEvent<{ count: number }>) => loads.push(e.detail.count)}
      @care-error=${(e: CareErrorEvent) => errors.push(e)}
    >
      <care-medication-list .now=${MEDICATION_NOW}></care-medication-list>
    </care-record>
  `);
  const list = record.querySelector<CareMedicationList>('care-medication-list')!;
  await waitUntil(() => loads.length === 1, 'first load');
  await list.updateComplete;
  return { record, list, loads, errors };
}

describe('RecordElement', () => {
  // Virtualised lists resize while they lay out; the browser reports it as an error that is not one.
  setupIgnoreWindowResizeObserverLoopErrors(before, after, { suppressErrorLogging: true });

  it('a failed refresh keeps what was shown, marked as not refreshed with its time, and Try again reloads', async () => {
    const source = new RecordingSource(ukMedicationBundle());
    const { record, list, loads, errors } = await mountRecord(source);
    const shown = rows(list);
    expect(shown).to.be.greaterThan(0);

    const down = errorForStatus(503, '');
    source.failing.set('MedicationRequest', down);
    source.failing.set('MedicationStatement', down);
    record.refresh();
    await waitUntil(() => errors.length === 1, 'care-error for the failed refresh');
    await list.updateComplete;
    expect(rows(list)).to.equal(shown);
    const notice = list.shadowRoot!.querySelector('.notice--stale')!;
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(clean(notice.textContent)).to.match(
      /^Not refreshed: showing the record as loaded at \d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2}\. The record server is not available \(503 Service Unavailable\)\. Try again in a moment\. Try again$/,
    );
    await expect(list).to.be.accessible();

    source.failing.clear();
    notice.querySelector('button')!.click();
    await waitUntil(() => loads.length === 2, 'care-load after Try again');
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('.notice--stale')).to.equal(null);
    expect(rows(list)).to.equal(shown);
  });

  it('from a Bundle (read from memory) later pages are of 5,000, unless next-page-size says otherwise', async () => {
    const { requests, statements } = generateMedicines(120);
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [pagedPatient, ...requests, ...statements].map((resource) => ({ resource })),
    };
    const nextCounts = async (attributes: { nextPageSize?: number }) => {
      const source = new RecordingSource(bundle);
      const loads: number[] = [];
      const list = await fixture<CareMedicationList>(html`
        <care-medication-list
          .source=${source}
          patient=${pagedPatient.id!}
          .nextPageSize=${attributes.nextPageSize}
          @care-load=${(e: CustomEvent<{ count: number }>) => loads.push(e.detail.count)}
        ></care-medication-list>
      `);
      await waitUntil(() => loads.length === 1, 'whole list loaded');
      await expect(list).to.be.accessible();
      const counts = source.calls
        .filter((call) => call.startsWith('next '))
        .map((call) => new URLSearchParams(call.slice(call.indexOf('?') + 1)).get('_count'));
      return { counts, loaded: loads[0] };
    };
    const large = await nextCounts({});
    const small = await nextCounts({ nextPageSize: 40 });
    expect(large.counts).to.deep.equal(['5000']);
    expect(small.counts).to.deep.equal(['40', '40']);
    expect(large.loaded).to.equal(small.loaded);
  });

  it('while a refresh runs, what was shown stays, with a Refreshing status', async () => {
    let hold = false;
    const source = new RecordingSource(ukMedicationBundle(), {
      hold: (call) => hold && call.startsWith('search'),
    });
    const { record, list, loads } = await mountRecord(source);
    hold = true;
    record.refresh();
    await list.updateComplete;
    expect(clean(list.shadowRoot!.querySelector('.refreshing[role="status"]')?.textContent)).to.equal(
      'Refreshing…',
    );
    expect(rows(list)).to.be.greaterThan(0);
    source.release();
    await waitUntil(() => loads.length === 2);
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('.refreshing')).to.equal(null);
  });

  it('another patient never sees the last one: their data is gone before the new load answers', async () => {
    const other = { ...medsPatient, id: 'other-patient', identifier: [] };
    const bundle = ukMedicationBundle();
    bundle.entry!.push({ resource: other });
    let hold = false;
    const source = new RecordingSource(bundle, { hold: (call) => hold && call.startsWith('search') });
    const { record, list } = await mountRecord(source);
    hold = true;
    record.patient = 'other-patient';
    await record.updateComplete;
    await list.updateComplete;
    expect(rows(list)).to.equal(0);
    expect(list.shadowRoot!.querySelector('[part="loading"]')).not.to.equal(null);
    expect(text(list)).not.to.contain('amlodipine');
  });

  it('drops its data when removed from the page, keeps it through a move, and loads again when put back', async () => {
    const source = new RecordingSource(ukMedicationBundle());
    const { record, list, loads } = await mountRecord(source);
    const data = () => (list as unknown as { data?: unknown }).data;
    expect(data()).not.to.equal(undefined);

    // A move (out and straight back in) keeps everything.
    const parent = list.parentElement!;
    parent.append(list);
    await Promise.resolve();
    expect(data()).not.to.equal(undefined);

    list.remove();
    await Promise.resolve();
    await list.updateComplete;
    expect(data()).to.equal(undefined);
    expect(rows(list)).to.equal(0);

    record.append(list);
    await waitUntil(() => loads.length === 2, 'loaded again when put back');
    await list.updateComplete;
    expect(rows(list)).to.be.greaterThan(0);
  });

  describe("care-access (for the host's audit log)", () => {
    it('an element used alone says whose record it showed, once per patient, not on a refresh', async () => {
      const accesses: CareAccessEvent[] = [];
      const loads: number[] = [];
      const list = await fixture<CareMedicationList>(
        html`<care-medication-list
          .bundle=${ukMedicationBundle()}
          .now=${MEDICATION_NOW}
          @care-access=${(e: CareAccessEvent) => accesses.push(e)}
          @care-load=${() => loads.push(1)}
        ></care-medication-list>`,
      );
      await waitUntil(() => loads.length === 1, 'loaded');
      expect(accesses).to.have.length(1);
      const { patient, sections, at } = accesses[0].detail;
      expect(patient).to.deep.equal({ id: medsPatient.id, nhsNumber: medsPatient.identifier![0].value });
      expect(sections).to.deep.equal(['care-medication-list']);
      expect(Number.isNaN(Date.parse(at))).to.equal(false);
      list.refresh();
      await waitUntil(() => loads.length === 2, 'refreshed');
      expect(accesses).to.have.length(1);
    });

    it('inside <care-record>, the record says it once, naming the sections inside; the elements do not', async () => {
      const accesses: CareAccessEvent[] = [];
      const listen = (e: CareAccessEvent) => accesses.push(e);
      document.addEventListener('care-access', listen);
      const { record } = await mountRecord(new RecordingSource(ukMedicationBundle()));
      document.removeEventListener('care-access', listen);
      expect(accesses.map((e) => e.target === record)).to.deep.equal([true]);
      expect(accesses[0].detail.sections).to.deep.equal(['care-medication-list']);
    });
  });

  describe('access not permitted', () => {
    it("a 403 for want of a legitimate relationship shows the server's reason and the host's break-glass flow", async () => {
      const outcome = {
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'error',
            code: 'forbidden',
            details: { text: 'No legitimate relationship with this patient is recorded' },
          },
        ],
      };
      const refusal = errorForStatus(403, JSON.stringify(outcome));
      const source = new RecordingSource(ukMedicationBundle(), {
        failing: { MedicationRequest: refusal, MedicationStatement: refusal },
      });
      const errors: CareErrorEvent[] = [];
      const list = await fixture<CareMedicationList>(
        html`<care-medication-list .source=${source} @care-error=${(e: CareErrorEvent) => errors.push(e)}
          ><button slot="break-glass">Request emergency access</button></care-medication-list
        >`,
      );
      await waitUntil(() => errors.length > 0, 'refused');
      await list.updateComplete;
      const state = list.shadowRoot!.querySelector('[part~="access"]')!;
      expect(clean(state.textContent)).to.equal(
        'Access not permitted No legitimate relationship with this patient is recorded.',
      );
      const slot = state.querySelector<HTMLSlotElement>('slot[name="break-glass"]')!;
      expect(slot.assignedElements().map((el) => el.textContent)).to.deep.equal(['Request emergency access']);
      // Not a fault to retry: no Try again.
      expect(state.querySelector('.care-button')).to.equal(null);
      await expect(list).to.be.accessible();
    });

    it('a plain 403 stays an error with Try again', async () => {
      const source = new RecordingSource(ukMedicationBundle(), {
        failing: { MedicationRequest: errorForStatus(403, ''), MedicationStatement: errorForStatus(403, '') },
      });
      const errors: CareErrorEvent[] = [];
      const list = await fixture<CareMedicationList>(
        html`<care-medication-list
          .source=${source}
          @care-error=${(e: CareErrorEvent) => errors.push(e)}
        ></care-medication-list>`,
      );
      await waitUntil(() => errors.length > 0, 'failed');
      await list.updateComplete;
      expect(list.shadowRoot!.querySelector('[part~="access"]')).to.equal(null);
      expect(text(list)).to.contain('Try again');
    });
  });

  describe('print', () => {
    it('while printing, a long list renders every row and the header says when it was printed', async () => {
      const source = manyMedicinesSource(500);
      const loads: number[] = [];
      const list = await fixture<CareMedicationList>(
        html`<care-medication-list
          .source=${source}
          patient=${pagedPatient.id!}
          @care-load=${() => loads.push(1)}
        ></care-medication-list>`,
      );
      await waitUntil(() => loads.length === 1, 'loaded', { timeout: 10000 });
      await list.updateComplete;
      const current = Number(/Current \((\d+)\)/.exec(text(list))![1]);
      expect(rows(list)).to.be.lessThan(current);
      window.dispatchEvent(new Event('beforeprint'));
      await list.updateComplete;
      expect(rows(list)).to.equal(current);
      expect(clean(list.shadowRoot!.querySelector('.print-stamp')!.textContent)).to.match(
        /^Printed \d\d-[A-Z][a-z]{2}-\d{4} \d\d:\d\d$/,
      );
      window.dispatchEvent(new Event('afterprint'));
      await list.updateComplete;
      expect(rows(list)).to.be.lessThan(current);
      expect(list.shadowRoot!.querySelector('.print-stamp')).to.equal(null);
    });
  });
});
