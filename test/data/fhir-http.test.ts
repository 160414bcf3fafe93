import { expect } from '@open-wc/testing';
import type { OperationOutcome } from 'fhir/r4';
import { FhirHttp, outcomeText, retryAfter, sleep } from '../../src/data/fhir-http.js';
import { FhirRestSource } from '../../src/data/fhir-rest-source.js';
import { isAbortError } from '../../src/data/record-error.js';
import { json, never, rejection, stubFetch } from '../helpers/fetch-stub.js';

const URL_ = 'https://fhir.example.nhs.uk/R4/Patient/1';
const PATIENT = { resourceType: 'Patient', id: '1' };
const TOKEN = 'secret-token-abc123';

function outcome(...issues: OperationOutcome['issue']): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: issues };
}

/** A fetch that records each request's URL, headers, redirect and cache modes. */
function recordingFetch(respond: (url: string, index: number) => Response | Promise<Response>) {
  const calls: { url: string; headers: Headers; redirect?: RequestRedirect; cache?: RequestCache }[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({
      url: String(input),
      headers: new Headers(init.headers),
      redirect: init.redirect,
      cache: init.cache,
    });
    return respond(String(input), calls.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** A 3xx as a non-browser fetch hands it back with `redirect: 'manual'`. */
function redirect(location: string, status: number): Response {
  return new Response(null, { status, headers: { location } });
}

/** What a browser gives for a redirect under `redirect: 'manual'` (it cannot be constructed). */
function opaqueRedirect(): Response {
  const response = new Response(null);
  Object.defineProperties(response, {
    type: { value: 'opaqueredirect' },
    status: { value: 0 },
    ok: { value: false },
  });
  return response;
}

/** A FHIR answer that a followed redirect brought from `url`. */
function redirectedTo(url: string, body: unknown): Response {
  const response = json(body);
  Object.defineProperties(response, { redirected: { value: true }, url: { value: url } });
  return response;
}

describe('FhirHttp', () => {
  describe('headers', () => {
    it('asks for FHIR JSON and sends the extra headers', async () => {
      const { fetch, calls } = stubFetch(() => json(PATIENT));
      await new FhirHttp({ fetch, headers: { 'X-Portal': 'care-portal' } }).get(URL_);
      expect(calls[0].headers.get('accept')).to.equal('application/fhir+json');
      expect(calls[0].headers.get('x-portal')).to.equal('care-portal');
      expect(calls[0].headers.has('authorization')).to.be.false;
    });

    it("never uses or fills the browser's HTTP cache (HAPI FHIR sends no Cache-Control)", async () => {
      const { fetch, calls } = recordingFetch(() => json(PATIENT));
      await new FhirHttp({ fetch, accessToken: 'secret-token' }).get(URL_);
      await new FhirHttp({ fetch }).get(URL_);
      expect(calls.map((call) => call.cache)).to.deep.equal(['no-store', 'no-store']);
    });

    it('sends a string token as a bearer token', async () => {
      const { fetch, calls } = stubFetch(() => json(PATIENT));
      await new FhirHttp({ fetch, accessToken: TOKEN }).get(URL_);
      expect(calls[0].headers.get('authorization')).to.equal(`Bearer ${TOKEN}`);
    });

    it('calls a token function before each request, retries included', async () => {
      let n = 0;
      const accessToken = async () => `token-${++n}`;
      const { fetch, calls } = stubFetch((_url, _call, i) =>
        i === 0 ? new Response('', { status: 503, headers: { 'retry-after': '0' } }) : json(PATIENT),
      );
      const http = new FhirHttp({ fetch, accessToken });
      await http.get(URL_);
      await http.get(URL_);
      expect(calls.map((call) => call.headers.get('authorization'))).to.deep.equal([
        'Bearer token-1',
        'Bearer token-2',
        'Bearer token-3',
      ]);
    });

    it('fails as unauthorized when the token function throws', async () => {
      const { fetch, calls } = stubFetch(() => json(PATIENT));
      const error = await rejection(
        new FhirHttp({
          fetch,
          accessToken: () => {
            throw new Error('expired');
          },
        }).get(URL_),
      );
      expect(error.kind).to.equal('unauthorized');
      expect(error.reason).to.equal('token-failed');
      expect(calls).to.have.length(0);
    });
  });

  describe('status mapping', () => {
    const cases: [number, string, object][] = [
      [401, 'unauthorized', { status: 401, statusText: 'Unauthorized' }],
      [403, 'forbidden', { status: 403, statusText: 'Forbidden' }],
      [404, 'not-found', { status: 404, statusText: 'Not Found', record: 'Patient/1' }],
      [410, 'not-found', { status: 410, statusText: 'Gone', record: 'Patient/1' }],
      [500, 'http', { status: 500, statusText: 'Internal Server Error' }],
      [418, 'http', { status: 418, statusText: '' }],
    ];
    for (const [status, kind, params] of cases) {
      it(`maps ${status} to ${kind}, with the status and its name`, async () => {
        const { fetch } = stubFetch(() => new Response('oops', { status }));
        const error = await rejection(new FhirHttp({ fetch }).get(URL_));
        expect(error.name).to.equal('RecordError');
        expect(error.kind).to.equal(kind);
        expect(error.reason).to.equal('http-status');
        expect(error.params).to.deep.equal(params);
        expect(error.serverText).to.equal(undefined);
        expect(error.status).to.equal(status);
        expect(error.url).to.equal(URL_);
      });
    }

    it('a 404 for a search (not a read) names no record', async () => {
      const { fetch } = stubFetch(() => new Response('', { status: 404 }));
      const error = await rejection(
        new FhirHttp({ fetch }).get('https://fhir.example.nhs.uk/R4/Patient?name=x'),
      );
      expect(error.params).to.deep.equal({ status: 404, statusText: 'Not Found' });
    });

    it("keeps the OperationOutcome's issues as the server's words", async () => {
      const body = outcome({
        severity: 'error',
        code: 'forbidden',
        diagnostics: 'PolicyEngine rule 17 denied',
        details: { text: "Access to this patient's record is restricted" },
      });
      const { fetch } = stubFetch(() => json(body, 403));
      const error = await rejection(new FhirHttp({ fetch }).get(URL_));
      expect(error.kind).to.equal('forbidden');
      expect(error.params).to.deep.equal({ status: 403, statusText: 'Forbidden' });
      expect(error.serverText).to.equal("Access to this patient's record is restricted.");
      expect(error.outcome).to.deep.equal(body);
    });

    it('uses the status text the server gives for a status it does not know by name', async () => {
      const { fetch } = stubFetch(
        () => new Response('', { status: 599, statusText: 'Network Read Timeout' }),
      );
      const error = await rejection(new FhirHttp({ fetch }).get(URL_));
      expect(error.params).to.deep.equal({ status: 599, statusText: 'Network Read Timeout' });
    });

    it('never puts the token or secret headers into an error, even when the server echoes them', async () => {
      const body = outcome({
        severity: 'error',
        code: 'security',
        diagnostics: `Bad token ${TOKEN} for key api-key-0123456789`,
      });
      const { fetch } = stubFetch(() => json(body, 401));
      const error = await rejection(
        new FhirHttp({ fetch, accessToken: TOKEN, headers: { 'X-Api-Key': 'api-key-0123456789' } }).get(URL_),
      );
      expect(error.serverText).to.equal('Bad token [redacted] for key [redacted].');
      expect(error.message).to.equal(
        'http-status (status=401, statusText="Unauthorized"): Bad token [redacted] for key [redacted].',
      );
      expect(error.url).to.equal(URL_);
    });
  });

  describe('outcomeText', () => {
    it('keeps only the most severe issues, details.text before diagnostics, without repeats', () => {
      const text = outcomeText(
        outcome(
          { severity: 'warning', code: 'informational', diagnostics: 'Paging is slow' },
          {
            severity: 'error',
            code: 'invalid',
            details: { text: 'Unknown parameter "foo"' },
            diagnostics: 'at line 1',
          },
          { severity: 'fatal', code: 'exception', diagnostics: 'Search failed!' },
          { severity: 'error', code: 'invalid', details: { text: 'Unknown parameter "foo".' } },
        ),
      );
      expect(text).to.equal('Unknown parameter "foo". Search failed!');
    });

    it('falls back to a coding display, and to nothing for an empty outcome', () => {
      const coded = outcome({
        severity: 'error',
        code: 'not-found',
        details: { coding: [{ code: 'MSG_NO_EXIST', display: 'Resource Id  does not exist' }] },
      });
      expect(outcomeText(coded)).to.equal('Resource Id does not exist.');
      expect(outcomeText(outcome())).to.equal('');
      expect(outcomeText(undefined)).to.equal('');
    });

    it('shortens a very long diagnostic', () => {
      const text = outcomeText(
        outcome({ severity: 'error', code: 'exception', diagnostics: 'x'.repeat(5000) }),
      );
      expect(text).to.have.length(400);
      expect(text.endsWith('…')).to.be.true;
    });
  });

  describe('invalid responses', () => {
    const cases: [string, () => Response, string][] = [
      [
        'an HTML page with status 200',
        () =>
          new Response('<!doctype html><title>Sign in</title>', { headers: { 'content-type': 'text/html' } }),
        'html-page',
      ],
      [
        'truncated JSON',
        () => new Response('{"resourceType":"Patient","id":"1","name":[{"fam'),
        'malformed-json',
      ],
      ['plain text', () => new Response('OK'), 'not-json'],
      ['an empty body', () => new Response(''), 'empty-answer'],
      ['a JSON array', () => json([PATIENT]), 'not-a-resource'],
      ['JSON without resourceType', () => json({ id: '1' }), 'not-a-resource'],
    ];
    for (const [what, response, reason] of cases) {
      it(`turns ${what} into invalid-response (${reason})`, async () => {
        const { fetch } = stubFetch(response);
        const error = await rejection(new FhirHttp({ fetch }).get(URL_));
        expect(error.kind).to.equal('invalid-response');
        expect(error.reason).to.equal(reason);
        expect(error.params).to.deep.equal({});
        expect(error.url).to.equal(URL_);
      });
    }
  });

  describe('network failures and timeouts', () => {
    it('maps a rejected fetch to network and retries it', async () => {
      const { fetch, calls } = stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
      const error = await rejection(new FhirHttp({ fetch, retries: 2, retryDelay: 1 }).get(URL_));
      expect(error.kind).to.equal('network');
      expect(error.reason).to.equal('network');
      expect(error.cause).to.be.instanceOf(TypeError);
      expect(calls).to.have.length(3);
    });

    it('recovers when a retry succeeds', async () => {
      const { fetch, calls } = stubFetch((_url, _call, i) =>
        i === 0 ? Promise.reject(new TypeError('Failed to fetch')) : json(PATIENT),
      );
      expect(await new FhirHttp({ fetch, retryDelay: 1 }).get(URL_)).to.deep.equal(PATIENT);
      expect(calls).to.have.length(2);
    });

    it('times out a request that does not answer, and aborts it', async () => {
      const { fetch, calls } = stubFetch((_url, call) => never(call));
      const error = await rejection(new FhirHttp({ fetch, timeout: 20 }).get(URL_));
      expect(error.kind).to.equal('timeout');
      expect(error.reason).to.equal('timeout');
      expect(error.params).to.deep.equal({ timeout: 20 });
      expect(calls).to.have.length(1);
      expect(calls[0].signal?.aborted).to.be.true;
    });

    it('times out a body that stops arriving', async () => {
      const stalled = new ReadableStream({
        start: (controller) => controller.enqueue(new TextEncoder().encode('{')),
      });
      const { fetch } = stubFetch(() => new Response(stalled));
      const error = await rejection(new FhirHttp({ fetch, timeout: 1000 }).get(URL_));
      expect(error.kind).to.equal('timeout');
      expect(error.reason).to.equal('timeout');
      expect(error.params).to.deep.equal({ timeout: 1000 });
    });

    it('rejects with an AbortError when the caller aborts', async () => {
      const { fetch, calls } = stubFetch((_url, call) => never(call));
      const controller = new AbortController();
      const pending = new FhirHttp({ fetch }).get(URL_, controller.signal);
      setTimeout(() => controller.abort(), 5);
      const error = await rejection(pending);
      expect(isAbortError(error)).to.be.true;
      expect(calls[0].signal?.aborted).to.be.true;
    });
  });

  describe('retries', () => {
    it('retries 429 and 503, honouring Retry-After in seconds and as an HTTP date', async () => {
      const past = new Date(Date.now() - 60_000).toUTCString();
      const { fetch, calls } = stubFetch((_url, _call, i) =>
        i === 0
          ? new Response('', { status: 429, headers: { 'retry-after': '0' } })
          : i === 1
            ? new Response('', { status: 503, headers: { 'retry-after': past } })
            : json(PATIENT),
      );
      expect(await new FhirHttp({ fetch }).get(URL_)).to.deep.equal(PATIENT);
      expect(calls).to.have.length(3);
    });

    it('gives up after `retries` further attempts with the status error', async () => {
      const { fetch, calls } = stubFetch(
        () => new Response('', { status: 503, headers: { 'retry-after': '0' } }),
      );
      const error = await rejection(new FhirHttp({ fetch, retries: 1 }).get(URL_));
      expect(calls).to.have.length(2);
      expect(error.kind).to.equal('http');
      expect(error.params).to.deep.equal({ status: 503, statusText: 'Service Unavailable' });
    });

    it('caps a long Retry-After at maxRetryDelay', async () => {
      const { fetch, calls } = stubFetch((_url, _call, i) =>
        i === 0 ? new Response('', { status: 429, headers: { 'retry-after': '3600' } }) : json(PATIENT),
      );
      const started = Date.now();
      await new FhirHttp({ fetch, maxRetryDelay: 10 }).get(URL_);
      expect(Date.now() - started).to.be.below(1000);
      expect(calls).to.have.length(2);
    });

    it('does not retry other statuses', async () => {
      const { fetch, calls } = stubFetch(() => new Response('', { status: 500 }));
      await rejection(new FhirHttp({ fetch, retryDelay: 1 }).get(URL_));
      expect(calls).to.have.length(1);
    });

    it('stops waiting to retry as soon as the caller aborts', async () => {
      const { fetch, calls } = stubFetch(
        () => new Response('', { status: 429, headers: { 'retry-after': '60' } }),
      );
      const controller = new AbortController();
      const pending = new FhirHttp({ fetch, maxRetryDelay: 60_000 }).get(URL_, controller.signal);
      setTimeout(() => controller.abort(), 20);
      const started = Date.now();
      expect(isAbortError(await rejection(pending))).to.be.true;
      expect(Date.now() - started).to.be.below(1000);
      expect(calls).to.have.length(1);
    });
  });

  describe('redirects', () => {
    const OTHER = 'https://evil.example/steal';
    const SAME = 'https://fhir.example.nhs.uk/R4/Patient/1/_history/2';

    it('asks the fetch not to follow redirects when the request carries a token or a header', async () => {
      const { fetch, calls } = recordingFetch(() => json(PATIENT));
      await new FhirHttp({ fetch, accessToken: TOKEN }).get(URL_);
      await new FhirHttp({ fetch, headers: { 'X-Portal': 'p' } }).get(URL_);
      await new FhirHttp({ fetch }).get(URL_);
      expect(calls.map((call) => call.redirect)).to.deep.equal(['manual', 'manual', undefined]);
    });

    it("refuses a browser's opaque redirect, saying where the credentials may go", async () => {
      const { fetch, calls } = recordingFetch(() => opaqueRedirect());
      const error = await rejection(new FhirHttp({ fetch, accessToken: TOKEN }).get(URL_));
      expect(error.name).to.equal('RecordError');
      expect(error.kind).to.equal('http');
      expect(error.reason).to.equal('redirect-refused');
      expect(error.params).to.deep.equal({ origin: 'https://fhir.example.nhs.uk', credentials: true });
      expect(error.url).to.equal(URL_);
      expect(calls).to.have.length(1);
    });

    it('refuses a 3xx to another origin without requesting it', async () => {
      for (const status of [301, 302, 303, 307, 308]) {
        const { fetch, calls } = recordingFetch(() => redirect(OTHER, status));
        const error = await rejection(
          new FhirHttp({ fetch, accessToken: TOKEN, headers: { 'X-Api-Key': 'api-key-0123456789' } }).get(
            URL_,
          ),
        );
        expect(error.kind).to.equal('http');
        expect(error.status).to.equal(status);
        expect(error.reason).to.equal('redirect-cross-origin');
        expect(error.params).to.deep.equal({
          target: 'https://evil.example',
          origin: 'https://fhir.example.nhs.uk',
          credentials: true,
        });
        expect(error.message).to.equal(
          'redirect-cross-origin (target="https://evil.example", origin="https://fhir.example.nhs.uk", credentials=true)',
        );
        expect(calls.map((call) => call.url)).to.deep.equal([URL_]);
      }
    });

    it('follows a 3xx on the same origin that a custom fetch hands back, credentials and all', async () => {
      const { fetch, calls } = recordingFetch((url) =>
        url === URL_ ? redirect('/R4/Patient/1/_history/2', 307) : json(PATIENT),
      );
      expect(await new FhirHttp({ fetch, accessToken: TOKEN }).get(URL_)).to.deep.equal(PATIENT);
      expect(calls.map((call) => call.url)).to.deep.equal([URL_, SAME]);
      expect(calls.map((call) => call.headers.get('authorization'))).to.deep.equal([
        `Bearer ${TOKEN}`,
        `Bearer ${TOKEN}`,
      ]);
      expect(calls[1].redirect).to.equal('manual');
    });

    it('gives up after five same-origin redirects', async () => {
      const { fetch, calls } = recordingFetch((_url, i) => redirect(`/R4/Patient/1?hop=${i + 1}`, 302));
      const error = await rejection(new FhirHttp({ fetch, accessToken: TOKEN }).get(URL_));
      expect(error.kind).to.equal('http');
      expect(error.reason).to.equal('too-many-redirects');
      expect(error.params).to.deep.equal({ max: 5 });
      expect(calls).to.have.length(6);
    });

    it('refuses a redirect to an address that is not a URL', async () => {
      const { fetch } = recordingFetch(() => redirect('http://[not a host', 302));
      const error = await rejection(new FhirHttp({ fetch, accessToken: TOKEN }).get(URL_));
      expect(error.kind).to.equal('invalid-response');
      expect(error.reason).to.equal('redirect-invalid');
    });

    it('without credentials, refuses an answer whose final URL is on another origin', async () => {
      const { fetch } = recordingFetch(() => redirectedTo(OTHER, PATIENT));
      const error = await rejection(new FhirHttp({ fetch }).get(URL_));
      expect(error.kind).to.equal('invalid-response');
      expect(error.reason).to.equal('answer-cross-origin');
      expect(error.params).to.deep.equal({
        target: 'https://evil.example',
        origin: 'https://fhir.example.nhs.uk',
      });
    });

    it('without credentials, accepts an answer redirected within the origin', async () => {
      const { fetch } = recordingFetch(() => redirectedTo(SAME, PATIENT));
      expect(await new FhirHttp({ fetch }).get(URL_)).to.deep.equal(PATIENT);
    });

    it('without credentials, does not follow a 3xx to another origin either', async () => {
      const { fetch, calls } = recordingFetch(() => redirect(OTHER, 302));
      const error = await rejection(new FhirHttp({ fetch }).get(URL_));
      expect(error.reason).to.equal('redirect-cross-origin');
      expect(error.params).to.deep.equal({
        target: 'https://evil.example',
        origin: 'https://fhir.example.nhs.uk',
        credentials: false,
      });
      expect(calls).to.have.length(1);
    });
  });

  describe('echoed credentials', () => {
    const KEY = 'api-key-0123456789';
    const echo = (text: string) =>
      outcome({ severity: 'error', code: 'security', diagnostics: text, details: { text } });

    it('removes the token and secret headers from a 200 OperationOutcome', async () => {
      const body = echo(`Token ${TOKEN} and key ${KEY} were seen`);
      const { fetch } = recordingFetch(() => json(body));
      const http = new FhirHttp({ fetch, accessToken: TOKEN, headers: { 'X-Api-Key': KEY } });
      const answer = await http.get(URL_);
      expect(JSON.stringify(answer)).not.to.include(TOKEN);
      expect(JSON.stringify(answer)).not.to.include(KEY);
      expect(outcomeText(answer as OperationOutcome)).to.equal(
        'Token [redacted] and key [redacted] were seen.',
      );
    });

    it('keeps them out of the error and outcome a source makes of a 200 OperationOutcome', async () => {
      const { fetch } = recordingFetch(() => json(echo(`Bad token ${TOKEN}`)));
      const source = new FhirRestSource({
        endpoint: 'https://fhir.example.nhs.uk/R4',
        fetch,
        accessToken: TOKEN,
      });
      const error = await rejection(source.read('Patient', '1'));
      expect(error.kind).to.equal('invalid-response');
      expect(error.serverText).to.equal('Bad token [redacted].');
      expect(error.message).not.to.include(TOKEN);
      expect(JSON.stringify(error.outcome)).not.to.include(TOKEN);
      expect(JSON.stringify(error.outcome)).to.include('[redacted]');
    });

    it('keeps them out of the error and outcome of a 401', async () => {
      const { fetch } = recordingFetch(() => json(echo(`Bad token ${TOKEN} for key ${KEY}`), 401));
      const error = await rejection(
        new FhirHttp({ fetch, accessToken: TOKEN, headers: { 'X-Api-Key': KEY } }).get(URL_),
      );
      expect(error.kind).to.equal('unauthorized');
      expect(error.serverText).to.equal('Bad token [redacted] for key [redacted].');
      expect(error.message).not.to.include(TOKEN).and.not.to.include(KEY);
      const outcomeJson = JSON.stringify(error.outcome);
      expect(outcomeJson).not.to.include(TOKEN);
      expect(outcomeJson).not.to.include(KEY);
    });

    it('removes a secret echoed in its JSON-escaped form', async () => {
      const key = 'key"with\\quotes-123';
      const { fetch } = recordingFetch(() => json(echo(`Key ${key} refused`), 403));
      const error = await rejection(new FhirHttp({ fetch, headers: { 'X-Api-Key': key } }).get(URL_));
      expect(error.serverText).to.equal('Key [redacted] refused.');
      expect(JSON.stringify(error.outcome)).not.to.include('quotes-123');
    });

    it('removes them from any 2xx resource and from the status text and URL of an error', async () => {
      const { fetch } = recordingFetch((_url, i) =>
        i === 0
          ? json({ ...PATIENT, name: [{ text: `echo ${TOKEN}` }] })
          : new Response('', { status: 599, statusText: `Rejected ${TOKEN}` }),
      );
      const http = new FhirHttp({ fetch, accessToken: TOKEN });
      expect(JSON.stringify(await http.get(URL_))).not.to.include(TOKEN);
      const error = await rejection(http.get(`${URL_}?leak=${TOKEN}`));
      expect(error.params).to.deep.equal({ status: 599, statusText: 'Rejected [redacted]' });
      expect(error.message).not.to.include(TOKEN);
      expect(error.url).to.equal(`${URL_}?leak=[redacted]`);
    });

    it('leaves clinical data alone when a token is too short to tell from ordinary text', async () => {
      const patient = { ...PATIENT, name: [{ family: 'Smith', given: ['Ab'] }] };
      const { fetch } = recordingFetch((_url, i) => (i === 0 ? json(patient) : json(echo('Token Ab'))));
      const http = new FhirHttp({ fetch, accessToken: 'Ab' });
      expect(await http.get(URL_)).to.deep.equal(patient);
      expect(outcomeText((await http.get(URL_)) as OperationOutcome)).to.equal('Token [redacted].');
    });
  });

  describe('a token provider that does not answer', () => {
    it('times out as the request would, without requesting anything', async () => {
      const { fetch, calls } = recordingFetch(() => json(PATIENT));
      const accessToken = () => new Promise<string>(() => undefined);
      const error = await rejection(new FhirHttp({ fetch, accessToken, timeout: 20 }).get(URL_));
      expect(error.kind).to.equal('timeout');
      expect(error.reason).to.equal('token-timeout');
      expect(error.params).to.deep.equal({ timeout: 20 });
      expect(calls).to.have.length(0);
    });

    it('lets the caller cancel first', async () => {
      const controller = new AbortController();
      const pending = new FhirHttp({ accessToken: () => new Promise<string>(() => undefined) }).get(
        URL_,
        controller.signal,
      );
      setTimeout(() => controller.abort(), 5);
      expect(isAbortError(await rejection(pending))).to.be.true;
    });

    it('shares one limit between the token and the request', async () => {
      const { fetch } = stubFetch((_url, call) => never(call));
      const accessToken = () => new Promise<string>((resolve) => setTimeout(() => resolve(TOKEN), 150));
      const started = Date.now();
      const error = await rejection(new FhirHttp({ fetch, accessToken, timeout: 200 }).get(URL_));
      expect(error.kind).to.equal('timeout');
      expect(error.reason).to.equal('timeout');
      expect(error.params).to.deep.equal({ timeout: 200 });
      expect(Date.now() - started).to.be.below(330);
    });
  });

  describe('helpers', () => {
    it('reads Retry-After as seconds or an HTTP date', () => {
      const now = Date.parse('2024-05-01T12:00:00Z');
      expect(retryAfter('3', now)).to.equal(3000);
      expect(retryAfter('Wed, 01 May 2024 12:00:05 GMT', now)).to.equal(5000);
      expect(retryAfter('Wed, 01 May 2024 11:00:00 GMT', now)).to.equal(0);
      expect(retryAfter('soon', now)).to.be.undefined;
      expect(retryAfter(null, now)).to.be.undefined;
    });

    it('sleeps, and rejects at once when already aborted', async () => {
      await sleep(1);
      const controller = new AbortController();
      controller.abort();
      expect(isAbortError(await rejection(sleep(10_000, controller.signal)))).to.be.true;
    });
  });
});
