import { expect } from '@open-wc/testing';
import type { HumanName } from 'fhir/r4';
import { formatBannerName, formatHumanName, officialName, patientNames } from '../../src/format/names.js';
import { longNamePatient, noNamePatient, typicalAdult } from '../fixtures/patients.js';
import { ukCore } from '../fixtures/uk-core/index.js';

const now = new Date('2024-03-10T14:35:00Z');

describe('format/names', () => {
  describe('patientNames (banner)', () => {
    it('PAB-0049..0053 family name upper case, given names as recorded, title in parentheses', () => {
      expect(patientNames(typicalAdult.name, { now }).name).to.equal('SMITH, Alice Jane (Mrs)');
    });

    it('PAB-0049 UK Core example: Richard Smith', () => {
      expect(patientNames(ukCore.patientRichardSmith.name).name).to.equal('SMITH, Richard');
    });

    it('PAB-0020 the usual name is the preferred name, returned separately', () => {
      const names = patientNames(typicalAdult.name, { now });
      expect(names.preferredName).to.equal('Ally');
      expect(names.known).to.equal(true);
    });

    it('PAB-0020 no preferred name when the usual name says the same', () => {
      const same: HumanName[] = [
        { use: 'official', family: 'Smith', given: ['Alice'] },
        { use: 'usual', family: 'Smith', given: ['Alice'] },
      ];
      expect(patientNames(same)).to.not.have.property('preferredName');
    });

    it('NID-0005 a very long name is never truncated', () => {
      const { name } = patientNames(longNamePatient.name, { now });
      expect(name).to.equal(
        'FEATHERSTONEHAUGH-CHOLMONDELEY-WOLFESCHLEGELSTEINHAUSENBERGERDORFF, Bartholomew Maximilian Alexander Fitzgerald (Professor Sir)',
      );
    });

    it('chooses the official name, else the first with no use or usual, else the first', () => {
      expect(
        officialName([
          { use: 'nickname', given: ['Al'] },
          { use: 'official', family: 'Smith' },
        ])?.family,
      ).to.equal('Smith');
      expect(officialName([{ use: 'nickname', given: ['Al'] }, { family: 'Jones' }])?.family).to.equal(
        'Jones',
      );
      expect(officialName([{ use: 'nickname', given: ['Al'] }])?.given).to.deep.equal(['Al']);
    });

    it('passes over old names and names whose period has ended', () => {
      const names: HumanName[] = [
        { use: 'official', family: 'Jones', period: { end: '2005-01-01' } },
        { use: 'official', family: 'Smith' },
      ];
      expect(patientNames(names, { now }).name).to.equal('SMITH');
      expect(patientNames([{ use: 'old', family: 'Only' }], { now }).name).to.equal('ONLY');
    });

    it('uses name.text when there are no parts', () => {
      expect(patientNames([{ text: 'Mr John Doe' }]).name).to.equal('Mr John Doe');
    });

    it('PAB-0019 no names at all → Not known', () => {
      expect(patientNames(noNamePatient.name)).to.deep.equal({ name: 'Not known', known: false });
      for (const bad of [null, [], [null], [{}], 'Smith', [{ family: 42, given: 'x' }]]) {
        expect(() => patientNames(bad), JSON.stringify(bad)).to.not.throw();
      }
      expect(patientNames([{}]).name).to.equal('Not known');
    });

    it('tolerates wrong types inside a name', () => {
      expect(patientNames([{ family: 42, given: 'Alice' } as unknown as HumanName]).name).to.equal('Alice');
      expect(formatBannerName({ family: 'Smith', given: [null, 'Jo'] } as unknown as HumanName)).to.equal(
        'SMITH, Jo',
      );
      expect(formatBannerName(undefined)).to.equal(undefined);
    });
  });

  describe('formatHumanName (practitioners)', () => {
    it('Dr Jane Smith: prefix, given, family, suffix in reading order', () => {
      expect(formatHumanName({ prefix: ['Dr'], given: ['Jane'], family: 'Smith' })).to.equal('Dr Jane Smith');
      expect(formatHumanName({ given: ['Ann'], family: 'Lee', suffix: ['MBE'] })).to.equal('Ann Lee MBE');
    });

    it('takes the official one of a list', () => {
      expect(formatHumanName(ukCore.practitionerGose.name)).to.equal('Mrs Sandra Gose');
    });

    it('falls back to text, then to the fallback', () => {
      expect(formatHumanName({ text: 'Dr Who' })).to.equal('Dr Who');
      expect(formatHumanName(undefined)).to.equal(undefined);
      expect(formatHumanName([], { fallback: 'Not known' })).to.equal('Not known');
      expect(formatHumanName('Smith', { fallback: 'Not known' })).to.equal('Not known');
    });
  });
});
