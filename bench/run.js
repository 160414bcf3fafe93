// Performance bench (issue 9): the built elements beside a vanilla-DOM page, in one run, in
// headless Chromium (playwright + Debian's Chromium). See bench/README.md.
//
//   npm run bench                          3 measured runs (+ 1 warm-up of the small record)
//   npm run bench -- --runs 5 --warmup 2
//   npm run bench -- --strict              exit 1 when a target is missed
//   npm run bench -- --build               rebuild dist/ first (also done when dist/ is missing)
//   npm run bench -- --large 2000          a smaller large record (quicker, not the issue's N)
//
// Per run: for each record size (N = --small, --large) and data source (the record server over
// HTTP, one Bundle by bundle-src), the elements page (bench/page.html: the production CDN bundle,
// <care-record> with the banner, the medication list and the timeline), then the vanilla page
// (bench/vanilla.html) making the requests the elements made and writing the same rows with
// createElement, each in a fresh browser context. At the large size the elements page also
// changes the patient (server) and both pages scroll their timeline through 5,000 encounters
// (Bundle). Writes bench/results/bench.json and prints a summary with ratios to the vanilla page
// and PASS/FAIL per target (never an assertion unless --strict).
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { format, resolveConfig } from 'prettier';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.js';
import { spawnServer } from '../server/spawn.js';
import { patientRecord, writeRecords } from './records.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(root, 'bench/results/bench.json');
const cdnFile = join(root, 'dist/cdn/care-record-elements.all.js');

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    small: { type: 'string', default: '100' },
    large: { type: 'string', default: '10000' },
    'scroll-encounters': { type: 'string', default: '5000' },
    'scroll-step': { type: 'string', default: '1000' },
    'idle-ms': { type: 'string', default: '5000' },
    'cap-ms': { type: 'string', default: '90000' },
    budget: { type: 'string', default: '300' },
    strict: { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
  },
});
const whole = (value, min, name) => {
  const n = Math.trunc(Number(value));
  if (!(n >= min)) {
    console.error(`bench: --${name} must be a whole number of at least ${min}`);
    process.exit(2);
  }
  return n;
};
const runs = whole(args.runs, 1, 'runs');
const warmup = whole(args.warmup, 0, 'warmup');
const SMALL = whole(args.small, 1, 'small');
const LARGE = whole(args.large, 1, 'large');
const SCROLL_TARGET = Math.min(whole(args['scroll-encounters'], 1, 'scroll-encounters'), LARGE);
const SCROLL_STEP = whole(args['scroll-step'], 1, 'scroll-step');
const IDLE_MS = whole(args['idle-ms'], 100, 'idle-ms');
const CAP_MS = whole(args['cap-ms'], 1000, 'cap-ms');
const BUDGET_MS = whole(args.budget, 0, 'budget') * 1000;

const VIEWPORT = { width: 1280, height: 800 };
/** How long one timeline scroll may take before it stops where it got to. */
const SCROLL_CAP_MS = 20_000;

// ---------------------------------------------------------------------------------------------
// Build, records, servers

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

/**
 * Serves `bench/` and `dist/` from the checkout and `/records/` from the generated Bundles; GET
 * only, anything else is a 404.
 * @param {string} recordsDir
 */
function startStaticServer(recordsDir) {
  const served = ['bench', 'dist'].map((dir) => join(root, dir) + sep);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = path.startsWith('/records/')
      ? resolve(recordsDir, `.${path.slice('/records'.length)}`)
      : resolve(root, `.${path}`);
    const allowed =
      request.method === 'GET' && [...served, recordsDir + sep].some((dir) => file.startsWith(dir));
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
  return new Promise((resolveServer) => server.listen(0, '127.0.0.1', () => resolveServer(server)));
}

