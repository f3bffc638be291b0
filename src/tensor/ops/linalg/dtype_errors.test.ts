// dtype rules of the matrix ops against the oracle (fixtures/dtype_errors.oracle.py): the
// mismatch messages differ per ATen op (mm, addmm, mv, bmm), bool has no kernel, integers wrap,
// float16 rounds its result.

import { describe, it } from 'vitest';
import { dict, loadOracle } from './fixtures/oracle';
import { caseOutcome, expectOutcome, tensorOf } from './fixtures/tensors';
import { Tensor } from '../../tensor';
import { expand, select, t_, unsqueeze } from '../views';
import { toDtype } from '../copy';
import { bmm, dot, mv } from './products';
import { linear, matmul } from './matmul';
import { addmm } from './products';
import type { DType } from '../../dtype';

const results = dict(loadOracle(new URL('./fixtures/dtype_errors.oracle.json', import.meta.url)).vars.results);
const range = (n: number, dtype: DType = 'float32', shift = 0): Tensor => tensorOf(Array.from({ length: n }, (_, i) => i - shift), [n], dtype);
const x = toDtype(tensorOf([0, 1, 2, 3, 4, 5], [2, 3]), 'float64');
const w = tensorOf(Array.from({ length: 12 }, (_, i) => i - 5), [4, 3]);
const b = range(4);
const full = (shape: number[], v: number, dtype: DType): Tensor => tensorOf(new Array<number>(shape.reduce((p, q) => p * q, 1)).fill(v), shape, dtype);

const cases: Record<string, () => Tensor> = {
  linear_2d: () => linear(x, w, b),
  linear_2d_nobias: () => linear(x, w),
  linear_1d: () => linear(select(x, 0, 0), w, b),
  linear_3d: () => linear(unsqueeze(x, 0), w, b),
  linear_bias_dtype: () => linear(toDtype(x, 'float32'), w, toDtype(b, 'float64')),
  addmm_bias_dtype: () => addmm(toDtype(b, 'float64'), toDtype(x, 'float32'), t_(w)),
  mm: () => matmul(x, t_(w)),
  mv: () => matmul(w, select(x, 0, 0)),
  bmm: () => bmm(unsqueeze(x, 0), unsqueeze(t_(w), 0)),
  matmul3d: () => matmul(unsqueeze(x, 0), t_(w)),
  matmul3d3d: () => matmul(expand(unsqueeze(x, 0), [2, 2, 3]), expand(unsqueeze(t_(w), 0), [2, 3, 4])),
  dot_int: () => dot(range(3, 'int64'), range(3, 'int64')),
  mv_int: () => mv(full([2, 3], 1, 'int64'), range(3, 'int64')),
  mm_bool: () => matmul(full([2, 2], 1, 'bool'), full([2, 2], 1, 'bool')),
  bmm_bool: () => bmm(full([1, 2, 2], 1, 'bool'), full([1, 2, 2], 1, 'bool')),
  dot_bool: () => dot(full([2], 1, 'bool'), full([2], 1, 'bool')),
  mv_bool: () => mv(full([2, 2], 1, 'bool'), full([2], 1, 'bool')),
  matmul_f16: () => matmul(toDtype(full([2, 3], 0.1, 'float32'), 'float16'), toDtype(full([3, 2], 0.3, 'float32'), 'float16')),
  matmul_i32_wrap: () => matmul(full([1, 2], 2 ** 30, 'int32'), full([2, 1], 3, 'int32')),
};

describe('matrix op dtype rules match PyTorch', () => {
  for (const [name, fn] of Object.entries(cases)) it(name, () => expectOutcome(fn, caseOutcome(dict(results[name])), name));
});
