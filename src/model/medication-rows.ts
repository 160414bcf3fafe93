/**
 * The medication list's rows: each medicine's CUI line with what the list keeps beside it, and the
 * Current and Past views of the rows already in their final place while pages stream in. The same
 * medicine recorded by several organisations is one row that names them all.
 */
import type { Medication, MedicationRequest, MedicationStatement } from 'fhir/r4';
import {
  compareMedicationLines,
  medicationLine,
  type MedicationLine,
  type MedicationView,
} from './medications.js';
import type { PatientDeath } from './death.js';
import type { Provenance, Resolve } from './provenance.js';
import { withheldCopy, type Withholding } from './restricted-record.js';
import { dateKey, settledRows, type StreamEdge } from './streams.js';

export type MedicationResource = MedicationRequest | MedicationStatement;

/** One medicine: the line as shown, the resource `care-select` hands back, and how it sorts and filters. */
export interface MedicationRow {
  key: string;
  line: MedicationLine;
  resource: MedicationResource;
  /** The date its search sorts by, as a key: rows are shown once no later page can come before them. */
  date?: number;
  /** Drug name and brand, lower case, for the filter. */
  search: string;
  /** Every organisation that recorded it: more than one when the same medicine from several is shown once. */
  sources: Provenance[];
  /** What another row must share to be the same medicine (`sameMedicineKey`), worked out once. */
  medicine?: string;
}

export interface MedicationRowOptions {
  /** What the references of the page led to. */
  resolve: Resolve;
  now: Date;
  withholding?: Withholding;
  death?: PatientDeath;
  /** The date its search sorts by (`authoredOn`, `effective[x]`). */
  sortDate: unknown;
  /** The list's `textPool`: rows of the same drug share its name, dose and filter text. */
  texts?: (text: string) => string;
}

/** The row for one medicine, `position` making its key unique in the list. */
export function medicationRow(
  resource: MedicationResource,
  position: number,
  { resolve, now, withholding, death, sortDate, texts = (text) => text }: MedicationRowOptions,
): MedicationRow {
  const line = medicationLine(resource, (ref) => resolve(ref) as Medication | undefined, {
    now,
    resolve,
    withholding,
    death,
  });
  line.name = texts(line.name);
  line.dose = texts(line.dose);
  return {
    key: `${line.resourceType}/${line.id}#${position}`,
    line,
    // What is kept and handed to care-select: for a restricted record, with nothing that locates.
    resource: withheldCopy(resource, withholding, { resolve }),
    date: dateKey(sortDate),
    search: texts(`${line.name} ${line.brand ?? ''}`.toLowerCase()),
    sources: line.recordedBy ? [line.recordedBy] : [],
    medicine: sameMedicineKey(line),
  };
}

// toLowerCase is en-GB's lower case, without the locale lookup that is slow on every row.
const fold = (value: string) => value.toLowerCase().replace(/\s+/g, ' ').replace(/\.$/, '').trim();

/**
 * What must be the same for two lines to be one medicine: the product (its code, else its name),
 * strength and form (never merged across them), and what the list says of it (view, status and dose:
 * a difference there is news to the reader, so both lines stay). `undefined` when it cannot be told.
 */
function sameMedicineKey(line: MedicationLine): string | undefined {
  if (line.missing.includes('name') || !line.startDate) return undefined;
  const product = line.productCode ?? `name|${fold(line.name)}`;
  return [product, line.strength, line.form, line.view, line.status, fold(line.dose)].join('\u0000');
}

/** Who recorded it, as told apart: ODS code, else what is shown. */
const sourceKey = (source: Provenance) => source.ods ?? source.display;

/** Rows shown as one, with what a further row must meet: a source of its own, and dates overlapping every member's. */
interface Merged {
  rows: MedicationRow[];
  sources: Set<string>;
  /** The latest start and the earliest end (an open end runs on) of the members. */
  latestStart: number;
  earliestEnd: number;
  /** Its place among the rows: of two it could join, a row joins the one shown first. */
  order: number;
}

/**
 * Rows of the same medicine from different organisations with overlapping dates, as one row (the
 * first, so a row already shown keeps its place) naming every source. Rows whose source is not
 * known are never merged: "every source listed" would not be true.
 */
export function mergeSources(rows: readonly MedicationRow[]): MedicationRow[] {
  const groups: Merged[] = [];
  // Each medicine's groups by the organisation that began them: a row looks only at those another
  // began (its own organisation's repeats, the usual case, can never take it).
  const byMedicine = new Map<string, Map<string, Merged[]>>();
  for (const row of rows) {
    const key = row.medicine;
    const source = row.sources.length === 1 ? sourceKey(row.sources[0]) : undefined;
    if (!key || !source) {
      groups.push({ rows: [row], sources: new Set(), latestStart: 0, earliestEnd: 0, order: groups.length });
      continue;
    }
    const start = row.line.startDate!.sortKey;
    const end = row.line.endDate?.sortKey ?? Infinity;
    let bySource = byMedicine.get(key);
    if (!bySource) byMedicine.set(key, (bySource = new Map()));
    let group: Merged | undefined;
    for (const [began, candidates] of bySource) {
      if (began === source) continue;
      const found = candidates.find(
        (merged) => !merged.sources.has(source) && merged.latestStart <= end && start <= merged.earliestEnd,
      );
      if (found && (!group || found.order < group.order)) group = found;
    }
    if (group) {
      group.rows.push(row);
      group.sources.add(source);
      group.latestStart = Math.max(group.latestStart, start);
      group.earliestEnd = Math.min(group.earliestEnd, end);
      continue;
    }
    const merged = {
      rows: [row],
      sources: new Set([source]),
      latestStart: start,
      earliestEnd: end,
      order: groups.length,
    };
    groups.push(merged);
    let own = bySource.get(source);
    if (!own) bySource.set(source, (own = []));
    own.push(merged);
  }
  return groups.map(({ rows: members }) =>
    members.length === 1
      ? members[0]
      : { ...members[0], sources: members.map((member) => member.sources[0]) },
  );
}

/**
 * The Current and Past views (MEDv-099/100 order) of the rows settled, given where each search has
 * got to, the same medicine from several sources merged.
 */
export function medicationViews(
  rows: readonly MedicationRow[],
  edges: readonly StreamEdge[],
): Record<MedicationView, MedicationRow[]> {
  const settled = mergeSources(settledRows(rows, (row) => row.date, edges));
  const inOrder = (view: MedicationView) =>
    settled.filter((row) => row.line.view === view).sort((a, b) => compareMedicationLines(a.line, b.line));
  return { current: inOrder('current'), past: inOrder('past') };
}
