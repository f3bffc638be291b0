// Operands are cast to the compute dtype before an elementwise op reads them (cpu/elementwise.ts
// stages them through cast.ts), as PyTorch's TensorIterator does: a 0-d int64 256 is 0 in an
// int8 op, a float32 denormal is 0 in a half op. Cases and results come from real PyTorch
// (fixtures/cast_first.py → cast_first.json).

import { describe, expect, it } from 'vitest';
import { allocStorageArray, type DType } from '../dtype';
import { Tensor } from '../tensor';
import { elementwise } from '../ops/elementwise';
import fixture from './fixtures/cast_first.json';

interface Enc {
  dtype: string;
  shape: number[];
  values: (number | boolean)[];
}
interface Case {
  op: string;
  a: Enc;
  b: Enc;
  result: Enc;
}

const CASES = JSON.parse(fixture.stdout) as Case[];

function tensor(e: Enc): Tensor {
  const dt = e.dtype as DType;
  const data = allocStorageArray(dt, e.values.length);
  e.values.forEach((v, i) => ((data as unknown as unknown[])[i] = dt === 'int64' ? BigInt(v as number) : Number(v)));
  return Tensor.fromArray(data, e.shape, dt);
}

describe('operands are cast to the compute dtype first (PyTorch fixtures)', () => {
  it('has cases', () => expect(CASES.length).toBeGreaterThan(10));
  for (const c of CASES) {
    it(`${c.op}(${c.a.dtype}, 0-d ${c.b.dtype} ${c.b.values[0]})`, () => {
      const r = elementwise(c.op, [tensor(c.a), tensor(c.b)]);
      expect(r.dtype).toBe(c.result.dtype);
      const got = Array.from(r.dataSync() as ArrayLike<number | bigint>, (v) => (r.dtype === 'bool' ? v === 1 : Number(v)));
      expect(got).toEqual(c.result.values);
    });
  }
});
