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
  const stack: unknown[] = [json];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (typeof item === 'string') {
        if (item.length > LONGEST) continue;
        const kept = pool.get(item);
        if (kept === undefined) pool.set(item, item);
        else record[key] = kept;
      } else if (typeof item === 'object' && item !== null) {
        stack.push(item);
      }
    }
  }
}
