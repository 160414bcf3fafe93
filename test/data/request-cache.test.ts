import { expect } from '@open-wc/testing';
import { isAbortError } from '../../src/data/record-error.js';
import { RequestCache } from '../../src/data/request-cache.js';
import { rejection, tick } from '../helpers/fetch-stub.js';

/** A load that the test settles by hand, recording the signal it was given. */
function deferredLoad() {
  const loads: { signal: AbortSignal; resolve(value: string): void; reject(error: unknown): void }[] = [];
  const load = (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      loads.push({ signal, resolve, reject });
    });
  return { load, loads };
}

describe('RequestCache', () => {
  it('shares one load between concurrent callers', async () => {
    const cache = new RequestCache<string>(1000);
    const { load, loads } = deferredLoad();
    const a = cache.get('k', load);
    const b = cache.get('k', load);
    expect(loads).to.have.length(1);
    loads[0].resolve('value');
    expect(await Promise.all([a, b])).to.deep.equal(['value', 'value']);
  });

  it('answers from the cache after the load settles, until the TTL passes', async () => {
    let now = 0;
    const cache = new RequestCache<string>(1000, () => now);
    let count = 0;
    const load = async () => `value-${++count}`;
    expect(await cache.get('k', load)).to.equal('value-1');
    now = 999;
    expect(await cache.get('k', load)).to.equal('value-1');
    expect(cache.peek('k')).to.equal('value-1');
    now = 1000;
    expect(cache.peek('k')).to.be.undefined;
    expect(await cache.get('k', load)).to.equal('value-2');
    expect(count).to.equal(2);
  });

  it('drops an answer when it expires, without waiting to be asked again', async () => {
    // A clock that never moves: only the expiry timer can drop the answer.
    const cache = new RequestCache<string>(20, () => 0);
    expect(await cache.get('k', async () => 'value')).to.equal('value');
    expect(cache.peek('k')).to.equal('value');
    await tick(60);
    expect(cache.peek('k')).to.be.undefined;
  });

  it('keeps a renewed answer for its own full time', async () => {
    const cache = new RequestCache<string>(60, () => 0);
    let count = 0;
    const load = async () => `value-${++count}`;
    await cache.get('k', load);
    await tick(40);
    cache.clear();
    await cache.get('k', load);
    await tick(40);
    expect(cache.peek('k')).to.equal('value-2');
  });

  it('keeps separate keys apart and forgets everything on clear()', async () => {
    const cache = new RequestCache<string>(60_000);
    let count = 0;
    const load = async () => `value-${++count}`;
    expect(await cache.get('a', load)).to.equal('value-1');
    expect(await cache.get('b', load)).to.equal('value-2');
    cache.clear();
    expect(await cache.get('a', load)).to.equal('value-3');
  });

  it('forget() drops one answer, so the next call loads again; other keys stay', async () => {
    const cache = new RequestCache<string>(1000);
    let count = 0;
    const load = async () => `v${++count}`;
    await cache.get('a', load);
    await cache.get('b', load);
    cache.forget('a');
    expect(await cache.get('a', load)).to.equal('v3');
    expect(await cache.get('b', load)).to.equal('v2');
  });

  it('never keeps a failure', async () => {
    const cache = new RequestCache<string>(60_000);
    let count = 0;
    const load = async () => {
      count += 1;
      if (count === 1) throw new Error('boom');
      return 'value';
    };
    expect((await rejection(cache.get('k', load))).message).to.equal('boom');
    expect(await cache.get('k', load)).to.equal('value');
    expect(count).to.equal(2);
  });

  it('turns a load that throws synchronously into a rejection', async () => {
    const cache = new RequestCache<string>(60_000);
    const error = await rejection(
      cache.get('k', () => {
        throw new Error('sync');
      }),
    );
    expect(error.message).to.equal('sync');
  });

  it('with a TTL of 0 shares loads in flight but keeps nothing', async () => {
    const cache = new RequestCache<string>(0);
    let count = 0;
    const load = async () => `value-${++count}`;
    await Promise.all([cache.get('k', load), cache.get('k', load)]);
    expect(count).to.equal(1);
    await cache.get('k', load);
    expect(count).to.equal(2);
  });

  describe('aborting', () => {
    it('rejects only the caller that aborts; the load goes on for the others', async () => {
      const cache = new RequestCache<string>(1000);
      const { load, loads } = deferredLoad();
      const first = new AbortController();
      const a = cache.get('k', load, first.signal);
      const b = cache.get('k', load, new AbortController().signal);
      first.abort();
      expect(isAbortError(await rejection(a))).to.be.true;
      expect(loads[0].signal.aborted).to.be.false;
      loads[0].resolve('value');
      expect(await b).to.equal('value');
    });

    it('aborts the load when every caller has aborted, and starts afresh for the next one', async () => {
      const cache = new RequestCache<string>(1000);
      const { load, loads } = deferredLoad();
      const one = new AbortController();
      const two = new AbortController();
      const a = cache.get('k', load, one.signal);
      const b = cache.get('k', load, two.signal);
      one.abort();
      two.abort();
      expect(isAbortError(await rejection(a))).to.be.true;
      expect(isAbortError(await rejection(b))).to.be.true;
      expect(loads[0].signal.aborted).to.be.true;
      const c = cache.get('k', load);
      expect(loads).to.have.length(2);
      loads[1].resolve('again');
      expect(await c).to.equal('again');
    });

    it('rejects at once, without loading, when the signal is already aborted', async () => {
      const cache = new RequestCache<string>(1000);
      const { load, loads } = deferredLoad();
      const controller = new AbortController();
      controller.abort();
      expect(isAbortError(await rejection(cache.get('k', load, controller.signal)))).to.be.true;
      expect(loads).to.have.length(0);
    });

    it('ignores an abort after the answer arrived', async () => {
      const cache = new RequestCache<string>(1000);
      const controller = new AbortController();
      const value = await cache.get('k', async () => 'value', controller.signal);
      controller.abort();
      expect(value).to.equal('value');
      expect(await cache.get('k', async () => 'other')).to.equal('value');
    });
  });

  it('clear() aborts no load in flight: its callers still get their answer', async () => {
    const cache = new RequestCache<string>(60_000);
    const { load, loads } = deferredLoad();
    const pending = cache.get('k', load);
    cache.clear();
    expect(loads[0].signal.aborted).to.be.false;
    loads[0].resolve('value');
    expect(await pending).to.equal('value');
    expect(cache.peek('k')).to.be.undefined;
  });

  it('after clear(), does not share or keep the old load', async () => {
    const cache = new RequestCache<string>(60_000);
    const { load, loads } = deferredLoad();
    const old = cache.get('k', load);
    cache.clear();
    const fresh = cache.get('k', load);
    expect(loads).to.have.length(2);
    loads[1].resolve('new');
    loads[0].resolve('old');
    expect(await old).to.equal('old');
    expect(await fresh).to.equal('new');
    await tick();
    expect(cache.peek('k')).to.equal('new');
  });
});
