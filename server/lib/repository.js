// The record server's repository: medplum's MemoryRepository with what a database gives a real
// FHIR server, an index of each search's answer. medplum still decides what matches and in which
// order; this keeps that answer, so each page of a long result costs what a page costs, not a scan
// and sort of every resource of the type.

/** @typedef {import('@medplum/core').SearchRequest} SearchRequest */
/** @typedef {import('@medplum/fhirtypes').Bundle} Bundle */
/** @typedef {import('@medplum/fhirtypes').BundleEntry} BundleEntry */
/** @typedef {import('@medplum/fhirtypes').Resource} Resource */

/**
 * The query a search's matches depend on: the type (or types), the filters and the sort, not the
 * page asked for (`_count`, `_offset`) or what rides along (`_include`, `_revinclude`).
 * @param {SearchRequest} request
 * @returns {string}
 */
export function matchKey(request) {
  const { resourceType, types, filters, sortRules } = request;
  return JSON.stringify([resourceType, types ?? [], filters ?? [], sortRules ?? []]);
}

/**
 * Makes the repository the server uses: a `MemoryRepository` whose searches keep the ids of
 * their matches, in order, by {@link matchKey}. The first search of a query is medplum's own (a
 * scan of the type and a sort); later pages of it read only their own resources. Every write
 * (create, update, patch, delete, expunge, conditional create, clear) forgets every kept answer.
 * @param {typeof import('@medplum/fhir-router')} fhirRouter
 * @returns {import('@medplum/fhir-router').MemoryRepository}
 */
export function createRepository({ MemoryRepository, getExtraEntries }) {
  class IndexedRepository extends MemoryRepository {
    /** The ids of each query's matches, in medplum's order. */
    #matches = new Map();
    /** Bumped by every write, so an answer worked out before a write is not kept after it. */
    #generation = 0;

    /**
     * @param {SearchRequest} request
     * @returns {Promise<Bundle>}
     */
    async search(request) {
      const key = matchKey(request);
      let ids = this.#matches.get(key);
      // An answer worked out while a write came is worked out again: it may name what is gone.
      while (!ids) {
        const generation = this.#generation;
        const {
          count: _count,
          offset: _offset,
          include: _include,
          revInclude: _revInclude,
          ...query
        } = request;
        const all = await super.search(query);
        if (generation !== this.#generation) continue;
        ids = (all.entry ?? []).map((entry) => /** @type {string} */ (entry.resource?.id));
        this.#matches.set(key, ids);
      }
      const start = request.offset ?? 0;
      const pageIds = ids.slice(start, request.count === undefined ? undefined : start + request.count);
      /** @type {Resource[]} */
      const resources = await Promise.all(pageIds.map((id) => this.readResource(request.resourceType, id)));
      /** @type {BundleEntry[]} */
      const entries = resources.map((resource) => ({ search: { mode: 'match' }, resource }));
      if ((request.include || request.revInclude) && entries.length > 0) {
        // `total` counts the matches only, as medplum's own search does.
        await getExtraEntries(this, request, resources, entries);
      }
      return {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: entries.length > 0 ? /** @type {any} */ (entries) : undefined,
        total: ids.length,
      };
    }

    /** @type {MemoryRepository['createResource']} */
    createResource(...args) {
      return this.#write(() => super.createResource(...args));
    }

    /** @type {MemoryRepository['conditionalCreate']} */
    conditionalCreate(...args) {
      return this.#write(() => super.conditionalCreate(...args));
    }

    /** @type {MemoryRepository['deleteResource']} */
    deleteResource(...args) {
      return this.#write(() => super.deleteResource(...args));
    }

    /** @type {MemoryRepository['expungeResources']} */
    expungeResources(...args) {
      return this.#write(() => super.expungeResources(...args));
    }

    clear() {
      this.#forget();
      super.clear();
    }

    /**
     * A write (updates and patches come through `createResource`): forgets the kept answers before
     * it, so no search in between reads an old one, and after it, so none worked out meanwhile stays.
     * @template T
     * @param {() => Promise<T>} write
     * @returns {Promise<T>}
     */
    async #write(write) {
      this.#forget();
      try {
        return await write();
      } finally {
        this.#forget();
      }
    }

    #forget() {
      this.#matches.clear();
      this.#generation += 1;
    }
  }
  return new IndexedRepository();
}
