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

export interface RecordErrorInit {
  status?: number;
  outcome?: OperationOutcome;
  url?: string;
  cause?: unknown;
}

/**
 * The one error type the data layer throws (besides an `AbortError` when the caller cancelled).
 * `message` is plain English, fit to show to a clinician; it never contains an access token.
 */
export class RecordError extends Error {
  override readonly name = 'RecordError';
  readonly kind: RecordErrorKind;
  readonly status?: number;
  readonly outcome?: OperationOutcome;
  readonly url?: string;

  constructor(kind: RecordErrorKind, message: string, init: RecordErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
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
