/**
 * Restricted (S-flagged) records: what no element shows, requests or keeps, and the neutral words
 * shown instead. SECURITY.md ("Restricted (S-flagged) records") says what is withheld and why.
 *
 * Withheld, for a restricted patient only:
 * - the registered GP practice, in every form it is known by: each `Patient.generalPractitioner`
 *   reference (its text; its `Type/id` whether relative, absolute or versioned; a `urn:uuid:` as
 *   written), the ODS codes and other identifiers those references carry, their `display` (compared
 *   ignoring case, spaces and punctuation), and what a contained one says;
 * - any other GP practice: an Organization whose ODS role (RO76 GP PRACTICE, RO96 BRANCH SURGERY,
 *   RO177 PRESCRIBING COST CENTRE, RO227 / RO315 Scottish and Northern Irish GP practices, in any ODS
 *   role code system, as `RO76` or `76`), SNOMED CT or HL7 type says general practice, whose ODS code
 *   has the GP-practice form (a letter then five digits, `B82005`), or whose name reads as one
 *   (`… Surgery`, `… Medical Centre`, `… Health Centre`, `… Medical Practice`);
 * - every pharmacy: ODS roles RO182 / RO280 / RO181 / RO94, SNOMED CT 264372000, v3 `PHARM`, an ODS
 *   code of the pharmacy form (`F` and four more, `FA123`), a pharmacy name;
 * - a PractitionerRole whose organisation is withheld, and every Location.
 * A hospital or trust is not withheld: its name does not narrow down where the patient lives.
 *
 * The forms of the registered practice are kept as digests, never as text, so the element holding a
 * `Withholding` does not keep the practice's name or ODS code in memory.
 */
import { ODS_ORGANISATION_SYSTEM } from '../format/organisation.js';
import { parseReference } from '../format/references.js';
import { isRestricted } from '../format/restricted.js';
import {
  withheldClinician,
  withheldGpPractice,
  withheldLocation,
  withheldPharmacy,
} from '../format/strings.js';
import { isObject, objects, text } from '../format/values.js';
import { resolveReference, type Provenance, type Resolve, type WithheldKind } from './provenance.js';

export type { WithheldKind } from './provenance.js';

/** What a restricted record withholds; `undefined` stands for an unrestricted record. */
export interface Withholding {
  /** Digests (never the text) of every form the registered GP practice is known by. */
  readonly keys: ReadonlySet<string>;
}

export interface WithheldKindOptions {
  /** Looks up a referenced resource already to hand (never a request): its content is judged too. */
  resolve?: Resolve;
  /** The resource holding the reference, whose `contained` answers `#id` references. */
  container?: unknown;
}

type Json = Record<string, unknown>;

const ODS_SYSTEMS = new Set([
  ODS_ORGANISATION_SYSTEM,
  'https://fhir.nhs.uk/Id/ods-site-code',
  'http://fhir.nhs.net/Id/ods-organization-code',
  'http://fhir.nhs.net/Id/ods-site-code',
]);
/** ODS role code systems: `https://fhir.nhs.uk/CodeSystem/organisation-role`, `…/ODSAPI-OrganizationRole-1`, … */
const ODS_ROLE_SYSTEM = /organi[sz]ation-?role/i;
const GP_ROLES = new Set(['76', '96', '177', '227', '315']);
const PHARMACY_ROLES = new Set(['94', '181', '182', '280']);
const SNOMED = 'http://snomed.info/sct';
/** General practitioner practice site; general practice; general medical practice; family practice. */
const GP_SNOMED = new Set(['394761003', '394814009', '408443003', '419772000']);
const PHARMACY_SNOMED = new Set(['264372000']);
const V3_ROLE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
/** Family medicine clinic; primary care clinic. */
const GP_V3 = new Set(['FMC', 'PC']);
const PHARMACY_V3 = new Set(['PHARM']);

const GP_TYPE_TEXT =
  /\b(general (medical )?practi[cs]e|gp (practice|surgery)|family (practice|medicine)|primary care (clinic|practice))\b/i;
const PHARMACY_TEXT = /\b(pharmacy|pharmacies|chemists?|dispensary|appliance contractor)\b/i;
const HOSPITAL_NAME = /\b(hospitals?|trust|infirmary|ambulance)\b/i;
const GP_NAME =
  /\b(medical practice|group practice|general practice|family practice|gp practice|health cent(re|er)|medical cent(re|er))\b/i;
