import { expect } from '@open-wc/testing';
import type { Composition, DocumentReference, Reference, Resource } from 'fhir/r4';
import {
  documentEntries,
  documentEntry,
  documentFormat,
  documentKind,
  downloadName,
  mediaType,
} from '../../src/model/documents.js';
import { withholdingFor } from '../../src/model/restricted-record.js';
import {
  allDocuments,
  clinicLetter,
  dischargeSummary,
  documentBundle,
  documentPatientRestricted,
  gpSummary,
  scannedReferral,
  wordReferral,
  xrayReport,
} from '../fixtures/document-list/synthetic-uk.js';

/** Looks references up among the fixture's resources, as the element's resolver would. */
function resolver(): (reference: Reference) => Resource | undefined {
  const resources = (documentBundle().entry ?? []).map((entry) => entry.resource as Resource);
  return (reference) => resources.find((r) => `${r.resourceType}/${r.id}` === reference.reference);
}

const titles = (entries: { title: string }[]) => entries.map((entry) => entry.title);

describe('model/documents', () => {
  it('lists DocumentReferences and Compositions newest first; entered-in-error ones are not shown', () => {
    const entries = documentEntries(allDocuments, { resolve: resolver() });
    expect(titles(entries)).to.deep.equal([
      'Discharge summary, Ward 12',
      'Discharge summary, Ward 12 (first version)',
      'Respiratory clinic letter',
      'Chest X-ray report',
      'Scanned referral (paper)',
      'Referral to respiratory clinic',
      'GP summary',
      'Letter from the sleep service',
    ]);
    expect(entries.map((entry) => entry.key)).to.include('Composition/synthetic-doc-gp-summary');
  });

  it('a row: title, type (when it says more), CUI date, author through their role, the custodian, status, format', () => {
    const entry = documentEntry(dischargeSummary, { resolve: resolver() });
    expect(entry.title).to.equal('Discharge summary, Ward 12');
    expect(entry.type).to.equal('Discharge summary');
    expect(entry.date?.display).to.equal('12-Oct-2026');
    expect(entry.authors).to.deep.equal(['Dr Grace Okafor, Eastmoor Hospitals NHS Trust (RZ9)']);
    expect(entry.recordedBy?.display).to.equal('Eastmoor Hospitals NHS Trust (RZ9)');
    expect(entry.status).to.equal('Final');
    expect(entry.format).to.equal('HTML');
    expect(entry.withheld).to.equal(false);
  });

  it('the title falls back to the attachment title, then the type; the type is not repeated', () => {
    expect(documentEntry(clinicLetter).title).to.equal('Respiratory clinic letter');
    expect(documentEntry(clinicLetter).type).to.equal('Clinic letter');
    const untitled = {
      ...clinicLetter,
      content: [{ attachment: { contentType: 'text/plain', data: 'SGk=' } }],
    };
    expect(documentEntry(untitled).title).to.equal('Clinic letter');
    expect(documentEntry(untitled).type).to.equal(undefined);
    const bare: DocumentReference = { resourceType: 'DocumentReference', status: 'current', content: [] };
    expect(documentEntry(bare).title).to.equal('Untitled document');
  });

  it('status in words: preliminary and superseded flagged', () => {
    const [current, old] = documentEntries(allDocuments).filter((entry) =>
      entry.title.startsWith('Discharge'),
    );
    expect([current.superseded, old.superseded, old.status]).to.deep.equal([false, true, 'Superseded']);
    const clinic = documentEntry(clinicLetter);
    expect([clinic.preliminary, clinic.status]).to.deep.equal([true, 'Preliminary']);
    expect(documentEntry(gpSummary).status).to.equal('Final');
  });

  it('opens the format it shows best (HTML before PDF) and offers the others', () => {
    const { content } = documentEntry(dischargeSummary);
    expect(content.kind).to.equal('attachment');
    if (content.kind !== 'attachment') return;
    expect([content.part.kind, content.part.held]).to.deep.equal(['html', 'data']);
    expect(content.others.map((part) => [part.kind, part.held, part.fileName])).to.deep.equal([
      ['pdf', 'url', 'Discharge summary.pdf'],
    ]);
    expect(documentEntry(xrayReport).format).to.equal('PDF');
    expect(documentEntry(scannedReferral).format).to.equal('Image (PNG)');
    expect(documentEntry(wordReferral).format).to.equal('Word document');
  });

  it('a Composition opens its narrative, section by section (nested ones kept)', () => {
    const { content, format } = documentEntry(gpSummary);
    expect(format).to.equal('Document sections');
    expect(content.kind).to.equal('narrative');
    if (content.kind !== 'narrative') return;
    expect(content.sections.map((section) => section.title)).to.deep.equal(['Problems', 'Medicines']);
    expect(content.sections[1].sections[0].title).to.equal('Stopped');
    expect(content.sections[0].html).to.contain('Asthma');
    const onlyText: Composition = {
      ...gpSummary,
      section: [],
      text: { status: 'generated', div: '<div>Summary</div>' },
    };
    const own = documentEntry(onlyText).content;
    expect(own.kind === 'narrative' && own.sections[0].html).to.equal('<div>Summary</div>');
    expect(documentEntry({ ...gpSummary, section: undefined }).content.kind).to.equal('none');
  });

  it('restricted record: the GP practice and its clinicians by kind only, and no content shown', () => {
    const withholding = withholdingFor(documentPatientRestricted);
    const options = { resolve: resolver(), withholding };
    const referral = documentEntry(wordReferral, options);
    expect(referral.recordedBy?.display).to.equal('GP practice (withheld: restricted record)');
    expect(referral.authors).to.deep.equal(['Clinician (withheld: restricted record)']);
    expect(referral.withheld).to.equal(true);
    const summary = documentEntry(gpSummary, options);
    expect(summary.authors).to.deep.equal(['GP practice (withheld: restricted record)']);
    // A hospital letter still names the hospital and the consultant; its content is still not shown.
    const discharge = documentEntry(dischargeSummary, options);
    expect(discharge.authors).to.deep.equal(['Dr Grace Okafor, Eastmoor Hospitals NHS Trust (RZ9)']);
    expect(discharge.withheld).to.equal(true);
    expect(
      JSON.stringify(documentEntries(allDocuments, options).map((e) => [e.authors, e.recordedBy?.display])),
    ).not.to.contain('Millbrook');
  });

  it('malformed resources show what they can', () => {
    const entries = documentEntries([
      null,
      { resourceType: 'DocumentReference' },
      { resourceType: 'Composition', status: 'final', author: 'nonsense', section: 'x', date: 'yesterday' },
      { resourceType: 'Observation' },
    ]);
    expect(titles(entries)).to.deep.equal(['Untitled document', 'Untitled document']);
    expect(entries.every((entry) => entry.date === undefined && entry.authors.length === 0)).to.equal(true);
    expect(documentEntries(undefined)).to.deep.equal([]);
  });

  it('formats: kind, words and a safe file name', () => {
    expect(mediaType('Text/HTML; charset=utf-8')).to.equal('text/html');
    expect(
      ['text/html', 'text/plain', 'application/pdf', 'image/jpeg', 'image/svg+xml', undefined].map(
        documentKind,
      ),
    ).to.deep.equal(['html', 'text', 'pdf', 'image', 'other', 'other']);
    expect(documentFormat('application/x-unknown')).to.equal('application/x-unknown');
    expect(documentFormat(undefined)).to.equal('Format not known');
    expect(downloadName('../../etc/passwd\u0000', 'text/plain')).to.equal('etc passwd.txt');
    expect(downloadName('Letter.PDF', 'application/pdf')).to.equal('Letter.PDF');
    expect(downloadName(undefined, 'application/x-unknown')).to.equal('document.bin');
  });
});
