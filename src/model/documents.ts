/**
 * Letters and documents: DocumentReference (a document held as an attachment: HTML, text, PDF,
 * an image, a Word file) and Composition (a FHIR document whose sections carry its narrative), in
 * one list, newest first.
 *
 * - Each row: title, type, date, author, the organisation that recorded it (the custodian, else
 *   the author's organisation), status and format. Entered-in-error documents are not documents of this patient: not shown.
 * - What opening a row shows (`content`): a Composition's narrative, section by section; the
 *   attachment the element can show best (HTML, then text, PDF, an image), the other formats
 *   offered for download; or nothing.
 * - A restricted record: an organisation that is a GP practice or pharmacy is named by kind only,
 *   and so is everyone who wrote the document when it came from one; the content is not shown at
 *   all (`withheld`), since a letter carries the patient's address and practice in words that
 *   cannot be checked (SECURITY.md, Restricted records).
 */
import type {
  Attachment,
  Composition,
  CompositionSection,
  DocumentReference,
  PractitionerRole,
  Reference,
} from 'fhir/r4';
import { formatCodeableConcept } from '../format/codes.js';
import { describeDate, type DateOptions, type FormattedDate } from '../format/dates.js';
import { formatHumanName } from '../format/names.js';
import { withheldClinician } from '../format/strings.js';
import { isObject, num, objects, text, token } from '../format/values.js';
import {
  organisationOf,
  pointsAtPerson,
  resolveReference,
  type Provenance,
  type Resolve,
} from './provenance.js';
import { recordedBy } from './recorded-by.js';
import { withheldKindOf, withheldLabel, withholdingOption, type Withholding } from './restricted-record.js';
import { msg } from '@lit/localize';

export type DocumentResource = DocumentReference | Composition;

/** How the element can show a format: as sanitised HTML, as text, a PDF, an image, or not at all. */
export type DocumentKind = 'html' | 'text' | 'pdf' | 'image' | 'other';

/** One attachment of a DocumentReference. */
export interface DocumentPart {
  attachment: Attachment;
  kind: DocumentKind;
  /** The content type without parameters (`text/html`), when the record gives one. */
  contentType?: string;
  /** The format in words: `HTML`, `PDF`, `Word document`. */
  format: string;
  /** Size in bytes, as the record gives it. */
  size?: number;
  /** A safe file name to download it as (`Discharge summary.pdf`). */
  fileName: string;
  /** The content is in the resource (`data`), at an address (`url`), or nowhere. */
  held: 'data' | 'url' | 'none';
}

/** One section of a Composition: its title, its narrative (XHTML, not yet sanitised) and its sub-sections. */
export interface DocumentSection {
  title?: string;
  html?: string;
  sections: DocumentSection[];
}

export type DocumentContent =
  | { kind: 'narrative'; sections: DocumentSection[] }
  | { kind: 'attachment'; part: DocumentPart; others: DocumentPart[] }
  | { kind: 'none' };

export interface DocumentEntry {
  id: string;
  /** `DocumentReference/1`: unique in the list and the same on every page (the position read when there is no id). */
  key: string;
  resourceType: DocumentResource['resourceType'];
  title: string;
  /** The kind of document (`Discharge summary`), when it says something the title does not. */
  type?: string;
  category?: string;
  date?: FormattedDate;
  /** `Final`, `Preliminary`, `Amended`, `Superseded`, `Current`. */
  status?: string;
  /** Not final: a draft or an interim version. */
  preliminary: boolean;
  /** A newer version replaces it. */
  superseded: boolean;
  /** Who wrote it: people and organisations, in the record's order. */
  authors: string[];
  /** The organisation that holds it (custodian); the author's organisation when no custodian is given. */
  recordedBy?: Provenance;
  /** The format of what opening it shows (`PDF`, `HTML`), or `Document sections` for a Composition. */
  format?: string;
  content: DocumentContent;
  /** A restricted record: the content is not shown. */
  withheld: boolean;
  resource: DocumentResource;
}

