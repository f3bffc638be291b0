// The fused kernels (add/sub with alpha, lerp, addcmul, addcdiv) on float16 and bfloat16 against
// the oracle bit for bit (fixtures/fused_half.oracle.py): ATen computes them in float (opmath) with
// the float32 formulas and rounds once to the half type; 1027 elements so the vector loop and the
// scalar tail both show.

import { describe, expect, it } from 'vitest';
import { loadOracle, type OracleValue } from './linalg/fixtures/oracle';
import { Tensor } from '../tensor';
import type { DType } from '../dtype';
import { pyf } from '../scalar';
import { add, add_, addcdiv, addcmul, addcmul_, lerp, rsub, sub } from './arith';
import { clone, toDtype } from './copy';
import { crc32, diffWords, f32FromHex, hexOf } from './fixtures/bits';
import { slice } from './views';

const dump = loadOracle(new URL('./fixtures/fused_half.oracle.json', import.meta.url));
const strMap = (v: OracleValue): Record<string, string> => {
  if (v.kind !== 'dict') throw new Error('expected a dict');
  return Object.fromEntries(Object.entries(v.items).map(([k, x]) => [k, (x as { value: string }).value]));
};
const inputs = strMap(dump.vars.inputs);
const results = strMap(dump.vars.results);
const sweeps = strMap(dump.vars.sweeps);
const f = (x: number) => pyf(x);

function cases(dt: DType): Record<string, () => Tensor> {
  const [a, b, c, w, pos] = ['a', 'b', 'c', 'w', 'pos'].map((k) => toDtype(Tensor.fromArray(f32FromHex(inputs[k]), [1027], 'float32'), dt));
  const inplace = (op: (y: Tensor) => void): Tensor => {
    const y = clone(a);
    op(y);
    return y;
  };
  return {
    'add a b -0.1': () => add(a, b, f(-0.1)),
    'add a b 0.3': () => add(a, b, f(0.3)),
    'add a b 0.001': () => add(a, b, f(0.001)),
    'add a b 1': () => add(a, b),
    'sub a b 0.7': () => sub(a, b, f(0.7)),
    'rsub a b 0.3': () => rsub(a, b, f(0.3)),
    'add a 2.5 0.1': () => add(a, f(2.5), f(0.1)),
    'add_ a b -0.1': () => inplace((y) => add_(y, b, f(-0.1))),
    'lerp a b 0.3': () => lerp(a, b, f(0.3)),
    'lerp a b 0.7': () => lerp(a, b, f(0.7)),
    'lerp a b -0.2': () => lerp(a, b, f(-0.2)),
    'lerp a b w': () => lerp(a, b, w),
    'addcmul a b c -0.1': () => addcmul(a, b, c, f(-0.1)),
    'addcmul a b c 0.999': () => addcmul(a, b, c, f(0.999)),
    'addcdiv a b pos -0.1': () => addcdiv(a, b, pos, f(-0.1)),
    'addcdiv a b pos 0.999': () => addcdiv(a, b, pos, f(0.999)),
    'addcmul_ a b c 0.5': () => inplace((y) => addcmul_(y, b, c, f(0.5))),
  };
}

describe('fused kernels on the half types match PyTorch bit for bit', () => {
  it.each([['f16', 'float16'], ['bf16', 'bfloat16']] as const)('%s add with alpha: the scalar tail at every length 1..130', (tag, dt) => {
    const [a, b] = ['a', 'b'].map((k) => toDtype(Tensor.fromArray(f32FromHex(inputs[k]), [1027], 'float32'), dt));
    const bad: number[] = [];
    for (let n = 1; n <= 130; n++)
      if (crc32(hexOf(add(slice(a, 0, 0, n), slice(b, 0, 0, n), f(0.3)))) !== sweeps[`${tag} add a b 0.3`].slice(8 * (n - 1), 8 * n)) bad.push(n);
    expect(bad).toEqual([]);
  });

  for (const [tag, dt] of [['f16', 'float16'], ['bf16', 'bfloat16']] as const)
    for (const [name, run] of Object.entries(cases(dt)))
      it(`${tag} ${name}`, () => {
        const got = run();
        expect(got.dtype).toBe(dt);
        expect(diffWords(hexOf(got), results[`${tag} ${name}`], 4)).toEqual([]);
      });
});
