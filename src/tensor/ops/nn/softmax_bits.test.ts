// softmax / log_softmax in float32 against PyTorch's CPU kernel bit for bit
// (fixtures/softmax_bits.oracle.py), and torch.exp's vector exp (SLEEF expf_u10, vecmath.ts).
// Exact, not the usual tolerance: rows of softmax summing to 1 ± 1 ulp print 1.0000, exactly 1
// prints 1. The scalar tails use the platform's expf (glibc: not always the correctly rounded
// value, which we compute) and log_softmax's log is SLEEF's (we use the correctly rounded log),
// so those may differ by one ulp in rare elements — bounded here, never more.

import { describe, expect, it } from 'vitest';
import { dict, loadOracle } from '../linalg/fixtures/oracle';
import { toTensor } from '../linalg/fixtures/tensors';
import { expf } from '../vecmath';
import { logSoftmax, softmax } from './softmax';

const v = loadOracle(new URL('./fixtures/softmax_bits.oracle.json', import.meta.url)).vars;
const values = (t: { dataSync(): ArrayLike<number | bigint> }): number[] => Array.from(t.dataSync(), Number);
const ulps = (a: number, b: number): number => {
  const f = new Float32Array([a, b]);
  const i = new Int32Array(f.buffer);
  return Math.abs(i[0] - i[1]);
};

describe('vector exp', () => {
  it('is SLEEF expf_u10 bit for bit', () => {
    const x = values(toTensor(v.exp_x));
    const want = values(toTensor(v.exp_y));
    expect(x.map(expf).filter((y, i) => y !== want[i])).toEqual([]);
  });
});

describe('softmax / log_softmax float32 bits', () => {
  for (const [name, c] of Object.entries(dict(v.cases))) {
    const k = dict(c);
    const x = toTensor(k.x);
    const dim = (k.dim as { value: number }).value;
    for (const [op, fn, maxOff] of [['softmax', softmax, 0], ['log_softmax', logSoftmax, 0.01]] as const)
      it(`${op} ${name}`, () => {
        const got = values(fn(x, dim));
        const want = values(toTensor(k[op]));
        const off = got.map((g, i) => ulps(g, want[i]));
        expect(Math.max(...off)).toBeLessThanOrEqual(1);
        expect(off.filter((u) => u > 0).length).toBeLessThanOrEqual(Math.floor(maxOff * got.length));
      });
  }
});
