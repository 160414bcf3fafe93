// The node:http side of the record server: transport only. Searching, reading and writing are
// @medplum/fhir-router's; this file maps requests and responses, pages search results with
// Bundle.link, answers /metadata and CORS, and simulates latency, failures and a bearer token.

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('@medplum/fhirtypes').Bundle} Bundle */
/** @typedef {import('@medplum/fhirtypes').BundleLink} BundleLink */
/** @typedef {import('@medplum/fhirtypes').OperationOutcome} OperationOutcome */
/** @typedef {import('@medplum/fhirtypes').Resource} Resource */

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const ROUTED_METHODS = /** @type {const} */ (['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, If-Match, If-None-Exist, If-None-Match, Prefer';
const EXPOSED_HEADERS = 'Location, ETag, Last-Modified, Content-Location, WWW-Authenticate, Retry-After';
const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';

/**
 * @typedef {object} HandlerOptions
 * @property {typeof import('@medplum/core')} core
 * @property {import('@medplum/fhir-router').FhirRouter} router
 * @property {import('@medplum/fhir-router').MemoryRepository} repo
 * @property {string} basePath e.g. `/fhir`
 * @property {() => string} capabilityJson the CapabilityStatement as JSON text
 * @property {number} latency ms added before every response (except CORS preflight)
 * @property {number} failRate 0..1, share of requests answered 500 / 503
 * @property {string | undefined} token bearer token required when set
 * @property {string[]} corsOrigins allowed origins; `*` allows any
 * @property {number} defaultCount page size when the request has no `_count`
 * @property {number} maxCount largest `_count` honoured
 * @property {Stats | undefined} stats request counter, when `--stats`
 * @property {() => number} random
 * @property {((line: string) => void) | undefined} log one line per request when set
 */

/** Per-path request counts for integration tests (`--stats`). */
export class Stats {
  constructor() {
    this.since = new Date().toISOString();
    this.total = 0;
    this.preflight = 0;
    /** @type {Record<string, number>} */
    this.paths = {};
    /** @type {Record<string, number>} */
    this.requests = {};
  }

  reset() {
    this.since = new Date().toISOString();
    this.total = 0;
    this.preflight = 0;
    /** @type {Record<string, number>} */
    this.paths = {};
    /** @type {Record<string, number>} */
    this.requests = {};
  }

  /**
   * @param {string} method
   * @param {string} path pathname without the query
   * @param {string} target pathname and query, as sent
   */
  count(method, path, target) {
    if (method === 'OPTIONS') {
      this.preflight++;
      return;
    }
    this.total++;
    this.paths[path] = (this.paths[path] ?? 0) + 1;
    const key = `${method} ${target}`;
    this.requests[key] = (this.requests[key] ?? 0) + 1;
  }

  toJSON() {
    return {
      since: this.since,
      total: this.total,
      preflight: this.preflight,
      paths: this.paths,
      requests: this.requests,
    };
  }
}

/**
 * @param {HandlerOptions} options
 * @returns {(req: IncomingMessage, res: ServerResponse) => void}
 */
export function createHandler(options) {
  return (req, res) => {
    handle(req, res, options).catch((err) => {
      console.error('record server: unexpected error', err);
      if (!res.headersSent) send(res, 500, outcome('exception', 'Internal server error'));
      else res.destroy();
    });
  };
}

/**
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {HandlerOptions} o
 */
async function handle(req, res, o) {
  const started = performance.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const rawUrl = req.url ?? '/';
  const queryAt = rawUrl.indexOf('?');
  const pathname = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? '' : rawUrl.slice(queryAt + 1);
  if (o.log)
    res.on('finish', () =>
      o.log?.(`${method} ${rawUrl} ${res.statusCode} ${(performance.now() - started).toFixed(0)}ms`),
    );

  const origin = req.headers.origin;
  const originAllowed = applyCors(res, origin, o.corsOrigins);

  // CORS preflight (and any OPTIONS): no auth, no latency, no failures.
  if (method === 'OPTIONS') {
    o.stats?.count(method, pathname, rawUrl);
    if (origin && !originAllowed) {
      send(res, 403, outcome('forbidden', `Origin ${origin} is not allowed`));
      return;
    }
    res.setHeader('Allow', ALLOWED_METHODS);
    if (origin) {
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      // The usual FHIR headers, plus whatever else the browser asks for (a loopback dev server).
      const asked = String(req.headers['access-control-request-headers'] ?? '')
        .split(',')
        .map((h) => h.trim())
        .filter((h) => h && !ALLOWED_HEADERS.toLowerCase().split(', ').includes(h.toLowerCase()));
      res.setHeader('Access-Control-Allow-Headers', [ALLOWED_HEADERS, ...asked].join(', '));
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.writeHead(204).end();
    return;
  }

  const base = o.basePath;
  if (pathname !== base && !pathname.startsWith(base + '/')) {
    send(res, 404, outcome('not-found', `Not found: the FHIR base is ${base}`));
    return;
  }
  const relPath = pathname.slice(base.length).replace(/^\/+/, '').replace(/\/+$/, '');
  const segments = relPath ? relPath.split('/') : [];

  // Test-only controls (--stats): not counted, not delayed, no auth, never failed.
  if (o.stats && segments.length === 1 && (segments[0] === '$stats' || segments[0] === '$reset-stats')) {
    if (segments[0] === '$stats' && (method === 'GET' || method === 'HEAD')) {
      sendJson(res, 200, o.stats.toJSON(), 'application/json; charset=utf-8', method === 'HEAD');
    } else if (segments[0] === '$reset-stats' && method === 'POST') {
      o.stats.reset();
      sendJson(res, 200, o.stats.toJSON(), 'application/json; charset=utf-8');
    } else {
      res.setHeader('Allow', segments[0] === '$stats' ? 'GET, HEAD' : 'POST');
      send(res, 405, outcome('not-supported', `${method} is not allowed on ${pathname}`));
    }
    return;
  }

  o.stats?.count(method, pathname, rawUrl);
  if (o.latency > 0) await sleep(o.latency);

  const isMetadata = segments.length === 1 && segments[0] === 'metadata';
  if (isMetadata) {
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, 405, outcome('not-supported', `${method} is not allowed on ${pathname}`));
      return;
    }
    sendText(res, 200, o.capabilityJson(), FHIR_JSON, method === 'HEAD');
    return;
  }

  if (o.token !== undefined) {
    const auth = req.headers.authorization;
    const match = /^Bearer\s+(.+)$/i.exec(auth ?? '');
    if (!match || match[1].trim() !== o.token) {
      res.setHeader(
        'WWW-Authenticate',
        match ? 'Bearer realm="fhir", error="invalid_token"' : 'Bearer realm="fhir"',
      );
      send(
        res,
        401,
        outcome(
          'login',
          match
            ? 'The bearer token is not valid'
            : 'Authentication required: send Authorization: Bearer <token>',
        ),
      );
      return;
    }
  }

  if (o.failRate > 0 && o.random() < o.failRate) {
    if (o.random() < 0.5) {
      send(res, 500, outcome('exception', 'Simulated server error (--fail-rate)'));
    } else {
      res.setHeader('Retry-After', '1');
      send(res, 503, outcome('transient', 'Simulated service unavailable (--fail-rate)'));
    }
    return;
  }

  const routedMethod = method === 'HEAD' ? 'GET' : method;
  if (!(/** @type {readonly string[]} */ (ROUTED_METHODS).includes(routedMethod))) {
    res.setHeader('Allow', ALLOWED_METHODS);
    send(res, 405, outcome('not-supported', `Method ${method} is not supported`));
    return;
  }

  // Unknown resource types: 404 (the router would search an empty type and return 0 matches).
  const first = segments[0];
  if (first?.startsWith('$') && first !== '$graphql') {
    send(res, 404, outcome('not-supported', `Operation ${decodeSafe(first)} is not supported`));
    return;
  }
  if (first !== undefined && !first.startsWith('$') && !o.core.isResourceType(first)) {
    send(res, 404, outcome('not-found', `Resource type "${decodeSafe(first)}" is not supported`));
    return;
  }
  const target = relPath; // relative URL for the router, without the query

  const route = o.router.find(/** @type {any} */ (routedMethod), target);
  if (!route) {
    const allowed = ROUTED_METHODS.filter((m) => o.router.find(m, target));
    if (allowed.length > 0) {
      res.setHeader('Allow', [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])].join(', '));
      send(res, 405, outcome('not-supported', `${method} is not allowed on ${pathname}`));
    } else {
      send(res, 404, outcome('not-found', `Not found: ${pathname}`));
    }
    return;
  }

  // Paging parameters are the adapter's: validate them and apply the default page size.
  const interaction = route.data?.interaction;
  const isSearch =
    routedMethod === 'GET' && (interaction === 'search-type' || interaction === 'search-system');
  let query = rawQuery;
  /** @type {{ count: number, offset: number } | undefined} */
  let paging;
  if (isSearch) {
    const parts = parseQuery(rawQuery);
    const problem = checkPaging(parts);
    if (problem) {
      send(res, 400, outcome('invalid', problem));
      return;
    }
    if (!parts.some((p) => p.name === '_summary' && p.value === 'count')) {
      const count = Math.min(intParam(parts, '_count') ?? o.defaultCount, o.maxCount);
      const offset = intParam(parts, '_offset') ?? 0;
      paging = { count, offset };
      query = [...withoutPaging(parts).map((p) => p.raw), `_count=${count}`, `_offset=${offset}`].join('&');
    }
  }

  /** @type {unknown} */
  let body;
  if (WRITE_METHODS.has(routedMethod)) {
    const read = await readBody(req);
    if (read.tooLarge) {
      send(res, 413, outcome('too-costly', `Request body larger than ${MAX_BODY_BYTES} bytes`));
      return;
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (
      interaction === 'search-type' &&
      (type === 'application/x-www-form-urlencoded' || read.text.trim() === '')
    ) {
      // POST [type]/_search with form parameters
      /** @type {Record<string, string | string[]>} */
      const params = {};
      for (const { name, value } of parseQuery(read.text.trim())) {
        const existing = params[name];
        params[name] =
          existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
      }
      body = params;
    } else {
      if (
        type &&
        !['application/fhir+json', 'application/json', 'application/json-patch+json', 'text/json'].includes(
          type,
        )
      ) {
        send(
          res,
          415,
          outcome('not-supported', `Content-Type ${type} is not supported; send application/fhir+json`),
        );
        return;
      }
      try {
        body = JSON.parse(read.text);
      } catch (err) {
        send(
          res,
          400,
          outcome('structure', `Request body is not valid JSON: ${/** @type {Error} */ (err).message}`),
        );
        return;
      }
    }
  }

  const headers = { ...req.headers };
  const [result, resource] = await o.router.handleRequest(
    {
      method: /** @type {any} */ (routedMethod),
      url: query ? `${target}?${query}` : target,
      pathname: '',
      body,
      params: {},
      query: {},
      headers,
      config: { transactions: true },
    },
    o.repo,
  );
  const status = o.core.getStatus(result);
  const baseUrl = `${requestOrigin(req)}${base}`;
  if (!resource) {
    send(res, status, result, method === 'HEAD');
    return;
  }
  if (resource.resourceType === 'Bundle' && /** @type {Bundle} */ (resource).type === 'searchset') {
    decorateSearchset(/** @type {Bundle} */ (resource), baseUrl, target, rawQuery, paging);
  }
  if (resource.meta?.versionId) res.setHeader('ETag', `W/"${resource.meta.versionId}"`);
  if (resource.meta?.lastUpdated)
    res.setHeader('Last-Modified', new Date(resource.meta.lastUpdated).toUTCString());
  if (status === 201 && resource.id)
    res.setHeader(
      'Location',
      `${baseUrl}/${resource.resourceType}/${resource.id}/_history/${resource.meta?.versionId ?? '1'}`,
    );
  send(res, status, resource, method === 'HEAD');
}

