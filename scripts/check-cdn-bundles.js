#!/usr/bin/env node
// `npm run check:cdn`: the acceptance check for the CDN build. For each Bundle below, a plain HTML
// page holding only a heading and
//
//   <script type="module" src="dist/cdn/care-record-elements.js"></script>   (the autoloader)
//   <care-record bundle-src="…"><care-patient-banner></care-patient-banner>
//   <care-medication-list></care-medication-list><care-encounter-timeline></care-encounter-timeline></care-record>
//
// is opened in headless Chromium (Playwright), served with dist/cdn and the Bundle by a small
// static server on 127.0.0.1. A page passes when all three elements fire `care-load` and none
// fires `care-error`, the banner shows the Patient's name as CUI writes it (`FAMILY, Given
// (Title)`, computed from the Bundle), the medication list's count equals the Bundle's
// MedicationRequests + MedicationStatements (not entered-in-error), the timeline's care-load
// counts every Encounter (every page streams in), the list's `Current (n)` and `Past (n)` views render n rows each and
// add up to that count, and the browser logged no console errors, page errors or failed requests.
// The autoloader must load the elements' chunks and never FhirRestSource's (a bundle-src page needs
// only the Bundle reader), nor the virtualizer's when every list fits (200 rows or fewer). The first Bundle is also checked with the single file
// (dist/cdn/care-record-elements.all.js). Builds dist/ first when the CDN files are missing.
//
//   node scripts/check-cdn-bundles.js [--screenshots <dir>] [--build] [bundle.json …]
//
// Bundles: test/fixtures/bundles/uk-core-richard-smith-collection.json and demo/data/synthea/*.json
// unless files are given. Chromium: CHROME_PATH, else Debian's /usr/bin/chromium.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath, requireChromium } from './chromium.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CDN_DIR = join(ROOT, 'dist', 'cdn');
const CDN_FILE = join(CDN_DIR, 'care-record-elements.js');
const SINGLE_FILE = join(CDN_DIR, 'care-record-elements.all.js');
const LOAD_TIMEOUT_MS = 60_000;
/** Rows a list shows whole (src/base/record-element.ts): a longer one loads the virtualizer. */
const VIRTUALIZE_AFTER = 200;
/** The timeline's default `page-size`. */
const ELEMENTS = ['care-patient-banner', 'care-medication-list', 'care-encounter-timeline'];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    screenshots: { type: 'string' },
    build: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    'Usage: node scripts/check-cdn-bundles.js [--screenshots <dir>] [--build] [bundle.json …]\n' +
      '  --screenshots <dir>  write <dir>/<bundle>.png (the full page as loaded) for each Bundle, and\n' +
      '                       <dir>/<bundle>.past-medications.png (the Past view) when it has past medicines\n' +
      '  --build              run `npm run build` first even when dist/cdn exists\n',
  );
  process.exit(0);
}

requireChromium();

/** The Bundle files to check, absolute. */
function bundleFiles() {
  if (positionals.length > 0) return positionals.map((file) => resolve(file));
  const synthea = join(ROOT, 'demo', 'data', 'synthea');
  return [
    join(ROOT, 'test', 'fixtures', 'bundles', 'uk-core-richard-smith-collection.json'),
    ...readdirSync(synthea)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(synthea, name)),
  ];
}

