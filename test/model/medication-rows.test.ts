import { expect } from '@open-wc/testing';
import type { MedicationRequest } from 'fhir/r4';
import { medicationRow, medicationViews } from '../../src/model/medication-rows.js';
import { dateKey } from '../../src/model/streams.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const request = (
  id: string,
  authoredOn: string,
  status: MedicationRequest['status'] = 'active',
): MedicationRequest => ({
  resourceType: 'MedicationRequest',
  id,
  status,
  intent: 'order',
  subject: { reference: 'Patient/p' },
  authoredOn,
  medicationCodeableConcept: { text: `Medicine ${id} 5mg tablets` },
});
const row = (resource: MedicationRequest, position: number) =>
  medicationRow(resource, position, { resolve: () => undefined, now: NOW, sortDate: resource.authoredOn });

describe('model/medication-rows', () => {
  it('a row: its line, a key unique by position, the sort date as a key, and lower-case filter text', () => {
    const one = row(request('a', '2026-03-01'), 7);
    expect(one.key).to.equal('MedicationRequest/a#7');
    expect(one.date).to.equal(dateKey('2026-03-01'));
    expect(one.search).to.equal(`${one.line.name} `.toLocaleLowerCase('en-GB'));
    expect(one.resource.id).to.equal('a');
  });

  it('views hold only settled rows, newest first, and everything once every search is done', () => {
    const rows = [row(request('new', '2026-05-01'), 0), row(request('old', '2025-01-01'), 1)];
    const going = medicationViews(rows, [{ done: false, last: dateKey('2026-01-01') }]);
    expect(going.current.map((r) => r.resource.id)).to.deep.equal(['new']);
    const done = medicationViews(rows, [{ done: true }]);
    expect(done.current.map((r) => r.resource.id)).to.deep.equal(['new', 'old']);
    expect(done.past).to.deep.equal([]);
  });
});
