import { describe, expect, it } from 'vitest';
import { arange, tensor } from './ops/creation';
import { reshape, t_ } from './ops/views';
import { pyf } from './scalar';
import { previewStats } from './summary';

describe('previewStats', () => {
  it('samples row-major values of a strided view and computes stats over the sample', () => {
    const x = t_(reshape(arange(pyf(600)), [20, 30])); // non-contiguous [30, 20]
    const p = previewStats(x, 5);
    // row-major order of x.t(): x[0][0..4] = 0, 30, 60, 90, 120
    expect(p.values).toEqual([0, 30, 60, 90, 120]);
    expect(p.truncated).toBe(true);
    expect(p.numel).toBe(600);
    expect([p.min, p.max, p.mean]).toEqual([0, 120, 60]);
  });
  it('skips NaN in the statistics and reads bool as 0/1', () => {
    const p = previewStats(tensor([pyf(1), NaN, pyf(3)]));
    expect([p.min, p.max, p.mean, p.nanCount, p.truncated]).toEqual([1, 3, 2, 1, false]);
    expect(previewStats(tensor([true, false])).values).toEqual([1, 0]);
  });
});
