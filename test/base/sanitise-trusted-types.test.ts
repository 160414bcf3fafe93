import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/all.js';
import { sanitiseHtml } from '../../src/base/sanitise.js';
import type { CareDocumentList } from '../../src/elements/document-list/document-list.component.js';
import { documentBundle } from '../fixtures/document-list/synthetic-uk.js';

// The Content Security Policy SECURITY.md asks hosts for, with Trusted Types enforced: the document
// list still sanitises and shows a letter, through Lit's policy and DOMPurify's.
describe('base/sanitise under Trusted Types (trusted-types lit-html dompurify)', () => {
  before(() => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "require-trusted-types-for 'script'; trusted-types lit-html dompurify";
    document.head.append(meta);
  });

  it('the page enforces Trusted Types', () => {
    let refused = false;
    try {
      document.createElement('div').innerHTML = '<b>x</b>';
    } catch {
      refused = true;
    }
    expect(refused).to.equal(true);
  });

  it('sanitises, and the document list opens an HTML letter', async () => {
    const { fragment } = sanitiseHtml('<p>Dear Dr Lewis</p><script>alert(1)</script>');
    expect(fragment.textContent).to.equal('Dear Dr Lewis');
    const el = await fixture<CareDocumentList>(
      html`<care-document-list
        .bundle=${documentBundle()}
        opened-document="DocumentReference/synthetic-doc-discharge"
      ></care-document-list>`,
    );
    await waitUntil(() => !!el.shadowRoot!.querySelector('[part="document"] table'), 'letter shown', {
      timeout: 5000,
    });
  });
});
