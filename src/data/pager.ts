import type { FhirResource, Resource } from 'fhir/r4';
import { abortError, outcomeText } from './fhir-http.js';
import { isAbortError, RecordError } from './record-error.js';
import type { RecordSource, RequestOptions, SearchParams, SearchResult } from './record-source.js';
import { checkSubjects, type PatientIdentity } from './subject.js';

/** Pages one search follows at most before it stops and says so (a server whose `next` links never end). */
export const MAX_PAGES = 1000;
/** Resources one search holds at most before it stops and says so. */
export const MAX_RESOURCES = 100_000;

export interface PagerOptions {
  /** The patient the search is about: sent as `patient=`, and every match is checked against it. */
  patient?: PatientIdentity;
  /** `_count` of the first page, so the first rows come quickly (default: the caller's `_count`, else the server's). */
  pageSize?: number;
  /**
   * `_count` of the pages after it: a `next` link that carries `_count` asks for this many instead
   * (fewer round trips for a long record). Links without `_count` (opaque cursors) are followed as sent.
   */
  nextPageSize?: number;
  /** Default `MAX_PAGES`. */
  maxPages?: number;
  /** Default `MAX_RESOURCES`. */
  maxResources?: number;
}

/**
 * One search, read page by page through the server's `next` links only. What has been read is
 * kept when a later page fails, and the next `loadPage()` asks for the failed page again. A
 * resource sent on two pages (paging over a list that changed) is kept once.
 *
 * With a `patient`, the search is always scoped to that patient and every page is checked: a
 * page holding someone else's records refuses the whole search (`patient-mismatch`), and what
 * was read before it is dropped too, because the server's answers cannot be trusted.
 *
 * `next` links are bounded: a link back to a page already read, or more than `maxPages` pages or
 * `maxResources` resources, stops the search with an `invalid-response` error saying so.
 *
 * A `next` link may name a search the server keeps for a while (HAPI FHIR's `_getpages` cursors,
 * kept for an hour): when the server answers that it has no such page any more (404 / 410), the
 * search is asked for again from its first page, keeping what was read and not repeating it. If the
 * page after that first page is gone too, the search stops with the error; a Try again asks again.
 */
export class Pager<T extends Resource = FhirResource> {
  readonly type: T['resourceType'];
  /** The matches read so far, in server order. */
  resources: T[] = [];
  /** Resources sent alongside the matches (`_include`). */
  included: Resource[] = [];
  /** `Bundle.total` of the last page that gave one. */
  total?: number;
  /** What the server said about the search in its pages (`search.mode` `outcome`), each said once. */
  warnings: string[] = [];
  /** Why the last attempt stopped; `undefined` while all is well. */
  error?: RecordError;

  readonly #source: RecordSource;
  readonly #params: SearchParams;
  readonly #patient?: PatientIdentity;
  readonly #maxPages: number;
  readonly #maxResources: number;
  #nextPageSize?: number;
  /** The `next` link as the server wrote it, when `#next` asks for a different `_count`. */
  #nextAsSent?: string;
  /** The cursor of the page to read next; `undefined` before the first page and after the last. */
  #next?: string;
  #started = false;
  /** Set when the search cannot go on (a refused answer, a loop, a bound): retrying would not help. */
  #final = false;
  #pages = 0;
  /** The search was asked for again after its cursor was gone, and no page has come through a link since. */
  #askedAgain = false;
  readonly #seenLinks = new Set<string>();
  readonly #seenIds = new Set<string>();
  #loading?: Promise<T[]>;

  constructor(
    source: RecordSource,
    type: T['resourceType'],
    params: SearchParams = {},
    options: PagerOptions = {},
  ) {
    this.#source = source;
    this.type = type;
    this.#patient = options.patient;
    // The patient parameter comes from the identity alone: a search is never made without it.
    const { patient: _asked, ...rest } = params;
    const sized = options.pageSize ? { ...rest, _count: options.pageSize } : rest;
    this.#params = options.patient ? { patient: options.patient.search, ...sized } : { ...params, ...sized };
    this.#nextPageSize = options.nextPageSize;
    this.#maxPages = options.maxPages ?? MAX_PAGES;
    this.#maxResources = options.maxResources ?? MAX_RESOURCES;
  }

