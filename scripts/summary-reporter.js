/**
 * A web-test-runner reporter that ends the run with one plain line, `wtr: N passed, N failed, N skipped`,
 * which CI reads (wtr itself prints its counts only in a progress line).
 */
export function summaryReporter(label) {
  let counts = { passed: 0, failed: 0, skipped: 0 };

  function count(suite) {
    for (const test of suite.tests ?? []) {
      if (test.skipped) counts.skipped += 1;
      else if (test.passed) counts.passed += 1;
      else counts.failed += 1;
    }
    for (const child of suite.suites ?? []) count(child);
  }

  return {
    onTestRunFinished({ sessions }) {
      counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults);
        // A file that fails to load has no results but must still count as a failure.
        else if (!session.passed) counts.failed += 1;
      }
    },
    stop() {
      process.once('exit', () => {
        console.log(`${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
      });
    },
  };
}
