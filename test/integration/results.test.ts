import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { servers } from '/__record-servers.js';
import '../../src/all.js';
import type { CareResults } from '../../src/elements/results/results.component.js';
import type { CareLoadEvent } from '../../src/base/events.js';
import type { Bundle, DiagnosticReport, Observation, Patient } from 'fhir/r4';

// <care-results> against the embedded FHIR server over real HTTP (started by the test runner with
// the demo seed; see scripts/record-server-plugin.js): the generated UK records (blood tests over
// time, scripts/generate-records/build.js) and a Synthea patient copied into demo/data/synthea.

interface Stats {
  requests: Record<string, number>;
}
const resetStats = (base: string) => fetch(`${base}/$reset-stats`, { method: 'POST' });
const stats = async (base: string): Promise<Stats> => (await fetch(`${base}/$stats`)).json();
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const items = (el: CareResults) => [...el.shadowRoot!.querySelectorAll<HTMLLIElement>('li[part="item"]')];
const nameOf = (li: Element) => li.querySelector('.name')!.textContent!.trim();
const statusOf = (li: Element) => li.querySelector('.item__main [part="status"]')!.textContent!.trim();
/** Every resource of a type the server holds for a patient (to count what the element should show). */
async function direct<T>(type: string, patient: string): Promise<T[]> {
  const bundle = (await (
    await fetch(`${servers.main}/${type}?patient=${patient}&_count=1000`)
  ).json()) as Bundle;
  return (bundle.entry ?? []).map((entry) => entry.resource as T);
}

async function mount(patient: string, pageSize?: number) {
  const loads: CareLoadEvent[] = [];
  const el = await fixture<CareResults>(
    html`<care-results
      endpoint=${servers.main}
      patient=${patient}
      page-size=${pageSize ?? 100}
      @care-load=${(e: CareLoadEvent) => loads.push(e)}
    ></care-results>`,
  );
  return { el, loads };
}

const TIMEOUT = { timeout: 15000 };

describe('integration: <care-results> against the record server', function () {
  this.timeout(60000);
  setupIgnoreWindowResizeObserverLoopErrors(before, after, { suppressErrorLogging: true });

  it('UK blood tests: report values arrive with the report (_include), every status shown, a trend over time', async () => {
    await resetStats(servers.main);
    const { el, loads } = await mount('gen-patient-0001');
    await waitUntil(() => loads.length === 1, 'results loaded', TIMEOUT);
    const reports = (await direct<DiagnosticReport>('DiagnosticReport', 'gen-patient-0001')).length;
    const vitals = (await direct<Observation>('Observation', 'gen-patient-0001')).filter(
      (o) => o.category?.[0].coding?.[0].code === 'vital-signs',
    ).length;
    expect(loads[0].detail).to.deep.equal({ count: reports + vitals, complete: true });
    const statuses = new Set(
      items(el)
        .filter((li) => li.classList.contains('item--report'))
        .map(statusOf),
    );
    for (const status of ['Final', 'Amended', 'Preliminary', 'Cancelled'])
      expect(statuses).to.include(status);
    expect(text(el)).to.contain('NORTHGATE TEACHING HOSPITALS NHS TRUST (R9A)');
    // Results and the laboratory came with the reports: nothing was read one by one.
    const { requests } = await stats(servers.main);
    const search = Object.keys(requests).find((r) => r.startsWith('GET /fhir/DiagnosticReport?'))!;
    expect(decodeURIComponent(search)).to.contain('_include=DiagnosticReport:result');
    expect(decodeURIComponent(search)).to.contain('_sort=-date');
    expect(
      Object.keys(requests).filter((r) => /^GET \/fhir\/(Observation|Organization)\//.test(r)),
    ).to.deep.equal([]);
    const hba1c = items(el).find((li) => nameOf(li) === 'Haemoglobin A1c measurement')!;
    hba1c.querySelector<HTMLButtonElement>('.trend-button')!.click();
    await el.updateComplete;
    const rows = hba1c.querySelectorAll('.trend__table tbody tr');
    expect(rows.length).to.be.greaterThan(2);
    expect(hba1c.querySelector('svg.chart[role="img"]')).not.to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a restricted patient: blood pressure taken at the GP practice names no practice, and nothing is included alongside', async () => {
    await resetStats(servers.main);
    const { el, loads } = await mount('gen-patient-0007');
    await waitUntil(() => loads.length === 1, 'results loaded', TIMEOUT);
    const bp = items(el).find((li) => nameOf(li) === 'Blood pressure')!;
    expect(bp.textContent!.replace(/\s+/g, ' ')).to.contain('GP practice (withheld: restricted record)');
    const { requests } = await stats(servers.main);
    const searches = Object.keys(requests).map(decodeURIComponent);
    expect(searches.filter((r) => r.includes(':performer'))).to.deep.equal([]);
    // The hospital laboratory may be read; the GP practice never.
    const patient = (await (await fetch(`${servers.main}/Patient/gen-patient-0007`)).json()) as Patient;
    const practice = patient.generalPractitioner![0].reference!;
    expect(searches.filter((r) => r.includes(practice))).to.deep.equal([]);
    expect(text(el)).to.contain('Restricted record');
  });

  it("the dialysis patient's 700+ results: first rows at once, the rest streamed, few rows in the DOM, a filter over all", async function () {
    this.timeout(120000);
    const observations = await direct<Observation>('Observation', 'gen-patient-0012');
    expect(observations.length).to.be.greaterThan(700);
    const { el, loads } = await mount('gen-patient-0012', 50);
    await waitUntil(() => items(el).length > 0, 'first rows', TIMEOUT);
    await waitUntil(() => loads.length === 1, 'every page streamed in', { timeout: 100000 });
    const reports = (await direct<DiagnosticReport>('DiagnosticReport', 'gen-patient-0012')).length;
    const alone = observations.filter((o) => o.category?.[0].coding?.[0].code === 'vital-signs').length;
    expect(loads[0].detail).to.deep.equal({ count: reports + alone, complete: true });
    expect(el.shadowRoot!.querySelector('ul.list--virtual')).not.to.equal(null);
    expect(items(el).length).to.be.lessThan(60);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;
    input.value = 'urea';
    input.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    const urea = (await direct<DiagnosticReport>('DiagnosticReport', 'gen-patient-0012')).filter(
      (r) => r.code.text === 'Urea and electrolytes',
    ).length;
    expect(text(el)).to.contain(`${urea} of ${reports + alone} match`);
    await expect(el).to.be.accessible();
  });

  it('Synthea (US data): lab panels with their results, vital signs alone, the smoking survey not listed', async () => {
    const patient = '768be7ac-743f-4c24-aa0f-fed5a3a38b6a';
    const { el, loads } = await mount(patient);
    await waitUntil(() => loads.length === 1, 'results loaded', TIMEOUT);
    expect(loads[0].detail).to.deep.equal({ count: 96, complete: true });
    expect(text(el)).not.to.contain('Tobacco smoking status');
    const reports = items(el).filter((li) => li.classList.contains('item--report'));
    expect(reports).to.have.length(36);
    expect(reports.every((li) => li.querySelectorAll('table.results tbody tr').length > 0)).to.equal(true);
  });
});
