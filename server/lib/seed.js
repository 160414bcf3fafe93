// Loads seed files into the repository through the router, as a client would, keeping ids.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { daysToShift, shiftDates } from './shift-dates.js';

/** @typedef {import('@medplum/fhirtypes').Bundle} Bundle */
/** @typedef {import('@medplum/fhirtypes').BundleEntry} BundleEntry */
/** @typedef {import('@medplum/fhirtypes').Resource} Resource */
/** @typedef {import('@medplum/fhirtypes').OperationOutcome} OperationOutcome */

/** A seed problem: names the file and says what is wrong. */
export class SeedError extends Error {
  /**
   * @param {string} file
   * @param {string} problem
   */
  constructor(file, problem) {
    super(`Seed file ${file}: ${problem}`);
    this.name = 'SeedError';
    this.file = file;
  }
}

/** Files in a seed folder that are not FHIR: skipped (a folder is read recursively). */
const SKIPPED_NAMES = new Set(['index.json', 'package.json', 'package-lock.json']);

/**
 * Expands files and folders (recursively, `*.json`, sorted, skipping dot files and
 * `index.json` / `package.json`) into a list of files. A path given explicitly is always used.
 * @param {string[]} paths
 * @returns {Promise<string[]>}
 */
export async function expandSeedPaths(paths) {
  /** @type {string[]} */
  const files = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (err) {
      throw new SeedError(path, `cannot be read (${/** @type {NodeJS.ErrnoException} */ (err).code ?? err})`);
    }
    if (info.isDirectory()) files.push(...(await listJson(path)));
    else files.push(path);
  }
  return files;
}

/**
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function listJson(dir) {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  /** @type {string[]} */
  const files = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listJson(path)));
    else if (entry.name.endsWith('.json') && !SKIPPED_NAMES.has(entry.name)) files.push(path);
  }
  return files;
}

/**
 * @typedef {object} SeedContext
 * @property {typeof import('@medplum/core')} core
 * @property {(method: string, url: string, body?: unknown) => Promise<[OperationOutcome, Resource?]>} request
 *   sends one request to the FHIR router (url relative to the base, e.g. `Patient/1`)
 * @property {string} [today] YYYY-MM-DD: a generated record (named in the index.json beside it,
 *   whose `today` is the day it was written for) has every date moved to read as written on this
 *   day (see shift-dates.js); without it, nothing is moved
 */

/**
 * Loads every seed file. Throws a SeedError naming the file on the first problem.
 * @param {string[]} paths files and folders
 * @param {SeedContext} ctx
 * @returns {Promise<{ files: number, resources: number }>}
 */
export async function loadSeeds(paths, ctx) {
  const files = await expandSeedPaths(paths);
  let resources = 0;
  for (const file of files) resources += await loadSeedFile(file, ctx);
  return { files: files.length, resources };
}

/**
 * @param {string} file
 * @param {SeedContext} ctx
 * @returns {Promise<number>} number of resources written
 */
export async function loadSeedFile(file, ctx) {
  const name = displayPath(file);
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new SeedError(name, `cannot be read (${/** @type {NodeJS.ErrnoException} */ (err).code ?? err})`);
  }
  /** @type {unknown} */
  let json;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SeedError(name, `is not valid JSON (${/** @type {Error} */ (err).message})`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new SeedError(name, 'is not a FHIR resource (expected a JSON object with resourceType)');
  }
  const days = ctx.today ? await daysToShift(file, ctx.today) : 0;
  const resource = /** @type {Resource} */ (days ? shiftDates(json, days) : json);
  if (typeof resource.resourceType !== 'string') {
    throw new SeedError(name, 'is not a FHIR resource (no resourceType)');
  }
  if (!ctx.core.isResourceType(resource.resourceType)) {
    throw new SeedError(name, `has unknown resourceType "${resource.resourceType}"`);
  }
  if (resource.resourceType !== 'Bundle') {
    await submitBatch(name, [putEntry(resource)], ctx);
    return 1;
  }
  const bundle = /** @type {Bundle} */ (resource);
  switch (bundle.type) {
    case 'transaction':
    case 'batch':
      return submitBatch(name, transactionToBatchEntries(bundle), ctx);
    case 'document':
    case 'collection':
    case 'searchset':
    case 'history':
    case 'message': {
      const entries = unpackEntries(bundle, name);
      // Keep the Bundle itself too, so GET [base]/Bundle/<id> returns it (e.g. for `bundle-src`).
      const count = await submitBatch(
        name,
        [bundle.id ? putEntry(bundle) : postEntry(bundle), ...entries],
        ctx,
      );
      return count;
    }
    default:
      throw new SeedError(name, `is a Bundle of unsupported type "${bundle.type}"`);
  }
}

/**
 * A transaction or batch as a batch that keeps ids: `POST Type` of a resource that has an id
 * (Synthea writes them) or a `urn:uuid:` fullUrl becomes `PUT Type/id`, so seeded records have
 * the same ids on every start. Conditional creates (`ifNoneExist`) stay as they are. medplum
 * rewrites `urn:uuid:` references to the resolved `Type/id` for batches as for transactions.
 *
 * Why a batch: medplum refuses a transaction with more than 50 updates, and a batch reports
 * every failing entry instead of the first.
 * @param {Bundle} bundle
 * @returns {BundleEntry[]}
 */
