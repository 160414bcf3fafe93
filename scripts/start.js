#!/usr/bin/env node
// `npm start`: the demo portal. Builds the library when dist/ is missing or older than src/ (the
// CDN page loads dist/cdn/care-record-elements.js), starts the record server seeded with
// demo/data and a Vite dev server for demo/ (the portal imports the library's TypeScript source),
// then prints one line with the portal's URL. Ctrl-C stops everything.
//
// On Node 20 it needs --experimental-websocket (the record server's FHIR library wants a global
// WebSocket); `npm start` passes it. Run `npm start -- --help` for the options.

import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { daysToShift, shiftDates, ukToday } from '../server/lib/shift-dates.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO = join(ROOT, 'demo');
const DATA = join(DEMO, 'data');
const DIST = join(ROOT, 'dist');
const CDN_BUNDLE = join(DIST, 'cdn', 'care-record-elements.js');
const HOST = '127.0.0.1';

const USAGE = `Usage: npm start -- [options]

Starts the demo portal: the record server (FHIR R4, seeded with demo/data) and the portal pages.

Options:
  --port <n>        port of the demo portal (default 5173; 0 = any free port)
  --fhir-port <n>   port of the record server (default 8787; 0 = any free port)
  --skip-build      do not build dist/ even when it is missing or out of date
  -h, --help        show this help

Both servers listen on ${HOST} only. Ctrl-C stops them.`;

/** Exit codes: 0 stopped by Ctrl-C / SIGTERM, 1 could not start, 2 bad usage. */
function usageError(message) {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '5173' },
      'fhir-port': { type: 'string', default: '8787' },
      'skip-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (err) {
  usageError(err.message);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

function portOption(name) {
  const text = values[name];
  const port = Number(text);
  if (text.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    usageError(`--${name} must be a whole number from 0 to 65535 (got "${text}")`);
  }
  return port;
}
let portalPort = portOption('port');
const fhirPort = portOption('fhir-port');

/** What each port is for, and the option that changes it (for the "port in use" message). */
const PORTS = {
  portal: { what: 'the demo portal', option: '--port' },
  fhir: { what: 'the record server', option: '--fhir-port' },
};

/** A start-up failure with a message fit to print as it is. */
class StartError extends Error {}

function portProblem(err, which, port) {
  const { what, option } = PORTS[which];
  const code = err?.code ?? (/already in use/i.test(err?.message ?? '') ? 'EADDRINUSE' : undefined);
  const other = port === 0 ? 0 : port < 65535 ? port + 1 : port - 1;
  if (code === 'EADDRINUSE') {
    return new StartError(
      `Port ${port} (${what}) is already in use. Stop whatever is using it, or choose another port: npm start -- ${option} ${other}`,
    );
  }
  if (code === 'EACCES') {
    return new StartError(
      `Not allowed to listen on port ${port} (${what}). Choose another port: npm start -- ${option} ${other}`,
    );
  }
  return undefined;
}

/** A port free right now (Vite treats port 0 as "the default port", so it gets a real one). */
function freePort() {
  return new Promise((resolvePromise, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolvePromise(port));
    });
  });
}

/** Fails fast, before the slow steps, when a port is taken (the real listen checks again). */
function checkPortFree(which, port) {
  if (port === 0) return Promise.resolve();
  return new Promise((resolvePromise, reject) => {
    const probe = createNetServer();
    probe.once('error', (err) => reject(portProblem(err, which, port) ?? err));
    probe.listen(port, HOST, () => probe.close(() => resolvePromise()));
  });
}

/** Newest modification time of any file under `dir` (0 when there is none). */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Why dist/ needs building, or `undefined` when it is up to date. */
function buildReason() {
  if (!existsSync(CDN_BUNDLE) || !existsSync(join(DIST, 'index.js'))) return 'dist/ is missing';
  const built = Math.min(statSync(CDN_BUNDLE).mtimeMs, statSync(join(DIST, 'index.js')).mtimeMs);
  return newestMtime(join(ROOT, 'src')) > built ? 'dist/ is older than src/' : undefined;
}

/** @type {import('node:child_process').ChildProcess | undefined} */
let buildChild;

