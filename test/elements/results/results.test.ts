import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { Bundle, DiagnosticReport, Observation } from 'fhir/r4';
import '../../../src/all.js';
import type { CareResults } from '../../../src/elements/results/results.component.js';
import type { CareErrorEvent, CareLoadEvent, CareSelectEvent } from '../../../src/base/events.js';
import { errorForStatus } from '../../../src/data/fhir-http.js';
import type { RecordSource } from '../../../src/data/record-source.js';
import { collection } from '../../fixtures/collection.js';
import { hl7Results } from '../../fixtures/hl7-r4/results.js';
import { ukCore } from '../../fixtures/uk-core/index.js';
import { ukCoreResults } from '../../fixtures/uk-core/results.js';
import { manyResultsSource } from '../../fixtures/results/paged-source.js';
import {
  fbcReport,
  noResultsBundle,
  resultsBundle,
  resultsGp,
  resultsPatient,
  resultsPatientRestricted,
} from '../../fixtures/results/synthetic-uk.js';
import { PendingSource, RecordingSource } from '../../fixtures/sources.js';
import { $, $$, clean, root } from '../../helpers/dom.js';

interface Mounted {
  el: CareResults;
  loads: CareLoadEvent[];
  errors: CareErrorEvent[];
  selects: CareSelectEvent[];
}

async function mount(
  {
    bundle,
    source,
    patient,
    pageSize,
  }: { bundle?: Bundle; source?: RecordSource; patient?: string; pageSize?: number },
  { wait = 'load' }: { wait?: 'load' | 'error' | 'none' } = {},
): Promise<Mounted> {
  const loads: CareLoadEvent[] = [];
  const errors: CareErrorEvent[] = [];
  const selects: CareSelectEvent[] = [];
  const el = await fixture<CareResults>(
    html`<care-results
      .bundle=${bundle}
      .source=${source}
      patient=${patient ?? ''}
      page-size=${pageSize ?? 100}
      @care-load=${(e: CareLoadEvent) => loads.push(e)}
      @care-error=${(e: CareErrorEvent) => errors.push(e)}
      @care-select=${(e: CareSelectEvent) => selects.push(e)}
    ></care-results>`,
  );
  if (wait === 'load') await waitUntil(() => loads.length > 0, 'care-load never fired', { timeout: 10000 });
  if (wait === 'error') await waitUntil(() => errors.length > 0, 'care-error never fired', { timeout: 5000 });
  await el.updateComplete;
  return { el, loads, errors, selects };
}

const items = (el: CareResults) => $$<HTMLLIElement>(el, 'li[part="item"]');
const nameOf = (li: HTMLLIElement) => clean(li.querySelector('.name')?.textContent);
const itemNamed = (el: CareResults, name: string, nth = 0) =>
  items(el).filter((li) => nameOf(li) === name)[nth];
const statusOf = (li: HTMLLIElement) => clean(li.querySelector('.item__main [part="status"]')?.textContent);
const detail = (li: HTMLLIElement, term: string) =>
  clean(
    [...li.querySelectorAll('.details__item')]
      .find((item) => clean(item.querySelector('dt')?.textContent) === term)
      ?.querySelector('dd')?.textContent,
  );
/** A report's result rows as [test, result, flag, range]. */
const resultRows = (li: HTMLLIElement) =>
  [...li.querySelectorAll('table.results tbody tr.results__row')].map((tr) =>
    [...tr.children].slice(0, 4).map((cell) => clean(cell.textContent)),
  );
const trendButton = (li: HTMLElement, test: string) =>
  [...li.querySelectorAll<HTMLButtonElement>('.trend-button')].find((b) =>
    clean(b.textContent).endsWith(`: ${test}`),
  )!;

