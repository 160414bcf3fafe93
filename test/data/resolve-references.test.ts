import { expect } from '@open-wc/testing';
import type { FhirResource, Reference, Resource } from 'fhir/r4';
import { errorForStatus } from '../../src/data/fhir-http.js';
import type { RecordSource, ResolveOptions } from '../../src/data/record-source.js';
import { resolveReferences, type ReferenceToResolve } from '../../src/data/resolve-references.js';
import { withholdingFor } from '../../src/model/restricted-record.js';

const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

const organisation = (id: string, name = id): Resource =>
  ({ resourceType: 'Organization', id, name }) as Resource;
const medication = (id: string): Resource =>
  ({ resourceType: 'Medication', id, code: { text: id } }) as Resource;
const role = (id: string, organisationRef: string): Resource =>
  ({ resourceType: 'PractitionerRole', id, organization: { reference: organisationRef } }) as Resource;

const encounter = (id: string, extra: Record<string, unknown> = {}): Resource =>
  ({ resourceType: 'Encounter', id, ...extra }) as Resource;

/** A stub source answering `resolve` from a table and counting every call by reference text. */
class CountingSource implements RecordSource {
  readonly calls: string[] = [];
  readonly froms: (Resource | undefined)[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(
    private readonly table: Record<string, Resource | Error>,
    private readonly hold?: Promise<void>,
  ) {}

  count(ref: string): number {
    return this.calls.filter((call) => call === ref).length;
  }

  read(): Promise<never> {
    return Promise.reject(new Error('read is not expected'));
  }

  search(): Promise<never> {
    return Promise.reject(new Error('search is not expected'));
  }

  searchNext(): Promise<never> {
    return Promise.reject(new Error('searchNext is not expected'));
  }

  async resolve<T extends Resource = FhirResource>(
    reference: Reference | string,
    options: ResolveOptions = {},
  ): Promise<T | undefined> {
    const ref = typeof reference === 'string' ? reference : (reference.reference ?? '');
    this.calls.push(ref);
    this.froms.push(options.from);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.hold) {
        await new Promise<void>((resolve, reject) => {
          options.signal?.addEventListener('abort', () => reject(options.signal!.reason), { once: true });
          void this.hold!.then(resolve);
        });
      }
      await Promise.resolve();
      const answer = this.table[ref];
      if (answer instanceof Error) throw answer;
      return answer as T | undefined;
    } finally {
      this.inFlight--;
    }
  }
}

const item = (reference: string, from: Resource = encounter('e1')): ReferenceToResolve => ({
  reference: { reference },
  from,
});

