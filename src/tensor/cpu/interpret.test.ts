// The eval-free kernels (interpret.ts) against the compiled ones (elementwise.ts): every entry of
// the op table, in every compute domain and a spread of input dtypes, dense and strided, 1-D and
// 2-D, must write bit-identical results (or throw the same error). This is what keeps a page under
// a Content-Security-Policy without 'unsafe-eval' computing exactly what the normal page computes.

import { afterEach, describe, expect, it } from 'vitest';
import { OPS, type ElementwiseDef } from '../ops/table';
import { allocStorageArray, type DType, type StorageArray } from '../dtype';
import { Storage } from '../storage';
import { getKernel, runElementwise } from './elementwise';
import * as H from './math';
import { canCompileKernels, forceInterpretedKernels, parseExpr } from './interpret';

afterEach(() => forceInterpretedKernels(null));

const N = 12;
const FLOATS = [0, -0, 1.5, -2.25, 3, NaN, Infinity, -Infinity, 0.5, -7, 1e-3, 100];
const INTS = [0, 1, -1, 2, -3, 7, 100, -128, 5, 3, -2, 9];

function fill(dt: DType, seed: number): StorageArray {
  const a = allocStorageArray(dt, N);
  for (let i = 0; i < N; i++) {
    const j = (i + seed * 5) % N;
    if (dt === 'int64') (a as BigInt64Array)[i] = BigInt(INTS[j]);
    else if (dt === 'bool') (a as Uint8Array)[i] = INTS[j] > 0 ? 1 : 0;
    else if (dt === 'float32' || dt === 'float64' || dt === 'float16' || dt === 'bfloat16') (a as Float64Array)[i] = dt === 'float32' ? Math.fround(FLOATS[j]) : FLOATS[j];
    else (a as Int32Array)[i] = INTS[j];
  }
  return a;
}

const outDtype = (op: ElementwiseDef, compute: DType): DType => (op.rule === 'compare' || op.rule === 'logical' ? 'bool' : compute);

/** Runs one kernel both ways: the written arrays as plain lists, or the thrown error's name. */
function both(op: ElementwiseDef, ins: DType[], compute: DType, strided: boolean): [unknown, unknown] {
  const out = outDtype(op, compute);
  const params = Array.from({ length: op.params ?? 0 }, (_, k) => (compute === 'int64' ? BigInt(k + 1) : [0.5, 2, 1][k]));
  const run = (interpreted: boolean): unknown => {
    forceInterpretedKernels(interpreted);
    const o = allocStorageArray(out, N);
    const s = strided ? 2 : 1;
    const n = strided ? N / 2 : N;
    const operands = ins.flatMap((dt, k) => [fill(dt, k), strided ? 1 : 0, s]);
    try {
      getKernel(op, ins, compute, out)(H, o, strided ? 1 : 0, s, n, params, ...operands);
    } catch (e) {
      return `throws ${(e as Error).name}`;
    }
    return Array.from(o as ArrayLike<number | bigint>, (v) => (typeof v === 'number' && Object.is(v, -0) ? '-0' : typeof v === 'bigint' ? `${v}n` : Number.isNaN(v) ? 'NaN' : v));
  };
  return [run(false), run(true)];
}

const CASES: { compute: DType; ins: (arity: number) => DType[] }[] = [
  { compute: 'float32', ins: (n) => Array(n).fill('float32') },
  { compute: 'float64', ins: (n) => Array(n).fill('float64') },
  { compute: 'float16', ins: (n) => Array(n).fill('float16') },
  { compute: 'bfloat16', ins: (n) => Array(n).fill('bfloat16') },
  { compute: 'int32', ins: (n) => Array(n).fill('int32') },
  { compute: 'int64', ins: (n) => Array(n).fill('int64') },
  { compute: 'uint8', ins: (n) => Array(n).fill('uint8') },
  { compute: 'bool', ins: (n) => Array(n).fill('bool') },
  // mixed inputs exercise the load conversions (fround, BigInt, Number, f16 rounding)
  { compute: 'float32', ins: (n) => ['int32', 'float64', 'uint8'].slice(0, n) as DType[] },
  { compute: 'float16', ins: (n) => ['float32', 'int64', 'bool'].slice(0, n) as DType[] },
  { compute: 'int64', ins: (n) => ['int32', 'int64', 'bool'].slice(0, n) as DType[] },
];

describe('interpreted kernels (no eval) match compiled kernels', () => {
  it('compiling is allowed here, and can be forced off', () => {
    expect(canCompileKernels()).toBe(true);
    forceInterpretedKernels(true);
    expect(canCompileKernels()).toBe(false);
  });

  for (const op of OPS.values()) {
    it(op.name, () => {
      let compared = 0;
      for (const c of CASES) {
        for (const strided of [false, true]) {
          const [compiled, interpreted] = both(op, c.ins(op.arity), c.compute, strided);
          expect(interpreted, `${op.name} ${c.compute} ${c.ins(op.arity).join(',')} strided=${strided}`).toEqual(compiled);
          if (Array.isArray(compiled)) compared++;
        }
      }
      expect(compared).toBeGreaterThan(0);
    });
  }

  it('the 2-D (short rows) path and broadcasting agree too', () => {
    const op = OPS.get('add')!;
    const run = (interpreted: boolean): number[] => {
      forceInterpretedKernels(interpreted);
      const a = new Storage(fill('float32', 0), 'float32');
      const b = new Storage(fill('float32', 1), 'float32');
      const out = Storage.alloc('float32', 12);
      // [3, 4] + [4] broadcast over rows (stride 0 on the row dim)
      runElementwise(op, { storage: out, shape: [3, 4], strides: [4, 1], offset: 0, dtype: 'float32' },
        [{ storage: a, shape: [3, 4], strides: [4, 1], offset: 0, dtype: 'float32' }, { storage: b, shape: [3, 4], strides: [0, 1], offset: 0, dtype: 'float32' }], 'float32', [1]);
      return Array.from(out.data as Float32Array);
    };
    const expected = run(false);
    // a = FLOATS[0..11]; b's row 0 = FLOATS[5..8], broadcast to every row
    expect(expected.slice(0, 8)).toEqual([NaN, Infinity, -Infinity, -1.75, NaN, NaN, NaN, -Infinity]);
    expect(run(true)).toEqual(expected);
  });

  it('parses the expression language and refuses anything else', () => {
    const env = { a: 3, b: 4, c: 0, v: 0, p0: 2, p1: 0, p2: 0, p3: 0 };
    expect(parseExpr('a < b ? Math.max(a, b) * p0 : -1')(env)).toBe(8);
    expect(parseExpr('2 ** 3 ** 2')(env)).toBe(512);
    expect(parseExpr('a - b - 1')(env)).toBe(-2);
    expect(parseExpr('1n + BigInt(a)')(env)).toBe(4n);
    expect(() => parseExpr('globalThis.x')).toThrow(SyntaxError);
    expect(() => parseExpr('a = 1')).toThrow(SyntaxError);
    expect(() => parseExpr('H.constructor("x")')).toThrow(SyntaxError);
    expect(() => parseExpr('Math.constructor')).toThrow(SyntaxError);
  });
});
