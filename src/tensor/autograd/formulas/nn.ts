// Backward formulas of the nn kernels (tensor/ops/nn): normalisations and losses. Normalisation
// nodes save input, mean and rstd; the affine weight is read from the node's saved list when the
// forward saved it (4th saved tensor) or else from the weight leaf's AccumulateGrad (parameters
// are leaves — a non-leaf weight without a saved copy is reported as a missing record).

import type { GradNode } from '../../grad';
import type { Tensor } from '../../tensor';
import * as O from '../ops';
import { ctxField, missing, savedTensor } from '../meta';
import { registerFormula } from '../registry';

function weightOf(node: GradNode, edge: number): Tensor | null {
  if (node.saved.length > 3) return savedTensor(node, 3);
  const e = node.next[edge];
  if (e == null) return (node.ctx.hasWeight as boolean | undefined) === true ? missing(node, 'the affine weight (saved #3)') : null;
  if (e.node.variable !== null) return e.node.variable;
  return missing(node, 'the affine weight (saved #3)');
}

/** Shared normalisation backward over `dims` given x̂ = (x - mean)·rstd. */
function normBackward(g: Tensor, x: Tensor, mean: Tensor, rstd: Tensor, dims: number[], n: number, w: Tensor | null): Tensor {
  const xhat = O.mul(O.sub(x, mean), rstd);
  const dxhat = w === null ? g : O.mul(g, w);
  const a = O.mul(dxhat, n);
  const b = O.sum(dxhat, dims, true);
  const c = O.mul(xhat, O.sum(O.mul(dxhat, xhat), dims, true));
  return O.mul(O.sub(O.sub(a, b), c), O.div(rstd, n));
}

registerFormula('NativeLayerNormBackward0', (node, grads, fx) => {
  const [x, mean, rstd] = [savedTensor(node, 0), savedTensor(node, 1), savedTensor(node, 2)];
  const k = ctxField<number[]>(node, 'normalizedShape').length;
  const g = grads[0]!;
  const dims = Array.from({ length: k }, (_, i) => x.ndim - k + i);
  const lead = Array.from({ length: x.ndim - k }, (_, i) => i);
  const n = dims.reduce((a, d) => a * x.shape[d], 1);
  const w = fx.needs[0] ? weightOf(node, 1) : null;
  const xhat = (): Tensor => O.mul(O.sub(x, mean), rstd);
  const red = (t: Tensor): Tensor => (lead.length ? O.sum(t, lead) : t);
  return [
    fx.needs[0] ? normBackward(g, x, mean, rstd, dims, n, w) : null,
    fx.needs[1] ? red(O.mul(g, xhat())) : null,
    fx.needs[2] ? red(g) : null,
  ];
});

registerFormula('NativeBatchNormBackward0', (node, grads, fx) => {
  const [x, mean0, rstd0] = [savedTensor(node, 0), savedTensor(node, 1), savedTensor(node, 2)];
  const g = grads[0]!;
  const shape = x.shape.map((s, i) => (i === 1 ? s : 1));
  const mean = O.reshape(mean0, shape);
  const rstd = O.reshape(rstd0, shape);
  const dims = x.shape.map((_, i) => i).filter((i) => i !== 1);
  const n = dims.reduce((a, d) => a * x.shape[d], 1);
  const w = fx.needs[0] ? weightOf(node, 1) : null;
  const wb = w === null ? null : O.reshape(w, shape);
  const xhat = (): Tensor => O.mul(O.sub(x, mean), rstd);
  const training = (node.ctx.training as boolean | undefined) ?? true;
  let gx: Tensor | null = null;
  if (fx.needs[0]) gx = training ? normBackward(g, x, mean, rstd, dims, n, wb) : O.mul(wb === null ? g : O.mul(g, wb), rstd);
  return [gx, fx.needs[1] ? O.sum(O.mul(g, xhat()), dims) : null, fx.needs[2] ? O.sum(g, dims) : null];
});

