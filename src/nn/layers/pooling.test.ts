// Pooling layers and F.* pooling against real PyTorch: fixtures/pooling.oracle.py runs here through
// our interpreter and must print what PyTorch printed (pooling.oracle.json) — reprs, values,
// indices, grad_fns, gradients and ATen's error texts — with the same warnings and globals.

import { describe, expect, it } from 'vitest';
import { judgeScript } from '../testing/oracle_script';

describe('pooling matches PyTorch 2.6', () => {
  it('pooling.oracle.py', async () => {
    const v = await judgeScript(new URL('./fixtures/pooling.oracle.py', import.meta.url));
    expect(v.error).toEqual(v.goldenError);
    expect(v.stdout).toBe(v.goldenStdout);
    expect(v.warnings).toEqual(v.goldenWarnings);
    expect(v.diffs).toEqual([]);
  }, 60_000);
});
