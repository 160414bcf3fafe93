import { expect } from '@open-wc/testing';
import { plainText } from '../../src/format/text.js';
import { text, token } from '../../src/format/values.js';

const ZWNJ = '\u200C';
const ZWJ = '\u200D';

describe('format/text', () => {
  describe('plainText: text as written, never disguised', () => {
    it('the issue examples: a zero-width space and an override cannot pass for SMITH or swap 05 to 50', () => {
      expect(plainText('SM\u200BITH')).to.equal('SMITH');
      expect(plainText('\u202EHTIMS\u202C')).to.equal('HTIMS');
      expect(plainText('Take \u202E05\u202C tablets')).to.equal('Take 05 tablets');
    });

    it('removes every bidi embedding and override (U+202A–U+202E)', () => {
      for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E']) {
        expect(plainText(`AB${c}CD`), `U+${c.codePointAt(0)!.toString(16)}`).to.equal('ABCD');
      }
    });

    it('removes every bidi isolate (U+2066–U+2069)', () => {
      for (const c of ['\u2066', '\u2067', '\u2068', '\u2069']) {
        expect(plainText(`AB${c}CD`), `U+${c.codePointAt(0)!.toString(16)}`).to.equal('ABCD');
      }
    });

    it('removes the implicit marks LRM, RLM and ALM', () => {
      expect(plainText('A\u200EB\u200FC\u061CD')).to.equal('ABCD');
    });

    it('removes zero-width and invisible characters: ZWSP, BOM, word joiner, soft hyphen, MVS, CGJ', () => {
      for (const c of ['\u200B', '\uFEFF', '\u2060', '\u00AD', '\u180E', '\u034F']) {
        expect(plainText(`AB${c}CD`), `U+${c.codePointAt(0)!.toString(16)}`).to.equal('ABCD');
      }
    });

    it('removes invisible operators, deprecated format controls and interlinear annotation controls', () => {
      expect(plainText('1\u20612\u20623\u20634\u20645')).to.equal('12345');
      expect(plainText('A\u206AB\u206FC')).to.equal('ABC');
      expect(plainText('\uFFF9Aspirin\uFFFA75 mg\uFFFB')).to.equal('Aspirin75 mg');
    });

    it('removes shorthand and musical format controls (astral)', () => {
      expect(plainText('A\u{1BCA0}B\u{1D173}C')).to.equal('ABC');
    });

    it('removes tag characters (hidden ASCII), but keeps an emoji subdivision flag whole', () => {
      const hidden = 'SMITH\u{E0001}\u{E0069}\u{E0067}\u{E006E}\u{E007F}';
      expect(plainText(hidden)).to.equal('SMITH');
      const wales = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}';
      expect(plainText(`Cymru ${wales}`)).to.equal(`Cymru ${wales}`);
      // More than six tag letters is not a flag: the tags go, the black flag stays.
      const long = '\u{1F3F4}\u{E0061}\u{E0061}\u{E0061}\u{E0061}\u{E0061}\u{E0061}\u{E0061}\u{E007F}';
      expect(plainText(long)).to.equal('\u{1F3F4}');
    });

    it('NUM-0001 an NHS number with zero-width spaces inside reads as its ten digits', () => {
      expect(plainText('943\u200B476\u200B5919')).to.equal('9434765919');
      expect(plainText('\u2066943 476 5919\u2069')).to.equal('943 476 5919');
    });

    it('MEDi a drug strength with a zero-width space reads as written: 500 mg', () => {
      expect(plainText('5\u200B00 mg')).to.equal('500 mg');
      expect(plainText('Paracetamol 5\u200C00 mg')).to.equal('Paracetamol 500 mg');
    });

    it('keeps ZWNJ inside a Persian word', () => {
      const persian = `می${ZWNJ}خواهم`;
      expect(plainText(persian)).to.equal(persian);
      const name = `محمد${ZWNJ}علی`;
      expect(plainText(name)).to.equal(name);
    });

    it('keeps ZWJ inside a Devanagari conjunct (after a virama)', () => {
      const kssa = `क्${ZWJ}ष`;
      expect(plainText(kssa)).to.equal(kssa);
    });

    it('keeps ZWJ inside emoji sequences (family, profession with VS16, skin tone)', () => {
      const family = `👨${ZWJ}👩${ZWJ}👧`;
      const healthWorker = `👩🏽${ZWJ}⚕️`;
      expect(plainText(family)).to.equal(family);
      expect(plainText(healthWorker)).to.equal(healthWorker);
    });

    it('removes ZWJ and ZWNJ inside a Latin word, next to digits, punctuation or at either end', () => {
      expect(plainText(`Jo${ZWJ}hn`)).to.equal('John');
      expect(plainText(`Jo${ZWNJ}hn`)).to.equal('John');
      expect(plainText(`SMI${ZWJ}TH`)).to.equal('SMITH');
      expect(plainText(`1${ZWJ}2`)).to.equal('12');
      expect(plainText(`ک${ZWNJ}.`)).to.equal('ک.');
      expect(plainText(`${ZWNJ}خواهم${ZWNJ}`)).to.equal('خواهم');
      // A joiner between a Latin letter and an Arabic one joins nothing anyone needs.
      expect(plainText(`a${ZWNJ}ب`)).to.equal('aب');
      // Two joiners in a row: neither has letters on both sides.
      expect(plainText(`ک${ZWNJ}${ZWNJ}ب`)).to.equal('کب');
    });

    it('leaves ordinary text, accents, scripts and whitespace alone', () => {
      for (const s of ['SMITH, Alice (Mrs)', "O'Brien-Ó Súilleabháin", 'محمد', '  spaced  ', '❤️', '']) {
        expect(plainText(s)).to.equal(s);
      }
    });

    it('is idempotent', () => {
      const samples = [
        'SM\u200BITH',
        'Take \u202E05\u202C tablets',
        `می${ZWNJ}خواهم`,
        `ک${ZWNJ}\u200B${ZWNJ}ب`,
        `👨${ZWJ}👩${ZWJ}👧`,
        `Jo${ZWJ}hn`,
        '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}',
        '\u{1F3F4}\u{E0001}\u{E0067}\u{E007F}',
        '\u2067\u200F\uFEFF',
      ];
      for (const s of samples) {
        const once = plainText(s);
        expect(plainText(once), JSON.stringify(s)).to.equal(once);
      }
    });
  });

  describe('text(): every server string is read through it', () => {
    it('returns cleaned, trimmed text', () => {
      expect(text(' SM\u200BITH ')).to.equal('SMITH');
      expect(text('\u200B Alice')).to.equal('Alice');
      expect(text('Take \u202E05\u202C tablets')).to.equal('Take 05 tablets');
    });

    it('a value that is only controls is blank: undefined', () => {
      expect(text('\u200B')).to.equal(undefined);
      expect(text('\u202E\u202C')).to.equal(undefined);
      expect(text(' \u2066 \u2069 \uFEFF ')).to.equal(undefined);
      expect(text(ZWJ)).to.equal(undefined);
    });

    it('token() keeps ids and references exactly as sent, so two different ids never look equal', () => {
      expect(token(' Patient/a\u200Bb ')).to.equal('Patient/a\u200Bb');
      expect(token('Patient/a\u200Bb')).to.not.equal(token('Patient/ab'));
      expect(token('  ')).to.equal(undefined);
      expect(token(42)).to.equal(undefined);
    });
  });
});
