// Records each jest run's totals so tools/test.sh can print one closing line for the whole
// workspace (unit and integration runs of every project), which CI reads to count tests.
const fs = require('node:fs');
const { randomUUID } = require('node:crypto');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig, options = {}) {
    this.dir = process.env.CROSSDOCK_TEST_SUMMARY_DIR || options.dir;
  }

  onRunComplete(_contexts, results) {
    if (!this.dir) return;
    fs.mkdirSync(this.dir, { recursive: true });
    // Nx may run several jest tasks inside one process at once: pid and time alone can collide.
    const file = path.join(this.dir, `${process.pid}-${Date.now()}-${randomUUID()}.json`);
    const failedSuites = results.numFailedTestSuites + results.numRuntimeErrorTestSuites;
    fs.writeFileSync(
      file,
      JSON.stringify({
        passed: results.numPassedTests,
        failed: results.numFailedTests + failedSuites,
        skipped: results.numPendingTests + results.numTodoTests,
      }),
    );
  }
}

module.exports = SummaryReporter;