describe('<care-results>', function () {
  setupIgnoreWindowResizeObserverLoopErrors(before, after, { suppressErrorLogging: true });

  describe('loaded (synthetic UK record)', () => {
    it('reports and results on their own, newest first; notes, surveys, social history and errors not listed', async () => {
      const { el, loads } = await mount({ bundle: resultsBundle() });
      expect(items(el).map(nameOf)).to.deep.equal([
        'Blood pressure',
        'Body weight',
        'Full blood count',
        'Urea and electrolytes',
        'HbA1c',
        'CRP',
        'Urine culture',
        'Urine protein (dipstick)',
        'Blood pressure',
        'Full blood count',
        'HbA1c',
        'Lipid profile',
        'Full blood count',
        'HbA1c (IFCC)',
      ]);
      const text = clean(root(el).textContent);
      for (const hidden of ['Smoking status', 'PHQ-9', 'Liver function tests', 'ALT', 'Cholesterol'])
        expect(text, hidden).not.to.contain(hidden);
      expect(loads[0].detail).to.deep.equal({ count: 14, complete: true });
      await expect(el).to.be.accessible();
    });

    it('a report: values with units, flags in words, reference ranges, status, date and time, who performed it', async () => {
      const { el } = await mount({ bundle: resultsBundle() });
      const ue = itemNamed(el, 'Urea and electrolytes');
      expect(resultRows(ue)).to.deep.equal([
        ['Sodium', '128 mmol/L', 'Low', '133 to 146 mmol/L'],
        ['Potassium', '6.8 mmol/L', '!! Critical high', '3.5 to 5.3 mmol/L'],
        ['Urea', 'No result: Sample haemolysed', '', '2.5 to 7.8 mmol/L'],
        ['Creatinine', '142 umol/L', 'High', '59 to 104 umol/L'],
        ['eGFR', '>90 mL/min/1.73m2', '', ''],
      ]);
      expect(statusOf(ue)).to.equal('Amended');
      expect(clean(ue.querySelector('.when')?.textContent)).to.equal('01-Mar-2024 09:12');
      expect(detail(ue, 'Performed by')).to.equal('Northbrook Pathology Services NHS Trust (RX9)');
      expect(detail(ue, 'Category')).to.equal('Clinical chemistry');
      expect(detail(ue, 'Conclusion')).to.contain('phone the ward');
      // A critical value is said on the report too, in words (and `!!`), not by colour alone.
      expect(clean(ue.querySelector('.item__main [part="flag"]')?.textContent)).to.equal(
        '!! Critical result',
      );
      expect(ue.classList.contains('item--critical')).to.equal(true);
    });

    it('every report says its status: preliminary, final, amended, corrected, cancelled', async () => {
      const { el } = await mount({ bundle: resultsBundle() });
      const reports = items(el).filter((li) => li.classList.contains('item--report'));
      expect(reports.map((li) => `${nameOf(li)}: ${statusOf(li)}`)).to.deep.equal([
        'Full blood count: Final',
        'Urea and electrolytes: Amended',
        'HbA1c: Preliminary',
        'Full blood count: Final',
        'HbA1c: Corrected',
        'Lipid profile: Cancelled',
        'Full blood count: Final',
      ]);
      const oldest = itemNamed(el, 'Full blood count', 2);
      expect(clean(oldest.textContent)).to.contain('One result named by this report could not be found.');
    });

    it('results on their own: blood pressure as 142/88 mmHg, a comparator kept, words and codes as written, the GP practice', async () => {
      const { el } = await mount({ bundle: resultsBundle() });
      const value = (li: HTMLLIElement) => clean(li.querySelector('.item__main .value')?.textContent);
      const bp = itemNamed(el, 'Blood pressure');
      expect(value(bp)).to.equal('142/88 mmHg');
      expect(detail(bp, 'Performed by')).to.equal('Canal Street Surgery (Y90004)');
      expect(statusOf(bp)).to.equal('Final');
      expect(value(itemNamed(el, 'CRP'))).to.equal('<5 mg/L');
      expect(detail(itemNamed(el, 'CRP'), 'Reference range')).to.equal('up to 5 mg/L');
      expect(value(itemNamed(el, 'Urine culture'))).to.equal('No significant growth');
      expect(value(itemNamed(el, 'Urine protein (dipstick)'))).to.equal('Negative');
      expect(detail(itemNamed(el, 'Body weight'), 'Category')).to.equal('Vital signs');
    });
  });

  describe('trends', () => {
    it('a test done three times opens a chart with the reference range as a band, and a table of every value', async () => {
      const { el, selects } = await mount({ bundle: resultsBundle() });
      const fbc = itemNamed(el, 'Full blood count');
      const button = trendButton(fbc, 'Haemoglobin');
      expect(clean(button.textContent)).to.equal('Trend (3): Haemoglobin');
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      button.click();
      await el.updateComplete;
      expect(selects).to.have.length(0);
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      const trend = root(el).getElementById(button.getAttribute('aria-controls')!)!;
      expect(trend.getAttribute('part')).to.equal('trend');
      const chart = trend.querySelector('svg.chart')!;
      expect(chart.getAttribute('role')).to.equal('img');
      expect(chart.getAttribute('aria-label')).to.equal(
        'Chart of Haemoglobin: 3 values from 28-Feb-2022 to 01-Mar-2024. Latest 118 g/L, Low. Shaded band: reference range 130 to 180 g/L.',
      );
      expect(chart.querySelectorAll('.marker')).to.have.length(3);
      expect(chart.querySelector('rect.band')).not.to.equal(null);
      // Flagged points are triangles (low: pointing down), not a colour.
      expect(chart.querySelectorAll('.marker--flag')).to.have.length(2);
      const rows = [...trend.querySelectorAll('.trend__table tbody tr')].map((tr) =>
        [...tr.children].map((cell) => clean(cell.textContent)),
      );
      expect(rows).to.deep.equal([
        ['01-Mar-2024 09:12', '118 g/L', 'Low', '130 to 180 g/L', 'Final'],
        ['02-Mar-2023 10:30', '125 g/L', 'Low', '130 to 180 g/L', 'Final'],
        ['28-Feb-2022 11:05', '133 g/L', '', '130 to 180 g/L', 'Final'],
      ]);
      await expect(el).to.be.accessible();
      button.click();
      await el.updateComplete;
      expect(root(el).getElementById(button.getAttribute('aria-controls')!)).to.equal(null);
    });

    it('blood pressure: two lines; a test done once has no Trend button', async () => {
      const { el } = await mount({ bundle: resultsBundle() });
      const bp = itemNamed(el, 'Blood pressure');
      trendButton(bp, 'Blood pressure').click();
      await el.updateComplete;
      expect(bp.querySelectorAll('svg.chart polyline')).to.have.length(2);
      expect(clean(bp.querySelector('.legend')?.textContent)).to.contain('Systolic');
      expect(itemNamed(el, 'Body weight').querySelector('.trend-button')).to.equal(null);
    });

    it('a preliminary HbA1c is in its trend, with its status', async () => {
      const { el } = await mount({ bundle: resultsBundle() });
      const hba1c = itemNamed(el, 'HbA1c');
      trendButton(hba1c, 'HbA1c (IFCC)').click();
      await el.updateComplete;
      const statuses = [...hba1c.querySelectorAll('.trend__table tbody tr td:last-child')].map((td) =>
        clean(td.textContent),
      );
      expect(statuses).to.deep.equal(['Preliminary', 'Final', 'Final']);
    });
  });

  describe('keyboard', () => {
    it("one tab stop, arrows move, Enter selects the DiagnosticReport; the row's Trend buttons are in the tab order", async () => {
      const { el, selects } = await mount({ bundle: resultsBundle() });
      const [first, second, third] = items(el);
      expect([first.tabIndex, second.tabIndex, third.tabIndex]).to.deep.equal([0, -1, -1]);
      expect(trendButton(third, 'Haemoglobin').tabIndex).to.equal(-1);
      first.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement === third).to.equal(true);
      expect(trendButton(third, 'Haemoglobin').tabIndex).to.equal(0);
      await sendKeys({ press: 'Enter' });
      expect(selects.map((e) => e.detail.resource.id)).to.deep.equal([fbcReport.id]);
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      expect(nameOf(el.shadowRoot!.activeElement as HTMLLIElement)).to.equal('HbA1c (IFCC)');
      await sendKeys({ press: ' ' });
      expect((selects[1].detail.resource as Observation).resourceType).to.equal('Observation');
    });
  });

  describe('states', () => {
    it('loading: a busy status until the first page arrives', async () => {
      const { el } = await mount({ source: new PendingSource(), patient: 'anyone' }, { wait: 'none' });
      await waitUntil(() => $(el, '[part="loading"]'), 'loading shown');
      expect(clean($(el, '[part="loading"]')!.textContent)).to.equal('Loading test results');
      await expect(el).to.be.accessible();
    });

    it('empty: says there are no results (a smoking status is not one)', async () => {
      const { el, loads } = await mount({ bundle: noResultsBundle() });
      expect(clean($(el, '[part="empty"]')!.textContent)).to.equal(
        'No test results are recorded for this patient.',
      );
      expect(loads[0].detail.count).to.equal(0);
      await expect(el).to.be.accessible();
    });

    it('error: in plain English with Try again, which loads the results', async () => {
      const error = errorForStatus(503, '');
      const source = new RecordingSource(resultsBundle(), {
        failing: { DiagnosticReport: error, Observation: error },
      });
      const { el, errors } = await mount({ source }, { wait: 'error' });
      const state = $(el, '[part="error"]')!;
      expect(clean(state.textContent)).to.contain('Test results could not be loaded');
      expect(errors[0].detail.error.kind).to.equal('http');
      await expect(el).to.be.accessible();
      source.failing.clear();
      const loads: CareLoadEvent[] = [];
      el.addEventListener('care-load', (e) => loads.push(e));
      state.querySelector('button')!.click();
      await waitUntil(() => loads.length > 0, 'loaded after Try again');
      expect(items(el)).to.have.length(14);
    });

    it('partial: the Observation search failing leaves the reports, and says what is missing', async () => {
      const source = new RecordingSource(resultsBundle(), {
        failing: { Observation: errorForStatus(400, '') },
      });
      const { el, loads } = await mount({ source });
      expect(items(el).filter((li) => li.classList.contains('item--report'))).to.have.length(7);
      expect(clean(root(el).textContent)).to.contain('Results (Observation)');
      expect(loads[0].detail.complete).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('deceased: says so first', async () => {
      const { el } = await mount({
        bundle: resultsBundle({ ...resultsPatient, deceasedDateTime: '2024-03-06T10:00:00+00:00' }),
      });
      expect(clean($(el, '[part="deceased"]')!.textContent)).to.equal('Died 06-Mar-2024.');
    });

    it('a result reached through a report that names another patient refuses the answer', async () => {
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
      const { el, errors } = await mount(
        { bundle: collection([resultsPatient, report, stranger]) },
        { wait: 'error' },
      );
      expect(errors[0].detail.error.kind).to.equal('patient-mismatch');
      expect(clean(root(el).textContent)).not.to.contain('Glucose');
    });
  });

  describe('restricted record', () => {
    it('never requests or names the GP practice, asks for no performers alongside, and says Restricted record', async () => {
      const source = new RecordingSource(resultsBundle(resultsPatientRestricted));
      const { el, selects } = await mount({ source });
      const bp = itemNamed(el, 'Blood pressure');
      expect(detail(bp, 'Performed by')).to.equal('GP practice (withheld: restricted record)');
      expect(clean(root(el).textContent)).not.to.contain(resultsGp.name!);
      expect(source.calls.some((call) => call.includes(resultsGp.id!))).to.equal(false);
      expect(source.calls.filter((call) => call.includes(':performer'))).to.deep.equal([]);
      expect(clean($(el, '[part="restricted"]')!.textContent)).to.equal('Restricted record');
      bp.click();
      expect(JSON.stringify(selects[0].detail.resource)).not.to.contain(resultsGp.id!);
      await expect(el).to.be.accessible();
    });
  });

  describe('public examples', () => {
    it("UK Core: a lab report whose result is the full blood count panel lists the panel's members", async () => {
      const { el } = await mount({
        bundle: collection([
          ukCore.patientRichardSmith,
          ...ukCoreResults.labRecord,
          ukCoreResults.bloodPressure,
        ]),
      });
      const report = itemNamed(el, 'Diagnostic studies report');
      expect(resultRows(report)).to.deep.equal([
        ['Full blood count', '', '', ''],
        ['White blood cell count in fluid', '11.2 10⁹/L', '', '4 to 17'],
        ['Nucleated red blood cell count in blood', '3.9 10¹²/L', 'Below range', '4 to 5.9'],
      ]);
      expect(detail(report, 'Performed by')).to.equal('LEEDS TEACHING HOSPITALS NHS TRUST (RR8)');
      expect(items(el)).to.have.length(2);
      await expect(el).to.be.accessible();
    });

    it('HL7: the lipid panel without interpretations says Above range / Below range', async () => {
      const { el } = await mount({
        bundle: collection([
          hl7Results.patientPat2,
          hl7Results.lipidsReport,
          ...hl7Results.lipidsObservations,
        ]),
      });
      expect(resultRows(items(el)[0]).map((row) => row[2])).to.deep.equal([
        'Above range',
        '',
        'Below range',
        'Above range',
      ]);
    });
  });

  describe('long histories', () => {
    it('840 results stream in pages, the first rows at once, only the rows in view in the DOM, and a filter finds a test', async function () {
      this.timeout(60000);
      const source = manyResultsSource(120);
      const progress: number[] = [];
      const { el, loads } = await mount(
        { source, patient: 'synthetic-many-results', pageSize: 50 },
        { wait: 'none' },
      );
      el.addEventListener('care-progress', (e) => progress.push(e.detail.loaded));
      await waitUntil(() => items(el).length > 0, 'first rows', { timeout: 10000 });
      await waitUntil(() => loads.length > 0, 'every page streamed in', { timeout: 45000 });
      expect(loads[0].detail).to.deep.equal({ count: 360, complete: true });
      expect(progress.length).to.be.greaterThan(0);
      expect(
        source.pageRequests.some((r) => r.startsWith('search DiagnosticReport') && r.includes('_sort=-date')),
      ).to.equal(true);
      expect($(el, 'ul.list--virtual')).not.to.equal(null);
      await waitUntil(() => items(el).length > 0, 'virtualised rows laid out', { timeout: 10000 });
      expect(items(el).length).to.be.lessThan(60);
      expect(nameOf(items(el)[0])).to.equal('Urea and electrolytes');
      const input = $<HTMLInputElement>(el, 'input[type="search"]')!;
      input.value = 'weight';
      input.dispatchEvent(new InputEvent('input'));
      await el.updateComplete;
      expect(clean($(el, '.filter__count')!.textContent)).to.equal('120 of 360 match');
      await expect(el).to.be.accessible();
    });
  });
});
