// Test helper for the torch.distributions fixtures: run fixtures/NAME.oracle.py through the
// interpreter (the CLI's --json path) and return our dump beside PyTorch's (NAME.oracle.json, made
// by /work/shared/oracle/run.sh), with stdout compared line by line so a failure names the first
// lines that differ instead of one huge string diff.

import { readFileSync } from 'node:fs';
import { dumpScript } from '../../../../run/dump';
import { prepareRuntime } from '../../../../run/prepare';

export interface OracleRun {
  ours: { stdout: string; error: unknown; warnings: unknown };
  golden: { stdout: string; error: unknown; warnings: unknown };
  /** `line N: ours | torch` for the first lines that differ (empty when stdout matches). */
  diffs: string[];
}

export async function runOracleCase(name: string): Promise<OracleRun> {
  await prepareRuntime();
  const src = readFileSync(new URL(`./fixtures/${name}.oracle.py`, import.meta.url), 'utf8');
  const golden = JSON.parse(readFileSync(new URL(`./fixtures/${name}.oracle.json`, import.meta.url), 'utf8'));
  const ours = await dumpScript(src, `${name}.oracle.py`);
  const a = ours.stdout.split('\n');
  const b = (golden.stdout as string).split('\n');
  const diffs: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && diffs.length < 12; i++)
    if (a[i] !== b[i]) diffs.push(`line ${i + 1}:\n  ours  ${a[i] ?? '<none>'}\n  torch ${b[i] ?? '<none>'}`);
  return { ours, golden, diffs };
}
