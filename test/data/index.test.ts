import { expect } from '@open-wc/testing';
import * as data from '../../src/data/index.js';

describe('data/index', () => {
  it('exports the public data API', () => {
    expect(Object.keys(data).sort()).to.deep.equal(
      [
        'BundleSource',
        'FhirRestSource',
        'RecordError',
        'createSource',
        'isAbortError',
        'isRecordError',
        'loadPatient',
        'naturalDate',
        'normaliseNhsNumber',
        'patientContext',
        'resolveReferences',
        'searchAll',
        'sourceContext',
      ].sort(),
    );
  });
});
