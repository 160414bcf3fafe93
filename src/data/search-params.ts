import type { SearchParams } from './record-source.js';

/**
 * Search parameters as a query string: an array value repeats the parameter, `undefined` values
 * are left out, and the order of the keys is kept so equal searches give equal URLs (and share
 * one cached request).
 */
export function toQuery(params: SearchParams = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const values: ReadonlyArray<string | number> = Array.isArray(value) ? value : [value as string | number];
    for (const one of values) query.append(name, String(one));
  }
  return query.toString();
}

/** The inverse of `toQuery`: every value of a repeated parameter is kept, in order. */
export function fromQuery(query: string): SearchParams {
  const params: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(query)) (params[name] ??= []).push(value);
  return params;
}

/** Every value given for each parameter (a repeated parameter means AND), blanks dropped. */
export function paramValues(params: SearchParams = {}): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const list = (Array.isArray(value) ? value : [value]).map(String).filter((one) => one !== '');
    if (list.length > 0) values.set(name, list);
  }
  return values;
}

/** A comma in a token value means OR (`status=active,completed`); `\,` is a literal comma. */
export function splitOr(value: string): string[] {
  return value
    .split(/(?<!\\),/)
    .map((one) => one.replace(/\\,/g, ','))
    .filter((one) => one !== '');
}
