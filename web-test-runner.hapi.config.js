import { defaultReporter } from '@web/test-runner';
import base from './web-test-runner.config.js';
import { hapiServerPlugin } from './conformance/hapi/wtr-plugin.js';
import { summaryReporter } from './scripts/summary-reporter.js';

/**
 * The integration suite against HAPI FHIR instead of the embedded server (`npm run test:hapi`,
 * which builds, starts and seeds HAPI and passes its base URL in HAPI_URL). Same browser, same
 * tests; only the record servers differ.
 */
export default {
  ...base,
  // test/integration/immunisation-list.test.ts also reads the UK Core and Synthea examples, which
  // HAPI is not seeded with (yet).
  files: ['test/integration/record-server.test.ts', 'test/integration/problem-list.test.ts'],
  plugins: [
    ...base.plugins.filter((plugin) => plugin.name !== 'record-servers'),
    hapiServerPlugin({ token: 'integration-test-token' }),
  ],
  // One suite of integration tests measures no coverage of the library as a whole, and writes no
  // reports/test-results.json: that is the whole run's, for the CUI conformance report.
  coverage: false,
  reporters: [defaultReporter(), summaryReporter('wtr')],
};
