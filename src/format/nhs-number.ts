/**
 * NHS numbers: shown `943 476 5919` (NUM-0001..0003), checked with Modulus 11, and read from a
 * Patient with the verification status of UK Core `Extension-UKCore-NHSNumberVerificationStatus`.
 */
import type { Patient } from 'fhir/r4';
import { nhsNumberVerification, notKnown } from './strings.js';
import { extensionOf, isObject, objects, text } from './values.js';

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
export const NHS_NUMBER_VERIFICATION_URL =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus';
const VERIFICATION_SYSTEMS = [
  'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland',
  'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatus',
];

export interface NhsNumber {
  /** The digits alone (what a user copies, NUM-0003); the value as sent if it is not 10 digits. */
  value: string;
  /** `943 476 5919`. */
  display: string;
  /** Ten digits and a correct Modulus 11 check digit. */
  valid: boolean;
  /** True only for status 01; false for 02..08; `undefined` when no status was sent. */
  verified: boolean | undefined;
  verificationCode?: string;
  verificationDisplay?: string;
}

function digitsOf(value: unknown): string | undefined {
  if (typeof value === 'number') return digitsOf(String(value));
  const raw = text(value);
  return raw?.replace(/[\s-]/g, '');
}

/** Modulus 11: weights 10..2 over the first nine digits; 11 − remainder, 11 → 0, 10 → invalid. */
export function isValidNhsNumber(value: unknown): boolean {
  const digits = digitsOf(value);
  if (!digits || !/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** `9434765919` → `943 476 5919` (spaces or dashes in the input are ignored); other text as sent. */
export function formatNhsNumber(value: unknown): string {
  const digits = digitsOf(value);
  if (!digits) return notKnown();
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : digits;
}

/** The patient's NHS number with its validity and verification, or `undefined` if there is none. */
export function nhsNumberOf(patient: Patient | undefined): NhsNumber | undefined {
  if (!isObject(patient)) return undefined;
  const identifier = objects<Record<string, unknown>>(patient.identifier).find(
    (id) => id.system === NHS_NUMBER_SYSTEM && digitsOf(id.value) !== undefined,
  );
  if (!identifier) return undefined;
  const value = digitsOf(identifier.value) ?? '';
  const status = extensionOf(identifier, NHS_NUMBER_VERIFICATION_URL);
  const concept = status?.valueCodeableConcept;
  const codings = isObject(concept) ? objects<Record<string, unknown>>(concept.coding) : [];
  const known = codings.find((c) => VERIFICATION_SYSTEMS.includes(String(c.system)) && text(c.code));
  // A status from an unknown code system cannot confirm verification, so it counts as unverified.
  const coding = known ?? codings.find((c) => text(c.code));
  const code = text(coding?.code);
  const verificationDisplay = (known && code && nhsNumberVerification(code)) || text(coding?.display);
  return {
    value,
    display: formatNhsNumber(value),
    valid: isValidNhsNumber(value),
    verified: status === undefined ? undefined : known !== undefined && code === '01',
    ...(code ? { verificationCode: code } : {}),
    ...(verificationDisplay ? { verificationDisplay } : {}),
  };
}
