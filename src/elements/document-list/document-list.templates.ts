import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import { errorText } from '../../base/errors.js';
import type { RovingBinding } from '../../base/roving-focus.js';
import { formatBytes } from '../../format/bytes.js';
import { notKnown } from '../../format/strings.js';
import type { DocumentEntry, DocumentPart } from '../../model/documents.js';
import type { DownloadState, ShownContent, ShownSection, ViewerState } from './document-viewer.js';

type Detail = [term: string, value: string | undefined];

function renderDetails(details: Detail[], className: string): TemplateResult {
  return html`<dl class=${className}>
    ${details
      .filter((detail): detail is [string, string] => detail[1] !== undefined && detail[1] !== '')
      .map(
        ([term, value]) =>
          html`<div class="details__item">
            <dt>${term}</dt>
            <dd>${value}</dd>
          </div>`,
      )}
  </dl>`;
}

/** What every row and the viewer say about a document: type, date, author, who recorded it, status. */
function detailsOf(entry: DocumentEntry): Detail[] {
  return [
    [msg('Type'), entry.type],
    [msg('Date'), entry.date?.display ?? notKnown()],
    [msg('Author'), entry.authors.join('; ') || notKnown()],
    [msg('Recorded by'), entry.recordedBy?.display ?? notKnown()],
    [msg('Status'), entry.status],
    [msg('Format'), entry.format],
  ];
}

function renderTags(entry: DocumentEntry): TemplateResult | typeof nothing {
  if (!entry.preliminary && !entry.superseded) return nothing;
  return html`${entry.preliminary ? html`<span class="tag tag--preliminary">${msg('Preliminary')}</span>` : nothing}
  ${entry.superseded ? html`<span class="tag tag--superseded">${msg('Superseded')}</span>` : nothing}`;
}

function renderDocument(entry: DocumentEntry, tabStop: boolean, open: boolean): TemplateResult {
  const classes = `item${entry.superseded ? ' item--superseded' : ''}${open ? ' item--open' : ''}`;
  return html`<li
    class=${classes}
    part="item"
    data-key=${entry.key}
    tabindex=${tabStop ? 0 : -1}
    aria-current=${open ? 'true' : nothing}
  >
    <div class="item__main">
      <span class="title">${entry.title}</span>
      ${renderTags(entry)} ${open ? html`<span class="tag tag--open">${msg('Open')}</span>` : nothing}
    </div>
    ${renderDetails(detailsOf(entry), 'details')}
  </li>`;
}

/** The documents, one tab stop (roving focus); the open one marked `aria-current`. */
export function renderDocuments(
  entries: readonly DocumentEntry[],
  options: RovingBinding<DocumentEntry> & { label: string; openKey?: string },
): TemplateResult {
  return html`<ul
    class="list"
    part="list"
    aria-label=${options.label}
    @click=${options.onClick}
    @keydown=${options.onKeydown}
  >
    ${repeat(
      entries,
      (entry) => entry.key,
      (entry) => renderDocument(entry, entry === options.tabStop, entry.key === options.openKey),
    )}
  </ul>`;
}

export interface ViewerOptions {
  headingLevel: number;
  close(): void;
  retry(): void;
  download(part: DocumentPart): void;
  downloads: ReadonlyMap<DocumentPart['attachment'], DownloadState>;
  /** The most of a document read to show it, for the message when a document is longer. */
  maxBytes: number;
}

/** `Download (Word document, 24 KB)`, or what became of the last try. */
function renderDownload(part: DocumentPart, options: ViewerOptions): TemplateResult {
  const state = options.downloads.get(part.attachment);
  const what = part.size !== undefined ? `${part.format}, ${formatBytes(part.size)}` : part.format;
  return html`<div class="download">
    <button
      class="care-button"
      type="button"
      ?disabled=${state?.status === 'saving'}
      @click=${() => options.download(part)}
    >
      ${state?.status === 'saving' ? msg('Downloading…') : msg(str`Download (${what})`)}
    </button>
    ${
      state?.status === 'failed'
        ? html`<p class="download__error" role="alert">
            ${state.error ? errorText(state.error) : msg('The document is too large to download here.')}
          </p>`
        : nothing
    }
  </div>`;
}

function renderSections(sections: ShownSection[], level: number): TemplateResult {
  return html`${sections.map(
    (section) =>
      html`<section class="document-section">
        ${
          section.title
            ? html`<div class="document-section__title" role="heading" aria-level=${Math.min(6, level)}>
                ${section.title}
              </div>`
            : nothing
        }
        ${section.body ?? nothing} ${renderSections(section.sections, level + 1)}
      </section>`,
  )}`;
}

function notice(text: string, kind = 'warning'): TemplateResult {
  return html`<p class="notice notice--${kind}" role="note">${text}</p>`;
}

function removedNotice(removed: number): TemplateResult | typeof nothing {
  return removed > 0
    ? notice(
        msg(
          str`Parts of this document that could run code or load content from other sites were removed (${removed}).`,
        ),
      )
    : nothing;
}

function cutNotice(
  content: { complete: boolean; size?: number },
  maxBytes: number,
): TemplateResult | typeof nothing {
  if (content.complete) return nothing;
  const limit = formatBytes(maxBytes);
  return notice(
    content.size !== undefined
      ? msg(str`This document is ${formatBytes(content.size)}: only its first ${limit} are shown.`)
      : msg(str`This document is longer than ${limit}: only its first ${limit} are shown.`),
  );
}

