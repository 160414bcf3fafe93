import type {
  AllergyIntolerance,
  Condition,
  DiagnosticReport,
  Composition,
  DocumentReference,
  Encounter,
  Immunization,
  List,
  Location,
  MedicationRequest,
  MedicationStatement,
  Observation,
  PractitionerRole,
  Reference,
  Resource,
} from 'fhir/r4';
import { parseReference } from '../format/references.js';
import { isObject, objects, text } from '../format/values.js';
import type { MedicationResource } from '../model/medication-rows.js';
import { pointsAtPerson } from '../model/provenance.js';
import { isWithheldReference, type Withholding } from '../model/restricted-record.js';
import { dateKey, type StreamEdge } from '../model/streams.js';
import type { Pager } from './pager.js';
import type { SearchParams } from './record-source.js';
import type { ReferenceToResolve } from './resolve-references.js';

/**
 * What one section asks the record for: the resource type, its sort (newest first, so the rows
 * read first are the rows shown first) and what comes alongside. The `patient` parameter is never
 * part of it: the `Pager` adds it from the patient shown.
 */
export interface SectionQuery<T extends Resource = Resource> {
  type: T['resourceType'];
  params: SearchParams;
  /** The date the server sorts by (newest first): rows newer than every search's last are in their final place. */
  dateOf?(resource: T): unknown;
}

/**
 * Where each of a section's searches has got to, for `settledRows`: whether it is done, and the
 * sort key of the last row it sent (rows newer than every edge are in their final place).
 */
export function streamEdges<T extends Resource>(
  pagers: readonly Pager<T>[],
  queries: readonly SectionQuery<T>[],
): StreamEdge[] {
  return pagers.map((pager, index) => {
    const last = pager.resources[pager.resources.length - 1];
    return { done: pager.done, last: last ? dateKey(queries[index].dateOf?.(last)) : undefined };
  });
}

/**
 * `_count` of a section's first page: enough to fill the screen, and few enough rows that they are
 * drawn at once (100 took a long task to lay out on a slow machine; `npm run bench`).
 */
export const FIRST_PAGE_SIZE = 50;
/** `_count` of the pages after it, while the rest streams in. */
export const NEXT_PAGE_SIZE = 1000;
/**
 * `_count` of later pages from a source that answers from memory (a Bundle): each page redraws the
 * list and works out its views again, and the rows of a page are made in slices anyway, so fewer,
 * larger pages load a long record sooner (10,000 encounters: about 0.15 s; `npm run bench`).
 */
export const IN_MEMORY_NEXT_PAGE_SIZE = 5000;

/**
 * Medicines: MedicationRequests by date authored and MedicationStatements by date taken, each with
 * its Medication and who recorded it (the requester, the statement's source), so the first rows
 * need no further reads. A restricted record asks only for the Medication: who recorded it may be
 * its GP practice, which it must never request.
 */
export function medicationQueries(
  restricted: boolean,
): [SectionQuery<MedicationRequest>, SectionQuery<MedicationStatement>] {
  return [
    {
      type: 'MedicationRequest',
      params: {
        _sort: '-authoredon',
        _include: restricted
          ? 'MedicationRequest:medication'
          : ['MedicationRequest:medication', 'MedicationRequest:requester'],
      },
      dateOf: (request) => request.authoredOn,
    },
    {
      type: 'MedicationStatement',
      params: {
        _sort: '-effective',
        _include: restricted
          ? 'MedicationStatement:medication'
          : ['MedicationStatement:medication', 'MedicationStatement:source'],
      },
      dateOf: (statement) => statement.effectiveDateTime ?? statement.effectivePeriod?.start,
    },
  ];
}

/**
 * Encounters, newest first, with the providing organisation, the people and the locations. A
 * restricted record asks for nothing alongside: an include would bring back the GP practice, its
 * clinicians and locations, which it must never request.
 */
export function encounterQuery(restricted: boolean): SectionQuery<Encounter> {
  return {
    type: 'Encounter',
    params: {
      _sort: '-date',
      ...(restricted
        ? {}
        : { _include: ['Encounter:service-provider', 'Encounter:practitioner', 'Encounter:location'] }),
    },
    dateOf: (encounter) => encounter.period?.start,
  };
}

/** SNOMED CT "Allergies and adverse reactions": the GP Connect / UK Core allergy List. */
export const ALLERGY_LIST_CODE = '886921000000105';

/**
 * Allergies (the allergy list and the banner's allergy status): AllergyIntolerances, newest
 * recorded first, and the allergy List, which says why there are none (nil known, not recorded).
 */
export function allergyQueries(): [SectionQuery<AllergyIntolerance>, SectionQuery<List>] {
  return [
    {
      type: 'AllergyIntolerance',
      params: { _sort: '-date' },
      dateOf: (allergy) => allergy.recordedDate,
    },
    { type: 'List', params: { code: `http://snomed.info/sct|${ALLERGY_LIST_CODE}` } },
  ];
}

/**
 * Immunisations, newest first, with the organisations that gave them and where. A restricted
 * record asks for nothing alongside: the performers may be its GP practice, and locations are
 * never requested.
 */
