import type {
  Bundle,
  Composition,
  DomainResource,
  FhirResource,
  Identifier,
  Reference,
  Resource,
} from 'fhir/r4';
import { parseReference, typeIdKey } from '../format/references.js';
import { filterResources, searchFilter, sortResources } from './bundle-search.js';
import type { ReferenceContext } from './bundle-search.js';
import { abortError, FhirHttp } from './fhir-http.js';
import type { HttpOptions } from './fhir-http.js';
import { RecordError } from './record-error.js';
import type { RecordErrorParams, RecordErrorReason } from './record-error.js';
import type {
  RecordSource,
  RequestOptions,
  ResolveOptions,
  SearchParams,
  SearchResult,
} from './record-source.js';
import { absoluteUrl } from './references.js';
import { RequestCache } from './request-cache.js';
import { shareStrings } from './shared-strings.js';
import { nextTask, TaskSlices } from './tasks.js';
import { fromQuery, paramValues, toQuery } from './search-params.js';

/** A Bundle fetched once, on first use, with the same headers, token, timeout and retries as `FhirRestSource`. */
export interface BundleUrlOptions extends HttpOptions {
  url: string;
}

const BUNDLE_TYPES = new Set([
  'searchset',
  'collection',
  'document',
  'transaction',
  'batch',
  'transaction-response',
  'batch-response',
  'message',
]);
const CURSOR = 'bundle-page:';
/** Parameters that choose the page of an answer (or only its count), not what it holds. */
const PAGING = new Set(['_count', '_offset', '_summary']);
/** What `parseReference` reads as an absolute URL (it trims first). */
const ABSOLUTE = /^\s*https?:\/\//i;

interface Entry {
  resource: Resource;
  fullUrl?: string;
  /** The server base of an absolute `fullUrl` ending in `Type/id`: relative references inside resolve against it. */
  base?: string;
}

const invalid = <R extends RecordErrorReason>(reason: R, params: RecordErrorParams[R], url?: string) =>
  new RecordError('invalid-response', reason, params, { url });

function isResource(value: unknown): value is Resource {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { resourceType?: unknown }).resourceType === 'string'
  );
}

/** Of several copies of one resource (versions in a history or collection), the newest. */
function newest(entries: Entry[] | undefined, version?: string): Entry | undefined {
  if (!entries?.length) return undefined;
  if (version !== undefined) {
    return entries.find((entry) => entry.resource.meta?.versionId === version) ?? newest(entries);
  }
  const rank = (entry: Entry) => {
    const versionId = Number(entry.resource.meta?.versionId);
    return Number.isNaN(versionId) ? 0 : versionId;
  };
  return entries.reduce((best, entry) => (rank(entry) > rank(best) ? entry : best));
}

/** Adds `value` to the list at `key`; true when the list was already there (a repeated key). */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): boolean {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
  return list !== undefined;
}

/**
 * Entries by key: an entry alone as itself, copies of one resource (a history) as a list, so a
 * Bundle of thousands of resources keeps no list per resource.
 */
class EntriesBy {
  readonly #entries = new Map<string, Entry | Entry[]>();

  /** Adds `entry` at `key`; true when the key was already there (a repeated key). */
  add(key: string, entry: Entry): boolean {
    const known = this.#entries.get(key);
    if (known === undefined) this.#entries.set(key, entry);
    else if (Array.isArray(known)) known.push(entry);
    else this.#entries.set(key, [known, entry]);
    return known !== undefined;
  }

  get(key: string): Entry[] | undefined {
    const known = this.#entries.get(key);
    return known === undefined || Array.isArray(known) ? known : [known];
  }
}

/**
 * Every entry indexed once, by type, `fullUrl` and `Type/id` (entries `add`ed, then `settle`d);
 * by identifier on the first conditional reference that needs it (most records never use one).
 * Keeps the resources and the Bundle's type, not the Bundle's own entry list.
 */
