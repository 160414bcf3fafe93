// Pure parts of the adapter: no server, no medplum import.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decorateSearchset, parseQuery } from '../lib/http.js';
import { splitSearchParameter, splitUnion } from '../lib/medplum.js';
import { transactionToBatchEntries, unpackEntries } from '../lib/seed.js';

describe('splitting multi-base SearchParameters', () => {
  it('splits a union on top-level | only', () => {
    assert.deepEqual(splitUnion("A.b | (C.d as Quantity) | E.f.where(g = 'x|y') | H.i.where(j | k)"), [
      'A.b',
      '(C.d as Quantity)',
      "E.f.where(g = 'x|y')",
      'H.i.where(j | k)',
    ]);
  });

  it('keeps only the terms rooted at each base', () => {
    const param = /** @type {any} */ ({
      resourceType: 'SearchParameter',
      code: 'patient',
      base: ['AllergyIntolerance', 'Encounter', 'Observation'],
      type: 'reference',
      expression:
        'AllergyIntolerance.patient | Encounter.subject.where(resolve() is Patient) | (Observation.subject)',
    });
    const split = splitSearchParameter(param);
    assert.deepEqual(
      split.map((p) => [p.base, p.expression]),
      [
        [['AllergyIntolerance'], 'AllergyIntolerance.patient'],
        [['Encounter'], 'Encounter.subject.where(resolve() is Patient)'],
        [['Observation'], '(Observation.subject)'],
      ],
    );
    assert.equal(split[0].code, 'patient');
  });

  it('leaves single-base parameters alone', () => {
    const param = /** @type {any} */ ({ code: 'class', base: ['Encounter'], expression: 'Encounter.class' });
    assert.deepEqual(splitSearchParameter(param), [param]);
  });
});

describe('paging links', () => {
  it('parses a raw query keeping each part as sent', () => {
    assert.deepEqual(parseQuery('a=1&date=ge2020&date=le2021&identifier=x%7Cy&q=a+b'), [
      { raw: 'a=1', name: 'a', value: '1' },
      { raw: 'date=ge2020', name: 'date', value: 'ge2020' },
      { raw: 'date=le2021', name: 'date', value: 'le2021' },
      { raw: 'identifier=x%7Cy', name: 'identifier', value: 'x|y' },
      { raw: 'q=a+b', name: 'q', value: 'a b' },
    ]);
  });

  it('builds self / first / previous / next from total, _count and _offset', () => {
    const bundle = /** @type {any} */ ({
      resourceType: 'Bundle',
      type: 'searchset',
      total: 25,
      entry: [{ resource: { resourceType: 'Encounter', id: 'e1' } }],
    });
    decorateSearchset(bundle, 'http://h/fhir', 'Encounter', 'date=ge2020&_count=10&date=le2021&_offset=10', {
      count: 10,
      offset: 10,
    });
    /** @type {Record<string, string>} */
    const links = Object.fromEntries(bundle.link.map((/** @type {any} */ l) => [l.relation, l.url]));
    assert.equal(links.self, 'http://h/fhir/Encounter?date=ge2020&date=le2021&_count=10&_offset=10');
    assert.equal(links.first, 'http://h/fhir/Encounter?date=ge2020&date=le2021&_count=10&_offset=0');
    assert.equal(links.previous, 'http://h/fhir/Encounter?date=ge2020&date=le2021&_count=10&_offset=0');
    assert.equal(links.next, 'http://h/fhir/Encounter?date=ge2020&date=le2021&_count=10&_offset=20');
    assert.equal(bundle.entry[0].fullUrl, 'http://h/fhir/Encounter/e1');
    assert.deepEqual(Object.keys(bundle), ['resourceType', 'type', 'total', 'link', 'entry']);
  });

  it('has no next link on the last page', () => {
    const bundle = /** @type {any} */ ({ resourceType: 'Bundle', type: 'searchset', total: 25 });
    decorateSearchset(bundle, 'http://h/fhir', 'Encounter', '', { count: 10, offset: 20 });
    assert.deepEqual(
      bundle.link.map((/** @type {any} */ l) => l.relation),
      ['self', 'first', 'previous'],
    );
  });
});

describe('seeding', () => {
  it('turns POST entries with an id or a urn:uuid fullUrl into PUT, keeping conditional creates', () => {
    const entries = transactionToBatchEntries(
      /** @type {any} */ ({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111',
            resource: { resourceType: 'Patient', id: 'p1' },
            request: { method: 'POST', url: 'Patient' },
          },
          {
            fullUrl: 'urn:uuid:22222222-2222-4222-8222-222222222222',
            resource: { resourceType: 'Encounter' },
            request: { method: 'POST', url: 'Encounter' },
          },
          {
            fullUrl: 'urn:uuid:33333333-3333-4333-8333-333333333333',
            resource: { resourceType: 'Organization' },
            request: { method: 'POST', url: 'Organization', ifNoneExist: 'identifier=x|1' },
          },
        ],
      }),
    );
    assert.deepEqual(entries[0].request, { method: 'PUT', url: 'Patient/p1' });
    assert.deepEqual(entries[1].request, {
      method: 'PUT',
      url: 'Encounter/22222222-2222-4222-8222-222222222222',
    });
    assert.equal(entries[1].resource?.id, '22222222-2222-4222-8222-222222222222');
    assert.equal(entries[1].fullUrl, 'urn:uuid:22222222-2222-4222-8222-222222222222');
    assert.equal(entries[2].request?.method, 'POST');
  });

  it('unpacks document entries, giving ids and rewriting references to Type/id', () => {
    const entries = unpackEntries(
      /** @type {any} */ ({
        resourceType: 'Bundle',
        type: 'document',
        entry: [
          {
            fullUrl: 'urn:uuid:aaaaaaaa-0000-4000-8000-000000000001',
            resource: {
              resourceType: 'Composition',
              subject: { reference: 'urn:uuid:aaaaaaaa-0000-4000-8000-000000000002' },
            },
          },
          { fullUrl: 'urn:uuid:aaaaaaaa-0000-4000-8000-000000000002', resource: { resourceType: 'Patient' } },
          {
            fullUrl: 'https://example.org/fhir/Organization/org-1',
            resource: { resourceType: 'Organization' },
          },
        ],
      }),
      'test.json',
    );
    assert.deepEqual(entries[0].resource?.id, 'aaaaaaaa-0000-4000-8000-000000000001');
    assert.deepEqual(/** @type {any} */ (entries[0].resource).subject, {
      reference: 'Patient/aaaaaaaa-0000-4000-8000-000000000002',
    });
    assert.deepEqual(entries[2].request, { method: 'PUT', url: 'Organization/org-1' });
  });
});
