import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { Bundle, Condition } from 'fhir/r4';
import { servers } from '/__record-servers.js';
import '../../src/all.js';
import type { CareRecord } from '../../src/elements/record/record.component.js';
import type { CareProblemList } from '../../src/elements/problem-list/problem-list.component.js';
import type { CareLoadEvent, CareSelectEvent } from '../../src/base/events.js';
import { $, $$, clean, shadowText } from '../helpers/dom.js';

// <care-problem-list> against the embedded FHIR server over real HTTP (started by the test runner
// with the demo seed; see scripts/record-server-plugin.js). Patients come from demo/data/generated,
// whose problems and diagnoses scripts/generate-records/problems.js writes.

interface Stats {
  requests: Record<string, number>;
}
const resetStats = (base: string) => fetch(`${base}/$reset-stats`, { method: 'POST' });
const counted = async (base: string): Promise<[string, number][]> =>
  Object.entries(((await (await fetch(`${base}/$stats`)).json()) as Stats).requests).map(([request, n]) => [
    decodeURIComponent(request),
    n,
  ]);
const requests = async (base: string): Promise<string[]> => (await counted(base)).map(([request]) => request);

const TIMEOUT = { timeout: 20000 };
const rows = (el: CareProblemList, kind?: string) =>
  $$<HTMLLIElement>(el, kind ? `.group--${kind} li[part="item"]` : 'li[part="item"]');
const rowOf = (el: CareProblemList, name: string) =>
  rows(el).find((li) => clean(li.querySelector('.name')?.textContent) === name);
const detail = (li: HTMLLIElement, term: string) =>
  clean(
    [...li.querySelectorAll('.details__item')]
      .find((item) => clean(item.querySelector('dt')?.textContent) === term)
      ?.querySelector('dd')?.textContent,
  );
const tags = (li: HTMLLIElement) =>
  [...li.querySelectorAll('.tag, .status')].map((tag) => clean(tag.textContent));

/** What the server holds for a patient, read directly (every page): the conditions the list should show. */
async function shownConditions(patient: string): Promise<Condition[]> {
  const conditions: Condition[] = [];
  let url: string | undefined = `${servers.main}/Condition?patient=${patient}&_count=1000`;
  while (url) {
    const bundle = (await (await fetch(url)).json()) as Bundle;
    conditions.push(...(bundle.entry ?? []).map((entry) => entry.resource as Condition));
    url = bundle.link?.find((link) => link.relation === 'next')?.url;
  }
  return conditions.filter(
    (c) => !['refuted', 'entered-in-error'].includes(c.verificationStatus?.coding?.[0]?.code ?? ''),
  );
}

async function mountList(attributes: { patient: string; pageSize?: number }) {
  const loads: CareLoadEvent[] = [];
  const selects: CareSelectEvent[] = [];
  const el = await fixture<CareProblemList>(
    html`<care-problem-list
      endpoint=${servers.main}
      patient=${attributes.patient}
      page-size=${attributes.pageSize ?? 100}
      @care-load=${(e: CareLoadEvent) => loads.push(e)}
      @care-select=${(e: CareSelectEvent) => selects.push(e)}
    ></care-problem-list>`,
  );
  await waitUntil(() => loads.length > 0, 'problem list loaded', TIMEOUT);
  await el.updateComplete;
  return { el, loads, selects };
}

