/**
 * Immunisations (FHIR Immunization) as list entries, and the list's order: newest first, the doses
 * of one vaccine together under it.
 *
 * Status: `completed` → Given; `not-done` → Not given, with its reason (`statusReason`), and never
 * shown as given; `entered-in-error` → Entered in error (the element does not show it); anything
 * else → Status not known. The vaccine is `vaccineCode` as written (its `text` before its coding's
 * `display`: a dm+d or SNOMED CT product name, as the record holds it). Doses come from
 * `protocolApplied` (`Dose 2 of 3`, the series, the diseases it protects against).
 *
 * Who gave it (provenance): the first performer that is, or works for, an organisation; else the
 * organisation managing the location; else a performer's `display` that is not a person. For a
 * restricted patient a GP practice or pharmacy is the kind of setting alone, and a location is
 * never shown nor followed (`Location (withheld: restricted record)` stands for it).
 */
import type { Immunization, Location, Reference } from 'fhir/r4';
import { formatCodeableConcept } from '../format/codes.js';
import { describeDate, type DateOptions, type FormattedDate } from '../format/dates.js';
import { formatQuantity } from '../format/quantity.js';
import {
  doseOf,
  immunisationEnteredInError,
  immunisationGiven,
  immunisationNotGiven,
  immunisationStatusNotKnown,
  notKnown,
} from '../format/strings.js';
import { isObject, num, objects, text, token } from '../format/values.js';
import {
  organisationOf,
  pointsAtPerson,
  resolveReference,
  type Provenance,
  type Resolve,
} from './provenance.js';
import {
  withheldKindOf,
  withheldProvenance,
  withholdingOption,
  type Withholding,
} from './restricted-record.js';

export type ImmunisationStatus = 'given' | 'not-given' | 'entered-in-error' | 'unknown';

/** One `protocolApplied`: which dose of which course. */
export interface ImmunisationDose {
  /** `Dose 2 of 3`, `Dose 2`, or a dose written in words (`Booster`) as written. */
  label?: string;
  /** The dose number, when it is one. */
  number?: number;
  /** The course or schedule (`series`), as written. */
  series?: string;
  /** The diseases it protects against (`targetDisease`). */
  targetDiseases: string[];
}

export interface ImmunisationEntry {
  id: string;
  /** The vaccine as the record names it; `Not known` when it names none. */
  vaccine: string;
  /** What makes two entries the same vaccine: its first code (`system|code`), else its name. */
  vaccineKey?: string;
  /**
   * What makes two entries doses of one course whatever the brand (M-M-RVAXPRO then Priorix): the
   * diseases it protects against with the course's length and name. Absent without target diseases.
   */
  courseKey?: string;
  status: ImmunisationStatus;
  /** `Given`, `Not given`, `Entered in error`, `Status not known`. */
  statusLabel: string;
  /** Why it was not given (`statusReason`), for `not-done`. */
  statusReason?: string;
  /** When it was given (or not given); date only. */
  date?: FormattedDate;
  /** The date as shown: `05-Jan-2024`, a date written in words as written (`January 2012`), or `Not known`. */
  dateDisplay: string;
  doses: ImmunisationDose[];
  route?: string;
  site?: string;
  /** Batch (`lotNumber`) and its expiry. */
  batch?: string;
  expiry?: FormattedDate;
  /** The amount given (`doseQuantity`): `0.5 ml`. */
  amount?: string;
  manufacturer?: string;
  /** The dose was less than a full one (`isSubpotent`). */
  subpotent: boolean;
  /** Reported rather than recorded by whoever gave it (`primarySource: false`): where from (`reportOrigin`). */
  reportedFrom?: string;
  /** The organisation that gave it. */
  givenBy?: Provenance;
  /** Where it was given; never for a restricted patient. */
  location?: string;
  /** `date`'s sort key; absent when the date is not known. */
  sortKey?: number;
  missing: string[];
}

export interface ImmunisationEntryOptions extends DateOptions {
  /** Looks up the performers' organisations and the location (with its managing organisation). */
  resolve?: Resolve;
  /** A restricted patient's `withholdingFor(patient)`: GP practices, pharmacies and locations withheld. */
  withholding?: Withholding;
  /** A restricted patient whose withholding is not to hand. */
  restricted?: boolean;
}

const STATUSES: Record<ImmunisationStatus, () => string> = {
  given: immunisationGiven,
  'not-given': immunisationNotGiven,
  'entered-in-error': immunisationEnteredInError,
  unknown: immunisationStatusNotKnown,
};

function statusOf(value: unknown): ImmunisationStatus {
  switch (value) {
    case 'completed':
      return 'given';
    case 'not-done':
      return 'not-given';
    case 'entered-in-error':
      return 'entered-in-error';
    default:
      return 'unknown';
  }
}

/** A whole number of at least 1 (`doseNumberPositiveInt`), else `undefined`. */
function positive(value: unknown): number | undefined {
  const n = num(value);
  return n !== undefined && Number.isInteger(n) && n >= 1 ? n : undefined;
}

