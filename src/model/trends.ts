/**
 * Trends: a test done more than once, over time. Results are the same test when their codes share
 * a `system|code` (LOINC, SNOMED CT or a local code; a result coded in two systems joins both), or,
 * with no code at all, when their names are the same.
 *
 * A trend is a table of every value (newest first, for everyone and for screen readers) and, when
 * two or more values are numbers in the same unit, the points of a chart (oldest first) with the
 * latest reference range as a band. A value the chart cannot place (another unit, a comparator such
 * as `<5`, words, no date) stays in the table and is counted as not plotted.
 */
import type { FormattedDate } from '../format/dates.js';
import { formatNumber } from '../format/quantity.js';
import type { ResultEntry, ResultFlag, ResultRange, ResultStatus } from './results.js';

export interface TrendRow {
  key: string;
  date?: FormattedDate;
  value: string;
  range?: string;
  flag?: ResultFlag;
  status: ResultStatus;
  statusLabel: string;
}

export interface TrendPoint {
  /** The row it plots. */
  key: string;
  /** Wall-clock milliseconds (`FormattedDate.sortKey`). */
  at: number;
  value: number;
  /** Outside the range or flagged by the lab: drawn with its own marker, never by colour alone. */
  flag?: ResultFlag;
}

export interface TrendSeries {
  /** `Systolic`, `Diastolic`; the test's name for a single line. */
  label: string;
  points: TrendPoint[];
}

export interface Trend {
  key: string;
  /** The test's name, as its newest result names it. */
  name: string;
  unit?: string;
  /** Every result of the test, newest first. */
  rows: TrendRow[];
  /** What the chart draws (empty when fewer than two values can be plotted). */
  series: TrendSeries[];
  /** The newest reference range with a number, drawn as a band. */
  band?: ResultRange;
  /** Values in the table that the chart does not show. */
  notPlotted: number;
}

/** The trends of a set of results: which test each result is, and each test's trend (built when asked). */
export interface TrendIndex {
  /** How many results of this result's test are loaded (1 when it was done once). */
  countOf(result: ResultEntry): number;
  /** The trend of this result's test; `undefined` when it was done once. */
  of(result: ResultEntry): Trend | undefined;
}

/** Groups results into tests: union of results that share any code. */
function groupTests(results: readonly ResultEntry[]): Map<ResultEntry, string> {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(key, root);
    return root;
  };
  const keysOf = (result: ResultEntry) =>
    result.codes.length > 0 ? result.codes : [`name|${result.name.toLocaleLowerCase('en-GB')}`];
  for (const result of results) {
    const keys = keysOf(result);
    for (const key of keys) if (!parent.has(key)) parent.set(key, key);
    for (const key of keys.slice(1)) {
      const a = find(keys[0]);
      const b = find(key);
      if (a !== b) parent.set(b, a);
    }
  }
  return new Map(results.map((result) => [result, find(keysOf(result)[0])]));
}

/** A panel (a heading for its members) is not a value over time. */
const isValue = (result: ResultEntry) => result.members.length === 0 || result.value.display !== '';

export function trendIndex(results: readonly ResultEntry[]): TrendIndex {
  const valued = results.filter(isValue);
  const tests = groupTests(valued);
  const byTest = new Map<string, ResultEntry[]>();
  for (const [result, test] of tests) {
    const list = byTest.get(test);
    if (list) list.push(result);
    else byTest.set(test, [result]);
  }
  const built = new Map<string, Trend>();
  return {
    countOf: (result) => {
      const test = tests.get(result);
      return test === undefined ? 1 : (byTest.get(test)?.length ?? 1);
    },
    of: (result) => {
      const test = tests.get(result);
      const members = test === undefined ? undefined : byTest.get(test);
      if (test === undefined || !members || members.length < 2) return undefined;
      let trend = built.get(test);
      if (!trend) built.set(test, (trend = buildTrend(test, members)));
      return trend;
    },
  };
}

