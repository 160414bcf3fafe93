import { expect } from '@open-wc/testing';
import { heapStrings } from './heap.js';

// The heap helper itself: a string the page keeps is found, one it dropped is not. Each needle is
// built from parts at run time with a per-run random part, so neither this file's source nor
// mocha's copy of it holds a needle.

const unique = Math.random().toString(36).slice(2, 12);
const needle = (kind: string) => ['heap', kind, unique].join('~');

const kept: { flat?: string; cons?: string; nested?: { text: string }[] } = {};

function keep(): void {
  kept.flat = needle('kept');
  kept.cons = 'heap~cons~'.toUpperCase() + unique + '~' + Math.random().toString(36).slice(2);
  kept.nested = [{ text: `before ${needle('nested')} after` }];
}

function createAndDrop(): number {
  const local = needle('dropped');
  const cons = 'heap~gone~'.toUpperCase() + unique + '~' + Math.random().toString(36).slice(2);
  const object = { text: `before ${needle('dropped-nested')} after` };
  return local.length + cons.length + object.text.length;
}

describe('heapStrings (heap snapshot helper)', function () {
  this.timeout(60000);

  it('finds strings the page keeps and not ones it dropped', async () => {
    keep();
    expect(createAndDrop()).to.be.greaterThan(0);
    const found = await heapStrings([
      needle('kept'),
      ['HEAP', 'CONS', unique].join('~'),
      needle('nested'),
      needle('dropped'),
      ['HEAP', 'GONE', unique].join('~'),
      needle('dropped-nested'),
    ]);
    expect(found).to.deep.equal([needle('kept'), ['HEAP', 'CONS', unique].join('~'), needle('nested')]);
  });

  it('no longer finds a kept string once it is let go', async () => {
    keep();
    expect(await heapStrings([needle('kept')])).to.deep.equal([needle('kept')]);
    kept.flat = undefined;
    expect(await heapStrings([needle('kept')])).to.deep.equal([]);
  });

  it('accepts an empty list', async () => {
    expect(await heapStrings([])).to.deep.equal([]);
  });
});
