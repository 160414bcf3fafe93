/**
 * Restricted (S-flagged) records: `meta.security` restricted (`R`) or very restricted (`V`)
 * confidentiality. Such a record never shows where the patient can be found.
 */
import { isObject, objects } from './values.js';

const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

export function isRestricted(resource: unknown): boolean {
  if (!isObject(resource) || !isObject(resource.meta)) return false;
  return objects<Record<string, unknown>>(resource.meta.security).some(
    (c) => c.system === CONFIDENTIALITY && (c.code === 'R' || c.code === 'V'),
  );
}
