// Backward formulas of tensor/ops/stats.ts and frexp: nansum (the gradient skips the NaNs),
// var_mean / std_mean (one node, two outputs: the var/std gradient plus the mean's), the full
// median (the gradient is shared evenly among the elements equal to the median, as PyTorch's
// evenly_distribute_backward) and frexp (mantissa = x / 2^exponent). The forward saves the input
// (and var/std or median result) and records ctx.dim / keepdim / correction.

import type { GradNode } from '../../grad';
import type { Tensor } from '../../tensor';
import { wrapDims } from '../../shape';
import * as K from '../../ops/compare';
import { exp2 } from '../../ops/unary';
import * as O from '../ops';
import { savedTensor } from '../meta';
import { registerFormula } from '../registry';

/** Reduced dims (wrapped, sorted) of a stats node whose ctx.dim may be absent (full reduction). */
function statDims(node: GradNode, ndim: number): { dims: number[]; keepdim: boolean } {
  const d = node.ctx.dim as number | number[] | null | undefined;
  const all = Array.from({ length: ndim }, (_, i) => i);
  const list = d === null || d === undefined ? all : typeof d === 'number' ? [d] : d.length === 0 ? all : d;
  return { dims: ndim === 0 ? [] : wrapDims(list, ndim).sort((a, b) => a - b), keepdim: (node.ctx.keepdim as boolean | undefined) ?? false };
}
/** A reduced tensor brought back to `shape` (unsqueezed on the reduced dims, then expanded). */
function back(t: Tensor, dims: readonly number[], keepdim: boolean, shape: readonly number[]): Tensor {
  let r = t;
  if (!keepdim && r.ndim !== shape.length) for (const d of dims) r = O.unsqueeze(r, d);
  return O.expand(r, shape);
}

registerFormula('NansumBackward0', (node, grads) => {
  const x = savedTensor(node, 0);
  const { dims, keepdim } = statDims(node, x.ndim);
  const g = back(grads[0]!, dims, keepdim, x.shape);
  return [O.where(K.isnan(x), 0, g)];
});

registerFormula(['VarMeanBackward0', 'StdMeanBackward0'], (node, grads) => {
  const x = savedTensor(node, 0);
  const res = savedTensor(node, 1);
  const { dims, keepdim } = statDims(node, x.ndim);
  const n = dims.reduce((a, d) => a * x.shape[d], 1);
  const corr = (node.ctx.correction as number | undefined) ?? 1;
  let out: Tensor | null = null;
  const [gStat, gMean] = grads;
  if (gStat != null) {
    const centered = O.sub(x, O.mean(x, dims, true));
    const g = back(gStat, dims, keepdim, x.shape);
    out =
      node.name === 'VarMeanBackward0'
        ? O.mul(g, O.mul(centered, 2 / (n - corr)))
        : O.div(O.mul(g, centered), O.mul(back(res, dims, keepdim, x.shape), n - corr));
  }
  if (gMean != null) {
    const m = O.div(back(gMean, dims, keepdim, x.shape), n);
    out = out === null ? m : O.add(out, m);
  }
  return [out];
});

registerFormula(['MedianBackward0', 'NanmedianBackward0'], (node, grads) => {
  const x = savedTensor(node, 0);
  const r = savedTensor(node, 1);
  const g = grads[0]!;
  const hit = node.name === 'MedianBackward0' ? O.or(O.eq(x, r), O.and(K.isnan(x), K.isnan(r))) : O.eq(x, r);
  const count = O.sum(hit);
  return [O.where(hit, O.div(g, count), 0)];
});

registerFormula('FrexpBackward0', (node, grads) => {
  const e = savedTensor(node, 0);
  const g = grads[0]!;
  // mantissa = x · 2^-exponent (the exponent is an integer output: no gradient)
  return [O.div(g, exp2(O.castTo(e, g.dtype)))];
});
