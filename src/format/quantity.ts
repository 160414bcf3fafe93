/**
 * Quantities, ratios and ranges: numbers without trailing zeros (`2.50 mg` → `2.5 mg`), the
 * human `unit` before the UCUM `code`, and the comparator kept (`<5 mg`).
 */
import { rangeAtLeast, rangeBetween, rangeUpTo } from './strings.js';
import { isObject, num, text } from './values.js';

// Made once: `toLocaleString` builds a formatter on every call, and a long list formats thousands.
const plainNumbers = new Intl.NumberFormat('en-GB', { useGrouping: false, maximumFractionDigits: 20 });
const counts = new Intl.NumberFormat('en-GB');

/** `2.5`, `0.0001`, `1200`: no trailing zeros, no exponent, no grouping. */
export function formatNumber(value: unknown): string | undefined {
  const n = num(value);
  if (n === undefined) return undefined;
  return plainNumbers.format(n);
}

/** A count as people read it: `5,000` (grouped, en-GB). */
export function formatCount(n: number): string {
  return counts.format(n);
}

function unitOf(quantity: Record<string, unknown>): string | undefined {
  return text(quantity.unit) ?? text(quantity.code);
}

function withUnit(value: string, unit: string | undefined): string {
  if (!unit) return value;
  return unit === '%' ? `${value}%` : `${value} ${unit}`;
}

/** `2.5 mg`, `<5 mmol/L`; a unit with no value shows nothing (it is not a quantity). */
export function formatQuantity(quantity: unknown): string | undefined {
  if (!isObject(quantity)) return undefined;
  const value = formatNumber(quantity.value);
  if (value === undefined) return undefined;
  const comparator = text(quantity.comparator) ?? '';
  return withUnit(`${comparator}${value}`, unitOf(quantity));
}

/** `500 mg/10 mL`; a denominator of one shows its unit alone (`500 mg/tablet`). */
export function formatRatio(ratio: unknown): string | undefined {
  if (!isObject(ratio)) return undefined;
  const numerator = formatQuantity(ratio.numerator);
  if (!numerator) return undefined;
  const denominator = isObject(ratio.denominator) ? ratio.denominator : undefined;
  if (!denominator) return numerator;
  const denominatorUnit = unitOf(denominator);
  if (num(denominator.value) === 1 && denominatorUnit) return `${numerator}/${denominatorUnit}`;
  const formatted = formatQuantity(denominator);
  return formatted ? `${numerator}/${formatted}` : numerator;
}

/** `1 to 2 tablet`; `at least 1 tablet`; `up to 2 tablet`. */
export function formatRange(range: unknown): string | undefined {
  if (!isObject(range)) return undefined;
  const low = isObject(range.low) ? range.low : undefined;
  const high = isObject(range.high) ? range.high : undefined;
  const lowText = formatQuantity(low);
  const highText = formatQuantity(high);
  if (lowText && highText && low && high) {
    const sameUnit = unitOf(low) === unitOf(high);
    return rangeBetween(sameUnit ? (formatNumber(low.value) ?? lowText) : lowText, highText);
  }
  if (lowText) return rangeAtLeast(lowText);
  if (highText) return rangeUpTo(highText);
  return undefined;
}
