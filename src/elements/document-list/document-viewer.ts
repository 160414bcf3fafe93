import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readAttachment } from '../../data/attachments.js';
import { isAbortError, type RecordError } from '../../data/record-error.js';
import type { RecordSource } from '../../data/record-source.js';
import { sanitiseHtml } from '../../base/sanitise.js';
import { asRecordError } from '../../base/errors.js';
import { decodeText } from '../../format/bytes.js';
import { plainText } from '../../format/text.js';
import {
  documentKind,
  mediaType,
  type DocumentEntry,
  type DocumentPart,
  type DocumentSection,
} from '../../model/documents.js';

/** The most of a document read to show it (10 MB): the rest of a longer one is not decoded or downloaded. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** The most read to save a document (100 MB). */
export const MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024;

/** A Composition section, sanitised. */
export interface ShownSection {
  title?: string;
  body?: HTMLElement;
  sections: ShownSection[];
}

/** What the viewer shows of the open document. */
export type ShownContent =
  | { kind: 'withheld' }
  | { kind: 'none' }
  | { kind: 'narrative'; sections: ShownSection[]; removed: number }
  | { kind: 'html'; body: HTMLElement; removed: number; complete: boolean; size?: number }
  | { kind: 'text'; text: string; complete: boolean; size?: number }
  | { kind: 'pdf' | 'image'; url: string }
  /** A format it cannot show, or a file that is not what it says (`mismatch`). */
  | { kind: 'unsupported'; mismatch: boolean }
  | { kind: 'too-large'; size?: number }
  | { kind: 'elsewhere'; url: string; origin: string };

export type ViewerState =
  | { key: string; status: 'loading' }
  | { key: string; status: 'shown'; content: ShownContent }
  | { key: string; status: 'failed'; error: RecordError };

/** How far a download of one part has got; a failure without an error: larger than `MAX_DOWNLOAD_BYTES`. */
export type DownloadState = { status: 'saving' } | { status: 'failed'; error?: RecordError };

/** What opens a PDF: `%PDF-` within its first kilobyte, as readers accept it. */
function looksLikePdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

/** A detached `<div>` holding sanitised nodes, rendered as it is (Lit places the node, never parses it). */
function holder(fragment: DocumentFragment): HTMLElement {
  const div = document.createElement('div');
  div.className = 'document-body';
  div.append(fragment);
  return div;
}

/**
 * Reads and prepares the open document: a Composition's narrative and HTML attachments through
 * the sanitiser, text as text, a PDF or an image through a `blob:` URL of bytes read with the
 * record's credentials (from the endpoint's origin only), a document held on another site as a
 * plain link, anything else offered for download. One document at a time: opening another, or
 * closing, cancels what is still being read and revokes the `blob:` URLs, and so does the host
 * leaving the page.
 */
export class DocumentViewer implements ReactiveController {
  state?: ViewerState;
  /** Downloads in progress or failed, by the attachment saved (the same object on every page). */
  readonly downloads = new Map<DocumentPart['attachment'], DownloadState>();
  readonly #host: ReactiveControllerHost;
  readonly #options: { maxBytes: () => number; headingLevel: () => number };
  #controller?: AbortController;
  #urls: string[] = [];

