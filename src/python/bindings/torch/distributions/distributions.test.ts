// torch.distributions against PyTorch 2.6, one oracle fixture per area: every printed value is a
// full-precision float32 (tolist), so a sampler draw, an op order or a rounding that differs from
// PyTorch's shows up as a differing line; error texts and reprs are compared verbatim.

import { describe, expect, it } from 'vitest';
import { runOracleCase as runCase } from '../../../../run/testing/oracleCase';
const runOracleCase = (name: string) => runCase(new URL('./fixtures/', import.meta.url), name);

async function matches(name: string): Promise<void> {
  const { ours, golden, diffs } = await runOracleCase(name);
  expect(diffs).toEqual([]);
  expect(ours.error).toEqual(golden.error);
  expect(ours.stdout).toBe(golden.stdout);
  expect(ours.warnings).toEqual(golden.warnings);
}

describe('torch.distributions', () => {
  for (const name of ['basic', 'kl']) it(`matches PyTorch on fixtures/${name}.oracle.py`, () => matches(name));

  // Known gap, not ours to fix here: torch.erf / torch.erfinv / F.binary_cross_entropy_with_logits
  // differ from PyTorch's CPU kernels in the last bit for some inputs (see the fixture's header).
  // `it.fails` turns red the day the engine matches, so this line gets moved into the list above.
  it.fails('engine_gaps.oracle.py still differs (erf, erfinv, bce_with_logits kernels)', () => matches('engine_gaps'));
});