export function transactionToBatchEntries(bundle) {
  return (bundle.entry ?? []).map((entry) => {
    const request = entry.request;
    const resource = entry.resource;
    if (request?.method !== 'POST' || !resource || request.ifNoneExist || request.url.includes('?'))
      return entry;
    const id = resource.id ?? uuidOf(entry.fullUrl);
    if (!id || request.url !== resource.resourceType) return entry;
    return {
      ...entry,
      resource: { ...resource, id },
      request: { method: 'PUT', url: `${resource.resourceType}/${id}` },
    };
  });
}

/**
 * The entries of a document / collection Bundle as `PUT Type/id` requests. An entry without an
 * id gets the uuid of its `urn:uuid:` fullUrl or the id at the end of an absolute fullUrl;
 * references to another entry's fullUrl are rewritten to `Type/id`.
 * @param {Bundle} bundle
 * @param {string} name file name for messages
 * @returns {BundleEntry[]}
 */
export function unpackEntries(bundle, name) {
  const entries = (bundle.entry ?? []).filter((entry) => entry.resource);
  /** @type {Map<string, string>} */
  const byFullUrl = new Map();
  const resources = entries.map((entry, index) => {
    const resource = /** @type {Resource} */ (entry.resource);
    const id = resource.id ?? uuidOf(entry.fullUrl) ?? lastSegmentId(entry.fullUrl, resource.resourceType);
    if (!id) {
      throw new SeedError(
        name,
        `entry ${index} (${resource.resourceType}) has neither an id nor a usable fullUrl`,
      );
    }
    if (entry.fullUrl) byFullUrl.set(entry.fullUrl, `${resource.resourceType}/${id}`);
    return { ...resource, id };
  });
  return resources.map((resource) => putEntry(rewriteReferences(resource, byFullUrl)));
}

/**
 * @template T
 * @param {T} value
 * @param {Map<string, string>} byFullUrl
 * @returns {T}
 */
function rewriteReferences(value, byFullUrl) {
  if (Array.isArray(value)) return /** @type {T} */ (value.map((item) => rewriteReferences(item, byFullUrl)));
  if (value && typeof value === 'object') {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] =
        key === 'reference' && typeof item === 'string' && byFullUrl.has(item)
          ? byFullUrl.get(item)
          : rewriteReferences(item, byFullUrl);
    }
    return /** @type {T} */ (out);
  }
  return value;
}

/**
 * @param {string | undefined} fullUrl
 * @returns {string | undefined}
 */
function uuidOf(fullUrl) {
  const match = /^urn:uuid:([0-9a-fA-F-]{1,64})$/.exec(fullUrl ?? '');
  return match ? match[1] : undefined;
}

/**
 * @param {string | undefined} fullUrl
 * @param {string} resourceType
 * @returns {string | undefined}
 */
function lastSegmentId(fullUrl, resourceType) {
  const match = new RegExp(`/${resourceType}/([A-Za-z0-9\\-.]{1,64})(?:/_history/[^/]+)?$`).exec(
    fullUrl ?? '',
  );
  return match ? match[1] : undefined;
}

/**
 * @param {Resource} resource
 * @returns {BundleEntry}
 */
function putEntry(resource) {
  if (!resource.id) return postEntry(resource);
  return { resource, request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` } };
}

/**
 * @param {Resource} resource
 * @returns {BundleEntry}
 */
function postEntry(resource) {
  return { resource, request: { method: 'POST', url: resource.resourceType } };
}

/**
 * POSTs the entries as one batch and checks every response.
 * @param {string} name
 * @param {BundleEntry[]} entries
 * @param {SeedContext} ctx
 * @returns {Promise<number>} resources written
 */
async function submitBatch(name, entries, ctx) {
  if (entries.length === 0) return 0;
  const [outcome, response] = await ctx.request('POST', '', {
    resourceType: 'Bundle',
    type: 'batch',
    entry: entries,
  });
  if (!ctx.core.isOk(outcome)) {
    throw new SeedError(name, `was rejected by the server: ${ctx.core.operationOutcomeToString(outcome)}`);
  }
  const results = /** @type {Bundle} */ (response).entry ?? [];
  let written = 0;
  for (let i = 0; i < entries.length; i++) {
    const status = results[i]?.response?.status ?? '';
    if (/^2\d\d/.test(status)) {
      if (entries[i].request?.method !== 'GET') written++;
      continue;
    }
    const entryOutcome = /** @type {OperationOutcome | undefined} */ (results[i]?.response?.outcome);
    const text = entryOutcome
      ? ctx.core.operationOutcomeToString(entryOutcome)
      : `status ${status || 'missing'}`;
    const request = entries[i].request;
    throw new SeedError(
      name,
      `entry ${i} (${request?.method} ${request?.url}) was rejected by the server: ${text}`,
    );
  }
  return written;
}

/**
 * @param {string} file
 * @returns {string} the path relative to the working directory when that is shorter
 */
function displayPath(file) {
  const rel = relative(process.cwd(), resolve(file));
  return rel && !rel.startsWith('..') && rel.length < file.length ? rel : file;
}
