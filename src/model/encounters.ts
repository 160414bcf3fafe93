/**
 * Encounter timeline entries.
 *
 * Class (v3 ActCode): IMP, ACUTE, NONAC, SS (short stay / day case) and OBSENC (observation
 * stay) → inpatient; AMB and PRENC (pre-admission clinic) → outpatient; EMER → emergency;
 * FLD → community; HH → home; VR → virtual; anything else → other.
 * Status: planned → planned; arrived, triaged, in-progress, onleave → in-progress; finished;
 * cancelled; entered-in-error and unknown → other. The label keeps the FHIR word (`Triaged`).
 */
import type {
  Encounter,
  HumanName,
  Location,
  Practitioner,
  PractitionerRole,
  Reference,
  Resource,
} from 'fhir/r4';
import { codeOf, formatCodeableConcept } from '../format/codes.js';
import {
  describeParsedDate,
  parseFhirDate,
  type DateOptions,
  type FormattedDate,
  type ParsedDate,
} from '../format/dates.js';
import { formatHumanName } from '../format/names.js';
import {
  classCommunity,
  classEmergency,
  classHome,
  classInpatient,
  classOther,
  classOutpatient,
  classVirtual,
  encounterArrived,
  encounterCancelled,
  encounterEnteredInError,
  encounterFinished,
  encounterInProgress,
  encounterOnLeave,
  encounterPlanned,
  encounterTriaged,
  notKnown,
  stayDays,
  stayLessThanADay,
  withheldClinician,
} from '../format/strings.js';
import { extensionOf, isObject, objects, sharedList, text, token } from '../format/values.js';
import { organisationOf, resolveReference, type Provenance, type Resolve } from './provenance.js';
import {
  withheldKindOf,
  withheldProvenance,
  withholdingOption,
  type Withholding,
} from './restricted-record.js';

export type EncounterClass =
  'inpatient' | 'outpatient' | 'emergency' | 'community' | 'virtual' | 'home' | 'other';
export type EncounterStatus = 'planned' | 'in-progress' | 'finished' | 'cancelled' | 'other';

export interface EncounterEntry {
  id: string;
  start?: FormattedDate;
  end?: FormattedDate;
  /** Start as `05-Jan-2024 14:05` (date alone when no time was recorded), or `Not known`. */
  display: string;
  /** Inpatient stays with both ends known: `3 days`, `1 day`, `less than 1 day`. */
  lengthOfStay?: string;
  class: EncounterClass;
  classLabel: string;
  type?: string;
  reason?: string;
  /**
   * The organisation that provided it (`serviceProvider`): provenance, kept when restricted unless
   * it is withheld (a GP practice or pharmacy), when it is the neutral label and the kind alone.
   */
  organisation?: Provenance;
  /** Where it happened; left out for a restricted record. */
  location?: string;
  practitioner?: string;
  status: EncounterStatus;
  statusLabel: string;
  admissionMethod?: string;
  dischargeMethod?: string;
  /** `2024` and `2024-01`, for grouping; absent when the start is not known. */
  yearKey?: string;
  monthKey?: string;
  sortKey?: number;
  missing: readonly string[];
}

export interface EncounterEntryOptions extends DateOptions {
  /** A restricted (S-flagged) patient: nothing that says where they were goes into the model. */
  restricted?: boolean;
  /**
   * A restricted patient's `withholdingFor(patient)` (implies `restricted`): a withheld provider is
   * `{ display: 'GP practice (withheld: restricted record)', withheld }`, and the clinician who saw
   * the patient there, or the registered GP, is `Clinician (withheld: restricted record)`.
   */
  withholding?: Withholding;
}

const UK = 'https://fhir.hl7.org.uk/StructureDefinition/';
const ADMISSION_METHOD = `${UK}Extension-UKCore-AdmissionMethod`;
const DISCHARGE_METHOD = `${UK}Extension-UKCore-DischargeMethod`;

const CLASSES: Record<string, EncounterClass> = {
  IMP: 'inpatient',
  ACUTE: 'inpatient',
  NONAC: 'inpatient',
  SS: 'inpatient',
  OBSENC: 'inpatient',
  AMB: 'outpatient',
  PRENC: 'outpatient',
  EMER: 'emergency',
  FLD: 'community',
  HH: 'home',
  VR: 'virtual',
};

