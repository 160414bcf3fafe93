import type { FhirResource, OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';
import { RecordError } from './record-error.js';
import type { RecordErrorKind } from './record-error.js';

/** A bearer token, or a function called before each request for a fresh one. */
export type AccessToken = string | (() => string | Promise<string>);

/** How requests are made: shared by every source that fetches (`FhirRestSource`, `BundleSource`). */
export interface HttpOptions {
  /** The fetch to use; defaults to the page's `fetch` at the time of each request. */
  fetch?: typeof fetch;
  /** Extra request headers (never copied into errors). */
  headers?: Record<string, string>;
  /** Sent as `Authorization: Bearer <token>`. */
  accessToken?: AccessToken;
  /** Milliseconds one attempt may take, body included, before it fails as `timeout`. Default 30 s. */
  timeout?: number;
  /** Further attempts after a 429, a 503 or a network failure. Default 2. */
  retries?: number;
  /** First back-off in milliseconds when the server sends no `Retry-After`; doubles each time. Default 1 s. */
  retryDelay?: number;
  /** The longest wait between attempts, `Retry-After` included. Default 10 s. */
  maxRetryDelay?: number;
}

const REASONS: Record<number, string> = {
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

/** What a clinician reads for each status: [lead, advice when the server says nothing more]. */
function wording(status: number, url?: string): [string, string] {
  switch (status) {
    case 401:
      return ['The record server did not accept your sign-in', 'Sign in again, then try again.'];
    case 403:
      return ['The record server refused the request', 'You may not have permission to see this record.'];
    case 404:
    case 410: {
      const path = recordPathOf(url);
      return [path ? `The record server has no record ${path}` : 'The record server has no such record', ''];
    }
    case 429:
      return ['The record server is too busy to answer', 'Try again in a moment.'];
    case 503:
      return ['The record server is not available', 'Try again in a moment.'];
    default:
      return ['The record server could not answer', 'Try again later.'];
  }
}

export const NETWORK_MESSAGE = 'The record server could not be reached. Check your connection and try again.';

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

/** The error for a non-2xx answer, worded from the `OperationOutcome` in its body when there is one. */
export function errorForStatus(status: number, body: string, url?: string, statusText = ''): RecordError {
  const parsed = tryJson(body);
  const outcome = isOutcome(parsed) ? parsed : undefined;
  const reason = REASONS[status] ?? statusText.trim();
  const [lead, advice] = wording(status, url);
  const detail = outcomeText(outcome);
  const head = `${lead} (${reason ? `${status} ${reason}` : `HTTP ${status}`})`;
  const message = detail ? `${head}: ${detail}` : advice ? `${head}. ${advice}` : `${head}.`;
  return new RecordError(kindOf(status), message, { status, outcome, url });
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
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
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
  const fail = (message: string, cause?: unknown) =>
    new RecordError('invalid-response', message, { url, cause });
  if (text === '') throw fail('The record server sent an empty answer instead of FHIR data.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    if (/html/i.test(contentType ?? '') || text.startsWith('<')) {
      throw fail(
        'The record server sent a web page instead of FHIR data (perhaps a sign-in or error page).',
        cause,
      );
    }
    if (text.startsWith('{') || text.startsWith('[')) {
      throw fail(
        'The record server sent incomplete or malformed JSON, so the record could not be read.',
        cause,
      );
    }
    throw fail('The record server sent something that is not JSON, so the record could not be read.', cause);
  }
  const resourceType = (value as { resourceType?: unknown } | null)?.resourceType;
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    typeof resourceType !== 'string'
  ) {
    throw fail('The record server sent JSON that is not a FHIR resource.');
  }
  return value as FhirResource;
}

/** Hides the credentials in text the server may have echoed back. */
function redact(text: string, secrets: string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

/**
 * GETs FHIR JSON with authorisation, a timeout, retries with back-off, and every failure mapped
 * to a `RecordError` with a plain-English message.
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
    const retries = this.#options.retries ?? 2;
    const maxDelay = this.#options.maxRetryDelay ?? 10_000;
    const firstDelay = this.#options.retryDelay ?? 1000;
    for (let attempt = 0; ; attempt += 1) {
      if (signal?.aborted) throw abortError();
      const backoff = Math.min(firstDelay * 2 ** attempt, maxDelay);
      const secrets: string[] = [];
      let result: { response: Response; body: string };
      try {
        result = await this.#attempt(url, secrets, signal);
      } catch (error) {
        if (error instanceof RecordError && error.kind === 'network' && attempt < retries) {
          await sleep(backoff, signal);
          continue;
        }
        throw error;
      }
      const { response, body } = result;
      if (response.ok) return parseResource(body, response.headers.get('content-type'), url);
      if ((response.status === 429 || response.status === 503) && attempt < retries) {
        await sleep(Math.min(retryAfter(response.headers.get('retry-after')) ?? backoff, maxDelay), signal);
        continue;
      }
      const error = errorForStatus(response.status, body, url, response.statusText);
      const message = redact(error.message, secrets);
      throw message === error.message
        ? error
        : new RecordError(error.kind, message, { status: error.status, outcome: error.outcome, url });
    }
  }

  async #headers(secrets: string[]): Promise<Record<string, string>> {
    const { headers = {}, accessToken } = this.#options;
    for (const value of Object.values(headers)) if (value.length >= 8) secrets.push(value);
    let token: string | undefined;
    try {
      token = typeof accessToken === 'function' ? await accessToken() : accessToken;
    } catch (cause) {
      throw new RecordError('unauthorized', 'An access token for the record server could not be obtained.', {
        cause,
      });
    }
    if (!token) return { Accept: 'application/fhir+json', ...headers };
    secrets.push(token);
    return { Accept: 'application/fhir+json', ...headers, Authorization: `Bearer ${token}` };
  }

  /** One request and its body, under one timeout. */
  async #attempt(
    url: string,
    secrets: string[],
    signal?: AbortSignal,
  ): Promise<{ response: Response; body: string }> {
    const headers = await this.#headers(secrets);
    if (signal?.aborted) throw abortError();
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeout);
    const doFetch = this.#options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    try {
      const response = await doFetch(url, { method: 'GET', headers, signal: controller.signal });
      // A stalled body must time out too, whatever the fetch implementation does with the signal.
      const body = await untilAborted(response.text(), controller.signal);
      return { response, body };
    } catch (cause) {
      if (signal?.aborted) throw abortError();
      if (timedOut) {
        const seconds = Math.round(this.timeout / 1000);
        const limit = seconds >= 1 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${this.timeout} ms`;
        throw new RecordError('timeout', `The record server did not answer within ${limit}. Try again.`, {
          url,
          cause,
        });
      }
      throw new RecordError('network', NETWORK_MESSAGE, { url, cause });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
