/**
 * Lists that arrive page by page, from searches sorted newest first. A row may be shown once no
 * page still to come can sort before it; rows shown first are then already in their final order,
 * and later pages only join below them, never moving what the user is reading.
 */
import { parseFhirDate, sortKeyOf } from '../format/dates.js';

/** Where one search has got to. */
export interface StreamEdge {
  /** No more pages will come (read to the end, or stopped). */
  done: boolean;
  /** The sort key of the last row it sent (newest first); `undefined` when it had no date or sent none. */
  last?: number;
}

/**
 * The sort key from which rows are settled: every row at or after it (newer) is in its final place.
 * `-Infinity` once every search is done (everything is settled, rows without a date too).
 */
export function settledFrom(edges: readonly StreamEdge[]): number {
  let from = -Infinity;
  for (const edge of edges) {
    if (edge.done) continue;
    // A search still going whose last row had no date may still send anything.
    from = Math.max(from, edge.last ?? Infinity);
  }
  return from;
}

/** The rows that are settled, in the order given; a row without a key only when everything is. */
export function settledRows<T>(
  rows: readonly T[],
  keyOf: (row: T) => number | undefined,
  edges: readonly StreamEdge[],
): T[] {
  const from = settledFrom(edges);
  if (from === -Infinity) return [...rows];
  return rows.filter((row) => {
    const key = keyOf(row);
    return key !== undefined && key >= from;
  });
}

/** A FHIR date or dateTime as a sort key (wall-clock milliseconds), `undefined` when it is not one. */
export function dateKey(value: unknown): number | undefined {
  const date = parseFhirDate(value);
  return date ? sortKeyOf(date) : undefined;
}