export interface DocumentOptions extends DateOptions {
  resolve?: Resolve;
  withholding?: Withholding;
  restricted?: boolean;
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp']);
const TEXT_TYPES = new Set(['text/plain', 'text/markdown', 'text/csv']);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
/** The order in which formats are chosen to show: what reads best first. */
const PREFERENCE: DocumentKind[] = ['html', 'text', 'pdf', 'image', 'other'];

const FORMATS: Record<string, () => string> = {
  'text/html': () => msg('HTML'),
  'application/xhtml+xml': () => msg('HTML'),
  'text/plain': () => msg('Text'),
  'text/markdown': () => msg('Text'),
  'text/csv': () => msg('Table (CSV)'),
  'application/pdf': () => msg('PDF'),
  'image/png': () => msg('Image (PNG)'),
  'image/jpeg': () => msg('Image (JPEG)'),
  'image/gif': () => msg('Image (GIF)'),
  'image/webp': () => msg('Image (WebP)'),
  'image/bmp': () => msg('Image (BMP)'),
  'image/tiff': () => msg('Image (TIFF)'),
  'application/msword': () => msg('Word document'),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': () => msg('Word document'),
  'application/rtf': () => msg('Rich text (RTF)'),
  'text/rtf': () => msg('Rich text (RTF)'),
  'application/dicom': () => msg('DICOM image'),
  'text/xml': () => msg('XML'),
  'application/xml': () => msg('XML'),
  'application/fhir+xml': () => msg('FHIR (XML)'),
  'application/fhir+json': () => msg('FHIR (JSON)'),
};
const EXTENSIONS: Record<string, string> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/csv': 'csv',
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
  'image/tiff': 'tif',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/rtf': 'rtf',
  'text/rtf': 'rtf',
  'application/dicom': 'dcm',
  'text/xml': 'xml',
  'application/xml': 'xml',
  'application/fhir+xml': 'xml',
  'application/fhir+json': 'json',
};

const STATUS_LABELS: Record<string, () => string> = {
  preliminary: () => msg('Preliminary'),
  final: () => msg('Final'),
  amended: () => msg('Amended'),
  superseded: () => msg('Superseded'),
  current: () => msg('Current'),
};

/** `text/html` from `Text/HTML; charset=utf-8`. */
export function mediaType(contentType: unknown): string | undefined {
  const type = text(contentType)?.split(';')[0].trim().toLowerCase();
  return type || undefined;
}

/** How the element can show content of this type. */
export function documentKind(contentType: unknown): DocumentKind {
  const type = mediaType(contentType) ?? '';
  if (HTML_TYPES.has(type)) return 'html';
  if (TEXT_TYPES.has(type)) return 'text';
  if (type === 'application/pdf') return 'pdf';
  if (IMAGE_TYPES.has(type)) return 'image';
  return 'other';
}

/** The format in words, the content type itself when it is not a common one, `Format not known` without one. */
export function documentFormat(contentType: unknown): string {
  const type = mediaType(contentType);
  if (!type) return msg('Format not known');
  return FORMATS[type]?.() ?? type;
}

/**
 * A file name that is safe on every system: the title without path separators, control and
 * reserved characters, at most 80 characters, with the extension of its type.
 */
export function downloadName(title: string | undefined, contentType: unknown): string {
  const extension = EXTENSIONS[mediaType(contentType) ?? ''] ?? 'bin';
  const base =
    (title ?? '')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^[\s.]+|[\s.]+$/g, '')
      .slice(0, 80)
      .trim() || msg('document');
  return base.toLowerCase().endsWith(`.${extension}`) ? base : `${base}.${extension}`;
}

