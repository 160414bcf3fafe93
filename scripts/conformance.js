// `npm run conformance`: runs the browser tests (as `npm test` does), then writes the NHS CUI
// conformance report, conformance/cui-report.json and .md, from their results, the catalogue
// conformance/cui-points.json and the stories' `parameters.cui` (see scripts/cui-report.js).
//   --from-last-run  use reports/test-results.json from the last wtr run instead of running
//   --check          write nothing; fail when the committed report differs from this run's (run date aside)
// Any other arguments go to wtr (e.g. `--port 8123`). Exits non-zero when the catalogue, tests and
// stories disagree, or any implemented point has a failing or skipped test.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { buildReport, renderMarkdown, storiesDeclaringPoints } from './cui-report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = 'reports/test-results.json';
const CATALOGUE = 'conformance/cui-points.json';
const REPORT_JSON = 'conformance/cui-report.json';
const REPORT_MD = 'conformance/cui-report.md';

const args = process.argv.slice(2);
const fromLastRun = args.includes('--from-last-run');
const check = args.includes('--check');
const wtrArgs = args.filter((arg) => arg !== '--from-last-run' && arg !== '--check');

const read = (file) => readFileSync(join(ROOT, file), 'utf8');
/** Files under `dir` (relative to the repository) whose names end with `suffix`, sorted. */
const filesUnder = (dir, suffix) =>
  readdirSync(join(ROOT, dir), { recursive: true })
    .filter((file) => file.endsWith(suffix))
    .map((file) => `${dir}/${file.split('\\').join('/')}`)
    .sort();

function fail(lines) {
  console.error(['conformance:', ...lines].join('\n  '));
  process.exit(1);
}

if (!fromLastRun) {
  rmSync(join(ROOT, RESULTS), { force: true });
  const node = (script, scriptArgs = []) =>
    spawnSync(process.execPath, [join(ROOT, script), ...scriptArgs], { cwd: ROOT, stdio: 'inherit' });
  if (node('scripts/ensure-chromium.js').status !== 0) process.exit(1);
  const wtr = node('node_modules/@web/test-runner/dist/bin.js', wtrArgs);
  if (wtr.status !== 0)
    console.warn(`conformance: wtr exited with status ${wtr.status}; reporting its results`);
}
if (!existsSync(join(ROOT, RESULTS))) fail([`${RESULTS} is missing: the browser tests did not finish.`]);

// The files wtr runs (web-test-runner.config.js: test/**/*.test.ts).
const testFiles = filesUnder('test', '.test.ts');
const stories = filesUnder('stories', '.stories.ts').flatMap((file) =>
  storiesDeclaringPoints(read(file), file),
);
const { report, problems } = buildReport({
  catalogue: JSON.parse(read(CATALOGUE)),
  results: JSON.parse(read(RESULTS)),
  stories,
  testFiles,
});
if (problems.length) fail(problems);

/** The report's two files, as written (JSON in the repository's Prettier style). */
async function render(data) {
  const json = JSON.stringify(data, null, 2);
  const options = await prettier.resolveConfig(join(ROOT, REPORT_JSON));
  return {
    [REPORT_JSON]: await prettier.format(json, { ...options, filepath: REPORT_JSON }),
    [REPORT_MD]: renderMarkdown(data),
  };
}

const { summary } = report;
if (check) {
  const committed = existsSync(join(ROOT, REPORT_JSON)) ? JSON.parse(read(REPORT_JSON)) : undefined;
  const expected = await render({ ...report, run: committed?.run ?? report.run });
  const stale = Object.entries(expected)
    .filter(([file, text]) => !existsSync(join(ROOT, file)) || read(file) !== text)
    .map(([file]) => file);
  if (stale.length) {
    const changed = report.points
      .filter(
        (point) => JSON.stringify(point) !== JSON.stringify(committed?.points.find((p) => p.id === point.id)),
      )
      .map((point) => point.id);
    fail([
      `${stale.join(' and ')} ${stale.length > 1 ? 'do' : 'does'} not match this test run: ` +
        'run `npm run conformance` and commit the report.',
      ...(changed.length ? [`Points that changed: ${changed.join(', ')}`] : []),
    ]);
  }
} else {
  for (const [file, text] of Object.entries(await render(report))) writeFileSync(join(ROOT, file), text);
}

console.log(
  `conformance: ${summary.points} CUI points: ${summary.passed} passed, ${summary.failed} failed, ` +
    `${summary.notImplemented} not implemented${check ? ' (the committed report is up to date)' : ` (${REPORT_MD})`}`,
);
const failed = report.points.filter((point) => point.status === 'failed');
if (failed.length) fail(failed.map((point) => `${point.id} ${point.title}: a test failed or was skipped`));
