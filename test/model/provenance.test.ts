import { expect } from '@open-wc/testing';
import type { Reference } from 'fhir/r4';
import { organisationOf, resolveReference } from '../../src/model/provenance.js';
import { resolveUkCore, ukCore } from '../fixtures/uk-core/index.js';

const LEEDS = { reference: 'Organization/UKCore-Organization-LeedsTeachingHospital-Example' };

describe('model/provenance', () => {
  it('resolves contained references without a resolver', () => {
    const container = { contained: [{ resourceType: 'Organization', id: 'org', name: 'Contained Org' }] };
    expect(resolveReference({ reference: '#org' }, undefined, container)).to.deep.include({
      name: 'Contained Org',
    });
    expect(resolveReference({ reference: '#missing' }, undefined, container)).to.equal(undefined);
    expect(resolveReference({ reference: '#org' })).to.equal(undefined);
  });

  it('asks the resolver otherwise, ignoring non-resources and errors', () => {
    expect(resolveReference(LEEDS, resolveUkCore)?.id).to.equal(ukCore.organisationLeeds.id);
    expect(resolveReference(LEEDS)).to.equal(undefined);
    expect(resolveReference(LEEDS, () => ({ name: 'no type' }) as never)).to.equal(undefined);
    expect(
      resolveReference(LEEDS, () => {
        throw new Error('boom');
      }),
    ).to.equal(undefined);
    expect(resolveReference('Organization/1', resolveUkCore)).to.equal(undefined);
  });

  it('provenance: an Organization by name and ODS code, keeping the reference', () => {
    expect(organisationOf(LEEDS, resolveUkCore)).to.deep.equal({
      name: 'LEEDS TEACHING HOSPITALS NHS TRUST',
      ods: 'RR8',
      display: 'LEEDS TEACHING HOSPITALS NHS TRUST (RR8)',
      reference: LEEDS,
    });
  });

  it('an unresolved Organization reference still gives what it says (or just the reference)', () => {
    const bare: Reference = { reference: 'Organization/unknown' };
    expect(organisationOf(bare)).to.deep.equal({ reference: bare });
    const typed: Reference = { type: 'Organization', display: 'Some Trust' };
    expect(organisationOf(typed)).to.deep.include({ name: 'Some Trust', display: 'Some Trust' });
  });

  it('a conditional Organization reference (as Synthea writes) gives its display', () => {
    const conditional: Reference = {
      reference: 'Organization?identifier=https://github.com/synthetichealth/synthea|abc',
      display: 'JOHN MAGALHAES AND ASSOCIATES, INC.',
    };
    expect(organisationOf(conditional)).to.deep.include({ name: 'JOHN MAGALHAES AND ASSOCIATES, INC.' });
    expect(organisationOf({ reference: 'Practitioner?identifier=x|1', display: 'Dr Y' })).to.equal(undefined);
  });

  it('a person is not an organisation; a PractitionerRole leads to its organisation', () => {
    expect(
      organisationOf(
        { reference: 'Practitioner/UKCore-Practitioner-ConsultantSandraGose-Example' },
        resolveUkCore,
      ),
    ).to.equal(undefined);
    expect(organisationOf({ reference: 'Practitioner/x', display: 'Dr X' })).to.equal(undefined);
    const roleResolver = (reference: Reference) =>
      reference.reference === 'PractitionerRole/r'
        ? { resourceType: 'PractitionerRole' as const, id: 'r', organization: LEEDS }
        : resolveUkCore(reference);
    expect(organisationOf({ reference: 'PractitionerRole/r' }, roleResolver)?.ods).to.equal('RR8');
    expect(organisationOf(null)).to.equal(undefined);
  });
});
