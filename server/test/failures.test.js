// --fail-rate, --latency and --cors-origin.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { spawnServer } from '../spawn.js';

const SEED = fileURLToPath(new URL('./fixtures/seed/single-patient.json', import.meta.url));

describe('record server with --fail-rate 1', () => {
  /** @type {import('../spawn.js').SpawnedServer} */
  let server;
  before(async () => {
    server = await spawnServer({ args: ['--seed', SEED, '--fail-rate', '1'] });
  });
  after(async () => {
    await server?.close();
  });

  it('fails every request with a 500 or 503 OperationOutcome', async () => {
    const statuses = new Set();
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${server.url}/Patient/test-single-patient`);
      assert.ok(res.status === 500 || res.status === 503, `status ${res.status}`);
      const body = await res.json();
      assert.equal(body.resourceType, 'OperationOutcome');
      if (res.status === 503) assert.ok(res.headers.get('retry-after'));
      statuses.add(res.status);
    }
    assert.ok(statuses.size >= 1);
  });

  it('still serves /metadata', async () => {
    const res = await fetch(`${server.url}/metadata`);
    assert.equal(res.status, 200);
  });
});

describe('record server with --latency and --cors-origin', () => {
  /** @type {import('../spawn.js').SpawnedServer} */
  let server;
  before(async () => {
    server = await spawnServer({
      args: ['--seed', SEED, '--latency', '300', '--cors-origin', 'http://allowed.test'],
    });
  });
  after(async () => {
    await server?.close();
  });

  it('delays responses', async () => {
    const started = performance.now();
    const res = await fetch(`${server.url}/Patient/test-single-patient`);
    assert.equal(res.status, 200);
    assert.ok(performance.now() - started >= 290, 'took at least the latency');
  });

  it('allows only the configured origins', async () => {
    const ok = await fetch(`${server.url}/metadata`, { headers: { Origin: 'http://allowed.test' } });
    assert.equal(ok.headers.get('access-control-allow-origin'), 'http://allowed.test');
    const other = await fetch(`${server.url}/metadata`, { headers: { Origin: 'http://other.test' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const pre = await fetch(`${server.url}/Patient`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://other.test', 'Access-Control-Request-Method': 'GET' },
    });
    assert.equal(pre.status, 403);
  });
});
