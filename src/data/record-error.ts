import type { OperationOutcome } from 'fhir/r4';

/** What went wrong, in the terms an element needs to choose its message. */
export type RecordErrorKind =
  | 'network'
  | 'timeout'
  | 'http'
  | 'not-found'
  | 'forbidden'
  | 'unauthorized'
  | 'invalid-response'
  | 'patient-mismatch';

type NoParams = Record<string, never>;

/** What a link to another site was: a next page, a reference, or a document's address. */
export type LinkKind = 'next' | 'reference' | 'document';

/** Where the request went and why a redirect away from it was not followed. */
interface RedirectParams {
  /** The origin of the configured record server (none when it has no usable origin). */
  origin?: string;
  /** The request carried credentials (a token or extra headers), which go to `origin` only. */
  credentials: boolean;
}

/**
 * Each situation the data layer reports, with the values its sentence needs: counts and limits as
 * numbers, NHS numbers as 10 digits. The sentences a clinician reads are in `base/errors.ts`.
 */
export interface RecordErrorParams {
  /** A non-2xx answer; `statusText` is the status's name, or the server's text for one without. */
  'http-status': { status: number; statusText: string; record?: string };
  'token-failed': NoParams;
  /** `timeout` in milliseconds, here and for `timeout`. */
  'token-timeout': { timeout: number };
  timeout: { timeout: number };
  network: NoParams;
  'empty-answer': NoParams;
  'html-page': NoParams;
  'malformed-json': NoParams;
  'not-json': NoParams;
  'not-a-resource': NoParams;
  /** A browser's opaque redirect, not followed. */
  'redirect-refused': RedirectParams;
  'redirect-cross-origin': RedirectParams & { target: string };
  'redirect-invalid': NoParams;
  'too-many-redirects': { max: number };
  /** A redirect the fetch followed ended on another origin (`target`). */
  'answer-cross-origin': { target: string; origin?: string };
  'invalid-endpoint': { endpoint: string };
  'contained-not-found': { ref: string };
  /** A `urn:` reference to a resource that did not come with the one that refers to it. */
  'reference-not-sent': { ref: string };
  'reference-unfollowable': { ref: string };
  'reference-no-match': { ref: string };
  'reference-ambiguous': { ref: string; count: number };
  'link-invalid': { link: LinkKind };
  'link-cross-origin': { link: LinkKind; target: string; origin: string };
  /** `search` is the type searched for, unknown for a next page of another shape. */
  'search-not-bundle': { search?: string; sent: string };
  'wrong-type': { expected: string; sent: string };
  'wrong-id': { type: string; expected: string; sent: string };
  'bundle-not-resource': NoParams;
  'bundle-wrong-type': { sent: string };
  'bundle-type-unsupported': { bundleType: string };
  'bundle-empty': NoParams;
  'bundle-no-resources': NoParams;
  'bundle-invalid-url': { url: string };
  'no-such-resource': { type: string; id: string };
  'foreign-page-link': NoParams;
  'unreadable-answer': NoParams;
  /** `loaded`: the records read before the search stopped. */
  'page-loop': { type: string; loaded: number };
  'page-bound': { type: string; pages: number; loaded: number };
  /** `input`: what was given, trimmed. */
  'not-nhs-number': { input: string };
  /** The NHS number asked for, never the other patient's. */
  'wrong-patient': { nhsNumber: string };
  'patient-without-nhs-number': { nhsNumber: string };
  'nhs-number-ambiguous': { nhsNumber: string; count: number };
  'nhs-number-not-found': { nhsNumber: string };
  'no-patient-chosen': NoParams;
  'no-patient-in-record': NoParams;
  'patient-not-named': NoParams;
  'several-patients': { count: number };
  'patient-without-id': NoParams;
  /** `nhsNumber`: the one asked for (else the patient's own), never one from the refused answer. */
  'wrong-patient-search': { type: string; nhsNumber?: string };
  /** A document (an attachment) whose address leads to nothing in the record, or to something that is not a Binary. */
  'document-missing': { ref: string };
  /** A document address that is not a web address (`javascript:`, `file:`, `data:`): never followed. */
  'document-address-unsafe': { scheme: string };
  /** A binary document (a PDF, an image) that holds the record's credentials: not shown. */
  'document-echoes-credentials': NoParams;
  /** Anything thrown that is not a `RecordError` (`detail`: its message). */
  unexpected: { detail: string };
}

export type RecordErrorReason = keyof RecordErrorParams;

export interface RecordErrorInit {
  status?: number;
  outcome?: OperationOutcome;
  /**
   * The server's own words (from its `OperationOutcome`), cleaned and shortened: quoted, never
   * translated. Empty counts as none.
   */
  serverText?: string;
  url?: string;
  cause?: unknown;
}

/** `reason (name="value", …): server text`, for consoles and logs. */
function technicalMessage(reason: string, params: object, serverText?: string): string {
  const values = Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  const head = values.length > 0 ? `${reason} (${values.join(', ')})` : reason;
  return serverText ? `${head}: ${serverText}` : head;
}

/**
 * The one error type the data layer throws (besides an `AbortError` when the caller cancelled).
 * `reason` and `params` say what happened; `errorText()` (base) words it for a clinician.
 * `message` is a short technical form for developers. None of it ever contains an access token.
 */
export class RecordError<R extends RecordErrorReason = RecordErrorReason> extends Error {
  override readonly name = 'RecordError';
  readonly kind: RecordErrorKind;
  readonly reason: R;
  readonly params: RecordErrorParams[R];
  readonly serverText?: string;
  readonly status?: number;
  readonly outcome?: OperationOutcome;
  readonly url?: string;

  constructor(kind: RecordErrorKind, reason: R, params: RecordErrorParams[R], init: RecordErrorInit = {}) {
    super(
      technicalMessage(reason, params, init.serverText),
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.kind = kind;
    this.reason = reason;
    this.params = params;
    this.serverText = init.serverText || undefined;
    this.status = init.status;
    this.outcome = init.outcome;
    this.url = init.url;
  }
}

export function isRecordError(value: unknown): value is RecordError {
  return value instanceof RecordError;
}

/** True for the `AbortError` a cancelled request rejects with; elements ignore those. */
export function isAbortError(value: unknown): boolean {
  return (value as { name?: unknown } | null)?.name === 'AbortError';
}
