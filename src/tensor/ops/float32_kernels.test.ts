// The float32 kernels against PyTorch bit for bit (fixtures/sinc.oracle.py): sinc computed in
// float (sinc of a nonzero integer is ±2.78e-08, not 0), float64 still in double, integer inputs
// promoted, strided inputs and the in-place form.

import { describe, expect, it } from 'vitest';
import { loadOracle } from './linalg/fixtures/oracle';
import { toTensor } from './linalg/fixtures/tensors';
import { arange } from './creation';
import { sinc, sinc_ } from './unary';
import { slice } from './views';
import { clone, toDtype } from './copy';

const v = loadOracle(new URL('./fixtures/sinc.oracle.json', import.meta.url)).vars;
const values = (t: { dataSync(): ArrayLike<number | bigint> }): number[] => Array.from(t.dataSync(), Number);

describe('sinc', () => {
  const x = toTensor(v.x);
  it('float32 matches PyTorch exactly', () => expect(values(sinc(x))).toEqual(values(toTensor(v.f32))));
  it('float64 stays in double (to the last bit or so: V8 and glibc sines may differ by an ulp)', () => {
    const want = values(toTensor(v.f64));
    const off = values(sinc(toDtype(x, 'float64'))).map((g, i) => Math.abs(g - want[i]) / Math.max(Math.abs(want[i]), 1e-300));
    expect(Math.max(...off)).toBeLessThan(1e-15);
  });
  it('integer input promotes to float32', () => {
    const r = sinc(arange(-4, 5));
    expect(r.dtype).toBe('float32');
    expect(values(r)).toEqual(values(toTensor(v.ints)));
  });
  it('strided view and in place', () => {
    expect(values(sinc(slice(x, 0, 0, null, 3)))).toEqual(values(toTensor(v.view)));
    const y = clone(x);
    sinc_(y);
    expect(values(y)).toEqual(values(toTensor(v.inplace)));
  });
});
