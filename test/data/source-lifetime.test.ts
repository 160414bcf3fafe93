import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { Bundle } from 'fhir/r4';
import { RecordConfigElement } from '../../src/base/record-config.js';
import { sourceContext } from '../../src/data/context.js';
import { createSource, releaseSource, retainSource } from '../../src/data/create-source.js';
import type { SourceConfig } from '../../src/data/create-source.js';
import type { RecordSource } from '../../src/data/record-source.js';
import '../../src/elements/record/record.js';
import type { CareRecord } from '../../src/elements/record/record.component.js';
import { json, stubFetch, tick } from '../helpers/fetch-stub.js';

const PATIENT = { resourceType: 'Patient', id: '1' };
const BUNDLE: Bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [{ resource: { resourceType: 'Patient', id: '1' } }],
};

/** The smallest element with the shared data attributes, showing the source it builds. */
class SourceHolder extends RecordConfigElement {
  get held(): RecordSource | undefined {
    return this.ownSource;
  }
}
customElements.define('test-source-holder', SourceHolder);

/** Reads the source `<care-record>` shares. */
class SourceReader extends LitElement {
  readonly consumer = new ContextConsumer(this, { context: sourceContext, subscribe: true });
}
customElements.define('test-source-reader', SourceReader);

let unique = 0;
/** A config of its own for each test (the trie is shared by the whole page), and its requests. */
function config(extra: Partial<SourceConfig> = {}) {
  const { fetch, calls } = stubFetch(() => json(PATIENT));
  unique += 1;
  return { config: { endpoint: `https://lifetime-${unique}.example/R4`, fetch, ...extra }, calls };
}

