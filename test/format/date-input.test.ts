import { expect } from '@open-wc/testing';
import { parseDateInput } from '../../src/format/date-input.js';

const parse = (day: string, month: string, year: string) => parseDateInput({ day, month, year });

describe('parseDateInput (NHS date input: day, month, year)', () => {
  it('reads a date as YYYY-MM-DD, with or without leading zeros and spaces', () => {
    expect(parse('15', '3', '2024')).to.deep.equal({ kind: 'date', value: '2024-03-15' });
    expect(parse(' 05 ', '03', '2024')).to.deep.equal({ kind: 'date', value: '2024-03-05' });
    expect(parse('29', '2', '2024')).to.deep.equal({ kind: 'date', value: '2024-02-29' });
  });

  it('nothing typed is no date, not an error', () => {
    expect(parse('', ' ', '')).to.deep.equal({ kind: 'empty' });
  });

  it('names the boxes left empty', () => {
    expect(parse('15', '', '')).to.deep.equal({ kind: 'incomplete', fields: ['month', 'year'] });
    expect(parse('', '3', '2024')).to.deep.equal({ kind: 'incomplete', fields: ['day'] });
  });

  it('an impossible date is not a real date, naming the box that is wrong', () => {
    expect(parse('31', '2', '2024')).to.deep.equal({ kind: 'not-real', fields: ['day'] });
    expect(parse('29', '2', '2023')).to.deep.equal({ kind: 'not-real', fields: ['day'] });
    expect(parse('0', '1', '2024')).to.deep.equal({ kind: 'not-real', fields: ['day'] });
    expect(parse('1', '13', '2024')).to.deep.equal({ kind: 'not-real', fields: ['month'] });
    expect(parse('1', 'Mar', '2024')).to.deep.equal({ kind: 'not-real', fields: ['month'] });
    expect(parse('1.5', '3', '-2024')).to.deep.equal({ kind: 'not-real', fields: ['day', 'year'] });
  });

  it('a year must have 4 numbers', () => {
    expect(parse('15', '3', '24')).to.deep.equal({ kind: 'year-digits', fields: ['year'] });
  });
});
