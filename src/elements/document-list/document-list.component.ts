import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import type { Composition, DocumentReference } from 'fhir/r4';
import { RecordElement, type RecordScope } from '../../base/record-element.js';
import { RovingFocus } from '../../base/roving-focus.js';
import { rovingListStyles } from '../../base/roving-list.js';
import { PagerGroup } from '../../data/pager.js';
import {
  documentQueries,
  documentReferences,
  followRoleToOrganisation,
  followRoleToPractitioner,
  type SectionQuery,
} from '../../data/queries.js';
import type { RecordSource } from '../../data/record-source.js';
import { resolveReferences, type ReferenceLookup } from '../../data/resolve-references.js';
import { documentEntries, type DocumentEntry, type DocumentResource } from '../../model/documents.js';
import { withheldCopy, type Withholding } from '../../model/restricted-record.js';
import { documentListStyles } from './document-list.styles.js';
import { renderDocuments, renderViewer } from './document-list.templates.js';
import { DocumentViewer, MAX_DOCUMENT_BYTES } from './document-viewer.js';

/** What is loaded for one patient: the two searches streaming in, and the documents they make. */
export interface DocumentListData {
  source: RecordSource;
  restricted: boolean;
  withholding?: Withholding;
  /** DocumentReferences, then Compositions. */
  stream: PagerGroup<DocumentResource>;
  resolve?: ReferenceLookup;
  entries: DocumentEntry[];
}

/**
 * The patient's letters and documents (discharge summaries, clinic letters, reports): DocumentReference
 * and Composition in one list, newest first, each row with its title, type, date, author, the
 * organisation that recorded it, status and format. Activating a row opens the document below the
 * heading: a Composition's narrative and HTML letters sanitised (no scripts, event handlers or
 * loads from other sites), text as text, a PDF or an image from bytes read with the record's
 * credentials from the endpoint's origin only; a document held on another site is a plain link
 * (its address is never requested); a format that cannot be shown says so and offers the download.
 * At most `max-document-size` bytes of a document are read to show it. A restricted record lists
 * its documents (a GP practice named by kind only) but does not show their content.
 *
 * Keyboard: the rows are one tab stop; ArrowUp / ArrowDown, Home / End move, Enter or Space opens.
 * The open document takes the focus (its title); Escape or Close document returns it to the row.
 *
 * @summary Letters and documents, opened safely, with provenance on every row.
 * @tagname care-document-list
 *
 * @fires care-load - Once every page is loaded and rendered: `detail.count` = documents listed.
 * @fires care-progress - After each page while the rest streams in.
 * @fires care-error - Loading failed (or a part of it); `detail.error` is a `RecordError`.
 * @fires care-select - A row was opened; `detail.resource` is its DocumentReference or Composition.
 *
 * @csspart base - The element's wrapper.
 * @csspart header - The heading row, with the `Restricted record` marker when it applies.
 * @csspart restricted - The `Restricted record` marker.
 * @csspart progress - How far the pages have streamed in.
 * @csspart viewer - The open document's region.
 * @csspart close - The viewer's Close document button.
 * @csspart document - The document's content in the viewer.
 * @csspart list - The `<ul>` of documents.
 * @csspart item - One document (`<li>`).
 * @csspart empty - The message shown when there are no documents.
 * @csspart error - The error message with its Try again button.
 * @csspart loading - The loading state.
 *
 * @cssproperty --care-document-list-accent - Row and viewer accent colour (default NHS blue #005eb8).
 * @cssproperty --care-document-list-viewer-height - Height of a PDF in the viewer (default 70vh).
 */
export class CareDocumentList extends RecordElement<DocumentListData> {
  static override styles = [...RecordElement.styles, rovingListStyles, documentListStyles];

  /** The open document, as `DocumentReference/<id>` or `Composition/<id>`; changes when the user opens or closes one. */
  @property({ attribute: 'opened-document', reflect: true }) openedDocument?: string;

  /** Bytes of a document read at most to show it (default 10 MB); a longer text is cut, a longer PDF or image offered for download. */
  @property({ attribute: 'max-document-size', type: Number }) maxDocumentSize = MAX_DOCUMENT_BYTES;