/** `npm run build`, quietly: its output is shown only when it fails. */
function build(reason) {
  process.stdout.write(`Building the library (${reason}) for the CDN page…\n`);
  const started = performance.now();
  // Under npm, npm_execpath is npm's own script: run it with this Node, without a shell.
  const npmCli = process.env.npm_execpath;
  const [command, args] =
    npmCli && /npm-cli\.c?js$/.test(npmCli)
      ? [process.execPath, [npmCli, 'run', 'build']]
      : [process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']];
  return new Promise((resolvePromise, reject) => {
    let output = '';
    buildChild = spawn(command, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    buildChild.stdout.on('data', (chunk) => (output += chunk));
    buildChild.stderr.on('data', (chunk) => (output += chunk));
    buildChild.once('error', (err) => reject(new StartError(`Could not run npm run build: ${err.message}`)));
    buildChild.once('exit', (code, signal) => {
      buildChild = undefined;
      if (code === 0) {
        process.stdout.write(`Built in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
        resolvePromise();
      } else if (signal) {
        reject(new StartError(`npm run build was stopped (${signal}).`));
      } else {
        reject(
          new StartError(
            `${output.trimEnd()}\n\nnpm run build failed (exit code ${code}), so the demo was not started. Fix the errors above, or start without building: npm start -- --skip-build`,
          ),
        );
      }
    });
  });
}

/** The id and name (`Bradly Douglas`, as the record writes it) of the first Patient in a Bundle file. */
function patientIn(path) {
  try {
    const bundle = JSON.parse(readFileSync(path, 'utf8'));
    const patient = bundle.entry?.find((entry) => entry?.resource?.resourceType === 'Patient')?.resource;
    const name = patient?.name?.find((one) => one.use === 'official') ?? patient?.name?.[0];
    return { id: patient?.id, name: [...(name?.given ?? []), name?.family].filter(Boolean).join(' ') };
  } catch {
    return {};
  }
}

/**
 * The Bundle files the portal offers in single-Bundle mode (served from /data/): each Synthea
 * patient, and every generated patient whose record is one file. Read at start; the browser
 * cannot list a folder.
 */
function demoBundles() {
  const bundles = [];
  const synthea = join(DATA, 'synthea');
  if (existsSync(synthea)) {
    for (const file of readdirSync(synthea)
      .filter((name) => name.endsWith('.json'))
      .sort()) {
      const patient = patientIn(join(synthea, file));
      bundles.push({
        file: `synthea/${file}`,
        label: `${patient.name || file} (Synthea, US data)`,
        group: 'Synthea patients (each file holds the whole record)',
        patientId: patient.id,
      });
    }
  }
  try {
    const index = JSON.parse(readFileSync(join(DATA, 'generated', 'index.json'), 'utf8'));
    for (const patient of index.patients ?? []) {
      if (patient.files?.length !== 1) continue;
      bundles.push({
        file: `generated/${patient.files[0]}`,
        label: `${patient.name} (${patient.case})`,
        group: 'Generated UK patients (organisations are in another file)',
        patientId: patient.id,
      });
    }
  } catch {
    // No generated records yet: the Synthea files are still offered.
  }
  return bundles;
}

const TYPES = { '.js': 'text/javascript', '.map': 'application/json', '.json': 'application/json' };

/**
 * A generated record file for single-Bundle mode, with its dates moved to today as the record
 * server moves them (server/lib/shift-dates.js), so both modes show the same record.
 */
async function sendGenerated(file, res) {
  const days = await daysToShift(file, ukToday());
  const json = JSON.parse(await readFile(file, 'utf8'));
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Cache-Control', 'no-cache');
  res.end(JSON.stringify(days ? shiftDates(json, days) : json));
}

/**
 * Vite plugin: `/config.json` tells the pages where the record server is and which Bundle files
 * there are; `/data/generated/…` serves the generated records dated to today; `/dist/…` serves
 * the built library as it is; `/cdn.html` is sent untouched (no Vite client, no transforms), as a
 * plain intranet web server would send it.
 */
function demoPlugin(getConfig) {
  return {
    name: 'care-record-demo',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
        if (req.method !== 'GET' && req.method !== 'HEAD') return next();
        if (path === '/config.json') {
          res.setHeader('Content-Type', 'application/json');
          res.setHeader('Cache-Control', 'no-store');
          res.end(JSON.stringify(getConfig()));
          return undefined;
        }
        const generated = resolve(DATA, `.${path.slice('/data'.length)}`);
        if (
          path.startsWith('/data/generated/') &&
          generated.startsWith(join(DATA, 'generated') + sep) &&
          extname(generated) === '.json' &&
          existsSync(generated)
        ) {
          sendGenerated(generated, res).catch(next);
          return undefined;
        }
        let file;
        if (path === '/cdn.html') file = join(DEMO, 'cdn.html');
        else if (path.startsWith('/dist/')) {
          file = resolve(DIST, `.${path.slice('/dist'.length)}`);
          if (!file.startsWith(DIST + sep) || !TYPES[extname(file)]) file = undefined;
        }
        if (!file) return next();
        if (!existsSync(file) || !statSync(file).isFile()) {
          res.statusCode = 404;
          res.setHeader('Content-Type', 'text/plain; charset=utf-8');
          res.end(
            path.startsWith('/dist/')
              ? `${path} not found: build the library with npm run build (npm start does this unless --skip-build).\n`
              : 'Not found\n',
          );
          return undefined;
        }
        res.setHeader(
          'Content-Type',
          file.endsWith('.html') ? 'text/html; charset=utf-8' : TYPES[extname(file)],
        );
        res.setHeader('Cache-Control', 'no-cache');
        if (req.method === 'HEAD') return res.end();
        createReadStream(file).pipe(res);
        return undefined;
      });
    },
  };
}

/** Everything started so far, stopped in reverse order. */
const running = [];
let stopping = false;

async function stopAll() {
  await Promise.allSettled(running.reverse().map((close) => close()));
}

function shutdown(signal) {
  if (stopping) {
    // A second Ctrl-C: do not wait any longer.
    process.exit(signal === 'SIGINT' ? 130 : 143);
  }
  stopping = true;
  buildChild?.kill('SIGTERM');
  // Open browser connections must not keep the process alive.
  setTimeout(() => process.exit(0), 3000).unref();
  stopAll().then(() => process.exit(0));
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

async function startRecordServer() {
  const { startServer } = await import('../server/index.js');
  try {
    const server = await startServer({ port: fhirPort, host: HOST, seed: [DATA] });
    running.push(() => server.close());
    return server;
  } catch (err) {
    throw portProblem(err, 'fhir', fhirPort) ?? err;
  }
}

async function startPortal(getConfig) {
  const { createServer } = await import('vite');
  const vite = await createServer({
    configFile: false,
    root: DEMO,
    // Vite's cache under the repository's node_modules, not in demo/.
    cacheDir: join(ROOT, 'node_modules', '.vite', 'demo'),
    appType: 'mpa',
    logLevel: 'warn',
    clearScreen: false,
    server: {
      host: HOST,
      port: portalPort,
      strictPort: true,
      open: false,
      // The portal imports ../src/*.ts.
      fs: { allow: [ROOT] },
      // The seed data is served, not watched: regenerating it must not reload the page.
      watch: { ignored: ['**/data/**'] },
    },
    // Only the portal is pre-bundled: cdn.html loads the built bundle and is not Vite's to scan.
    optimizeDeps: { entries: ['index.html'] },
    plugins: [demoPlugin(getConfig)],
  });
  running.push(() => vite.close());
  try {
    await vite.listen();
  } catch (err) {
    throw portProblem(err, 'portal', portalPort) ?? err;
  }
  const address = vite.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : portalPort;
  return `http://${HOST}:${port}/`;
}

async function main() {
  await checkPortFree('portal', portalPort);
  await checkPortFree('fhir', fhirPort);
  if (portalPort === 0) portalPort = await freePort();
  if (!existsSync(DATA)) throw new StartError(`The demo data folder ${relative(ROOT, DATA)} is missing.`);

  const reason = values['skip-build'] ? undefined : buildReason();
  const bundles = demoBundles();
  let fhirBaseUrl = '';
  const getConfig = () => ({ fhirBaseUrl, bundles });

  // The build, the record server's seeding and Vite's start-up run side by side.
  const [record, portalUrl] = await Promise.all([
    startRecordServer(),
    startPortal(getConfig),
    reason ? build(reason) : undefined,
  ]);
  fhirBaseUrl = record.url;
  if (stopping) return;
  if (values['skip-build'] && !existsSync(CDN_BUNDLE)) {
    process.stdout.write('dist/ is not built, so cdn.html will not work (run npm run build).\n');
  }
  process.stdout.write(
    `Record server: ${record.seeded.resources.toLocaleString('en-GB')} resources from ${record.seeded.files} files, on port ${record.port}\n`,
  );
  process.stdout.write(`Demo portal: ${portalUrl}\n`);
  process.stdout.write('Press Ctrl-C to stop.\n');
}

main().catch(async (err) => {
  if (stopping) return;
  stopping = true;
  buildChild?.kill('SIGTERM');
  await stopAll();
  if (err instanceof StartError) process.stderr.write(`${err.message}\n`);
  else if (err?.name === 'SeedError') process.stderr.write(`${err.message}\n`);
  else process.stderr.write(`Could not start the demo: ${err?.stack ?? err}\n`);
  process.exit(1);
});
