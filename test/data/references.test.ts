import { expect } from '@open-wc/testing';
import { absoluteUrl, originOf, requestOrigin } from '../../src/data/references.js';

describe('data/references', () => {
  it('origins and absolute URLs', () => {
    expect(originOf('https://fhir.example.nhs.uk/R4/Patient/1')).to.equal('https://fhir.example.nhs.uk');
    expect(originOf('not a url')).to.be.undefined;
    expect(absoluteUrl('/fhir')).to.equal(`${location.origin}/fhir`);
  });

  it('the origin a request goes to: relative URLs on the page, opaque origins none', () => {
    expect(requestOrigin('https://fhir.example.nhs.uk/R4/Patient/1')).to.equal('https://fhir.example.nhs.uk');
    expect(requestOrigin('/fhir/Bundle/1')).to.equal(location.origin);
    expect(requestOrigin('data:application/json,{}')).to.equal(undefined);
  });
});