export function immunisationQuery(restricted: boolean): SectionQuery<Immunization> {
  return {
    type: 'Immunization',
    params: {
      _sort: '-date',
      ...(restricted ? {} : { _include: ['Immunization:performer', 'Immunization:location'] }),
    },
    dateOf: (immunization) => immunization.occurrenceDateTime,
  };
}

/**
 * Problems and diagnoses: Conditions, newest recorded first, with the encounter each came from and
 * (but for a restricted record, whose asserters may be its GP practice's people) who asserted it.
 */
export function problemQuery(restricted: boolean): SectionQuery<Condition> {
  return {
    type: 'Condition',
    params: {
      _sort: '-recorded-date',
      _include: restricted ? 'Condition:encounter' : ['Condition:encounter', 'Condition:asserter'],
    },
    dateOf: (condition) => condition.recordedDate,
  };
}

/**
 * Test results, newest first: DiagnosticReports with their result Observations (`_include`, so a
 * report's values come with it), and every Observation (those outside reports are shown alone).
 * The performing organisation comes alongside, except for a restricted record, which must never
 * request its GP practice.
 */
export function resultQueries(
  restricted: boolean,
): [SectionQuery<DiagnosticReport>, SectionQuery<Observation>] {
  const effective = (resource: DiagnosticReport | Observation) =>
    resource.effectiveDateTime ?? resource.effectivePeriod?.start;
  return [
    {
      type: 'DiagnosticReport',
      params: {
        _sort: '-date',
        _include: restricted
          ? 'DiagnosticReport:result'
          : ['DiagnosticReport:result', 'DiagnosticReport:performer'],
      },
      dateOf: effective,
    },
    {
      type: 'Observation',
      params: { _sort: '-date', ...(restricted ? {} : { _include: 'Observation:performer' }) },
      dateOf: (observation) => effective(observation) ?? observation.effectiveInstant,
    },
  ];
}

/**
 * Letters and documents: DocumentReferences and Compositions, newest first, with who wrote them
 * and the organisation that holds them. A restricted record asks for nothing alongside (an include
 * would bring back the GP practice and its clinicians).
 */
export function documentQueries(
  restricted: boolean,
): [SectionQuery<DocumentReference>, SectionQuery<Composition>] {
  return [
    {
      type: 'DocumentReference',
      params: {
        _sort: '-date',
        ...(restricted ? {} : { _include: ['DocumentReference:author', 'DocumentReference:custodian'] }),
      },
      dateOf: (reference) => reference.date,
    },
    {
      type: 'Composition',
      params: { _sort: '-date', ...(restricted ? {} : { _include: 'Composition:author' }) },
      dateOf: (composition) => composition.date,
    },
  ];
}

// --- What each section's rows follow ------------------------------------------------------------

const ORGANISATION_TYPES = new Set(['Organization', 'PractitionerRole']);

/** Whether following a reference can lead to an organisation (persons and patients cannot). */
function mayBeOrganisation(reference: Record<string, unknown>, ref: string): boolean {
  const declared = text(reference.type);
  if (declared) return ORGANISATION_TYPES.has(declared);
  const parsed = parseReference(ref);
  if (parsed.kind === 'relative' || parsed.kind === 'conditional') return ORGANISATION_TYPES.has(parsed.type);
  if (parsed.kind === 'absolute') return parsed.type === undefined || ORGANISATION_TYPES.has(parsed.type);
  return parsed.kind === 'urn';
}

/** An organisation reference worth following from `from`: one that may lead to an organisation. */
function organisationReference(reference: unknown, from: Resource): ReferenceToResolve[] {
  if (!isObject(reference)) return [];
  const ref = text(reference.reference);
  return ref && mayBeOrganisation(reference, ref) ? [{ reference: reference as Reference, from }] : [];
}

/** What a medication line follows: its Medication and the organisation that recorded it (never people). */
export function medicationReferences(resource: MedicationResource): ReferenceToResolve[] {
  const medication = isObject(resource.medicationReference) ? resource.medicationReference : undefined;
  const candidates: unknown[] =
    resource.resourceType === 'MedicationStatement'
      ? [resource.informationSource]
      : [resource.requester, resource.recorder, resource.performer];
  return [
    ...(medication ? [{ reference: medication, from: resource }] : []),
    ...candidates.flatMap((candidate) => organisationReference(candidate, resource)),
  ];
}

/** What an allergy follows: the organisation behind its recorder or asserter (never people). */
export function allergyReferences(allergy: AllergyIntolerance): ReferenceToResolve[] {
  return [allergy.recorder, allergy.asserter].flatMap((candidate) =>
    organisationReference(candidate, allergy),
  );
}

/** A PractitionerRole (included, contained or read) leads on to its organisation. */
export function followRoleToOrganisation(found: Resource): ReferenceToResolve[] {
  return found.resourceType === 'PractitionerRole'
    ? organisationReference((found as PractitionerRole).organization, found)
    : [];
}

/**
 * What an encounter entry follows: provider, people, and the first location. For a restricted
 * record no location, and nobody seen at a withheld setting (their name leads to it); the caller's
 * `skip` keeps the withheld settings themselves from being requested.
 */