  readonly #viewer = new DocumentViewer(this, {
    maxBytes: () => this.#maxBytes,
    headingLevel: () => this.headingLevelAt(1),
  });

  readonly #focus = new RovingFocus<DocumentEntry>(this, {
    keyOf: (entry) => entry.key,
    select: (entry) => this.#open(entry),
    listSelector: 'ul.list',
  });

  /** Focus goes to the viewer's title (after an open) or back to a row, by key (after a close). */
  #focusNext?: { viewer: true } | string;

  protected override patientChanged(): void {
    this.#focus.reset();
    this.openedDocument = undefined;
  }

  protected override countOf(data: DocumentListData): number {
    return data.entries.length;
  }

  protected override streamOf(data: DocumentListData): PagerGroup<DocumentResource> {
    return data.stream;
  }

  protected override async loadRecord({ source, restricted, withholding, signal, search }: RecordScope) {
    const queries = documentQueries(restricted) as SectionQuery<DocumentResource>[];
    const stream = new PagerGroup(queries.map((query) => search(query)));
    await stream.loadFirst({ signal });
    const data: DocumentListData = { source, restricted, withholding, stream, entries: [] };
    await this.pagesJoined(data, signal);
    return data;
  }

  /** Who wrote each document and who holds it (each followed once), then the documents again from everything read. */
  protected override async pagesJoined(data: DocumentListData, signal: AbortSignal): Promise<void> {
    const { withholding } = data;
    const documents = data.stream.pagers.flatMap((pager) => pager.resources);
    data.resolve = await resolveReferences(
      data.source,
      documents.flatMap((document) =>
        documentReferences(document as DocumentReference | Composition, withholding),
      ),
      {
        included: data.stream.pagers.flatMap((pager) => pager.included),
        signal,
        follow: (found) => [...followRoleToOrganisation(found), ...followRoleToPractitioner(found)],
        withholding,
        previous: data.resolve,
      },
    );
    data.entries = documentEntries(documents, {
      resolve: data.resolve,
      withholding,
      restricted: data.restricted,
    });
  }

  get #maxBytes(): number {
    const size = Math.trunc(Number(this.maxDocumentSize));
    return size >= 1 ? size : MAX_DOCUMENT_BYTES;
  }

  /** The user opened a row: it is shown, and the host hears which resource (a withheld copy when restricted). */
  #open(entry: DocumentEntry): void {
    this.openedDocument = entry.key;
    this.#focusNext = { viewer: true };
    this.select(withheldCopy(entry.resource, this.data?.withholding, { resolve: this.data?.resolve }));
  }

  /** Closes the document; the focus (and the list's tab stop) goes back to its row. */
  #close(): void {
    const key = this.openedDocument;
    this.openedDocument = undefined;
    if (key === undefined) return;
    this.#focus.activeKey = key;
    this.#focusNext = key;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const data = this.data;
    const entry = data?.entries.find((one) => one.key === this.openedDocument);
    if (data && entry) this.#viewer.show(entry, data.source);
    else if (!this.openedDocument) this.#viewer.close();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const next = this.#focusNext;
    this.#focusNext = undefined;
    if (next === undefined) return;
    const selector = typeof next === 'string' ? `li[data-key="${CSS.escape(next)}"]` : '#viewer-title';
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  protected override render(): TemplateResult {
    return html`<div class="base" part="base">
      ${this.renderHeader(msg('Letters and documents'), this.data?.restricted)}
      ${this.renderState({ loading: msg('Loading documents'), error: msg('Documents unavailable') }, (data) =>
        this.#renderLoaded(data),
      )}
    </div>`;
  }

  #renderLoaded(data: DocumentListData): TemplateResult {
    const status = this.renderStreamStatus(data.stream, {
      incomplete: msg('Some documents could not be loaded, so this list is incomplete.'),
      partName: (type) =>
        type === 'Composition'
          ? msg('Documents (Composition)')
          : msg('Letters and documents (DocumentReference)'),
    });
    if (data.entries.length === 0) {
      return html`${status}${this.renderEmpty(msg('No letters or documents are recorded.'))}`;
    }
    const open = data.entries.find((entry) => entry.key === this.openedDocument);
    return html`
      ${status}
      ${
        open
          ? renderViewer(open, this.#viewer.state, {
              headingLevel: this.headingLevelAt(1),
              close: () => this.#close(),
              retry: () => this.#viewer.show(open, data.source, true),
              download: (part) => void this.#viewer.download(open, part, data.source),
              downloads: this.#viewer.downloads,
              maxBytes: this.#maxBytes,
            })
          : nothing
      }
      ${renderDocuments(data.entries, {
        label: msg('Letters and documents'),
        openKey: this.openedDocument,
        ...this.#focus.bind({ items: data.entries }),
      })}
    `;
  }
}
