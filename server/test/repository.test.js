// The repository's kept search answers: in-process against a stand-in for MemoryRepository (which
// counts the searches it runs), then over HTTP against medplum itself.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createRepository, matchKey } from '../lib/repository.js';
import { spawnServer } from '../spawn.js';

/**
 * What the repository needs of medplum's MemoryRepository, in a few lines: encounters matched by
 * `subject` and sorted by `period.start`, each search counted; `pause` holds the next search
 * until it is resolved.
 */
class StandInRepository {
  /** @type {Map<string, any>} */
  stored = new Map();
  searches = 0;
  /** @type {Promise<void> | undefined} */
  pause;

  /** @param {any} query */
  async search(query) {
    this.searches += 1;
    const subject = query.filters?.[0]?.value;
    const descending = query.sortRules?.[0]?.descending;
    const matches = [...this.stored.values()]
      .filter((r) => r.resourceType === query.resourceType && r.subject === subject)
      .sort((a, b) => (a.start < b.start ? -1 : 1) * (descending ? -1 : 1));
    const entry = matches.map((resource) => ({ resource: { ...resource } }));
    await this.pause;
    return { resourceType: 'Bundle', type: 'searchset', entry, total: entry.length };
  }

  /** @param {string} _type @param {string} id */
  async readResource(_type, id) {
    const resource = this.stored.get(id);
    if (!resource) throw new Error(`not found: ${id}`);
    return { ...resource };
  }

  /** @param {any} resource */
  async createResource(resource) {
    this.stored.set(resource.id, resource);
    return resource;
  }

  /** @param {any} resource */
  async conditionalCreate(resource) {
    return { resource: await this.createResource(resource) };
  }

  /** @param {string} _type @param {string} id */
  async deleteResource(_type, id) {
    this.stored.delete(id);
  }

  /** @param {string} _type @param {string[]} ids */
  async expungeResources(_type, ids) {
    for (const id of ids) this.stored.delete(id);
  }

  clear() {
    this.stored.clear();
  }
}

/** @type {{ resources: any[], request: any }[]} */
let includeCalls = [];

function repository() {
  const repo = /** @type {any} */ (
    createRepository(
      /** @type {any} */ ({
        MemoryRepository: StandInRepository,
        getExtraEntries: async (
          /** @type {any} */ _repo,
          /** @type {any} */ request,
          /** @type {any[]} */ resources,
          /** @type {any[]} */ entries,
        ) => {
          includeCalls.push({ resources, request });
          entries.push({
            search: { mode: 'include' },
            resource: { resourceType: 'Organization', id: 'org' },
          });
        },
      }),
    )
  );
  for (let i = 0; i < 10; i += 1) {
    const id = `e${i}`;
    repo.stored.set(id, { resourceType: 'Encounter', id, subject: 'Patient/a', start: `2020-01-${10 + i}` });
  }
  repo.stored.set('other', {
    resourceType: 'Encounter',
    id: 'other',
    subject: 'Patient/b',
    start: '2020-02-01',
  });
  return repo;
}

/** @param {{ count?: number, offset?: number, descending?: boolean, include?: boolean }} [options] */
const request = ({ count, offset, descending = true, include = false } = {}) => ({
  resourceType: 'Encounter',
  filters: [{ code: 'patient', operator: 'eq', value: 'Patient/a' }],
  sortRules: [{ code: 'date', descending }],
  ...(count === undefined ? {} : { count }),
  ...(offset === undefined ? {} : { offset }),
  ...(include ? { include: [{ resourceType: 'Encounter', searchParam: 'service-provider' }] } : {}),
});

/** @param {any} bundle */
const ids = (bundle) => (bundle.entry ?? []).map((/** @type {any} */ e) => e.resource.id);