class BundleIndex implements ReferenceContext {
  readonly type: Bundle['type'];
  readonly #entries: Entry[] = [];
  readonly #byType = new Map<string, Resource[]>();
  readonly #byFullUrl = new EntriesBy();
  /** By type, then id (the resource's own id string: no `Type/id` text is made per entry). */
  readonly #byTypeId = new Map<string, EntriesBy>();
  #byIdentifier?: Map<string, Entry[]>;
  readonly #entryOf = new Map<Resource, Entry>();
  /** Every entry is its only copy unless a key repeats (`settle` then redoes the lists by type). */
  #repeated = false;
  /** Each search's matches in order, by query without its paging: the Bundle never changes, so a later page only slices. */
  readonly #answers = new Map<string, Promise<readonly Resource[]>>();

  constructor(type: Bundle['type']) {
    this.type = type;
  }

  get size(): number {
    return this.#entries.length;
  }

  add(entry: Entry): void {
    const { resource, fullUrl } = entry;
    this.#entries.push(entry);
    this.#entryOf.set(resource, entry);
    if (fullUrl && this.#byFullUrl.add(fullUrl, entry)) this.#repeated = true;
    if (resource.id) {
      let ofType = this.#byTypeId.get(resource.resourceType);
      if (!ofType) this.#byTypeId.set(resource.resourceType, (ofType = new EntriesBy()));
      if (ofType.add(resource.id, entry)) this.#repeated = true;
    }
    push(this.#byType, resource.resourceType, resource);
  }

  /** After the last `add`: a search sees each resource once, in its newest copy (copies share a fullUrl, or else a Type/id). */
  async settle(slices: TaskSlices, signal?: AbortSignal): Promise<void> {
    if (!this.#repeated) return;
    this.#byType.clear();
    for (const entry of this.#entries) {
      if (slices.due) await slices.next(signal);
      const { resource, fullUrl } = entry;
      const copies = fullUrl
        ? this.#byFullUrl.get(fullUrl)
        : resource.id
          ? this.#withId(resource.resourceType, resource.id)?.filter((other) => !other.fullUrl)
          : undefined;
      if (!copies || newest(copies) === entry) push(this.#byType, resource.resourceType, resource);
    }
  }

  /** The resources of one type, newest copy of each, in Bundle order (the index's own list: do not change it). */
  ofType(type: string): readonly Resource[] {
    return this.#byType.get(type) ?? [];
  }

  /**
   * The resources of `type` that match `values` (`_sort` applied), worked out once per query in
   * slices (see `TaskSlices`). The work is shared by every caller and not cancelled with one.
   */
  matches(type: string, values: ReadonlyMap<string, string[]>): Promise<readonly Resource[]> {
    const query = [...values].filter(([name]) => !PAGING.has(name)).sort(([a], [b]) => (a < b ? -1 : 1));
    const key = JSON.stringify([type, query]);
    let answer = this.#answers.get(key);
    if (!answer) {
      answer = this.#search(type, values);
      this.#answers.set(key, answer);
    }
    return answer;
  }

  async #search(type: string, values: ReadonlyMap<string, string[]>): Promise<readonly Resource[]> {
    const matches = searchFilter(values, this);
    const found: Resource[] = [];
    const slices = new TaskSlices();
    for (const resource of this.ofType(type)) {
      if (slices.due) await slices.next();
      if (matches(resource)) found.push(resource);
    }
    return sortResources(found, values.get('_sort')?.[0]);
  }

  /** `Type?system|value` and `Type?value` for every identifier with a value, built on first use. */
  #identifierIndex(): Map<string, Entry[]> {
    if (this.#byIdentifier) return this.#byIdentifier;
    const index = new Map<string, Entry[]>();
    for (const entry of this.#entries) {
      const { resource } = entry;
      const identifiers = (resource as { identifier?: unknown }).identifier;
      for (const identifier of [identifiers].flat() as (Identifier | undefined)[]) {
        if (typeof identifier?.value !== 'string') continue;
        push(index, `${resource.resourceType}?${identifier.system ?? ''}|${identifier.value}`, entry);
        push(index, `${resource.resourceType}?${identifier.value}`, entry);
      }
    }
    this.#byIdentifier = index;
    return index;
  }

  fullUrlOf(resource: Resource): string | undefined {
    return this.#entryOf.get(resource)?.fullUrl;
  }

  read(type: string, id: string): Resource | undefined {
    return newest(this.#withId(type, id))?.resource;
  }

  baseOf(resource: Resource): string | undefined {
    return this.#entryOf.get(resource)?.base;
  }

  keysOf(resource: Resource): string[] {
    const keys = resource.id ? [typeIdKey(resource.resourceType, resource.id)] : [];
    const fullUrl = this.#entryOf.get(resource)?.fullUrl;
    return fullUrl ? [...keys, fullUrl] : keys;
  }

  locate(reference: string, from?: Resource): Resource | undefined {
    const parsed = parseReference(reference);
    switch (parsed.kind) {
      case 'contained':
        return parsed.id === ''
          ? from
          : (from as DomainResource | undefined)?.contained?.find((one) => one.id === parsed.id);
      case 'urn':
        return newest(this.#byFullUrl.get(parsed.urn))?.resource;
      case 'conditional':
        return this.#conditional(parsed.type, parsed.query);
      case 'relative': {
        const base = from && this.#entryOf.get(from)?.base;
        const key = typeIdKey(parsed.type, parsed.id);
        return (
          (base && newest(this.#byFullUrl.get(base + key), parsed.version)?.resource) ||
          this.#byKey(parsed.type, parsed.id, base, parsed.version)
        );
      }
      case 'absolute': {
        if (!parsed.type || !parsed.id) return newest(this.#byFullUrl.get(parsed.url))?.resource;
        const key = typeIdKey(parsed.type, parsed.id);
        return (
          newest(this.#byFullUrl.get(`${parsed.base}${key}`), parsed.version)?.resource ??
          this.#byKey(parsed.type, parsed.id, parsed.base, parsed.version)
        );
      }
      default:
        return undefined;
    }
  }

  /**
   * `Type/id` among entries that are not known to live on another server: an entry with an
   * absolute `fullUrl` answers only for references on the same base.
   */
  #byKey(type: string, id: string, base: string | undefined, version?: string): Resource | undefined {
    const candidates = this.#withId(type, id)?.filter((entry) => !base || !entry.base || entry.base === base);
    return newest(candidates, version)?.resource;
  }

  /** Every entry of `type` with `id` (copies of one resource), in Bundle order. */
  #withId(type: string, id: string): Entry[] | undefined {
    return this.#byTypeId.get(type)?.get(id);
  }

  /** `Type?identifier=system|value` (and any other supported search), when exactly one entry matches. */
  #conditional(type: string, query: string): Resource | undefined {
    const params = paramValues(fromQuery(query));
    const identifier = params.get('identifier');
    const indexed =
      identifier?.length === 1 && !identifier[0].includes(',')
        ? this.#identifierIndex()
            .get(`${type}?${identifier[0]}`)
            ?.map((entry) => entry.resource)
        : undefined;
    const candidates = indexed ?? this.ofType(type);
    const matches = [...new Set(filterResources(candidates, params, this))];
    return matches.length === 1 ? matches[0] : undefined;
  }
}

/** What each start of a `fullUrl` gave as the server base (`null`: none). */
type Bases = Map<string, string | null>;

/** A FHIR id: nothing in it that a URL would rewrite. */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * The server base of an http(s) `fullUrl` that ends in its resource's `Type/id`, else `undefined`
 * (a `urn:uuid:` one, the usual kind, has none). Worked out once per start of the URL (a URL parse
 * per entry would be a tenth of indexing a Bundle), so entries of one server share one string.
 */
function baseOf(fullUrl: string, resource: Resource, bases: Bases): string | undefined {
  if (!ABSOLUTE.test(fullUrl)) return undefined;
  const parsed = () => {
    const reference = parseReference(fullUrl);
    return (
      (reference.kind === 'absolute' && reference.type === resource.resourceType && reference.base) || null
    );
  };
  const { id } = resource;
  const tail = id && FHIR_ID.test(id) ? typeIdKey(resource.resourceType, id) : undefined;
  if (!tail || !fullUrl.endsWith(`/${tail}`)) return parsed() ?? undefined;
  const start = fullUrl.slice(0, -tail.length);
  let base = bases.get(start);
  if (base === undefined) bases.set(start, (base = parsed()));
  return base ?? undefined;
}

/**
 * Reads the Bundle, or says why it cannot be used as a record; indexes it in
 * slices (see `TaskSlices`), so a Bundle of thousands of entries holds up no task for long. A
 * Bundle fetched from `url` (parsed here, held by nothing else) keeps one copy of each repeated string.
 */
async function indexBundle(value: unknown, url?: string, signal?: AbortSignal): Promise<BundleIndex> {
  if (!isResource(value)) {
    throw invalid('bundle-not-resource', {}, url);
  }
  if (value.resourceType !== 'Bundle') {
    throw invalid('bundle-wrong-type', { sent: value.resourceType }, url);
  }
  const bundle = value as Bundle;
  if (!BUNDLE_TYPES.has(bundle.type)) {
    throw invalid('bundle-type-unsupported', { bundleType: String(bundle.type) }, url);
  }
  const rawEntries: unknown[] = Array.isArray(bundle.entry) ? bundle.entry : [];
  if (rawEntries.length === 0) throw invalid('bundle-empty', {}, url);
  const index = new BundleIndex(bundle.type);
  const bases: Bases = new Map();
  const strings = url === undefined ? undefined : new Map<string, string>();
  const slices = new TaskSlices();
  for (const raw of rawEntries) {
    if (slices.due) await slices.next(signal);
    const { resource, fullUrl } = (raw ?? {}) as { resource?: unknown; fullUrl?: unknown };
    if (!isResource(resource)) continue;
    if (strings) shareStrings(resource, strings);
    const entry: Entry = { resource };
    if (typeof fullUrl === 'string' && fullUrl !== '') {
      entry.fullUrl = fullUrl;
      const base = baseOf(fullUrl, resource, bases);
      if (base !== undefined) entry.base = base;
    }
    index.add(entry);
  }
  if (index.size === 0) {
    throw invalid('bundle-no-resources', {}, url);
  }
  await index.settle(slices, signal);
  return index;
}

/**
 * A whole record held in one FHIR Bundle (searchset, collection, document, transaction, batch
 * or a response to one), given as an object or fetched once from a URL. Searches run in memory.
 *
 * Search parameters: `patient` / `subject` (a `Patient/123`, bare `123` meaning a Patient id,
 * full URL or `urn:uuid:` reference, matched against `subject`, `patient` and `beneficiary` as
 * they resolve in the Bundle), `identifier`, `_id`, `status` (and `status:not`), `date` (on the
 * record's natural date), `_sort` (`date`, `-date`, `_lastUpdated`), `_count` with `_offset`
 * (pages, followed with `searchNext`) and `_summary=count`. Any other parameter, `_include` and
 * `_revinclude` among them, is ignored: every reference resolves from the whole Bundle anyway.
 *
 * An unresolvable reference resolves to `undefined`, not an error: the Bundle is all there is.
 */
export class BundleSource implements RecordSource {
  readonly inMemory = true;
  readonly #bundle?: unknown;
  readonly #url?: string;
  readonly #http?: FhirHttp;
  readonly #loads = new RequestCache<BundleIndex>(Infinity);
  /** A `url` that is not one: every call says so. */
  #invalid?: RecordError;
  /** The index of a Bundle given as an object, made on first use (or why it cannot be). */
  #indexing?: Promise<BundleIndex>;
  /** The index last read (of a fetched Bundle too), for the synchronous `fullUrlOf`. */
  #last?: BundleIndex;

  constructor(input: Bundle | BundleUrlOptions) {
    const url = (input as { url?: unknown } | null)?.url;
    if (isResource(input) || typeof url !== 'string') {
      // Anything but URL options is taken as the Bundle and checked on first use.
      this.#bundle = input;
      return;
    }
    this.#http = new FhirHttp(input as BundleUrlOptions);
    try {
      this.#url = absoluteUrl(url);
    } catch {
      this.#invalid = invalid('bundle-invalid-url', { url });
    }
  }

  async read<T extends Resource = FhirResource>(
    type: T['resourceType'],
    id: string,
    options: RequestOptions = {},
  ): Promise<T> {
    const index = await this.#ready(options.signal);
    const resource = index.read(type, id);
    if (!resource) throw new RecordError('not-found', 'no-such-resource', { type, id });
    return resource as T;
  }

  async search<T extends Resource = FhirResource>(
    type: T['resourceType'],
    params: SearchParams = {},
    options: RequestOptions = {},
  ): Promise<SearchResult<T>> {
    const index = await this.#ready(options.signal);
    const values = paramValues(params);
    const first = (name: string) => values.get(name)?.[0];
    const matches = (await index.matches(type, values)) as readonly T[];
    options.signal?.throwIfAborted();
    const total = matches.length;
    if (first('_summary') === 'count') return { resources: [], included: [], total };
    const count = Number(first('_count'));
    if (!Number.isInteger(count) || count < 0) return { resources: [...matches], included: [], total };
    const offset = Math.max(0, Math.trunc(Number(first('_offset') ?? 0)) || 0);
    const end = offset + count;
    const next =
      count > 0 && end < total
        ? `${CURSOR}${type}?${toQuery({ ...params, _offset: String(end) })}`
        : undefined;
    return { resources: matches.slice(offset, end), included: [], total, ...(next ? { next } : {}) };
  }

  async searchNext<T extends Resource = FhirResource>(
    next: string,
    options: RequestOptions = {},
  ): Promise<SearchResult<T>> {
    const match = next.startsWith(CURSOR) ? /^([A-Z][A-Za-z]+)\?(.*)$/.exec(next.slice(CURSOR.length)) : null;
    if (!match) throw invalid('foreign-page-link', {});
    return this.search<T>(match[1] as T['resourceType'], fromQuery(match[2]), options);
  }

  async resolve<T extends Resource = FhirResource>(
    reference: Reference | string,
    options: ResolveOptions = {},
  ): Promise<T | undefined> {
    const ref = typeof reference === 'string' ? reference : reference?.reference;
    if (typeof ref !== 'string' || ref === '') return undefined;
    const index = await this.#ready(options.signal);
    return index.locate(ref, options.from) as T | undefined;
  }

  /** The single Patient, or for a document the `Composition.subject`; `undefined` when there are several or none. */
  async defaultPatient(options: RequestOptions = {}): Promise<FhirResource | undefined> {
    const index = await this.#ready(options.signal);
    if (index.type === 'document') {
      const composition = index.ofType('Composition')[0] as Composition | undefined;
      const ref = composition?.subject?.reference;
      const subject = ref ? index.locate(ref, composition) : undefined;
      if (subject?.resourceType === 'Patient') return subject as FhirResource;
    }
    const patients = index.ofType('Patient');
    return patients.length === 1 ? (patients[0] as FhirResource) : undefined;
  }

  fullUrlOf(resource: Resource): string | undefined {
    return this.#last?.fullUrlOf(resource);
  }

  /** Forgets a Bundle fetched from a URL, so the next call fetches it again. */
  clear(): void {
    this.#loads.clear();
    if (this.#url !== undefined) this.#last = undefined;
  }

  async #ready(signal?: AbortSignal): Promise<BundleIndex> {
    if (signal?.aborted) throw abortError();
    if (this.#invalid) throw this.#invalid;
    const url = this.#url;
    const http = this.#http;
    if (url === undefined || !http) {
      // Kept, and so is the reason a Bundle cannot be read: it will not change.
      this.#indexing ??= indexBundle(this.#bundle);
      const index = await this.#indexing;
      signal?.throwIfAborted();
      return (this.#last = index);
    }
    // Kept until `clear()`; a failed fetch is not kept, so the next call tries again. The Bundle
    // is indexed on a later task than the one that parsed it.
    const index = await this.#loads.get(
      url,
      async (loadSignal) => {
        const bundle = await http.get(url, loadSignal);
        await nextTask();
        loadSignal.throwIfAborted();
        return indexBundle(bundle, url, loadSignal);
      },
      signal,
    );
    this.#last = index;
    return index;
  }
}
