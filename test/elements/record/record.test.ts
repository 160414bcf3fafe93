import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { html as litHtml } from 'lit';
import type { Bundle, Patient } from 'fhir/r4';
import '../../../src/elements/record/record.js';
import { CareRecord } from '../../../src/elements/record/record.component.js';
import { RecordElement, type RecordScope } from '../../../src/base/record-element.js';
import { FhirRestSource } from '../../../src/data/fhir-rest-source.js';
import { RecordError } from '../../../src/data/record-error.js';
import type { CareErrorEvent, CareLoadEvent } from '../../../src/base/events.js';
import { json, never, stubFetch } from '../../helpers/fetch-stub.js';
import { clean } from '../../helpers/dom.js';

/** A minimal element on the shared base: shows the patient's family name. */
class TestPatientName extends RecordElement<Patient> {
  protected override async loadRecord({ patient }: RecordScope) {
    return patient;
  }
  protected override countOf() {
    return 1;
  }
  protected override render() {
    return this.renderState(
      { loading: 'Loading patient', error: 'Patient unavailable' },
      (patient) => litHtml`<p>${patient.name?.[0]?.family ?? 'no name'}</p>`,
    );
  }
}
customElements.define('test-patient-name', TestPatientName);

const ENDPOINT = 'https://fhir.example.nhs.uk/R4';
const patient = (id: string, family: string, nhsNumber = '9434765919'): Patient => ({
  resourceType: 'Patient',
  id,
  name: [{ family }],
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber }],
});
const shown = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();

