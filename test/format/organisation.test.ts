import { expect } from '@open-wc/testing';
import { formatOrganisation, odsCodeOf, organisationSummary } from '../../src/format/organisation.js';
import { ukCore } from '../fixtures/uk-core/index.js';

const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';

describe('format/organisation', () => {
  it('provenance: Name (ODS) from a UK Core Organization', () => {
    expect(odsCodeOf(ukCore.organisationLeeds)).to.equal('RR8');
    expect(formatOrganisation(ukCore.organisationLeeds)).to.equal('LEEDS TEACHING HOSPITALS NHS TRUST (RR8)');
  });

  it('provenance: from a Reference with display and a logical identifier', () => {
    const reference = { display: 'Riverside Surgery', identifier: { system: ODS, value: 'y00001' } };
    expect(odsCodeOf(reference)).to.equal('Y00001');
    expect(organisationSummary(reference)).to.deep.equal({
      name: 'Riverside Surgery',
      ods: 'Y00001',
      display: 'Riverside Surgery (Y00001)',
    });
  });

  it('name or ODS code alone when only one is known', () => {
    expect(formatOrganisation({ name: 'Somewhere' })).to.equal('Somewhere');
    expect(formatOrganisation({ identifier: [{ system: ODS, value: 'RR8' }] })).to.equal('RR8');
  });

  it('ignores other identifier systems and malformed input', () => {
    expect(
      odsCodeOf({ identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-site-code', value: 'RR8D7' }] }),
    ).to.equal(undefined);
    expect(odsCodeOf(null)).to.equal(undefined);
    expect(formatOrganisation({})).to.equal(undefined);
    expect(formatOrganisation('LEEDS')).to.equal(undefined);
    expect(organisationSummary({ identifier: [null, { system: ODS }] })).to.equal(undefined);
  });
});
