// Backward formulas of view and join ops. Pure reshapes (view, unsqueeze, squeeze, flatten's
// view) reshape the gradient back; t/transpose/permute transpose it back; everything else that
// picks elements out of its input (select, slice, narrow, diagonal, as_strided, unbind, split,
// a view's CopySlices) is handled once, generically: the output's elements sit at storage
// offsets, those offsets map to input elements, and the gradient is scatter-added there (flat.ts).

import type { GradNode } from '../../grad';
import type { Tensor } from '../../tensor';
import * as O from '../ops';
import { ctxField, inputMeta, missing, outputMeta, type TensorMeta } from '../meta';
import { registerFormula } from '../registry';
import { flatIndexOf, offsetsOf, putAddFlat } from './flat';
import { formulaFor } from '../registry';
import { contiguousStrides } from '../../shape';

const numel = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

registerFormula(['ViewBackward0', 'UnsafeViewBackward0', 'UnsqueezeBackward0', 'SqueezeBackward0', 'SqueezeBackward1', 'SqueezeBackward2'], (node, grads) => {
  if (node.next.length > 1) missing(node, 'a bilinear backward (not implemented)');
  return [O.reshape(grads[0]!, inputMeta(node, 0).shape)];
});
registerFormula('SqueezeBackward4', (node, grads) => [O.unsqueeze(grads[0]!, ctxField<number>(node, 'dim'))]);
// the in-place view methods (t_, transpose_, squeeze_, unsqueeze_): the gradient goes back to
// the layout the tensor had before
registerFormula(['UnsqueezeBackward1', 'SqueezeBackward3', 'SqueezeBackward5'], (node, grads) => [O.reshape(grads[0]!, inputMeta(node, 0).shape)]);
registerFormula('TransposeBackward1', (node, grads) => [O.transpose(grads[0]!, node.ctx.dim0 as number, node.ctx.dim1 as number)]);
registerFormula('TBackward1', (_node, grads) => [grads[0]!.ndim < 2 ? grads[0]! : O.t_(grads[0]!)]);
registerFormula('ExpandBackward0', (node, grads) => [O.sumTo(grads[0]!, inputMeta(node, 0).shape)]);
registerFormula('TBackward0', (_node, grads) => [grads[0]!.ndim < 2 ? grads[0]! : O.t_(grads[0]!)]);
registerFormula('TransposeBackward0', (node, grads) => {
  if (node.ctx.dim0 !== undefined) return [O.transpose(grads[0]!, node.ctx.dim0 as number, node.ctx.dim1 as number)];
  return [strided(node, [grads[0]])];
});
registerFormula('PermuteBackward0', (node, grads) => {
  const dims = node.ctx.dims as number[] | undefined;
  if (dims === undefined) return [strided(node, [grads[0]])];
  const inv = new Array<number>(dims.length);
  dims.forEach((d, i) => (inv[(d + dims.length) % dims.length] = i));
  return [O.permute(grads[0]!, inv)];
});

/** The generic view backward: scatter each output's gradient onto the input's elements. */
function strided(node: GradNode, grads: readonly (Tensor | null)[]): Tensor {
  const inMeta = inputMeta(node, 0);
  let acc: Tensor | null = null;
  grads.forEach((g, k) => {
    if (g == null) return;
    const om = outputLayout(node, k, g);
    const idx = flatIndexOf(inMeta, offsetsOf(om.shape, om.strides ?? contiguousStrides(om.shape), om.offset ?? 0));
    const part = putAddFlat(g, idx, [numel(inMeta.shape)], inMeta.dtype);
    acc = acc === null ? part : O.add(acc, part);
  });
  if (acc === null) return O.zerosOf(inMeta.shape, inMeta.dtype);
  return O.reshape(acc, inMeta.shape);
}

function outputLayout(node: GradNode, k: number, g: Tensor): TensorMeta {
  const m = outputMeta(node, k);
  if (m !== null) return m;
  if (node.name === 'AsStridedBackward0' && node.ctx.size !== undefined)
    return { shape: node.ctx.size as number[], strides: node.ctx.stride as number[], offset: node.ctx.offset as number, dtype: g.dtype };
  return missing(node, `the layout of output ${k} (ctx.outputMeta)`);
}