function partOf(attachment: Attachment, fallbackTitle: string): DocumentPart {
  const contentType = mediaType(attachment.contentType);
  const size = num(attachment.size);
  const held = typeof attachment.data === 'string' ? 'data' : token(attachment.url) ? 'url' : 'none';
  return {
    attachment,
    kind: documentKind(contentType),
    ...(contentType ? { contentType } : {}),
    format: documentFormat(contentType),
    ...(size !== undefined && size >= 0 ? { size } : {}),
    fileName: downloadName(text(attachment.title) ?? fallbackTitle, contentType),
    held,
  };
}

/** The attachment to show (the best format that has content) and the other formats. */
function attachmentContent(reference: DocumentReference, title: string): DocumentContent {
  const parts = objects<Record<string, unknown>>(reference.content)
    .map((content) => content.attachment)
    .filter(isObject)
    .map((attachment) => partOf(attachment as Attachment, title));
  const held = parts.filter((part) => part.held !== 'none');
  if (held.length === 0) return { kind: 'none' };
  const part = [...held].sort((a, b) => PREFERENCE.indexOf(a.kind) - PREFERENCE.indexOf(b.kind))[0];
  return { kind: 'attachment', part, others: held.filter((other) => other !== part) };
}

function sectionsOf(value: unknown): DocumentSection[] {
  return objects<CompositionSection>(value).map((section) => {
    const title = text(section.title) ?? formatCodeableConcept(section.code);
    const html = isObject(section.text) ? token(section.text.div) : undefined;
    return { ...(title ? { title } : {}), ...(html ? { html } : {}), sections: sectionsOf(section.section) };
  });
}

const hasNarrative = (sections: DocumentSection[]): boolean =>
  sections.some((section) => section.html !== undefined || hasNarrative(section.sections));

/** A Composition's sections; its own narrative when no section has any. */
function narrativeContent(composition: Composition): DocumentContent {
  const sections = sectionsOf(composition.section);
  if (hasNarrative(sections)) return { kind: 'narrative', sections };
  const html = isObject(composition.text) ? token(composition.text.div) : undefined;
  return html ? { kind: 'narrative', sections: [{ html, sections: [] }] } : { kind: 'none' };
}

/** The people and organisations who wrote it, as shown; withheld ones by kind, their people withheld with them. */
function authorsOf(
  authors: Reference[],
  container: DocumentResource,
  resolve: Resolve | undefined,
  withholding: Withholding | undefined,
  fromWithheld: boolean,
): string[] {
  return authors.map((reference) => {
    const kind = withheldKindOf(reference, withholding, { resolve, container });
    const resolved = resolveReference(reference, resolve, container);
    const person =
      pointsAtPerson(reference as unknown as Record<string, unknown>) ||
      ['Practitioner', 'PractitionerRole', 'RelatedPerson', 'Patient'].includes(resolved?.resourceType ?? '');
    if (person && (kind || fromWithheld)) return withheldClinician();
    if (kind) return withheldLabel(kind);
    if (resolved?.resourceType === 'PractitionerRole') {
      const role = resolved as PractitionerRole;
      const practitioner = resolveReference(role.practitioner, resolve, role);
      const name =
        formatHumanName((practitioner as { name?: unknown } | undefined)?.name) ??
        text(role.practitioner?.display);
      const organisation = organisationOf(role.organization, resolve, role)?.display;
      const words = [name, organisation].filter(Boolean).join(', ');
      if (words) return words;
    }
    if (resolved && 'name' in resolved && resolved.resourceType !== 'Organization') {
      const name = formatHumanName((resolved as { name?: unknown }).name);
      if (name) return name;
    }
    return (
      organisationOf(reference, resolve, container)?.display ?? text(reference.display) ?? msg('Not named')
    );
  });
}

