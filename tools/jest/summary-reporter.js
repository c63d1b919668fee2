// Records each jest run's totals so tools/test.sh can print one closing line for the whole
// workspace (unit and integration runs of every project), which CI reads to count tests.
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig, options = {}) {
    this.dir = process.env.CROSSDOCK_TEST_SUMMARY_DIR || options.dir;
  }

  onRunComplete(_contexts, results) {
    if (!this.dir) return;
    fs.mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, `${process.pid}-${Date.now()}.json`);
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
