// Test helper shared by the fixture tests of the bindings (optim, lr_scheduler, torch.utils.data,
// torch.distributions, ...): run `DIR/NAME.oracle.py` through the interpreter (the CLI's --json
// path) and return our dump beside PyTorch's `DIR/NAME.oracle.json` (made by the oracle's run.sh),
// with stdout compared line by line so a failure names the first lines that differ instead of
// one huge string diff.

import { readFileSync } from 'node:fs';
import { dumpScript } from '../dump';
import { prepareRuntime } from '../prepare';

export interface OracleRun {
  ours: { stdout: string; error: unknown; warnings: unknown };
  golden: { stdout: string; error: unknown; warnings: unknown };
  /** The first lines that differ, ours then torch (empty when stdout matches). */
  diffs: string[];
}

/** `dir` is the fixtures folder as a URL (`new URL('./fixtures/', import.meta.url)`);
 * `afterPrepare` installs what the runtime does not install by default. */
export async function runOracleCase(dir: URL, name: string, opts: { maxDiffs?: number; afterPrepare?: () => void } = {}): Promise<OracleRun> {
  const maxDiffs = opts.maxDiffs ?? 12;
  await prepareRuntime();
  opts.afterPrepare?.();
  const src = readFileSync(new URL(`${name}.oracle.py`, dir), 'utf8');
  const golden = JSON.parse(readFileSync(new URL(`${name}.oracle.json`, dir), 'utf8'));
  const ours = await dumpScript(src, `${name}.oracle.py`);
  const a = ours.stdout.split('\n');
  const b = (golden.stdout as string).split('\n');
  const diffs: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && diffs.length < maxDiffs; i++)
    if (a[i] !== b[i]) diffs.push(`line ${i + 1}:\n  ours  ${a[i] ?? '<none>'}\n  torch ${b[i] ?? '<none>'}`);
  return { ours, golden, diffs };
}