function statusOf(resource: DocumentResource): {
  status?: string;
  preliminary: boolean;
  superseded: boolean;
} {
  const status = text(resource.status);
  const docStatus = resource.resourceType === 'DocumentReference' ? text(resource.docStatus) : status;
  const superseded = resource.resourceType === 'DocumentReference' && status === 'superseded';
  const word = superseded ? 'superseded' : (docStatus ?? status);
  const label = word ? STATUS_LABELS[word]?.() : undefined;
  return { ...(label ? { status: label } : {}), preliminary: docStatus === 'preliminary', superseded };
}

/** One document as the list shows it. */
export function documentEntry(
  resource: DocumentResource,
  options: DocumentOptions & { position?: number } = {},
): DocumentEntry {
  const dateOptions: DateOptions = options.timeZone ? { timeZone: options.timeZone } : {};
  const withholding = withholdingOption(options);
  const { resolve } = options;
  const isReference = resource.resourceType === 'DocumentReference';
  const type = formatCodeableConcept(resource.type);
  const category = objects(resource.category)
    .map((concept) => formatCodeableConcept(concept))
    .find(Boolean);
  let title: string;
  let content: DocumentContent;
  let dateValue: unknown;
  if (isReference) {
    const reference = resource as DocumentReference;
    const first = objects<Record<string, unknown>>(reference.content).find((c) => isObject(c.attachment))
      ?.attachment as Attachment | undefined;
    title = text(reference.description) ?? text(first?.title) ?? type ?? msg('Untitled document');
    content = attachmentContent(reference, title);
    const period = isObject(reference.context) ? reference.context.period : undefined;
    dateValue = reference.date ?? first?.creation ?? (isObject(period) ? period.start : undefined);
  } else {
    const composition = resource as Composition;
    title = text(composition.title) ?? type ?? msg('Untitled document');
    content = narrativeContent(composition);
    dateValue = composition.date;
  }
  const authors = objects<Reference>(resource.author);
  const custodian = isObject(resource.custodian) ? resource.custodian : undefined;
  const by = recordedBy(custodian ? [custodian] : authors, { resolve, withholding, container: resource });
  const fromWithheld = [custodian, ...authors].some(
    (reference) =>
      reference !== undefined && withheldKindOf(reference, withholding, { resolve, container: resource }),
  );
  const date = describeDate(dateValue, { ...dateOptions, withTime: false });
  const format =
    content.kind === 'attachment'
      ? content.part.format
      : content.kind === 'narrative'
        ? msg('Document sections')
        : undefined;
  const id = token(resource.id);
  return {
    id: id ?? '',
    key: `${resource.resourceType}/${id ?? `#${options.position ?? 0}`}`,
    resourceType: resource.resourceType,
    title,
    ...(type && type !== title ? { type } : {}),
    ...(category ? { category } : {}),
    ...(date ? { date } : {}),
    ...statusOf(resource),
    authors: authorsOf(authors, resource, resolve, withholding, fromWithheld),
    ...(by ? { recordedBy: by } : {}),
    ...(format ? { format } : {}),
    content,
    withheld: withholding !== undefined,
    resource,
  };
}

const isShown = (resource: unknown): resource is DocumentResource =>
  isObject(resource) &&
  (resource.resourceType === 'DocumentReference' || resource.resourceType === 'Composition') &&
  resource.status !== 'entered-in-error' &&
  resource.docStatus !== 'entered-in-error';

/** Every document, newest first (those with no date last), entered-in-error ones left out. */
export function documentEntries(
  resources: readonly unknown[] | undefined,
  options: DocumentOptions = {},
): DocumentEntry[] {
  return (Array.isArray(resources) ? resources : [])
    .map((resource, position) => ({ resource, position }))
    .filter((item): item is { resource: DocumentResource; position: number } => isShown(item.resource))
    .map(({ resource, position }) => documentEntry(resource, { ...options, position }))
    .sort(
      (a, b) =>
        (b.date?.sortKey ?? -Infinity) - (a.date?.sortKey ?? -Infinity) ||
        a.title.localeCompare(b.title, 'en-GB'),
    );
}
