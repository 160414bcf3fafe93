import { expect } from '@open-wc/testing';
import type { Bundle } from 'fhir/r4';
import { BundleSource } from '../../src/data/bundle-source.js';
import { createSource } from '../../src/data/create-source.js';
import { FhirRestSource } from '../../src/data/fhir-rest-source.js';
import { LazySource } from '../../src/data/lazy-source.js';
import type { RecordSource } from '../../src/data/record-source.js';
import { json, stubFetch } from '../helpers/fetch-stub.js';

const ENDPOINT = 'https://fhir.example.nhs.uk/R4';
const BUNDLE: Bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [{ resource: { resourceType: 'Patient', id: 'p' } }],
};

/** The source a `createSource` result stands for, its module imported. */
const loaded = (source: RecordSource | undefined) =>
  source instanceof LazySource ? source.load() : Promise.resolve(source);

describe('createSource', () => {
  it('returns nothing when no source is configured', () => {
    expect(createSource({})).to.be.undefined;
    expect(createSource({ endpoint: '', bundleSrc: '' })).to.be.undefined;
  });

  it('takes source over bundle over bundleSrc over endpoint', async () => {
    const own = { search: () => Promise.reject(new Error('unused')) } as unknown as RecordSource;
    expect(createSource({ source: own, bundle: BUNDLE, bundleSrc: '/r.json', endpoint: ENDPOINT })).to.equal(
      own,
    );
    expect(
      await loaded(createSource({ bundle: BUNDLE, bundleSrc: '/r.json', endpoint: ENDPOINT })),
    ).to.be.instanceOf(BundleSource);
    const fromUrl = createSource({ bundleSrc: '/r.json', endpoint: ENDPOINT });
    expect(await loaded(fromUrl)).to.be.instanceOf(BundleSource);
    expect(fromUrl).not.to.equal(createSource({ bundle: BUNDLE }));
    expect(await loaded(createSource({ endpoint: ENDPOINT }))).to.be.instanceOf(FhirRestSource);
  });

  it("an endpoint's source reads documents on its origin with the token (the document list's letters)", async () => {
    const { fetch, calls } = stubFetch(
      () => new Response('Clinic letter', { headers: { 'Content-Type': 'text/plain' } }),
    );
    const source = createSource({ endpoint: ENDPOINT, fetch, accessToken: 'secret' })!;
    expect(source.readDocument, 'readDocument').to.be.a('function');
    const read = await source.readDocument!(`${ENDPOINT}/files/letter.txt`, { maxBytes: 1000 });
    expect(new TextDecoder().decode(read.bytes)).to.equal('Clinic letter');
    expect(calls.map((call) => [call.url, call.headers.get('authorization')])).to.deep.equal([
      [`${ENDPOINT}/files/letter.txt`, 'Bearer secret'],
    ]);
  });

  it('gives the same instance for the same config', () => {
    const fetch = (() => Promise.reject(new Error('unused'))) as typeof window.fetch;
    const headers = { 'X-Portal': 'demo' };
    const accessToken = () => 'token';
    const config = { endpoint: ENDPOINT, fetch, headers, accessToken };
    expect(createSource({ ...config })).to.equal(createSource({ ...config }));
    expect(createSource({ endpoint: ENDPOINT })).to.equal(createSource({ endpoint: `${ENDPOINT}/` }));
    expect(createSource({ bundle: BUNDLE })).to.equal(createSource({ bundle: BUNDLE }));
    expect(createSource({ bundleSrc: '/r.json', fetch })).to.equal(
      createSource({ bundleSrc: '/r.json', fetch }),
    );
  });

  it('gives another instance when a string or an identity differs', () => {
    const fetch = (() => Promise.reject(new Error('unused'))) as typeof window.fetch;
    const base = createSource({ endpoint: ENDPOINT, fetch });
    expect(createSource({ endpoint: `${ENDPOINT}/other`, fetch })).not.to.equal(base);
    expect(
      createSource({ endpoint: ENDPOINT, fetch: ((...args) => fetch(...args)) as typeof window.fetch }),
    ).not.to.equal(base);
    expect(createSource({ endpoint: ENDPOINT, fetch, headers: {} })).not.to.equal(base);
    expect(createSource({ endpoint: ENDPOINT, fetch, accessToken: 't' })).not.to.equal(base);
    expect(createSource({ endpoint: ENDPOINT, fetch, accessToken: 'u' })).not.to.equal(
      createSource({ endpoint: ENDPOINT, fetch, accessToken: 't' }),
    );
    expect(createSource({ bundle: { ...BUNDLE } })).not.to.equal(createSource({ bundle: BUNDLE }));
    expect(createSource({ bundleSrc: ENDPOINT, fetch })).not.to.equal(base);
  });

  it('lets elements that share a config share requests', async () => {
    const { fetch, calls } = stubFetch(() => json({ resourceType: 'Patient', id: '1' }));
    const a = createSource({ endpoint: 'https://shared.example/R4', fetch, headers: { 'X-Portal': 'a' } });
    const headers = { 'X-Portal': 'b' };
    const b = createSource({ endpoint: 'https://shared.example/R4', fetch, headers });
    const c = createSource({ endpoint: 'https://shared.example/R4', fetch, headers });
    await Promise.all([a!.read('Patient', '1'), b!.read('Patient', '1'), c!.read('Patient', '1')]);
    expect(calls.map((call) => call.headers.get('x-portal'))).to.deep.equal(['a', 'b']);
  });

  describe('bundle-src credentials', () => {
    const TOKEN = 'bundle-token-0123456789';
    /** Reads the patient from a Bundle made for `config`; the request the stub fetch saw. */
    async function bundleRequest(config: Parameters<typeof createSource>[0]) {
      const { fetch, calls } = stubFetch(() => json(BUNDLE));
      const headers = { 'X-Api-Key': 'api-key-0123456789' };
      const source = createSource({ fetch, headers, accessToken: TOKEN, ...config });
      expect(await loaded(source)).to.be.instanceOf(BundleSource);
      await source!.read('Patient', 'p');
      expect(calls).to.have.length(1);
      return calls[0];
    }
    const sent = (call: { headers: Headers }) => [
      call.headers.get('authorization'),
      call.headers.get('x-api-key'),
    ];

    it("gives a Bundle on another origin than the endpoint's neither token nor headers", async () => {
      const call = await bundleRequest({ endpoint: ENDPOINT, bundleSrc: 'https://files.example/a/r.json' });
      expect(call.url).to.equal('https://files.example/a/r.json');
      expect(sent(call)).to.deep.equal([null, null]);
      expect(call.headers.get('accept')).to.equal('application/fhir+json');
    });

    it("gives a Bundle on the endpoint's origin both", async () => {
      const call = await bundleRequest({
        endpoint: ENDPOINT,
        bundleSrc: 'https://fhir.example.nhs.uk/bundles/b.json',
      });
      expect(sent(call)).to.deep.equal([`Bearer ${TOKEN}`, 'api-key-0123456789']);
    });

    it("with no endpoint, gives both only to a Bundle on the page's own origin", async () => {
      const own = await bundleRequest({ bundleSrc: '/records/c.json' });
      expect(own.url).to.equal(`${location.origin}/records/c.json`);
      expect(sent(own)).to.deep.equal([`Bearer ${TOKEN}`, 'api-key-0123456789']);
      const other = await bundleRequest({ bundleSrc: 'https://files.example/d.json' });
      expect(sent(other)).to.deep.equal([null, null]);
    });

    it('sends both to a Bundle on another origin when the host opts in with bundleCredentials', async () => {
      const call = await bundleRequest({
        endpoint: ENDPOINT,
        bundleSrc: 'https://files.example/e.json',
        bundleCredentials: true,
      });
      expect(sent(call)).to.deep.equal([`Bearer ${TOKEN}`, 'api-key-0123456789']);
    });

    it('keeps the Bundles fetched with and without credentials apart', () => {
      const bundleSrc = 'https://files.example/f.json';
      const without = createSource({ endpoint: ENDPOINT, bundleSrc, accessToken: TOKEN });
      expect(createSource({ endpoint: ENDPOINT, bundleSrc, accessToken: 'other-token' })).to.equal(without);
      expect(
        createSource({ endpoint: ENDPOINT, bundleSrc, accessToken: TOKEN, bundleCredentials: true }),
      ).not.to.equal(without);
    });
  });
});
