// Backward formulas of reductions, scans and softmax-like normalisations. A reduction's gradient
// is the incoming one re-expanded over the reduced dims (unsqueezed back first when keepdim was
// false), times each op's local derivative. The forward records which dims it reduced in
// ctx.dims/keepdim (a full reduction needs neither) and saves what PyTorch saves.

import { PyError } from '../../../errors';
import type { GradNode } from '../../grad';
import type { Tensor } from '../../tensor';
import { wrapDims } from '../../shape';
import * as O from '../ops';
import { ctxField, inputMeta, savedTensor } from '../meta';
import { registerFormula } from '../registry';
import { putAddFlat } from './flat';
import { pointwiseLossBackward } from './nn';

const FULL = new Set(['SumBackward0', 'MeanBackward0', 'MaxBackward1', 'MinBackward1', 'ProdBackward0']);

/** The reduced dims (wrapped) and keepdim of a reduction node. */
function dimsOf(node: GradNode, ndim: number): { dims: number[]; keepdim: boolean } {
  if (FULL.has(node.name) || node.ctx.dims === null) return { dims: Array.from({ length: ndim }, (_, i) => i), keepdim: false };
  const d = ctxField<number | number[]>(node, node.ctx.dims !== undefined ? 'dims' : 'dim');
  const list = typeof d === 'number' ? [d] : d.length === 0 ? Array.from({ length: ndim }, (_, i) => i) : d;
  return { dims: wrapDims(list, Math.max(ndim, 1)).filter((x) => x < Math.max(ndim, 0) || ndim === 0), keepdim: (node.ctx.keepdim as boolean | undefined) ?? false };
}

/** Bring a reduced tensor back to the input's rank (size 1 on reduced dims). */
function unreduce(t: Tensor, dims: readonly number[], keepdim: boolean, ndim: number): Tensor {
  if (keepdim || t.ndim === ndim) return t;
  let r = t;
  for (const d of [...dims].sort((a, b) => a - b)) r = O.unsqueeze(r, d);
  return r;
}

function reduced(node: GradNode, g: Tensor): { shape: readonly number[]; dims: number[]; n: number; g: Tensor } {
  const shape = inputMeta(node, 0).shape;
  const { dims, keepdim } = dimsOf(node, shape.length);
  const n = dims.reduce((a, d) => a * (shape[d] ?? 1), 1);
  return { shape, dims, n, g: unreduce(g, dims, keepdim, shape.length) };
}

registerFormula(['SumBackward0', 'SumBackward1'], (node, grads, fx) => {
  if (node.ctx.loss !== undefined) return pointwiseLossBackward(node, grads, fx.needs);
  const r = reduced(node, grads[0]!);
  return [O.expand(r.g, r.shape)];
});
registerFormula(['MeanBackward0', 'MeanBackward1'], (node, grads, fx) => {
  if (node.ctx.loss !== undefined) return pointwiseLossBackward(node, grads, fx.needs);
  const r = reduced(node, grads[0]!);
  return [O.expand(O.div(r.g, r.n), r.shape)];
});
registerFormula(['ProdBackward0', 'ProdBackward1'], (node, grads) => {
  const a = savedTensor(node, 0);
  const res = savedTensor(node, 1);
  const r = reduced(node, grads[0]!);
  const out = unreduce(res, r.dims, r.g === grads[0] ? true : false, r.shape.length);
  // product of the others = result / a where a ≠ 0; with zeros, recompute with that entry set to 1
  const safe = O.where(O.eq(a, 0), O.onesLike(a), a);
  let others = O.div(O.expand(unreduce(res, r.dims, false, r.shape.length), r.shape), safe);
  const zeros = O.eq(a, 0);
  if (O.sum(zeros).item() !== 0) {
    const prodNonzero = O.expand(unreduce(prodOver(safe, r.dims), r.dims, false, r.shape.length), r.shape);
    const zeroCount = O.expand(unreduce(O.sum(zeros, r.dims), r.dims, false, r.shape.length), r.shape);
    others = O.where(zeros, O.where(O.eq(zeroCount, 1), prodNonzero, O.mul(prodNonzero, 0)), O.where(O.gt(zeroCount, 0), O.mul(others, 0), others));
  }
  void out;
  return [O.mul(O.expand(r.g, r.shape), others)];
});
import { prod } from '../../ops/reduce';
function prodOver(t: Tensor, dims: readonly number[]): Tensor {
  let r = t;
  for (const d of [...dims].sort((a, b) => b - a)) r = prod(r, d);
  return r;
}

