// The margin / embedding losses of torch.nn.functional that ATen composes from pointwise ops
// (aten/src/ATen/native/Loss.cpp): margin_ranking_loss, hinge_embedding_loss,
// cosine_embedding_loss, triplet_margin_loss. Each is built here from the engine's differentiable
// ops in Loss.cpp's order, so float32 rounding and the recorded graph (ClampMinBackward0,
// AddBackward0, MeanBackward0 ...) are PyTorch's without formulas of their own.
// functional_more.ts merges these entries into torch.nn.functional.

import { PyError } from '../../../errors';
import { PyBuiltinFunction, PyFloat, type PyValue } from '../../object';
import { binder } from '../args';
import * as E from './tensor/engine';
import type { Tensor } from './tensor/engine';

const num = (v: PyValue): number => (v instanceof PyFloat ? v.v : typeof v === 'boolean' ? (v ? 1 : 0) : Number(v));
const f = (v: number): PyFloat => new PyFloat(v);
const truth = (v: PyValue): boolean => v === true || (typeof v === 'number' && v !== 0);
const T = (v: PyValue, fn: string, name: string, pos: number): Tensor => {
  if (!(v instanceof E.Tensor)) throw new PyError('TypeError', `${fn}(): argument '${name}' (position ${pos}) must be Tensor, not ${typeof v}`);
  return v;
};
const sizeOf = (t: Tensor): string => `torch.Size([${t.shape.join(', ')}])`;

/** apply_loss_reduction (Loss.cpp): 'none' | 'mean' | 'sum'; other strings raise as _Reduction does. */
function reduce(t: Tensor, r: PyValue): Tensor {
  if (r === 'none') return t;
  if (r === 'mean') return E.mean(t);
  if (r === 'sum') return E.sum(t);
  throw new PyError('ValueError', `${String(r)} is not a valid value for reduction`);
}
/** size_average / reduce (legacy) folded into a reduction string, as _Reduction.legacy_get_string. */
function legacy(sa: PyValue, rd: PyValue, r: PyValue): PyValue {
  if (sa === null && rd === null) return r;
  const s = sa === null ? true : truth(sa);
  const d = rd === null ? true : truth(rd);
  return !d ? 'none' : s ? 'mean' : 'sum';
}

const F = new Map<string, PyValue>();
function pyFn(sig: string, fn: (v: PyValue[]) => PyValue): void {
  const bind = binder(sig);
  const name = sig.slice(0, sig.indexOf('('));
  F.set(name, new PyBuiltinFunction(name, (a, kw) => fn(bind(a, kw).values), `torch.nn.functional.${name}`));
}

pyFn("margin_ranking_loss(input1, input2, target, margin=0, size_average=None, reduce=None, reduction='mean')", ([a, b, y, m, sa, rd, r]) => {
  const [x1, x2, t] = [T(a, 'margin_ranking_loss', 'input1', 1), T(b, 'margin_ranking_loss', 'input2', 2), T(y, 'margin_ranking_loss', 'target', 3)];
  if (x1.ndim !== x2.ndim || x2.ndim !== t.ndim)
    throw new PyError('RuntimeError', `margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: ${sizeOf(x1)}, input2: ${sizeOf(x2)}, target: ${sizeOf(t)} `);
  // (-target * (input1 - input2) + margin).clamp_min_(0)
  return reduce(E.clampMin(E.add(E.mul(E.neg(t), E.sub(x1, x2)), f(num(m))), 0), legacy(sa, rd, r));
});

pyFn("hinge_embedding_loss(input, target, margin=1.0, size_average=None, reduce=None, reduction='mean')", ([a, y, m, sa, rd, r]) => {
  const [x, t] = [T(a, 'hinge_embedding_loss', 'input', 1), T(y, 'hinge_embedding_loss', 'target', 2)];
  const zeros = E.zeros(x.shape, { dtype: x.dtype });
  const marginClamp = E.clampMin(E.rsub(x, f(num(m))), 0);
  const outMargin = E.where(E.ne(t, 1), marginClamp, zeros);
  const outSelf = E.where(E.ne(t, -1), x, zeros);
  return reduce(E.add(outMargin, outSelf), legacy(sa, rd, r));
});

pyFn("cosine_embedding_loss(input1, input2, target, margin=0, size_average=None, reduce=None, reduction='mean')", ([a, b, y, m, sa, rd, r]) => {
  const [x1, x2, t] = [T(a, 'cosine_embedding_loss', 'input1', 1), T(b, 'cosine_embedding_loss', 'input2', 2), T(y, 'cosine_embedding_loss', 'target', 3)];
  const dim = x1.ndim === 1 ? 0 : 1;
  const EPS = 1e-12;
  const prodSum = E.sum(E.mul(x1, x2), dim);
  const mag1 = E.add(E.sum(E.mul(x1, x1), dim), f(EPS));
  const mag2 = E.add(E.sum(E.mul(x2, x2), dim), f(EPS));
  const cos = E.div(prodSum, E.sqrt(E.mul(mag1, mag2)));
  const zeros = E.zeros(cos.shape, { dtype: cos.dtype });
  const pos = E.rsub(cos, 1);
  const neg = E.clampMin(E.sub(cos, f(num(m))), 0);
  const out = E.add(E.where(E.eq(t, 1), pos, zeros), E.where(E.eq(t, -1), neg, zeros));
  return reduce(out, legacy(sa, rd, r));
});

pyFn("triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-06, swap=False, size_average=None, reduce=None, reduction='mean')", ([a, po, ne, m, p, eps, swap, sa, rd, r]) => {
  const [an, ps, ng] = [T(a, 'triplet_margin_loss', 'anchor', 1), T(po, 'triplet_margin_loss', 'positive', 2), T(ne, 'triplet_margin_loss', 'negative', 3)];
  // at::pairwise_distance: norm(x1 - x2 + eps, p, last dim)
  const dist = (x: Tensor, y: Tensor): Tensor => E.norm(E.add(E.sub(x, y), f(num(eps))), num(p), -1, false);
  const dPos = dist(an, ps);
  let dNeg = dist(an, ng);
  if (truth(swap)) dNeg = E.minimum(dNeg, dist(ps, ng));
  return reduce(E.clampMin(E.sub(E.add(dPos, f(num(m))), dNeg), 0), legacy(sa, rd, r));
});

/** The loss entries functional_more.ts adds to `torch.nn.functional`. */
export function functionalLossEntries(): Map<string, PyValue> {
  return new Map(F);
}
