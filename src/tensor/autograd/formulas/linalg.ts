// Backward formulas of the matrix products (tensor/ops/linalg/products.ts), which save both
// operands: d(A·B) = dC·Bᵀ for A and Aᵀ·dC for B, with alpha/beta for the add-forms.

import * as O from '../ops';
import { ctxField, inputMetaOrNull, savedTensor } from '../meta';
import { columnSumFast } from './fast';
import type { Tensor } from '../../tensor';
import { registerFormula } from '../registry';

registerFormula('MmBackward0', (node, grads, fx) => {
  const [a, b] = [savedTensor(node, 0), savedTensor(node, 1)];
  const g = grads[0]!;
  return [fx.needs[0] ? O.mm(g, O.t_(b)) : null, fx.needs[1] ? O.mm(O.t_(a), g) : null];
});
registerFormula('AddmmBackward0', (node, grads, fx) => {
  const [a, b] = [savedTensor(node, 0), savedTensor(node, 1)];
  const g = grads[0]!;
  const alpha = (node.ctx.alpha as number | undefined) ?? 1;
  const beta = (node.ctx.beta as number | undefined) ?? 1;
  const scale = (t: import('../../tensor').Tensor, s: number) => (s === 1 ? t : O.mul(t, s));
  const inShape = (node.ctx.inputShape as number[] | undefined) ?? inputMetaOrNull(node, 0)?.shape;
  const bias = (): Tensor => (!fx.createGraph && inShape ? columnSumFast(g, inShape, beta) : null) ?? (inShape ? O.sumTo(scale(g, beta), inShape) : scale(g, beta));
  // mat2's gradient aᵀ·g is computed as (gᵀ·a)ᵀ: for a Linear (mat2 = weight.t()) TBackward0 then
  // hands AccumulateGrad a fresh tensor in the weight's own layout, which it keeps without a copy
  const mat2 = (): Tensor => (fx.createGraph ? O.mm(O.t_(a), g) : O.t_(O.mm(O.t_(g), a)));
  return [fx.needs[0] ? bias() : null, fx.needs[1] ? scale(O.mm(g, O.t_(b)), alpha) : null, fx.needs[2] ? scale(mat2(), alpha) : null];
});
registerFormula(['MvBackward0', 'AddmvBackward0'], (node, grads, fx) => {
  const [m, v] = [savedTensor(node, 0), savedTensor(node, 1)];
  const g = grads[0]!;
  const add = node.name === 'AddmvBackward0';
  const alpha = add ? ctxField<number>(node, 'alpha') : 1;
  const beta = add ? ctxField<number>(node, 'beta') : 1;
  const gm = O.mm(O.unsqueeze(g, 1), O.unsqueeze(v, 0));
  const gv = O.mv(O.t_(m), g);
  const out = [alpha === 1 ? gm : O.mul(gm, alpha), alpha === 1 ? gv : O.mul(gv, alpha)];
  return add ? [fx.needs[0] ? O.mul(g, beta) : null, fx.needs[1] ? out[0] : null, fx.needs[2] ? out[1] : null] : [fx.needs[0] ? out[0] : null, fx.needs[1] ? out[1] : null];
});
registerFormula(['DotBackward0', 'VdotBackward0'], (node, grads, fx) => {
  const [a, b] = [savedTensor(node, 0), savedTensor(node, 1)];
  const g = grads[0]!;
  return [fx.needs[0] ? O.mul(b, g) : null, fx.needs[1] ? O.mul(a, g) : null];
});
registerFormula(['BmmBackward0', 'BaddbmmBackward0'], (node, grads, fx) => {
  const [a, b] = [savedTensor(node, 0), savedTensor(node, 1)];
  const g = grads[0]!;
  const add = node.name === 'BaddbmmBackward0';
  const alpha = add ? ctxField<number>(node, 'alpha') : 1;
  const beta = add ? ctxField<number>(node, 'beta') : 1;
  const ga = O.bmm(g, O.transpose(b, 1, 2));
  const gb = O.bmm(O.transpose(a, 1, 2), g);
  const sc = (t: import('../../tensor').Tensor) => (alpha === 1 ? t : O.mul(t, alpha));
  return add ? [fx.needs[0] ? O.mul(g, beta) : null, fx.needs[1] ? sc(ga) : null, fx.needs[2] ? sc(gb) : null] : [fx.needs[0] ? ga : null, fx.needs[1] ? gb : null];
});

/** bilinear's _trilinear on flattened inputs: y[r, o] = Σ_ij x1[r, i]·W[o, i, j]·x2[r, j].
 * With A = g·W (as [R, I, J]): gx1 = Σ_j A·x2, gx2 = Σ_i A·x1, gW = gᵀ·(x1 ⊗ x2) per row. */
registerFormula('TrilinearBackward0', (node, grads, fx) => {
  const [x1, w, x2] = [savedTensor(node, 0), savedTensor(node, 1), savedTensor(node, 2)];
  const g = grads[0]!;
  const [o, i, j] = w.shape;
  const r = x1.shape[0];
  const a = (): import('../../tensor').Tensor => O.reshape(O.mm(g, O.reshape(w, [o, i * j])), [r, i, j]);
  return [
    fx.needs[0] ? O.sum(O.mul(a(), O.unsqueeze(x2, 1)), 2) : null,
    fx.needs[1] ? O.reshape(O.mm(O.t_(g), O.reshape(O.mul(O.unsqueeze(x1, 2), O.unsqueeze(x2, 1)), [r, i * j])), [o, i, j]) : null,
    fx.needs[2] ? O.sum(O.mul(a(), O.unsqueeze(x1, 2)), 1) : null,
  ];
});
