/** Longer strings (narratives, notes) are seldom repeated: they are left as they are. */
const LONGEST = 256;

/**
 * Makes every repeated string in freshly parsed JSON one string, the first copy `pool` met.
 * `JSON.parse` makes a new string for every value, so 10,000 encounters would hold 10,000 copies
 * of `Patient/123` and of each code system, organisation and clinician reference: kept once,
 * the resources of a long record take about a fifth less memory. Only for JSON this source
 * parsed itself (nothing else holds it yet); the values do not change, only how many copies of
 * them are kept. A pool holds record text: it belongs to one page or one Bundle and goes with it.
 */
export function shareStrings(json: unknown, pool: Map<string, string>): void {
  const stack: object[] = [];
  /** The first copy of `item` when it is a string met before; objects go on the stack. */
  const keptCopy = (item: unknown): string | undefined => {
    if (typeof item === 'object' && item !== null) stack.push(item);
    if (typeof item !== 'string' || item.length > LONGEST) return undefined;
    const kept = pool.get(item);
    if (kept === undefined) pool.set(item, item);
    return kept;
  };
  keptCopy(json);
  // Index and for-in loops, not Object.keys: no array of keys made for each of ~200,000 objects.
  while (stack.length > 0) {
    const value = stack.pop() as Record<string, unknown> | unknown[];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i += 1) {
        const kept = keptCopy(value[i]);
        if (kept !== undefined) value[i] = kept;
      }
      continue;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const kept = keptCopy(value[key]);
      if (kept !== undefined) value[key] = kept;
    }
  }
}
