import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { servers } from '/__record-servers.js';
import '../../src/all.js';
import type { CareImmunisationList } from '../../src/elements/immunisation-list/immunisation-list.component.js';
import type { CareLoadEvent } from '../../src/base/events.js';
import { clean, shadowText } from '../helpers/dom.js';

// <care-immunisation-list> against the embedded FHIR server over real HTTP (started by the test
// runner with the demo seed: the UK Core examples, the Synthea patients and demo/data/generated).

interface Stats {
  requests: Record<string, number>;
}
const resetStats = (base: string) => fetch(`${base}/$reset-stats`, { method: 'POST' });
const requests = async (base: string): Promise<string[]> =>
  Object.keys(((await (await fetch(`${base}/$stats`)).json()) as Stats).requests).map(decodeURIComponent);

const TIMEOUT = { timeout: 15000 };

/** Renders the list for `patient` on the main server and waits for its care-load. */
async function load(patient: string, pageSize?: number) {
  const loads: CareLoadEvent[] = [];
  const el = await fixture<CareImmunisationList>(html`
    <care-immunisation-list
      endpoint=${servers.main}
      patient=${patient}
      page-size=${pageSize ?? 100}
      @care-load=${(e: CareLoadEvent) => loads.push(e)}
    ></care-immunisation-list>
  `);
  await waitUntil(() => loads.length > 0, 'immunisations loaded', TIMEOUT);
  return { el, loads };
}

const items = (el: Element) => [...el.shadowRoot!.querySelectorAll('li[part="item"]')];
const group = (el: Element, name: string) =>
  [...el.shadowRoot!.querySelectorAll('li[part="group"]')].find((li) =>
    clean(li.querySelector('.group__name')?.textContent).startsWith(name),
  )!;
const item = (el: Element, name: string) =>
  items(el).find((li) => clean(li.querySelector('.vaccine')?.textContent).startsWith(name))!;
const detail = (li: Element, term: string) =>
  clean(
    [...li.querySelectorAll('.details__item')]
      .find((d) => clean(d.querySelector('dt')?.textContent) === term)
      ?.querySelector('dd')?.textContent,
  );

describe('integration: <care-immunisation-list> against the record server', function () {
  this.timeout(30000);
  setupIgnoreWindowResizeObserverLoopErrors(before, after, { suppressErrorLogging: true });

  it('UK Core Richard Smith: one search with its includes, the clinic organisation read once', async () => {
    await resetStats(servers.main);
    const { el, loads } = await load('UKCore-Patient-RichardSmith-Example');
    expect(loads[0].detail).to.deep.equal({ count: 10, complete: true });
    const influenza = item(el, 'Influenza vaccine');
    expect(detail(influenza, 'Given by')).to.equal('WHITE ROSE MEDICAL CENTRE (GP5)');
    expect(detail(influenza, 'Location')).to.equal('WhiteRoseNurseClinic');
    expect(
      clean(group(el, 'COVID-19 Vaccine Vaxzevria').querySelector('.group__count')?.textContent),
    ).to.equal('9 doses');
    const asked = await requests(servers.main);
    const searches = asked.filter((request) => request.startsWith('GET /fhir/Immunization?'));
    expect(searches).to.have.length(1);
    expect(searches[0]).to.contain('_sort=-date');
    expect(searches[0]).to.contain('_include=Immunization:performer');
    expect(searches[0]).to.contain('_include=Immunization:location');
    // The clinic came with the search; only its managing organisation was read.
    expect(asked.filter((request) => request.startsWith('GET /fhir/Location/'))).to.deep.equal([]);
    expect(asked.filter((request) => request.startsWith('GET /fhir/Organization/'))).to.deep.equal([
      'GET /fhir/Organization/UKCore-Organization-WhiteRoseMedicalCentre-Example',
    ]);
    await expect(el).to.be.accessible();
  });

  it('the generated child: the childhood schedule streamed in pages, grouped by vaccine', async () => {
    await resetStats(servers.main);
    const { el, loads } = await load('gen-patient-0003', 5);
    // Nineteen records, one entered in error.
    expect(loads[0].detail).to.deep.equal({ count: 18, complete: true });
    const pages = (await requests(servers.main)).filter((request) =>
      request.startsWith('GET /fhir/Immunization?'),
    );
    expect(pages.length).to.be.greaterThan(1);
    const sixInOne = group(el, 'Infanrix Hexa');
    expect([...sixInOne.querySelectorAll('.dose')].map((dose) => clean(dose.textContent))).to.deep.equal([
      'Dose 1 of 3',
      'Dose 2 of 3',
      'Dose 3 of 3',
    ]);
    expect(detail(sixInOne.querySelector('li[part="item"]')!, 'Given by')).to.equal(
      'MOORLAND SURGERY (P99002)',
    );
    const declined = items(el).find((li) => li.classList.contains('item--not-given'))!;
    expect(clean(declined.querySelector('.status')?.textContent)).to.equal('Not given');
    expect(detail(declined, 'Reason not given')).to.equal(
      'Parent declined: porcine gelatine in the nasal spray',
    );
    expect(shadowText(el)).not.to.contain('Entered in error');
    await expect(el).to.be.accessible();
  });

  it('a restricted patient: no GP practice, pharmacy or location asked for or shown; the hospital stays', async () => {
    await resetStats(servers.main);
    const { el } = await load('gen-patient-0007');
    const text = shadowText(el);
    expect(text).to.contain('Restricted record');
    for (const secret of [
      'MOORLAND',
      'P99002',
      'PARKSIDE',
      'FX102',
      'Surgery (main surgery)',
      'Emergency Department',
    ]) {
      expect(text, secret).not.to.contain(secret);
    }
    expect(text).to.contain('GP practice (withheld: restricted record)');
    expect(text).to.contain('Pharmacy (withheld: restricted record)');
    expect(text).to.contain('AIRE VALLEY HOSPITALS NHS FOUNDATION TRUST (R9B)');
    const asked = await requests(servers.main);
    const search = asked.find((request) => request.startsWith('GET /fhir/Immunization?'))!;
    expect(search).not.to.contain('_include');
    for (const request of asked) {
      expect(request, request).not.to.match(/\/(Location\/|Organization\/gen-org-(p99002|fx102))/);
    }
    await expect(el).to.be.accessible();
  });

  it('Synthea Lawrence741 Hammes673: 65 immunisations, 58 influenza vaccines in one group', async () => {
    const { el, loads } = await load('6d44fe03-2478-a82d-7495-3a7c433ed921', 20);
    expect(loads[0].detail).to.deep.equal({ count: 65, complete: true });
    const flu = group(el, 'Influenza, seasonal');
    expect(clean(flu.querySelector('.group__count')?.textContent)).to.equal('58 doses');
    expect(detail(flu.querySelector('li[part="item"]')!, 'Location')).to.equal(
      'JOHN MAGALHAES AND ASSOCIATES, INC.',
    );
  });
});
