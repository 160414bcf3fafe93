// The HAPI FHIR conformance server: builds it with Maven (pom.xml beside this file), starts it,
// waits for GET /metadata, seeds it with the demo records and stops it. From code:
//
//   import { buildHapi, startHapi, seedHapi } from './conformance/hapi/hapi.js';
//   await buildHapi();                                  // throws HapiUnavailable when it cannot be had
//   const hapi = await startHapi({ port: 8090 });       // hapi.url === 'http://127.0.0.1:8090/fhir'
//   await seedHapi(hapi.url, ['demo/data/generated']);
//   await hapi.close();
//
// From a shell: `node conformance/hapi/hapi.js [--port 8090] [--no-seed]` starts and seeds it, prints
// `HAPI FHIR listening on <base URL>` last, and stops on Ctrl+C / SIGTERM.

import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, statSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { expandSeedPaths } from '../../server/lib/seed.js';
import { daysToShift, shiftDates, ukToday } from '../../server/lib/shift-dates.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const JAR = join(HERE, 'target', 'hapi-conformance-server.jar');
/** Everything the server prints, for when it fails to start or answers oddly. */
export const LOG = join(HERE, 'target', 'server.log');
/** The demo records HAPI is seeded with: the shared organisations first (records refer to them). */
export const DEFAULT_SEED = ['demo/data/generated'];
const SHARED_FIRST = 'organisations-and-practitioners.json';

/** HAPI cannot be built or run on this machine (no Java, no Maven, no Maven Central): not a test failure. */
export class HapiUnavailable extends Error {
  name = 'HapiUnavailable';
}

/** Maven's words for "could not download": the registry cannot be reached, or does not serve a dependency. */
const RESOLUTION_FAILURE =
  /Could not (resolve|transfer|find artifact)|Non-resolvable|Unknown host|UnknownHostException|Connection refused|Network is unreachable|Plugin .* could not be resolved|Failed to read artifact descriptor/;

/** Newest modification time under a folder (or of a file), in ms. */
function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/**
 * Builds the server jar with Maven when it is missing or older than pom.xml / src. Throws
 * `HapiUnavailable` (with Maven's own words) when Java or Maven is missing or a dependency cannot
 * be downloaded, and a plain Error for any other build failure (a compile error is a real failure).
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {{ built: boolean, ms: number }}
 */
export function buildHapi({ log = () => {} } = {}) {
  for (const tool of ['java', 'mvn']) {
    if (spawnSync(tool, ['-version'], { stdio: 'ignore' }).error) {
      throw new HapiUnavailable(`${tool} is not installed (HAPI FHIR needs Java 17 and Maven)`);
    }
  }
  if (
    existsSync(JAR) &&
    statSync(JAR).mtimeMs >= Math.max(newest(join(HERE, 'pom.xml')), newest(join(HERE, 'src')))
  ) {
    return { built: false, ms: 0 };
  }
  log('hapi: building the server with Maven (the first build downloads HAPI FHIR from Maven Central)');
  const started = performance.now();
  const result = spawnSync('mvn', ['-B', '-q', '-Dstyle.color=never', 'package', '-DskipTests'], {
    cwd: HERE,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Math.round(performance.now() - started);
  if (result.status === 0) return { built: true, ms };
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const unreachable = output.split('\n').find((line) => RESOLUTION_FAILURE.test(line));
  if (unreachable) {
    throw new HapiUnavailable(
      `Maven could not download HAPI FHIR: ${unreachable.replace(/^(\[ERROR\]\s*)+/, '')}`,
    );
  }
  throw new Error(`Building the HAPI FHIR server failed:\n${output.slice(-4000)}`);
}

/** A free TCP port on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * @typedef {object} RunningHapi
 * @property {string} url FHIR base, e.g. `http://127.0.0.1:8090/fhir`
 * @property {number} port
 * @property {number} startupMs from spawning Java to the first good `GET /metadata`
 * @property {string} version HAPI FHIR's version, from the CapabilityStatement
 * @property {() => string} output what the server printed so far
 * @property {() => Promise<void>} close stops the server (SIGTERM, then SIGKILL after 30 s)
 */

/**
 * Starts the built server and resolves once `GET /metadata` answers with a CapabilityStatement.
 * Rejects if the process exits first or `timeoutMs` passes (then the process is stopped). The
 * default is generous: on two busy cores HAPI has taken close to 7 minutes.
 * @param {{ port?: number, timeoutMs?: number, javaOptions?: string[] }} [options]
 * @returns {Promise<RunningHapi>}
 */
export async function startHapi({ port, timeoutMs = 900_000, javaOptions = [] } = {}) {
  if (!existsSync(JAR)) throw new Error(`${JAR} is missing: run buildHapi() first`);
  const chosen = port ?? (await freePort());
  const url = `http://127.0.0.1:${chosen}/fhir`;
  const started = performance.now();
  const child = spawn('java', [...javaOptions, '-jar', JAR, `--server.port=${chosen}`], {
    cwd: HERE,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(LOG);
  let out = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      log.write(chunk);
    });
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let done = false;
  exited.then(() => {
    done = true;
    log.end();
  });

  const close = async () => {
    if (done) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = started + timeoutMs;
  while (!done) {
    const capability = await metadata(url);
    if (capability) {
      return {
        url,
        port: chosen,
        startupMs: Math.round(performance.now() - started),
        version: capability.software?.version ?? 'unknown',
        output: () => out,
        close,
      };
    }
    if (performance.now() > deadline) {
      await close();
      throw new Error(
        `HAPI FHIR did not answer ${url}/metadata within ${timeoutMs / 1000} s:\n${out.slice(-4000)}`,
      );
    }
    // Wait for the server to say something, or a second, before asking again.
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 1000))]);
  }
  throw new Error(`HAPI FHIR exited before it answered ${url}/metadata:\n${out.slice(-4000)}`);
}

