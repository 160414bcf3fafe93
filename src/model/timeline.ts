/**
 * The encounter timeline's view of what is loaded: newest first, filtered by type of care,
 * organisation and dates, grouped by month into heading and entry rows. Pure: the element keeps
 * the loaded items and the filters, this says what to show.
 */
import { formatMonthYear } from '../format/dates.js';
import { dateNotKnown } from '../format/strings.js';
import { sortEncounterEntries, type EncounterClass, type EncounterEntry } from './encounters.js';

/** What the timeline shows per encounter: its key (stable across pages) and its view model. */
export interface TimelineItem {
  key: string;
  entry: EncounterEntry;
}

/** The user's filters; empty strings mean "all". Dates are `YYYY-MM-DD`. */
export interface TimelineFilters {
  type: string;
  organisation: string;
  from: string;
  to: string;
}

/** The organisation filter's value for encounters with no organisation known. */
export const NO_ORGANISATION = '__none__';

export interface TimelineGroup<T extends TimelineItem> {
  key: string;
  label: string;
  items: T[];
}

/** A flat list of month headings and entries: what a virtualised list renders. */
export type TimelineRow<T extends TimelineItem> =
  { kind: 'group'; key: string; group: TimelineGroup<T> } | { kind: 'entry'; key: string; item: T };

export interface TimelineView<T extends TimelineItem> {
  /** Every loaded encounter, newest first (no start date last). */
  all: T[];
  /** What the filters let through, in the same order. */
  entries: T[];
  groups: TimelineGroup<T>[];
  rows: TimelineRow<T>[];
  /** The types of care present, in a fixed order, for the filter. */
  classes: EncounterClass[];
  /** The organisations present, alphabetically, for the filter. */
  organisations: string[];
  hasUnknownOrganisation: boolean;
}

const CLASS_ORDER: EncounterClass[] = [
  'inpatient',
  'outpatient',
  'emergency',
  'community',
  'virtual',
  'home',
  'other',
];

/** Items newest first (the entries' own order: start date, no date last). */
export function sortTimelineItems<T extends TimelineItem>(items: readonly T[]): T[] {
  const byEntry = new Map(items.map((item) => [item.entry, item] as const));
  return sortEncounterEntries(items.map((item) => item.entry)).map((entry) => byEntry.get(entry)!);
}

/** `YYYY-MM-DD` as a wall-clock key on the entries' `sortKey` scale: the day's first or last millisecond. */
export function dayKey(value: string, endOfDay: boolean): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return endOfDay ? start + 86_400_000 - 1 : start;
}

/** The month group an entry belongs to (`2026-09`), its year for a year-only date, else `unknown`. */
const monthGroupKey = (entry: EncounterEntry): string => entry.monthKey ?? entry.yearKey ?? 'unknown';

/** A month group's heading (`September 2026`), its year for a year-only date, else "Date not known". */
function monthGroupLabel(entry: EncounterEntry): string {
  if (entry.monthKey) {
    const [year, month] = entry.monthKey.split('-');
    return formatMonthYear(Number(year), Number(month));
  }
  return entry.yearKey ?? dateNotKnown();
}

/** Whether an entry passes the filters (their dates read once); an encounter's span (start to end) must overlap the dates. */
function entryFilter(filters: TimelineFilters): (entry: EncounterEntry) => boolean {
  const from = dayKey(filters.from, false);
  const to = dayKey(filters.to, true);
  return (entry) => {
    if (filters.type && entry.class !== filters.type) return false;
    if (filters.organisation) {
      const organisation = entry.organisation?.display;
      if (filters.organisation === NO_ORGANISATION ? organisation : organisation !== filters.organisation) {
        return false;
      }
    }
    if (from === undefined && to === undefined) return true;
    const start = entry.start?.sortKey;
    if (start === undefined) return false;
    const end = Math.max(entry.end?.sortKey ?? start, start);
    return (from === undefined || end >= from) && (to === undefined || start <= to);
  };
}

/** The view of `all` (already newest first) under `filters`. */
export function timelineView<T extends TimelineItem>(all: T[], filters: TimelineFilters): TimelineView<T> {
  const classes = new Set<EncounterClass>();
  const organisations = new Set<string>();
  let hasUnknownOrganisation = false;
  for (const { entry } of all) {
    classes.add(entry.class);
    const organisation = entry.organisation?.display;
    if (organisation) organisations.add(organisation);
    else hasUnknownOrganisation = true;
  }
  const passes = entryFilter(filters);
  const entries = all.filter((item) => passes(item.entry));
  const groups: TimelineGroup<T>[] = [];
  for (const item of entries) {
    const key = monthGroupKey(item.entry);
    const last = groups[groups.length - 1];
    if (last?.key === key) last.items.push(item);
    else groups.push({ key, label: monthGroupLabel(item.entry), items: [item] });
  }
  const rows = groups.flatMap((group): TimelineRow<T>[] => [
    { kind: 'group', key: `group:${group.key}`, group },
    ...group.items.map((item) => ({ kind: 'entry' as const, key: item.key, item })),
  ]);
  return {
    all,
    entries,
    groups,
    rows,
    classes: CLASS_ORDER.filter((c) => classes.has(c)),
    organisations: [...organisations].sort((a, b) => a.localeCompare(b, 'en-GB')),
    hasUnknownOrganisation,
  };
}
