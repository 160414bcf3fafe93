import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { summaryReporter } from './scripts/summary-reporter.js';
import { resultsReporter } from './scripts/results-reporter.js';
import { defaultReporter } from '@web/test-runner';
import { recordServerPlugin } from './scripts/record-server-plugin.js';
import { heapPlugin } from './scripts/heap-plugin.js';
import { chromiumArgs, chromiumPath } from './scripts/chromium.js';

/** Headless Debian Chromium; the flags keep it quiet on a machine with no outside network. */
const chromium = chromeLauncher({
  launchOptions: {
    executablePath: chromiumPath,
    // Whole strings in heap snapshots (V8 cuts them at 1,024 characters), for the memory tests.
    args: [...chromiumArgs, '--js-flags=--heap-snapshot-string-limit=10000000'],
  },
});

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  browsers: [chromium],
  // One test file at a time: focus, keyboard and layout tests need the page in the foreground.
  concurrency: 1,
  // A file may start record servers and wait out retries; allow for a slow CI machine.
  testsFinishTimeout: 300000,
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' }),
    // Real FHIR servers over HTTP for test/integration/ (started on first use, stopped at the end).
    recordServerPlugin({
      seed: ['demo/data'],
      smallSeed: [
        'demo/data/generated/organisations-and-practitioners.json',
        'demo/data/generated/gen-patient-0001.json',
      ],
      token: 'integration-test-token',
    }),
    // `heap-strings`: which strings a page's JS heap still holds (test/helpers/heap.ts).
    heapPlugin(),
  ],
  // Every test's title and result, for `npm run conformance` (the CUI conformance report).
  reporters: [defaultReporter(), summaryReporter('wtr'), resultsReporter('reports/test-results.json')],
  coverage: true,
  coverageConfig: {
    include: ['src/**/*.ts'],
    threshold: { statements: 85, branches: 75, functions: 85, lines: 85 },
  },
  // Lit's one-line dev-mode notice would otherwise be printed for every test file.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testFramework: {
    config: { timeout: 5000 },
  },
};
