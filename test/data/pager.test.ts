import { expect } from '@open-wc/testing';
import type { Bundle, MedicationStatement } from 'fhir/r4';
import { BundleSource } from '../../src/data/bundle-source.js';
import { FhirRestSource } from '../../src/data/fhir-rest-source.js';
import { MAX_PAGES, Pager, PagerGroup, searchAll } from '../../src/data/pager.js';
import type { PatientIdentity } from '../../src/data/subject.js';
import { json, rejection, searchset, stubFetch } from '../helpers/fetch-stub.js';

const BASE = 'https://fhir.example.nhs.uk/R4';
const alpha: PatientIdentity = { id: 'alpha', nhsNumber: '9434765919', label: '9434765919', search: 'alpha' };
const statement = (id: string, patient = 'alpha'): MedicationStatement => ({
  resourceType: 'MedicationStatement',
  id,
  status: 'active',
  subject: { reference: `Patient/${patient}` },
  medicationCodeableConcept: { text: `medicine ${id}` },
});
const page = (n: number) => `${BASE}/MedicationStatement?patient=alpha&page=${n}`;
const link = (n: number) => [{ relation: 'next', url: page(n) }];

/** A REST source whose pages are given by `pages(url, index)`. */
function restSource(pages: (url: string, index: number) => Response) {
  const { fetch, calls } = stubFetch((url, _call, index) => pages(url, index));
  return { source: new FhirRestSource({ endpoint: BASE, fetch, cacheTtl: 0, retries: 0 }), calls };
}

