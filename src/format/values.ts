/**
 * Defensive readers for data that claims to be FHIR but may not be: every formatter reads through
 * these so that a null, a wrong type or a missing field gives `undefined`, never a throw.
 */
import { plainText } from './text.js';

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A server string to show: trimmed, without the bidi controls and invisible characters that could
 * reorder or hide what it says (see `plainText`), and non-empty; otherwise `undefined` (a value
 * that is only controls counts as blank).
 */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = plainText(value).trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * A trimmed, non-empty string exactly as sent (nothing removed), or `undefined`: for ids and
 * references, which are compared and never shown. Cleaning them could make two different ids
 * look equal, so they are never read through `text`.
 */
export function token(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A finite number (numeric strings accepted, as some servers send decimals as strings). */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** An array of the objects in `value` (a lone object counts as a one-item array). */
export function objects<T extends object>(value: unknown): T[] {
  if (Array.isArray(value)) return value.filter(isObject) as T[];
  return isObject(value) ? [value as T] : [];
}

/** The non-empty strings in `value` (a lone string counts as a one-item array). */
export function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map(text).filter((s): s is string => s !== undefined);
}

/** Extensions of `element` with the given `url`. */
export function extensionsOf(element: unknown, url: string): Record<string, unknown>[] {
  if (!isObject(element)) return [];
  return objects<Record<string, unknown>>(element.extension).filter((e) => e.url === url);
}

export function extensionOf(element: unknown, url: string): Record<string, unknown> | undefined {
  return extensionsOf(element, url)[0];
}

const lists = new Map<string, readonly string[]>();

/**
 * One frozen copy of each list of names (`['endDate']`, `[]`), shared by every model that lists
 * them: thousands of rows each missing the same field keep one list, not one each. For lists of
 * field names only, never of values from a record.
 */
export function sharedList(names: readonly string[]): readonly string[] {
  const key = names.join('\n');
  let shared = lists.get(key);
  if (!shared) lists.set(key, (shared = Object.freeze([...names])));
  return shared;
}

/**
 * A pool that keeps one copy of each text given to it: a list of thousands of rows naming a few
 * drugs keeps a few names. It holds record text, so it belongs to one load and goes with it.
 */
export function textPool(): (text: string) => string {
  const pool = new Map<string, string>();
  return (text) => {
    const kept = pool.get(text);
    if (kept !== undefined) return kept;
    pool.set(text, text);
    return text;
  };
}