/** `Riverside Surgery`, not `Day Surgery`, `Dental Surgery` or `Department of Surgery`. */
const SURGERY_NAME = /(^|[^\p{L}])(?<!\b(day|dental|oral|general|minor|of)\s+)surgery\W*$/iu;

/** Fields in which an untyped or display-only reference names an organisation. */
const ORGANISATION_FIELDS = new Set([
  'serviceProvider',
  'managingOrganization',
  'organization',
  'requester',
  'recorder',
  'performer',
  'informationSource',
  'assigner',
  'custodian',
  'author',
  'source',
  'sender',
  'receiver',
  'provider',
  'asserter',
  'resultsInterpreter',
  'partOf',
  'actor',
]);
const PERSON_TYPES = new Set(['Practitioner', 'PractitionerRole', 'RelatedPerson', 'Patient']);
/** Contained resources a restricted record's copy never keeps: each says where someone is. */
const DROPPED_CONTAINED = new Set(['Location', 'Patient', 'RelatedPerson']);
const MAX_DEPTH = 3;

// --- Keys ---------------------------------------------------------------------------------------

/** Two 32-bit FNV-style hashes: enough to tell the practice's forms apart, not to read them back. */
function digest(value: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`;
}

/** A name as compared: letters and digits only, lower case, invisible characters gone. */
function squashName(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function identifierKeys(identifier: unknown): string[] {
  return objects<Json>(identifier).flatMap((id) => {
    const value = text(id.value);
    if (!value) return [];
    const system = text(id.system);
    if (system && ODS_SYSTEMS.has(system)) return [`ods:${value.toUpperCase()}`];
    // A bare value shaped like an ODS code is taken as one: erring on the side of withholding.
    if (!system) return /^[A-Z0-9]{3,7}$/i.test(value) ? [`ods:${value.toUpperCase()}`] : [];
    return [`id:${system}|${value}`];
  });
}

/** The identifiers a conditional reference searches by (`Organization?identifier=system|value`). */
function conditionalIdentifiers(query: string): Json[] {
  return new URLSearchParams(query).getAll('identifier').map((token) => {
    const bar = token.indexOf('|');
    return bar < 0 ? { value: token } : { system: token.slice(0, bar), value: token.slice(bar + 1) };
  });
}

/** `Type`, declared or read from the reference text; `undefined` when it cannot be told. */
function referenceType(reference: Json): string | undefined {
  const declared = text(reference.type);
  if (declared) return declared;
  const ref = text(reference.reference);
  if (!ref) return undefined;
  const parsed = parseReference(ref);
  return parsed.kind === 'relative' || parsed.kind === 'conditional' || parsed.kind === 'absolute'
    ? parsed.type
    : undefined;
}

/** The identifiers a reference carries: its own `identifier` and a conditional reference's search. */
function referenceIdentifiers(reference: Json): Json[] {
  const ref = text(reference.reference);
  const parsed = ref ? parseReference(ref) : undefined;
  return [
    ...objects<Json>(reference.identifier),
    ...(parsed?.kind === 'conditional' ? conditionalIdentifiers(parsed.query) : []),
  ];
}

/** Every form a reference can be recognised by: its text, `Type/id`, urn, identifiers and display. */
function referenceKeys(reference: Json): string[] {
  const keys: string[] = [];
  const ref = text(reference.reference);
  if (ref) {
    keys.push(`ref:${ref}`);
    const parsed = parseReference(ref);
    if (parsed.kind === 'relative') keys.push(`tid:${parsed.type}/${parsed.id}`);
    if (parsed.kind === 'absolute' && parsed.type && parsed.id) keys.push(`tid:${parsed.type}/${parsed.id}`);
    if (parsed.kind === 'urn') keys.push(`urn:${parsed.urn.toLowerCase()}`);
  }
  keys.push(...identifierKeys(referenceIdentifiers(reference)));
  const display = text(reference.display);
  if (display && squashName(display)) keys.push(`name:${squashName(display)}`);
  return keys;
}

/** Every form a resource can be recognised by: `Type/id`, identifiers, an Organization's names. */
function resourceKeys(resource: Json): string[] {
  const keys: string[] = [];
  const type = text(resource.resourceType);
  const id = text(resource.id);
  if (type && id) keys.push(`tid:${type}/${id}`);
  keys.push(...identifierKeys(resource.identifier));
  if (type === 'Organization') {
    for (const name of [...stringsOf(resource.name), ...stringsOf(resource.alias)]) {
      if (squashName(name)) keys.push(`name:${squashName(name)}`);
    }
  }
  return keys;
}

function stringsOf(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(text).filter((s): s is string => s !== undefined);
}

const matches = (keys: string[], withholding: Withholding) =>
  keys.some((key) => withholding.keys.has(digest(key)));

// --- What a setting is --------------------------------------------------------------------------

/** `B82005` is a GP practice; `FA123` a pharmacy; anything else says nothing. */
function odsCodeKind(code: string): WithheldKind | undefined {
  const value = code.trim().toUpperCase();
  if (/^F[A-Z0-9]{4}$/.test(value)) return 'pharmacy';
  if (/^[A-Z]\d{5}$/.test(value)) return 'gp-practice';
  return undefined;
}

function identifiersKind(identifiers: Json[]): WithheldKind | undefined {
  for (const id of identifiers) {
    const system = text(id.system);
    const value = text(id.value);
    if (value && (!system || ODS_SYSTEMS.has(system))) {
      const kind = odsCodeKind(value);
      if (kind) return kind;
    }
  }
  return undefined;
}

function textKind(value: unknown): WithheldKind | undefined {
  const words = text(value);
  if (!words) return undefined;
  if (PHARMACY_TEXT.test(words)) return 'pharmacy';
  if (GP_TYPE_TEXT.test(words) || /^gp$/i.test(words)) return 'gp-practice';
  return undefined;
}

function codingKind(coding: Json): WithheldKind | undefined {
  const system = text(coding.system) ?? '';
  const code = text(coding.code) ?? '';
  if (ODS_ROLE_SYSTEM.test(system)) {
    const role = code.toUpperCase().replace(/^RO/, '');
    if (GP_ROLES.has(role)) return 'gp-practice';
    if (PHARMACY_ROLES.has(role)) return 'pharmacy';
  }
  if (system === SNOMED) {
    if (GP_SNOMED.has(code)) return 'gp-practice';
    if (PHARMACY_SNOMED.has(code)) return 'pharmacy';
  }
  if (system === V3_ROLE) {
    if (GP_V3.has(code.toUpperCase())) return 'gp-practice';
    if (PHARMACY_V3.has(code.toUpperCase())) return 'pharmacy';
  }
  return textKind(coding.display);
}

function conceptKind(concept: unknown): WithheldKind | undefined {
  if (!isObject(concept)) return undefined;
  for (const coding of objects<Json>(concept.coding)) {
    const kind = codingKind(coding);
    if (kind) return kind;
  }
  return textKind(concept.text);
}

/** ODS role codings carried in extensions (the ODS API's `Extension-ODSAPI-OrganizationRole-1`). */
function extensionKind(element: unknown, depth = 0): WithheldKind | undefined {
  if (!isObject(element) || depth > MAX_DEPTH) return undefined;
  for (const extension of objects<Json>(element.extension)) {
    const kind =
      (isObject(extension.valueCoding) ? codingKind(extension.valueCoding) : undefined) ??
      conceptKind(extension.valueCodeableConcept) ??
      extensionKind(extension, depth + 1);
    if (kind) return kind;
  }
  return undefined;
}

/** What an organisation's name says it is; a hospital or trust is never taken for a practice. */
function nameKind(name: unknown): WithheldKind | undefined {
  const value = text(name)?.normalize('NFKC');
  if (!value || HOSPITAL_NAME.test(value)) return undefined;
  if (PHARMACY_TEXT.test(value)) return 'pharmacy';
  if (GP_NAME.test(value) || SURGERY_NAME.test(value)) return 'gp-practice';
  return undefined;
}

interface Context {
  withholding: Withholding;
  resolve?: Resolve;
  container?: unknown;
  /** The reference sits where an organisation goes: an untyped display is read as its name. */
  organisationField: boolean;
}

function resourceKind(resource: Json, context: Context, depth: number): WithheldKind | undefined {
  const type = text(resource.resourceType);
  if (type === 'Location') return 'location';
  if (matches(resourceKeys(resource), context.withholding)) return 'gp-practice';
  if (type === 'Organization') {
    const byCode = identifiersKind(objects<Json>(resource.identifier));
    if (byCode) return byCode;
    for (const concept of objects(resource.type)) {
      const kind = conceptKind(concept);
      if (kind) return kind;
    }
    const kind = extensionKind(resource) ?? nameKind(resource.name);
    if (kind) return kind;
    for (const alias of stringsOf(resource.alias)) {
      const aliasKind = nameKind(alias);
      if (aliasKind) return aliasKind;
    }
    // A branch of the registered practice.
    if (isObject(resource.partOf) && matches(referenceKeys(resource.partOf), context.withholding))
      return 'gp-practice';
  }
  if (type === 'PractitionerRole' && depth < MAX_DEPTH) {
    // A reference in a contained role points into its container, else into the role itself.
    const container = Array.isArray(resource.contained) ? resource : context.container;
    return referenceKind(
      resource.organization,
      { ...context, container, organisationField: true },
      depth + 1,
    );
  }
  return undefined;
}

function referenceKind(value: unknown, context: Context, depth: number): WithheldKind | undefined {
  const reference = typeof value === 'string' ? { reference: value } : value;
  if (!isObject(reference)) return undefined;
  const type = referenceType(reference);
  if (type === 'Location') return 'location';
  if (matches(referenceKeys(reference), context.withholding)) return 'gp-practice';
  // An ODS code says what an organisation is; a reference typed otherwise carries another identifier.
  if (type === undefined || type === 'Organization') {
    const byCode = identifiersKind(referenceIdentifiers(reference));
    if (byCode) return byCode;
  }
  const organisation = type === 'Organization' || (type === undefined && context.organisationField);
  if (organisation) {
    const kind = nameKind(reference.display);
    if (kind) return kind;
  }
  if (depth >= MAX_DEPTH) return undefined;
  const resolved = resolveReference(reference, context.resolve, context.container);
  return resolved ? resourceKind(resolved as unknown as Json, context, depth + 1) : undefined;
}

const EMPTY: Withholding = Object.freeze({ keys: new Set<string>() });

// --- API ----------------------------------------------------------------------------------------

/**
 * What a patient's record withholds: `undefined` for an unrestricted patient; for a restricted
 * (S-flagged) one, the forms its registered GP practice is known by (GP practices, pharmacies and
 * locations in general are recognised without them). Call it with the Patient as read, before its
 * `generalPractitioner` is dropped.
 */
export function withholdingFor(patient: unknown): Withholding | undefined {
  if (!isRestricted(patient) || !isObject(patient)) return undefined;
  const keys = new Set<string>();
  const add = (forms: string[]) => forms.forEach((key) => keys.add(digest(key)));
  for (const reference of objects<Json>(patient.generalPractitioner)) {
    add(referenceKeys(reference));
    // A contained practice (or role) speaks for itself: its identifiers, name and organisation.
    const contained = resolveReference(reference, undefined, patient) as Json | undefined;
    if (!contained) continue;
    add(resourceKeys(contained).filter((key) => !key.startsWith('tid:')));
    if (contained.resourceType === 'PractitionerRole' && isObject(contained.organization)) {
      add(referenceKeys(contained.organization));
      const organisation = resolveReference(contained.organization, undefined, patient) as Json | undefined;
      if (organisation) add(resourceKeys(organisation).filter((key) => !key.startsWith('tid:')));
    }
  }
  return Object.freeze({ keys });
}

/**
 * The withholding a model applies given its options: `withholding` when given, else an empty one
 * for `restricted: true` (GP practices, pharmacies and locations are still recognised), else none.
 */
export function withholdingOption(options: {
  restricted?: boolean;
  withholding?: Withholding;
}): Withholding | undefined {
  return options.withholding ?? (options.restricted ? EMPTY : undefined);
}

/**
 * Whether following `reference` could request what a restricted record withholds: the registered
 * practice (by reference, `Type/id`, urn, identifier or display), any GP practice or pharmacy its
 * ODS code, type or name gives away, or a Location. An element filters every reference through
 * this before resolving it. Always `false` without a withholding (an unrestricted record).
 */
export function isWithheldReference(reference: unknown, withholding: Withholding | undefined): boolean {
  if (!withholding) return false;
  return referenceKind(reference, { withholding, organisationField: true }, MAX_DEPTH) !== undefined;
}

/**
 * The kind of withheld setting a reference or resource is (`gp-practice`, `pharmacy`, `location`),
 * or `undefined` when it may be shown. A PractitionerRole has the kind of its organisation; a
 * reference is also judged by what `resolve` (or the container's `contained`) has to hand.
 */
export function withheldKindOf(
  referenceOrResource: unknown,
  withholding: Withholding | undefined,
  options: WithheldKindOptions = {},
): WithheldKind | undefined {
  if (!withholding || !isObject(referenceOrResource)) return undefined;
  const context: Context = {
    withholding,
    resolve: options.resolve,
    container: options.container,
    organisationField: true,
  };
  return typeof referenceOrResource.resourceType === 'string'
    ? resourceKind(referenceOrResource, context, 0)
    : referenceKind(referenceOrResource, context, 0);
}

/** `GP practice (withheld: restricted record)`, `Pharmacy (…)`, `Location (…)`. */
export function withheldLabel(kind: WithheldKind): string {
  switch (kind) {
    case 'pharmacy':
      return withheldPharmacy();
    case 'location':
      return withheldLocation();
    default:
      return withheldGpPractice();
  }
}

/** Provenance that says the kind of setting and nothing else: no name, ODS code or reference. */
export function withheldProvenance(kind: WithheldKind): Provenance {
  return { display: withheldLabel(kind), withheld: kind };
}

// --- Copies ------------------------------------------------------------------------------------

function deepCopy(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return undefined;
  seen.add(value);
  const copy = Array.isArray(value)
    ? value.map((item) => deepCopy(item, seen)).filter((item) => item !== undefined)
    : Object.fromEntries(
        Object.entries(value)
          .map(([key, item]) => [key, deepCopy(item, seen)] as const)
          .filter(([, item]) => item !== undefined),
      );
  seen.delete(value);
  return copy;
}

const REFERENCE_FIELDS = new Set(['id', 'extension', 'reference', 'type', 'identifier', 'display']);

function isReferenceShape(value: Json): boolean {
  if ('resourceType' in value) return false;
  const keys = Object.keys(value);
  return (
    keys.every((key) => REFERENCE_FIELDS.has(key)) &&
    (typeof value.reference === 'string' || typeof value.display === 'string' || isObject(value.identifier))
  );
}

/** Extensions whose value is an Address (a birth place, a contact's address) say where someone is. */
function dropAddressExtensions(element: Json): void {
  for (const field of ['extension', 'modifierExtension']) {
    if (Array.isArray(element[field])) {
      element[field] = (element[field] as unknown[]).filter((e) => !(isObject(e) && 'valueAddress' in e));
    }
  }
}

/** A Composition's sections keep their titles and entries, not their narrative. */
function stripSections(sections: unknown): void {
  for (const section of objects<Json>(sections)) {
    delete section.text;
    stripSections(section.section);
  }
}

/** The fields of one resource (root or contained) that say where the patient or a place is. */
function stripResource(resource: Json): void {
  if (isObject(resource.text)) delete resource.text;
  switch (resource.resourceType) {
    case 'Patient':
      for (const field of ['address', 'telecom', 'contact', 'generalPractitioner', 'managingOrganization'])
        delete resource[field];
      break;
    case 'Encounter':
      delete resource.location;
      if (isObject(resource.hospitalization)) {
        delete resource.hospitalization.origin;
        delete resource.hospitalization.destination;
      }
      break;
    case 'MedicationRequest':
      if (isObject(resource.dispenseRequest)) delete resource.dispenseRequest.performer;
      break;
    case 'Immunization':
      delete resource.location;
      break;
    case 'DocumentReference':
      // A letter's content names the patient's address and practice in words that cannot be checked.
      for (const content of objects<Json>(resource.content)) {
        if (isObject(content.attachment)) delete content.attachment.data;
      }
      break;
    case 'Composition':
      stripSections(resource.section);
      break;
    default:
      break;
  }
}

/** What stands in for a withheld resource handed over on its own: its type and the neutral label. */
function withheldStub(resource: Json, kind: WithheldKind): Json {
  const label = withheldLabel(kind);
  return resource.resourceType === 'PractitionerRole'
    ? { resourceType: 'PractitionerRole', organization: { display: label } }
    : { resourceType: resource.resourceType, name: label };
}

/**
 * The copy of a resource an element keeps in memory and hands to `care-select` for a restricted
 * record. Never changes `resource`; without a withholding (an unrestricted record) returns it as is.
 * - no narrative (`text`), here or in any contained resource;
 * - contained Locations, Patients, RelatedPersons and withheld Organizations / PractitionerRoles
 *   removed, and references to them with them;
 * - every Reference that points at a withheld organisation (or a Location) becomes
 *   `{ display: <neutral label> }`, one to a person `{ display: 'Clinician (withheld: …)' }`;
 * - Encounter: no `location`, `hospitalization.origin` / `destination`; when its provider is
 *   withheld, neither are the names of the people who took part;
 * - MedicationRequest: no `dispenseRequest.performer` (the nominated pharmacy);
 * - Immunization: no `location`; when a performer organisation is withheld, neither are the names
 *   of the people who gave it;
 * - DocumentReference: no attachment `data`; Composition: no section narrative (a letter's content);
 * - Patient: no `address`, `telecom`, `contact`, `generalPractitioner`, `managingOrganization`;
 * - no extension whose value is an Address.
 * A withheld Organization, PractitionerRole or Location handed over on its own keeps only its type
 * and the neutral label.
 */
export function withheldCopy<T>(
  resource: T,
  withholding: Withholding | undefined,
  options: { resolve?: Resolve } = {},
): T {
  if (!withholding || !isObject(resource)) return resource;
  const original: Json = resource;
  const base: Context = {
    withholding,
    resolve: options.resolve,
    container: original,
    organisationField: false,
  };
  if (typeof original.resourceType === 'string' && original.resourceType !== 'Patient') {
    const kind = resourceKind(original, { ...base, organisationField: true }, 0);
    if (kind && ['Organization', 'PractitionerRole', 'Location'].includes(original.resourceType))
      return withheldStub(original, kind) as T;
  }
  const copy = deepCopy(original, new WeakSet()) as Json;
  stripResource(copy);

  // Contained resources: drop what locates someone or is withheld; strip the rest.
  const dropped = new Map<string, WithheldKind | undefined>();
  if (Array.isArray(copy.contained)) {
    copy.contained = copy.contained.filter((item) => {
      if (!isObject(item)) return false;
      const kind = resourceKind(item, { ...base, organisationField: true }, 0);
      const drop = DROPPED_CONTAINED.has(String(item.resourceType)) || kind !== undefined;
      if (drop && text(item.id)) dropped.set(text(item.id) as string, kind);
      if (!drop) stripResource(item);
      return !drop;
    });
  }

  // A provider withheld takes the names of the people who worked there with it.
  const withheldHere = (reference: unknown) =>
    referenceKind(reference, { ...base, organisationField: true }, 0) !== undefined;
  const providerWithheld = copy.resourceType === 'Encounter' && withheldHere(original.serviceProvider);
  const vaccinatorWithheld =
    copy.resourceType === 'Immunization' &&
    objects<Json>(original.performer).some((performer) => withheldHere(performer.actor));

  const replace = (reference: Json, field: string): Json | undefined => {
    const ref = text(reference.reference);
    const type = referenceType(reference);
    if (ref?.startsWith('#') && dropped.has(ref.slice(1))) {
      const kind = dropped.get(ref.slice(1));
      if (kind) return { display: withheldLabel(kind) };
      // A contained Patient or RelatedPerson removed: the reference keeps only what it says.
      const rest = { ...reference };
      delete rest.reference;
      return rest;
    }
    const kind = referenceKind(reference, { ...base, organisationField: ORGANISATION_FIELDS.has(field) }, 0);
    if (!kind) return undefined;
    const person = (type !== undefined && PERSON_TYPES.has(type)) || isPersonResolved(reference, base);
    return { display: person ? withheldClinician() : withheldLabel(kind) };
  };

  const walk = (value: unknown, field: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => walk(item, field));
    if (!isObject(value)) return value;
    const replaced = isReferenceShape(value) ? replace(value, field) : undefined;
    if (replaced) return replaced;
    dropAddressExtensions(value);
    for (const [key, item] of Object.entries(value)) {
      // The patient reference is what proves whose record this is: it stays as it is.
      if (key !== 'subject' && key !== 'patient') value[key] = walk(item, key);
    }
    return value;
  };
  walk(copy, '');

  if (providerWithheld) {
    for (const participant of objects<Json>(copy.participant)) {
      if (isObject(participant.individual)) participant.individual = { display: withheldClinician() };
    }
  }
  if (vaccinatorWithheld && Array.isArray(original.performer) && Array.isArray(copy.performer)) {
    // Everyone who is not an organisation may be a person who works there.
    original.performer.forEach((performer: unknown, index: number) => {
      const actor = isObject(performer) ? performer.actor : undefined;
      const kept = copy.performer as unknown[];
      if (!isObject(actor) || !isObject(kept[index]) || withheldHere(actor)) return;
      const resolved = resolveReference(actor, base.resolve, base.container);
      if (referenceType(actor) === 'Organization' || resolved?.resourceType === 'Organization') return;
      (kept[index] as Json).actor = { display: withheldClinician() };
    });
  }
  return copy as T;
}

function isPersonResolved(reference: Json, context: Context): boolean {
  const resolved = resolveReference(reference, context.resolve, context.container);
  return resolved !== undefined && PERSON_TYPES.has(resolved.resourceType);
}
