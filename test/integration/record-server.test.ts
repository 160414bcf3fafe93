import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { servers, token } from '/__record-servers.js';
import '../../src/all.js';
import type { CareRecord } from '../../src/elements/record/record.component.js';
import type { CarePatientBanner } from '../../src/elements/patient-banner/patient-banner.component.js';
import type { CareMedicationList } from '../../src/elements/medication-list/medication-list.component.js';
import type { CareEncounterTimeline } from '../../src/elements/encounter-timeline/encounter-timeline.component.js';
import type { CareAllergyList } from '../../src/elements/allergy-list/allergy-list.component.js';
import type { CareSharedRecord } from '../../src/elements/shared-record/shared-record.component.js';
import type { CareDocumentList } from '../../src/elements/document-list/document-list.component.js';
import type { CareErrorEvent, CareLoadEvent } from '../../src/base/events.js';
import type { Bundle } from 'fhir/r4';

// The elements against the embedded FHIR server over real HTTP (started by the test runner with
// the demo seed; see scripts/record-server-plugin.js). Patients come from demo/data/generated.

interface Stats {
  paths: Record<string, number>;
  requests: Record<string, number>;
}
const resetStats = (base: string) => fetch(`${base}/$reset-stats`, { method: 'POST' });
const stats = async (base: string): Promise<Stats> => (await fetch(`${base}/$stats`)).json();
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** Collects the care-* events of one kind that reach the document while a test runs. */
function collect<E extends Event>(type: 'care-load' | 'care-error'): { events: E[]; stop(): void } {
  const events: E[] = [];
  const listener = (event: Event) => events.push(event as E);
  document.addEventListener(type, listener);
  return { events, stop: () => document.removeEventListener(type, listener) };
}

const TIMEOUT = { timeout: 15000 };

