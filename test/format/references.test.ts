import { expect } from '@open-wc/testing';
import { parseReference, typeIdKey } from '../../src/format/references.js';

describe('format/references', () => {
  it('tells the reference forms apart', () => {
    expect(parseReference('#med1')).to.deep.equal({ kind: 'contained', id: 'med1' });
    expect(parseReference('urn:uuid:04121321-4af5-424c-a0e1-ed3aab1c349d')).to.deep.equal({
      kind: 'urn',
      urn: 'urn:uuid:04121321-4af5-424c-a0e1-ed3aab1c349d',
    });
    expect(parseReference('Patient/45/_history/2')).to.deep.equal({
      kind: 'relative',
      type: 'Patient',
      id: '45',
      version: '2',
    });
    expect(
      parseReference('Organization?identifier=https://github.com/synthetichealth/synthea|abc'),
    ).to.deep.equal({
      kind: 'conditional',
      type: 'Organization',
      query: 'identifier=https://github.com/synthetichealth/synthea|abc',
    });
    expect(parseReference('http://example.org/fhir/Patient/23')).to.deep.equal({
      kind: 'absolute',
      url: 'http://example.org/fhir/Patient/23',
      base: 'http://example.org/fhir/',
      type: 'Patient',
      id: '23',
      version: undefined,
    });
    expect(parseReference('https://example.org/docs/report.pdf')).to.deep.equal({
      kind: 'absolute',
      url: 'https://example.org/docs/report.pdf',
    });
    expect(parseReference('123')).to.deep.equal({ kind: 'invalid' });
    expect(parseReference('http://[broken')).to.deep.equal({ kind: 'invalid' });
  });

  it('trims, and names no resource when an absolute URL carries a query or fragment', () => {
    expect(parseReference('  Patient/45 ')).to.deep.equal({
      kind: 'relative',
      type: 'Patient',
      id: '45',
      version: undefined,
    });
    expect(parseReference('#')).to.deep.equal({ kind: 'contained', id: '' });
    expect(parseReference('https://example.org/fhir/Patient?identifier=x|1')).to.deep.equal({
      kind: 'absolute',
      url: 'https://example.org/fhir/Patient?identifier=x|1',
    });
    expect(parseReference('https://example.org/fhir/Patient/1#top')).to.deep.equal({
      kind: 'absolute',
      url: 'https://example.org/fhir/Patient/1#top',
    });
    expect(parseReference('')).to.deep.equal({ kind: 'invalid' });
  });

  it('keys a resource by Type/id', () => {
    expect(typeIdKey('Patient', '1')).to.equal('Patient/1');
  });
});