const CLASS_LABELS: Record<EncounterClass, () => string> = {
  inpatient: classInpatient,
  outpatient: classOutpatient,
  emergency: classEmergency,
  community: classCommunity,
  virtual: classVirtual,
  home: classHome,
  other: classOther,
};

function statusOf(value: unknown): { status: EncounterStatus; statusLabel: string } {
  switch (value) {
    case 'planned':
      return { status: 'planned', statusLabel: encounterPlanned() };
    case 'arrived':
      return { status: 'in-progress', statusLabel: encounterArrived() };
    case 'triaged':
      return { status: 'in-progress', statusLabel: encounterTriaged() };
    case 'in-progress':
      return { status: 'in-progress', statusLabel: encounterInProgress() };
    case 'onleave':
      return { status: 'in-progress', statusLabel: encounterOnLeave() };
    case 'finished':
      return { status: 'finished', statusLabel: encounterFinished() };
    case 'cancelled':
      return { status: 'cancelled', statusLabel: encounterCancelled() };
    case 'entered-in-error':
      return { status: 'other', statusLabel: encounterEnteredInError() };
    default:
      return { status: 'other', statusLabel: notKnown() };
  }
}

/** Whole calendar days between the start and end dates (nights in hospital). */
function lengthOfStay(from: ParsedDate | undefined, to: ParsedDate | undefined): string | undefined {
  if (!from?.day || !to?.day) return undefined;
  const days = Math.round(
    (Date.UTC(to.year, (to.month ?? 1) - 1, to.day) - Date.UTC(from.year, (from.month ?? 1) - 1, from.day)) /
      86_400_000,
  );
  if (days < 0) return undefined;
  return days === 0 ? stayLessThanADay() : stayDays(days);
}

function extensionText(encounter: Encounter, url: string): string | undefined {
  const hospitalization = isObject(encounter.hospitalization) ? encounter.hospitalization : undefined;
  // UK Core puts these on the Encounter or under `hospitalization`; both are seen in examples.
  const extension = extensionOf(encounter, url) ?? extensionOf(hospitalization, url);
  return formatCodeableConcept(extension?.valueCodeableConcept);
}

/**
 * The display name of each Practitioner or RelatedPerson met, per resource: a record refers to a
 * few dozen people from thousands of encounters. Kept with the `name` it was made from, and only
 * when no name has an end date (otherwise the answer depends on the clock and is worked out each
 * time). A WeakMap, so it goes with the resources.
 */
const personNames = new WeakMap<Resource, { names: unknown; display: string | undefined }>();

function personName(person: Resource): string | undefined {
  const names = (person as Practitioner).name;
  const cached = personNames.get(person);
  if (cached && cached.names === names) return cached.display;
  const display = formatHumanName(names);
  const timeless = objects<HumanName>(names).every((n) => !isObject(n.period) || n.period.end === undefined);
  if (timeless) personNames.set(person, { names, display });
  return display;
}

/**
 * The clinician who saw the patient. For a restricted record a name that would say which practice
 * or pharmacy the patient uses (the registered GP, anyone seen at a withheld provider, a role there)
 * is `Clinician (withheld: restricted record)`.
 */
function practitionerOf(
  encounter: Encounter,
  resolve: Resolve | undefined,
  withholding: Withholding | undefined,
  providerWithheld: boolean,
): string | undefined {
  const participants = objects<Record<string, unknown>>(encounter.participant).filter((p) =>
    isObject(p.individual),
  );
  // Attender or primary performer first; otherwise whoever is listed first.
  const chosen = participants.find((p) => ['ATND', 'PPRF'].includes(codeOf(p.type) ?? '')) ?? participants[0];
  if (!chosen) return undefined;
  const reference = chosen.individual as Reference;
  if (providerWithheld || withheldKindOf(reference, withholding, { resolve, container: encounter }))
    return withheldClinician();
  const resolved = resolveReference(reference, resolve, encounter);
  if (resolved?.resourceType === 'Practitioner' || resolved?.resourceType === 'RelatedPerson') {
    const name = personName(resolved);
    if (name) return name;
  }
  if (resolved?.resourceType === 'PractitionerRole') {
    const role = resolved as PractitionerRole;
    const practitioner = resolveReference(role.practitioner, resolve, role);
    const name = practitioner ? personName(practitioner) : text(role.practitioner?.display);
    if (name) return name;
  }
  return text(reference.display);
}

