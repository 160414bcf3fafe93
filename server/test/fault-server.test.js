// The fault-injecting FHIR server (server/fault-server.js): data, every scenario, CORS, control
// endpoints and the command line.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_COUNTS,
  NHS_NUMBER_SYSTEM,
  ODS_SYSTEM,
  PATIENTS,
  SCENARIOS,
  isValidNhsNumber,
  nhsCheckDigit,
  startFaultServer,
} from '../fault-server.js';

/** @type {import('../fault-server.js').FaultServer} */
let server;
before(async () => {
  server = await startFaultServer();
});
after(async () => {
  await server?.close();
});
beforeEach(async () => {
  await post(server.originA, '/$reset');
});

const base = (/** @type {string} */ scenario, origin = server.originA) => `${origin}/${scenario}/fhir`;
const post = (/** @type {string} */ origin, /** @type {string} */ path) =>
  fetch(`${origin}${path}`, { method: 'POST' });
/** @returns {Promise<any>} */
const getJson = async (/** @type {string} */ url, /** @type {RequestInit} */ init = {}) => {
  const res = await fetch(url, init);
  assert.equal(res.status, 200, `${url}: ${res.status}`);
  return res.json();
};
/** @returns {Promise<any[]>} */
const requests = async (origin = server.originA) => (await fetch(`${origin}/$requests`)).json();
const nextOf = (/** @type {any} */ bundle) =>
  bundle.link?.find((/** @type {any} */ l) => l.relation === 'next')?.url;
const selfOf = (/** @type {any} */ bundle) =>
  bundle.link?.find((/** @type {any} */ l) => l.relation === 'self')?.url;

/** Follows `next` links; returns every page. */
async function allPages(/** @type {string} */ url, limit = 50) {
  const pages = [];
  for (let next = url; next && pages.length < limit; next = nextOf(pages.at(-1)))
    pages.push(await getJson(next));
  return pages;
}
const refOf = (/** @type {any} */ r) => (r.subject ?? r.patient).reference;

