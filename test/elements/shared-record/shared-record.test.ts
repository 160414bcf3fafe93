import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/shared-record/shared-record.js';
import type { CareSharedRecord } from '../../../src/elements/shared-record/shared-record.component.js';
import type { CareRecordSummary } from '../../../src/elements/record-summary/record-summary.component.js';
import type { CareAccessEvent, CareLoadEvent } from '../../../src/base/events.js';
import { errorForStatus } from '../../../src/data/fhir-http.js';
import {
  MEDICATION_NOW,
  medsPatient,
  ukMedicationBundle,
} from '../../fixtures/medication-list/synthetic-uk.js';
import { allergyBundle } from '../../fixtures/allergy-list/synthetic-uk.js';
import { FailingSource } from '../../fixtures/sources.js';
import { clean, root } from '../../helpers/dom.js';

const tabs = (el: CareSharedRecord) => [...root(el).querySelectorAll<HTMLButtonElement>('[role="tab"]')];
const tabTexts = (el: CareSharedRecord) => tabs(el).map((tab) => clean(tab.textContent));
const panel = (el: CareSharedRecord, tag: string) => root(el).querySelector(tag);

async function mount(bundle = ukMedicationBundle(), section?: string) {
  const accesses: CareAccessEvent[] = [];
  const loads: CareLoadEvent[] = [];
  const el = await fixture<CareSharedRecord>(
    html`<care-shared-record
      .bundle=${bundle}
      section=${section ?? 'allergies'}
      @care-access=${(e: CareAccessEvent) => accesses.push(e)}
      @care-load=${(e: CareLoadEvent) => loads.push(e)}
    ></care-shared-record>`,
  );
  // Banner, summary and the open section.
  await waitUntil(() => loads.length >= 3, 'banner, summary and first section loaded', { timeout: 8000 });
  await el.updateComplete;
  return { el, accesses, loads };
}

describe('<care-shared-record>', () => {
  it('banner, summary, then the sections as tabs; only the open section is loaded', async () => {
    const { el } = await mount();
    expect(clean(root(panel(el, 'care-patient-banner')!).textContent)).to.contain('WRIGHT');
    expect(panel(el, 'care-record-summary')).to.not.equal(null);
    expect(tabTexts(el)).to.deep.equal([
      'Allergies (0)',
      'Problems',
      'Medications',
      'Encounters',
      'Immunisations',
    ]);
    expect(tabs(el).map((tab) => tab.getAttribute('aria-selected'))).to.deep.equal([
      'true',
      'false',
      'false',
      'false',
      'false',
    ]);
    expect(panel(el, 'care-allergy-list')).to.not.equal(null);
    expect(panel(el, 'care-medication-list')).to.equal(null);
    expect(panel(el, 'care-encounter-timeline')).to.equal(null);
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
    expect(tabs(el).map((tab) => tab.tabIndex)).to.deep.equal([0, -1, -1, -1, -1]);
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
    tabs(el)[3].click();
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
  it('allergies, current medicines and last encounters, each with where it was recorded', async () => {
    const loads: CareLoadEvent[] = [];
    const el = await fixture<CareRecordSummary>(
      html`<care-record-summary
        .bundle=${ukMedicationBundle()}
        .now=${MEDICATION_NOW}
        @care-load=${(e: CareLoadEvent) => loads.push(e)}
      ></care-record-summary>`,
    );
    await waitUntil(() => loads.length === 1, 'loaded', { timeout: 5000 });
    const cards = [...root(el).querySelectorAll('[part="card"]')].map((card) => clean(card.textContent));
    expect(cards[0]).to.equal('Allergies Allergies not recorded');
    expect(cards[1]).to.match(/^Current medicines /);
    expect(cards[1]).to.contain('amlodipine 5mg tablets One tablet once a day Oakfield Surgery (Y90001)');
    expect(cards[2]).to.equal('Last encounters No encounters are recorded');
    await expect(el).to.be.accessible();
  });

  it('allergies with high criticality said in words', async () => {
    const loads: CareLoadEvent[] = [];
    const el = await fixture<CareRecordSummary>(
      html`<care-record-summary
        .bundle=${allergyBundle()}
        @care-load=${(e: CareLoadEvent) => loads.push(e)}
      ></care-record-summary>`,
    );
    await waitUntil(() => loads.length === 1, 'loaded', { timeout: 5000 });
    const allergies = clean(root(el).querySelector('[part="card"]')!.textContent);
    expect(allergies).to.contain('Known allergies');
    expect(allergies).to.contain(
      'Penicillin (high criticality) Anaphylaxis Brookside Medical Practice (Y90002)',
    );
  });
});
