import { executeServerCommand } from '@web/test-runner-commands';

/**
 * Which of `needles` the page's JavaScript heap still holds, inside any string (after two garbage
 * collections; see scripts/heap-plugin.js, Chrome launcher only). Resolves to the needles found.
 *
 * Every live copy of a needle counts, the test's own included, so:
 * - build each needle in the call (`['Alpha', 'field'].join('')`, `` `x-${unique}` ``), and keep
 *   no needle in a variable or in the test's source text (mocha keeps each test function's source
 *   as a string), or the needle finds itself;
 * - V8 cuts each string in a snapshot to its first 1,024 characters, so a needle deep inside a
 *   long string (a whole response body) is only seen when Chromium runs with
 *   `--js-flags=--heap-snapshot-string-limit=<n>`.
 *
 * The needles go to the test runner and back as code points, and this function keeps no reference
 * to them while the snapshot is taken. The strings it resolves to are new copies: let go of them
 * before a later call that should not find them.
 */
export function heapStrings(needles: string[]): Promise<string[]> {
  const codes = needles.map((needle) => Array.from(needle, (char) => char.codePointAt(0) as number));
  return search(codes);
}

async function search(codes: number[][]): Promise<string[]> {
  const answer = await executeServerCommand<{ found: number[][] }, { needles: number[][] }>('heap-strings', {
    needles: codes,
  });
  if (!answer || !Array.isArray(answer.found))
    throw new Error('heap-strings: no answer from the test runner');
  return answer.found.map((points) => String.fromCodePoint(...points));
}
