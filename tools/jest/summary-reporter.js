// Records each jest run's totals, and the names of failed tests with the first line of why, so
// tools/test.sh can print one closing summary for the whole workspace (unit and integration runs
// of every project). CI shows only the tail of a run: the failures have to be there.
const fs = require('node:fs');
const { randomUUID } = require('node:crypto');
const path = require('node:path');

const firstLine = (text) =>
  // eslint-disable-next-line no-control-regex
  (text ?? '')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean) ?? '';

class SummaryReporter {
  constructor(globalConfig, options = {}) {
    this.dir = process.env.CROSSDOCK_TEST_SUMMARY_DIR || options.dir;
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    if (!this.dir) return;
    fs.mkdirSync(this.dir, { recursive: true });
    const failures = [];
    for (const suite of results.testResults) {
      const file = path.relative(process.cwd(), suite.testFilePath);
      if (suite.testExecError || (suite.failureMessage && suite.numFailingTests === 0)) {
        failures.push({ file, test: '(suite)', why: firstLine(suite.testExecError?.message ?? suite.failureMessage).slice(0, 200) });
      }
      for (const t of suite.testResults) {
        if (t.status === 'failed') {
          failures.push({ file, test: t.fullName, why: firstLine(t.failureMessages?.[0]).slice(0, 200) });
        }
      }
    }
    // Nx may run several jest tasks inside one process at once: pid and time alone can collide.
    const out = path.join(this.dir, `${process.pid}-${Date.now()}-${randomUUID()}.json`);
    // A suite that failed because one of its tests did is already counted by that test.
    const brokenSuites = results.numRuntimeErrorTestSuites;
    fs.writeFileSync(
      out,
      JSON.stringify({
        passed: results.numPassedTests,
        failed: results.numFailedTests + brokenSuites,
        skipped: results.numPendingTests + results.numTodoTests,
        failures,
      }),
    );
  }
}

module.exports = SummaryReporter;