/**
 * Adds `fullUrl` to entries and `Bundle.link` self / first / previous / next. Links keep every
 * other parameter of the raw query string, in order and as encoded (repeated ones included).
 * @param {Bundle} bundle
 * @param {string} baseUrl
 * @param {string} target
 * @param {string} rawQuery
 * @param {{ count: number, offset: number } | undefined} paging
 */
export function decorateSearchset(bundle, baseUrl, target, rawQuery, paging) {
  for (const entry of bundle.entry ?? []) {
    if (!entry.fullUrl && entry.resource?.id)
      entry.fullUrl = `${baseUrl}/${entry.resource.resourceType}/${entry.resource.id}`;
  }
  const path = target ? `${baseUrl}/${target}` : baseUrl;
  const kept = withoutPaging(parseQuery(rawQuery)).map((p) => p.raw);
  /** @param {number} count @param {number} offset */
  const url = (count, offset) => `${path}?${[...kept, `_count=${count}`, `_offset=${offset}`].join('&')}`;
  /** @type {BundleLink[]} */
  const links = [];
  if (!paging) {
    links.push({ relation: 'self', url: rawQuery ? `${path}?${rawQuery}` : path });
  } else {
    const { count, offset } = paging;
    const total = bundle.total ?? 0;
    links.push({ relation: 'self', url: url(count, offset) });
    links.push({ relation: 'first', url: url(count, 0) });
    if (offset > 0) links.push({ relation: 'previous', url: url(count, Math.max(0, offset - count)) });
    if (count > 0 && offset + count < total)
      links.push({ relation: 'next', url: url(count, offset + count) });
  }
  // Bundle element order: resourceType, type, total, link, entry.
  const { entry, ...rest } = bundle;
  const record = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (bundle));
  for (const key of Object.keys(record)) delete record[key];
  Object.assign(bundle, rest, { link: links }, entry ? { entry } : {});
}