describe('fault server data', () => {
  it('gives every patient a valid Modulus 11 NHS number', () => {
    assert.equal(nhsCheckDigit('943476591'), 9); // 943 476 5919, the NHS Digital example
    assert.equal(isValidNhsNumber('9434765919'), true);
    assert.equal(isValidNhsNumber('9434765918'), false);
    assert.equal(nhsCheckDigit('000000000'), 0); // remainder 0 → 11 → check digit 0
    assert.equal(nhsCheckDigit('000000006'), undefined); // 6×2 = 12, remainder 1 → 10 → no valid number
    assert.deepEqual(
      PATIENTS.map((p) => p.id),
      ['alpha', 'bravo', 'restricted'],
    );
    for (const p of PATIENTS) assert.ok(isValidNhsNumber(p.nhsNumber), `${p.id} ${p.nhsNumber}`);
    assert.equal(new Set(PATIENTS.map((p) => p.nhsNumber)).size, 3);
  });

  it('serves UK Core-shaped patients, practices with GP-practice ODS codes, and the trust', async () => {
    for (const p of PATIENTS) {
      const patient = await getJson(`${base('ok')}/Patient/${p.id}`);
      assert.equal(patient.id, p.id);
      assert.deepEqual(
        patient.identifier.map((/** @type {any} */ i) => [i.system, i.value]),
        [[NHS_NUMBER_SYSTEM, p.nhsNumber]],
      );
      assert.ok(patient.name[0].family && patient.gender && patient.birthDate);
      assert.deepEqual(patient.generalPractitioner, [{ reference: `Organization/${p.practice}` }]);
      const practice = await getJson(`${base('ok')}/Organization/${p.practice}`);
      assert.equal(practice.identifier[0].system, ODS_SYSTEM);
      assert.match(practice.identifier[0].value, /^[A-Z]\d{5}$/);
      assert.equal(practice.type[0].coding[0].display, 'GP PRACTICE');
    }
    const trust = await getJson(`${base('ok')}/Organization/trust-rr8`);
    assert.equal(trust.identifier[0].value, 'RR8');
    const ward = await getJson(`${base('ok')}/Location/ward-rr8`);
    assert.equal(ward.managingOrganization.reference, 'Organization/trust-rr8');
  });

  it('marks the restricted patient R, with address, telecom and a practice that records its care', async () => {
    const patient = await getJson(`${base('ok')}/Patient/restricted`);
    assert.deepEqual(patient.meta.security, [
      {
        system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
        code: 'R',
        display: 'restricted',
      },
    ]);
    assert.ok(patient.address[0].postalCode);
    assert.ok(patient.telecom.length >= 2);
    const practice = 'Organization/practice-restricted';
    const meds = await getJson(`${base('ok')}/MedicationRequest?patient=restricted&_count=100`);
    assert.ok(meds.entry.some((/** @type {any} */ e) => e.resource.requester.reference === practice));
    const statements = await getJson(`${base('ok')}/MedicationStatement?patient=restricted&_count=100`);
    assert.ok(
      statements.entry.some((/** @type {any} */ e) => e.resource.informationSource.reference === practice),
    );
    const encounters = await getJson(`${base('ok')}/Encounter?patient=restricted&_count=100`);
    assert.ok(
      encounters.entry.some((/** @type {any} */ e) => e.resource.serviceProvider.reference === practice),
    );
    assert.ok(
      encounters.entry.some((/** @type {any} */ e) =>
        e.resource.location?.some(
          (/** @type {any} */ l) => l.location.reference === 'Location/site-practice-restricted',
        ),
      ),
    );
  });

  it('finds a patient by NHS number', async () => {
    const bundle = await getJson(
      `${base('ok')}/Patient?identifier=${encodeURIComponent(`${NHS_NUMBER_SYSTEM}|${PATIENTS[1].nhsNumber}`)}`,
    );
    assert.equal(bundle.total, 1);
    assert.equal(bundle.entry[0].resource.id, 'bravo');
    assert.equal(bundle.entry[0].fullUrl, `${base('ok')}/Patient/bravo`);
    const none = await getJson(`${base('ok')}/Patient?identifier=${NHS_NUMBER_SYSTEM}|9434765919`);
    assert.equal(none.total, 0);
  });

  it('pages searches with total, fullUrl, search.mode and absolute same-origin next links', async () => {
    const url = `${base('ok')}/MedicationRequest?patient=alpha`;
    const pages = await allPages(url);
    assert.equal(pages.length, 3); // 25 at the default page size of 10
    assert.equal(selfOf(pages[0]), url);
    const entries = pages.flatMap((page) => page.entry);
    assert.equal(entries.length, DEFAULT_COUNTS.alpha.MedicationRequest);
    for (const page of pages) {
      assert.equal(page.total, 25);
      const next = nextOf(page);
      if (next) assert.ok(next.startsWith(`${base('ok')}/MedicationRequest?patient=alpha&`), next);
    }
    for (const entry of entries) {
      assert.equal(entry.fullUrl, `${base('ok')}/MedicationRequest/${entry.resource.id}`);
      assert.equal(entry.search.mode, 'match');
      assert.equal(refOf(entry.resource), 'Patient/alpha');
      assert.match(entry.resource.medicationCodeableConcept.text, /^ALPHA[A-Z]+ \d+mg /);
    }
    assert.equal(entries[0].resource.medicationCodeableConcept.text, 'ALPHAMYCIN 250mg capsules');
    assert.equal(new Set(entries.map((e) => e.resource.id)).size, 25);

    for (const [type, n] of Object.entries(DEFAULT_COUNTS.alpha)) {
      const bundle = await getJson(`${base('ok')}/${type}?patient=Patient/alpha&_count=1000`);
      assert.equal(bundle.total, n, type);
      assert.equal(bundle.entry.length, n, type);
      assert.ok(bundle.entry.every((/** @type {any} */ e) => refOf(e.resource) === 'Patient/alpha'));
    }
  });

  it('sorts by date, follows the _include of the service provider, and honours _summary=count', async () => {
    const bundle = await getJson(
      `${base('ok')}/Encounter?patient=alpha&_sort=-date&_count=6&_include=Encounter:service-provider`,
    );
    const matches = bundle.entry.filter((/** @type {any} */ e) => e.search.mode === 'match');
    const starts = matches.map((/** @type {any} */ e) => e.resource.period.start);
    assert.deepEqual(starts, [...starts].sort().reverse());
    assert.ok(matches.every((/** @type {any} */ e) => /^ALPHA /.test(e.resource.type[0].text)));
    const included = bundle.entry
      .filter((/** @type {any} */ e) => e.search.mode === 'include')
      .map((/** @type {any} */ e) => e.resource.id);
    assert.deepEqual(included.sort(), ['practice-alpha', 'trust-rr8']);
    const ascending = await getJson(`${base('ok')}/Encounter?patient=alpha&_sort=date&_count=1`);
    assert.ok(ascending.entry[0].resource.period.start < starts.at(-1));
    const count = await getJson(`${base('ok')}/Encounter?patient=alpha&_summary=count`);
    assert.equal(count.total, 30);
    assert.equal(count.entry, undefined);
  });

  it('lets a test set the counts and page size ($config) until $reset', async () => {
    const res = await post(
      server.originA,
      '/$config?alpha.Encounter=3000&bravo.MedicationRequest=0&page-size=50',
    );
    assert.equal(res.status, 200);
    const config = await res.json();
    assert.equal(config.patients[0].counts.Encounter, 3000);
    const page = await getJson(`${base('ok')}/Encounter?patient=alpha`);
    assert.equal(page.total, 3000);
    assert.equal(page.entry.length, 50);
    assert.equal((await getJson(`${base('ok', server.originB)}/MedicationRequest?patient=bravo`)).total, 0);
    assert.equal((await post(server.originA, '/$config?nonsense=1')).status, 400);
    await post(server.originB, '/$reset');
    assert.equal((await getJson(`${base('ok')}/Encounter?patient=alpha`)).total, 30);
  });

  it('answers 404 OperationOutcomes for unknown ids, types and scenarios', async () => {
    for (const url of [
      `${base('ok')}/Patient/nobody`,
      `${base('ok')}/Spaceship`,
      `${base('nonsense')}/Patient/alpha`,
    ]) {
      const res = await fetch(url);
      assert.equal(res.status, 404, url);
      assert.equal((await res.json()).resourceType, 'OperationOutcome');
      assert.ok(res.headers.get('access-control-allow-origin'));
    }
  });
});