/** The patients: one small record, and two large ones (the second for the change of patient). */
const PATIENTS = {
  small: patientRecord({ codename: 'CHARLIE', n: SMALL, nhsPrefix: 999300001 }),
  large: patientRecord({ codename: 'ALPHA', n: LARGE, nhsPrefix: 999100001 }),
  second: patientRecord({ codename: 'BRAVO', n: LARGE, nhsPrefix: 999200001 }),
};

// ---------------------------------------------------------------------------------------------
// Measuring

const r1 = (n) => Math.round(n * 10) / 10;
const r2 = (n) => Math.round(n * 100) / 100;

/** Median, min and max of the numbers among `values` (null when there are none). */
function stats(values) {
  const numbers = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (numbers.length === 0) return null;
  const sorted = [...numbers].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median: r1(median), min: r1(sorted[0]), max: r1(sorted.at(-1)), runs: values };
}

/**
 * Memory after two full GCs, from the DevTools protocol: the JS heap (`Performance.getMetrics`
 * JSHeapUsedSize), the embedder heap where Blink keeps the DOM, styles and layout
 * (`Runtime.getHeapUsage` embedderHeapUsedSize), their sum, and the renderer's DOM node count.
 */
async function memory(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const usage = await cdp.send('Runtime.getHeapUsage');
  const mb = (bytes) => r2(bytes / 1024 / 1024);
  const js = metric('JSHeapUsedSize');
  const dom = usage.embedderHeapUsedSize ?? NaN;
  return { heapMB: mb(js), domHeapMB: mb(dom), memoryMB: mb(js + dom), domNodes: metric('Nodes') };
}

/** URLs asked for more than once in `urls`. */
function duplicates(urls) {
  const seen = new Map();
  for (const url of urls) seen.set(url, (seen.get(url) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([url, n]) => ({ url, times: n }));
}

/**
 * What the vanilla page asks for: the elements' reads (the Patient first) and each search's first
 * URL, with the `_count` the elements asked for on its later pages, read from their request log.
 * @param {string[]} urls the elements' requests to the FHIR base, in order
 * @param {string} base
 * @param {string} patientId
 */
function planFrom(urls, base, patientId) {
  const reads = [];
  const searches = [];
  const keyOf = (url) => {
    const u = new URL(url);
    const params = [...u.searchParams].filter(([k]) => k !== '_count' && k !== '_offset');
    return `${u.pathname}?${new URLSearchParams(params)}`;
  };
  for (const url of urls) {
    if (!url.startsWith(`${base}/`)) continue;
    const u = new URL(url);
    if (u.search === '') {
      if (!reads.includes(url)) reads.push(url);
    } else if (!u.searchParams.has('_offset') && !searches.some((s) => s.url === url)) {
      searches.push({ url });
    }
  }
  for (const search of searches) {
    const later = urls.find((url) => url.includes('_offset=') && keyOf(url) === keyOf(search.url));
    const count = later && new URL(later).searchParams.get('_count');
    if (count) search.nextCount = Number(count);
  }
  const patientRead = `${base}/Patient/${patientId}`;
  const note = reads.includes(patientRead) ? undefined : 'the elements made no Patient read: added one';
  const ordered = [patientRead, ...reads.filter((url) => url !== patientRead)];
  return { reads: ordered, searches, ...(note ? { note } : {}) };
}

/**
 * One page in a fresh context: goes to `path`, runs `body(page, cdp, log)`; `log` holds every
 * request to the record (FHIR server or Bundle) in order. Uncaught errors and console errors in
 * the page are kept in the result (`pageProblems`).
 */
async function inPage(browser, base, path, body) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const problems = [];
  const log = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('request', (request) => {
    const url = request.url();
    if (url.includes('/fhir/') || url.includes('/records/')) log.push(url);
  });
  try {
    await page.goto(`${base}${path}`);
    await page.waitForFunction(() => window.bench?.ready === true);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const result = await body(page, cdp, log);
    if (problems.length > 0) result.result.pageProblems = problems.slice(0, 10);
    return result;
  } finally {
    await context.close();
  }
}