/**
 * @typedef {object} QueryPart
 * @property {string} raw the `name=value` text exactly as sent
 * @property {string} name decoded
 * @property {string} value decoded
 */

/**
 * Splits a raw query string into its parts, in order, keeping each part's raw text (so links
 * repeat every parameter exactly as the client sent it, repeated ones included).
 * @param {string} rawQuery
 * @returns {QueryPart[]}
 */
export function parseQuery(rawQuery) {
  if (!rawQuery) return [];
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map((raw) => {
      const eq = raw.indexOf('=');
      const name = eq < 0 ? raw : raw.slice(0, eq);
      const value = eq < 0 ? '' : raw.slice(eq + 1);
      return {
        raw,
        name: decodeSafe(name.replace(/\+/g, ' ')),
        value: decodeSafe(value.replace(/\+/g, ' ')),
      };
    });
}

/**
 * @param {QueryPart[]} parts
 * @returns {QueryPart[]}
 */
function withoutPaging(parts) {
  return parts.filter((p) => p.name !== '_count' && p.name !== '_offset');
}

/**
 * @param {QueryPart[]} parts
 * @returns {string | undefined} a problem with `_count` / `_offset`
 */
function checkPaging(parts) {
  for (const name of ['_count', '_offset']) {
    const values = parts.filter((p) => p.name === name).map((p) => p.value);
    if (values.length > 1) return `${name} may be given only once`;
    if (values.length === 1 && !/^\d{1,9}$/.test(values[0])) {
      return `${name} must be a whole number of 0 or more (got "${values[0]}")`;
    }
  }
  return undefined;
}

