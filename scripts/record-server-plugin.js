import { spawnServer } from '../server/spawn.js';
import { startFaultServer } from '../server/fault-server.js';

/**
 * A web-test-runner plugin that starts real record servers (the CLI, on free ports) for the
 * integration tests and serves their URLs to the browser as the module `/__record-servers.js`:
 * `main` (the demo seed, request counting on), `secured` (needs a bearer token), `slow`
 * (latency) and `failing` (every request fails); plus `faults: { a, b }`, the two origins of the
 * fault-injecting server (server/fault-server.js, in this process; a scenario's FHIR base is
 * `${faults.a}/<scenario>/fhir`). Started only when a test imports the module.
 */
const seedArgs = (paths) => paths.flatMap((path) => ['--seed', path]);

export function recordServerPlugin({ seed, smallSeed, token }) {
  /** @type {Record<string, import('../server/spawn.js').SpawnedServer>} */
  let servers;
  let starting;
  /** @type {Promise<import('../server/fault-server.js').FaultServer> | undefined} */
  let faultServer;

  const start = () =>
    (starting ??= (async () => {
      const entries = await Promise.all(
        [
          ['main', [...seedArgs(seed), '--stats']],
          ['secured', [...seedArgs(smallSeed), '--token', token, '--stats']],
          ['slow', [...seedArgs(smallSeed), '--latency', '1500']],
          ['failing', [...seedArgs(smallSeed), '--fail-rate', '1']],
        ].map(async ([name, args]) => [name, await spawnServer({ args })]),
      );
      servers = Object.fromEntries(entries);
      return servers;
    })());

  return {
    name: 'record-servers',
    async serve(context) {
      if (context.path !== '/__record-servers.js') return undefined;
      const [running, faults] = await Promise.all([start(), (faultServer ??= startFaultServer())]);
      const urls = {
        ...Object.fromEntries(Object.entries(running).map(([name, server]) => [name, server.url])),
        faults: { a: faults.originA, b: faults.originB },
      };
      return {
        body: `export const servers = ${JSON.stringify(urls)};\nexport const token = ${JSON.stringify(token)};`,
        type: 'js',
      };
    },
    async serverStop() {
      if (starting) await Promise.all(Object.values(await starting).map((server) => server.close()));
      if (faultServer) await (await faultServer).close();
    },
  };
}
