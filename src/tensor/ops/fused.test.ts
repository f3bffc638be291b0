// The op-table kernels PyTorch rounds once through a fused multiply-add (add/sub with alpha, lerp,
// addcmul; addcdiv's step order) against the oracle bit for bit (fixtures/fused.oracle.py):
// float32 and float64, out-of-place and in place, scalar and tensor weights, a wrapped-number
// operand, transposed and broadcast operands, over 1027 elements so that ATen's vector loop and its
// scalar tail both show. Values travel as hex strings of their bits.

import { describe, expect, it } from 'vitest';
import { loadOracle, type OracleValue } from './linalg/fixtures/oracle';
import { Tensor } from '../tensor';
import { pyf } from '../scalar';
import { add, add_, addcdiv, addcdiv_, addcmul, addcmul_, lerp, lerp_, rsub, sub, sub_ } from './arith';
import { clone, toDtype } from './copy';
import { expand, slice, transpose, view } from './views';

const dump = loadOracle(new URL('./fixtures/fused.oracle.json', import.meta.url));
const strMap = (v: OracleValue): Record<string, string> => {
  if (v.kind !== 'dict') throw new Error('expected a dict');
  return Object.fromEntries(Object.entries(v.items).map(([k, x]) => [k, (x as { value: string }).value]));
};
const inputs = strMap(dump.vars.inputs);
const results = strMap(dump.vars.results);

/** Float32 tensor from 8-hex-digit words. */
function fromHex32(h: string): Tensor {
  const u = new Uint32Array(h.length / 8);
  for (let i = 0; i < u.length; i++) u[i] = parseInt(h.slice(8 * i, 8 * i + 8), 16);
  return Tensor.fromArray(new Float32Array(u.buffer), [u.length], 'float32');
}

/** The bits of a tensor's values (row-major) as hex, like the fixture's. */
function hexOf(t: Tensor): string {
  const d = clone(t, true).dataSync();
  if (d instanceof Float32Array) return Array.from(new Uint32Array(d.slice().buffer), (x) => x.toString(16).padStart(8, '0')).join('');
  if (d instanceof Float64Array) {
    const u = new BigUint64Array(d.slice().buffer);
    return Array.from(u, (x) => x.toString(16).padStart(16, '0')).join('');
  }
  throw new Error(`unexpected storage ${d.constructor.name}`);
}

/** Where two hex dumps differ, as element indices (first few), for a readable failure. */
function diff(got: string, want: string, width: number): string {
  const bad: number[] = [];
  for (let i = 0; i * width < want.length && bad.length < 5; i++) if (got.slice(i * width, (i + 1) * width) !== want.slice(i * width, (i + 1) * width)) bad.push(i);
  return bad.length === 0 ? 'equal' : `elements ${bad.join(', ')} differ`;
}

const a = fromHex32(inputs.a);
const b = fromHex32(inputs.b);
const c = fromHex32(inputs.c);
const w = fromHex32(inputs.w);
const pos = fromHex32(inputs.pos);
const f = (x: number) => pyf(x);
const inplace = (x: Tensor, op: (y: Tensor) => void): Tensor => {
  const y = clone(x);
  op(y);
  return y;
};
const D = (t: Tensor): Tensor => toDtype(t, 'float64');
/** x repeated end to end, cut to n elements (torch's x.repeat(k)[:n]). */
function tiled(x: Tensor, n: number): Tensor {
  const src = x.dataSync() as Float32Array;
  return Tensor.fromArray(Float32Array.from({ length: n }, (_, i) => src[i % src.length]), [n], 'float32');
}

