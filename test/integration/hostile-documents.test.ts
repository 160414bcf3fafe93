import { expect, waitUntil } from '@open-wc/testing';
import { servers } from '/__record-servers.js';
import '../../src/all.js';
import type { CareDocumentList } from '../../src/elements/document-list/document-list.component.js';
import type { CareErrorEvent } from '../../src/base/events.js';
import { clean } from '../helpers/dom.js';

// <care-document-list> against a hostile record server over HTTP: the fault server's
// `hostile-documents` scenario (server/fault-server.js) gives every patient letters that each try
// one thing. Every address they load from or link to is on origin B, so B's request log says
// whether anything was fetched from there: it must stay empty.

interface Logged {
  method: string;
  path: string;
  headers: Record<string, string>;
}

const A = servers.faults.a;
const B = servers.faults.b;
const ENDPOINT = `${A}/hostile-documents/fhir`;
const TOKEN = 'tok-documents-7e6d5c4b3a29-secret';
const TIMEOUT = { timeout: 20000 };
const MB = 1024 * 1024;

const control = (what: string) => fetch(`${A}/${what}`, { method: 'POST' });
const requests = async (origin: string): Promise<Logged[]> =>
  ((await (await fetch(`${origin}/$requests`)).json()) as Logged[]).filter((r) => r.method !== 'OPTIONS');

function mount(patient = 'alpha'): { el: CareDocumentList; loads: number[]; errors: CareErrorEvent[] } {
  const el = document.createElement('care-document-list') as CareDocumentList;
  el.setAttribute('endpoint', ENDPOINT);
  el.setAttribute('patient', patient);
  el.setAttribute('max-document-size', String(MB));
  el.accessToken = TOKEN;
  const loads: number[] = [];
  const errors: CareErrorEvent[] = [];
  el.addEventListener('care-load', (e) => loads.push(e.detail.count));
  el.addEventListener('care-error', (e) => errors.push(e));
  document.body.append(el);
  return { el, loads, errors };
}

const rows = (el: CareDocumentList) => [...el.shadowRoot!.querySelectorAll<HTMLLIElement>('li[part="item"]')];
const viewer = (el: CareDocumentList) => el.shadowRoot!.querySelector<HTMLElement>('[part="viewer"]');
const viewerText = (el: CareDocumentList) => clean(viewer(el)?.textContent);

async function open(el: CareDocumentList, title: string): Promise<HTMLElement> {
  const row = rows(el).find((li) => clean(li.querySelector('.title')?.textContent) === title);
  if (!row) throw new Error(`No row ${title}`);
  row.click();
  await el.updateComplete;
  await waitUntil(() => !viewer(el)?.querySelector('.viewer__loading'), `${title} read`, TIMEOUT);
  await el.updateComplete;
  return viewer(el)!;
}

describe('integration: documents from a hostile record server', function () {
  this.timeout(60000);
  let mounted: ReturnType<typeof mount> | undefined;

  beforeEach(async () => {
    await control('$reset');
  });
  afterEach(() => {
    mounted?.el.remove();
    mounted = undefined;
    delete (window as { __documentPwned?: string }).__documentPwned;
  });

  it('every hostile letter is opened: nothing runs, nothing is fetched from another site, the token goes only to the endpoint', async () => {
    const m = (mounted = mount());
    await waitUntil(() => m.loads.length > 0, 'documents loaded', TIMEOUT);
    expect(rows(m.el)).to.have.length(8);

    for (const title of ['ALPHA hostile HTML letter', 'ALPHA hostile narrative']) {
      const region = await open(m.el, title);
      const body = region.querySelector('[part="document"]')!;
      expect(clean(body.textContent)).to.contain('ALPHA visible text stays.');
      expect(body.innerHTML).not.to.contain(B);
      expect(viewerText(m.el)).to.match(/could run code or load content from other sites were removed/);
      await expect(m.el).to.be.accessible();
    }

    // A Binary on the endpoint: read as FHIR JSON, with the token.
    const pdf = await open(m.el, 'ALPHA X-ray report (PDF)');
    expect(pdf.querySelector('object')!.getAttribute('data')!.startsWith('blob:')).to.equal(true);
    const binary = (await requests(A)).find((r) => r.path === '/hostile-documents/fhir/Binary/pdf-alpha')!;
    expect(binary.headers.authorization).to.equal(`Bearer ${TOKEN}`);

    // A file on the endpoint's origin that echoes the token: read with it, shown without it.
    await open(m.el, 'ALPHA clinic letter that echoes the token');
    expect(viewerText(m.el)).to.contain('Sent with: Bearer [redacted]');
    expect(viewerText(m.el)).not.to.contain(TOKEN);

    // On another site: a link, never requested.
    const away = await open(m.el, 'ALPHA letter on another site');
    expect(away.querySelector<HTMLAnchorElement>('a.elsewhere')!.href).to.equal(
      `${B}/hostile-documents/files/elsewhere.pdf`,
    );

    // A redirect to another site is not followed with the token.
    await open(m.el, 'ALPHA letter that redirects');
    expect(viewerText(m.el)).to.contain('The document could not be opened');
    expect(viewerText(m.el)).to.contain('redirected the request');

    // 20 MB of text: the first 1 MB is read and shown, and it says so.
    await open(m.el, 'ALPHA oversized letter');
    expect(viewerText(m.el)).to.contain('only its first 1 MB are shown');
    expect(viewer(m.el)!.querySelector('pre')!.textContent!.length).to.equal(MB);

    await open(m.el, 'ALPHA referral (Word)');
    expect(viewerText(m.el)).to.contain('cannot be shown here (Word document)');

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((window as { __documentPwned?: string }).__documentPwned).to.equal(undefined);
    expect(await requests(B)).to.deep.equal([]);
    const log = await requests(A);
    expect(log.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).to.equal(true);
    expect(m.errors).to.deep.equal([]);
  });

  it('restricted patient: the practice is named by kind, no document content is requested', async () => {
    const m = (mounted = mount('restricted'));
    await waitUntil(() => m.loads.length > 0, 'documents loaded', TIMEOUT);
    await open(m.el, 'RESTRICTED X-ray report (PDF)');
    expect(viewerText(m.el)).to.contain('This is a restricted record.');
    await open(m.el, 'RESTRICTED referral (Word)');
    const text = clean(m.el.shadowRoot!.textContent);
    expect(text).to.contain('GP practice (withheld: restricted record)');
    expect(text).not.to.contain('HIDEAWAY');
    const log = await requests(A);
    expect(log.some((r) => r.path.includes('/Binary/') || r.path.includes('/files/'))).to.equal(false);
    expect(log.some((r) => r.path.includes('practice-restricted'))).to.equal(false);
  });
});
