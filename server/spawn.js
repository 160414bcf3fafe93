// Starts the record server CLI as a child process and resolves with its URL (read from the last
// start-up line). For test runners that run in a Node without --experimental-websocket, such as
// a web-test-runner config:
//
//   import { spawnServer } from './server/spawn.js';
//   const server = await spawnServer({ args: ['--seed', 'demo/data', '--stats'] });
//   // server.url === 'http://127.0.0.1:<port>/fhir'; later: await server.close();
//
// This module does not import medplum, so any Node can load it.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('./cli.js', import.meta.url));
const READY = /^FHIR server listening on (\S+)\s*$/m;

/**
 * @typedef {object} SpawnedServer
 * @property {string} url FHIR base URL
 * @property {import('node:child_process').ChildProcess} child
 * @property {() => string} output everything the server printed so far (stdout and stderr)
 * @property {() => Promise<void>} close sends SIGTERM and waits for the process to end
 */

/**
 * @param {object} [options]
 * @param {string[]} [options.args] CLI arguments; `--port 0` is added unless `--port` is given
 * @param {string} [options.cwd]
 * @param {NodeJS.ProcessEnv} [options.env]
 * @param {number} [options.timeoutMs] how long to wait for the URL (default 60 s)
 * @param {boolean} [options.inheritOutput] also echo the server's output to this process
 * @returns {Promise<SpawnedServer>}
 */
export function spawnServer({ args = [], cwd, env, timeoutMs = 60_000, inheritOutput = false } = {}) {
  const fullArgs = args.includes('--port') ? args : ['--port', '0', ...args];
  const child = spawn(process.execPath, ['--experimental-websocket', CLI, ...fullArgs], {
    cwd,
    env: env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    out += chunk;
    if (inheritOutput) process.stdout.write(chunk);
  });
  child.stderr.on('data', (chunk) => {
    out += chunk;
    if (inheritOutput) process.stderr.write(chunk);
  });

  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      close().finally(() => reject(new Error(`record server did not start within ${timeoutMs} ms:\n${out}`)));
    }, timeoutMs);
    const onData = () => {
      const match = READY.exec(out);
      if (!match) return;
      cleanup();
      resolve({ url: match[1], child, output: () => out, close });
    };
    const onExit = (/** @type {number | null} */ code) => {
      cleanup();
      reject(
        Object.assign(new Error(`record server exited with code ${code}:\n${out}`), {
          exitCode: code,
          output: out,
        }),
      );
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}
