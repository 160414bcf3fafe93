import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * A web-test-runner reporter that writes every test of the run (file, title path, passed / failed /
 * skipped) to a JSON file at the end of each run: the evidence `npm run conformance` reads.
 */
export function resultsReporter(file) {
  let rootDir = process.cwd();

  function tests(suite, path) {
    return [
      ...(suite.tests ?? []).map((test) => ({
        title: [...path, test.name],
        result: test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed',
      })),
      ...(suite.suites ?? []).flatMap((child) => tests(child, [...path, child.name])),
    ];
  }

  return {
    start({ config }) {
      rootDir = config.rootDir ?? rootDir;
    },
    onTestRunFinished({ sessions }) {
      const files = sessions
        .map((session) => ({
          file: relative(rootDir, session.testFile).split(sep).join('/'),
          // A file that fails to load has no results; its errors say why.
          ...(session.errors?.length ? { errors: session.errors.map((error) => error.message) } : {}),
          tests: session.testResults ? tests(session.testResults, []) : [],
        }))
        .sort((a, b) => a.file.localeCompare(b.file));
      const path = resolve(rootDir, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify({ finishedAt: new Date().toISOString(), files }, null, 2)}\n`);
    },
  };
}
