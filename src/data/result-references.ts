import type { DiagnosticReport, Observation, Resource } from 'fhir/r4';
import { objects } from '../format/values.js';
import type { Withholding } from '../model/restricted-record.js';
import { followResult, observationReferences, reportReferences } from './queries.js';
import type { RecordSource } from './record-source.js';
import { resolveReferences, type ReferenceLookup } from './resolve-references.js';
import { checkReachedSubjects, type PatientIdentity } from './subject.js';

export interface ResultReferencesOptions {
  /** What came with the searches (`_include`s) and the Observations read: looked up before the source. */
  included: readonly Resource[];
  identity: PatientIdentity;
  withholding?: Withholding;
  signal?: AbortSignal;
  /** What earlier pages led to: each reference is followed once across pages. */
  previous?: ReferenceLookup;
}

/**
 * Follows what reports and lone Observations name (results, panel members, performers; a
 * restricted record's practice never) and refuses the answer if a result reached names another
 * patient. The results list calls it a page at a time, the summary once.
 */
export async function resolveResultReferences(
  source: RecordSource,
  reports: readonly DiagnosticReport[],
  observations: readonly Observation[],
  { included, identity, withholding, signal, previous }: ResultReferencesOptions,
): Promise<ReferenceLookup> {
  const references = [...reports.flatMap(reportReferences), ...observations.flatMap(observationReferences)];
  const resolve = await resolveReferences(source, references, {
    included,
    signal,
    follow: followResult,
    withholding,
    previous,
    rounds: 3,
  });
  const reached = references
    .map(({ reference }) => resolve(reference))
    .filter((resource) => resource?.resourceType === 'Observation');
  checkReachedSubjects(objects(reached), identity, 'Observation');
  return resolve;
}
