import { expect } from '@open-wc/testing';
import type {
  Bundle,
  BundleEntry,
  Encounter,
  Medication,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Organization,
  Patient,
} from 'fhir/r4';
import { BundleSource } from '../../src/data/bundle-source.js';
import { isAbortError } from '../../src/data/record-error.js';
import { json, loadFixture, rejection, stubFetch } from '../helpers/fetch-stub.js';

const RICHARD = 'UKCore-Patient-RichardSmith-Example';
const UK_BASE = 'https://fhir.example.nhs.uk/R4/';
const BRADLY = '326b4675-0bc8-4dbd-b406-a5564c282401';

describe('BundleSource', () => {
  let ukCore: Bundle;
  let synthea: Bundle;
  let lawrence: Bundle;
  let ips: Bundle;
  let ipsAbsolute: Bundle;
  let references: Bundle;

  before(async () => {
    [ukCore, synthea, lawrence, ips, ipsAbsolute, references] = await Promise.all([
      loadFixture<Bundle>('uk-core-richard-smith-collection.json'),
      loadFixture<Bundle>('synthea-bradly-douglas-trimmed.json'),
      loadFixture<Bundle>('synthea-lawrence-hammes-trimmed.json'),
      loadFixture<Bundle>('ips-document-01.json'),
      loadFixture<Bundle>('ips-document-absolute-urls.json'),
      loadFixture<Bundle>('hl7-bundle-references.json'),
    ]);
  });

  describe('search by patient (UK Core collection)', () => {
    const forms = [`Patient/${RICHARD}`, RICHARD, `${UK_BASE}Patient/${RICHARD}`];
    for (const form of forms) {
      it(`matches subject references for patient=${form}`, async () => {
        const source = new BundleSource(ukCore);
        const { resources, total } = await source.search<MedicationRequest>('MedicationRequest', {
          patient: form,
        });
        expect(resources).to.have.length(8);
        expect(total).to.equal(8);
        expect(resources.every((one) => one.resourceType === 'MedicationRequest')).to.be.true;
      });
    }

    it('matches the `patient` field of an AllergyIntolerance and `subject=`', async () => {
      const source = new BundleSource(ukCore);
      expect((await source.search('AllergyIntolerance', { patient: RICHARD })).resources).to.have.length(1);
      expect((await source.search('Encounter', { subject: `Patient/${RICHARD}` })).resources).to.have.length(
        1,
      );
      expect((await source.search('MedicationStatement', { patient: RICHARD })).resources).to.have.length(1);
    });

    it('finds nothing for another patient', async () => {
      const source = new BundleSource(ukCore);
      expect(
        (await source.search('MedicationRequest', { patient: 'Patient/someone-else' })).resources,
      ).to.deep.equal([]);
      expect((await source.search('Immunization', { patient: RICHARD })).resources).to.deep.equal([]);
    });

    it('sorts by the natural date and keeps Bundle order for ties', async () => {
      const source = new BundleSource(ukCore);
      const newest = await source.search<MedicationRequest>('MedicationRequest', {
        patient: RICHARD,
        _sort: '-date',
      });
      expect(newest.resources[0].authoredOn).to.equal('2023-06-15T15:00:00.000Z');
      expect(newest.resources.at(-1)!.id).to.equal('UKCore-MedicationRequest-EyeDrops-Example');
      const oldest = await source.search<MedicationRequest>('MedicationRequest', { _sort: 'date' });
      expect(oldest.resources[0].id).to.equal('UKCore-MedicationRequest-EyeDrops-Example');
      expect(oldest.resources[1].id).to.equal('UKCore-MedicationRequest-Amoxicillin-Example');
    });

    it('finds a patient by identifier, as system|value or value', async () => {
      const source = new BundleSource(ukCore);
      const bySystem = await source.search<Patient>('Patient', {
        identifier: 'https://fhir.nhs.uk/Id/nhs-number|9912003888',
      });
      expect(bySystem.resources.map((one) => one.id)).to.deep.equal([RICHARD]);
      expect((await source.search('Patient', { identifier: '9912003888' })).resources).to.have.length(1);
      expect(
        (await source.search('Patient', { identifier: 'https://example.org/other|9912003888' })).resources,
      ).to.have.length(0);
      const encounter = await source.search('Encounter', {
        identifier: 'https://tools.ietf.org/html/rfc4122|6f40cebe-7b55-461d-9d7f-eadb4c065762',
      });
      expect(encounter.resources).to.have.length(1);
    });

    it('filters by _id and status, and ignores parameters it does not know', async () => {
      const source = new BundleSource(ukCore);
      expect(
        (await source.search('MedicationRequest', { _id: 'UKCore-MedicationRequest-Doxycycline-Example' }))
          .resources,
      ).to.have.length(1);
      expect((await source.search('MedicationRequest', { status: 'completed' })).resources).to.have.length(8);
      expect((await source.search('MedicationRequest', { status: 'active' })).resources).to.have.length(0);
      expect((await source.search('MedicationStatement', { status: 'active' })).resources).to.have.length(1);
      const ignored = await source.search('MedicationRequest', {
        code: 'http://snomed.info/sct|123',
        _include: 'MedicationRequest:medication',
      });
      expect(ignored.resources).to.have.length(8);
      expect(ignored.included).to.deep.equal([]);
    });

    it('pages with _count through searchNext, and counts with _summary=count', async () => {
      const source = new BundleSource(ukCore);
      const first = await source.search('MedicationRequest', { patient: RICHARD, _count: 3 });
      expect(first.resources).to.have.length(3);
      expect(first.total).to.equal(8);
      const second = await source.searchNext(first.next!);
      const third = await source.searchNext(second.next!);
      expect(third.resources).to.have.length(2);
      expect(third.next).to.be.undefined;
      const ids = [first, second, third].flatMap((page) => page.resources.map((one) => one.id));
      expect(new Set(ids).size).to.equal(8);
      const count = await source.search('MedicationRequest', { _summary: 'count' });
      expect(count).to.deep.equal({ resources: [], included: [], total: 8 });
      const error = await rejection(
        source.searchNext('https://fhir.example.nhs.uk/R4/MedicationRequest?page=2'),
      );
      expect(error.kind).to.equal('invalid-response');
    });
  });

  describe('a large record', () => {
    const encounter = (id: string, day: number, base: string): BundleEntry => ({
      fullUrl: `${base}Encounter/${id}`,
      resource: {
        resourceType: 'Encounter',
        id,
        status: 'finished',
        class: { code: 'AMB' },
        subject: { reference: 'Patient/p' },
        period: { start: new Date(Date.UTC(2020, 0, 1) + day * 86_400_000).toISOString() },
      } as Encounter,
    });
    const A = 'https://a.example/fhir/';
    const B = 'https://b.example/fhir/';
    // Two servers' records in one Bundle, each with its own Patient/p: `Patient/p` means a's
    // patient in a's entries and b's in b's.
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: `${A}Patient/p`, resource: { resourceType: 'Patient', id: 'p' } },
        { fullUrl: `${B}Patient/p`, resource: { resourceType: 'Patient', id: 'p' } },
        ...Array.from({ length: 2500 }, (_, i) => encounter(`e${i}`, i, i % 5 === 4 ? B : A)),
      ],
    };

    it('pages through one answer: every match once, newest first, the pages sized as asked', async () => {
      const source = new BundleSource(bundle);
      const first = await source.search('Encounter', {
        patient: `${A}Patient/p`,
        _sort: '-date',
        _count: 100,
      });
      expect(first.total).to.equal(2000);
      const pages = [first];
      while (pages[pages.length - 1].next) {
        const next = pages[pages.length - 1].next!.replace('_count=100', '_count=700');
        pages.push(await source.searchNext(next));
      }
      expect(pages.map((page) => page.resources.length)).to.deep.equal([100, 700, 700, 500]);
      const starts = pages.flatMap((page) => page.resources.map((one) => (one as Encounter).period!.start!));
      expect(new Set(starts).size).to.equal(2000);
      expect(starts).to.deep.equal([...starts].sort().reverse());
      const ids = pages.flatMap((page) => page.resources.map((one) => Number(one.id!.slice(1))));
      expect(ids.every((n) => n % 5 !== 4)).to.be.true;
      const b = await source.search('Encounter', { patient: `${B}Patient/p`, _sort: 'date', _count: 3 });
      expect(b.total).to.equal(500);
      expect(b.resources.map((one) => one.id)).to.deep.equal(['e4', 'e9', 'e14']);
    });
  });

  describe('read', () => {
    it('reads by type and id, and fails with not-found otherwise', async () => {
      const source = new BundleSource(ukCore);
      expect((await source.read<Patient>('Patient', RICHARD)).name?.[0].family).to.equal('SMITH');
      const error = await rejection(source.read('Patient', 'nobody'));
      expect(error.kind).to.equal('not-found');
      expect(error.reason).to.equal('no-such-resource');
      expect(error.params).to.deep.equal({ type: 'Patient', id: 'nobody' });
    });

    it('reads the newest copy when the Bundle holds several versions', async () => {
      const source = new BundleSource(references);
      expect((await source.read<Patient>('Patient', '45')).name?.[0].text).to.equal('Name 2');
    });
  });

  describe('index', () => {
    const patient = (id: string, versionId?: string, text = id): Patient => ({
      resourceType: 'Patient',
      id,
      ...(versionId ? { meta: { versionId } } : {}),
      name: [{ text }],
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: `nhs-${id}` }],
    });
    const collection = (...entry: BundleEntry[]): Bundle => ({
      resourceType: 'Bundle',
      type: 'collection',
      entry,
    });

    it('lists every entry in Bundle order when no key repeats', async () => {
      const source = new BundleSource(
        collection(
          { resource: patient('b') },
          { fullUrl: 'urn:uuid:a', resource: patient('a') },
          { resource: { resourceType: 'Patient' } as Patient },
          { resource: patient('c') },
        ),
      );
      const { resources } = await source.search<Patient>('Patient');
      expect(resources.map((p) => p.id)).to.deep.equal(['b', 'a', undefined, 'c']);
    });

    it('lists only the newest copy of a resource repeated with or without a fullUrl', async () => {
      const source = new BundleSource(
        collection(
          { resource: patient('x', '1', 'x1') },
          { resource: patient('y') },
          { resource: patient('x', '2', 'x2') },
          { fullUrl: 'urn:uuid:z', resource: patient('z', '3', 'z3') },
          { fullUrl: 'urn:uuid:z', resource: patient('z', '1', 'z1') },
        ),
      );
      const { resources } = await source.search<Patient>('Patient');
      expect(resources.map((p) => p.name?.[0].text)).to.deep.equal(['y', 'x2', 'z3']);
      // A search result is a copy: changing it does not change the record.
      resources.length = 0;
      expect((await source.search<Patient>('Patient')).total).to.equal(3);
    });

    it('indexes identifiers on the first conditional reference, after reads and searches', async () => {
      const source = new BundleSource(collection({ resource: patient('p') }, { resource: patient('q') }));
      expect((await source.read<Patient>('Patient', 'q')).id).to.equal('q');
      expect((await source.search<Patient>('Patient', { identifier: 'nhs-p' })).total).to.equal(1);
      const system = 'https://fhir.nhs.uk/Id/nhs-number';
      expect((await source.resolve(`Patient?identifier=${system}|nhs-q`))?.id).to.equal('q');
      expect((await source.resolve('Patient?identifier=nhs-p'))?.id).to.equal('p');
      expect(await source.resolve(`Patient?identifier=${system}|nhs-none`)).to.be.undefined;
    });
  });

  describe('resolve', () => {
    it('resolves relative references against the entry base (UK Core)', async () => {
      const source = new BundleSource(ukCore);
      const eyeDrops = await source.read<MedicationRequest>(
        'MedicationRequest',
        'UKCore-MedicationRequest-EyeDrops-Example',
      );
      const medication = await source.resolve(eyeDrops.medicationReference!, { from: eyeDrops });
      expect(medication?.id).to.equal('UKCore-Medication-TimoptolEyeDrops-Example');
      expect(
        (await source.resolve(`${UK_BASE}Organization/UKCore-Organization-LeedsTeachingHospital-Example`))
          ?.id,
      ).to.equal('UKCore-Organization-LeedsTeachingHospital-Example');
      // Same Type/id on another server is another resource.
      expect(await source.resolve(`https://elsewhere.example/fhir/Patient/${RICHARD}`)).to.be.undefined;
      expect(await source.resolve({ display: 'Richard Smith' })).to.be.undefined;
    });

    it('follows every reference form of the FHIR reference-resolution example', async () => {
      const source = new BundleSource(references);
      const { resources } = await source.search<Observation>('Observation');
      const byUrl = new Map(references.entry!.map((entry) => [entry.fullUrl, entry.resource]));
      const subjectOf = async (fullUrl: string) => {
        const from = byUrl.get(fullUrl) as Observation;
        return (await source.resolve<Patient>(from.subject!, { from }))?.name?.[0].text;
      };
      expect(resources).to.have.length(7);
      const patient23 = (byUrl.get('http://example.org/fhir/Patient/23') as Patient).name?.[0].text;
      expect(await subjectOf('http://example.org/fhir/Observation/123')).to.equal(patient23);
      expect(await subjectOf('http://example.org/fhir/Observation/124')).to.equal(patient23);
      expect(await subjectOf('http://example.org/fhir/Observation/12')).to.equal(
        (byUrl.get('urn:uuid:04121321-4af5-424c-a0e1-ed3aab1c349d') as Patient).name?.[0].text,
      );
      // Patient/1 on fhir-2 is not in the Bundle, nor is Patient/23 relative to the fhir-2 Observation.
      expect(await subjectOf('http://example.org/fhir/Observation/14')).to.be.undefined;
      expect(await subjectOf('http://example.org/fhir-2/Observation/14')).to.be.undefined;
      expect(await subjectOf('http://example.org/fhir/Observation/47')).to.equal('Name 2');
    });

    it('resolves urn:uuid references, absolute URLs ending in Type/id and contained resources (Synthea)', async () => {
      const source = new BundleSource(synthea);
      const encounters = (await source.search<Encounter>('Encounter', { _sort: '-date' })).resources;
      const org = await source.resolve<Organization>(encounters[0].serviceProvider!, { from: encounters[0] });
      expect(org?.name).to.equal("SHRINERS' HOSPITAL FOR CHILDREN (THE)");
      const byUrl = await source.resolve<Organization>(
        'https://some.server.example/fhir/Organization/60457c13-adb2-3415-82c5-86ab5dab5f93',
      );
      expect(byUrl?.name).to.equal('BAYSTATE MEDICAL CENTER');
      const request = (
        await source.search<MedicationRequest>('MedicationRequest', { _sort: '-date', _count: 1 })
      ).resources[0];
      expect(
        (await source.resolve<Encounter>(request.encounter!, { from: request }))?.period?.start,
      ).to.equal('2018-05-20T22:00:28+00:00');
      const medication: Medication = { resourceType: 'Medication', id: 'm1', code: { text: 'Oxycodone' } };
      const withContained: MedicationRequest = {
        ...request,
        contained: [medication],
        medicationReference: { reference: '#m1' },
      };
      expect(
        (await source.resolve(withContained.medicationReference!, { from: withContained }))?.id,
      ).to.equal('m1');
      expect(await source.resolve('#missing', { from: withContained })).to.be.undefined;
    });

    it("resolves Synthea's conditional references against the entries' identifiers", async () => {
      const source = new BundleSource(synthea);
      const org = await source.resolve<Organization>(
        'Organization?identifier=https://github.com/synthetichealth/synthea|60457c13-adb2-3415-82c5-86ab5dab5f93',
      );
      expect(org?.name).to.equal('BAYSTATE MEDICAL CENTER');
      const doctor = await source.resolve('Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|320');
      expect(doctor?.id).to.equal('96333652-ed28-41d3-bb60-d435f478c8ed');
      expect(await source.resolve('Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|')).to.be.undefined;
    });

    it('gives undefined for conditional references to resources the Bundle does not hold (Lawrence741)', async () => {
      const source = new BundleSource(lawrence);
      const encounters = (
        await source.search<Encounter>('Encounter', {
          patient: 'urn:uuid:6d44fe03-2478-a82d-7495-3a7c433ed921',
        })
      ).resources;
      expect(encounters).to.have.length(3);
      expect(encounters[0].serviceProvider?.reference).to.match(/^Organization\?identifier=/);
      expect(await source.resolve(encounters[0].serviceProvider!, { from: encounters[0] })).to.be.undefined;
      const requests = (
        await source.search<MedicationRequest>('MedicationRequest', {
          patient: '6d44fe03-2478-a82d-7495-3a7c433ed921',
        })
      ).resources;
      expect(requests).to.have.length(7);
      expect(await source.resolve(requests[0].requester!, { from: requests[0] })).to.be.undefined;
    });
  });

  describe('search by patient (Synthea transaction)', () => {
    const forms = [
      `urn:uuid:${BRADLY}`,
      `Patient/${BRADLY}`,
      BRADLY,
      `https://fhir.example.org/R4/Patient/${BRADLY}`,
    ];
    for (const form of forms) {
      it(`finds every encounter for patient=${form}`, async () => {
        const source = new BundleSource(synthea);
        expect((await source.search('Encounter', { patient: form })).resources).to.have.length(14);
      });
    }

    it('sorts encounters newest first by period.start', async () => {
      const source = new BundleSource(synthea);
      const { resources } = await source.search<Encounter>('Encounter', { patient: BRADLY, _sort: '-date' });
      expect(resources.slice(0, 2).map((one) => one.period?.start)).to.deep.equal([
        '2020-08-09T22:00:28+00:00',
        '2020-07-10T22:00:28+00:00',
      ]);
      expect(resources.at(-1)!.period?.start).to.equal('2016-02-09T22:00:28+00:00');
    });
  });

  describe('IPS documents', () => {
    it('resolves urn:uuid medication references in a document', async () => {
      const source = new BundleSource(ips);
      const statements = (
        await source.search<MedicationStatement>('MedicationStatement', {
          patient: 'urn:uuid:2b90dd2b-2dab-4c75-9bb9-a355e07401e8',
        })
      ).resources;
      expect(statements).to.have.length(2);
      const medication = await source.resolve(statements[0].medicationReference!, { from: statements[0] });
      expect(medication?.resourceType).to.equal('Medication');
    });

    it('resolves relative references against absolute fullUrls', async () => {
      const source = new BundleSource(ipsAbsolute);
      expect((await source.search('Immunization', { patient: 'Patient/AAA1234' })).resources).to.have.length(
        2,
      );
      expect(
        (
          await source.search('Immunization', {
            patient: 'https://terminz.azurewebsites.net/fhir/Patient/AAA1234',
          })
        ).resources,
      ).to.have.length(2);
    });
  });

  describe('defaultPatient', () => {
    it('is the single Patient of a Bundle', async () => {
      expect((await new BundleSource(synthea).defaultPatient())?.id).to.equal(BRADLY);
      expect((await new BundleSource(ukCore).defaultPatient())?.id).to.equal(RICHARD);
    });

    it('is undefined when the Bundle holds several patients', async () => {
      const source = new BundleSource(references);
      expect((await source.search('Patient')).resources).to.have.length(3);
      expect(await source.defaultPatient()).to.be.undefined;
    });

    it("is a document's Composition.subject, even with other patients in the document", async () => {
      expect((await new BundleSource(ips).defaultPatient())?.id).to.equal(
        '2b90dd2b-2dab-4c75-9bb9-a355e07401e8',
      );
      expect((await new BundleSource(ipsAbsolute).defaultPatient())?.id).to.equal('AAA1234');
      const withMother: Bundle = {
        ...ips,
        entry: [
          ...ips.entry!,
          { fullUrl: 'urn:uuid:mother', resource: { resourceType: 'Patient', id: 'mother' } },
        ],
      };
      expect((await new BundleSource(withMother).defaultPatient())?.id).to.equal(
        '2b90dd2b-2dab-4c75-9bb9-a355e07401e8',
      );
    });

    it('is undefined for a Bundle without patients', async () => {
      const bundle: Bundle = {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ resource: { resourceType: 'Organization', id: 'o' } }],
      };
      expect(await new BundleSource(bundle).defaultPatient()).to.be.undefined;
    });
  });

  describe('input that is not a record', () => {
    const cases: [string, unknown, string, object][] = [
      ['a Patient', { resourceType: 'Patient', id: '1' }, 'bundle-wrong-type', { sent: 'Patient' }],
      ['a Bundle without entries', { resourceType: 'Bundle', type: 'collection' }, 'bundle-empty', {}],
      [
        'a Bundle whose entries hold no resources',
        {
          resourceType: 'Bundle',
          type: 'transaction-response',
          entry: [{ response: { status: '201 Created' } }, { resource: 'x' }],
        },
        'bundle-no-resources',
        {},
      ],
      [
        'a history Bundle',
        { resourceType: 'Bundle', type: 'history', entry: [{ resource: { resourceType: 'Patient' } }] },
        'bundle-type-unsupported',
        { bundleType: 'history' },
      ],
    ];
    for (const [what, input, reason, params] of cases) {
      it(`refuses ${what} with invalid-response (${reason}), on every call`, async () => {
        const source = new BundleSource(input as Bundle);
        for (const call of [() => source.search('Patient'), () => source.read('Patient', '1')]) {
          const error = await rejection(call());
          expect(error.kind).to.equal('invalid-response');
          expect(error.reason).to.equal(reason);
          expect(error.params).to.deep.equal(params);
        }
      });
    }

    it('refuses something that is not a resource at all', async () => {
      const error = await rejection(
        new BundleSource(['not', 'a', 'bundle'] as unknown as Bundle).search('Patient'),
      );
      expect(error.kind).to.equal('invalid-response');
      expect(error.reason).to.equal('bundle-not-resource');
    });

    it('skips entries that are not resources', async () => {
      const bundle = {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          null,
          { resource: [] },
          { resource: { id: 'x' } },
          { resource: { resourceType: 'Patient', id: 'p' } },
        ],
      } as unknown as Bundle;
      expect((await new BundleSource(bundle).search('Patient')).resources.map((one) => one.id)).to.deep.equal(
        ['p'],
      );
    });

    it('rejects with an AbortError when the signal has aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      expect(
        isAbortError(
          await rejection(new BundleSource(ukCore).search('Patient', {}, { signal: controller.signal })),
        ),
      ).to.be.true;
    });
  });

  describe('from a URL', () => {
    const URL_ = 'https://records.example/bundles/richard.json';

    it('fetches once, lazily, with the token, however many callers ask', async () => {
      const { fetch, calls } = stubFetch(() => json(ukCore));
      const source = new BundleSource({ url: URL_, fetch, accessToken: 'tok' });
      expect(calls).to.have.length(0);
      const [patients, requests] = await Promise.all([
        source.search('Patient'),
        source.search('MedicationRequest'),
      ]);
      expect(patients.resources).to.have.length(1);
      expect(requests.resources).to.have.length(8);
      await source.read('Patient', RICHARD);
      expect(calls).to.have.length(1);
      expect(calls[0].url).to.equal(URL_);
      expect(calls[0].headers.get('authorization')).to.equal('Bearer tok');
      source.clear();
      await source.defaultPatient();
      expect(calls).to.have.length(2);
    });

    it('maps failures as FhirRestSource does and does not keep them', async () => {
      let status = 404;
      const { fetch, calls } = stubFetch(() =>
        status === 200 ? json(ukCore) : new Response('<html>Not here</html>', { status }),
      );
      const source = new BundleSource({ url: URL_, fetch });
      const error = await rejection(source.search('Patient'));
      expect(error.kind).to.equal('not-found');
      expect(error.reason).to.equal('http-status');
      expect(error.params).to.deep.equal({ status: 404, statusText: 'Not Found' });
      status = 200;
      expect((await source.search('Patient')).resources).to.have.length(1);
      expect(calls).to.have.length(2);
    });

    it('refuses an HTML page served with 200, and a file that is not a Bundle', async () => {
      const html = stubFetch(
        () => new Response('<!DOCTYPE html><p>Sign in', { headers: { 'content-type': 'text/html' } }),
      );
      const error = await rejection(new BundleSource({ url: URL_, fetch: html.fetch }).search('Patient'));
      expect(error.kind).to.equal('invalid-response');
      expect(error.reason).to.equal('html-page');
      const patient = stubFetch(() => json({ resourceType: 'Patient', id: '1' }));
      const notBundle = await rejection(
        new BundleSource({ url: URL_, fetch: patient.fetch }).search('Patient'),
      );
      expect(notBundle.reason).to.equal('bundle-wrong-type');
      expect(notBundle.params).to.deep.equal({ sent: 'Patient' });
      expect(notBundle.url).to.equal(URL_);
    });

    it('says plainly when the address is not a URL, without a request', async () => {
      const { fetch, calls } = stubFetch(() => json(ukCore));
      const error = await rejection(new BundleSource({ url: 'http://[broken', fetch }).search('Patient'));
      expect(error.kind).to.equal('invalid-response');
      expect(error.reason).to.equal('bundle-invalid-url');
      expect(error.params).to.deep.equal({ url: 'http://[broken' });
      expect(calls).to.have.length(0);
    });

    it('resolves a relative URL against the page', async () => {
      const { fetch, calls } = stubFetch(() => json(synthea));
      await new BundleSource({ url: 'data/record.json', fetch }).search('Patient');
      expect(calls[0].url).to.equal(new URL('data/record.json', location.href).href);
    });
  });
});
