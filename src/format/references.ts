/**
 * FHIR `Reference.reference` strings, told apart without fetching anything: pure, so `model/` can
 * read references as well as the sources in `data/`. Resolving them against the page or a server
 * is `data/`'s work (`data/references.ts`).
 */

/** The forms a FHIR `Reference.reference` takes, told apart once so each source can resolve them. */
export type ParsedReference =
  /** `#id` points into the referring resource's `contained`; `#` alone is the container itself. */
  | { kind: 'contained'; id: string }
  /** `urn:uuid:…` / `urn:oid:…`: only an entry with that `fullUrl` in the same Bundle can answer. */
  | { kind: 'urn'; urn: string }
  /** `Type?search` (Synthea writes `Organization?identifier=system|value`). */
  | { kind: 'conditional'; type: string; query: string }
  /** `Type/id` or `Type/id/_history/version`, relative to the server base. */
  | { kind: 'relative'; type: string; id: string; version?: string }
  /** An absolute URL; `base`, `type` and `id` are set when it ends in `Type/id`. */
  | { kind: 'absolute'; url: string; base?: string; type?: string; id?: string; version?: string }
  | { kind: 'invalid' };

const TYPE = '[A-Z][A-Za-z]+';
const ID = '[^/?#\\s]+';
const RELATIVE = new RegExp(`^(${TYPE})/(${ID})(?:/_history/(${ID}))?$`);
const ABSOLUTE_TAIL = new RegExp(`^(.*/)(${TYPE})/(${ID})(?:/_history/(${ID}))?$`);
const CONDITIONAL = new RegExp(`^(${TYPE})\\?(.*)$`);

export function parseReference(reference: string): ParsedReference {
  const ref = reference.trim();
  if (ref.startsWith('#')) return { kind: 'contained', id: ref.slice(1) };
  if (/^urn:(uuid|oid):/i.test(ref)) return { kind: 'urn', urn: ref };
  const conditional = CONDITIONAL.exec(ref);
  if (conditional) return { kind: 'conditional', type: conditional[1], query: conditional[2] };
  const relative = RELATIVE.exec(ref);
  if (relative) return { kind: 'relative', type: relative[1], id: relative[2], version: relative[3] };
  if (/^https?:\/\//i.test(ref)) {
    let url: URL;
    try {
      url = new URL(ref);
    } catch {
      return { kind: 'invalid' };
    }
    const tail = url.search || url.hash ? null : ABSOLUTE_TAIL.exec(url.href);
    return tail
      ? { kind: 'absolute', url: url.href, base: tail[1], type: tail[2], id: tail[3], version: tail[4] }
      : { kind: 'absolute', url: url.href };
  }
  return { kind: 'invalid' };
}

/** `Type/id`, the key both sources index resources by. */
export function typeIdKey(type: string, id: string): string {
  return `${type}/${id}`;
}
