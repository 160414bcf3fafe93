/**
 * The problem list: Conditions as GP problems, encounter diagnoses and conditions the record does
 * not classify, each in an Active or a Past view.
 *
 * - Kind (`Condition.category`): `problem-list-item` or SNOMED CT 55607006 |Problem| → problem;
 *   `encounter-diagnosis` or SNOMED CT 439401001 |Diagnosis| → encounter diagnosis (a condition
 *   marked as both is a problem); any other category, or none → other, with its category's words.
 * - View (`clinicalStatus`): active, recurrence, relapse → Active; inactive, remission, resolved →
 *   Past. No status (or one not known): Past when the record gives an end (`abatement[x]`) that
 *   has passed, else Active; the row says `Status not known`.
 * - Verification: said in words when not confirmed (Unconfirmed, Provisional, Differential); a
 *   refuted or entered-in-error condition was never true and is not shown at all.
 * - Significance, as GP systems mark their problems major or minor: UK Core
 *   `Extension-UKCore-ProblemSignificance` or GP Connect `Extension-CareConnect-ProblemSignificance-1`
 *   (also as `…-GPC-ProblemSignificance-1`), `valueCode` `major` / `minor` or a coding or text saying so.
 * - Onset and end as the record gives them (partial dates kept, ages, words).
 * - Recorded by: the organisation behind the recorder or asserter, else the provider of the
 *   encounter the condition came from; for a restricted record a withheld setting by its kind only.
 * - Order within a group: major problems first, then newest first (Active by onset, else the date
 *   recorded; Past by end, else onset, else recorded), undated last, then by name.
 *
 * GP Connect's STU3 shapes are read too where they differ only in form (`clinicalStatus` as a code,
 * `assertedDate`, `context`, `abatementBoolean`), so a record converted in part still reads right.
 */
import type { Condition, Encounter, Reference } from 'fhir/r4';
import { msg } from '@lit/localize';
import { codeOf, formatClinicalTerm, hasCoding } from '../format/codes.js';
import {
  describeDate,
  parseFhirDate,
  sortKeyOf,
  type DateOptions,
  type FormattedDate,
} from '../format/dates.js';
import { notKnown } from '../format/strings.js';
import { isObject, objects, text, token } from '../format/values.js';
import { clinicalTime } from './clinical-time.js';
import { encounterEntry } from './encounters.js';
import { resolveReference, type Provenance, type Resolve } from './provenance.js';
import { recordedBy } from './recorded-by.js';
import { withheldCopy, withholdingOption, type Withholding } from './restricted-record.js';
import { dateKey, settledRows, type StreamEdge } from './streams.js';

export type ProblemView = 'active' | 'past';
/** A GP problem-list item, an encounter diagnosis, or a condition the record does not classify. */
export type ProblemKind = 'problem' | 'diagnosis' | 'other';
export type ProblemSignificance = 'major' | 'minor';
export type ProblemStatus =
  'active' | 'recurrence' | 'relapse' | 'inactive' | 'remission' | 'resolved' | 'unknown';

/** The encounter a condition came from, as the row names it. */
export interface ProblemEncounter {
  /** `11-Mar-2013, Inpatient, Seen in hospital ward`; else what the reference says; else `Details not available`. */
  display: string;
  /** Its providing organisation (withheld by kind for a restricted record). */
  organisation?: Provenance;
}

export interface ProblemEntry {
  id: string;
  /** Unique in the list and the same on every page: the id, else the position read. */
  key: string;
  /** `CodeableConcept.text` as written, else the coding's display without its semantic tag; `Not known`. */
  name: string;
  nameKnown: boolean;
  kind: ProblemKind;
  /** The category's words for a condition of another kind (`Health concern`). */
  categoryLabel?: string;
  view: ProblemView;
  status: ProblemStatus;
  /** `Active`, `Recurrence`, `Relapse`, `Inactive`, `In remission`, `Resolved`, `Status not known`. */
  statusLabel: string;
  /** `Unconfirmed`, `Provisional`, `Differential`: only when the record says it is not confirmed. */
  verification?: string;
  significance?: ProblemSignificance;
  /** `Major`, `Minor`. */
  significanceLabel?: string;
  severity?: string;
  bodySite?: string;
  /** When it began: a date to its precision (`1956`, `Mar-1956`), an age, or the record's words. */
  onset?: string;
  /** When it ended (abatement), likewise; `Date not known` when the record says only that it ended. */
  ended?: string;
  recorded?: FormattedDate;
  recordedBy?: Provenance;
  encounter?: ProblemEncounter;
  /** The date the search sorts by (`recordedDate`), as a key: rows are shown once no later page can come before them. */
  date?: number;
  /** What the row is ordered by in its view, newest first. */
  sortKey?: number;
  /** The name, lower case, for the filter. */
  search: string;
  /** What is kept and handed to `care-select`: for a restricted record, a withheld copy. */
  resource: Condition;
}