describe('integration: <care-problem-list> against the record server', function () {
  this.timeout(60000);
  setupIgnoreWindowResizeObserverLoopErrors(before, after, { suppressErrorLogging: true });

  it('a GP record: major and minor problems, encounter diagnoses, every status; refuted and entered-in-error left out', async () => {
    const expected = await shownConditions('gen-patient-0001');
    await resetStats(servers.main);
    const { el, loads, selects } = await mountList({ patient: 'gen-patient-0001' });
    expect(loads[0].detail).to.deep.equal({ count: expected.length, complete: true });
    const hypertension = rowOf(el, 'Hypertension')!;
    expect(tags(hypertension)).to.deep.equal(['Major', 'Active']);
    expect(detail(hypertension, 'Recorded by')).to.equal('RIVERSIDE MEDICAL PRACTICE (P99001)');
    expect(detail(hypertension, 'Encounter')).to.match(/^\d{2}-[A-Z][a-z]{2}-\d{4}, /);
    // Onsets of more than five years ago are kept to the month.
    expect(detail(hypertension, 'Onset')).to.match(/^[A-Z][a-z]{2}-\d{4}$/);
    expect(tags(rowOf(el, 'Acute viral pharyngitis')!)).to.deep.equal(['Minor', 'Recurrence']);
    expect(rows(el, 'diagnosis').length).to.be.greaterThan(0);
    expect(shadowText(el)).not.to.contain('Anaemia');
    expect(shadowText(el)).not.to.contain('Osteoporosis');
    $$<HTMLButtonElement>(el, '[part="toggle"] button')[1].click();
    await el.updateComplete;
    const fracture = rows(el, 'problem').find((li) => tags(li).includes('Major'))!;
    expect(detail(fracture, 'Onset')).to.match(/^\d{4}$/);
    expect(tags(rowOf(el, 'Appendicitis')!)).to.deep.equal(['Resolved', 'Differential']);
    rowOf(el, 'Appendicitis')!.click();
    expect(selects[0].detail.resource.resourceType).to.equal('Condition');

    const asked = await requests(servers.main);
    const search = asked.find((request) => request.startsWith('GET /fhir/Condition?'))!;
    expect(search).to.contain('_sort=-recorded-date');
    expect(search).to.contain('_include=Condition:encounter');
    // Encounters came with the search; each organisation and role was read at most once.
    expect(asked.filter((request) => request.startsWith('GET /fhir/Encounter/'))).to.deep.equal([]);
    const reads = (await counted(servers.main)).filter(([request]) =>
      /^GET \/fhir\/(PractitionerRole|Organization)\//.test(request),
    );
    expect(reads.length).to.be.greaterThan(0);
    expect(reads.filter(([, n]) => n > 1)).to.deep.equal([]);
    // People are never read: a person says who, not where.
    expect(asked.filter((request) => request.startsWith('GET /fhir/Practitioner/'))).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('a restricted record inside <care-record>: the GP practice is never requested or named', async () => {
    await resetStats(servers.main);
    const loads: CareLoadEvent[] = [];
    const record = await fixture<CareRecord>(html`
      <care-record
        endpoint=${servers.main}
        patient="gen-patient-0007"
        @care-load=${(e: CareLoadEvent) => loads.push(e)}
      >
        <care-problem-list></care-problem-list>
      </care-record>
    `);
    await waitUntil(() => loads.length > 0, 'restricted problem list loaded', TIMEOUT);
    const el = record.querySelector<CareProblemList>('care-problem-list')!;
    await el.updateComplete;
    expect(clean($(el, '[part="restricted"]')!.textContent)).to.equal('Restricted record');
    const problems = rows(el, 'problem');
    expect(problems.length).to.be.greaterThan(0);
    expect(
      problems.every((li) => detail(li, 'Recorded by') === 'GP practice (withheld: restricted record)'),
    ).to.equal(true);
    expect(shadowText(el)).not.to.contain('MOORLAND');
    expect(shadowText(el)).not.to.contain('P99002');
    const asked = await requests(servers.main);
    expect(asked.filter((request) => request.includes('Organization/gen-org-p99002'))).to.deep.equal([]);
    const search = asked.find((request) => request.startsWith('GET /fhir/Condition?'))!;
    expect(search).not.to.contain('Condition:asserter');
    await expect(el).to.be.accessible();
  });

  it('the large record streams its pages; the 259 active encounter diagnoses are virtualised', async () => {
    const expected = await shownConditions('gen-patient-0012');
    await resetStats(servers.main);
    const { el, loads } = await mountList({ patient: 'gen-patient-0012', pageSize: 50 });
    expect(loads[0].detail).to.deep.equal({ count: expected.length, complete: true });
    // Pages after the first are the server's own `next` links (HAPI FHIR's: `_getpages` cursors).
    const pages = (await requests(servers.main)).filter(
      (request) => request.startsWith('GET /fhir/Condition?') || request.includes('_getpages='),
    );
    expect(pages.length, 'Condition pages requested').to.be.greaterThan(1);
    expect(clean($(el, '.group--diagnosis .group__heading')!.textContent)).to.equal(
      'Encounter diagnoses (259)',
    );
    expect($(el, '.group--diagnosis ul.list--virtual')).to.exist;
  });

  it('bundle-src: a searchset Bundle from the server, read with no further request', async () => {
    const src = `${servers.main}/Condition?patient=gen-patient-0001&_include=Condition:subject&_include=Condition:encounter&_count=1000`;
    const expected = await shownConditions('gen-patient-0001');
    await resetStats(servers.main);
    const loads: CareLoadEvent[] = [];
    const el = await fixture<CareProblemList>(
      html`<care-problem-list
        bundle-src=${src}
        @care-load=${(e: CareLoadEvent) => loads.push(e)}
      ></care-problem-list>`,
    );
    await waitUntil(() => loads.length > 0, 'loaded from bundle-src', TIMEOUT);
    expect(loads[0].detail.count).to.equal(expected.length);
    expect(detail(rowOf(el, 'Hypertension')!, 'Encounter')).to.match(/^\d{2}-[A-Z][a-z]{2}-\d{4}, /);
    const asked = await requests(servers.main);
    expect(asked.filter((request) => request.startsWith('GET /fhir/Condition?'))).to.have.length(1);
  });
});
