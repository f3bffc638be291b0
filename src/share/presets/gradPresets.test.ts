// The two gradient presets (per_sample_grads.py, maml_inner_step.py) against real PyTorch 2.6:
// fixtures/<name>.json was made by /work/shared/oracle/run.sh from the .py beside this file. The
// dump must match (compare.ts, byte-identical stdout), and the RunReport must carry, per
// functional_call, the gradients w.r.t. its overrides (CallRecord.grads) — checked against the
// gradients the oracle left in the script's variables (per_sample, g_batch, grads, meta_grads).
// These presets are not in index.ts yet (the gallery's owner adds them); the general preset test
// picks them up from there.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareRuntime } from '../../run/prepare';
import { dumpScript } from '../../run/dump';
import { compareDump } from '../../run/compare';
import { runForReport } from '../../run/runForReport';
import type { RunReport } from '../../run/report';

beforeAll(() => prepareRuntime());

interface GoldenTensor {
  kind: 'tensor';
  shape: number[];
  data: number[];
}
interface Golden {
  stdout: string;
  error: unknown;
  vars: Record<string, { kind: string; items?: Record<string, GoldenTensor> }>;
}

const source = (name: string): string => readFileSync(new URL(`./${name}.py`, import.meta.url), 'utf8');
const golden = (name: string): Golden => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Golden;
const dictVar = (g: Golden, name: string): Record<string, GoldenTensor> => g.vars[name].items!;

/** The preview of call `i`'s gradient for `key` (all values: these tensors are small). */
function gradOf(r: RunReport, i: number, key: string): number[] {
  const ref = r.calls[i].grads?.[key];
  expect(ref, `call ${i} has a gradient for ${key}`).toBeDefined();
  const s = r.tensors[ref!];
  expect(s.truncated).toBe(false);
  return s.preview as number[];
}
function expectClose(a: number[], b: number[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((x, i) => expect(Math.abs(x - b[i])).toBeLessThan(1e-5));
}

describe.each(['per_sample_grads', 'maml_inner_step'])('%s', (name) => {
  it('matches real PyTorch', async () => {
    const g = golden(name);
    const dump = await dumpScript(source(name), 'main.py');
    const v = compareDump(g, dump);
    expect(v.diffs).toEqual([]);
    expect(v.ok).toBe(true);
    expect(dump.stdout).toBe(g.stdout);
    expect(g.error).toBeNull();
  });
});

describe('gradients in the RunReport', () => {
  it('per_sample_grads: each vmap sample call and the batch call carry their gradients', async () => {
    const g = golden('per_sample_grads');
    const r = await runForReport(source('per_sample_grads'));
    expect(r.error).toBeNull();
    // 5 calls under vmap, 5 in the loop, 1 for the batch gradient
    expect(r.calls.length).toBe(11);
    const per = dictVar(g, 'per_sample');
    for (const key of Object.keys(per)) {
      const n = per[key].data.length / 5;
      for (let i = 0; i < 5; i++) {
        expectClose(gradOf(r, i, key), per[key].data.slice(i * n, (i + 1) * n));
        expectClose(gradOf(r, 5 + i, key), per[key].data.slice(i * n, (i + 1) * n));
      }
      expectClose(gradOf(r, 10, key), dictVar(g, 'g_batch')[key].data);
    }
  });

  it('maml_inner_step: the inner grad call, and the calls on the parameters after backward', async () => {
    const g = golden('maml_inner_step');
    const r = await runForReport(source('maml_inner_step'));
    expect(r.error).toBeNull();
    // grad(loss_fn)(params), loss before (params), loss after (adapted), query loss (adapted)
    expect(r.calls.length).toBe(4);
    const inner = dictVar(g, 'grads');
    const meta = dictVar(g, 'meta_grads');
    for (const key of Object.keys(inner)) {
      expectClose(gradOf(r, 0, key), inner[key].data);
      // the Parameters themselves were the overrides: their .grad after query_loss.backward()
      expectClose(gradOf(r, 1, key), meta[key].data);
    }
    // the adapted tensors are non-leaves: no .grad, no transform over them
    expect(r.calls[2].grads).toBeUndefined();
    expect(r.calls[3].grads).toBeUndefined();
  });
});
