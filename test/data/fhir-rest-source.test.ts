import { expect } from '@open-wc/testing';
import type { Medication, MedicationRequest, Patient } from 'fhir/r4';
import { FhirRestSource } from '../../src/data/fhir-rest-source.js';
import { isAbortError } from '../../src/data/record-error.js';
import type { Call } from '../helpers/fetch-stub.js';
import { json, never, rejection, searchset, stubFetch, tick } from '../helpers/fetch-stub.js';

const BASE = 'https://fhir.example.nhs.uk/R4';
const PATIENT: Patient = { resourceType: 'Patient', id: '123' };
const MEDICATION: Medication = {
  resourceType: 'Medication',
  id: 'med-1',
  code: { text: 'Amoxicillin 500mg capsules' },
};
const REQUEST: MedicationRequest = {
  resourceType: 'MedicationRequest',
  id: 'mr-1',
  status: 'active',
  intent: 'order',
  subject: { reference: 'Patient/123' },
  medicationReference: { reference: 'Medication/med-1' },
};

/** A source over a stub fetch whose answers come from `routes` (path and query after the base). */
function sourceFor(routes: Record<string, (call: Call) => Response | Promise<Response>>, options = {}) {
  const stub = stubFetch((url, call) => {
    const route = routes[url.slice(BASE.length)];
    return route ? route(call) : json({ resourceType: 'OperationOutcome', issue: [] }, 404);
  });
  return {
    source: new FhirRestSource({ endpoint: `${BASE}/`, fetch: stub.fetch, retryDelay: 1, ...options }),
    calls: stub.calls,
  };
}