describe('Pager', () => {
  it('always searches for the patient, whatever the caller passed as patient', async () => {
    const { source, calls } = restSource(() => json(searchset([statement('1')])));
    const pager = new Pager<MedicationStatement>(
      source,
      'MedicationStatement',
      { patient: 'bravo', _count: 10 },
      { patient: alpha },
    );
    await pager.loadAll();
    const url = new URL(calls[0].url);
    expect(url.searchParams.getAll('patient')).to.deep.equal(['alpha']);
    expect(url.searchParams.get('_count')).to.equal('10');
    expect(pager.complete).to.equal(true);
  });

  it('refuses a whole search when a later page holds another patient, dropping what was read', async () => {
    const { source } = restSource((_url, index) =>
      index === 0
        ? json(searchset([statement('1'), statement('2')], link(2), 3))
        : json(searchset([statement('3', 'bravo')], [], 3)),
    );
    const pager = new Pager<MedicationStatement>(source, 'MedicationStatement', {}, { patient: alpha });
    await pager.loadPage();
    expect(pager.loaded).to.equal(2);
    const error = await rejection(pager.loadPage());
    expect(error.kind).to.equal('patient-mismatch');
    expect(pager.resources).to.deep.equal([]);
    expect(pager.canResume).to.equal(false);
    expect(pager.complete).to.equal(false);
    expect((await rejection(pager.loadPage())).kind).to.equal('patient-mismatch');
  });

  it('keeps what was read when a later page fails, and asks for that page again', async () => {
    const { source, calls } = restSource((url, index) => {
      if (index === 0) return json(searchset([statement('1')], link(2), 3));
      if (index === 1) return json({ resourceType: 'OperationOutcome', issue: [] }, 500);
      return url === page(2)
        ? json(searchset([statement('2')], link(3), 3))
        : json(searchset([statement('3')], [], 3));
    });
    const pager = new Pager<MedicationStatement>(source, 'MedicationStatement', {}, { patient: alpha });
    const error = await rejection(pager.loadAll());
    expect(error.kind).to.equal('http');
    expect(pager.loaded).to.equal(1);
    expect(pager.canResume).to.equal(true);
    await pager.loadAll();
    expect(calls.map((call) => call.url).slice(1)).to.deep.equal([page(2), page(2), page(3)]);
    expect(pager.resources.map((one) => one.id)).to.deep.equal(['1', '2', '3']);
    expect(pager.error).to.equal(undefined);
    expect(pager.complete).to.equal(true);
  });

  it('stops at a next link that leads back to a page already read, keeping the rows', async () => {
    const { source, calls } = restSource((_url, index) =>
      json(searchset([statement(String(index))], index === 0 ? link(2) : link(2))),
    );
    const pager = new Pager<MedicationStatement>(source, 'MedicationStatement', {}, { patient: alpha });
    const error = await rejection(pager.loadAll());
    expect(error.kind).to.equal('invalid-response');
    expect(error.reason).to.equal('page-loop');
    expect(error.params).to.deep.equal({ type: 'MedicationStatement', loaded: 2 });
    expect(calls).to.have.length(2);
    expect(pager.loaded).to.equal(2);
    expect(pager.canResume).to.equal(false);
  });

  it('stops a runaway chain of unique next links at the page bound', async () => {
    const { source, calls } = restSource((_url, index) =>
      json(searchset([statement(String(index))], link(index + 2))),
    );
    const pager = new Pager<MedicationStatement>(
      source,
      'MedicationStatement',
      {},
      { patient: alpha, maxPages: 5 },
    );
    const error = await rejection(pager.loadAll());
    expect(error.kind).to.equal('invalid-response');
    expect(error.reason).to.equal('page-bound');
    expect(error.params).to.deep.equal({ type: 'MedicationStatement', pages: 5, loaded: 5 });
    expect(calls).to.have.length(5);
    expect(pager.loaded).to.equal(5);
    expect(MAX_PAGES).to.equal(1000);
  });

  it('keeps a resource sent on two pages once, and moves other types to included', async () => {
    const organisation = { resourceType: 'Organization', id: 'o1' };
    const { source } = restSource((_url, index) =>
      index === 0
        ? json(searchset([statement('1'), organisation], link(2)))
        : json(searchset([statement('1'), statement('2')])),
    );
    const pager = new Pager<MedicationStatement>(source, 'MedicationStatement', {}, { patient: alpha });
    await pager.loadAll();
    expect(pager.resources.map((one) => one.id)).to.deep.equal(['1', '2']);
    expect(pager.included).to.deep.equal([organisation]);
  });

  it('asks for larger pages after the first, halving the size when the server refuses it', async () => {
    // A server that refuses more than 300 a page (as an include limit would), with 700 to give.
    const { source, calls } = restSource((url) => {
      const params = new URL(url).searchParams;
      const count = Number(params.get('_count'));
      const offset = Number(params.get('_offset') ?? 0);
      if (count > 300) return json({ resourceType: 'OperationOutcome', issue: [] }, 400);
      const ids = Array.from({ length: Math.max(0, Math.min(count, 700 - offset)) }, (_, i) =>
        String(offset + i),
      );
      const next =
        offset + count < 700
          ? [
              {
                relation: 'next',
                url: `${BASE}/MedicationStatement?patient=alpha&_count=${count}&_offset=${offset + count}`,
              },
            ]
          : [];
      return json(
        searchset(
          ids.map((id) => statement(id)),
          next,
          700,
        ),
      );
    });
    const pager = new Pager<MedicationStatement>(
      source,
      'MedicationStatement',
      {},
      {
        patient: alpha,
        pageSize: 100,
        nextPageSize: 1000,
      },
    );
    await pager.loadAll();
    const counts = calls.map((call) => new URL(call.url).searchParams.get('_count'));
    expect(counts).to.deep.equal(['100', '1000', '500', '250', '250', '250']);
    expect(pager.loaded).to.equal(700);
    expect(pager.complete).to.equal(true);
  });

  describe('a next link to a search the server has forgotten (HAPI FHIR _getpages)', () => {
    // HAPI keeps a search's results for an hour; after that its cursor answers 410 with this outcome.
    const gone = (id: string) =>
      json(
        {
          resourceType: 'OperationOutcome',
          issue: [
            {
              severity: 'error',
              code: 'processing',
              diagnostics: `HAPI-0417: Search ID "${id}" does not exist and may have expired`,
            },
          ],
        },
        410,
      );
    const cursor = (id: string, offset: number) => [
      { relation: 'next', url: `${BASE}?_getpages=${id}&_getpagesoffset=${offset}&_count=2` },
    ];
    const first = `${BASE}/MedicationStatement?patient=alpha&_count=2`;

    /** A REST source that keeps answers for 30 s, as elements use it. */
    function cachingSource(pages: (url: string, index: number) => Response) {
      const { fetch, calls } = stubFetch((url, _call, index) => pages(url, index));
      return { source: new FhirRestSource({ endpoint: BASE, fetch, retries: 0 }), calls };
    }

    it('asks the server again from the first page, keeps what was read and does not repeat it', async () => {
      const { source, calls } = cachingSource((url, index) => {
        if (index === 0) return json(searchset([statement('1'), statement('2')], cursor('a', 2)));
        if (url.includes('_getpages=a')) return gone('a');
        if (url === first) return json(searchset([statement('1'), statement('2')], cursor('b', 2)));
        return json(searchset([statement('3')], [], 3));
      });
      const pager = new Pager<MedicationStatement>(
        source,
        'MedicationStatement',
        {},
        { patient: alpha, pageSize: 2 },
      );
      await pager.loadAll();
      // The first page is asked for again from the server, not taken from the cache (its link is gone).
      expect(calls.map((call) => call.url)).to.deep.equal([
        first,
        cursor('a', 2)[0].url,
        first,
        cursor('b', 2)[0].url,
      ]);
      expect(pager.resources.map((one) => one.id)).to.deep.equal(['1', '2', '3']);
      expect(pager.complete).to.equal(true);
    });

    it('stops with the error when the search is forgotten again at once; Try again asks once more', async () => {
      let answers = 0;
      const { source } = cachingSource((url) => {
        if (url === first) {
          answers += 1;
          return json(searchset([statement('1')], cursor(`c${answers}`, 1)));
        }
        return url.includes('_getpages=c3') ? json(searchset([statement('2')], [], 2)) : gone('c');
      });
      const pager = new Pager<MedicationStatement>(
        source,
        'MedicationStatement',
        {},
        { patient: alpha, pageSize: 2 },
      );
      const error = await rejection(pager.loadAll());
      expect(error.kind).to.equal('not-found');
      expect(error.status).to.equal(410);
      expect(String(error.serverText)).to.contain('does not exist and may have expired');
      expect(pager.loaded).to.equal(1);
      expect(pager.canResume).to.equal(true);
      await pager.loadAll();
      expect(answers).to.equal(3);
      expect(pager.resources.map((one) => one.id)).to.deep.equal(['1', '2']);
      expect(pager.complete).to.equal(true);
    });
  });

  it('a group reads the first page of each search, and fails only when none of them read anything', async () => {
    const { source } = restSource((url) =>
      url.includes('MedicationRequest')
        ? json({ resourceType: 'OperationOutcome', issue: [] }, 500)
        : json(searchset([statement('1')])),
    );
    const group = () =>
      new PagerGroup<MedicationStatement>([
        new Pager(source, 'MedicationRequest' as 'MedicationStatement', {}, { patient: alpha }),
        new Pager(source, 'MedicationStatement', {}, { patient: alpha }),
      ]);
    const one = group();
    await one.loadFirst();
    expect(one.loaded).to.equal(1);
    expect(one.stopped.map((pager) => pager.type)).to.deep.equal(['MedicationRequest']);

    const { source: down } = restSource(() => json({ resourceType: 'OperationOutcome', issue: [] }, 500));
    const none = new PagerGroup([
      new Pager<MedicationStatement>(down, 'MedicationStatement', {}, { patient: alpha }),
    ]);
    expect((await rejection(none.loadFirst())).kind).to.equal('http');
  });

  it('pages a Bundle with _count and follows its cursors', async () => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: { resourceType: 'Patient', id: 'alpha' } },
        ...[1, 2, 3, 4, 5].map((n) => ({ resource: statement(String(n)) })),
        { resource: statement('9', 'bravo') },
      ],
    };
    const result = await searchAll<MedicationStatement>(
      new BundleSource(bundle),
      'MedicationStatement',
      { _count: 2 },
      { patient: alpha },
    );
    expect(result.resources.map((one) => one.id)).to.deep.equal(['1', '2', '3', '4', '5']);
    expect(result.total).to.equal(5);
  });
});
