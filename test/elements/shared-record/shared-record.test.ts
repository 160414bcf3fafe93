import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/shared-record/shared-record.js';
import { CareSharedRecord } from '../../../src/elements/shared-record/shared-record.component.js';
import type { CareRecordSummary } from '../../../src/elements/record-summary/record-summary.component.js';
import type { Bundle, DiagnosticReport, Observation } from 'fhir/r4';
import type { CareAccessEvent, CareErrorEvent, CareLoadEvent } from '../../../src/base/events.js';
import { errorForStatus } from '../../../src/data/fhir-http.js';
import {
  MEDICATION_NOW,
  medsPatient,
  ukMedicationBundle,
} from '../../fixtures/medication-list/synthetic-uk.js';
import { allergyBundle } from '../../fixtures/allergy-list/synthetic-uk.js';
import { collection } from '../../fixtures/collection.js';
import { problemBundle, PROBLEMS_NOW } from '../../fixtures/problem-list/synthetic-uk.js';
import { fbcReport, resultsBundle, resultsPatient } from '../../fixtures/results/synthetic-uk.js';
import { FailingSource, RecordingSource } from '../../fixtures/sources.js';
import { clean, root } from '../../helpers/dom.js';

const tabs = (el: CareSharedRecord) => [...root(el).querySelectorAll<HTMLButtonElement>('[role="tab"]')];
const tabTexts = (el: CareSharedRecord) => tabs(el).map((tab) => clean(tab.textContent));
const tab = (el: CareSharedRecord, section: string) =>
  root(el).querySelector<HTMLButtonElement>(`#tab-${section}`)!;
const panel = (el: CareSharedRecord, tag: string) => root(el).querySelector(tag);

/** A web server that drops a section's code the first time it is asked for. */
class DroppingSharedRecord extends CareSharedRecord {
  #asked = 0;
  protected override fetchSection(load: () => Promise<unknown>): Promise<unknown> {
    this.#asked += 1;
    return this.#asked === 1
      ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
      : load();
  }
}
customElements.define('care-shared-record-dropping', DroppingSharedRecord);

async function mount(bundle = ukMedicationBundle(), section = 'allergies', tag = 'care-shared-record') {
  const accesses: CareAccessEvent[] = [];
  const loads: CareLoadEvent[] = [];
  const host = await fixture<HTMLDivElement>(
    html`<div
      @care-access=${(e: CareAccessEvent) => accesses.push(e)}
      @care-load=${(e: CareLoadEvent) => loads.push(e)}
    ></div>`,
  );
  const el = Object.assign(document.createElement(tag) as CareSharedRecord, { bundle, section });
  host.append(el);
  // Banner, summary and the open section.
  await waitUntil(() => loads.length >= 3, 'banner, summary and first section loaded', { timeout: 8000 });
  await el.updateComplete;
  return { el, accesses, loads };
}

