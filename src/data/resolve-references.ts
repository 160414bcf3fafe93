import type { Reference, Resource } from 'fhir/r4';
import { parseReference, typeIdKey } from '../format/references.js';
import { isWithheldReference, type Withholding } from '../model/restricted-record.js';
import { isAbortError } from './record-error.js';
import type { RecordSource } from './record-source.js';

/** A reference to follow and the resource it was found in (its `contained`, its search page). */
export interface ReferenceToResolve {
  reference: Reference;
  from: Resource;
}

/**
 * What a reference led to, looked up synchronously (what the view models in `model/` take):
 * the resource, or `undefined` when it was not followed, could not be, or is contained (`#id`,
 * which the models find in the referring resource themselves).
 */
export type ReferenceLookup = (reference: Reference | string | undefined) => Resource | undefined;

export interface ResolveReferencesOptions {
  /** Resources the search sent alongside its matches (`SearchResult.included`): used without a request. */
  included?: readonly Resource[];
  signal?: AbortSignal;
  /**
   * The further references worth following from a resource a reference led to (a PractitionerRole's
   * organisation or practitioner). Called for every resource reached: included, contained or requested.
   */
  follow?: (found: Resource) => ReferenceToResolve[];
  /**
   * A restricted record's `withholdingFor(patient)`: references to its GP practice, pharmacies and
   * locations are never requested, nor followed on from what `included` holds (the models withhold
   * whatever they name by kind).
   */
  withholding?: Withholding;
  /**
   * What earlier pages of the same list resolved: a reference it answers is not followed again, and
   * the lookup returned falls back to it (so a list streaming in pages follows each reference once).
   */
  previous?: ReferenceLookup;
  /** Rounds of requests at most: the references given, then what `follow` named from the answers (default 2). */
  rounds?: number;
  /** Requests in flight at once (default 6). */
  concurrency?: number;
}

/** Requests in flight at once when the caller does not say. */
export const RESOLVE_CONCURRENCY = 6;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The reference string of a Reference (or of a string), trimmed; `undefined` when there is none. */
function referenceText(reference: unknown): string | undefined {
  const value = isObject(reference) ? reference.reference : reference;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The `Type/id` a relative, absolute or versioned reference names, when it names one. */
function typeIdOf(ref: string): string | undefined {
  const parsed = parseReference(ref);
  if (parsed.kind === 'relative') return typeIdKey(parsed.type, parsed.id);
  if (parsed.kind === 'absolute' && parsed.type && parsed.id) return typeIdKey(parsed.type, parsed.id);
  return undefined;
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/**
 * Follows the distinct references of a page of resources, so that view models can look them up
 * synchronously. Each distinct reference (by its text) is followed once: a contained one (`#id`)
 * is left to the model, one naming the `Type/id` of an `included` resource (relative, absolute or
 * versioned) is taken from there, and the rest go through `source.resolve` in parallel (at most
 * `concurrency` at a time). A reference that cannot be followed is left unresolved rather than
 * failing the load; a cancelled `signal` rejects with its `AbortError`.
 */
export async function resolveReferences(
  source: RecordSource,
  items: Iterable<ReferenceToResolve>,
  options: ResolveReferencesOptions = {},
): Promise<ReferenceLookup> {
  const { signal, follow, withholding, previous } = options;
  const rounds = options.rounds ?? 2;
  const concurrency = options.concurrency ?? RESOLVE_CONCURRENCY;

  const byTypeId = new Map<string, Resource>();
  for (const resource of options.included ?? []) {
    if (!isObject(resource) || typeof resource.resourceType !== 'string') continue;
    const id = referenceText(resource.id);
    if (id) byTypeId.set(typeIdKey(resource.resourceType, id), resource);
  }

  /** What each reference followed led to (`undefined`: it could not be followed). */
  const found = new Map<string, Resource | undefined>();
  const asked = new Set<string>();
  let pending = new Map<string, ReferenceToResolve>();

  const reached = (resource: Resource) => {
    if (follow) for (const next of follow(resource)) want(next);
  };
  function want(item: ReferenceToResolve): void {
    if (!isObject(item) || !isObject(item.reference)) return;
    const ref = referenceText(item.reference);
    if (!ref || asked.has(ref) || isWithheldReference(item.reference, withholding)) return;
    asked.add(ref);
    if (ref.startsWith('#')) {
      // Contained: the model finds it; what it points at may still lie outside.
      const id = ref.slice(1);
      const contained = isObject(item.from) && Array.isArray(item.from.contained) ? item.from.contained : [];
      const target = (contained as unknown[]).find((one): one is Resource => isObject(one) && one.id === id);
      if (target) reached(target);
      return;
    }
    const known = previous?.(item.reference);
    if (known) {
      found.set(ref, known);
      return;
    }
    const key = typeIdOf(ref);
    const local = key ? byTypeId.get(key) : undefined;
    if (local) {
      found.set(ref, local);
      reached(local);
    } else {
      pending.set(ref, item);
    }
  }

  for (const item of items) want(item);
  for (let round = 0; round < rounds && pending.size > 0; round++) {
    const batch = [...pending];
    pending = new Map();
    await eachLimited(batch, concurrency, async ([ref, { reference, from }]) => {
      let resource: Resource | undefined;
      try {
        resource = await source.resolve(reference, { from, signal });
      } catch (error) {
        if (isAbortError(error) || signal?.aborted) throw error;
        // An unresolvable reference only means its target is not to hand; the reference still speaks.
        resource = undefined;
      }
      const ok = isObject(resource) ? resource : undefined;
      found.set(ref, ok);
      if (ok) reached(ok);
    });
  }
  signal?.throwIfAborted();
  return lookupOf(found, byTypeId, previous);
}

/**
 * The lookup over what one call resolved, made apart from `resolveReferences` so that it keeps
 * only its answers: a streaming list holds every page's lookup, chained through `previous`.
 */
function lookupOf(
  found: ReadonlyMap<string, Resource | undefined>,
  byTypeId: ReadonlyMap<string, Resource>,
  previous: ReferenceLookup | undefined,
): ReferenceLookup {
  return (reference) => {
    const ref = referenceText(reference);
    if (!ref || ref.startsWith('#')) return undefined;
    if (found.has(ref)) return found.get(ref);
    const key = typeIdOf(ref);
    return (key ? byTypeId.get(key) : undefined) ?? previous?.(reference);
  };
}
