/**
 * Test results: DiagnosticReports with their result Observations, and the Observations that stand
 * alone, newest first, as `<care-results>` shows them.
 *
 * - A report lists its results in the report's order; a result that is a panel (`hasMember`) lists
 *   its members under it. An Observation shown inside a report (or a panel) is not shown again alone.
 * - Entered-in-error reports and Observations are not shown (nor are the results of a report
 *   withdrawn as entered in error). Cancelled ones are shown, as cancelled.
 * - Observations in the social-history or survey category are not results (smoking status, a
 *   questionnaire score); reports that are clinical notes (history and physical, progress, consult
 *   notes, discharge summaries) belong with letters and documents. Neither is listed.
 * - Values, ranges and flags are read by `result-values.ts`.
 */
import type { DiagnosticReport, Observation, Reference } from 'fhir/r4';
import { codingsOf, formatCodeableConcept, hasCoding } from '../format/codes.js';
import { describeDate, type DateOptions, type FormattedDate } from '../format/dates.js';
import { notKnown } from '../format/strings.js';
import { isObject, objects, text, token } from '../format/values.js';
import { resolveReference, type Provenance, type Resolve } from './provenance.js';
import { recordedBy } from './recorded-by.js';
import {
  componentsOf,
  flagOf,
  rangeOf,
  testCodes,
  valueOf,
  type ResultComponent,
  type ResultFlag,
  type ResultRange,
  type ResultValue,
} from './result-values.js';
import { withholdingOption, withheldCopy, type Withholding } from './restricted-record.js';
import { dateKey, settledRows, type StreamEdge } from './streams.js';
import { msg } from '@lit/localize';

export type { FlagLevel, ResultComponent, ResultFlag, ResultRange, ResultValue } from './result-values.js';

/** One Observation as shown: alone, as a report's result, or as a member of a panel. */
export interface ResultEntry {
  /** Unique in the list: `Observation/<id>`, else the place it was found. */
  key: string;
  /** The test (`CodeableConcept.text` first). */
  name: string;
  /** Every `system|code` of the test's coding: results sharing one are the same test (trends). */
  codes: string[];
  value: ResultValue;
  /** Components shown one by one (those that are not a blood pressure written as `120/80`). */
  components: ResultComponent[];
  range?: ResultRange;
  flag?: ResultFlag;
  /** When the sample was taken or the observation made, else when it was issued. */
  date?: FormattedDate;
  status: ResultStatus;
  statusLabel: string;
  category?: string;
  performer?: Provenance;
  note?: string;
  /** A panel's members (`hasMember`), in order. */
  members: ResultEntry[];
  /** A member the record names could not be found (not sent, not readable). */
  missingMembers: number;
  resource: Observation;
}

export type ResultStatus =
  | 'registered'
  | 'partial'
  | 'preliminary'
  | 'final'
  | 'amended'
  | 'corrected'
  | 'appended'
  | 'cancelled'
  | 'unknown';

export interface ReportEntry {
  key: string;
  name: string;
  category?: string;
  status: ResultStatus;
  statusLabel: string;
  date?: FormattedDate;
  issued?: FormattedDate;
  performer?: Provenance;
  conclusion?: string;
  results: ResultEntry[];
  /** Results the report names that could not be found. */
  missingResults: number;
  /** The highest flag among its results (a critical value is said on the report itself). */
  critical: boolean;
  resource: DiagnosticReport;
}

/** One row of the list: a report, or an Observation on its own. */
export type ResultsItem =
  | { kind: 'report'; key: string; sortKey?: number; report: ReportEntry }
  | { kind: 'observation'; key: string; sortKey?: number; result: ResultEntry };

export interface ResultsOptions extends DateOptions {
  resolve?: Resolve;
  withholding?: Withholding;
  restricted?: boolean;
}

const LOINC = 'http://loinc.org';
/** Observation categories that are not test results. */
const NOT_RESULTS = ['social-history', 'survey'];
/** LOINC document types of reports that are clinical notes, not results. */
const NOTE_CODES = ['34117-2', '11506-3', '18842-5', '51847-2', '34109-9', '11488-4', '28570-0'];

const STATUS_LABELS: Record<ResultStatus, () => string> = {
  registered: () => msg('Registered'),
  partial: () => msg('Partial'),
  preliminary: () => msg('Preliminary'),
  final: () => msg('Final'),
  amended: () => msg('Amended'),
  corrected: () => msg('Corrected'),
  appended: () => msg('Appended'),
  cancelled: () => msg('Cancelled'),
  unknown: () => msg('Status not known'),
};