/** Full max/min: the gradient is shared evenly among the tied extrema. */
registerFormula(['MaxBackward1', 'MinBackward1', 'AmaxBackward0', 'AminBackward0'], (node, grads) => {
  const a = savedTensor(node, 0);
  const res = savedTensor(node, 1);
  const r = reduced(node, grads[0]!);
  const hit = O.eq(a, O.expand(unreduce(res, r.dims, node.ctx.keepdim === true, a.ndim), a.shape));
  const count = O.sum(hit, r.dims, true);
  return [O.div(O.mul(O.expand(r.g, r.shape), hit), count)];
});

/** max(dim)/min(dim): the gradient goes to the selected index. Saved: indices (keepdim or not). */
registerFormula(['MaxBackward0', 'MinBackward0'], (node, grads) => {
  const shape = inputMeta(node, 0).shape;
  const dim = ctxField<number>(node, 'dim');
  const keepdim = (node.ctx.keepdim as boolean | undefined) ?? false;
  const idx = savedTensor(node, 0);
  const g = grads[0] ?? null;
  if (g === null) return [null];
  const d = dim < 0 ? dim + shape.length : dim;
  const gi = keepdim ? g : O.unsqueeze(g, d);
  const ii = keepdim ? idx : O.unsqueeze(idx, d);
  // flat index of each selected element
  const iv = ii.dataSync() as BigInt64Array;
  const flat = new Int32Array(iv.length);
  const inner = shape.slice(d + 1).reduce((x, y) => x * y, 1);
  for (let k = 0; k < iv.length; k++) {
    const o = Math.floor(k / inner);
    flat[k] = (o * shape[d] + Number(iv[k])) * inner + (k % inner);
  }
  return [O.reshape(putAddFlat(gi, flat, [shape.reduce((x, y) => x * y, 1)]), shape)];
});

registerFormula(['VarBackward0', 'StdBackward0'], (node, grads) => {
  const a = savedTensor(node, 0);
  const r = reduced(node, grads[0]!);
  const corr = (node.ctx.correction as number | undefined) ?? 1;
  const centered = O.sub(a, O.mean(a, r.dims, true));
  if (node.name === 'VarBackward0') return [O.mul(O.expand(r.g, r.shape), O.mul(centered, 2 / (r.n - corr)))];
  const res = unreduce(savedTensor(node, 1), r.dims, node.ctx.keepdim === true, a.ndim);
  return [O.div(O.mul(O.expand(r.g, r.shape), centered), O.mul(res, r.n - corr))];
});

/** d‖a‖_p / da · g, with the norm `rr` and the gradient `g` already expanded to a's shape. */
function normGrad(a: Tensor, rr: Tensor, g: Tensor, p: number, dims: number[]): Tensor {
  if (p === 0) return O.mul(g, 0);
  if (p === 1) return O.mul(g, O.sign(a));
  if (p === Infinity || p === -Infinity) {
    const hit = O.eq(O.abs(a), rr);
    return O.div(O.mul(O.mul(g, O.sign(a)), hit), O.sum(hit, dims, true));
  }
  if (p === 2) return O.where(O.eq(rr, 0), O.mul(g, 0), O.div(O.mul(g, a), rr));
  // FunctionsManual's norm_backward: below p = 2 the scaled input is sgn(a)·|a|^(p-1), which is 0
  // (not 0·∞) at a = 0; below p = 1 that zero is forced and the norm multiplies (‖a‖^(1-p))
  if (p < 1) {
    const scaled = O.where(O.eq(a, 0), O.mul(a, 0), O.mul(O.sign(a), O.pow(O.abs(a), p - 1)));
    return O.mul(O.mul(scaled, g), O.pow(rr, 1 - p));
  }
  const scaled = p < 2 ? O.mul(O.sign(a), O.pow(O.abs(a), p - 1)) : O.mul(a, O.pow(O.abs(a), p - 2));
  return O.where(O.eq(rr, 0), O.mul(g, 0), O.div(O.mul(scaled, g), O.pow(rr, p - 1)));
}