/** The CapabilityStatement at `url/metadata`, or `undefined` while the server is not up. */
async function metadata(url) {
  try {
    const response = await fetch(`${url}/metadata`, {
      headers: { Accept: 'application/fhir+json' },
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) return undefined;
    const body = await response.json();
    return body?.resourceType === 'CapabilityStatement' ? body : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Loads seed files (transaction Bundles; files and folders, as the embedded server's `--seed`
 * takes them) into HAPI, one transaction per file, shared organisations first. Generated records
 * have their dates moved to read as written `today`, as the embedded server does.
 * @param {string} url FHIR base
 * @param {string[]} [paths]
 * @param {{ today?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<{ files: number, resources: number, ms: number }>}
 */
export async function seedHapi(url, paths = DEFAULT_SEED, { today = ukToday(), log = () => {} } = {}) {
  const started = performance.now();
  const files = (await expandSeedPaths(paths)).sort(
    (a, b) => Number(b.endsWith(SHARED_FIRST)) - Number(a.endsWith(SHARED_FIRST)),
  );
  let resources = 0;
  for (const file of files) {
    const days = await daysToShift(file, today);
    const bundle = JSON.parse(await readFile(file, 'utf8'));
    const body = days ? shiftDates(bundle, days) : bundle;
    if (body.resourceType !== 'Bundle' || (body.type !== 'transaction' && body.type !== 'batch')) {
      throw new Error(`Seed file ${file}: HAPI is seeded with transaction or batch Bundles only`);
    }
    const fileStarted = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(600_000),
    });
    const answer = await response.json().catch(() => undefined);
    const failed = (answer?.entry ?? []).find((entry) => !/^2\d\d/.test(entry?.response?.status ?? ''));
    if (!response.ok || failed) {
      const issue = (failed?.response?.outcome ?? answer)?.issue?.[0];
      throw new Error(
        `Seed file ${file} was rejected by HAPI (${response.status}): ${issue?.diagnostics ?? issue?.details?.text ?? ''}`,
      );
    }
    resources += body.entry?.length ?? 0;
    log(
      `hapi: seeded ${file} (${body.entry?.length ?? 0} resources, ${Math.round(performance.now() - fileStarted)} ms)`,
    );
  }
  return { files: files.length, resources, ms: Math.round(performance.now() - started) };
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'no-seed': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: node conformance/hapi/hapi.js [--port <n>] [--no-seed]\nBuilds (Maven), starts and seeds HAPI FHIR; stops on Ctrl+C / SIGTERM.\n',
    );
    return;
  }
  const log = (line) => process.stderr.write(`${line}\n`);
  buildHapi({ log });
  const hapi = await startHapi({ port: values.port ? Number(values.port) : undefined });
  log(`hapi: HAPI FHIR ${hapi.version} up in ${(hapi.startupMs / 1000).toFixed(1)} s`);
  const stop = () => hapi.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (!values['no-seed']) {
    const seeded = await seedHapi(hapi.url, DEFAULT_SEED, { log });
    log(
      `hapi: seeded ${seeded.resources} resources from ${seeded.files} files in ${(seeded.ms / 1000).toFixed(1)} s`,
    );
  }
  process.stdout.write(`HAPI FHIR listening on ${hapi.url}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    process.stderr.write(
      `${error instanceof HapiUnavailable ? 'HAPI FHIR unavailable: ' : ''}${error.message}\n`,
    );
    process.exit(error instanceof HapiUnavailable ? 3 : 1);
  });
}
