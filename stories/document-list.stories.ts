import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Bundle } from 'fhir/r4';
import '../src/elements/document-list/document-list.js';
import { errorForStatus } from '../src/data/fhir-http.js';
import type { RecordSource } from '../src/data/record-source.js';
import {
  documentBundle,
  documentPatientRestricted,
  hostileBundle,
  noDocumentsBundle,
} from '../test/fixtures/document-list/synthetic-uk.js';
import { FailingSource, PendingSource, RecordingSource } from '../test/fixtures/sources.js';

interface DocumentListArgs {
  openedDocument: string;
  maxDocumentSize: number;
  headingLevel: number;
  /** Width of the container the list sits in (px); 0 for the full width. */
  width: number;
  patient?: string;
  bundle?: Bundle;
  source?: RecordSource;
}

const meta: Meta<DocumentListArgs> = {
  title: 'Elements/Document list',
  component: 'care-document-list',
  tags: ['autodocs'],
  args: { openedDocument: '', maxDocumentSize: 10 * 1024 * 1024, headingLevel: 2, width: 0 },
  argTypes: {
    openedDocument: {
      control: 'select',
      options: [
        '',
        'DocumentReference/synthetic-doc-discharge',
        'DocumentReference/synthetic-doc-clinic',
        'DocumentReference/synthetic-doc-xray',
        'DocumentReference/synthetic-doc-scan',
        'DocumentReference/synthetic-doc-word',
        'Composition/synthetic-doc-gp-summary',
        'DocumentReference/synthetic-doc-elsewhere',
      ],
    },
    maxDocumentSize: { control: { type: 'number', min: 1 } },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
    width: { control: { type: 'range', min: 0, max: 1200, step: 20 } },
    patient: { table: { disable: true } },
    bundle: { table: { disable: true } },
    source: { table: { disable: true } },
  },
  render: (args) =>
    html`<div style=${args.width ? `max-width: ${args.width}px` : ''}>
      <care-document-list
        .bundle=${args.bundle}
        .source=${args.source}
        patient=${args.patient ?? ''}
        opened-document=${args.openedDocument}
        max-document-size=${args.maxDocumentSize}
        heading-level=${args.headingLevel}
      ></care-document-list>
    </div>`,
};
export default meta;

type Story = StoryObj<DocumentListArgs>;

/**
 * Synthetic UK record: a discharge summary and the version it replaced, a preliminary clinic
 * letter, an X-ray report (PDF), a scanned referral (PNG), a referral in Word from the GP
 * practice, a GP summary (Composition) and a letter held on another site, newest first.
 */
export const Documents: Story = { args: { bundle: documentBundle() } };

/** The discharge summary open: an HTML letter sanitised into the viewer, its PDF offered for download. */
export const OpenHtmlLetter: Story = {
  name: 'Open: HTML letter',
  args: { bundle: documentBundle(), openedDocument: 'DocumentReference/synthetic-doc-discharge' },
};

/** A clinic letter in plain text, marked preliminary. */
export const OpenTextLetter: Story = {
  name: 'Open: text letter',
  args: { bundle: documentBundle(), openedDocument: 'DocumentReference/synthetic-doc-clinic' },
};

/** An X-ray report held as a PDF in a Binary: shown from a blob: URL of its bytes. */
export const OpenPdf: Story = {
  name: 'Open: PDF',
  args: { bundle: documentBundle(), openedDocument: 'DocumentReference/synthetic-doc-xray' },
};

/** A scanned referral (PNG). */
export const OpenImage: Story = {
  name: 'Open: image',
  args: { bundle: documentBundle(), openedDocument: 'DocumentReference/synthetic-doc-scan' },
};

/** A GP summary (Composition): its narrative, section by section. */
export const OpenComposition: Story = {
  name: 'Open: Composition',
  args: { bundle: documentBundle(), openedDocument: 'Composition/synthetic-doc-gp-summary' },
};

/** A Word document cannot be shown here: it says so and offers the download. */
export const OpenUnsupported: Story = {
  name: 'Open: unsupported format',
  args: { bundle: documentBundle(), openedDocument: 'DocumentReference/synthetic-doc-word' },
};

/** A letter held on another site: never requested; a plain link with a warning. */
export const OpenElsewhere: Story = {
  name: 'Open: held on another site',
  args: { bundle: documentBundle(), openedDocument: 'DocumentReference/synthetic-doc-elsewhere' },
};

/**
 * A narrative written to attack the page (script, onerror, javascript: link, images and CSS from
 * another site, a frame, a form): shown sanitised, with a notice of what was removed.
 */
export const HostileNarrative: Story = {
  args: { bundle: hostileBundle(), openedDocument: 'Composition/synthetic-doc-hostile-narrative' },
};

/** A document longer than max-document-size (here 60 bytes): only its beginning is shown, and it says so. */
export const Oversized: Story = {
  args: {
    bundle: documentBundle(),
    openedDocument: 'DocumentReference/synthetic-doc-clinic',
    maxDocumentSize: 60,
  },
};

/** No documents. */
export const Empty: Story = { args: { bundle: noDocumentsBundle() } };

export const Loading: Story = { args: { source: new PendingSource(), patient: 'any' } };

/** The documents cannot be read: "Documents unavailable", with the reason and Try again. */
export const Unavailable: Story = {
  args: { source: new FailingSource(errorForStatus(503, '')), patient: 'any' },
};

/** The Composition search is refused: the letters still show, with a notice of what is missing. */
export const PartlyFailed: Story = {
  args: {
    source: new RecordingSource(documentBundle(), { failing: { Composition: errorForStatus(400, '') } }),
  },
};

/** S-flagged: the GP practice and its clinicians by kind only; opening a document says why it is not shown. */
export const Restricted: Story = {
  args: {
    bundle: documentBundle(documentPatientRestricted),
    openedDocument: 'DocumentReference/synthetic-doc-word',
  },
};

/** Reflows at 320 CSS px: details stack. */
export const Narrow: Story = {
  args: { bundle: documentBundle(), width: 320, openedDocument: 'DocumentReference/synthetic-doc-discharge' },
};
