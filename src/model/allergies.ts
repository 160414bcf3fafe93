/**
 * Allergies and intolerances: one model for the allergy list and the banner's allergy status, so
 * the two can never disagree.
 *
 * - Entered-in-error and refuted entries are not allergies: neither is shown.
 * - "No known allergy" statements (SNOMED CT 716186003, 409137002, …) are statements, not allergies.
 *   A real, active allergy in a statement's scope that was recorded at or after it supersedes it
 *   (the statement is no longer shown). One recorded before it conflicts with it: both stay, flagged.
 * - A UK Core / GP Connect allergy List ("Allergies and adverse reactions") with no entries says why:
 *   nil known (`No known allergies`) or no content recorded (`Allergies not recorded`).
 * - Active (clinical status active or not given) first; inactive and resolved in Past.
 */
import type { AllergyIntolerance, List } from 'fhir/r4';
import { codeOf, formatClinicalTerm, formatCodeableConcept, hasCoding } from '../format/codes.js';
import { describeDate, type DateOptions, type FormattedDate } from '../format/dates.js';
import {
  allergiesKnown,
  allergiesNone,
  allergiesNotRecorded,
  allergiesUnavailable,
  notKnown,
} from '../format/strings.js';
import { isObject, objects, text, token } from '../format/values.js';
import type { Provenance, Resolve } from './provenance.js';
import { clinicalTime } from './clinical-time.js';
import { recordedBy } from './recorded-by.js';
import { withholdingOption, type Withholding } from './restricted-record.js';
import { msg } from '@lit/localize';

export type AllergyStatus = 'known' | 'none' | 'not-recorded' | 'unavailable';
export type AllergyView = 'active' | 'past';
export type AllergyCategory = 'food' | 'medication' | 'environment' | 'biologic';
/** What a "no known allergy" statement covers. */
export type NegationScope = AllergyCategory | 'all';

export interface AllergyReaction {
  /** What happened (`Urticaria, Wheeze`), `Not known` when not said. */
  manifestation: string;
  /** `Mild`, `Moderate`, `Severe`. */
  severity?: string;
}

export interface AllergyEntry {
  id: string;
  /** Unique in the list and the same on every page: the id, else the position read. */
  key: string;
  /** The substance (`CodeableConcept.text` before the coding's display), or the statement's words. */
  substance: string;
  /** Set on a "no known allergy" statement: what it says there is none of. */
  negation?: NegationScope;
  /** `Food`, `Medication`, … */
  categories: string[];
  /** `Allergy` or `Intolerance`. */
  type?: string;
  /** `High`, `Low`, `Unable to assess`. */
  criticality?: string;
  highCriticality: boolean;
  reactions: AllergyReaction[];
  /** When it started (a date, an age or the record's words). */
  onset?: string;
  recorded?: FormattedDate;
  /** `Unconfirmed` when the record says it is not confirmed; absent when confirmed or not said. */
  verification?: string;
  /** `Active`, `Inactive`, `Resolved`. */
  clinicalStatus?: string;
  view: AllergyView;
  recordedBy?: Provenance;
  /** Newest first by this (onset, else recorded date). */
  sortKey?: number;
  /** A statement and an allergy that contradict each other: both shown, flagged. */
  conflict: boolean;
  resource: AllergyIntolerance;
}

export interface AllergyRecord {
  active: AllergyEntry[];
  past: AllergyEntry[];
  status: AllergyStatus;
  /** A statement and an allergy contradict each other. */
  conflict: boolean;
  /** What an empty allergy List says, when the record sent one. */
  listSays?: 'nil-known' | 'not-recorded';
}

export interface AllergyOptions extends DateOptions {
  resolve?: Resolve;
  withholding?: Withholding;
  restricted?: boolean;
}