/** The record server's request counts since its last reset. */
async function serverStats(server) {
  const response = await fetch(`${server.url}/$stats`);
  return response.json();
}
const resetStats = (server) => fetch(`${server.url}/$reset-stats`, { method: 'POST' });

/**
 * The elements page for one case: mount (first rows, whole record, long tasks), memory and DOM,
 * requests; at the large size, scroll the timeline and change the patient.
 */
async function elementsRun(browser, base, c) {
  return inPage(browser, base, '/bench/page.html', async (page, cdp, log) => {
    if (c.server) await resetStats(c.server);
    const mount = await page.evaluate((options) => window.bench.mount(options), {
      ...(c.server ? { endpoint: c.server.url } : { bundleSrc: c.bundleSrc }),
      patient: c.patient.id,
      codename: c.patient.codename,
      expected: { medications: c.patient.medications, encounters: c.patient.encounters },
      idleMs: IDLE_MS,
      capMs: CAP_MS,
    });
    const requested = [...log];
    const stats = c.server ? await serverStats(c.server) : undefined;
    const mem = await memory(cdp);
    const dom = await page.evaluate(() => window.bench.dom());
    const result = {
      ...mount,
      ...mem,
      ...dom,
      requests: requested.length,
      duplicateRequests: duplicates(requested),
      ...(stats
        ? {
            serverRequests: stats.total,
            serverDuplicates: Object.entries(stats.requests)
              .filter(([, n]) => n > 1)
              .map(([request, n]) => ({ request, times: n })),
          }
        : {}),
    };
    if (c.scroll) {
      result.scroll = await page.evaluate((options) => window.bench.scroll(options), {
        target: SCROLL_TARGET,
        step: SCROLL_STEP,
        capMs: SCROLL_CAP_MS,
      });
    }
    if (c.change) {
      const before = log.length;
      result.change = await page.evaluate((options) => window.bench.change(options), {
        patient: c.change.id,
        codename: c.change.codename,
        oldCodename: c.patient.codename,
        capMs: CAP_MS,
      });
      const changed = log.slice(before);
      result.change.requests = changed.length;
      // Asked for again after the change (the same URL as during the first load, or twice since).
      result.change.repeatedRequests = duplicates([...new Set(requested), ...changed]).map((d) => d.url);
    }
    return { result, requested };
  });
}

/** The vanilla page for one case, making the requests in `plan` (server) or reading the Bundle. */
async function vanillaRun(browser, base, c, plan) {
  return inPage(browser, base, '/bench/vanilla.html', async (page, cdp, log) => {
    const load = await page.evaluate((options) => window.bench.load(options), {
      ...(c.server ? { plan } : { bundleSrc: c.bundleSrc }),
      patient: c.patient.id,
      codename: c.patient.codename,
      capMs: CAP_MS * 2,
    });
    const requested = [...log];
    const mem = await memory(cdp);
    const dom = await page.evaluate(() => window.bench.dom());
    const result = {
      ...load,
      ...mem,
      ...dom,
      requests: requested.length,
      duplicateRequests: duplicates(requested),
    };
    if (c.scroll) {
      result.scroll = await page.evaluate((options) => window.bench.scroll(options), {
        target: SCROLL_TARGET,
        step: SCROLL_STEP,
        capMs: SCROLL_CAP_MS,
      });
    }
    return { result };
  });
}

/** The data layer alone (BundleSource, FhirRestSource), on the elements page. */
async function dataLayerRun(browser, base) {
  return inPage(browser, base, '/bench/page.html', async (page) => ({
    result: await page.evaluate(() => window.bench.dataLayer()),
  }));
}

// ---------------------------------------------------------------------------------------------
// Summaries

