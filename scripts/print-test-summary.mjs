// Prints the test totals per package and a closing "N passed, N failed" line
// from Jest's JSON results, and fails when any package ran no test.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const file = process.argv[2];
const results = JSON.parse(readFileSync(file, 'utf8'));
const perPackage = new Map();
for (const suite of results.testResults) {
  const rel = relative(process.cwd(), suite.name);
  const pkg = rel.split('/').slice(0, 2).join('/');
  const counts = perPackage.get(pkg) ?? { passed: 0, failed: 0 };
  for (const test of suite.assertionResults) {
    if (test.status === 'passed') counts.passed += 1;
    if (test.status === 'failed') counts.failed += 1;
  }
  perPackage.set(pkg, counts);
}
let empty = 0;
console.log('\nTests per package:');
for (const [pkg, c] of [...perPackage].sort()) {
  console.log(`  ${pkg.padEnd(34)} ${c.passed} passed, ${c.failed} failed`);
  if (c.passed + c.failed === 0) empty += 1;
}
console.log(
  `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`,
);
if (empty) {
  console.error(`${empty} package(s) ran no test`);
  process.exit(1);
}
