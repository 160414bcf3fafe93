/**
 * Organisations as provenance: `LEEDS TEACHING HOSPITALS NHS TRUST (RR8)`, with the ODS code from
 * `https://fhir.nhs.uk/Id/ods-organization-code`. Works on an Organization or on a Reference
 * (its `display` and logical `identifier`), so an unresolved reference still says who it was.
 */
import { isObject, objects, text } from './values.js';

export const ODS_ORGANISATION_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';

export interface OrganisationSummary {
  name?: string;
  ods?: string;
  /** `Name (ODS)`, the name or the ODS code alone when only one is known. */
  display: string;
}

/** The ODS code of an Organization, or of a Reference's logical identifier. */
export function odsCodeOf(organisationOrReference: unknown): string | undefined {
  if (!isObject(organisationOrReference)) return undefined;
  // Organization.identifier is a list; Reference.identifier is a single Identifier.
  return objects<Record<string, unknown>>(organisationOrReference.identifier)
    .filter((id) => id.system === ODS_ORGANISATION_SYSTEM)
    .map((id) => text(id.value))
    .find(Boolean)
    ?.toUpperCase();
}

/** `Name (ODS)`; `undefined` when neither a name nor an ODS code is known. */
export function formatOrganisation(organisationOrReference: unknown): string | undefined {
  return organisationSummary(organisationOrReference)?.display;
}

export function organisationSummary(organisationOrReference: unknown): OrganisationSummary | undefined {
  if (!isObject(organisationOrReference)) return undefined;
  const name = text(organisationOrReference.name) ?? text(organisationOrReference.display);
  const ods = odsCodeOf(organisationOrReference);
  if (!name && !ods) return undefined;
  const display = name && ods ? `${name} (${ods})` : (name ?? ods ?? '');
  return { ...(name ? { name } : {}), ...(ods ? { ods } : {}), display };
}