const SNOMED = 'http://snomed.info/sct';
/** SNOMED CT situations that assert the absence of allergies, with what each covers. */
const NEGATIONS: Record<string, NegationScope> = {
  '716186003': 'all', // No known allergy
  '409137002': 'medication', // No known drug allergy
  '429625007': 'food', // No known food allergy
  '428607008': 'environment', // No known environmental allergy
  '428197003': 'environment', // No known insect allergy
};
/** How each statement reads on the list, whatever words the record used (`NKA`, `… (situation)`). */
const NEGATION_LABELS: Record<string, () => string> = {
  '716186003': () => msg('No known allergies'),
  '409137002': () => msg('No known drug allergies'),
  '429625007': () => msg('No known food allergies'),
  '428607008': () => msg('No known environmental allergies'),
  '428197003': () => msg('No known insect allergies'),
};
/** SNOMED CT "Allergies and adverse reactions": the GP Connect / UK Core allergy List. */
const ALLERGY_LIST = '886921000000105';

const CATEGORY_LABELS: Record<AllergyCategory, () => string> = {
  food: () => msg('Food'),
  medication: () => msg('Medication'),
  environment: () => msg('Environment'),
  biologic: () => msg('Biologic'),
};
const CRITICALITY_LABELS: Record<string, () => string> = {
  high: () => msg('High'),
  low: () => msg('Low'),
  'unable-to-assess': () => msg('Unable to assess'),
};
const SEVERITY_LABELS: Record<string, () => string> = {
  mild: () => msg('Mild'),
  moderate: () => msg('Moderate'),
  severe: () => msg('Severe'),
};
const CLINICAL_LABELS: Record<string, () => string> = {
  active: () => msg('Active'),
  inactive: () => msg('Inactive'),
  resolved: () => msg('Resolved'),
};

export function allergyStatusLabel(status: AllergyStatus): string {
  switch (status) {
    case 'known':
      return allergiesKnown();
    case 'none':
      return allergiesNone();
    case 'not-recorded':
      return allergiesNotRecorded();
    default:
      return allergiesUnavailable();
  }
}

const isCategory = (value: unknown): value is AllergyCategory =>
  typeof value === 'string' && value in CATEGORY_LABELS;

function reactionsOf(allergy: AllergyIntolerance): AllergyReaction[] {
  return objects<Record<string, unknown>>(allergy.reaction).map((reaction) => {
    const manifestation = objects(reaction.manifestation)
      .map((concept) => formatCodeableConcept(concept))
      .filter((words): words is string => !!words)
      .join(', ');
    const severity = SEVERITY_LABELS[String(reaction.severity)]?.();
    return {
      manifestation: manifestation || text(reaction.description) || notKnown(),
      ...(severity ? { severity } : {}),
    };
  });
}

/** The substance: the record's text, else the coding's display without its semantic tag (`Fish - dietary`). */
const substanceOf = (concept: unknown): string => formatClinicalTerm(concept) ?? notKnown();

/** One allergy (or "no known allergy" statement) as shown, before statements and allergies are weighed. */
export function allergyEntry(
  allergy: AllergyIntolerance,
  options: AllergyOptions & { position?: number } = {},
): AllergyEntry {
  const dateOptions: DateOptions = options.timeZone ? { timeZone: options.timeZone } : {};
  const code = codeOf(allergy.code, [SNOMED]);
  const negation = code !== undefined ? NEGATIONS[code] : undefined;
  const categories = (Array.isArray(allergy.category) ? allergy.category : []).filter(isCategory);
  const clinical = codeOf(allergy.clinicalStatus);
  const verification = codeOf(allergy.verificationStatus);
  const onset = clinicalTime(allergy, 'onset', dateOptions);
  const recorded = describeDate(allergy.recordedDate, { ...dateOptions, withTime: false });
  const criticality = CRITICALITY_LABELS[String(allergy.criticality)]?.();
  const type =
    allergy.type === 'allergy'
      ? msg('Allergy')
      : allergy.type === 'intolerance'
        ? msg('Intolerance')
        : undefined;
  const by = recordedBy([allergy.recorder, allergy.asserter], {
    resolve: options.resolve,
    withholding: withholdingOption(options),
    container: allergy,
  });
  const sortKey = (onset.date ?? recorded)?.sortKey;
  return {
    id: token(allergy.id) ?? '',
    key: token(allergy.id) ?? `#${options.position ?? 0}`,
    substance: negation ? NEGATION_LABELS[code!]() : substanceOf(allergy.code),
    ...(negation ? { negation } : {}),
    categories: categories.map((category) => CATEGORY_LABELS[category]()),
    ...(type ? { type } : {}),
    ...(criticality ? { criticality } : {}),
    highCriticality: allergy.criticality === 'high',
    reactions: reactionsOf(allergy),
    ...(onset.display ? { onset: onset.display } : {}),
    ...(recorded ? { recorded } : {}),
    ...(verification === 'unconfirmed' ? { verification: msg('Unconfirmed') } : {}),
    ...(clinical && CLINICAL_LABELS[clinical] ? { clinicalStatus: CLINICAL_LABELS[clinical]() } : {}),
    view: clinical === 'inactive' || clinical === 'resolved' ? 'past' : 'active',
    ...(by ? { recordedBy: by } : {}),
    ...(sortKey !== undefined ? { sortKey } : {}),
    conflict: false,
    resource: allergy,
  };
}

