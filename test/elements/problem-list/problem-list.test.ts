import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { Bundle, Condition, FhirResource, Patient, Resource } from 'fhir/r4';
import '../../../src/all.js';
import type { CareProblemList } from '../../../src/elements/problem-list/problem-list.component.js';
import type { CareErrorEvent, CareLoadEvent, CareSelectEvent } from '../../../src/base/events.js';
import { errorForStatus } from '../../../src/data/fhir-http.js';
import type {
  RecordSource,
  RequestOptions,
  SearchParams,
  SearchResult,
} from '../../../src/data/record-source.js';
import {
  PROBLEMS_NOW,
  asthma,
  diabetes,
  emptyProblemBundle,
  kidneyInjury,
  malformedProblemBundle,
  pastOnlyProblemBundle,
  problemBundle,
  problemGp,
  problemPatient,
  problemPatientRestricted,
} from '../../fixtures/problem-list/synthetic-uk.js';
import {
  generateConditions,
  manyProblemsPatient,
  manyProblemsSource,
} from '../../fixtures/problem-list/paged-source.js';
import { collection } from '../../fixtures/collection.js';
import { hl7r4 } from '../../fixtures/hl7-r4/index.js';
import { ukCore } from '../../fixtures/uk-core/index.js';
import {
  FailingSource,
  PagedSource,
  PendingSource,
  RecordingSource,
  deferred,
} from '../../fixtures/sources.js';
import fletcherHyatt from '../../fixtures/bundles/synthea-fletcher-hyatt-conditions.json' with { type: 'json' };
import { $, $$, clean, root } from '../../helpers/dom.js';

interface Mounted {
  el: CareProblemList;
  loads: CareLoadEvent[];
  errors: CareErrorEvent[];
  selects: CareSelectEvent[];
}

interface MountOptions {
  wait?: 'load' | 'error' | 'none';
  patient?: string;
  view?: 'active' | 'past';
  headingLevel?: number;
  width?: number;
}

