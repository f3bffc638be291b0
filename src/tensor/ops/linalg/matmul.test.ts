// matmul / mm / mv / dot / bmm / addmm / baddbmm / addmv / outer / linear / bilinear against the
// oracle (fixtures/matmul_cases.oracle.py): values, dtype, grad_fn name, or PyTorch's exact error.

import { describe, it } from 'vitest';
import { dict, loadOracle } from './fixtures/oracle';
import { expectOutcome, toTensors } from './fixtures/tensors';
import { Tensor } from '../../tensor';
import { detach } from '../views';
import { addmm, addmv, baddbmm, bmm, dot, mm, mv, vdot } from './products';
import { bilinear, linear, matmul, outer } from './matmul';

const dump = loadOracle(new URL('./fixtures/matmul_cases.oracle.json', import.meta.url));
const I = toTensors(dict(dump.vars.inputs));
const results = dict(dump.vars.results);

const cases: Record<string, () => Tensor> = {
  mm: () => mm(I.a23, I.b34),
  at: () => matmul(I.a23, I.b34),
  mm_nograd: () => matmul(I.a23n, I.b34n),
  mm_f64: () => matmul(I.a23d, I.b34d),
  mm_i64: () => matmul(I.a23i, I.b34i),
  mm_i32: () => matmul(I.a23i32, I.b34i32),
  mm_bool: () => matmul(I.a23b, I.b34b),
  mm_mixed: () => matmul(I.a23, I.b34d),
  mm_mixed_int: () => matmul(I.a23, I.b34i),
  mm_bad: () => mm(I.a23, I.b45),
  mm_1d: () => mm(I.v3, I.b34),
  mm_1d_b: () => mm(I.a23, I.v3),
  mm_3d: () => mm(I.x223, I.b34),
  dot: () => dot(I.v3, I.v3),
  matmul_1d_1d: () => matmul(I.v3, I.v3),
  matmul_1d_1d_bad: () => matmul(I.v3, I.v4),
  dot_bad: () => dot(I.v3, I.v4),
  dot_2d: () => dot(I.a23, I.v3),
  dot_dtype: () => dot(I.v3, I.a23d.makeView([3], [1], 0)),
  vdot: () => vdot(I.v3, I.v3),
  vdot_bad: () => vdot(I.v3, I.v4),
  mv: () => mv(I.a23, I.v3),
  matmul_2d_1d: () => matmul(I.a23, I.v3),
  matmul_2d_1d_bad: () => matmul(I.a23, I.v4),
  mv_bad: () => mv(I.a23, I.v4),
  matmul_1d_2d: () => matmul(I.v2, I.a23),
  matmul_1d_2d_bad: () => matmul(I.v3, I.a23),
  matmul_3d_2d: () => matmul(I.x223, I.b34),
  matmul_3d_2d_bad: () => matmul(I.x223, I.b45),
  matmul_2d_3d: () => matmul(I.a23, I.y234),
  matmul_3d_3d: () => matmul(I.x223, I.y234),
  matmul_3d_3d_bad: () => matmul(I.x223, I.y244),
  matmul_4d_3d: () => matmul(I.z2123, I.w334),
  matmul_4d_3d_bad: () => matmul(I.z2123, I.y234),
  matmul_3d_1d: () => matmul(I.x223, I.v3),
  matmul_1d_3d: () => matmul(I.v3, I.y234),
  matmul_0d: () => matmul(I.s, I.v3),
  matmul_3d_2d_nograd: () => matmul(detach(I.x223), I.b34n),
  matmul_2d_3d_bgrad_only: () => matmul(I.a23n, I.y234),
  bmm: () => bmm(I.x223, I.y234),
  bmm_bad: () => bmm(I.x223, I.y244),
  bmm_2d: () => bmm(I.a23, I.y234),
  bmm_batch: () => bmm(I.x223, I.w334),
  addmm: () => addmm(I.bias4, I.a23, I.b34),
  addmm_2d_bias: () => addmm(I.bias24, I.a23, I.b34, { beta: 2, alpha: 0.5 }),
  addmm_bad_bias: () => addmm(I.v3, I.a23, I.b34),
  addmm_bad: () => addmm(I.bias4, I.a23, I.b45),
  baddbmm: () => baddbmm(I.bias4, I.x223, I.y234),
  baddbmm_bad: () => baddbmm(I.bias4, I.x223, I.y244),
  addmv: () => addmv(I.v2, I.a23, I.v3),
  outer: () => outer(I.v2, I.v3),
  ger: () => outer(I.v3n, I.v2),
  linear_2d: () => linear(I.a23, I.w43, I.bias4),
  linear_2d_nobias: () => linear(I.a23, I.w43),
  linear_1d: () => linear(I.v3, I.w43, I.bias4),
  linear_1d_nobias: () => linear(I.v3, I.w43),
  linear_3d: () => linear(I.x223, I.w43, I.bias4),
  linear_3d_nobias: () => linear(I.x223, I.w43),
  linear_1_3: () => linear(I.x1_3, I.w43, I.bias4),
  linear_bad: () => linear(I.v4, I.w43, I.bias4),
  linear_bad_2d: () => linear(I.b45, I.w43, I.bias4),
  linear_bad_3d: () => linear(I.y244, I.w43, I.bias4),
  linear_bad_bias: () => linear(I.a23, I.w43, I.v3),
  linear_nograd: () => linear(I.a23n, detach(I.w43), detach(I.bias4)),
  linear_only_bias_grad: () => linear(I.a23n, detach(I.w43), I.bias4),
  linear_0d: () => linear(I.s, I.w43),
  bilinear: () => bilinear(I.bl_x1, I.bl_x2, I.bl_w, I.bl_b),
  bilinear_nobias: () => bilinear(I.bl_x1, I.bl_x2, I.bl_w),
};

describe('matmul family matches PyTorch', () => {
  it('covers every oracle case', () => {
    const missing = Object.keys(results).filter((k) => !(k in cases));
    if (missing.length) throw new Error(`no TS case for ${missing.join(', ')}`);
  });
  for (const [name, fn] of Object.entries(cases)) it(name, () => expectOutcome(fn, results[name], name));
});
