import type { Bundle, FhirResource, Reference, Resource } from 'fhir/r4';
import type { BundleUrlOptions } from './bundle-source.js';
import type { FhirRestSource, FhirRestSourceOptions } from './fhir-rest-source.js';
import type {
  DocumentBytes,
  ReadDocumentOptions,
  RecordSource,
  RequestOptions,
  ResolveOptions,
  SearchParams,
  SearchResult,
} from './record-source.js';

/**
 * A source whose implementation module is imported on first use, so a page that reads from a
 * FHIR server never downloads the Bundle reader, and one that reads a Bundle never downloads the
 * REST client (the CDN build puts each in its own chunk).
 */
export class LazySource implements RecordSource {
  readonly #load: () => Promise<RecordSource>;
  #loading?: Promise<RecordSource>;
  /** The loaded source, for the synchronous methods. */
  protected loaded?: RecordSource;

  constructor(load: () => Promise<RecordSource>) {
    this.#load = load;
  }

  /** The source itself, once its module is imported. */
  load(): Promise<RecordSource> {
    this.#loading ??= this.#load().then((source) => (this.loaded = source));
    return this.#loading;
  }

  async read<T extends Resource = FhirResource>(
    type: T['resourceType'],
    id: string,
    options?: RequestOptions,
  ): Promise<T> {
    return (await this.load()).read<T>(type, id, options);
  }

  async search<T extends Resource = FhirResource>(
    type: T['resourceType'],
    params?: SearchParams,
    options?: RequestOptions,
  ): Promise<SearchResult<T>> {
    return (await this.load()).search<T>(type, params, options);
  }

  async searchNext<T extends Resource = FhirResource>(
    next: string,
    options?: RequestOptions,
  ): Promise<SearchResult<T>> {
    return (await this.load()).searchNext<T>(next, options);
  }

  async resolve<T extends Resource = FhirResource>(
    reference: Reference | string,
    options?: ResolveOptions,
  ): Promise<T | undefined> {
    return (await this.load()).resolve<T>(reference, options);
  }

  clear(): void {
    this.loaded?.clear?.();
  }
}

/** A Bundle source: it can name its own patient and the `fullUrl` of what it returned. */
class LazyBundleSource extends LazySource {
  readonly inMemory = true;

  async defaultPatient(options?: RequestOptions): Promise<FhirResource | undefined> {
    return (await this.load()).defaultPatient?.(options);
  }

  /** Only resources this source returned have a `fullUrl`, and by then it is loaded. */
  fullUrlOf(resource: Resource): string | undefined {
    return this.loaded?.fullUrlOf?.(resource);
  }
}

/** A REST source: it can read a document at an address on the endpoint's origin. */
class LazyRestSource extends LazySource {
  async readDocument(url: string, options: ReadDocumentOptions): Promise<DocumentBytes> {
    return ((await this.load()) as FhirRestSource).readDocument(url, options);
  }
}

/** A `FhirRestSource`, its module imported on first use. */
export const lazyRestSource = (options: FhirRestSourceOptions): RecordSource =>
  new LazyRestSource(async () => new (await import('./fhir-rest-source.js')).FhirRestSource(options));

/** A `BundleSource`, its module imported on first use. */
export const lazyBundleSource = (input: Bundle | BundleUrlOptions): RecordSource =>
  new LazyBundleSource(async () => new (await import('./bundle-source.js')).BundleSource(input));
