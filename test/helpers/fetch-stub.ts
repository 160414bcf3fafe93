/** Test helpers for the data layer: a recording fetch, FHIR responses and fixture loading. */

export interface Call {
  url: string;
  headers: Headers;
  signal?: AbortSignal;
}

export type Responder = (url: string, call: Call, index: number) => Response | Promise<Response>;

/** A fetch that records every request and answers with `respond`. */
export function stubFetch(respond: Responder): { fetch: typeof globalThis.fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: Call = {
      url: String(input),
      headers: new Headers(init.headers),
      signal: init.signal ?? undefined,
    };
    calls.push(call);
    return respond(call.url, call, calls.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** A FHIR JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/fhir+json', ...headers },
  });
}

/** A response that only ends when the request is aborted, as a real fetch does. */
export function never(call: Call): Promise<Response> {
  return new Promise((_resolve, reject) => {
    const abort = () => reject(new DOMException('The operation was aborted.', 'AbortError'));
    if (call.signal?.aborted) abort();
    call.signal?.addEventListener('abort', abort, { once: true });
  });
}

/** The rejection of `promise`; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('Expected the promise to reject, but it resolved.');
}

/** A fixture from test/fixtures/bundles/, served by the test runner. */
export async function loadFixture<T = unknown>(name: string): Promise<T> {
  const response = await fetch(`/test/fixtures/bundles/${name}`);
  if (!response.ok) throw new Error(`Fixture ${name}: ${response.status}`);
  return (await response.json()) as T;
}

/** A searchset Bundle of `resources`, with optional links. */
export function searchset(
  resources: object[],
  links: { relation: string; url: string }[] = [],
  total?: number,
): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(total === undefined ? {} : { total }),
    link: links,
    entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
  };
}

export const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