const CASES: Record<string, () => Tensor> = {
  'add a b -0.1': () => add(a, b, f(-0.1)),
  'add a b 0.3': () => add(a, b, f(0.3)),
  'add a b 0.001': () => add(a, b, f(0.001)),
  'sub a b 0.7': () => sub(a, b, f(0.7)),
  'rsub a b 0.3': () => rsub(a, b, f(0.3)),
  'add a 2.5 0.1': () => add(a, f(2.5), f(0.1)),
  'add_ a b -0.1': () => inplace(a, (y) => add_(y, b, f(-0.1))),
  'sub_ a b 0.3': () => inplace(a, (y) => sub_(y, b, f(0.3))),
  'add T full 0.3': () => add(transpose(view(a, [79, 13]), 0, 1), view(b, [13, 79]), f(0.3)),
  'add T row 0.3': () => add(transpose(view(a, [79, 13]), 0, 1), slice(b, 0, 0, 79), f(0.3)),
  'add col37 0.3': () => add(view(slice(a, 0, 0, 37 * 27), [27, 37]), view(slice(b, 0, 0, 27), [27, 1]), f(0.3)),
  'sub col61 0.3': () => sub(view(slice(a, 0, 0, 61 * 16), [16, 61]), view(slice(b, 0, 0, 16), [16, 1]), f(0.3)),
  'add expanded col 0.3': () => add(expand(view(slice(a, 0, 0, 37), [1, 37]), [3, 37]), view(slice(b, 0, 0, 3), [3, 1]), f(0.3)),
  'add big col41 0.3 rows 498-500': () => slice(add(view(tiled(a, 999 * 41), [999, 41]), view(slice(b, 0, 1, 1000), [999, 1]), f(0.3)), 0, 498, 501),
  'add_ T row -0.7': () => inplace(a, (y) => add_(transpose(view(y, [79, 13]), 0, 1), slice(c, 0, 0, 79), f(-0.7))),
  ...Object.fromEntries([0.3, 0.7, -0.2, 1.5, -0.5, 0.5].map((x) => [`lerp a b ${x}`, () => lerp(a, b, f(x))])),
  'lerp_ a b 0.1': () => inplace(a, (y) => lerp_(y, b, f(0.1))),
  'lerp_ a b 0.9': () => inplace(a, (y) => lerp_(y, b, f(0.9))),
  'lerp a b w': () => lerp(a, b, w),
  'lerp_ a b w': () => inplace(a, (y) => lerp_(y, b, w)),
  'addcmul a b c -0.1': () => addcmul(a, b, c, f(-0.1)),
  'addcmul a b c 0.999': () => addcmul(a, b, c, f(0.999)),
  'addcdiv a b pos -0.1': () => addcdiv(a, b, pos, f(-0.1)),
  'addcdiv a b pos 0.999': () => addcdiv(a, b, pos, f(0.999)),
  'addcmul_ a b c 0.5': () => inplace(a, (y) => addcmul_(y, b, c, f(0.5))),
  'addcdiv_ a b pos -0.01': () => inplace(a, (y) => addcdiv_(y, b, pos, f(-0.01))),
  'f64 add a b -0.1': () => add(D(a), D(b), f(-0.1)),
  'f64 lerp a b 0.3': () => lerp(D(a), D(b), f(0.3)),
  'f64 lerp a b w': () => lerp(D(a), D(b), D(w)),
  'f64 addcmul a b c 0.1': () => addcmul(D(a), D(b), D(c), f(0.1)),
  'f64 addcdiv a b pos 0.1': () => addcdiv(D(a), D(b), D(pos), f(0.1)),
  'f64 add col13 0.3': () => add(view(slice(D(a), 0, 0, 13 * 40), [40, 13]), view(slice(D(b), 0, 0, 40), [40, 1]), f(0.3)),
};

describe('fused multiply-add kernels match PyTorch bit for bit', () => {
  it('covers every fixture case', () => expect(Object.keys(CASES).sort()).toEqual(Object.keys(results).sort()));
  for (const [name, run] of Object.entries(CASES)) {
    it(name, () => {
      const got = hexOf(run());
      const want = results[name];
      const width = name.startsWith('f64') ? 16 : 8;
      expect(got.length).toBe(want.length);
      expect(diff(got, want, width)).toBe('equal');
    });
  }
});