const newestFirst = (a: ResultEntry, b: ResultEntry) =>
  (b.date?.sortKey ?? -Infinity) - (a.date?.sortKey ?? -Infinity) || 0;

/** The unit most dated numbers are in (the newest's when as many are in another): what the chart plots. */
function commonUnit(rows: readonly ResultEntry[]): string | undefined {
  const counts = new Map<string | undefined, number>();
  for (const row of rows) {
    if (row.date && (row.value.number !== undefined || row.value.parts))
      counts.set(row.value.unit, (counts.get(row.value.unit) ?? 0) + 1);
  }
  let best: string | undefined;
  let most = 0;
  // Rows are newest first, so the first unit to reach a count keeps it on a tie.
  for (const [unit, count] of counts) {
    if (count > most) [best, most] = [unit, count];
  }
  return best;
}

function buildTrend(key: string, results: readonly ResultEntry[]): Trend {
  const rows = [...results].sort(newestFirst);
  const unit = commonUnit(rows);
  const plotted = rows.filter(
    (r) => r.date && r.value.unit === unit && (r.value.number !== undefined || r.value.parts),
  );
  const byLabel = new Map<string, TrendPoint[]>();
  for (const result of [...plotted].reverse()) {
    const parts = result.value.parts ?? [{ label: result.name, number: result.value.number! }];
    for (const part of parts) {
      const point: TrendPoint = {
        key: result.key,
        at: result.date!.sortKey,
        value: part.number,
        ...(result.flag ? { flag: result.flag } : {}),
      };
      const points = byLabel.get(part.label);
      if (points) points.push(point);
      else byLabel.set(part.label, [point]);
    }
  }
  const series = plotted.length >= 2 ? [...byLabel].map(([label, points]) => ({ label, points })) : [];
  const band = rows.find(
    (r) => r.value.unit === unit && r.range && (r.range.low !== undefined || r.range.high !== undefined),
  )?.range;
  return {
    key,
    name: rows[0].name,
    ...(unit ? { unit } : {}),
    rows: rows.map((r) => ({
      key: r.key,
      ...(r.date ? { date: r.date } : {}),
      value: r.value.display,
      ...(r.range ? { range: r.range.display } : {}),
      ...(r.flag ? { flag: r.flag } : {}),
      status: r.status,
      statusLabel: r.statusLabel,
    })),
    series,
    ...(series.length > 0 && band ? { band } : {}),
    notPlotted: series.length > 0 ? rows.length - plotted.length : rows.length,
  };
}

// --- Chart scale --------------------------------------------------------------------------------

export interface ChartScale {
  min: number;
  max: number;
  /** Round values between min and max to label the axis with. */
  ticks: number[];
}

/** 1, 2 or 5 times a power of ten: the step that gives about `count` ticks. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

/**
 * The value axis: round numbers that hold every value and the band, with about four ticks.
 * One value alone (or all the same) gets room either side.
 */
export function chartScale(values: readonly number[], band?: ResultRange, ticks = 4): ChartScale {
  const all = [...values, band?.low, band?.high].filter(
    (v): v is number => v !== undefined && Number.isFinite(v),
  );
  if (all.length === 0) return { min: 0, max: 1, ticks: [0, 1] };
  let low = Math.min(...all);
  let high = Math.max(...all);
  if (low === high) {
    const pad = Math.abs(low) / 10 || 1;
    low -= pad;
    high += pad;
  }
  const step = niceStep(high - low, ticks);
  const min = Math.floor(low / step) * step;
  const max = Math.ceil(high / step) * step;
  const marks: number[] = [];
  for (let value = min; value <= max + step / 2; value += step) marks.push(Number(value.toPrecision(12)));
  return { min: Number(min.toPrecision(12)), max: Number(max.toPrecision(12)), ticks: marks };
}

/** A tick's label: as few decimals as the step needs. */
export function tickLabel(value: number): string {
  return formatNumber(Number(value.toPrecision(6))) ?? String(value);
}
