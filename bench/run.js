// Performance bench: the built elements in headless Chromium (playwright + Debian's Chromium).
//
//   npm run bench                        5 measured runs per scenario after 1 warm-up
//   npm run bench -- --runs 9 --warmup 2
//   npm run bench -- --data synthetic    generated record instead of demo/data (the default when present)
//   npm run bench -- --strict            exit 1 when a goal is missed
//   npm run bench -- --build             rebuild dist/ first (also done when dist/ is missing)
//
// A tiny node:http server serves the checkout read-only; bench/page.html loads the production CDN
// bundle (dist/cdn/care-record-elements.js). Every run gets a fresh browser context and page.
// Writes bench/results/bench.json and prints it, then a PASS/FAIL line per goal.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.js';
import { format, resolveConfig } from 'prettier';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(root, 'bench/results/bench.json');
const cdnFile = join(root, 'dist/cdn/care-record-elements.js');
const demoIndex = join(root, 'demo/data/generated/index.json');

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    data: { type: 'string', default: existsSync(demoIndex) ? 'demo' : 'synthetic' },
    strict: { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number(args.runs) || 5);
const warmup = Math.max(0, Number(args.warmup) || 0);
if (args.data !== 'demo' && args.data !== 'synthetic') {
  console.error('bench: --data is demo or synthetic');
  process.exit(2);
}
if (args.data === 'demo' && !existsSync(demoIndex)) {
  console.error('bench: demo/data/generated is not in this checkout; use --data synthetic');
  process.exit(2);
}

const VIEWPORT = { width: 1280, height: 800 };

// ---------------------------------------------------------------------------------------------
// Build and serve

if (args.build || !existsSync(cdnFile)) {
  console.log(args.build ? 'Building (--build)…' : 'dist/ is missing: running npm run build…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('bench: npm run build failed');
    process.exit(1);
  }
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};
/** What the page may load: the bench page, the built bundle and the demo records. */
const SERVED = ['bench', 'dist', join('demo', 'data')].map((dir) => join(root, dir) + sep);

/** Serves files under SERVED, GET only; anything else is a 404. */
function startServer() {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = resolve(root, `.${path}`);
    const allowed = request.method === 'GET' && SERVED.some((dir) => file.startsWith(dir));
    if (!allowed || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolveServer) => {
    server.listen(0, '127.0.0.1', () => resolveServer(server));
  });
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** Median, min and max of a list of numbers (and the runs themselves). */
function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const r = (n) => Math.round(n * 10) / 10;
  return { median: r(median), min: r(sorted[0]), max: r(sorted[sorted.length - 1]), runs: values.map(r) };
}

/** JS heap in use after a full GC, in MB, from the DevTools protocol. */
async function heapUsedMB(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  return used / 1024 / 1024;
}

/**
 * One run of a scenario in a fresh context: load the page, build the data, take the heap, run the
 * scenario, take the heap again (and for the timeline, scroll to the end afterwards).
 */
async function runOnce(browser, base, scenario) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  try {
    await page.goto(`${base}/bench/page.html`);
    await page.waitForFunction(() => window.bench?.ready === true);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const prepared = await page.evaluate(
      ([name, data]) => window.bench.prepare(name, { data }),
      [scenario, args.data],
    );
    const before = await heapUsedMB(cdp);
    const result = await page.evaluate((name) => window.bench.run(name), scenario);
    if (scenario !== 'dataLayer') {
      const after = await heapUsedMB(cdp);
      result.heapUsedMB = Math.round(after * 10) / 10;
      result.heapDeltaMB = Math.round((after - before) * 10) / 10;
    }
    if (scenario === 'timeline')
      Object.assign(result, await page.evaluate(() => window.bench.run('timelineScroll')));
    if (problems.length > 0) throw new Error(problems.join('\n'));
    return { prepared, result };
  } finally {
    await context.close();
  }
}

const SCENARIOS = {
  timeline: 'care-encounter-timeline, every encounter of the record in one load (page-size >= 5,000)',
  medications: 'care-medication-list, every MedicationRequest and MedicationStatement of the record',
  banner: 'care-patient-banner, from a Bundle of the patient, allergies and organisations',
  dataLayer: 'BundleSource over a 10,000-entry Bundle; FhirRestSource with 100 concurrent reads of one URL',
};

/** What each result field means, for the JSON's readers. */
const UNITS = {
  loadMs: 'ms from append to care-load',
  visibleMs: 'ms from append to the first frame painted with the content in the DOM',
  heapUsedMB: 'page JS heap after a forced GC, element loaded (the Bundle included)',
  heapDeltaMB: 'heap growth across mounting and loading the element (the Bundle was already in the heap)',
  scrollToEndMs:
    'ms from the top to the oldest encounter painted on screen, jumping the page scroll to its end',
  pastViewMs: 'ms from a click on the Past toggle to the Past view painted',
  filterMs: 'ms from an input event in the filter box (Past view) to the filtered list painted',
  clearFilterMs: 'ms from emptying the filter box to every Past row painted again',
};

