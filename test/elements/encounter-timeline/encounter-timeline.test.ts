import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { Bundle, Encounter, Patient } from 'fhir/r4';
import '../../../src/elements/encounter-timeline/encounter-timeline.js';
import '../../../src/elements/record/record.js';
import type { CareEncounterTimeline } from '../../../src/elements/encounter-timeline/encounter-timeline.component.js';
import { VIRTUALIZE_AFTER } from '../../../src/base/record-element.js';
import type { CareErrorEvent, CareSelectEvent } from '../../../src/base/events.js';
import { BundleSource } from '../../../src/data/bundle-source.js';
import { errorForStatus } from '../../../src/data/fhir-http.js';
import { RecordError } from '../../../src/data/record-error.js';
import type { RecordSource, RequestOptions, SearchParams } from '../../../src/data/record-source.js';
import { fiveThousandSource, generateEncounters } from '../../fixtures/encounter-timeline/paged-source.js';
import { hl7r4 } from '../../fixtures/hl7-r4/index.js';
import { PagedSource, deferred } from '../../fixtures/sources.js';
import { ukCore } from '../../fixtures/uk-core/index.js';
import {
  acuteTrust,
  deceasedTimelineBundle,
  emptyTimelineBundle,
  gpPractice,
  malformedTimelineBundle,
  otherPatient,
  recordBundle,
  restrictedPatient,
  restrictedTimelineBundle,
  supportingResources,
  timelinePatient,
  ukEncounters,
  ukTimelineBundle,
} from '../../fixtures/encounter-timeline/uk-encounters.js';
import { clean, root } from '../../helpers/dom.js';

interface Mounted {
  el: CareEncounterTimeline;
  loads: number[];
  errors: CareErrorEvent[];
  selects: CareSelectEvent[];
}

interface MountOptions {
  bundle?: Bundle;
  source?: RecordSource;
  patient?: string;
  pageSize?: number;
  headingLevel?: number;
  wait?: 'load' | 'error' | 'none';
}

/** Renders a timeline with its events recorded (listeners attached before any load can finish). */
async function mount(options: MountOptions): Promise<Mounted> {
  const loads: number[] = [];
  const errors: CareErrorEvent[] = [];
  const selects: CareSelectEvent[] = [];
  const el = await fixture<CareEncounterTimeline>(
    html`<care-encounter-timeline
      .bundle=${options.bundle}
      .source=${options.source}
      .patient=${options.patient}
      .pageSize=${options.pageSize ?? 50}
      .headingLevel=${options.headingLevel ?? 2}
      @care-load=${(e: CustomEvent<{ count: number }>) => loads.push(e.detail.count)}
      @care-error=${(e: CareErrorEvent) => errors.push(e)}
      @care-select=${(e: CareSelectEvent) => selects.push(e)}
    ></care-encounter-timeline>`,
  );
  const wait = options.wait ?? 'load';
  if (wait === 'load') await waitUntil(() => loads.length > 0, 'care-load was not fired', { timeout: 15000 });
  if (wait === 'error')
    await waitUntil(() => errors.length > 0, 'care-error was not fired', { timeout: 15000 });
  await el.updateComplete;
  return { el, loads, errors, selects };
}

const entries = (el: CareEncounterTimeline) => [...root(el).querySelectorAll<HTMLElement>('li.entry')];
const entryTexts = (el: CareEncounterTimeline) => entries(el).map((e) => clean(e.textContent));
const groupHeadings = (el: CareEncounterTimeline) =>
  [...root(el).querySelectorAll('.group-heading')].map((h) => clean(h.textContent));
const summary = (el: CareEncounterTimeline) => clean(root(el).querySelector('.summary')?.textContent);
const entryFor = (el: CareEncounterTimeline, text: string) => {
  const found = entries(el).find((e) => clean(e.textContent).includes(text));
  if (!found) throw new Error(`No entry with "${text}"`);
  return found;
};
const detailsOf = (entry: HTMLElement) =>
  Object.fromEntries(
    [...entry.querySelectorAll('dt')].map((dt) => [
      clean(dt.textContent),
      clean(dt.nextElementSibling?.textContent),
    ]),
  );
/** The Load more button the timeline no longer has: every page streams in. */
const loadMoreButton = (el: CareEncounterTimeline) =>
  root(el).querySelector<HTMLButtonElement>('[part~="load-more"], .more button');

async function choose(el: CareEncounterTimeline, id: string, value: string): Promise<void> {
  const control = root(el).querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)!;
  control.value = value;
  control.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

/** Types a date (`YYYY-MM-DD`) into the day, month and year boxes of the from or to date, as a user would. */
async function chooseDate(el: CareEncounterTimeline, bound: 'from' | 'to', iso: string): Promise<void> {
  const [year, month, day] = iso.split('-');
  const boxes = { day: String(Number(day)), month: String(Number(month)), year };
  for (const [field, value] of Object.entries(boxes)) {
    const box = root(el).querySelector<HTMLInputElement>(`#filter-${bound}-${field}`)!;
    box.value = value;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    box.dispatchEvent(new Event('change', { bubbles: true }));
  }
  await el.updateComplete;
}

const activeKey = (el: CareEncounterTimeline) => (root(el).activeElement as HTMLElement | null)?.dataset.key;

