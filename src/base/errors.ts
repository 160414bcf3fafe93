import { msg, str } from '@lit/localize';
import { RecordError } from '../data/record-error.js';
import type { LinkKind, RecordErrorParams, RecordErrorReason } from '../data/record-error.js';
import { formatNhsNumber as nhs } from '../format/nhs-number.js';
import { formatCount as count } from '../format/quantity.js';
import { plainText } from '../format/text.js';

/** Any failure as a RecordError, so `care-error` always carries one and nothing raw reaches the page. */
export function asRecordError(error: unknown): RecordError {
  if (error instanceof RecordError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new RecordError('invalid-response', 'unexpected', { detail }, { cause: error });
}

/**
 * The server's reason when it refused the record because the user has no legitimate relationship
 * with the patient or the patient has not consented (a 403 whose OperationOutcome says so);
 * `undefined` for any other failure. Such a refusal is an access decision, not a fault to retry.
 */
export function accessRefusal(error: unknown): string | undefined {
  if (!(error instanceof RecordError) || error.status !== 403 || !error.outcome) return undefined;
  const said = JSON.stringify(error.outcome.issue ?? []);
  if (!/legitimate|relationship|consent/i.test(said)) return undefined;
  return plainText(error.serverText ?? '') || msg('The record server did not say why.');
}

/**
 * An error as a clinician reads it: the sentence for its reason, quoting the server's words where
 * they help. It may quote the server, so it is cleaned like any server text.
 */
export function errorText(error: unknown): string {
  return plainText(sentence(asRecordError(error)));
}

function sentence<R extends RecordErrorReason>(error: RecordError<R>): string {
  return SENTENCES[error.reason](error.params, error.serverText);
}

/** One sentence per reason: a new reason does not compile until it has one. */
const SENTENCES: {
  [R in RecordErrorReason]: (params: RecordErrorParams[R], serverText?: string) => string;
} = {
  'http-status': ({ status, statusText, record }, serverText) => {
    const [lead, advice] = statusWording(status, record);
    const head = `${lead} (${statusText ? `${status} ${statusText}` : `HTTP ${status}`})`;
    return serverText ? `${head}: ${serverText}` : advice ? `${head}. ${advice}` : `${head}.`;
  },
  'token-failed': () => msg('An access token for the record server could not be obtained.'),
  'token-timeout': ({ timeout }) =>
    msg(str`An access token for the record server was not obtained within ${limit(timeout)}. Try again.`),
  timeout: ({ timeout }) => msg(str`The record server did not answer within ${limit(timeout)}. Try again.`),
  network: () => msg('The record server could not be reached. Check your connection and try again.'),
  'empty-answer': () => msg('The record server sent an empty answer instead of FHIR data.'),
  'html-page': () =>
    msg('The record server sent a web page instead of FHIR data (perhaps a sign-in or error page).'),
  'malformed-json': () =>
    msg('The record server sent incomplete or malformed JSON, so the record could not be read.'),
  'not-json': () =>
    msg('The record server sent something that is not JSON, so the record could not be read.'),
  'not-a-resource': () => msg('The record server sent JSON that is not a FHIR resource.'),
  'redirect-refused': (params) =>
    msg(str`The record server redirected the request. It was not followed, ${notFollowed(params)}.`),
  'redirect-cross-origin': ({ target, ...params }) =>
    msg(
      str`The record server redirected the request to another site (${target}). It was not followed, ${notFollowed(params)}.`,
    ),
  'redirect-invalid': () =>
    msg(
      'The record server redirected the request to an address that is not valid, so the record could not be read.',
    ),
  'too-many-redirects': ({ max }) =>
    msg(
      str`The record server redirected the request more than ${max} times, so the record could not be read.`,
    ),
  'answer-cross-origin': ({ target, origin }) =>
    msg(
      str`The record server passed the request on to another site (${target}). Its answer is not shown, ${mustComeFrom(origin)}.`,
    ),
  'invalid-endpoint': ({ endpoint }) =>
    msg(str`The record server address "${endpoint}" is not a valid http(s) URL.`),
  'contained-not-found': ({ ref }) =>
    msg(str`The contained resource "${ref}" is not in the resource that refers to it.`),
  'reference-not-sent': ({ ref }) =>
    msg(str`The reference "${ref}" points at a resource that was not sent with the one that refers to it.`),
  'reference-unfollowable': ({ ref }) =>
    msg(str`The record holds a reference that cannot be followed: "${ref}".`),
  'reference-no-match': ({ ref }) => msg(str`Nothing on the record server matches the reference "${ref}".`),
  'reference-ambiguous': ({ ref, count: n }) =>
    msg(
      str`The reference "${ref}" matches ${count(n)} records on the record server, so it cannot be followed.`,
    ),
  'link-invalid': ({ link }) => msg(str`The record server sent a ${linkName(link)} that is not a valid URL.`),
  'link-cross-origin': ({ link, target, origin }) =>
    msg(
      str`The record server sent a ${linkName(link)} to another site (${target}). It was not followed, because the record's credentials are only sent to ${origin}.`,
    ),
  'search-not-bundle': ({ search, sent }, serverText) =>
    quoting(
      msg(
        str`The record server answered a search for ${search ?? msg('the next page')} with ${article(sent)} instead of a search result (Bundle).`,
      ),
      serverText,
    ),
  'wrong-type': ({ expected, sent }, serverText) =>
    quoting(
      msg(str`The record server sent ${article(sent)} when ${article(expected)} was asked for.`),
      serverText,
    ),
  'wrong-id': ({ type, expected, sent }) =>
    msg(str`The record server sent ${type} "${sent}" when ${type} "${expected}" was asked for.`),
  'bundle-not-resource': () => msg('The record file is not a FHIR resource, so it is not a Bundle.'),
  'bundle-wrong-type': ({ sent }) => msg(str`The record file holds a ${sent}, not a FHIR Bundle.`),
  'bundle-type-unsupported': ({ bundleType }) =>
    msg(
      str`The record file is a Bundle of type "${bundleType}", which cannot be read as a record (expected searchset, collection, document, transaction, batch or a response to one).`,
    ),
  'bundle-empty': () => msg('The record file is a Bundle with no entries, so it holds no record.'),
  'bundle-no-resources': () =>
    msg('None of the entries in the record file holds a FHIR resource, so it holds no record.'),
  'bundle-invalid-url': ({ url }) => msg(str`The record file address "${url}" is not a valid URL.`),
  'no-such-resource': ({ type, id }) => msg(str`The record has no ${type} with id "${id}".`),
  'foreign-page-link': () => msg('The next page asked for does not belong to this record.'),
  'unreadable-answer': () => msg('The record server sent an answer that could not be read.'),
  'page-loop': ({ type, loaded }) =>
    msg(
      str`The record server's link to the next page of ${type} records leads back to a page already read, so the list stops at the ${count(loaded)} records read.`,
    ),
  'page-bound': ({ type, pages, loaded }) =>
    msg(
      str`The record server sent more than ${count(pages)} pages (${count(loaded)} ${type} records), the most one list reads, so the rest is not shown.`,
    ),
  'not-nhs-number': ({ input }) =>
    msg(str`"${input}" is not an NHS number: an NHS number has 10 digits, such as 943 476 5919.`),
  'wrong-patient': ({ nhsNumber }) =>
    msg(
      str`The patient record the server sent is not NHS number ${nhs(nhsNumber)} as asked for, so it is not shown.`,
    ),
  'patient-without-nhs-number': ({ nhsNumber }) =>
    msg(
      str`The patient record found has no NHS number, so it cannot be confirmed as NHS number ${nhs(nhsNumber)} and is not shown.`,
    ),
  'nhs-number-ambiguous': ({ nhsNumber, count: n }) =>
    msg(
      str`${count(n)} patient records have NHS number ${nhs(nhsNumber)}, so the record cannot tell which one to show.`,
    ),
  'nhs-number-not-found': ({ nhsNumber }) =>
    msg(str`No patient with NHS number ${nhs(nhsNumber)} was found.`),
  'no-patient-chosen': () => msg(str`No patient was chosen: ${choosePatient()}.`),
  'no-patient-in-record': () => msg('The record holds no patient, so there is nothing to show.'),
  'patient-not-named': () => msg(str`The record does not say which patient it is about: ${choosePatient()}.`),
  'several-patients': ({ count: n }) => msg(str`The record holds ${count(n)} patients: ${choosePatient()}.`),
  'patient-without-id': () =>
    msg(
      'The patient record has no id, so the rest of the record cannot be searched for this patient alone. Nothing more is shown.',
    ),
  'wrong-patient-search': ({ type, nhsNumber }) =>
    msg(
      str`The record server answered a search for ${type} records of ${nhsNumber ? msg(str`NHS number ${nhs(nhsNumber)}`) : msg('this patient')} with records that belong to someone else, or do not say whose they are. None of its answer is shown.`,
    ),
  'document-missing': ({ ref }) => msg(str`The document "${ref}" is not in the record.`),
  'document-address-unsafe': ({ scheme }) =>
    msg(str`The document's address is not a web address (${scheme}), so it is not opened.`),
  'document-echoes-credentials': () =>
    msg(
      "The document holds the record's credentials, which a document never should, so it is not shown. Tell the record server's owner.",
    ),
  unexpected: ({ detail }) => msg(str`The record could not be shown: ${detail}`),
};

/** What a clinician reads for each status: [lead, advice when the server says nothing more]. */
function statusWording(status: number, record?: string): [string, string] {
  switch (status) {
    case 401:
      return [msg('The record server did not accept your sign-in'), msg('Sign in again, then try again.')];
    case 403:
      return [
        msg('The record server refused the request'),
        msg('You may not have permission to see this record.'),
      ];
    case 404:
    case 410:
      return [
        record
          ? msg(str`The record server has no record ${record}`)
          : msg('The record server has no such record'),
        '',
      ];
    case 429:
      return [msg('The record server is too busy to answer'), msg('Try again in a moment.')];
    case 503:
      return [msg('The record server is not available'), msg('Try again in a moment.')];
    default:
      return [msg('The record server could not answer'), msg('Try again later.')];
  }
}

/** A sentence, then the server's own words when it gave some. */
function quoting(text: string, serverText?: string): string {
  return serverText ? `${text} ${serverText}` : text;
}

/** "20 ms", "1 second", "30 seconds". */
function limit(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 1) return msg(str`${ms} ms`);
  return seconds === 1 ? msg('1 second') : msg(str`${seconds} seconds`);
}

/** Why a redirect was not followed: where the credentials may go, or where the record must come from. */
function notFollowed({ origin, credentials }: RecordErrorParams['redirect-refused']): string {
  return credentials
    ? msg(str`because the request carries the record's credentials, which are only sent to ${home(origin)}`)
    : mustComeFrom(origin);
}

function mustComeFrom(origin: string | undefined): string {
  return msg(str`because the record must come from the configured record server (${home(origin)})`);
}

/** The configured record server, by its origin when it has one. */
function home(origin: string | undefined): string {
  return origin ?? msg('the record server');
}

function linkName(link: LinkKind): string {
  switch (link) {
    case 'next':
      return msg('next page link');
    case 'document':
      return msg('document address');
    default:
      return msg('reference');
  }
}

function choosePatient(): string {
  return msg('set `patient` (the patient id) or `nhs-number` to choose one');
}

/** "an Observation", "a Patient". */
function article(type: string): string {
  return /^[AEIOU]/.test(type) ? msg(str`an ${type}`) : msg(str`a ${type}`);
}
