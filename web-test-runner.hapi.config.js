import base from './web-test-runner.config.js';
import { hapiServerPlugin } from './conformance/hapi/wtr-plugin.js';

/**
 * The integration suite against HAPI FHIR instead of the embedded server (`npm run test:hapi`,
 * which builds, starts and seeds HAPI and passes its base URL in HAPI_URL). Same browser, same
 * tests; only the record servers differ.
 */
export default {
  ...base,
  files: ['test/integration/record-server.test.ts'],
  plugins: [
    ...base.plugins.filter((plugin) => plugin.name !== 'record-servers'),
    hapiServerPlugin({ token: 'integration-test-token' }),
  ],
  // One suite of integration tests measures no coverage of the library as a whole.
  coverage: false,
};
