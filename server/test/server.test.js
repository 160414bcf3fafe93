// The record server over HTTP: started as the CLI on a free port with a small seed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { spawnServer } from '../spawn.js';

const SEED = fileURLToPath(new URL('./fixtures/seed', import.meta.url));
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';

/** @type {import('../spawn.js').SpawnedServer} */
let server;

/**
 * @param {string} path relative to the base, or an absolute URL
 * @param {RequestInit} [init]
 */
async function get(path, init) {
  const res = await fetch(path.startsWith('http') ? path : `${server.url}/${path}`, init);
  const text = await res.text();
  return { res, body: text ? JSON.parse(text) : undefined };
}

describe('record server', () => {
  before(async () => {
    server = await spawnServer({ args: ['--seed', SEED, '--stats'] });
  });
  after(async () => {
    await server?.close();
  });

  it('prints its base URL on the last start-up line', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/fhir$/);
    const lines = server.output().trim().split('\n');
    assert.equal(lines.at(-1), `FHIR server listening on ${server.url}`);
  });

  it('serves a CapabilityStatement at /metadata', async () => {
    const { res, body } = await get('metadata');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/fhir\+json/);
    assert.equal(body.resourceType, 'CapabilityStatement');
    assert.equal(body.fhirVersion, '4.0.1');
    assert.equal(body.kind, 'instance');
    assert.equal(body.implementation.url, server.url);
    const patient = body.rest[0].resource.find((/** @type {any} */ r) => r.type === 'Patient');
    const codes = patient.interaction.map((/** @type {any} */ i) => i.code);
    assert.ok(codes.includes('read') && codes.includes('search-type'));
    const params = patient.searchParam.map((/** @type {any} */ p) => p.name);
    for (const name of ['identifier', 'name', 'birthdate', '_id']) assert.ok(params.includes(name), name);
    const encounter = body.rest[0].resource.find((/** @type {any} */ r) => r.type === 'Encounter');
    const date = encounter.searchParam.find((/** @type {any} */ p) => p.name === 'date');
    assert.equal(date.definition, 'http://hl7.org/fhir/SearchParameter/clinical-date');
    assert.equal(date.type, 'date');
  });

  it('reads a resource by id, with ETag and Last-Modified', async () => {
    const { res, body } = await get('Patient/test-patient-1');
    assert.equal(res.status, 200);
    assert.equal(body.resourceType, 'Patient');
    assert.equal(body.id, 'test-patient-1');
    assert.match(res.headers.get('etag') ?? '', /^W\/"/);
    assert.ok(res.headers.get('last-modified'));
  });

  it('finds a patient by NHS number identifier', async () => {
    const { res, body } = await get(`Patient?identifier=${encodeURIComponent(`${NHS}|9990000018`)}`);
    assert.equal(res.status, 200);
    assert.equal(body.resourceType, 'Bundle');
    assert.equal(body.type, 'searchset');
    assert.equal(body.total, 1);
    assert.equal(body.entry[0].resource.id, 'test-patient-1');
    assert.equal(body.entry[0].fullUrl, `${server.url}/Patient/test-patient-1`);
    const none = await get(`Patient?identifier=${encodeURIComponent(`${NHS}|9990000042`)}`);
    assert.equal(none.body.total, 0);
  });

  it('keeps urn:uuid references of a transaction working (and more than 50 entries load)', async () => {
    const { body } = await get('Encounter?patient=test-patient-1&_summary=count');
    assert.equal(body.total, 60);
    const patient = await get('Patient/test-patient-1');
    const gp = patient.body.generalPractitioner[0].reference;
    assert.match(gp, /^Organization\/[0-9a-f-]+$/);
    const org = await get(gp);
    assert.equal(org.body.name, 'TEST SURGERY');
  });

  it('pages with _count and next / previous links that keep repeated parameters', async () => {
    const first = await get(
      'Encounter?patient=test-patient-1&date=ge2010-01-01&date=le2030-12-31&_sort=date&_count=25',
    );
    assert.equal(first.body.total, 60);
    assert.equal(first.body.entry.length, 25);
    const link = (/** @type {any} */ b, /** @type {string} */ rel) =>
      b.link?.find((/** @type {any} */ l) => l.relation === rel)?.url;
    assert.equal(link(first.body, 'previous'), undefined);
    const next = link(first.body, 'next');
    assert.ok(next);
    const nextUrl = new URL(next);
    assert.equal(nextUrl.origin + nextUrl.pathname, `${server.url}/Encounter`);
    assert.deepEqual(nextUrl.searchParams.getAll('date'), ['ge2010-01-01', 'le2030-12-31']);
    assert.equal(nextUrl.searchParams.get('patient'), 'test-patient-1');
    assert.equal(nextUrl.searchParams.get('_sort'), 'date');
    assert.equal(nextUrl.searchParams.get('_count'), '25');
    assert.equal(nextUrl.searchParams.get('_offset'), '25');

    const ids = first.body.entry.map((/** @type {any} */ e) => e.resource.id);
    let page = first.body;
    let pages = 1;
    while (link(page, 'next')) {
      page = (await get(link(page, 'next'))).body;
      pages++;
      ids.push(...page.entry.map((/** @type {any} */ e) => e.resource.id));
      assert.ok(link(page, 'previous'), 'a later page links back');
    }
    assert.equal(pages, 3);
    assert.equal(ids.length, 60);
    assert.equal(new Set(ids).size, 60);
    const prev = new URL(link(page, 'previous'));
    assert.equal(prev.searchParams.get('_offset'), '25');
    assert.deepEqual(prev.searchParams.getAll('date'), ['ge2010-01-01', 'le2030-12-31']);
  });

  it('pages 50 at a time when the search has no _count', async () => {
    const { body } = await get('Encounter?patient=test-patient-1');
    assert.equal(body.total, 60);
    assert.equal(body.entry.length, 50);
    const self = new URL(body.link.find((/** @type {any} */ l) => l.relation === 'self').url);
    assert.equal(self.searchParams.get('_count'), '50');
    assert.ok(body.link.some((/** @type {any} */ l) => l.relation === 'next'));
  });

  it('adds _include resources marked as includes', async () => {
    const { body } = await get(
      'MedicationRequest?patient=test-patient-1&_include=MedicationRequest:requester',
    );
    assert.equal(body.total, 3);
    const modes = body.entry.map((/** @type {any} */ e) => `${e.search.mode} ${e.resource.resourceType}`);
    assert.equal(modes.filter((/** @type {string} */ m) => m === 'match MedicationRequest').length, 3);
    assert.ok(modes.includes('include Organization'));
  });

  it('unpacks a document Bundle so its entries are searchable, and keeps the Bundle', async () => {
    const patient = await get(`Patient?identifier=${encodeURIComponent(`${NHS}|9990000026`)}`);
    assert.equal(patient.body.total, 1);
    const id = patient.body.entry[0].resource.id;
    assert.equal(id, '7685713c-e29e-4a75-8a90-45be7ba3be94');
    const allergies = await get(`AllergyIntolerance?patient=${id}`);
    assert.equal(allergies.body.total, 1);
    assert.equal(allergies.body.entry[0].resource.patient.reference, `Patient/${id}`);
    const doc = await get('Bundle/test-summary-document');
    assert.equal(doc.res.status, 200);
    assert.equal(doc.body.type, 'document');
  });

  it('loads a single resource keeping its id', async () => {
    const { res, body } = await get('Patient/test-single-patient');
    assert.equal(res.status, 200);
    assert.equal(body.name[0].family, 'Single');
  });

  it('answers an unknown resource with a 404 OperationOutcome', async () => {
    const { res, body } = await get('Patient/does-not-exist');
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /^application\/fhir\+json/);
    assert.equal(body.resourceType, 'OperationOutcome');
    assert.equal(body.issue[0].code, 'not-found');
    const type = await get('Spaceship?name=x');
    assert.equal(type.res.status, 404);
    assert.equal(type.body.resourceType, 'OperationOutcome');
    assert.match(type.body.issue[0].details.text, /Spaceship/);
    const operation = await get('$everything');
    assert.equal(operation.res.status, 404);
    assert.equal(operation.body.resourceType, 'OperationOutcome');
    const outside = await fetch(`${new URL(server.url).origin}/elsewhere`);
    assert.equal(outside.status, 404);
  });

  it('answers bad requests with 400 and the wrong method with 405', async () => {
    const count = await get('Patient?_count=lots');
    assert.equal(count.res.status, 400);
    assert.equal(count.body.resourceType, 'OperationOutcome');
    assert.match(count.body.issue[0].details.text, /_count/);
    const json = await get('Patient', {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: '{ nope',
    });
    assert.equal(json.res.status, 400);
    assert.equal(json.body.resourceType, 'OperationOutcome');
    const method = await get('metadata', { method: 'DELETE' });
    assert.equal(method.res.status, 405);
    assert.equal(method.body.resourceType, 'OperationOutcome');
    assert.match(method.res.headers.get('allow') ?? '', /GET/);
  });

  it('answers CORS preflight and allows any origin by default', async () => {
    const res = await fetch(`${server.url}/Patient`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:8000',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /GET/);
    const get1 = await fetch(`${server.url}/metadata`, { headers: { Origin: 'http://localhost:8000' } });
    assert.equal(get1.headers.get('access-control-allow-origin'), '*');
  });

  it('counts requests per path for tests when started with --stats', async () => {
    await fetch(`${server.url}/$reset-stats`, { method: 'POST' });
    await get('Patient/test-patient-1');
    await get('Patient/test-patient-1');
    await get('Encounter?patient=test-patient-1&_count=1');
    const { res, body } = await get('$stats');
    assert.equal(res.status, 200);
    assert.equal(body.total, 3);
    assert.equal(body.paths['/fhir/Patient/test-patient-1'], 2);
    assert.equal(body.requests['GET /fhir/Encounter?patient=test-patient-1&_count=1'], 1);
    const reset = await fetch(`${server.url}/$reset-stats`, { method: 'POST' });
    assert.equal((await reset.json()).total, 0);
  });
});