registerFormula('LinalgVectorNormBackward0', (node, grads) => {
  const a = savedTensor(node, 0);
  const res = savedTensor(node, 1);
  const r = reduced(node, grads[0]!);
  const p = (node.ctx.p as number | undefined) ?? 2;
  const rr = O.expand(unreduce(res, r.dims, node.ctx.keepdim === true, a.ndim), a.shape);
  return [normGrad(a, rr, O.expand(r.g, r.shape), p, r.dims)];
});

// torch.dist: norm_backward(grad, self - other, p, result) for self, its negation for other (the
// engine sums each down to its input's broadcast shape)
registerFormula('DistBackward0', (node, grads, fx) => {
  if (ctxField<number>(node, 'p') === 0) {
    // norm_backward is undefined for p = 0: no gradient for self, and negating it for other fails
    if (fx.needs[1])
      throw new PyError('RuntimeError', "Expected a proper Tensor but got None (or an undefined Tensor in C++) for argument #0 'self'");
    return [null, null];
  }
  const d = O.sub(savedTensor(node, 0), savedTensor(node, 1));
  const res = savedTensor(node, 2);
  const dims = d.shape.map((_, i) => i);
  const gd = normGrad(d, O.expand(res, d.shape), O.expand(grads[0]!, d.shape), ctxField<number>(node, 'p'), dims);
  return [fx.needs[0] ? gd : null, fx.needs[1] ? O.neg(gd) : null];
});

registerFormula('LogsumexpBackward0', (node, grads) => {
  const x = savedTensor(node, 0);
  const out = savedTensor(node, 1);
  const { dims, keepdim } = dimsOf(node, x.ndim);
  const g = unreduce(grads[0]!, dims, keepdim, x.ndim);
  return [O.mul(g, O.exp(O.sub(x, unreduce(out, dims, keepdim, x.ndim))))];
});

registerFormula('CumsumBackward0', (node, grads) => {
  const dim = ctxField<number>(node, 'dim');
  const g = grads[0]!;
  // reversed cumulative sum: total - cumsum + g
  return [O.add(O.sub(O.sum(g, dim, true), cumsum(g, dim)), g)];
});
registerFormula('CumprodBackward0', (node, grads) => {
  const dim = ctxField<number>(node, 'dim');
  const a = savedTensor(node, 0);
  const res = savedTensor(node, 1);
  const w = O.mul(grads[0]!, res);
  const rev = O.add(O.sub(O.sum(w, dim, true), cumsum(w, dim)), w);
  return [O.div(rev, a)];
});
import { cumsum } from '../../ops/reduce';

registerFormula('SoftmaxBackward0', (node, grads) => {
  const y = savedTensor(node, 0);
  const dim = ctxField<number>(node, 'dim');
  const g = grads[0]!;
  return [O.mul(O.sub(g, O.sum(O.mul(g, y), dim, true)), y)];
});
registerFormula('LogSoftmaxBackward0', (node, grads) => {
  const y = savedTensor(node, 0);
  const dim = ctxField<number>(node, 'dim');
  const g = grads[0]!;
  return [O.sub(g, O.mul(O.exp(y), O.sum(g, dim, true)))];
});
