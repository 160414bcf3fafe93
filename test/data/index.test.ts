import { expect } from '@open-wc/testing';
import * as data from '../../src/data/index.js';

describe('data/index', () => {
  it('exports the public data API', () => {
    expect(Object.keys(data).sort()).to.deep.equal(
      [
        'BundleSource',
        'FhirRestSource',
        'MAX_PAGES',
        'MAX_RESOURCES',
        'Pager',
        'checkSubjects',
        'isAboutPatient',
        'patientIdentity',
        'readAttachment',
        'refersToPatient',
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
