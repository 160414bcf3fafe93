/**
 * How a medicine's name is written on a CUI medication line (MEDi-001/002): a generic product
 * (dm+d VTM or VMP) in lower case, a brand in upper case (`VENTOLIN 100micrograms/dose Evohaler`),
 * and a name that cannot be told apart exactly as the record wrote it.
 *
 * Nothing here guesses from the words: a name is generic only when its coding says so (a SNOMED
 * CT / dm+d code from the international release, where no branded product lives; an RxNorm
 * clinical drug), or when it starts with the name of its own ingredient; it is branded only when
 * the record names the brand (UK Core trade family, RxNorm `[Brand]`).
 */
import type { Coding } from 'fhir/r4';
import { codingsOf } from '../format/codes.js';
import { text } from '../format/values.js';

export type MedicineNameKind = 'generic' | 'branded' | 'as-written';

export interface MedicineName {
  name: string;
  kind: MedicineNameKind;
  /** The brand when the name does not already say it, to show beside the name. */
  brand?: string;
}

const SNOMED_SYSTEMS = new Set(['http://snomed.info/sct', 'https://dmd.nhs.uk', 'http://dmd.nhs.uk']);
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

const systemOf = (coding: Coding) => String(coding.system ?? '').replace(/\/+$/, '');

/**
 * A concept identifier from the international release: its partition digit (third from the end)
 * is 0. Every dm+d AMP and AMPP is in the UK extension (partition 1), so such a code is never a brand.
 */
const isInternationalConcept = (code: unknown) => typeof code === 'string' && /^\d{3,15}0\d\d$/.test(code);

// en-GB's upper and lower case, without the locale lookup that is slow on every row.
const upper = (value: string) => value.toUpperCase();
const fold = (value: string) => value.toLowerCase();

/** Capitalised words to lower case (`Amoxicillin` → `amoxicillin`); `mRNA`, `HR`, `(Supplier Ltd)` kept. */
export function genericCase(name: string): string {
  let depth = 0;
  return name
    .split(/(\s+)/)
    .map((word) => {
      const inParentheses = depth > 0 || word.startsWith('(');
      depth += (word.match(/\(/g)?.length ?? 0) - (word.match(/\)/g)?.length ?? 0);
      return !inParentheses && /^[A-Z][a-z][^A-Z]*$/.test(word) ? word.toLowerCase() : word;
    })
    .join('');
}

/** The codings whose display is the name shown (a coding that says something else does not classify it). */
function codingsNaming(concept: unknown, written: string): Coding[] {
  return codingsOf(concept).filter((coding) => {
    const display = text(coding.display);
    return display === undefined || fold(display) === fold(written);
  });
}

/** `Simvastatin 20 MG Oral Tablet [Zocor]` → `Zocor`. */
const rxNormBrand = (display: string) => /\[([^\]]+)\]\s*$/.exec(display)?.[1]?.trim();

/** The brand's words at the start of the name, in upper case; undefined when the name does not start with it. */
function brandFirst(name: string, brand: string): string | undefined {
  return fold(name).startsWith(fold(brand)) && !/[\p{L}\p{N}]/u.test(name.charAt(brand.length))
    ? upper(name.slice(0, brand.length)) + name.slice(brand.length)
    : undefined;
}

/**
 * The name as shown. `written` is what the record calls the medicine (`CodeableConcept.text`,
 * else a coding's display); `tradeFamily` the UK Core brand; `ingredients` the substance names.
 */
export function medicineName(
  written: string,
  concept: unknown,
  { tradeFamily, ingredients = [] }: { tradeFamily?: string; ingredients?: readonly string[] } = {},
): MedicineName {
  const codings = codingsNaming(concept, written);
  const brand =
    tradeFamily ??
    codings
      .filter((coding) => systemOf(coding) === RXNORM)
      .map((coding) => rxNormBrand(text(coding.display) ?? ''))
      .find(Boolean);
  if (brand) {
    const branded = brandFirst(written, brand);
    if (branded) return { name: branded, kind: 'branded' };
  }
  const generic =
    codings.some(
      (coding) =>
        (SNOMED_SYSTEMS.has(systemOf(coding)) && isInternationalConcept(coding.code)) ||
        (systemOf(coding) === RXNORM && !rxNormBrand(text(coding.display) ?? '')),
    ) || ingredients.some((ingredient) => brandFirst(written, ingredient) !== undefined);
  return {
    name: generic ? genericCase(written) : written,
    kind: generic ? 'generic' : 'as-written',
    ...(brand && !fold(written).includes(fold(brand)) ? { brand: upper(brand) } : {}),
  };
}

/**
 * The product's code, one key for SNOMED CT and dm+d (they share identifiers): the same code is
 * the same product, so the same strength and form. `undefined` when the medicine is not coded.
 */
export function productCode(concept: unknown): string | undefined {
  for (const coding of codingsOf(concept)) {
    const code = text(coding.code);
    if (!code) continue;
    const system = systemOf(coding);
    if (SNOMED_SYSTEMS.has(system)) return `sct|${code}`;
    if (system) return `${system}|${code}`;
  }
  return undefined;
}
