import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one plain closing line, `Tests: N passed, N failed, N skipped`, after Vitest's own summary,
 * with the count per tier, so that CI logs can be read without knowing Vitest's format.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const totals = { passed: 0, failed: 0, skipped: 0 };
    const tiers = new Map<string, { passed: number; failed: number; skipped: number }>();
    for (const module of testModules) {
      const tier = module.project.name || 'default';
      const counts = tiers.get(tier) ?? { passed: 0, failed: 0, skipped: 0 };
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        const key = state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'skipped';
        counts[key] += 1;
        totals[key] += 1;
      }
      // A file that failed to load has no tests but must still count as a failure.
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) {
        counts.failed += 1;
        totals.failed += 1;
      }
      tiers.set(tier, counts);
    }
    for (const [tier, c] of [...tiers].sort())
      process.stdout.write(`  ${tier}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped\n`);
    process.stdout.write(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  }
}
