// Backward formulas of the nn kernels (tensor/ops/nn): normalisations and losses. Normalisation
// nodes save input, mean and rstd; the affine weight is read from the node's saved list when the
// forward saved it (4th saved tensor) or else from the weight leaf's AccumulateGrad (parameters
// are leaves — a non-leaf weight without a saved copy is reported as a missing record).

import { PyError } from '../../../errors';
import type { GradNode } from '../../grad';
import { scalarTypeName } from '../../promotion';
import type { Tensor } from '../../tensor';
import * as O from '../ops';
import { ctxField, missing, savedTensor } from '../meta';
import { registerFormula } from '../registry';
import { formulaFor } from '../registry';

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

/** Under create_graph the statistics must carry x's history: recompute them with engine ops
 * (the saved ones are constants). Biased variance, as the forward. */
function liveStats(x: Tensor, dims: number[], eps: number): [Tensor, Tensor] {
  const mean = O.mean(x, dims, true);
  const c = O.sub(x, mean);
  const rstd = O.div(O.ones([], { dtype: x.dtype }), O.sqrt(O.add(O.mean(O.mul(c, c), dims, true), eps)));
  return [mean, rstd];
}

registerFormula('NativeLayerNormBackward0', (node, grads, fx) => {
  const x = savedTensor(node, 0);
  const k = ctxField<number[]>(node, 'normalizedShape').length;
  const g = grads[0]!;
  const dims = Array.from({ length: k }, (_, i) => x.ndim - k + i);
  const [mean, rstd] = fx.createGraph ? liveStats(x, dims, ctxField<number>(node, 'eps')) : [savedTensor(node, 1), savedTensor(node, 2)];
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
  const dims = x.shape.map((_, i) => i).filter((i) => i !== 1);
  const live = fx.createGraph && ((node.ctx.training as boolean | undefined) ?? true);
  const [mean, rstd] = live ? liveStats(x, dims, ctxField<number>(node, 'eps')) : [O.reshape(mean0, shape), O.reshape(rstd0, shape)];
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
  const [mean, rstd] = fx.createGraph ? liveStats(xg, [2], ctxField<number>(node, 'eps')) : [O.reshape(mean0, [nb, groups, 1]), O.reshape(rstd0, [nb, groups, 1])];
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
// The pointwise losses (nn/loss.ts pointwiseLoss) record ctx.loss (kind) and ctx.reduction and save
// (input, target, extra...). Some kinds record a generic name (l1: AbsBackward0 / MeanBackward0 /
// SumBackward0), so those formulas dispatch here first when ctx.loss is set.
type Reduction = 'none' | 'mean' | 'sum';

export function pointwiseLossBackward(node: GradNode, grads: readonly (Tensor | null)[], needs: readonly boolean[]): (Tensor | null)[] {
  const [x, t] = [savedTensor(node, 0), savedTensor(node, 1)];
  const kind = node.ctx.loss as string;
  const reduction = (node.ctx.reduction as Reduction | undefined) ?? 'mean';
  const g = grads[0]!;
  // ATen's mse_loss_backward / huber_loss_backward run one TensorIterator over (grad_input, input,
  // target) that wants a single dtype: a promoted target (mse_loss(float, int64)) fails here
  if ((kind === 'mse' || kind === 'huber') && t.dtype !== x.dtype)
    throw new PyError('RuntimeError', `Found dtype ${scalarTypeName(t.dtype)} but expected ${scalarTypeName(x.dtype)}`);
  const z = O.sub(x, t);
  const n = Math.max(z.numel(), 1);
  let dx: Tensor;
  let dt: Tensor | null = null;
  switch (kind) {
    case 'mse':
      // mse_loss_backward: norm·(x - t)·g, norm = 2/n (a float) for the mean, left to right
      dx = O.mul(z, reduction === 'mean' ? 2 / n : 2);
      dt = O.neg(dx);
      break;
    case 'l1':
      dx = O.sign(z);
      dt = O.neg(dx);
      break;
    case 'smooth_l1': {
      const beta = ctxField<number>(node, 'beta');
      dx = beta === 0 ? O.sign(z) : O.where(O.lt(O.abs(z), beta), O.div(z, beta), O.sign(z));
      dt = O.neg(dx);
      break;
    }
    case 'huber': {
      const delta = ctxField<number>(node, 'delta');
      dx = O.where(O.lt(O.abs(z), delta), z, O.mul(O.sign(z), delta));
      dt = O.neg(dx);
      break;
    }
    case 'bce': {
      const w = node.saved.length > 2 ? savedTensor(node, 2) : null;
      const den = O.maximum(O.mul(O.add(O.neg(x), 1), x), O.add(O.mul(x, 0), 1e-12));
      dx = O.div(z, den);
      dt = O.sub(O.log(O.add(O.neg(x), 1)), O.log(x));
      if (w !== null) {
        dx = O.mul(dx, w);
        dt = O.mul(dt, w);
      }
      break;
    }
    case 'bce_logits': {
      // l = (1 - t)·x + (1 + (pw - 1)·t)·softplus(-x), times w
      if (node.saved.length > 2 && node.ctx.hasWeight === undefined) return missing(node, 'which of weight / pos_weight was given (ctx.hasWeight, ctx.hasPosWeight)');
      let k = 2;
      const w = node.ctx.hasWeight === true ? savedTensor(node, k++) : null;
      const pw = node.ctx.hasPosWeight === true ? savedTensor(node, k++) : null;
      if (pw === null) {
        dx = O.sub(O.sigmoid(x), t);
        dt = O.neg(x);
      } else {
        const coef = O.add(O.mul(O.sub(pw, 1), t), 1);
        dx = O.sub(O.add(O.neg(t), 1), O.mul(coef, O.sigmoid(O.neg(x))));
        dt = O.add(O.neg(x), O.mul(O.sub(pw, 1), softplusNeg(x)));
      }
      if (w !== null) {
        dx = O.mul(dx, w);
        dt = O.mul(dt, w);
      }
      break;
    }
    default:
      return missing(node, `a backward for the '${kind}' loss`);
  }
  const scale = (d: Tensor): Tensor => (reduction === 'mean' && kind !== 'mse' ? O.mul(O.div(d, n), g) : O.mul(d, g));
  return node.next.map((_, i) => {
    if (!needs[i]) return null;
    if (i === 0) return O.sumTo(scale(dx), x.shape);
    if (i === 1) return dt === null ? missing(node, `the target gradient of the '${kind}' loss`) : O.sumTo(scale(dt), t.shape);
    return null;
  });
}

/** softplus(-x) = log(1 + e^-x), computed stably. */
const softplusNeg = (x: Tensor): Tensor => O.add(O.log(O.add(O.exp(O.neg(O.abs(x))), 1)), O.maximum(O.neg(x), O.mul(x, 0)));

registerFormula(['MseLossBackward0', 'SmoothL1LossBackward0', 'HuberLossBackward0', 'BinaryCrossEntropyBackward0', 'BinaryCrossEntropyWithLogitsBackward0'], (node, grads, fx) =>
  pointwiseLossBackward(node, grads, fx.needs),
);

/** nll_loss: input (N, C, *) or (C,) log-probabilities; saved: input, target and, when given,
 * the class weights (#2); ctx: reduction, ignoreIndex, totalWeight (the mean's divisor). */
registerFormula(['NllLossBackward0', 'NllLoss2DBackward0'], (node, grads) => {
  const x = savedTensor(node, 0);
  const target = savedTensor(node, 1);
  const reduction = (node.ctx.reduction as Reduction | undefined) ?? 'mean';
  const ignore = (node.ctx.ignoreIndex as number | undefined) ?? -100;
  const g = grads[0]!;
  const batched = x.ndim >= 2;
  const nb = batched ? x.shape[0] : 1;
  const c = batched ? x.shape[1] : x.shape[0];
  const spatial = batched ? x.shape.slice(2).reduce((a, b) => a * b, 1) : 1;
  const tv = Array.from(target.dataSync() as ArrayLike<number | bigint>, Number);
  const kept = tv.filter((v) => v !== ignore).length;
  const total = (node.ctx.totalWeight as number | undefined) ?? kept;
  const wv = node.saved.length > 2 ? (savedTensor(node, 2).dataSync() as ArrayLike<number>) : null;
  if (total !== kept && wv === null) return missing(node, 'the class weights (saved #2)');
  const gv = g.dataSync() as ArrayLike<number>;
  const coef = new Float64Array(nb * c * spatial);
  for (let b = 0; b < nb; b++)
    for (let p = 0; p < spatial; p++) {
      const k = b * spatial + p;
      const cls = tv[k];
      if (cls === ignore) continue;
      const gi = reduction === 'none' ? Number(gv[k]) : Number(gv[0]);
      coef[(b * c + cls) * spatial + p] = -gi * (wv === null ? 1 : Number(wv[cls])) * (reduction === 'mean' ? 1 / total : 1);
    }
  const res = O.toDtype(O.reshape(O.fromFloat64(coef, [coef.length]), x.shape), x.dtype);
  return [res, null];
});

/** embedding: the gradient rows scatter-add into the weight's rows (padding_idx rows get none). */
registerFormula('EmbeddingBackward0', (node, grads) => {
  const idx = savedTensor(node, 0);
  const num = ctxField<number>(node, 'numWeights');
  const pad = (node.ctx.paddingIdx as number | undefined) ?? -1;
  if (node.ctx.scaleGradByFreq === true) return missing(node, 'scale_grad_by_freq support');
  const g = grads[0]!;
  const dim = g.shape[g.ndim - 1];
  const iv = Array.from(idx.dataSync() as ArrayLike<number | bigint>, Number);
  const flat = new Int32Array(iv.length * dim);
  const keep = new Float64Array(iv.length * dim);
  iv.forEach((row, k) => {
    for (let j = 0; j < dim; j++) {
      flat[k * dim + j] = row * dim + j;
      keep[k * dim + j] = row === pad ? 0 : 1;
    }
  });
  const gk = O.mul(O.reshape(g, [iv.length * dim]), O.toDtype(O.fromFloat64(keep, [keep.length]), g.dtype));
  return [O.reshape(putAddFlat(gk, flat, [num * dim]), [num, dim])];
});
import { putAddFlat } from './flat';

/** rms_norm (nn/normalization.ts records one MulBackward0 with ctx.composite = 'rms_norm', edges
 * input and weight, saved input): y = x·r·w with r = (mean(x²) + eps)^-½ over the normalized
 * dims, so gx = r·gw - x·r³·mean(gw·x) with gw = g·w, and gW = Σ_lead g·x·r. */
export function rmsNormBackward(node: GradNode, grads: readonly (Tensor | null)[], needs: readonly boolean[]): (Tensor | null)[] {
  const x = savedTensor(node, 0);
  const k = ctxField<number[]>(node, 'normalizedShape').length;
  const eps = ctxField<number>(node, 'eps');
  const g = grads[0]!;
  const dims = Array.from({ length: k }, (_, i) => x.ndim - k + i);
  const lead = Array.from({ length: x.ndim - k }, (_, i) => i);
  const r = O.div(O.ones([], { dtype: x.dtype }), O.sqrt(O.add(O.mean(O.mul(x, x), dims, true), eps)));
  const e = node.next[1];
  const w = e == null ? null : node.saved.length > 1 ? savedTensor(node, 1) : (e.node.variable ?? missing(node, 'the weight (saved #1)'));
  const gw = w === null ? g : O.mul(g, w);
  const gx = needs[0] ? O.sub(O.mul(gw, r), O.mul(O.mul(x, O.mul(O.mul(r, r), r)), O.mean(O.mul(gw, x), dims, true))) : null;
  const gW = needs[1] ? (lead.length ? O.sum(O.mul(O.mul(g, x), r), lead) : O.mul(O.mul(g, x), r)) : null;
  return [gx, gW];
}
