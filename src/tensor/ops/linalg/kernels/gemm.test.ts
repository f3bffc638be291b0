// The GEMM kernels against PyTorch bit for bit: the oracle's products (reference BLAS underneath)
// of random operands, recomputed by the JS and the WASM float32 kernels with the operand layouts
// and accumulate modes the ops will use (see operand.ts), and by the float64 kernel.

import { describe, expect, it } from 'vitest';
import { dict, f32, f64, items, loadOracle, shapeOf, str, type OracleValue } from '../fixtures/oracle';
import { gemmF32JS, gemmF64JS } from './gemm_js';
import { gemmF32Wasm } from '../../../wasm/gemm';
import { gemmInt32, gemmInt64 } from './gemm_int';
import type { GemmOptions, MatRef } from './operand';

const dump = loadOracle(new URL('../fixtures/gemm_order.oracle.json', import.meta.url));
const groups = items(dump.vars.groups).map((g) => ({ name: str(dict(g).name), inputs: dict(dict(g).inputs), outs: dict(dict(g).outs) }));

type Kernel = (m: number, n: number, k: number, a: MatRef<Float32Array>, b: MatRef<Float32Array>, c: MatRef<Float32Array>, o?: GemmOptions) => void;
const wasm: Kernel = (...args) => {
  expect(gemmF32Wasm(...args)).toBe(true);
};

const rowMajor = <T>(data: T, cols: number): MatRef<T> => ({ data, off: 0, rs: cols, cs: 1 });
/** The transpose of a row-major rows×cols matrix, read in place. */
const transposed = <T>(data: T, cols: number): MatRef<T> => ({ data, off: 0, rs: 1, cs: cols });

function expectBits(got: Float32Array | Float64Array, want: OracleValue): void {
  const w = got instanceof Float32Array ? f32(want) : f64(want);
  expect(got.length).toBe(w.length);
  let bad = 0;
  for (let i = 0; i < w.length; i++) if (!Object.is(got[i], w[i])) bad++;
  expect(bad, `${bad} of ${w.length} elements differ`).toBe(0);
}

for (const [kname, kernel] of [['js', gemmF32JS as Kernel], ['wasm', wasm]] as const) {
  describe(`float32 GEMM (${kname}) matches PyTorch bit for bit`, () => {
    for (const g of groups.filter((g) => 'mm' in g.outs)) {
      const [m, k] = shapeOf(g.inputs.a);
      const n = shapeOf(g.inputs.b)[1];
      const a = f32(g.inputs.a), b = f32(g.inputs.b), w = f32(g.inputs.w), bias = f32(g.inputs.bias);
      const biasRows = (): Float32Array => {
        const c = new Float32Array(m * n);
        for (let i = 0; i < m; i++) c.set(bias, i * n);
        return c;
      };
      it(`${g.name}: mm, mm with transposed B`, () => {
        const c = new Float32Array(m * n);
        kernel(m, n, k, rowMajor(a, k), rowMajor(b, n), rowMajor(c, n));
        expectBits(c, g.outs.mm);
        const c2 = new Float32Array(m * n);
        kernel(m, n, k, rowMajor(a, k), transposed(w, k), rowMajor(c2, n));
        expectBits(c2, g.outs.mm_bt);
      });
      it(`${g.name}: addmm adds the bias first, linear (B transposed) last`, () => {
        const c = biasRows();
        kernel(m, n, k, rowMajor(a, k), rowMajor(b, n), rowMajor(c, n), { accumulate: 'first' });
        expectBits(c, g.outs.addmm);
        const c2 = biasRows();
        kernel(m, n, k, rowMajor(a, k), transposed(w, k), rowMajor(c2, n), { accumulate: 'last' });
        expectBits(c2, g.outs.linear);
      });
      it(`${g.name}: addmm with alpha and beta`, () => {
        const c = biasRows();
        kernel(m, n, k, rowMajor(a, k), rowMajor(b, n), rowMajor(c, n), { accumulate: 'first', alpha: 2.5, beta: 0.5 });
        expectBits(c, g.outs.addmm_ab);
        const c2 = biasRows();
        kernel(m, n, k, rowMajor(a, k), transposed(w, k), rowMajor(c2, n), { accumulate: 'last', alpha: 2.5, beta: 0.5 });
        expectBits(c2, g.outs.addmm_ab_bt);
      });
    }
    it('mv, dot and bmm are k-ordered sums too', () => {
      for (const g of groups) {
        if ('mv' in g.outs) {
          const [n, k] = shapeOf(g.inputs.mat);
          const c = new Float32Array(n);
          // y = mat·vec as an n×1 product.
          kernel(n, 1, k, rowMajor(f32(g.inputs.mat), k), { data: f32(g.inputs.vec), off: 0, rs: 1, cs: 1 }, rowMajor(c, 1));
          expectBits(c, g.outs.mv);
        }
        if ('dot' in g.outs) {
          const k = shapeOf(g.inputs.x)[0];
          const c = new Float32Array(1);
          kernel(1, 1, k, rowMajor(f32(g.inputs.x), k), { data: f32(g.inputs.y), off: 0, rs: 1, cs: 1 }, rowMajor(c, 1));
          expectBits(c, g.outs.dot);
        }
        if ('bmm' in g.outs) {
          const [bs, m, k] = shapeOf(g.inputs.x);
          const n = shapeOf(g.inputs.y)[2];
          const x = f32(g.inputs.x), y = f32(g.inputs.y), c = new Float32Array(bs * m * n);
          for (let p = 0; p < bs; p++)
            kernel(m, n, k, { data: x, off: p * m * k, rs: k, cs: 1 }, { data: y, off: p * k * n, rs: n, cs: 1 }, { data: c, off: p * m * n, rs: n, cs: 1 });
          expectBits(c, g.outs.bmm);
        }
      }
    });
  });
}

describe('float64 GEMM matches PyTorch bit for bit', () => {
  for (const g of groups.filter((g) => 'mm64' in g.outs)) {
    it(g.name, () => {
      const [m, k] = shapeOf(g.inputs.a64);
      const n = shapeOf(g.inputs.b64)[1];
      const c = new Float64Array(m * n);
      gemmF64JS(m, n, k, rowMajor(f64(g.inputs.a64), k), rowMajor(f64(g.inputs.b64), n), rowMajor(c, n));
      expectBits(c, g.outs.mm64);
    });
  }
});

describe('integer GEMM wraps like C++', () => {
  it('int32 accumulates modulo 2^32 and int8 stores wrap', () => {
    const a = Int32Array.from([0x40000000, 3]);
    const b = Int32Array.from([4, 5]);
    const c = new Int32Array(1);
    gemmInt32(1, 1, 2, rowMajor(a, 2), { data: b, off: 0, rs: 1, cs: 1 }, rowMajor(c, 1));
    expect(c[0]).toBe(15); // 2^32 + 15 wraps to 15
    const c8 = new Int8Array(1);
    gemmInt32(1, 1, 2, rowMajor(Int8Array.from([100, 100]), 2), { data: Int8Array.from([1, 1]), off: 0, rs: 1, cs: 1 }, rowMajor(c8, 1));
    expect(c8[0]).toBe(200 - 256);
  });
  it('int64 is exact and wraps at 2^64', () => {
    const c = new BigInt64Array(1);
    const a = BigInt64Array.from([1n << 62n, 5n]);
    const b = BigInt64Array.from([4n, 7n]);
    gemmInt64(1, 1, 2, rowMajor(a, 2), { data: b, off: 0, rs: 1, cs: 1 }, rowMajor(c, 1));
    expect(c[0]).toBe(35n);
  });
});
