#!/usr/bin/env node
// `npm test`: the whole suite, in order — unit tests (Vitest), the conformance corpus (in-process,
// against PyTorch goldens), and the browser tests (Playwright driving Debian's Chromium) when
// e2e/ has any. It ends with one plain summary line, `total: N passed, M failed`, and exits
// non-zero if anything failed. Browser prerequisites are installed here when missing and we run
// as root; otherwise the exact command to run is printed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const totals = { passed: 0, failed: 0 };
const failedParts = [];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

// A fresh clone has no node_modules yet: install exactly what the lockfile pins.
if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.log('installing dependencies (npm ci)');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) process.exit(1);
}

function section(title) {
  console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);
}

// 1. Unit tests (Vitest), with a JSON report so the counts can be summed.
section('unit tests (vitest)');
mkdirSync(join(root, 'test-results'), { recursive: true });
const vitestReport = join(root, 'test-results', 'vitest.json');
const vitestStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
if (existsSync(vitestReport)) {
  const r = JSON.parse(readFileSync(vitestReport, 'utf8'));
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += (r.numFailedTests ?? 0) + (vitestStatus !== 0 && !r.numFailedTests ? 1 : 0);
  if ((r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) > 0) {
    console.log(`NOTE: ${r.numPendingTests + r.numTodoTests} unit tests skipped or todo`);
  }
} else if (vitestStatus !== 0) totals.failed += 1;
if (vitestStatus !== 0) failedParts.push('unit');

// 2. Conformance corpus, in-process.
section('conformance (PyTorch 2.6 goldens)');
const confStatus = run('npx', ['tsx', 'scripts/conformance.ts', '--summary-json', join(root, 'test-results', 'conformance.json')]);
const confReport = join(root, 'test-results', 'conformance.json');
if (existsSync(confReport)) {
  const r = JSON.parse(readFileSync(confReport, 'utf8'));
  totals.passed += r.passed;
  totals.failed += r.unexpectedFailures + r.unexpectedPasses;
} else totals.failed += 1;
if (confStatus !== 0) failedParts.push('conformance');

// 3. Browser tests, if any exist.
const e2eFiles = existsSync(join(root, 'e2e')) ? readdirSync(join(root, 'e2e')).filter((f) => f.endsWith('.e2e.ts')) : [];
if (e2eFiles.length > 0) {
  section('browser tests (Playwright + Chromium)');
  const ensure = run('bash', ['scripts/ensure-browser.sh']);
  if (ensure !== 0) {
    totals.failed += 1;
    failedParts.push('browser prerequisites');
  } else {
    const e2eReport = join(root, 'test-results', 'e2e.json');
    const st = run('npx', ['tsx', 'e2e/run.ts', '--summary-json', e2eReport]);
    if (existsSync(e2eReport)) {
      const r = JSON.parse(readFileSync(e2eReport, 'utf8'));
      totals.passed += r.passed;
      totals.failed += r.failed;
    } else totals.failed += 1;
    if (st !== 0) failedParts.push('e2e');
  }
}

section('summary');
if (failedParts.length) console.log(`failing parts: ${failedParts.join(', ')}`);
console.log(`total: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedParts.length || totals.failed ? 1 : 0);
