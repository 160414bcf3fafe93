#!/usr/bin/env node
// `npm run demo:smoke`: starts the demo portal (scripts/start.js, as `npm start` does, on free
// ports), drives it in headless Chromium with Playwright and checks what a user would see:
// search finds a patient, the banner shows a name and NHS number, the medication list and the
// encounter timeline show rows, a reload keeps the patient, single-Bundle mode, the whole record in
// tabs and the CDN page work, and the browser console has no errors. Exit code 0 when every check passes.
//
//   node --experimental-websocket scripts/demo-smoke.js [--screenshot /tmp/demo.png] [--skip-build]
//
// Chromium: CHROME_PATH, else Debian's /usr/bin/chromium.

import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath, requireChromium } from './chromium.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const START_TIMEOUT_MS = 240_000;
const STEP_TIMEOUT_MS = 30_000;

const { values } = parseArgs({
  options: {
    screenshot: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    'Usage: node --experimental-websocket scripts/demo-smoke.js [--screenshot <file.png>] [--skip-build]\n',
  );
  process.exit(0);
}

requireChromium();

/** Starts the demo as `npm start` does, on free ports; resolves with the portal URL. */
function startDemo() {
  const args = [
    '--experimental-websocket',
    join(ROOT, 'scripts', 'start.js'),
    '--port',
    '0',
    '--fhir-port',
    '0',
  ];
  if (values['skip-build']) args.push('--skip-build');
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit({ code, signal })),
  );
  const url = new Promise((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the demo did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk) => {
      output += chunk;
      const match = /^Demo portal: (\S+)/m.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited (${signal ?? `code ${code}`}) before it was ready:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    /** SIGTERM, then the exit code (SIGKILL after 10 s). */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      const started = performance.now();
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const result = await exited;
      clearTimeout(kill);
      return { ...result, ms: performance.now() - started };
    },
  };
}

