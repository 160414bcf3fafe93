import type { FhirResource, OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';
import { RecordError } from './record-error.js';
import type { RecordErrorKind } from './record-error.js';
import { absoluteUrl, requestOrigin } from './references.js';

/** A bearer token, or a function called before each request for a fresh one. */
export type AccessToken = string | (() => string | Promise<string>);

/** How requests are made: shared by every source that fetches (`FhirRestSource`, `BundleSource`). */
export interface HttpOptions {
  /** The fetch to use; defaults to the page's `fetch` at the time of each request. */
  fetch?: typeof fetch;
  /**
   * Extra request headers. Values of 8 characters or more are taken as secrets: removed from any
   * answer that echoes them, so they never reach a message, an `outcome` or a resource.
   */
  headers?: Record<string, string>;
  /**
   * Sent as `Authorization: Bearer <token>`; removed, like secret headers, from every answer. A
   * request that carries a token or any extra header follows no redirect to another origin.
   */
  accessToken?: AccessToken;
  /**
   * Milliseconds one attempt may take before it fails as `timeout`: obtaining the token, the
   * request, any same-origin redirects and the body together. Default 30 s.
   */
  timeout?: number;
  /** Further attempts after a 429, a 503 or a network failure. Default 2. */
  retries?: number;
  /** First back-off in milliseconds when the server sends no `Retry-After`; doubles each time. Default 1 s. */
  retryDelay?: number;
  /** The longest wait between attempts, `Retry-After` included. Default 10 s. */
  maxRetryDelay?: number;
}

/** The standard name of each common status; the server's own status text names only the others. */
const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** `Patient/123` from a read URL, so a 404 can say which record is missing. */
function recordPathOf(url: string | undefined): string | undefined {
  const match = url ? /\/([A-Z][A-Za-z]+\/[^/?#]+)(?:[?#].*)?$/.exec(url) : null;
  return match ? decodeURIComponent(match[1]) : undefined;
}

const MAX_DETAIL = 400;
const SEVERITY_RANK: Record<string, number> = { fatal: 0, error: 0, warning: 1, information: 2 };

function kindOf(status: number): RecordErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  return 'http';
}

function sentence(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return /[.!?]$/.test(clean) ? clean : `${clean}.`;
}

/**
 * The server's own words from an `OperationOutcome`: the most severe issues only (errors before
 * warnings before information), each as a sentence, `details.text` preferred to `diagnostics`.
 */
export function outcomeText(outcome: OperationOutcome | undefined): string {
  const issues = (Array.isArray(outcome?.issue) ? outcome.issue : []) as OperationOutcomeIssue[];
  const rank = (issue: OperationOutcomeIssue) => SEVERITY_RANK[issue.severity] ?? 2;
  const top = Math.min(...issues.map(rank));
  const texts = issues
    .filter((issue) => rank(issue) === top)
    .map((issue) => issue.details?.text ?? issue.diagnostics ?? issue.details?.coding?.[0]?.display)
    .filter((text): text is string => typeof text === 'string' && text.trim() !== '')
    .map(sentence);
  const text = [...new Set(texts)].join(' ');
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

function isOutcome(value: unknown): value is OperationOutcome {
  return (value as { resourceType?: unknown } | null)?.resourceType === 'OperationOutcome';
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The error for a non-2xx answer, with the server's words from the `OperationOutcome` in its body
 * when there is one.
 */
export function errorForStatus(status: number, body: string, url?: string, statusText = ''): RecordError {
  const parsed = tryJson(body);
  const outcome = isOutcome(parsed) ? parsed : undefined;
  const record = status === 404 || status === 410 ? recordPathOf(url) : undefined;
  return new RecordError(
    kindOf(status),
    'http-status',
    { status, statusText: STATUS_TEXT[status] ?? statusText.trim(), ...(record ? { record } : {}) },
    { status, outcome, serverText: outcomeText(outcome), url },
  );
}

/** Creates the `AbortError` a cancelled call rejects with. */
export function abortError(): DOMException {
  return new DOMException('The request was cancelled.', 'AbortError');
}

/** Waits `ms`, or rejects with an `AbortError` as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `promise`, or a rejection as soon as `signal` aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), or `undefined` when absent or unreadable. */
export function retryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Checks that a 2xx body is a FHIR resource; anything else (an HTML sign-in page, cut-off JSON,
 * JSON that is not a resource) becomes an `invalid-response` that says which.
 */
export function parseResource(body: string, contentType: string | null, url?: string): FhirResource {
  const text = body.trim();
  const fail = (
    reason: 'empty-answer' | 'html-page' | 'malformed-json' | 'not-json' | 'not-a-resource',
    cause?: unknown,
  ) => new RecordError('invalid-response', reason, {}, { url, cause });
  if (text === '') throw fail('empty-answer');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    if (/html/i.test(contentType ?? '') || text.startsWith('<')) throw fail('html-page', cause);
    if (text.startsWith('{') || text.startsWith('[')) throw fail('malformed-json', cause);
    throw fail('not-json', cause);
  }
  const resourceType = (value as { resourceType?: unknown } | null)?.resourceType;
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    typeof resourceType !== 'string'
  ) {
    throw fail('not-a-resource');
  }
  return value as FhirResource;
}

/**
 * The shortest secret removed from a 2xx body or a URL: a shorter token could match ordinary text
 * and change the record (messages, error bodies and OperationOutcomes lose secrets of any length).
 */
const MIN_SECRET = 8;

/** Same-origin redirects followed by hand (when a fetch hands back the 3xx itself) before giving up. */
const MAX_REDIRECTS = 5;

/** Each secret as it may appear in text: as sent, JSON-escaped and URL-encoded; longest first. */
function secretForms(secrets: string[]): string[] {
  const forms = secrets.flatMap((secret) => [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
  ]);
  return [...new Set(forms)].filter((form) => form !== '').sort((a, b) => b.length - a.length);
}

/** Hides the credentials in text the server may have echoed back. */
function redact(text: string, secrets: string[]): string {
  if (secrets.length === 0) return text;
  return secretForms(secrets).reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

/** The secrets long enough to be told from ordinary text. */
const long = (secrets: string[]) => secrets.filter((secret) => secret.length >= MIN_SECRET);

/**
 * `error` with the credentials hidden from its params, server text (and so its message) and URL
 * (its outcome comes from a redacted body).
 */
function scrub(error: unknown, secrets: string[]): unknown {
  if (!(error instanceof RecordError) || secrets.length === 0) return error;
  const { kind, reason, status, outcome, cause } = error;
  const params = Object.fromEntries(
    Object.entries(error.params).map(([name, value]) => [
      name,
      typeof value === 'string' ? redact(value, secrets) : value,
    ]),
  ) as RecordError['params'];
  const serverText = error.serverText === undefined ? undefined : redact(error.serverText, secrets);
  const url = error.url === undefined ? undefined : redact(error.url, long(secrets));
  return new RecordError(kind, reason, params, { status, outcome, serverText, url, cause });
}

interface Answer<B> {
  response: Response;
  body: B;
}

/** Reads a response's body: as text for FHIR JSON, as bytes for a document. */
type BodyReader<B> = (response: Response, signal: AbortSignal) => Promise<B>;

const FHIR_JSON = 'application/fhir+json';

const readText: BodyReader<string> = (response, signal) => untilAborted(response.text(), signal);

/** A document as read from the server: at most the bytes asked for. */
export interface FetchedBytes {
  /** The `Content-Type` the server sent, when it sent one. */
  contentType?: string;
  bytes: Uint8Array<ArrayBuffer>;
  /** False when the body was longer than the limit and only its beginning was read. */
  complete: boolean;
  /** The whole body's size, when the server said it (`Content-Length`) or it was read to the end. */
  size?: number;
}

/** Reads no more than `maxBytes` of a body (one byte more, to know it is longer), then stops the download. */
function bytesReader(maxBytes: number): BodyReader<Omit<FetchedBytes, 'contentType'>> {
  return async (response, signal) => {
    const declared = Number(response.headers.get('content-length'));
    const known = Number.isFinite(declared) && declared >= 0 && response.headers.has('content-length');
    const reader = response.body?.getReader();
    if (!reader) {
      const all = new Uint8Array(await untilAborted(response.arrayBuffer(), signal));
      return { bytes: all.slice(0, maxBytes), complete: all.length <= maxBytes, size: all.length };
    }
    const chunks: Uint8Array[] = [];
    let length = 0;
    let ended = false;
    try {
      while (length <= maxBytes) {
        const { done, value } = await untilAborted(reader.read(), signal);
        if (done) {
          ended = true;
          break;
        }
        chunks.push(value);
        length += value.length;
      }
    } finally {
      if (!ended) void reader.cancel().catch(() => undefined);
    }
    const bytes = new Uint8Array(Math.min(length, maxBytes));
    let offset = 0;
    for (const chunk of chunks) {
      if (offset >= bytes.length) break;
      const part = chunk.subarray(0, bytes.length - offset);
      bytes.set(part, offset);
      offset += part.length;
    }
    const size = ended ? length : known ? declared : undefined;
    return { bytes, complete: ended && length <= maxBytes, ...(size !== undefined ? { size } : {}) };
  };
}

/** Text-like content, in which an echoed secret can be cut out as it is from FHIR JSON. */
const TEXTUAL = /^(text\/|application\/(([\w.+-]+\+)?(json|xml)|xhtml\+xml|javascript))/i;

/** Whether `bytes` hold `secret` (as sent, or any form of it `redact` would remove). */
function holdsSecret(bytes: Uint8Array, secrets: string[]): boolean {
  if (secrets.length === 0) return false;
  // Latin-1 keeps one character per byte, so an ASCII secret is found wherever its bytes are.
  const text = new TextDecoder('latin1').decode(bytes);
  return secretForms(secrets).some((form) => text.includes(form));
}

/**
 * GETs FHIR JSON with authorisation, a timeout, retries with back-off, and every failure mapped
 * to a `RecordError` that says why.
 */
export class FhirHttp {
  readonly #options: HttpOptions;

  constructor(options: HttpOptions = {}) {
    this.#options = options;
  }

  get timeout(): number {
    return this.#options.timeout ?? 30_000;
  }

  /** GETs `url`; `signal` cancels the request and any back-off wait with an `AbortError`. */
  async get(url: string, signal?: AbortSignal): Promise<FhirResource> {
    const { response, body: raw, secrets } = await this.#send(url, FHIR_JSON, readText, signal);
    const shownUrl = redact(url, long(secrets));
    const short = secrets.filter((secret) => secret.length < MIN_SECRET);
    // Whatever the server echoes of the credentials is gone before the body is read.
    const body = redact(raw, long(secrets));
    if (response.ok) {
      const contentType = response.headers.get('content-type');
      const resource = parseResource(body, contentType, shownUrl);
      // An OperationOutcome is no clinical data: a short token goes from it too.
      return resource.resourceType === 'OperationOutcome' && short.length > 0
        ? parseResource(redact(body, short), contentType, shownUrl)
        : resource;
    }
    const error = errorForStatus(response.status, redact(body, short), shownUrl, response.statusText);
    throw scrub(error, secrets);
  }

  /**
   * GETs a document (an attachment's URL that is not a FHIR resource) as bytes, with the same
   * credentials, redirect rules, timeout and retries as `get`, reading no more than `maxBytes`.
   * A textual answer loses any credential it echoes, as FHIR JSON does; a binary one (a PDF, an
   * image) that holds one is refused, since it cannot be cut out of it.
   */
  async getBytes(url: string, maxBytes: number, signal?: AbortSignal): Promise<FetchedBytes> {
    const read = bytesReader(maxBytes);
    const { response, body, secrets } = await this.#send(url, '*/*', read, signal);
    const shownUrl = redact(url, long(secrets));
    const contentType = response.headers.get('content-type') ?? undefined;
    if (!response.ok) {
      const text = redact(new TextDecoder().decode(body.bytes), secrets);
      throw scrub(errorForStatus(response.status, text, shownUrl, response.statusText), secrets);
    }
    const withType = { ...body, ...(contentType ? { contentType } : {}) };
    if (!holdsSecret(body.bytes, long(secrets))) return withType;
    if (!TEXTUAL.test(contentType ?? '')) {
      throw new RecordError('invalid-response', 'document-echoes-credentials', {}, { url: shownUrl });
    }
    const text = redact(new TextDecoder().decode(body.bytes), long(secrets));
    return { ...withType, bytes: new TextEncoder().encode(text) };
  }

  /**
   * One GET and its body, retried after a network failure, a 429 or a 503 (honouring
   * `Retry-After`); any other answer, ok or not, is returned with the credentials it was sent
   * with, for the caller to cut out of what it shows. Errors thrown carry none of them.
   */
  async #send<B>(
    url: string,
    accept: string,
    read: BodyReader<B>,
    signal?: AbortSignal,
  ): Promise<Answer<B> & { secrets: string[] }> {
    const retries = this.#options.retries ?? 2;
    const maxDelay = this.#options.maxRetryDelay ?? 10_000;
    const firstDelay = this.#options.retryDelay ?? 1000;
    for (let attempt = 0; ; attempt += 1) {
      if (signal?.aborted) throw abortError();
      const backoff = Math.min(firstDelay * 2 ** attempt, maxDelay);
      const secrets: string[] = [];
      let result: Answer<B>;
      try {
        result = await this.#attempt(url, accept, read, secrets, signal);
      } catch (error) {
        if (error instanceof RecordError && error.kind === 'network' && attempt < retries) {
          await sleep(backoff, signal);
          continue;
        }
        throw scrub(error, secrets);
      }
      const { response } = result;
      if ((response.status === 429 || response.status === 503) && attempt < retries) {
        await sleep(Math.min(retryAfter(response.headers.get('retry-after')) ?? backoff, maxDelay), signal);
        continue;
      }
      return { ...result, secrets };
    }
  }

  /** The request headers, and whether they carry credentials (a token or any extra header). */
  async #headers(
    accept: string,
    secrets: string[],
  ): Promise<{ headers: Record<string, string>; credentials: boolean }> {
    const { headers = {}, accessToken } = this.#options;
    for (const value of Object.values(headers)) if (value.length >= MIN_SECRET) secrets.push(value);
    let token: string | undefined;
    try {
      token = typeof accessToken === 'function' ? await accessToken() : accessToken;
    } catch (cause) {
      throw new RecordError('unauthorized', 'token-failed', {}, { cause });
    }
    const extra = Object.keys(headers).length > 0;
    if (!token) return { headers: { Accept: accept, ...headers }, credentials: extra };
    secrets.push(token);
    return {
      headers: { Accept: accept, ...headers, Authorization: `Bearer ${token}` },
      credentials: true,
    };
  }

  /** One request and its body, the token and any same-origin redirects included, under one timeout. */
  async #attempt<B>(
    url: string,
    accept: string,
    read: BodyReader<B>,
    secrets: string[],
    signal?: AbortSignal,
  ): Promise<Answer<B>> {
    if (signal?.aborted) throw abortError();
    const controller = new AbortController();
    let timedOut = false;
    let waitingForToken = true;
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeout);
    try {
      // A token provider that never answers is held to the same limit as the server.
      const { headers, credentials } = await untilAborted(this.#headers(accept, secrets), controller.signal);
      waitingForToken = false;
      return await this.#exchange(url, headers, credentials, read, controller.signal);
    } catch (cause) {
      if (signal?.aborted) throw abortError();
      if (timedOut) {
        const reason = waitingForToken ? 'token-timeout' : 'timeout';
        throw new RecordError('timeout', reason, { timeout: this.timeout }, { url, cause });
      }
      if (cause instanceof RecordError) throw cause;
      throw new RecordError('network', 'network', {}, { url, cause });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * GETs `url` and reads the body, never through the browser's HTTP cache. With credentials the
   * fetch follows no redirect itself (`redirect: 'manual'`): a browser's opaque redirect is
   * refused, and a 3xx a fetch hands back is followed here only to the same origin. Without
   * credentials redirects may be followed, but the answer must still come from the origin asked.
   */
  async #exchange<B>(
    url: string,
    headers: Record<string, string>,
    credentials: boolean,
    read: BodyReader<B>,
    signal: AbortSignal,
  ): Promise<Answer<B>> {
    const doFetch = this.#options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const origin = requestOrigin(url);
    let current = url;
    for (let hops = 0; ; hops += 1) {
      const response = await doFetch(current, {
        method: 'GET',
        headers,
        signal,
        // Clinical data is kept in memory only, never in the browser's HTTP cache: a server that
        // sends no Cache-Control (HAPI FHIR) would otherwise have its answers stored and reused.
        cache: 'no-store',
        ...(credentials ? { redirect: 'manual' as const } : {}),
      });
      if (response.type === 'opaqueredirect') {
        throw new RecordError('http', 'redirect-refused', { origin, credentials }, { url });
      }
      const { status } = response;
      const location = status >= 300 && status < 400 ? response.headers.get('location') : null;
      if (location !== null) {
        void response.body?.cancel().catch(() => undefined);
        let target: URL;
        try {
          target = new URL(location, absoluteUrl(current));
        } catch {
          throw new RecordError('invalid-response', 'redirect-invalid', {}, { status, url });
        }
        if (target.origin !== origin) {
          throw new RecordError(
            'http',
            'redirect-cross-origin',
            { target: target.origin, origin, credentials },
            { status, url },
          );
        }
        if (hops >= MAX_REDIRECTS) {
          throw new RecordError('http', 'too-many-redirects', { max: MAX_REDIRECTS }, { status, url });
        }
        current = target.href;
        continue;
      }
      const final = response.redirected && response.url ? requestOrigin(response.url) : origin;
      if (final !== origin) {
        throw new RecordError(
          'invalid-response',
          'answer-cross-origin',
          { target: final ?? response.url, origin },
          { status, url },
        );
      }
      // A stalled body must time out too, whatever the fetch implementation does with the signal.
      return { response, body: await read(response, signal) };
    }
  }
}