/** Entered in error or refuted: not an allergy, not shown. */
function isShown(allergy: AllergyIntolerance): boolean {
  return (
    isObject(allergy) &&
    allergy.resourceType === 'AllergyIntolerance' &&
    !hasCoding(allergy.verificationStatus, ['entered-in-error', 'refuted'])
  );
}

/** An allergy with no category could be anything, so any statement covers it. */
const inScope = (scope: NegationScope, allergy: AllergyEntry) => {
  const categories = Array.isArray(allergy.resource.category) ? allergy.resource.category : [];
  return scope === 'all' || categories.length === 0 || categories.includes(scope);
};

/** When it was recorded (what decides which of a statement and an allergy is the later word). */
const recordedKey = (entry: AllergyEntry) => entry.recorded?.sortKey ?? entry.sortKey;

/** What an empty allergy List says (`nil-known` / `no-content-recorded`), if the record sent one. */
function listSays(lists: readonly List[]): AllergyRecord['listSays'] {
  for (const list of objects<List>(lists)) {
    if (!hasCoding(list.code, ALLERGY_LIST, SNOMED) || objects(list.entry).length > 0) continue;
    const reason = codeOf(list.emptyReason);
    if (reason === 'nil-known' || reason === 'nilknown') return 'nil-known';
    if (reason) return 'not-recorded';
  }
  return undefined;
}

const newestFirst = (a: AllergyEntry, b: AllergyEntry) =>
  (b.sortKey ?? -Infinity) - (a.sortKey ?? -Infinity) || a.substance.localeCompare(b.substance, 'en-GB');

/**
 * The patient's allergies as the list shows them and the banner summarises them. `failed`: the
 * allergies could not be read (`unavailable`, whatever else is known).
 */
export function allergyRecord(
  allergies: readonly AllergyIntolerance[] | undefined,
  lists: readonly List[] = [],
  options: AllergyOptions & { failed?: boolean } = {},
): AllergyRecord {
  const entries = objects<AllergyIntolerance>(allergies)
    .map((allergy, position) => ({ allergy, position }))
    .filter(({ allergy }) => isShown(allergy))
    .map(({ allergy, position }) => allergyEntry(allergy, { ...options, position }));
  const real = entries.filter((entry) => !entry.negation);
  const activeReal = real.filter((entry) => entry.view === 'active');
  let conflict = false;
  const statements = entries.filter((entry) => {
    if (!entry.negation || entry.view !== 'active') return !!entry.negation;
    const contradicted = activeReal.filter((allergy) => inScope(entry.negation!, allergy));
    if (contradicted.length === 0) return true;
    // The later word wins; a statement made after an allergy was recorded contradicts it.
    const said = recordedKey(entry);
    const older = contradicted.filter((allergy) => {
      const key = recordedKey(allergy);
      return said !== undefined && key !== undefined && key < said;
    });
    if (older.length === 0) return false;
    entry.conflict = true;
    for (const allergy of older) allergy.conflict = true;
    conflict = true;
    return true;
  });
  const shown = [...real, ...statements];
  const active = shown.filter((entry) => entry.view === 'active').sort(newestFirst);
  const past = shown.filter((entry) => entry.view === 'past').sort(newestFirst);
  const says = listSays(lists);
  const status: AllergyStatus = options.failed
    ? 'unavailable'
    : activeReal.length > 0
      ? 'known'
      : active.some((entry) => entry.negation) || says === 'nil-known'
        ? 'none'
        : 'not-recorded';
  return { active, past, status, conflict, ...(says ? { listSays: says } : {}) };
}