describe('fault server scenarios', () => {
  it('lists its scenarios', () => {
    assert.ok(SCENARIOS.includes('ok') && SCENARIOS.includes('endless-next'));
  });

  it('ignore-patient: a search for one patient returns every patient’s resources', async () => {
    const bundle = await getJson(`${base('ignore-patient')}/Encounter?patient=alpha&_count=10`);
    const subjects = new Set(bundle.entry.map((/** @type {any} */ e) => refOf(e.resource)));
    assert.deepEqual([...subjects].sort(), ['Patient/alpha', 'Patient/bravo', 'Patient/restricted']);
    assert.equal(bundle.total, 30 + 12 + 8);
  });

  it('no-id: Patient without id (urn:uuid fullUrl); an unscoped search returns all and is logged', async () => {
    const patient = await getJson(`${base('no-id')}/Patient/alpha`);
    assert.equal(patient.id, undefined);
    assert.equal(patient.identifier[0].value, PATIENTS[0].nhsNumber);
    const found = await getJson(
      `${base('no-id')}/Patient?identifier=${NHS_NUMBER_SYSTEM}|${PATIENTS[0].nhsNumber}`,
    );
    assert.equal(found.entry[0].resource.id, undefined);
    assert.match(found.entry[0].fullUrl, /^urn:uuid:[0-9a-f-]{36}$/);
    assert.ok(!(await requests()).some((r) => r.unscoped));

    const all = await getJson(`${base('no-id')}/Encounter?_sort=-date&_count=100`);
    assert.equal(all.total, 50);
    const log = await requests();
    const unscoped = log.filter((r) => r.unscoped);
    assert.equal(unscoped.length, 1);
    assert.equal(unscoped[0].path, '/no-id/fhir/Encounter');
    const scoped = await getJson(`${base('no-id')}/Encounter?patient=bravo`);
    assert.equal(scoped.total, 12);
  });

  it('echo-token: a 200 OperationOutcome echoing Authorization and every other header; echo-token-401', async () => {
    const headers = { Authorization: 'Bearer secret-xyz', 'X-Api-Key': 'key-abc' };
    const ok = await getJson(`${base('echo-token')}/Patient/alpha`, { headers });
    assert.equal(ok.resourceType, 'OperationOutcome');
    assert.match(ok.issue[0].diagnostics, /^Received Authorization: Bearer secret-xyz; /);
    assert.match(ok.issue[0].diagnostics, /X-Api-Key: key-abc/i);
    assert.equal(ok.issue[0].details.text, 'Authorization was Bearer secret-xyz');
    const search = await getJson(`${base('echo-token')}/Encounter?patient=alpha`, { headers });
    assert.equal(search.resourceType, 'OperationOutcome');

    const res = await fetch(`${base('echo-token-401')}/Patient/alpha`, { headers });
    assert.equal(res.status, 401);
    assert.match((await res.json()).issue[0].diagnostics, /Bearer secret-xyz/);
  });

  for (const [scenario, status] of /** @type {const} */ ([
    ['redirect-302', 302],
    ['redirect-307', 307],
  ])) {
    it(`${scenario}: every GET redirects to /ok/fhir on the other origin`, async () => {
      const path = '/Encounter?patient=alpha&_count=5';
      for (const [from, to] of [
        [server.originA, server.originB],
        [server.originB, server.originA],
      ]) {
        const res = await fetch(`${base(scenario, from)}${path}`, {
          redirect: 'manual',
          headers: { Origin: 'http://page.test' },
        });
        assert.equal(res.status, status);
        assert.equal(res.headers.get('location'), `${base('ok', to)}${path}`);
        assert.equal(res.headers.get('access-control-allow-origin'), 'http://page.test');
      }
      const read = await fetch(`${base(scenario)}/Patient/alpha`, { redirect: 'manual' });
      assert.equal(read.headers.get('location'), `${base('ok', server.originB)}/Patient/alpha`);
      // Followed, the data comes from origin B, which logs what it was sent.
      const followed = await getJson(`${base(scenario)}${path}`, { headers: { 'X-Api-Key': 'abc' } });
      assert.equal(followed.entry.length, 5);
      const onB = (await requests(server.originB)).filter((r) => r.scenario === 'ok');
      assert.equal(onB.length, 1);
      assert.equal(onB[0].path, '/ok/fhir/Encounter');
      assert.equal(onB[0].headers['x-api-key'], 'abc');
    });
  }

  it('redirect-same-origin-302: redirects to /ok/fhir on the same origin', async () => {
    const res = await fetch(`${base('redirect-same-origin-302')}/Patient/bravo`, { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), `${base('ok')}/Patient/bravo`);
  });

  it('loop-next: page 2’s next link is page 1’s URL', async () => {
    const first = `${base('loop-next')}/MedicationRequest?patient=alpha&_count=10`;
    const page1 = await getJson(first);
    const page2 = await getJson(nextOf(page1));
    assert.notEqual(nextOf(page1), first);
    assert.equal(nextOf(page2), first);
    assert.ok(page2.entry.every((/** @type {any} */ e) => refOf(e.resource) === 'Patient/alpha'));
    // Also when the first page was asked for without _count.
    const bare = `${base('loop-next')}/Encounter?patient=bravo`;
    assert.equal(nextOf(await getJson(nextOf(await getJson(bare)))), bare);
  });

  it('endless-next: one resource per page and a new next link forever, no total', async () => {
    const seen = new Set();
    let url = `${base('endless-next')}/Encounter?patient=alpha&_count=50`;
    for (let i = 0; i < 40; i++) {
      assert.ok(!seen.has(url), `URL repeated: ${url}`);
      seen.add(url);
      const page = await getJson(url);
      assert.equal(page.total, undefined);
      assert.equal(page.entry.length, 1);
      assert.equal(refOf(page.entry[0].resource), 'Patient/alpha');
      url = nextOf(page);
      assert.ok(url.startsWith(server.originA));
    }
  });

  it('hang: never answers (until the client gives up)', async () => {
    const started = performance.now();
    await assert.rejects(fetch(`${base('hang')}/Patient/alpha`, { signal: AbortSignal.timeout(150) }), {
      name: 'TimeoutError',
    });
    assert.ok(performance.now() - started < 2000);
    assert.equal((await requests()).filter((r) => r.scenario === 'hang').length, 1);
  });

  it('hang-body: status and headers arrive, the body never does', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base('hang-body')}/Patient/alpha`, { signal: controller.signal });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /fhir\+json/);
    const timer = setTimeout(() => controller.abort(), 150);
    await assert.rejects(res.text());
    clearTimeout(timer);
  });

  it('hang-search and hang-page-2: reads answer, then searches / later pages hang', async () => {
    assert.equal((await getJson(`${base('hang-search')}/Patient/alpha`)).id, 'alpha');
    await assert.rejects(
      fetch(`${base('hang-search')}/Encounter?patient=alpha`, { signal: AbortSignal.timeout(100) }),
    );
    const page1 = await getJson(`${base('hang-page-2')}/Encounter?patient=alpha`);
    await assert.rejects(fetch(nextOf(page1), { signal: AbortSignal.timeout(100) }));
  });

  it('fail-page-2: a later page fails N times with a 500 OperationOutcome, then answers', async () => {
    const page1 = await getJson(`${base('fail-page-2')}/MedicationRequest?patient=alpha`);
    const page2 = nextOf(page1);
    const failed = await fetch(page2);
    assert.equal(failed.status, 500);
    assert.equal((await failed.json()).resourceType, 'OperationOutcome');
    assert.equal((await getJson(page2)).entry.length, 10);
    assert.equal((await getJson(`${base('fail-page-2')}/MedicationRequest?patient=alpha`)).entry.length, 10);

    // Three times with the x3 variant.
    const url = nextOf(await getJson(`${base('fail-page-2x3')}/Encounter?patient=alpha`));
    for (let i = 0; i < 3; i++) assert.equal((await fetch(url)).status, 500);
    assert.equal((await fetch(url)).status, 200);

    // $reset?fail-times=2 sets N for fail-page-2 and starts counting again.
    await post(server.originA, '/$reset?fail-times=2');
    assert.equal((await fetch(page2)).status, 500);
    assert.equal((await fetch(page2)).status, 500);
    assert.equal((await fetch(page2)).status, 200);
  });

  it('outage: $outage makes every later GET a 503 with Retry-After: 0 until $recover', async () => {
    const url = `${base('outage')}/Patient/alpha`;
    assert.equal((await fetch(url)).status, 200);
    await post(server.originB, '/$outage');
    for (const u of [
      url,
      `${base('outage')}/Encounter?patient=alpha`,
      `${base('outage', server.originB)}/Patient/bravo`,
    ]) {
      const res = await fetch(u);
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '0');
      assert.equal((await res.json()).issue[0].code, 'transient');
    }
    assert.equal((await fetch(`${base('ok')}/Patient/alpha`)).status, 200, 'other scenarios unaffected');
    await post(server.originA, '/$recover');
    assert.equal((await fetch(url)).status, 200);
  });

  it('latency: a seeded random delay between min and max', async () => {
    await post(server.originA, '/$latency?min=60&max=80');
    let started = performance.now();
    await getJson(`${base('latency')}/Patient/alpha`);
    assert.ok(performance.now() - started >= 55);
    await post(server.originA, '/$latency?min=0&max=0');
    started = performance.now();
    await getJson(`${base('latency')}/Patient/alpha`);
    assert.ok(performance.now() - started < 50);
    assert.equal((await post(server.originA, '/$latency?min=5&max=1')).status, 400);
  });
});

describe('fault server CORS and control endpoints', () => {
  it('answers preflights with 204, allowing Authorization and custom headers', async () => {
    const res = await fetch(`${base('ok')}/Patient/alpha`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:8000',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization,x-api-key',
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:8000');
    assert.equal(res.headers.get('access-control-allow-headers'), 'authorization,x-api-key');
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /GET/);
    // Every scenario, including the ones that answer oddly, answers preflights.
    for (const scenario of ['echo-token-401', 'redirect-307', 'hang', 'outage']) {
      const pre = await fetch(`${base(scenario)}/Patient/alpha`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://x.test' },
      });
      assert.equal(pre.status, 204, scenario);
    }
  });

  it('puts CORS headers on every response, errors included, exposing Retry-After and Location', async () => {
    await post(server.originA, '/$outage');
    const res = await fetch(`${base('outage')}/Patient/alpha`, {
      headers: { Origin: 'http://localhost:8000' },
    });
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:8000');
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Location/);
    const ok = await fetch(`${base('ok')}/Patient/alpha`);
    assert.equal(ok.headers.get('access-control-allow-origin'), '*');
  });

  it('logs each port’s requests with lower-cased headers, and $reset clears them', async () => {
    await fetch(`${base('ok')}/Encounter?patient=alpha&_count=2`, { headers: { 'X-Custom-Thing': 'one' } });
    await fetch(`${base('ok', server.originB)}/Patient/bravo`);
    const a = await requests(server.originA);
    assert.equal(a.length, 1);
    assert.deepEqual(
      { method: a[0].method, path: a[0].path, query: a[0].query, scenario: a[0].scenario },
      { method: 'GET', path: '/ok/fhir/Encounter', query: 'patient=alpha&_count=2', scenario: 'ok' },
    );
    assert.equal(a[0].headers['x-custom-thing'], 'one');
    assert.ok(Object.keys(a[0].headers).every((name) => name === name.toLowerCase()));
    const b = await requests(server.originB);
    assert.deepEqual(
      b.map((r) => r.path),
      ['/ok/fhir/Patient/bravo'],
    );
    await post(server.originA, '/$reset-log');
    assert.deepEqual(await requests(server.originB), []);
    await fetch(`${base('ok')}/Patient/alpha`);
    await post(server.originB, '/$reset');
    assert.deepEqual(await requests(server.originA), []);
  });

  it('describes its data at GET /$config', async () => {
    const config = await getJson(`${server.originB}/$config`);
    assert.deepEqual(
      config.patients.map((/** @type {any} */ p) => [p.id, p.nhsNumber, p.restricted]),
      PATIENTS.map((p) => [p.id, p.nhsNumber, p.restricted]),
    );
    assert.deepEqual(config.organizations.hospitals, ['trust-rr8']);
    assert.equal(config.pageSize, 10);
  });

  it('closes with hanging requests open and leaves nothing running', async () => {
    const other = await startFaultServer();
    await post(other.originA, '/$latency?min=10000&max=10000');
    const hanging = fetch(`${base('hang', other.originA)}/Patient/alpha`).catch((error) => error);
    const body = fetch(`${base('hang-body', other.originB)}/Patient/alpha`)
      .then((res) => res.text())
      .catch((e) => e);
    const slow = fetch(`${base('latency', other.originA)}/Patient/alpha`).catch((error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await other.close();
    assert.ok(performance.now() - started < 1000);
    for (const result of await Promise.all([hanging, body, slow])) assert.ok(result instanceof Error);
  });
});

describe('fault server hostile-documents', () => {
  it('serves each patient its hostile letters, their Binary and files, and loads nothing itself', async () => {
    const bundle = await getJson(`${base('hostile-documents')}/DocumentReference?patient=alpha&_sort=-date`);
    assert.equal(bundle.total, 7);
    assert.ok(bundle.entry.every((/** @type {any} */ e) => e.resource.subject.reference === 'Patient/alpha'));
    const html = Buffer.from(bundle.entry[0].resource.content[0].attachment.data, 'base64').toString();
    assert.match(html, /<script>/);
    assert.ok(html.includes(`${server.originB}/evil/pixel.png`));
    const compositions = await getJson(`${base('hostile-documents')}/Composition?patient=Patient/alpha`);
    assert.equal(compositions.entry[0].resource.title, 'ALPHA hostile narrative');
    const binary = await getJson(`${base('hostile-documents')}/Binary/pdf-alpha`);
    assert.match(Buffer.from(binary.data, 'base64').toString(), /^%PDF-/);
    const echo = await fetch(`${server.originA}/hostile-documents/files/echo-alpha.txt`, {
      headers: { authorization: 'Bearer abc' },
    });
    assert.match(await echo.text(), /Sent with: Bearer abc/);
    const redirect = await fetch(`${server.originA}/hostile-documents/files/redirect`, {
      redirect: 'manual',
    });
    assert.equal(redirect.status, 302);
    assert.ok(redirect.headers.get('location')?.startsWith(server.originB));
    const huge = await fetch(`${server.originA}/hostile-documents/files/huge.txt`);
    const reader = /** @type {ReadableStreamDefaultReader<Uint8Array>} */ (huge.body?.getReader());
    const { value } = await reader.read();
    assert.ok(value && value.length > 0);
    await reader.cancel();
    assert.deepEqual(await requests(server.originB), []);
  });
});

describe('node server/fault-server.js', () => {
  it('prints both origins and serves until killed', async () => {
    const cli = fileURLToPath(new URL('../fault-server.js', import.meta.url));
    const child = spawn(process.execPath, [cli], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    const origins = await new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const a = /origin A: (http:\S+)/.exec(out);
        const b = /origin B: (http:\S+)/.exec(out);
        if (a && b) resolve([a[1], b[1]]);
      });
    });
    try {
      for (const origin of origins)
        assert.equal((await getJson(`${origin}/ok/fhir/Patient/alpha`)).id, 'alpha');
    } finally {
      const exited = new Promise((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal })),
      );
      child.kill('SIGTERM');
      assert.deepEqual(await exited, { code: 0, signal: null });
    }
  });
});
