#!/usr/bin/env node
// `npm run check:examples`: each framework example's production build (examples/<name>/dist, made
// by `npm run build` there) opened in headless Chromium against the embedded record server, as a
// user would: the banner shows the patient of the NHS number the example opens, the timeline
// shows encounters, a click on one makes the app say which resource it got through `care-select`,
// and the browser logs no error.
//
//   node scripts/check-examples.js [example …]   (default: every examples/<name> with a dist/)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { spawnServer } from '../server/spawn.js';
import { chromiumArgs, chromiumPath, requireChromium } from './chromium.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const EXAMPLES = join(ROOT, 'examples');
const TIMEOUT_MS = 60_000;
/** The demo patient the examples open by default: Dr Megan Mabel Illingworth. */
const NAME = 'ILLINGWORTH, Megan Mabel (Dr)';
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

requireChromium();

const names = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(EXAMPLES).filter((name) => existsSync(join(EXAMPLES, name, 'dist', 'index.html')));

/** A static server for one example's dist/ on 127.0.0.1, as an intranet web server would serve it. */
function serve(dir) {
  const server = createServer((req, res) => {
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    let file = resolve(dir, `.${decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)}`);
    if (file === resolve(dir) || (existsSync(file) && statSync(file).isDirectory()))
      file = join(file, 'index.html');
    if (!file.startsWith(dir + sep) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

async function check(browser, name, endpoint) {
  const server = await serve(join(EXAMPLES, name, 'dist'));
  const page = await browser.newPage({ locale: 'en-GB' });
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  try {
    const url = `http://127.0.0.1:${server.address().port}/?endpoint=${encodeURIComponent(endpoint)}`;
    await page.goto(url);
    const banner = page.locator('care-patient-banner [part="name"]');
    await banner.waitFor({ timeout: TIMEOUT_MS });
    const name = (await banner.innerText()).replace(/\s+/g, ' ').trim();
    if (name !== NAME) problems.push(`the banner shows "${name}", not "${NAME}"`);
    const encounter = page.locator('care-encounter-timeline [part="item"]').first();
    await encounter.waitFor({ timeout: TIMEOUT_MS });
    await encounter.click();
    const selected = page.locator('#selected');
    await selected.filter({ hasText: /^\s*Selected: Encounter\// }).waitFor({ timeout: TIMEOUT_MS });
    if (problems.length > 0) throw new Error(problems.join('\n'));
    return `${name}; care-select: ${(await selected.innerText()).trim()}`;
  } catch (error) {
    throw new Error([...problems, String(error?.message ?? error)].join('\n'));
  } finally {
    await page.close();
    server.close();
  }
}

let passed = 0;
let failed = 0;
const record = await spawnServer({ args: ['--seed', join(ROOT, 'demo', 'data')] });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  for (const name of names) {
    try {
      process.stdout.write(`ok - examples/${name}: ${await check(browser, name, record.url)}\n`);
      passed += 1;
    } catch (error) {
      process.stdout.write(`not ok - examples/${name}\n  ${error.message.split('\n').join('\n  ')}\n`);
      failed += 1;
    }
  }
} finally {
  await browser.close();
  await record.close();
}
if (names.length === 0) {
  process.stdout.write('not ok - no example is built (run npm run build in examples/<name>)\n');
  failed += 1;
}
process.stdout.write(`check:examples: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
