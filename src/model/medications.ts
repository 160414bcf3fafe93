/**
 * CUI medication lines from MedicationRequest and MedicationStatement, in one list with two views.
 *
 * Status words (CUI: Started / Not Started / Suspended for current; Completed / Discontinued for
 * past). MedicationRequest: `active` → Started (Not Started while its start date is still to
 * come), `draft` → Not Started, `on-hold` → Suspended, `completed` → Completed, `stopped` and
 * `cancelled` → Discontinued. MedicationStatement: `active` → Started, `intended` → Not Started,
 * `on-hold` → Suspended, `completed` → Completed, `stopped` and `not-taken` → Discontinued.
 * An `active` line whose end date has passed is Past, still labelled with the source's word and why
 * it is there (`Active; end date 15-May-2021 passed`): the record never said it was completed.
 * `entered-in-error` → Past, `Entered in error` (the element decides whether to show it at all).
 * `unknown` or no status → `Not known`, Past if its end date has passed, else Current.
 */
import type { Dosage, Medication, MedicationRequest, MedicationStatement, Reference } from 'fhir/r4';
import { codeOf, formatCodeableConcept } from '../format/codes.js';
import {
  describeDate,
  parseFhirDate,
  sortKeyOf,
  type DateOptions,
  type FormattedDate,
} from '../format/dates.js';
import { formatDosage } from '../format/dosage.js';
import { formatQuantity, formatRatio } from '../format/quantity.js';
import type { PatientDeath } from './death.js';
import { genericCase, medicineName, productCode, type MedicineNameKind } from './medicine-names.js';
import {
  courseAcute,
  courseRepeat,
  courseRepeatDispensing,
  medCompleted,
  medDiscontinued,
  medActiveEnded,
  medEnteredInError,
  prescribedAnotherOrganisation,
  prescribedPreviousPractice,
  medNotStarted,
  medStarted,
  medSuspended,
  notKnown,
} from '../format/strings.js';
import { extensionOf, isObject, num, objects, sharedList, text, token } from '../format/values.js';
import { resolveReference, type Provenance, type Resolve } from './provenance.js';
import { recordedBy } from './recorded-by.js';
import { withholdingOption, type Withholding } from './restricted-record.js';

export type MedicationView = 'current' | 'past';
export type MedicationStatus =
  | 'started'
  | 'not-started'
  | 'suspended'
  | 'completed'
  | 'discontinued'
  | 'ended'
  | 'entered-in-error'
  | 'unknown';
/** GP data: a medicine the practice records but did not prescribe (GP Connect prescribing agency). */
export type PrescribedElsewhere = 'another-organisation' | 'previous-practice';
export type CourseOfTherapy = 'acute' | 'repeat' | 'repeat-dispensing';

export interface MedicationRepeat {
  /** Issues made against this authorisation (`numberOfPrescriptionsIssued`). */
  issued?: number;
  /** `dispenseRequest.numberOfRepeatsAllowed` as sent. */
  allowed?: number;
  /** When the authorisation is to be reviewed (`authorisationExpiryDate`). */
  reviewDate?: FormattedDate;
}