export interface ProblemEntryOptions extends DateOptions {
  /** Looks up what the condition's references led to (recorder, asserter, encounter, its provider). */
  resolve?: Resolve;
  /** A restricted patient's `withholdingFor(patient)`. */
  withholding?: Withholding;
  /** A restricted patient whose withholding is not to hand: GP practices and pharmacies are still withheld. */
  restricted?: boolean;
  /** Decides whether an end date has passed; default now. */
  now?: Date;
  /** Its place in the list, for the key of a condition with no id. */
  position?: number;
}

const SNOMED = 'http://snomed.info/sct';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
/** UK Core (retired, still sent) and GP Connect; GP Connect's own name for it is seen in the wild too. */
const SIGNIFICANCE = /\/Extension-(UKCore|CareConnect(-GPC)?)-ProblemSignificance(-1)?$/;

const STATUS_LABELS: Record<ProblemStatus, () => string> = {
  active: () => msg('Active'),
  recurrence: () => msg('Recurrence'),
  relapse: () => msg('Relapse'),
  inactive: () => msg('Inactive'),
  remission: () => msg('In remission'),
  resolved: () => msg('Resolved'),
  unknown: () => msg('Status not known'),
};
const VIEWS: Record<Exclude<ProblemStatus, 'unknown'>, ProblemView> = {
  active: 'active',
  recurrence: 'active',
  relapse: 'active',
  inactive: 'past',
  remission: 'past',
  resolved: 'past',
};
const VERIFICATION_LABELS: Record<string, () => string> = {
  unconfirmed: () => msg('Unconfirmed'),
  provisional: () => msg('Provisional'),
  differential: () => msg('Differential'),
};
const SIGNIFICANCE_LABELS: Record<ProblemSignificance, () => string> = {
  major: () => msg('Major'),
  minor: () => msg('Minor'),
};

/** A status as R4 codes it (a CodeableConcept) or as STU3 did (a bare code). */
const statusCode = (value: unknown): string | undefined =>
  typeof value === 'string' ? token(value) : codeOf(value);

/** Entered in error or refuted: never a problem or a diagnosis, and not shown. */
export function isShownCondition(condition: unknown): condition is Condition {
  if (!isObject(condition) || condition.resourceType !== 'Condition') return false;
  const verification = statusCode(condition.verificationStatus);
  return verification !== 'entered-in-error' && verification !== 'refuted';
}

function kindOf(condition: Condition): { kind: ProblemKind; categoryLabel?: string } {
  const categories = objects(condition.category);
  if (hasCoding(categories, 'problem-list-item', [CATEGORY]) || hasCoding(categories, '55607006', [SNOMED]))
    return { kind: 'problem' };
  if (
    hasCoding(categories, 'encounter-diagnosis', [CATEGORY]) ||
    hasCoding(categories, '439401001', [SNOMED])
  )
    return { kind: 'diagnosis' };
  const label = categories.map((category) => formatClinicalTerm(category)).find(Boolean);
  return label ? { kind: 'other', categoryLabel: label } : { kind: 'other' };
}

/** Major or minor, when the record carries a significance extension that says which. */
export function problemSignificance(condition: unknown): ProblemSignificance | undefined {
  if (!isObject(condition)) return undefined;
  const extension = objects<Record<string, unknown>>(condition.extension).find((e) =>
    SIGNIFICANCE.test(String(e.url)),
  );
  if (!extension) return undefined;
  const said = [
    extension.valueCode,
    isObject(extension.valueCoding) ? extension.valueCoding.code : undefined,
    isObject(extension.valueCoding) ? extension.valueCoding.display : undefined,
    codeOf(extension.valueCodeableConcept),
    formatClinicalTerm(extension.valueCodeableConcept),
  ]
    .map((value) => text(value)?.toLowerCase())
    .find((value) => value === 'major' || value === 'minor');
  return said as ProblemSignificance | undefined;
}

/** When it ended, and whether that has passed by `now` (an age or words are taken as passed). */
function endOf(
  condition: Condition,
  now: number,
  options: DateOptions,
): { ended?: string; endDate?: FormattedDate; passed: boolean } {
  const end = clinicalTime(condition, 'abatement', options);
  if (end.display) {
    return { ended: end.display, endDate: end.date, passed: !end.date || end.date.sortKey <= now };
  }
  // STU3's abatementBoolean: it ended, the record does not say when.
  if ((condition as { abatementBoolean?: unknown }).abatementBoolean === true) {
    return { ended: msg('Date not known'), passed: true };
  }
  return { passed: false };
}

/** `11-Mar-2013, Inpatient, Seen in hospital ward`: the encounter as a row names it. */
function encounterOf(
  condition: Condition,
  resolve: Resolve | undefined,
  withholding: Withholding | undefined,
  options: DateOptions,
): ProblemEncounter | undefined {
  const reference = condition.encounter ?? (condition as { context?: Reference }).context;
  if (!isObject(reference)) return undefined;
  const resolved = resolveReference(reference, resolve, condition);
  if (resolved?.resourceType !== 'Encounter') {
    return { display: text(reference.display) ?? msg('Details not available') };
  }
  const entry = encounterEntry(resolved as Encounter, resolve, { ...options, withholding });
  const date = describeDate(entry.start?.value, { ...options, withTime: false });
  const parts = [
    date?.display,
    entry.missing.includes('class') ? undefined : entry.classLabel,
    entry.type,
  ].filter((part): part is string => !!part);
  return {
    display: parts.length ? parts.join(', ') : (text(reference.display) ?? msg('Details not available')),
    ...(entry.organisation?.display ? { organisation: entry.organisation } : {}),
  };
}

