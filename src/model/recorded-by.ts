/**
 * The organisation that recorded an entry, from the references a resource names for it (the first
 * that leads to an organisation wins). One rule for every section, restricted records included.
 */
import type { Reference } from 'fhir/r4';
import { isObject, text } from '../format/values.js';
import { organisationOf, pointsAtPerson, type Provenance, type Resolve } from './provenance.js';
import { withheldKindOf, withheldProvenance, type Withholding } from './restricted-record.js';

/**
 * `candidates` in order of preference (e.g. requester, recorder, performer). A restricted record's
 * withheld setting is named by kind only; a reference of unknown kind (a `urn:uuid:` not sent) may
 * still name where it came from; else the reference to resolve later.
 */
export function recordedBy(
  candidates: readonly unknown[],
  { resolve, withholding, container }: { resolve?: Resolve; withholding?: Withholding; container: unknown },
): Provenance | undefined {
  const references = candidates.filter(isObject);
  for (const reference of references) {
    const withheld = withheldKindOf(reference, withholding, { resolve, container });
    if (withheld) return withheldProvenance(withheld);
    const organisation = organisationOf(reference, resolve, container);
    if (organisation) return organisation;
  }
  const other = references.find((reference) => !pointsAtPerson(reference));
  const display = text(other?.display);
  if (other) return { reference: other as Reference, ...(display ? { name: display, display } : {}) };
  return references[0] ? { reference: references[0] as Reference } : undefined;
}
