/**
 * The medication list's rows: each medicine's CUI line with what the list keeps beside it, and the
 * Current and Past views of the rows already in their final place while pages stream in.
 */
import type { Medication, MedicationRequest, MedicationStatement } from 'fhir/r4';
import {
  medicationLine,
  sortMedicationLines,
  type MedicationLine,
  type MedicationView,
} from './medications.js';
import type { Resolve } from './provenance.js';
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
}

export interface MedicationRowOptions {
  /** What the references of the page led to. */
  resolve: Resolve;
  now: Date;
  withholding?: Withholding;
  /** The date its search sorts by (`authoredOn`, `effective[x]`). */
  sortDate: unknown;
  /** The list's `textPool`: rows of the same drug share its name, dose and filter text. */
  texts?: (text: string) => string;
}

/** The row for one medicine, `position` making its key unique in the list. */
export function medicationRow(
  resource: MedicationResource,
  position: number,
  { resolve, now, withholding, sortDate, texts = (text) => text }: MedicationRowOptions,
): MedicationRow {
  const line = medicationLine(resource, (ref) => resolve(ref) as Medication | undefined, {
    now,
    resolve,
    withholding,
  });
  line.name = texts(line.name);
  line.dose = texts(line.dose);
  return {
    key: `${line.resourceType}/${line.id}#${position}`,
    line,
    // What is kept and handed to care-select: for a restricted record, with nothing that locates.
    resource: withheldCopy(resource, withholding, { resolve }),
    date: dateKey(sortDate),
    search: texts(`${line.name} ${line.brand ?? ''}`.toLocaleLowerCase('en-GB')),
  };
}

/** The Current and Past views (MEDv-099/100 order) of the rows settled, given where each search has got to. */
export function medicationViews(
  rows: readonly MedicationRow[],
  edges: readonly StreamEdge[],
): Record<MedicationView, MedicationRow[]> {
  const settled = settledRows(rows, (row) => row.date, edges);
  const byLine = new Map(settled.map((row) => [row.line, row]));
  const inOrder = (view: MedicationView) =>
    sortMedicationLines(
      settled.map((row) => row.line),
      view,
    ).map((line) => byLine.get(line)!);
  return { current: inOrder('current'), past: inOrder('past') };
}
