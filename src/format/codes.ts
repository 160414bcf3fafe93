/**
 * CodeableConcept and Coding display: `text` first (what the clinician typed or chose), then the
 * first coding's `display`, then its bare `code` (CUI: `CodeableConcept.text` before `display`).
 */
import type { Coding } from 'fhir/r4';
import { isObject, objects, text } from './values.js';

export function formatCoding(coding: unknown): string | undefined {
  if (!isObject(coding)) return undefined;
  return text(coding.display) ?? text(coding.code);
}

export function formatCodeableConcept(concept: unknown): string | undefined;
export function formatCodeableConcept(concept: unknown, options: { fallback: string }): string;
export function formatCodeableConcept(
  concept: unknown,
  options: { fallback?: string } = {},
): string | undefined {
  if (!isObject(concept)) return options.fallback;
  const codings = objects<Coding>(concept.coding);
  return (
    text(concept.text) ??
    codings.map((c) => text(c.display)).find(Boolean) ??
    codings.map((c) => text(c.code)).find(Boolean) ??
    options.fallback
  );
}

/**
 * SNOMED CT's semantic tag, which ends a fully specified name (`Fish - dietary (substance)`,
 * `Chronic sinusitis (disorder)`): it classifies the concept and is no part of what a clinician reads.
 */
const SEMANTIC_TAG =
  /\s+\((substance|product|disorder|finding|situation|organism|procedure|event|morphologic abnormality)\)$/;

/**
 * A clinical term as a clinician reads it: the record's `text`, else the coding's display, else the
 * bare code, without a SNOMED CT semantic tag (generators such as Synthea copy the fully specified
 * name into `text` too); `undefined` when there is nothing.
 */
export function formatClinicalTerm(concept: unknown): string | undefined {
  return formatCodeableConcept(concept)?.replace(SEMANTIC_TAG, '');
}

/** The codings of a CodeableConcept (or of a list of them), skipping anything malformed. */
export function codingsOf(concept: unknown): Coding[] {
  const concepts = Array.isArray(concept) ? concept : [concept];
  return concepts.flatMap((c) => (isObject(c) ? objects<Coding>(c.coding) : []));
}

/** True when the concept (or any in a list) has `code`, optionally from `system`. */
export function hasCoding(
  concept: unknown,
  code: string | readonly string[],
  system?: string | readonly string[],
): boolean {
  const codes = typeof code === 'string' ? [code] : code;
  const systems = system === undefined ? undefined : typeof system === 'string' ? [system] : system;
  return codingsOf(concept).some(
    (c) => codes.includes(String(c.code)) && (systems === undefined || systems.includes(String(c.system))),
  );
}

/** The first code of the concept, optionally from one of `systems`. */
export function codeOf(concept: unknown, systems?: readonly string[]): string | undefined {
  const coding = codingsOf(concept).find(
    (c) => text(c.code) && (!systems || systems.includes(String(c.system))),
  );
  return text(coding?.code);
}
