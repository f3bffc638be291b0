// Backward formulas of the matrix products (tensor/ops/linalg/products.ts), which save both
// operands: d(A·B) = dC·Bᵀ for A and Aᵀ·dC for B, with alpha/beta for the add-forms.

import * as O from '../ops';
import { ctxField, inputMetaOrNull, savedTensor } from '../meta';
import { columnSumFast } from './fast';
import type { Tensor } from '../../tensor';
import type { GradNode } from '../../grad';
import { registerFormula } from '../registry';

/** Whether a recorded [n, m] input was column-major (strides [1, n]): ATen's mm_mat1_backward /
 * mm_mat2_backward then compute its gradient transposed, (·)ᵀ of a product in the other order. */
function columnMajor(node: GradNode, i: number): boolean {
  const m = inputMetaOrNull(node, i);
  const st = m?.strides;
  return m !== null && st !== undefined && m.shape.length === 2 && st[0] === 1 && st[1] === m.shape[0] && m.shape[0] !== 1 && m.shape[1] !== 1;
}
/** mm_mat1_backward: g·bᵀ, or (b·gᵀ)ᵀ for a column-major mat1. */
const mat1Grad = (node: GradNode, g: Tensor, b: Tensor): Tensor => (columnMajor(node, 1) ? O.t_(O.mm(b, O.t_(g))) : O.mm(g, O.t_(b)));
/** mm_mat2_backward: aᵀ·g, or (gᵀ·a)ᵀ for a column-major mat2 (a Linear's weight.t()). */
const mat2Grad = (node: GradNode, g: Tensor, a: Tensor, pos: number): Tensor => (columnMajor(node, pos) ? O.t_(O.mm(O.t_(g), a)) : O.mm(O.t_(a), g));

// The ops run in PyTorch's order (self, mat1, mat2, as derivatives.yaml lists them; a bias's sum
// comes last, from validate_outputs), so that under create_graph the nodes are created in the same
// order — the engine runs later nodes first, which fixes the order a double backward adds in.
registerFormula('MmBackward0', (node, grads, fx) => {
  const [a, b] = [savedTensor(node, 0), savedTensor(node, 1)];
  const g = grads[0]!;
  // mm's operands are edges 0 and 1: shift the layout lookups of the helpers (mat1 = 1, mat2 = 2)
  const self = fx.needs[0] ? (columnMajor(node, 0) ? O.t_(O.mm(b, O.t_(g))) : O.mm(g, O.t_(b))) : null;
  return [self, fx.needs[1] ? mat2Grad(node, g, a, 1) : null];
});
registerFormula('AddmmBackward0', (node, grads, fx) => {
  const [a, b] = [savedTensor(node, 0), savedTensor(node, 1)];
  const g = grads[0]!;
  const alpha = (node.ctx.alpha as number | undefined) ?? 1;
  const beta = (node.ctx.beta as number | undefined) ?? 1;
  const scale = (t: Tensor, s: number) => (s === 1 ? t : O.mul(t, s));
  const inShape = (node.ctx.inputShape as number[] | undefined) ?? inputMetaOrNull(node, 0)?.shape;
  // first order: the bias summed here in one pass (fast.ts); else maybe_multiply(g, beta), which
  // the engine's validate_outputs sums down to the bias shape after the other two
  const fast = !fx.createGraph && fx.needs[0] && inShape ? columnSumFast(g, inShape, beta) : null;
  const self = fx.needs[0] ? (fast ?? scale(g, beta)) : null;
  const m1 = fx.needs[1] ? scale(mat1Grad(node, g, b), alpha) : null;
  const m2 = fx.needs[2] ? scale(mat2Grad(node, g, a, 2), alpha) : null;
  return [self, m1, m2];
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