describe('<care-shared-record>', () => {
  // Virtualised lists resize while they lay out; the browser reports it as an error that is not one.
  setupIgnoreWindowResizeObserverLoopErrors(before, after, { suppressErrorLogging: true });

  // First: what it shows while a section's code is still on its way needs a section not yet fetched.
  it("fetches a section's element when its tab is first opened, saying so until it comes", async () => {
    expect(customElements.get('care-results')).to.equal(undefined);
    const { el, loads } = await mount();
    const before = loads.length;
    tab(el, 'results').click();
    await el.updateComplete;
    const status = root(el).querySelector('#panel-results [part="loading"]');
    expect(clean(status?.textContent)).to.equal('Loading the Results section…');
    await waitUntil(() => loads.length > before, 'results loaded', { timeout: 8000 });
    await el.updateComplete;
    expect(customElements.get('care-results')).to.not.equal(undefined);
    expect(root(el).querySelector('#panel-results [part="loading"]')).to.equal(null);
    expect(clean(root(panel(el, 'care-results')!).textContent)).to.contain('Test results');
    await expect(el).to.be.accessible();
  });

  it('a section whose code does not arrive says so, and Try again fetches it', async () => {
    // Early in the file, before any test opens the Problems tab.
    expect(customElements.get('care-problem-list')).to.equal(undefined);
    const { el, loads } = await mount(ukMedicationBundle(), 'allergies', 'care-shared-record-dropping');
    const before = loads.length;
    tab(el, 'problems').click();
    const error = () => root(el).querySelector('#panel-problems [part="error"]');
    await waitUntil(error, 'error shown');
    expect(error()!.getAttribute('role')).to.equal('alert');
    expect(clean(error()!.textContent)).to.contain('The Problems section could not be loaded');
    expect(clean(error()!.textContent)).to.contain('reload the page');
    await expect(el).to.be.accessible();
    error()!.querySelector('button')!.click();
    await waitUntil(() => loads.length > before, 'problems loaded', { timeout: 8000 });
    await el.updateComplete;
    expect(error()).to.equal(null);
    expect(clean(root(panel(el, 'care-problem-list')!).textContent)).to.contain('Problems');
  });

  it('banner, summary, then the sections as tabs; only the open section is loaded', async () => {
    const { el } = await mount();
    expect(clean(root(panel(el, 'care-patient-banner')!).textContent)).to.contain('WRIGHT');
    expect(panel(el, 'care-record-summary')).to.not.equal(null);
    expect(tabTexts(el)).to.deep.equal([
      'Allergies (0)',
      'Problems',
      'Medications',
      'Results',
      'Documents',
      'Encounters',
      'Immunisations',
    ]);
    expect(tabs(el).map((tab) => tab.getAttribute('aria-selected'))).to.deep.equal([
      'true',
      'false',
      'false',
      'false',
      'false',
      'false',
      'false',
    ]);
    expect(panel(el, 'care-allergy-list')).to.not.equal(null);
    expect(panel(el, 'care-medication-list')).to.equal(null);
    expect(panel(el, 'care-encounter-timeline')).to.equal(null);
    expect(panel(el, 'care-results')).to.equal(null);
    expect(panel(el, 'care-document-list')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('opening a tab loads its section, keeps the others, reflects `section`, and counts it', async () => {
    const { el, loads } = await mount();
    const before = loads.length;
    tabs(el)[2].click();
    await el.updateComplete;
    expect(el.getAttribute('section')).to.equal('medications');
    const list = panel(el, 'care-medication-list') as HTMLElement & { now?: Date };
    await waitUntil(() => loads.length > before, 'medications loaded', { timeout: 8000 });
    await el.updateComplete;
    expect(tabTexts(el)[2]).to.match(/^Medications \(\d+\)$/);
    expect((panel(el, 'care-allergy-list')!.parentElement as HTMLElement).hidden).to.equal(true);
    expect((list.parentElement as HTMLElement).hidden).to.equal(false);
  });

  it('a deep link opens its section first', async () => {
    const { el } = await mount(ukMedicationBundle(), 'encounters');
    expect(panel(el, 'care-encounter-timeline')).to.not.equal(null);
    expect(panel(el, 'care-allergy-list')).to.equal(null);
  });

  it('keyboard: the tabs are one tab stop; arrows, Home and End move and open', async () => {
    const { el } = await mount();
    expect(tabs(el).map((tab) => tab.tabIndex)).to.deep.equal([0, -1, -1, -1, -1, -1, -1]);
    tabs(el)[0].focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.section).to.equal('problems');
    expect(root(el).activeElement === tabs(el)[1]).to.equal(true);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(el.section).to.equal('immunisations');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.section).to.equal('allergies');
  });

  it('care-access: once when the record is first shown, then once per section first opened', async () => {
    const { el, accesses } = await mount();
    expect(accesses).to.have.length(1);
    expect(accesses[0].detail.patient).to.deep.equal({
      id: medsPatient.id,
      nhsNumber: medsPatient.identifier![0].value,
    });
    expect(accesses[0].detail.sections).to.deep.equal([
      'care-patient-banner',
      'care-record-summary',
      'care-allergy-list',
    ]);
    tab(el, 'encounters').click();
    await el.updateComplete;
    tabs(el)[0].click();
    await el.updateComplete;
    expect(accesses.map((e) => e.detail.sections)).to.deep.equal([
      ['care-patient-banner', 'care-record-summary', 'care-allergy-list'],
      ['care-encounter-timeline'],
    ]);
  });

  it("access not permitted: the server's reason and the host's break-glass flow, nothing of the record", async () => {
    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [
        { severity: 'error', code: 'forbidden', diagnostics: 'The patient has not consented to sharing' },
      ],
    };
    const el = await fixture<CareSharedRecord>(
      html`<care-shared-record
        .source=${new FailingSource(errorForStatus(403, JSON.stringify(outcome)))}
        patient="any"
        ><button slot="break-glass">Emergency access</button></care-shared-record
      >`,
    );
    await waitUntil(() => !!root(el).querySelector('[part~="access"]'), 'refused', { timeout: 5000 });
    expect(clean(root(el).querySelector('[part~="access"]')!.textContent)).to.equal(
      'Access not permitted The patient has not consented to sharing.',
    );
    expect(root(el).querySelector('[role="tablist"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('<care-record-summary>', () => {
  async function summary(bundle: Bundle, now?: Date) {
    const loads: CareLoadEvent[] = [];
    const errors: CareErrorEvent[] = [];
    const el = await fixture<CareRecordSummary>(
      html`<care-record-summary
        .bundle=${bundle}
        .now=${now}
        @care-load=${(e: CareLoadEvent) => loads.push(e)}
        @care-error=${(e: CareErrorEvent) => errors.push(e)}
      ></care-record-summary>`,
    );
    await waitUntil(() => loads.length === 1, 'loaded', { timeout: 8000 });
    const cards = [...root(el).querySelectorAll('[part="card"]')].map((card) => clean(card.textContent));
    return { el, cards, loads, errors };
  }

  it('five cards, each row with where it was recorded; an empty section says so', async () => {
    const { el, cards, loads } = await summary(ukMedicationBundle(), MEDICATION_NOW);
    expect(loads[0].detail.count).to.equal(5);
    expect(cards[0]).to.equal('Allergies Allergies not recorded');
    expect(cards[1]).to.equal('Active problems No active problems are recorded');
    expect(cards[2]).to.match(/^Current medicines /);
    expect(cards[2]).to.contain('amlodipine 5mg tablets One tablet once a day Oakfield Surgery (Y90001)');
    expect(cards[3]).to.equal('Latest results No test results are recorded');
    expect(cards[4]).to.equal('Last encounters No encounters are recorded');
    await expect(el).to.be.accessible();
  });

  it('allergies with high criticality said in words', async () => {
    const { cards } = await summary(allergyBundle());
    expect(cards[0]).to.contain('Known allergies');
    expect(cards[0]).to.contain(
      'Penicillin (high criticality) Anaphylaxis Brookside Medical Practice (Y90002)',
    );
  });

  it('active problems: major first, significance, verification and onset in words; past and refuted ones left out', async () => {
    const { cards } = await summary(problemBundle(), PROBLEMS_NOW);
    expect(cards[1]).to.match(
      /^Active problems Diabetes mellitus type 2 Major Since Jun-2015 Brookfield Surgery \(Y90011\) Essential hypertension Major Since 2012 /,
    );
    expect(cards[1]).to.contain(
      'Acute kidney injury Unconfirmed Since 21-Jan-2024 Northgate Hospitals NHS Trust (RX9)',
    );
    expect(cards[1]).to.match(/and \d+ more$/);
    expect(cards[1]).not.to.contain('Coeliac').and.not.to.contain('Gout').and.not.to.contain('fracture');
  });

  it('latest results newest first: values, critical results, statuses other than final, who performed them', async () => {
    const { el, cards } = await summary(resultsBundle());
    expect(cards[3]).to.match(
      /^Latest results Blood pressure 142\/88 mmHg 04-Mar-2024 10:05 Canal Street Surgery \(Y90004\) /,
    );
    expect(cards[3]).to.contain(
      'Urea and electrolytes !! Critical result Amended 01-Mar-2024 09:12 Northbrook Pathology Services NHS Trust (RX9)',
    );
    expect(cards[3]).to.contain('HbA1c Preliminary 20-Feb-2024 08:40');
    expect(cards[3]).to.match(/and \d+ more$/);
    await expect(el).to.be.accessible();
  });

  it("another patient's result in any card refuses the whole summary: nothing of the record is shown", async () => {
    const stranger: Observation = {
      resourceType: 'Observation',
      id: 'stranger',
      status: 'final',
      code: { text: 'Glucose' },
      subject: { reference: 'Patient/someone-else' },
      valueQuantity: { value: 5, unit: 'mmol/L' },
    };
    const report: DiagnosticReport = {
      ...fbcReport,
      id: 'with-stranger',
      result: [{ reference: 'Observation/stranger' }],
    };
    const errors: CareErrorEvent[] = [];
    const el = await fixture<CareRecordSummary>(
      html`<care-record-summary
        .bundle=${collection([resultsPatient, report, stranger])}
        @care-error=${(e: CareErrorEvent) => errors.push(e)}
      ></care-record-summary>`,
    );
    await waitUntil(() => errors.length === 1, 'refused', { timeout: 8000 });
    await el.updateComplete;
    expect(errors[0].detail.error.kind).to.equal('patient-mismatch');
    expect(root(el).querySelectorAll('[part="card"]')).to.have.length(0);
    expect(clean(root(el).textContent))
      .not.to.contain('Glucose')
      .and.not.to.contain('Full blood count');
    await expect(el).to.be.accessible();
  });

  it('a card that cannot be read says why and fires care-error; the others still show', async () => {
    const source = new RecordingSource(resultsBundle(), { failing: { Condition: errorForStatus(500, '') } });
    const errors: CareErrorEvent[] = [];
    const loads: CareLoadEvent[] = [];
    const el = await fixture<CareRecordSummary>(
      html`<care-record-summary
        .source=${source}
        patient=${resultsPatient.id!}
        @care-error=${(e: CareErrorEvent) => errors.push(e)}
        @care-load=${(e: CareLoadEvent) => loads.push(e)}
      ></care-record-summary>`,
    );
    await waitUntil(() => loads.length === 1, 'loaded', { timeout: 8000 });
    expect(errors.map((e) => e.detail.error.kind)).to.deep.equal(['http']);
    const cards = [...root(el).querySelectorAll('[part="card"]')];
    expect(cards).to.have.length(5);
    expect(cards[1].querySelector('[role="alert"]')).to.not.equal(null);
    expect(clean(cards[3].textContent)).to.contain('Full blood count');
    await expect(el).to.be.accessible();
  });
});