  /** Nothing more will be read without a Try again: the last page came, or the search stopped. */
  get done(): boolean {
    return this.error !== undefined || (this.#started && this.#next === undefined);
  }

  /** Every page has been read, and it held all the server said it had. */
  get complete(): boolean {
    return this.done && !this.error && this.shortfall === undefined;
  }

  /**
   * How many the server's `total` promised beyond what its pages delivered, once it sent no link
   * to the rest (`undefined` when nothing is missing, or it is not known yet).
   */
  get shortfall(): number | undefined {
    if (!this.#started || this.#next !== undefined || this.error || this.total === undefined)
      return undefined;
    const missing = this.total - this.resources.length;
    return missing > 0 ? missing : undefined;
  }

  /** A failed page can be asked for again (a network or server fault, not a refusal or a bound). */
  get canResume(): boolean {
    return this.error !== undefined && !this.#final;
  }

  /** The number of matches read so far. */
  get loaded(): number {
    return this.resources.length;
  }

  /**
   * Reads the next page (the first, or the one after the last read, or the one that failed) and
   * returns its new matches. Rejects with the page's error, which also stays in `error`.
   */
  loadPage(options: RequestOptions = {}): Promise<T[]> {
    // A Try again may ask a forgotten search again, even if that was done just before it failed.
    if (this.error) this.#askedAgain = false;
    this.#loading ??= this.#read(options.signal).finally(() => (this.#loading = undefined));
    return this.#loading;
  }

  /** Reads every remaining page; `onPage` is called after each. Rejects as `loadPage` does, or with the bound that stopped it. */
  async loadAll(options: RequestOptions & { onPage?: () => void } = {}): Promise<void> {
    while (!this.#started || this.#next !== undefined) {
      await this.loadPage(options);
      options.onPage?.();
    }
    if (this.error) throw this.error;
  }

  async #read(signal?: AbortSignal): Promise<T[]> {
    if (this.#final && this.error) throw this.error;
    if (this.#started && this.#next === undefined) return [];
    if (signal?.aborted) throw abortError();
    const viaLink = this.#started;
    let page: SearchResult<T>;
    try {
      page = this.#started
        ? await this.#source.searchNext<T>(this.#next!, { signal })
        : await this.#source.search<T>(this.type, this.#params, { signal, fresh: this.#askedAgain });
      // Only resources of the type asked for are matches; anything else rides along as included.
      const [matches, others] = partition(page.resources, (resource) => resource?.resourceType === this.type);
      page = { ...page, resources: matches, included: [...page.included, ...others] };
      if (this.#patient) checkSubjects(page.resources, this.#patient, this.type);
    } catch (error) {
      if (isAbortError(error)) throw error;
      if (this.#started && !this.#askedAgain && error instanceof RecordError && error.kind === 'not-found') {
        this.#askAgain();
        return this.#read(signal);
      }
      // A server may refuse a larger page (a cap on `_count`, or on what `_include` brings): ask
      // for half as many, down to the page as it wrote the link, and keep to the size it accepts.
      if (this.#nextAsSent !== undefined && error instanceof RecordError && isRefusal(error)) {
        const asSent = this.#nextAsSent;
        const half = Math.floor((this.#nextPageSize ?? 0) / 2);
        this.#nextPageSize = half > countOf(asSent) ? half : undefined;
        this.#next = this.#sized(asSent);
        this.#nextAsSent = this.#next === asSent ? undefined : asSent;
        return this.#read(signal);
      }
      const recordError =
        error instanceof RecordError
          ? error
          : new RecordError('invalid-response', 'unreadable-answer', {}, { cause: error });
      if (recordError.kind === 'patient-mismatch') this.#refuse(recordError);
      this.error = recordError;
      throw recordError;
    }
    this.error = undefined;
    // Past the first page of a search asked again: a later gone cursor may be asked again too.
    if (viaLink) this.#askedAgain = false;
    this.#started = true;
    this.#pages += 1;
    const fresh = page.resources.filter((resource) => this.#isNew(resource));
    this.resources = [...this.resources, ...fresh];
    this.included = [...this.included, ...page.included];
    const said = (page.outcomes ?? [])
      .map(outcomeText)
      .filter((text) => text && !this.warnings.includes(text));
    if (said.length) this.warnings = [...this.warnings, ...new Set(said)];
    if (page.total !== undefined) this.total = page.total;
    this.#next = this.#sized(page.next);
    this.#nextAsSent = this.#next === page.next ? undefined : page.next;
    this.#checkBounds();
    return fresh;
  }

  /** The `next` link asking for `nextPageSize` when it carries a `_count` of its own. */
  #sized(next: string | undefined): string | undefined {
    if (next === undefined || this.#nextPageSize === undefined) return next;
    const query = next.indexOf('?');
    if (query < 0) return next;
    const params = new URLSearchParams(next.slice(query + 1));
    if (!params.has('_count')) return next;
    params.set('_count', String(this.#nextPageSize));
    return `${next.slice(0, query)}?${params}`;
  }

  /** Matches are all of `type`, so the id alone tells them apart (and keeps no new text per resource). */
  #isNew(resource: T): boolean {
    const id = typeof resource?.id === 'string' ? resource.id : undefined;
    if (id === undefined) return true;
    if (this.#seenIds.has(id)) return false;
    this.#seenIds.add(id);
    return true;
  }

  /** Stops at a link already followed, or past the bounds, keeping what was read. */
  #checkBounds(): void {
    const next = this.#next;
    if (next === undefined) return;
    const stop = (error: RecordError) => {
      this.#final = true;
      this.#next = undefined;
      this.error = error;
    };
    const { type, loaded } = this;
    if (this.#seenLinks.has(next)) {
      stop(new RecordError('invalid-response', 'page-loop', { type, loaded }));
    } else if (this.#pages >= this.#maxPages || loaded >= this.#maxResources) {
      stop(new RecordError('invalid-response', 'page-bound', { type, pages: this.#pages, loaded }));
    } else {
      this.#seenLinks.add(next);
    }
  }

  /**
   * The server no longer has the page a `next` link named: start the search over from its first
   * page (not a cached copy, which would name the same gone page). Links read before belong to the
   * forgotten search, so they no longer count as a loop.
   */
  #askAgain(): void {
    this.#askedAgain = true;
    this.#started = false;
    this.#next = undefined;
    this.#nextAsSent = undefined;
    this.#seenLinks.clear();
  }

  #refuse(error: RecordError): void {
    this.#final = true;
    this.#next = undefined;
    this.resources = [];
    this.included = [];
    this.warnings = [];
    this.total = undefined;
    this.error = error;
  }
}

/**
 * The searches of one section (a medication list's MedicationRequests and MedicationStatements),
 * read side by side: one page of each at a time, the totals added up.
 */
export class PagerGroup<T extends Resource = FhirResource> {
  readonly pagers: readonly Pager<T>[];

  constructor(pagers: readonly Pager<T>[]) {
    this.pagers = pagers;
  }

  get loaded(): number {
    return this.pagers.reduce((sum, pager) => sum + pager.loaded, 0);
  }

  /** The servers' totals added up, when every search gave one. */
  get total(): number | undefined {
    let sum = 0;
    for (const pager of this.pagers) {
      if (pager.total === undefined) return undefined;
      sum += pager.total;
    }
    return sum;
  }

  /** Nothing more will be read without a Try again. */
  get done(): boolean {
    return this.pagers.every((pager) => pager.done);
  }

  get complete(): boolean {
    return this.pagers.every((pager) => pager.complete);
  }

  /** What the server said about the searches (data withheld, a search narrowed), each said once. */
  get warnings(): string[] {
    return [...new Set(this.pagers.flatMap((pager) => pager.warnings))];
  }

  /** The searches that stopped short: a failed page, a refusal, a bound, or a missing link to the rest. */
  get stopped(): Pager<T>[] {
    return this.pagers.filter((pager) => pager.error !== undefined || pager.shortfall !== undefined);
  }

  /** A failed page can be asked for again. */
  get canResume(): boolean {
    return this.pagers.some((pager) => pager.canResume);
  }

  /** Reads the first page of every search; rejects with the first failure when none of them read anything. */
  async loadFirst(options: RequestOptions = {}): Promise<void> {
    await this.loadNext(options);
    if (this.pagers.every((pager) => pager.error && pager.loaded === 0)) throw this.pagers[0].error;
  }

  /**
   * Reads the next page of every search still going, side by side (with `resume`, the failed ones
   * too). A failed page stays in its search's `error`; an answer about someone else rejects
   * (`patient-mismatch`), as does cancelling.
   */
  async loadNext(options: RequestOptions & { resume?: boolean } = {}): Promise<void> {
    const going = this.pagers.filter((pager) => !pager.done || (options.resume && pager.canResume));
    const results = await Promise.allSettled(going.map((pager) => pager.loadPage(options)));
    options.signal?.throwIfAborted();
    for (const result of results) {
      if (result.status === 'fulfilled') continue;
      const error = result.reason as RecordError;
      if (isAbortError(error) || error.kind === 'patient-mismatch') throw error;
    }
  }
}

/** The `_count` a link asks for (0 when it names none). */
function countOf(link: string): number {
  const query = link.indexOf('?');
  return query < 0 ? 0 : Number(new URLSearchParams(link.slice(query + 1)).get('_count')) || 0;
}

/** A 4xx that says the request was not acceptable (not a sign-in or a missing record). */
function isRefusal(error: RecordError): boolean {
  return error.kind === 'http' && error.status !== undefined && error.status >= 400 && error.status < 500;
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}

export interface SearchAllOptions extends RequestOptions {
  /** Called after each page with the number loaded so far and the server's total when it gave one. */
  onPage?(loaded: number, total?: number): void;
  /** Scopes the search to this patient and checks every match against it (see `Pager`). */
  patient?: PatientIdentity;
}

/**
 * Every page of a search, following `next` to the end (for lists loaded in full with a progress
 * indicator), within the `Pager`'s bounds. Rejects with the first failure.
 */
export async function searchAll<T extends Resource = FhirResource>(
  source: RecordSource,
  type: T['resourceType'],
  params: SearchParams = {},
  options: SearchAllOptions = {},
): Promise<Omit<SearchResult<T>, 'next'>> {
  const { signal, onPage, patient } = options;
  const pager = new Pager<T>(source, type, params, { patient });
  await pager.loadAll({ signal, onPage: () => onPage?.(pager.loaded, pager.total) });
  return { resources: pager.resources, included: pager.included, total: pager.total ?? pager.loaded };
}
