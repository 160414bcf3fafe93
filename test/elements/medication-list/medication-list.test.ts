import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { Bundle, MedicationRequest, MedicationStatement, Patient } from 'fhir/r4';
import '../../../src/elements/medication-list/medication-list.js';
import type { CareMedicationList } from '../../../src/elements/medication-list/medication-list.component.js';
import type { CareErrorEvent, CareLoadEvent, CareSelectEvent } from '../../../src/base/events.js';
import { errorForStatus } from '../../../src/data/fhir-http.js';
import type { RecordSource, RequestOptions } from '../../../src/data/record-source.js';
import { toQuery } from '../../../src/data/search-params.js';
import { hl7MedicationBundle } from '../../fixtures/medication-list/hl7-r4-examples.js';
import {
  PagedMedicationSource,
  generateMedicines,
  manyMedicinesSource,
  pagedPatient,
} from '../../fixtures/medication-list/paged-source.js';
import {
  MEDICATION_NOW,
  emptyMedicationBundle,
  expectedCurrentOrder,
  gpConventionsMedicationBundle,
  expectedPastOrder,
  malformedMedicationBundle,
  medsPatient,
  medsPatientRestricted,
  oakfieldSurgery,
  pastOnlyMedicationBundle,
  patientWithoutIdBundle,
  ukMedicationBundle,
} from '../../fixtures/medication-list/synthetic-uk.js';
import {
  richardSmithMedicationBundle,
  richardSmithRestricted,
} from '../../fixtures/medication-list/uk-core-richard-smith.js';
import { FailingSource, PendingSource, RecordingSource, deferred } from '../../fixtures/sources.js';
import { $, $$, clean, root } from '../../helpers/dom.js';

interface Rendered {
  el: CareMedicationList;
  loads: CareLoadEvent[];
  errors: CareErrorEvent[];
  selects: CareSelectEvent[];
}

