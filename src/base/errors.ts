import { msg, str } from '@lit/localize';
import { RecordError } from '../data/record-error.js';
import { plainText } from '../format/text.js';

/** Any failure as a RecordError, so `care-error` always carries one and nothing raw reaches the page. */
export function asRecordError(error: unknown): RecordError {
  if (error instanceof RecordError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new RecordError('invalid-response', msg(str`The record could not be shown: ${detail}`), {
    cause: error,
  });
}

/** An error's message as shown: it may quote the server, so its text is cleaned like any server text. */
export function errorText(error: unknown): string {
  return plainText(asRecordError(error).message);
}
