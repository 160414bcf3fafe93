/**
 * A result's value, reference range and flag, as `<care-results>` shows them: a quantity with its
 * comparator and unit (`<5 mg/L`, `mmHg` for UCUM's `mm[Hg]`), words, a coded value, a blood
 * pressure as `120/80 mmHg`, or why there is no value (`dataAbsentReason`). The flag is the lab's
 * interpretation in words (High, Low, Critical high…); with none, a number outside its reference
 * range says `Above range` / `Below range`.
 */
import { codingsOf, formatCodeableConcept, hasCoding } from '../format/codes.js';
import { formatDate, formatDateTime } from '../format/dates.js';
import { formatNumber, formatRange, formatRatio } from '../format/quantity.js';
import { notKnown } from '../format/strings.js';
import { isObject, num, objects, text } from '../format/values.js';
import { msg, str } from '@lit/localize';

/** `critical`: act now (HH, LL, AA); `abnormal`: outside the normal range; `other`: a finding in words. */
export type FlagLevel = 'critical' | 'abnormal' | 'other';

export interface ResultFlag {
  /** The interpretation code as sent (`H`, `LL`, `POS`), or `above` / `below` when read from the range. */
  code: string;
  /** In words, never a colour alone: `High`, `Critical low`, `Above range`. */
  label: string;
  level: FlagLevel;
  /** The lab gave no interpretation: the value lies outside the reference range it gave. */
  derived?: boolean;
}

export interface ResultValue {
  /** As shown: `5.4 mmol/L`, `<5 mg/L`, `120/80 mmHg`, `Positive`, `No result: Haemolysed specimen`. */
  display: string;
  /** The number, when the value is one exactly (no comparator): what a trend plots. */
  number?: number;
  /** A value of two numbers (blood pressure): each with its name, for a trend's two lines. */
  parts?: { label: string; number: number }[];
  /** The unit as shown and as compared (`mmol/L`). */
  unit?: string;
  /** There is no value, and `display` says why. */
  absent?: boolean;
}

export interface ResultRange {
  /** `3.5 to 5.3 mmol/L`, `up to 4.5 mmol/L`, or the range's text. */
  display: string;
  low?: number;
  high?: number;
}

export interface ResultComponent {
  name: string;
  value: ResultValue;
  range?: ResultRange;
  flag?: ResultFlag;
}

const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
const UCUM = 'http://unitsofmeasure.org';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
/** LOINC and SNOMED CT codes of systolic and diastolic blood pressure. */
const SYSTOLIC = ['8480-6', '271649006', '72313002'];
const DIASTOLIC = ['8462-4', '271650006', '1091811000000102'];
/** v3 ObservationInterpretation codes in words, with how loud each is. */
const FLAGS: Record<string, [() => string, FlagLevel]> = {
  HH: [() => msg('Critical high'), 'critical'],
  LL: [() => msg('Critical low'), 'critical'],
  AA: [() => msg('Critical abnormal'), 'critical'],
  H: [() => msg('High'), 'abnormal'],
  L: [() => msg('Low'), 'abnormal'],
  HU: [() => msg('Very high'), 'abnormal'],
  LU: [() => msg('Very low'), 'abnormal'],
  A: [() => msg('Abnormal'), 'abnormal'],
  '>': [() => msg('Above the measurable range'), 'abnormal'],
  '<': [() => msg('Below the measurable range'), 'abnormal'],
  R: [() => msg('Resistant'), 'abnormal'],
  POS: [() => msg('Positive'), 'other'],
  NEG: [() => msg('Negative'), 'other'],
  DET: [() => msg('Detected'), 'other'],
  ND: [() => msg('Not detected'), 'other'],
  IND: [() => msg('Indeterminate'), 'other'],
  E: [() => msg('Equivocal'), 'other'],
  S: [() => msg('Susceptible'), 'other'],
  I: [() => msg('Intermediate'), 'other'],
};