describe('<care-encounter-timeline>', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  describe('loaded (synthetic UK record across GP, acute, community, mental health, social care)', () => {
    it('asks for the patient encounters newest first with the provider, practitioner and location included', async () => {
      const source = new PagedSource(
        { patient: timelinePatient, resources: ukEncounters() },
        { included: supportingResources },
      );
      await mount({ source });
      expect(source.pageRequests).to.deep.equal([
        'search Encounter patient=pt-timeline _sort=-date _include=Encounter:service-provider&_include=Encounter:practitioner&_include=Encounter:location _count=50',
      ]);
    });

    it('fires care-load with the number of encounters loaded', async () => {
      const { loads } = await mount({ bundle: ukTimelineBundle });
      expect(loads).to.deep.equal([8]);
    });

    it('groups by month and year, newest first, with full month names from a fixed table', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      expect(groupHeadings(el)).to.deep.equal([
        'January 2027',
        'November 2026',
        'October 2026',
        'March 2025',
      ]);
      const firstDates = entries(el).map((e) => clean(e.querySelector('.entry__when')?.textContent));
      expect(firstDates).to.deep.equal([
        '20-Jan-2027 10:00',
        '24-Nov-2026 15:00',
        '18-Nov-2026 13:30',
        '05-Nov-2026 11:20',
        '28-Oct-2026 09:10',
        '12-Oct-2026 15:30',
        '12-Oct-2026 10:45',
        '02-Mar-2025 18:00',
      ]);
    });

    it('shows dates as DD-Mmm-YYYY HH:mm in UK time, with a machine-readable <time>', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      // 14:30Z on 12-Oct-2026 is 15:30 BST.
      const inpatient = entryFor(el, 'Emergency hospital admission');
      const time = inpatient.querySelector('time')!;
      expect(clean(time.textContent)).to.equal('12-Oct-2026 15:30');
      expect(time.getAttribute('datetime')).to.equal('2026-10-12T14:30:00Z');
    });

    it('shows the length of stay of an inpatient spell, and none for other classes', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      expect(
        clean(entryFor(el, 'Emergency hospital admission').querySelector('.entry__stay')?.textContent),
      ).to.equal('Length of stay 3 days');
      expect(
        clean(entryFor(el, 'Mental health admission').querySelector('.entry__stay')?.textContent),
      ).to.equal('Length of stay 1 day');
      expect(entryFor(el, 'Emergency room admission').querySelector('.entry__stay')).to.equal(null);
    });

    it('shows each class by word and by an aria-hidden inline icon', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      const classes = entries(el).map((e) => clean(e.querySelector('.entry__class')?.textContent));
      expect(classes).to.deep.equal([
        'Outpatient',
        'Virtual',
        'Home visit',
        'Community',
        'Outpatient',
        'Inpatient',
        'Emergency',
        'Inpatient',
      ]);
      for (const entry of entries(el)) {
        const svg = entry.querySelector('svg')!;
        expect(svg.getAttribute('aria-hidden')).to.equal('true');
        expect(svg.getAttribute('focusable')).to.equal('false');
      }
      // Different classes draw different icons.
      const icon = (text: string) => entryFor(el, text).querySelector('svg')!.innerHTML;
      expect(icon('Emergency room admission')).not.to.equal(icon('Emergency hospital admission'));
    });

    it('shows type, reason, organisation with ODS code, location and clinician', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      const gp = entryFor(el, 'Telephone encounter');
      expect(clean(gp.querySelector('.entry__title')?.textContent)).to.equal(
        'Outpatient — Telephone encounter',
      );
      expect(detailsOf(gp)).to.deep.equal({
        Reason: 'Asthma review',
        Organisation: 'RIVERSIDE MEDICAL PRACTICE (Y90001)',
        Location: 'Riverside Medical Practice, Main Surgery',
        Clinician: 'Dr Amelia Hart',
      });
      // An organisation with no ODS code is still named.
      expect(detailsOf(entryFor(el, 'Care Act needs assessment')).Organisation).to.equal(
        'Northgate City Council Adult Social Care',
      );
    });

    it('shows the UK Core admission and discharge methods, wherever the extension sits', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      const acute = detailsOf(entryFor(el, 'Emergency hospital admission'));
      expect(acute['Admission method']).to.equal(
        'Emergency Admission: Emergency Care Department or dental casualty department of the health care provider',
      );
      expect(acute['Discharge method']).to.equal(
        'Patient discharged on clinical advice or with clinical consent',
      );
      const mentalHealth = detailsOf(entryFor(el, 'Mental health admission'));
      expect(mentalHealth['Admission method']).to.equal('Elective Admission: Waiting list');
      expect(mentalHealth['Discharge method']).to.equal(
        'Patient discharged on clinical advice or with clinical consent',
      );
      expect(detailsOf(entryFor(el, 'Telephone encounter'))).not.to.have.property('Admission method');
    });

    it('tells planned, in progress, finished and cancelled apart by word and by style, not colour alone', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      const badge = (text: string) => entryFor(el, text).querySelector<HTMLElement>('.status')!;
      expect(clean(badge('Follow-up visit').textContent)).to.equal('Planned');
      expect(clean(badge('Video consultation').textContent)).to.equal('In progress');
      expect(clean(badge('Telephone encounter').textContent)).to.equal('Finished');
      expect(clean(badge('Care Act needs assessment').textContent)).to.equal('Cancelled');

      const style = (text: string) => getComputedStyle(badge(text));
      const borders = [
        'Follow-up visit',
        'Video consultation',
        'Telephone encounter',
        'Care Act needs assessment',
      ].map((t) => `${style(t).borderTopStyle} ${style(t).borderTopWidth} ${style(t).fontWeight}`);
      expect(new Set(borders).size, borders.join(' | ')).to.equal(4);
      expect(style('Follow-up visit').borderTopStyle).to.equal('dashed');
      expect(style('Care Act needs assessment').borderTopStyle).to.equal('double');
      // In progress is a filled badge: its background differs from the entry's.
      expect(style('Video consultation').backgroundColor).not.to.equal(
        style('Telephone encounter').backgroundColor,
      );

      // Cancelled: struck through as well as the word.
      const cancelled = entryFor(el, 'Care Act needs assessment');
      expect(getComputedStyle(cancelled.querySelector('.entry__title')!).textDecorationLine).to.include(
        'line-through',
      );
      expect(
        getComputedStyle(entryFor(el, 'Telephone encounter').querySelector('.entry__title')!)
          .textDecorationLine,
      ).to.equal('none');
    });

    it('renders a plain semantic list of month groups when the list is short', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      const list = root(el).querySelector('[part~="list"]')!;
      expect(list.tagName).to.equal('OL');
      expect(list.classList.contains('list--virtual')).to.equal(false);
      expect(root(el).querySelectorAll('[part~="group"]').length).to.equal(4);
      for (const entry of entries(el)) {
        expect(entry.tagName).to.equal('LI');
        expect(entry.parentElement!.tagName).to.equal('OL');
      }
    });

    it('uses heading-level for its heading and the level below for month headings', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle, headingLevel: 3 });
      const heading = root(el).querySelector('[part~="header"] [role="heading"]')!;
      expect(clean(heading.textContent)).to.equal('Encounters');
      expect(heading.getAttribute('aria-level')).to.equal('3');
      expect(root(el).querySelector('.group-heading')!.getAttribute('aria-level')).to.equal('4');
    });

    it('announces what is shown in a polite live region', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      const region = root(el).querySelector('.summary')!;
      expect(region.getAttribute('role')).to.equal('status');
      expect(region.getAttribute('aria-live')).to.equal('polite');
      expect(summary(el)).to.equal('Showing 8 encounters');
    });

    it('passes axe', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      await expect(el).to.be.accessible();
    });

    it('works inside <care-record>, from its source and patient', async () => {
      const loads: number[] = [];
      const wrapper = await fixture<HTMLElement>(
        html`<care-record .bundle=${ukTimelineBundle}>
          <care-encounter-timeline
            @care-load=${(e: CustomEvent<{ count: number }>) => loads.push(e.detail.count)}
          ></care-encounter-timeline>
        </care-record>`,
      );
      await waitUntil(() => loads.length > 0, 'care-load was not fired');
      const el = wrapper.querySelector('care-encounter-timeline')!;
      await el.updateComplete;
      expect(loads).to.deep.equal([8]);
      expect(entries(el)).to.have.length(8);
    });
  });

  describe('UK Core and HL7 examples', () => {
    it('shows the UK Core Richard Smith inpatient encounter with organisation, location, consultant and methods', async () => {
      const bundle = recordBundle(ukCore.patientRichardSmith, [
        ukCore.encounterInpatient,
        ukCore.organisationLeeds,
        ukCore.locationCardiology,
        ukCore.practitionerGose,
      ]);
      const { el, loads } = await mount({ bundle });
      expect(loads).to.deep.equal([1]);
      expect(groupHeadings(el)).to.deep.equal(['December 2019']);
      const [entry] = entries(el);
      expect(clean(entry.querySelector('.entry__when')?.textContent)).to.equal('10-Dec-2019 13:00');
      expect(clean(entry.querySelector('.entry__stay')?.textContent)).to.equal('Length of stay 1 day');
      expect(clean(entry.querySelector('.entry__title')?.textContent)).to.equal(
        'Inpatient — Seen in hospital ward',
      );
      expect(detailsOf(entry)).to.deep.equal({
        Reason: 'General treatment',
        Organisation: 'LEEDS TEACHING HOSPITALS NHS TRUST (RR8)',
        Location: 'CARDIOLOGY SJUH',
        Clinician: 'Mrs Sandra Gose',
        'Admission method': 'Elective Admission: Planned',
        'Discharge method': 'Patient discharged on clinical advice or with clinical consent',
      });
    });

    it('shows the HL7 R4 examples of Patient/example: no period, an Australian time, a contained home location', async () => {
      const bundle = recordBundle(hl7r4.patientExample, [
        hl7r4.encounterExample,
        hl7r4.encounterEmerg,
        hl7r4.encounterHome,
      ]);
      const { el, loads } = await mount({ bundle });
      expect(loads).to.deep.equal([3]);
      expect(groupHeadings(el)).to.deep.equal(['January 2017', 'January 2015', 'Date not known']);
      // 07:15 at +10:00 on 1 Feb 2017 is 21:15 GMT the day before.
      expect(clean(entries(el)[0].querySelector('.entry__when')?.textContent)).to.equal('31-Jan-2017 21:15');
      expect(clean(entries(el)[0].querySelector('.status')?.textContent)).to.equal('In progress');
      const home = entries(el)[1];
      expect(clean(home.querySelector('.entry__class')?.textContent)).to.equal('Home visit');
      expect(detailsOf(home).Location).to.equal("Client's home");
      expect(clean(entries(el)[2].querySelector('.entry__when')?.textContent)).to.equal('Not known');
      await expect(el).to.be.accessible();
    });

    it('shows the HL7 R4 f201-f203 encounters with their organisations', async () => {
      const { organizationF201: hl7OrganizationF201, organization2: hl7Organization2 } = hl7r4;
      const bundle = recordBundle(hl7r4.patientF201, [
        hl7r4.encounterF201,
        hl7r4.encounterF202,
        hl7r4.encounterF203,
        hl7OrganizationF201,
        hl7Organization2,
      ]);
      const { el, loads } = await mount({ bundle });
      expect(loads).to.deep.equal([3]);
      const f203 = entryFor(el, '11-Mar-2013');
      expect(clean(f203.querySelector('.entry__stay')?.textContent)).to.equal('Length of stay 9 days');
      expect(detailsOf(f203).Organisation).to.equal(clean(hl7Organization2.name));
      expect(
        entries(el).filter((e) => detailsOf(e).Organisation === clean(hl7OrganizationF201.name)),
      ).to.have.length(2);
    });
  });

  describe('loading', () => {
    it('shows a skeleton with busy text, and passes axe', async () => {
      const gate = deferred();
      const source = new PagedSource(
        { patient: timelinePatient, resources: ukEncounters() },
        { gate: (r) => (r.startsWith('search Encounter') ? gate.promise : undefined) },
      );
      const { el, loads } = await mount({ source, wait: 'none' });
      await waitUntil(() => source.pageRequests.length === 1);
      await el.updateComplete;
      const loading = root(el).querySelector('[part~="loading"]')!;
      expect(loading.getAttribute('aria-busy')).to.equal('true');
      expect(loading.getAttribute('role')).to.equal('status');
      expect(clean(loading.textContent)).to.equal('Loading encounters');
      expect(entries(el)).to.have.length(0);
      await expect(el).to.be.accessible();
      gate.resolve();
      await waitUntil(() => loads.length === 1);
      expect(root(el).querySelector('[part~="loading"]')).to.equal(null);
    });
  });

  describe('empty', () => {
    it('says there are no encounters, fires care-load 0 and passes axe', async () => {
      const { el, loads } = await mount({ bundle: emptyTimelineBundle });
      expect(loads).to.deep.equal([0]);
      const empty = root(el).querySelector('[part~="empty"]')!;
      expect(clean(empty.textContent)).to.equal('No encounters are recorded for this patient.');
      expect(root(el).querySelector('[part~="filters"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe('error', () => {
    it('shows the RecordError message with Try again, fires care-error, and recovers on retry', async () => {
      let fail = true;
      const source = new PagedSource(
        { patient: timelinePatient, resources: ukEncounters() },
        {
          gate: (r) => {
            if (fail && r.startsWith('search Encounter')) {
              throw errorForStatus(403, '');
            }
          },
        },
      );
      const { el, errors, loads } = await mount({ source, wait: 'error' });
      expect(errors).to.have.length(1);
      expect(errors[0].detail.error).to.be.instanceOf(RecordError);
      expect(errors[0].detail.error.kind).to.equal('forbidden');
      const error = root(el).querySelector('[part~="error"]')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(clean(error.textContent)).to.include('Encounters could not be loaded');
      expect(clean(error.textContent)).to.include(
        'The record server refused the request (403 Forbidden). You may not have permission to see this record.',
      );
      await expect(el).to.be.accessible();

      fail = false;
      error.querySelector('button')!.click();
      await waitUntil(() => loads.length === 1, 'no care-load after retry');
      await el.updateComplete;
      expect(entries(el)).to.have.length(8);
    });
  });

  describe('restricted record', () => {
    it('shows the Restricted record marker in the header and no location anywhere in the DOM', async () => {
      const { el } = await mount({ bundle: restrictedTimelineBundle });
      const header = root(el).querySelector('[part~="header"]')!;
      expect(clean(header.querySelector('[part~="restricted"]')?.textContent)).to.equal('Restricted record');
      const dom = root(el).innerHTML;
      for (const secret of [
        'Ward 12',
        "Patient's home",
        'Mill Lane',
        'Outpatients Clinic B',
        'Main Surgery',
        'Willow Ward',
      ]) {
        expect(dom, secret).not.to.include(secret);
      }
      expect(root(el).querySelectorAll('dt')).to.satisfy((dts: NodeListOf<Element>) =>
        [...dts].every((dt) => clean(dt.textContent) !== 'Location'),
      );
      // The kind of setting stays; the GP practice's name and ODS code go (they lead to where the patient lives).
      expect(detailsOf(entryFor(el, 'Telephone encounter')).Organisation).to.equal(
        'GP practice (withheld: restricted record)',
      );
      expect(dom).not.to.include('RIVERSIDE MEDICAL PRACTICE').and.not.to.include('Y90001');
      // A hospital trust stays named: it does not narrow down where the patient lives.
      const options = [...root(el).querySelectorAll('#filter-organisation option')].map((o) =>
        clean(o.textContent),
      );
      expect(options).to.include('GP practice (withheld: restricted record)');
      expect(options).to.include('NORTHGATE TEACHING HOSPITALS NHS TRUST (R9A)');
      await expect(el).to.be.accessible();
    });

    it('does not ask for locations and hands out the Encounter without them', async () => {
      const source = new PagedSource(
        { patient: restrictedPatient, resources: ukEncounters(restrictedPatient) },
        { included: supportingResources },
      );
      const { el, selects } = await mount({ source });
      expect(source.pageRequests[0]).not.to.include('_include');
      expect(source.requests.filter((r) => r.includes('Location'))).to.deep.equal([]);
      // The registered practice (a GP practice by its ODS code) is never requested.
      expect(source.requests.filter((r) => r.includes('org-gp'))).to.deep.equal([]);
      entryFor(el, 'Care Act needs assessment').click();
      expect(selects).to.have.length(1);
      const resource = selects[0].detail.resource as Encounter;
      expect(resource.id).to.equal('pt-restricted-social-cancelled');
      expect(resource).not.to.have.property('location');
      expect(resource.serviceProvider?.reference).to.equal('Organization/org-social');
    });

    it('hides a contained home location (HL7 Encounter/home) for a restricted patient', async () => {
      const restrictedExample: Patient = {
        ...hl7r4.patientExample,
        meta: {
          security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'V' }],
        },
      };
      const { el, selects } = await mount({ bundle: recordBundle(restrictedExample, [hl7r4.encounterHome]) });
      expect(root(el).innerHTML).not.to.include("Client's home");
      expect(clean(root(el).querySelector('[part~="restricted"]')?.textContent)).to.equal(
        'Restricted record',
      );
      entries(el)[0].click();
      const resource = selects[0].detail.resource as Encounter;
      expect(JSON.stringify(resource)).not.to.include("Client's home");
      expect(resource.contained ?? []).to.deep.equal([]);
      expect(resource).not.to.have.property('text');
      expect(resource.class.code).to.equal('HH');
    });

    it('has no marker for a record that is not restricted', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      expect(root(el).querySelector('[part~="restricted"]')).to.equal(null);
    });
  });

  describe('deceased patient', () => {
    it('still shows every encounter', async () => {
      const { el, loads } = await mount({ bundle: deceasedTimelineBundle });
      expect(loads).to.deep.equal([8]);
      expect(entries(el)[1].dataset.key).to.equal('1:pt-deceased-mh-virtual');
      await expect(el).to.be.accessible();
    });

    it('says so first, with the date of death', async () => {
      const { el } = await mount({ bundle: deceasedTimelineBundle });
      const notice = root(el).querySelector('[part="deceased"]')!;
      expect(clean(notice.textContent)).to.equal('Died 24-Nov-2026.');
      expect(notice.compareDocumentPosition(entries(el)[0]) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(
        0,
      );
      await expect(el).to.be.accessible();
    });
  });

  describe('filters', () => {
    it('builds the class and organisation selects from the loaded data, with labels', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      const filters = root(el).querySelector('[part~="filters"]')!;
      const options = (id: string) =>
        [...filters.querySelectorAll(`#${id} option`)].map((o) => clean(o.textContent));
      expect(options('filter-class')).to.deep.equal([
        'All',
        'Inpatient',
        'Outpatient',
        'Emergency',
        'Community',
        'Virtual',
        'Home visit',
      ]);
      expect(options('filter-organisation')).to.deep.equal([
        'All',
        'Northgate City Council Adult Social Care',
        'NORTHGATE COMMUNITY HEALTH NHS TRUST (R9C)',
        'NORTHGATE MENTAL HEALTH NHS FOUNDATION TRUST (R9M)',
        'NORTHGATE TEACHING HOSPITALS NHS TRUST (R9A)',
        'RIVERSIDE MEDICAL PRACTICE (Y90001)',
      ]);
      for (const id of ['filter-class', 'filter-organisation']) {
        expect(clean(filters.querySelector(`label[for="${id}"]`)?.textContent), id).not.to.equal('');
      }
      // Dates in the NHS date input pattern: never <input type="date"> (mm/dd/yyyy in en-US browsers).
      expect(filters.querySelector('input[type="date"]')).to.equal(null);
      const legends = [...filters.querySelectorAll('fieldset > legend')].map((l) => clean(l.textContent));
      expect(legends).to.deep.equal(['From date', 'To date']);
      for (const bound of ['from', 'to']) {
        for (const field of ['day', 'month', 'year']) {
          const box = filters.querySelector<HTMLInputElement>(`#filter-${bound}-${field}`)!;
          expect(box.type).to.equal('text');
          expect(box.inputMode).to.equal('numeric');
          expect(clean(filters.querySelector(`label[for="${box.id}"]`)?.textContent)).to.equal(
            field.charAt(0).toUpperCase() + field.slice(1),
          );
        }
      }
    });

    it('filters by class and says how many match, without firing care-load again', async () => {
      const { el, loads } = await mount({ bundle: ukTimelineBundle });
      await choose(el, 'filter-class', 'inpatient');
      expect(entryTexts(el).map((t) => t.slice(0, 17))).to.deep.equal([
        '12-Oct-2026 15:30',
        '02-Mar-2025 18:00',
      ]);
      expect(summary(el)).to.equal('2 of 8 loaded encounters match the filters');
      expect(loads).to.deep.equal([8]);
    });

    it('filters by organisation', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      await choose(el, 'filter-organisation', 'NORTHGATE TEACHING HOSPITALS NHS TRUST (R9A)');
      expect(entries(el)).to.have.length(3);
      expect(
        entries(el).every(
          (e) => detailsOf(e).Organisation === 'NORTHGATE TEACHING HOSPITALS NHS TRUST (R9A)',
        ),
      ).to.equal(true);
    });

    it('filters by a date range, keeping spells that overlap it', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      await chooseDate(el, 'from', '2026-10-01');
      await chooseDate(el, 'to', '2026-10-31');
      expect(groupHeadings(el)).to.deep.equal(['October 2026']);
      expect(entries(el)).to.have.length(3);
      // The inpatient spell 12-15 Oct overlaps 14 Oct; the A&E attendance on the 12th does not.
      await chooseDate(el, 'from', '2026-10-14');
      await chooseDate(el, 'to', '2026-10-14');
      expect(entryTexts(el)).to.have.length(1);
      expect(entryTexts(el)[0]).to.include('Emergency hospital admission');
    });

    it('says when a date is impossible or the from date is after the to date, and does not filter by it', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      const error = (bound: string) => clean(root(el).querySelector(`#filter-${bound}-error`)?.textContent);
      const fieldset = (bound: string) =>
        root(el).querySelector(`#filter-${bound}-day`)!.closest('fieldset')!;
      await chooseDate(el, 'from', '2024-02-31');
      expect(error('from')).to.equal('Error: From date must be a real date');
      expect(fieldset('from').getAttribute('aria-describedby')).to.equal(
        'filter-from-hint filter-from-error',
      );
      expect(root(el).querySelector('#filter-from-day')!.getAttribute('aria-invalid')).to.equal('true');
      expect(entries(el)).to.have.length(8);
      await expect(el).to.be.accessible();

      await chooseDate(el, 'from', '2026-10-14');
      expect(root(el).querySelector('#filter-from-error')).to.equal(null);
      await chooseDate(el, 'to', '2026-10-01');
      expect(error('to')).to.equal('Error: To date must be the same as or after the from date, 14-Oct-2026');
      // Only the from date filters until the to date is put right.
      expect(summary(el)).to.match(/^\d of 8 loaded encounters match the filters$/);
      await chooseDate(el, 'from', '2025-03-01');
      expect(root(el).querySelector('#filter-to-error')).to.equal(null);
      expect(groupHeadings(el)).to.deep.equal(['March 2025']);
      await expect(el).to.be.accessible();

      [...root(el).querySelectorAll<HTMLButtonElement>('[part~="filters"] button')]
        .find((b) => clean(b.textContent) === 'Clear filters')!
        .click();
      await el.updateComplete;
      expect(root(el).querySelector<HTMLInputElement>('#filter-from-year')!.value).to.equal('');
      expect(entries(el)).to.have.length(8);
    });

    it('says what a half-typed date is missing once the focus leaves it', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      const day = root(el).querySelector<HTMLInputElement>('#filter-from-day')!;
      day.value = '15';
      day.dispatchEvent(new Event('input', { bubbles: true }));
      day.dispatchEvent(new Event('change', { bubbles: true }));
      const month = root(el).querySelector<HTMLInputElement>('#filter-from-month')!;
      day.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: month }));
      await el.updateComplete;
      expect(root(el).querySelector('#filter-from-error')).to.equal(null);
      month.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: null }));
      await el.updateComplete;
      expect(clean(root(el).querySelector('#filter-from-error')?.textContent)).to.equal(
        'Error: From date must include a month and year',
      );
      expect(root(el).querySelector('#filter-from-day')!.hasAttribute('aria-invalid')).to.equal(false);
      expect(root(el).querySelector('#filter-from-year')!.getAttribute('aria-invalid')).to.equal('true');
    });

    it('says when nothing matches, and Clear filters brings everything back', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      await choose(el, 'filter-class', 'virtual');
      await choose(el, 'filter-organisation', 'RIVERSIDE MEDICAL PRACTICE (Y90001)');
      expect(entries(el)).to.have.length(0);
      expect(clean(root(el).querySelector('[part~="empty"]')?.textContent)).to.equal(
        'No loaded encounters match the filters.',
      );
      expect(summary(el)).to.equal('0 of 8 loaded encounters match the filters');
      await expect(el).to.be.accessible();
      const clear = [...root(el).querySelectorAll<HTMLButtonElement>('[part~="filters"] button')].find(
        (b) => clean(b.textContent) === 'Clear filters',
      )!;
      clear.click();
      await el.updateComplete;
      expect(entries(el)).to.have.length(8);
      expect(summary(el)).to.equal('Showing 8 encounters');
    });
  });

  describe('keyboard and selection', () => {
    it('puts the entries in one tab stop', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      const tabbable = entries(el).filter((e) => e.tabIndex === 0);
      expect(tabbable).to.have.length(1);
      expect(tabbable[0]).to.equal(entries(el)[0]);
      expect(
        entries(el)
          .slice(1)
          .every((e) => e.getAttribute('tabindex') === '-1'),
      ).to.equal(true);
    });

    it('moves with ArrowDown / ArrowUp across month groups, and Home / End', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      const keys = entries(el).map((e) => e.dataset.key);
      entries(el)[0].focus();
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => activeKey(el) === keys[1], 'ArrowDown did not move into the next month group');
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => activeKey(el) === keys[2]);
      await sendKeys({ press: 'ArrowUp' });
      await waitUntil(() => activeKey(el) === keys[1]);
      await sendKeys({ press: 'End' });
      await waitUntil(() => activeKey(el) === keys[7]);
      await sendKeys({ press: 'ArrowDown' });
      await aTimeout(20);
      expect(activeKey(el)).to.equal(keys[7]);
      await sendKeys({ press: 'Home' });
      await waitUntil(() => activeKey(el) === keys[0]);
      // The tab stop follows focus.
      expect(
        entries(el)
          .filter((e) => e.tabIndex === 0)
          .map((e) => e.dataset.key),
      ).to.deep.equal([keys[0]]);
    });

    it('Tab leaves the list from the active entry and Shift+Tab comes back to it', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      const keys = entries(el).map((e) => e.dataset.key);
      entries(el)[0].focus();
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => activeKey(el) === keys[1]);
      await sendKeys({ press: 'Tab' });
      expect(activeKey(el)).to.equal(undefined);
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(activeKey(el)).to.equal(keys[1]);
    });

    it('Enter and Space select: care-select carries the Encounter', async () => {
      const { el, selects } = await mount({ bundle: ukTimelineBundle });
      entries(el)[1].focus();
      await sendKeys({ press: 'Enter' });
      expect(selects).to.have.length(1);
      expect(selects[0].detail.resource.resourceType).to.equal('Encounter');
      expect(selects[0].detail.resource.id).to.equal('pt-timeline-mh-virtual');
      expect(selects[0].bubbles && selects[0].composed).to.equal(true);
      await sendKeys({ press: 'Space' });
      expect(selects).to.have.length(2);
      expect(selects[1].detail.resource.id).to.equal('pt-timeline-mh-virtual');
    });

    it('a click selects and moves the tab stop', async () => {
      const { el, selects } = await mount({ bundle: ukTimelineBundle });
      const target = entryFor(el, 'Emergency room admission');
      (target.querySelector('.entry__title') as HTMLElement).click();
      expect(selects.map((s) => s.detail.resource.id)).to.deep.equal(['pt-timeline-ae']);
      await el.updateComplete;
      expect(entries(el).filter((e) => e.tabIndex === 0)).to.deep.equal([target]);
    });

    it('keeps a tab stop on a shown entry when the active one is filtered out', async () => {
      const { el } = await mount({ bundle: ukTimelineBundle });
      entryFor(el, 'Video consultation').click();
      await choose(el, 'filter-class', 'inpatient');
      expect(entries(el).filter((e) => e.tabIndex === 0)).to.deep.equal([entries(el)[0]]);
    });
  });

  describe('streaming (stub source paging with next)', () => {
    it('shows the first page at once, streams the rest below it with progress, and fires care-load once, complete', async () => {
      const gate = deferred();
      const source = new PagedSource(
        { patient: timelinePatient, resources: generateEncounters(120) },
        { gate: (r) => (r === 'next 100' ? gate.promise : undefined) },
      );
      const progress: { loaded: number; total?: number }[] = [];
      const { el, loads } = await mount({ source, pageSize: 50, wait: 'none' });
      el.addEventListener('care-progress', (e) => progress.push(e.detail));
      await waitUntil(() => entries(el).length >= 50, 'first page shown');
      await waitUntil(() => source.pageRequests.includes('next 100'), 'second page streamed in');
      await el.updateComplete;
      expect(entries(el)).to.have.length(100);
      expect(loads).to.deep.equal([]);
      const status = root(el).querySelector('[part~="progress"]')!;
      expect(clean(status.textContent)).to.equal('Loaded 100 of 120');
      expect(status.querySelector<HTMLProgressElement>('progress')!.value).to.equal(100);
      expect(summary(el)).to.equal('Showing 100 of 120 encounters');
      expect(loadMoreButton(el)).to.equal(null);
      const firstKeys = entries(el).map((e) => e.dataset.key);
      await expect(el).to.be.accessible();

      gate.resolve();
      await waitUntil(() => loads.length === 1, 'care-load once every page is in');
      await el.updateComplete;
      expect(loads).to.deep.equal([120]);
      expect(progress.map((p) => p.loaded)).to.deep.equal([100, 120]);
      expect(source.pageRequests.slice(1)).to.deep.equal(['next 50', 'next 100']);
      // Later pages joined below: the rows shown first kept their places.
      expect(
        entries(el)
          .slice(0, 100)
          .map((e) => e.dataset.key),
      ).to.deep.equal(firstKeys);
      expect(root(el).querySelector('[part~="progress"]')).to.equal(null);
      expect(summary(el)).to.equal('Showing 120 encounters');
    });

    it('without a total, says how many have loaded so far', async () => {
      const gate = deferred();
      const source = new PagedSource(
        { patient: timelinePatient, resources: generateEncounters(120) },
        { withTotal: false, gate: (r) => (r.startsWith('next') ? gate.promise : undefined) },
      );
      const { el } = await mount({ source, pageSize: 40, wait: 'none' });
      await waitUntil(() => entries(el).length === 40);
      await el.updateComplete;
      expect(clean(root(el).querySelector('[part~="progress"]')?.textContent)).to.equal('Loaded 40+');
      expect(root(el).querySelector<HTMLProgressElement>('[part~="progress"] progress')!.position).to.equal(
        -1,
      );
      gate.resolve();
    });

    it('filters apply to everything loaded and say when loading is still going on', async () => {
      const gate = deferred();
      const source = new PagedSource(
        { patient: timelinePatient, resources: generateEncounters(120) },
        { gate: (r) => (r.startsWith('next') ? gate.promise : undefined) },
      );
      const { el, loads } = await mount({ source, pageSize: 50, wait: 'none' });
      await waitUntil(() => entries(el).length === 50);
      await choose(el, 'filter-class', 'inpatient');
      expect(summary(el)).to.match(/^\d+ of 50 loaded encounters match the filters \(still loading\)$/);
      gate.resolve();
      await waitUntil(() => loads.length === 1);
      await el.updateComplete;
      expect(summary(el)).to.match(/^\d+ of 120 loaded encounters match the filters$/);
    });

    it('a failed later page keeps what is loaded, says so, and Try again asks for that page', async () => {
      let fail = true;
      const source = new PagedSource(
        { patient: timelinePatient, resources: generateEncounters(120) },
        {
          gate: (r) => {
            if (fail && r === 'next 50') throw new RecordError('timeout', 'timeout', { timeout: 30_000 });
          },
        },
      );
      const { el, loads, errors } = await mount({ source, pageSize: 50 });
      expect(loads).to.deep.equal([50]);
      expect(errors.map((e) => e.detail.error.kind)).to.deep.equal(['timeout']);
      const notice = root(el).querySelector('.notice')!;
      expect(notice.getAttribute('role')).to.equal('alert');
      expect(clean(notice.textContent)).to.contain(
        'Encounters: 50 of 120 loaded. The record server did not answer within 30 seconds. Try again.',
      );
      expect(entries(el)).to.have.length(50);
      await expect(el).to.be.accessible();
      fail = false;
      notice.querySelector('button')!.click();
      await waitUntil(() => loads.length === 2);
      await el.updateComplete;
      expect(loads).to.deep.equal([50, 120]);
      expect(source.pageRequests.slice(1)).to.deep.equal(['next 50', 'next 50', 'next 100']);
      expect(root(el).querySelector('.notice')).to.equal(null);
    });

    it('a server whose total its pages never reach says so: incomplete is never silent', async () => {
      const source = new PagedSource({ patient: timelinePatient, resources: generateEncounters(100) });
      // The server sends no next link after page 1, while its total says 100.
      const search = source.search.bind(source);
      source.search = (async (type: string, params?: SearchParams, options?: RequestOptions) => ({
        ...(await search(type as 'Encounter', params, options)),
        next: undefined,
      })) as typeof source.search;
      const loadDetails: unknown[] = [];
      const { el } = await mount({ source, pageSize: 20, wait: 'none' });
      el.addEventListener('care-load', (e) => loadDetails.push(e.detail));
      await waitUntil(() => entries(el).length === 20);
      await waitUntil(() => loadDetails.length === 1, 'care-load');
      expect(loadDetails[0]).to.deep.equal({ count: 20, total: 100, complete: false });
      expect(clean(root(el).querySelector('.notice')?.textContent)).to.contain(
        'Encounters: showing 20 of 100: the record server sent no link to the rest.',
      );
    });
  });

  describe('untrustworthy pages', () => {
    it("a later page holding another patient's encounter removes the whole timeline", async () => {
      const [stranger] = generateEncounters(1);
      const resources = [
        ...generateEncounters(60),
        { ...stranger, id: 'stranger', subject: { reference: 'Patient/someone-else' } },
      ];
      const source = new PagedSource({ patient: timelinePatient, resources });
      const { el, errors } = await mount({ source, pageSize: 50, wait: 'error' });
      await el.updateComplete;
      expect(errors[0].detail.error.kind).to.equal('patient-mismatch');
      expect(entries(el)).to.have.length(0);
      const state = root(el).querySelector('[part~="error"]')!;
      expect(clean(state.textContent)).to.contain('records that belong to someone else');
      await expect(el).to.be.accessible();
    });

    it('a next link back to a page already read stops with a message and no Try again', async () => {
      const source = new PagedSource({ patient: timelinePatient, resources: generateEncounters(200) });
      const next = source.searchNext.bind(source);
      source.searchNext = async (cursor, options) => ({ ...(await next(cursor, options)), next: cursor });
      const { el, loads } = await mount({ source, pageSize: 50 });
      await el.updateComplete;
      expect(loads).to.deep.equal([100]);
      expect(entries(el)).to.have.length(100);
      const notice = root(el).querySelector('.notice')!;
      expect(clean(notice.textContent)).to.contain('leads back to a page already read');
      expect(notice.querySelector('button')).to.equal(null);
      expect(source.pageRequests).to.have.length(2);
    });
  });

  describe('5,000 encounters', () => {
    it('loads 5,000 over next links and keeps only a bounded number of entries in the DOM', async function () {
      this.timeout(60000);
      const source = fiveThousandSource();
      const { el, loads } = await mount({ source, pageSize: 1000 });
      await el.updateComplete;
      expect(loads).to.deep.equal([5000]);
      expect(source.pageRequests.slice(1)).to.deep.equal([
        'next 1000',
        'next 2000',
        'next 3000',
        'next 4000',
      ]);
      expect(summary(el)).to.equal('Showing 5,000 encounters');
      expect(loadMoreButton(el)).to.equal(null);
      // The virtualiser lays the rows out after the list renders: wait for it, not for a time.
      await waitUntil(() => entries(el).some((e) => e.tabIndex === 0), 'virtualised rows laid out', {
        timeout: 15000,
      });
      const list = root(el).querySelector('[part~="list"]')!;
      expect(list.tagName).to.equal('OL');
      expect(list.classList.contains('list--virtual')).to.equal(true);
      const rendered = entries(el).length;
      expect(rendered).to.be.greaterThan(0);
      expect(rendered).to.be.lessThan(100);
      expect(entries(el).filter((e) => e.tabIndex === 0)).to.have.length(1);
      // Rows are list items of the list, headings included.
      expect([...list.children].every((child) => child.tagName === 'LI')).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('moves the tab stop to an entry in view when the active one is scrolled out of the DOM', async function () {
      this.timeout(30000);
      const { el } = await mount({ source: fiveThousandSource(), pageSize: 5000 });
      await waitUntil(() => entries(el).some((e) => e.tabIndex === 0), 'a tab stop among the first rows');
      expect(entries(el).find((e) => e.tabIndex === 0)?.dataset.key).to.match(/^0:/);
      const list = root(el).querySelector<HTMLElement>('[part~="list"]')!;
      // Scroll to the middle on every check: on a loaded machine the virtualiser may still be
      // sizing the list when the first scroll happens.
      const scrollToMiddle = () =>
        window.scrollTo(0, list.getBoundingClientRect().top + window.scrollY + list.offsetHeight / 2);
      await waitUntil(
        () => {
          scrollToMiddle();
          const stops = entries(el).filter((e) => e.tabIndex === 0);
          return stops.length === 1 && !stops[0].dataset.key!.startsWith('0:');
        },
        'no tab stop among the rows in view',
        // Generous: the virtualiser lays out 5,000 rows, slow on a loaded 2-core machine.
        { timeout: 15000 },
      );
      window.scrollTo(0, 0);
    });

    it('inside a scrolling panel of the page, scrolling the panel brings the later rows', async function () {
      this.timeout(30000);
      const panel = await fixture<HTMLDivElement>(
        html`<div style="height: 400px; overflow: auto">
          <care-encounter-timeline .source=${fiveThousandSource()} page-size="5000"></care-encounter-timeline>
        </div>`,
      );
      const el = panel.querySelector<CareEncounterTimeline>('care-encounter-timeline')!;
      await waitUntil(() => entries(el).length > 0, 'rows laid out', { timeout: 15000 });
      expect(entries(el).some((e) => e.dataset.key!.startsWith('4999:'))).to.equal(false);
      // Let the virtualiser size the list, then scroll the panel (not the window) to its end; again
      // on every check, as the list's height changes while the virtualiser measures the rows it lays out.
      await waitUntil(() => panel.scrollHeight > 10000, 'list sized', { timeout: 15000 });
      await waitUntil(
        () => {
          panel.scrollTop = panel.scrollHeight;
          return entries(el).some((e) => e.dataset.key!.startsWith('4999:'));
        },
        'the last encounter never rendered after the panel scrolled',
        { timeout: 15000 },
      );
      expect(entries(el).length).to.be.lessThan(100);
    });

    it('scrolling through the virtualised list leaves no nodes behind (lit/lit#5298)', async function () {
      this.timeout(60000);
      const { el } = await mount({ source: fiveThousandSource(), pageSize: 5000 });
      await waitUntil(() => entries(el).length > 0, 'rows laid out', { timeout: 15000 });
      const list = root(el).querySelector('ol.list')!;
      const nodes = () => list.childNodes.length;
      const before = nodes();
      for (let step = 0; step < 40; step += 1) {
        window.scrollBy(0, 800);
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      }
      // The rows in view change; the number of nodes the list holds does not grow with the scrolling.
      expect(nodes()).to.be.lessThan(before * 2);
      window.scrollTo(0, 0);
    });

    it('virtualises only long lists: a filter that leaves few entries renders a plain list', async function () {
      this.timeout(30000);
      const { el } = await mount({ source: fiveThousandSource(), pageSize: 5000 });
      expect(root(el).querySelector('.list--virtual')).not.to.equal(null);
      await chooseDate(el, 'from', '2026-11-01');
      const shown = entries(el).length;
      expect(shown).to.be.greaterThan(0);
      expect(shown).to.be.at.most(VIRTUALIZE_AFTER);
      expect(root(el).querySelector('.list--virtual')).to.equal(null);
      expect(summary(el)).to.equal(`${shown} of 5,000 loaded encounters match the filters`);
    });

    it('uses full month names in the headings (September, never Sept)', async function () {
      this.timeout(30000);
      const { el } = await mount({ source: fiveThousandSource(), pageSize: 5000 });
      await chooseDate(el, 'from', '2026-09-10');
      await chooseDate(el, 'to', '2026-09-20');
      expect(groupHeadings(el)).to.deep.equal(['September 2026']);
    });

    it('keyboard End reaches the last of 5,000 and Home comes back, through the virtualiser', async function () {
      this.timeout(60000);
      const { el } = await mount({ source: fiveThousandSource(), pageSize: 5000 });
      await waitUntil(() => entries(el).length > 0, 'rows laid out', { timeout: 15000 });
      entries(el)[0].focus();
      await sendKeys({ press: 'End' });
      await waitUntil(() => activeKey(el)?.startsWith('4999:'), 'End did not reach the last entry', {
        timeout: 10000,
      });
      expect(clean(root(el).activeElement?.textContent)).to.include('Video call 5000');
      await sendKeys({ press: 'ArrowUp' });
      await waitUntil(() => activeKey(el)?.startsWith('4998:'));
      await sendKeys({ press: 'Home' });
      await waitUntil(() => activeKey(el)?.startsWith('0:'), 'Home did not come back', { timeout: 10000 });
      expect(entries(el).length).to.be.lessThan(100);
    });
  });

  describe('patient switch', () => {
    const records = () => [
      { patient: timelinePatient, resources: ukEncounters(timelinePatient) },
      { patient: otherPatient, resources: generateEncounters(3, otherPatient) },
    ];

    it('mid first page: shows only the new patient', async () => {
      const gate = deferred();
      const source = new PagedSource(records(), {
        gate: (r) => (r.includes('patient=pt-timeline') ? gate.promise : undefined),
      });
      const { el, loads } = await mount({ source, patient: 'pt-timeline', wait: 'none' });
      await waitUntil(() => source.pageRequests.length === 1);
      el.patient = 'pt-other';
      await waitUntil(() => loads.length === 1);
      gate.resolve();
      await aTimeout(50);
      await el.updateComplete;
      expect(loads).to.deep.equal([3]);
      expect(entries(el)).to.have.length(3);
      expect(entries(el).every((e) => e.dataset.key!.includes('gen-pt-other-'))).to.equal(true);
      expect(root(el).innerHTML).not.to.include('Telephone encounter');
    });

    it('mid stream: the old patient page never joins the new patient list', async () => {
      const gate = deferred();
      const first = { patient: timelinePatient, resources: generateEncounters(80, timelinePatient) };
      const second = { patient: otherPatient, resources: generateEncounters(3, otherPatient) };
      const source = new PagedSource([first, second], {
        gate: (r) => (r.startsWith('next') ? gate.promise : undefined),
      });
      const { el, loads } = await mount({ source, patient: 'pt-timeline', wait: 'none' });
      await waitUntil(() => source.pageRequests.includes('next 50'));
      await choose(el, 'filter-class', 'inpatient');
      el.patient = 'pt-other';
      await waitUntil(() => loads.length === 1, 'the new patient did not load');
      gate.resolve();
      await aTimeout(50);
      await el.updateComplete;
      expect(loads).to.deep.equal([3]);
      expect(entries(el)).to.have.length(3);
      expect(entries(el).every((e) => e.dataset.key!.includes('gen-pt-other-'))).to.equal(true);
      expect(summary(el)).to.equal('Showing 3 encounters');
      // Filters belonged to the last patient.
      expect((root(el).querySelector('#filter-class') as HTMLSelectElement).value).to.equal('');
    });
  });

  describe('malformed encounters', () => {
    it('renders what it can: no period, no class, unknown class code, wrong types', async () => {
      const { el, loads } = await mount({ bundle: malformedTimelineBundle });
      expect(loads).to.deep.equal([4]);
      expect(groupHeadings(el)).to.deep.equal(['June 2026', 'May 2026', 'Date not known']);
      const noClass = entryFor(el, 'Encounter with no class');
      expect(clean(noClass.querySelector('.entry__class')?.textContent)).to.equal('Other');
      expect(noClass.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
      const unknown = entryFor(el, 'Encounter with an unknown class code');
      expect(clean(unknown.querySelector('.entry__class')?.textContent)).to.equal('Other');
      const noPeriod = entryFor(el, 'Encounter with no period');
      expect(clean(noPeriod.querySelector('.entry__when')?.textContent)).to.equal('Not known');
      expect(noPeriod.querySelector('time')).to.equal(null);
      expect(detailsOf(noPeriod).Organisation).to.equal('RIVERSIDE MEDICAL PRACTICE (Y90001)');
      const wrong = entries(el).find((e) => e.dataset.key!.endsWith('wrong-types'))!;
      expect(clean(wrong.querySelector('.entry__when')?.textContent)).to.equal('Not known');
      expect(clean(wrong.querySelector('.status')?.textContent)).to.equal('Not known');
      expect(detailsOf(wrong)).not.to.have.property('Location');
      await expect(el).to.be.accessible();
    });

    it('ignores anything in a page that is not an Encounter', async () => {
      const source: RecordSource = new BundleSource(ukTimelineBundle);
      const odd: RecordSource = {
        read: (type, id, options) => source.read(type, id, options),
        defaultPatient: (options) => source.defaultPatient!(options),
        resolve: (ref, options) => source.resolve(ref, options),
        searchNext: (next, options) => source.searchNext(next, options),
        search: async (type, params, options) => {
          const page = await source.search(type, params, options);
          return type === 'Encounter'
            ? { ...page, resources: [gpPractice, null, ...page.resources, acuteTrust] as never[] }
            : page;
        },
      };
      const { el, loads } = await mount({ source: odd });
      expect(loads).to.deep.equal([8]);
      expect(entries(el)).to.have.length(8);
    });
  });
});
