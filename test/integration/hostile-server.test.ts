import { expect, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { servers } from '/__record-servers.js';
import '../../src/all.js';
import type { CareRecord } from '../../src/elements/record/record.component.js';
import type { CareErrorEvent } from '../../src/base/events.js';
import { FhirRestSource } from '../../src/data/fhir-rest-source.js';
import { Pager } from '../../src/data/pager.js';
import type { RecordError } from '../../src/data/record-error.js';
import { clean, shadowText } from '../helpers/dom.js';

// The elements against a hostile or faulty record server (server/fault-server.js, started by the
// test runner on two loopback origins, A and B). Patients: alpha (ALPHA, Alphafield, NHS number
// 999 100 0011), bravo (BRAVO, Bravington), restricted (RESTRICTED, Hidalgo). Default page size 10.

interface Logged {
  method: string;
  path: string;
  /** The raw query string. */
  query: string;
  headers: Record<string, string>;
  unscoped?: boolean;
}

const A = servers.faults.a;
const B = servers.faults.b;
const base = (scenario: string, origin = A) => `${origin}/${scenario}/fhir`;
const control = (origin: string, what: string) => fetch(`${origin}/${what}`, { method: 'POST' });
const requests = async (origin: string): Promise<Logged[]> =>
  ((await (await fetch(`${origin}/$requests`)).json()) as Logged[]).filter((r) => r.method !== 'OPTIONS');

const TOKEN = 'tok-9f8e7d6c5b4a-secret';
const API_KEY = 'key-0a1b2c3d4e5f-secret';
const TIMEOUT = { timeout: 20000 };
/** Pages of 10, the fault server's own size, so its page faults land where the tests expect them. */
const SMALL_PAGES = 'page-size="10" next-page-size="10"';

/** A `<care-record>` with the three elements, its events collected. */
function mountRecord(
  attributes: Record<string, string>,
  properties: Partial<CareRecord> = {},
  /** Attributes for the three elements, e.g. small pages. */
  elementAttributes = '',
) {
  const record = document.createElement('care-record') as CareRecord;
  for (const [name, value] of Object.entries(attributes)) record.setAttribute(name, value);
  Object.assign(record, properties);
  record.innerHTML = `<care-patient-banner expanded ${elementAttributes}></care-patient-banner>
    <care-medication-list ${elementAttributes}></care-medication-list>
    <care-encounter-timeline ${elementAttributes}></care-encounter-timeline>`;
  const loads: string[] = [];
  const errors: CareErrorEvent[] = [];
  record.addEventListener('care-load', (e) => loads.push((e.target as Element).localName));
  record.addEventListener('care-error', (e) => errors.push(e));
  document.body.append(record);
  const [banner, medications, timeline] = [...record.children];
  const all = () => [banner, medications, timeline].map(shadowText).join(' | ');
  return { record, banner, medications, timeline, loads, errors, all, remove: () => record.remove() };
}

describe('integration: a hostile record server', function () {
  // Virtualised lists resize while they lay out; the browser reports it as an error that is not one.
  setupIgnoreWindowResizeObserverLoopErrors(before, after, { suppressErrorLogging: true });

  this.timeout(60000);
  let mounted: ReturnType<typeof mountRecord> | undefined;
  const mount = (...args: Parameters<typeof mountRecord>) => (mounted = mountRecord(...args));

  beforeEach(async () => {
    await control(A, '$reset');
  });
  afterEach(() => {
    mounted?.remove();
    mounted = undefined;
  });

  describe('wrong patient', () => {
    it('a Patient read with no id leads to no search at all, and the record says why once', async () => {
      const m = mount({ endpoint: base('no-id'), patient: 'alpha' });
      await waitUntil(() => m.errors.length === 1, 'one error', TIMEOUT);
      await m.record.updateComplete;
      expect(shadowText(m.record)).to.contain('The patient record has no id');
      expect(m.all()).not.to.contain('Try again');
      const log = await requests(A);
      expect(log.filter((r) => r.unscoped)).to.deep.equal([]);
      expect(log.map((r) => r.path)).to.deep.equal(['/no-id/fhir/Patient/alpha']);
      expect(m.all()).not.to.contain('BRAVO');
    });

    it('a Patient found by NHS number with no id leads to no search either', async () => {
      const m = mount({ endpoint: base('no-id'), 'nhs-number': '999 100 0011' });
      await waitUntil(() => m.errors.length === 1, 'one error', TIMEOUT);
      const log = await requests(A);
      expect(log.every((r) => r.path === '/no-id/fhir/Patient')).to.equal(true);
      expect(log.filter((r) => r.unscoped)).to.deep.equal([]);
    });

    it('a server that ignores the patient parameter: patient-mismatch, no row of anyone shown', async () => {
      const m = mount({ endpoint: base('ignore-patient'), patient: 'alpha' });
      await waitUntil(
        () => m.errors.filter((e) => e.detail.error.kind === 'patient-mismatch').length === 3,
        'mismatch from medications, encounters and allergies',
        TIMEOUT,
      );
      await waitUntil(() => m.loads.includes('care-patient-banner'), 'banner shown', TIMEOUT);
      const text = m.all();
      expect(text).not.to.contain('BRAVO').and.not.to.contain('Bravington').and.not.to.contain('RESTRICTED');
      expect(text).not.to.contain('ALPHAMYCIN');
      expect(shadowText(m.medications)).to.contain('NHS number 999 100 0011');
      expect(shadowText(m.medications)).not.to.contain('999 200 0023');
      expect(shadowText(m.timeline)).to.contain('records that belong to someone else');
      expect(shadowText(m.banner)).to.contain('Allergies unavailable');
      expect(m.medications.shadowRoot!.querySelectorAll('li[part="item"]')).to.have.length(0);
      await expect(m.medications).to.be.accessible();
    });

    it('1,000 random switches between two patients under random latency: no frame ever mixes them', async function () {
      this.timeout(240000);
      await control(A, '$latency?min=0&max=25&seed=7');
      const m = mount({ endpoint: base('latency'), patient: 'alpha' });
      const marks = { alpha: ['ALPHA', 'Alphafield'], bravo: ['BRAVO', 'Bravington'] };
      let selected: 'alpha' | 'bravo' = 'alpha';
      let frames = 0;
      const mixed: string[] = [];
      let checking = true;
      const check = () => {
        if (!checking) return;
        frames += 1;
        const other = selected === 'alpha' ? marks.bravo : marks.alpha;
        const text = m.all();
        const seen = other.filter((mark) => text.includes(mark));
        if (seen.length > 0) mixed.push(`frame ${frames} (${selected} selected) shows ${seen.join(', ')}`);
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
      // A seeded generator, so a failure can be replayed.
      let seed = 20261203;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (let i = 0; i < 1000; i++) {
        await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 20)));
        selected = random() < 0.5 ? 'alpha' : 'bravo';
        m.record.patient = selected;
        await m.record.updateComplete;
      }
      const loadsBefore = m.loads.length;
      await waitUntil(
        () => m.loads.length >= loadsBefore + 3 || m.all().includes(marks[selected][1]),
        'last patient shown',
        TIMEOUT,
      );
      await waitUntil(
        () => shadowText(m.medications).includes(`${marks[selected][0]}`),
        'last patient medicines',
        TIMEOUT,
      );
      checking = false;
      expect(mixed, mixed.slice(0, 5).join('; ')).to.deep.equal([]);
      expect(frames).to.be.greaterThan(100);
      expect(shadowText(m.banner)).to.contain(marks[selected][1]);
    });
  });

  describe('restricted record over HTTP', () => {
    it('never requests or shows the GP practice, its clinicians or any location', async () => {
      const m = mount({ endpoint: base('ok'), patient: 'restricted' });
      await waitUntil(() => m.loads.length === 3, 'all three loaded', TIMEOUT);
      const text = m.all();
      for (const secret of ['HIDEAWAY', 'C34567', 'Secretwood', 'HG1 3RR', '0113 496 0003', 'rosa.hidalgo']) {
        expect(text, secret).not.to.contain(secret);
      }
      expect(text).to.contain('GP practice (withheld: restricted record)');
      expect(text).to.contain('LEEDS TEACHING HOSPITALS NHS TRUST');
      const log = await requests(A);
      const paths = log.map((r) => `${r.path}?${r.query}`);
      expect(paths.filter((path) => path.includes('practice-restricted'))).to.deep.equal([]);
      expect(paths.filter((path) => path.includes('/Location'))).to.deep.equal([]);
      // Nothing is asked for alongside but the medicines themselves.
      expect(
        paths.filter((path) => /_include=(?!Medication(Request|Statement)%3Amedication)/.test(path)),
      ).to.deep.equal([]);
      await expect(m.timeline).to.be.accessible();
    });
  });

  describe('credentials stay with the endpoint', () => {
    for (const scenario of ['echo-token', 'echo-token-401']) {
      it(`${scenario}: an answer that echoes the token never puts it on screen or in care-error`, async () => {
        const m = mount(
          { endpoint: base(scenario), patient: 'alpha' },
          { accessToken: TOKEN, headers: { 'X-Api-Key': API_KEY } },
        );
        await waitUntil(() => m.errors.length === 1, 'one error', TIMEOUT);
        const log = await requests(A);
        expect(log[0].headers.authorization).to.equal(`Bearer ${TOKEN}`);
        expect(`${m.all()} ${shadowText(m.record)}`)
          .not.to.contain(TOKEN)
          .and.not.to.contain(API_KEY);
        for (const event of m.errors) {
          const error = event.detail.error;
          const everything = JSON.stringify({
            message: error.message,
            params: error.params,
            serverText: error.serverText,
            outcome: error.outcome,
            url: error.url,
          });
          expect(everything).not.to.contain(TOKEN).and.not.to.contain(API_KEY);
        }
      });
    }

    for (const scenario of ['redirect-302', 'redirect-307']) {
      it(`${scenario} to another origin: credentials never reach it and nothing from it is shown`, async () => {
        await control(B, '$reset-log');
        const m = mount(
          { endpoint: base(scenario), patient: 'alpha' },
          { accessToken: TOKEN, headers: { 'X-Api-Key': API_KEY } },
        );
        await waitUntil(() => m.errors.length === 1, 'one error', TIMEOUT);
        await m.record.updateComplete;
        expect(await requests(B)).to.deep.equal([]);
        expect(shadowText(m.record)).to.contain('redirected');
        expect(m.all()).not.to.contain('Alphafield');
      });
    }

    it('without credentials, an answer a redirect brought from another origin is refused', async () => {
      const m = mount({ endpoint: base('redirect-302'), patient: 'alpha' });
      await waitUntil(() => m.errors.length === 1, 'one error', TIMEOUT);
      await m.record.updateComplete;
      expect(m.all()).not.to.contain('Alphafield');
      expect(shadowText(m.record)).to.contain(new URL(B).host);
    });

    it('bundle-src on another origin than endpoint gets neither token nor headers, unless bundle-credentials', async () => {
      const bundle = `${base('ok', B)}/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9991000011`;
      for (const opted of [false, true]) {
        await control(B, '$reset-log');
        const record = document.createElement('care-record') as CareRecord;
        record.setAttribute('endpoint', base('ok'));
        record.setAttribute('bundle-src', bundle);
        if (opted) record.setAttribute('bundle-credentials', '');
        Object.assign(record, { accessToken: TOKEN, headers: { 'X-Api-Key': API_KEY } });
        record.innerHTML = '<care-patient-banner></care-patient-banner>';
        document.body.append(record);
        const banner = record.firstElementChild!;
        await waitUntil(() => shadowText(banner).includes('ALPHAFIELD'), 'banner from the Bundle', TIMEOUT);
        const [get] = (await requests(B)).filter((r) => r.method === 'GET');
        record.remove();
        expect(get.headers.authorization, `opted in: ${opted}`).to.equal(
          opted ? `Bearer ${TOKEN}` : undefined,
        );
        expect(get.headers['x-api-key'], `opted in: ${opted}`).to.equal(opted ? API_KEY : undefined);
      }
    });

    it('a token provider that never answers times out like the request', async () => {
      const source = new FhirRestSource({
        endpoint: base('ok'),
        accessToken: () => new Promise<string>(() => {}),
        timeout: 300,
        retries: 0,
      });
      const m = mount({ patient: 'alpha' }, { source });
      await waitUntil(() => m.errors.length === 1, 'one error', TIMEOUT);
      expect(m.errors.map((e) => e.detail.error.kind)).to.deep.equal(['timeout']);
      expect(await requests(A)).to.deep.equal([]);
    });
  });

  describe('faults never lose what is shown', () => {
    it('a failed second page keeps the first, says so, and Try again asks for that page only', async () => {
      const m = mount({ endpoint: base('fail-page-2'), patient: 'alpha' }, {}, SMALL_PAGES);
      await waitUntil(() => m.loads.includes('care-medication-list'), 'medications shown', TIMEOUT);
      const notice = m.medications.shadowRoot!.querySelector('.notice')!;
      expect(clean(notice.textContent)).to.contain('Prescriptions (MedicationRequest): 10 of 25 loaded.');
      const medicationLoads = () => m.loads.filter((name) => name === 'care-medication-list').length;
      const pages = async () =>
        (await requests(A))
          .filter((r) => r.path.endsWith('/MedicationRequest'))
          .map((r) => new URLSearchParams(r.query).get('_offset') ?? '0');
      expect(await pages()).to.deep.equal(['0', '10']);
      // The server fails every later page once: each Try again goes on from where the last stopped.
      notice.querySelector('button')!.click();
      await waitUntil(
        () => shadowText(m.medications).includes('20 of 25 loaded.'),
        'second page joined',
        TIMEOUT,
      );
      expect(await pages()).to.deep.equal(['0', '10', '10', '20']);
      // care-load came when the first page failed, and again when the first Try again stopped at
      // the next failure; the third says the list is complete.
      await waitUntil(() => medicationLoads() === 2, 'care-load after the first Try again', TIMEOUT);
      m.medications.shadowRoot!.querySelector<HTMLButtonElement>('.notice button')!.click();
      await waitUntil(() => medicationLoads() === 3, 'medications complete', TIMEOUT);
      expect(await pages()).to.deep.equal(['0', '10', '10', '20', '20']);
      const [current, past] = [...m.medications.shadowRoot!.querySelectorAll('[part="toggle"] button')].map(
        (b) => Number(/\((\d+)\)/.exec(b.textContent!)![1]),
      );
      expect(current + past).to.equal(30);
      expect(m.medications.shadowRoot!.querySelector('.notice')).to.equal(null);
    });

    it('a next link that loops stops the list with a message, having asked for each page once', async () => {
      const m = mount({ endpoint: base('loop-next'), patient: 'alpha' }, {}, SMALL_PAGES);
      await waitUntil(() => m.loads.includes('care-medication-list'), 'medications shown', TIMEOUT);
      expect(shadowText(m.medications)).to.contain('leads back to a page already read');
      const urls = (await requests(A)).filter((r) => r.path.endsWith('/MedicationRequest'));
      expect(urls.length).to.be.lessThan(5);
    });

    it('endless unique next links stop at the page bound', async () => {
      const source = new FhirRestSource({ endpoint: base('endless-next') });
      const pager = new Pager(
        source,
        'MedicationRequest',
        {},
        {
          patient: { id: 'alpha', search: 'alpha' },
          maxPages: 40,
        },
      );
      let error: RecordError | undefined;
      await pager.loadAll().catch((caught: RecordError) => (error = caught));
      expect(error?.reason).to.equal('page-bound');
      expect(error?.params).to.deep.equal({ type: 'MedicationRequest', pages: 40, loaded: 40 });
      expect((await requests(A)).filter((r) => r.path.endsWith('/MedicationRequest'))).to.have.length(40);
    });

    it('the server down at the first load: one message, one Try again that loads every element', async () => {
      await control(A, '$outage');
      const m = mount({ endpoint: base('outage'), patient: 'alpha' });
      await waitUntil(() => m.errors.length === 1, 'one error', TIMEOUT);
      await m.record.updateComplete;
      const alerts = m.record.shadowRoot!.querySelectorAll('[role="alert"]');
      expect(alerts).to.have.length(1);
      expect(clean(alerts[0].textContent)).to.contain('The patient record could not be loaded');
      expect(m.all()).not.to.contain('Try again');
      expect(m.errors[0].target === m.record).to.equal(true);
      await control(A, '$recover');
      m.record.shadowRoot!.querySelector('button')!.click();
      await waitUntil(() => m.loads.length === 3, 'all three loaded', TIMEOUT);
      await m.record.updateComplete;
      expect(m.record.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
      expect(shadowText(m.banner)).to.contain('ALPHAFIELD');
      expect(m.errors).to.have.length(1);
    });

    it('a failed refresh keeps every element as it was, under one Not refreshed notice, and Try again recovers', async () => {
      const m = mount({ endpoint: base('outage'), patient: 'alpha' });
      await waitUntil(() => m.loads.length === 3, 'all three loaded', TIMEOUT);
      const rows = m.medications.shadowRoot!.querySelectorAll('li[part="item"]').length;
      await control(A, '$outage');
      m.record.refresh();
      await waitUntil(() => m.errors.length === 1, 'one error', TIMEOUT);
      await m.record.updateComplete;
      expect(shadowText(m.record)).to.contain('Not refreshed: showing the record as loaded at');
      expect(m.medications.shadowRoot!.querySelectorAll('li[part="item"]')).to.have.length(rows);
      expect(shadowText(m.banner)).to.contain('ALPHAFIELD');
      await control(A, '$recover');
      m.record.shadowRoot!.querySelector<HTMLButtonElement>('.notice--stale button')!.click();
      await waitUntil(() => m.loads.length === 6, 'every element loaded again', TIMEOUT);
      await m.record.updateComplete;
      expect(m.record.shadowRoot!.querySelector('.notice--stale')).to.equal(null);
      expect(m.errors).to.have.length(1);
    });
  });
});
