import { expect } from '@open-wc/testing';
import type { Bundle } from 'fhir/r4';
import { BundleSource } from '../../src/data/bundle-source.js';
import { createSource } from '../../src/data/create-source.js';
import { FhirRestSource } from '../../src/data/fhir-rest-source.js';
import type { RecordSource } from '../../src/data/record-source.js';
import { json, stubFetch } from './fetch-stub.js';

const ENDPOINT = 'https://fhir.example.nhs.uk/R4';
const BUNDLE: Bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [{ resource: { resourceType: 'Patient', id: 'p' } }],
};

describe('createSource', () => {
  it('returns nothing when no source is configured', () => {
    expect(createSource({})).to.be.undefined;
    expect(createSource({ endpoint: '', bundleSrc: '' })).to.be.undefined;
  });

  it('takes source over bundle over bundleSrc over endpoint', () => {
    const own = { search: () => Promise.reject(new Error('unused')) } as unknown as RecordSource;
    expect(createSource({ source: own, bundle: BUNDLE, bundleSrc: '/r.json', endpoint: ENDPOINT })).to.equal(
      own,
    );
    expect(createSource({ bundle: BUNDLE, bundleSrc: '/r.json', endpoint: ENDPOINT })).to.be.instanceOf(
      BundleSource,
    );
    const fromUrl = createSource({ bundleSrc: '/r.json', endpoint: ENDPOINT });
    expect(fromUrl).to.be.instanceOf(BundleSource);
    expect(fromUrl).not.to.equal(createSource({ bundle: BUNDLE }));
    expect(createSource({ endpoint: ENDPOINT })).to.be.instanceOf(FhirRestSource);
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
});
