import type { Identifier, Resource } from 'fhir/r4';
import { parseReference, typeIdKey } from '../format/references.js';
import { splitOr } from './search-params.js';

/** What the search needs from the Bundle it runs over: reference resolution and resource keys. */
export interface ReferenceContext {
  /** The resource `reference` points at, resolved as it appears in `from` (or as a search value). */
  locate(reference: string, from?: Resource): Resource | undefined;
  /** The keys a resource is known by: `Type/id` and its entry's `fullUrl`. */
  keysOf(resource: Resource): string[];
  /**
   * What a relative reference inside `resource` resolves against (its entry's server base), or
   * `undefined`: references written alike in resources with the same base resolve alike.
   */
  baseOf(resource: Resource): string | undefined;
}

type Fields = Record<string, unknown>;

/** Where each resource keeps its "natural" date, most specific first. */
const DATE_FIELDS = [
  'effectiveDateTime',
  'effectiveInstant',
  'effectivePeriod',
  'period',
  'authoredOn',
  'occurrenceDateTime',
  'occurrencePeriod',
  'performedDateTime',
  'performedPeriod',
  'onsetDateTime',
  'onsetPeriod',
  'recordedDate',
  'dateAsserted',
  'whenHandedOver',
  'whenPrepared',
  'date',
  'issued',
  'created',
  'billablePeriod',
  'start',
];
/** Types whose FHIR `date` search parameter means something other than the generic order above. */
const DATE_FIELDS_BY_TYPE: Record<string, string[]> = {
  AllergyIntolerance: ['recordedDate', 'onsetDateTime', 'onsetPeriod'],
  Condition: ['recordedDate'],
};

/**
 * The date a record is sorted and filtered by: Encounter `period.start`, MedicationRequest
 * `authoredOn`, MedicationStatement `effective[x]` then `dateAsserted`, Observation `effective[x]`
 * then `issued`, AllergyIntolerance and Condition `recordedDate`, Immunization `occurrence[x]`, and so on.
 */
export function naturalDate(resource: Resource): string | undefined {
  const fields = resource as unknown as Fields;
  for (const name of DATE_FIELDS_BY_TYPE[resource.resourceType] ?? DATE_FIELDS) {
    const value = fields[name];
    if (typeof value === 'string' && value !== '') return value;
    const start = (value as { start?: unknown } | undefined)?.start;
    if (typeof start === 'string' && start !== '') return start;
  }
  return undefined;
}

/**
 * The instants a FHIR date covers, `[from, to)` in epoch milliseconds: `2019` is the whole year,
 * `2019-03-04` the whole (UTC) day, a dateTime one second (or the given fraction).
 */
export function dateRange(value: string): [number, number] | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  if (match) {
    const [, y, m, d] = match;
    const year = Number(y);
    if (m === undefined) return [Date.UTC(year, 0), Date.UTC(year + 1, 0)];
    if (d === undefined) return [Date.UTC(year, Number(m) - 1), Date.UTC(year, Number(m))];
    const from = Date.UTC(year, Number(m) - 1, Number(d));
    return [from, from + 86_400_000];
  }
  const from = Date.parse(value);
  if (Number.isNaN(from)) return undefined;
  return [from, from + (/\.\d+/.test(value) ? 1 : 1000)];
}

/** A FHIR date search value (`ge2020`, `lt2021-03-04`, `2020-05`) against a resource's range. */
function matchesDate(search: string, target: [number, number]): boolean {
  const [, prefix = 'eq', text] = /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(.*)$/.exec(search) ?? [];
  const range = dateRange(text);
  if (!range) return true;
  const [lo, hi] = range;
  const [from, to] = target;
  const within = from >= lo && to <= hi;
  switch (prefix) {
    case 'ne':
      return !within;
    case 'gt':
      return to > hi;
    case 'lt':
      return from < lo;
    case 'ge':
      return to > hi || within;
    case 'le':
      return from < lo || within;
    case 'sa':
      return from >= hi;
    case 'eb':
      return to <= lo;
    case 'ap':
      return from < hi && to > lo;
    default:
      return within;
  }
}

function identifierMatches(identifiers: unknown, search: string): boolean {
  const list = (Array.isArray(identifiers) ? identifiers : [identifiers]) as (Identifier | undefined)[];
  const bar = search.indexOf('|');
  const system = bar < 0 ? undefined : search.slice(0, bar);
  const value = bar < 0 ? search : search.slice(bar + 1);
  return list.some(
    (one) =>
      !!one &&
      (system === undefined || (system === '' ? !one.system : one.system === system)) &&
      (value === '' || one.value === value),
  );
}

/** The keys a reference is known by when it does not resolve inside the Bundle. */
function textKeys(reference: string): string[] {
  const parsed = parseReference(reference);
  switch (parsed.kind) {
    case 'relative':
      return [typeIdKey(parsed.type, parsed.id)];
    case 'absolute':
      return parsed.type && parsed.id ? [parsed.url, typeIdKey(parsed.type, parsed.id)] : [parsed.url];
    case 'urn':
      return [parsed.urn];
    default:
      return [reference];
  }
}

/**
 * A matcher for a reference search value (`Patient/123`, a bare `123`, a full URL or a
 * `urn:uuid:`) against references as they appear in resources: both sides are resolved in the
 * Bundle, and compared by what they point at, or by `Type/id` when they point outside it.
 */
