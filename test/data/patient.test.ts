import { expect } from '@open-wc/testing';
import type { Bundle, Encounter, Patient } from 'fhir/r4';
import { BundleSource } from '../../src/data/bundle-source.js';
import { FhirRestSource } from '../../src/data/fhir-rest-source.js';
import { loadPatient, normaliseNhsNumber } from '../../src/data/patient.js';
import { searchAll } from '../../src/data/pager.js';
import { isAbortError, RecordError } from '../../src/data/record-error.js';
import type { RecordSource, SearchResult } from '../../src/data/record-source.js';
import { json, loadFixture, rejection, searchset, stubFetch } from '../helpers/fetch-stub.js';

const BASE = 'https://fhir.example.nhs.uk/R4';
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const RICHARD = 'UKCore-Patient-RichardSmith-Example';
const patient = (id: string, nhsNumber?: string): Patient => ({
  resourceType: 'Patient',
  id,
  ...(nhsNumber ? { identifier: [{ system: NHS, value: nhsNumber }] } : {}),
});

/** A REST source whose `Patient` search answers with `patients`. */
function restWith(patients: Patient[]) {
  return stubFetch((url) =>
    url.startsWith(`${BASE}/Patient?`)
      ? json(searchset(patients))
      : json(patient(url.split('/').pop()!, '9434765919')),
  );
}

describe('loadPatient', () => {
  let ukCore: Bundle;
  let synthea: Bundle;
  let references: Bundle;
  before(async () => {
    [ukCore, synthea, references] = await Promise.all([
      loadFixture<Bundle>('uk-core-richard-smith-collection.json'),
      loadFixture<Bundle>('synthea-bradly-douglas-trimmed.json'),
      loadFixture<Bundle>('hl7-bundle-references.json'),
    ]);
  });

  it('reads the patient by id', async () => {
    const found = await loadPatient(new BundleSource(ukCore), { id: RICHARD });
    expect(found.name?.[0].family).to.equal('SMITH');
  });

  it('finds the patient by NHS number with an identifier search', async () => {
    const { fetch, calls } = restWith([patient('p1', '9434765919')]);
    const found = await loadPatient(new FhirRestSource({ endpoint: BASE, fetch }), {
      nhsNumber: '943 476 5919',
    });
    expect(found.id).to.equal('p1');
    expect(new URL(calls[0].url).searchParams.get('identifier')).to.equal(`${NHS}|9434765919`);
  });

  it('finds the patient by NHS number in a Bundle', async () => {
    expect((await loadPatient(new BundleSource(ukCore), { nhsNumber: '9912003888' })).id).to.equal(RICHARD);
  });

  it('says when no patient has the NHS number', async () => {
    const { fetch } = restWith([]);
    const error = await rejection(
      loadPatient(new FhirRestSource({ endpoint: BASE, fetch }), { nhsNumber: '9434765919' }),
    );
    expect(error.kind).to.equal('not-found');
    expect(error.reason).to.equal('nhs-number-not-found');
    expect(error.params).to.deep.equal({ nhsNumber: '9434765919' });
  });

  it('does not take a patient with another NHS number from a server that ignored the search', async () => {
    const { fetch } = restWith([patient('p2', '9999999999')]);
    const error = await rejection(
      loadPatient(new FhirRestSource({ endpoint: BASE, fetch }), { nhsNumber: '9434765919' }),
    );
    expect(error.kind).to.equal('not-found');
    expect(error.reason).to.equal('nhs-number-not-found');
  });

  it('says when several patients have the NHS number', async () => {
    const { fetch } = restWith([patient('p1', '9434765919'), patient('p2', '943 476 5919')]);
    const error = await rejection(
      loadPatient(new FhirRestSource({ endpoint: BASE, fetch }), { nhsNumber: '9434765919' }),
    );
    expect(error.kind).to.equal('invalid-response');
    expect(error.reason).to.equal('nhs-number-ambiguous');
    expect(error.params).to.deep.equal({ nhsNumber: '9434765919', count: 2 });
  });

  it('checks the NHS number format before any request', async () => {
    const { fetch, calls } = restWith([]);
    const error = await rejection(
      loadPatient(new FhirRestSource({ endpoint: BASE, fetch }), { nhsNumber: '943 476 591' }),
    );
    expect(error.kind).to.equal('not-found');
    expect(error.reason).to.equal('not-nhs-number');
    expect(error.params).to.deep.equal({ input: '943 476 591' });
    expect(calls).to.have.length(0);
    expect(() => normaliseNhsNumber('943-476-5919'))
      .to.throw(RecordError)
      .with.property('reason', 'not-nhs-number');
    expect(normaliseNhsNumber(' 943 476 5919 ')).to.equal('9434765919');
  });

  describe('patient-mismatch', () => {
    it('fails when the patient read by id has another NHS number', async () => {
      const error = await rejection(
        loadPatient(new BundleSource(ukCore), { id: RICHARD, nhsNumber: '9434765919' }),
      );
      expect(error.kind).to.equal('patient-mismatch');
      expect(error.reason).to.equal('wrong-patient');
      // The other patient's NHS number never reaches the screen: only the one asked for is kept.
      expect(error.params).to.deep.equal({ nhsNumber: '9434765919' });
      expect(error.message).not.to.contain('9912003888');
    });

    it('accepts an id and NHS number that agree', async () => {
      expect(
        (await loadPatient(new BundleSource(ukCore), { id: RICHARD, nhsNumber: '991 200 3888' })).id,
      ).to.equal(RICHARD);
    });

    it("fails when the Bundle's own patient has no NHS number", async () => {
      const error = await rejection(loadPatient(new BundleSource(synthea), { nhsNumber: '9434765919' }));
      expect(error.kind).to.equal('patient-mismatch');
      expect(error.reason).to.equal('patient-without-nhs-number');
      expect(error.params).to.deep.equal({ nhsNumber: '9434765919' });
    });

    it("fails when the Bundle's own patient has another NHS number", async () => {
      const bundle: Bundle = {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ resource: patient('x', '9912003888') }],
      };
      const error = await rejection(loadPatient(new BundleSource(bundle), { nhsNumber: '9434765919' }));
      expect(error.kind).to.equal('patient-mismatch');
      expect(error.reason).to.equal('wrong-patient');
      expect(error.params).to.deep.equal({ nhsNumber: '9434765919' });
      expect(error.message).not.to.contain('9912003888');
    });
  });

  describe('without a selector', () => {
    it("uses the source's own patient", async () => {
      expect((await loadPatient(new BundleSource(synthea), {})).id).to.equal(
        '326b4675-0bc8-4dbd-b406-a5564c282401',
      );
    });

    it('says how many patients the record holds and how to pick one', async () => {
      const error = await rejection(loadPatient(new BundleSource(references)));
      expect(error.kind).to.equal('not-found');
      expect(error.reason).to.equal('several-patients');
      expect(error.params).to.deep.equal({ count: 3 });
    });

    it('says when the record holds no patient', async () => {
      const bundle: Bundle = {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ resource: { resourceType: 'Organization' } }],
      };
      const error = await rejection(loadPatient(new BundleSource(bundle)));
      expect(error.kind).to.equal('not-found');
      expect(error.reason).to.equal('no-patient-in-record');
    });

    it('asks for a patient when the source cannot choose one', async () => {
      const { fetch, calls } = restWith([]);
      const error = await rejection(loadPatient(new FhirRestSource({ endpoint: BASE, fetch })));
      expect(error.kind).to.equal('not-found');
      expect(error.reason).to.equal('no-patient-chosen');
      expect(calls).to.have.length(0);
    });

    it('still explains when the count search fails', async () => {
      const source: RecordSource = {
        read: () => Promise.reject(new Error('unused')),
        search: () => Promise.reject(new Error('no search')),
        searchNext: () => Promise.reject(new Error('unused')),
        resolve: () => Promise.resolve(undefined),
        defaultPatient: () => Promise.resolve(undefined),
      };
      const error = await rejection(loadPatient(source));
      expect(error.kind).to.equal('not-found');
      expect(error.reason).to.equal('patient-not-named');
    });
  });
});