describe('integration: elements against the record server', function () {
  this.timeout(30000);
  // Virtualised lists resize while they lay out; the browser reports it as an error that is not one.
  setupIgnoreWindowResizeObserverLoopErrors(before, after, { suppressErrorLogging: true });

  it('reads a patient by id', async () => {
    const el = await fixture<CarePatientBanner>(
      html`<care-patient-banner endpoint=${servers.main} patient="gen-patient-0001"></care-patient-banner>`,
    );
    await waitUntil(() => text(el).includes('ILLINGWORTH, Megan Mabel (Dr)'), 'name shown', TIMEOUT);
    expect(text(el)).to.contain('999 250 9740');
    await expect(el).to.be.accessible();
  });

  it('finds a patient by NHS number and shares one Patient request between three elements', async () => {
    await resetStats(servers.main);
    const loads = collect<CareLoadEvent>('care-load');
    const record = await fixture<CareRecord>(html`
      <care-record endpoint=${servers.main} nhs-number="999 978 3090">
        <care-patient-banner></care-patient-banner>
        <care-medication-list></care-medication-list>
        <care-encounter-timeline></care-encounter-timeline>
      </care-record>
    `);
    await waitUntil(() => loads.events.length === 3, 'all three elements loaded', TIMEOUT);
    loads.stop();
    expect(text(record.querySelector('care-patient-banner')!)).to.contain('WOOD, William Connor (Mr)');
    const { requests } = await stats(servers.main);
    const patientSearches = Object.entries(requests).filter(([request]) =>
      request.startsWith('GET /fhir/Patient?'),
    );
    expect(patientSearches).to.have.length(1);
    expect(patientSearches[0][1]).to.equal(1);
    expect(decodeURIComponent(patientSearches[0][0])).to.contain(
      'identifier=https://fhir.nhs.uk/Id/nhs-number|9999783090',
    );
  });

  it('loads every page of medications through next links', async () => {
    // Patient 0004 has more MedicationRequests than one first page of 20.
    const direct = async (type: string) =>
      ((await (await fetch(`${servers.main}/${type}?patient=gen-patient-0004&_count=1000`)).json()) as Bundle)
        .entry!.map((entry) => entry.resource as { status?: string })
        .filter((resource) => resource.status !== 'entered-in-error').length;
    const expected = (await direct('MedicationRequest')) + (await direct('MedicationStatement'));
    expect(expected).to.be.greaterThan(50);

    await resetStats(servers.main);
    const loads = collect<CareLoadEvent>('care-load');
    const el = await fixture<CareMedicationList>(
      html`<care-medication-list
        endpoint=${servers.main}
        patient="gen-patient-0004"
        page-size="20"
      ></care-medication-list>`,
    );
    await waitUntil(() => loads.events.length === 1, 'medications loaded', TIMEOUT);
    loads.stop();
    expect(loads.events[0].detail.count).to.equal(expected);
    const { requests } = await stats(servers.main);
    // A page after the first is whatever the server's `next` link says: the embedded server repeats
    // the search with `_offset`; HAPI FHIR names the search it stored with `_getpages` and
    // `_getpagesoffset` (its only paged search here: 0004 has one MedicationStatement).
    const pages = Object.keys(requests).filter(
      (request) => request.startsWith('GET /fhir/MedicationRequest?') || request.includes('_getpages='),
    );
    expect(pages.length, 'MedicationRequest pages requested').to.be.greaterThan(1);
    // The first page asks for 20; the pages after it for 1,000 (the next link's `_count` raised).
    expect(pages.some((request) => request.includes('_count=20'))).to.equal(true);
    expect(
      pages.some(
        (request) => request.includes('_count=1000') && /[?&](_offset|_getpagesoffset)=20(&|$)/.test(request),
      ),
    ).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('resolves organisations from _include without reading them one by one', async () => {
    await resetStats(servers.main);
    const loads = collect<CareLoadEvent>('care-load');
    const el = await fixture<CareEncounterTimeline>(
      html`<care-encounter-timeline
        endpoint=${servers.main}
        patient="gen-patient-0001"
      ></care-encounter-timeline>`,
    );
    await waitUntil(() => loads.events.length === 1, 'timeline loaded', TIMEOUT);
    loads.stop();
    expect(text(el)).to.match(/\(([A-Z0-9]{3,6})\)/, 'an organisation with its ODS code');
    const { requests } = await stats(servers.main);
    const search = Object.keys(requests).find((request) => request.startsWith('GET /fhir/Encounter?'))!;
    expect(decodeURIComponent(search)).to.contain('_include=Encounter:service-provider');
    expect(
      Object.keys(requests).filter((request) => request.startsWith('GET /fhir/Organization/')),
    ).to.deep.equal([]);
  });

  it('switching patient mid-load shows only the new patient', async () => {
    const record = await fixture<CareRecord>(html`
      <care-record endpoint=${servers.main} patient="gen-patient-0012"
        ><care-patient-banner></care-patient-banner
      ></care-record>
    `);
    record.patient = 'gen-patient-0013';
    const banner = record.querySelector('care-patient-banner')!;
    await waitUntil(() => text(banner).includes('WOOD, William'), 'new patient shown', TIMEOUT);
    expect(text(banner)).not.to.contain('KOWALSKI');
  });

  it('401 without the token, the record with it', async () => {
    const errors = collect<CareErrorEvent>('care-error');
    const refused = await fixture<CarePatientBanner>(
      html`<care-patient-banner
        endpoint=${servers.secured}
        patient="gen-patient-0001"
      ></care-patient-banner>`,
    );
    await waitUntil(() => errors.events.length === 1, 'care-error', TIMEOUT);
    errors.stop();
    expect(errors.events[0].detail.error.kind).to.equal('unauthorized');
    expect(errors.events[0].detail.error.status).to.equal(401);
    expect(refused.shadowRoot!.querySelector('[role="alert"]')).to.exist;
    await expect(refused).to.be.accessible();

    const allowed = await fixture<CarePatientBanner>(
      html`<care-patient-banner
        endpoint=${servers.secured}
        patient="gen-patient-0001"
        .accessToken=${token}
      ></care-patient-banner>`,
    );
    await waitUntil(() => text(allowed).includes('ILLINGWORTH'), 'record with token', TIMEOUT);
    expect(text(refused)).not.to.contain(token);
  });

  it('404 for a patient that does not exist', async () => {
    const errors = collect<CareErrorEvent>('care-error');
    const el = await fixture<CarePatientBanner>(
      html`<care-patient-banner endpoint=${servers.main} patient="no-such-patient"></care-patient-banner>`,
    );
    await waitUntil(() => errors.events.length === 1, 'care-error', TIMEOUT);
    errors.stop();
    expect(errors.events[0].detail.error.kind).to.equal('not-found');
    // Each server words it its own way; the sentence names the record asked for either way.
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain(
      'The record server has no record Patient/no-such-patient (404 Not Found)',
    );
  });

  it('a failing server gives a plain-English error with Try again', async () => {
    const errors = collect<CareErrorEvent>('care-error');
    const el = await fixture<CarePatientBanner>(
      html`<care-patient-banner
        endpoint=${servers.failing}
        patient="gen-patient-0001"
      ></care-patient-banner>`,
    );
    await waitUntil(() => errors.events.length === 1, 'care-error after retries', { timeout: 25000 });
    errors.stop();
    expect(errors.events[0].detail.error.kind).to.equal('http');
    expect([500, 503]).to.include(errors.events[0].detail.error.status);
    const retry = [...el.shadowRoot!.querySelectorAll('button')].find((button) =>
      button.textContent!.includes('Try again'),
    );
    expect(retry, 'Try again button').to.exist;
  });

  it('a slow server shows the loading state, then the record', async () => {
    const el = await fixture<CarePatientBanner>(
      html`<care-patient-banner endpoint=${servers.slow} patient="gen-patient-0001"></care-patient-banner>`,
    );
    const busy = el.shadowRoot!.querySelector('[aria-busy="true"]');
    expect(busy, 'busy indicator while waiting').to.exist;
    await expect(el).to.be.accessible();
    await waitUntil(() => text(el).includes('ILLINGWORTH'), 'record after latency', TIMEOUT);
  });

  it('a restricted patient: no address, contacts, GP or encounter locations', async () => {
    const loads = collect<CareLoadEvent>('care-load');
    const record = await fixture<CareRecord>(html`
      <care-record endpoint=${servers.main} patient="gen-patient-0007">
        <care-patient-banner expanded></care-patient-banner>
        <care-encounter-timeline></care-encounter-timeline>
      </care-record>
    `);
    await waitUntil(() => loads.events.length === 2, 'both loaded', TIMEOUT);
    loads.stop();
    const patient = await (await fetch(`${servers.main}/Patient/gen-patient-0007`)).json();
    const banner = text(record.querySelector('care-patient-banner')!);
    expect(banner).to.contain('Restricted record');
    expect(banner).not.to.contain(patient.address[0].postalCode);
    expect(banner).not.to.contain(patient.telecom[0].value);
    const timeline = text(record.querySelector('care-encounter-timeline')!);
    expect(timeline).to.contain('Restricted record');
    const locations = (await (await fetch(`${servers.main}/Location?_count=1000`)).json()) as Bundle;
    for (const entry of locations.entry ?? []) {
      const name = (entry.resource as { name?: string }).name;
      if (name) expect(timeline, `location ${name}`).not.to.contain(name);
    }
  });

  it('allergies over HTTP: active and past, and the banner agrees', async () => {
    const loads = collect<CareLoadEvent>('care-load');
    const record = await fixture<CareRecord>(html`
      <care-record endpoint=${servers.main} patient="gen-patient-0012">
        <care-patient-banner expanded></care-patient-banner>
        <care-allergy-list></care-allergy-list>
      </care-record>
    `);
    await waitUntil(() => loads.events.length === 2, 'banner and allergy list loaded', TIMEOUT);
    loads.stop();
    const list = record.querySelector<CareAllergyList>('care-allergy-list')!;
    const substances = () =>
      [...list.shadowRoot!.querySelectorAll('.substance')].map((el) => el.textContent!.trim());
    // The generator's penicillin and peanut allergies are active; its fish allergy was refuted (a
    // negative food challenge), so it is not an allergy and is not shown in either view.
    expect(substances()).to.have.members(['Penicillins', 'Peanuts']);
    // Recorded by a GP in their role: the row names the practice, not the person.
    expect(text(list)).to.contain('Recorded by MOORLAND SURGERY (P99002)');
    expect(text(record.querySelector('care-patient-banner')!)).to.contain('Known allergies');
    list.view = 'past';
    await list.updateComplete;
    expect(substances()).to.deep.equal([]);
    expect(text(list)).to.contain('No past allergies');
    await expect(list).to.be.accessible();
  });

  it('the whole record: banner, summary cards and every section tab loaded over HTTP', async () => {
    const loads = collect<CareLoadEvent>('care-load');
    const el = await fixture<CareSharedRecord>(
      html`<care-shared-record endpoint=${servers.main} patient="gen-patient-0001"></care-shared-record>`,
    );
    // Banner, summary and the open section (allergies).
    await waitUntil(() => loads.events.length === 3, 'banner, summary and allergies loaded', TIMEOUT);
    const root = el.shadowRoot!;
    expect(text(root.querySelector('care-patient-banner')!)).to.contain('ILLINGWORTH, Megan Mabel (Dr)');
    const cards = [
      ...root.querySelector('care-record-summary')!.shadowRoot!.querySelectorAll('[part="card"]'),
    ];
    expect(cards.length).to.be.greaterThan(0);
    expect(cards.filter((card) => card.querySelector('[role="alert"]')).length, 'cards failing').to.equal(0);
    expect(cards[0].textContent).to.contain('Penicillins');
    const tabs = () => [...root.querySelectorAll('[role="tab"]')];
    const tabText = (tab: Element) => tab.textContent!.replace(/\s+/g, ' ').trim();
    // Every other section, opened in turn, loads and gives its tab its count.
    for (const tab of tabs().slice(1)) {
      const title = tabText(tab);
      const before = loads.events.length;
      (tab as HTMLElement).click();
      await waitUntil(() => loads.events.length > before, `${title} loaded`, TIMEOUT);
      await el.updateComplete;
      expect(tabText(tab)).to.equal(`${title} (${loads.events.at(-1)!.detail.count})`);
    }
    loads.stop();
    await expect(el).to.be.accessible();
  });

  it('letters and documents over HTTP: newest first, a discharge summary opens sanitised, a restricted record by kind', async () => {
    const el = await fixture<CareDocumentList>(
      html`<care-document-list endpoint=${servers.main} patient="gen-patient-0001"></care-document-list>`,
    );
    const rows = () => [...el.shadowRoot!.querySelectorAll<HTMLElement>('li[part="item"]')];
    await waitUntil(() => rows().length === 3, 'three documents', TIMEOUT);
    const titles = rows().map((li) => li.querySelector('.title')!.textContent!.trim());
    expect(titles[0]).to.equal('GP summary');
    expect(titles.slice(1).map((t) => t.split(':')[0])).to.deep.equal(['Clinic letter', 'Discharge summary']);
    // The consultant in their role names the trust; the trust holds the letter.
    expect(text(el)).to.contain('Recorded by NORTHGATE TEACHING HOSPITALS NHS TRUST (R9A)');
    rows()[2].click();
    await waitUntil(() => !!el.shadowRoot!.querySelector('[part="document"] h4'), 'letter shown', TIMEOUT);
    expect(text(el)).to.contain('Reason for admission');
    await expect(el).to.be.accessible();

    const restricted = await fixture<CareDocumentList>(
      html`<care-document-list endpoint=${servers.main} patient="gen-patient-0007"></care-document-list>`,
    );
    await waitUntil(
      () => restricted.shadowRoot!.querySelectorAll('li[part="item"]').length > 0,
      'listed',
      TIMEOUT,
    );
    expect(text(restricted)).to.contain('Restricted record');
    expect(text(restricted)).to.contain('GP practice (withheld: restricted record)');
    expect(text(restricted)).not.to.contain('MOORLAND').and.not.to.contain('P99002');
    restricted.shadowRoot!.querySelector<HTMLElement>('li[part="item"]')!.click();
    await waitUntil(
      () => text(restricted).includes('This is a restricted record.'),
      'content withheld',
      TIMEOUT,
    );
  });

  it('the 5,000-encounter patient: first rows at once, the rest streamed, few entries in the DOM', async function () {
    this.timeout(120000);
    await resetStats(servers.main);
    const loads = collect<CareLoadEvent>('care-load');
    const el = await fixture<CareEncounterTimeline>(
      html`<care-encounter-timeline
        endpoint=${servers.main}
        patient="gen-patient-0012"
      ></care-encounter-timeline>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelectorAll('li.entry').length > 0, 'first rows', TIMEOUT);
    await waitUntil(() => loads.events.length === 1, 'every page streamed in', { timeout: 100000 });
    loads.stop();
    expect(loads.events[0].detail).to.deep.equal({ count: 5000, complete: true });
    expect(text(el)).to.contain('Showing 5,000 encounters');
    expect(el.shadowRoot!.querySelectorAll('li.entry').length).to.be.lessThan(100);
    // Every page brought its providers, people and places with it (`_include`): none read one by one.
    const { requests } = await stats(servers.main);
    expect(
      Object.keys(requests).filter((request) =>
        /^GET \/fhir\/(Organization|Practitioner|PractitionerRole|Location)\//.test(request),
      ),
    ).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
