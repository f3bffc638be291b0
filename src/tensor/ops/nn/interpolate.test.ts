// F.interpolate / nn.Upsample against real PyTorch: fixtures/interpolate.oracle.py runs through our
// interpreter and must print what PyTorch printed (every mode's values, grad_fn names and gradients,
// layer reprs, error texts) with the same warnings (the deprecated F.upsample*) and globals.

import { describe, expect, it } from 'vitest';
import { judgeScript } from '../../../nn/testing/oracle_script';

describe('interpolate matches PyTorch 2.6', () => {
  it('interpolate.oracle.py', async () => {
    const v = await judgeScript(new URL('./fixtures/interpolate.oracle.py', import.meta.url));
    expect(v.error).toEqual(v.goldenError);
    expect(v.stdout).toBe(v.goldenStdout);
    expect(v.warnings).toEqual(v.goldenWarnings);
    expect(v.diffs).toEqual([]);
  }, 60_000);
});
