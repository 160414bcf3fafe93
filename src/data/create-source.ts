import type { Bundle } from 'fhir/r4';
import type { AccessToken } from './fhir-http.js';
import { lazyBundleSource, lazyRestSource } from './lazy-source.js';
import type { RecordSource } from './record-source.js';
import { requestOrigin } from './references.js';

/** Where a record comes from, as set on `<care-record>` or on an element used alone. */
export interface SourceConfig {
  endpoint?: string;
  bundleSrc?: string;
  bundle?: Bundle;
  source?: RecordSource;
  fetch?: typeof fetch;
  headers?: Record<string, string>;
  accessToken?: AccessToken;
  /**
   * Send `headers` and `accessToken` with the `bundleSrc` request even when it is on another
   * origin than `endpoint` (or, with no `endpoint`, than the page). Without it they go only to a
   * Bundle on that same origin.
   */
  bundleCredentials?: boolean;
}

/** A trie over the config's parts: strings held strongly, objects and functions weakly. */
interface Node {
  strong: Map<unknown, Node>;
  weak: WeakMap<object, Node>;
  /** Child nodes made below this one and not yet removed. */
  children: number;
  source?: RecordSource;
}

const newNode = (): Node => ({ strong: new Map(), weak: new WeakMap(), children: 0 });
const root = newNode();
const bundles = new WeakMap<Bundle, RecordSource>();
/** How to drop each source `createSource` made from where it is kept, so it can be made afresh. */
const forgetters = new WeakMap<RecordSource, () => void>();
/** The elements using each source `createSource` made. */
const owners = new WeakMap<RecordSource, Set<object>>();

const isObject = (part: unknown): part is object =>
  (typeof part === 'object' && part !== null) || typeof part === 'function';

/** The source kept at `parts` in the trie, made with `make` when there is none. */
function keep(parts: unknown[], make: () => RecordSource): RecordSource {
  const path = [root];
  for (const part of parts) {
    const node = path[path.length - 1];
    let next = isObject(part) ? node.weak.get(part) : node.strong.get(part);
    if (!next) {
      next = newNode();
      if (isObject(part)) node.weak.set(part, next);
      else node.strong.set(part, next);
      node.children += 1;
    }
    path.push(next);
  }
  const leaf = path[path.length - 1];
  if (leaf.source) return leaf.source;
  const source = make();
  leaf.source = source;
  forgetters.set(source, () => {
    if (leaf.source !== source) return;
    leaf.source = undefined;
    // Remove every node left with nothing below it, so no part of the config stays held.
    for (let i = parts.length; i > 0; i -= 1) {
      const node = path[i];
      if (node.source || node.children > 0) break;
      const parent = path[i - 1];
      const part = parts[i - 1];
      if (isObject(part)) parent.weak.delete(part);
      else parent.strong.delete(part);
      parent.children -= 1;
    }
  });
  return source;
}

/**
 * Whether the `bundleSrc` request carries the token and headers: when the host opts in with
 * `bundleCredentials`, or when the Bundle is on the endpoint's origin (with no endpoint, the page's).
 */
function bundleGetsCredentials(bundleSrc: string, endpoint: string | undefined, optIn = false): boolean {
  if (optIn) return true;
  const origin = requestOrigin(bundleSrc);
  const home = endpoint?.trim()
    ? requestOrigin(endpoint.trim())
    : (globalThis as { location?: { origin?: string } }).location?.origin;
  return origin !== undefined && origin === home;
}

/**
 * The source for a config, by precedence `source` > `bundle` > `bundleSrc` > `endpoint`, or
 * `undefined` when none is set. The same config (equal strings, identical objects and functions)
 * gives the same instance, so standalone elements on one page share requests and cache, for as
 * long as an element retains it (`retainSource`).
 *
 * A `bundleSrc` Bundle is fetched with `headers` and `accessToken` only when it is on the
 * `endpoint`'s origin, or, with no `endpoint`, on the page's own origin, or when
 * `bundleCredentials` is true; otherwise with neither (through `fetch` all the same).
 *
 * The source's module (`FhirRestSource` or `BundleSource`) is imported on its first request.
 */
export function createSource(config: SourceConfig): RecordSource | undefined {
  const { source, bundle, bundleSrc, endpoint, fetch, headers, accessToken, bundleCredentials } = config;
  if (source) return source;
  if (bundle) {
    let cached = bundles.get(bundle);
    if (!cached) {
      const made = (cached = lazyBundleSource(bundle));
      bundles.set(bundle, made);
      forgetters.set(made, () => {
        if (bundles.get(bundle) === made) bundles.delete(bundle);
      });
    }
    return cached;
  }
  if (bundleSrc) {
    if (!bundleGetsCredentials(bundleSrc, endpoint, bundleCredentials)) {
      return keep(['bundle', bundleSrc, fetch, false], () => lazyBundleSource({ url: bundleSrc, fetch }));
    }
    return keep(['bundle', bundleSrc, fetch, true, headers, accessToken], () =>
      lazyBundleSource({ url: bundleSrc, fetch, headers, accessToken }),
    );
  }
  if (endpoint) {
    const key = endpoint.trim().replace(/\/+$/, '');
    return keep(['endpoint', key, fetch, headers, accessToken], () =>
      lazyRestSource({ endpoint: key, fetch, headers, accessToken }),
    );
  }
  return undefined;
}

/**
 * Records that `owner` (an element on the page) uses `source`. Only sources made by
 * `createSource` are tracked; any other (a host's own `.source`) is the host's to manage.
 */
export function retainSource(source: RecordSource, owner: object): void {
  if (!forgetters.has(source)) return;
  let using = owners.get(source);
  if (!using) owners.set(source, (using = new Set()));
  using.add(owner);
}

/**
 * Records that `owner` no longer uses `source`. When its last owner lets go, a source made by
 * `createSource` forgets every answer it keeps (`clear()`, a fetched Bundle included) and is
 * dropped, so nothing of the record stays reachable from here; the same config then makes a new one.
 */
export function releaseSource(source: RecordSource, owner: object): void {
  const using = owners.get(source);
  if (!using?.delete(owner) || using.size > 0) return;
  owners.delete(source);
  forgetters.get(source)?.();
  forgetters.delete(source);
  source.clear?.();
}