/** Medians (with min, max and every run) of each numeric field of `results`, nested objects too. */
function summarise(results) {
  const out = {};
  const keys = new Set(results.flatMap((r) => Object.keys(r ?? {})));
  for (const key of keys) {
    const values = results.map((r) => r?.[key]);
    const sample = values.find((v) => v !== undefined && v !== null);
    if (typeof sample === 'number') out[key] = stats(values);
    else if (sample && typeof sample === 'object' && !Array.isArray(sample)) out[key] = summarise(values);
    else if (Array.isArray(sample))
      out[key] = values
        .flat()
        .filter((v, i, all) => all.indexOf(v) === i)
        .slice(0, 20);
    else out[key] = values.every((v) => v === sample) ? (sample ?? null) : values;
  }
  return out;
}

const median = (summary, ...path) => {
  let node = summary;
  for (const key of path) node = node?.[key];
  return node && typeof node === 'object' && 'median' in node ? node.median : null;
};
const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b > 0 ? r2(a / b) : null);

async function main() {
  const loadBefore = loadavg().map(r2);
  const work = mkdtempSync(join(tmpdir(), 'care-bench-'));
  const started = performance.now();
  const seeds = writeRecords(work, { small: [PATIENTS.small], large: [PATIENTS.large, PATIENTS.second] });
  const staticServer = await startStaticServer(join(work, 'bundles'));
  const base = `http://127.0.0.1:${staticServer.address().port}`;
  process.stderr.write(`bench: records in ${work}; starting the record servers…\n`);
  const [smallServer, largeServer] = await Promise.all(
    [seeds.small, seeds.large].map((seed) =>
      spawnServer({ args: ['--seed', seed, '--stats'], timeoutMs: 300_000 }),
    ),
  );
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const chromiumVersion = browser.version();
  const setupMs = Math.round(performance.now() - started);

  const cases = [
    { id: 'server-small', source: 'server', n: SMALL, server: smallServer, patient: PATIENTS.small },
    {
      id: 'bundle-small',
      source: 'bundle',
      n: SMALL,
      bundleSrc: `/records/${PATIENTS.small.id}.json`,
      patient: PATIENTS.small,
    },
    {
      id: 'server-large',
      source: 'server',
      n: LARGE,
      server: largeServer,
      patient: PATIENTS.large,
      change: PATIENTS.second,
    },
    {
      id: 'bundle-large',
      source: 'bundle',
      n: LARGE,
      bundleSrc: `/records/${PATIENTS.large.id}.json`,
      patient: PATIENTS.large,
      scroll: LARGE >= SCROLL_TARGET,
    },
  ];
  /** @type {Record<string, { elements: object[], vanilla: object[] }>} */
  const results = Object.fromEntries(
    cases.map((c) => [c.id, { elements: [], vanilla: [], plan: undefined }]),
  );
  const dataLayer = [];
  let runsDone = 0;
  let budgetNote;

  try {
    // Warm the record servers' searches, outside any timing: the server works out a search's
    // matches once (a scan and sort of the type, ~1 s for 10,000) and serves every page of it from
    // them after, as a database index would (server/lib/repository.js). So each search is warmed
    // with the filters and sort the elements send (the page asked for and _include do not matter).
    const SORTS = { MedicationRequest: '-authoredon', MedicationStatement: '-effective', Encounter: '-date' };
    for (const [server, patient] of [
      [smallServer, PATIENTS.small],
      [largeServer, PATIENTS.large],
      [largeServer, PATIENTS.second],
    ]) {
      for (const [type, sort] of Object.entries(SORTS))
        await fetch(`${server.url}/${type}?patient=${patient.id}&_sort=${sort}&_count=10`).then((r) =>
          r.arrayBuffer(),
        );
    }
    let lastRunMs = 0;
    for (let i = 0; i < warmup + runs; i += 1) {
      const measured = i >= warmup;
      // Bounded: a further run starts only when it should end within the time budget.
      if (measured && runsDone > 0 && performance.now() - started + lastRunMs > BUDGET_MS) {
        budgetNote = `stopped after ${runsDone} of ${runs} runs: another would pass the ${BUDGET_MS / 1000} s budget (--budget)`;
        process.stderr.write(`bench: ${budgetNote}\n`);
        break;
      }
      const runStart = performance.now();
      const label = measured ? `run ${i - warmup + 1}/${runs}` : `warm-up ${i + 1}/${warmup}`;
      // Warm-ups load the small record only.
      for (const c of measured ? cases : cases.filter((one) => one.n === SMALL)) {
        const entry = results[c.id];
        // Alternate which page goes first (the vanilla page needs the elements' plan once).
        const vanillaFirst = i % 2 === 1 && (entry.plan || !c.server);
        const steps = vanillaFirst ? ['vanilla', 'elements'] : ['elements', 'vanilla'];
        for (const step of steps) {
          const t = performance.now();
          if (step === 'elements') {
            const { result, requested } = await elementsRun(browser, base, c);
            if (c.server) entry.plan = planFrom(requested, c.server.url, c.patient.id);
            if (measured) entry.elements.push(result);
            process.stderr.write(
              `${label} ${c.id} elements: first rows ${result.firstRowsMs} ms, whole ${result.wholeMs ?? `not complete (${result.notComplete})`}` +
                `${result.wholeMs ? ' ms' : ''}, ${result.requests} requests, heap ${result.heapMB} MB, ${result.domElements} elements` +
                `${result.change ? `, change ${result.change.changeFirstRowsMs} ms (${result.change.mixedFrames} mixed frames)` : ''}` +
                ` [${Math.round(performance.now() - t)} ms]\n`,
            );
          } else {
            const { result } = await vanillaRun(browser, base, c, entry.plan);
            if (measured) entry.vanilla.push(result);
            process.stderr.write(
              `${label} ${c.id} vanilla: first rows ${result.firstRowsMs} ms, whole ${result.wholeMs} ms, ${result.requests} requests, ` +
                `heap ${result.heapMB} MB, ${result.domElements} elements [${Math.round(performance.now() - t)} ms]\n`,
            );
          }
        }
      }
      if (measured) {
        dataLayer.push((await dataLayerRun(browser, base)).result);
        runsDone += 1;
        lastRunMs = performance.now() - runStart;
      }
    }
  } finally {
    await browser.close();
    staticServer.close();
    await Promise.all([smallServer.close(), largeServer.close()]);
    rmSync(work, { recursive: true, force: true });
  }

  // Medians per case and page, then ratios to the vanilla page in the same run.
  const scenarios = {};
  for (const c of cases) {
    const { elements, vanilla, plan } = results[c.id];
    const e = summarise(elements);
    const v = summarise(vanilla);
    scenarios[c.id] = {
      source: c.source === 'server' ? 'record server over HTTP (paged searches)' : 'one Bundle (bundle-src)',
      n: c.n,
      patient: { id: c.patient.id, medications: c.patient.medications, encounters: c.patient.encounters },
      ...(plan ? { vanillaPlan: plan } : {}),
      elements: e,
      vanilla: v,
      ratios: {
        firstRows: ratio(median(e, 'firstRowsMs'), median(v, 'firstRowsMs')),
        whole: ratio(median(e, 'wholeMs'), median(v, 'wholeMs')),
        heap: ratio(median(e, 'heapMB'), median(v, 'heapMB')),
        memory: ratio(median(e, 'memoryMB'), median(v, 'memoryMB')),
        domElements: ratio(median(e, 'domElements'), median(v, 'domElements')),
        requests: ratio(median(e, 'requests'), median(v, 'requests')),
      },
    };
  }
  const dataLayerSummary = summarise(dataLayer);

  // The issue's targets, for each data source.
  const goals = [];
  const goal = (id, description, value, target, pass, detail = {}) =>
    goals.push({ id, description, value, target, pass: Boolean(pass), ...detail });
  for (const source of ['server', 'bundle']) {
    const small = scenarios[`${source}-small`];
    const large = scenarios[`${source}-large`];
    const vSmallFirst = median(small.vanilla, 'firstRowsMs');
    const eLargeFirst = median(large.elements, 'firstRowsMs');
    const firstRatio = ratio(eLargeFirst, vSmallFirst);
    goal(
      `${source}-first-rows`,
      `${source}: first rows (banner, a medicine, an encounter) at N=${LARGE} vs vanilla at N=${SMALL}`,
      firstRatio,
      '<= 2x',
      firstRatio !== null && firstRatio <= 2,
      {
        elementsMs: eLargeFirst,
        vanillaMs: vSmallFirst,
        // What the vanilla page itself gets at the large size: the server's and the browser's share.
        vanillaLargeMs: median(large.vanilla, 'firstRowsMs'),
        vanillaOwnRatio: ratio(median(large.vanilla, 'firstRowsMs'), vSmallFirst),
      },
    );
    const completeRuns = large.elements.complete;
    const allComplete = Array.isArray(completeRuns) ? completeRuns.every(Boolean) : completeRuns === true;
    const wholeRatio = ratio(median(large.elements, 'wholeMs'), median(large.vanilla, 'wholeMs'));
    goal(
      `${source}-whole-record`,
      `${source}: whole record (every care-load with the full count) at N=${LARGE} vs vanilla painting every row`,
      allComplete ? (wholeRatio ?? 'vanilla page not complete') : 'not complete',
      '<= 1.5x',
      allComplete && wholeRatio !== null && wholeRatio <= 1.5,
      {
        elementsMs: median(large.elements, 'wholeMs'),
        vanillaMs: median(large.vanilla, 'wholeMs'),
        ...(allComplete ? {} : { notComplete: large.elements.notComplete }),
        vanillaComplete: large.vanilla.complete,
        ...(large.vanilla.failedRequests ? { vanillaFailedRequests: large.vanilla.failedRequests } : {}),
      },
    );
    const memoryRatio = ratio(median(large.elements, 'memoryMB'), median(small.elements, 'memoryMB'));
    goal(
      `${source}-memory`,
      `${source}: JS + DOM memory (JS heap + Blink's heap) at N=${LARGE} vs N=${SMALL} (elements page)`,
      memoryRatio,
      '<= 3x',
      memoryRatio !== null && memoryRatio <= 3,
      {
        jsHeapRatio: ratio(median(large.elements, 'heapMB'), median(small.elements, 'heapMB')),
        domHeapRatio: ratio(median(large.elements, 'domHeapMB'), median(small.elements, 'domHeapMB')),
        domElementsRatio: ratio(median(large.elements, 'domElements'), median(small.elements, 'domElements')),
        largeMB: median(large.elements, 'memoryMB'),
        smallMB: median(small.elements, 'memoryMB'),
      },
    );
    const dupes = [...small.elements.duplicateRequests, ...large.elements.duplicateRequests];
    goal(
      `${source}-no-request-twice`,
      `${source}: no URL requested twice while loading (elements page, both sizes)`,
      dupes.length,
      '0 URLs',
      dupes.length === 0,
      dupes.length ? { duplicates: dupes.slice(0, 10) } : {},
    );
    const streaming = large.elements.longTasksStreaming;
    goal(
      `${source}-long-tasks-streaming`,
      `${source}: long tasks (> 50 ms) while the N=${LARGE} record loads (elements page; median count, longest)`,
      { count: median(streaming, 'count'), longestMs: streaming?.longestMs?.max ?? null },
      '0',
      median(streaming, 'count') === 0,
    );
    const scroll = large.elements.scroll;
    if (scroll) {
      goal(
        `${source}-long-tasks-scrolling`,
        `${source}: long tasks (> 50 ms) while scrolling the timeline through ${SCROLL_TARGET} encounters (median count, longest, encounter reached)`,
        {
          count: median(scroll, 'longTasks', 'count'),
          longestMs: scroll.longTasks?.longestMs?.max ?? null,
          reached: median(scroll, 'reached'),
          followsColumnScroll: scroll.followsColumnScroll,
          timelineNodes: [median(scroll, 'timelineNodesBefore'), median(scroll, 'timelineNodesAfter')],
        },
        `0, reaching encounter ${SCROLL_TARGET}`,
        median(scroll, 'longTasks', 'count') === 0 && median(scroll, 'reached') >= SCROLL_TARGET,
      );
    }
  }
  const large = scenarios['server-large'];
  const change = large.elements.change;
  if (change) {
    const changeMs = median(change, 'changeFirstRowsMs');
    const firstMountMs = median(large.elements, 'firstRowsMs');
    const vSmallFirst = median(scenarios['server-small'].vanilla, 'firstRowsMs');
    const mixed = change.mixedFrames?.max ?? null;
    const changeRatio = ratio(changeMs, vSmallFirst);
    goal(
      'server-change-patient',
      `server: change of patient at N=${LARGE}, first rows vs vanilla at N=${SMALL}, never slower than the first mount, no frame with the old patient's rows`,
      { ratioToVanilla: changeRatio, ratioToFirstMount: ratio(changeMs, firstMountMs), mixedFrames: mixed },
      '<= 2x, <= 1x, 0',
      changeRatio !== null && changeRatio <= 2 && changeMs <= firstMountMs && mixed === 0,
      {
        changeMs,
        firstMountMs,
        vanillaMs: vSmallFirst,
        vanillaLargeMs: median(large.vanilla, 'firstRowsMs'),
        reverseMixedFrames: change.reverseMixedFrames?.max ?? null,
      },
    );
  }

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
      loadAverage: { before: loadBefore, after: loadavg().map(r2) },
      headless: true,
      viewport: VIEWPORT,
      bundle: relative(root, cdnFile),
      bundleBuilt: statSync(cdnFile).mtime.toISOString(),
      runs: runsDone,
      runsAsked: runs,
      ...(budgetNote ? { budgetNote } : {}),
      warmup,
      setupMs,
      totalMs: Math.round(performance.now() - started),
    },
    settings: {
      small: SMALL,
      large: LARGE,
      medicationStatements: 'N / 10, beside N MedicationRequests',
      scrollEncounters: SCROLL_TARGET,
      scrollStepPx: SCROLL_STEP,
      scrollCapMs: SCROLL_CAP_MS,
      idleMs: IDLE_MS,
      capMs: CAP_MS,
    },
    units: {
      firstRowsMs:
        'ms from append to the frame after the first one with the banner name, a medicine row and an encounter row of the patient in the DOM',
      wholeMs:
        'elements: ms from append to the frame after every element fired care-load with the full count; vanilla: to the frame after every row was written; null when not complete',
      heapMB: 'JSHeapUsedSize after two forced GCs (CDP Performance.getMetrics), record loaded',
      domHeapMB:
        "Blink's garbage-collected heap (DOM, styles, layout) after the same GCs: CDP Runtime.getHeapUsage embedderHeapUsedSize",
      memoryMB: 'heapMB + domHeapMB: the JS + DOM memory of the target',
      domNodes: 'DOM nodes in the renderer (CDP Performance.getMetrics Nodes: text nodes included)',
      domElements: "document.querySelectorAll('*') counted into every shadow root",
      requests: 'requests to the record (FHIR server or Bundle) while loading, from the browser',
      longTasksStreaming: 'PerformanceObserver longtask entries from append until loaded (or given up)',
      scroll:
        'scrolling the timeline column by scrollStepPx every frame until the encounter numbered scrollEncounters is on screen',
      change:
        "<care-record>'s patient set to a second patient with N records: first rows of theirs, every frame checked",
    },
    scenarios,
    dataLayer: dataLayerSummary,
    goals,
    pass: goals.every((g) => g.pass),
  };

  mkdirSync(dirname(outFile), { recursive: true });
  const config = (await resolveConfig(outFile)) ?? {};
  writeFileSync(outFile, await format(JSON.stringify(report), { ...config, parser: 'json' }));
  printSummary(report);
  const failed = goals.filter((g) => !g.pass).length;
  console.log(
    failed ? `bench: ${failed} of ${goals.length} targets missed` : `bench: all ${goals.length} targets met`,
  );
  console.log(
    `Wrote ${relative(root, outFile)} (${runsDone} runs, medians; ${Math.round(report.environment.totalMs / 1000)} s)`,
  );
  if (args.strict && failed) process.exit(1);
}