/** `dataAbsentReason` codes in words. */
const ABSENT: Record<string, () => string> = {
  unknown: () => msg('Not known'),
  'asked-unknown': () => msg('Asked but not known'),
  'not-asked': () => msg('Not asked'),
  'not-performed': () => msg('Not performed'),
  'not-permitted': () => msg('Not permitted'),
  masked: () => msg('Withheld'),
  error: () => msg('Error'),
  'not-applicable': () => msg('Not applicable'),
  unsupported: () => msg('Not supported'),
  'as-text': () => msg('See note'),
  'negative-infinity': () => msg('Below the measurable range'),
  'positive-infinity': () => msg('Above the measurable range'),
};

/** UCUM codes that read better as their symbol (`mm[Hg]` → `mmHg`), whatever the `unit` says. */
const UNIT_SYMBOLS: Record<string, string> = {
  'mm[Hg]': 'mmHg',
  '10*9/L': '10⁹/L',
  '10*12/L': '10¹²/L',
  '10*6/L': '10⁶/L',
  '[lb_av]': 'lb',
  '[in_i]': 'in',
  Cel: '°C',
  '/min': '/min',
};

/** The unit as shown: a UCUM code's symbol when it has one, else the human unit, else the code. */
export function unitOf(quantity: Record<string, unknown>): string | undefined {
  const code = text(quantity.code);
  const unit = text(quantity.unit);
  const symbol = (code && UNIT_SYMBOLS[code]) ?? (unit && UNIT_SYMBOLS[unit]);
  if (symbol && (!text(quantity.system) || quantity.system === UCUM || !code)) return symbol;
  return unit ?? code;
}

function quantityValue(quantity: Record<string, unknown>): ResultValue | undefined {
  const value = formatNumber(quantity.value);
  if (value === undefined) return undefined;
  const comparator = text(quantity.comparator) ?? '';
  const unit = unitOf(quantity);
  const display = `${comparator}${value}${unit ? (unit === '%' ? '%' : ` ${unit}`) : ''}`;
  const number = num(quantity.value);
  return {
    display,
    ...(comparator === '' && number !== undefined ? { number } : {}),
    ...(unit ? { unit } : {}),
  };
}

function absentValue(reason: unknown): ResultValue {
  const concept = isObject(reason) ? reason : undefined;
  const code = codingsOf(concept)
    .map((c) => text(c.code))
    .find(Boolean);
  const words =
    text(concept?.text) ??
    (code ? ABSENT[code]?.() : undefined) ??
    formatCodeableConcept(concept) ??
    notKnown();
  return { display: msg(str`No result: ${words}`), absent: true };
}

/** The value of an Observation or a component: `value[x]`, else why it is absent. */
export function valueOf(element: Record<string, unknown>): ResultValue | undefined {
  if (isObject(element.valueQuantity)) {
    const value = quantityValue(element.valueQuantity);
    if (value) return value;
  }
  const words =
    text(element.valueString) ??
    formatCodeableConcept(element.valueCodeableConcept) ??
    (typeof element.valueBoolean === 'boolean'
      ? element.valueBoolean
        ? msg('Yes')
        : msg('No')
      : undefined) ??
    formatRange(element.valueRange) ??
    formatRatio(element.valueRatio) ??
    (element.valueDateTime !== undefined ? formatDateTime(element.valueDateTime) : undefined) ??
    text(element.valueTime) ??
    (isObject(element.valuePeriod)
      ? `${formatDate(element.valuePeriod.start)} – ${formatDate(element.valuePeriod.end)}`
      : undefined) ??
    (isObject(element.valueSampledData) ? msg('Sampled data (not shown here)') : undefined);
  if (words) return { display: words };
  const integer = num(element.valueInteger);
  if (integer !== undefined) return { display: formatNumber(integer)!, number: integer };
  if (element.dataAbsentReason !== undefined) return absentValue(element.dataAbsentReason);
  return undefined;
}

