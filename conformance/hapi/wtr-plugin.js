import { startFaultServer } from '../../server/fault-server.js';
import { startGateway } from './gateway.js';

/**
 * The web-test-runner plugin of the HAPI run (web-test-runner.hapi.config.js): serves the module
 * `/__record-servers.js` that test/integration/ imports, with every record server being HAPI FHIR
 * (started and seeded by conformance/hapi/test.js, its base URL in `HAPI_URL`) behind a gateway:
 * `main` counts requests, `secured` needs the bearer token, `slow` adds latency and `failing`
 * fails every request, as the embedded servers of the default run do.
 */
export function hapiServerPlugin({ token }) {
  /** @type {Promise<Record<string, { url: string, close: () => Promise<void> }>> | undefined} */
  let gateways;
  /** @type {Promise<import('../../server/fault-server.js').FaultServer> | undefined} */
  let faultServer;

  const start = (upstream) =>
    (gateways ??= (async () => {
      const entries = await Promise.all(
        [
          ['main', { stats: true }],
          ['secured', { token, stats: true }],
          ['slow', { latency: 1500 }],
          ['failing', { failRate: 1 }],
        ].map(async ([name, options]) => [name, await startGateway({ upstream, ...options })]),
      );
      return Object.fromEntries(entries);
    })());

  return {
    name: 'hapi-record-servers',
    async serve(context) {
      if (context.path !== '/__record-servers.js') return undefined;
      const upstream = process.env.HAPI_URL;
      if (!upstream) throw new Error('HAPI_URL is not set: run the HAPI suite with `npm run test:hapi`');
      const [running, faults] = await Promise.all([start(upstream), (faultServer ??= startFaultServer())]);
      const urls = {
        ...Object.fromEntries(Object.entries(running).map(([name, gateway]) => [name, gateway.url])),
        faults: { a: faults.originA, b: faults.originB },
      };
      return {
        body: `export const servers = ${JSON.stringify(urls)};\nexport const token = ${JSON.stringify(token)};`,
        type: 'js',
      };
    },
    async serverStop() {
      if (gateways) await Promise.all(Object.values(await gateways).map((gateway) => gateway.close()));
      if (faultServer) await (await faultServer).close();
    },
  };
}
