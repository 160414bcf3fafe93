// `npm run test:hapi`: the integration suite against HAPI FHIR. Builds the server (Maven), starts
// it, waits for GET /metadata, seeds the demo records, runs web-test-runner with
// web-test-runner.hapi.config.js (arguments after `--` go to it, e.g. `-- --port 8301`) and stops
// the server. With HAPI_URL set, uses that running (already seeded) server instead; HAPI_PORT
// picks the port of the one it starts.
//
// Exit codes: web-test-runner's; 3 when HAPI FHIR cannot be had on this machine (no Java or Maven,
// or Maven Central out of reach), after saying so loudly: the suite did not run.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { requireChromium } from '../../scripts/chromium.js';
import { buildHapi, HapiUnavailable, seedHapi, startHapi } from './hapi.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const log = (line) => process.stderr.write(`${line}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  requireChromium();
  let url = process.env.HAPI_URL;
  let hapi;
  if (url) {
    log(`hapi: using the running server at ${url}`);
  } else {
    const build = buildHapi({ log });
    if (build.built) log(`hapi: built in ${seconds(build.ms)}`);
    hapi = await startHapi({ port: process.env.HAPI_PORT ? Number(process.env.HAPI_PORT) : undefined });
    url = hapi.url;
    log(`hapi: HAPI FHIR ${hapi.version} answered ${url}/metadata after ${seconds(hapi.startupMs)}`);
    const seeded = await seedHapi(url, undefined, { log });
    log(`hapi: seeded ${seeded.resources} resources from ${seeded.files} files in ${seconds(seeded.ms)}`);
  }
  const stop = () => hapi?.close();
  process.once('SIGINT', () => stop()?.then(() => process.exit(130)));
  process.once('SIGTERM', () => stop()?.then(() => process.exit(143)));
  try {
    const wtr = spawn(
      process.execPath,
      [
        fileURLToPath(new URL('../../node_modules/@web/test-runner/dist/bin.js', import.meta.url)),
        '--config',
        'web-test-runner.hapi.config.js',
        ...process.argv.slice(2),
      ],
      { cwd: ROOT, stdio: 'inherit', env: { ...process.env, HAPI_URL: url } },
    );
    return await new Promise((resolve) => wtr.once('exit', (code) => resolve(code ?? 1)));
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof HapiUnavailable) {
      const line = '!'.repeat(100);
      log(`${line}\n!!! HAPI FHIR conformance suite NOT RUN: ${error.message}\n${line}`);
      process.exit(3);
    }
    log(error.stack ?? String(error));
    process.exit(1);
  },
);