function doseOfProtocol(protocol: Record<string, unknown>): ImmunisationDose {
  const number = positive(protocol.doseNumberPositiveInt);
  const doses = positive(protocol.seriesDosesPositiveInt);
  const dosesText = doses !== undefined ? String(doses) : text(protocol.seriesDosesString);
  // A number written as a string still reads as a number (`doseNumberString: "2"`).
  const written = text(protocol.doseNumberString);
  const asNumber = number ?? (written && /^\d+$/.test(written) ? positive(written) : undefined);
  const label = asNumber !== undefined ? doseOf(String(asNumber), dosesText) : written;
  const series = text(protocol.series);
  const targetDiseases = objects(protocol.targetDisease)
    .map((concept) => formatCodeableConcept(concept))
    .filter((disease): disease is string => disease !== undefined);
  return {
    ...(label ? { label } : {}),
    ...(asNumber !== undefined ? { number: asNumber } : {}),
    ...(series ? { series } : {}),
    targetDiseases,
  };
}

/** `system|code` of the concept's first coding with a code, else its name folded; `undefined` when neither. */
function vaccineKeyOf(concept: unknown, name: string | undefined): string | undefined {
  const coding = isObject(concept)
    ? objects<Record<string, unknown>>(concept.coding).find((c) => token(c.code) !== undefined)
    : undefined;
  if (coding) return `code|${token(coding.system) ?? ''}|${token(coding.code)}`;
  return name ? `name|${name.toLocaleLowerCase('en-GB').replace(/\s+/g, ' ')}` : undefined;
}

/** The diseases of every `protocolApplied` (codes, else names), with the course's length and name. */
function courseKeyOf(protocols: Record<string, unknown>[]): string | undefined {
  const diseases = new Set<string>();
  for (const protocol of protocols) {
    for (const concept of objects<Record<string, unknown>>(protocol.targetDisease)) {
      const coding = objects<Record<string, unknown>>(concept.coding).find(
        (c) => token(c.code) !== undefined,
      );
      const name = coding ? `${token(coding.system) ?? ''}|${token(coding.code)}` : text(concept.text);
      if (name) diseases.add(name);
    }
  }
  if (diseases.size === 0) return undefined;
  const [first] = protocols;
  const length = text(first.seriesDosesString) ?? String(num(first.seriesDosesPositiveInt) ?? '');
  return ['course', [...diseases].sort().join(','), length, text(first.series) ?? ''].join('#');
}

/** The Location the entry points at (contained or resolved), when it is one. */
function locationResource(reference: unknown, resolve: Resolve | undefined, container: unknown) {
  const resolved = resolveReference(reference, resolve, container);
  return resolved?.resourceType === 'Location' ? (resolved as Location) : undefined;
}

/** Who gave it: a performer organisation, else the location's organisation, else a performer that is not a person. */
function givenByOf(
  immunization: Immunization,
  resolve: Resolve | undefined,
  withholding: Withholding | undefined,
): Provenance | undefined {
  const actors = objects<Record<string, unknown>>(immunization.performer)
    .map((performer) => performer.actor)
    .filter(isObject);
  for (const actor of actors) {
    // A restricted record says the kind of setting (and nothing else) for a withheld one.
    const withheld = withheldKindOf(actor, withholding, { resolve, container: immunization });
    if (withheld) return withheldProvenance(withheld);
    const organisation = organisationOf(actor, resolve, immunization);
    if (organisation) return organisation;
  }
  const location = isObject(immunization.location) ? immunization.location : undefined;
  if (location) {
    // A location says where the patient was: for a restricted record it is neither shown nor followed.
    if (withholding) return withheldProvenance('location');
    // Contained resources refer to each other within the Immunization that holds them.
    const managing = locationResource(location, resolve, immunization)?.managingOrganization;
    const organisation = organisationOf(managing, resolve, immunization);
    if (organisation) return organisation;
  }
  const other = actors.find((actor) => !pointsAtPerson(actor));
  const display = text(other?.display);
  return other && display ? { reference: other as Reference, name: display, display } : undefined;
}

function locationOf(immunization: Immunization, resolve: Resolve | undefined): string | undefined {
  const reference = isObject(immunization.location) ? immunization.location : undefined;
  if (!reference) return undefined;
  const location = locationResource(reference, resolve, immunization);
  return text(location?.name) ?? text(reference.display) ?? text(location?.description);
}

