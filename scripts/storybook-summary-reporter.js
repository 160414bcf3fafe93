/** Vitest reporter that ends the story tests with one plain line: `storybook: N passed, N failed, N skipped`. */
export default class StorybookSummaryReporter {
  onTestRunEnd(testModules) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') counts.failed += 1;
        else counts.skipped += 1;
      }
    }
    process.once('exit', () => {
      console.log(`storybook: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    });
  }
}