/** Observation categories and report categories (HL7 v2 0074) in UK words. */
const CATEGORIES: Record<string, () => string> = {
  laboratory: () => msg('Laboratory'),
  'vital-signs': () => msg('Vital signs'),
  imaging: () => msg('Imaging'),
  procedure: () => msg('Procedure'),
  exam: () => msg('Examination'),
  therapy: () => msg('Therapy'),
  activity: () => msg('Activity'),
  LAB: () => msg('Laboratory'),
  HM: () => msg('Haematology'),
  CH: () => msg('Clinical chemistry'),
  MB: () => msg('Microbiology'),
  IMM: () => msg('Immunology'),
  SR: () => msg('Serology'),
  VR: () => msg('Virology'),
  TX: () => msg('Toxicology'),
  BLB: () => msg('Blood bank'),
  SP: () => msg('Histopathology'),
  CP: () => msg('Cytopathology'),
  GE: () => msg('Genetics'),
  RAD: () => msg('Radiology'),
  EC: () => msg('Cardiac investigations'),
};

const statusOf = (value: unknown): ResultStatus =>
  typeof value === 'string' && value in STATUS_LABELS ? (value as ResultStatus) : 'unknown';

function categoryOf(concept: unknown): string | undefined {
  for (const coding of codingsOf(concept)) {
    const label = CATEGORIES[String(coding.code)];
    if (label) return label();
  }
  return objects(concept)
    .map((c) => formatCodeableConcept(c))
    .find(Boolean);
}

/** The date a search with `_sort=-date` orders by (`effective[x]`): rows settle against it. */
export function effectiveDateOf(resource: Observation | DiagnosticReport): unknown {
  const period = isObject(resource.effectivePeriod) ? resource.effectivePeriod : undefined;
  return resource.effectiveDateTime ?? period?.start ?? (resource as Observation).effectiveInstant;
}

/** When the sample was taken or the observation made, else when it was issued. */
const dateOf = (resource: Observation | DiagnosticReport, options: DateOptions) =>
  describeDate(effectiveDateOf(resource), options) ?? describeDate(resource.issued, options);

/** Not to be shown at all: entered in error, or not an Observation. */
const isShownObservation = (value: unknown): value is Observation =>
  isObject(value) && value.resourceType === 'Observation' && value.status !== 'entered-in-error';

/** A test result, not a social-history or survey entry. */
export const isResult = (observation: Observation): boolean => !hasCoding(observation.category, NOT_RESULTS);

const keyOf = (resource: { resourceType?: unknown; id?: unknown }, fallback: string) => {
  const id = token(resource.id);
  return id ? `${String(resource.resourceType)}/${id}` : fallback;
};

/** One Observation as shown; `seen` keeps panels from listing themselves inside themselves. */
export function resultEntry(
  observation: Observation,
  options: ResultsOptions & { key?: string; seen?: Set<Observation> } = {},
): ResultEntry {
  const dateOptions: DateOptions = options.timeZone ? { timeZone: options.timeZone } : {};
  const record = observation as unknown as Record<string, unknown>;
  const { value: pair, components } = componentsOf(observation);
  const value = valueOf(record) ?? pair ?? { display: '' };
  const range = rangeOf(record);
  const flag = flagOf(record, value, range);
  const status = statusOf(observation.status);
  const category = categoryOf(observation.category);
  const performer = recordedBy(objects(observation.performer), {
    resolve: options.resolve,
    withholding: withholdingOption(options),
    container: observation,
  });
  const seen = new Set(options.seen).add(observation);
  const members: ResultEntry[] = [];
  let missingMembers = 0;
  objects<Reference>(observation.hasMember).forEach((reference, i) => {
    const member = resolveReference(reference, options.resolve, observation);
    if (!isShownObservation(member) || seen.has(member)) {
      if (!isObject(member)) missingMembers += 1;
      return;
    }
    const parent = options.key ?? keyOf(observation, 'Observation');
    members.push(resultEntry(member, { ...options, seen, key: `${parent}/${keyOf(member, String(i))}` }));
  });
  const date = dateOf(observation, dateOptions);
  const note = objects<Record<string, unknown>>(observation.note)
    .map((n) => text(n.text))
    .filter(Boolean)
    .join(' ');
  return {
    key: options.key ?? keyOf(observation, 'Observation'),
    name: formatCodeableConcept(observation.code, { fallback: notKnown() }),
    codes: testCodes(observation.code),
    value:
      value.display === '' && members.length === 0 && components.length === 0
        ? { display: notKnown(), absent: true }
        : value,
    components,
    ...(range ? { range } : {}),
    ...(flag ? { flag } : {}),
    ...(date ? { date } : {}),
    status,
    statusLabel: STATUS_LABELS[status](),
    ...(category ? { category } : {}),
    ...(performer ? { performer } : {}),
    ...(note ? { note } : {}),
    members,
    missingMembers,
    resource: withheldCopy(observation, withholdingOption(options), { resolve: options.resolve }),
  };
}

