import { expect, waitUntil } from '@open-wc/testing';
import { servers } from '/__record-servers.js';
import '../../src/all.js';
import { heapStrings } from '../helpers/heap.js';

// After a record leaves the page, nothing of the patient stays in memory: not the cached answers,
// not the view models, not the token. Checked with a V8 heap snapshot (scripts/heap-plugin.js).
// The patient is alpha of the fault server (server/fault-server.js); every needle is built when it
// is looked for, so the test's own source never holds one whole (see test/helpers/heap.ts).

const RUN = Date.now();
const token = () => ['heap', 'check', 'token', String(RUN)].join('-');
const needles = () => [
  ['Alpha', 'field'].join(''), // family name (and address line)
  ['LS1', '1AA'].join(' '), // postcode
  ['ALPHA', 'MYCIN'].join(''), // a drug
  ['ALPHA', 'CILLIN'].join(''), // an allergy
  token(),
];

let loads = 0;
const onLoad = () => (loads += 1);

/** Mounts <care-record> with the three elements for alpha; keeps no reference to it. */
function mount(): void {
  const record = document.createElement('care-record');
  record.id = 'memory-check';
  record.setAttribute('endpoint', `${servers.faults.a}/ok/fhir`);
  record.setAttribute('patient', 'alpha');
  Object.assign(record, { accessToken: token() });
  record.innerHTML =
    '<care-patient-banner expanded></care-patient-banner><care-medication-list></care-medication-list><care-encounter-timeline></care-encounter-timeline>';
  record.addEventListener('care-load', onLoad);
  document.body.append(record);
}

describe('integration: memory after removal', function () {
  this.timeout(120000);

  it('a removed record leaves no name, address, drug, allergy or token of the patient in the heap', async () => {
    await fetch(`${servers.faults.a}/$reset`, { method: 'POST' });
    mount();
    await waitUntil(() => loads === 3, 'all three elements loaded', { timeout: 20000 });
    // The check can fail: while the record is on the page, every needle is found.
    expect((await heapStrings(needles())).length).to.equal(5);

    await fetch(`${servers.faults.a}/$reset-log`, { method: 'POST' });
    document.getElementById('memory-check')!.remove();
    // Released in a microtask after removal; give the page a few frames to settle.
    for (let frame = 0; frame < 5; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(await heapStrings(needles())).to.deep.equal([]);
    // And a removed record never reads the record again.
    const requests = (await (await fetch(`${servers.faults.a}/$requests`)).json()) as unknown[];
    expect(requests).to.deep.equal([]);
  });

  it('a removed document list leaves no letter it opened in the heap', async () => {
    await fetch(`${servers.faults.a}/$reset`, { method: 'POST' });
    const letter = () => [['ALPHA', 'visible text'].join(' '), ['ALPHA', 'hostile', 'narrative'].join(' ')];
    let loaded = false;
    const list = document.createElement('care-document-list');
    list.setAttribute('endpoint', `${servers.faults.a}/hostile-documents/fhir`);
    list.setAttribute('patient', 'alpha');
    list.setAttribute('opened-document', 'Composition/comp-alpha-hostile');
    Object.assign(list, { accessToken: token() });
    list.addEventListener('care-load', () => (loaded = true));
    document.body.append(list);
    await waitUntil(() => loaded && !!list.shadowRoot!.querySelector('[part="document"]'), 'letter open', {
      timeout: 20000,
    });
    expect((await heapStrings(letter())).length).to.equal(2);
    list.remove();
    for (let frame = 0; frame < 5; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(await heapStrings(letter())).to.deep.equal([]);
  });
});