registerFormula(
  ['SelectBackward0', 'SliceBackward0', 'DiagonalBackward0', 'AsStridedBackward0', 'UnbindBackward0', 'SplitBackward0', 'SplitWithSizesBackward0', 'UnfoldBackward0'],
  (node, grads) => [strided(node, grads)],
);

/** An in-place op on a view rewrote its base's history: run the op's formula on the view's
 * slice of the base's gradient, and pass the rest of the base's gradient through unchanged. */
registerFormula('CopySlices', (node, grads, fx) => {
  const g = grads[0]!;
  const fn = node.ctx.fn as GradNode;
  const size = node.ctx.viewShape as number[];
  const stride = node.ctx.viewStrides as number[];
  const offset = node.ctx.viewOffset as number;
  const baseMeta = inputMeta(node, 0);
  const idx = flatIndexOf(baseMeta, offsetsOf(size, stride, offset));
  const flatG = O.reshape(O.clone(g), [numel(baseMeta.shape)]);
  const gView = O.reshape(takeFrom(flatG, idx), size);
  const f = formulaFor(fn.name);
  if (f === undefined) missing(node, `a formula for ${fn.name}`);
  const res = f(fn, [gView], { createGraph: fx.createGraph, needs: fn.next.map((_, i) => i === 0 || (fx.needs[i] ?? false)) });
  // the base's gradient: g outside the view, the op's self-gradient inside it
  const selfG = res[0] ?? O.mul(gView, 0);
  const outside = O.mul(flatG, maskOutside(idx, numel(baseMeta.shape), g));
  const base = O.add(outside, putAddFlat(O.sumTo(selfG, size), idx, [numel(baseMeta.shape)], baseMeta.dtype));
  return [O.reshape(base, baseMeta.shape), ...res.slice(1)];
});

import { takeFlat } from './flat';
import { Tensor as TensorCls } from '../../tensor';
const takeFrom = (flat: Tensor, idx: Int32Array): Tensor => takeFlat(flat, idx, [idx.length]);
function maskOutside(idx: Int32Array, n: number, like: Tensor): Tensor {
  const m = TensorCls.empty([n], like.dtype);
  const d = m.storage.data as Float32Array;
  d.fill(1);
  for (let k = 0; k < idx.length; k++) d[idx[k]] = 0;
  return m;
}

// --- joins --------------------------------------------------------------------------------------
registerFormula('CatBackward0', (node, grads) => {
  const g = grads[0]!;
  const d = ctxField<number>(node, 'dim');
  const dim = d < 0 ? d + g.ndim : d;
  let start = 0;
  return node.next.map((_, i) => {
    const m = inputMeta(node, i);
    if (m.shape.length === 1 && m.shape[0] === 0 && g.ndim !== 1) return null; // legacy-skipped empty input
    const len = m.shape[dim];
    const part = sliceAlong(g, dim, start, len);
    start += len;
    return part;
  });
});
registerFormula('StackBackward0', (node, grads) => {
  const g = grads[0]!;
  const d = ctxField<number>(node, 'dim');
  const dim = d < 0 ? d + g.ndim : d;
  return node.next.map((_, i) => O.reshape(sliceAlong(g, dim, i, 1), g.shape.filter((_, k) => k !== dim)));
});

const sliceAlong = (g: Tensor, dim: number, start: number, len: number): Tensor => O.narrow(g, dim, start, len);

/** Ops that gather arbitrary elements of their input record, for each output element (row-major),
 * its storage offset in the input's memory (ctx.offsets): the gradient scatter-adds back there. */
registerFormula(['IndexBackward0', 'MaskedSelectBackward0', 'IndexSelectBackward0', 'GatherBackward0'], (node, grads) => {
  const offsets = ctxField<ArrayLike<number>>(node, 'offsets');
  const inMeta = inputMeta(node, 0);
  const idx = flatIndexOf(inMeta, offsets);
  const g = grads[0]!;
  return [O.reshape(putAddFlat(g, idx, [numel(inMeta.shape)], inMeta.dtype), inMeta.shape)];
});