async function mount(
  { bundle, source }: { bundle?: Bundle; source?: RecordSource },
  { wait = 'load', patient, view = 'active', headingLevel = 2, width }: MountOptions = {},
): Promise<Mounted> {
  const loads: CareLoadEvent[] = [];
  const errors: CareErrorEvent[] = [];
  const selects: CareSelectEvent[] = [];
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style=${width ? `width: ${width}px` : ''}>
      <care-problem-list
        .bundle=${bundle}
        .source=${source}
        .now=${PROBLEMS_NOW}
        patient=${patient ?? ''}
        view=${view}
        heading-level=${headingLevel}
        @care-load=${(e: CareLoadEvent) => loads.push(e)}
        @care-error=${(e: CareErrorEvent) => errors.push(e)}
        @care-select=${(e: CareSelectEvent) => selects.push(e)}
      ></care-problem-list>
    </div>`,
  );
  const el = wrapper.querySelector<CareProblemList>('care-problem-list')!;
  if (wait === 'load') await waitUntil(() => loads.length > 0, 'care-load never fired', { timeout: 5000 });
  if (wait === 'error') await waitUntil(() => errors.length > 0, 'care-error never fired', { timeout: 5000 });
  await el.updateComplete;
  return { el, loads, errors, selects };
}

const rows = (el: CareProblemList, kind?: string) =>
  $$<HTMLLIElement>(el, kind ? `.group--${kind} li[part="item"]` : 'li[part="item"]');
const names = (el: CareProblemList, kind?: string) =>
  rows(el, kind).map((li) => clean(li.querySelector('.name')?.textContent));
const rowOf = (el: CareProblemList, name: string) =>
  rows(el).find((li) => clean(li.querySelector('.name')?.textContent) === name)!;
const detail = (li: HTMLLIElement, term: string) =>
  clean(
    [...li.querySelectorAll('.details__item')]
      .find((item) => clean(item.querySelector('dt')?.textContent) === term)
      ?.querySelector('dd')?.textContent,
  );
const tags = (li: HTMLLIElement) =>
  [...li.querySelectorAll('.tag, .status')].map((tag) => clean(tag.textContent));
const groupHeadings = (el: CareProblemList) => $$(el, '.group__heading').map((h) => clean(h.textContent));
const toggle = (el: CareProblemList) => $$<HTMLButtonElement>(el, '[part="toggle"] button');
const showPast = async (el: CareProblemList) => {
  toggle(el)[1].click();
  await el.updateComplete;
};
async function typeFilter(el: CareProblemList, value: string) {
  const input = $<HTMLInputElement>(el, 'input[type="search"]')!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input'));
  await el.updateComplete;
}

describe('<care-problem-list>', () => {
  setupIgnoreWindowResizeObserverLoopErrors(before, after, { suppressErrorLogging: true });

  describe('loaded (synthetic UK record)', () => {
    it('problems and encounter diagnoses apart, Active first, and care-load with every condition shown', async () => {
      const { el, loads } = await mount({ bundle: problemBundle() });
      expect(clean($(el, '[part="header"]')!.textContent)).to.equal('Problems and diagnoses');
      expect(toggle(el).map((b) => clean(b.textContent))).to.deep.equal(['Active (6)', 'Past (5)']);
      expect(toggle(el)[0].getAttribute('aria-pressed')).to.equal('true');
      expect(groupHeadings(el)).to.deep.equal([
        'Problems (4)',
        'Encounter diagnoses (1)',
        'Other conditions (1)',
      ]);
      // Major problems first, then newest first.
      expect(names(el, 'problem')).to.deep.equal([
        'Diabetes mellitus type 2',
        'Essential hypertension',
        'Low back pain',
        'Asthma',
      ]);
      expect(names(el, 'diagnosis')).to.deep.equal(['Acute kidney injury']);
      expect(names(el, 'other')).to.deep.equal(['Lives alone']);
      expect(loads.map((e) => e.detail)).to.deep.equal([{ count: 11, complete: true }]);
      await expect(el).to.be.accessible();
    });

    it('each row: significance, status, not confirmed, onset (partial dates kept), recorded, encounter, recorded by', async () => {
      const { el } = await mount({ bundle: problemBundle() });
      const dm = rowOf(el, 'Diabetes mellitus type 2');
      expect(tags(dm)).to.deep.equal(['Major', 'Active']);
      expect(detail(dm, 'Onset')).to.equal('Jun-2015');
      expect(detail(dm, 'Recorded')).to.equal('20-Jun-2015');
      expect(detail(dm, 'Recorded by')).to.equal('Brookfield Surgery (Y90011)');
      expect(detail(rowOf(el, 'Essential hypertension'), 'Onset')).to.equal('2012');
      const asthmaRow = rowOf(el, 'Asthma');
      expect(tags(asthmaRow)).to.deep.equal(['Minor', 'Recurrence']);
      expect(detail(asthmaRow, 'Onset')).to.equal('Childhood');
      expect(detail(asthmaRow, 'Encounter')).to.equal('04-Mar-2019, Outpatient, Consultation');
      // Asserted by a clinician only: the practice that provided the encounter recorded it.
      expect(detail(asthmaRow, 'Recorded by')).to.equal('Brookfield Surgery (Y90011)');
      expect(tags(rowOf(el, 'Low back pain'))).to.deep.equal(['Minor', 'Active', 'Provisional']);
      const aki = rowOf(el, 'Acute kidney injury');
      expect(tags(aki)).to.deep.equal(['Active', 'Unconfirmed']);
      expect(detail(aki, 'Encounter')).to.equal('20-Jan-2024, Inpatient, Emergency admission');
      expect(detail(aki, 'Recorded by')).to.equal('Northgate Hospitals NHS Trust (RX9)');
      expect(tags(rowOf(el, 'Lives alone'))).to.deep.equal(['Active', 'Health concern']);
      expect(detail(rowOf(el, 'Lives alone'), 'Onset')).to.equal('Not known');
    });

    it('refuted and entered-in-error conditions are not shown, in either view', async () => {
      const { el } = await mount({ bundle: problemBundle() });
      const text = () => clean(root(el).textContent);
      expect(text()).not.to.contain('Coeliac');
      expect(text()).not.to.contain('Gout');
      await showPast(el);
      expect(text()).not.to.contain('Coeliac');
      expect(text()).not.to.contain('Gout');
    });

    it('Past: inactive, in remission and resolved, by end date, with the end kept to its precision', async () => {
      const { el } = await mount({ bundle: problemBundle() });
      await showPast(el);
      expect(el.view).to.equal('past');
      expect(el.getAttribute('view')).to.equal('past');
      expect(groupHeadings(el)).to.deep.equal([
        'Problems (2)',
        'Encounter diagnoses (2)',
        'Other conditions (1)',
      ]);
      expect(names(el, 'problem')).to.deep.equal(['Fracture of left wrist', 'Depressive disorder']);
      const wrist = rowOf(el, 'Fracture of left wrist');
      expect(tags(wrist)).to.deep.equal(['Major', 'Resolved']);
      expect([detail(wrist, 'Onset'), detail(wrist, 'End date')]).to.deep.equal(['1998', 'Oct-1998']);
      expect(tags(rowOf(el, 'Depressive disorder'))).to.deep.equal(['Minor', 'In remission']);
      expect(names(el, 'diagnosis')).to.deep.equal(['Community acquired pneumonia', 'Chest pain']);
      expect(tags(rowOf(el, 'Chest pain'))).to.deep.equal(['Resolved', 'Differential']);
      expect(tags(rowOf(el, 'Vitamin D deficiency'))).to.deep.equal(['Status not known']);
      await expect(el).to.be.accessible();
    });

    it('view="past" picks the first view; an unknown view falls back to Active', async () => {
      const past = await mount({ bundle: problemBundle() }, { view: 'past' });
      expect(names(past.el, 'problem')[0]).to.equal('Fracture of left wrist');
      const odd = await mount({ bundle: problemBundle() }, { view: 'sideways' as 'active' });
      expect(names(odd.el, 'problem')[0]).to.equal('Diabetes mellitus type 2');
    });

    it('asks for Conditions newest recorded first with their encounters and asserters; never reads a person', async () => {
      const source = new RecordingSource(problemBundle());
      await mount({ source });
      const search = source.calls.find((call) => call.startsWith('search Condition'))!;
      expect(decodeURIComponent(search)).to.equal(
        `search Condition?patient=${problemPatient.id}&_sort=-recorded-date&_include=Condition:encounter&_include=Condition:asserter&_count=50`,
      );
      expect(source.calls.filter((call) => call.startsWith('resolve Practitioner/'))).to.deep.equal([]);
      // Each organisation once, however many rows name it.
      const organisations = source.calls.filter((call) => call.startsWith('resolve Organization/'));
      expect(organisations).to.have.length(new Set(organisations).size);
    });

    it('heading-level sets the heading and the groups one below it', async () => {
      const { el } = await mount({ bundle: problemBundle() }, { headingLevel: 4 });
      expect($(el, '.header [role="heading"]')!.getAttribute('aria-level')).to.equal('4');
      expect($$(el, '.group__heading').map((h) => h.getAttribute('aria-level'))).to.deep.equal([
        '5',
        '5',
        '5',
      ]);
    });

    it('reflows at 320 CSS px without horizontal scrolling', async () => {
      const { el } = await mount({ bundle: problemBundle() }, { width: 320 });
      const base = $(el, '[part="base"]')!;
      expect(el.getBoundingClientRect().width).to.be.at.most(320);
      expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
      await expect(el).to.be.accessible();
    });
  });

  describe('care-select and keyboard', () => {
    it('a click anywhere on a row fires care-select with its Condition', async () => {
      const { el, selects } = await mount({ bundle: problemBundle() });
      rowOf(el, 'Asthma').querySelector('dd')!.click();
      expect(selects.map((e) => e.detail.resource.id)).to.deep.equal([asthma.id]);
      expect(selects[0].bubbles && selects[0].composed).to.equal(true);
    });

    it('each group is one tab stop: arrows, Home and End move; Enter and Space select', async () => {
      const { el, selects } = await mount({ bundle: problemBundle() });
      const problems = rows(el, 'problem');
      expect(problems.map((li) => li.tabIndex)).to.deep.equal([0, -1, -1, -1]);
      expect(rows(el, 'diagnosis').map((li) => li.tabIndex)).to.deep.equal([0]);
      problems[0].focus();
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement === rows(el, 'problem')[1]).to.equal(true);
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement === rows(el, 'problem')[3]).to.equal(true);
      expect(rows(el, 'problem').map((li) => li.tabIndex)).to.deep.equal([-1, -1, -1, 0]);
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Home' });
      await el.updateComplete;
      await sendKeys({ press: ' ' });
      expect(selects.map((e) => e.detail.resource.id)).to.deep.equal([asthma.id, diabetes.id]);
      // Tab leaves the problems for the next group's one stop.
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement === rows(el, 'diagnosis')[0]).to.equal(true);
    });

    it('Tab reaches the toggle, the filter, then the rows; Space on Past switches view', async () => {
      const { el } = await mount({ bundle: problemBundle() });
      toggle(el)[0].focus();
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement?.getAttribute('type')).to.equal('search');
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement === rows(el, 'problem')[0]).to.equal(true);
      toggle(el)[1].focus();
      await sendKeys({ press: ' ' });
      await el.updateComplete;
      expect(el.view).to.equal('past');
    });
  });

  describe('filter', () => {
    it('a labelled search box for lists of more than 10; matches announced politely', async () => {
      const { el } = await mount({ bundle: problemBundle() });
      const input = $<HTMLInputElement>(el, 'input[type="search"]')!;
      expect(clean(root(el).querySelector(`label[for="${input.id}"]`)!.textContent)).to.equal(
        'Filter by name',
      );
      await typeFilter(el, 'PAIN');
      expect(names(el)).to.deep.equal(['Low back pain']);
      // Only groups with a match are shown.
      expect(groupHeadings(el)).to.deep.equal(['Problems (1)']);
      const count = $(el, '.filter__count')!;
      expect(count.getAttribute('aria-live')).to.equal('polite');
      expect(clean(count.textContent)).to.equal('1 of 6 active problems and diagnoses match');
      await showPast(el);
      expect(names(el)).to.deep.equal(['Chest pain']);
      await expect(el).to.be.accessible();
    });

    it('a filter that matches nothing says so, distinct from an empty view', async () => {
      const { el } = await mount({ bundle: problemBundle() });
      await typeFilter(el, 'zzz');
      expect(clean($(el, '[part="empty"]')!.textContent)).to.equal(
        'No active problems or diagnoses match "zzz"',
      );
    });

    it('short lists have no filter box', async () => {
      const { el } = await mount({ bundle: pastOnlyProblemBundle() });
      expect($(el, 'input[type="search"]')).to.equal(null);
    });
  });

  describe('empty', () => {
    it('nothing recorded says so', async () => {
      const { el, loads } = await mount({ bundle: emptyProblemBundle() });
      expect(clean($(el, '[part="empty"]')!.textContent)).to.equal(
        'No problems or diagnoses are recorded for this patient.',
      );
      expect($(el, '[part="toggle"]')).to.equal(null);
      expect(loads[0].detail).to.deep.equal({ count: 0, complete: true });
      await expect(el).to.be.accessible();
    });

    it('an empty Active view says so, and the Past count shows where the conditions are', async () => {
      const { el } = await mount({ bundle: pastOnlyProblemBundle() });
      expect(toggle(el).map((b) => clean(b.textContent))).to.deep.equal(['Active (0)', 'Past (3)']);
      expect(clean($(el, '[part="empty"]')!.textContent)).to.equal('No active problems or diagnoses');
      await expect(el).to.be.accessible();
    });

    it('diagnoses but no problem-list item: the problem list says it is empty', async () => {
      const { el } = await mount({ bundle: problemBundle(problemPatient, [kidneyInjury]) });
      expect(groupHeadings(el)).to.deep.equal(['Problems (0)', 'Encounter diagnoses (1)']);
      expect(clean($(el, '.group--problem [part="empty"]')!.textContent)).to.equal(
        'No active problems on the problem list',
      );
      await expect(el).to.be.accessible();
    });
  });

  describe('loading, paging and errors', () => {
    it('loading: a busy status and a skeleton', async () => {
      const { el, loads } = await mount({ source: new PendingSource() }, { patient: 'anyone', wait: 'none' });
      await waitUntil(() => $(el, '[part="loading"]'), 'loading shown');
      const loading = $(el, '[part="loading"]')!;
      expect(loading.getAttribute('aria-busy')).to.equal('true');
      expect(clean(loading.textContent)).to.equal('Loading problems and diagnoses');
      expect(loads).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('the first page at once, the rest streamed with progress; rows shown first keep their place', async function () {
      this.timeout(20000);
      const held = deferred();
      const source = manyProblemsSource(600, {
        gate: (request) => (request === 'next 200' ? held.promise : undefined),
      });
      const progress: number[] = [];
      const { el, loads } = await mount({ source }, { patient: manyProblemsPatient.id, wait: 'none' });
      el.addEventListener('care-progress', (e) => progress.push(e.detail.loaded));
      const label = () => clean($(el, '[part="progress"]')?.textContent);
      await waitUntil(() => label() === 'Loaded 200 of 600', `progress label was "${label()}"`);
      const shownFirst = rows(el, 'problem').map((li) => li.dataset.key);
      expect(shownFirst.length).to.be.greaterThan(0);
      expect(loads).to.have.length(0);
      await expect(el).to.be.accessible();
      held.resolve();
      await waitUntil(() => loads.length > 0, 'care-load never fired', { timeout: 8000 });
      await el.updateComplete;
      expect(loads.map((e) => e.detail)).to.deep.equal([{ count: 600, complete: true }]);
      expect(progress[progress.length - 1]).to.equal(600);
      expect($(el, '[part="progress"]')).to.equal(null);
      await waitUntil(() => rows(el, 'problem').length > 0, 'rows laid out', { timeout: 8000 });
      const now = rows(el, 'problem').map((li) => li.dataset.key);
      const n = Math.min(now.length, shownFirst.length);
      expect(now.slice(0, n)).to.deep.equal(shownFirst.slice(0, n));
    });

    it('a group longer than 200 renders only the rows in view', async function () {
      this.timeout(20000);
      const { el } = await mount({ source: manyProblemsSource(600) }, { patient: manyProblemsPatient.id });
      // 600 conditions: 400 active, of which 300 are encounter diagnoses.
      expect(groupHeadings(el)).to.deep.equal(['Problems (100)', 'Encounter diagnoses (300)']);
      expect($(el, '.group--diagnosis ul.list--virtual')).to.exist;
      // Rows are rendered where the list is in view.
      $(el, '.group--diagnosis')!.scrollIntoView();
      await waitUntil(() => rows(el, 'diagnosis').length > 0, 'rows laid out', { timeout: 8000 });
      expect($(el, '.group--problem ul.list--virtual')).to.equal(null);
      expect(rows(el, 'diagnosis').length).to.be.lessThan(300);
      await expect(el).to.be.accessible();
    });

    it('a failed first page: the message, Try again and care-error; Try again loads', async () => {
      const source = new RecordingSource(problemBundle(), {
        failing: { Condition: errorForStatus(503, '') },
      });
      const { el, errors, loads } = await mount({ source }, { wait: 'error' });
      const state = $(el, '[part="error"]')!;
      expect(state.getAttribute('role')).to.equal('alert');
      expect(clean(state.textContent)).to.contain('Problems and diagnoses could not be loaded');
      expect(errors[0].detail.error.kind).to.equal('http');
      await expect(el).to.be.accessible();
      source.failing.clear();
      state.querySelector('button')!.click();
      await waitUntil(() => loads.length > 0, 'loaded after Try again');
      expect(rows(el)).to.have.length(6);
    });

    it('a source that fails everything shows the plain-English message', async () => {
      const { el } = await mount({ source: new FailingSource() }, { patient: 'any', wait: 'error' });
      expect(clean($(el, '[part="error"]')!.textContent)).to.contain('Try again');
    });

    it('a later page failing keeps every row loaded, says so, and Try again resumes from it', async () => {
      let fail = true;
      const source = manyProblemsSource(300, {
        gate: (request) => {
          if (request === 'next 100' && fail) throw errorForStatus(500, '');
        },
      });
      const { el, loads, errors } = await mount({ source }, { patient: manyProblemsPatient.id });
      expect(loads[0].detail).to.deep.equal({ count: 100, total: 300, complete: false });
      expect(errors).to.have.length(1);
      const notice = $(el, '.notice[part="error"]')!;
      expect(clean(notice.textContent)).to.contain('Problems and diagnoses (Condition): 100 of 300 loaded.');
      expect(rows(el).length).to.be.greaterThan(0);
      fail = false;
      notice.querySelector('button')!.click();
      await waitUntil(() => loads.length > 1, 'loaded after Try again', { timeout: 8000 });
      expect(loads[1].detail).to.deep.equal({ count: 300, complete: true });
    });
  });

  describe('restricted record', () => {
    it('shows the problems with a Restricted record marker, never naming or requesting the GP practice', async () => {
      const source = new RecordingSource(problemBundle(problemPatientRestricted));
      const { el, selects } = await mount({ source });
      expect(clean($(el, '[part="restricted"]')!.textContent)).to.equal('Restricted record');
      expect(detail(rowOf(el, 'Diabetes mellitus type 2'), 'Recorded by')).to.equal(
        'GP practice (withheld: restricted record)',
      );
      expect(detail(rowOf(el, 'Asthma'), 'Recorded by')).to.equal(
        'GP practice (withheld: restricted record)',
      );
      expect(detail(rowOf(el, 'Acute kidney injury'), 'Recorded by')).to.equal(
        'Northgate Hospitals NHS Trust (RX9)',
      );
      expect(clean(root(el).textContent)).not.to.contain(problemGp.name!);
      expect(clean(root(el).textContent)).not.to.contain('Y90011');
      expect(source.calls.filter((call) => call.includes(`Organization/${problemGp.id}`))).to.deep.equal([]);
      // Asserters (people at the practice) are not asked for alongside.
      const search = decodeURIComponent(source.calls.find((call) => call.startsWith('search Condition'))!);
      expect(search).not.to.contain('Condition:asserter');
      rowOf(el, 'Asthma').click();
      expect(JSON.stringify(selects[0].detail.resource)).not.to.contain(problemGp.name!);
      await expect(el).to.be.accessible();
    });

    it('an unrestricted record has no marker', async () => {
      const { el } = await mount({ bundle: problemBundle() });
      expect($(el, '[part="restricted"]')).to.equal(null);
    });
  });

  describe('a deceased patient', () => {
    it('says so first', async () => {
      const { el } = await mount({
        bundle: problemBundle({ ...problemPatient, deceasedDateTime: '2024-05-02' }),
      });
      expect(clean($(el, '[part="deceased"]')!.textContent)).to.equal(
        'Died 02-May-2024: problems shown as active were active at death.',
      );
      await expect(el).to.be.accessible();
    });

    it('a death without a date says so; a living patient has no notice', async () => {
      const dead = await mount({ bundle: problemBundle({ ...problemPatient, deceasedBoolean: true }) });
      expect(clean($(dead.el, '[part="deceased"]')!.textContent)).to.equal(
        'This patient has died (date not known): problems shown as active were active at death.',
      );
      const alive = await mount({ bundle: problemBundle() });
      expect($(alive.el, '[part="deceased"]')).to.equal(null);
    });
  });

  describe('patient change', () => {
    const other: Patient = {
      resourceType: 'Patient',
      id: 'synthetic-problems-other',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000123' }],
      name: [{ family: 'Other', given: ['Person'] }],
    };

    it('a switch mid-request never shows the old patient under the new one; the filter is cleared', async () => {
      const held = deferred();
      const source = new PagedSource(
        [
          { patient: manyProblemsPatient, resources: generateConditions(300) },
          { patient: other, resources: generateConditions(3, other) },
        ],
        { gate: (request) => (request === 'next 100' ? held.promise : undefined) },
      );
      const { el, loads } = await mount({ source }, { patient: manyProblemsPatient.id, wait: 'none' });
      await waitUntil(() => source.requests.includes('next 100'));
      await typeFilter(el, 'fever');
      el.patient = other.id!;
      await waitUntil(() => loads.length > 0);
      held.resolve();
      await aTimeout(50);
      await el.updateComplete;
      expect(loads.map((e) => e.detail.count)).to.deep.equal([3]);
      expect(rows(el).every((li) => li.dataset.key!.includes(other.id!))).to.equal(true);
      expect($(el, 'input[type="search"]')).to.equal(null);
      expect(source.requests).not.to.include('next 200');
    });
  });

  describe('malformed resources', () => {
    it('render what they can: no name, wrong types, a dangling encounter, STU3 shapes', async () => {
      const { el } = await mount({ bundle: malformedProblemBundle() });
      const unnamed = rows(el).filter((li) => clean(li.querySelector('.name')!.textContent) === 'Not known');
      expect(unnamed).to.have.length(2);
      expect(unnamed.every((li) => li.querySelector('.name--unknown'))).to.equal(true);
      const wrong = unnamed.find((li) => detail(li, 'Encounter'))!;
      expect(detail(wrong, 'Encounter')).to.equal('Details not available');
      expect(tags(wrong)).to.deep.equal(['Active']);
      expect(tags(unnamed.find((li) => li !== wrong)!)).to.deep.equal(['Status not known']);
      await showPast(el);
      const migraine = rowOf(el, 'Migraine');
      expect(tags(migraine)).to.deep.equal(['Inactive', 'Provisional']);
      expect(detail(migraine, 'End date')).to.equal('Date not known');
      await expect(el).to.be.accessible();
    });
  });

  describe('public examples', () => {
    it('UK Core: Richard Smith\u2019s two encounter diagnoses; his problem list is empty', async () => {
      const { el } = await mount({
        bundle: collection([
          ukCore.patientRichardSmith,
          ukCore.conditionBleedingFromEar,
          ukCore.conditionHipReplacement,
        ]),
      });
      expect(groupHeadings(el)).to.deep.equal(['Problems (0)', 'Encounter diagnoses (2)']);
      expect(names(el, 'diagnosis').sort()).to.deep.equal([
        'Bleeding from ear',
        'Loosening of total hip replacement',
      ]);
      const row = rows(el, 'diagnosis')[0];
      expect([detail(row, 'Onset'), detail(row, 'Recorded by')]).to.deep.equal(['Not known', 'Not known']);
      await expect(el).to.be.accessible();
    });

    it('HL7 R4: Roel\u2019s problems and diagnoses, from his encounters, with ages and words kept', async () => {
      const { el, loads } = await mount({
        bundle: collection([
          hl7r4.patientF201,
          hl7r4.conditionF201,
          hl7r4.conditionF202,
          hl7r4.conditionF203,
          hl7r4.conditionF204,
          hl7r4.conditionF205,
          hl7r4.encounterF201,
          hl7r4.encounterF203,
          hl7r4.organizationF201,
          hl7r4.organization2,
        ]),
      });
      expect(loads[0].detail.count).to.equal(5);
      expect(names(el, 'problem')).to.deep.equal(['Bacterial sepsis']);
      const sepsis = rowOf(el, 'Bacterial sepsis');
      expect(detail(sepsis, 'Encounter')).to.equal('11-Mar-2013, Inpatient, Inpatient stay for nine days');
      expect(detail(sepsis, 'Body site')).to.equal('Pulmonary vascular structure');
      expect(tags(rowOf(el, 'Bacterial infectious disease'))).to.deep.equal(['Active', 'Differential']);
      await showPast(el);
      expect(detail(rowOf(el, 'Fever'), 'End date')).to.equal('around April 9, 2013');
      const neoplasm = rowOf(el, 'Malignant neoplastic disease');
      expect([detail(neoplasm, 'Onset'), detail(neoplasm, 'End date')]).to.deep.equal([
        'At age 52 years',
        'At age 54 years',
      ]);
      await expect(el).to.be.accessible();
    });

    it('HL7 R4: Peter Chalmers\u2019 asthma (onset in words), a family history, a burnt ear and a stroke', async () => {
      const { el } = await mount({
        bundle: collection([
          hl7r4.patientExample,
          hl7r4.conditionExample,
          hl7r4.conditionExample2,
          hl7r4.conditionStroke,
          hl7r4.conditionFamilyHistory,
        ]),
      });
      expect(names(el, 'problem').sort()).to.deep.equal(['Asthma', 'Family history of cancer of colon']);
      expect(detail(rowOf(el, 'Asthma'), 'Onset')).to.equal('approximately November 2012');
      expect(names(el, 'diagnosis')).to.deep.equal(['Burnt Ear', 'Stroke']);
      expect(detail(rowOf(el, 'Burnt Ear'), 'Severity')).to.equal('Severe');
    });

    it('Synthea (Fletcher Hyatt, died 1996): uncategorised conditions under Other, semantic tags dropped, the provider named', async () => {
      const { el, loads } = await mount({ bundle: fletcherHyatt as unknown as Bundle });
      expect(loads[0].detail.count).to.equal(20);
      expect(clean($(el, '[part="deceased"]')!.textContent)).to.equal(
        'Died 21-Jan-1996: problems shown as active were active at death.',
      );
      expect(groupHeadings(el)).to.deep.equal(['Problems (0)', 'Other conditions (17)']);
      expect(names(el, 'other')).to.include('Suspected lung cancer');
      expect(names(el, 'other')).not.to.include('Suspected lung cancer (situation)');
      expect(detail(rowOf(el, 'Hypertension'), 'Onset')).to.equal('13-Jan-1934');
      expect(detail(rowOf(el, 'Hypertension'), 'Recorded by')).to.equal('HOLYOKE MEDICAL CENTER');
      await expect(el).to.be.accessible();
    });
  });

  describe('where the data comes from', () => {
    it('bundle-src: one Bundle fetched, no further requests', async () => {
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(problemBundle())], { type: 'application/fhir+json' }),
      );
      const loads: CareLoadEvent[] = [];
      const el = await fixture<CareProblemList>(
        html`<care-problem-list
          bundle-src=${url}
          @care-load=${(e: CareLoadEvent) => loads.push(e)}
        ></care-problem-list>`,
      );
      await waitUntil(() => loads.length > 0, 'loaded from bundle-src', { timeout: 5000 });
      expect(loads[0].detail.count).to.equal(11);
      expect(rows(el)).to.have.length(6);
      URL.revokeObjectURL(url);
    });

    it('inside <care-record>, with the banner, from its source and patient', async () => {
      const record = await fixture(
        html`<care-record .bundle=${problemBundle()}>
          <care-patient-banner></care-patient-banner>
          <care-problem-list heading-level="3"></care-problem-list>
        </care-record>`,
      );
      const list = record.querySelector<CareProblemList>('care-problem-list')!;
      await waitUntil(() => rows(list).length === 6, 'problem list loaded', { timeout: 5000 });
      expect($(list, '.header [role="heading"]')!.getAttribute('aria-level')).to.equal('3');
    });

    it('a condition of another patient refuses the list: nothing of it is shown', async () => {
      const stranger: Condition = {
        ...diabetes,
        id: 'stranger',
        subject: { reference: 'Patient/someone-else' },
      };
      // A server that ignores `patient`: it answers with everyone's conditions.
      class CarelessSource extends RecordingSource {
        override async search<T extends Resource = FhirResource>(
          type: T['resourceType'],
          params?: SearchParams,
          options?: RequestOptions,
        ): Promise<SearchResult<T>> {
          const result = await super.search<T>(type, params, options);
          return type === 'Condition'
            ? { ...result, resources: [...result.resources, stranger as unknown as T] }
            : result;
        }
      }
      const { el, errors } = await mount(
        { source: new CarelessSource(problemBundle(problemPatient, [diabetes])) },
        { wait: 'error' },
      );
      expect(errors[0].detail.error.kind).to.equal('patient-mismatch');
      expect(rows(el)).to.have.length(0);
      expect(clean(root(el).textContent)).not.to.contain('Diabetes');
    });
  });

  it('works at 400% zoom (a 320 px wide viewport)', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const { el } = await mount({ bundle: problemBundle() });
      const base = $(el, '[part="base"]')!;
      expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