function locationOf(encounter: Encounter, resolve: Resolve | undefined): string | undefined {
  const first = objects<Record<string, unknown>>(encounter.location).find((l) => isObject(l.location));
  if (!first) return undefined;
  const reference = first.location as Reference;
  const resolved = resolveReference(reference, resolve, encounter);
  const location = resolved?.resourceType === 'Location' ? (resolved as Location) : undefined;
  return text(reference.display) ?? text(location?.name) ?? text(location?.description);
}

/** One timeline entry. `resolve` looks up Organization, Location and Practitioner references. */
export function encounterEntry(
  encounter: Encounter,
  resolve?: Resolve,
  options: EncounterEntryOptions = {},
): EncounterEntry {
  const e: Encounter = isObject(encounter) ? encounter : ({ resourceType: 'Encounter' } as Encounter);
  const dateOptions: DateOptions = options.timeZone ? { timeZone: options.timeZone } : {};
  const missing: string[] = [];
  const period = isObject(e.period) ? e.period : {};

  // Each date is read once: the display, the length of stay and the grouping keys share it.
  const startParts = parseFhirDate(period.start, dateOptions);
  const endParts = parseFhirDate(period.end, dateOptions);
  const start = describeParsedDate(period.start, startParts);
  const end = describeParsedDate(period.end, endParts);
  if (!start) missing.push('start');

  const classCode = isObject(e.class) ? text(e.class.code)?.toUpperCase() : undefined;
  const encounterClass = (classCode && CLASSES[classCode]) || 'other';
  if (!classCode) missing.push('class');

  const type = objects(e.type)
    .map((t) => formatCodeableConcept(t))
    .find(Boolean);
  const reason =
    objects(e.reasonCode)
      .map((r) => formatCodeableConcept(r))
      .find(Boolean) ??
    objects<Reference>(e.reasonReference)
      .map((r) => text(r.display))
      .find(Boolean);
  if (!type) missing.push('type');

  const withholding = withholdingOption(options);
  const withheld = withheldKindOf(e.serviceProvider, withholding, { resolve, container: e });
  const organisation = withheld
    ? withheldProvenance(withheld)
    : organisationOf(e.serviceProvider, resolve, e);
  if (!organisation?.display) missing.push('organisation');

  const location = withholding ? undefined : locationOf(e, resolve);
  const practitioner = practitionerOf(e, resolve, withholding, withheld !== undefined);
  const { status, statusLabel } = statusOf(e.status);
  const admissionMethod = extensionText(e, ADMISSION_METHOD);
  const dischargeMethod = extensionText(e, DISCHARGE_METHOD);
  const stay = encounterClass === 'inpatient' ? lengthOfStay(startParts, endParts) : undefined;

  const yearKey = startParts ? String(startParts.year).padStart(4, '0') : undefined;
  const monthKey =
    startParts?.month !== undefined ? `${yearKey}-${String(startParts.month).padStart(2, '0')}` : undefined;

  return {
    id: token(e.id) ?? '',
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
    display: start?.display ?? notKnown(),
    ...(stay ? { lengthOfStay: stay } : {}),
    class: encounterClass,
    classLabel: CLASS_LABELS[encounterClass](),
    ...(type ? { type } : {}),
    ...(reason ? { reason } : {}),
    ...(organisation ? { organisation } : {}),
    ...(location ? { location } : {}),
    ...(practitioner ? { practitioner } : {}),
    status,
    statusLabel,
    ...(admissionMethod ? { admissionMethod } : {}),
    ...(dischargeMethod ? { dischargeMethod } : {}),
    ...(yearKey ? { yearKey } : {}),
    ...(monthKey ? { monthKey } : {}),
    ...(start ? { sortKey: start.sortKey } : {}),
    missing: sharedList(missing),
  };
}

/** Newest first; entries with no start date last. */
export function sortEncounterEntries(entries: readonly EncounterEntry[]): EncounterEntry[] {
  return entries
    .filter(isObject)
    .sort((a, b) => (b.sortKey ?? -Infinity) - (a.sortKey ?? -Infinity) || a.id.localeCompare(b.id));
}
