// --token: every request except /metadata and CORS preflight needs the bearer token.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { spawnServer } from '../spawn.js';

const SEED = fileURLToPath(new URL('./fixtures/seed/single-patient.json', import.meta.url));
const TOKEN = 'test-token-123';

/** @type {import('../spawn.js').SpawnedServer} */
let server;

describe('record server with --token', () => {
  before(async () => {
    server = await spawnServer({ args: ['--seed', SEED, '--token', TOKEN] });
  });
  after(async () => {
    await server?.close();
  });

  it('answers 401 with an OperationOutcome and WWW-Authenticate: Bearer without a token', async () => {
    const res = await fetch(`${server.url}/Patient/test-single-patient`);
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer\b/);
    const body = await res.json();
    assert.equal(body.resourceType, 'OperationOutcome');
    assert.equal(body.issue[0].code, 'login');
  });

  it('answers 401 (invalid_token) with a wrong token', async () => {
    const res = await fetch(`${server.url}/Patient/test-single-patient`, {
      headers: { Authorization: 'Bearer nope' },
    });
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
    assert.equal((await res.json()).resourceType, 'OperationOutcome');
  });

  it('has no stats controls without --stats', async () => {
    const res = await fetch(`${server.url}/$stats`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 404);
  });

  it('serves the request with the right token', async () => {
    const res = await fetch(`${server.url}/Patient/test-single-patient`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).id, 'test-single-patient');
  });

  it('serves /metadata and CORS preflight without a token', async () => {
    const meta = await fetch(`${server.url}/metadata`);
    assert.equal(meta.status, 200);
    const cap = await meta.json();
    assert.match(cap.rest[0].security.description, /Bearer/);
    const pre = await fetch(`${server.url}/Patient`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:9000',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    assert.equal(pre.status, 204);
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Authorization/);
  });
});