function referenceMatcher(search: string, context: ReferenceContext, type?: string) {
  const value = /^[^/:#?]+$/.test(search) ? `${type ?? 'Patient'}/${search}` : search;
  const target = context.locate(value);
  const targetKeys = target ? context.keysOf(target) : textKeys(value);
  const ofType = (resource: Resource | undefined, keys: string[]) =>
    type === undefined ||
    (resource
      ? resource.resourceType === type
      : keys.some((key) => key.startsWith(`${type}/`) || key.startsWith('urn:')));
  if (!ofType(target, targetKeys)) return () => false;
  const matches = (reference: string, from: Resource): boolean => {
    const resolved = context.locate(reference, from);
    if (resolved && target) return resolved === target;
    const keys = resolved ? context.keysOf(resolved) : textKeys(reference);
    return ofType(resolved, keys) && keys.some((key) => targetKeys.includes(key));
  };
  // Thousands of records name the same few references: each (base, reference) is resolved once.
  // A contained one (`#id`) depends on the resource it is in, so it is resolved every time.
  const known = new Map<string, boolean>();
  return (reference: unknown, from: Resource): boolean => {
    if (typeof reference !== 'string') return false;
    if (/^\s*#/.test(reference)) return matches(reference, from);
    const key = `${context.baseOf(from) ?? ''} ${reference}`;
    let answer = known.get(key);
    if (answer === undefined) known.set(key, (answer = matches(reference, from)));
    return answer;
  };
}

const REFERENCE_FIELDS: Record<string, { fields: string[]; type?: string }> = {
  patient: { fields: ['patient', 'subject', 'beneficiary'], type: 'Patient' },
  subject: { fields: ['subject'] },
};

/** Parameters that shape the result rather than filter it; the source handles them. */
const CONTROL = new Set([
  '_count',
  '_offset',
  '_sort',
  '_summary',
  '_include',
  '_revinclude',
  '_elements',
  '_total',
  '_format',
]);

/**
 * The filter for one search parameter and its values (AND across repeated values, OR across
 * comma-separated ones), or `undefined` for a parameter this search does not support, which
 * is then ignored.
 */
function filterFor(name: string, values: string[], context: ReferenceContext) {
  const [base, modifier] = name.split(':');
  const fields = REFERENCE_FIELDS[base];
  if (fields && modifier === undefined) {
    const matchers = values.map((value) =>
      splitOr(value).map((one) => referenceMatcher(one, context, fields.type)),
    );
    return (resource: Resource) => {
      const record = resource as unknown as Fields;
      const references: unknown[] = [];
      for (const field of fields.fields) {
        for (const ref of [record[field]].flat())
          references.push((ref as { reference?: unknown } | undefined)?.reference);
      }
      return matchers.every((any) => any.some((matches) => references.some((ref) => matches(ref, resource))));
    };
  }
  const tokens =
    (test: (resource: Resource, value: string) => boolean, negate = false) =>
    (resource: Resource) =>
      values.every((value) => splitOr(value).some((one) => test(resource, one)) !== negate);
  if (base === '_id' && modifier === undefined) return tokens((resource, value) => resource.id === value);
  if (base === 'identifier' && modifier === undefined) {
    return tokens((resource, value) => identifierMatches((resource as unknown as Fields).identifier, value));
  }
  if (base === 'status' && (modifier === undefined || modifier === 'not')) {
    return tokens((resource, value) => (resource as unknown as Fields).status === value, modifier === 'not');
  }
  if (base === 'date' && modifier === undefined) {
    return (resource: Resource) => {
      const date = naturalDate(resource);
      const range = date === undefined ? undefined : dateRange(date);
      return !!range && values.every((value) => splitOr(value).some((one) => matchesDate(one, range)));
    };
  }
  return undefined;
}

/**
 * Whether a resource matches `params`. Supported: `patient` and `subject` (reference in any form),
 * `identifier` (`system|value`, `value`, `|value`, `system|`), `_id`, `status` (and `status:not`),
 * `date` (with the FHIR prefixes, on the natural date). Any other parameter or modifier is ignored.
 */
export function searchFilter(
  params: ReadonlyMap<string, string[]>,
  context: ReferenceContext,
): (resource: Resource) => boolean {
  const filters = [...params]
    .filter(([name]) => !CONTROL.has(name))
    .map(([name, values]) => filterFor(name, values, context))
    .filter((filter) => filter !== undefined);
  return (resource) => filters.every((filter) => filter(resource));
}

/** The resources that match `params` (see `searchFilter`). */
export function filterResources<T extends Resource>(
  resources: readonly T[],
  params: ReadonlyMap<string, string[]>,
  context: ReferenceContext,
): T[] {
  return resources.filter(searchFilter(params, context));
}

/**
 * Sorts by the first `_sort` key this search knows (`date`, `authoredon`, `effective` and
 * `recorded-date` all on the record's natural date; `_lastUpdated`; `-` for descending);
 * records without the date go last either way; ties keep Bundle order.
 */
export function sortResources<T extends Resource>(resources: readonly T[], sort: string | undefined): T[] {
  const key = (sort ?? '')
    .split(',')
    .map((one) => one.trim())
    .find((one) => /^-?(date|authoredon|effective|recorded-date|_lastUpdated)$/.test(one));
  if (!key) return [...resources];
  const descending = key.startsWith('-');
  const dateOf = key.endsWith('_lastUpdated') ? (r: T) => r.meta?.lastUpdated : naturalDate;
  const keyed = resources.map((resource) => {
    const date = dateOf(resource);
    return { resource, at: date === undefined ? undefined : dateRange(date)?.[0] };
  });
  return keyed
    .sort((a, b) => {
      if (a.at === undefined || b.at === undefined) return a.at === b.at ? 0 : a.at === undefined ? 1 : -1;
      return descending ? b.at - a.at : a.at - b.at;
    })
    .map(({ resource }) => resource);
}