describe('source lifetime', () => {
  describe('retainSource / releaseSource', () => {
    it('keeps the answers while another owner remains, and forgets them when the last lets go', async () => {
      const { config: cfg, calls } = config();
      const source = createSource(cfg)!;
      const [a, b] = [{}, {}];
      retainSource(source, a);
      retainSource(source, b);
      await source.read('Patient', '1');
      releaseSource(source, a);
      expect(createSource(cfg)).to.equal(source);
      await source.read('Patient', '1');
      expect(calls).to.have.length(1);

      releaseSource(source, b);
      const fresh = createSource(cfg)!;
      expect(fresh).not.to.equal(source);
      await fresh.read('Patient', '1');
      expect(calls).to.have.length(2);
      // The old instance kept nothing either.
      await source.read('Patient', '1');
      expect(calls).to.have.length(3);
    });

    it('ignores a release by an element that is not an owner, and a second release', async () => {
      const { config: cfg, calls } = config();
      const source = createSource(cfg)!;
      const [owner, stranger] = [{}, {}];
      retainSource(source, owner);
      retainSource(source, owner);
      await source.read('Patient', '1');
      releaseSource(source, stranger);
      expect(createSource(cfg)).to.equal(source);
      releaseSource(source, owner);
      releaseSource(source, owner);
      expect(createSource(cfg)).not.to.equal(source);
      expect(calls).to.have.length(1);
    });

    it('forgets a Bundle fetched from bundle-src', async () => {
      const { fetch, calls } = stubFetch(() => json(BUNDLE));
      const cfg = { bundleSrc: `https://lifetime.example/bundle-${++unique}.json`, fetch };
      const source = createSource(cfg)!;
      const owner = {};
      retainSource(source, owner);
      await source.read('Patient', '1');
      await source.read('Patient', '1');
      expect(calls).to.have.length(1);
      releaseSource(source, owner);
      await source.read('Patient', '1');
      expect(calls).to.have.length(2);
      expect(createSource(cfg)).not.to.equal(source);
    });

    it('drops the source made for a Bundle object', () => {
      const bundle = structuredClone(BUNDLE);
      const source = createSource({ bundle })!;
      const owner = {};
      retainSource(source, owner);
      expect(createSource({ bundle })).to.equal(source);
      releaseSource(source, owner);
      expect(createSource({ bundle })).not.to.equal(source);
    });

    it("leaves a host's own source alone", () => {
      let cleared = 0;
      const own = {
        clear: () => {
          cleared += 1;
        },
      } as unknown as RecordSource;
      const owner = {};
      retainSource(own, owner);
      releaseSource(own, owner);
      expect(cleared).to.equal(0);
      expect(createSource({ source: own })).to.equal(own);
    });
  });

  describe('elements', () => {
    it('an element holds its source while on the page and lets it go once removed', async () => {
      const { config: cfg, calls } = config();
      const el = await fixture<SourceHolder>(
        html`<test-source-holder endpoint=${cfg.endpoint} .fetch=${cfg.fetch}></test-source-holder>`,
      );
      const source = el.held!;
      expect(source).to.equal(createSource(cfg));
      await source.read('Patient', '1');
      el.remove();
      await tick();
      expect(createSource(cfg)).not.to.equal(source);
      await source.read('Patient', '1');
      expect(calls).to.have.length(2);
    });

    it('a move in the DOM keeps the answers', async () => {
      const { config: cfg, calls } = config();
      const el = await fixture<SourceHolder>(
        html`<div>
          <test-source-holder endpoint=${cfg.endpoint} .fetch=${cfg.fetch}></test-source-holder>
        </div>`,
      ).then((div) => div.firstElementChild as SourceHolder);
      const source = el.held!;
      await source.read('Patient', '1');
      el.parentElement!.parentElement!.append(el);
      await tick();
      expect(el.isConnected).to.be.true;
      expect(createSource(cfg)).to.equal(source);
      await source.read('Patient', '1');
      expect(calls).to.have.length(1);
    });

    it('keeps the answers while another element with the same config remains', async () => {
      const { config: cfg, calls } = config();
      const div = await fixture(
        html`<div>
          <test-source-holder endpoint=${cfg.endpoint} .fetch=${cfg.fetch}></test-source-holder>
          <test-source-holder endpoint=${cfg.endpoint} .fetch=${cfg.fetch}></test-source-holder>
        </div>`,
      );
      const [first, second] = [...div.children] as SourceHolder[];
      const source = first.held!;
      expect(second.held).to.equal(source);
      await source.read('Patient', '1');
      first.remove();
      await tick();
      expect(createSource(cfg)).to.equal(source);
      await source.read('Patient', '1');
      expect(calls).to.have.length(1);
      second.remove();
      await tick();
      expect(createSource(cfg)).not.to.equal(source);
    });

    it('lets the old source go when its attributes change', async () => {
      const { config: cfg, calls } = config();
      const el = await fixture<SourceHolder>(
        html`<test-source-holder endpoint=${cfg.endpoint} .fetch=${cfg.fetch}></test-source-holder>`,
      );
      const old = el.held!;
      await old.read('Patient', '1');
      el.endpoint = `${cfg.endpoint}/other`;
      await el.updateComplete;
      expect(el.held).not.to.equal(old);
      expect(createSource(cfg)).not.to.equal(old);
      await old.read('Patient', '1');
      expect(calls).to.have.length(2);
      // The new one is held: a second element with its config shares it.
      expect(createSource({ ...cfg, endpoint: el.endpoint })).to.equal(el.held);
    });

    it('builds its source again when put back on the page, and holds that one', async () => {
      const { config: cfg } = config();
      const el = await fixture<SourceHolder>(
        html`<test-source-holder endpoint=${cfg.endpoint} .fetch=${cfg.fetch}></test-source-holder>`,
      );
      const parent = el.parentElement!;
      const old = el.held!;
      el.remove();
      await tick();
      parent.append(el);
      await el.updateComplete;
      const again = el.held!;
      expect(again).not.to.equal(old);
      await tick();
      expect(createSource(cfg)).to.equal(again);
    });

    it('<care-record> lets its source go when removed, and shares a new one when put back', async () => {
      const { config: cfg, calls } = config();
      const record = await fixture<CareRecord>(
        html`<care-record endpoint=${cfg.endpoint} patient="1" .fetch=${cfg.fetch}>
          <test-source-reader></test-source-reader>
        </care-record>`,
      );
      const reader = record.querySelector('test-source-reader') as SourceReader;
      const source = reader.consumer.value!;
      expect(source).to.equal(createSource(cfg));
      await source.read('Patient', '1');
      const parent = record.parentElement!;
      record.remove();
      await tick();
      expect(createSource(cfg)).not.to.equal(source);
      await source.read('Patient', '1');
      expect(calls).to.have.length(2);

      parent.append(record);
      await record.updateComplete;
      const shared = reader.consumer.value!;
      expect(shared).not.to.equal(source);
      expect(shared).to.equal(createSource(cfg));
    });
  });
});