/**
 * @param {QueryPart[]} parts
 * @param {string} name
 * @returns {number | undefined}
 */
function intParam(parts, name) {
  const found = parts.find((p) => p.name === name);
  return found ? Number(found.value) : undefined;
}

/**
 * Sets the CORS response headers. Returns whether the origin is allowed.
 * @param {ServerResponse} res
 * @param {string | undefined} origin
 * @param {string[]} allowed
 * @returns {boolean}
 */
function applyCors(res, origin, allowed) {
  if (!origin) return true;
  const any = allowed.includes('*');
  if (!any && !allowed.includes(origin)) return false;
  res.setHeader('Access-Control-Allow-Origin', any ? '*' : origin);
  if (!any) res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  return true;
}

/**
 * The origin the client used (from the Host header), so that paging links stay on it.
 * @param {IncomingMessage} req
 * @returns {string}
 */
function requestOrigin(req) {
  const host = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;
  return `http://${host}`;
}

/**
 * @param {IncomingMessage} req
 * @returns {Promise<{ text: string, tooLarge: boolean }>}
 */
function readBody(req) {
  return new Promise((resolvePromise, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolvePromise({ text: Buffer.concat(chunks).toString('utf8'), tooLarge }));
    req.on('error', reject);
  });
}

/**
 * @param {string} code an OperationOutcome issue type
 * @param {string} text
 * @returns {OperationOutcome}
 */
export function outcome(code, text) {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: code === 'informational' ? 'information' : 'error',
        code: /** @type {any} */ (code),
        details: { text },
      },
    ],
  };
}

/**
 * @param {ServerResponse} res
 * @param {number} status
 * @param {Resource} resource
 * @param {boolean} [headOnly]
 */
function send(res, status, resource, headOnly = false) {
  sendJson(res, status, resource, FHIR_JSON, headOnly);
}

/**
 * @param {ServerResponse} res
 * @param {number} status
 * @param {unknown} value
 * @param {string} contentType
 * @param {boolean} [headOnly]
 */
function sendJson(res, status, value, contentType, headOnly = false) {
  sendText(res, status, JSON.stringify(value), contentType, headOnly);
}

/**
 * @param {ServerResponse} res
 * @param {number} status
 * @param {string} text
 * @param {string} contentType
 * @param {boolean} [headOnly]
 */
function sendText(res, status, text, contentType, headOnly = false) {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'no-store');
  res.writeHead(status);
  res.end(headOnly ? undefined : text);
}

/**
 * @param {string} s
 * @returns {string}
 */
function decodeSafe(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * @param {number} ms
 * @returns {Promise<void>}
 */
function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
