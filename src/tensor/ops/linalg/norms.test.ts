// Matrix norms in every ord, svdvals and linalg.norm against the oracle (fixtures/norms.oracle.py).

import { describe, expect, it } from 'vitest';
import { dict, loadOracle } from './fixtures/oracle';
import { caseOutcome, expectOutcome, toTensors } from './fixtures/tensors';
import { Tensor } from '../../tensor';
import { linalgNorm, matrixNorm } from './norms';
import { svdvals } from './svd';

const v = loadOracle(new URL('./fixtures/norms.oracle.json', import.meta.url)).vars;
const I = toTensors(dict(v.inputs));
const results = dict(v.results);

const ords: [string, number | 'nuc' | 'fro'][] = [['1', 1], ['-1', -1], ['inf', Infinity], ['-inf', -Infinity], ['2', 2], ['-2', -2], ['nuc', 'nuc'], ['fro', 'fro']];
const cases: Record<string, () => Tensor> = {
  B_2_keep: () => matrixNorm(I.B, 2, [-2, -1], true),
  C_nuc_dims: () => matrixNorm(I.C, 'nuc', [0, 2]),
  C_1_dims: () => matrixNorm(I.C, 1, [2, 1]),
  svdvals: () => svdvals(I.A),
  svdvals_batch: () => svdvals(I.C),
  bad_ord: () => matrixNorm(I.A, 3),
  bad_dim: () => matrixNorm(I.v),
  norm: () => linalgNorm(I.A),
  norm_2: () => linalgNorm(I.A, 2),
  norm_v3: () => linalgNorm(I.v, 3),
  norm_dim: () => linalgNorm(I.B, null, [1, 2]),
  norm_3d_ord: () => linalgNorm(I.B, 2),
};
for (const [label, o] of ords) {
  cases[`A_${label}`] = () => matrixNorm(I.A, o);
  cases[`T_${label}`] = () => matrixNorm(I.T, o);
}

describe('matrix norms match PyTorch', () => {
  it('covers every oracle case', () => expect(Object.keys(results).filter((k) => !(k in cases))).toEqual([]));
  for (const [name, fn] of Object.entries(cases)) it(name, () => expectOutcome(fn, caseOutcome(dict(results[name])), name));
});