async function main() {
  const loadBefore = loadavg().map((n) => Math.round(n * 100) / 100);
  const server = await startServer();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
  });
  const chromiumVersion = browser.version();
  const scenarios = {};
  try {
    for (const [name, description] of Object.entries(SCENARIOS)) {
      const results = [];
      let prepared = {};
      for (let i = 0; i < warmup + runs; i += 1) {
        const one = await runOnce(browser, base, name);
        prepared = one.prepared;
        if (i >= warmup) results.push(one.result);
        process.stderr.write(
          `${name} ${i < warmup ? 'warm-up' : `run ${i - warmup + 1}/${runs}`}: ${JSON.stringify(one.result)}\n`,
        );
      }
      const metrics = {};
      for (const key of Object.keys(results[0])) {
        const values = results.map((r) => r[key]);
        metrics[key] = values.every((v) => typeof v === 'number') ? stats(values) : values[0];
      }
      scenarios[name] = { description, ...prepared, metrics };
    }
  } finally {
    await browser.close();
    server.close();
  }

  const { timeline, medications, banner, dataLayer } = scenarios;
  const goal = (id, description, value, target, unit, pass) => ({
    id,
    description,
    value,
    target,
    unit,
    pass,
  });
  const goals = [
    goal(
      'timeline-5000-load-render',
      'care-encounter-timeline with 5,000 encounters: load + render (visibleMs), median',
      timeline.metrics.visibleMs.median,
      1500,
      'ms <',
      timeline.metrics.visibleMs.median < 1500,
    ),
    goal(
      'timeline-5000-dom-entries',
      'care-encounter-timeline with 5,000 encounters: entry elements in the DOM (max over runs)',
      timeline.metrics.domEntries.max,
      200,
      'entries <',
      timeline.metrics.domEntries.max < 200,
    ),
    goal(
      'medications-500-load',
      'care-medication-list with 500 medications: load + render (visibleMs), median',
      medications.metrics.visibleMs.median,
      500,
      'ms <',
      medications.metrics.visibleMs.median < 500,
    ),
    goal(
      'banner-load',
      'care-patient-banner: load + render (visibleMs), median',
      banner.metrics.visibleMs.median,
      100,
      'ms <',
      banner.metrics.visibleMs.median < 100,
    ),
    goal(
      'rest-dedupe',
      'FhirRestSource: 100 concurrent reads of one URL make one request',
      dataLayer.metrics.dedupeRequests.max,
      1,
      'requests =',
      dataLayer.metrics.dedupeRequests.max === 1,
    ),
  ];

  const report = {
    environment: {
      date: new Date().toISOString(),
      node: process.version,
      chromium: chromiumVersion,
      chromiumPath,
      playwright: JSON.parse(readFileSync(join(root, 'node_modules/playwright/package.json'), 'utf8'))
        .version,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGB: Math.round(totalmem() / 1024 ** 3),
      // 1, 5 and 15 minute load averages before and after: above the CPU count, other work shared the machine.
      loadAverage: { before: loadBefore, after: loadavg().map((n) => Math.round(n * 100) / 100) },
      headless: true,
      viewport: VIEWPORT,
      bundle: relative(root, cdnFile),
      data: args.data,
      runs,
      warmup,
    },
    units: UNITS,
    scenarios,
    goals,
    pass: goals.every((g) => g.pass),
  };

  mkdirSync(dirname(outFile), { recursive: true });
  const config = (await resolveConfig(outFile)) ?? {};
  const json = await format(JSON.stringify(report), { ...config, parser: 'json' });
  writeFileSync(outFile, json);
  console.log(json);
  console.log(`Wrote ${relative(root, outFile)} (${runs} runs, median [min–max])`);
  const m = (s) => `${s.median} [${s.min}–${s.max}]`;
  console.log(
    [
      `timeline 5,000: care-load ${m(timeline.metrics.loadMs)} ms, visible ${m(timeline.metrics.visibleMs)} ms, ` +
        `${m(timeline.metrics.domEntries)} entries in the DOM, heap ${m(timeline.metrics.heapUsedMB)} MB, ` +
        `scroll to end ${m(timeline.metrics.scrollToEndMs)} ms`,
      `medications ${medications.medications}: care-load ${m(medications.metrics.loadMs)} ms, visible ${m(medications.metrics.visibleMs)} ms, ` +
        `Past view ${m(medications.metrics.pastViewMs)} ms, filter ${m(medications.metrics.filterMs)} ms, ` +
        `clear ${m(medications.metrics.clearFilterMs)} ms`,
      `banner: care-load ${m(banner.metrics.loadMs)} ms, visible ${m(banner.metrics.visibleMs)} ms`,
      `data layer: index 10,000 ${m(dataLayer.metrics.indexMs)} ms, Encounter page search ${m(dataLayer.metrics.searchEncounterPageMs)} ms, ` +
        `dedupe ${dataLayer.metrics.dedupeRequests.max} request(s) for 100 reads`,
    ].join('\n'),
  );
  for (const g of goals)
    console.log(`${g.pass ? 'PASS' : 'FAIL'}  ${g.description}: ${g.value} (goal ${g.unit} ${g.target})`);
  const failed = goals.filter((g) => !g.pass).length;
  console.log(
    failed ? `bench: ${failed} of ${goals.length} goals missed` : `bench: all ${goals.length} goals met`,
  );
  if (args.strict && failed) process.exit(1);
}

await main();