/** One condition as a row shows it. */
export function problemEntry(condition: Condition, options: ProblemEntryOptions = {}): ProblemEntry {
  const c: Condition = isObject(condition) ? condition : ({ resourceType: 'Condition' } as Condition);
  const dateOptions: DateOptions = options.timeZone ? { timeZone: options.timeZone } : {};
  const withholding = withholdingOption(options);
  const { resolve } = options;

  const written = formatClinicalTerm(c.code);
  const name = written ?? notKnown();
  const { kind, categoryLabel } = kindOf(c);

  const nowDate = parseFhirDate(options.now ?? new Date(), dateOptions);
  const now = nowDate ? sortKeyOf(nowDate) : Date.now();
  const onset = clinicalTime(c, 'onset', dateOptions);
  const { ended, endDate, passed } = endOf(c, now, dateOptions);
  const recorded = describeDate(c.recordedDate ?? (c as { assertedDate?: string }).assertedDate, {
    ...dateOptions,
    withTime: false,
  });

  const code = statusCode(c.clinicalStatus);
  const status: ProblemStatus = code && code in VIEWS ? (code as ProblemStatus) : 'unknown';
  const view: ProblemView =
    status === 'unknown' ? (passed ? 'past' : 'active') : VIEWS[status as keyof typeof VIEWS];

  const verification = VERIFICATION_LABELS[statusCode(c.verificationStatus) ?? '']?.();
  const significance = problemSignificance(c);
  const severity = formatClinicalTerm(c.severity);
  const bodySite = objects(c.bodySite)
    .map((site) => formatClinicalTerm(site))
    .filter((site): site is string => !!site)
    .join(', ');

  const encounter = encounterOf(c, resolve, withholding, dateOptions);
  const direct = recordedBy([c.recorder, c.asserter], { resolve, withholding, container: c });
  // Who recorded it, when the record names them; else where it was seen.
  const by = direct?.display ? direct : (encounter?.organisation ?? direct);

  const date = dateKey(c.recordedDate);
  const sortDate = view === 'active' ? (onset.date ?? recorded) : (endDate ?? onset.date ?? recorded);
  const id = token(c.id) ?? '';
  return {
    id,
    key: id ? `Condition/${id}` : `#${options.position ?? 0}`,
    name,
    nameKnown: written !== undefined,
    kind,
    ...(categoryLabel ? { categoryLabel } : {}),
    view,
    status,
    statusLabel: STATUS_LABELS[status](),
    ...(verification ? { verification } : {}),
    ...(significance ? { significance, significanceLabel: SIGNIFICANCE_LABELS[significance]() } : {}),
    ...(severity ? { severity } : {}),
    ...(bodySite ? { bodySite } : {}),
    ...(onset.display ? { onset: onset.display } : {}),
    ...(ended ? { ended } : {}),
    ...(recorded ? { recorded } : {}),
    ...(by ? { recordedBy: by } : {}),
    ...(encounter ? { encounter } : {}),
    ...(date !== undefined ? { date } : {}),
    ...(sortDate ? { sortKey: sortDate.sortKey } : {}),
    search: name.toLocaleLowerCase('en-GB'),
    resource: withheldCopy(c, withholding, { resolve }),
  };
}

const rank = (entry: ProblemEntry) => (entry.significance === 'major' ? 0 : 1);

/** Major first, then newest first (undated last), then by name. */
export function compareProblems(a: ProblemEntry, b: ProblemEntry): number {
  return (
    rank(a) - rank(b) ||
    (b.sortKey ?? -Infinity) - (a.sortKey ?? -Infinity) ||
    a.name.localeCompare(b.name, 'en-GB')
  );
}

export type ProblemGroups = Record<ProblemKind, ProblemEntry[]>;

export interface ProblemViews {
  active: ProblemGroups;
  past: ProblemGroups;
}

export const PROBLEM_KINDS: readonly ProblemKind[] = ['problem', 'diagnosis', 'other'];

/**
 * The Active and Past views, each in its three groups in order, of the rows settled given where the
 * search has got to (every row, once it has read everything).
 */
export function problemViews(entries: readonly ProblemEntry[], edges: readonly StreamEdge[]): ProblemViews {
  const settled = settledRows(entries, (entry) => entry.date, edges);
  const groups = (view: ProblemView): ProblemGroups => {
    const inView = settled.filter((entry) => entry.view === view);
    const of = (kind: ProblemKind) => inView.filter((entry) => entry.kind === kind).sort(compareProblems);
    return { problem: of('problem'), diagnosis: of('diagnosis'), other: of('other') };
  };
  return { active: groups('active'), past: groups('past') };
}

/** How many rows a view holds, across its groups. */
export const problemCount = (groups: ProblemGroups): number =>
  groups.problem.length + groups.diagnosis.length + groups.other.length;