export function encounterReferences(
  encounter: Encounter,
  withholding: Withholding | undefined,
): ReferenceToResolve[] {
  const refs: unknown[] = [encounter.serviceProvider];
  if (!isWithheldReference(encounter.serviceProvider, withholding)) {
    for (const participant of objects<Record<string, unknown>>(encounter.participant))
      refs.push(participant.individual);
  }
  if (!withholding) {
    const first = objects<Record<string, unknown>>(encounter.location).find((l) => isObject(l.location));
    refs.push(first?.location);
  }
  return refs
    .filter((ref): ref is Reference => isObject(ref) && text(ref.reference) !== undefined)
    .map((reference) => ({ reference, from: encounter }));
}

/**
 * What a document follows: the organisation that holds it and whoever wrote it (people too: a
 * letter is signed by someone). For a restricted record, nobody who wrote it when it came from a
 * withheld setting (their name leads to it); the caller's `skip` keeps the settings themselves
 * from being requested.
 */
export function documentReferences(
  document: DocumentReference | Composition,
  withholding: Withholding | undefined,
): ReferenceToResolve[] {
  const custodian = isObject(document.custodian) ? [document.custodian] : [];
  const authors = objects<Reference>(document.author);
  const fromWithheld = [...custodian, ...authors].some((reference) =>
    isWithheldReference(reference, withholding),
  );
  return [...custodian, ...authors]
    .filter((reference) => text(reference.reference) !== undefined)
    .filter((reference) => !fromWithheld || !pointsAtPerson(reference as Record<string, unknown>))
    .map((reference) => ({ reference: reference as Reference, from: document }));
}

/** A PractitionerRole names its practitioner through one more reference. */
export function followRoleToPractitioner(found: Resource): ReferenceToResolve[] {
  if (found.resourceType !== 'PractitionerRole') return [];
  const reference = (found as PractitionerRole).practitioner;
  return isObject(reference) && text(reference.reference) ? [{ reference, from: found }] : [];
}

/**
 * What an immunisation entry follows: the performers that may be organisations, and (never for a
 * restricted record) the location, whose managing organisation `followToOrganisation` reaches.
 */
export function immunisationReferences(
  immunization: Immunization,
  withholding: Withholding | undefined,
): ReferenceToResolve[] {
  const actors = objects<Record<string, unknown>>(immunization.performer).map((performer) => performer.actor);
  const location = isObject(immunization.location) && text(immunization.location.reference);
  return [
    ...actors.flatMap((actor) => organisationReference(actor, immunization)),
    ...(location && !withholding
      ? [{ reference: immunization.location as Reference, from: immunization }]
      : []),
  ];
}

/** A PractitionerRole leads on to its organisation, a Location to the organisation that manages it. */
export function followToOrganisation(found: Resource): ReferenceToResolve[] {
  return found.resourceType === 'Location'
    ? organisationReference((found as Location).managingOrganization, found)
    : followRoleToOrganisation(found);
}

/**
 * What a problem row follows: the encounter it came from, and the organisation behind its
 * recorder or asserter (never people).
 */
export function problemReferences(condition: Condition): ReferenceToResolve[] {
  // GP Connect's STU3 Conditions name it `context`.
  const encounter = condition.encounter ?? (condition as { context?: unknown }).context;
  return [
    ...(isObject(encounter) && text(encounter.reference)
      ? [{ reference: encounter as Reference, from: condition }]
      : []),
    ...[condition.recorder, condition.asserter].flatMap((candidate) =>
      organisationReference(candidate, condition),
    ),
  ];
}

/**
 * What a report follows: its results (and what they list, through `followObservation`) and the
 * organisations that performed and interpreted it.
 */
export function reportReferences(report: DiagnosticReport): ReferenceToResolve[] {
  return [
    ...objects<Reference>(report.result)
      .filter((reference) => text(reference.reference) !== undefined)
      .map((reference) => ({ reference, from: report })),
    ...[...objects(report.performer), ...objects(report.resultsInterpreter)].flatMap((candidate) =>
      organisationReference(candidate, report),
    ),
  ];
}

/** A PractitionerRole leads on to its organisation, an Encounter to the organisation that provided it. */
export function followToProvider(found: Resource): ReferenceToResolve[] {
  return found.resourceType === 'Encounter'
    ? organisationReference((found as Encounter).serviceProvider, found)
    : followRoleToOrganisation(found);
}

/** What an Observation follows: the organisation that performed it and a panel's members. */
export function observationReferences(observation: Observation): ReferenceToResolve[] {
  return [
    ...objects(observation.performer).flatMap((candidate) => organisationReference(candidate, observation)),
    ...objects<Reference>(observation.hasMember)
      .filter((reference) => text(reference.reference) !== undefined)
      .map((reference) => ({ reference, from: observation })),
  ];
}

/** A result reached through a report leads on to its performer and members; a PractitionerRole to its organisation. */
export function followResult(found: Resource): ReferenceToResolve[] {
  return found.resourceType === 'Observation'
    ? observationReferences(found as Observation)
    : followRoleToOrganisation(found);
}
