// The CapabilityStatement served at GET [base]/metadata: what this server really does.

/** @typedef {import('@medplum/fhirtypes').CapabilityStatement} CapabilityStatement */

const TYPE_INTERACTIONS = /** @type {const} */ ([
  'read',
  'vread',
  'search-type',
  'create',
  'update',
  'patch',
  'delete',
  'history-instance',
]);

/** Search parameters medplum adds for its own bookkeeping; not part of R4 and not advertised. */
const INTERNAL_PARAMS = new Set(['_compartment']);

/**
 * @param {object} options
 * @param {typeof import('@medplum/core')} options.core
 * @param {string} options.url the server's base URL
 * @param {string} options.version this package's version
 * @param {boolean} options.tokenRequired
 * @param {number} options.defaultCount
 * @param {number} options.maxCount
 * @param {string} options.date ISO start time
 * @returns {CapabilityStatement}
 */
export function buildCapabilityStatement({
  core,
  url,
  version,
  tokenRequired,
  defaultCount,
  maxCount,
  date,
}) {
  const types = [...core.getResourceTypes()].sort();
  return {
    resourceType: 'CapabilityStatement',
    id: 'care-record-server',
    status: 'active',
    date,
    publisher: 'care-record-elements (development record server)',
    kind: 'instance',
    software: { name: 'care-record-elements record server (@medplum/fhir-router MemoryRepository)', version },
    implementation: {
      description:
        'In-memory FHIR R4 server for demos and tests. Search results are paged ' +
        `(default _count ${defaultCount}, at most ${maxCount}) with Bundle.link self/next/previous.`,
      url,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: true,
          description: tokenRequired
            ? 'Every request except GET /metadata and CORS preflight needs `Authorization: Bearer <token>`.'
            : 'No authentication.',
        },
        resource: types.map((type) => {
          const params = core.getSearchParameters(type) ?? {};
          return {
            type,
            profile: `http://hl7.org/fhir/StructureDefinition/${type}`,
            interaction: TYPE_INTERACTIONS.map((code) => ({ code })),
            versioning: 'versioned',
            readHistory: true,
            updateCreate: true,
            conditionalCreate: true,
            conditionalUpdate: true,
            conditionalDelete: 'single',
            searchInclude: ['*'],
            searchRevInclude: ['*'],
            searchParam: Object.entries(params)
              .filter(([code]) => !INTERNAL_PARAMS.has(code))
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([code, param]) => ({
                name: code,
                ...(param.url ? { definition: param.url } : {}),
                type: param.type,
              })),
          };
        }),
        interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'search-system' }],
        searchParam: [
          {
            name: '_count',
            type: 'number',
            documentation: `Page size; default ${defaultCount}, at most ${maxCount}.`,
          },
          { name: '_offset', type: 'number', documentation: 'Index of the first match on the page.' },
        ],
      },
    ],
  };
}
