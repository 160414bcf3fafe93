import { expect } from '@open-wc/testing';
import { dateKey, settledFrom, settledRows } from '../../src/model/streams.js';

const row = (name: string, date?: string) => ({ name, key: date ? dateKey(date) : undefined });
const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe('model/streams: rows settled while sorted pages arrive', () => {
  const rows = [
    row('request 2026-03', '2026-03-01'),
    row('statement 2026-02', '2026-02-01'),
    row('request 2025-12', '2025-12-01'),
    row('statement 2025-06', '2025-06-01'),
    row('undated'),
  ];

  it('shows only rows no later page can come before: at or after the newest edge of the searches still going', () => {
    // Requests have reached December 2025, statements only February 2026: a statement from January
    // 2026 may still come, so the December request waits.
    const edges = [
      { done: false, last: dateKey('2025-12-01') },
      { done: false, last: dateKey('2026-02-01') },
    ];
    expect(names(settledRows(rows, (r) => r.key, edges))).to.deep.equal([
      'request 2026-03',
      'statement 2026-02',
    ]);
  });

  it('a search that is done no longer holds rows back', () => {
    const edges = [
      { done: false, last: dateKey('2025-12-01') },
      { done: true, last: dateKey('2026-02-01') },
    ];
    expect(names(settledRows(rows, (r) => r.key, edges))).to.deep.equal([
      'request 2026-03',
      'statement 2026-02',
      'request 2025-12',
    ]);
  });

  it('everything, undated rows too, once every search is done', () => {
    expect(settledFrom([{ done: true }, { done: true, last: 5 }])).to.equal(-Infinity);
    expect(names(settledRows(rows, (r) => r.key, [{ done: true }]))).to.have.length(5);
  });

  it('a search still going whose last row had no date holds everything back', () => {
    expect(settledFrom([{ done: false }])).to.equal(Infinity);
    expect(settledRows(rows, (r) => r.key, [{ done: false }])).to.deep.equal([]);
  });

  it('dateKey reads FHIR dates, partial ones included, and nothing else', () => {
    expect(dateKey('2026-03-01')).to.be.a('number');
    expect(dateKey('2026')! < dateKey('2026-03-01')!).to.equal(true);
    expect(dateKey('not a date')).to.equal(undefined);
    expect(dateKey(undefined)).to.equal(undefined);
  });
});
