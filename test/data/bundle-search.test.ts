import { expect } from '@open-wc/testing';
import type { Resource } from 'fhir/r4';
import { dateRange, filterResources, naturalDate, sortResources } from '../../src/data/bundle-search.js';
import type { ReferenceContext } from '../../src/data/bundle-search.js';

const r = (fields: Record<string, unknown>) => fields as unknown as Resource;

/** A context in which nothing resolves: matching falls back to comparing `Type/id`. */
const nowhere: ReferenceContext = {
  locate: () => undefined,
  keysOf: (res) => (res.id ? [`${res.resourceType}/${res.id}`] : []),
  baseOf: () => undefined,
};

const params = (entries: Record<string, string[]>) => new Map(Object.entries(entries));

describe('bundle-search', () => {
  describe('naturalDate', () => {
    it('uses the date each kind of record is known by', () => {
      expect(
        naturalDate(r({ resourceType: 'Encounter', period: { start: '2019-12-10T13:00:00+00:00' } })),
      ).to.equal('2019-12-10T13:00:00+00:00');
      expect(naturalDate(r({ resourceType: 'MedicationRequest', authoredOn: '2023-06-15' }))).to.equal(
        '2023-06-15',
      );
      expect(
        naturalDate(
          r({
            resourceType: 'MedicationStatement',
            effectivePeriod: { start: '2021-02-15' },
            dateAsserted: '2017-02-22',
          }),
        ),
      ).to.equal('2021-02-15');
      expect(naturalDate(r({ resourceType: 'MedicationStatement', dateAsserted: '2017-02-22' }))).to.equal(
        '2017-02-22',
      );
      expect(
        naturalDate(
          r({ resourceType: 'Observation', effectiveDateTime: '2020-01-01', issued: '2020-01-02T00:00:00Z' }),
        ),
      ).to.equal('2020-01-01');
      expect(naturalDate(r({ resourceType: 'Observation', issued: '2020-01-02T00:00:00Z' }))).to.equal(
        '2020-01-02T00:00:00Z',
      );
      expect(naturalDate(r({ resourceType: 'Immunization', occurrenceDateTime: '2015' }))).to.equal('2015');
      expect(
        naturalDate(
          r({ resourceType: 'AllergyIntolerance', onsetDateTime: '1990', recordedDate: '2019-12-10' }),
        ),
      ).to.equal('2019-12-10');
      expect(naturalDate(r({ resourceType: 'Patient' }))).to.be.undefined;
    });
  });

  describe('dateRange', () => {
    it('covers the whole of a partial date, in UTC', () => {
      expect(dateRange('2019')).to.deep.equal([Date.UTC(2019, 0), Date.UTC(2020, 0)]);
      expect(dateRange('2019-12')).to.deep.equal([Date.UTC(2019, 11), Date.UTC(2020, 0)]);
      expect(dateRange('2019-12-31')).to.deep.equal([Date.UTC(2019, 11, 31), Date.UTC(2020, 0)]);
      const at = Date.parse('2019-12-10T13:00:00+01:00');
      expect(dateRange('2019-12-10T13:00:00+01:00')).to.deep.equal([at, at + 1000]);
      expect(dateRange('not a date')).to.be.undefined;
    });
  });

  describe('filterResources', () => {
    const encounters = [
      r({
        resourceType: 'Encounter',
        id: 'a',
        status: 'finished',
        period: { start: '2019-06-01' },
        subject: { reference: 'Patient/1' },
      }),
      r({
        resourceType: 'Encounter',
        id: 'b',
        status: 'in-progress',
        period: { start: '2020-03-15T10:00:00Z' },
        subject: { reference: 'Patient/2' },
      }),
      r({
        resourceType: 'Encounter',
        id: 'c',
        status: 'finished',
        period: { start: '2021-01-01' },
        subject: { reference: 'http://x.example/fhir/Patient/1' },
      }),
      r({ resourceType: 'Encounter', id: 'd', status: 'cancelled' }),
    ];
    const ids = (found: Resource[]) => found.map((one) => one.id);
    const run = (entries: Record<string, string[]>) =>
      ids(filterResources(encounters, params(entries), nowhere));

    it('filters by date with the FHIR prefixes, leaving out records without a date', () => {
      expect(run({ date: ['2020'] })).to.deep.equal(['b']);
      expect(run({ date: ['ge2020'] })).to.deep.equal(['b', 'c']);
      expect(run({ date: ['gt2020'] })).to.deep.equal(['c']);
      expect(run({ date: ['lt2020'] })).to.deep.equal(['a']);
      expect(run({ date: ['le2020-03-15'] })).to.deep.equal(['a', 'b']);
      expect(run({ date: ['ge2019-06-01', 'lt2021'] })).to.deep.equal(['a', 'b']);
      expect(run({ date: ['ne2020'] })).to.deep.equal(['a', 'c']);
      expect(run({ date: ['sa2020'] })).to.deep.equal(['c']);
      expect(run({ date: ['eb2020'] })).to.deep.equal(['a']);
      expect(run({ date: ['2019,2021'] })).to.deep.equal(['a', 'c']);
    });

    it('filters by status, status:not and _id, with commas as OR', () => {
      expect(run({ status: ['finished'] })).to.deep.equal(['a', 'c']);
      expect(run({ status: ['finished,cancelled'] })).to.deep.equal(['a', 'c', 'd']);
      expect(run({ 'status:not': ['finished'] })).to.deep.equal(['b', 'd']);
      expect(run({ _id: ['b,d'] })).to.deep.equal(['b', 'd']);
    });

    it('compares references by Type/id when they point outside the Bundle', () => {
      expect(run({ patient: ['Patient/1'] })).to.deep.equal(['a', 'c']);
      expect(run({ patient: ['1'] })).to.deep.equal(['a', 'c']);
      expect(run({ subject: ['Patient/2'] })).to.deep.equal(['b']);
      expect(run({ patient: ['Group/1'] })).to.deep.equal([]);
    });

    it('ignores control and unknown parameters and modifiers', () => {
      expect(
        run({ _count: ['1'], _sort: ['date'], code: ['1234'], 'patient:missing': ['true'] }),
      ).to.deep.equal(['a', 'b', 'c', 'd']);
    });

    it('matches identifiers as system|value, value, |value and system|', () => {
      const patients = [
        r({
          resourceType: 'Patient',
          id: 'p1',
          identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9912003888' }],
        }),
        r({ resourceType: 'Patient', id: 'p2', identifier: [{ value: '9912003888' }] }),
      ];
      const find = (value: string) =>
        ids(filterResources(patients, params({ identifier: [value] }), nowhere));
      expect(find('https://fhir.nhs.uk/Id/nhs-number|9912003888')).to.deep.equal(['p1']);
      expect(find('9912003888')).to.deep.equal(['p1', 'p2']);
      expect(find('|9912003888')).to.deep.equal(['p2']);
      expect(find('https://fhir.nhs.uk/Id/nhs-number|')).to.deep.equal(['p1']);
      expect(find('https://fhir.nhs.uk/Id/nhs-number|0000000000')).to.deep.equal([]);
    });
  });

  describe('sortResources', () => {
    const items = [
      r({ resourceType: 'MedicationRequest', id: 'old', authoredOn: '2016-02-09T22:00:28+00:00' }),
      r({ resourceType: 'MedicationRequest', id: 'none' }),
      r({ resourceType: 'MedicationRequest', id: 'new', authoredOn: '2022-09' }),
      r({ resourceType: 'MedicationRequest', id: 'mid', authoredOn: '2018' }),
    ];
    const order = (sort?: string) => sortResources(items, sort).map((one) => one.id);

    it('sorts by date either way, with undated records last', () => {
      expect(order('date')).to.deep.equal(['old', 'mid', 'new', 'none']);
      expect(order('-date')).to.deep.equal(['new', 'mid', 'old', 'none']);
    });

    it('uses the first key it knows, and keeps Bundle order otherwise', () => {
      expect(order('code,-date')).to.deep.equal(['new', 'mid', 'old', 'none']);
      expect(order('code')).to.deep.equal(['old', 'none', 'new', 'mid']);
      expect(order()).to.deep.equal(['old', 'none', 'new', 'mid']);
    });

    it('sorts Conditions by recorded-date (their recordedDate, never the onset)', () => {
      const conditions = [
        r({ resourceType: 'Condition', id: 'a', onsetDateTime: '2024-01-01', recordedDate: '2010-05-05' }),
        r({ resourceType: 'Condition', id: 'b', recordedDate: '2020-01-01T10:00:00Z' }),
        r({ resourceType: 'Condition', id: 'c', onsetDateTime: '2023-01-01' }),
      ];
      expect(sortResources(conditions, '-recorded-date').map((one) => one.id)).to.deep.equal(['b', 'a', 'c']);
    });

    it('sorts by meta.lastUpdated', () => {
      const updated = [
        r({ resourceType: 'Patient', id: 'x', meta: { lastUpdated: '2024-01-02T00:00:00Z' } }),
        r({ resourceType: 'Patient', id: 'y', meta: { lastUpdated: '2024-01-03T00:00:00Z' } }),
      ];
      expect(sortResources(updated, '-_lastUpdated').map((one) => one.id)).to.deep.equal(['y', 'x']);
    });
  });
});