describe('FhirRestSource', () => {
  describe('read', () => {
    it('GETs <endpoint>/<Type>/<id> with the id encoded', async () => {
      const odd: Patient = { resourceType: 'Patient', id: 'a/b c' };
      const { source, calls } = sourceFor({ '/Patient/a%2Fb%20c': () => json(odd) });
      expect(await source.read('Patient', 'a/b c')).to.deep.equal(odd);
      expect(calls[0].url).to.equal(`${BASE}/Patient/a%2Fb%20c`);
      expect(calls[0].headers.get('accept')).to.equal('application/fhir+json');
      expect(source.endpoint).to.equal(BASE);
    });

    it('refuses a resource of another type than asked for', async () => {
      const { source } = sourceFor({
        '/Patient/123': () => json({ resourceType: 'Observation', id: '123' }),
      });
      const error = await rejection(source.read('Patient', '123'));
      expect(error.kind).to.equal('invalid-response');
      expect(error.reason).to.equal('wrong-type');
      expect(error.params).to.deep.equal({ expected: 'Patient', sent: 'Observation' });
    });

    it('refuses a resource with another id than asked for', async () => {
      const { source } = sourceFor({ '/Patient/123': () => json({ resourceType: 'Patient', id: '456' }) });
      const error = await rejection(source.read('Patient', '123'));
      expect(error.kind).to.equal('invalid-response');
      expect(error.reason).to.equal('wrong-id');
      expect(error.params).to.deep.equal({ type: 'Patient', expected: '123', sent: '456' });
    });

    it('calls the token function for each request, and keeps the token out of errors', async () => {
      let n = 0;
      const token = () => `tok-${++n}-0123456789`;
      const { source, calls } = sourceFor(
        {
          '/Patient/1': () => json({ resourceType: 'Patient', id: '1' }),
          '/Patient/2': (call) =>
            json(
              {
                resourceType: 'OperationOutcome',
                issue: [
                  {
                    severity: 'error',
                    code: 'forbidden',
                    diagnostics: `denied ${call.headers.get('authorization')}`,
                  },
                ],
              },
              403,
            ),
        },
        { accessToken: token },
      );
      await source.read('Patient', '1');
      const error = await rejection(source.read('Patient', '2'));
      expect(calls.map((call) => call.headers.get('authorization'))).to.deep.equal([
        'Bearer tok-1-0123456789',
        'Bearer tok-2-0123456789',
      ]);
      expect(error.kind).to.equal('forbidden');
      expect(error.serverText).to.equal('denied Bearer [redacted].');
      expect(error.message).not.to.contain('tok-');
      expect(String(error.url)).not.to.contain('tok-');
    });

    it('says plainly when the endpoint is not a URL, without a request', async () => {
      const { fetch, calls } = stubFetch(() => json(PATIENT));
      const source = new FhirRestSource({ endpoint: 'ftp://records.example', fetch });
      const error = await rejection(source.read('Patient', '123'));
      expect(error.kind).to.equal('network');
      expect(error.reason).to.equal('invalid-endpoint');
      expect(error.params).to.deep.equal({ endpoint: 'ftp://records.example' });
      expect(calls).to.have.length(0);
    });
  });

  describe('search and paging', () => {
    it('keeps what the server says inside a searchset (search.mode outcome), apart from the matches', async () => {
      const warning = {
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'warning', code: 'suppressed', diagnostics: 'Some records are withheld' }],
      };
      const page = searchset([{ resourceType: 'Observation', id: 'o1' }]);
      (page.entry as object[]).push({ resource: warning, search: { mode: 'outcome' } });
      const { source } = sourceFor({ '/Observation': () => json(page) });
      const result = await source.search('Observation', {});
      expect(result.resources.map((r) => r.id)).to.deep.equal(['o1']);
      expect(result.included).to.deep.equal([]);
      expect(result.outcomes).to.deep.equal([warning]);
    });

    it('GETs <endpoint>/<Type>?<params>, repeating array values and leaving out undefined ones', async () => {
      const { source, calls } = sourceFor({
        '/Encounter?patient=123&date=ge2020&date=le2021&_count=2': () => json(searchset([])),
      });
      await source.search('Encounter', {
        patient: '123',
        date: ['ge2020', 'le2021'],
        status: undefined,
        _count: 2,
      });
      const url = new URL(calls[0].url);
      expect(url.pathname).to.equal('/R4/Encounter');
      expect(url.searchParams.getAll('date')).to.deep.equal(['ge2020', 'le2021']);
      expect(url.searchParams.has('status')).to.be.false;
    });

    it('follows the next link to the end', async () => {
      const page = (id: string, links: { relation: string; url: string }[]) =>
        json(searchset([{ resourceType: 'Encounter', id }], links, 3));
      const { source, calls } = sourceFor({
        '/Encounter?patient=123': () =>
          page('e1', [
            { relation: 'self', url: `${BASE}/Encounter?patient=123` },
            { relation: 'next', url: `${BASE}/Encounter?patient=123&_offset=1` },
          ]),
        '/Encounter?patient=123&_offset=1': () =>
          // A relative next link resolves against the endpoint.
          page('e2', [
            { relation: 'previous', url: `${BASE}/Encounter?patient=123` },
            { relation: 'next', url: 'Encounter?patient=123&_offset=2' },
          ]),
        '/Encounter?patient=123&_offset=2': () =>
          page('e3', [{ relation: 'previous', url: `${BASE}/Encounter?patient=123&_offset=1` }]),
      });
      const first = await source.search('Encounter', { patient: '123' });
      expect(first.total).to.equal(3);
      const second = await source.searchNext(first.next!);
      expect(second.next).to.equal(`${BASE}/Encounter?patient=123&_offset=2`);
      const third = await source.searchNext(second.next!);
      expect([first, second, third].map((p) => p.resources[0].id)).to.deep.equal(['e1', 'e2', 'e3']);
      expect(third.next).to.be.undefined;
      expect(calls).to.have.length(3);
    });

    it('takes next from relation "next" only, never from previous or self', async () => {
      const { source } = sourceFor({
        '/Encounter': () =>
          json(
            searchset(
              [],
              [
                { relation: 'self', url: `${BASE}/Encounter` },
                { relation: 'previous', url: `${BASE}/Encounter?_offset=0` },
              ],
            ),
          ),
      });
      expect((await source.search('Encounter')).next).to.be.undefined;
    });

    it('refuses a next link to another origin without making a request', async () => {
      const { source, calls } = sourceFor({
        '/Encounter': () =>
          json(searchset([], [{ relation: 'next', url: 'https://evil.example/R4/Encounter?page=2' }])),
      });
      const first = await source.search('Encounter');
      expect(first.next).to.equal('https://evil.example/R4/Encounter?page=2');
      const error = await rejection(source.searchNext(first.next!));
      expect(error.kind).to.equal('invalid-response');
      expect(error.reason).to.equal('link-cross-origin');
      expect(error.params).to.deep.equal({
        link: 'next',
        target: 'https://evil.example',
        origin: 'https://fhir.example.nhs.uk',
      });
      expect(calls).to.have.length(1);
    });

    it('separates matches from _include-d resources, and keeps the cached page intact', async () => {
      const bundle = {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [
          { fullUrl: `${BASE}/MedicationRequest/mr-1`, resource: REQUEST, search: { mode: 'match' } },
          { fullUrl: `${BASE}/Medication/med-1`, resource: MEDICATION, search: { mode: 'include' } },
          { resource: { resourceType: 'OperationOutcome', issue: [] }, search: { mode: 'outcome' } },
          { resource: { resourceType: 'MedicationRequest', id: 'mr-2' } },
          { resource: { resourceType: 'Patient', id: '123' } },
          { fullUrl: 'urn:uuid:no-resource' },
        ],
      };
      const { source } = sourceFor({
        '/MedicationRequest?_include=MedicationRequest%3Amedication': () => json(bundle),
      });
      const result = await source.search('MedicationRequest', { _include: 'MedicationRequest:medication' });
      expect(result.resources.map((r) => r.id)).to.deep.equal(['mr-1', 'mr-2']);
      expect(result.included.map((r) => r.id)).to.deep.equal(['med-1', '123']);
      result.resources.pop();
      const again = await source.search('MedicationRequest', { _include: 'MedicationRequest:medication' });
      expect(again.resources).to.have.length(2);
    });

    it('refuses an answer to a search that is not a Bundle', async () => {
      const { source } = sourceFor({
        '/Encounter': () => json(PATIENT),
        '/Condition': () =>
          json({
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'not-supported', diagnostics: 'Search not supported' }],
          }),
      });
      const error = await rejection(source.search('Encounter'));
      expect(error.kind).to.equal('invalid-response');
      expect(error.reason).to.equal('search-not-bundle');
      expect(error.params).to.deep.equal({ search: 'Encounter', sent: 'Patient' });
      expect(error.serverText).to.equal(undefined);
      const outcome = await rejection(source.search('Condition'));
      expect(outcome.params).to.deep.equal({ search: 'Condition', sent: 'OperationOutcome' });
      expect(outcome.serverText).to.equal('Search not supported.');
      expect(outcome.outcome).to.not.be.undefined;
    });
  });

  describe('resolve', () => {
    const includeBundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        { fullUrl: `${BASE}/MedicationRequest/mr-1`, resource: REQUEST, search: { mode: 'match' } },
        { fullUrl: `${BASE}/Medication/med-1`, resource: MEDICATION, search: { mode: 'include' } },
        {
          fullUrl: 'urn:uuid:7d5a0b5e-0000-4000-8000-000000000001',
          resource: { resourceType: 'Organization', id: 'org-1' },
          search: { mode: 'include' },
        },
      ],
    };

    it('finds _include-d resources from the same page without a request', async () => {
      const { source, calls } = sourceFor({ '/MedicationRequest?patient=123': () => json(includeBundle) });
      const { resources } = await source.search<MedicationRequest>('MedicationRequest', { patient: '123' });
      const from = resources[0];
      expect(await source.resolve(from.medicationReference!, { from })).to.deep.equal(MEDICATION);
      expect((await source.resolve(`${BASE}/Medication/med-1`, { from }))?.id).to.equal('med-1');
      expect((await source.resolve('urn:uuid:7d5a0b5e-0000-4000-8000-000000000001', { from }))?.id).to.equal(
        'org-1',
      );
      expect(calls).to.have.length(1);
    });

    it('resolves #id from the referring resource, without a request', async () => {
      const { source, calls } = sourceFor({});
      const from: MedicationRequest = {
        ...REQUEST,
        contained: [MEDICATION],
        medicationReference: { reference: '#med-1' },
      };
      expect(await source.resolve({ reference: '#med-1' }, { from })).to.equal(MEDICATION);
      expect(await source.resolve('#', { from })).to.equal(from);
      const error = await rejection(source.resolve('#other', { from }));
      expect(error.kind).to.equal('not-found');
      expect(calls).to.have.length(0);
    });

    it('gives undefined for a display-only reference', async () => {
      const { source, calls } = sourceFor({});
      expect(await source.resolve({ display: 'Dr Sandra Gose' })).to.be.undefined;
      expect(calls).to.have.length(0);
    });

    it('fails with not-found for a urn:uuid it cannot resolve locally, without a request', async () => {
      const { source, calls } = sourceFor({});
      const error = await rejection(source.resolve('urn:uuid:7d5a0b5e-0000-4000-8000-000000000009'));
      expect(error.kind).to.equal('not-found');
      expect(error.reason).to.equal('reference-not-sent');
      expect(error.params).to.deep.equal({ ref: 'urn:uuid:7d5a0b5e-0000-4000-8000-000000000009' });
      expect(calls).to.have.length(0);
    });

    it('reads a relative or same-endpoint reference, and a later read uses the same answer', async () => {
      const { source, calls } = sourceFor({ '/Patient/123': () => json(PATIENT) });
      expect(await source.resolve({ reference: 'Patient/123' })).to.deep.equal(PATIENT);
      expect(await source.resolve(`${BASE}/Patient/123`)).to.deep.equal(PATIENT);
      expect(await source.read('Patient', '123')).to.deep.equal(PATIENT);
      expect(calls).to.have.length(1);
    });

    it('reads a versioned reference from _history', async () => {
      const { source, calls } = sourceFor({ '/Patient/123/_history/2': () => json(PATIENT) });
      expect(await source.resolve('Patient/123/_history/2')).to.deep.equal(PATIENT);
      expect(calls[0].url).to.equal(`${BASE}/Patient/123/_history/2`);
    });

    it('GETs an absolute reference elsewhere on the same origin, and checks its type', async () => {
      const { fetch, calls } = stubFetch(() => json({ resourceType: 'Organization', id: 'RR8' }));
      const source = new FhirRestSource({ endpoint: BASE, fetch });
      const org = await source.resolve('https://fhir.example.nhs.uk/ods/Organization/RR8');
      expect(org?.id).to.equal('RR8');
      expect(calls[0].url).to.equal('https://fhir.example.nhs.uk/ods/Organization/RR8');
      const error = await rejection(source.resolve('https://fhir.example.nhs.uk/ods/Location/RR8'));
      expect(error.reason).to.equal('wrong-type');
      expect(error.params).to.deep.equal({ expected: 'Location', sent: 'Organization' });
    });

    it('refuses an absolute reference to another origin without a request', async () => {
      const { source, calls } = sourceFor({});
      const error = await rejection(source.resolve('https://other.example/fhir/Patient/123'));
      expect(error.kind).to.equal('invalid-response');
      expect(error.reason).to.equal('link-cross-origin');
      expect(error.params).to.deep.equal({
        link: 'reference',
        target: 'https://other.example',
        origin: 'https://fhir.example.nhs.uk',
      });
      expect(calls).to.have.length(0);
    });

    it('resolves a conditional reference by searching, when exactly one record matches', async () => {
      const org = { resourceType: 'Organization', id: 'o1' };
      const { source, calls } = sourceFor({
        '/Organization?identifier=https%3A%2F%2Fgithub.com%2Fsynthetichealth%2Fsynthea%7Cabc': () =>
          json(searchset([org])),
        '/Organization?identifier=none': () => json(searchset([])),
        '/Organization?identifier=two': () => json(searchset([org, { ...org, id: 'o2' }])),
      });
      expect(
        await source.resolve('Organization?identifier=https://github.com/synthetichealth/synthea|abc'),
      ).to.deep.equal(org);
      expect(calls).to.have.length(1);
      const none = await rejection(source.resolve('Organization?identifier=none'));
      expect(none.kind).to.equal('not-found');
      expect(none.reason).to.equal('reference-no-match');
      expect(none.params).to.deep.equal({ ref: 'Organization?identifier=none' });
      const two = await rejection(source.resolve('Organization?identifier=two'));
      expect(two.kind).to.equal('not-found');
      expect(two.reason).to.equal('reference-ambiguous');
      expect(two.params).to.deep.equal({ ref: 'Organization?identifier=two', count: 2 });
    });

    it('rejects with an AbortError when the signal has aborted, even for a local answer', async () => {
      const { source } = sourceFor({});
      const controller = new AbortController();
      controller.abort();
      const from: MedicationRequest = { ...REQUEST, contained: [MEDICATION] };
      expect(isAbortError(await rejection(source.resolve('#med-1', { from, signal: controller.signal })))).to
        .be.true;
    });

    it('refuses a reference it cannot parse', async () => {
      const { source } = sourceFor({});
      const error = await rejection(source.resolve('not a reference'));
      expect(error.kind).to.equal('invalid-response');
      expect(error.reason).to.equal('reference-unfollowable');
      expect(error.params).to.deep.equal({ ref: 'not a reference' });
    });
  });

  describe('shared requests and cache', () => {
    it('makes one request for two concurrent reads, then answers from the cache', async () => {
      const { source, calls } = sourceFor({ '/Patient/123': () => json(PATIENT) });
      const [a, b] = await Promise.all([source.read('Patient', '123'), source.read('Patient', '123')]);
      expect(a).to.equal(b);
      expect(calls).to.have.length(1);
      await source.read('Patient', '123');
      expect(calls).to.have.length(1);
      source.clear();
      await source.read('Patient', '123');
      expect(calls).to.have.length(2);
    });

    it('requests again once the TTL has passed', async () => {
      const { source, calls } = sourceFor({ '/Patient/123': () => json(PATIENT) }, { cacheTtl: 20 });
      await source.read('Patient', '123');
      await tick(40);
      await source.read('Patient', '123');
      expect(calls).to.have.length(2);
    });

    it('does not cache a failure', async () => {
      let fail = true;
      const { source, calls } = sourceFor({
        '/Patient/123': () => (fail ? new Response('', { status: 500 }) : json(PATIENT)),
      });
      expect((await rejection(source.read('Patient', '123'))).kind).to.equal('http');
      fail = false;
      expect(await source.read('Patient', '123')).to.deep.equal(PATIENT);
      expect(calls).to.have.length(2);
    });

    it('rejects only the caller that aborts; the other still gets the answer', async () => {
      let answer: (response: Response) => void = () => {};
      const { source, calls } = sourceFor({
        '/Patient/123': () => new Promise<Response>((resolve) => (answer = resolve)),
      });
      const controller = new AbortController();
      const a = source.read('Patient', '123', { signal: controller.signal });
      const b = source.read('Patient', '123');
      await tick();
      controller.abort();
      const error = await rejection(a);
      expect(error).to.be.instanceOf(DOMException);
      expect(error.name).to.equal('AbortError');
      expect(calls[0].signal?.aborted).to.be.false;
      answer(json(PATIENT));
      expect(await b).to.deep.equal(PATIENT);
    });

    it('aborts the fetch when every caller has aborted', async () => {
      const { source, calls } = sourceFor({ '/Patient/123': (call) => never(call) });
      const one = new AbortController();
      const two = new AbortController();
      const a = source.read('Patient', '123', { signal: one.signal });
      const b = source.read('Patient', '123', { signal: two.signal });
      await tick();
      one.abort();
      expect(calls[0].signal?.aborted).to.be.false;
      two.abort();
      expect(isAbortError(await rejection(a))).to.be.true;
      expect(isAbortError(await rejection(b))).to.be.true;
      expect(calls[0].signal?.aborted).to.be.true;
    });

    it('times out as timeout', async () => {
      const { source } = sourceFor({ '/Patient/123': (call) => never(call) }, { timeout: 10 });
      const error = await rejection(source.read('Patient', '123'));
      expect(error.kind).to.equal('timeout');
    });

    it('retries a 429 with Retry-After before answering', async () => {
      let busy = true;
      const { source, calls } = sourceFor({
        '/Patient/123': () => {
          if (!busy) return json(PATIENT);
          busy = false;
          return new Response('', { status: 429, headers: { 'retry-after': '0' } });
        },
      });
      expect(await source.read('Patient', '123')).to.deep.equal(PATIENT);
      expect(calls).to.have.length(2);
    });
  });
});