let failures = 0;
/** Runs one check; a failure is reported and counted, and the next checks still run. */
async function check(name, body) {
  try {
    await body();
    process.stdout.write(`ok - ${name}\n`);
  } catch (err) {
    failures += 1;
    process.stdout.write(
      `not ok - ${name}\n  ${String(err?.message ?? err)
        .split('\n')
        .join('\n  ')}\n`,
    );
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const NHS_NUMBER = /^\d{3} \d{3} \d{4}$/;

/** The banner shows a name and a spaced NHS number; the lists show rows. Returns what it saw. */
async function expectRecord(page, { medications = true } = {}) {
  const name = page.locator('care-patient-banner [part="name"]');
  await name.waitFor({ timeout: STEP_TIMEOUT_MS });
  const nameText = (await name.innerText()).trim();
  assert(nameText !== '' && nameText !== 'Not known', `the banner shows no name (got "${nameText}")`);
  const nhs = (await page.locator('care-patient-banner [part="nhs-number"]').innerText()).trim();
  assert(NHS_NUMBER.test(nhs), `the banner's NHS number is not like 943 476 5919 (got "${nhs}")`);
  const encounters = page.locator('care-encounter-timeline [part="item"]');
  await encounters.first().waitFor({ timeout: STEP_TIMEOUT_MS });
  const medicationRows = page.locator('care-medication-list [part="item"]');
  if (medications) await medicationRows.first().waitFor({ timeout: STEP_TIMEOUT_MS });
  return {
    name: nameText,
    nhs,
    encounters: await encounters.count(),
    medications: await medicationRows.count(),
  };
}

const demo = startDemo();
let browser;
try {
  const base = await demo.url;
  process.stdout.write(`# demo started at ${base}\n`);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
  const consoleErrors = [];
  context.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.page()?.url()}: ${message.text()}`);
  });
  context.on('weberror', (error) => consoleErrors.push(`uncaught: ${error.error().message}`));
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);

  let chosen;
  await check('portal: search by name and choose a patient', async () => {
    await page.goto(base);
    await page.getByRole('searchbox', { name: 'Name or NHS number' }).fill('Illingworth');
    await page.keyboard.press('Enter');
    const result = page.locator('#search-results button').first();
    await result.waitFor();
    assert(/999 250 9740/.test(await result.innerText()), 'the search result does not show the NHS number');
    await result.click();
    await page.waitForURL(/\?patient=gen-patient-0001$/);
  });

  await check('portal: banner, medications and encounters render', async () => {
    chosen = await expectRecord(page);
    assert(/^ILLINGWORTH, Megan/.test(chosen.name), `unexpected patient "${chosen.name}"`);
    assert(chosen.nhs === '999 250 9740', `unexpected NHS number ${chosen.nhs}`);
    process.stdout.write(
      `# ${chosen.name}, ${chosen.nhs}: ${chosen.medications} medication rows, ${chosen.encounters} encounter rows\n`,
    );
  });

  await check('portal: the event log shows care-load and care-select', async () => {
    await page.locator('care-encounter-timeline [part="item"]').first().click();
    await page.locator('#log .event-log__item--care-select').first().waitFor();
    assert(
      (await page.locator('#log .event-log__item--care-load').count()) >= 3,
      'fewer than 3 care-load events',
    );
  });

  await check('portal: a letter opens in the document list, sanitised', async () => {
    await page.locator('care-document-list [part="item"]').first().click();
    await page.locator('care-document-list [part="document"]').first().waitFor();
  });

  if (values.screenshot) {
    await page.screenshot({ path: values.screenshot, fullPage: false });
    process.stdout.write(`# screenshot: ${values.screenshot}\n`);
  }

  await check('portal: search by NHS number with spaces', async () => {
    await page.getByRole('searchbox', { name: 'Name or NHS number' }).fill('999 165 4828');
    await page.keyboard.press('Enter');
    await page.locator('#search-results button', { hasText: 'GREEN, Noah' }).waitFor();
  });

  await check('portal: a reload keeps the patient (?patient=)', async () => {
    await page.reload();
    const again = await expectRecord(page);
    assert(again.name === chosen?.name, `after a reload the banner shows "${again.name}"`);
  });

  await check('portal: single-Bundle mode (?bundle=)', async () => {
    await page.getByRole('radio', { name: 'One FHIR Bundle file' }).check();
    const select = page.getByRole('combobox', { name: 'Bundle file' });
    const options = select.locator('option');
    const hallie = options.filter({ hasText: 'Hallie Hoeger' });
    const file = await ((await hallie.count()) > 0 ? hallie : options).first().getAttribute('value');
    await select.selectOption(file);
    await page.getByRole('button', { name: 'Show record' }).click();
    await page.waitForURL(/\?bundle=/);
    assert(
      (await page.locator('care-record').getAttribute('bundle-src')) === `/data/${file}`,
      'bundle-src not set',
    );
    // Synthea patients have no NHS number: check the name and the rows.
    const name = page.locator('care-patient-banner [part="name"]');
    await name.waitFor();
    assert((await name.innerText()).trim() !== '', 'the banner shows no name');
    await page.locator('care-encounter-timeline [part="item"]').first().waitFor();
    await page.locator('care-medication-list [part="toggle"]').waitFor();
    const rows = page.locator('care-medication-list [part="item"]');
    if ((await rows.count()) === 0)
      await page.locator('care-medication-list [part="toggle"] button').last().click();
    await rows.first().waitFor();
  });

  await check(
    'portal: the whole record in tabs (?layout=whole): banner, summary cards, a tab opened',
    async () => {
      await page.goto(`${base}?patient=gen-patient-0001&layout=whole`);
      const name = page.locator('care-shared-record care-patient-banner [part="name"]');
      await name.waitFor();
      assert(
        await page.getByRole('radio', { name: /whole record in tabs/ }).isChecked(),
        'layout not chosen',
      );
      assert(
        /^ILLINGWORTH, Megan/.test((await name.innerText()).trim()),
        'the shared record shows another patient',
      );
      await page.locator('care-record-summary [part="card"]').first().waitFor();
      assert(
        (await page.locator('care-record-summary [part="card"]').count()) === 5,
        'not five summary cards',
      );
      await page.getByRole('tab', { name: /^Results/ }).click();
      await page.locator('care-shared-record care-results [part="item"]').first().waitFor();
      assert(await page.locator('care-record#record').isHidden(), 'the one-page layout is shown too');
    },
  );

  await check('CDN page: the autoloader renders the record by NHS number', async () => {
    const scripts = [];
    const onRequest = (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    };
    page.on('request', onRequest);
    await page.goto(new URL('/cdn.html', base).href);
    const seen = await expectRecord(page);
    page.off('request', onRequest);
    assert(
      scripts.some((path) => path.includes('/fhir-rest-source-')) &&
        !scripts.some((path) => path.includes('/bundle-source-')),
      `an endpoint page loads FhirRestSource and not BundleSource; it loaded ${scripts.join(', ')}`,
    );
    assert(seen.nhs === '999 250 9740', `unexpected NHS number ${seen.nhs}`);
    const viteClient = await page.evaluate(() => Boolean(document.querySelector('script[src*="@vite"]')));
    assert(!viteClient, 'cdn.html was transformed by Vite (it must be served as it is)');
  });

  await check('no errors in the browser console', async () => {
    assert(consoleErrors.length === 0, consoleErrors.join('\n'));
  });
} catch (err) {
  failures += 1;
  process.stdout.write(`not ok - the demo could not be tested\n  ${String(err?.message ?? err)}\n`);
} finally {
  await browser?.close();
  const stopped = await demo.stop();
  await check('Ctrl-C (SIGTERM) stops the demo cleanly', async () => {
    assert(stopped.code === 0, `exit ${stopped.signal ?? `code ${stopped.code}`}\n${demo.output()}`);
    if (stopped.ms !== undefined) assert(stopped.ms < 5000, `took ${Math.round(stopped.ms)} ms to stop`);
  });
}

process.stdout.write(failures === 0 ? '# demo smoke test passed\n' : `# ${failures} check(s) failed\n`);
process.exit(failures === 0 ? 0 : 1);
