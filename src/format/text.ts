/**
 * Server text as it reads. Invisible control characters in a name, NHS number, drug, strength or
 * dose can make the text lie about itself: `SM\u200BITH` looks like SMITH but is not, a
 * right-to-left override turns `Take \u202E05\u202C tablets` into "Take 50 tablets" on screen, and
 * a zero-width space inside an NHS number is copied with it. Nothing a clinical record holds needs
 * these characters to be understood, so they are removed before anything is shown.
 */

/**
 * Always removed (invisible, and never needed to read clinical text):
 * - bidirectional embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, and the implicit
 *   marks U+200E (LRM), U+200F (RLM), U+061C (ALM);
 * - zero-width and invisible characters: U+200B (zero-width space), U+FEFF (BOM / zero-width
 *   no-break space), U+2060 (word joiner), U+00AD (soft hyphen), U+180E (Mongolian vowel
 *   separator), U+034F (combining grapheme joiner);
 * - the invisible operators U+2061–U+2064 and the deprecated format controls U+206A–U+206F;
 * - interlinear annotation controls U+FFF9–U+FFFB (they can hide the annotated text);
 * - shorthand format controls U+1BCA0–U+1BCA3 and musical format controls U+1D173–U+1D17A.
 */
const INVISIBLE =
  /\u034F|[\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\u{1BCA0}-\u{1BCA3}\u{1D173}-\u{1D17A}]/gu;

/**
 * Tag characters U+E0000–U+E007F carry invisible ASCII, so they are removed, except in the one
 * sequence that needs them: an emoji flag of a subdivision (England, Scotland, Wales), U+1F3F4
 * then one to six tag letters or digits then CANCEL TAG.
 */
const TAGS = /(\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{1,6}\u{E007F})|[\u{E0000}-\u{E007F}]/gu;

/** Zero-width non-joiner (U+200C) and joiner (U+200D): kept only where a script uses them. */
const JOINERS = /[\u200C\u200D]/u;

/**
 * Anything this module may remove, for a fast path: most text has none of it. (CGJ, a combining
 * mark, stands outside the classes so that it is not read as combining with its neighbour.)
 */
const SUSPECT =
  /\u034F|[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\u{1BCA0}-\u{1BCA3}\u{1D173}-\u{1D17A}\u{E0000}-\u{E007F}]/u;

/** A letter or mark of a script that joins (Arabic, Persian, Indic, ...): not Latin, not shared. */
const SCRIPT_LETTER = /^(?![\p{scx=Latin}\p{scx=Zyyy}\p{scx=Zinh}\p{ASCII}])[\p{L}\p{M}]$/u;
/** A part of an emoji sequence: a pictograph, a skin-tone modifier, VS16 or the keycap mark. */
const EMOJI_PART = /^(?!\p{ASCII})[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F\u20E3]$/u;

function joins(neighbour: string | undefined): boolean {
  return neighbour !== undefined && (SCRIPT_LETTER.test(neighbour) || EMOJI_PART.test(neighbour));
}

/**
 * `value` without the characters that could reorder or hide what it says.
 *
 * - Bidi controls, zero-width and other invisible format characters (listed on `INVISIBLE`) are
 *   removed wherever they are.
 * - Tag characters are removed, except inside an emoji subdivision flag (England, Scotland, Wales).
 * - ZWNJ and ZWJ (U+200C, U+200D) are kept only when both neighbours are letters or marks of a
 *   script that uses them (neither is ASCII, Latin, a digit, punctuation, a symbol or space), as
 *   in Persian `می‌خواهم` or Devanagari conjuncts, or both are parts of an emoji sequence (`👩‍⚕️`);
 *   everywhere else (`Jo\u200Dhn`, next to digits) they are removed.
 * - Variation selectors, Arabic number signs and Mongolian free variation selectors stay: they only
 *   choose the shape of the character they belong to.
 *
 * Whitespace is left as it is (callers trim). Idempotent: `plainText(plainText(s)) === plainText(s)`.
 */
export function plainText(value: string): string {
  if (!SUSPECT.test(value)) return value;
  const cleaned = value.replace(INVISIBLE, '').replace(TAGS, (_tag, flag: string | undefined) => flag ?? '');
  if (!JOINERS.test(cleaned)) return cleaned;
  const chars = Array.from(cleaned);
  return chars.filter((c, i) => !JOINERS.test(c) || (joins(chars[i - 1]) && joins(chars[i + 1]))).join('');
}
