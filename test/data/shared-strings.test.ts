import { expect } from '@open-wc/testing';
import { shareStrings } from '../../src/data/shared-strings.js';

describe('shareStrings', () => {
  it('leaves every value as it was, in objects and arrays at any depth', () => {
    const json = JSON.parse(
      JSON.stringify({
        resourceType: 'Bundle',
        entry: [
          {
            resource: {
              resourceType: 'Encounter',
              subject: { reference: 'Patient/1' },
              type: [{ text: 'A' }],
            },
          },
          {
            resource: {
              resourceType: 'Encounter',
              subject: { reference: 'Patient/1' },
              n: 3,
              ok: true,
              no: null,
            },
          },
        ],
      }),
    );
    const before = structuredClone(json);
    shareStrings(json, new Map());
    expect(json).to.deep.equal(before);
  });

  it('puts the first copy of a repeated string in place of the later ones, and leaves long text alone', () => {
    const pool = new Map<string, string>();
    const written: string[] = [];
    const watched = (value: string) => {
      const holder: Record<string, unknown> = {};
      let current = value;
      Object.defineProperty(holder, 'value', {
        enumerable: true,
        get: () => current,
        set: (next: string) => {
          written.push(next);
          current = next;
        },
      });
      return holder;
    };
    const long = 'x'.repeat(300);
    shareStrings(
      [watched('Patient/1'), watched('Patient/1'), watched(long), watched(long), watched('Patient/2')],
      pool,
    );
    expect(written).to.deep.equal(['Patient/1']);
    expect([...pool.keys()].sort()).to.deep.equal(['Patient/1', 'Patient/2']);
  });

  it('takes a value that is not an object, and never copies what an object inherits onto it', () => {
    expect(() => shareStrings('Patient/1', new Map())).not.to.throw();
    const inherited = Object.create({ reference: 'Patient/1' }) as Record<string, unknown>;
    inherited.display = 'Patient/1';
    shareStrings(inherited, new Map([['Patient/1', 'Patient/1']]));
    expect(Object.keys(inherited)).to.deep.equal(['display']);
  });
});
