/**
 * Bytes of a document: base64 decoded no further than a limit, text decoded by its charset, sizes
 * in words. Pure: the document list reads attachments with these, in the data layer and the element.
 */
import { formatCount } from './quantity.js';
import { sizeInBytes } from './strings.js';

/** What was decoded: at most the limit asked for, and whether that was all of it. */
export interface DecodedBytes {
  bytes: Uint8Array<ArrayBuffer>;
  /** False when the content is longer than the limit: `bytes` is its beginning. */
  complete: boolean;
  /** The whole content's size in bytes, when known. */
  size?: number;
}

const BASE64 = /[^A-Za-z0-9+/]/g;

/**
 * Decodes base64 (as FHIR `Attachment.data` and `Binary.data` carry it, white space allowed)
 * no further than `maxBytes`: a document larger than that is never decoded in full. Characters
 * outside the base64 alphabet are ignored, as `atob` would refuse them.
 */
export function decodeBase64(data: string, maxBytes: number): DecodedBytes {
  const clean = data.replace(BASE64, '');
  const size = Math.floor((clean.length * 3) / 4);
  // Four characters make three bytes: decode whole quartets up to the limit.
  const quartets = Math.ceil(Math.min(size, Math.max(0, maxBytes)) / 3);
  const part = clean.slice(0, quartets * 4);
  const padded = part.length % 4 === 0 ? part : part + '='.repeat(4 - (part.length % 4));
  let binary = '';
  try {
    binary = atob(padded.length % 4 === 1 ? padded.slice(0, -1) : padded);
  } catch {
    binary = '';
  }
  const length = Math.min(binary.length, Math.max(0, maxBytes));
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) bytes[i] = binary.charCodeAt(i);
  return { bytes, complete: size <= maxBytes, size };
}

/** The `charset` of a content type (`text/html; charset=ISO-8859-1`), if it names one. */
function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '')?.[1];
}

/**
 * Text from bytes in the charset the content type names (UTF-8 when it names none, or one this
 * browser does not know). A byte-order mark decides over the label, as browsers do. Malformed
 * sequences become U+FFFD rather than failing.
 */
export function decodeText(bytes: Uint8Array, contentType?: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charsetOf(contentType) ?? 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}

/** `850 bytes`, `12 KB`, `3.4 MB` (1 KB = 1,024 bytes, as file managers count). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return sizeInBytes(bytes, formatCount(bytes));
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${formatCount(rounded)} ${units[unit]}`;
}
