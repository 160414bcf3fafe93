// The record server: a FHIR R4 server on loopback for the demo, Storybook and integration tests.
// @medplum/fhir-router (FhirRouter + MemoryRepository) behind our own node:http adapter.
// Needs a global WebSocket: on Node 20 run node with --experimental-websocket (see README.md).

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Stats, createHandler } from './lib/http.js';
import { buildCapabilityStatement } from './lib/capability.js';
import { loadMedplum } from './lib/medplum.js';
import { createRepository } from './lib/repository.js';
import { loadSeeds } from './lib/seed.js';
import { ukToday } from './lib/shift-dates.js';

export { SeedError } from './lib/seed.js';

/** Page size when a search has no `_count`. */
export const DEFAULT_COUNT = 50;
/** The largest `_count` honoured; larger values are lowered to it. */
export const MAX_COUNT = 1000;

/**
 * @typedef {object} ServerOptions
 * @property {number} [port] TCP port; 0 (the default here) picks a free one
 * @property {string} [host] interface to listen on; default `127.0.0.1`
 * @property {string} [basePath] FHIR base path; default `/fhir`
 * @property {string | string[]} [seed] files and folders to load at start
 * @property {string} [today] YYYY-MM-DD: the day generated demo records are moved to (every date
 *   by the days between the `today` of their index.json and this); default today in the UK
 * @property {number} [latency] ms added to every response (not CORS preflight); default 0
 * @property {number} [failRate] 0..1: that share of requests gets a random 500 or 503
 *   OperationOutcome (never /metadata, CORS preflight or the stats controls); default 0
 * @property {string} [token] when set, every request except /metadata and OPTIONS needs
 *   `Authorization: Bearer <token>`
 * @property {boolean} [stats] enable `GET [base]/$stats` and `POST [base]/$reset-stats`
 * @property {string | string[]} [corsOrigins] allowed origins; default `*` (any)
 * @property {number} [defaultCount] default page size; default {@link DEFAULT_COUNT}
 * @property {number} [maxCount] largest page size; default {@link MAX_COUNT}
 * @property {() => number} [random] random source for --fail-rate (tests)
 * @property {(line: string) => void} [log] called with one line per request
 */

/**
 * @typedef {object} RunningServer
 * @property {string} url the FHIR base URL, e.g. `http://127.0.0.1:43123/fhir`
 * @property {string} origin e.g. `http://127.0.0.1:43123`
 * @property {number} port
 * @property {{ files: number, resources: number }} seeded
 * @property {number} startupMs from the call to listening
 * @property {Stats | undefined} stats the request counter when `stats` is on
 * @property {() => Promise<void>} close stops listening and closes open connections
 */

/**
 * Starts the record server. Rejects with a SeedError (naming the file) when a seed file cannot be
 * read, is not FHIR or is rejected, and with an Error whose `code` is `EADDRINUSE` when the
 * port is taken.
 * @param {ServerOptions} [options]
 * @returns {Promise<RunningServer>}
 */
export async function startServer(options = {}) {
  const started = performance.now();
  const host = options.host ?? '127.0.0.1';
  const basePath = normaliseBasePath(options.basePath ?? '/fhir');
  const failRate = options.failRate ?? 0;
  if (!(failRate >= 0 && failRate <= 1)) throw new RangeError('failRate must be between 0 and 1');
  const latency = options.latency ?? 0;
  if (!(latency >= 0)) throw new RangeError('latency must be 0 or more');
  const defaultCount = options.defaultCount ?? DEFAULT_COUNT;
  const maxCount = options.maxCount ?? MAX_COUNT;

  const { core, router: fhirRouter } = await loadMedplum();
  const router = new fhirRouter.FhirRouter();
  const repo = createRepository(fhirRouter);

  /** @type {import('./lib/seed.js').SeedContext['request']} */
  const request = async (method, url, body) => {
    const [outcome, resource] = await router.handleRequest(
      {
        method: /** @type {any} */ (method),
        url,
        pathname: '',
        body,
        params: {},
        query: {},
        headers: {},
        config: { transactions: true },
      },
      repo,
    );
    return [outcome, resource];
  };
  const seedPaths =
    options.seed === undefined ? [] : Array.isArray(options.seed) ? options.seed : [options.seed];
  const seeded = await loadSeeds(seedPaths, { core, request, today: options.today ?? ukToday() });

  const stats = options.stats ? new Stats() : undefined;
  /** @type {string | undefined} */
  let capabilityJson;
  let serverUrl = '';
  const version = packageVersion();
  const date = new Date().toISOString();
  const handler = createHandler({
    core,
    router,
    repo,
    basePath,
    capabilityJson: () =>
      (capabilityJson ??= JSON.stringify(
        buildCapabilityStatement({
          core,
          url: serverUrl,
          version,
          tokenRequired: options.token !== undefined,
          defaultCount,
          maxCount,
          date,
        }),
      )),
    latency,
    failRate,
    token: options.token,
    corsOrigins: options.corsOrigins === undefined ? ['*'] : [options.corsOrigins].flat(),
    defaultCount,
    maxCount,
    stats,
    random: options.random ?? Math.random,
    log: options.log,
  });

  const server = createServer({ keepAliveTimeout: 5000 }, handler);
  await new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolvePromise(undefined);
    });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const hostPart =
    address.family === 'IPv6' || address.family === /** @type {any} */ (6)
      ? `[${address.address}]`
      : address.address;
  const origin = `http://${hostPart}:${address.port}`;
  serverUrl = `${origin}${basePath}`;

  return {
    url: serverUrl,
    origin,
    port: address.port,
    seeded,
    startupMs: performance.now() - started,
    stats,
    close: () =>
      new Promise((resolvePromise, reject) => {
        server.close((err) => (err ? reject(err) : resolvePromise()));
        server.closeAllConnections();
      }),
  };
}

/**
 * @param {string} path
 * @returns {string} `/fhir` style: leading slash, no trailing slash ('' for the root)
 */
function normaliseBasePath(path) {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** @returns {string} */
function packageVersion() {
  try {
    return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