/** One immunisation as the list shows it. Never throws: what is missing is listed in `missing`. */
export function immunisationEntry(
  immunization: Immunization,
  options: ImmunisationEntryOptions = {},
): ImmunisationEntry {
  const i: Immunization = isObject(immunization)
    ? immunization
    : ({ resourceType: 'Immunization' } as Immunization);
  const dateOptions: DateOptions = options.timeZone ? { timeZone: options.timeZone } : {};
  const withholding = withholdingOption(options);
  const missing: string[] = [];

  const written = formatCodeableConcept(i.vaccineCode);
  if (!written) missing.push('vaccine');
  const vaccineKey = vaccineKeyOf(i.vaccineCode, written);
  const protocols = objects<Record<string, unknown>>(i.protocolApplied);
  const courseKey = courseKeyOf(protocols);

  const status = statusOf(i.status);
  const statusReason = status === 'not-given' ? formatCodeableConcept(i.statusReason) : undefined;
  if (status === 'not-given' && !statusReason) missing.push('statusReason');

  const date = describeDate(i.occurrenceDateTime, { ...dateOptions, withTime: false });
  const dateWritten = date ? undefined : text(i.occurrenceString);
  if (!date && !dateWritten) missing.push('date');

  const expiry = describeDate(i.expirationDate, { ...dateOptions, withTime: false });
  const givenBy = givenByOf(i, options.resolve, withholding);
  if (!givenBy?.display) missing.push('givenBy');
  const location = withholding ? undefined : locationOf(i, options.resolve);
  const reportedFrom =
    i.primarySource === false ? (formatCodeableConcept(i.reportOrigin) ?? notKnown()) : undefined;

  const optional = {
    route: formatCodeableConcept(i.route),
    site: formatCodeableConcept(i.site),
    batch: text(i.lotNumber),
    amount: formatQuantity(i.doseQuantity),
    manufacturer: isObject(i.manufacturer) ? text(i.manufacturer.display) : undefined,
    reportedFrom,
    location,
  };
  return {
    id: token(i.id) ?? '',
    vaccine: written ?? notKnown(),
    ...(vaccineKey ? { vaccineKey } : {}),
    ...(courseKey ? { courseKey } : {}),
    status,
    statusLabel: STATUSES[status](),
    ...(statusReason ? { statusReason } : {}),
    ...(date ? { date, sortKey: date.sortKey } : {}),
    dateDisplay: date?.display ?? dateWritten ?? notKnown(),
    doses: protocols.map(doseOfProtocol),
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    ...(expiry ? { expiry } : {}),
    subpotent: i.isSubpotent === true,
    ...(givenBy ? { givenBy } : {}),
    missing,
  };
}

// --- The list: newest first, doses of one vaccine together ---------------------------------------

/** What the list orders: an entry and whatever the element keeps beside it. */
export interface ImmunisationItem {
  key: string;
  entry: ImmunisationEntry;
}

/**
 * One vaccine in the list: its doses, in the order given. A vaccine given once is a group of one
 * (the element shows it as a plain row).
 */
export interface ImmunisationGroup<T extends ImmunisationItem> {
  key: string;
  /** The vaccine as the latest dose names it. */
  vaccine: string;
  /** Oldest first: dose 1 before dose 2; undated last. */
  items: T[];
  /** The sort key of its latest dose (undefined when none is dated). */
  latest?: number;
}

const byDate = (a: ImmunisationEntry, b: ImmunisationEntry) =>
  (a.sortKey ?? Infinity) - (b.sortKey ?? Infinity) ||
  (a.doses[0]?.number ?? Infinity) - (b.doses[0]?.number ?? Infinity);

/**
 * The list's order: one group per vaccine, newest first by its latest dose (undated last, ties by
 * name), the doses inside in the order given (by date, then dose number). Entries are one vaccine
 * when they share a product code (else a name), or are doses of one course (the same diseases,
 * course length and name: MMR dose 1 of M-M-RVAXPRO and dose 2 of Priorix); an unnamed vaccine
 * with no course stands alone.
 */
export function immunisationGroups<T extends ImmunisationItem>(items: readonly T[]): ImmunisationGroup<T>[] {
  // Union-find over the keys entries share: any key in common makes one group.
  const parent = new Map<string, string>();
  const root = (key: string): string => {
    const up = parent.get(key);
    if (up === undefined || up === key) return key;
    const top = root(up);
    parent.set(key, top);
    return top;
  };
  const keysOf = (item: T) => {
    const keys = [item.entry.vaccineKey, item.entry.courseKey].filter((k): k is string => !!k);
    return keys.length ? keys : [`item|${item.key}`];
  };
  for (const item of items) {
    const [first, ...rest] = keysOf(item);
    for (const key of [first, ...rest]) if (!parent.has(key)) parent.set(key, key);
    for (const key of rest) parent.set(root(key), root(first));
  }
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = root(keysOf(item)[0]);
    const members = groups.get(key);
    if (members) members.push(item);
    else groups.set(key, [item]);
  }
  return [...groups]
    .map(([key, members]): ImmunisationGroup<T> => {
      const inOrder = [...members].sort((a, b) => byDate(a.entry, b.entry));
      const dated = inOrder.filter((item) => item.entry.sortKey !== undefined);
      const last = dated[dated.length - 1] ?? inOrder[inOrder.length - 1];
      return {
        key,
        vaccine: last.entry.vaccine,
        items: inOrder,
        ...(last.entry.sortKey !== undefined ? { latest: last.entry.sortKey } : {}),
      };
    })
    .sort(
      (a, b) =>
        (b.latest ?? -Infinity) - (a.latest ?? -Infinity) || a.vaccine.localeCompare(b.vaccine, 'en-GB'),
    );
}