describe('<care-record>', () => {
  // Virtualised lists resize while they lay out; the browser reports it as an error that is not one.
  setupIgnoreWindowResizeObserverLoopErrors(before, after, { suppressErrorLogging: true });

  it('provides its source and patient to the elements inside', async () => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: patient('p1', 'SMITH') }],
    };
    const el = await fixture<CareRecord>(
      html`<care-record .bundle=${bundle}><test-patient-name></test-patient-name></care-record>`,
    );
    const child = el.querySelector('test-patient-name')!;
    await waitUntil(() => shown(child) === 'SMITH', 'patient name shown');
    await expect(el).to.be.accessible();
  });

  it('reads the Patient once for every element inside it', async () => {
    const stub = stubFetch(async () => json(patient('p1', 'SMITH')));
    const el = await fixture<CareRecord>(html`
      <care-record endpoint=${ENDPOINT} patient="p1" .fetch=${stub.fetch}>
        <test-patient-name></test-patient-name>
        <test-patient-name></test-patient-name>
        <test-patient-name></test-patient-name>
      </care-record>
    `);
    const children = [...el.querySelectorAll('test-patient-name')];
    await waitUntil(() => children.every((child) => shown(child) === 'SMITH'));
    expect(stub.calls.map((call) => call.url)).to.deep.equal([`${ENDPOINT}/Patient/p1`]);
  });

  it('resolves nhs-number with an identifier search', async () => {
    const stub = stubFetch(async () =>
      json({
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [{ resource: patient('p9', 'JONES', '9434765919') }],
      }),
    );
    const el = await fixture<CareRecord>(html`
      <care-record endpoint=${ENDPOINT} nhs-number="943 476 5919" .fetch=${stub.fetch}>
        <test-patient-name></test-patient-name>
      </care-record>
    `);
    await waitUntil(() => shown(el.querySelector('test-patient-name')!) === 'JONES');
    expect(decodeURIComponent(stub.calls[0].url)).to.equal(
      `${ENDPOINT}/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9434765919`,
    );
  });

  it('changing the patient cancels the request in flight and never shows the old patient', async () => {
    const stub = stubFetch((url, call) => (url.endsWith('/p1') ? never(call) : json(patient('p2', 'NEW'))));
    const el = await fixture<CareRecord>(html`
      <care-record endpoint=${ENDPOINT} patient="p1" .fetch=${stub.fetch}
        ><test-patient-name></test-patient-name
      ></care-record>
    `);
    const child = el.querySelector('test-patient-name')!;
    await waitUntil(() => stub.calls.length === 1);
    el.patient = 'p2';
    await waitUntil(() => shown(child) === 'NEW');
    expect(stub.calls[0].signal?.aborted).to.equal(true);
  });

  it('refresh() forgets the cache and loads again', async () => {
    let family = 'FIRST';
    const stub = stubFetch(async () => json(patient('p1', family)));
    const el = await fixture<CareRecord>(html`
      <care-record endpoint=${ENDPOINT} patient="p1" .fetch=${stub.fetch}
        ><test-patient-name></test-patient-name
      ></care-record>
    `);
    const child = el.querySelector('test-patient-name')!;
    await waitUntil(() => shown(child) === 'FIRST');
    family = 'SECOND';
    el.refresh();
    await waitUntil(() => shown(child) === 'SECOND');
    expect(stub.calls).to.have.length(2);
  });

  it('a Bundle whose patient does not match nhs-number: one patient-mismatch message for every element', async () => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: patient('p1', 'SMITH', '9434765919') }],
    };
    const errors: CareErrorEvent[] = [];
    const listener = (event: CareErrorEvent) => errors.push(event);
    document.addEventListener('care-error', listener);
    const el = await fixture<CareRecord>(html`
      <care-record .bundle=${bundle} nhs-number="9434765870"
        ><test-patient-name></test-patient-name><test-patient-name></test-patient-name
      ></care-record>
    `);
    await waitUntil(() => errors.length === 1, 'care-error fired');
    await el.updateComplete;
    document.removeEventListener('care-error', listener);
    const [event] = errors;
    expect(event.target === el).to.equal(true);
    expect(event.detail.error).to.be.instanceOf(RecordError);
    expect(event.detail.error.kind).to.equal('patient-mismatch');
    expect(shown(el)).to.contain('943 476 5870');
    for (const child of el.querySelectorAll('test-patient-name')) expect(shown(child)).to.equal('');
    await expect(el).to.be.accessible();
  });

  describe('one failure of the Patient read', () => {
    const alerts = (el: Element) => [...el.shadowRoot!.querySelectorAll('[role="alert"]')];

    async function mountThree(fetch: typeof globalThis.fetch) {
      const errors: CareErrorEvent[] = [];
      const loads: CareLoadEvent[] = [];
      const el = await fixture<CareRecord>(html`
        <care-record
          endpoint=${ENDPOINT}
          patient="p1"
          .fetch=${fetch}
          @care-error=${(e: CareErrorEvent) => errors.push(e)}
          @care-load=${(e: CareLoadEvent) => loads.push(e)}
        >
          <test-patient-name></test-patient-name>
          <test-patient-name></test-patient-name>
          <test-patient-name></test-patient-name>
        </care-record>
      `);
      return { el, errors, loads, children: [...el.querySelectorAll('test-patient-name')] };
    }

    it('shows one message with one Try again, in place of the elements, and fires one care-error', async () => {
      let up = false;
      const stub = stubFetch(async () =>
        up ? json(patient('p1', 'SMITH')) : json({ resourceType: 'OperationOutcome', issue: [] }, 500),
      );
      const { el, errors, loads, children } = await mountThree(stub.fetch);
      await waitUntil(() => errors.length === 1, 'care-error fired');
      await el.updateComplete;
      expect(alerts(el)).to.have.length(1);
      expect(clean(alerts(el)[0].querySelector('.state__title')?.textContent)).to.equal(
        'The patient record could not be loaded',
      );
      expect(el.shadowRoot!.querySelectorAll('button')).to.have.length(1);
      // What is inside is not shown while the patient cannot be read.
      expect(el.shadowRoot!.querySelector('slot:not([name])') === null).to.equal(true);
      for (const child of children) {
        await (child as TestPatientName).updateComplete;
        expect(alerts(child)).to.have.length(0);
        expect(shown(child)).to.equal('');
      }
      expect(errors[0].target === el).to.equal(true);
      expect(stub.calls.map((call) => call.url)).to.deep.equal([`${ENDPOINT}/Patient/p1`]);
      await expect(el).to.be.accessible();

      up = true;
      el.shadowRoot!.querySelector('button')!.click();
      await waitUntil(() => children.every((child) => shown(child) === 'SMITH'), 'every element loaded');
      expect(loads).to.have.length(3);
      expect(alerts(el)).to.have.length(0);
      expect(el.shadowRoot!.querySelector('slot:not([name])') === null).to.equal(false);
      expect(stub.calls).to.have.length(2);
      expect(errors).to.have.length(1);
    });

    it('after a failed refresh the elements keep what they show, under one Not refreshed notice', async () => {
      let up = true;
      let family = 'FIRST';
      const stub = stubFetch(async () =>
        up ? json(patient('p1', family)) : json({ resourceType: 'OperationOutcome', issue: [] }, 500),
      );
      const { el, errors, children } = await mountThree(stub.fetch);
      await waitUntil(() => children.every((child) => shown(child) === 'FIRST'), 'loaded');
      up = false;
      el.refresh();
      await waitUntil(() => errors.length === 1, 'care-error fired');
      await el.updateComplete;
      expect(alerts(el)).to.have.length(1);
      expect(clean(alerts(el)[0].textContent)).to.match(
        /^Not refreshed: showing the record as loaded at \d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2}\./,
      );
      for (const child of children) {
        await (child as TestPatientName).updateComplete;
        expect(shown(child)).to.equal('FIRST');
      }
      await expect(el).to.be.accessible();

      up = true;
      family = 'SECOND';
      el.shadowRoot!.querySelector('button')!.click();
      await waitUntil(() => children.every((child) => shown(child) === 'SECOND'), 'every element reloaded');
      expect(alerts(el)).to.have.length(0);
    });

    it('an element with its own patient still says for itself why it failed', async () => {
      const stub = stubFetch(async (url) =>
        url.endsWith('/p1') ? json(patient('p1', 'SMITH')) : json({ resourceType: 'OperationOutcome' }, 404),
      );
      const errors: CareErrorEvent[] = [];
      const el = await fixture<CareRecord>(html`
        <care-record
          endpoint=${ENDPOINT}
          patient="p1"
          .fetch=${stub.fetch}
          @care-error=${(e: CareErrorEvent) => errors.push(e)}
        >
          <test-patient-name></test-patient-name>
          <test-patient-name patient="p2"></test-patient-name>
        </care-record>
      `);
      const [shared, own] = el.querySelectorAll('test-patient-name');
      await waitUntil(() => errors.length === 1 && shown(shared) === 'SMITH', 'one loaded, one failed');
      await (own as TestPatientName).updateComplete;
      expect(errors[0].target === own).to.equal(true);
      expect(alerts(own)).to.have.length(1);
      expect(alerts(el)).to.have.length(0);
    });
  });

  it('gives each element the space below it that a plain page needs, which a host can change', async () => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: patient('p1', 'SMITH') }],
    };
    const el = await fixture<CareRecord>(html`
      <care-record .bundle=${bundle}>
        <test-patient-name></test-patient-name>
        <test-patient-name style="--care-section-spacing: 0"></test-patient-name>
      </care-record>
    `);
    const [spaced, tight] = el.querySelectorAll('test-patient-name');
    expect(getComputedStyle(spaced).marginBlockEnd).to.equal('24px');
    expect(getComputedStyle(tight).marginBlockEnd).to.equal('0px');
    expect(getComputedStyle(el).marginBlockEnd).to.equal('0px');
  });

  it("an element's own attributes override the provider's", async () => {
    const inner: Bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: patient('a', 'OWN') }],
    };
    const outer: Bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: patient('b', 'OUTER') }],
    };
    const el = await fixture<CareRecord>(html`
      <care-record .bundle=${outer}><test-patient-name .bundle=${inner}></test-patient-name></care-record>
    `);
    await waitUntil(() => shown(el.querySelector('test-patient-name')!) === 'OWN');
  });

  it('elements upgraded before their <care-record> still find it', async () => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: patient('p1', 'LATE') }],
    };
    const el = await fixture(
      html`<care-record-late .bundle=${bundle}><test-patient-name></test-patient-name></care-record-late>`,
    );
    const child = el.querySelector('test-patient-name')!;
    await aTimeout(0);
    customElements.define('care-record-late', class extends CareRecord {});
    await waitUntil(() => shown(child) === 'LATE', 'provider found after upgrade');
  });

  it('fires care-load with the count once rendered', async () => {
    const source = new FhirRestSource({
      endpoint: ENDPOINT,
      fetch: stubFetch(async () => json(patient('p1', 'SMITH'))).fetch,
    });
    const el = await fixture<CareRecord>(html`<care-record .source=${source}></care-record>`);
    const child = document.createElement('test-patient-name') as TestPatientName;
    child.patient = 'p1';
    el.append(child);
    const event = (await oneEvent(el, 'care-load')) as CareLoadEvent;
    expect(event.detail.count).to.equal(1);
    expect(shown(child)).to.equal('SMITH');
  });

  it('says what to set when there is no source at all', async () => {
    const el = await fixture<TestPatientName>(html`<test-patient-name></test-patient-name>`);
    expect(shown(el)).to.contain('No record source is set');
    await expect(el).to.be.accessible();
  });
});
