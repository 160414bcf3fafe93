/**
 * URL helpers for the sources: what touches the page's `location`. Parsing a reference is pure and
 * lives in `format/references.ts`.
 */

/** The origin of an absolute URL, or `undefined` when it is not one. */
export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * The origin a request to `url` goes to (a relative URL resolves against the page), or `undefined`
 * when it has none: not a URL, or an opaque origin (`data:`, `file:`) that equals nothing.
 */
export function requestOrigin(url: string): string | undefined {
  try {
    const { origin } = new URL(absoluteUrl(url));
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** An absolute http(s) URL for `url`, resolved against the page when it is relative. */
export function absoluteUrl(url: string): string {
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  return new URL(url, page).href;
}