describe('searchAll', () => {
  const page = (ids: string[], next?: string): SearchResult<Encounter> => ({
    resources: ids.map((id) => ({
      resourceType: 'Encounter',
      id,
      status: 'finished',
      class: { code: 'AMB' },
    })),
    included: [],
    total: 5,
    ...(next ? { next } : {}),
  });

  /** A source whose pages are `pages`, linked by cursors `p1`, `p2`… */
  function paged(pages: SearchResult<Encounter>[]) {
    const asked: string[] = [];
    const source = {
      search: async () => pages[0],
      searchNext: async (next: string, options: { signal?: AbortSignal } = {}) => {
        asked.push(next);
        if (options.signal?.aborted) throw new DOMException('cancelled', 'AbortError');
        return pages[Number(next.slice(1))];
      },
    } as unknown as RecordSource;
    return { source, asked };
  }

  it('follows next to the end and reports progress after each page', async () => {
    const { source, asked } = paged([page(['a', 'b'], 'p1'), page(['c', 'd'], 'p2'), page(['e'])]);
    const progress: [number, number | undefined][] = [];
    const all = await searchAll(
      source,
      'Encounter',
      { patient: '1' },
      { onPage: (loaded, total) => progress.push([loaded, total]) },
    );
    expect(all.resources.map((one) => one.id)).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
    expect(all.total).to.equal(5);
    expect(asked).to.deep.equal(['p1', 'p2']);
    expect(progress).to.deep.equal([
      [2, 5],
      [4, 5],
      [5, 5],
    ]);
  });

  it('stops a server whose pages go round in a circle', async () => {
    const { source } = paged([page(['a'], 'p1'), page(['b'], 'p1')]);
    const error = await rejection(searchAll(source, 'Encounter'));
    expect(error.kind).to.equal('invalid-response');
  });

  it('passes the signal to every page', async () => {
    const { source } = paged([page(['a'], 'p1'), page(['b'])]);
    const controller = new AbortController();
    controller.abort();
    expect(isAbortError(await rejection(searchAll(source, 'Encounter', {}, { signal: controller.signal }))))
      .to.be.true;
  });

  it('loads a whole list from a REST server through its next links', async () => {
    const { fetch, calls } = stubFetch((url) =>
      url.includes('page=2')
        ? json(searchset([{ resourceType: 'Encounter', id: 'e2' }]))
        : json(
            searchset(
              [{ resourceType: 'Encounter', id: 'e1' }],
              [{ relation: 'next', url: `${BASE}/Encounter?patient=1&page=2` }],
            ),
          ),
    );
    const all = await searchAll(new FhirRestSource({ endpoint: BASE, fetch }), 'Encounter', { patient: '1' });
    expect(all.resources.map((one) => one.id)).to.deep.equal(['e1', 'e2']);
    expect(all.total).to.equal(2);
    expect(calls).to.have.length(2);
  });
});
