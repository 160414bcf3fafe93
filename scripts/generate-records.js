#!/usr/bin/env node
// Writes deterministic synthetic UK Core-shaped records as FHIR transaction Bundles:
//
//   npm run generate-records -- --patients 20 --seed care-record-elements --out demo/data/generated
//
// One file per patient (the large record is split so that no file passes --max-file-bytes), one
// shared file of organisations, locations, practitioners and practitioner roles, and index.json
// naming every patient (id, NHS number, name, case). The same options always write the same bytes:
// dates are relative to --today, randomness comes from --seed.

import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generate } from './generate-records/build.js';
import { uuidFor } from './generate-records/rng.js';
import { ORGANISATIONS } from './generate-records/vocab.js';

const USAGE = `Usage: node scripts/generate-records.js [--patients N] [--seed S] [--out DIR] [--today YYYY-MM-DD]

  --patients <n>          number of patients (default 20; the first 12 are the named cases)
  --seed <s>              random seed (default care-record-elements)
  --out <dir>             output folder (default demo/data/generated)
  --today <date>          reference date that all dates are relative to (default 2026-11-01)
  --max-file-bytes <n>    split a patient's bundle into parts above this size (default 2500000)`;

const DEFAULTS = {
  patients: '20',
  seed: 'care-record-elements',
  out: 'demo/data/generated',
  today: '2026-11-01',
  'max-file-bytes': '2500000',
};

/** @type {Record<string, any>} */
let values;
try {
  ({ values } = parseArgs({
    options: {
      patients: { type: 'string', default: DEFAULTS.patients },
      seed: { type: 'string', default: DEFAULTS.seed },
      out: { type: 'string', default: DEFAULTS.out },
      today: { type: 'string', default: DEFAULTS.today },
      'max-file-bytes': { type: 'string', default: DEFAULTS['max-file-bytes'] },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (err) {
  console.error(`${/** @type {Error} */ (err).message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const patients = Number(values.patients);
const maxBytes = Number(values['max-file-bytes']);
if (!Number.isInteger(patients) || patients < 1 || patients > 9999) {
  console.error(`--patients must be a whole number from 1 to 9999\n\n${USAGE}`);
  process.exit(2);
}
if (!/^\d{4}-\d{2}-\d{2}$/.test(values.today) || Number.isNaN(Date.parse(values.today))) {
  console.error(`--today must be a date as YYYY-MM-DD\n\n${USAGE}`);
  process.exit(2);
}
if (!Number.isInteger(maxBytes) || maxBytes < 10000) {
  console.error(`--max-file-bytes must be a whole number of at least 10000\n\n${USAGE}`);
  process.exit(2);
}

const started = performance.now();
const { shared, records } = generate({ patients, seed: values.seed, today: values.today });

/**
 * A transaction Bundle written with one entry per line: small, yet diffs stay readable.
 * @param {Record<string, any>[]} resources
 * @returns {string}
 */
function transactionText(resources) {
  const lines = resources.map((resource) =>
    JSON.stringify({
      fullUrl: `urn:uuid:${uuidFor(`${resource.resourceType}/${resource.id}`)}`,
      resource,
      request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
    }),
  );
  return `{"resourceType":"Bundle","type":"transaction","entry":[\n${lines.join(',\n')}\n]}\n`;
}

/**
 * Splits resources into groups whose bundle text stays under maxBytes.
 * @param {Record<string, any>[]} resources
 * @returns {Record<string, any>[][]}
 */
function split(resources) {
  /** @type {Record<string, any>[][]} */
  const parts = [[]];
  let size = 100;
  for (const resource of resources) {
    const bytes = Buffer.byteLength(JSON.stringify(resource)) + 200;
    if (size + bytes > maxBytes && parts[parts.length - 1].length > 0) {
      parts.push([]);
      size = 100;
    }
    parts[parts.length - 1].push(resource);
    size += bytes;
  }
  return parts;
}

const outDir = values.out;
await mkdir(outDir, { recursive: true });
// Remove what an earlier run wrote (and nothing else).
for (const name of await readdir(outDir)) {
  if (
    /^gen-patient-\d{4}(\.part\d+)?\.json$/.test(name) ||
    name === 'organisations-and-practitioners.json' ||
    name === 'index.json'
  ) {
    await rm(join(outDir, name));
  }
}

/** @type {{ name: string, bytes: number }[]} */
const written = [];
/**
 * @param {string} name
 * @param {string} text
 */
async function write(name, text) {
  await writeFile(join(outDir, name), text);
  written.push({ name, bytes: Buffer.byteLength(text) });
}

const sharedFile = 'organisations-and-practitioners.json';
await write(sharedFile, transactionText(shared));

const indexPatients = [];
for (const record of records) {
  const parts = split(record.resources);
  const files =
    parts.length === 1
      ? [`${record.spec.id}.json`]
      : parts.map((_, i) => `${record.spec.id}.part${i + 1}.json`);
  for (const [i, part] of parts.entries()) await write(files[i], transactionText(part));
  indexPatients.push({ ...record.summary, files });
}

const index = {
  description:
    'Synthetic UK Core-shaped patient records (not real people). Each file is a FHIR R4 transaction Bundle of PUT entries with stable ids; ' +
    `${sharedFile} holds the organisations, locations, practitioners and practitioner roles the records refer to.`,
  generator: 'scripts/generate-records.js',
  command: `npm run generate-records -- --patients ${patients} --seed ${values.seed} --today ${values.today} --out ${outDir}`,
  seed: values.seed,
  today: values.today,
  shared: {
    file: sharedFile,
    organizations: ORGANISATIONS.map((o) => ({ id: o.id, ods: o.ods, name: o.name, kind: o.kind })),
    resources: shared.length,
  },
  patients: indexPatients,
};
await write('index.json', `${JSON.stringify(index, null, 2)}\n`);

const total = written.reduce((sum, f) => sum + f.bytes, 0);
const largest = written.reduce((a, b) => (b.bytes > a.bytes ? b : a));
const resources = shared.length + records.reduce((sum, r) => sum + r.resources.length, 0);
console.log(
  `Wrote ${patients} patients, ${resources} resources in ${written.length} files to ${outDir} ` +
    `(${(total / 1e6).toFixed(1)} MB; largest ${largest.name} ${(largest.bytes / 1e6).toFixed(2)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
