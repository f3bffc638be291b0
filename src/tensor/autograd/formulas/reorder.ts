// Backward formulas of the reordering and selection ops (tensor/ops/reorder.ts, sort.ts): flip and
// roll are undone by themselves, repeat sums its tiles, tril/triu mask the gradient the same way,
// and the value-selecting ops (sort, topk, kthvalue, median(dim), mode) scatter the gradient back
// to the positions their saved indices name along ctx.dim.

import type { Tensor } from '../../tensor';
import * as O from '../ops';
import { flip, roll, tril, triu } from '../../ops/reorder';
import { ctxField, inputMetaOrNull, savedTensor } from '../meta';
import { registerFormula } from '../registry';
import { putAddFlat } from './flat';
import { annotate } from '../annotate';

registerFormula('FlipBackward0', (node, grads) => {
  const dims = ctxField<number[]>(node, 'dims');
  return [annotate(flip(grads[0]!, dims), [grads[0]!], { dims })];
});
registerFormula('RollBackward0', (node, grads) => {
  const shifts = ctxField<number | number[]>(node, 'shifts');
  const dims = (node.ctx.dims as number | number[] | null | undefined) ?? null;
  const neg = typeof shifts === 'number' ? -shifts : shifts.map((s) => -s);
  return [annotate(roll(grads[0]!, neg, dims), [grads[0]!], { shifts: neg, dims })];
});
registerFormula(['TrilBackward0', 'TriuBackward0'], (node, grads) => {
  const diagonal = ctxField<number>(node, 'diagonal');
  const f = node.name === 'TrilBackward0' ? tril : triu;
  return [annotate(f(grads[0]!, diagonal), [grads[0]!], { diagonal })];
});
registerFormula('RepeatBackward0', (node, grads) => {
  const repeats = ctxField<number[]>(node, 'repeats');
  const g = grads[0]!;
  // view g as [r0, s0, r1, s1, ...] and sum the r's
  const split: number[] = [];
  repeats.forEach((r, i) => split.push(r, g.shape[i] / r));
  const summed = O.sum(O.reshape(g, split), repeats.map((_, i) => 2 * i));
  const inShape = inputMetaOrNull(node, 0)?.shape ?? summed.shape;
  return [O.reshape(summed, inShape)];
});

/** Scatter `g` (shaped like the selection, keepdim or not) into zeros(inShape) at `indices` along `dim`. */
export function scatterAlongDim(g: Tensor, indices: Tensor, inShape: readonly number[], dim: number, keepdim: boolean): Tensor {
  const d = dim < 0 ? dim + inShape.length : dim;
  const gi = keepdim || g.ndim === inShape.length ? g : O.unsqueeze(g, d);
  const ii = keepdim || indices.ndim === inShape.length ? indices : O.unsqueeze(indices, d);
  const iv = ii.dataSync() as BigInt64Array;
  const flat = new Int32Array(iv.length);
  const inner = inShape.slice(d + 1).reduce((x, y) => x * y, 1);
  const k = ii.shape[d] ?? 1;
  for (let j = 0; j < iv.length; j++) {
    const o = Math.floor(j / (inner * k));
    flat[j] = (o * (inShape[d] ?? 1) + Number(iv[j])) * inner + (j % inner);
  }
  return O.reshape(putAddFlat(gi, flat, [inShape.reduce((x, y) => x * y, 1)]), inShape);
}

registerFormula(['SortBackward0', 'TopkBackward0', 'KthvalueBackward0', 'MedianBackward1', 'NanmedianBackward1', 'ModeBackward0'], (node, grads) => {
  const idx = savedTensor(node, 0);
  const dim = ctxField<number>(node, 'dim');
  const keepdim = node.name === 'SortBackward0' || node.name === 'TopkBackward0' ? true : ((node.ctx.keepdim as boolean | undefined) ?? false);
  const g = grads[0]!;
  const inShape = node.name === 'SortBackward0' ? g.shape : (inputMetaOrNull(node, 0)?.shape ?? ctxField<number[]>(node, 'inputShape'));
  return [scatterAlongDim(g, idx, inShape, dim, keepdim)];
});

registerFormula(['CummaxBackward0', 'CumminBackward0'], (node, grads) => {
  const g = grads[0]!;
  return [scatterAlongDim(g, savedTensor(node, 0), g.shape, ctxField<number>(node, 'dim'), true)];
});

/** logcumsumexp: dx_j = exp(x_j) · Σ_{i ≥ j} g_i · exp(-out_i) (a reversed cumulative sum). */
registerFormula('LogcumsumexpBackward0', (node, grads) => {
  const [x, out] = [savedTensor(node, 0), savedTensor(node, 1)];
  const dim = ctxField<number>(node, 'dim');
  const w = O.mul(grads[0]!, O.exp(O.neg(out)));
  const rev = O.add(O.sub(O.sum(w, dim, true), cumsum(w, dim)), w);
  return [O.mul(rev, O.exp(x))];
});
import { cumsum } from '../../ops/reduce';

// PyTorch has no derivative for unique (fixtures/unique.oracle.py): backward raises.
registerFormula('Unique2Backward0', () => {
  throw new PyError('NotImplementedError', "the derivative for '_unique2' is not implemented.");
});
registerFormula('UniqueConsecutiveBackward0', () => {
  throw new PyError('NotImplementedError', "the derivative for 'unique_consecutive' is not implemented.");
});
import { PyError } from '../../../errors';
