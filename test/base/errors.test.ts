import { expect } from '@open-wc/testing';
import { asRecordError, errorText } from '../../src/base/errors.js';
import { RecordError } from '../../src/data/record-error.js';
import type { RecordErrorParams, RecordErrorReason } from '../../src/data/record-error.js';

const ORIGIN = 'https://fhir.example.nhs.uk';
const CHOOSE = 'set `patient` (the patient id) or `nhs-number` to choose one';

/** What a clinician reads for an error with these params (and server words). */
interface Case<R extends RecordErrorReason> {
  params: RecordErrorParams[R];
  serverText?: string;
  text: string;
}

/** Every reason with the sentences it reads as: a reason missing here does not compile. */
const CASES: { [R in RecordErrorReason]: Case<R>[] } = {
  'http-status': [
    {
      params: { status: 401, statusText: 'Unauthorized' },
      text: 'The record server did not accept your sign-in (401 Unauthorized). Sign in again, then try again.',
    },
    {
      params: { status: 401, statusText: 'Unauthorized' },
      serverText: 'Bad token [redacted] for key [redacted].',
      text: 'The record server did not accept your sign-in (401 Unauthorized): Bad token [redacted] for key [redacted].',
    },
    {
      params: { status: 403, statusText: 'Forbidden' },
      text: 'The record server refused the request (403 Forbidden). You may not have permission to see this record.',
    },
    {
      params: { status: 403, statusText: 'Forbidden' },
      serverText: "Access to this patient's record is restricted.",
      text: "The record server refused the request (403 Forbidden): Access to this patient's record is restricted.",
    },
    {
      params: { status: 404, statusText: 'Not Found', record: 'Patient/1' },
      text: 'The record server has no record Patient/1 (404 Not Found).',
    },
    {
      params: { status: 410, statusText: 'Gone', record: 'Patient/1' },
      text: 'The record server has no record Patient/1 (410 Gone).',
    },
    {
      params: { status: 404, statusText: 'Not Found' },
      text: 'The record server has no such record (404 Not Found).',
    },
    {
      params: { status: 429, statusText: 'Too Many Requests' },
      text: 'The record server is too busy to answer (429 Too Many Requests). Try again in a moment.',
    },
    {
      params: { status: 503, statusText: 'Service Unavailable' },
      text: 'The record server is not available (503 Service Unavailable). Try again in a moment.',
    },
    {
      params: { status: 500, statusText: 'Internal Server Error' },
      text: 'The record server could not answer (500 Internal Server Error). Try again later.',
    },
    {
      params: { status: 599, statusText: 'Network Read Timeout' },
      text: 'The record server could not answer (599 Network Read Timeout). Try again later.',
    },
    {
      params: { status: 418, statusText: '' },
      text: 'The record server could not answer (HTTP 418). Try again later.',
    },
  ],
  'token-failed': [{ params: {}, text: 'An access token for the record server could not be obtained.' }],
  'token-timeout': [
    {
      params: { timeout: 20 },
      text: 'An access token for the record server was not obtained within 20 ms. Try again.',
    },
  ],
  timeout: [
    { params: { timeout: 200 }, text: 'The record server did not answer within 200 ms. Try again.' },
    { params: { timeout: 1000 }, text: 'The record server did not answer within 1 second. Try again.' },
    { params: { timeout: 30_000 }, text: 'The record server did not answer within 30 seconds. Try again.' },
  ],
  network: [
    { params: {}, text: 'The record server could not be reached. Check your connection and try again.' },
  ],
  'empty-answer': [{ params: {}, text: 'The record server sent an empty answer instead of FHIR data.' }],
  'html-page': [
    {
      params: {},
      text: 'The record server sent a web page instead of FHIR data (perhaps a sign-in or error page).',
    },
  ],
  'malformed-json': [
    {
      params: {},
      text: 'The record server sent incomplete or malformed JSON, so the record could not be read.',
    },
  ],
  'not-json': [
    {
      params: {},
      text: 'The record server sent something that is not JSON, so the record could not be read.',
    },
  ],
  'not-a-resource': [{ params: {}, text: 'The record server sent JSON that is not a FHIR resource.' }],
  'redirect-refused': [
    {
      params: { origin: ORIGIN, credentials: true },
      text: "The record server redirected the request. It was not followed, because the request carries the record's credentials, which are only sent to https://fhir.example.nhs.uk.",
    },
    {
      params: { credentials: true },
      text: "The record server redirected the request. It was not followed, because the request carries the record's credentials, which are only sent to the record server.",
    },
  ],
  'redirect-cross-origin': [
    {
      params: { target: 'https://evil.example', origin: ORIGIN, credentials: true },
      text: "The record server redirected the request to another site (https://evil.example). It was not followed, because the request carries the record's credentials, which are only sent to https://fhir.example.nhs.uk.",
    },
    {
      params: { target: 'https://evil.example', origin: ORIGIN, credentials: false },
      text: 'The record server redirected the request to another site (https://evil.example). It was not followed, because the record must come from the configured record server (https://fhir.example.nhs.uk).',
    },
  ],
  'redirect-invalid': [
    {
      params: {},
      text: 'The record server redirected the request to an address that is not valid, so the record could not be read.',
    },
  ],
  'too-many-redirects': [
    {
      params: { max: 5 },
      text: 'The record server redirected the request more than 5 times, so the record could not be read.',
    },
  ],
  'answer-cross-origin': [
    {
      params: { target: 'https://evil.example', origin: ORIGIN },
      text: 'The record server passed the request on to another site (https://evil.example). Its answer is not shown, because the record must come from the configured record server (https://fhir.example.nhs.uk).',
    },
  ],
  'invalid-endpoint': [
    {
      params: { endpoint: 'ftp://records.example' },
      text: 'The record server address "ftp://records.example" is not a valid http(s) URL.',
    },
  ],
  'contained-not-found': [
    {
      params: { ref: '#med-9' },
      text: 'The contained resource "#med-9" is not in the resource that refers to it.',
    },
  ],
  'reference-not-sent': [
    {
      params: { ref: 'urn:uuid:7d5a0b5e-0000-4000-8000-000000000009' },
      text: 'The reference "urn:uuid:7d5a0b5e-0000-4000-8000-000000000009" points at a resource that was not sent with the one that refers to it.',
    },
  ],
  'reference-unfollowable': [
    {
      params: { ref: 'not a reference' },
      text: 'The record holds a reference that cannot be followed: "not a reference".',
    },
  ],
  'reference-no-match': [
    {
      params: { ref: 'Organization?identifier=none' },
      text: 'Nothing on the record server matches the reference "Organization?identifier=none".',
    },
  ],
  'reference-ambiguous': [
    {
      params: { ref: 'Organization?identifier=two', count: 2 },
      text: 'The reference "Organization?identifier=two" matches 2 records on the record server, so it cannot be followed.',
    },
  ],
  'link-invalid': [
    { params: { link: 'next' }, text: 'The record server sent a next page link that is not a valid URL.' },
    { params: { link: 'reference' }, text: 'The record server sent a reference that is not a valid URL.' },
  ],
  'link-cross-origin': [
    {
      params: { link: 'next', target: 'https://evil.example', origin: ORIGIN },
      text: "The record server sent a next page link to another site (https://evil.example). It was not followed, because the record's credentials are only sent to https://fhir.example.nhs.uk.",
    },
    {
      params: { link: 'reference', target: 'https://other.example', origin: ORIGIN },
      text: "The record server sent a reference to another site (https://other.example). It was not followed, because the record's credentials are only sent to https://fhir.example.nhs.uk.",
    },
    {
      params: { link: 'document', target: 'https://files.example', origin: ORIGIN },
      text: "The record server sent a document address to another site (https://files.example). It was not followed, because the record's credentials are only sent to https://fhir.example.nhs.uk.",
    },
  ],
  'search-not-bundle': [
    {
      params: { search: 'Encounter', sent: 'Patient' },
      text: 'The record server answered a search for Encounter with a Patient instead of a search result (Bundle).',
    },
    {
      params: { search: 'Condition', sent: 'OperationOutcome' },
      serverText: 'Search not supported.',
      text: 'The record server answered a search for Condition with an OperationOutcome instead of a search result (Bundle). Search not supported.',
    },
    {
      params: { sent: 'Patient' },
      text: 'The record server answered a search for the next page with a Patient instead of a search result (Bundle).',
    },
  ],
  'wrong-type': [
    {
      params: { expected: 'Patient', sent: 'Observation' },
      text: 'The record server sent an Observation when a Patient was asked for.',
    },
    {
      params: { expected: 'Patient', sent: 'OperationOutcome' },
      serverText: 'Bad token [redacted].',
      text: 'The record server sent an OperationOutcome when a Patient was asked for. Bad token [redacted].',
    },
  ],
  'wrong-id': [
    {
      params: { type: 'Patient', expected: '123', sent: '456' },
      text: 'The record server sent Patient "456" when Patient "123" was asked for.',
    },
  ],
  'bundle-not-resource': [
    { params: {}, text: 'The record file is not a FHIR resource, so it is not a Bundle.' },
  ],
  'bundle-wrong-type': [
    { params: { sent: 'Patient' }, text: 'The record file holds a Patient, not a FHIR Bundle.' },
  ],
  'bundle-type-unsupported': [
    {
      params: { bundleType: 'history' },
      text: 'The record file is a Bundle of type "history", which cannot be read as a record (expected searchset, collection, document, transaction, batch or a response to one).',
    },
  ],
  'bundle-empty': [
    { params: {}, text: 'The record file is a Bundle with no entries, so it holds no record.' },
  ],
  'bundle-no-resources': [
    {
      params: {},
      text: 'None of the entries in the record file holds a FHIR resource, so it holds no record.',
    },
  ],
  'bundle-invalid-url': [
    {
      params: { url: 'http://[broken' },
      text: 'The record file address "http://[broken" is not a valid URL.',
    },
  ],
  'no-such-resource': [
    { params: { type: 'Patient', id: 'nobody' }, text: 'The record has no Patient with id "nobody".' },
  ],
  'foreign-page-link': [{ params: {}, text: 'The next page asked for does not belong to this record.' }],
  'unreadable-answer': [{ params: {}, text: 'The record server sent an answer that could not be read.' }],
  'page-loop': [
    {
      params: { type: 'MedicationStatement', loaded: 2 },
      text: "The record server's link to the next page of MedicationStatement records leads back to a page already read, so the list stops at the 2 records read.",
    },
  ],
  'page-bound': [
    {
      params: { type: 'MedicationRequest', pages: 1000, loaded: 100_000 },
      text: 'The record server sent more than 1,000 pages (100,000 MedicationRequest records), the most one list reads, so the rest is not shown.',
    },
  ],
  'not-nhs-number': [
    {
      params: { input: '943 476 591' },
      text: '"943 476 591" is not an NHS number: an NHS number has 10 digits, such as 943 476 5919.',
    },
  ],
  'wrong-patient': [
    {
      params: { nhsNumber: '9434765919' },
      text: 'The patient record the server sent is not NHS number 943 476 5919 as asked for, so it is not shown.',
    },
  ],
  'patient-without-nhs-number': [
    {
      params: { nhsNumber: '9434765919' },
      text: 'The patient record found has no NHS number, so it cannot be confirmed as NHS number 943 476 5919 and is not shown.',
    },
  ],
  'nhs-number-ambiguous': [
    {
      params: { nhsNumber: '9434765919', count: 2 },
      text: '2 patient records have NHS number 943 476 5919, so the record cannot tell which one to show.',
    },
  ],
  'nhs-number-not-found': [
    { params: { nhsNumber: '9434765919' }, text: 'No patient with NHS number 943 476 5919 was found.' },
  ],
  'no-patient-chosen': [{ params: {}, text: `No patient was chosen: ${CHOOSE}.` }],
  'no-patient-in-record': [{ params: {}, text: 'The record holds no patient, so there is nothing to show.' }],
  'patient-not-named': [
    { params: {}, text: `The record does not say which patient it is about: ${CHOOSE}.` },
  ],
  'several-patients': [{ params: { count: 3 }, text: `The record holds 3 patients: ${CHOOSE}.` }],
  'patient-without-id': [
    {
      params: {},
      text: 'The patient record has no id, so the rest of the record cannot be searched for this patient alone. Nothing more is shown.',
    },
  ],
  'wrong-patient-search': [
    {
      params: { type: 'MedicationStatement', nhsNumber: '9434765919' },
      text: 'The record server answered a search for MedicationStatement records of NHS number 943 476 5919 with records that belong to someone else, or do not say whose they are. None of its answer is shown.',
    },
    {
      params: { type: 'Encounter' },
      text: 'The record server answered a search for Encounter records of this patient with records that belong to someone else, or do not say whose they are. None of its answer is shown.',
    },
  ],
  'document-missing': [
    { params: { ref: 'Binary/letter-1' }, text: 'The document "Binary/letter-1" is not in the record.' },
  ],
  'document-address-unsafe': [
    {
      params: { scheme: 'javascript:' },
      text: "The document's address is not a web address (javascript:), so it is not opened.",
    },
  ],
  'document-echoes-credentials': [
    {
      params: {},
      text: "The document holds the record's credentials, which a document never should, so it is not shown. Tell the record server's owner.",
    },
  ],
  unexpected: [{ params: { detail: 'boom' }, text: 'The record could not be shown: boom' }],
};