export function rangeOf(element: Record<string, unknown>): ResultRange | undefined {
  const range = objects<Record<string, unknown>>(element.referenceRange)[0];
  if (!range) return undefined;
  const low = isObject(range.low) ? num(range.low.value) : undefined;
  const high = isObject(range.high) ? num(range.high.value) : undefined;
  const withUnits = (q: unknown) => (isObject(q) ? { ...q, unit: unitOf(q) } : q);
  const display = text(range.text) ?? formatRange({ low: withUnits(range.low), high: withUnits(range.high) });
  if (!display) return undefined;
  return { display, ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}) };
}

export function flagOf(
  element: Record<string, unknown>,
  value: ResultValue | undefined,
  range?: ResultRange,
) {
  for (const concept of objects<Record<string, unknown>>(element.interpretation)) {
    const coding = codingsOf(concept).find((c) => text(c.code) && (!c.system || c.system === INTERPRETATION));
    const code = text(coding?.code)?.toUpperCase();
    if (code === 'N') return undefined;
    const known = code ? FLAGS[code] : undefined;
    if (known) return { code: code!, label: known[0](), level: known[1] } satisfies ResultFlag;
    const words = formatCodeableConcept(concept);
    if (words) return { code: code ?? words, label: words, level: 'other' } satisfies ResultFlag;
  }
  const n = value?.number;
  if (n === undefined || !range) return undefined;
  if (range.high !== undefined && n > range.high)
    return {
      code: 'above',
      label: msg('Above range'),
      level: 'abnormal',
      derived: true,
    } satisfies ResultFlag;
  if (range.low !== undefined && n < range.low)
    return {
      code: 'below',
      label: msg('Below range'),
      level: 'abnormal',
      derived: true,
    } satisfies ResultFlag;
  return undefined;
}

/** Every `system|code` of a concept, LOINC and SNOMED CT first. */
export function testCodes(concept: unknown): string[] {
  const rank = (system: string) => (system === LOINC ? 0 : system === SNOMED ? 1 : 2);
  return codingsOf(concept)
    .filter((c) => text(c.system) && text(c.code))
    .sort((a, b) => rank(String(a.system)) - rank(String(b.system)))
    .map((c) => `${text(c.system)}|${text(c.code)}`);
}

export function componentsOf(observation: { component?: unknown }): {
  value?: ResultValue;
  components: ResultComponent[];
} {
  const parts = objects<Record<string, unknown>>(observation.component).map((component) => {
    const value = valueOf(component) ?? { display: notKnown(), absent: true };
    const range = rangeOf(component);
    const flag = flagOf(component, value, range);
    return {
      name: formatCodeableConcept(component.code, { fallback: notKnown() }),
      value,
      ...(range ? { range } : {}),
      ...(flag ? { flag } : {}),
      concept: component.code,
    };
  });
  const systolic = parts.find((p) => hasCoding(p.concept, SYSTOLIC));
  const diastolic = parts.find((p) => hasCoding(p.concept, DIASTOLIC));
  const strip = ({ concept: _concept, ...part }: (typeof parts)[number]): ResultComponent => part;
  if (systolic?.value.number !== undefined && diastolic?.value.number !== undefined) {
    const unit = systolic.value.unit === diastolic.value.unit ? systolic.value.unit : undefined;
    const pair = `${formatNumber(systolic.value.number)}/${formatNumber(diastolic.value.number)}`;
    const others = parts.filter((p) => p !== systolic && p !== diastolic).map(strip);
    const numbers = [
      { label: msg('Systolic'), number: systolic.value.number },
      { label: msg('Diastolic'), number: diastolic.value.number },
    ];
    const value = { display: unit ? `${pair} ${unit}` : pair, parts: numbers, ...(unit ? { unit } : {}) };
    return { value, components: others };
  }
  return { components: parts.map(strip) };
}