/** The printed summary: one line per case and page, the ratios, then PASS/FAIL per target. */
function printSummary(report) {
  const fmt = (v, unit = '') => (v === null || v === undefined ? '—' : `${v}${unit}`);
  const rows = [
    ['case', 'page', 'first rows', 'whole', 'JS heap', 'JS+DOM', 'elements', 'requests', 'long tasks'],
  ];
  for (const [id, s] of Object.entries(report.scenarios)) {
    for (const page of ['elements', 'vanilla']) {
      const p = s[page];
      const whole = median(p, 'wholeMs');
      rows.push([
        id,
        page,
        fmt(median(p, 'firstRowsMs'), ' ms'),
        whole === null ? 'not complete' : `${whole} ms`,
        fmt(median(p, 'heapMB'), ' MB'),
        fmt(median(p, 'memoryMB'), ' MB'),
        fmt(median(p, 'domElements')),
        fmt(median(p, 'requests')),
        `${fmt(median(p, 'longTasksStreaming', 'count'))} (max ${fmt(p.longTasksStreaming?.longestMs?.max, ' ms')})`,
      ]);
    }
    const r = s.ratios;
    rows.push([
      id,
      'ratio',
      fmt(r.firstRows, 'x'),
      fmt(r.whole, 'x'),
      fmt(r.heap, 'x'),
      fmt(r.memory, 'x'),
      fmt(r.domElements, 'x'),
      fmt(r.requests, 'x'),
      '',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  for (const row of rows) console.log(row.map((cell, i) => String(cell).padEnd(widths[i])).join('  '));
  const large = report.scenarios['server-large'];
  for (const id of ['server-large', 'bundle-large']) {
    for (const page of ['elements', 'vanilla']) {
      const scroll = report.scenarios[id]?.[page]?.scroll;
      if (scroll)
        console.log(
          `scroll ${id} ${page}: ${fmt(median(scroll, 'scrollMs'), ' ms')} to encounter ${fmt(median(scroll, 'reached'))}, ` +
            `long tasks ${fmt(median(scroll, 'longTasks', 'count'))} (max ${fmt(scroll.longTasks?.longestMs?.max, ' ms')}); ` +
            `rows follow the column's own scrolling: ${JSON.stringify(scroll.followsColumnScroll)}`,
        );
    }
  }
  const change = large?.elements?.change;
  if (change)
    console.log(
      `change of patient: first rows ${fmt(median(change, 'changeFirstRowsMs'), ' ms')}, mixed frames ${fmt(change.mixedFrames?.max)} ` +
        `(of ${fmt(median(change, 'framesChecked'))} checked)`,
    );
  const dl = report.dataLayer;
  console.log(
    `data layer: BundleSource index 10,000 ${fmt(median(dl, 'indexMs'), ' ms')}, Encounter page ${fmt(median(dl, 'searchEncounterPageMs'), ' ms')}; ` +
      `FhirRestSource ${fmt(dl.dedupeRequests?.max)} request(s) for 100 concurrent reads`,
  );
  for (const g of report.goals)
    console.log(
      `${g.pass ? 'PASS' : 'FAIL'}  ${g.description}: ${JSON.stringify(g.value)} (target ${g.target})`,
    );
}

await main();
