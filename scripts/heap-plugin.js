/**
 * A web-test-runner plugin with the server command `heap-strings`: it takes a V8 heap snapshot of
 * the test's page (Chrome launcher only, over the DevTools protocol) and says which of the given
 * needles occur inside any string the page's JavaScript heap still holds. Browser side:
 * `heapStrings(needles)` in test/helpers/heap.ts.
 *
 * Payload `{ needles }`, each needle a string or an array of code points. Before the snapshot the
 * page is garbage-collected twice. Answer: `{ found, strings, longest }` — `found` the needles seen
 * inside a snapshot string or inside a concatenated (cons) string rebuilt from its parts, in the
 * form they were sent; `strings` how many strings were searched; `longest` the longest one's length.
 *
 * The browser helper sends code points so that neither the message that asks nor the answer (which
 * web-test-runner's client keeps reachable for 20 s, until its response timer ends) holds a copy of
 * a needle for a later snapshot to find.
 *
 * V8 cuts each string in a snapshot to its first 1,024 characters unless Chromium runs with
 * `--js-flags=--heap-snapshot-string-limit=<n>`: without that flag a needle further into a long
 * string is not seen.
 */

const CONS = 'concatenated string';
const SLICED = 'sliced string';
/** The most text rebuilt for one concatenated string (longer ones are cut there). */
const MAX_FLAT = 16 * 1024 * 1024;

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function heapPlugin() {
  return {
    name: 'heap-strings',
    async executeCommand({ command, payload, session }) {
      if (command !== 'heap-strings') return undefined;
      const asked = readNeedles(payload);
      const browser = /** @type {any} */ (session.browser);
      if (browser.type !== 'puppeteer' || typeof browser.getPage !== 'function') {
        throw new Error(
          `heap-strings needs the Chrome launcher (this browser is ${browser.type ?? 'unknown'})`,
        );
      }
      const page = browser.getPage(session.id);
      const snapshot = await takeSnapshot(page);
      const strings = snapshotStrings(snapshot);
      const found = asked
        .filter(({ needle }) => strings.some((text) => text.includes(needle)))
        .map(({ sent }) => sent);
      return { found, strings: strings.length, longest: Math.max(0, ...strings.map((s) => s.length)) };
    },
  };
}

/** @param {unknown} payload @returns {{ needle: string, sent: string | number[] }[]} */
function readNeedles(payload) {
  const needles = /** @type {{ needles?: unknown }} */ (payload ?? {}).needles;
  if (!Array.isArray(needles))
    throw new Error('heap-strings: payload must be { needles: (string | number[])[] }');
  return needles.map((needle) => {
    if (typeof needle === 'string' && needle) return { needle, sent: needle };
    if (Array.isArray(needle) && needle.length && needle.every(Number.isInteger)) {
      return { needle: String.fromCodePoint(...needle), sent: needle };
    }
    throw new Error('heap-strings: each needle must be a non-empty string or an array of code points');
  });
}

/**
 * Collects garbage twice, then takes a heap snapshot of the page and parses it.
 * @param {any} page a puppeteer Page
 */
async function takeSnapshot(page) {
  const cdp =
    typeof page.createCDPSession === 'function'
      ? await page.createCDPSession()
      : await page.target().createCDPSession();
  /** @type {string[]} */
  const chunks = [];
  const onChunk = (/** @type {{ chunk: string }} */ event) => chunks.push(event.chunk);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await cdp.send('HeapProfiler.disable');
  } finally {
    await cdp.detach().catch(() => {});
  }
  return JSON.parse(chunks.join(''));
}

/**
 * Every string of a parsed snapshot: the `strings` table (names of string nodes, properties and
 * everything else), plus the text of each concatenated string that is not itself part of another
 * one, rebuilt from its `first` / `second` parts (a cons string's name is only
 * `(concatenated string)`). A sliced part stands in as its whole parent, set off by NUL characters.
 * @param {any} snapshot
 * @returns {string[]}
 */
export function snapshotStrings(snapshot) {
  /** @type {string[]} */
  const table = snapshot.strings;
  const { node_fields, node_types, edge_fields, edge_types } = snapshot.snapshot.meta;
  const nodeFields = node_fields.length;
  const edgeFields = edge_fields.length;
  const typeOffset = node_fields.indexOf('type');
  const nameOffset = node_fields.indexOf('name');
  const edgeCountOffset = node_fields.indexOf('edge_count');
  const edgeTypeOffset = edge_fields.indexOf('type');
  const edgeNameOffset = edge_fields.indexOf('name_or_index');
  const edgeToOffset = edge_fields.indexOf('to_node');
  /** @type {string[]} */
  const nodeTypes = node_types[typeOffset];
  /** @type {string[]} */
  const edgeTypes = edge_types[edgeTypeOffset];
  const consType = nodeTypes.indexOf(CONS);
  const slicedType = nodeTypes.indexOf(SLICED);
  const indexedEdges = new Set(['element', 'hidden'].map((type) => edgeTypes.indexOf(type)));
  const { nodes, edges } = snapshot;
  const count = nodes.length / nodeFields;

  // For each cons / sliced string node (by ordinal): its parts, and which nodes are parts.
  /** @type {Map<number, number[]>} */
  const parts = new Map();
  const isPart = new Uint8Array(count);
  for (let ordinal = 0, edge = 0; ordinal < count; ordinal++) {
    const base = ordinal * nodeFields;
    const edgeCount = nodes[base + edgeCountOffset];
    const type = nodes[base + typeOffset];
    if (type === consType || type === slicedType) {
      const found = [];
      for (let k = 0; k < edgeCount; k++) {
        const e = edge + k * edgeFields;
        if (indexedEdges.has(edges[e + edgeTypeOffset])) continue;
        const name = table[edges[e + edgeNameOffset]];
        if (name === 'first' || name === 'second' || name === 'parent') {
          found[name === 'second' ? 1 : 0] = edges[e + edgeToOffset] / nodeFields;
        }
      }
      parts.set(ordinal, found);
      if (type === consType) for (const part of found) if (part !== undefined) isPart[part] = 1;
    }
    edge += edgeCount * edgeFields;
  }

  const texts = [...table];
  for (const [ordinal] of parts) {
    if (isPart[ordinal] || nodes[ordinal * nodeFields + typeOffset] !== consType) continue;
    // Flatten iteratively, left to right.
    let text = '';
    const stack = [ordinal];
    while (stack.length && text.length < MAX_FLAT) {
      const current = /** @type {number} */ (stack.pop());
      const type = nodes[current * nodeFields + typeOffset];
      const children = parts.get(current);
      if (type === consType && children) {
        if (children[1] !== undefined) stack.push(children[1]);
        if (children[0] !== undefined) stack.push(children[0]);
      } else if (type === slicedType && children?.[0] !== undefined) {
        text += `\0${table[nodes[children[0] * nodeFields + nameOffset]]}\0`;
      } else {
        text += table[nodes[current * nodeFields + nameOffset]];
      }
    }
    texts.push(text);
  }
  return texts;
}