/** `npm run build`, its output on stderr; rejects on a non-zero exit. */
function build() {
  process.stderr.write('# npm run build\n');
  return new Promise((resolveBuild, reject) => {
    const child = spawn('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolveBuild()
        : reject(new Error(`npm run build failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

// ---------------------------------------------------------------- what each Bundle should show

const text = (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const strings = (value) => (Array.isArray(value) ? value.map(text).filter(Boolean) : []);

/** The official name, as the elements choose it: current names first, `official`, else usual / none. */
function officialName(names) {
  const all = (Array.isArray(names) ? names : []).filter(
    (n) => n && (text(n.family) || strings(n.given).length > 0 || text(n.text)),
  );
  const today = new Date().toISOString().slice(0, 10);
  const current = all.filter(
    (n) => n.use !== 'old' && !(text(n.period?.end) && n.period.end.slice(0, 10) < today),
  );
  const list = current.length > 0 ? current : all;
  return (
    list.find((n) => n.use === 'official') ??
    list.find((n) => n.use === undefined || n.use === 'usual') ??
    list[0]
  );
}

/** CUI banner form: `SMITH, Richard (Mr)` — family upper case, given names and title as recorded. */
function cuiName(patient) {
  const name = officialName(patient.name);
  if (!name) return 'Not known';
  const family = text(name.family)?.toLocaleUpperCase('en-GB');
  const given = strings(name.given).join(' ');
  const prefix = strings(name.prefix).join(' ');
  if (!family && !given) return text(name.text) ?? 'Not known';
  const core = family && given ? `${family}, ${given}` : (family ?? given);
  return prefix ? `${core} (${prefix})` : core;
}

/** Name, medication count and encounter count the page should show for a Bundle. */
function expectations(file) {
  const bundle = JSON.parse(readFileSync(file, 'utf8'));
  if (bundle?.resourceType !== 'Bundle') throw new Error(`${file} is not a FHIR Bundle`);
  const resources = (bundle.entry ?? []).map((entry) => entry?.resource).filter(Boolean);
  const patients = resources.filter((r) => r.resourceType === 'Patient');
  if (patients.length !== 1) throw new Error(`${file} holds ${patients.length} Patients, not 1`);
  const counted = (types) =>
    resources.filter((r) => types.includes(r.resourceType) && r.status !== 'entered-in-error').length;
  const encounters = counted(['Encounter']);
  return {
    name: cuiName(patients[0]),
    medications: counted(['MedicationRequest', 'MedicationStatement']),
    encounters,
  };
}

// ---------------------------------------------------------------- static server

const escapeHtml = (value) =>
  String(value).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The page under test: a heading and exactly the acceptance check's markup. */
function pageHtml(title, bundleSrc, script) {
  return `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(title)}</title>
    <script type="module" src="${escapeHtml(script)}"></script>
  </head>
  <body>
    <h1>${escapeHtml(title)}</h1>
    <care-record bundle-src="${escapeHtml(bundleSrc)}"><care-patient-banner></care-patient-banner><care-medication-list></care-medication-list><care-encounter-timeline></care-encounter-timeline></care-record>
  </body>
</html>
`;
}

const TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/fhir+json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

/**
 * Serves the n-th page at `/<n>.html`, its Bundle at `/bundles/<n>.json` and dist/cdn at
 * `/dist/cdn/`, so the page's relative `dist/cdn/…` and `bundles/…` resolve as on a real site.
 */
function startServer(files) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
      if (path === '/favicon.ico') return send(204, '');
      let match = /^\/(\d+)\.html$/.exec(path);
      if (match && files[Number(match[1])]) {
        const { title, bundleSrc, script } = files[Number(match[1])];
        return send(200, pageHtml(title, bundleSrc, script), TYPES['.html']);
      }
      match = /^\/bundles\/(\d+)\.json$/.exec(path);
      if (match && files[Number(match[1])]) {
        return send(200, readFileSync(files[Number(match[1])].file), TYPES['.json']);
      }
      if (path.startsWith('/dist/cdn/')) {
        const file = resolve(CDN_DIR, `.${path.slice('/dist/cdn'.length)}`);
        if (file.startsWith(CDN_DIR + sep) && existsSync(file)) {
          return send(200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
        }
      }
      return send(404, 'not found');
    } catch (err) {
      return send(500, String(err?.message ?? err));
    }
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveServer(server));
  });
}

// ---------------------------------------------------------------- the check

/** Records every care-load / care-error from the start, before the elements are defined. */
function recordEvents() {
  const seen = { loads: [], errors: [] };
  window.__careCheck = seen;
  document.addEventListener('care-load', (event) =>
    seen.loads.push({ tag: event.target?.localName, count: event.detail?.count }),
  );
  document.addEventListener('care-error', (event) => {
    const error = event.detail?.error;
    seen.errors.push({
      tag: event.target?.localName,
      kind: error?.kind,
      message: error?.message ?? String(error),
    });
  });
}

/**
 * The medication list's `Current (n)` / `Past (n)` toggle numbers and the rows each view renders
 * (the list is not virtualised). Leaves the list on `Past` when it has past medicines.
 */
async function medicationViews(page) {
  const list = page.locator('care-medication-list');
  const result = {};
  for (const [view, index] of [
    ['current', 0],
    ['past', 1],
  ]) {
    const button = list.locator('[part="toggle"] button').nth(index);
    const label = Number(/\((\d+)\)/.exec(await button.innerText())?.[1] ?? NaN);
    if (label > 0 || view === 'current') {
      await button.click();
      await button.and(page.locator('[aria-pressed="true"]')).waitFor();
      if (label > 0) await list.locator('[part="item"]').first().waitFor();
    }
    result[view] = { label, rows: await list.locator('[part="item"]').count() };
  }
  return result;
}

/**
 * A screenshot of the whole page (or of one element) with every row painted: medication rows use
 * `content-visibility: auto`, which a full-page capture can catch unpainted, so the viewport is
 * first made as tall as the page, and the mouse moved off the rows.
 */
async function screenshot(page, path, element) {
  const viewport = page.viewportSize();
  await page.mouse.move(0, 0);
  for (let tries = 0; tries < 5; tries += 1) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    if (height === page.viewportSize().height) break;
    await page.setViewportSize({ width: viewport.width, height });
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
  }
  await (element ? element.screenshot({ path }) : page.screenshot({ path, fullPage: true }));
  await page.setViewportSize(viewport);
}

/** A path relative to the working directory when it is inside it, else absolute. */
function displayPath(path) {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Opens one page; returns a summary line, or throws with every problem found. */
async function checkPage(context, base, index, target, expected) {
  const problems = [];
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  const scripts = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.addInitScript(recordEvents);
  try {
    await page.goto(new URL(`/${index}.html`, base).href);
    const handle = await page
      .waitForFunction(
        (tags) => {
          const seen = window.__careCheck;
          if (!seen) return false;
          if (seen.errors.length > 0) return seen;
          return tags.every((tag) => seen.loads.some((load) => load.tag === tag)) ? seen : false;
        },
        ELEMENTS,
        { timeout: LOAD_TIMEOUT_MS },
      )
      .catch(async () => {
        const seen = await page.evaluate(() => window.__careCheck);
        const loaded = new Set(seen?.loads.map((load) => load.tag));
        throw new Error(
          `no care-load within ${LOAD_TIMEOUT_MS / 1000} s from ${ELEMENTS.filter((tag) => !loaded.has(tag)).join(', ')}`,
        );
      });
    const seen = await handle.jsonValue();
    for (const error of seen.errors)
      problems.push(`care-error from <${error.tag}> (${error.kind}): ${error.message}`);
    const countOf = (tag) => seen.loads.find((load) => load.tag === tag)?.count;

    if (seen.errors.length === 0) {
      // Collapse white space; an unknown name carries a visually hidden "Name" label.
      const name = (await page.locator('care-patient-banner [part="name"]').innerText())
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^Name (?=Not known$)/, '');
      if (name !== expected.name) problems.push(`banner name is "${name}", expected "${expected.name}"`);
      const medications = countOf('care-medication-list');
      if (medications !== expected.medications) {
        problems.push(`medication list care-load count ${medications}, expected ${expected.medications}`);
      }
      const encounters = countOf('care-encounter-timeline');
      if (expected.encounters > 0 && !(encounters > 0)) {
        problems.push(
          `timeline care-load count ${encounters}, but the Bundle has ${expected.encounters} Encounters`,
        );
      } else if (encounters !== expected.encounters) {
        problems.push(
          `timeline care-load count ${encounters}, expected all ${expected.encounters} Encounters`,
        );
      }
      // Let late rendering errors reach the console before judging it.
      await page.waitForTimeout(500);
    }

    const shot = `${basename(target.file, '.json')}${target.script.endsWith('.all.js') ? '.all' : ''}`;
    const shots = values.screenshots ? join(resolve(values.screenshots), shot) : '';
    if (shots) {
      await screenshot(page, `${shots}.png`);
      target.screenshots = [`${shots}.png`];
    }
    if (seen.errors.length === 0) {
      const rendered = await medicationViews(page);
      for (const [view, { label, rows }] of Object.entries(rendered)) {
        if (label !== rows)
          problems.push(`medication list: toggle says ${view} (${label}) but ${rows} rows render`);
      }
      const total = rendered.current.label + rendered.past.label;
      if (total !== expected.medications) {
        problems.push(`medication list: Current + Past = ${total}, expected ${expected.medications}`);
      }
      if (shots && rendered.past.label > 0) {
        await screenshot(page, `${shots}.past-medications.png`, page.locator('care-medication-list'));
        target.screenshots.push(`${shots}.past-medications.png`);
      }
    }
    if (target.script.endsWith('/care-record-elements.js')) {
      const chunks = scripts.filter((path) => path.startsWith('/dist/cdn/chunks/'));
      if (chunks.length === 0) problems.push('the autoloader loaded no chunk');
      if (chunks.some((path) => path.includes('/fhir-rest-source-'))) {
        problems.push('a bundle-src page downloaded the FhirRestSource chunk');
      }
      const longest = Math.max(countOf('care-medication-list'), countOf('care-encounter-timeline'));
      if (longest <= VIRTUALIZE_AFTER && chunks.some((path) => path.includes('/virtualizer-'))) {
        problems.push(`lists of ${longest} rows or fewer downloaded the virtualizer chunk`);
      }
    }
    if (problems.length > 0) throw new Error(problems.join('\n'), { cause: problems });
    return `"${expected.name}", ${countOf('care-medication-list')} medications, ${countOf('care-encounter-timeline')} of ${expected.encounters} encounters`;
  } catch (err) {
    // Anything but the list of problems itself (a timeout, a Playwright error) goes first.
    if (err?.cause !== problems) problems.unshift(String(err?.message ?? err));
    throw new Error(problems.join('\n'));
  } finally {
    await page.close();
  }
}

const targets = [
  ...bundleFiles().map((file) => ({ file, script: 'dist/cdn/care-record-elements.js' })),
  ...bundleFiles()
    .slice(0, 1)
    .map((file) => ({ file, script: 'dist/cdn/care-record-elements.all.js' })),
].map((target, index) => ({
  ...target,
  title: `Care record: ${basename(target.file, '.json')} (${basename(target.script)})`,
  bundleSrc: `bundles/${index}.json`,
}));

let passed = 0;
let failed = 0;
let server;
let browser;
try {
  if (values.build || !existsSync(CDN_FILE) || !existsSync(SINGLE_FILE)) await build();
  for (const file of [CDN_FILE, SINGLE_FILE])
    assert(existsSync(file), `${relative(ROOT, file)} is missing after the build`);
  if (values.screenshots) mkdirSync(resolve(values.screenshots), { recursive: true });
  server = await startServer(targets);
  const base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  for (const [index, target] of targets.entries()) {
    const label = `${displayPath(target.file)} (${basename(target.script)})`;
    const started = performance.now();
    try {
      const expected = expectations(target.file);
      const summary = await checkPage(context, base, index, target, expected);
      passed += 1;
      const ms = Math.round(performance.now() - started);
      process.stdout.write(`ok - ${label}: ${summary} (${ms} ms)\n`);
    } catch (err) {
      failed += 1;
      process.stdout.write(
        `not ok - ${label}\n  ${String(err?.message ?? err)
          .split('\n')
          .join('\n  ')}\n`,
      );
    }
    for (const shot of target.screenshots ?? [])
      process.stdout.write(`  # screenshot: ${displayPath(shot)}\n`);
  }
} catch (err) {
  failed += 1;
  process.stdout.write(`not ok - the check could not run\n  ${String(err?.message ?? err)}\n`);
} finally {
  await browser?.close();
  server?.close();
}

process.stdout.write(`check:cdn: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
