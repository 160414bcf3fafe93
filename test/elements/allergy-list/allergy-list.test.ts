import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Bundle, FhirResource, OperationOutcome, Resource } from 'fhir/r4';
import '../../../src/all.js';
import type { CareAllergyList } from '../../../src/elements/allergy-list/allergy-list.component.js';
import type { CarePatientBanner } from '../../../src/elements/patient-banner/patient-banner.component.js';
import type { CareErrorEvent, CareLoadEvent, CareSelectEvent } from '../../../src/base/events.js';
import { errorForStatus } from '../../../src/data/fhir-http.js';
import type {
  RecordSource,
  RequestOptions,
  SearchParams,
  SearchResult,
} from '../../../src/data/record-source.js';
import {
  allergyBundle,
  allergyGp,
  allergyPatientRestricted,
  conflictBundle,
  nilKnownBundle,
  notRecordedBundle,
  penicillin,
} from '../../fixtures/allergy-list/synthetic-uk.js';
import { collection } from '../../fixtures/collection.js';
import { hl7r4 } from '../../fixtures/hl7-r4/index.js';
import { lawrenceHammesImmunisationBundle } from '../../fixtures/immunisation-list/public-examples.js';
import { ukCore } from '../../fixtures/uk-core/index.js';
import { RecordingSource } from '../../fixtures/sources.js';
import { $, $$, clean, root } from '../../helpers/dom.js';

interface Mounted {
  el: CareAllergyList;
  loads: CareLoadEvent[];
  errors: CareErrorEvent[];
  selects: CareSelectEvent[];
}

async function mount(
  { bundle, source }: { bundle?: Bundle; source?: RecordSource },
  { wait = 'load' }: { wait?: 'load' | 'error' } = {},
): Promise<Mounted> {
  const loads: CareLoadEvent[] = [];
  const errors: CareErrorEvent[] = [];
  const selects: CareSelectEvent[] = [];
  const el = await fixture<CareAllergyList>(
    html`<care-allergy-list
      .bundle=${bundle}
      .source=${source}
      @care-load=${(e: CareLoadEvent) => loads.push(e)}
      @care-error=${(e: CareErrorEvent) => errors.push(e)}
      @care-select=${(e: CareSelectEvent) => selects.push(e)}
    ></care-allergy-list>`,
  );
  if (wait === 'load') await waitUntil(() => loads.length > 0, 'care-load never fired', { timeout: 5000 });
  else await waitUntil(() => errors.length > 0, 'care-error never fired', { timeout: 5000 });
  await el.updateComplete;
  return { el, loads, errors, selects };
}

const rows = (el: CareAllergyList) => $$<HTMLLIElement>(el, 'li[part="item"]');
const substances = (el: CareAllergyList) =>
  rows(el).map((li) => clean(li.querySelector('.substance')?.textContent));
const rowOf = (el: CareAllergyList, substance: string) =>
  rows(el).find((li) => clean(li.querySelector('.substance')?.textContent) === substance)!;
const detail = (li: HTMLLIElement, term: string) =>
  clean(
    [...li.querySelectorAll('.details__item')]
      .find((item) => clean(item.querySelector('dt')?.textContent) === term)
      ?.querySelector('dd')?.textContent,
  );
const tags = (li: HTMLLIElement) => [...li.querySelectorAll('.tag')].map((tag) => clean(tag.textContent));
const showPast = async (el: CareAllergyList) => {
  $$<HTMLButtonElement>(el, '[part="toggle"] button')[1].click();
  await el.updateComplete;
};

