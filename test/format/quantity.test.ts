import { expect } from '@open-wc/testing';
import {
  formatCount,
  formatNumber,
  formatQuantity,
  formatRange,
  formatRatio,
} from '../../src/format/quantity.js';

describe('format/quantity', () => {
  it('no trailing zeros (2.50 mg → 2.5 mg)', () => {
    expect(formatQuantity({ value: 2.5, unit: 'mg' })).to.equal('2.5 mg');
    expect(formatQuantity({ value: '2.50', unit: 'mg' })).to.equal('2.5 mg');
    expect(formatQuantity({ value: 500, unit: 'milligram', code: 'mg' })).to.equal('500 milligram');
  });

  it('no exponent and no grouping', () => {
    expect(formatNumber(0.0000001)).to.equal('0.0000001');
    expect(formatNumber(12000)).to.equal('12000');
    expect(formatNumber('abc')).to.equal(undefined);
    expect(formatNumber(Number.NaN)).to.equal(undefined);
  });

  it('the code when there is no unit; the comparator kept; % without a space', () => {
    expect(formatQuantity({ value: 1, code: '[drp]' })).to.equal('1 [drp]');
    expect(formatQuantity({ value: 5, comparator: '<', unit: 'mmol/L' })).to.equal('<5 mmol/L');
    expect(formatQuantity({ value: 0.5, unit: '%' })).to.equal('0.5%');
    expect(formatQuantity({ value: 3 })).to.equal('3');
  });

  it('a quantity without a value is nothing', () => {
    expect(formatQuantity({ unit: 'mg' })).to.equal(undefined);
    expect(formatQuantity(null)).to.equal(undefined);
    expect(formatQuantity('5 mg')).to.equal(undefined);
  });

  it('ratios: 500 mg/10 mL; a denominator of one shows its unit alone', () => {
    expect(
      formatRatio({ numerator: { value: 500, code: 'mg' }, denominator: { value: 10, code: 'mL' } }),
    ).to.equal('500 mg/10 mL');
    expect(
      formatRatio({ numerator: { value: 500, code: 'mg' }, denominator: { value: 1, unit: 'tablet' } }),
    ).to.equal('500 mg/tablet');
    expect(formatRatio({ numerator: { value: 500, code: 'mg' } })).to.equal('500 mg');
    expect(formatRatio({ numerator: { value: 5, code: 'mg' }, denominator: { unit: 'mL' } })).to.equal(
      '5 mg',
    );
    expect(formatRatio({ denominator: { value: 1 } })).to.equal(undefined);
    expect(formatRatio(undefined)).to.equal(undefined);
  });

  it('ranges: 1 to 2 tablet; at least; up to', () => {
    expect(formatRange({ low: { value: 1, unit: 'tablet' }, high: { value: 2, unit: 'tablet' } })).to.equal(
      '1 to 2 tablet',
    );
    expect(formatRange({ low: { value: 500, unit: 'mg' }, high: { value: 1, unit: 'g' } })).to.equal(
      '500 mg to 1 g',
    );
    expect(formatRange({ low: { value: 1, unit: 'tablet' } })).to.equal('at least 1 tablet');
    expect(formatRange({ high: { value: 2, unit: 'tablet' } })).to.equal('up to 2 tablet');
    expect(formatRange({})).to.equal(undefined);
    expect(formatRange([])).to.equal(undefined);
  });
  it('counts are grouped as people read them', () => {
    expect(formatCount(5000)).to.equal('5,000');
    expect(formatCount(350)).to.equal('350');
    expect(formatCount(100000)).to.equal('100,000');
  });
});
