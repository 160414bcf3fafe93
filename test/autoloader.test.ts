import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { autoload } from '../src/autoloader.js';

let run = 0;

/** Loaders for two fresh tags that count their calls; `fail` makes the first call of `b` fail. */
function loaders(options: { fail?: boolean } = {}) {
  run += 1;
  const a = `care-autoload-a${run}`;
  const b = `care-autoload-b${run}`;
  const calls = { [a]: 0, [b]: 0 };
  const define = (tag: string) => async () => {
    calls[tag] += 1;
    if (tag === b && options.fail && calls[tag] === 1) throw new Error('chunk failed');
    customElements.define(tag, class extends HTMLElement {});
  };
  return { a, b, calls, map: { [a]: define(a), [b]: define(b) } };
}

describe('autoload', () => {
  it('loads nothing when no tag is on the page, and an element when its tag appears', async () => {
    const { a, b, calls, map } = loaders();
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    autoload(map, root);
    await Promise.resolve();
    expect(calls).to.deep.equal({ [a]: 0, [b]: 0 });

    root.insertAdjacentHTML('beforeend', `<section><${a}></${a}><${a}></${a}></section>`);
    await customElements.whenDefined(a);
    expect(calls[a]).to.equal(1);
    expect(calls[b]).to.equal(0);
    expect(root.querySelector(a)!.matches(':defined')).to.equal(true);
  });

  it('loads the elements already in the root when it starts', async () => {
    const { a, b, calls, map } = loaders();
    const root = document.createElement('div');
    root.innerHTML = `<${a}></${a}><p><${b}></${b}></p>`;
    document.body.append(root);
    try {
      await autoload(map, root).discover(root);
      expect(calls).to.deep.equal({ [a]: 1, [b]: 1 });
    } finally {
      root.remove();
    }
  });

  it('finds an added element itself, and elements in a shadow root it is given', async () => {
    const { a, b, calls, map } = loaders();
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    const loader = autoload(map, root);
    root.append(document.createElement(a));
    await customElements.whenDefined(a);

    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<${b}></${b}>`;
    root.append(host);
    await Promise.resolve();
    expect(calls[b]).to.equal(0);
    await loader.discover(shadow);
    expect(calls).to.deep.equal({ [a]: 1, [b]: 1 });
  });

  it('says when an element could not be loaded, and tries again the next time it is seen', async () => {
    const { b, calls, map } = loaders({ fail: true });
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const root = await fixture<HTMLDivElement>(html`<div></div>`);
      const loader = autoload(map, root);
      root.append(document.createElement(b));
      await waitUntil(() => errors.length === 1);
      expect(String(errors[0][0])).to.equal(`care-record-elements: <${b}> could not be loaded`);
      expect(customElements.get(b)).to.equal(undefined);

      await loader.load(b);
      expect(calls[b]).to.equal(2);
      expect(customElements.get(b) !== undefined).to.equal(true);
    } finally {
      console.error = original;
    }
  });

  it('ignores tags it has no loader for', async () => {
    const { map } = loaders();
    const root = await fixture<HTMLDivElement>(
      html`<div><care-autoload-unknown></care-autoload-unknown></div>`,
    );
    const loader = autoload(map, root);
    await loader.discover(root);
    let error: unknown;
    await loader.load('care-autoload-unknown').catch((caught: unknown) => (error = caught));
    expect(String(error)).to.equal('Error: care-record-elements: no element <care-autoload-unknown>');
  });
});
