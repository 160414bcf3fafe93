#!/usr/bin/env node
// Command line for the record server. On Node 20: node --experimental-websocket server/cli.js
// The last line printed at start-up is `FHIR server listening on <base URL>`.

import { parseArgs } from 'node:util';

const USAGE = `Usage: node --experimental-websocket server/cli.js [options] [seed files or folders...]

Options:
  --port <n>            TCP port, 0 = any free port (default 8080)
  --host <addr>         interface to listen on (default 127.0.0.1)
  --base-path <path>    FHIR base path (default /fhir)
  --seed <path...>      seed files or folders (repeatable; several paths may follow one --seed)
  --today <YYYY-MM-DD>  the day generated records (demo/data/generated) are dated to: every date
                        moves by the days from the day they were written for (default today, UK)
  --latency <ms>        delay every response by this many milliseconds (default 0)
  --fail-rate <0..1>    answer this share of requests with a random 500 or 503 OperationOutcome
                        (never /metadata, CORS preflight or the stats controls) (default 0)
  --token <t>           require Authorization: Bearer <t> (except /metadata and OPTIONS)
  --stats               enable GET <base>/$stats and POST <base>/$reset-stats (request counts)
  --cors-origin <o>     allowed CORS origin (repeatable; default * = any)
  --default-count <n>   page size when a search has no _count (default 50)
  --verbose             log every request to stderr
  -h, --help            show this help

Exit codes: 0 stopped by SIGINT/SIGTERM, 1 could not start (port in use, bad seed file), 2 bad usage.`;

/**
 * @param {string} message
 * @returns {never}
 */
function usageError(message) {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

/** @type {ReturnType<typeof parseArgs>} */
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      'base-path': { type: 'string', default: '/fhir' },
      seed: { type: 'string', multiple: true },
      today: { type: 'string' },
      latency: { type: 'string', default: '0' },
      'fail-rate': { type: 'string', default: '0' },
      token: { type: 'string' },
      stats: { type: 'boolean', default: false },
      'cors-origin': { type: 'string', multiple: true },
      'default-count': { type: 'string', default: '50' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (err) {
  usageError(/** @type {Error} */ (err).message);
}
const values = /** @type {Record<string, any>} */ (parsed.values);
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

/**
 * @param {string} name
 * @param {string} text
 * @param {number} min
 * @param {number} max
 * @param {boolean} integer
 * @returns {number}
 */
function numberOption(name, text, min, max, integer) {
  const value = Number(text);
  if (
    text.trim() === '' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    usageError(
      `--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got "${text}")`,
    );
  }
  return value;
}

const port = numberOption('port', values.port, 0, 65535, true);
const latency = numberOption('latency', values.latency, 0, 600000, false);
const failRate = numberOption('fail-rate', values['fail-rate'], 0, 1, false);
const defaultCount = numberOption('default-count', values['default-count'], 1, 1000, true);
if (values.token !== undefined && values.token.trim() === '') usageError('--token must not be empty');
/** A real calendar day as YYYY-MM-DD (not 2026-02-31). */
const isDay = (/** @type {string} */ text) => {
  const day = new Date(`${text}T00:00:00Z`);
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text)
  );
};
if (values.today !== undefined && !isDay(values.today)) {
  usageError(`--today must be a date as YYYY-MM-DD (got "${values.today}")`);
}
const seed = [...(values.seed ?? []), ...parsed.positionals];

// Imported after the arguments are checked so that --help works without --experimental-websocket.
const { startServer } = await import('./index.js');
const { SeedError } = await import('./lib/seed.js');

try {
  const server = await startServer({
    port,
    host: values.host,
    basePath: values['base-path'],
    seed,
    today: values.today,
    latency,
    failRate,
    token: values.token,
    stats: values.stats,
    corsOrigins: values['cors-origin'] ?? ['*'],
    defaultCount,
    log: values.verbose ? (line) => process.stderr.write(`${line}\n`) : undefined,
  });
  const notes = [];
  if (latency > 0) notes.push(`latency ${latency} ms`);
  if (failRate > 0) notes.push(`fail rate ${failRate}`);
  if (values.token !== undefined) notes.push('bearer token required');
  if (values.stats) notes.push(`request counts at ${server.url}/$stats`);
  process.stdout.write(
    `Seeded ${server.seeded.resources} resources from ${server.seeded.files} files; ready in ${(server.startupMs / 1000).toFixed(1)} s` +
      (notes.length ? ` (${notes.join(', ')})` : '') +
      '\n',
  );
  process.stdout.write(`FHIR server listening on ${server.url}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  const error = /** @type {NodeJS.ErrnoException} */ (err);
  if (error.code === 'EADDRINUSE') {
    process.stderr.write(`Port ${port} is already in use; choose another with --port\n`);
  } else if (error.code === 'EADDRNOTAVAIL') {
    process.stderr.write(
      `Cannot listen on ${values.host}: the address is not available on this machine; choose another with --host\n`,
    );
  } else if (error.code === 'EACCES') {
    process.stderr.write(`Not allowed to listen on port ${port}; choose another with --port\n`);
  } else if (err instanceof SeedError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Could not start the FHIR server: ${error.message ?? err}\n`);
  }
  process.exit(1);
}
