import { expect } from '@open-wc/testing';
import type { MedicationRequest, Organization, Reference } from 'fhir/r4';
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

  describe('the same medicine from several sources', () => {
    const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
    const organisations: Record<string, Organization> = {
      gp: {
        resourceType: 'Organization',
        id: 'gp',
        name: 'Oakfield Surgery',
        identifier: [{ system: ODS, value: 'Y90001' }],
      },
      trust: {
        resourceType: 'Organization',
        id: 'trust',
        name: 'Riverside Hospital',
        identifier: [{ system: ODS, value: 'RZ9' }],
      },
      hospice: {
        resourceType: 'Organization',
        id: 'hospice',
        name: 'Meadow Hospice',
        identifier: [{ system: ODS, value: 'NH1' }],
      },
    };
    const resolve = (reference: Reference) => organisations[String(reference.reference).split('/')[1]];
    const atorvastatin = {
      coding: [{ system: 'https://dmd.nhs.uk', code: '320000009', display: 'Atorvastatin 20mg tablets' }],
    };
    const recorded = (id: string, by: string, extra: Partial<MedicationRequest> = {}): MedicationRequest => ({
      ...request(id, '2026-01-10'),
      medicationCodeableConcept: atorvastatin,
      requester: { reference: `Organization/${by}` },
      dosageInstruction: [{ text: 'One tablet at night' }],
      ...extra,
    });
    const views = (...resources: MedicationRequest[]) =>
      medicationViews(
        resources.map((resource, position) =>
          medicationRow(resource, position, { resolve, now: NOW, sortDate: resource.authoredOn }),
        ),
        [{ done: true }],
      );

    it("GP and hospital, same product and dose, dates overlapping: one row naming both, in the first one's place", () => {
      const { current } = views(
        recorded('gp-1', 'gp'),
        recorded('trust-1', 'trust', { authoredOn: '2026-02-01' }),
      );
      expect(current).to.have.length(1);
      expect(current[0].key).to.equal('MedicationRequest/gp-1#0');
      expect(current[0].sources.map((source) => source.display)).to.deep.equal([
        'Oakfield Surgery (Y90001)',
        'Riverside Hospital (RZ9)',
      ]);
    });

    it('never merged: another strength or form, another dose or status, dates apart, one source, a source not known', () => {
      const other = {
        coding: [{ system: 'https://dmd.nhs.uk', code: '320001008', display: 'Atorvastatin 40mg tablets' }],
      };
      const pairs: MedicationRequest[][] = [
        [recorded('a', 'gp'), recorded('b', 'trust', { medicationCodeableConcept: other })],
        [
          recorded('a', 'gp'),
          recorded('b', 'trust', { dosageInstruction: [{ text: 'Two tablets at night' }] }),
        ],
        [recorded('a', 'gp'), recorded('b', 'trust', { status: 'on-hold' })],
        [
          recorded('a', 'gp', {
            dispenseRequest: { validityPeriod: { start: '2026-01-10', end: '2026-02-01' } },
          }),
          recorded('b', 'trust', { dispenseRequest: { validityPeriod: { start: '2026-03-01' } } }),
        ],
        [recorded('a', 'gp'), recorded('b', 'gp')],
        [recorded('a', 'gp'), recorded('b', 'trust', { requester: undefined })],
      ];
      for (const pair of pairs) {
        const { current, past } = views(...pair);
        expect(current.length + past.length, JSON.stringify(pair[1])).to.equal(2);
      }
    });

    it("a row that two other organisations' rows could take joins the one shown first; its own organisation's repeats never take it", () => {
      const { current } = views(
        recorded('trust-1', 'trust'),
        recorded('gp-1', 'gp'),
        recorded('gp-2', 'gp'),
        recorded('hospice-1', 'hospice'),
        recorded('gp-3', 'gp'),
      );
      // gp-1 joins trust-1 (shown first); gp-2 cannot join that group (it has the GP) and begins one;
      // hospice-1 joins trust-1's group, shown before gp-2's; gp-3 joins neither GP-holding group.
      expect(current.map((row) => row.key)).to.deep.equal([
        'MedicationRequest/trust-1#0',
        'MedicationRequest/gp-2#2',
        'MedicationRequest/gp-3#4',
      ]);
      expect(current[0].sources.map((source) => source.ods)).to.deep.equal(['RZ9', 'Y90001', 'NH1']);
    });

    it('uncoded: the same name (any case), strength and form from two sources is one medicine', () => {
      const { current } = views(
        recorded('a', 'gp', { medicationCodeableConcept: { text: 'Atorvastatin 20mg tablets' } }),
        recorded('b', 'trust', { medicationCodeableConcept: { text: 'atorvastatin  20mg tablets' } }),
      );
      expect(current).to.have.length(1);
      expect(current[0].sources).to.have.length(2);
    });
  });
});