function errorFor<R extends RecordErrorReason>(reason: R, { params, serverText }: Case<R>): RecordError<R> {
  return new RecordError('invalid-response', reason, params, { serverText });
}

describe('errorText', () => {
  for (const reason of Object.keys(CASES) as RecordErrorReason[]) {
    it(`words ${reason} for a clinician`, () => {
      const cases = CASES[reason] as Case<typeof reason>[];
      expect(cases).not.to.be.empty;
      for (const one of cases) {
        const error = errorFor(reason, one);
        expect(errorText(error)).to.equal(one.text);
        // The developer's message is the reason and its values, not the sentence again.
        expect(error.message.startsWith(reason)).to.equal(true);
        expect(error.message).not.to.equal(one.text);
      }
    });
  }

  it("quotes the server's words and the params cleaned of characters that could disguise them", () => {
    const quoted = new RecordError(
      'forbidden',
      'http-status',
      { status: 403, statusText: 'Forbidden' },
      { serverText: 'Access to 943\u200B476\u202E5919 is restricted.' },
    );
    expect(errorText(quoted)).to.equal(
      'The record server refused the request (403 Forbidden): Access to 9434765919 is restricted.',
    );
    const param = new RecordError('not-found', 'reference-no-match', { ref: 'Organization/\u202Eevil' });
    expect(errorText(param)).to.equal(
      'Nothing on the record server matches the reference "Organization/evil".',
    );
  });

  it('words anything that is not a RecordError, and keeps it as the cause', () => {
    const thrown = new TypeError('x is undefined');
    const error = asRecordError(thrown);
    expect(error.kind).to.equal('invalid-response');
    expect(error.reason).to.equal('unexpected');
    expect(error.params).to.deep.equal({ detail: 'x is undefined' });
    expect(error.cause).to.equal(thrown);
    expect(errorText(thrown)).to.equal('The record could not be shown: x is undefined');
    expect(errorText('gone')).to.equal('The record could not be shown: gone');
    const recordError = new RecordError('network', 'network', {});
    expect(asRecordError(recordError) === recordError).to.equal(true);
  });
});