describe('data/resolveReferences', () => {
  it('takes an _include-d resource without a request', async () => {
    const included = [organisation('gp', 'Riverside Surgery')];
    const source = new CountingSource({});
    const lookup = await resolveReferences(source, [item('Organization/gp')], { included });
    expect(source.calls).to.deep.equal([]);
    expect(lookup({ reference: 'Organization/gp' })).to.equal(included[0]);
    expect(lookup('Organization/gp')).to.equal(included[0]);
  });

  it("a restricted record's practice is never requested; other references are", async () => {
    const withholding = withholdingFor({
      resourceType: 'Patient',
      id: 'p',
      meta: { security: [{ system: CONFIDENTIALITY, code: 'R' }] },
      generalPractitioner: [{ reference: 'Organization/gp' }],
    });
    expect(withholding).to.not.equal(undefined);
    const source = new CountingSource({ 'Organization/trust': organisation('trust', 'Northgate Trust') });
    const lookup = await resolveReferences(source, [item('Organization/gp'), item('Organization/trust')], {
      withholding,
    });
    expect(source.calls).to.deep.equal(['Organization/trust']);
    expect(lookup({ reference: 'Organization/trust' })).to.deep.include({ name: 'Northgate Trust' });
  });

  it('matches included resources by Type/id from relative, absolute and versioned references', async () => {
    const gp = organisation('gp');
    const source = new CountingSource({});
    const refs = [
      'Organization/gp',
      'Organization/gp/_history/3',
      'https://fhir.example.nhs.uk/R4/Organization/gp',
      'https://fhir.example.nhs.uk/R4/Organization/gp/_history/2',
    ];
    const lookup = await resolveReferences(
      source,
      refs.map((ref) => item(ref)),
      { included: [gp] },
    );
    expect(source.calls).to.deep.equal([]);
    for (const ref of refs) expect(lookup({ reference: ref }), ref).to.equal(gp);
    // Looked up without having been asked for, too.
    expect(lookup('http://other.example/fhir/Organization/gp')).to.equal(gp);
    expect(lookup('Organization/other')).to.equal(undefined);
  });

  it('requests each distinct reference once, passing the resource it was found in', async () => {
    const first = encounter('e1');
    const second = encounter('e2');
    const source = new CountingSource({
      'Organization/a': organisation('a'),
      'Medication/m': medication('m'),
      'urn:uuid:7f3c1a52-0d0e-4f4c-9a65-8c2f2f0a1b11': organisation('u'),
    });
    const lookup = await resolveReferences(source, [
      item('Organization/a', first),
      item('Medication/m', first),
      item('Organization/a', second),
      item(' Organization/a ', second),
      item('Medication/m', second),
      item('urn:uuid:7f3c1a52-0d0e-4f4c-9a65-8c2f2f0a1b11', second),
      item('urn:uuid:7f3c1a52-0d0e-4f4c-9a65-8c2f2f0a1b11', first),
    ]);
    expect(source.calls).to.have.members([
      'Organization/a',
      'Medication/m',
      'urn:uuid:7f3c1a52-0d0e-4f4c-9a65-8c2f2f0a1b11',
    ]);
    expect(source.calls).to.have.length(3);
    expect(source.froms[source.calls.indexOf('Organization/a')]).to.equal(first);
    expect(source.froms[source.calls.indexOf('urn:uuid:7f3c1a52-0d0e-4f4c-9a65-8c2f2f0a1b11')]).to.equal(
      second,
    );
    expect((lookup({ reference: 'Organization/a' }) as { id?: string }).id).to.equal('a');
    expect((lookup({ reference: 'Medication/m' }) as { id?: string }).id).to.equal('m');
  });

  it('resolves in parallel, at most `concurrency` at a time', async () => {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    const table = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`Organization/o${i}`, organisation(`o${i}`)]),
    );
    const source = new CountingSource(table, hold);
    const done = resolveReferences(
      source,
      Object.keys(table).map((ref) => item(ref)),
      { concurrency: 4 },
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(source.inFlight).to.equal(4);
    release();
    const lookup = await done;
    expect(source.maxInFlight).to.equal(4);
    expect(source.calls).to.have.length(10);
    expect(lookup('Organization/o9')).to.deep.equal(table['Organization/o9']);
  });

  it('a reference that cannot be followed is undefined, and the rest still resolve', async () => {
    const source = new CountingSource({
      'Organization/gone': errorForStatus(404, '', 'https://fhir.example.nhs.uk/R4/Organization/gone'),
      'Organization/forbidden': errorForStatus(403, ''),
      'Organization/ok': organisation('ok'),
    });
    const lookup = await resolveReferences(source, [
      item('Organization/gone'),
      item('Organization/forbidden'),
      item('Organization/ok'),
      item('Organization/missing'),
    ]);
    expect(lookup('Organization/gone')).to.equal(undefined);
    expect(lookup('Organization/forbidden')).to.equal(undefined);
    expect(lookup('Organization/missing')).to.equal(undefined);
    expect((lookup('Organization/ok') as { id?: string }).id).to.equal('ok');
    expect(source.calls).to.have.length(4);
  });

  it('an abort propagates: the promise rejects with the AbortError', async () => {
    const controller = new AbortController();
    const source = new CountingSource({ 'Organization/a': organisation('a') }, new Promise(() => {}));
    const done = resolveReferences(source, [item('Organization/a'), item('Organization/b')], {
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    controller.abort();
    let caught: unknown;
    try {
      await done;
    } catch (error) {
      caught = error;
    }
    expect((caught as DOMException | undefined)?.name).to.equal('AbortError');
  });

  it('an AbortError from the source propagates even when the signal was not aborted', async () => {
    const source = new CountingSource({
      'Organization/a': new DOMException('The request was cancelled.', 'AbortError') as unknown as Error,
    });
    let caught: unknown;
    try {
      await resolveReferences(source, [item('Organization/a')]);
    } catch (error) {
      caught = error;
    }
    expect((caught as DOMException | undefined)?.name).to.equal('AbortError');
  });

  it('leaves contained references to the model, and skips display-only and malformed ones', async () => {
    const source = new CountingSource({});
    const from = encounter('e1', { contained: [organisation('inner')] });
    const lookup = await resolveReferences(source, [
      item('#inner', from),
      { reference: { display: 'Riverside Surgery' }, from },
      { reference: { reference: '  ' }, from },
      null as unknown as ReferenceToResolve,
      { reference: 'Organization/x' as unknown as Reference, from },
    ]);
    expect(source.calls).to.deep.equal([]);
    expect(lookup('#inner')).to.equal(undefined);
    expect(lookup(undefined)).to.equal(undefined);
    expect(lookup({ display: 'Riverside Surgery' })).to.equal(undefined);
  });

  describe('a further round for a second hop (follow)', () => {
    const followRole = (found: Resource): ReferenceToResolve[] => {
      const organization = (found as { organization?: Reference }).organization;
      return found.resourceType === 'PractitionerRole' && organization
        ? [{ reference: organization, from: found }]
        : [];
    };

    it('follows a requested PractitionerRole to its organisation in a second round', async () => {
      const source = new CountingSource({
        'PractitionerRole/r': role('r', 'Organization/gp'),
        'Organization/gp': organisation('gp'),
      });
      const lookup = await resolveReferences(source, [item('PractitionerRole/r')], { follow: followRole });
      expect(source.calls).to.deep.equal(['PractitionerRole/r', 'Organization/gp']);
      expect(source.froms[1]).to.deep.equal(role('r', 'Organization/gp'));
      expect((lookup('Organization/gp') as { id?: string }).id).to.equal('gp');
    });

    it('follows included and contained roles too, and asks for a reference only once across rounds', async () => {
      const contained = role('inner', 'Organization/b');
      const source = new CountingSource({
        'Organization/a': organisation('a'),
        'Organization/b': organisation('b'),
        'PractitionerRole/r2': role('r2', 'Organization/a'),
      });
      const lookup = await resolveReferences(
        source,
        [
          item('PractitionerRole/r1'),
          item('#inner', encounter('e1', { contained: [contained] })),
          item('Organization/a'),
          item('PractitionerRole/r2'),
        ],
        { included: [role('r1', 'Organization/a')], follow: followRole },
      );
      expect(source.calls).to.have.members(['Organization/a', 'Organization/b', 'PractitionerRole/r2']);
      expect(source.calls).to.have.length(3);
      expect(lookup('Organization/b')).to.not.equal(undefined);
    });

    it('stops after `rounds` rounds of requests', async () => {
      const source = new CountingSource({
        'PractitionerRole/r': role('r', 'PractitionerRole/s'),
        'PractitionerRole/s': role('s', 'Organization/gp'),
        'Organization/gp': organisation('gp'),
      });
      const lookup = await resolveReferences(source, [item('PractitionerRole/r')], { follow: followRole });
      expect(source.calls).to.deep.equal(['PractitionerRole/r', 'PractitionerRole/s']);
      expect(lookup('Organization/gp')).to.equal(undefined);
      const once = new CountingSource({ 'PractitionerRole/r': role('r', 'Organization/gp') });
      await resolveReferences(once, [item('PractitionerRole/r')], { follow: followRole, rounds: 1 });
      expect(once.calls).to.deep.equal(['PractitionerRole/r']);
    });
  });
});
