import { expect } from '@open-wc/testing';
import type { Attachment, Binary, DocumentReference } from 'fhir/r4';
import { readAttachment } from '../../src/data/attachments.js';
import { BundleSource } from '../../src/data/bundle-source.js';
import { FhirHttp } from '../../src/data/fhir-http.js';
import { FhirRestSource } from '../../src/data/fhir-rest-source.js';
import type { RecordSource } from '../../src/data/record-source.js';
import { base64 } from '../fixtures/document-list/synthetic-uk.js';
import { collection } from '../fixtures/collection.js';
import { json, rejection, stubFetch } from '../helpers/fetch-stub.js';

const ENDPOINT = 'https://fhir.example.nhs.uk/R4';
const TOKEN = 'tok-document-secret-1234';
const LIMIT = 1024 * 1024;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const letter: Binary = {
  resourceType: 'Binary',
  id: 'letter',
  contentType: 'text/html',
  data: base64('<p>Dear Dr Lewis</p>'),
};
const holder: DocumentReference = {
  resourceType: 'DocumentReference',
  id: 'doc',
  status: 'current',
  subject: { reference: 'Patient/p' },
  content: [],
};

/** A REST source whose fetch answers `respond` and records every request. */
function restSource(respond: Parameters<typeof stubFetch>[0]) {
  const { fetch, calls } = stubFetch(respond);
  return { source: new FhirRestSource({ endpoint: ENDPOINT, fetch, accessToken: TOKEN, retries: 0 }), calls };
}

async function read(source: RecordSource, attachment: Attachment, maxBytes = LIMIT) {
  return readAttachment(source, attachment, { from: holder, maxBytes });
}

describe('data/attachments', () => {
  it('inline data: decoded, no request made', async () => {
    const { source, calls } = restSource(() => json({}));
    const content = await read(source, { contentType: 'text/plain', data: base64('Seen in clinic today.') });
    expect(content.kind === 'bytes' && text(content.bytes)).to.equal('Seen in clinic today.');
    expect(content.kind === 'bytes' && content.contentType).to.equal('text/plain');
    expect(calls).to.have.length(0);
  });

  it('inline data beyond the limit: only its beginning is decoded, and it says so', async () => {
    const { source } = restSource(() => json({}));
    const content = await read(source, { contentType: 'text/plain', data: base64('x'.repeat(5000)) }, 100);
    expect(content.kind === 'bytes' && [content.bytes.length, content.complete, content.size]).to.deep.equal([
      100,
      false,
      5000,
    ]);
  });

  it('a Binary on the endpoint: read as FHIR JSON with the token', async () => {
    const { source, calls } = restSource(() => json(letter));
    const content = await read(source, { contentType: 'text/html', url: 'Binary/letter' });
    expect(content.kind === 'bytes' && text(content.bytes)).to.equal('<p>Dear Dr Lewis</p>');
    expect(calls.map((call) => call.url)).to.deep.equal([`${ENDPOINT}/Binary/letter`]);
    expect(calls[0].headers.get('authorization')).to.equal(`Bearer ${TOKEN}`);
  });

  it('a Binary in a Bundle: found there, by relative reference or urn', async () => {
    const bundle = collection([letter]);
    bundle.entry!.push({
      fullUrl: 'urn:uuid:2b7ae0c6-3c8b-4f3b-9d55-7f2c1a0d9e11',
      resource: { ...letter, id: 'other' },
    });
    const source = new BundleSource(bundle);
    const byId = await read(source, { url: 'Binary/letter' });
    expect(byId.kind === 'bytes' && byId.contentType).to.equal('text/html');
    const byUrn = await read(source, { url: 'urn:uuid:2b7ae0c6-3c8b-4f3b-9d55-7f2c1a0d9e11' });
    expect(byUrn.kind).to.equal('bytes');
    const missing = await rejection(read(source, { url: 'Binary/nowhere' }));
    expect(missing.reason).to.equal('document-missing');
  });

  it('an address on another site is never requested: it comes back as a plain link', async () => {
    const { source, calls } = restSource(() => json(letter));
    for (const url of [
      'https://files.other.example/R4/Binary/letter',
      'https://files.other.example/letters/1.pdf',
    ]) {
      const content = await read(source, { contentType: 'application/pdf', url });
      expect(content).to.deep.equal({ kind: 'elsewhere', url, origin: 'https://files.other.example' });
    }
    expect(calls).to.have.length(0);
    const bundled = await read(new BundleSource(collection([letter])), {
      url: 'https://files.other.example/a.pdf',
    });
    expect(bundled.kind).to.equal('elsewhere');
  });

  it('an address that is not a web address is refused', async () => {
    const { source, calls } = restSource(() => json(letter));
    for (const [url, scheme] of [
      ['javascript:alert(1)', 'javascript:'],
      ['data:text/html,<script>alert(1)</script>', 'data:'],
      ['file:///etc/passwd', 'file:'],
    ]) {
      const error = await rejection(read(source, { url }));
      expect([error.reason, (error.params as { scheme: string }).scheme]).to.deep.equal([
        'document-address-unsafe',
        scheme,
      ]);
    }
    expect(calls).to.have.length(0);
  });

  it('a document on the endpoint origin: read as bytes with the token, up to the limit', async () => {
    const { source, calls } = restSource(
      () => new Response('%PDF-1.4 '.padEnd(5000, 'x'), { headers: { 'content-type': 'application/pdf' } }),
    );
    const content = await read(source, { url: '/documents/letter.pdf' }, 1000);
    expect(calls[0].url).to.equal('https://fhir.example.nhs.uk/documents/letter.pdf');
    expect(calls[0].headers.get('authorization')).to.equal(`Bearer ${TOKEN}`);
    expect(calls[0].headers.get('accept')).to.equal('*/*');
    expect(
      content.kind === 'bytes' && [content.contentType, content.bytes.length, content.complete],
    ).to.deep.equal(['application/pdf', 1000, false]);
  });

  it('a host source that cannot read documents: web addresses become links, others are missing', async () => {
    const inner = new BundleSource(collection([letter]));
    const source: RecordSource = {
      read: (...args) => inner.read(...args),
      search: (...args) => inner.search(...args),
      searchNext: (...args) => inner.searchNext(...args),
      resolve: (...args) => inner.resolve(...args),
    };
    expect((await read(source, { url: 'https://docs.example/1.pdf' })).kind).to.equal('elsewhere');
    expect((await rejection(read(source, { url: 'letters/1.pdf' }))).reason).to.equal('document-missing');
    expect((await rejection(read(source, {}))).reason).to.equal('document-missing');
  });
});

