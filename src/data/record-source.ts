import type { FhirResource, OperationOutcome, Reference, Resource } from 'fhir/r4';

/** Search parameters; an array value repeats the parameter (`date=ge2020&date=le2021`). */
export type SearchParams = Record<string, string | number | ReadonlyArray<string | number> | undefined>;

export interface RequestOptions {
  /** Cancels the call; the promise then rejects with an `AbortError`. */
  signal?: AbortSignal;
  /** Asks the server again instead of reusing an answer kept in memory (a search it has since forgotten). */
  fresh?: boolean;
}

export interface ResolveOptions extends RequestOptions {
  /**
   * The resource the reference was found in: `#id` references resolve against its `contained`
   * resources, and references to `_include`d resources resolve from the same search result.
   */
  from?: Resource;
}

export interface ReadDocumentOptions extends RequestOptions {
  /** Bytes read at most: the rest of a longer document is not downloaded. */
  maxBytes: number;
}

/** A document read from its address: its content type and (at most `maxBytes` of) its bytes. */
export interface DocumentBytes {
  contentType?: string;
  bytes: Uint8Array<ArrayBuffer>;
  /** False when the document is longer than `maxBytes` and `bytes` is its beginning. */
  complete: boolean;
  /** The whole document's size in bytes, when known. */
  size?: number;
}

/** One page of a search. */
export interface SearchResult<T extends Resource = FhirResource> {
  /** The matches (`search.mode` `match`, or every entry of the right type), in server order. */
  resources: T[];
  /** Resources returned alongside the matches (`_include`, `search.mode` `include`). */
  included: Resource[];
  /** `Bundle.total` when the server gave one. */
  total?: number;
  /** Opaque cursor for the next page (pass to `searchNext`); absent on the last page. */
  next?: string;
  /** What the server said about the search inside the page (`search.mode` `outcome`): e.g. that data was withheld. */
  outcomes?: OperationOutcome[];
}

/**
 * Where a record comes from. Every element reads through one of these and never fetches by
 * itself, so requests are shared, cached and cancelled in one place.
 */
export interface RecordSource {
  /** Reads one resource; rejects with a `RecordError` of kind `not-found` when there is none. */
  read<T extends Resource = FhirResource>(
    type: T['resourceType'],
    id: string,
    options?: RequestOptions,
  ): Promise<T>;
  search<T extends Resource = FhirResource>(
    type: T['resourceType'],
    params?: SearchParams,
    options?: RequestOptions,
  ): Promise<SearchResult<T>>;
  /** The page after `next` (a `SearchResult.next` cursor from this source). */
  searchNext<T extends Resource = FhirResource>(
    next: string,
    options?: RequestOptions,
  ): Promise<SearchResult<T>>;
  /** Resolves a reference; `undefined` when it has no `reference` (a display-only reference). */
  resolve<T extends Resource = FhirResource>(
    reference: Reference | string,
    options?: ResolveOptions,
  ): Promise<T | undefined>;
  /**
   * The record's own patient when the source holds exactly one (a single-patient Bundle or a
   * document's `Composition.subject`); `undefined` when it cannot say.
   */
  defaultPatient?(options?: RequestOptions): Promise<FhirResource | undefined>;
  /**
   * The `fullUrl` this source knows a resource by (a Bundle entry's), so a Patient with no id can
   * still be searched for and recognised in references; `undefined` when it has none.
   */
  fullUrlOf?(resource: Resource): string | undefined;
  /**
   * Reads a document a record links to by a web address that is not a FHIR resource (an
   * `Attachment.url` such as `/documents/letter.pdf`), with the source's own credentials and only
   * from where those may go; rejects with `link-cross-origin` (link `document`) for an address
   * anywhere else, which is then offered as a plain link instead. Sources that read no further
   * than what they hold (a Bundle) leave it out.
   */
  readDocument?(url: string, options: ReadDocumentOptions): Promise<DocumentBytes>;
  /**
   * The source answers from memory (a Bundle): the size of a page only paces how often a list draws
   * what it has read, not how long a server takes to send it, so later pages may be large.
   */
  readonly inMemory?: boolean;
  /** Forgets every cached answer (a `refresh()`). */
  clear?(): void;
}
