// The CLI's start-up failures, the exported startServer(), and the committed demo seed.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { spawnServer } from '../spawn.js';

const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));
const INDEX = new URL('../index.js', import.meta.url).href;
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const DEMO = fileURLToPath(new URL('../../demo/data', import.meta.url));

/**
 * Runs the CLI to completion (it is expected to fail) and returns its exit code and output.
 * @param {string[]} args
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function runCli(args) {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--experimental-websocket', CLI, ...args],
      { timeout: 60_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (/** @type {any} */ (err).code ?? null) : 0, stdout, stderr });
      },
    );
  });
}

describe('record server CLI', () => {
  it('says which port is in use and exits 1', async () => {
    const blocker = createServer();
    await new Promise((resolve) => blocker.listen(0, '127.0.0.1', () => resolve(undefined)));
    const port = /** @type {import('node:net').AddressInfo} */ (blocker.address()).port;
    try {
      const { code, stderr } = await runCli(['--port', String(port)]);
      assert.equal(code, 1);
      assert.equal(stderr.trim(), `Port ${port} is already in use; choose another with --port`);
    } finally {
      blocker.close();
    }
  });

  it('names a seed file that is not JSON, and exits 1', async () => {
    const { code, stderr } = await runCli(['--port', '0', '--seed', `${FIXTURES}invalid/not-json.txt`]);
    assert.equal(code, 1);
    assert.match(stderr, /^Seed file .*not-json\.txt: is not valid JSON \(/);
  });

  it('names a seed file that is not a FHIR resource', async () => {
    const { code, stderr } = await runCli(['--port', '0', '--seed', `${FIXTURES}invalid/not-fhir.json`]);
    assert.equal(code, 1);
    assert.match(stderr, /not-fhir\.json: is not a FHIR resource \(no resourceType\)/);
  });

  it('names a seed file that cannot be read', async () => {
    const { code, stderr } = await runCli(['--port', '0', '--seed', `${FIXTURES}invalid/missing.json`]);
    assert.equal(code, 1);
    assert.match(stderr, /missing\.json: cannot be read \(ENOENT\)/);
  });

  it('names a seed Bundle the server rejects, with the OperationOutcome text', async () => {
    const { code, stderr } = await runCli([
      '--port',
      '0',
      '--seed',
      `${FIXTURES}invalid/rejected.transaction.json`,
    ]);
    assert.equal(code, 1);
    assert.match(
      stderr,
      /rejected\.transaction\.json: entry 0 \(PUT Patient\/another-id\) was rejected by the server: .*Incorrect resource ID/,
    );
  });

  it('rejects bad options with exit code 2', async () => {
    const rate = await runCli(['--fail-rate', '2']);
    assert.equal(rate.code, 2);
    assert.match(rate.stderr, /--fail-rate must be a number from 0 to 1/);
    const unknown = await runCli(['--frobnicate']);
    assert.equal(unknown.code, 2);
  });

  it('exports startServer(options) resolving to { url, close() }', async () => {
    const script = `
      const { startServer } = await import(${JSON.stringify(INDEX)});
      const server = await startServer({ port: 0, seed: [${JSON.stringify(`${FIXTURES}seed/single-patient.json`)}] });
      const res = await fetch(server.url + '/Patient/test-single-patient');
      console.log(JSON.stringify({ url: server.url, status: res.status, seeded: server.seeded }));
      await server.close();
    `;
    const out = await new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        ['--experimental-websocket', '--input-type=module', '-e', script],
        { timeout: 60_000 },
        (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout)),
      );
    });
    const result = JSON.parse(/** @type {string} */ (out).trim());
    assert.match(result.url, /^http:\/\/127\.0\.0\.1:\d+\/fhir$/);
    assert.equal(result.status, 200);
    assert.deepEqual(result.seeded, { files: 1, resources: 1 });
  });

  it('loads the committed demo seed', { timeout: 120_000 }, async () => {
    const server = await spawnServer({ args: ['--seed', DEMO], timeoutMs: 120_000 });
    try {
      const get = async (/** @type {string} */ path) => (await fetch(`${server.url}/${path}`)).json();
      const richard = await get('Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9912003888');
      assert.equal(richard.entry[0].resource.id, 'UKCore-Patient-RichardSmith-Example');
      const big = await get('Encounter?patient=gen-patient-0012&_summary=count');
      assert.equal(big.total, 5000);
      const meds = await get('MedicationRequest?patient=gen-patient-0012&_summary=count');
      const statements = await get('MedicationStatement?patient=gen-patient-0012&_summary=count');
      assert.equal(meds.total + statements.total, 500);
      const synthea = await get('Patient/326b4675-0bc8-4dbd-b406-a5564c282401');
      assert.equal(synthea.resourceType, 'Patient');
      const syntheaEncounters = await get(
        'Encounter?patient=326b4675-0bc8-4dbd-b406-a5564c282401&_summary=count',
      );
      assert.equal(syntheaEncounters.total, 55);
    } finally {
      await server.close();
    }
  });
});
