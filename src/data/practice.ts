import type { Organization, Patient, PractitionerRole, Reference } from 'fhir/r4';
import { isAbortError } from './record-error.js';
import type { RecordSource } from './record-source.js';

/** The registered GP practice as far as it could be found. */
export type PracticeResult =
  | { status: 'none' }
  | { status: 'found'; organisation: Organization }
  /** The reference could not be followed (a failed request); its own `display` may still speak. */
  | { status: 'failed'; display?: string };

/**
 * The registered GP practice: the first `generalPractitioner` that leads to an Organization, itself
 * or through a PractitionerRole. A reference that cannot be followed is told apart from none (the
 * banner says "could not be loaded"). Never called for a restricted record.
 */
export async function registeredPractice(
  source: RecordSource,
  patient: Patient,
  signal: AbortSignal,
): Promise<PracticeResult> {
  const references = (Array.isArray(patient.generalPractitioner) ? patient.generalPractitioner : []).filter(
    (ref): ref is Reference => typeof ref === 'object' && ref !== null,
  );
  let failed: PracticeResult | undefined;
  for (const reference of references) {
    try {
      const resolved = await source.resolve(reference, { from: patient, signal });
      if (resolved?.resourceType === 'Organization') return { status: 'found', organisation: resolved };
      if (resolved?.resourceType === 'PractitionerRole') {
        const role = resolved as PractitionerRole;
        const organisation = role.organization
          ? await source.resolve(role.organization, { from: role, signal })
          : undefined;
        if (organisation?.resourceType === 'Organization') return { status: 'found', organisation };
      }
    } catch (error) {
      if (isAbortError(error)) throw error;
      failed ??= { status: 'failed', ...(reference.display ? { display: reference.display } : {}) };
    }
  }
  return failed ?? { status: 'none' };
}