describe('FhirHttp.getBytes', () => {
  const URL_ = `${ENDPOINT}/documents/1`;

  it('a redirect is not followed with credentials', async () => {
    const { fetch, calls } = stubFetch(
      () => new Response(null, { status: 302, headers: { location: 'https://evil.example/steal' } }),
    );
    const error = await rejection(new FhirHttp({ fetch, accessToken: TOKEN }).getBytes(URL_, LIMIT));
    expect(error.reason).to.equal('redirect-cross-origin');
    expect(calls.map((call) => call.url)).to.deep.equal([URL_]);
  });

  it('a text document echoing the token loses it; a binary one is refused', async () => {
    const echo = (type: string) =>
      stubFetch(() => new Response(`Your token is ${TOKEN}.`, { headers: { 'content-type': type } })).fetch;
    const textual = await new FhirHttp({ fetch: echo('text/html'), accessToken: TOKEN }).getBytes(
      URL_,
      LIMIT,
    );
    expect(text(textual.bytes)).to.equal('Your token is [redacted].');
    const binary = await rejection(
      new FhirHttp({ fetch: echo('application/pdf'), accessToken: TOKEN }).getBytes(URL_, LIMIT),
    );
    expect(binary.reason).to.equal('document-echoes-credentials');
  });

  it('a failure is an error that says why, with no token in it', async () => {
    const { fetch } = stubFetch(
      () =>
        new Response(
          JSON.stringify({
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'not-found', diagnostics: `No document for ${TOKEN}` }],
          }),
          {
            status: 404,
          },
        ),
    );
    const error = await rejection(new FhirHttp({ fetch, accessToken: TOKEN }).getBytes(URL_, LIMIT));
    expect([error.kind, error.reason]).to.deep.equal(['not-found', 'http-status']);
    expect(JSON.stringify(error)).not.to.contain(TOKEN);
    expect(String(error.message)).not.to.contain(TOKEN);
  });

  it('reads a body without a stream (a custom fetch) and says its size', async () => {
    const response = new Response('abcdef');
    Object.defineProperty(response, 'body', { value: null });
    const { fetch } = stubFetch(() => response);
    const bytes = await new FhirHttp({ fetch }).getBytes(URL_, 4);
    expect([text(bytes.bytes), bytes.complete, bytes.size]).to.deep.equal(['abcd', false, 6]);
  });
});
