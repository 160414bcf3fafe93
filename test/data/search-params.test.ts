import { expect } from '@open-wc/testing';
import { fromQuery, paramValues, splitOr, toQuery } from '../../src/data/search-params.js';

describe('search-params', () => {
  it('writes a query, repeating arrays and dropping undefined values', () => {
    expect(
      toQuery({ patient: 'Patient/1', date: ['ge2020', 'le2021'], _count: 50, status: undefined }),
    ).to.equal('patient=Patient%2F1&date=ge2020&date=le2021&_count=50');
    expect(toQuery()).to.equal('');
  });

  it('reads a query back, keeping repeated values in order', () => {
    expect(fromQuery('patient=Patient%2F1&date=ge2020&date=le2021')).to.deep.equal({
      patient: ['Patient/1'],
      date: ['ge2020', 'le2021'],
    });
  });

  it('lists every value per parameter, dropping blanks', () => {
    const values = paramValues({ a: 'x', b: ['1', 2], c: '', d: undefined, e: [] });
    expect([...values]).to.deep.equal([
      ['a', ['x']],
      ['b', ['1', '2']],
    ]);
  });

  it('splits OR values on unescaped commas', () => {
    expect(splitOr('active,completed')).to.deep.equal(['active', 'completed']);
    expect(splitOr('a\\,b,c,')).to.deep.equal(['a,b', 'c']);
  });
});
