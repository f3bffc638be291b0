// float32 / float64 sum and mean against PyTorch's CPU kernel bit for bit
// (fixtures/sum_order.oracle.py): the order of the adds decides the last bits, which decide how
// sums print (1.0000 vs 1., -4.7684e-07 vs 0.). Inputs are drawn with the torch-parity generator.

import { describe, expect, it } from 'vitest';
import { dict, loadOracle } from './linalg/fixtures/oracle';
import { toTensor } from './linalg/fixtures/tensors';
import { Generator } from '../random';
import { randn } from '../random/normal';
import { Tensor } from '../tensor';
import { mean, sum } from './reduce';
import { reshape, transpose } from './views';
import { toDtype } from './copy';

const cases = dict(loadOracle(new URL('./fixtures/sum_order.oracle.json', import.meta.url)).vars.cases);
const values = (x: { dataSync(): ArrayLike<number | bigint> }): number[] => Array.from(x.dataSync(), Number);
const val = <T>(v: unknown): T => (v as { value: T }).value;
const list = (v: unknown): unknown => {
  const o = v as { kind: string; value?: unknown; items?: { value: number }[] };
  return o.kind === 'list' ? o.items!.map((i) => i.value) : o.kind === 'none' ? null : o.value;
};

function input(c: Record<string, unknown>): Tensor {
  const shape = (c.shape as { items: { value: number }[] }).items.map((i) => i.value);
  const n = shape.reduce((a, b) => a * b, 1);
  let x = reshape(Tensor.fromArray(randn(new Generator(val<number>(c.seed)), n), [n], 'float32'), shape);
  if (val<boolean>(c.t)) x = transpose(x, 0, 1);
  if (val<boolean>(c.double)) x = toDtype(x, 'float64');
  return x;
}

describe('sum / mean add in PyTorch order', () => {
  for (const [name, raw] of Object.entries(cases)) {
    it(name, () => {
      const c = dict(raw);
      const x = input(c);
      const dim = list(c.dim) as number | number[] | null;
      const f = val<string>(c.op) === 'sum' ? sum : mean;
      const got = f(x, dim, val<boolean>(c.keepdim));
      const want = toTensor(c.out);
      expect(got.shape).toEqual(want.shape);
      expect(values(got)).toEqual(values(want));
    });
  }
});
