// The conformance runner behind `npm test`: every scenario in conformance/ is run in-process
// through the same code path as `npm run cli -- run FILE --json`, and its dump is judged against
// the PyTorch golden by the rules of ../shared/oracle/compare.py (ported in src/run/compare.ts).
// Scenarios listed in conformance/expected-failures.txt (with the reason) may fail; the list is
// printed loudly, and a listed scenario that passes fails the run (so the list only shrinks).
//
//   npx tsx scripts/conformance.ts [--only NAME...] [--verbose] [--summary-json FILE]
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { dumpScript } from '../src/run/dump';
import { compareDump } from '../src/run/compare';
import { prepareRuntime } from '../src/run/prepare';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'conformance');
const argv = process.argv.slice(2);
const verbose = argv.includes('--verbose');
const summaryIdx = argv.indexOf('--summary-json');
const summaryPath = summaryIdx >= 0 ? argv[summaryIdx + 1] : null;
const only = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--summary-json');

function readExpectedFailures(): Map<string, string> {
  const m = new Map<string, string>();
  const p = join(dir, 'expected-failures.txt');
  if (!existsSync(p)) return m;
  for (const raw of readFileSync(p, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [name, ...why] = line.split(/\s+/);
    m.set(name, why.join(' ').replace(/^[-—:]\s*/, ''));
  }
  return m;
}

const expected = readExpectedFailures();
const scenarios = readdirSync(dir)
  .filter((f) => f.endsWith('.py') && existsSync(join(dir, f.replace(/\.py$/, '.json'))))
  .map((f) => basename(f, '.py'))
  .filter((n) => only.length === 0 || only.some((o) => n.includes(o)))
  .sort();

let passed = 0;
let identical = 0;
const unexpectedFailures: string[] = [];
const unexpectedPasses: string[] = [];
const expectedFailing: string[] = [];
await prepareRuntime();
const t0 = performance.now();
for (const name of scenarios) {
  const source = readFileSync(join(dir, `${name}.py`), 'utf8');
  const golden = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
  let verdict: ReturnType<typeof compareDump>;
  try {
    const dump = await dumpScript(source, `${name}.py`);
    verdict = compareDump(golden, dump);
  } catch (e) {
    verdict = { ok: false, stdoutIdentical: false, diffs: [`runner crashed: ${(e as Error).stack ?? e}`], stdoutFirstDiff: null };
  }
  if (verdict.stdoutIdentical) identical++;
  const isExpected = expected.has(name);
  if (verdict.ok) {
    passed++;
    if (isExpected) unexpectedPasses.push(name);
  } else if (isExpected) expectedFailing.push(name);
  else unexpectedFailures.push(name);
  const tag = verdict.ok ? 'PASS' : isExpected ? 'XFAIL' : 'FAIL';
  const stdoutNote = verdict.stdoutIdentical ? '' : ' (stdout differs)';
  if (verbose || tag === 'FAIL' || (tag === 'PASS' && !verdict.stdoutIdentical)) {
    console.log(`${tag} ${name}${stdoutNote}`);
    if (tag === 'FAIL' || verbose) for (const d of verdict.diffs.slice(0, 3)) console.log(`    ${d}`);
    if (!verdict.stdoutIdentical && verdict.stdoutFirstDiff && (verbose || tag !== 'XFAIL')) console.log(`    stdout: ${verdict.stdoutFirstDiff}`);
  }
}
const failed = scenarios.length - passed;
if (expected.size > 0) {
  console.log(`\nEXPECTED FAILURES (conformance/expected-failures.txt) — ${expectedFailing.length} still failing:`);
  for (const n of expectedFailing) console.log(`  XFAIL ${n}: ${expected.get(n)}`);
}
for (const n of unexpectedPasses) console.log(`UNEXPECTED PASS ${n}: remove it from conformance/expected-failures.txt`);
console.log(`stdout: ${identical} of ${scenarios.length} identical`);
console.log(`conformance: ${passed} passed, ${failed} failed (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
if (summaryPath) {
  writeFileSync(
    summaryPath,
    JSON.stringify({ passed, failed, identical, total: scenarios.length, unexpectedFailures: unexpectedFailures.length, unexpectedPasses: unexpectedPasses.length, expectedFailing }),
  );
}
process.exit(unexpectedFailures.length || unexpectedPasses.length ? 1 : 0);
