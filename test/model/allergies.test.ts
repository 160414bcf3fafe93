import { expect } from '@open-wc/testing';
import type { AllergyIntolerance, List } from 'fhir/r4';
import { allergyRecord, allergyStatusLabel } from '../../src/model/allergies.js';
import { hl7r4 } from '../fixtures/hl7-r4/index.js';
import { ukCore } from '../fixtures/uk-core/index.js';

const SNOMED = 'http://snomed.info/sct';
const allergy = (extra: Partial<AllergyIntolerance>): AllergyIntolerance => ({
  resourceType: 'AllergyIntolerance',
  patient: { reference: 'Patient/x' },
  ...extra,
});
const clinical = (code: string) => ({
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code }],
});
const verification = (code: string) => ({
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code }],
});
const statement = (code: string, recordedDate?: string) =>
  allergy({
    id: `nka-${code}`,
    code: { coding: [{ system: SNOMED, code }] },
    ...(recordedDate ? { recordedDate } : {}),
  });
const status = (allergies: AllergyIntolerance[] | undefined, lists: List[] = []) =>
  allergyRecord(allergies, lists).status;
const substances = (entries: { substance: string }[]) => entries.map((entry) => entry.substance);

describe('model/allergies', () => {
  describe('status (the banner and the list share it)', () => {
    it('failed request → Allergies unavailable', () => {
      expect(allergyRecord([ukCore.allergyAmoxicillin], [], { failed: true }).status).to.equal('unavailable');
      expect(allergyStatusLabel('unavailable')).to.equal('Allergies unavailable');
    });

    it('an active allergy (UK Core amoxicillin) → Known allergies', () => {
      expect(status([ukCore.allergyAmoxicillin, ukCore.allergyNoKnown])).to.equal('known');
      expect(status([allergy({ code: { text: 'Latex' } })])).to.equal('known');
      expect(allergyStatusLabel('known')).to.equal('Known allergies');
    });

    it('a "no known (drug) allergy" statement (UK Core 409137002, HL7 716186003) → No known allergies', () => {
      expect(status([ukCore.allergyNoKnown])).to.equal('none');
      expect(status([hl7r4.allergyNka])).to.equal('none');
      expect(allergyStatusLabel('none')).to.equal('No known allergies');
    });

    it('an allergy ruled out (refuted) is not an allergy, and says nothing of others → Allergies not recorded', () => {
      const refuted = allergy({ code: { text: 'Penicillin' }, verificationStatus: verification('refuted') });
      expect(status([refuted])).to.equal('not-recorded');
      expect(allergyRecord([refuted]).active).to.deep.equal([]);
    });

    it('nothing, only entered-in-error or only resolved entries → Allergies not recorded', () => {
      expect(status([])).to.equal('not-recorded');
      expect(status(undefined)).to.equal('not-recorded');
      expect(status([ukCore.allergyEnteredInError])).to.equal('not-recorded');
      expect(status([allergy({ code: { text: 'Nuts' }, clinicalStatus: clinical('resolved') })])).to.equal(
        'not-recorded',
      );
      expect(allergyStatusLabel('not-recorded')).to.equal('Allergies not recorded');
    });

    it('an empty allergy List says why: nil known → No known allergies; no content recorded → not recorded', () => {
      const nilKnown: List = {
        ...ukCore.listNoAllergyData,
        emptyReason: {
          coding: [
            { system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-ListEmptyReasonCode', code: 'nil-known' },
          ],
        },
      };
      expect(allergyRecord([], [nilKnown])).to.deep.include({ status: 'none', listSays: 'nil-known' });
      expect(allergyRecord([], [ukCore.listNoAllergyData])).to.deep.include({
        status: 'not-recorded',
        listSays: 'not-recorded',
      });
      // Another list (not the allergy list) says nothing of allergies.
      expect(allergyRecord([], [{ ...nilKnown, code: { text: 'Problems' } }])).to.not.have.any.keys(
        'listSays',
      );
    });

    it('malformed entries are ignored', () => {
      const junk = [null, 'x', { resourceType: 'Condition' }] as unknown as AllergyIntolerance[];
      expect(status(junk)).to.equal('not-recorded');
      expect(status({} as unknown as AllergyIntolerance[])).to.equal('not-recorded');
    });
  });

  describe('entries', () => {
    it('HL7 cashew nuts: substance, category, criticality, reactions with severity, onset, recorded by', () => {
      const [cashew] = allergyRecord([hl7r4.allergyExample]).active;
      expect(cashew).to.deep.include({
        categories: ['Food'],
        type: 'Allergy',
        criticality: 'High',
        highCriticality: true,
        view: 'active',
        clinicalStatus: 'Active',
        conflict: false,
      });
      expect(cashew.substance).to.match(/cashew/i);
      expect(cashew.reactions.length).to.be.at.least(1);
      expect(cashew.reactions[0].severity).to.equal('Severe');
      // The record gives the year alone: kept as a year, never made a day.
      expect(cashew.onset).to.equal('2004');
      expect(cashew.recorded?.display).to.equal('09-Oct-2014');
    });

    it('an unconfirmed allergy says so (HL7 penicillin)', () => {
      const [penicillin] = allergyRecord([hl7r4.allergyMedication]).active;
      expect(penicillin.verification).to.equal('Unconfirmed');
      expect(allergyRecord([hl7r4.allergyExample]).active[0]).to.not.have.any.keys('verification');
    });

    it('CodeableConcept.text before the coding display (UK Core transfer-degraded latex)', () => {
      expect(substances(allergyRecord([ukCore.allergyNonDrug]).active)).to.deep.equal(['Latex']);
    });

    it('active first; inactive and resolved in Past, newest first', () => {
      const record = allergyRecord([
        allergy({ id: 'a', code: { text: 'Nuts' }, recordedDate: '2020-01-01' }),
        allergy({ id: 'b', code: { text: 'Eggs' }, recordedDate: '2022-01-01' }),
        allergy({
          id: 'c',
          code: { text: 'Plasters' },
          clinicalStatus: clinical('resolved'),
          recordedDate: '2010-01-01',
        }),
        allergy({
          id: 'd',
          code: { text: 'Wasps' },
          clinicalStatus: clinical('inactive'),
          recordedDate: '2015-01-01',
        }),
      ]);
      expect(substances(record.active)).to.deep.equal(['Eggs', 'Nuts']);
      expect(substances(record.past)).to.deep.equal(['Wasps', 'Plasters']);
      expect(record.past.map((entry) => entry.clinicalStatus)).to.deep.equal(['Inactive', 'Resolved']);
    });

    it('an onset given as an age or in words is kept', () => {
      const [byAge] = allergyRecord([
        allergy({ code: { text: 'Milk' }, onsetAge: { value: 2, unit: 'years' } }),
      ]).active;
      expect(byAge.onset).to.equal('At age 2 years');
      const [inWords] = allergyRecord([allergy({ code: { text: 'Milk' }, onsetString: 'Childhood' })]).active;
      expect(inWords.onset).to.equal('Childhood');
    });
  });

  describe('"no known allergy" statements', () => {
    it('a statement alone is shown, as a statement', () => {
      const [nkda] = allergyRecord([ukCore.allergyNoKnown]).active;
      expect(nkda).to.deep.include({
        negation: 'medication',
        substance: 'No known drug allergies',
      });
      expect(allergyRecord([hl7r4.allergyNka]).active[0].substance).to.equal('No known allergies');
    });

    it('an allergy recorded at or after the statement supersedes it: the statement is no longer shown', () => {
      const record = allergyRecord([
        statement('716186003', '2020-01-01'),
        allergy({
          id: 'pen',
          code: { text: 'Penicillin' },
          category: ['medication'],
          recordedDate: '2023-05-01',
        }),
      ]);
      expect(substances(record.active)).to.deep.equal(['Penicillin']);
      expect(record.conflict).to.equal(false);
    });

    it('a statement made after an allergy was recorded contradicts it: both shown, both flagged', () => {
      const record = allergyRecord([
        allergy({
          id: 'pen',
          code: { text: 'Penicillin' },
          category: ['medication'],
          recordedDate: '2019-05-01',
        }),
        statement('409137002', '2024-01-01'),
      ]);
      expect(record.conflict).to.equal(true);
      expect(record.active.map((entry) => [entry.substance, entry.conflict])).to.deep.equal([
        ['No known drug allergies', true],
        ['Penicillin', true],
      ]);
      expect(record.status).to.equal('known');
    });

    it('a statement about drugs says nothing of a food allergy: both stand, no conflict', () => {
      const record = allergyRecord([
        allergy({ id: 'fish', code: { text: 'Fish' }, category: ['food'], recordedDate: '2019-05-01' }),
        statement('409137002', '2024-01-01'),
      ]);
      expect(record.active).to.have.length(2);
      expect(record.conflict).to.equal(false);
    });
  });
});
