// Generated demo records are dated to the day the server runs: every date of a file named in its
// folder's index.json moves by the days between that index's `today` and the server's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { daysBetween, generatedFor, shiftDate, shiftDates, ukToday } from '../lib/shift-dates.js';
import { spawnServer } from '../spawn.js';

const GENERATED = fileURLToPath(new URL('../../demo/data/generated/', import.meta.url));
const UK_CORE_PATIENT = fileURLToPath(
  new URL('../../demo/data/uk-core/UKCore-Patient-RichardSmith-Example.json', import.meta.url),
);
const SEED = [
  `${GENERATED}organisations-and-practitioners.json`,
  `${GENERATED}gen-patient-0002.json`,
  UK_CORE_PATIENT,
];
const seedArgs = SEED.flatMap((file) => ['--seed', file]);

describe('shiftDate', () => {
  it('moves dates by whole days, keeping the wall-clock time', () => {
    assert.equal(shiftDate('2026-10-29', 32), '2026-11-30');
    assert.equal(shiftDate('2026-12-31', 1), '2027-01-01');
    assert.equal(shiftDate('2024-03-01', -1), '2024-02-29');
    assert.equal(shiftDate('2026-11-09T10:00:00+00:00', 32), '2026-12-11T10:00:00+00:00');
    assert.equal(shiftDate('2026-11-09T10:00:00.250Z', 1), '2026-11-10T10:00:00.250Z');
    assert.equal(shiftDate('2026-11-09T10:00:00-05:00', 1), '2026-11-10T10:00:00-05:00');
  });

  it('gives a UK time the UK offset of its new day (BST to GMT and back)', () => {
    assert.equal(shiftDate('2026-10-20T09:05:00+01:00', 32), '2026-11-21T09:05:00+00:00');
    assert.equal(shiftDate('2026-03-20T09:05:00+00:00', 14), '2026-04-03T09:05:00+01:00');
  });

  it('leaves what is not a date to the day as it was', () => {
    for (const value of ['1956', '1956-03', 'gen-patient-0002', '2026-10-29 10:00', '9991654828'])
      assert.equal(shiftDate(value, 32), value);
  });

  it('moves every date in a resource, nested or in arrays', () => {
    const resource = {
      resourceType: 'Patient',
      id: 'p',
      birthDate: '2026-10-29',
      _birthDate: { extension: [{ valueDateTime: '2026-10-29T06:42:00+00:00' }] },
      name: [{ family: 'Green', period: { start: '2026-10-29' } }],
    };
    assert.deepEqual(shiftDates(resource, 1), {
      resourceType: 'Patient',
      id: 'p',
      birthDate: '2026-10-30',
      _birthDate: { extension: [{ valueDateTime: '2026-10-30T06:42:00+00:00' }] },
      name: [{ family: 'Green', period: { start: '2026-10-30' } }],
    });
  });

  it('knows the generated files and the day they were written for', async () => {
    assert.equal(await generatedFor(`${GENERATED}gen-patient-0002.json`), '2026-11-01');
    assert.equal(await generatedFor(`${GENERATED}organisations-and-practitioners.json`), '2026-11-01');
    assert.equal(await generatedFor(UK_CORE_PATIENT), undefined);
    assert.equal(daysBetween('2026-11-01', '2026-12-03'), 32);
    assert.match(ukToday(), /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(ukToday(new Date('2026-06-30T23:30:00Z')), '2026-07-01');
  });
});

describe('record server: generated records dated to the day it runs', () => {
  /** @type {import('../spawn.js').SpawnedServer[]} */
  const servers = [];
  /** @type {Record<string, import('../spawn.js').SpawnedServer>} */
  const by = {};
  before(async () => {
    const [shifted, asWritten, now] = await Promise.all([
      spawnServer({ args: [...seedArgs, '--today', '2026-12-03'] }),
      spawnServer({ args: [...seedArgs, '--today', '2026-11-01'] }),
      spawnServer({ args: seedArgs }),
    ]);
    servers.push(shifted, asWritten, now);
    Object.assign(by, { shifted, asWritten, now });
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  /** @param {import('../spawn.js').SpawnedServer} server @param {string} path */
  const get = async (server, path) => (await fetch(`${server.url}/${path}`)).json();
  /** @param {import('../spawn.js').SpawnedServer} server */
  const encounters = async (server) =>
    (await get(server, 'Encounter?patient=gen-patient-0002&_sort=date')).entry.map(
      (/** @type {any} */ e) => `${e.resource.status} ${e.resource.period.start}`,
    );

  it('moves the baby born 3 days before the generator’s day to 3 days before the server’s', async () => {
    assert.equal((await get(by.shifted, 'Patient/gen-patient-0002')).birthDate, '2026-11-30');
    assert.equal((await get(by.asWritten, 'Patient/gen-patient-0002')).birthDate, '2026-10-29');
    const born = new Date(`${ukToday()}T00:00:00Z`);
    born.setUTCDate(born.getUTCDate() - 3);
    assert.equal((await get(by.now, 'Patient/gen-patient-0002')).birthDate, born.toISOString().slice(0, 10));
  });

  it('keeps a planned encounter in the future', async () => {
    assert.deepEqual(await encounters(by.shifted), [
      'in-progress 2026-11-30T06:42:00+00:00',
      'planned 2026-12-11T10:00:00+00:00',
      'planned 2027-01-11T09:30:00+00:00',
    ]);
    assert.deepEqual(await encounters(by.asWritten), [
      'in-progress 2026-10-29T06:42:00+00:00',
      'planned 2026-11-09T10:00:00+00:00',
      'planned 2026-12-10T09:30:00+00:00',
    ]);
    const today = ukToday();
    const planned = (await encounters(by.now)).filter((line) => line.startsWith('planned'));
    assert.ok(planned.every((line) => line.slice('planned '.length, 'planned '.length + 10) > today));
  });

  it('leaves records that were not generated (UK Core, Synthea) as published', async () => {
    const richard = await get(by.shifted, 'Patient/UKCore-Patient-RichardSmith-Example');
    assert.equal(richard.birthDate, '1970-09-11');
  });

  it('refuses a --today that is not a day', async () => {
    await assert.rejects(spawnServer({ args: ['--today', '2026-02-31'], timeoutMs: 20_000 }));
  });
});
