// Test helper: run a fixture script (a .py beside its oracle-made .json) in-process through the
// CLI's --json path and judge the dump against the PyTorch one by the conformance rules
// (src/run/compare.ts) plus byte-identical stdout. Fixture scripts hold many cases each (one torch
// import per oracle run); the tests that use this sit next to the code they cover.
//
// Also runnable by hand while developing: `npx tsx src/nn/testing/oracle_script.ts FILE.py`
// prints the first stdout difference and the semantic diffs.

import { readFileSync, writeFileSync } from 'node:fs';
import { compareDump, firstStdoutDiff } from '../../run/compare';
import { dumpScript } from '../../run/dump';
import { prepareRuntime } from '../../run/prepare';

export interface ScriptVerdict {
  stdout: string;
  goldenStdout: string;
  error: unknown;
  goldenError: unknown;
  diffs: string[];
  warnings: unknown;
  goldenWarnings: unknown;
}

/** Run `py` (a file URL or path) and compare with the JSON beside it. */
export async function judgeScript(py: URL | string): Promise<ScriptVerdict> {
  await prepareRuntime();
  const source = readFileSync(py, 'utf8');
  const golden = JSON.parse(readFileSync(String(py instanceof URL ? py.pathname : py).replace(/\.py$/, '.json'), 'utf8'));
  const name = String(py).split('/').pop()!;
  const dump = JSON.parse(JSON.stringify(await dumpScript(source, name)));
  const verdict = compareDump(golden, dump);
  return {
    stdout: dump.stdout, goldenStdout: golden.stdout, error: dump.error, goldenError: golden.error,
    diffs: verdict.diffs.map(String), warnings: dump.warnings, goldenWarnings: golden.warnings,
  };
}

const main = process.argv[1]?.endsWith('oracle_script.ts');
if (main) {
  for (const f of process.argv.slice(2)) {
    const v = await judgeScript(f);
    console.log(`== ${f}`);
    if (v.stdout !== v.goldenStdout) {
      console.log(firstStdoutDiff(v.goldenStdout, v.stdout));
      writeFileSync('/tmp/oracle_script.golden.txt', v.goldenStdout);
      writeFileSync('/tmp/oracle_script.ours.txt', v.stdout);
    }
    console.log('error', JSON.stringify(v.error), 'golden', JSON.stringify(v.goldenError));
    if (JSON.stringify(v.warnings) !== JSON.stringify(v.goldenWarnings)) console.log('warnings differ', JSON.stringify(v.warnings).slice(0, 2000));
    for (const d of v.diffs.slice(0, 30)) console.log(' ', d);
    console.log(v.stdout === v.goldenStdout && v.diffs.length === 0 ? 'MATCH' : 'DIFF');
  }
}
