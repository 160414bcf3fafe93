import type { Attachment, Binary, Resource } from 'fhir/r4';
import { decodeBase64 } from '../format/bytes.js';
import { parseReference } from '../format/references.js';
import { text, token } from '../format/values.js';
import { isRecordError, RecordError } from './record-error.js';
import type { DocumentBytes, RecordSource, RequestOptions } from './record-source.js';
import { originOf } from './references.js';

/**
 * What an attachment holds: its bytes (at most the limit asked for), or, for a document held on
 * another site, only where it is: it was not read, and is offered as a plain link that carries
 * none of the record's credentials.
 */
export type AttachmentContent =
  ({ kind: 'bytes' } & DocumentBytes) | { kind: 'elsewhere'; url: string; origin: string };

export interface ReadAttachmentOptions extends RequestOptions {
  /** The resource holding the attachment: `#id` and same-Bundle references resolve against it. */
  from?: Resource;
  /** Bytes decoded or downloaded at most. */
  maxBytes: number;
}

const WEB = /^https?:$/i;
const SCHEME = /^([a-z][a-z\d+.-]*:)/i;

/**
 * A reference to a Binary (`Binary/1`, an absolute `…/Binary/1`) or to a resource the record holds
 * (`urn:uuid:…`, `#id`). Any other address, `DocumentReference/1.pdf` too, is a file relative to
 * the server.
 */
function isResourceReference(url: string): boolean {
  const parsed = parseReference(url);
  return (
    parsed.kind === 'contained' ||
    parsed.kind === 'urn' ||
    ((parsed.kind === 'relative' || parsed.kind === 'absolute') && parsed.type === 'Binary')
  );
}

function elsewhere(url: string): AttachmentContent | undefined {
  const origin = originOf(url);
  return origin && WEB.test(new URL(url).protocol)
    ? { kind: 'elsewhere', url: new URL(url).href, origin }
    : undefined;
}

const isCrossOrigin = (error: unknown) => isRecordError(error) && error.reason === 'link-cross-origin';

/** A Binary's content, decoded no further than `maxBytes`. */
function binaryContent(binary: Binary, attachment: Attachment, maxBytes: number): AttachmentContent {
  const data = typeof binary.data === 'string' ? binary.data : undefined;
  if (data === undefined) throw new RecordError('not-found', 'document-missing', { ref: binary.id ?? '' });
  const contentType = text(binary.contentType) ?? text(attachment.contentType);
  return { kind: 'bytes', ...decodeBase64(data, maxBytes), ...(contentType ? { contentType } : {}) };
}

/**
 * Reads an attachment (`DocumentReference.content.attachment`, a Composition's, a Binary's):
 * inline `data` decoded; a Binary it references read through the source (`source.resolve`, so
 * the source's credential and origin rules apply, and a Bundle answers from what it holds); any
 * other web address on the record server's origin read with `source.readDocument`. Nothing is
 * ever requested from another site: such an address comes back as `elsewhere`. An address that is
 * not a web address (`javascript:`, `file:`) is refused (`document-address-unsafe`).
 */
export async function readAttachment(
  source: RecordSource,
  attachment: Attachment,
  options: ReadAttachmentOptions,
): Promise<AttachmentContent> {
  const { from, signal, maxBytes } = options;
  const contentType = text(attachment.contentType);
  const withType = contentType ? { contentType } : {};
  if (typeof attachment.data === 'string') {
    return { kind: 'bytes', ...decodeBase64(attachment.data, maxBytes), ...withType };
  }
  const url = token(attachment.url);
  if (!url) throw new RecordError('not-found', 'document-missing', { ref: '' });
  if (isResourceReference(url)) {
    let resource: Resource | undefined;
    try {
      resource = await source.resolve({ reference: url }, { from, signal });
    } catch (error) {
      const away = isCrossOrigin(error) ? elsewhere(url) : undefined;
      if (away) return away;
      throw error;
    }
    if (resource?.resourceType === 'Binary') return binaryContent(resource as Binary, attachment, maxBytes);
    // A Bundle that does not hold what an absolute address names: the document is somewhere else.
    const away = resource === undefined ? elsewhere(url) : undefined;
    if (away) return away;
    throw new RecordError('not-found', 'document-missing', { ref: url });
  }
  const scheme = SCHEME.exec(url)?.[1];
  if (scheme && !WEB.test(scheme)) {
    throw new RecordError('invalid-response', 'document-address-unsafe', { scheme: scheme.toLowerCase() });
  }
  if (!source.readDocument) {
    const away = elsewhere(url);
    if (away) return away;
    throw new RecordError('not-found', 'document-missing', { ref: url });
  }
  try {
    const read = await source.readDocument(url, { signal, maxBytes });
    return { kind: 'bytes', ...withType, ...read };
  } catch (error) {
    const away = isCrossOrigin(error) ? elsewhere(url) : undefined;
    if (away) return away;
    throw error;
  }
}
