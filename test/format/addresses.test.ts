import { expect } from '@open-wc/testing';
import type { Address } from 'fhir/r4';
import { formatAddress, selectAddress } from '../../src/format/addresses.js';
import { typicalAdult } from '../fixtures/patients.js';
import { ukCore } from '../fixtures/uk-core/index.js';

const now = new Date('2024-03-10T14:35:00Z');

describe('format/addresses', () => {
  it('PAB zone 2: UK order with the postcode last on its own line (UK Core Richard Smith)', () => {
    expect(formatAddress(selectAddress(ukCore.patientRichardSmith.address))).to.deep.equal([
      '4 Sandmoor Drive',
      'LEEDS',
      'LS17 7DF',
    ]);
  });

  it('chooses the current home address over an old one; UK country not written; postcode upper case', () => {
    expect(formatAddress(selectAddress(typicalAdult.address, { now }))).to.deep.equal([
      '12 Example Street',
      'Flat 3',
      'Leeds',
      'West Yorkshire',
      'LS1 4AB',
    ]);
  });

  it('writes the country when it is outside the UK, before the postcode', () => {
    const address: Address = {
      line: ['1 Rue de la Paix'],
      city: 'Paris',
      postalCode: '75002',
      country: 'France',
    };
    expect(formatAddress(address)).to.deep.equal(['1 Rue de la Paix', 'Paris', 'France', '75002']);
    expect(formatAddress({ city: 'Cardiff', country: 'Wales' })).to.deep.equal(['Cardiff']);
  });

  it('drops a part that repeats an earlier one', () => {
    expect(formatAddress({ line: ['Leeds General Infirmary', 'LEEDS'], city: 'Leeds' })).to.deep.equal([
      'Leeds General Infirmary',
      'LEEDS',
    ]);
  });

  it('falls back to Address.text, split on its line breaks', () => {
    expect(formatAddress({ text: '1 High Street\nLeeds\nLS1 1AA' })).to.deep.equal([
      '1 High Street',
      'Leeds',
      'LS1 1AA',
    ]);
  });

  it('prefers a current address in period; falls back to any when none is current', () => {
    const addresses: Address[] = [
      { use: 'home', city: 'Past', period: { end: '2020-01-01' } },
      { use: 'billing', city: 'Billing' },
      { use: 'work', city: 'Work' },
      { use: 'home', city: 'Future', period: { start: '2030-01-01' } },
    ];
    expect(selectAddress(addresses, { now })?.city).to.equal('Work');
    expect(selectAddress([{ use: 'billing', city: 'Billing' }], { now })?.city).to.equal('Billing');
    expect(selectAddress([{ use: 'old', city: 'Old' }], { now })?.city).to.equal('Old');
  });

  it('malformed input gives no lines rather than throwing', () => {
    expect(formatAddress(undefined)).to.deep.equal([]);
    expect(formatAddress({})).to.deep.equal([]);
    expect(formatAddress({ line: 'One line', city: 7 } as unknown as Address)).to.deep.equal(['One line']);
    expect(selectAddress(null)).to.equal(undefined);
    expect(selectAddress([null, {}, 'x'])).to.equal(undefined);
  });
});
