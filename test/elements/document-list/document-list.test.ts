import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Bundle, DocumentReference } from 'fhir/r4';
import '../../../src/all.js';
import type { CareDocumentList } from '../../../src/elements/document-list/document-list.component.js';
import type { CareErrorEvent, CareLoadEvent, CareSelectEvent } from '../../../src/base/events.js';
import { errorForStatus } from '../../../src/data/fhir-http.js';
import type { RecordSource } from '../../../src/data/record-source.js';
import {
  CLINIC_TEXT,
  clinicLetter,
  dischargeSummary,
  documentBundle,
  documentGp,
  documentPatientRestricted,
  hostileBundle,
  noDocumentsBundle,
  wordReferral,
  xrayBinary,
} from '../../fixtures/document-list/synthetic-uk.js';
import { PendingSource, RecordingSource } from '../../fixtures/sources.js';
import { ukCore } from '../../fixtures/uk-core/index.js';
import { $, $$, clean, root } from '../../helpers/dom.js';

interface Mounted {
  el: CareDocumentList;
  loads: CareLoadEvent[];
  errors: CareErrorEvent[];
  selects: CareSelectEvent[];
}

async function mount(
  {
    bundle,
    source,
    size,
    opened,
  }: { bundle?: Bundle; source?: RecordSource; size?: number; opened?: string },
  { wait = 'load' }: { wait?: 'load' | 'error' | 'none' } = {},
): Promise<Mounted> {
  const loads: CareLoadEvent[] = [];
  const errors: CareErrorEvent[] = [];
  const selects: CareSelectEvent[] = [];
  const el = await fixture<CareDocumentList>(
    html`<care-document-list
      .bundle=${bundle}
      .source=${source}
      .maxDocumentSize=${size ?? 10 * 1024 * 1024}
      opened-document=${opened ?? ''}
      @care-load=${(e: CareLoadEvent) => loads.push(e)}
      @care-error=${(e: CareErrorEvent) => errors.push(e)}
      @care-select=${(e: CareSelectEvent) => selects.push(e)}
    ></care-document-list>`,
  );
  if (wait === 'load') await waitUntil(() => loads.length > 0, 'care-load never fired', { timeout: 5000 });
  if (wait === 'error') await waitUntil(() => errors.length > 0, 'care-error never fired', { timeout: 5000 });
  await el.updateComplete;
  return { el, loads, errors, selects };
}

const rows = (el: CareDocumentList) => $$<HTMLLIElement>(el, 'li[part="item"]');
const titles = (el: CareDocumentList) => rows(el).map((li) => clean(li.querySelector('.title')?.textContent));
const rowOf = (el: CareDocumentList, title: string) =>
  rows(el).find((li) => clean(li.querySelector('.title')?.textContent) === title)!;
const detail = (scope: Element, term: string) =>
  clean(
    [...scope.querySelectorAll('.details__item')]
      .find((item) => clean(item.querySelector('dt')?.textContent) === term)
      ?.querySelector('dd')?.textContent,
  );
const tags = (li: Element) => [...li.querySelectorAll('.tag')].map((tag) => clean(tag.textContent));
const viewer = (el: CareDocumentList) => $(el, '[part="viewer"]');
const viewerText = (el: CareDocumentList) => clean(viewer(el)?.textContent);

/** Opens a row with a click and waits until the viewer has read the document. */
async function open(el: CareDocumentList, title: string): Promise<HTMLElement> {
  rowOf(el, title).click();
  await el.updateComplete;
  await waitUntil(() => !viewer(el)?.querySelector('.viewer__loading'), 'document read', { timeout: 5000 });
  await el.updateComplete;
  return viewer(el)!;
}

