import { expect } from '@open-wc/testing';
import type { ContactPoint } from 'fhir/r4';
import { contactList } from '../../src/format/telecom.js';
import { typicalAdult } from '../fixtures/patients.js';
import { ukCore } from '../fixtures/uk-core/index.js';

const now = new Date('2024-03-10T14:35:00Z');

describe('format/telecom', () => {
  it('PAB zone 2: contacts ordered Home, Work, Mobile, Email; ended entries left out', () => {
    expect(contactList(typicalAdult.telecom, { now })).to.deep.equal([
      { label: 'Home', value: '0113 496 0999', system: 'phone', use: 'home' },
      { label: 'Work', value: '0113 496 0000', system: 'phone', use: 'work' },
      { label: 'Mobile', value: '07700 900123', system: 'phone', use: 'mobile' },
      { label: 'Email', value: 'alice.smith@example.com', system: 'email', use: 'home' },
    ]);
  });

  it('a phone with no use is labelled Phone (UK Core Richard Smith)', () => {
    expect(contactList(ukCore.patientRichardSmith.telecom)).to.deep.equal([
      { label: 'Phone', value: '01131231234', system: 'phone' },
    ]);
  });

  it('other systems come after, labelled; rank orders within a group', () => {
    const telecom: ContactPoint[] = [
      { system: 'url', value: 'https://example.org' },
      { system: 'fax', value: '0113 000 0001' },
      { system: 'pager', value: '1234' },
      { system: 'other', value: '@handle' },
      { system: 'sms', value: '07700 900999' },
      { system: 'phone', use: 'home', value: 'second', rank: 2 },
      { system: 'phone', use: 'home', value: 'first', rank: 1 },
      { system: 'phone', use: 'old', value: 'gone' },
    ];
    expect(contactList(telecom, { now }).map((c) => `${c.label}: ${c.value}`)).to.deep.equal([
      'Home: first',
      'Home: second',
      'Text message: 07700 900999',
      'Website: https://example.org',
      'Fax: 0113 000 0001',
      'Pager: 1234',
      'Other: @handle',
    ]);
  });

  it('malformed input: entries without a value are dropped, nothing throws', () => {
    expect(contactList(undefined)).to.deep.equal([]);
    expect(contactList([null, {}, { system: 'phone' }, { value: '  ' }, 'x'])).to.deep.equal([]);
    expect(contactList({ value: '0113', use: 'home' })).to.deep.equal([
      { label: 'Home', value: '0113', use: 'home' },
    ]);
  });
});