/** Whether any result, part of one or panel member is critical. */
const hasCritical = (results: readonly ResultEntry[]): boolean =>
  results.some(
    (r) =>
      r.flag?.level === 'critical' ||
      r.components.some((c) => c.flag?.level === 'critical') ||
      hasCritical(r.members),
  );

/** One report with its results, in the report's order (results it names that cannot be found are counted). */
export function reportEntry(
  report: DiagnosticReport,
  options: ResultsOptions & { key?: string; position?: number } = {},
): { entry: ReportEntry; shown: Observation[] } {
  const dateOptions: DateOptions = options.timeZone ? { timeZone: options.timeZone } : {};
  const key = options.key ?? keyOf(report, `DiagnosticReport#${options.position ?? 0}`);
  const shown: Observation[] = [];
  const results: ResultEntry[] = [];
  let missingResults = 0;
  objects<Reference>(report.result).forEach((reference, i) => {
    const found = resolveReference(reference, options.resolve, report);
    if (!isObject(found)) {
      missingResults += 1;
      return;
    }
    if (!isShownObservation(found)) return;
    const entry = resultEntry(found, { ...options, key: `${key}/${keyOf(found, String(i))}` });
    shown.push(found, ...membersOf(found, options.resolve));
    results.push(entry);
  });
  const status = statusOf(report.status);
  const category = categoryOf(report.category);
  const performer = recordedBy([...objects(report.performer), ...objects(report.resultsInterpreter)], {
    resolve: options.resolve,
    withholding: withholdingOption(options),
    container: report,
  });
  const date = dateOf(report, dateOptions);
  const issued = describeDate(report.issued, dateOptions);
  const conclusion =
    text(report.conclusion) ??
    objects(report.conclusionCode)
      .map((c) => formatCodeableConcept(c))
      .filter(Boolean)
      .join(', ');
  return {
    entry: {
      key,
      name: formatCodeableConcept(report.code, { fallback: notKnown() }),
      ...(category ? { category } : {}),
      status,
      statusLabel: STATUS_LABELS[status](),
      ...(date ? { date } : {}),
      ...(issued ? { issued } : {}),
      ...(performer ? { performer } : {}),
      ...(conclusion ? { conclusion } : {}),
      results,
      missingResults,
      critical: hasCritical(results),
      resource: withheldCopy(report, withholdingOption(options), { resolve: options.resolve }),
    },
    shown,
  };
}

/** The Observations a panel lists, all the way down (each once). */
function membersOf(
  observation: Observation,
  resolve: Resolve | undefined,
  seen = new Set<Observation>(),
): Observation[] {
  seen.add(observation);
  return objects<Reference>(observation.hasMember).flatMap((reference) => {
    const member = resolveReference(reference, resolve, observation);
    if (!isShownObservation(member) || seen.has(member)) return [];
    return [member, ...membersOf(member, resolve, seen)];
  });
}

/** A report that is a clinical note, or withdrawn: not listed among results. */
function isListedReport(report: unknown): report is DiagnosticReport {
  return (
    isObject(report) &&
    report.resourceType === 'DiagnosticReport' &&
    report.status !== 'entered-in-error' &&
    !hasCoding(report.code, NOTE_CODES, LOINC) &&
    !hasCoding(report.category, NOTE_CODES, LOINC)
  );
}

export interface ResultsRecord {
  /** Reports and Observations on their own, newest first (those settled while pages stream in). */
  items: ResultsItem[];
  /** Every result shown, in reports, alone and as panel members (what trends are drawn from). */
  results: ResultEntry[];
}

/** The identity an Observation is matched by across reports and the Observation search. */
const identity = (observation: Observation) => token(observation.id) ?? observation;

/**
 * What earlier pages mapped, kept for one load so that a long history is not mapped again with
 * every page: a row is kept once everything it names was found (one still missing a result or a
 * panel member is mapped again, as a later page may bring it).
 */
export interface ResultsMemo {
  readonly rows: WeakMap<object, { item: ResultsItem; shown: readonly Observation[] }>;
}

export const resultsMemo = (): ResultsMemo => ({ rows: new WeakMap() });

const complete = (results: readonly ResultEntry[]): boolean =>
  results.every((r) => r.missingMembers === 0 && complete(r.members));

