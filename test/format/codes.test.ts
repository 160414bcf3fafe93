import { expect } from '@open-wc/testing';
import {
  codeOf,
  codingsOf,
  formatClinicalTerm,
  formatCodeableConcept,
  formatCoding,
  hasCoding,
} from '../../src/format/codes.js';
import { ukCore } from '../fixtures/uk-core/index.js';

describe('format/codes', () => {
  it('MEDi: CodeableConcept.text before coding.display', () => {
    expect(
      formatCodeableConcept({
        text: 'Aspirin 75mg dispersible tablet',
        coding: [{ display: 'Transfer-degraded' }],
      }),
    ).to.equal('Aspirin 75mg dispersible tablet');
    expect(formatCodeableConcept(ukCore.medicationTransferDegraded.code)).to.equal(
      'Aspirin 75mg dispersible tablet',
    );
  });

  it('then the first coding display, then the first code', () => {
    expect(formatCodeableConcept({ coding: [{ code: 'X' }, { display: 'Second' }] })).to.equal('Second');
    expect(formatCodeableConcept({ coding: [{ code: '  ' }, { code: '26643006' }] })).to.equal('26643006');
    expect(formatCodeableConcept(ukCore.encounterInpatient.class)).to.equal(undefined);
  });

  it('a clinical term: text, else the display, without a SNOMED CT semantic tag', () => {
    expect(formatClinicalTerm({ coding: [{ display: 'Chronic sinusitis (disorder)' }] })).to.equal(
      'Chronic sinusitis',
    );
    expect(formatClinicalTerm({ coding: [{ display: 'Body mass index 30+ - obesity (finding)' }] })).to.equal(
      'Body mass index 30+ - obesity',
    );
    // Synthea writes the fully specified name as text too.
    expect(formatClinicalTerm({ text: 'Suspected lung cancer (situation)' })).to.equal(
      'Suspected lung cancer',
    );
    // Written text is the clinician's words: kept whole, brackets and all.
    expect(
      formatClinicalTerm({ text: 'Asthma (childhood)', coding: [{ display: 'Asthma (disorder)' }] }),
    ).to.equal('Asthma (childhood)');
    // Brackets that are no semantic tag stay.
    expect(formatClinicalTerm({ coding: [{ display: 'Diabetes mellitus type 2 (T2DM)' }] })).to.equal(
      'Diabetes mellitus type 2 (T2DM)',
    );
    expect(formatClinicalTerm({ coding: [{ code: '38341003' }] })).to.equal('38341003');
    expect(formatClinicalTerm(undefined)).to.equal(undefined);
  });

  it('missing → undefined, or the fallback when asked', () => {
    expect(formatCodeableConcept(undefined)).to.equal(undefined);
    expect(formatCodeableConcept({ coding: [] })).to.equal(undefined);
    expect(formatCodeableConcept(null, { fallback: 'Not known' })).to.equal('Not known');
    expect(formatCodeableConcept({ text: '' }, { fallback: 'Not known' })).to.equal('Not known');
  });

  it('formatCoding: display, then code', () => {
    expect(formatCoding({ code: 'IMP', display: 'inpatient encounter' })).to.equal('inpatient encounter');
    expect(formatCoding({ code: 'IMP' })).to.equal('IMP');
    expect(formatCoding('IMP')).to.equal(undefined);
  });

  it('hasCoding, codeOf and codingsOf read single concepts and lists', () => {
    const concept = { coding: [{ system: 'http://snomed.info/sct', code: '409137002' }] };
    expect(hasCoding(concept, '409137002')).to.equal(true);
    expect(hasCoding([null, concept], ['1', '409137002'], 'http://snomed.info/sct')).to.equal(true);
    expect(hasCoding(concept, '409137002', 'http://other')).to.equal(false);
    expect(codeOf(concept)).to.equal('409137002');
    expect(codeOf(concept, ['http://other'])).to.equal(undefined);
    expect(codingsOf({ coding: 'nope' })).to.deep.equal([]);
  });
});