describe('<care-document-list>', () => {
  afterEach(() => {
    delete (window as { __documentPwned?: string }).__documentPwned;
  });

  describe('loaded (synthetic UK record)', () => {
    it('documents newest first, each with type, date, author, who recorded it, status and format', async () => {
      const { el, loads } = await mount({ bundle: documentBundle() });
      expect(titles(el)).to.deep.equal([
        'Discharge summary, Ward 12',
        'Discharge summary, Ward 12 (first version)',
        'Respiratory clinic letter',
        'Chest X-ray report',
        'Scanned referral (paper)',
        'Referral to respiratory clinic',
        'GP summary',
        'Letter from the sleep service',
      ]);
      const discharge = rowOf(el, 'Discharge summary, Ward 12');
      expect(detail(discharge, 'Type')).to.equal('Discharge summary');
      expect(detail(discharge, 'Date')).to.equal('12-Oct-2026');
      expect(detail(discharge, 'Author')).to.equal('Dr Grace Okafor, Eastmoor Hospitals NHS Trust (RZ9)');
      expect(detail(discharge, 'Recorded by')).to.equal('Eastmoor Hospitals NHS Trust (RZ9)');
      expect(detail(discharge, 'Status')).to.equal('Final');
      expect(detail(discharge, 'Format')).to.equal('HTML');
      expect(tags(rowOf(el, 'Respiratory clinic letter'))).to.deep.equal(['Preliminary']);
      expect(tags(rowOf(el, 'Discharge summary, Ward 12 (first version)'))).to.deep.equal(['Superseded']);
      expect(detail(rowOf(el, 'GP summary'), 'Recorded by')).to.equal('Millbrook Surgery (Y90311)');
      expect(clean(root(el).textContent)).not.to.contain('Letter for another patient');
      expect(loads[0].detail).to.deep.equal({ count: 8, complete: true });
      await expect(el).to.be.accessible();
    });

    it('keyboard: one tab stop, arrows move, Enter opens the document, its title takes the focus, Escape returns to the row', async () => {
      const { el, selects } = await mount({ bundle: documentBundle() });
      const [first, second, third] = rows(el);
      expect([first.tabIndex, second.tabIndex]).to.deep.equal([0, -1]);
      first.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement === third).to.equal(true);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(selects.map((event) => event.detail.resource.id)).to.deep.equal([clinicLetter.id]);
      expect(el.getAttribute('opened-document')).to.equal('DocumentReference/synthetic-doc-clinic');
      expect(el.shadowRoot!.activeElement?.id).to.equal('viewer-title');
      await waitUntil(() => !!viewer(el)?.querySelector('pre'), 'text shown');
      expect(clean(viewer(el)!.querySelector('pre')!.textContent)).to.equal(clean(CLINIC_TEXT));
      expect(third.getAttribute('aria-current')).to.equal('true');
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      await waitUntil(
        () => el.shadowRoot!.activeElement === rowOf(el, 'Respiratory clinic letter'),
        'focus back on the row',
      );
      expect(viewer(el)).to.equal(null);
      expect(el.hasAttribute('opened-document')).to.equal(false);
    });

    it('an HTML letter: sanitised into the viewer, headings below the viewer title; its PDF offered for download', async () => {
      const { el } = await mount({ bundle: documentBundle() });
      const region = await open(el, 'Discharge summary, Ward 12');
      expect(region.getAttribute('aria-labelledby')).to.equal('viewer-title');
      const body = region.querySelector('[part="document"]')!;
      expect(clean(body.textContent)).to.contain('Community-acquired pneumonia');
      expect([...body.querySelectorAll('h4')].map((h) => clean(h.textContent))).to.deep.equal([
        'Discharge summary',
      ]);
      expect(body.querySelectorAll('table th')).to.have.length(2);
      expect(viewerText(el)).to.contain('Also in these formats:');
      expect(viewerText(el)).to.contain('Download (PDF)');
      await expect(el).to.be.accessible();
    });

    it('a PDF in a Binary: shown in an <object> from a blob: URL, revoked when closed', async () => {
      const source = new RecordingSource(documentBundle());
      const { el } = await mount({ source });
      const region = await open(el, 'Chest X-ray report');
      const object = region.querySelector('object')!;
      expect(object.type).to.equal('application/pdf');
      const url = object.getAttribute('data')!;
      expect(url.startsWith('blob:')).to.equal(true);
      expect(source.calls).to.include(`resolve Binary/${xrayBinary.id}`);
      expect((await (await fetch(url)).text()).startsWith('%PDF-')).to.equal(true);
      await expect(el).to.be.accessible();
      region.querySelector<HTMLButtonElement>('[part="close"]')!.click();
      await el.updateComplete;
      let revoked = false;
      try {
        await fetch(url);
      } catch {
        revoked = true;
      }
      expect(revoked).to.equal(true);
    });

    it('an image: an <img> named by the document title', async () => {
      const { el } = await mount({ bundle: documentBundle() });
      const image = (await open(el, 'Scanned referral (paper)')).querySelector('img')!;
      expect(image.src.startsWith('blob:')).to.equal(true);
      expect(image.alt).to.equal('Scanned referral (paper)');
    });

    it('a Word document cannot be shown: it says so and saves as a file (never opened in the page)', async () => {
      const { el } = await mount({ bundle: documentBundle() });
      const region = await open(el, 'Referral to respiratory clinic');
      expect(viewerText(el)).to.contain(
        'This document is in a format that cannot be shown here (Word document).',
      );
      const saved: { name: string; type: string; size: number }[] = [];
      const click = HTMLAnchorElement.prototype.click;
      const create = URL.createObjectURL;
      let blob: Blob | undefined;
      URL.createObjectURL = (object: Blob | MediaSource) => {
        blob = object as Blob;
        return create(object);
      };
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        saved.push({ name: this.download, type: blob!.type, size: blob!.size });
      };
      try {
        const button = [...region.querySelectorAll('button')].find((b) =>
          clean(b.textContent).startsWith('Download'),
        )!;
        expect(clean(button.textContent)).to.equal('Download (Word document, 22 bytes)');
        button.click();
        await waitUntil(() => saved.length === 1, 'saved');
      } finally {
        HTMLAnchorElement.prototype.click = click;
        URL.createObjectURL = create;
      }
      expect(saved).to.deep.equal([
        { name: 'Referral letter.docx', type: 'application/octet-stream', size: 22 },
      ]);
      await expect(el).to.be.accessible();
    });

    it('a Composition: its sections, nested ones included, each under a heading', async () => {
      const { el } = await mount({ bundle: documentBundle() });
      const region = await open(el, 'GP summary');
      const headings = [...region.querySelectorAll('[part="document"] [role="heading"]')].map((h) => [
        clean(h.textContent),
        h.getAttribute('aria-level'),
      ]);
      expect(headings).to.deep.equal([
        ['Problems', '4'],
        ['Medicines', '4'],
        ['Stopped', '5'],
      ]);
      expect(viewerText(el)).to.contain('Asthma (since 1990)');
      await expect(el).to.be.accessible();
    });

    it('a document on another site: never requested; a plain link with a warning', async () => {
      const source = new RecordingSource(documentBundle());
      const { el } = await mount({ source });
      const region = await open(el, 'Letter from the sleep service');
      expect(viewerText(el)).to.contain(
        'This document is held on another site, https://files.other.example.',
      );
      const link = region.querySelector<HTMLAnchorElement>('a.elsewhere')!;
      expect(link.href).to.equal('https://files.other.example/letters/sleep-1.pdf');
      expect([link.rel, link.target, link.referrerPolicy]).to.deep.equal([
        'noopener noreferrer',
        '_blank',
        'no-referrer',
      ]);
      expect(source.calls.some((call) => call.includes('other.example'))).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('opened-document set by the host opens that document (without care-select)', async () => {
      const { el, selects } = await mount({
        bundle: documentBundle(),
        opened: 'Composition/synthetic-doc-gp-summary',
      });
      await waitUntil(() => viewerText(el).includes('Asthma'), 'opened');
      expect(selects).to.have.length(0);
      el.openedDocument = undefined;
      await el.updateComplete;
      expect(viewer(el)).to.equal(null);
    });
  });

  describe('public examples', () => {
    it('UK Core: an ECG report (preliminary PDF, not in the record), a care plan on a trust site, an A&E discharge summary', async () => {
      // The discharge summary names its patient by urn:uuid: the Bundle gives Richard Smith that fullUrl.
      const bundle: Bundle = {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          { fullUrl: 'urn:uuid:c8225cc8-8026-466f-80f8-fc2832a4b9d5', resource: ukCore.patientRichardSmith },
          ...[ukCore.documentEcg, ukCore.documentCarePlan, ukCore.compositionDischarge].map((resource) => ({
            fullUrl: `https://fhir.example.nhs.uk/R4/${resource.resourceType}/${resource.id}`,
            resource,
          })),
        ],
      };
      const { el } = await mount({ bundle });
      expect(titles(el)).to.deep.equal([
        'Electrocardiogram (ECG) Report',
        'Accident & Emergency Discharge summary',
        'Care Plan Report',
      ]);
      const ecg = rowOf(el, 'Electrocardiogram (ECG) Report');
      expect([detail(ecg, 'Date'), detail(ecg, 'Type'), tags(ecg).join()]).to.deep.equal([
        '24-Jan-2025',
        'Electrocardiographic procedure',
        'Preliminary',
      ]);
      await open(el, 'Electrocardiogram (ECG) Report');
      expect(viewerText(el)).to.contain(
        'The document "DocumentReference/UKCore-DocumentReference-ECG-Example.pdf" is not in the record.',
      );
      await open(el, 'Care Plan Report');
      expect(viewer(el)!.querySelector<HTMLAnchorElement>('a.elsewhere')!.href).to.equal(
        'https://health.trust.uk/CarePlanReport_44301kfgd.pdf',
      );
      const region = await open(el, 'Accident & Emergency Discharge summary');
      const sections = [...region.querySelectorAll('.document-section__title')].map((h) =>
        clean(h.textContent),
      );
      expect(sections).to.have.length(16);
      expect(sections[0]).to.equal('Allergies and adverse reaction');
      expect(region.querySelectorAll('[part="document"] table').length).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
    });
  });

  describe('a hostile record server', () => {
    it('a narrative and an HTML letter with scripts, handlers, javascript: links, external images and CSS: shown sanitised, nothing runs or loads', async () => {
      const { el } = await mount({ bundle: hostileBundle() });
      for (const title of ['Hostile narrative', 'Hostile HTML letter']) {
        const region = await open(el, title);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect((window as { __documentPwned?: string }).__documentPwned).to.equal(undefined);
        const body = region.querySelector('[part="document"]')!;
        expect(clean(body.textContent)).to.contain('Visible text stays.');
        expect(body.innerHTML).not.to.match(
          /<script|onerror|javascript:|evil\.example|<iframe|<form|<input|<style|url\(/i,
        );
        expect(
          body.querySelectorAll('.document-body [id], .document-body [class], .document-body [role]'),
        ).to.have.length(0);
        expect(root(el).querySelectorAll('#viewer-title')).to.have.length(1);
        expect(viewerText(el)).to.match(
          /could run code or load content from other sites were removed \(\d+\)/,
        );
        await expect(el).to.be.accessible();
      }
    });

    it('a document longer than the limit: only its beginning is decoded, and it says so; a PDF is not shown', async () => {
      const { el } = await mount({ bundle: documentBundle(), size: 40 });
      await open(el, 'Respiratory clinic letter');
      expect(viewerText(el)).to.contain(
        `This document is ${CLINIC_TEXT.length} bytes: only its first 40 bytes are shown.`,
      );
      expect(clean(viewer(el)!.querySelector('pre')!.textContent)).to.equal(clean(CLINIC_TEXT.slice(0, 40)));
      await open(el, 'Chest X-ray report');
      expect(viewerText(el)).to.match(
        /This document is too large to show here \(\d+ bytes; the most shown is 40 bytes\)\./,
      );
      expect(viewer(el)!.querySelector('object')).to.equal(null);
    });

    it('a document whose content cannot be read: says why, with Try again', async () => {
      const broken: DocumentReference = {
        ...dischargeSummary,
        content: [{ attachment: { contentType: 'application/pdf', url: 'Binary/not-there' } }],
      };
      const bundle = documentBundle();
      bundle.entry = bundle.entry!.map((entry) =>
        entry.resource?.id === dischargeSummary.id ? { ...entry, resource: broken } : entry,
      );
      const { el } = await mount({ bundle });
      await open(el, 'Discharge summary, Ward 12');
      expect(viewerText(el)).to.contain('The document could not be opened');
      expect(viewerText(el)).to.contain('The document "Binary/not-there" is not in the record.');
      expect(viewer(el)!.querySelector('button.care-button:not([part="close"])')!.textContent).to.contain(
        'Try again',
      );
      await expect(el).to.be.accessible();
    });
  });

  describe('states', () => {
    it('loading, then empty', async () => {
      const pending = await mount({ source: new PendingSource() }, { wait: 'none' });
      expect(clean($(pending.el, '[part="loading"]')!.textContent)).to.equal('Loading documents');
      await expect(pending.el).to.be.accessible();
      const { el } = await mount({ bundle: noDocumentsBundle() });
      expect(clean($(el, '[part="empty"]')!.textContent)).to.equal('No letters or documents are recorded.');
      await expect(el).to.be.accessible();
    });

    it('unavailable, with Try again that loads them', async () => {
      const error = errorForStatus(503, '');
      const source = new RecordingSource(documentBundle(), {
        failing: { DocumentReference: error, Composition: error },
      });
      const failed = await mount({ source }, { wait: 'error' });
      const state = $(failed.el, '[part="error"]')!;
      expect(clean(state.textContent)).to.contain('Documents unavailable');
      await expect(failed.el).to.be.accessible();
      source.failing.clear();
      state.querySelector('button')!.click();
      await waitUntil(() => failed.loads.length > 0, 'loaded after Try again');
      expect(rows(failed.el)).to.have.length(8);
    });

    it('the Composition search failing alone leaves the letters, and says what is missing', async () => {
      const source = new RecordingSource(documentBundle(), {
        failing: { Composition: errorForStatus(400, '') },
      });
      const { el, loads } = await mount({ source });
      expect(rows(el)).to.have.length(7);
      expect(clean(root(el).textContent)).to.contain('Documents (Composition)');
      expect(loads[0].detail.complete).to.equal(false);
    });
  });

  describe('restricted record', () => {
    it('the GP practice and its clinicians by kind only, never requested; no content shown or handed over', async () => {
      const source = new RecordingSource(documentBundle(documentPatientRestricted));
      const { el, selects } = await mount({ source });
      const referral = rowOf(el, 'Referral to respiratory clinic');
      expect(detail(referral, 'Recorded by')).to.equal('GP practice (withheld: restricted record)');
      expect(detail(referral, 'Author')).to.equal('Clinician (withheld: restricted record)');
      expect(clean(root(el).textContent)).not.to.contain(documentGp.name!);
      expect(source.calls.some((call) => call.includes(documentGp.id!))).to.equal(false);
      expect(clean($(el, '[part="restricted"]')!.textContent)).to.equal('Restricted record');
      await open(el, 'Referral to respiratory clinic');
      expect(viewerText(el)).to.contain('This is a restricted record.');
      expect(viewer(el)!.querySelector('[part="document"], button.care-button:not([part="close"])')).to.equal(
        null,
      );
      const handed = selects[0].detail.resource as DocumentReference;
      expect(handed.content[0].attachment.data).to.equal(undefined);
      expect(JSON.stringify(handed)).not.to.contain('Millbrook');
      await open(el, 'Chest X-ray report');
      expect(source.calls.some((call) => call.startsWith('resolve Binary'))).to.equal(false);
      await expect(el).to.be.accessible();
    });
  });

  it("inside <care-record>: the record's source and patient", async () => {
    const record = await fixture(
      html`<care-record .bundle=${documentBundle()}><care-document-list></care-document-list></care-record>`,
    );
    const list = record.querySelector<CareDocumentList>('care-document-list')!;
    await waitUntil(() => rows(list).length === 8, 'documents listed', { timeout: 5000 });
  });

  it('another patient: the open document closes', async () => {
    const { el } = await mount({ bundle: documentBundle() });
    await open(el, 'GP summary');
    el.bundle = noDocumentsBundle();
    await waitUntil(() => !!$(el, '[part="empty"]'), 'the new record');
    expect(el.openedDocument).to.equal(undefined);
    expect(wordReferral.id).to.be.a('string');
  });
});
