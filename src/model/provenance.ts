/**
 * Who recorded something: in a shared record every row names the organisation it came from, by
 * name and ODS code, so a clinician can judge it. References are resolved when the caller can
 * (contained resources always); otherwise the reference's own `display` and `identifier` speak.
 */
import type { PractitionerRole, Reference, Resource } from 'fhir/r4';
import { organisationSummary, odsCodeOf } from '../format/organisation.js';
import { isObject, objects, text, token } from '../format/values.js';

/** Looks up a referenced resource; returns `undefined` when it is not to hand. */
export type Resolve = (reference: Reference) => Resource | undefined;

/**
 * The kind of setting withheld from a restricted (S-flagged) record (see `restricted-record.ts`):
 * a GP practice, a pharmacy or a location. The kind is shown; the name and ODS code are not.
 */
export type WithheldKind = 'gp-practice' | 'pharmacy' | 'location';

export interface Provenance {
  name?: string;
  ods?: string;
  /** `Name (ODS)` when anything is known; the neutral label when `withheld`. */
  display?: string;
  /** The reference followed, so an element can resolve it later and fill in the name. */
  reference?: Reference;
  /**
   * Set for a restricted record when the organisation is withheld: `display` is then the neutral
   * label (`GP practice (withheld: restricted record)`), and there is no name, ODS code or reference.
   */
  withheld?: WithheldKind;
}

/** The resource a reference points at: a contained one (`#id`), else whatever `resolve` returns. */
export function resolveReference(
  reference: unknown,
  resolve?: Resolve,
  container?: unknown,
): Resource | undefined {
  if (!isObject(reference)) return undefined;
  // Ids are matched exactly as sent: cleaning could point the reference at a different resource.
  const ref = token(reference.reference);
  if (ref?.startsWith('#')) {
    const id = ref.slice(1);
    const contained = isObject(container) ? objects<Resource>(container.contained) : [];
    return contained.find((r) => r.id === id);
  }
  if (!resolve) return undefined;
  try {
    const resolved = resolve(reference as Reference);
    return isObject(resolved) && typeof resolved.resourceType === 'string' ? resolved : undefined;
  } catch {
    // A failing resolver only means the name is not to hand; the reference still speaks.
    return undefined;
  }
}

/** `Organization/1`, an absolute URL, or a conditional `Organization?identifier=…` (Synthea writes those). */
function pointsAtOrganisation(reference: Record<string, unknown>): boolean {
  const ref = token(reference.reference) ?? '';
  return (
    reference.type === 'Organization' ||
    /(^|\/)Organization[/?]/.test(ref) ||
    odsCodeOf(reference) !== undefined
  );
}

/** A reference to a person (by `type` or path): their name says who, not where it was recorded. */
export function pointsAtPerson(reference: Record<string, unknown>): boolean {
  const type =
    text(reference.type) ?? /(?:^|\/)([A-Za-z]+)[/?][^/]*$/.exec(token(reference.reference) ?? '')?.[1];
  return (
    type !== undefined && ['Practitioner', 'PractitionerRole', 'Patient', 'RelatedPerson'].includes(type)
  );
}

/**
 * The summary of each Organization met, per resource: thousands of rows name a few organisations,
 * and share one name and one `Name (ODS)` text. Kept with the fields it was made from; a WeakMap,
 * so it goes with the resources.
 */
const summaries = new WeakMap<
  Resource,
  { name: unknown; identifier: unknown; summary: ReturnType<typeof organisationSummary> }
>();

function summaryOf(organisation: Resource): ReturnType<typeof organisationSummary> {
  const { name, identifier } = organisation as { name?: unknown; identifier?: unknown };
  const cached = summaries.get(organisation);
  if (cached && cached.name === name && cached.identifier === identifier) return cached.summary;
  const summary = organisationSummary(organisation);
  summaries.set(organisation, { name, identifier, summary });
  return summary;
}

/**
 * The organisation behind a reference: an Organization itself, or the organisation of a
 * PractitionerRole. `undefined` when the reference is to a person with no organisation known.
 */
export function organisationOf(
  reference: unknown,
  resolve?: Resolve,
  container?: unknown,
): Provenance | undefined {
  if (!isObject(reference)) return undefined;
  const resolved = resolveReference(reference, resolve, container);
  if (resolved?.resourceType === 'Organization') {
    return { ...summaryOf(resolved), reference: reference as Reference };
  }
  if (resolved?.resourceType === 'PractitionerRole') {
    return organisationOf((resolved as PractitionerRole).organization, resolve, resolved);
  }
  if (!resolved && pointsAtOrganisation(reference)) {
    return { ...organisationSummary(reference), reference: reference as Reference };
  }
  return undefined;
}
