// Measures start-up time and memory of the record server with a seed:
//   node --experimental-websocket --expose-gc server/measure-startup.js demo/data
// Prints JSON: time to load medplum and its R4 definitions, to seed and listen, and RSS.
import { startServer } from './index.js';
import { loadMedplum } from './lib/medplum.js';

const mb = () => Math.round(process.memoryUsage().rss / 1e6);
const t0 = performance.now();
const { loadMs } = await loadMedplum();
const server = await startServer({ port: 0, seed: process.argv.slice(2) });
const readyMs = performance.now() - t0;
const rssReady = mb();
const timings = {};
for (const query of [
  'Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9999853218',
  'Encounter?patient=gen-patient-0001&_sort=-date',
  'Encounter?patient=gen-patient-0012&_sort=-date&_count=50',
  'MedicationRequest?patient=gen-patient-0012&_count=50',
  'MedicationStatement?patient=gen-patient-0012',
]) {
  const started = performance.now();
  await (await fetch(`${server.url}/${query}`)).text();
  timings[query] = Math.round(performance.now() - started);
}
globalThis.gc?.();
console.log(
  JSON.stringify(
    {
      seeded: server.seeded,
      definitionsMs: Math.round(loadMs),
      seedAndListenMs: Math.round(readyMs - loadMs),
      readyMs: Math.round(readyMs),
      rssReadyMB: rssReady,
      rssAfterQueriesMB: mb(),
      firstQueryMs: timings,
    },
    null,
    2,
  ),
);
await server.close();