/** A report's row and the Observations shown in it, from the memo when it holds them. */
function reportRow(report: DiagnosticReport, position: number, options: ResultsOptions, memo?: ResultsMemo) {
  const kept = memo?.rows.get(report);
  if (kept) return kept;
  const { entry, shown } = reportEntry(report, { ...options, position });
  const row = {
    item: {
      kind: 'report',
      key: entry.key,
      sortKey: dateKey(effectiveDateOf(report)),
      report: entry,
    } as const,
    shown,
  };
  if (entry.missingResults === 0 && complete(entry.results)) memo?.rows.set(report, row);
  return row;
}

/** A lone result's row, from the memo when it holds it. */
function observationRow(
  observation: Observation,
  position: number,
  options: ResultsOptions,
  memo?: ResultsMemo,
): ResultsItem {
  const kept = memo?.rows.get(observation);
  if (kept) return kept.item;
  const result = resultEntry(observation, { ...options, key: keyOf(observation, `Observation#${position}`) });
  const item = {
    kind: 'observation',
    key: result.key,
    sortKey: dateKey(effectiveDateOf(observation)),
    result,
  } as const;
  if (complete([result])) memo?.rows.set(observation, { item, shown: [] });
  return item;
}

/**
 * The results as the list shows them. `edges`: where each search (reports, then Observations) has
 * got to, so only rows no later page can come before are listed (rows never move under the reader).
 * `memo`: what earlier pages of the same load mapped.
 */
export function resultsRecord(
  reports: readonly DiagnosticReport[],
  observations: readonly Observation[],
  options: ResultsOptions & { edges?: readonly StreamEdge[]; memo?: ResultsMemo } = {},
): ResultsRecord {
  const { memo } = options;
  const inReports = new Set<unknown>();
  const items: ResultsItem[] = [];
  objects<DiagnosticReport>(reports).forEach((report, position) => {
    if (
      isObject(report) &&
      report.resourceType === 'DiagnosticReport' &&
      report.status === 'entered-in-error'
    ) {
      // The results of a report withdrawn as entered in error are not shown alone either.
      for (const reference of objects<Reference>(report.result)) {
        const found = resolveReference(reference, options.resolve, report);
        if (isObject(found)) inReports.add(identity(found as unknown as Observation));
      }
      return;
    }
    if (!isListedReport(report)) return;
    const { item, shown } = reportRow(report, position, options, memo);
    for (const observation of shown) inReports.add(identity(observation));
    items.push(item);
  });
  const alone = objects<Observation>(observations)
    .map((observation, position) => ({ observation, position }))
    .filter(
      ({ observation }) =>
        isShownObservation(observation) && isResult(observation) && !inReports.has(identity(observation)),
    );
  // A panel's members are shown under it, not again on their own.
  const inPanels = new Set<unknown>(
    alone.flatMap(({ observation }) => membersOf(observation, options.resolve)).map(identity),
  );
  for (const { observation, position } of alone) {
    if (!inPanels.has(identity(observation)))
      items.push(observationRow(observation, position, options, memo));
  }
  const settled = options.edges ? settledRows(items, (item) => item.sortKey, options.edges) : items;
  const ordered = [...settled].sort(newestFirst);
  return { items: ordered, results: ordered.flatMap(resultsOf) };
}

/** Newest first; rows without an effective date last (as the server sends them), by issued date. */
function newestFirst(a: ResultsItem, b: ResultsItem): number {
  const byKey = (b.sortKey ?? -Infinity) - (a.sortKey ?? -Infinity);
  if (byKey !== 0 && !Number.isNaN(byKey)) return byKey;
  return (dateOfItem(b) ?? -Infinity) - (dateOfItem(a) ?? -Infinity) || 0;
}

const dateOfItem = (item: ResultsItem) =>
  item.kind === 'report' ? item.report.date?.sortKey : item.result.date?.sortKey;

function resultsOf(item: ResultsItem): ResultEntry[] {
  const flatten = (entry: ResultEntry): ResultEntry[] => [entry, ...entry.members.flatMap(flatten)];
  return item.kind === 'report' ? item.report.results.flatMap(flatten) : flatten(item.result);
}

/** Lower-case words a filter matches an item by: its name, category and every result's name. */
export function searchTextOf(item: ResultsItem): string {
  const words =
    item.kind === 'report'
      ? [item.report.name, item.report.category, ...resultsOf(item).map((r) => r.name)]
      : [...resultsOf(item).map((r) => r.name), item.result.category];
  return words.filter(Boolean).join(' ').toLocaleLowerCase('en-GB');
}