export interface MedicationLine {
  id: string;
  resourceType: 'MedicationRequest' | 'MedicationStatement';
  /**
   * Drug name (MEDi-001/002): a generic product in lower case, a brand in upper case, a name the
   * record does not classify as written; `Not known` if the data names no drug.
   */
  name: string;
  nameKind: MedicineNameKind;
  /** Its SNOMED CT / dm+d (or other) code, when coded: the same code is the same product. */
  productCode?: string;
  /** Brand (trade family) in upper case, when the data gives one and the name does not say it. */
  brand?: string;
  /** Only when the name does not already say it (dm+d names usually do). */
  strength?: string;
  form?: string;
  /** The dosage instruction; `Not known` when there is none. */
  dose: string;
  status: MedicationStatus;
  /** `Started`, `Not Started`, `Suspended`, `Completed`, `Discontinued`, `Active; end date … passed`, ... */
  statusLabel: string;
  view: MedicationView;
  startDate?: FormattedDate;
  endDate?: FormattedDate;
  course?: CourseOfTherapy;
  /** `Acute`, `Repeat`, `Repeat dispensing`. */
  courseLabel?: string;
  repeat?: MedicationRepeat;
  lastIssued?: FormattedDate;
  prescribedElsewhere?: PrescribedElsewhere;
  /** `Prescribed elsewhere`, `Prescribed at a previous practice`. */
  prescribedElsewhereLabel?: string;
  /** The organisation that recorded it (or the reference to follow to find it). */
  recordedBy?: Provenance;
  /** Current: start date; past: end date, else start date. Absent when neither is known. */
  sortKey?: number;
  missing: readonly string[];
}

export interface MedicationLineOptions extends DateOptions {
  /** Decides whether an end date has passed; default now. */
  now?: Date;
  /** Resolves the organisation behind requester / recorder / informationSource references. */
  resolve?: Resolve;
  /**
   * A restricted (S-flagged) patient's `withholdingFor(patient)`: a GP practice or pharmacy that
   * recorded the line is given as `{ display: 'GP practice (withheld: restricted record)', withheld }`,
   * with no name, ODS code or reference.
   */
  withholding?: Withholding;
  /** A restricted patient whose withholding is not to hand: GP practices and pharmacies are still withheld. */
  restricted?: boolean;
  /**
   * The patient's death (`patientDeath`): the line is read as at the date of death (what was
   * current then stays Current), and a review date after death is not shown as if it were due.
   */
  death?: PatientDeath;
}

const UK = 'https://fhir.hl7.org.uk/StructureDefinition/';
const REPEAT_INFORMATION = `${UK}Extension-UKCore-MedicationRepeatInformation`;
const LAST_ISSUE_DATE = `${UK}Extension-UKCore-MedicationStatementLastIssueDate`;
const TRADE_FAMILY = `${UK}Extension-UKCore-MedicationTradeFamily`;
// The extension's canonical URL and the URL its definition fixes differ; both are seen.
const STATEMENT_COURSE = [
  `${UK}Extension-UKCore-MedicationCourseOfTherapyType`,
  `${UK}Extension-UKCore-CourseOfTherapyType`,
];

const squash = (value: string) => value.replace(/\s+/g, '').toLowerCase();

function medicationOf(
  resource: MedicationRequest | MedicationStatement,
  resolveMedication: ((reference: Reference) => Medication | undefined) | undefined,
): { concept?: unknown; medication?: Medication; referenceDisplay?: string } {
  if (isObject(resource.medicationCodeableConcept)) return { concept: resource.medicationCodeableConcept };
  const reference = isObject(resource.medicationReference) ? resource.medicationReference : undefined;
  if (!reference) return {};
  const resolved = resolveReference(reference, resolveMedication, resource);
  const medication = resolved?.resourceType === 'Medication' ? (resolved as Medication) : undefined;
  return { concept: medication?.code, medication, referenceDisplay: text(reference.display) };
}

