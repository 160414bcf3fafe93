import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys } from '@web/test-runner-commands';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { Bundle, Immunization } from 'fhir/r4';
import '../../../src/all.js';
import type { CareImmunisationList } from '../../../src/elements/immunisation-list/immunisation-list.component.js';
import type { CareRecord } from '../../../src/elements/record/record.component.js';
import type { CareErrorEvent, CareLoadEvent, CareSelectEvent } from '../../../src/base/events.js';
import { errorForStatus } from '../../../src/data/fhir-http.js';
import type { RecordSource } from '../../../src/data/record-source.js';
import {
  hl7ImmunisationBundle,
  lawrenceHammesImmunisationBundle,
  richardSmithImmunisationBundle,
} from '../../fixtures/immunisation-list/public-examples.js';
import {
  IMMUNISATION_NOW,
  beechTreeSurgery,
  childhoodBundle,
  childhoodSchedule,
  childhoodScheduleOthers,
  deceasedImmunisationBundle,
  emptyImmunisationBundle,
  expectedChildhoodOrder,
  generateImmunisations,
  immunisationChild,
  immunisationChildRestricted,
  malformedImmunisationBundle,
  manyImmunisationsPatient,
  northfieldCommunity,
  treatmentRoom,
} from '../../fixtures/immunisation-list/synthetic-uk.js';
import { richardSmithRestricted } from '../../fixtures/medication-list/uk-core-richard-smith.js';
import {
  FailingSource,
  PagedSource,
  PendingSource,
  RecordingSource,
  deferred,
  type PagedSourceOptions,
} from '../../fixtures/sources.js';
import { json, stubFetch } from '../../helpers/fetch-stub.js';
import { $, $$, clean, root, shadowText } from '../../helpers/dom.js';

interface Rendered {
  el: CareImmunisationList;
  loads: CareLoadEvent[];
  errors: CareErrorEvent[];
  selects: CareSelectEvent[];
}

/** Renders a list fed by a Bundle or a source, with the clock pinned, and waits for `care-load` (or an error). */
async function renderList(
  data: { bundle?: Bundle; source?: RecordSource },
  {
    patient,
    headingLevel,
    wait = 'load',
  }: { patient?: string; headingLevel?: number; wait?: 'load' | 'error' | 'none' } = {},
): Promise<Rendered> {
  const loads: CareLoadEvent[] = [];
  const errors: CareErrorEvent[] = [];
  const selects: CareSelectEvent[] = [];
  const el = await fixture<CareImmunisationList>(
    html`<care-immunisation-list
      .bundle=${data.bundle}
      .source=${data.source}
      .now=${IMMUNISATION_NOW}
      patient=${patient ?? ''}
      heading-level=${headingLevel ?? 2}
      @care-load=${(e: CareLoadEvent) => loads.push(e)}
      @care-error=${(e: CareErrorEvent) => errors.push(e)}
      @care-select=${(e: CareSelectEvent) => selects.push(e)}
    ></care-immunisation-list>`,
  );
  if (wait === 'load') await waitUntil(() => loads.length > 0, 'care-load never fired', { timeout: 4000 });
  if (wait === 'error') await waitUntil(() => errors.length > 0, 'care-error never fired', { timeout: 4000 });
  await el.updateComplete;
  return { el, loads, errors, selects };
}

const items = (el: CareImmunisationList) => $$<HTMLLIElement>(el, 'li[part="item"]');
const groups = (el: CareImmunisationList) => $$<HTMLLIElement>(el, 'li[part="group"]');
/** The vaccines in the order shown: each group's heading, or a single row's vaccine name. */
const vaccines = (el: CareImmunisationList) =>
  $$(el, '.list > li').map((li) => clean(li.querySelector('.group__name, .vaccine')?.textContent));
const groupNamed = (el: CareImmunisationList, name: string) =>
  groups(el).find((li) => clean(li.querySelector('.group__name')?.textContent).startsWith(name))!;
const itemNamed = (el: CareImmunisationList, name: string) =>
  items(el).find((li) => clean(li.querySelector('.vaccine')?.textContent).startsWith(name))!;
const main = (li: Element) => clean(li.querySelector('.item__main')?.textContent);
const detail = (li: Element, term: string) =>
  clean(
    [...li.querySelectorAll('.details__item')]
      .find((item) => clean(item.querySelector('dt')?.textContent) === term)
      ?.querySelector('dd')?.textContent,
  );