  constructor(host: ReactiveControllerHost, options: { maxBytes: () => number; headingLevel: () => number }) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.close();
  }

  /** Shows `entry` (read again if it is not the one shown, or `force`). */
  show(entry: DocumentEntry, source: RecordSource, force = false): void {
    if (!force && this.state?.key === entry.key) return;
    this.close();
    const controller = (this.#controller = new AbortController());
    this.state = { key: entry.key, status: 'loading' };
    this.#host.requestUpdate();
    this.#prepare(entry, source, controller.signal).then(
      (content) => this.#settle(controller, { key: entry.key, status: 'shown', content }),
      (error: unknown) => {
        if (!isAbortError(error))
          this.#settle(controller, { key: entry.key, status: 'failed', error: asRecordError(error) });
      },
    );
  }

  /** Nothing shown: reading stops and the document's bytes are let go. */
  close(): void {
    this.#controller?.abort();
    this.#controller = undefined;
    for (const url of this.#urls) URL.revokeObjectURL(url);
    this.#urls = [];
    this.downloads.clear();
    if (this.state) {
      this.state = undefined;
      this.#host.requestUpdate();
    }
  }

  /**
   * Saves a part as a file: read in full (up to `MAX_DOWNLOAD_BYTES`) with the record's
   * credentials, handed to the browser as `application/octet-stream` so that it is saved, never
   * opened in the page's origin. A document held on another site is never read: it is a link.
   */
  async download(entry: DocumentEntry, part: DocumentPart, source: RecordSource): Promise<void> {
    const signal = this.#controller?.signal;
    const key = part.attachment;
    if (!signal || this.downloads.get(key)?.status === 'saving') return;
    this.downloads.set(key, { status: 'saving' });
    this.#host.requestUpdate();
    try {
      const read = await readAttachment(source, part.attachment, {
        from: entry.resource,
        signal,
        maxBytes: MAX_DOWNLOAD_BYTES,
      });
      if (read.kind !== 'bytes' || !read.complete) {
        this.downloads.set(key, { status: 'failed' });
        return;
      }
      const url = URL.createObjectURL(new Blob([read.bytes], { type: 'application/octet-stream' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = part.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      this.downloads.delete(key);
    } catch (error) {
      if (!signal.aborted) this.downloads.set(key, { status: 'failed', error: asRecordError(error) });
    } finally {
      if (!signal.aborted) this.#host.requestUpdate();
    }
  }

  #settle(controller: AbortController, state: ViewerState): void {
    if (this.#controller !== controller) return;
    this.state = state;
    this.#host.requestUpdate();
  }

  #objectUrl(bytes: Uint8Array<ArrayBuffer>, type: string): string {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    this.#urls.push(url);
    return url;
  }

  async #prepare(entry: DocumentEntry, source: RecordSource, signal: AbortSignal): Promise<ShownContent> {
    if (entry.withheld) return { kind: 'withheld' };
    const { content } = entry;
    const headingLevel = this.#options.headingLevel();
    if (content.kind === 'none') return content;
    if (content.kind === 'narrative') {
      let removed = 0;
      const sanitise = (sections: DocumentSection[], level: number): ShownSection[] =>
        sections.map((section) => {
          const clean =
            section.html !== undefined ? sanitiseHtml(section.html, { headingLevel: level }) : undefined;
          removed += clean?.removed ?? 0;
          return {
            ...(section.title ? { title: section.title } : {}),
            ...(clean ? { body: holder(clean.fragment) } : {}),
            sections: sanitise(section.sections, level + 1),
          };
        });
      return { kind: 'narrative', sections: sanitise(content.sections, headingLevel + 1), removed };
    }
    const { part } = content;
    const read = await readAttachment(source, part.attachment, {
      from: entry.resource,
      signal,
      maxBytes: this.#options.maxBytes(),
    });
    if (read.kind === 'elsewhere') return read;
    const kind = part.contentType ? part.kind : documentKind(read.contentType);
    const contentType = part.contentType ?? mediaType(read.contentType);
    const { bytes, complete, size } = read;
    const sized = size !== undefined ? { size } : {};
    switch (kind) {
      case 'html': {
        const clean = sanitiseHtml(decodeText(bytes, read.contentType ?? part.attachment.contentType), {
          headingLevel,
        });
        return { kind: 'html', body: holder(clean.fragment), removed: clean.removed, complete, ...sized };
      }
      case 'text':
        return {
          kind: 'text',
          text: plainText(decodeText(bytes, read.contentType ?? part.attachment.contentType)),
          complete,
          ...sized,
        };
      case 'pdf':
      case 'image':
        if (!complete) return { kind: 'too-large', ...sized };
        if (kind === 'pdf' && !looksLikePdf(bytes)) return { kind: 'unsupported', mismatch: true };
        return { kind, url: this.#objectUrl(bytes, contentType ?? 'application/octet-stream') };
      default:
        return { kind: 'unsupported', mismatch: false };
    }
  }
}