function productOf(
  resource: MedicationRequest | MedicationStatement,
  resolveMedication: ((reference: Reference) => Medication | undefined) | undefined,
): Pick<MedicationLine, 'name' | 'nameKind' | 'productCode' | 'brand' | 'strength' | 'form'> & {
  known: boolean;
} {
  const { concept, medication, referenceDisplay } = medicationOf(resource, resolveMedication);
  const written = formatCodeableConcept(concept) ?? referenceDisplay;
  const ingredients = objects<Record<string, unknown>>(medication?.ingredient);
  const { name, kind, brand } = written
    ? medicineName(written, concept, {
        tradeFamily: formatCodeableConcept(extensionOf(medication, TRADE_FAMILY)?.valueCodeableConcept),
        ingredients: ingredients
          .map((ingredient) => formatCodeableConcept(ingredient.itemCodeableConcept))
          .filter((item): item is string => !!item),
      })
    : { name: notKnown(), kind: 'as-written' as const, brand: undefined };
  const nameKey = squash(name);

  const strengths = ingredients
    .map((ingredient) => formatRatio(ingredient.strength))
    .filter((s): s is string => !!s);
  const strengthSaid = ingredients.every((ingredient) => {
    const numerator = isObject(ingredient.strength) ? ingredient.strength.numerator : undefined;
    if (!isObject(numerator)) return true;
    const value = formatQuantity({ value: numerator.value });
    return [text(numerator.code), text(numerator.unit)].some(
      (unit) => unit !== undefined && nameKey.includes(squash(`${value}${unit}`)),
    );
  });
  const strength = strengths.length > 0 && !(written && strengthSaid) ? strengths.join(' + ') : undefined;

  const formText = formatCodeableConcept(medication?.form);
  const form = formText && !nameKey.includes(squash(formText)) ? genericCase(formText) : undefined;

  const code = productCode(concept);
  return {
    name,
    nameKind: kind,
    ...(code ? { productCode: code } : {}),
    ...(brand ? { brand } : {}),
    ...(strength ? { strength } : {}),
    ...(form ? { form } : {}),
    known: written !== undefined,
  };
}

function courseOf(resource: MedicationRequest | MedicationStatement): CourseOfTherapy | undefined {
  const concept =
    resource.resourceType === 'MedicationStatement'
      ? STATEMENT_COURSE.map((url) => extensionOf(resource, url)?.valueCodeableConcept).find(isObject)
      : (resource as MedicationRequest).courseOfTherapyType;
  switch (codeOf(concept)) {
    case 'acute':
      return 'acute';
    case 'continuous':
    case 'seasonal':
      return 'repeat';
    case 'continuous-repeating-dispensing': // UK Core
    case 'continuous-repeat-dispensing': // EPS
      return 'repeat-dispensing';
    default:
      return undefined;
  }
}

const PRESCRIBING_AGENCY = /\/Extension-[\w-]*PrescribingAgency(-\d+)?$/;
const ELSEWHERE_LABELS: Record<PrescribedElsewhere, () => string> = {
  'another-organisation': prescribedAnotherOrganisation,
  'previous-practice': prescribedPreviousPractice,
};

/** GP Connect's prescribing agency (`prescribed-by-another-organisation`, `prescribed-by-previous-practice`). */
function prescribedElsewhereOf(
  resource: MedicationRequest | MedicationStatement,
): PrescribedElsewhere | undefined {
  const agency = objects<{ url?: unknown; valueCodeableConcept?: unknown }>(resource.extension).find(
    (extension) => PRESCRIBING_AGENCY.test(String(extension.url)),
  );
  switch (codeOf(agency?.valueCodeableConcept)) {
    case 'prescribed-by-another-organisation':
      return 'another-organisation';
    case 'prescribed-by-previous-practice':
      return 'previous-practice';
    default:
      return undefined;
  }
}

const COURSE_LABELS: Record<CourseOfTherapy, () => string> = {
  acute: courseAcute,
  repeat: courseRepeat,
  'repeat-dispensing': courseRepeatDispensing,
};