/** A `PagedSource` for the patient with `count` generated immunisations, the community trust to resolve. */
function manySource(count: number, options: PagedSourceOptions = {}): PagedSource {
  return new PagedSource(
    { patient: manyImmunisationsPatient, resources: generateImmunisations(count) },
    { others: [northfieldCommunity], ...options },
  );
}

describe('<care-immunisation-list>', function () {
  // Lists of dozens of rows checked by axe: generous on a loaded 2-core machine (tests wait on state).
  this.timeout(15000);
  // Virtualised lists resize while they lay out; the browser reports it as an error that is not one.
  setupIgnoreWindowResizeObserverLoopErrors(before, after, { suppressErrorLogging: true });

  afterEach(async () => {
    await resetMouse();
  });

  describe('loaded (the UK childhood schedule)', () => {
    it('a heading, every immunisation but the one entered in error, and care-load with the count', async () => {
      const r = await renderList({ bundle: childhoodBundle() });
      const heading = $(r.el, '.header [role="heading"]')!;
      expect(clean(heading.textContent)).to.equal('Immunisations');
      expect(heading.getAttribute('aria-level')).to.equal('2');
      expect(r.loads.map((e) => e.detail)).to.deep.equal([{ count: 17, complete: true }]);
      expect(r.loads[0].bubbles && r.loads[0].composed).to.equal(true);
      expect(items(r.el)).to.have.length(17);
      expect($(r.el, 'ol[part="list"]')!.getAttribute('aria-label')).to.equal('Immunisations, newest first');
      await expect(r.el).to.be.accessible();
    });

    it('newest first; a vaccine given more than once is one group under its name', async () => {
      const r = await renderList({ bundle: childhoodBundle() });
      expect(vaccines(r.el)).to.deep.equal(expectedChildhoodOrder);
      const grouped = groups(r.el).map((li) => [
        clean(li.querySelector('.group__name')?.textContent).split(' ')[0],
        clean(li.querySelector('.group__count')?.textContent),
      ]);
      expect(grouped).to.deep.equal([
        ['Priorix', '2 doses'],
        ['Bexsero', '3 doses'],
        ['Prevenar', '2 doses'],
        ['Infanrix', '3 doses'],
        ['Rotarix', '2 doses'],
      ]);
    });

    it('the doses of a vaccine in the order given, each with its dose number, CUI date and status', async () => {
      const r = await renderList({ bundle: childhoodBundle() });
      const sixInOne = groupNamed(r.el, 'Infanrix Hexa');
      const doses = [...sixInOne.querySelectorAll('li[part="item"]')].map(main);
      expect(doses).to.deep.equal([
        'Dose 1 of 3 15-Nov-2022 Given',
        'Dose 2 of 3 13-Dec-2022 Given',
        'Dose 3 of 3 10-Jan-2023 Given',
      ]);
      const time = sixInOne.querySelector('time')!;
      expect(time.getAttribute('datetime')).to.equal('2022-11-15');
      // The group heading is a heading one level below the element's.
      const heading = sixInOne.querySelector('[role="heading"]')!;
      expect(heading.getAttribute('aria-level')).to.equal('3');
    });

    it('route, site, batch and expiry, what it protects against, where and who gave it', async () => {
      const r = await renderList({ bundle: childhoodBundle() });
      const dose1 = groupNamed(r.el, 'Infanrix Hexa').querySelector('li[part="item"]')!;
      expect(detail(dose1, 'Route')).to.equal('Intramuscular route');
      expect(detail(dose1, 'Site')).to.equal('Left thigh');
      expect(detail(dose1, 'Batch')).to.equal('A21CB417A');
      expect(detail(dose1, 'Batch expiry')).to.equal('15-Aug-2023');
      expect(detail(dose1, 'Protects against')).to.equal(
        'Diphtheria; Tetanus; Pertussis; Acute poliomyelitis; Haemophilus influenzae type b infection; Viral hepatitis type B',
      );
      expect(detail(dose1, 'Location')).to.equal('Beech Tree Surgery treatment room');
      expect(detail(dose1, 'Given by')).to.equal('Beech Tree Surgery (Y90002)');
    });

    it('provenance on every row: the organisation that gave it, or Not known', async () => {
      const r = await renderList({ bundle: childhoodBundle() });
      const givenBy = items(r.el).map((li) => detail(li, 'Given by'));
      expect(givenBy.every((value) => value !== '')).to.equal(true);
      expect(new Set(givenBy)).to.deep.equal(
        new Set([
          'Beech Tree Surgery (Y90002)',
          'Northfield Community Healthcare NHS Trust (RY9)',
          'Riverside Hospitals NHS Foundation Trust (RZ9)',
        ]),
      );
    });

    it('not given is shown as Not given with its reason, never as given', async () => {
      const r = await renderList({ bundle: childhoodBundle() });
      const nasal = itemNamed(r.el, 'Fluenz');
      expect(main(nasal)).to.equal(
        'Fluenz (trivalent) vaccine nasal suspension 0.2ml unit dose (AstraZeneca UK Ltd) 14-Oct-2024 Not given',
      );
      expect(main(nasal)).not.to.match(/\bGiven\b/);
      expect(nasal.classList.contains('item--not-given')).to.equal(true);
      expect(nasal.querySelector('.status--not-given')).to.exist;
      expect(detail(nasal, 'Reason not given')).to.equal(
        'Parent declined: porcine gelatine in the nasal spray',
      );
      // The injected vaccine given instead follows it.
      expect(main(itemNamed(r.el, 'Quadrivalent influenza'))).to.contain('Dose 1 of 1 23-Oct-2024 Given');
    });

    it('entered-in-error immunisations are not shown; MMR of two brands is one course', async () => {
      const r = await renderList({ bundle: childhoodBundle() });
      const mmr = groupNamed(r.el, 'Priorix');
      expect([...mmr.querySelectorAll('li[part="item"]')].map(main)).to.deep.equal([
        'M-M-RVAXPRO vaccine powder and solvent for suspension for injection 0.5ml pre-filled syringes (Merck Sharp & Dohme (UK) Ltd) Dose 1 of 2 20-Sep-2023 Given',
        'Dose 2 of 2 20-Jan-2026 Given',
      ]);
      expect(shadowText(r.el)).not.to.contain('Entered in error');
    });

    it('a reported immunisation says where it was reported from', async () => {
      const r = await renderList({ bundle: childhoodBundle() });
      const bcg = itemNamed(r.el, 'BCG');
      expect(detail(bcg, 'Reported from')).to.equal('Parent-held child health record (red book)');
      expect(detail(bcg, 'Route')).to.equal('Intradermal route');
    });

    it('searches Immunization by patient, newest first, with _include of the performers and location', async () => {
      const source = new RecordingSource(childhoodBundle());
      await renderList({ source });
      const searches = source.calls.filter((call) => call.startsWith('search Immunization'));
      expect(searches).to.have.length(1);
      const query = new URLSearchParams(searches[0].split('?')[1]);
      expect(query.get('patient')).to.contain(immunisationChild.id);
      expect(query.get('_sort')).to.equal('-date');
      expect(query.getAll('_include')).to.deep.equal(['Immunization:performer', 'Immunization:location']);
    });

    it('each organisation and location is followed once, and people never', async () => {
      const source = new RecordingSource(childhoodBundle());
      await renderList({ source });
      const resolved = source.calls.filter((call) => call.startsWith('resolve '));
      expect(resolved).to.have.length(new Set(resolved).size);
      expect(resolved.some((call) => call.includes('Practitioner/'))).to.equal(false);
    });

    it('heading-level sets the heading and the vaccine headings below it', async () => {
      const r = await renderList({ bundle: childhoodBundle() }, { headingLevel: 4 });
      expect($(r.el, '.header [role="heading"]')!.getAttribute('aria-level')).to.equal('4');
      expect(
        groups(r.el).every((li) => li.querySelector('[role="heading"]')!.getAttribute('aria-level') === '5'),
      ).to.equal(true);
    });

    it('reflows at 320 CSS px without horizontal scrolling', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="width: 320px">
          <care-immunisation-list .bundle=${childhoodBundle()}></care-immunisation-list>
        </div>`,
      );
      const el = wrapper.querySelector('care-immunisation-list')!;
      await waitUntil(() => items(el).length > 0);
      expect(el.scrollWidth).to.be.at.most(320);
    });
  });

  describe('care-select and keyboard', () => {
    it('a click selects the Immunization', async () => {
      const r = await renderList({ bundle: childhoodBundle() });
      itemNamed(r.el, 'Fluenz').click();
      expect(r.selects).to.have.length(1);
      const resource = r.selects[0].detail.resource as Immunization;
      expect(resource.resourceType).to.equal('Immunization');
      expect(resource.id).to.equal(`${immunisationChild.id}-flu-nasal`);
      expect(r.selects[0].bubbles && r.selects[0].composed).to.equal(true);
    });

    it('the immunisations are one tab stop; arrows, Home and End move; Enter and Space select', async () => {
      const r = await renderList({ bundle: childhoodBundle() });
      const all = items(r.el);
      expect(all.filter((li) => li.tabIndex === 0)).to.have.length(1);
      all[0].focus();
      await sendKeys({ press: 'ArrowDown' });
      expect(root(r.el).activeElement === all[1]).to.equal(true);
      await sendKeys({ press: 'End' });
      await waitUntil(() => root(r.el).activeElement === items(r.el)[16], 'End reaches the last');
      await sendKeys({ press: 'ArrowUp' });
      expect(root(r.el).activeElement === items(r.el)[15]).to.equal(true);
      await sendKeys({ press: 'Home' });
      expect(root(r.el).activeElement === items(r.el)[0]).to.equal(true);
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Space' });
      // The second row in the list: the MMR course's first dose (Boostrix-IPV is given once).
      expect(r.selects.map((e) => e.detail.resource.id)).to.deep.equal([
        `${immunisationChild.id}-mmr-1`,
        `${immunisationChild.id}-mmr-1`,
      ]);
      expect(items(r.el).filter((li) => li.tabIndex === 0)).to.have.length(1);
    });
  });

  describe('empty, loading and errors', () => {
    it('empty: says no immunisations are recorded, and care-load counts 0', async () => {
      const r = await renderList({ bundle: emptyImmunisationBundle() });
      const empty = $(r.el, '[part="empty"]')!;
      expect(clean(empty.textContent)).to.equal('No immunisations are recorded for this patient.');
      expect(empty.getAttribute('role')).to.equal('status');
      expect(r.loads[0].detail).to.deep.equal({ count: 0, complete: true });
      expect($(r.el, 'ol[part="list"]')).to.equal(null);
      await expect(r.el).to.be.accessible();
    });

    it('loading: a busy status and a skeleton until the first page arrives', async () => {
      const r = await renderList({ source: new PendingSource() }, { patient: 'anyone', wait: 'none' });
      await waitUntil(() => $(r.el, '[part="loading"]'), 'loading shown');
      const loading = $(r.el, '[part="loading"]')!;
      expect(loading.getAttribute('aria-busy')).to.equal('true');
      expect(clean(loading.textContent)).to.equal('Loading immunisations');
      expect($(r.el, '.skeleton')).to.exist;
      await expect(r.el).to.be.accessible();
    });

    it('an error in plain English with Try again, care-error, and a retry that loads', async () => {
      const error = errorForStatus(500, '');
      const source = new RecordingSource(childhoodBundle(), { failing: { Immunization: error } });
      const r = await renderList({ source }, { wait: 'error' });
      expect(r.errors[0].detail.error).to.equal(error);
      const state = $(r.el, '[part="error"]')!;
      expect(state.getAttribute('role')).to.equal('alert');
      expect(clean(state.textContent)).to.contain('Immunisations could not be loaded');
      expect(clean(state.textContent)).to.contain(
        'The record server could not answer (500 Internal Server Error). Try again later.',
      );
      await expect(r.el).to.be.accessible();
      source.failing.clear();
      state.querySelector<HTMLButtonElement>('button')!.click();
      await waitUntil(() => r.loads.length > 0);
      expect(r.loads[0].detail.count).to.equal(17);
    });

    it('a server that cannot be reached says so', async () => {
      const r = await renderList({ source: new FailingSource() }, { patient: 'x', wait: 'error' });
      expect(clean($(r.el, '[part="error"]')!.textContent)).to.contain(
        'The record server could not be reached. Check your connection and try again.',
      );
    });

    it('organisations the server refuses to give leave "Not known", not an error', async () => {
      // Nothing sent alongside: every organisation and location must be followed, and each is refused.
      const bundle = childhoodBundle();
      const source = new RecordingSource(
        {
          ...bundle,
          entry: bundle.entry!.filter(
            (e) => !['Organization', 'Location'].includes(e.resource!.resourceType),
          ),
        },
        { failResolve: errorForStatus(403, '') },
      );
      const r = await renderList({ source });
      expect(r.errors).to.have.length(0);
      expect(source.calls.some((call) => call.startsWith('resolve Organization/'))).to.equal(true);
      expect(detail(itemNamed(r.el, 'Fluenz'), 'Given by')).to.equal('Not known');
      expect(r.loads[0].detail.count).to.equal(17);
    });
  });

  describe('streaming pages', () => {
    it('the first page at once, the rest streamed with progress; vaccines keep their place; long lists virtualised', async function () {
      // The virtualiser lays out 450 rows: slow on a loaded 2-core machine.
      this.timeout(20000);
      const held = deferred();
      const source = manySource(450, {
        gate: (request) => (request === 'next 200' ? held.promise : undefined),
      });
      const progress: number[] = [];
      const r = await renderList({ source }, { patient: manyImmunisationsPatient.id, wait: 'none' });
      r.el.addEventListener('care-progress', (e) => progress.push(e.detail.loaded));
      const label = () => clean($(r.el, '[part="progress"]')?.textContent);
      await waitUntil(() => label() === 'Loaded 200 of 450', `progress label was "${label()}"`);
      // 200 immunisations and six vaccine headings: already virtualised.
      await waitUntil(() => items(r.el).length > 0, 'first rows laid out', { timeout: 8000 });
      const headings = () => $$(r.el, '.group__name').map((heading) => clean(heading.textContent));
      const vaccinesFirst = headings();
      expect(vaccinesFirst.length).to.be.greaterThan(0);
      expect(r.loads).to.have.length(0);
      await expect(r.el).to.be.accessible();

      held.resolve();
      await waitUntil(() => r.loads.length > 0, 'care-load', { timeout: 8000 });
      expect(r.loads.map((e) => e.detail)).to.deep.equal([{ count: 450, complete: true }]);
      expect(progress[progress.length - 1]).to.equal(450);
      expect($(r.el, '[part="progress"]')).to.equal(null);
      // Six vaccines in the list, rendered only in part.
      await waitUntil(() => items(r.el).length > 0, 'rows laid out', { timeout: 8000 });
      expect($(r.el, 'ol.list--virtual')).to.exist;
      expect(items(r.el).length).to.be.lessThan(450);
      // A vaccine's place is its latest dose, which came first: later pages only add its earlier doses.
      expect(headings().slice(0, vaccinesFirst.length)).to.deep.equal(vaccinesFirst);
      await expect(r.el).to.be.accessible();
    });

    it('while no immunisation read can be placed yet, only the progress shows; then the list', async () => {
      const held = deferred();
      // The first page holds only undated immunisations: a later page may still sort before them.
      const resources = generateImmunisations(150).map((resource, i) =>
        i < 100 ? { ...resource, occurrenceDateTime: undefined } : resource,
      );
      const source = new PagedSource(
        { patient: manyImmunisationsPatient, resources },
        {
          others: [northfieldCommunity],
          gate: (request) => (request === 'next 100' ? held.promise : undefined),
        },
      );
      const r = await renderList({ source }, { patient: manyImmunisationsPatient.id, wait: 'none' });
      const label = () => clean($(r.el, '[part="progress"]')?.textContent);
      await waitUntil(() => label() === 'Loaded 100 of 150', `progress label was "${label()}"`);
      expect($(r.el, 'ol[part="list"]')).to.equal(null);
      expect($(r.el, '[part="empty"]')).to.equal(null);
      await expect(r.el).to.be.accessible();
      held.resolve();
      await waitUntil(() => r.loads.length > 0, 'care-load');
      expect(r.loads[0].detail.count).to.equal(150);
      await waitUntil(() => items(r.el).length > 0, 'rows laid out');
    });

    it('End on a virtualised list brings the last immunisation into view and focuses it', async function () {
      // The virtualiser lays out 450 rows: slow on a loaded 2-core machine.
      this.timeout(20000);
      const r = await renderList({ source: manySource(450) }, { patient: manyImmunisationsPatient.id });
      await waitUntil(() => items(r.el).length > 0, 'rows laid out', { timeout: 8000 });
      items(r.el)[0].focus();
      await sendKeys({ press: 'End' });
      const first = items(r.el)[0].dataset.key;
      await waitUntil(
        () => {
          const active = root(r.el).activeElement as HTMLElement | null;
          const shown = items(r.el);
          return active !== null && active.dataset.key !== first && active === shown[shown.length - 1];
        },
        'the last row focused',
        { timeout: 8000 },
      );
    });

    it('a failed later page keeps what loaded, says so, and Try again reads the rest', async () => {
      let failures = 1;
      const source = manySource(250, {
        gate: (request) => {
          if (request === 'next 100' && failures-- > 0) throw errorForStatus(503, '');
        },
      });
      const r = await renderList({ source }, { patient: manyImmunisationsPatient.id });
      expect(r.loads[0].detail).to.deep.equal({ count: 100, total: 250, complete: false });
      expect(r.errors.map((e) => e.detail.error.status)).to.deep.equal([503]);
      const notice = $(r.el, '.notice')!;
      expect(clean(notice.textContent)).to.contain(
        'Some immunisations could not be loaded, so this list is incomplete.',
      );
      expect(clean(notice.textContent)).to.contain('Immunisations: 100 of 250 loaded.');
      await expect(r.el).to.be.accessible();
      notice.querySelector<HTMLButtonElement>('button')!.click();
      await waitUntil(() => r.loads.length === 2, 'care-load after the rest');
      expect(r.loads[1].detail).to.deep.equal({ count: 250, complete: true });
      expect($(r.el, '.notice')).to.equal(null);
    });

    it('a page holding another patient refuses the whole list', async () => {
      const resources = generateImmunisations(150);
      resources[120] = { ...resources[120], patient: { reference: 'Patient/someone-else' } };
      const source = new PagedSource({ patient: manyImmunisationsPatient, resources });
      const r = await renderList({ source }, { patient: manyImmunisationsPatient.id, wait: 'error' });
      expect(r.errors[0].detail.error.kind).to.equal('patient-mismatch');
      expect(items(r.el)).to.have.length(0);
      expect(r.loads).to.have.length(0);
    });
  });

  describe('restricted record', () => {
    it('a Restricted record marker; the practice, its location and staff never shown nor asked for', async () => {
      const source = new RecordingSource(childhoodBundle(immunisationChildRestricted));
      const r = await renderList({ source });
      expect(clean($(r.el, '.header [part="restricted"]')!.textContent)).to.equal('Restricted record');
      expect(r.loads[0].detail.count).to.equal(17);
      const text = shadowText(r.el);
      for (const secret of [
        'Beech Tree',
        'Y90002',
        'treatment room',
        'Nurse Jo Hale',
        'LS99',
        'Beech Grove',
      ]) {
        expect(text, secret).not.to.contain(secret);
      }
      const dose1 = groupNamed(r.el, 'Infanrix Hexa').querySelector('li[part="item"]')!;
      expect(detail(dose1, 'Given by')).to.equal('GP practice (withheld: restricted record)');
      expect(detail(dose1, 'Location')).to.equal('');
      // The school nursing trust does not say where the patient lives.
      expect(detail(itemNamed(r.el, 'Fluenz'), 'Given by')).to.equal(
        'Northfield Community Healthcare NHS Trust (RY9)',
      );
      const search = source.calls.find((call) => call.startsWith('search Immunization'))!;
      expect(search).not.to.contain('_include');
      const asked = source.calls.filter((call) => call.startsWith('resolve ')).join(' ');
      expect(asked).not.to.contain(beechTreeSurgery.id);
      expect(asked).not.to.contain('Location/');
      await expect(r.el).to.be.accessible();
    });

    it('care-select hands over a copy without the location, the practice or the nurse', async () => {
      const r = await renderList({ bundle: childhoodBundle(immunisationChildRestricted) });
      groupNamed(r.el, 'Infanrix Hexa').querySelector<HTMLLIElement>('li[part="item"]')!.click();
      const resource = r.selects[0].detail.resource as Immunization;
      expect(resource).not.to.have.property('location');
      expect(JSON.stringify(resource)).not.to.match(/Beech Tree|Y90002|Nurse Jo Hale|treatment-room/);
      expect(resource.performer).to.deep.equal([
        { actor: { display: 'Clinician (withheld: restricted record)' } },
        { actor: { display: 'GP practice (withheld: restricted record)' } },
      ]);
    });

    it('UK Core Richard Smith restricted: the nurse clinic stands as a withheld location', async () => {
      const r = await renderList({ bundle: richardSmithImmunisationBundle(richardSmithRestricted) });
      const influenza = itemNamed(r.el, 'Influenza vaccine');
      expect(detail(influenza, 'Given by')).to.equal('Location (withheld: restricted record)');
      expect(shadowText(r.el)).not.to.match(/WhiteRose|WHITE ROSE|GP5/);
    });

    it('an unrestricted record has no marker', async () => {
      const r = await renderList({ bundle: childhoodBundle() });
      expect($(r.el, '[part="restricted"]')).to.equal(null);
    });
  });

  describe('a deceased patient', () => {
    it('says so first, then lists the immunisations', async () => {
      const r = await renderList({ bundle: deceasedImmunisationBundle() });
      const notice = $(r.el, '[part="deceased"]')!;
      expect(clean(notice.textContent)).to.equal('Died 02-Mar-2026.');
      expect(vaccines(r.el)).to.deep.equal([
        'Quadrivalent influenza vaccine (split virion, inactivated) suspension for injection 0.5ml pre-filled syringes (Sanofi Pasteur)',
        'Pneumococcal polysaccharide vaccine (PPV23)',
      ]);
      await expect(r.el).to.be.accessible();
    });

    it('a living patient has no such notice', async () => {
      const r = await renderList({ bundle: childhoodBundle() });
      expect($(r.el, '[part="deceased"]')).to.equal(null);
    });
  });

  describe('patient change', () => {
    it('shows only the new patient, never a row of the old one', async () => {
      const both: Bundle = {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [...childhoodBundle().entry!, ...deceasedImmunisationBundle().entry!],
      };
      const r = await renderList({ bundle: both }, { patient: immunisationChild.id });
      expect(items(r.el)).to.have.length(17);
      r.loads.length = 0;
      r.el.setAttribute('patient', 'synthetic-imm-deceased');
      await waitUntil(() => r.loads.length > 0);
      expect(items(r.el)).to.have.length(3);
      expect(shadowText(r.el)).not.to.contain('Infanrix');
    });
  });

  describe('malformed resources', () => {
    it('render what they can: no vaccine, no date, wrong types, dangling references', async () => {
      const r = await renderList({ bundle: malformedImmunisationBundle() });
      expect(r.errors).to.have.length(0);
      expect(r.loads[0].detail.count).to.equal(4);
      // Newest first, the undated last (by name).
      expect(vaccines(r.el)).to.deep.equal([
        'Not known',
        'Typhoid vaccine',
        'Hepatitis A vaccine',
        'Not known',
      ]);
      const typhoid = itemNamed(r.el, 'Typhoid');
      expect(main(typhoid)).to.equal('Typhoid vaccine 01-Jul-2019 Given');
      expect(detail(typhoid, 'Given by')).to.equal('Not known');
      expect(main(itemNamed(r.el, 'Hepatitis A'))).to.equal('Hepatitis A vaccine Not known Given');
      expect(items(r.el).map(main)).to.include('Not known Not known Status not known');
      await expect(r.el).to.be.accessible();
    });
  });

  describe('public examples', () => {
    it('UK Core Richard Smith: the influenza vaccine and nine records of one COVID-19 vaccine', async () => {
      const r = await renderList({ bundle: richardSmithImmunisationBundle() });
      expect(r.loads[0].detail.count).to.equal(10);
      const covid = groupNamed(r.el, 'COVID-19 Vaccine Vaxzevria');
      expect(clean(covid.querySelector('.group__count')?.textContent)).to.equal('9 doses');
      const doses = [...covid.querySelectorAll('li[part="item"]')];
      expect(doses.map((li) => detail(li, 'Given by'))).to.include(
        'ELLAND ROAD STADIUM - COVID VACCINATION CENTRE (C4B2A)',
      );
      expect(doses.map((li) => detail(li, 'Batch'))).to.include('R04X');
      expect(doses.map((li) => detail(li, 'Amount'))).to.include('0.5 milliliter');
      expect(doses.map(main)).to.include('Dose 1 20-Jul-2021 Given');
      const influenza = itemNamed(r.el, 'Influenza vaccine');
      expect(main(influenza)).to.contain('10-Jan-2013 Given');
      expect(detail(influenza, 'Given by')).to.equal('WHITE ROSE MEDICAL CENTRE (GP5)');
      expect(detail(influenza, 'Location')).to.equal('WhiteRoseNurseClinic');
      await expect(r.el).to.be.accessible();
    });

    it('HL7 R4 examples: given, not given with its reason, historical, two protocols, subpotent', async () => {
      const r = await renderList({ bundle: hl7ImmunisationBundle() });
      expect(r.loads[0].detail.count).to.equal(5);
      expect(vaccines(r.el)).to.deep.equal([
        'Twinrix (HepA/HepB)',
        'Hepatitis B',
        'DTP',
        'Fluvax (Influenza)',
        'Influenza',
      ]);
      expect(main(itemNamed(r.el, 'DTP'))).to.equal('DTP 10-Jan-2013 Not given');
      expect(detail(itemNamed(r.el, 'DTP'), 'Reason not given')).to.equal('medical precaution');
      expect(main(itemNamed(r.el, 'Twinrix'))).to.equal(
        'Twinrix (HepA/HepB) Dose 1; Dose 2 18-Jun-2018 Given',
      );
      expect(detail(itemNamed(r.el, 'Twinrix'), 'Course')).to.equal('2-dose; 3-dose');
      expect(main(itemNamed(r.el, 'Fluvax'))).to.equal('Fluvax (Influenza) 10-Jan-2013 Given Subpotent dose');
      expect(main(itemNamed(r.el, 'Influenza'))).to.equal('Influenza January 2012 Given');
      expect(detail(itemNamed(r.el, 'Influenza'), 'Reported from')).to.equal('Written Record');
      await expect(r.el).to.be.accessible();
    });

    it('Synthea Lawrence741 Hammes673 (transaction Bundle): 58 influenza vaccines in one group, oldest first', async () => {
      const r = await renderList({ bundle: lawrenceHammesImmunisationBundle() });
      expect(r.loads[0].detail.count).to.equal(65);
      expect(vaccines(r.el)).to.deep.equal([
        'Influenza, seasonal, injectable, preservative free',
        'Td (adult) preservative free',
        'SARS-COV-2 (COVID-19) vaccine, mRNA, spike protein, LNP, preservative free, 30 mcg/0.3mL dose',
        'pneumococcal polysaccharide vaccine, 23 valent',
      ]);
      const flu = groupNamed(r.el, 'Influenza, seasonal');
      expect(clean(flu.querySelector('.group__count')?.textContent)).to.equal('58 doses');
      const fluDoses = [...flu.querySelectorAll('li[part="item"]')];
      expect(main(fluDoses[0])).to.equal('10-Jan-1945 Given');
      expect(main(fluDoses[57])).to.equal('28-Jul-2021 Given');
      expect(detail(fluDoses[0], 'Location')).to.equal('JOHN MAGALHAES AND ASSOCIATES, INC.');
      expect(detail(fluDoses[0], 'Given by')).to.equal('Not known');
    });
  });

  describe('where the data comes from', () => {
    it('inside <care-record> with a Bundle', async () => {
      const loads: CareLoadEvent[] = [];
      const record = await fixture<CareRecord>(html`
        <care-record .bundle=${childhoodBundle()} @care-load=${(e: CareLoadEvent) => loads.push(e)}>
          <care-immunisation-list></care-immunisation-list>
        </care-record>
      `);
      await waitUntil(() => loads.length > 0);
      expect(items(record.querySelector('care-immunisation-list')!)).to.have.length(17);
    });

    it('from an endpoint: the Patient, then Immunization?patient=… with its includes', async () => {
      const schedule = childhoodSchedule(immunisationChild);
      const stub = stubFetch((url) => {
        if (url.includes('/Patient/')) return json(immunisationChild);
        return json({
          resourceType: 'Bundle',
          type: 'searchset',
          total: schedule.length,
          entry: [
            ...schedule.map((resource) => ({ resource, search: { mode: 'match' } })),
            ...childhoodScheduleOthers.map((resource) => ({ resource, search: { mode: 'include' } })),
          ],
        });
      });
      const loads: CareLoadEvent[] = [];
      const el = await fixture<CareImmunisationList>(html`
        <care-immunisation-list
          endpoint="https://fhir.example.nhs.uk/R4"
          patient=${immunisationChild.id!}
          .fetch=${stub.fetch}
          @care-load=${(e: CareLoadEvent) => loads.push(e)}
        ></care-immunisation-list>
      `);
      await waitUntil(() => loads.length > 0);
      expect(loads[0].detail.count).to.equal(17);
      const urls = stub.calls.map((call) => decodeURIComponent(call.url));
      expect(urls).to.have.length(2);
      expect(urls[1]).to.match(/\/Immunization\?/);
      expect(urls[1]).to.contain(`patient=${immunisationChild.id}`);
      expect(urls[1]).to.contain('_include=Immunization:performer');
      expect(detail(items(el)[0], 'Given by')).to.equal('Beech Tree Surgery (Y90002)');
      expect(detail(items(el)[0], 'Location')).to.equal(treatmentRoom.name);
    });

    it('from bundle-src: a Synthea file served over HTTP', async () => {
      const loads: CareLoadEvent[] = [];
      const el = await fixture<CareImmunisationList>(html`
        <care-immunisation-list
          bundle-src="/test/fixtures/immunisation-list/synthea-lawrence-hammes-immunisations.json"
          @care-load=${(e: CareLoadEvent) => loads.push(e)}
        ></care-immunisation-list>
      `);
      await waitUntil(() => loads.length > 0, 'care-load', { timeout: 4000 });
      expect(loads[0].detail.count).to.equal(65);
      expect(groups(el)).to.have.length(3);
    });
  });
});