/** Renders a list fed by a Bundle or a source, with the clock pinned, and waits for `care-load` (or an error). */
async function renderList(
  data: { bundle?: Bundle; source?: RecordSource },
  {
    view,
    patient,
    width,
    headingLevel,
    pageSize,
    wait = 'load',
  }: {
    view?: string;
    patient?: string;
    width?: number;
    headingLevel?: number;
    /** The first page's `_count` (default the element's). */
    pageSize?: number;
    wait?: 'load' | 'error' | 'none';
  } = {},
): Promise<Rendered> {
  const loads: CareLoadEvent[] = [];
  const errors: CareErrorEvent[] = [];
  const selects: CareSelectEvent[] = [];
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style=${width ? `width: ${width}px` : ''}>
      <care-medication-list
        .bundle=${data.bundle}
        .source=${data.source}
        .now=${MEDICATION_NOW}
        view=${view ?? 'current'}
        patient=${patient ?? ''}
        heading-level=${headingLevel ?? 2}
        page-size=${pageSize ?? nothing}
        @care-load=${(e: CareLoadEvent) => loads.push(e)}
        @care-error=${(e: CareErrorEvent) => errors.push(e)}
        @care-select=${(e: CareSelectEvent) => selects.push(e)}
      ></care-medication-list>
    </div>`,
  );
  const el = wrapper.querySelector('care-medication-list')!;
  if (wait === 'load') await waitUntil(() => loads.length > 0, 'care-load never fired', { timeout: 4000 });
  if (wait === 'error') await waitUntil(() => errors.length > 0, 'care-error never fired', { timeout: 4000 });
  await el.updateComplete;
  return { el, loads, errors, selects };
}

const rows = (el: CareMedicationList) => $$<HTMLLIElement>(el, 'li[part="item"]');
const names = (el: CareMedicationList) => $$(el, '.line__name').map((n) => clean(n.textContent));
const rowText = (el: CareMedicationList, name: string) =>
  clean(rows(el).find((li) => clean(li.querySelector('.line__name')?.textContent) === name)?.textContent);
const toggle = (el: CareMedicationList) => $$<HTMLButtonElement>(el, '[part="toggle"] button');
const detail = (li: HTMLLIElement, term: string) =>
  clean(
    [...li.querySelectorAll('.details__item')]
      .find((item) => clean(item.querySelector('dt')?.textContent) === term)
      ?.querySelector('dd')?.textContent,
  );
const rowNamed = (el: CareMedicationList, name: string) =>
  rows(el).find((li) => clean(li.querySelector('.line__name')?.textContent) === name)!;

async function showView(el: CareMedicationList, view: 'current' | 'past') {
  toggle(el)[view === 'current' ? 0 : 1].click();
  await el.updateComplete;
}

async function typeFilter(el: CareMedicationList, text: string) {
  const input = $<HTMLInputElement>(el, 'input[type="search"]')!;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Activates every row in turn and returns the ids of the resources `care-select` carried. */
async function selectedIds(r: Rendered): Promise<string[]> {
  r.selects.length = 0;
  for (const button of $$<HTMLButtonElement>(r.el, '.item__main')) button.click();
  return r.selects.map((e) => e.detail.resource.id ?? '');
}

describe('<care-medication-list>', () => {
  // Virtualised lists resize while they lay out; the browser reports it as an error that is not one.
  setupIgnoreWindowResizeObserverLoopErrors(before, after, { suppressErrorLogging: true });

  afterEach(async () => {
    await resetMouse();
  });

  describe('loaded (synthetic UK record)', () => {
    it('shows a heading, the toggle with counts and fires care-load with current + past', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      const heading = $(r.el, '[role="heading"]')!;
      expect(clean(heading.textContent)).to.equal('Medications');
      expect(heading.getAttribute('aria-level')).to.equal('2');
      expect(toggle(r.el).map((b) => clean(b.textContent))).to.deep.equal(['Current (7)', 'Past (5)']);
      expect(r.loads).to.have.length(1);
      expect(r.loads[0].detail.count).to.equal(12);
      expect(r.loads[0].bubbles && r.loads[0].composed).to.equal(true);
      await expect(r.el).to.be.accessible();
    });

    it('MEDv-062/063 Current is the default view, shown as a pressed toggle button', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      const [current, past] = toggle(r.el);
      expect($(r.el, '[part="toggle"]')!.getAttribute('role')).to.equal('group');
      expect(current.getAttribute('aria-pressed')).to.equal('true');
      expect(past.getAttribute('aria-pressed')).to.equal('false');
      expect(r.el.getAttribute('view')).to.equal('current');
      expect($(r.el, 'ul[part="list"]')!.getAttribute('aria-label')).to.equal('Current medications');
      expect(rows(r.el)).to.have.length(7);
    });

    it('toggling to Past shows past medicines and reflects view="past"', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      await showView(r.el, 'past');
      expect(r.el.getAttribute('view')).to.equal('past');
      expect(toggle(r.el)[1].getAttribute('aria-pressed')).to.equal('true');
      expect(toggle(r.el)[0].getAttribute('aria-pressed')).to.equal('false');
      expect(rows(r.el)).to.have.length(5);
      expect($(r.el, 'ul[part="list"]')!.getAttribute('aria-label')).to.equal('Past medications');
      expect(r.loads).to.have.length(1);
      await expect(r.el).to.be.accessible();
    });

    it('view="past" picks the initial view; an unknown view falls back to current', async () => {
      const past = await renderList({ bundle: ukMedicationBundle() }, { view: 'past' });
      expect(rows(past.el)).to.have.length(5);
      expect(toggle(past.el)[1].getAttribute('aria-pressed')).to.equal('true');
      const odd = await renderList({ bundle: ukMedicationBundle() }, { view: 'sideways' });
      expect(rows(odd.el)).to.have.length(7);
      expect(toggle(odd.el)[0].getAttribute('aria-pressed')).to.equal('true');
    });

    it('MEDv-099 current medicines sorted by start date, newest first', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      expect(await selectedIds(r)).to.deep.equal(expectedCurrentOrder);
    });

    it('MEDv-100 past medicines sorted by end date, newest first', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() }, { view: 'past' });
      expect(await selectedIds(r)).to.deep.equal(expectedPastOrder);
    });

    it('entered-in-error medicines are never shown, in either view', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      expect(clean(root(r.el).textContent)).not.to.contain('warfarin');
      await showView(r.el, 'past');
      expect(clean(root(r.el).textContent)).not.to.contain('warfarin');
      expect(clean(root(r.el).textContent)).not.to.contain('Entered in error');
    });

    it('MEDi-007/013/051 line order: drug name, brand, strength, form, then DOSE and the dose', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      const salbutamol = rowNamed(r.el, 'salbutamol 100micrograms/dose inhaler CFC free');
      expect(clean(salbutamol.querySelector('.item__main')!.textContent)).to.equal(
        'salbutamol 100micrograms/dose inhaler CFC free — VENTOLIN DOSE Two puffs when required Started Repeat dispensing',
      );
      const sertraline = rowNamed(r.el, 'sertraline');
      const line = clean(sertraline.querySelector('.line')!.textContent);
      expect(line).to.match(/^sertraline — 50 ?mg.* — tablet$/);
      expect(clean(sertraline.querySelector('.line__dose')!.textContent)).to.equal(
        'DOSE One tablet each morning',
      );
    });

    it('MEDi-001/002/003/018 generic name bold and lower case; brand upper case; em dash between attributes', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      const name = rowNamed(r.el, 'amlodipine 5mg tablets').querySelector('.line__name')!;
      expect(name.tagName).to.equal('STRONG');
      expect(Number(getComputedStyle(name).fontWeight)).to.be.at.least(700);
      expect(names(r.el)).to.include('metformin 500mg tablets');
      const attrs = [
        ...rowNamed(r.el, 'salbutamol 100micrograms/dose inhaler CFC free').querySelectorAll('.line__attr'),
      ];
      expect(attrs.map((a) => a.textContent)).to.deep.equal(['VENTOLIN']);
      expect(
        clean(rowNamed(r.el, 'sertraline').querySelector('.line')!.textContent).split(' — '),
      ).to.have.length(3);
    });

    it('CodeableConcept.text is shown before coding.display', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      expect(names(r.el)).to.include('Atorvastatin 20mg tablets');
      expect(clean(root(r.el).textContent)).not.to.contain('Teva');
      await showView(r.el, 'past');
      expect(names(r.el)).to.include('Amoxicillin 500mg capsules');
      expect(clean(root(r.el).textContent)).not.to.contain('(generic)');
    });

    it('status words Started / Not Started / Suspended (current) and Completed / Discontinued (past) as text', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      const status = (name: string) => clean(rowNamed(r.el, name).querySelector('.status')!.textContent);
      expect(status('amlodipine 5mg tablets')).to.equal('Started');
      expect(status('sertraline')).to.equal('Not Started');
      expect(status('metformin 500mg tablets')).to.equal('Suspended');
      // The status word is part of the row's text, not a colour.
      expect(clean(rowNamed(r.el, 'metformin 500mg tablets').textContent)).to.contain('Suspended');
      await showView(r.el, 'past');
      expect(status('Amoxicillin 500mg capsules')).to.equal('Completed');
      expect(status('naproxen 250mg tablets')).to.equal('Discontinued');
      expect(status('omeprazole 20mg gastro-resistant capsules')).to.equal('Discontinued');
    });

    it('dates DD-Mmm-YYYY: start date for current, end date for past', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      expect(detail(rowNamed(r.el, 'amlodipine 5mg tablets'), 'Start date')).to.equal('01-Mar-2024');
      expect(detail(rowNamed(r.el, 'sertraline'), 'Start date')).to.equal('05-Jan-2025');
      await showView(r.el, 'past');
      const amoxicillin = rowNamed(r.el, 'Amoxicillin 500mg capsules');
      expect(detail(amoxicillin, 'End date')).to.equal('17-Jan-2023');
      expect(detail(amoxicillin, 'Start date')).to.equal('');
      expect(detail(rowNamed(r.el, 'lansoprazole 30mg gastro-resistant capsules'), 'End date')).to.equal(
        '30-Jun-2018',
      );
    });

    it('acute / repeat / repeat dispensing told apart on the line, repeat issues and review date (MedicationRepeatInformation)', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      const tags = (name: string) =>
        [...rowNamed(r.el, name).querySelectorAll('.item__main .tag')].map((t) => clean(t.textContent));
      const amlodipine = rowNamed(r.el, 'amlodipine 5mg tablets');
      expect(tags('amlodipine 5mg tablets')).to.deep.equal(['Repeat']);
      expect(detail(amlodipine, 'Repeat issues')).to.equal('3 of 6');
      expect(detail(amlodipine, 'Review date')).to.equal('01-Mar-2025');
      expect(tags('salbutamol 100micrograms/dose inhaler CFC free')).to.deep.equal(['Repeat dispensing']);
      expect(tags('sertraline')).to.deep.equal(['Acute']);
      // Each course looks different, not only in words.
      const background = (name: string) =>
        getComputedStyle(rowNamed(r.el, name).querySelector('.item__main .tag')!).backgroundColor;
      expect(
        new Set([
          background('amlodipine 5mg tablets'),
          background('salbutamol 100micrograms/dose inhaler CFC free'),
          background('sertraline'),
        ]).size,
      ).to.equal(3);
      // No course recorded: no course shown rather than a guess.
      expect(tags('levothyroxine sodium 50microgram tablets')).to.deep.equal([]);
    });

    it('last issued (MedicationStatementLastIssueDate) on a statement from another organisation', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      const levothyroxine = rowNamed(r.el, 'levothyroxine sodium 50microgram tablets');
      expect(detail(levothyroxine, 'Last issued')).to.equal('01-Oct-2024');
      expect(detail(levothyroxine, 'Recorded by')).to.equal('Riverside Hospitals NHS Foundation Trust (RZ9)');
    });

    it('provenance: organisation name and ODS code, through a PractitionerRole, else the reference display', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      expect(detail(rowNamed(r.el, 'amlodipine 5mg tablets'), 'Recorded by')).to.equal(
        'Oakfield Surgery (Y90001)',
      );
      expect(detail(rowNamed(r.el, 'paracetamol 500mg tablets'), 'Recorded by')).to.equal(
        'High Street Pharmacy (FZ901)',
      );
      expect(detail(rowNamed(r.el, 'sertraline'), 'Recorded by')).to.equal('Riverside Mental Health Service');
    });

    it('a contained Medication is named; a referenced one is resolved once; people are never fetched', async () => {
      const source = new RecordingSource(ukMedicationBundle());
      const r = await renderList({ source });
      expect(names(r.el)).to.include('metformin 500mg tablets');
      // Two requests point at amlodipine; the Medication is followed once.
      expect(source.resolved('Medication/synthetic-amlodipine')).to.equal(1);
      expect(source.resolved('Organization/synthetic-oakfield-surgery')).to.equal(1);
      expect(source.resolved('PractitionerRole/synthetic-oakfield-gp-role')).to.equal(1);
      expect(source.calls.filter((c) => c.startsWith('resolve #'))).to.deep.equal([]);
      const distinct = source.calls.filter((c) => c.startsWith('resolve '));
      expect(new Set(distinct).size).to.equal(distinct.length);
    });

    it('searches both resource types by patient with _include of the medication and who recorded it', async () => {
      const source = new RecordingSource(ukMedicationBundle(), { querySeparator: ' ' });
      await renderList({ source });
      const searches = source.calls.filter((c) => c.startsWith('search Medication'));
      expect(searches).to.have.members([
        `search MedicationRequest ${toQuery({ patient: medsPatient.id, _sort: '-authoredon', _include: ['MedicationRequest:medication', 'MedicationRequest:requester'], _count: 50 })}`,
        `search MedicationStatement ${toQuery({ patient: medsPatient.id, _sort: '-effective', _include: ['MedicationStatement:medication', 'MedicationStatement:source'], _count: 50 })}`,
      ]);
    });

    it('heading-level sets the heading level', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() }, { headingLevel: 4 });
      expect($(r.el, '[role="heading"]')!.getAttribute('aria-level')).to.equal('4');
    });

    it('reflows at 320 CSS px without horizontal scrolling', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() }, { width: 320 });
      const base = $(r.el, '[part="base"]')!;
      expect(r.el.getBoundingClientRect().width).to.be.at.most(320);
      expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
      await expect(r.el).to.be.accessible();
    });
  });

  describe('care-select', () => {
    it('fires with the MedicationRequest on click', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      rowNamed(r.el, 'amlodipine 5mg tablets').querySelector<HTMLButtonElement>('.item__main')!.click();
      expect(r.selects).to.have.length(1);
      const resource = r.selects[0].detail.resource as MedicationRequest;
      expect(resource.resourceType).to.equal('MedicationRequest');
      expect(resource.id).to.equal('synthetic-mr-amlodipine');
      expect(r.selects[0].bubbles && r.selects[0].composed).to.equal(true);
    });

    it('fires with the MedicationStatement on Enter and on Space', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      rowNamed(r.el, 'levothyroxine sodium 50microgram tablets').focus();
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Space' });
      expect(r.selects).to.have.length(2);
      for (const e of r.selects) {
        expect((e.detail.resource as MedicationStatement).id).to.equal('synthetic-ms-levothyroxine');
      }
    });

    it('a click anywhere on the row, details included, selects it', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      const details = rowNamed(r.el, 'Atorvastatin 20mg tablets').querySelector('.details')!;
      details.scrollIntoView();
      const box = details.getBoundingClientRect();
      await sendMouse({
        type: 'click',
        position: [Math.round(box.left + 4), Math.round(box.top + box.height / 2)],
      });
      expect(r.selects.map((e) => e.detail.resource.id)).to.deep.equal(['synthetic-mr-atorvastatin']);
    });

    it('keyboard: Tab reaches the toggle, the filter, then the rows; Space on Past switches view', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      const [current, past] = toggle(r.el);
      current.focus();
      await sendKeys({ press: 'Tab' });
      expect(root(r.el).activeElement).to.equal(past);
      await sendKeys({ press: 'Space' });
      await r.el.updateComplete;
      expect(r.el.view).to.equal('past');
      expect(past.getAttribute('aria-pressed')).to.equal('true');
      await sendKeys({ press: 'Tab' });
      expect(root(r.el).activeElement).to.equal($(r.el, 'input[type="search"]'));
      await sendKeys({ press: 'Tab' });
      // The rows are one tab stop: the first row.
      expect(root(r.el).activeElement === rows(r.el)[0]).to.equal(true);
    });
  });

  describe('filter', () => {
    it('is a labelled search box, shown only for lists of more than 10', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      const input = $<HTMLInputElement>(r.el, 'input[part="filter"]')!;
      expect(input.type).to.equal('search');
      expect(clean(root(r.el).querySelector(`label[for="${input.id}"]`)!.textContent)).to.equal(
        'Filter by drug name or brand',
      );
      const small = await renderList({ bundle: richardSmithMedicationBundle() });
      expect($(small.el, 'input[type="search"]')).to.equal(null);
    });

    it('filters by drug name and by brand, announcing the number of matches politely', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      const count = $(r.el, '.filter__count')!;
      expect(count.getAttribute('role')).to.equal('status');
      expect(count.getAttribute('aria-live')).to.equal('polite');
      expect(clean(count.textContent)).to.equal('');
      await typeFilter(r.el, 'AMLO');
      expect(names(r.el)).to.deep.equal(['amlodipine 5mg tablets']);
      expect(clean(count.textContent)).to.equal('1 of 7 current medications match');
      await typeFilter(r.el, 'ventolin');
      expect(names(r.el)).to.deep.equal(['salbutamol 100micrograms/dose inhaler CFC free']);
      await showView(r.el, 'past');
      expect(clean($(r.el, '.filter__count')!.textContent)).to.equal('0 of 5 past medications match');
      await typeFilter(r.el, '');
      expect(rows(r.el)).to.have.length(5);
      expect(r.loads).to.have.length(1);
      expect(r.loads[0].detail.count).to.equal(12);
    });

    it('MEDv-146 a filter that matches nothing says so, distinct from an empty view', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      await typeFilter(r.el, 'zzz');
      expect(rows(r.el)).to.have.length(0);
      expect(clean($(r.el, '[part="empty"]')!.textContent)).to.equal('No current medications match "zzz"');
      await showView(r.el, 'past');
      expect(clean($(r.el, '[part="empty"]')!.textContent)).to.equal('No past medications match "zzz"');
      await expect(r.el).to.be.accessible();
    });
  });

  describe('empty', () => {
    it('MEDv-146 says "No current medications" and "No past medications"', async () => {
      const r = await renderList({ bundle: emptyMedicationBundle() });
      expect(r.loads[0].detail.count).to.equal(0);
      expect(toggle(r.el).map((b) => clean(b.textContent))).to.deep.equal(['Current (0)', 'Past (0)']);
      expect($(r.el, 'ul')).to.equal(null);
      expect(clean($(r.el, '[part="empty"]')!.textContent)).to.equal('No current medications');
      await expect(r.el).to.be.accessible();
      await showView(r.el, 'past');
      expect(clean($(r.el, '[part="empty"]')!.textContent)).to.equal('No past medications');
      await expect(r.el).to.be.accessible();
    });

    it('an empty current view with past medicines still lets the user see them', async () => {
      const r = await renderList({ bundle: pastOnlyMedicationBundle() });
      expect(clean($(r.el, '[part="empty"]')!.textContent)).to.equal('No current medications');
      expect(clean(toggle(r.el)[1].textContent)).to.equal('Past (3)');
      await showView(r.el, 'past');
      expect(rows(r.el)).to.have.length(3);
    });
  });

  describe('loading and paging', () => {
    it('loading: a busy status and a skeleton until the first rows arrive', async () => {
      const r = await renderList({ source: new PendingSource() }, { patient: 'anyone', wait: 'none' });
      await waitUntil(() => $(r.el, '[part="loading"]'), 'loading shown');
      const loading = $(r.el, '[part="loading"]')!;
      expect(loading.getAttribute('aria-busy')).to.equal('true');
      expect(loading.getAttribute('role')).to.equal('status');
      expect(clean(loading.textContent)).to.equal('Loading medications');
      expect($(r.el, '.skeleton')).to.exist;
      expect(r.loads).to.have.length(0);
      await expect(r.el).to.be.accessible();
    });

    it('shows the first page at once and streams the rest with "Loaded N of total"; rows never move', async () => {
      const held = deferred();
      const source = manyMedicinesSource(500, {
        gate: (request) => (request === 'next MedicationRequest 200' ? held.promise : undefined),
      });
      const progress: number[] = [];
      // Pages of 100, the first one too, as the fixture's server pages.
      const r = await renderList({ source }, { patient: pagedPatient.id, pageSize: 100, wait: 'none' });
      r.el.addEventListener('care-progress', (e) => progress.push(e.detail.loaded));
      const label = () => clean($(r.el, '[part="progress"]')?.textContent);
      await waitUntil(() => label() === 'Loaded 300 of 500', `progress label was "${label()}"`);
      const bar = $<HTMLProgressElement>(r.el, '[part="progress"] progress')!;
      expect(bar.max).to.equal(500);
      expect(bar.value).to.equal(300);
      // Only rows no later page can come before are shown, newest first.
      const shownFirst = rows(r.el).map((li) => li.dataset.key);
      expect(shownFirst.length).to.be.greaterThan(0);
      expect(r.loads).to.have.length(0);
      await expect(r.el).to.be.accessible();

      held.resolve();
      await waitUntil(() => r.loads.length > 0, 'care-load never fired', { timeout: 4000 });
      await r.el.updateComplete;
      expect(r.loads.map((e) => e.detail)).to.deep.equal([{ count: 500, complete: true }]);
      // care-progress after each page, ending at the whole list.
      expect(progress).to.deep.equal([...progress].sort((a, b) => a - b));
      expect(progress[progress.length - 1]).to.equal(500);
      const nexts = source.pageRequests.filter((req) => req.startsWith('next '));
      expect(nexts).to.deep.equal([
        'next MedicationRequest 100',
        'next MedicationRequest 200',
        'next MedicationRequest 300',
      ]);
      expect($(r.el, '[part="progress"]')).to.equal(null);
      const [current, past] = toggle(r.el).map((b) => Number(/\((\d+)\)/.exec(b.textContent!)![1]));
      expect(current + past).to.equal(500);
      // The rows shown first kept their order at the top of the list (virtualised now: compare what is laid out).
      await waitUntil(() => rows(r.el).length > 0, 'rows laid out', { timeout: 10000 });
      const now = rows(r.el).map((li) => li.dataset.key);
      const n = Math.min(now.length, shownFirst.length);
      expect(now.slice(0, n)).to.deep.equal(shownFirst.slice(0, n));
    });

    it('without a total, says how many have loaded so far', async () => {
      const held = deferred();
      const source = manyMedicinesSource(500, {
        withTotal: false,
        gate: (request) => (request === 'next MedicationRequest 200' ? held.promise : undefined),
      });
      const r = await renderList({ source }, { patient: pagedPatient.id, wait: 'none' });
      const label = () => clean($(r.el, '[part="progress"]')?.textContent);
      await waitUntil(() => label() === 'Loaded 300+', `progress label was "${label()}"`);
      expect($<HTMLProgressElement>(r.el, '[part="progress"] progress')!.position).to.equal(-1);
      held.resolve();
      await waitUntil(() => r.loads.length > 0);
      expect(r.loads[0].detail.count).to.equal(500);
    });

    it('each distinct Medication and organisation is followed once across 500 medicines', async () => {
      const source = manyMedicinesSource(500);
      await renderList({ source }, { patient: pagedPatient.id });
      const medications = source.requests.filter((req) => req.startsWith('resolve Medication/'));
      expect(medications).to.have.length(20);
      expect(new Set(medications).size).to.equal(20);
      expect(source.requests.filter((req) => req.startsWith('resolve Organization/'))).to.have.length(2);
    });

    it('_include-d Medications are used without following the reference again', async () => {
      const source = manyMedicinesSource(60, { withIncludes: true });
      const r = await renderList({ source }, { patient: pagedPatient.id });
      expect(source.requests.filter((req) => req.startsWith('resolve Medication/'))).to.deep.equal([]);
      expect(names(r.el)).to.include('amlodipine 5mg tablets');
    });

    it('renders all 500 current rows and filters them (timing lives in bench/)', async () => {
      const { requests, statements } = generateMedicines(500);
      const allCurrent = new PagedMedicationSource({
        patient: pagedPatient,
        requests: requests.map((req) => ({ ...req, status: 'active', dispenseRequest: undefined })),
        statements: statements.map((s) => ({
          ...s,
          status: 'active',
          effectivePeriod: s.effectivePeriod && { start: s.effectivePeriod.start },
        })),
      });
      const r = await renderList({ source: allCurrent }, { patient: pagedPatient.id, view: 'past' });
      expect(rows(r.el)).to.have.length(0);
      await showView(r.el, 'current');
      expect(toggle(r.el).map((b) => clean(b.textContent))).to.deep.equal(['Current (500)', 'Past (0)']);
      // 500 rows are virtualised: only those near the view are in the DOM.
      expect($(r.el, 'ul.list--virtual')).not.to.equal(null);
      await waitUntil(() => rows(r.el).length > 0, 'virtualised rows laid out', { timeout: 10000 });
      expect(rows(r.el).length).to.be.lessThan(100);
      await typeFilter(r.el, 'warfarin');
      expect($(r.el, 'ul.list--virtual')).to.equal(null);
      expect(rows(r.el)).to.have.length(25);
    });
  });

  describe('a deceased patient', () => {
    it('says so first, reads each medicine as at death, and shows no review date after death as due', async () => {
      const r = await renderList({
        bundle: ukMedicationBundle({ ...medsPatient, deceasedDateTime: '2024-12-01' }),
      });
      const notice = $(r.el, '[part="deceased"]')!;
      expect(clean(notice.textContent)).to.equal(
        'Died 01-Dec-2024: medicines shown as current were current at death.',
      );
      // Before the list and its toolbar, where it is read first.
      expect(
        notice.compareDocumentPosition($(r.el, '[part="toggle"]')!) & Node.DOCUMENT_POSITION_FOLLOWING,
      ).to.not.equal(0);
      const amlodipine = rowNamed(r.el, 'amlodipine 5mg tablets');
      expect(detail(amlodipine, 'Start date')).to.equal('01-Mar-2024');
      // Its review (01-Mar-2025) falls after death: not shown as if it were due.
      expect(detail(amlodipine, 'Review date')).to.equal('');
      await expect(r.el).to.be.accessible();
    });

    it('a death without a date says so', async () => {
      const r = await renderList({ bundle: ukMedicationBundle({ ...medsPatient, deceasedBoolean: true }) });
      expect(clean($(r.el, '[part="deceased"]')!.textContent)).to.equal(
        'This patient has died (date not known): medicines shown as current were current at death.',
      );
    });

    it('a living patient has no such notice', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      expect($(r.el, '[part="deceased"]')).to.equal(null);
    });
  });

  describe('GP conventions', () => {
    const nameOf = (li: HTMLLIElement) => clean(li.querySelector('.line__name')?.textContent);

    it('the same medicine from the GP practice and a hospital is one row naming both sources', async () => {
      const r = await renderList({ bundle: gpConventionsMedicationBundle() });
      const amlodipine = rows(r.el).filter((li) => nameOf(li) === 'amlodipine 5mg tablets');
      expect(amlodipine).to.have.length(1);
      expect(detail(amlodipine[0], 'Recorded by')).to.equal(
        'Oakfield Surgery (Y90001); Riverside Hospitals NHS Foundation Trust (RZ9)',
      );
      await expect(r.el).to.be.accessible();
    });

    it('a medicine prescribed elsewhere (GP Connect prescribing agency) is marked as such', async () => {
      const r = await renderList({ bundle: gpConventionsMedicationBundle() });
      const row = rows(r.el).find((li) => clean(li.textContent).includes('Prescribed elsewhere'))!;
      expect(nameOf(row)).to.equal('paracetamol 500mg tablets');
      expect(clean(row.querySelector('.tag--elsewhere')!.textContent)).to.equal('Prescribed elsewhere');
    });

    it('MEDi-003 a brand the record names keeps its brand, upper case: VENTOLIN', async () => {
      const r = await renderList({ bundle: gpConventionsMedicationBundle() });
      expect(names(r.el)).to.include('VENTOLIN 100micrograms/dose Evohaler');
      expect(names(r.el).some((name) => name.startsWith('ventolin'))).to.equal(false);
    });
  });

  describe('errors', () => {
    it('shows the RecordError message with Try again, fires care-error, and retries', async () => {
      const error = errorForStatus(500, '');
      const source = new RecordingSource(ukMedicationBundle(), {
        failing: { MedicationRequest: error, MedicationStatement: error },
      });
      const r = await renderList({ source }, { wait: 'error' });
      expect(r.errors[0].detail.error).to.equal(error);
      const state = $(r.el, '[part="error"]')!;
      expect(state.getAttribute('role')).to.equal('alert');
      expect(clean(state.textContent)).to.contain('Medications could not be loaded');
      expect(clean(state.textContent)).to.contain(
        'The record server could not answer (500 Internal Server Error). Try again later.',
      );
      expect(r.loads).to.have.length(0);
      await expect(r.el).to.be.accessible();

      source.failing.clear();
      state.querySelector<HTMLButtonElement>('button')!.click();
      await waitUntil(() => r.loads.length > 0);
      expect(r.loads[0].detail.count).to.equal(12);
      expect(rows(r.el)).to.have.length(7);
    });

    it('a source that fails everything (network) shows the plain-English message', async () => {
      const r = await renderList({ source: new FailingSource() }, { patient: 'x', wait: 'error' });
      expect(r.errors[0].detail.error.kind).to.equal('network');
      expect(clean($(r.el, '[part="error"]')!.textContent)).to.contain(
        'The record server could not be reached. Check your connection and try again.',
      );
    });

    it('when one search fails the other still shows, with a notice and care-error', async () => {
      const error = errorForStatus(403, '');
      const source = new RecordingSource(ukMedicationBundle(), { failing: { MedicationStatement: error } });
      const r = await renderList({ source });
      expect(r.errors.map((e) => e.detail.error)).to.deep.equal([error]);
      expect(r.loads[0].detail.count).to.equal(9);
      const notice = $(r.el, '.notice')!;
      expect(notice.getAttribute('role')).to.equal('alert');
      expect(clean(notice.textContent)).to.contain('this list is incomplete');
      expect(clean(notice.textContent)).to.contain(
        'Medication statements (MedicationStatement): none loaded.',
      );
      expect(clean(notice.textContent)).to.contain(
        'The record server refused the request (403 Forbidden). You may not have permission to see this record.',
      );
      expect(names(r.el)).to.include('amlodipine 5mg tablets');
      expect(names(r.el)).not.to.include('levothyroxine sodium 50microgram tablets');
      await expect(r.el).to.be.accessible();
    });

    it('a reference that cannot be followed leaves the row showing what it can', async () => {
      const r = await renderList({ bundle: malformedMedicationBundle() });
      expect(rowText(r.el, 'Aspirin 75mg dispersible tablets')).to.contain('Recorded by Not known');
      // An absolute Medication reference resolves; a urn:uuid organisation not sent falls back to its display.
      expect(detail(rowNamed(r.el, 'amlodipine 5mg tablets'), 'Recorded by')).to.equal('Walk-in Centre');
    });

    it('references the server refuses to follow leave names from the reference, not an error', async () => {
      const source = new RecordingSource(ukMedicationBundle());
      source.failResolve = errorForStatus(403, '');
      const r = await renderList({ source });
      expect(r.errors).to.have.length(0);
      expect(r.loads[0].detail.count).to.equal(12);
      expect(names(r.el)).to.include('metformin 500mg tablets'); // contained: needs no request
      expect(names(r.el)).to.include('Not known'); // amlodipine's Medication could not be read
      expect(rows(r.el).map((li) => detail(li, 'Recorded by'))).to.include('Riverside Mental Health Service');
      expect(detail(rowNamed(r.el, 'levothyroxine sodium 50microgram tablets'), 'Recorded by')).to.equal(
        'Not known',
      );
    });

    it('a Bundle patient with no id is searched by its fullUrl, never without a patient', async () => {
      const bundle = patientWithoutIdBundle();
      const source = new RecordingSource(bundle);
      const r = await renderList({ source });
      expect(r.errors).to.have.length(0);
      const searches = source.calls.filter((call) => call.startsWith('search '));
      expect(searches).to.have.length(2);
      for (const search of searches) {
        expect(decodeURIComponent(search)).to.contain(`patient=${bundle.entry![0].fullUrl}`);
      }
      expect(clean($(r.el, '[part="empty"]')!.textContent)).to.equal('No current medications');
    });

    it('a patient with neither id nor fullUrl cannot be searched and says so', async () => {
      const bundle = patientWithoutIdBundle();
      delete bundle.entry![0].fullUrl;
      const source = new RecordingSource(bundle);
      const r = await renderList({ source }, { wait: 'error' });
      expect(r.errors[0].detail.error.kind).to.equal('invalid-response');
      expect(clean($(r.el, '[part="error"]')!.textContent)).to.contain('The patient record has no id');
      expect(source.calls.filter((call) => call.startsWith('search '))).to.deep.equal([]);
    });
  });

  describe('faults on a later page', () => {
    it('keeps every row already loaded, says which part failed, and Try again resumes from the failed page', async () => {
      let failures = 1;
      const source = manyMedicinesSource(240, {
        gate: (request) => {
          if (request === 'next MedicationRequest 100' && failures-- > 0) {
            throw errorForStatus(500, '');
          }
        },
      });
      const r = await renderList({ source }, { patient: pagedPatient.id, pageSize: 100 });
      // Page 1 of the requests (100) and all 48 statements are shown.
      expect(r.loads[0].detail).to.deep.equal({ count: 148, total: 240, complete: false });
      expect(r.errors.map((e) => e.detail.error.status)).to.deep.equal([500]);
      const notice = $(r.el, '.notice')!;
      expect(notice.getAttribute('role')).to.equal('alert');
      expect(clean(notice.textContent)).to.contain(
        'Prescriptions (MedicationRequest): 100 of 192 loaded. The record server could not answer (500 Internal Server Error). Try again later.',
      );
      await expect(r.el).to.be.accessible();

      const before = source.pageRequests.length;
      notice.querySelector<HTMLButtonElement>('button')!.click();
      await waitUntil(() => r.loads.length === 2, 'care-load after the rest arrived');
      expect(r.loads[1].detail).to.deep.equal({ count: 240, complete: true });
      // Only the failed page and those after it were asked for; nothing was read twice.
      expect(source.pageRequests.slice(before)).to.deep.equal(['next MedicationRequest 100']);
      expect($(r.el, '.notice')).to.equal(null);
      const [current, past] = toggle(r.el).map((b) => Number(/\((\d+)\)/.exec(b.textContent!)![1]));
      expect(current + past).to.equal(240);
    });

    it('a later page holding another patient refuses the whole list: no row of it is shown', async () => {
      const stranger = {
        ...generateMedicines(1).requests[0],
        id: 'stranger',
        subject: { reference: 'Patient/someone-else' },
      };
      const { requests, statements } = generateMedicines(120);
      const source = new PagedMedicationSource({
        patient: pagedPatient,
        requests: [...requests.slice(0, 60), stranger, ...requests.slice(60)],
        statements,
      });
      const r = await renderList({ source }, { patient: pagedPatient.id, wait: 'error' });
      expect(r.errors[0].detail.error.kind).to.equal('patient-mismatch');
      expect(rows(r.el)).to.have.length(0);
      const state = $(r.el, '[part="error"]')!;
      expect(clean(state.textContent)).to.contain('records that belong to someone else');
      expect(clean(state.textContent)).to.contain('NHS number 999 000 0050');
      expect(r.loads).to.have.length(0);
      await expect(r.el).to.be.accessible();
    });

    it('a next link that leads back to a page already read stops the list and says so, without Try again', async () => {
      const source = manyMedicinesSource(300);
      const next = source.searchNext.bind(source);
      const second = `page|MedicationRequest|${pagedPatient.id}|100|100`;
      // The second page's `next` link points at itself.
      source.searchNext = (async (cursor: string, options?: RequestOptions) => {
        const page = await next(cursor, options);
        return cursor === second ? { ...page, next: cursor } : page;
      }) as typeof source.searchNext;
      const r = await renderList({ source }, { patient: pagedPatient.id, pageSize: 100 });
      const notice = $(r.el, '.notice')!;
      expect(clean(notice.textContent)).to.contain('leads back to a page already read');
      expect(notice.querySelector('button')).to.equal(null);
      expect(r.loads[0].detail).to.deep.equal({ count: 260, total: 300, complete: false });
      expect(source.pageRequests.filter((req) => req === 'next MedicationRequest 100')).to.have.length(1);
    });
  });

  describe('restricted record', () => {
    it('shows the medicines and a Restricted record marker, never an address', async () => {
      const r = await renderList({ bundle: ukMedicationBundle(medsPatientRestricted) });
      const marker = $(r.el, '.header [part="restricted"]')!;
      expect(clean(marker.textContent)).to.equal('Restricted record');
      expect(r.loads[0].detail.count).to.equal(12);
      expect(rows(r.el)).to.have.length(7);
      const text = clean(root(r.el).textContent);
      for (const secret of [
        '7 High Street',
        'LS99 4DD',
        '1 Oakfield Road',
        'LS99 2BB',
        'Water Street',
        'WF99 3CC',
        '12 Orchard Lane',
        'LS99 1AA',
      ]) {
        expect(text).not.to.contain(secret);
      }
      await showView(r.el, 'past');
      expect(clean(root(r.el).textContent)).not.to.contain('Water Street');
      await expect(r.el).to.be.accessible();
    });

    it('never shows or requests the registered GP practice: the kind of setting stays, name and ODS code go', async () => {
      const patient: Patient = {
        ...medsPatientRestricted,
        generalPractitioner: [
          { reference: `Organization/${oakfieldSurgery.id}`, display: 'Oakfield Surgery' },
        ],
      };
      const source = new RecordingSource(ukMedicationBundle(patient));
      const r = await renderList({ source });
      const recorders = rows(r.el).map((li) => detail(li, 'Recorded by'));
      expect(recorders).to.include('GP practice (withheld: restricted record)');
      expect(recorders).to.include('Riverside Hospitals NHS Foundation Trust (RZ9)');
      const text = clean(root(r.el).textContent);
      expect(text).not.to.contain('Oakfield').and.not.to.contain('Y90001');
      expect(source.calls.filter((call) => call.includes(oakfieldSurgery.id!))).to.deep.equal([]);
      // Nothing comes alongside but the Medication: who recorded it may be the practice.
      const searches = source.calls
        .filter((call) => call.startsWith('search Medication'))
        .map(decodeURIComponent);
      expect(searches).to.have.length(2);
      for (const search of searches) {
        expect(search)
          .to.contain(':medication')
          .and.not.to.match(/requester|:source/);
      }
      // What care-select hands over carries no way back to the practice or the pharmacy.
      rows(r.el)[0].click();
      const handed = JSON.stringify(r.selects[0].detail.resource);
      expect(handed).not.to.contain(oakfieldSurgery.id).and.not.to.contain('Oakfield');
      expect(handed).not.to.contain('synthetic-high-street-pharmacy');
      await expect(r.el).to.be.accessible();
    });

    it('an unrestricted record has no marker', async () => {
      const r = await renderList({ bundle: ukMedicationBundle() });
      expect($(r.el, '[part="restricted"]')).to.equal(null);
    });

    it('the UK Core Richard Smith record marked restricted still lists his medicines', async () => {
      const bundle = richardSmithMedicationBundle(richardSmithRestricted as Patient);
      const r = await renderList({ bundle }, { view: 'past' });
      expect($(r.el, '[part="restricted"]')).to.exist;
      expect(rows(r.el)).to.have.length(9);
      expect(clean(root(r.el).textContent)).not.to.contain('LS1288T');
    });
  });

  describe('patient change', () => {
    const other: Patient = {
      resourceType: 'Patient',
      id: 'synthetic-meds-other',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000069' }],
      name: [{ family: 'Other', given: ['Person'] }],
    };

    it('a switch mid-request never shows the old patient under the new one', async () => {
      const held = deferred();
      const source = new PagedMedicationSource(
        [
          { patient: pagedPatient, ...generateMedicines(500) },
          { patient: other, ...generateMedicines(3, other) },
        ],
        { gate: (request) => (request === 'next MedicationRequest 100' ? held.promise : undefined) },
      );
      const r = await renderList({ source }, { patient: pagedPatient.id, wait: 'none' });
      await waitUntil(() => source.requests.includes('next MedicationRequest 100'));
      r.el.patient = other.id;
      await waitUntil(() => r.loads.length > 0);
      held.resolve();
      await aTimeout(50);
      await r.el.updateComplete;
      expect(r.loads.map((e) => e.detail.count)).to.deep.equal([3]);
      expect(await selectedIds(r)).to.deep.equal([`${other.id}-mr-1`, `${other.id}-mr-2`]);
      expect(toggle(r.el).map((b) => clean(b.textContent))).to.deep.equal(['Current (2)', 'Past (1)']);
      expect($(r.el, 'progress')).to.equal(null);
      expect(source.requests).not.to.include('next MedicationRequest 150');
    });

    it('the filter is cleared for the new patient', async () => {
      const source = new PagedMedicationSource([
        { patient: pagedPatient, ...generateMedicines(40) },
        { patient: other, ...generateMedicines(15, other) },
      ]);
      const r = await renderList({ source }, { patient: pagedPatient.id });
      await typeFilter(r.el, 'warfarin');
      expect(rows(r.el).length).to.be.greaterThan(0);
      r.el.patient = other.id;
      await waitUntil(() => r.loads.length > 1);
      await r.el.updateComplete;
      expect($<HTMLInputElement>(r.el, 'input[type="search"]')!.value).to.equal('');
      expect(clean($(r.el, '.filter__count')!.textContent)).to.equal('');
      expect(r.loads[1].detail.count).to.equal(15);
    });
  });

  describe('malformed resources', () => {
    it('render what they can: missing medication, dates, unknown codes, wrong types', async () => {
      const r = await renderList({ bundle: malformedMedicationBundle() });
      expect(r.loads[0].detail.count).to.equal(7);
      expect(r.errors).to.have.length(0);
      const current = rows(r.el).map((li) => clean(li.textContent));
      expect(current).to.have.length(5);
      expect(names(r.el)).to.include.members([
        'Aspirin 75mg dispersible tablets',
        'Ramipril 2.5mg capsules',
        'XYZ-123',
        'Not known',
      ]);
      const unknown = rowNamed(r.el, 'Not known');
      expect(unknown.querySelector('.line__name--unknown')).to.exist;
      expect(detail(unknown, 'Start date')).to.equal('Not known');
      expect(detail(unknown, 'Recorded by')).to.equal('Not known');
      expect(clean(rowNamed(r.el, 'XYZ-123').querySelector('.status')!.textContent)).to.equal('Not known');
      expect(rowText(r.el, 'Ramipril 2.5mg capsules')).to.contain('DOSE Not known');
      await showView(r.el, 'past');
      expect(names(r.el)).to.deep.equal(['Not known', 'Not known']);
      expect(rows(r.el).map((li) => detail(li, 'End date'))).to.deep.equal(['Not known', 'Not known']);
      await expect(r.el).to.be.accessible();
    });
  });

  describe('public examples', () => {
    it('UK Core Richard Smith: requests and statement in the right views, referenced Timoptol resolved', async () => {
      const source = new RecordingSource(richardSmithMedicationBundle());
      const r = await renderList({ source });
      expect(r.loads[0].detail.count).to.equal(9);
      expect(clean($(r.el, '[part="empty"]')!.textContent)).to.equal('No current medications');
      await showView(r.el, 'past');
      expect(rows(r.el)).to.have.length(9);
      expect(names(r.el)).to.include('Timoptol 0.5% eye drops (DE Pharmaceuticals)');
      const statement = rowNamed(r.el, 'Amoxicillin 250mg capsules');
      expect(detail(statement, 'End date')).to.equal('15-May-2021');
      // The statement still says active: Past because its end date passed, in the source's word.
      expect(clean(statement.querySelector('.status')!.textContent)).to.equal(
        'Active; end date 15-May-2021 passed',
      );
      expect(detail(rowNamed(r.el, 'Ciprofloxacin 500mg tablets'), 'Start date')).to.equal('15-Jun-2023');
      expect(source.resolved('Medication/UKCore-Medication-TimoptolEyeDrops-Example')).to.equal(1);
      expect(source.calls.some((c) => c.startsWith('resolve Practitioner/'))).to.equal(false);
    });

    it('HL7 R4 examples: contained and referenced Medications, text-only medication, entered-in-error hidden', async () => {
      const r = await renderList({ bundle: hl7MedicationBundle() });
      expect(r.loads[0].detail.count).to.equal(10);
      expect(names(r.el)).to.include.members([
        'chlorthalidone 50mg tablet (product)',
        'Tylenol PM',
        'Little Pink Pill for water retention',
      ]);
      expect(detail(rowNamed(r.el, 'nystatin 100UNT/MG topical ointment'), 'Repeat issues')).to.equal(
        '3 allowed',
      );
      expect(
        clean(rowNamed(r.el, 'nystatin 100UNT/MG topical ointment').querySelector('.status')!.textContent),
      ).to.equal('Suspended');
      await showView(r.el, 'past');
      expect(names(r.el)).to.include('warfarin sodium');
      expect(clean(root(r.el).textContent)).not.to.contain('amoxicillin');
    });
  });
});