registerFormula('NativeGroupNormBackward0', (node, grads, fx) => {
  const [x, mean0, rstd0] = [savedTensor(node, 0), savedTensor(node, 1), savedTensor(node, 2)];
  const groups = ctxField<number>(node, 'numGroups');
  const g = grads[0]!;
  const [nb, c] = x.shape;
  const spatial = x.shape.slice(2);
  const gshape = [nb, groups, (c / groups) * spatial.reduce((a, b) => a * b, 1)];
  const xg = O.reshape(x, gshape);
  const mean = O.reshape(mean0, [nb, groups, 1]);
  const rstd = O.reshape(rstd0, [nb, groups, 1]);
  const w = fx.needs[0] ? weightOf(node, 1) : null;
  const cshape = [1, c, ...spatial.map(() => 1)];
  const gw = w === null ? g : O.mul(g, O.reshape(w, cshape));
  const n = gshape[2];
  const gx = fx.needs[0] ? O.reshape(normBackward(O.reshape(gw, gshape), xg, mean, rstd, [2], n, null), x.shape) : null;
  const xhat = (): Tensor => O.reshape(O.mul(O.sub(xg, mean), rstd), x.shape);
  const dims = x.shape.map((_, i) => i).filter((i) => i !== 1);
  return [gx, fx.needs[1] ? O.sum(O.mul(g, xhat()), dims) : null, fx.needs[2] ? O.sum(g, dims) : null];
});

// --- losses ----------------------------------------------------------------------------------------
type Reduction = 'none' | 'mean' | 'sum';

registerFormula('MseLossBackward0', (node, grads, fx) => {
  const [x, t] = [savedTensor(node, 0), savedTensor(node, 1)];
  const reduction = (node.ctx.reduction as Reduction | undefined) ?? 'mean';
  const g = grads[0]!;
  const diff = O.sub(x, t);
  const scale = reduction === 'mean' ? 2 / Math.max(x.numel(), 1) : 2;
  const gx = O.mul(O.mul(diff, scale), g);
  return [fx.needs[0] ? gx : null, fx.needs[1] ? O.neg(gx) : null];
});

registerFormula('L1LossBackward0', (node, grads, fx) => {
  const [x, t] = [savedTensor(node, 0), savedTensor(node, 1)];
  const reduction = (node.ctx.reduction as Reduction | undefined) ?? 'mean';
  const gx = O.mul(O.mul(O.sign(O.sub(x, t)), reduction === 'mean' ? 1 / Math.max(x.numel(), 1) : 1), grads[0]!);
  return [fx.needs[0] ? gx : null, fx.needs[1] ? O.neg(gx) : null];
});

/** nll_loss: input (N, C) or (C,) log-probabilities, target class indices; saved: input, target,
 * optional class weights (3rd); ctx: reduction, ignoreIndex. */
registerFormula('NllLossBackward0', (node, grads) => {
  const x = savedTensor(node, 0);
  const target = savedTensor(node, 1);
  const weight = node.saved.length > 2 ? savedTensor(node, 2) : null;
  const reduction = (node.ctx.reduction as Reduction | undefined) ?? 'mean';
  const ignore = (node.ctx.ignoreIndex as number | undefined) ?? -100;
  const g = grads[0]!;
  const batched = x.ndim === 2;
  const nb = batched ? x.shape[0] : 1;
  const c = batched ? x.shape[1] : x.shape[0];
  const tv = target.dataSync();
  const wv = weight?.dataSync() ?? null;
  const gv = g.dataSync();
  const coef = new Float64Array(nb * c);
  let total = 0;
  for (let i = 0; i < nb; i++) {
    const cls = Number(tv[i]);
    if (cls === ignore) continue;
    total += wv ? Number(wv[cls]) : 1;
  }
  for (let i = 0; i < nb; i++) {
    const cls = Number(tv[i]);
    if (cls === ignore) continue;
    const w = wv ? Number(wv[cls]) : 1;
    const gi = reduction === 'none' ? Number(gv[i]) : Number(gv[0]);
    coef[i * c + cls] = -w * gi * (reduction === 'mean' ? 1 / total : 1);
  }
  return [O.toDtype(O.reshape(O.fromFloat64(coef, [nb * c]), x.shape), x.dtype)];
});
