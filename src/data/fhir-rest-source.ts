import type { Bundle, DomainResource, FhirResource, OperationOutcome, Reference, Resource } from 'fhir/r4';
import { parseReference, typeIdKey, type ParsedReference } from '../format/references.js';
import { abortError, FhirHttp, outcomeText } from './fhir-http.js';
import type { HttpOptions } from './fhir-http.js';
import { RecordError, type LinkKind } from './record-error.js';
import type {
  DocumentBytes,
  ReadDocumentOptions,
  RecordSource,
  RequestOptions,
  ResolveOptions,
  SearchParams,
  SearchResult,
} from './record-source.js';
import { absoluteUrl, originOf } from './references.js';
import { RequestCache } from './request-cache.js';
import { fromQuery, toQuery } from './search-params.js';
import { shareStrings } from './shared-strings.js';

export interface FhirRestSourceOptions extends HttpOptions {
  /** The FHIR R4 base URL, e.g. `https://fhir.example.nhs.uk/R4` (relative URLs resolve against the page). */
  endpoint: string;
  /** Milliseconds an answer is reused; default 30 s; 0 turns the cache off (requests are still shared). */
  cacheTtl?: number;
}

/**
 * One search page's resources (matches and includes) with their `fullUrl`s, in entry order, so
 * references between them resolve locally. Looked through, not indexed: a page holds at most a
 * few thousand, and a reference is looked up once per list.
 */
interface Page {
  resources: Resource[];
  /** Each entry's `fullUrl`; `true` for the usual one, `<endpoint>/<Type>/<id>`, which is not kept. */
  fullUrls: (string | true | undefined)[];
}

/** What a GET checks its answer against: the resource read (when known), or a search of `search`. */
type Expected = { type?: string; id?: string } | { search: string | undefined };

/** Entries in a search page from which its repeated strings are kept once (`shareStrings`). */
const SHARED_STRINGS_FROM = 200;

/** Reads a record from a FHIR R4 REST server. Returned resources are shared between callers: treat them as read-only. */
export class FhirRestSource implements RecordSource {
  /** The base URL, absolute, without a trailing slash. */
  readonly endpoint: string;
  readonly #origin: string;
  readonly #invalid?: RecordError;
  readonly #http: FhirHttp;
  readonly #cache: RequestCache<FhirResource>;
  /** Search pages, kept as what was read from them (not the Bundle as sent, with its entry wrappers). */
  readonly #searches: RequestCache<SearchResult>;
  readonly #pages = new WeakMap<Resource, Page>();

