import { expect } from '@open-wc/testing';
import type { Observation, Reference, Resource } from 'fhir/r4';
import { resultEntry, resultsRecord } from '../../src/model/results.js';
import { chartScale, tickLabel, trendIndex } from '../../src/model/trends.js';
import { generateResults } from '../fixtures/results/paged-source.js';
import { resultsLab, resultsObservations, resultsReports } from '../fixtures/results/synthetic-uk.js';

const lookup =
  (resources: readonly Resource[]) =>
  (reference: Reference): Resource | undefined => {
    const [type, id] = String(reference.reference).split('/');
    return resources.find((r) => r.resourceType === type && r.id === id);
  };
const { results } = resultsRecord(resultsReports, resultsObservations, {
  resolve: lookup([...resultsObservations, resultsLab]),
});
const trends = trendIndex(results);
const named = (name: string) => results.filter((r) => r.name === name);
const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const observation = (id: string, code: Observation['code'], value: number, when: string): Observation => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code,
  subject: { reference: 'Patient/x' },
  effectiveDateTime: when,
  valueQuantity: { value, unit: 'kg' },
});

describe('model/trends', () => {
  it('a test done three times (same LOINC code): every value in the table, newest first, and one line oldest first', () => {
    const [newest] = named('Haemoglobin');
    expect(trends.countOf(newest)).to.equal(3);
    const trend = trends.of(newest)!;
    expect(trend.name).to.equal('Haemoglobin');
    expect(trend.unit).to.equal('g/L');
    expect(trend.rows.map((row) => [row.date?.display, row.value, row.flag?.label])).to.deep.equal([
      ['01-Mar-2024 09:12', '118 g/L', 'Low'],
      ['02-Mar-2023 10:30', '125 g/L', 'Low'],
      ['28-Feb-2022 11:05', '133 g/L', undefined],
    ]);
    expect(trend.series).to.have.length(1);
    expect(trend.series[0].points.map((p) => p.value)).to.deep.equal([133, 125, 118]);
    expect(trend.band).to.deep.include({ low: 130, high: 180 });
    expect(trend.notPlotted).to.equal(0);
  });

  it('a test done once has no trend', () => {
    const [weight] = named('Body weight');
    expect(trends.countOf(weight)).to.equal(1);
    expect(trends.of(weight)).to.equal(undefined);
  });

  it('a preliminary value is in the trend with its status', () => {
    const trend = trends.of(named('HbA1c (IFCC)')[0])!;
    expect(trend.rows.map((row) => row.statusLabel)).to.deep.equal(['Preliminary', 'Final', 'Final']);
    expect(trend.series[0].points.map((p) => p.value)).to.deep.equal([48, 53, 51]);
  });

  it('blood pressure: two lines, systolic and diastolic', () => {
    const trend = trends.of(named('Blood pressure')[0])!;
    expect(trend.series.map((s) => [s.label, s.points.map((p) => p.value)])).to.deep.equal([
      ['Systolic', [136, 142]],
      ['Diastolic', [84, 88]],
    ]);
    expect(trend.unit).to.equal('mmHg');
  });

  it('results coded in different systems are one test when one of them shares a code', () => {
    const both = {
      coding: [
        { system: LOINC, code: '29463-7' },
        { system: SNOMED, code: '27113001' },
      ],
    };
    const entries = [
      resultEntry(observation('a', { coding: [{ system: SNOMED, code: '27113001' }] }, 80, '2024-01-01')),
      resultEntry(observation('b', both, 81, '2024-02-01')),
      resultEntry(observation('c', { coding: [{ system: LOINC, code: '29463-7' }] }, 82, '2024-03-01')),
      resultEntry(observation('d', { coding: [{ system: LOINC, code: '8302-2' }] }, 170, '2024-03-01')),
    ];
    const index = trendIndex(entries);
    expect(entries.map((entry) => index.countOf(entry))).to.deep.equal([3, 3, 3, 1]);
  });

  it('values in another unit, with a comparator or without a date stay in the table only', () => {
    const code = { text: 'Weight' };
    const entries = [
      resultEntry(observation('a', code, 80, '2024-01-01')),
      resultEntry(observation('b', code, 81, '2024-02-01')),
      resultEntry({
        ...observation('c', code, 180, '2024-03-01'),
        valueQuantity: { value: 180, unit: 'lb' },
      }),
      resultEntry({
        ...observation('d', code, 79, '2024-04-01'),
        valueQuantity: { value: 79, unit: 'kg', comparator: '<' },
      }),
      resultEntry({ ...observation('e', code, 78, '2024-05-01'), effectiveDateTime: undefined }),
    ];
    const trend = trendIndex(entries).of(entries[0])!;
    expect(trend.rows).to.have.length(5);
    expect(trend.unit).to.equal('kg');
    expect(trend.series[0].points.map((p) => p.value)).to.deep.equal([80, 81]);
    expect(trend.notPlotted).to.equal(3);
  });

  it('fewer than two values to plot: no chart, every value in the table', () => {
    const code = { text: 'Culture' };
    const entries = ['a', 'b'].map((id) =>
      resultEntry({
        ...observation(id, code, 0, '2024-01-01'),
        valueQuantity: undefined,
        valueString: 'No growth',
      }),
    );
    const trend = trendIndex(entries).of(entries[0])!;
    expect(trend.series).to.deep.equal([]);
    expect(trend.notPlotted).to.equal(2);
  });

  it('840 results: every test of the long history has its trend', () => {
    const { reports, observations } = generateResults(120);
    const record = resultsRecord(reports, observations, { resolve: lookup(observations) });
    expect(record.items).to.have.length(120 * 3);
    const index = trendIndex(record.results);
    const potassium = record.results.find((r) => r.name === 'Potassium')!;
    expect(index.countOf(potassium)).to.equal(120);
    expect(index.of(potassium)!.series[0].points).to.have.length(120);
  });

  describe('chart scale', () => {
    it('round ticks that hold every value and the band', () => {
      expect(chartScale([118, 125, 133], { display: '', low: 130, high: 180 })).to.deep.equal({
        min: 100,
        max: 180,
        ticks: [100, 120, 140, 160, 180],
      });
      expect(chartScale([4.8, 5.9, 6.8], { display: '', low: 3.5, high: 5.3 }).ticks).to.deep.equal([
        3, 4, 5, 6, 7,
      ]);
    });

    it('one value alone gets room either side; decimals as the step needs', () => {
      const scale = chartScale([50]);
      expect(scale.min < 50 && scale.max > 50).to.equal(true);
      expect(tickLabel(0.30000000000000004)).to.equal('0.3');
      expect(chartScale([])).to.deep.equal({ min: 0, max: 1, ticks: [0, 1] });
    });
  });
});