/** Repeat issues and review date; a review date after `diedAt` (any, when the date of death is not known) is left out. */
function repeatOf(
  resource: MedicationRequest | MedicationStatement,
  options: DateOptions,
  diedAt?: number,
): MedicationRepeat | undefined {
  const extension = extensionOf(resource, REPEAT_INFORMATION);
  const part = (url: string) => extensionOf(extension, url);
  const issued = num(
    part('numberOfPrescriptionsIssued')?.valueUnsignedInt ??
      part('numberOfRepeatPrescriptionsIssued')?.valueUnsignedInt,
  );
  const dispenseRequest = isObject((resource as MedicationRequest).dispenseRequest)
    ? (resource as MedicationRequest).dispenseRequest
    : undefined;
  const allowed = num(
    dispenseRequest?.numberOfRepeatsAllowed ?? part('numberOfRepeatPrescriptionsAllowed')?.valueUnsignedInt,
  );
  const reviewDue = describeDate(part('authorisationExpiryDate')?.valueDateTime, {
    ...options,
    withTime: false,
  });
  const reviewDate = diedAt !== undefined && reviewDue && reviewDue.sortKey > diedAt ? undefined : reviewDue;
  if (issued === undefined && allowed === undefined && !reviewDate) return undefined;
  return {
    ...(issued !== undefined ? { issued } : {}),
    ...(allowed !== undefined ? { allowed } : {}),
    ...(reviewDate ? { reviewDate } : {}),
  };
}

function periodOf(resource: MedicationRequest | MedicationStatement): { start?: unknown; end?: unknown } {
  if (resource.resourceType === 'MedicationStatement') {
    const statement = resource as MedicationStatement;
    const period = isObject(statement.effectivePeriod) ? statement.effectivePeriod : {};
    return { start: period.start ?? statement.effectiveDateTime, end: period.end };
  }
  const request = resource as MedicationRequest;
  const bounds = objects<Dosage>(request.dosageInstruction)
    .map((d) => (isObject(d.timing) && isObject(d.timing.repeat) ? d.timing.repeat.boundsPeriod : undefined))
    .find(isObject);
  const validity = isObject(request.dispenseRequest) ? request.dispenseRequest.validityPeriod : undefined;
  const validityPeriod = isObject(validity) ? validity : {};
  return {
    start: bounds?.start ?? validityPeriod.start ?? request.authoredOn,
    end: bounds?.end ?? validityPeriod.end,
  };
}

function statusOf(
  resource: MedicationRequest | MedicationStatement,
  start: FormattedDate | undefined,
  end: FormattedDate | undefined,
  now: number,
): { status: MedicationStatus; view: MedicationView } {
  const ended = end !== undefined && end.sortKey < now;
  switch (resource.status) {
    case 'active':
      if (ended) return { status: 'ended', view: 'past' };
      return { status: start && start.sortKey > now ? 'not-started' : 'started', view: 'current' };
    case 'draft':
    case 'intended':
      return { status: 'not-started', view: 'current' };
    case 'on-hold':
      return { status: 'suspended', view: 'current' };
    case 'completed':
      return { status: 'completed', view: 'past' };
    case 'stopped':
    case 'cancelled':
    case 'not-taken':
      return { status: 'discontinued', view: 'past' };
    case 'entered-in-error':
      return { status: 'entered-in-error', view: 'past' };
    default:
      return { status: 'unknown', view: ended ? 'past' : 'current' };
  }
}

/** Each status's words; `ended` says the source's word and why the line is Past. */
const STATUS_LABELS: Record<MedicationStatus, (endDate: string) => string> = {
  started: medStarted,
  'not-started': medNotStarted,
  suspended: medSuspended,
  completed: medCompleted,
  discontinued: medDiscontinued,
  ended: medActiveEnded,
  'entered-in-error': medEnteredInError,
  unknown: notKnown,
};

function recordedByOf(
  resource: MedicationRequest | MedicationStatement,
  resolve: Resolve | undefined,
  withholding: Withholding | undefined,
): Provenance | undefined {
  const candidates =
    resource.resourceType === 'MedicationStatement'
      ? [(resource as MedicationStatement).informationSource]
      : [
          (resource as MedicationRequest).requester,
          (resource as MedicationRequest).recorder,
          (resource as MedicationRequest).performer,
        ];
  return recordedBy(candidates, { resolve, withholding, container: resource });
}

