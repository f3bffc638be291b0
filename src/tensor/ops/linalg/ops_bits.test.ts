// Bit-exactness of the matrix ops as users call them — F.linear in every input rank and with
// 1-column outputs, matmul with transposed operands, v @ M, M @ v, addmv, bmm and baddbmm on
// both of PyTorch's paths — against the oracle (fixtures/ops_bits.oracle.py). Equal bits, not
// tolerance: this is what makes printed nn.Linear outputs match PyTorch digit for digit.

import { describe, expect, it } from 'vitest';
import { dict, loadOracle, type OracleValue } from './fixtures/oracle';
import { toTensor } from './fixtures/tensors';
import { Tensor } from '../../tensor';
import { contiguous, narrow, select, t_, unsqueeze } from '../views';
import { addmv, baddbmm, bmm } from './products';
import { linear, matmul } from './matmul';

const cases = dict(loadOracle(new URL('./fixtures/ops_bits.oracle.json', import.meta.url)).vars.cases);

function expectBits(got: Tensor, want: OracleValue, label: string): void {
  const w = toTensor(want);
  expect(got.shape, label).toEqual(w.shape);
  const g = got.dataSync();
  const e = w.dataSync();
  const bad: number[] = [];
  for (let i = 0; i < e.length; i++) if (!Object.is(g[i], e[i])) bad.push(i);
  expect(bad.length, `${label}: ${bad.length} of ${e.length} elements differ (first ${bad[0]}: ${g[bad[0]]} vs ${e[bad[0]]})`).toBe(0);
}

describe('F.linear is bit-exact', () => {
  for (const [key, v] of Object.entries(cases)) {
    if (key === 'misc') continue;
    it(key, () => {
      const c = dict(v);
      const x = toTensor(c.x), w = toTensor(c.w), b = toTensor(c.b);
      expectBits(linear(x, w, b), c.linear, 'linear');
      expectBits(linear(x, w), c.linear_nobias, 'linear without bias');
    });
  }
});

describe('matmul family is bit-exact', () => {
  const m = dict(cases.misc);
  const T = (k: string): Tensor => toTensor(m[k]);
  it('transposed operands', () => {
    expectBits(matmul(t_(contiguous(t_(T('a')))), T('m')), m.mm_at, 'col-major A');
    expectBits(matmul(T('a'), t_(contiguous(t_(T('m'))))), m.mm_mt, 'col-major B');
  });
  it('vector products', () => {
    expectBits(matmul(T('v'), T('m')), m.vm, 'v @ M');
    expectBits(matmul(T('a'), T('v')), m.mv, 'M @ v');
    expectBits(addmv(T('addmv_in'), T('a'), T('v')), m.addmv2, 'addmv, row-major mat');
    expectBits(addmv(narrow(T('v'), 0, 0, 9), t_(T('m')), T('v')), m.addmv2_t, 'addmv, column-major mat');
  });
  it('bmm and baddbmm, small loop and BLAS path', () => {
    expectBits(bmm(T('b1'), T('b2')), m.bmm_small, 'bmm small');
    expectBits(bmm(T('c1'), T('c2')), m.bmm_blas, 'bmm blas');
    expectBits(baddbmm(unsqueeze(select(T('b2'), 1, 0), 1), T('b1'), T('b2')), m.baddbmm_small, 'baddbmm small');
    expectBits(baddbmm(T('cb'), T('c1'), T('c2')), m.baddbmm_blas, 'baddbmm blas');
  });
});