  constructor(options: FhirRestSourceOptions) {
    this.#http = new FhirHttp(options);
    this.#cache = new RequestCache(options.cacheTtl ?? 30_000);
    this.#searches = new RequestCache(options.cacheTtl ?? 30_000);
    let endpoint = options.endpoint;
    try {
      endpoint = absoluteUrl(options.endpoint).replace(/\/+$/, '');
      if (!/^https?:$/.test(new URL(endpoint).protocol)) throw new TypeError('not http(s)');
    } catch (cause) {
      this.#invalid = new RecordError(
        'network',
        'invalid-endpoint',
        { endpoint: options.endpoint },
        { cause },
      );
    }
    this.endpoint = endpoint;
    this.#origin = originOf(endpoint) ?? '';
  }

  async read<T extends Resource = FhirResource>(
    type: T['resourceType'],
    id: string,
    options: RequestOptions = {},
  ): Promise<T> {
    const url = `${this.endpoint}/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
    return (await this.#get(url, { type, id }, options.signal)) as T;
  }

  async search<T extends Resource = FhirResource>(
    type: T['resourceType'],
    params: SearchParams = {},
    options: RequestOptions = {},
  ): Promise<SearchResult<T>> {
    const query = toQuery(params);
    const url = `${this.endpoint}/${encodeURIComponent(type)}${query ? `?${query}` : ''}`;
    if (options.fresh) this.#searches.forget(url);
    return this.#search<T>(url, type, options.signal);
  }

  async searchNext<T extends Resource = FhirResource>(
    next: string,
    options: RequestOptions = {},
  ): Promise<SearchResult<T>> {
    const url = this.#checkOrigin(next, 'next');
    const path = url.startsWith(`${this.endpoint}/`) ? url.slice(this.endpoint.length + 1) : '';
    const type = /^([A-Z][A-Za-z]+)(?:[?/]|$)/.exec(path)?.[1];
    return this.#search<T>(url, type, options.signal);
  }

  async resolve<T extends Resource = FhirResource>(
    reference: Reference | string,
    options: ResolveOptions = {},
  ): Promise<T | undefined> {
    const ref = typeof reference === 'string' ? reference : reference?.reference;
    if (typeof ref !== 'string' || ref === '') return undefined;
    const { from, signal } = options;
    if (signal?.aborted) throw abortError();
    const parsed = parseReference(ref);
    if (parsed.kind === 'contained') {
      const found =
        parsed.id === ''
          ? from
          : (from as DomainResource | undefined)?.contained?.find((one) => one.id === parsed.id);
      if (!found) throw new RecordError('not-found', 'contained-not-found', { ref });
      return found as T;
    }
    const local = from && this.#lookup(this.#pages.get(from), parsed);
    if (local) return local as T;
    switch (parsed.kind) {
      case 'urn':
        throw new RecordError('not-found', 'reference-not-sent', { ref });
      case 'conditional':
        return (await this.#resolveConditional(parsed.type, parsed.query, ref, signal)) as T;
      case 'relative':
        return (await this.#readVersion(parsed.type, parsed.id, parsed.version, signal)) as T;
      case 'absolute': {
        const url = this.#checkOrigin(parsed.url, 'reference');
        if (parsed.type && parsed.id && parsed.base === `${this.endpoint}/`) {
          return (await this.#readVersion(parsed.type, parsed.id, parsed.version, signal)) as T;
        }
        return (await this.#get(url, { type: parsed.type, id: parsed.id }, signal)) as T;
      }
      default:
        throw new RecordError('invalid-response', 'reference-unfollowable', { ref });
    }
  }

  /**
   * A document at an address on the endpoint's origin, with the token and headers and under the
   * same redirect rules as every request; never cached (an element holds it while it is open).
   */
  async readDocument(url: string, options: ReadDocumentOptions): Promise<DocumentBytes> {
    if (this.#invalid) throw this.#invalid;
    const absolute = this.#checkOrigin(url, 'document');
    return this.#http.getBytes(absolute, options.maxBytes, options.signal);
  }

  clear(): void {
    this.#cache.clear();
    this.#searches.clear();
  }

  #readVersion(type: string, id: string, version: string | undefined, signal?: AbortSignal) {
    if (version === undefined) return this.read(type as FhirResource['resourceType'], id, { signal });
    const url = `${this.endpoint}/${encodeURIComponent(type)}/${encodeURIComponent(id)}/_history/${encodeURIComponent(version)}`;
    return this.#get(url, { type, id }, signal);
  }

  async #resolveConditional(type: string, query: string, ref: string, signal?: AbortSignal) {
    const { resources } = await this.search(type as FhirResource['resourceType'], fromQuery(query), {
      signal,
    });
    if (resources.length === 1) return resources[0];
    throw resources.length === 0
      ? new RecordError('not-found', 'reference-no-match', { ref })
      : new RecordError('not-found', 'reference-ambiguous', { ref, count: resources.length });
  }

  /** Credentials only ever go to the endpoint's origin: anything else is refused before a request is made. */
  #checkOrigin(url: string, link: LinkKind): string {
    let absolute: URL;
    try {
      absolute = new URL(url, `${this.endpoint}/`);
    } catch {
      throw new RecordError('invalid-response', 'link-invalid', { link });
    }
    if (absolute.origin !== this.#origin) {
      throw new RecordError('invalid-response', 'link-cross-origin', {
        link,
        target: absolute.origin,
        origin: this.#origin,
      });
    }
    return absolute.href;
  }

  /** A GET of a resource through the shared cache. */
  async #get(url: string, expect: Expected, signal?: AbortSignal): Promise<FhirResource> {
    if (this.#invalid) throw this.#invalid;
    return this.#cache.get(url, (loadSignal) => this.#fetch(url, expect, loadSignal), signal);
  }

  /** A search page through its own cache; each caller gets its own lists (callers may sort or filter them). */
  async #search<T extends Resource>(
    url: string,
    type: string | undefined,
    signal?: AbortSignal,
  ): Promise<SearchResult<T>> {
    if (this.#invalid) throw this.#invalid;
    const result = await this.#searches.get(
      url,
      async (loadSignal) =>
        this.#index((await this.#fetch(url, { search: type }, loadSignal)) as Bundle, type),
      signal,
    );
    return { ...result, resources: [...result.resources], included: [...result.included] } as SearchResult<T>;
  }

  /** A GET, checked to be the resource (or search result) asked for. */
  async #fetch(url: string, expect: Expected, signal: AbortSignal): Promise<FhirResource> {
    const resource = await this.#http.get(url, signal);
    const sent = resource.resourceType;
    const outcome = sent === 'OperationOutcome' ? resource : undefined;
    // A 200 carrying an OperationOutcome still explains itself.
    const init = { url, outcome, serverText: outcomeText(outcome) };
    if ('search' in expect) {
      if (sent !== 'Bundle') {
        throw new RecordError('invalid-response', 'search-not-bundle', { search: expect.search, sent }, init);
      }
    } else if (expect.type && sent !== expect.type) {
      throw new RecordError('invalid-response', 'wrong-type', { expected: expect.type, sent }, init);
    } else if (expect.type && expect.id && resource.id !== undefined && resource.id !== expect.id) {
      throw new RecordError(
        'invalid-response',
        'wrong-id',
        { type: expect.type, expected: expect.id, sent: resource.id },
        init,
      );
    }
    return resource;
  }

  #index(bundle: Bundle, type?: string): SearchResult {
    const resources: FhirResource[] = [];
    const included: Resource[] = [];
    const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
    // A page of a few dozen records keeps few copies of anything: sharing them would cost the
    // first rows more time than it saves memory. Long pages (a long record's later ones) share.
    if (entries.length > SHARED_STRINGS_FROM) shareStrings(bundle, new Map());
    const outcomes: OperationOutcome[] = [];
    const page: Page = { resources: [], fullUrls: [] };
    for (const entry of entries) {
      const resource = entry?.resource;
      if (typeof resource?.resourceType !== 'string') continue;
      const mode = entry.search?.mode;
      if (
        mode === 'match' ||
        (mode === undefined && (type === undefined || resource.resourceType === type))
      ) {
        resources.push(resource as FhirResource);
      } else if (mode !== 'outcome') {
        included.push(resource);
      } else if (resource.resourceType === 'OperationOutcome') {
        outcomes.push(resource as OperationOutcome);
      }
      page.resources.push(resource);
      const fullUrl = typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined;
      const usual = resource.id
        ? `${this.endpoint}/${typeIdKey(resource.resourceType, resource.id)}`
        : undefined;
      page.fullUrls.push(fullUrl !== undefined && fullUrl === usual ? true : fullUrl);
      this.#pages.set(resource, page);
    }
    const link = (Array.isArray(bundle.link) ? bundle.link : []).find((one) => one?.relation === 'next')?.url;
    let next: string | undefined;
    if (typeof link === 'string' && link !== '') {
      try {
        next = new URL(link, `${this.endpoint}/`).href;
      } catch {
        next = link;
      }
    }
    const total = typeof bundle.total === 'number' ? bundle.total : undefined;
    return { resources, included, total, next, ...(outcomes.length ? { outcomes } : {}) };
  }

  #lookup(page: Page | undefined, parsed: ParsedReference): Resource | undefined {
    if (!page) return undefined;
    switch (parsed.kind) {
      case 'urn':
        return onPage(page, this.endpoint, parsed.urn);
      case 'relative':
        return onPage(page, this.endpoint, typeIdKey(parsed.type, parsed.id));
      case 'absolute':
        return (
          onPage(page, this.endpoint, parsed.url) ??
          (parsed.type && parsed.id && parsed.base === `${this.endpoint}/`
            ? onPage(page, this.endpoint, typeIdKey(parsed.type, parsed.id))
            : undefined)
        );
      default:
        return undefined;
    }
  }
}

/** The resource on `page` known by `key` (its `fullUrl`, or its `Type/id`); the last one when several are. */
function onPage(page: Page, endpoint: string, key: string): Resource | undefined {
  for (let i = page.resources.length - 1; i >= 0; i -= 1) {
    const resource = page.resources[i];
    const fullUrl = page.fullUrls[i];
    if (fullUrl === key) return resource;
    if (!resource.id) continue;
    const typeId = typeIdKey(resource.resourceType, resource.id);
    if (typeId === key || (fullUrl === true && `${endpoint}/${typeId}` === key)) return resource;
  }
  return undefined;
}
