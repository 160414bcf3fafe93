import { expect } from '@open-wc/testing';
import { absoluteUrl, originOf } from '../../src/data/references.js';

describe('data/references', () => {
  it('origins and absolute URLs', () => {
    expect(originOf('https://fhir.example.nhs.uk/R4/Patient/1')).to.equal('https://fhir.example.nhs.uk');
    expect(originOf('not a url')).to.be.undefined;
    expect(absoluteUrl('/fhir')).to.equal(`${location.origin}/fhir`);
  });
});
