import type { Bundle } from 'fhir/r4';
import { BundleSource } from './bundle-source.js';
import type { AccessToken } from './fhir-http.js';
import { FhirRestSource } from './fhir-rest-source.js';
import type { RecordSource } from './record-source.js';

/** Where a record comes from, as set on `<care-record>` or on an element used alone. */
export interface SourceConfig {
  endpoint?: string;
  bundleSrc?: string;
  bundle?: Bundle;
  source?: RecordSource;
  fetch?: typeof fetch;
  headers?: Record<string, string>;
  accessToken?: AccessToken;
}

/** A trie over the config's parts: strings held strongly, objects and functions weakly. */
interface Node {
  strong: Map<unknown, Node>;
  weak: WeakMap<object, Node>;
  source?: RecordSource;
}

const newNode = (): Node => ({ strong: new Map(), weak: new WeakMap() });
const root = newNode();
const bundles = new WeakMap<Bundle, BundleSource>();

function nodeFor(parts: unknown[]): Node {
  let node = root;
  for (const part of parts) {
    const isObject = (typeof part === 'object' && part !== null) || typeof part === 'function';
    const next = isObject ? node.weak.get(part as object) : node.strong.get(part);
    if (next) {
      node = next;
      continue;
    }
    const created = newNode();
    if (isObject) node.weak.set(part as object, created);
    else node.strong.set(part, created);
    node = created;
  }
  return node;
}

/**
 * The source for a config, by precedence `source` > `bundle` > `bundleSrc` > `endpoint`, or
 * `undefined` when none is set. The same config (equal strings, identical objects and functions)
 * gives the same instance, so standalone elements on one page share requests and cache.
 */
export function createSource(config: SourceConfig): RecordSource | undefined {
  const { source, bundle, bundleSrc, endpoint, fetch, headers, accessToken } = config;
  if (source) return source;
  if (bundle) {
    let cached = bundles.get(bundle);
    if (!cached) bundles.set(bundle, (cached = new BundleSource(bundle)));
    return cached;
  }
  const http = { fetch, headers, accessToken };
  if (bundleSrc) {
    const node = nodeFor(['bundle', bundleSrc, fetch, headers, accessToken]);
    return (node.source ??= new BundleSource({ url: bundleSrc, ...http }));
  }
  if (endpoint) {
    const key = endpoint.trim().replace(/\/+$/, '');
    const node = nodeFor(['endpoint', key, fetch, headers, accessToken]);
    return (node.source ??= new FhirRestSource({ endpoint: key, ...http }));
  }
  return undefined;
}