describe('kept search answers (in process)', () => {
  it('keys a query by type, filters and sort, not by its page or includes', () => {
    const base = matchKey(/** @type {any} */ (request()));
    assert.equal(matchKey(/** @type {any} */ (request({ count: 5, offset: 5, include: true }))), base);
    assert.notEqual(matchKey(/** @type {any} */ (request({ descending: false }))), base);
  });

  it('searches once per query and reads each page from the kept answer', async () => {
    const repo = repository();
    const first = await repo.search(request({ count: 4 }));
    const second = await repo.search(request({ count: 4, offset: 4 }));
    const last = await repo.search(request({ count: 4, offset: 8 }));
    assert.deepEqual(ids(first), ['e9', 'e8', 'e7', 'e6']);
    assert.deepEqual(ids(second), ['e5', 'e4', 'e3', 'e2']);
    assert.deepEqual(ids(last), ['e1', 'e0']);
    assert.deepEqual([first.total, second.total, last.total], [10, 10, 10]);
    assert.equal(first.entry[0].search.mode, 'match');
    assert.equal(repo.searches, 1);
    const beyond = await repo.search(request({ count: 4, offset: 12 }));
    assert.equal(beyond.entry, undefined);
    assert.equal(beyond.total, 10);
    await repo.search(request({ count: 4, descending: false }));
    assert.equal(repo.searches, 2);
  });

  it('hands out copies, so a caller cannot change what is stored', async () => {
    const repo = repository();
    const page = await repo.search(request({ count: 1 }));
    page.entry[0].resource.start = 'changed';
    const again = await repo.search(request({ count: 1 }));
    assert.equal(again.entry[0].resource.start, '2020-01-19');
  });

  it("adds a page's includes from that page's matches, after them", async () => {
    includeCalls = [];
    const repo = repository();
    const page = await repo.search(request({ count: 3, offset: 3, include: true }));
    assert.deepEqual(ids(page), ['e6', 'e5', 'e4', 'org']);
    assert.equal(page.total, 10);
    assert.deepEqual(
      includeCalls[0].resources.map((/** @type {any} */ r) => r.id),
      ['e6', 'e5', 'e4'],
    );
    await repo.search(request({ count: 3 }));
    assert.equal(includeCalls.length, 1, 'no includes asked for, none added');
  });

  for (const [write, run] of /** @type {[string, (repo: any) => Promise<unknown> | void][]} */ ([
    [
      'create',
      (repo) =>
        repo.createResource({
          resourceType: 'Encounter',
          id: 'new',
          subject: 'Patient/a',
          start: '2021-01-01',
        }),
    ],
    [
      'conditional create',
      (repo) =>
        repo.conditionalCreate({
          resourceType: 'Encounter',
          id: 'new',
          subject: 'Patient/a',
          start: '2021-01-01',
        }),
    ],
    ['delete', (repo) => repo.deleteResource('Encounter', 'e9')],
    ['expunge', (repo) => repo.expungeResources('Encounter', ['e9'])],
    ['clear', (repo) => repo.clear()],
  ])) {
    it(`forgets every kept answer on a write (${write})`, async () => {
      const repo = repository();
      const before = await repo.search(request({ count: 2 }));
      await run(repo);
      const afterWrite = await repo.search(request({ count: 2 }));
      assert.equal(repo.searches, 2);
      assert.notDeepEqual(ids(afterWrite), ids(before));
    });
  }

  it('works an answer out again when a write came while it was on its way', async () => {
    const repo = repository();
    /** @type {() => void} */
    let release = () => {};
    repo.pause = new Promise((resolve) => (release = () => resolve(undefined)));
    const pending = repo.search(request({ count: 2 }));
    await repo.deleteResource('Encounter', 'e9');
    release();
    const answer = await pending;
    assert.deepEqual(ids(answer), ['e8', 'e7']);
    assert.equal(answer.total, 9);
    assert.equal(repo.searches, 2);
    await repo.search(request({ count: 2, offset: 2 }));
    assert.equal(repo.searches, 2, 'and kept that one');
  });
});

const SEED = fileURLToPath(
  new URL('./fixtures/seed/patient-with-60-encounters.transaction.json', import.meta.url),
);

describe('kept search answers (over HTTP, medplum)', () => {
  /** @type {import('../spawn.js').SpawnedServer} */
  let server;
  before(async () => {
    server = await spawnServer({ args: ['--seed', SEED] });
  });
  after(async () => {
    await server?.close();
  });

  /** @param {string} path @param {RequestInit} [init] */
  const fhir = async (path, init) => {
    const res = await fetch(`${server.url}/${path}`, init);
    return { status: res.status, body: await res.json() };
  };
  const search = 'Encounter?patient=test-patient-1&_sort=-date&_include=Encounter:service-provider';
  /** @param {any} bundle @param {string} mode */
  const idsOf = (bundle, mode) =>
    (bundle.entry ?? [])
      .filter((/** @type {any} */ e) => e.search.mode === mode)
      .map((/** @type {any} */ e) => e.resource.id);

  it('pages through the same order as one page of everything, with each page its includes', async () => {
    const all = await fhir(`${search}&_count=100`);
    assert.equal(all.body.total, 60);
    const starts = all.body.entry
      .filter((/** @type {any} */ e) => e.search.mode === 'match')
      .map((/** @type {any} */ e) => e.resource.period.start);
    assert.deepEqual(starts, [...starts].sort().reverse());
    const paged = [];
    for (let offset = 0; offset < 60; offset += 25) {
      const page = await fhir(`${search}&_count=25&_offset=${offset}`);
      assert.equal(page.body.total, 60);
      assert.equal(idsOf(page.body, 'include').length, 1, 'the service provider');
      paged.push(...idsOf(page.body, 'match'));
    }
    assert.deepEqual(paged, idsOf(all.body, 'match'));
  });

  it('answers from the record as it is after a write (create, update, delete)', async () => {
    const before = await fhir(`${search}&_count=10`);
    const created = await fhir('Encounter', {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Encounter',
        status: 'planned',
        class: { code: 'AMB' },
        subject: { reference: 'Patient/test-patient-1' },
        period: { start: '2099-01-01T09:00:00+00:00' },
      }),
    });
    assert.equal(created.status, 201);
    const afterCreate = await fhir(`${search}&_count=10`);
    assert.equal(afterCreate.body.total, 61);
    assert.equal(idsOf(afterCreate.body, 'match')[0], created.body.id);

    const oldest = await fhir(`${search}&_count=1&_offset=60`);
    const moved = { ...oldest.body.entry[0].resource, period: { start: '2100-01-01T09:00:00+00:00' } };
    const updated = await fhir(`Encounter/${moved.id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify(moved),
    });
    assert.equal(updated.status, 200);
    const afterUpdate = await fhir(`${search}&_count=10`);
    assert.deepEqual(idsOf(afterUpdate.body, 'match').slice(0, 2), [moved.id, created.body.id]);

    assert.equal(
      (await fetch(`${server.url}/Encounter/${created.body.id}`, { method: 'DELETE' })).status,
      200,
    );
    assert.equal((await fetch(`${server.url}/Encounter/${moved.id}`, { method: 'DELETE' })).status, 200);
    const afterDelete = await fhir(`${search}&_count=10`);
    assert.equal(afterDelete.body.total, 59);
    assert.deepEqual(idsOf(afterDelete.body, 'match'), idsOf(before.body, 'match'));
  });
});