/**
 * The box holding a letter scrolls when the letter is wider than it (a table, a long line): it is a
 * tab stop, named, so that a keyboard can scroll it too.
 */
const contentLabel = (entry: DocumentEntry) => msg(str`${entry.title}, content`);

/** The content of the open document, by what it is. */
function renderContent(
  entry: DocumentEntry,
  content: ShownContent,
  options: ViewerOptions,
): TemplateResult | typeof nothing {
  const part = entry.content.kind === 'attachment' ? entry.content.part : undefined;
  const download = part ? renderDownload(part, options) : nothing;
  switch (content.kind) {
    case 'withheld':
      return notice(
        msg(
          "This is a restricted record. Letters and documents usually give the patient's address and GP practice, so their content is not shown here.",
        ),
        'restricted',
      );
    case 'none':
      return notice(msg('This document has no content to show.'));
    case 'narrative':
      return html`${removedNotice(content.removed)}
        <div class="document" part="document" tabindex="0" role="region" aria-label=${contentLabel(entry)}>
          ${renderSections(content.sections, options.headingLevel + 1)}
        </div>`;
    case 'html':
      // No download of the HTML: saved and opened, its scripts would run; what is shown is sanitised.
      return html`${removedNotice(content.removed)}${cutNotice(content, options.maxBytes)}
        <div class="document" part="document" tabindex="0" role="region" aria-label=${contentLabel(entry)}>
          ${content.body}
        </div>`;
    case 'text':
      return html`${cutNotice(content, options.maxBytes)}
        <pre
          class="document document--text"
          part="document"
          tabindex="0"
          role="region"
          aria-label=${contentLabel(entry)}
        >
${content.text}</pre>
        ${download}`;
    case 'pdf':
      return html`<object
          class="document document--pdf"
          part="document"
          type="application/pdf"
          data=${content.url}
          aria-label=${entry.title}
        >
          <p>${msg('This browser cannot show the PDF here. Download it to read it.')}</p>
        </object>
        ${download}`;
    case 'image':
      return html`<img
          class="document document--image"
          part="document"
          src=${content.url}
          alt=${entry.title}
        />
        ${download}`;
    case 'too-large':
      return html`${notice(
        content.size !== undefined
          ? msg(
              str`This document is too large to show here (${formatBytes(content.size)}; the most shown is ${formatBytes(options.maxBytes)}).`,
            )
          : msg(
              str`This document is too large to show here (the most shown is ${formatBytes(options.maxBytes)}).`,
            ),
      )}
      ${download}`;
    case 'unsupported':
      return html`${notice(
        content.mismatch
          ? msg(
              str`This document says it is a ${part?.format ?? ''}, but it is not one, so it cannot be shown here.`,
            )
          : msg(str`This document is in a format that cannot be shown here (${part?.format ?? notKnown()}).`),
      )}
      ${download}`;
    case 'elsewhere':
      return html`${notice(
          msg(
            str`This document is held on another site, ${content.origin}. It has not been opened here, and the record's sign-in is not sent to it. Open it only if you trust that site.`,
          ),
        )}
        <p>
          <a
            class="elsewhere"
            href=${content.url}
            target="_blank"
            rel="noopener noreferrer"
            referrerpolicy="no-referrer"
            >${msg(str`Open on ${content.origin} (opens in a new tab)`)}</a
          >
        </p>`;
  }
}

/** Other formats the document comes in, each offered for download (HTML never: it is shown, or unsafe to save). */
function renderOthers(entry: DocumentEntry, options: ViewerOptions): TemplateResult | typeof nothing {
  if (entry.withheld || entry.content.kind !== 'attachment') return nothing;
  const others = entry.content.others.filter((part) => part.kind !== 'html');
  if (others.length === 0) return nothing;
  return html`<div class="others">
    <p>${msg('Also in these formats:')}</p>
    ${others.map((part) => renderDownload(part, options))}
  </div>`;
}

/**
 * The open document: a region named by its title (which takes the focus when it opens), what the
 * row says, a Close button (Escape too), and the content.
 */
export function renderViewer(
  entry: DocumentEntry,
  state: ViewerState | undefined,
  options: ViewerOptions,
): TemplateResult {
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    options.close();
  };
  return html`<section class="viewer" part="viewer" aria-labelledby="viewer-title" @keydown=${onKeydown}>
    <div class="viewer__header">
      <div
        class="viewer__title"
        id="viewer-title"
        role="heading"
        aria-level=${Math.min(6, options.headingLevel)}
        tabindex="-1"
      >
        ${entry.title}
      </div>
      <button class="care-button" type="button" part="close" @click=${options.close}>
        ${msg('Close document')}
      </button>
    </div>
    ${renderDetails(detailsOf(entry), 'details viewer__details')}
    ${
      state?.status === 'shown'
        ? html`${renderContent(entry, state.content, options)}${renderOthers(entry, options)}`
        : state?.status === 'failed'
          ? html`<div class="state state--error" role="alert">
              <p class="state__title">${msg('The document could not be opened')}</p>
              <p>${errorText(state.error)}</p>
              <button class="care-button" type="button" @click=${options.retry}>${msg('Try again')}</button>
            </div>`
          : html`<p class="viewer__loading" role="status" aria-busy="true">
              ${msg('Opening the document…')}
            </p>`
    }
  </section>`;
}