/**
 * One CUI medication line. `resolveMedication` looks up a `medicationReference` (contained
 * Medications are found without it).
 */
export function medicationLine(
  resource: MedicationRequest | MedicationStatement,
  resolveMedication?: (reference: Reference) => Medication | undefined,
  options: MedicationLineOptions = {},
): MedicationLine {
  const r: MedicationRequest | MedicationStatement = isObject(resource)
    ? resource
    : ({ resourceType: 'MedicationRequest' } as MedicationRequest);
  const dateOptions: DateOptions = options.timeZone ? { timeZone: options.timeZone } : {};
  const missing: string[] = [];
  const resourceType = r.resourceType === 'MedicationStatement' ? 'MedicationStatement' : 'MedicationRequest';

  const { known, ...product } = productOf(r, resolveMedication);
  if (!known) missing.push('name');

  const dosage = formatDosage(
    resourceType === 'MedicationStatement'
      ? (r as MedicationStatement).dosage
      : (r as MedicationRequest).dosageInstruction,
  );
  if (!dosage) missing.push('dose');

  const period = periodOf(r);
  const startDate = describeDate(period.start, { ...dateOptions, withTime: false });
  const endDate = describeDate(period.end, { ...dateOptions, withTime: false });
  if (!startDate) missing.push('startDate');

  const nowDate = parseFhirDate(options.now ?? new Date(), dateOptions);
  const nowKey = nowDate ? sortKeyOf(nowDate) : Date.now();
  const diedAt = options.death ? (options.death.date?.sortKey ?? -Infinity) : undefined;
  const { status, view } = statusOf(r, startDate, endDate, Math.min(nowKey, diedAt ?? Infinity));
  if (view === 'past' && !endDate) missing.push('endDate');

  const course = courseOf(r);
  const repeat = repeatOf(r, dateOptions, diedAt);
  const lastIssued = describeDate(extensionOf(r, LAST_ISSUE_DATE)?.valueDateTime, {
    ...dateOptions,
    withTime: false,
  });
  const prescribedElsewhere = prescribedElsewhereOf(r);
  const recordedBy = recordedByOf(r, options.resolve, withholdingOption(options));
  if (!recordedBy?.display) missing.push('recordedBy');

  const sortKey = view === 'current' ? startDate?.sortKey : (endDate ?? startDate)?.sortKey;
  return {
    id: token(r.id) ?? '',
    resourceType,
    ...product,
    dose: dosage ?? notKnown(),
    status,
    statusLabel: STATUS_LABELS[status](endDate?.display ?? ''),
    view,
    ...(startDate ? { startDate } : {}),
    ...(endDate ? { endDate } : {}),
    ...(course ? { course, courseLabel: COURSE_LABELS[course]() } : {}),
    ...(repeat ? { repeat } : {}),
    ...(lastIssued ? { lastIssued } : {}),
    ...(prescribedElsewhere
      ? { prescribedElsewhere, prescribedElsewhereLabel: ELSEWHERE_LABELS[prescribedElsewhere]() }
      : {}),
    ...(recordedBy ? { recordedBy } : {}),
    ...(sortKey !== undefined ? { sortKey } : {}),
    missing: sharedList(missing),
  };
}

/**
 * The lines of one view in CUI order: Current by start date, newest first (MEDv-099); Past by end
 * date (or start date when it has none), newest first (MEDv-100). Lines with no date go last;
 * ties are ordered by name.
 */
export function sortMedicationLines(
  lines: readonly MedicationLine[],
  view: MedicationView,
): MedicationLine[] {
  return lines.filter((line) => isObject(line) && line.view === view).sort(compareMedicationLines);
}

/** Newest first by `sortKey`, undated last, then by name. */
export function compareMedicationLines(a: MedicationLine, b: MedicationLine): number {
  return (b.sortKey ?? -Infinity) - (a.sortKey ?? -Infinity) || a.name.localeCompare(b.name, 'en-GB');
}