describe('<care-allergy-list>', () => {
  describe('loaded (synthetic UK record)', () => {
    it('active allergies newest first, each with category, criticality, reactions, onset, recorded date and who recorded it', async () => {
      const { el, loads } = await mount({ bundle: allergyBundle() });
      expect(substances(el)).to.deep.equal(['Latex', 'Penicillin', 'Peanut']);
      const pen = rowOf(el, 'Penicillin');
      expect(tags(pen)).to.deep.equal(['High criticality']);
      expect(detail(pen, 'Category')).to.equal('Medication');
      expect(detail(pen, 'Criticality')).to.equal('High');
      expect(detail(pen, 'Reaction')).to.equal('Anaphylaxis (Severe)');
      expect(detail(pen, 'Recorded')).to.equal('20-Apr-2021');
      expect(detail(pen, 'Recorded by')).to.equal('Brookside Medical Practice (Y90002)');
      const peanut = rowOf(el, 'Peanut');
      expect(detail(peanut, 'Onset')).to.equal('Jun-1990');
      expect(detail(peanut, 'Reaction')).to.equal('Lip swelling, Urticaria (Moderate)');
      // Reached through a PractitionerRole: the organisation, not the person.
      expect(detail(peanut, 'Recorded by')).to.equal('Valley Hospitals NHS Trust (RZ8)');
      expect(tags(rowOf(el, 'Latex'))).to.deep.equal(['Unconfirmed']);
      expect(detail(rowOf(el, 'Latex'), 'Type')).to.equal('Intolerance');
      expect(loads[0].detail).to.deep.equal({ count: 4, complete: true });
      await expect(el).to.be.accessible();
    });

    it('refuted and entered-in-error entries are not shown; a drug allergy recorded later supersedes "no known drug allergies"', async () => {
      const { el } = await mount({ bundle: allergyBundle() });
      const text = clean(root(el).textContent);
      expect(text).not.to.contain('Codeine');
      expect(text).not.to.contain('Aspirin');
      expect(text).not.to.contain('No known drug allergies');
    });

    it('inactive and resolved allergies under Past, with their status', async () => {
      const { el } = await mount({ bundle: allergyBundle() });
      const buttons = $$<HTMLButtonElement>(el, '[part="toggle"] button').map((b) => clean(b.textContent));
      expect(buttons).to.deep.equal(['Active (3)', 'Past (1)']);
      await showPast(el);
      expect(substances(el)).to.deep.equal(['Adhesive plasters']);
      expect(detail(rows(el)[0], 'Status')).to.equal('Resolved');
      expect(el.view).to.equal('past');
      await expect(el).to.be.accessible();
    });

    it('keyboard: one tab stop, arrows move, Enter selects the AllergyIntolerance', async () => {
      const { el, selects } = await mount({ bundle: allergyBundle() });
      const [first, second] = rows(el);
      expect([first.tabIndex, second.tabIndex]).to.deep.equal([0, -1]);
      first.focus();
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement === second).to.equal(true);
      await sendKeys({ press: 'Enter' });
      expect(selects.map((event) => event.detail.resource.id)).to.deep.equal([penicillin.id]);
    });
  });

  describe('statements and empty records', () => {
    it('"no known allergies" recorded after an active allergy: both shown, flagged, and a notice says to check', async () => {
      const { el } = await mount({ bundle: conflictBundle() });
      expect(substances(el)).to.deep.equal(['No known allergies', 'Penicillin']);
      expect(rows(el).map((li) => tags(li).includes('Conflicting entries'))).to.deep.equal([true, true]);
      expect(clean($(el, '[part="conflict"]')!.textContent)).to.contain('Check with the patient');
      await expect(el).to.be.accessible();
    });

    it('a "no known allergy" statement alone is shown as a statement (UK Core 409137002)', async () => {
      const { el } = await mount({ bundle: collection([ukCore.patientRichardSmith, ukCore.allergyNoKnown]) });
      expect(substances(el)).to.deep.equal(['No known drug allergies']);
    });

    it('three different messages: nil known, not recorded, unavailable', async () => {
      const nil = await mount({ bundle: nilKnownBundle() });
      expect(clean($(nil.el, '[part="empty"]')!.textContent)).to.equal(
        'No known allergies: the record says the patient has none.',
      );
      const none = await mount({ bundle: notRecordedBundle() });
      expect(clean($(none.el, '[part="empty"]')!.textContent)).to.equal(
        'Allergies not recorded: the record holds no allergy information, which does not mean the patient has none.',
      );
      await expect(none.el).to.be.accessible();
      const error = errorForStatus(503, '');
      const source = new RecordingSource(allergyBundle(), {
        failing: { AllergyIntolerance: error, List: error },
      });
      const failed = await mount({ source }, { wait: 'error' });
      const state = $(failed.el, '[part="error"]')!;
      expect(clean(state.textContent)).to.contain('Allergies unavailable');
      expect(state.querySelector('button')!.textContent).to.contain('Try again');
      source.failing.clear();
      state.querySelector('button')!.click();
      await waitUntil(() => failed.loads.length > 0, 'loaded after Try again');
      expect(rows(failed.el)).to.have.length(3);
    });

    it('the allergy List failing alone leaves the allergies, and says what is missing', async () => {
      const source = new RecordingSource(allergyBundle(), { failing: { List: errorForStatus(400, '') } });
      const { el, loads } = await mount({ source });
      expect(rows(el)).to.have.length(3);
      expect(clean(root(el).textContent)).to.contain('The allergy list (List)');
      expect(loads[0].detail.complete).to.equal(false);
    });
  });

  describe('what the server says', () => {
    it('warnings inside the searchset (search.mode outcome) are shown at the top, once, in its words', async () => {
      class WarningSource extends RecordingSource {
        override async search<T extends Resource = FhirResource>(
          type: T['resourceType'],
          params?: SearchParams,
          options?: RequestOptions,
        ): Promise<SearchResult<T>> {
          const result = await super.search<T>(type, params, options);
          const outcome: OperationOutcome = {
            resourceType: 'OperationOutcome',
            issue: [
              {
                severity: 'warning',
                code: 'suppressed',
                diagnostics: 'Some allergy records are withheld at the patient\u2019s request',
              },
            ],
          };
          return { ...result, outcomes: [outcome] };
        }
      }
      const { el } = await mount({ source: new WarningSource(allergyBundle()) });
      const warning = $(el, '[part="warning"]')!;
      expect(clean(warning.textContent)).to.equal(
        'The record server says: Some allergy records are withheld at the patient\u2019s request.',
      );
      expect(rows(el)).to.have.length(3);
      await expect(el).to.be.accessible();
    });
  });

  describe('restricted record', () => {
    it('never requests or names the GP practice', async () => {
      const source = new RecordingSource(allergyBundle(allergyPatientRestricted));
      const { el } = await mount({ source });
      expect(detail(rowOf(el, 'Penicillin'), 'Recorded by')).to.equal(
        'GP practice (withheld: restricted record)',
      );
      expect(clean(root(el).textContent)).not.to.contain(allergyGp.name!);
      expect(source.calls.some((call) => call.includes(allergyGp.id!))).to.equal(false);
      expect(clean($(el, '[part="restricted"]')!.textContent)).to.equal('Restricted record');
      await expect(el).to.be.accessible();
    });
  });

  describe('public examples', () => {
    it('HL7 R4: cashew nuts (high criticality), fish, penicillin (unconfirmed)', async () => {
      const { el } = await mount({
        bundle: collection([
          hl7r4.patientExample,
          hl7r4.allergyExample,
          hl7r4.allergyFish,
          hl7r4.allergyMedication,
        ]),
      });
      expect(rows(el)).to.have.length(3);
      const unconfirmed = rows(el).filter((li) => tags(li).includes('Unconfirmed'));
      expect(unconfirmed).to.have.length(1);
      expect(rows(el).filter((li) => tags(li).includes('High criticality')).length).to.be.at.least(1);
      await expect(el).to.be.accessible();
    });
  });

  describe('Synthea', () => {
    it('a Synthea record without allergies (Lawrence741 Hammes673) says they are not recorded, not that there are none', async () => {
      const { el, loads } = await mount({ bundle: lawrenceHammesImmunisationBundle() });
      expect(clean($(el, '[part="empty"]')!.textContent)).to.contain('Allergies not recorded');
      expect(loads[0].detail).to.deep.equal({ count: 0, complete: true });
      await expect(el).to.be.accessible();
    });
  });

  describe('one model with the banner', () => {
    it('the banner and the list agree, inside one <care-record>', async () => {
      for (const [bundle, banner] of [
        [allergyBundle(), 'Known allergies'],
        [nilKnownBundle(), 'No known allergies'],
        [notRecordedBundle(), 'Allergies not recorded'],
      ] as const) {
        const record = await fixture(
          html`<care-record .bundle=${bundle}>
            <care-patient-banner expanded></care-patient-banner>
            <care-allergy-list></care-allergy-list>
          </care-record>`,
        );
        const bannerEl = record.querySelector<CarePatientBanner>('care-patient-banner')!;
        const list = record.querySelector<CareAllergyList>('care-allergy-list')!;
        await waitUntil(
          () =>
            clean(root(bannerEl).textContent).includes(banner) &&
            (rows(list).length > 0 || !!$(list, '[part="empty"]')),
          `banner says ${banner}`,
          { timeout: 5000 },
        );
        expect(rows(list).length > 0).to.equal(banner === 'Known allergies');
      }
    });
  });
});
